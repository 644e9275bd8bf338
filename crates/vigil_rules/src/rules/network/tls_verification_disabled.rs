use crate::CallFilter;
use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::method_name;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

const HTTP_CALLS: &[&str] = &[
    "requests.get",
    "requests.post",
    "requests.put",
    "requests.patch",
    "requests.delete",
    "requests.head",
    "requests.options",
    "requests.request",
    "requests.Session",
    "requests.api.request",
    "httpx.get",
    "httpx.post",
    "httpx.put",
    "httpx.patch",
    "httpx.delete",
    "httpx.head",
    "httpx.options",
    "httpx.request",
    "httpx.stream",
    "httpx.Client",
    "httpx.AsyncClient",
];

const AIOHTTP_CALLS: &[&str] = &[
    "aiohttp.TCPConnector",
    "aiohttp.connector.TCPConnector",
    "aiohttp.request",
    "aiohttp.client.request",
];

const URLLIB3_POOLS: &[&str] = &[
    "urllib3.PoolManager",
    "urllib3.ProxyManager",
    "urllib3.HTTPSConnectionPool",
    "urllib3.connection_from_url",
    "urllib3.poolmanager.PoolManager",
    "urllib3.poolmanager.ProxyManager",
    "urllib3.connectionpool.HTTPSConnectionPool",
    "urllib3.connectionpool.connection_from_url",
];

const CERT_NONE: &[&str] = &["ssl.CERT_NONE", "ssl.VerifyMode.CERT_NONE"];

/// Methods of HTTP client sessions (requests, httpx, aiohttp) that accept
/// `verify=` or `ssl=` per request.
const REQUEST_METHODS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "request",
    "send",
    "stream",
    "ws_connect",
];

/// Keywords that turn certificate checks off when given the literal `False`.
const OFF_SWITCHES: &[&str] = &["verify", "ssl", "verify_ssl"];

/// Requests made through a session object the semantic model cannot name
/// (`session.get(url, verify=False)`).
fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if method_name(call) == Some("set_verify")
        && let Some(mode) = call.arguments.find_argument_value("mode", 0)
        && checker
            .resolve_value(mode)
            .is_some_and(|q| q == "OpenSSL.SSL.VERIFY_NONE")
    {
        let message = format!(
            "`{}` is called with `VERIFY_NONE`: the peer's certificate is not checked",
            checker.snippet(&*call.func)
        );
        checker.report(&RULE, call.range(), message);
        return;
    }
    if qualified.is_some() || !method_name(call).is_some_and(|m| REQUEST_METHODS.contains(&m)) {
        return;
    }
    for keyword in &call.arguments.keywords {
        let Some(name) = &keyword.arg else { continue };
        if OFF_SWITCHES.contains(&name.as_str()) && checker.is_bool(&keyword.value, false) {
            let message = format!(
                "`{}` is called with `{name}=False`: the server's certificate is not checked, so the connection can be intercepted",
                checker.snippet(&*call.func)
            );
            checker
                .report(&RULE, keyword.range(), message)
                .confidence(Confidence::Medium);
        }
    }
}

/// `ctx.verify_mode = ssl.CERT_NONE` and `ctx.check_hostname = False`.
fn check_stmt(checker: &mut Checker, stmt: &Stmt) {
    let Stmt::Assign(assign) = stmt else { return };
    for target in &assign.targets {
        let Expr::Attribute(attribute) = target else {
            continue;
        };
        if !matches!(attribute.attr.as_str(), "verify_mode" | "check_hostname") {
            continue;
        }
        let value = checker.constant_value(&assign.value);
        // `self.verify_mode = ...` in a class: the class's own default, as
        // in compatibility shims that mirror `ssl.SSLContext`.
        let condition = if matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == "self") {
            Condition::Option
        } else {
            enclosing_condition(checker)
        };
        let message = match attribute.attr.as_str() {
            "verify_mode"
                if checker
                    .resolve_value(&assign.value)
                    .is_some_and(|q| CERT_NONE.contains(&q.as_str())) =>
            {
                "Setting `verify_mode` to `CERT_NONE` makes this TLS context accept any certificate: the connection can be intercepted"
            }
            "check_hostname"
                if matches!(value, Expr::BooleanLiteral(b) if !b.value)
                    && condition != Condition::NoHostname =>
            {
                "Setting `check_hostname = False` makes this TLS context accept a valid certificate issued for any other host"
            }
            _ => continue,
        };
        if condition == Condition::Unconditional {
            checker.report(&RULE, stmt.range(), message);
        } else {
            let message = format!(
                "{message} (when the surrounding condition holds: check that callers cannot turn it on by accident)"
            );
            checker
                .report(&RULE, stmt.range(), message)
                .audit_only()
                .severity(Severity::Medium);
        }
    }
}

/// Why a TLS setting may be turned off where it is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Condition {
    Unconditional,
    /// Under `if not server_hostname:`: with no name to check, turning the
    /// check off is what `ssl` requires.
    NoHostname,
    /// Under `if not verify:` / `if cert_reqs == ssl.CERT_NONE:`: a library
    /// carrying out its caller's explicit choice, reported where it is made.
    Option,
}

