//! The parser facade: error-tolerant parsing with the ruff parser.

use crate::depth::{MAX_NESTING_DEPTH, nesting_depth, prune_too_deep};
use crate::prescan::{TooDeep, check_parser_depth};
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
    /// Expressions nested deeper than [`MAX_NESTING_DEPTH`] (deeper than
    /// CPython compiles): each was replaced by `...` and not analysed.
    pub skipped: Vec<TextRange>,
}

/// Parses `source` as a module of the newest Python syntax (3.8 to 3.14
/// code parses; version-specific syntax is not an error here).
///
/// Returns `Err` when parsing could recurse deeper than the parser can
/// afford (see [`crate::prescan`]): such a file is not parsed at all. An
/// expression that parses but nests deeper than [`MAX_NESTING_DEPTH`] is
/// cut from the tree (listed in [`ParsedModule::skipped`]); the rest of the
/// file is analysed.
pub fn parse_module(source: &str, source_type: PySourceType) -> Result<ParsedModule, TooDeep> {
    check_parser_depth(source)?;
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
    let mut module = parsed
        .try_into_module()
        .expect("module mode always yields a module")
        .into_syntax();
    let skipped = if nesting_depth(&module) > MAX_NESTING_DEPTH {
        prune_too_deep(&mut module)
    } else {
        Vec::new()
    };
    Ok(ParsedModule {
        module,
        syntax_errors,
        comments,
        skipped,
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

    fn parse(source: &str) -> Result<ParsedModule, TooDeep> {
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
    fn hostile_recursion_is_refused_before_parsing() {
        for src in [
            format!("x = {}1{}", "(".repeat(100_000), ")".repeat(100_000)),
            format!("x = {}1", "-".repeat(100_000)),
            format!("x = {}1{}", "[".repeat(50_000), "]".repeat(50_000)),
            format!("x = {}1", "not ".repeat(100_000)),
            format!(
                "{}{}{}",
                "[".repeat(40_000),
                "]".repeat(20_000),
                "[".repeat(1_000)
            ),
        ] {
            assert!(parse(&src).is_err(), "{}", &src[..20]);
        }
    }

    #[test]
    fn a_chain_too_deep_is_cut_and_the_rest_analysed() {
        for chain in [
            vec!["a"; 100_000].join(" + "),
            format!("a{}", ".b".repeat(100_000)),
            format!("f{}", "()".repeat(100_000)),
            format!("a{}", "[0]".repeat(100_000)),
        ] {
            let src = format!("import os\nx = {chain}\nos.system(x)\n");
            let parsed = parse(&src).expect("parsed");
            assert_eq!(parsed.skipped.len(), 1, "{}", &chain[..20]);
            assert_eq!(parsed.module.body.len(), 3);
            assert!(nesting_depth(&parsed.module) <= MAX_NESTING_DEPTH + 2);
        }
    }

    #[test]
    fn what_cpython_compiles_is_kept_whole() {
        for src in [
            format!("x = {}", vec!["1"; 1_001].join("+")),
            format!("x = {}", vec!["'a'"; 1_200].join(" + ")),
            format!("x = a{}", ".b".repeat(1_001)),
            format!("x = {}", vec!["1"; 2_000].join("+")),
        ] {
            let parsed = parse(&src).expect("parsed");
            assert!(parsed.skipped.is_empty());
        }
    }

    #[test]
    fn moderate_nesting_is_fine() {
        let src = format!("x = {}1{}", "(".repeat(200), ")".repeat(200));
        assert!(parse(&src).is_ok());
    }
}
