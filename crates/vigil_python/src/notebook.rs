//! Jupyter notebooks: the code cells become one Python text, with a map back
//! from lines of that text to (cell, line in cell).
//!
//! IPython magics (`%time`, `!pip install`, `?obj`) are not Python: their
//! lines are turned into comments of the same length, so positions on every
//! other line stay exact.

use serde_json::Value;

/// A notebook's code, ready to parse.
#[derive(Debug, Clone, Default)]
pub struct Notebook {
    /// Code cells joined by newlines.
    pub source: String,
    cells: Vec<CellSpan>,
}

#[derive(Debug, Clone, Copy)]
struct CellSpan {
    /// 1-based position of the cell in the notebook (all cell kinds counted).
    number: u32,
    /// 0-based line of `source` where the cell starts.
    first_line: u32,
}

/// Why a notebook could not be read.
#[derive(Debug)]
pub struct NotebookError(pub String);

impl std::fmt::Display for NotebookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid notebook: {}", self.0)
    }
}

impl Notebook {
    /// Maps a 1-based line of [`Notebook::source`] to (cell number, 1-based
    /// line in the cell).
    pub fn cell_line(&self, line: u32) -> (u32, u32) {
        let zero = line.saturating_sub(1);
        let index = self.cells.partition_point(|c| c.first_line <= zero);
        match index.checked_sub(1).and_then(|i| self.cells.get(i)) {
            Some(cell) => (cell.number, zero - cell.first_line + 1),
            None => (1, line),
        }
    }
}

/// Reads the code cells of an `.ipynb` document.
pub fn parse_notebook(text: &str) -> Result<Notebook, NotebookError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| NotebookError(e.to_string()))?;
    let cells = doc
        .get("cells")
        .and_then(Value::as_array)
        .ok_or_else(|| NotebookError("no \"cells\" list".to_string()))?;
    let mut notebook = Notebook::default();
    let mut line = 0u32;
    for (i, cell) in cells.iter().enumerate() {
        let number = i as u32 + 1;
        if cell.get("cell_type").and_then(Value::as_str) != Some("code") {
            continue;
        }
        let code = join_source(cell.get("source"));
        if !notebook.source.is_empty() {
            notebook.source.push('\n');
        }
        notebook.cells.push(CellSpan {
            number,
            first_line: line,
        });
        for (n, code_line) in code.split('\n').enumerate() {
            if n > 0 {
                notebook.source.push('\n');
            }
            notebook.source.push_str(&neutralize_magic(code_line));
            line += 1;
        }
    }
    Ok(notebook)
}

fn join_source(source: Option<&Value>) -> String {
    match source {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts.iter().filter_map(Value::as_str).collect(),
        _ => String::new(),
    }
    .replace("\r\n", "\n")
}

fn neutralize_magic(line: &str) -> String {
    let trimmed = line.trim_start();
    let is_magic = trimmed.starts_with('%')
        || trimmed.starts_with('!')
        || trimmed.starts_with('?')
        || (trimmed.ends_with('?') && !trimmed.starts_with('#'));
    if is_magic {
        let indent = line.len() - trimmed.len();
        format!("{}#{}", &line[..indent], &trimmed[1..])
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_cells_are_joined_and_mapped() {
        let doc = r##"{"cells": [
            {"cell_type": "markdown", "source": ["# title"]},
            {"cell_type": "code", "source": ["import os\n", "%matplotlib inline\n", "x = 1"], "outputs": []},
            {"cell_type": "code", "source": "!pip install foo\nos.system(x)", "outputs": [{"text": ["done"]}]}
        ]}"##;
        let nb = parse_notebook(doc).unwrap();
        assert_eq!(
            nb.source,
            "import os\n#matplotlib inline\nx = 1\n#pip install foo\nos.system(x)"
        );
        assert_eq!(nb.cell_line(1), (2, 1));
        assert_eq!(nb.cell_line(3), (2, 3));
        assert_eq!(nb.cell_line(5), (3, 2));
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse_notebook("not json").is_err());
        assert!(parse_notebook("{}").is_err());
    }
}
