use super::context;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::supply_chain as sc;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, NodeKind};
use vigil_report::{Confidence, Severity};

/// Literals shorter than this (in source bytes) are not looked at.
const MIN_LENGTH: usize = 1024;

fn check(checker: &mut Checker, expr: &Expr) {
    // Cheap first: most literals are short.
    if expr.range().len().to_usize() < MIN_LENGTH {
        return;
    }
    let text: String = match expr {
        Expr::StringLiteral(s) => s.value.to_str().to_string(),
        Expr::BytesLiteral(b) => b.value.bytes().map(char::from).collect(),
        _ => return,
    };
    let Some((kind, entropy)) = sc::encoded_blob(&text) else {
        return;
    };
    let in_entry_point = context::is_setup_script(checker) || context::is_package_init(checker);
    let shown: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(16)
        .collect();
    let diagnostic = checker.report(
        &RULE,
        expr.range(),
        format!(
            "a {}-character {kind} literal (`{shown}…`, {entropy:.1} bits per character) may hide a payload: check what it decodes to",
            text.len()
        ),
    );
    if !in_entry_point {
        diagnostic.audit_only();
    }
}

declare_rule! {
    /// ## What it does
    /// Flags long string literals that look like encoded data (base64 or hex, high entropy), a supporting indicator of a hidden payload.
    ///
    /// A literal of at least 1,024 characters made only of the base64
    /// alphabet (with at least 5 bits of entropy per character) or of hex
    /// digits is reported, with low severity, in a `setup.py` or a
    /// package's `__init__.py`, and in `--audit` mode elsewhere. Run of
    /// the data is what `obfuscated-code-execution` reports.
    ///
    /// ## Why is this bad?
    /// Malicious packages carry their payload as a blob that is decoded
    /// and run later, so that nothing in the source reads as dangerous.
    /// Legitimate packages embed blobs too (icons, fonts, test data,
    /// bootstrap wheels): the finding asks for a look, not a verdict.
    ///
    /// ## Example
    /// ```python
    /// PAYLOAD = "aW1wb3J0IHNvY2tldCxzdWJwcm9jZXNzLG9z..."  # thousands of characters
    /// ```
    ///
    /// ## Use instead
    /// Ship data as files of their own type (`.png`, `.json`) in the
    /// package, where reviewers and tools see what they are:
    /// ```python
    /// ICON = importlib.resources.files(__package__).joinpath("icon.png").read_bytes()
    /// ```
    ///
    /// ## References
    /// - CWE-506: Embedded Malicious Code
    pub static RULE = {
        name: "encoded-payload",
        category: Category::SupplyChain,
        cwe: &[506],
        severity: Severity::Low,
        confidence: Confidence::Low,
        bandit: &[],
        ruff: &[],
        help: "Decode the literal (without running it) and check what it is; ship data as files of their own type rather than as encoded strings.",
        on_expr: check,
        nodes: &[NodeKind::ExprStringLiteral, NodeKind::ExprBytesLiteral],
    };
}
