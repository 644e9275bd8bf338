//! Python source for vigil: from bytes on disk to a syntax tree.
//!
//! Data flows `bytes -> SourceText (decode: BOM, PEP 263 cookie, notebooks)
//! -> ParsedModule (ruff parser, error-tolerant) -> LineIndex` for positions.
//! Nothing here executes or imports the scanned code. Every input is treated
//! as hostile: binary files and oversized files are refused with a reason,
//! invalid UTF-8 is decoded lossily with a warning, a file whose parse
//! would recurse too deeply is refused before parsing (`prescan`), and an
//! expression nested deeper than CPython compiles is cut from the tree
//! before any visitor runs (`depth`).

mod byte_scan;
mod decode;
mod depth;
mod line_index;
mod notebook;
mod parse;
mod prescan;
mod ranges;
pub mod stack;

pub use decode::{DecodeError, DecodedSource, decode_source};
pub use depth::{MAX_NESTING_DEPTH, nesting_depth};
pub use line_index::{LazyLineIndex, LineIndex, SourceLocation, count_lines};
pub use notebook::{Notebook, NotebookError, parse_notebook};
pub use parse::{ParseProblem, ParsedModule, parse_module};
pub use prescan::{MAX_PARSER_DEPTH, TooDeep};
pub use ranges::{Containing, header_range};
pub use ruff_python_ast as ast;
pub use ruff_text_size::{Ranged, TextLen, TextRange, TextSize};
