use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

/// Protocol selectors that pin SSL 2/3 or TLS 1.0/1.1.
const BAD_PROTOCOLS: &[&str] = &[
    "ssl.PROTOCOL_SSLv2",
    "ssl.PROTOCOL_SSLv3",
    "ssl.PROTOCOL_TLSv1",
    "ssl.PROTOCOL_TLSv1_1",
    "OpenSSL.SSL.SSLv2_METHOD",
    "OpenSSL.SSL.SSLv3_METHOD",
    "OpenSSL.SSL.TLSv1_METHOD",
    "OpenSSL.SSL.TLSv1_1_METHOD",
];

/// `TLSVersion` members too old to be a context's minimum or maximum.
const BAD_VERSIONS: &[&str] = &[
    "ssl.TLSVersion.SSLv3",
    "ssl.TLSVersion.TLSv1",
    "ssl.TLSVersion.TLSv1_1",
];

/// Whether `expr` selects an obsolete protocol; in a call of the TLS
/// libraries, also through a name bound once to one
/// (`LEGACY = ssl.PROTOCOL_TLSv1`).
fn is_bad_protocol(checker: &Checker, expr: &Expr, follow_names: bool) -> bool {
    let target = if follow_names {
        checker.constant_value(expr)
    } else {
        expr
    };
    let last = match target {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        _ => return false,
    };
    // Resolve only names that can be one of them.
    (last.starts_with("PROTOCOL_") || last.ends_with("_METHOD"))
        && BAD_PROTOCOLS
            .iter()
            .any(|p| p.ends_with(last) && p[..p.len() - last.len()].ends_with('.'))
        && checker
            .resolve_value(expr)
            .is_some_and(|q| BAD_PROTOCOLS.contains(&q.as_str()))
}

/// Modules whose calls take a protocol selector.
const TLS_MODULES: &[&str] = &[
    "ssl.",
    "OpenSSL.",
    "urllib3.",
    "requests.",
    "httpx.",
    "aiohttp.",
];

fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    // Whether names are followed to a protocol constant: decided once, for
    // the first name among the arguments.
    let mut follow_names = None;
    let values = call
        .arguments
        .args
        .iter()
        .chain(call.arguments.keywords.iter().map(|k| &k.value));
    for value in values {
        let follow = matches!(value, Expr::Name(_))
            && *follow_names.get_or_insert_with(|| {
                qualified.is_some_and(|q| TLS_MODULES.iter().any(|m| q.starts_with(m)))
            });
        if !is_bad_protocol(checker, value, follow) {
            continue;
        }
        let message = format!(
            "`{}` is given `{}`, an SSL/TLS version with known practical attacks (POODLE, BEAST) that current servers refuse",
            checker.snippet(&*call.func),
            checker.snippet(value)
        );
        checker.report(&RULE, value.range(), message);
    }
}

/// Obsolete versions as parameter defaults and as a context's minimum or
/// maximum version.
fn check_stmt(checker: &mut Checker, stmt: &Stmt) {
    match stmt {
        Stmt::FunctionDef(def) => {
            let defaults: Vec<_> = def
                .parameters
                .iter_non_variadic_params()
                .filter_map(|p| p.default.as_deref())
                .filter(|d| is_bad_protocol(checker, d, false))
                .map(|d| (d.range(), checker.snippet(d)))
                .collect();
            for (range, name) in defaults {
                let message = format!(
                    "`{}()` defaults to `{name}`, an SSL/TLS version with known practical attacks",
                    def.name.as_str()
                );
                checker
                    .report(&RULE, range, message)
                    .severity(Severity::Medium);
            }
        }
        Stmt::Assign(assign) => {
            let sets_version = assign.targets.iter().any(|t| {
                matches!(t, Expr::Attribute(a) if matches!(a.attr.as_str(), "minimum_version" | "maximum_version"))
            });
            if !sets_version {
                return;
            }
            let Some(version) = checker.resolve_value(&assign.value) else {
                return;
            };
            for target in &assign.targets {
                let Expr::Attribute(attribute) = target else {
                    continue;
                };
                let attr = attribute.attr.as_str();
                let bad = match attr {
                    "minimum_version" => {
                        BAD_VERSIONS.contains(&version.as_str())
                            || version == "ssl.TLSVersion.MINIMUM_SUPPORTED"
                    }
                    "maximum_version" => BAD_VERSIONS.contains(&version.as_str()),
                    _ => false,
                };
                if bad {
                    let message = format!(
                        "Setting `{attr}` to `{}` lets this TLS context use a protocol version with known practical attacks",
                        checker.snippet(&*assign.value)
                    );
                    checker.report(&RULE, stmt.range(), message);
                }
            }
        }
        _ => {}
    }
}

declare_rule! {
    /// ## What it does
    /// Flags SSL 2, SSL 3, TLS 1.0 and TLS 1.1: `ssl.PROTOCOL_SSLv3`,
    /// `ssl.PROTOCOL_TLSv1`, pyOpenSSL's `SSL.TLSv1_METHOD` and the like
    /// passed to any call or used as a parameter default, and a context's
    /// `minimum_version` set to `TLSVersion.TLSv1` (or `MINIMUM_SUPPORTED`).
    /// In audit mode it lists `ssl.wrap_socket()` calls that do not choose a
    /// version.
    ///
    /// ## Why is this bad?
    /// SSL 2 and 3 are broken (DROWN, POODLE); TLS 1.0 and 1.1 rely on
    /// MD5/SHA-1 and CBC constructions with known attacks (BEAST, Lucky13)
    /// and were formally deprecated by RFC 8996. A connection pinned to them
    /// can be decrypted or downgraded by an attacker on the path.
    ///
    /// ## Example
    /// ```python
    /// context = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// context = ssl.create_default_context()
    /// context.minimum_version = ssl.TLSVersion.TLSv1_2
    /// ```
    ///
    /// ## References
    /// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
    /// - RFC 8996: Deprecating TLS 1.0 and TLS 1.1
    pub static RULE = {
        name: "insecure-tls-version",
        category: Category::Network,
        cwe: &[327],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B502", "B503", "B504"],
        ruff: &["S502", "S503", "S504"],
        help: "Use `ssl.create_default_context()` (or `PROTOCOL_TLS_CLIENT`/`PROTOCOL_TLS_SERVER`) and set `minimum_version = ssl.TLSVersion.TLSv1_2` or later.",
        calls: &[
            CallPattern::new(
                &["ssl.wrap_socket"],
                &[Cond::Missing(Arg::at(5, "ssl_version"))],
                "`{callee}` does not choose a protocol version; on old Pythons its default still allowed SSL 3 and TLS 1.0 (and the function is gone since Python 3.12)",
            )
            .audit(Severity::Low),
        ],
        on_call: check_call,
        on_stmt: check_stmt,
        nodes: &[NodeKind::StmtFunctionDef, NodeKind::StmtAssign],
    };
}
