use crate::CallFilter;
use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::method_name;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

const REQUESTS: &[&str] = &[
    "requests.get",
    "requests.post",
    "requests.put",
    "requests.patch",
    "requests.delete",
    "requests.head",
    "requests.options",
    "requests.request",
    "requests.api.get",
    "requests.api.post",
    "requests.api.put",
    "requests.api.patch",
    "requests.api.delete",
    "requests.api.head",
    "requests.api.options",
    "requests.api.request",
];

/// httpx has a 5-second default: only an explicit `timeout=None` is a problem.
const HTTPX: &[&str] = &[
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

const SESSIONS: &[&str] = &[
    "requests.Session",
    "requests.session",
    "requests.sessions.Session",
];
const SESSION_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "request",
];

const TIMEOUT: Arg = Arg::kw("timeout");

/// `session.get(url)` on a `requests.Session()` made in this scope.
fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if qualified.is_some() || !method_name(call).is_some_and(|m| SESSION_METHODS.contains(&m)) {
        return;
    }
    let Expr::Attribute(attribute) = call.func.as_ref() else {
        return;
    };
    let is_session = checker
        .instance_of(&attribute.value)
        .is_some_and(|class| SESSIONS.contains(&class.as_str()));
    if !is_session || !Cond::Missing(TIMEOUT).holds(checker, call) {
        return;
    }
    let message = format!(
        "`{}` has no timeout: a server that stops answering blocks this call, and its worker, indefinitely",
        checker.snippet(&*call.func)
    );
    checker.report(&RULE, call.range(), message);
}

declare_rule! {
    /// ## What it does
    /// Flags HTTP requests that can wait forever: `requests` calls (module
    /// functions, and methods of a `requests.Session()` made in the same
    /// scope) without `timeout=`, and `requests` or `httpx` calls with
    /// `timeout=None`. httpx's own default of five seconds is accepted.
    ///
    /// ## Why is this bad?
    /// `requests` never times out by default. A slow or malicious server
    /// that accepts the connection and then stops answering keeps the
    /// calling thread busy for good; a few such requests exhaust a web
    /// server's workers — a denial of service triggered from outside.
    ///
    /// ## Example
    /// ```python
    /// response = requests.get(url)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// response = requests.get(url, timeout=(3.05, 30))
    /// ```
    ///
    /// ## References
    /// - CWE-400: Uncontrolled Resource Consumption
    pub static RULE = {
        name: "request-without-timeout",
        category: Category::Network,
        cwe: &[400],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &["B113"],
        ruff: &["S113"],
        help: "Pass `timeout=` (seconds, or a `(connect, read)` tuple) to every request.",
        calls: &[
            CallPattern::new(
                REQUESTS,
                &[Cond::Missing(TIMEOUT)],
                "`{callee}` has no timeout: a server that stops answering blocks this call, and its worker, indefinitely",
            ),
            CallPattern::new(
                REQUESTS,
                &[Cond::IsNone(TIMEOUT)],
                "`{callee}` is called with `timeout=None`: a server that stops answering blocks this call indefinitely",
            ),
            CallPattern::new(
                HTTPX,
                &[Cond::IsNone(TIMEOUT)],
                "`{callee}` is called with `timeout=None`, which turns httpx's default timeout off: a server that stops answering blocks this call indefinitely",
            ),
        ],
        on_call: check_call,
        call_filter: CallFilter { methods: || SESSION_METHODS.to_vec(), ..CallFilter::NONE },
    };
}
