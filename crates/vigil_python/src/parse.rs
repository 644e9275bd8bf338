//! The parser facade: error-tolerant parsing with the ruff parser.

use crate::depth::{MAX_NESTING_DEPTH, nesting_depth};
use ruff_python_ast::{ModModule, PySourceType, PythonVersion};
use ruff_python_parser::{Mode, ParseOptions, parse_unchecked};
use ruff_text_size::TextRange;

/// A syntax error met while parsing; the recovered tree is still analysed.
#[derive(Debug, Clone)]
pub struct ParseProblem {
    pub range: TextRange,
    pub message: String,
}

/// A parsed module with the comments and syntax errors of its source.
#[derive(Debug)]
pub struct ParsedModule {
    pub module: ModModule,
    pub syntax_errors: Vec<ParseProblem>,
    /// Ranges of every `#` comment, in source order.
    pub comments: Vec<TextRange>,
}

/// Parses `source` as a module of the newest Python syntax (3.8 to 3.14
/// code parses; version-specific syntax is not an error here).
///
/// Returns `Err(depth)` when the tree nests deeper than
/// [`MAX_NESTING_DEPTH`]: such a tree is leaked rather than dropped, since
/// dropping it recursively could overflow the stack, and no visitor sees it.
pub fn parse_module(source: &str, source_type: PySourceType) -> Result<ParsedModule, usize> {
    let options = ParseOptions::from(match source_type {
        PySourceType::Stub => Mode::Module,
        _ => Mode::Module,
    })
    .with_target_version(PythonVersion::latest());
    let parsed = parse_unchecked(source, options);
    let comments = comment_ranges(source, parsed.tokens());
    let syntax_errors = parsed
        .errors()
        .iter()
        .map(|e| ParseProblem {
            range: e.location,
            message: e.error.to_string(),
        })
        .collect();
    let module = parsed
        .try_into_module()
        .expect("module mode always yields a module")
        .into_syntax();
    let depth = nesting_depth(&module);
    if depth > MAX_NESTING_DEPTH {
        // Dropping a tree this deep recurses once per level: leak it instead.
        std::mem::forget(module);
        return Err(depth);
    }
    Ok(ParsedModule {
        module,
        syntax_errors,
        comments,
    })
}

/// The ranges of the comment tokens, found from the `#` characters of the
/// source: each is looked up among the tokens (sorted by offset), and is a
/// comment's start when the token there is a comment starting at it. Most
/// of a file's tokens are never read again this way.
fn comment_ranges(source: &str, tokens: &[ruff_python_ast::token::Token]) -> Vec<TextRange> {
    use ruff_text_size::Ranged;
    memchr::memchr_iter(b'#', source.as_bytes())
        .filter_map(|at| {
            let at = ruff_text_size::TextSize::try_from(at).ok()?;
            let index = tokens.partition_point(|t| t.start() <= at).checked_sub(1)?;
            let token = &tokens[index];
            (token.kind() == ruff_python_ast::token::TokenKind::Comment && token.start() == at)
                .then(|| token.range())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Result<ParsedModule, usize> {
        parse_module(source, PySourceType::Python)
    }

    #[test]
    fn syntax_errors_are_recovered() {
        let parsed = parse("import os\ndef f(:\n    pass\nos.system(x)\n").unwrap();
        assert!(!parsed.syntax_errors.is_empty());
        assert!(parsed.module.body.len() >= 2);
    }

    #[test]
    fn comments_are_collected() {
        let parsed = parse("x = 1  # nosec\n# other\n").unwrap();
        assert_eq!(parsed.comments.len(), 2);
    }

    #[test]
    fn only_comment_tokens_are_comments() {
        let source = "s = '# not a comment'  # one # still one\nf'{x}#'\n#two\nb = \"#\"";
        let parsed = parse(source).unwrap();
        let texts: Vec<&str> = parsed
            .comments
            .iter()
            .map(|r| &source[r.start().to_usize()..r.end().to_usize()])
            .collect();
        assert_eq!(texts, ["# one # still one", "#two"]);
    }

    #[test]
    fn modern_syntax_parses() {
        let src = "type Point = tuple[float, float]\n\
                   def f[T](x: T) -> T:\n    match x:\n        case [a, *rest]: return a\n\
                   print(f\"{'nested' + f'{1}'}\")\n";
        assert!(parse(src).unwrap().syntax_errors.is_empty());
    }

    #[test]
    fn hostile_nesting_is_refused_not_crashed() {
        // Redundant parentheses make no tree nodes: deep but harmless.
        let parens = format!("x = {}1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(parse(&parens).is_ok());
        for src in [
            format!("x = {}1", "-".repeat(100_000)),
            format!("x = {}", vec!["a"; 100_000].join(" + ")),
            format!("x = a{}", ".b".repeat(100_000)),
            format!("x = f{}", "()".repeat(100_000)),
            format!("x = {}1{}", "[".repeat(50_000), "]".repeat(50_000)),
            format!("x = {}1", "not ".repeat(100_000)),
        ] {
            assert!(parse(&src).is_err(), "{}", &src[..20]);
        }
    }

    #[test]
    fn moderate_nesting_is_fine() {
        let src = format!("x = {}1{}", "(".repeat(200), ")".repeat(200));
        assert!(parse(&src).is_ok());
    }
}
