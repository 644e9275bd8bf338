//! The template files a file's render calls name, read from disk for the
//! dataflow analysis (`vigil_taint::template_files`): looked up in a
//! `templates` folder beside the file or in one of the folders above it,
//! as Flask apps and Django apps keep them. A template is only read: no
//! link is followed, no file over [`MAX_TEMPLATE_BYTES`] is read, and a
//! name that could leave the `templates` folder is not looked up.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::path::{Component, Path};
use std::sync::Arc;
use vigil_taint::template_files::{TemplateFile, TemplateFiles, scan_template};

/// Templates larger than this are not read.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;
/// How many folders up from the file a `templates` folder is looked for.
const LEVELS_UP: usize = 4;
/// Template names remembered per file (a hostile file naming thousands of
/// templates reads each once, and keeps at most this many).
const MAX_REMEMBERED: usize = 256;

/// The templates of one file's render calls.
pub(crate) struct TemplateLookup<'p> {
    dir: &'p Path,
    found: RefCell<FxHashMap<String, Option<Arc<TemplateFile>>>>,
}

impl<'p> TemplateLookup<'p> {
    /// Lookups for the file at `path` (on disk).
    pub fn beside(path: &'p Path) -> TemplateLookup<'p> {
        TemplateLookup {
            dir: path.parent().unwrap_or(Path::new("")),
            found: RefCell::default(),
        }
    }

    fn read(&self, name: &str) -> Option<Arc<TemplateFile>> {
        let relative = Path::new(name);
        let plain = !name.is_empty()
            && name.len() <= 255
            && !name.contains(['\\', '\0', ':'])
            && relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return None;
        }
        let start = if self.dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            self.dir
        };
        start.ancestors().take(LEVELS_UP + 1).find_map(|dir| {
            let path = dir.join("templates").join(relative);
            let metadata = std::fs::symlink_metadata(&path).ok()?;
            if !metadata.is_file() || metadata.len() > MAX_TEMPLATE_BYTES {
                return None;
            }
            let bytes = std::fs::read(&path).ok()?;
            let text = String::from_utf8_lossy(&bytes);
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            Some(Arc::new(TemplateFile {
                path: vigil_report::path_text(&path),
                extension,
                facts: scan_template(&text),
            }))
        })
    }
}

impl TemplateFiles for TemplateLookup<'_> {
    fn find(&self, name: &str) -> Option<Arc<TemplateFile>> {
        if let Some(known) = self.found.borrow().get(name) {
            return known.clone();
        }
        let read = self.read(name);
        let mut found = self.found.borrow_mut();
        if found.len() < MAX_REMEMBERED {
            found.insert(name.to_string(), read.clone());
        }
        read
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_found_above_the_file_and_never_outside_templates() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("app/templates/page.html", "{{ a|safe }}");
        write("app/views/admin/views.py", "");
        write("app/secret.html", "{{ b|safe }}");
        let view = root.join("app/views/admin/views.py");
        let lookup = TemplateLookup::beside(&view);
        let page = lookup.find("page.html").expect("two folders up");
        assert_eq!(page.extension, "html");
        assert_eq!(page.facts.unescaped().count(), 1);
        for name in ["../secret.html", "/etc/passwd", "", "a\\..\\b", "c:/x.html"] {
            assert!(lookup.find(name).is_none(), "{name}");
        }
        // A link is not followed, a large file not read.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                root.join("app/secret.html"),
                root.join("app/templates/l.html"),
            )
            .unwrap();
            assert!(lookup.find("l.html").is_none());
        }
        write(
            "app/templates/big.html",
            &"x".repeat(MAX_TEMPLATE_BYTES as usize + 1),
        );
        assert!(lookup.find("big.html").is_none());
    }
}
