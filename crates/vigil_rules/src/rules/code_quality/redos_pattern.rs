use crate::CallFilter;
use crate::call_pattern::Arg;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::redos::{Flags, analyse};
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall, Operator};
use vigil_report::{Confidence, Severity};

/// `(function, where its flags are passed)` for `re` and `regex`.
const FUNCTIONS: &[(&str, Arg)] = &[
    ("compile", Arg::at(1, "flags")),
    ("match", Arg::at(2, "flags")),
    ("search", Arg::at(2, "flags")),
    ("fullmatch", Arg::at(2, "flags")),
    ("findall", Arg::at(2, "flags")),
    ("finditer", Arg::at(2, "flags")),
    ("split", Arg::at(3, "flags")),
    ("sub", Arg::at(4, "flags")),
    ("subn", Arg::at(4, "flags")),
];

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(qualified) = qualified else { return };
    let Some(function) = qualified
        .strip_prefix("re.")
        .or_else(|| qualified.strip_prefix("regex."))
    else {
        return;
    };
    let Some((_, flags_arg)) = FUNCTIONS.iter().find(|(f, _)| *f == function) else {
        return;
    };
    let Some(pattern) = call.arguments.find_argument_value("pattern", 0) else {
        return;
    };
    let Some(text) = checker.string(pattern) else {
        return;
    };
    let mut flags = Flags::default();
    if let Some(value) = flags_arg.find(call) {
        read_flags(checker, value, &mut flags, 0);
    }
    let Some(found) = analyse(&text, flags, function == "fullmatch") else {
        return;
    };
    let shown: String = found.sub_pattern.chars().take(40).collect();
    let ellipsis = if found.sub_pattern.chars().count() > 40 {
        "…"
    } else {
        ""
    };
    let message = format!(
        "The pattern given to `{}` can take exponential time: `{shown}{ellipsis}` can match the same text in many ways, and a crafted non-matching input makes the matcher try them all (ReDoS)",
        checker.snippet(&*call.func)
    );
    checker.report(&RULE, pattern.range(), message);
}

/// The flags named in `re.I | re.X`-style expressions.
fn read_flags(checker: &Checker, value: &Expr, flags: &mut Flags, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Expr::BinOp(op) if op.op == Operator::BitOr => {
            read_flags(checker, &op.left, flags, depth + 1);
            read_flags(checker, &op.right, flags, depth + 1);
        }
        _ => {
            let Some(name) = checker.resolve_value(value) else {
                return;
            };
            let flag = name
                .strip_prefix("re.")
                .or_else(|| name.strip_prefix("regex."))
                .map(|f| f.strip_prefix("RegexFlag.").unwrap_or(f));
            match flag {
                Some("I" | "IGNORECASE") => flags.ignore_case = true,
                Some("S" | "DOTALL") => flags.dot_all = true,
                Some("X" | "VERBOSE") => flags.verbose = true,
                _ => {}
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags literal regular expressions passed to `re` (or `regex`)
    /// functions that can take exponential time: a loop whose body can
    /// match the same text in more than one way — nested quantifiers such as
    /// `(a+)+` or `(\w+\s?)*`, overlapping alternatives such as `(a|a)*` or
    /// `(\d|\w)+` — followed by something that can fail. The pattern is
    /// analysed structurally, with its flags (`re.I`, `re.S`, `re.X`); loops
    /// that cannot be forced to backtrack (nothing can fail after them) and
    /// merely polynomial patterns are not reported.
    ///
    /// ## Why is this bad?
    /// Python's `re` is a backtracking matcher. When a loop can split the
    /// same text in many ways, an input that almost matches makes it try
    /// every split: each extra character doubles the work, and a 30-character
    /// string can keep a CPU busy for minutes. Any pattern applied to
    /// user-controlled text is a denial-of-service switch.
    ///
    /// ## Example
    /// ```python
    /// EMAIL = re.compile(r"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$")
    /// ```
    ///
    /// ## Use instead
    /// Make every piece of text matchable in one way only, for instance by
    /// making separators mandatory inside the loop; bound the input length;
    /// or use an engine without backtracking (`google-re2`):
    /// ```python
    /// WORDS = re.compile(r"^\w+(?:\s\w+)*$")
    /// ```
    ///
    /// ## References
    /// - CWE-1333: Inefficient Regular Expression Complexity
    /// - OWASP: Regular expression Denial of Service (ReDoS)
    pub static RULE = {
        name: "redos-pattern",
        category: Category::CodeQuality,
        cwe: &[1333],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Rewrite the loop so each piece of text can match in only one way (no nested or overlapping quantifiers), limit the input length, or use a linear-time engine such as RE2.",
        on_call: check,
        call_filter: CallFilter { prefixes: &["re.", "regex."], ..CallFilter::NONE },
    };
}
