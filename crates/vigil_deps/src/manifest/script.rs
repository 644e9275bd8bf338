//! PEP 723 inline script metadata: a `# /// script` comment block in a `.py`
//! file holding TOML with a `dependencies` array of PEP 508 strings.

use super::pep508::{self, Location};
use super::source::SourceFile;
use super::toml_util::{self as tu, array, line};
use super::{ManifestKind, Manifests};
use std::path::Path;

/// Largest script scanned for a metadata block.
const MAX_SCRIPT_BYTES: u64 = 4 * 1024 * 1024;

/// A metadata block: its TOML text and the file line of its first line.
struct Block {
    toml: String,
    first_line: u32,
}

/// Parses the `script` block of a Python file into `out`, if it has one.
pub fn parse(path: &Path, out: &mut Manifests) {
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_SCRIPT_BYTES) {
        return;
    }
    let Ok(file) = SourceFile::read(path) else {
        return;
    };
    if !file.text.contains("# /// script") {
        return;
    }
    out.files.push(file.display.clone());
    let block = match find_block(&file.text) {
        Ok(Some(block)) => block,
        Ok(None) => return,
        Err(reason) => return out.file_problem(&file.display, reason),
    };
    let content = SourceFile::new(file.display.clone(), &block.toml);
    let doc = match tu::parse(&content) {
        Ok(doc) => doc,
        Err(reason) => {
            return out.file_problem(&file.display, format!("script metadata: {reason}"));
        }
    };
    for item in array(doc.get_ref(), "dependencies").into_iter().flatten() {
        let at = block.first_line + line(&content, item) - 1;
        let location = Location {
            file: &file.display,
            line: at,
            source: ManifestKind::Script,
            groups: Vec::new(),
            text: file.line_text(at),
        };
        let Some(text) = item.get_ref().as_str() else {
            let reason = "not a requirement string";
            out.problem(location.error(None, &location.text, reason));
            continue;
        };
        match pep508::parse(text, &location) {
            Ok(dependency) => out.dependencies.push(dependency),
            Err(not_checked) => out.not_checked.push(not_checked),
        }
    }
}

/// Finds the `script` block: `# /// script`, then comment lines (`#` or
/// `# text`), closed by the last `# ///` of that comment run.
fn find_block(text: &str) -> Result<Option<Block>, String> {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut found: Option<Block> = None;
    let mut index = 0;
    while index < lines.len() {
        if lines[index].trim_end() != "# /// script" {
            index += 1;
            continue;
        }
        let start = index + 1;
        let mut end = start;
        let mut close = None;
        while end < lines.len() && (lines[end] == "#" || lines[end].starts_with("# ")) {
            if lines[end].trim_end() == "# ///" {
                close = Some(end);
            }
            end += 1;
        }
        let Some(close) = close else {
            return Err(format!(
                "script metadata block opened on line {} is never closed",
                index + 1
            ));
        };
        if found.is_some() {
            return Err("more than one script metadata block".to_owned());
        }
        let toml = lines[start..close]
            .iter()
            .map(|l| l.strip_prefix("# ").unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        found = Some(Block {
            toml,
            first_line: u32::try_from(start + 1).unwrap_or(u32::MAX),
        });
        index = close + 1;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_block() {
        let text = "#!/usr/bin/env python\n# /// script\n# requires-python = \">=3.11\"\n# dependencies = [\n#   \"requests<3\",\n# ]\n# ///\nimport requests\n";
        let block = find_block(text).unwrap().unwrap();
        assert_eq!(block.first_line, 3);
        assert!(block.toml.starts_with("requires-python"));
        assert!(block.toml.contains("\"requests<3\","));
    }

    #[test]
    fn rejects_unclosed_and_duplicate_blocks() {
        assert!(find_block("# /// script\n# a = 1\nprint()\n").is_err());
        let two = "# /// script\n# a = 1\n# ///\n\n# /// script\n# b = 1\n# ///\n";
        assert!(find_block(two).is_err());
        assert!(find_block("print('# /// script')\n").unwrap().is_none());
    }
}
