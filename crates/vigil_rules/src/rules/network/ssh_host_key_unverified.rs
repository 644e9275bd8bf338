use crate::CallFilter;
use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::method_name;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

const ACCEPT_ANY: &[&str] = &["paramiko.AutoAddPolicy", "paramiko.client.AutoAddPolicy"];
const WARN_ONLY: &[&str] = &["paramiko.WarningPolicy", "paramiko.client.WarningPolicy"];

/// `client.set_missing_host_key_policy(AutoAddPolicy())` (or the class itself).
fn check_call(checker: &mut Checker, call: &ExprCall, _: Option<&str>) {
    if method_name(call) != Some("set_missing_host_key_policy") {
        return;
    }
    let Some(policy) = call.arguments.find_argument_value("policy", 0) else {
        return;
    };
    let class = match policy {
        Expr::Call(inner) => checker.resolve_value(&inner.func),
        other => checker.resolve_value(other),
    };
    let Some(class) = class else { return };
    let (what, severity) = if ACCEPT_ANY.contains(&class.as_str()) {
        (
            "accepts and saves the key of any unknown server",
            Severity::High,
        )
    } else if WARN_ONLY.contains(&class.as_str()) {
        (
            "only logs a warning for an unknown server key and connects anyway",
            Severity::Medium,
        )
    } else {
        return;
    };
    let message = format!(
        "`{}` is given a policy that {what}: a man-in-the-middle can pose as the server and receive the credentials",
        checker.snippet(&*call.func)
    );
    checker
        .report(&RULE, policy.range(), message)
        .severity(severity);
}

/// pysftp's `cnopts.hostkeys = None`.
fn check_stmt(checker: &mut Checker, stmt: &Stmt) {
    let Stmt::Assign(assign) = stmt else { return };
    let disables = assign.value.is_none_literal_expr()
        && assign
            .targets
            .iter()
            .any(|t| matches!(t, Expr::Attribute(a) if a.attr.as_str() == "hostkeys"));
    if disables
        && checker
            .semantic
            .imported_names()
            .any(|m| m == "pysftp" || m.starts_with("pysftp."))
    {
        checker.report(
            &RULE,
            stmt.range(),
            "Setting pysftp's `hostkeys = None` turns host key checking off: a man-in-the-middle can pose as the server",
        );
    }
}

declare_rule! {
    /// ## What it does
    /// Flags SSH clients that do not verify the server's host key:
    /// paramiko's `set_missing_host_key_policy(AutoAddPolicy())` or
    /// `WarningPolicy()`, asyncssh's `connect(..., known_hosts=None)`, and
    /// pysftp's `cnopts.hostkeys = None`.
    ///
    /// ## Why is this bad?
    /// The host key is the only thing that proves the client reached the
    /// real server. Accepting whatever key is offered lets anyone who can
    /// redirect the connection pose as the server, capture the password or
    /// forwarded agent, and read or alter everything sent.
    ///
    /// ## Example
    /// ```python
    /// client = paramiko.SSHClient()
    /// client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    /// ```
    ///
    /// ## Use instead
    /// Load the known hosts and reject unknown keys (the default):
    /// ```python
    /// client.load_system_host_keys()
    /// client.set_missing_host_key_policy(paramiko.RejectPolicy())
    /// ```
    ///
    /// ## References
    /// - CWE-295: Improper Certificate Validation
    /// - CWE-322: Key Exchange without Entity Authentication
    pub static RULE = {
        name: "ssh-host-key-unverified",
        category: Category::Network,
        cwe: &[295, 322],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B507"],
        ruff: &["S507"],
        help: "Load known host keys (`load_system_host_keys()` or a `known_hosts` file) and keep `RejectPolicy`, distributing new host keys out of band.",
        calls: &[
            CallPattern::new(
                &[
                    "asyncssh.connect",
                    "asyncssh.connect_reverse",
                    "asyncssh.SSHClientConnectionOptions",
                    "asyncssh.connection.connect",
                ],
                &[Cond::IsNone(Arg::kw("known_hosts"))],
                "`{callee}` is called with `known_hosts=None`, which turns server host key checking off",
            ),
        ],
        on_call: check_call,
        call_filter: CallFilter { methods: || vec!["set_missing_host_key_policy"], ..CallFilter::NONE },
        on_stmt: check_stmt,
        nodes: &[NodeKind::StmtAssign],
    };
}
