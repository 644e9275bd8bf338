//! setuptools' declarative `setup.cfg`: `[options]` `install_requires`
//! (also `setup_requires` and `tests_require`, in groups of those names)
//! and `[options.extras_require]` (one group per extra).
//!
//! A value is split as setuptools splits it: by line when it spans several
//! lines, else by `;`. Lines starting with `#` are comments, and so is the
//! rest of a line after ` #`. `file:` values are noted, not followed.

use super::ini::{self, Entry};
use super::pep508::{self, Location};
use super::source::SourceFile;
use super::{ManifestKind, Manifests};
use std::path::Path;

/// `[options]` keys holding requirement lists, and their group.
const OPTION_KEYS: [(&str, Option<&str>); 3] = [
    ("install_requires", None),
    ("setup_requires", Some("setup_requires")),
    ("tests_require", Some("tests_require")),
];

/// Parses a `setup.cfg` into `out`.
pub fn parse(path: &Path, out: &mut Manifests) {
    let Some(file) = out.read_file(path) else {
        return;
    };
    let doc = ini::parse(&file.text);
    let mut relevant_problem = false;
    for (line, problem) in &doc.problems {
        // Only problems inside the sections read here are worth a note.
        let section = doc
            .sections
            .iter()
            .rfind(|s| s.line < *line)
            .map(|s| s.name.as_str());
        if matches!(section, Some("options" | "options.extras_require")) && !relevant_problem {
            relevant_problem = true;
            let location = location(&file, *line, Vec::new());
            out.not_checked.push(location.not_checked(
                None,
                &location.text,
                format!("setup.cfg: {problem}"),
            ));
        }
    }
    for (key, group) in OPTION_KEYS {
        // setuptools also accepts dashes in option names.
        let entry = doc
            .get("options", key)
            .or_else(|| doc.get("options", &key.replace('_', "-")));
        if let Some(entry) = entry {
            let groups = group.map(|g| vec![g.to_owned()]).unwrap_or_default();
            requirements(&file, entry, &groups, out);
        }
    }
    for entry in doc.entries("options.extras_require") {
        requirements(&file, entry, std::slice::from_ref(&entry.key), out);
    }
}

fn location(file: &SourceFile, line: u32, groups: Vec<String>) -> Location<'_> {
    Location {
        file: &file.display,
        line,
        source: ManifestKind::SetupCfg,
        groups,
        text: file.line_text(line),
    }
}

/// The requirements of one value.
fn requirements(file: &SourceFile, entry: &Entry, groups: &[String], out: &mut Manifests) {
    if let Some((line, first)) = entry.lines.first()
        && first.starts_with("file:")
    {
        let location = location(file, *line, groups.to_vec());
        let reason = format!(
            "{} read from a file (`file:`): not followed, audit that file directly",
            entry.key
        );
        out.not_checked
            .push(location.not_checked(None, first, reason));
        return;
    }
    let mut items: Vec<(u32, &str)> = Vec::new();
    if entry.is_multiline() {
        items.extend(entry.lines.iter().map(|(l, t)| (*l, t.as_str())));
    } else if let Some((line, text)) = entry.lines.first() {
        items.extend(text.split(';').map(|piece| (*line, piece)));
    }
    for (line, item) in items {
        let item = strip_comment(item).trim();
        if item.is_empty() {
            continue;
        }
        let location = location(file, line, groups.to_vec());
        match pep508::parse(item, &location) {
            Ok(dependency) => out.dependencies.push(dependency),
            Err(not_checked) => out.not_checked.push(not_checked),
        }
    }
}

/// A requirement line without its `#` comment (a `#` at the start or after
/// white space; `#` inside a URL fragment stays).
fn strip_comment(line: &str) -> &str {
    if line.starts_with('#') {
        return "";
    }
    match line
        .char_indices()
        .find(|&(i, c)| c == '#' && line[..i].ends_with(char::is_whitespace))
    {
        Some((i, _)) => &line[..i],
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_cut() {
        assert_eq!(strip_comment("requests  # http"), "requests  ");
        assert_eq!(strip_comment("# all"), "");
        assert_eq!(
            strip_comment("pkg @ https://x/p.zip#egg=pkg"),
            "pkg @ https://x/p.zip#egg=pkg"
        );
    }
}
