//! Reading a manifest: bounded size, lossy UTF-8, byte offset → line.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest manifest read; larger files are reported, not parsed.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Longest declaration text kept for reports.
const MAX_TEXT_CHARS: usize = 200;

/// A manifest's text with a line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the user.
    pub display: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// The last line shown ([`SourceFile::line_text`]): a one-line array of
    /// 100,000 requirements asks for the same line 100,000 times.
    last_line: std::cell::RefCell<Option<(u32, String)>>,
}

impl SourceFile {
    /// Reads a file; the error is a reason fit for a report.
    pub fn read(path: &Path) -> Result<Self, String> {
        // Only regular files: a FIFO or a device would block or never end.
        let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
        if !meta.is_file() {
            return Err("not a regular file".to_owned());
        }
        let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read: {e}"))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(format!(
                "file larger than {} MiB, not parsed",
                MAX_FILE_BYTES >> 20
            ));
        }
        Ok(Self::new(
            display_path(path),
            &String::from_utf8_lossy(&bytes),
        ))
    }

    /// Wraps text already in memory.
    pub fn new(display: String, text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_owned();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            display,
            text,
            line_starts,
            last_line: std::cell::RefCell::new(None),
        }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        let index = self.line_starts.partition_point(|&start| start <= offset);
        u32::try_from(index.max(1)).unwrap_or(u32::MAX)
    }

    /// The text of a 1-based line, without its line break, shortened.
    pub fn line_text(&self, line: u32) -> String {
        if let Some((cached, text)) = &*self.last_line.borrow()
            && *cached == line
        {
            return text.clone();
        }
        let text = self.compute_line_text(line);
        *self.last_line.borrow_mut() = Some((line, text.clone()));
        text
    }

    fn compute_line_text(&self, line: u32) -> String {
        let index = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(index) else {
            return String::new();
        };
        let end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        // Only the start of the line is looked at: a one-line array of
        // 100,000 requirements must not cost 100,000 copies of the line.
        let end = end.min(start + MAX_TEXT_CHARS * 4 + 8);
        let end = floor_boundary(&self.text, end);
        shorten(self.text[start..end].trim_end_matches(['\n', '\r']))
    }
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Cuts a text to a length fit for reports, with credentials masked
/// (`vigil_secrets::mask_secrets`: URL user-info, tokens): every text of the
/// scanned tree that a report shows (declaration lines for code frames,
/// requirements, reasons) is made here. Bounded work whatever the length.
pub fn shorten(text: &str) -> String {
    let text = text.trim();
    let limit = floor_boundary(text, text.len().min(MAX_TEXT_CHARS * 4 + 8));
    let truncated = limit < text.len();
    let mut head = text[..limit].to_owned();
    if truncated && let Some(scheme) = head.rfind("://") {
        // A URL cut before its `@` would not be recognised as holding
        // credentials: hide what follows its scheme.
        let rest = &head[scheme + 3..];
        if !rest.contains(['/', '?', '#', ' ', '"', '\'']) {
            head.truncate(scheme + 3);
            head.push('…');
        }
    }
    let masked = vigil_secrets::mask_secrets(&head);
    if !truncated && masked.chars().take(MAX_TEXT_CHARS + 1).count() <= MAX_TEXT_CHARS {
        return masked;
    }
    let mut cut: String = masked.chars().take(MAX_TEXT_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// A path as shown to the user: relative to the working directory when it
/// lies under it, without a leading `./`, credentials masked (a folder
/// named after a URL with user-info, a token in a file name): every path
/// deps reports is made here.
pub fn display_path(path: &Path) -> String {
    let relative: PathBuf = match std::env::current_dir() {
        Ok(cwd) if path.is_absolute() => path
            .strip_prefix(&cwd)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    };
    let mut components = relative.components().peekable();
    while components.peek() == Some(&std::path::Component::CurDir) {
        components.next();
    }
    let cleaned: PathBuf = components.collect();
    if cleaned.as_os_str().is_empty() {
        ".".to_owned()
    } else {
        vigil_secrets::mask_secrets(&cleaned.display().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        let file = SourceFile::new("f".into(), "\u{feff}a\nbb\r\nccc");
        assert_eq!(file.line_of(0), 1);
        assert_eq!(file.line_of(2), 2);
        assert_eq!(file.line_of(6), 3);
        assert_eq!(file.line_of(999), 3);
        assert_eq!(file.line_text(2), "bb");
        assert_eq!(file.line_text(9), "");
    }

    #[test]
    fn credentials_never_reach_a_report() {
        let file = SourceFile::new(
            "r.txt".into(),
            "pkg @ git+https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r\n\
             --index-url https://user:hunter2hunter2@pypi.corp/simple\n",
        );
        let one = file.line_text(1);
        assert!(!one.contains("abcdefghijklmnop"), "{one}");
        assert!(one.contains("@github.com/o/r"), "{one}");
        let two = file.line_text(2);
        assert!(!two.contains("hunter2"), "{two}");
        let long = format!("{} https://{}@h/", "x".repeat(150), "t".repeat(2000));
        assert!(!shorten(&long).contains("tttttttt"), "{}", shorten(&long));
    }

    #[test]
    fn long_lines_cost_bounded_work() {
        let line = format!("dependencies = [{}]", "\"a==1\", ".repeat(100_000));
        let file = SourceFile::new("p.toml".into(), &line);
        let started = std::time::Instant::now();
        for _ in 0..100_000 {
            assert!(file.line_text(1).chars().count() <= MAX_TEXT_CHARS);
        }
        assert!(started.elapsed().as_secs() < 10);
    }

    #[test]
    fn display_paths_drop_dot_prefix() {
        assert_eq!(display_path(Path::new("./a/b.txt")), "a/b.txt");
        assert_eq!(display_path(Path::new(".")), ".");
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(display_path(&cwd.join("x/y.toml")), "x/y.toml");
    }
}