fn enclosing_condition(checker: &Checker) -> Condition {
    let mut names = Vec::new();
    for stmt in checker.enclosing_statements() {
        if let Stmt::If(branch) = stmt {
            collect_names(&branch.test, &mut names, 0);
            for clause in &branch.elif_else_clauses {
                if let Some(test) = &clause.test {
                    collect_names(test, &mut names, 0);
                }
            }
        }
    }
    let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    if lower.iter().any(|n| n.contains("hostname")) {
        Condition::NoHostname
    } else if lower.iter().any(|n| {
        [
            "verify", "cert", "ssl", "tls", "insecure", "secure", "validate",
        ]
        .iter()
        .any(|w| n.contains(w))
    }) {
        Condition::Option
    } else {
        Condition::Unconditional
    }
}

fn collect_names<'e>(expr: &'e Expr, out: &mut Vec<&'e str>, depth: usize) {
    if depth > 8 {
        return;
    }
    match expr {
        Expr::Name(name) => out.push(name.id.as_str()),
        Expr::Attribute(attribute) => out.push(attribute.attr.as_str()),
        Expr::UnaryOp(op) => collect_names(&op.operand, out, depth + 1),
        Expr::BoolOp(op) => op
            .values
            .iter()
            .for_each(|v| collect_names(v, out, depth + 1)),
        Expr::Compare(compare) => {
            collect_names(&compare.left, out, depth + 1);
            compare
                .comparators
                .iter()
                .for_each(|v| collect_names(v, out, depth + 1));
        }
        _ => {}
    }
}

declare_rule! {
    /// ## What it does
    /// Flags TLS clients told not to verify the server's certificate:
    /// `verify=False` in `requests` and `httpx` (also on session objects),
    /// `ssl=False` / `verify_ssl=False` in aiohttp,
    /// `cert_reqs="CERT_NONE"` in urllib3, `cert_reqs=ssl.CERT_NONE` in
    /// `ssl.wrap_socket`, a context's `verify_mode = ssl.CERT_NONE` or
    /// `check_hostname = False`, pyOpenSSL's `set_verify(VERIFY_NONE)`, and
    /// `ssl._create_unverified_context`. In audit mode it also lists
    /// `urllib3.disable_warnings()`, which hides the warning urllib3 gives
    /// for such requests, and contexts weakened under a condition about
    /// verification (`if not verify: ctx.verify_mode = ssl.CERT_NONE`), the
    /// way libraries carry out their caller's `verify=False`; turning the
    /// hostname check off under `if not server_hostname:` is not reported.
    ///
    /// ## Why is this bad?
    /// Without certificate verification anyone on the network path — a
    /// café Wi-Fi, a compromised router — can impersonate the server, read
    /// the traffic including credentials, and change responses.
    ///
    /// ## Example
    /// ```python
    /// requests.get(url, verify=False)
    /// ```
    ///
    /// ## Use instead
    /// Keep verification on; for a private CA, point `verify` at its bundle:
    /// ```python
    /// requests.get(url, verify="/etc/ssl/certs/internal-ca.pem")
    /// ```
    ///
    /// ## References
    /// - CWE-295: Improper Certificate Validation
    pub static RULE = {
        name: "tls-verification-disabled",
        category: Category::Network,
        cwe: &[295],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B501", "B323"],
        ruff: &["S501", "S323"],
        help: "Remove `verify=False` (or its equivalent); to trust a private CA, pass the path of its certificate bundle instead.",
        calls: &[
            CallPattern::new(
                HTTP_CALLS,
                &[Cond::IsFalse(Arg::kw("verify"))],
                "`{callee}` is called with `verify=False`: the server's certificate is not checked, so the connection can be intercepted",
            ),
            CallPattern::new(
                AIOHTTP_CALLS,
                &[Cond::IsFalse(Arg::kw("ssl"))],
                "`{callee}` is called with `ssl=False`: the server's certificate is not checked, so the connection can be intercepted",
            ),
            CallPattern::new(
                AIOHTTP_CALLS,
                &[Cond::IsFalse(Arg::kw("verify_ssl"))],
                "`{callee}` is called with `verify_ssl=False`: the server's certificate is not checked, so the connection can be intercepted",
            ),
            CallPattern::new(
                URLLIB3_POOLS,
                &[Cond::StrIn(Arg::kw("cert_reqs"), &["CERT_NONE", "NONE"])],
                "`{callee}` is told not to require certificates (`cert_reqs` none): the connection can be intercepted",
            ),
            CallPattern::new(
                URLLIB3_POOLS,
                &[Cond::NameIn(Arg::kw("cert_reqs"), CERT_NONE)],
                "`{callee}` is told not to require certificates (`cert_reqs` none): the connection can be intercepted",
            ),
            CallPattern::new(
                &["ssl.wrap_socket"],
                &[Cond::NameIn(Arg::at(4, "cert_reqs"), CERT_NONE)],
                "`{callee}` is called with `cert_reqs=ssl.CERT_NONE`: the peer's certificate is not checked",
            ),
            CallPattern::new(
                &["ssl._create_unverified_context", "ssl._create_stdlib_context"],
                &[],
                "`{callee}` creates a TLS context that accepts any certificate",
            ),
            CallPattern::new(
                &["urllib3.disable_warnings", "requests.packages.urllib3.disable_warnings"],
                &[],
                "`{callee}` silences urllib3's warnings, including the one for HTTPS requests made without certificate verification: check that none are",
            )
            .audit(Severity::Low),
        ],
        on_call: check_call,
        call_filter: CallFilter {
            methods: || vec!["set_verify"],
            keywords: || OFF_SWITCHES.to_vec(),
            ..CallFilter::NONE
        },
        on_stmt: check_stmt,
        nodes: &[NodeKind::StmtAssign],
    };
}
