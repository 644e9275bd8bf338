//! A small INI reader with the rules of Python's `configparser` as
//! setuptools uses it (`RawConfigParser`, no interpolation): `[section]`
//! headers, `key = value` or `key: value` (the first delimiter wins), keys
//! lower-cased, values continued on lines indented deeper than their key,
//! whole-line `#` and `;` comments skipped (also inside values), blank lines
//! kept inside values. Every value line keeps its 1-based line number.
//!
//! Lines that are none of these are returned as problems; reading goes on.

/// One `key = value` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Lower-cased, as `configparser` stores it.
    pub key: String,
    pub line: u32,
    /// The value, line by line: the text after the delimiter (maybe empty),
    /// then each continuation line, trimmed, with its line number. Blank
    /// lines are dropped.
    pub lines: Vec<(u32, String)>,
}

impl Entry {
    /// Whether the value spans several lines (setuptools then splits it by
    /// line rather than by separator).
    pub fn is_multiline(&self) -> bool {
        self.lines.len() > 1
    }
}

/// One `[section]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub line: u32,
    pub entries: Vec<Entry>,
}

/// A document: its sections and the lines that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub sections: Vec<Section>,
    pub problems: Vec<(u32, String)>,
}

impl Document {
    /// The last entry `key` of every section named `name` (later entries
    /// and sections override earlier ones, as `configparser` merges them).
    pub fn get(&self, section: &str, key: &str) -> Option<&Entry> {
        self.sections
            .iter()
            .filter(|s| s.name == section)
            .flat_map(|s| s.entries.iter())
            .rfind(|e| e.key == key)
    }

    /// Every entry of the sections named `name`, later duplicates winning.
    pub fn entries(&self, section: &str) -> Vec<&Entry> {
        let mut out: Vec<&Entry> = Vec::new();
        for entry in self
            .sections
            .iter()
            .filter(|s| s.name == section)
            .flat_map(|s| s.entries.iter())
        {
            out.retain(|e| e.key != entry.key);
            out.push(entry);
        }
        out
    }
}

/// Parses INI text.
pub fn parse(text: &str) -> Document {
    let mut doc = Document::default();
    // Indent of the current entry's key line; `None` when no entry is open.
    let mut open: Option<usize> = None;
    for (index, raw) in text.lines().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let raw = raw.trim_end_matches('\r');
        let trimmed = raw.trim();
        if trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        if let Some(key_indent) = open
            && indent > key_indent
            && let Some(entry) = doc.sections.last_mut().and_then(|s| s.entries.last_mut())
        {
            entry.lines.push((number, trimmed.to_owned()));
            continue;
        }
        open = None;
        if let Some(rest) = trimmed.strip_prefix('[')
            && let Some(end) = rest.find(']')
        {
            doc.sections.push(Section {
                name: rest[..end].to_owned(),
                line: number,
                entries: Vec::new(),
            });
            continue;
        }
        let Some(at) = trimmed.find(['=', ':']) else {
            doc.problems.push((
                number,
                "line is neither a section, an option nor a comment".to_owned(),
            ));
            continue;
        };
        let key = trimmed[..at].trim().to_lowercase();
        let Some(section) = doc.sections.last_mut() else {
            doc.problems
                .push((number, "option before any [section]".to_owned()));
            continue;
        };
        if key.is_empty() {
            doc.problems
                .push((number, "option without a name".to_owned()));
            continue;
        }
        section.entries.push(Entry {
            key,
            line: number,
            lines: vec![(number, trimmed[at + 1..].trim().to_owned())],
        });
        open = Some(indent);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_entries_and_continuations() {
        let text = "# top\n[metadata]\nname = demo\n\n[options]\nInstall_Requires =\n    requests==2.19.1\n    # a comment\n\n    flask>=1 ; python_version >= \"3\"\nzip_safe: False\n[options.extras_require]\ntest = pytest\n";
        let doc = parse(text);
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        let requires = doc.get("options", "install_requires").unwrap();
        assert_eq!(requires.line, 6);
        assert_eq!(
            requires.lines,
            [
                (6, String::new()),
                (7, "requests==2.19.1".to_owned()),
                (10, "flask>=1 ; python_version >= \"3\"".to_owned())
            ]
        );
        assert!(requires.is_multiline());
        let safe = doc.get("options", "zip_safe").unwrap();
        assert_eq!(safe.lines, [(11, "False".to_owned())]);
        assert!(!safe.is_multiline());
        assert_eq!(doc.entries("options.extras_require").len(), 1);
    }

    #[test]
    fn garbage_is_reported_not_fatal() {
        let doc = parse("orphan = 1\n[s]\njust words\n= nothing\n[unclosed\nk = v\n\u{0}\u{ffff}");
        assert_eq!(doc.problems.len(), 5, "{:?}", doc.problems);
        assert_eq!(doc.sections.len(), 1);
        assert_eq!(doc.get("s", "k").unwrap().line, 6);
    }
}
