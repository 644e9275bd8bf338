//! Small helpers over `toml`'s spanned document tree, so TOML parsers can
//! report the line of every value they read.

use super::source::SourceFile;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Deepest `[`/`{` nesting accepted before parsing (guards the recursive
/// descent of the parser against hostile input).
const MAX_NESTING: usize = 128;

/// Parses a TOML document; the error is a reason fit for a report.
pub fn parse(file: &SourceFile) -> Result<Spanned<DeTable<'_>>, String> {
    if nesting_exceeds(&file.text, MAX_NESTING) {
        return Err("invalid TOML: nested too deeply".to_owned());
    }
    DeTable::parse(&file.text).map_err(|err| {
        let message = err.message().lines().next().unwrap_or("").to_owned();
        match err.span() {
            Some(span) => format!(
                "invalid TOML (line {}): {message}",
                file.line_of(span.start)
            ),
            None => format!("invalid TOML: {message}"),
        }
    })
}

/// Whether brackets nest deeper than `limit` (strings are not skipped, so
/// this over-counts; the limit is far above what real files use).
fn nesting_exceeds(text: &str, limit: usize) -> bool {
    let mut depth = 0usize;
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// The value under `key` in a table.
pub fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

/// The table under `key`.
pub fn table<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a DeTable<'i>> {
    get(table, key).and_then(|v| v.get_ref().as_table())
}

/// The array under `key`.
pub fn array<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a [Spanned<DeValue<'i>>]> {
    get(table, key).and_then(|v| as_array(v.get_ref()))
}

/// A value as a slice of array items.
pub fn as_array<'a, 'i>(value: &'a DeValue<'i>) -> Option<&'a [Spanned<DeValue<'i>>]> {
    value.as_array().map(|a| &a[..])
}

/// The string under `key`.
pub fn string<'a>(table: &'a DeTable<'_>, key: &str) -> Option<&'a str> {
    get(table, key).and_then(|v| v.get_ref().as_str())
}

/// Iterates a table's entries as (key, value).
pub fn entries<'a, 'i>(
    table: &'a DeTable<'i>,
) -> impl Iterator<Item = (&'a str, &'a Spanned<DeValue<'i>>)> + 'a {
    table.iter().map(|(k, v)| (k.get_ref().as_ref(), v))
}

/// The 1-based line where a spanned item starts.
pub fn line<T>(file: &SourceFile, item: &Spanned<T>) -> u32 {
    file.line_of(item.span().start)
}

/// The 1-based line where a table key starts (for `name = {...}` entries).
pub fn key_line(file: &SourceFile, table: &DeTable<'_>, key: &str) -> Option<u32> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(k, _)| file.line_of(k.span().start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_give_lines() {
        let file = SourceFile::new("f".into(), "[a]\nb = \"x\"\n\n[c]\nd = [\n  \"e\",\n]\n");
        let doc = parse(&file).unwrap();
        let a = table(doc.get_ref(), "a").unwrap();
        assert_eq!(string(a, "b"), Some("x"));
        assert_eq!(line(&file, get(a, "b").unwrap()), 2);
        let d = array(table(doc.get_ref(), "c").unwrap(), "d").unwrap();
        assert_eq!(line(&file, &d[0]), 6);
    }

    #[test]
    fn hostile_documents_are_rejected() {
        let deep = format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&SourceFile::new("f".into(), &deep)).is_err());
        assert!(parse(&SourceFile::new("f".into(), "[[[ nope")).is_err());
        let err = parse(&SourceFile::new("f".into(), "a = 1\nb = = 2\n")).unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }
}
