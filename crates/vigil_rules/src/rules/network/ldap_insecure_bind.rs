//! `ldap-insecure-bind`: LDAP binds that authenticate no one, or that send
//! the password in clear text.

use crate::call_filter::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{Truth, origin};
use crate::rule::Category;
use vigil_knowledge::credentials::ldap;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::Severity;

/// Whether a credential argument is empty: absent, `None` or `""`.
fn is_empty_credential(checker: &Checker, value: Option<&Expr>) -> bool {
    match value {
        None => true,
        Some(value) => {
            matches!(checker.constant_value(value), Expr::NoneLiteral(_))
                || checker.string(value).is_some_and(|s| s.is_empty())
        }
    }
}

/// Whether the module turns TLS on somewhere (`conn.start_tls_s()`,
/// ldap3's `AUTO_BIND_TLS_BEFORE_BIND`): the bind is then not judged as
/// cleartext.
fn starts_tls(checker: &Checker) -> bool {
    ldap::START_TLS
        .iter()
        .chain([&ldap::LDAP3_TLS_BEFORE_BIND])
        .any(|word| checker.mentions(word))
}

/// python-ldap: `conn.simple_bind_s(who, cred)` on `conn =
/// ldap.initialize(uri)`.
fn check_python_ldap(checker: &mut Checker, call: &ExprCall) {
    let Expr::Attribute(attribute) = call.func.as_ref() else {
        return;
    };
    if !ldap::BINDS.contains(&attribute.attr.as_str()) {
        return;
    }
    let Some(made) = origin(checker, &attribute.value) else {
        return;
    };
    if !made
        .callee
        .as_deref()
        .is_some_and(|c| ldap::CONNECTIONS.contains(&c))
    {
        return;
    }
    let (position, keyword) = ldap::CRED_PARAMETER;
    let cred = call.arguments.find_argument_value(keyword, position);
    if is_empty_credential(checker, cred) {
        let message = format!(
            "`{}` binds without a password: the server treats it as an anonymous (or unauthenticated) bind, which many directories accept, so it proves no identity",
            checker.snippet(call.func.as_ref())
        );
        checker
            .report(&RULE, call.range(), message)
            .severity(Severity::Medium);
        return;
    }
    let (position, keyword) = ldap::URI_PARAMETER;
    let Some(uri) = made
        .call
        .arguments
        .find_argument_value(keyword, position)
        .and_then(|u| checker.string(u))
    else {
        return;
    };
    if ldap::is_plain(&uri) && !starts_tls(checker) {
        report_cleartext(checker, call, &uri);
    }
}

fn report_cleartext(checker: &mut Checker, call: &ExprCall, uri: &str) {
    let shown: String = uri.chars().take(60).collect();
    let message = format!(
        "`{}` sends the password over plain LDAP (`{shown}`), without TLS: anyone on the network path reads it",
        checker.snippet(call.func.as_ref())
    );
    checker.report(&RULE, call.range(), message);
}

/// ldap3: `Connection(server, user, password, authentication=...)`.
fn check_ldap3(checker: &mut Checker, call: &ExprCall) {
    let argument =
        |(position, keyword): (usize, &str)| call.arguments.find_argument_value(keyword, position);
    let authentication = call.arguments.find_keyword("authentication");
    let anonymous = authentication.is_some_and(|a| {
        checker.resolve(&a.value).as_deref() == Some(ldap::LDAP3_ANONYMOUS)
            || checker.string(&a.value).as_deref() == Some("ANONYMOUS")
    });
    let user = argument(ldap::LDAP3_USER);
    let password = argument(ldap::LDAP3_PASSWORD);
    if anonymous || (authentication.is_none() && user.is_none() && password.is_none()) {
        let message = format!(
            "`{}` connects anonymously: the directory cannot tell who is asking, and anything it shows anonymous users is public",
            checker.snippet(call.func.as_ref())
        );
        checker
            .report(&RULE, call.range(), message)
            .severity(Severity::Medium);
        return;
    }
    if is_empty_credential(checker, password) {
        return;
    }
    let Some(server) = argument(ldap::LDAP3_SERVER_ARG) else {
        return;
    };
    if let Some(uri) = checker.string(server) {
        if ldap::is_plain(&uri) && !starts_tls(checker) {
            report_cleartext(checker, call, &uri);
        }
        return;
    }
    let Some(made) = origin(checker, server) else {
        return;
    };
    if made.callee.as_deref() != Some(ldap::LDAP3_SERVER) {
        return;
    }
    let server_argument = |(position, keyword): (usize, &str)| {
        made.call.arguments.find_argument_value(keyword, position)
    };
    let Some(host) = server_argument(ldap::LDAP3_HOST).and_then(|h| checker.string(h)) else {
        return;
    };
    let tls_port =
        server_argument(ldap::LDAP3_PORT).and_then(|p| checker.int(p)) == Some(ldap::LDAPS_PORT);
    let use_ssl =
        server_argument(ldap::LDAP3_USE_SSL).is_some_and(|u| checker.truth(u) != Truth::False);
    if ldap::is_plain(&host) && !tls_port && !use_ssl && !starts_tls(checker) {
        report_cleartext(checker, call, &host);
    }
}

fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if qualified == Some(ldap::LDAP3_CONNECTION) {
        check_ldap3(checker, call);
    } else {
        check_python_ldap(checker, call);
    }
}

fn names() -> Vec<&'static str> {
    vec![ldap::LDAP3_CONNECTION]
}

fn methods() -> Vec<&'static str> {
    ldap::BINDS.to_vec()
}

declare_rule! {
    /// ## What it does
    /// Flags LDAP binds that do not authenticate anyone or that expose the
    /// password:
    ///
    /// - binds without a password: python-ldap's `simple_bind_s()`,
    ///   `simple_bind_s(dn, "")` or `bind_s(dn, None)`, and ldap3
    ///   `Connection(server)` with no user and password or with
    ///   `authentication=ANONYMOUS` (medium severity);
    /// - binds with a password over plain LDAP: a python-ldap connection
    ///   from `ldap.initialize("ldap://...")`, or an ldap3 `Server` with
    ///   an `ldap://` URL or a bare host and neither `use_ssl=True` nor
    ///   port 636, when the module never starts TLS (`start_tls_s()`,
    ///   `start_tls()`, `AUTO_BIND_TLS_BEFORE_BIND`).
    ///
    /// URIs and hosts known only at run time are not judged.
    ///
    /// ## Why is this bad?
    /// A simple bind with an empty password is an "unauthenticated bind":
    /// many servers accept it as anonymous, so a login check built on it
    /// lets anyone in who leaves the password empty. A simple bind sends
    /// the password as it is: over `ldap://` on port 389, everyone on the
    /// network path can read it.
    ///
    /// ## Example
    /// ```python
    /// conn = ldap.initialize("ldap://dc1.corp.example")
    /// conn.simple_bind_s(user_dn, password)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// conn = ldap.initialize("ldaps://dc1.corp.example")
    /// if not password:
    ///     raise PermissionError("password required")
    /// conn.simple_bind_s(user_dn, password)
    /// ```
    ///
    /// ## References
    /// - CWE-287: Improper Authentication
    /// - CWE-522: Insufficiently Protected Credentials
    /// - CWE-523: Unprotected Transport of Credentials
    pub static RULE = {
        name: "ldap-insecure-bind",
        category: Category::Network,
        cwe: &[287, 522, 523],
        severity: Severity::High,
        confidence: vigil_report::Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Connect with `ldaps://` (or call `start_tls_s()` before binding), and refuse empty passwords before a simple bind.",
        on_call: check_call,
        call_filter: CallFilter { names, methods, ..CallFilter::NONE },
    };
}
