use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::method_name;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

/// Server constructors whose first argument is a `(host, port)` address.
const SERVERS: &[&str] = &[
    "socketserver.TCPServer",
    "socketserver.UDPServer",
    "socketserver.ThreadingTCPServer",
    "socketserver.ThreadingUDPServer",
    "socketserver.ForkingTCPServer",
    "socketserver.ForkingUDPServer",
    "http.server.HTTPServer",
    "http.server.ThreadingHTTPServer",
    "xmlrpc.server.SimpleXMLRPCServer",
    "xmlrpc.server.DocXMLRPCServer",
];

/// Functions whose `host` comes first (`make_server(host, port, app)`).
const HOST_FIRST: &[&str] = &["wsgiref.simple_server.make_server"];

/// Keyword arguments that name the address a server listens on.
const HOST_KEYWORDS: &[&str] = &[
    "host",
    "bind",
    "bind_host",
    "bind_address",
    "listen",
    "listen_address",
    "server_address",
];

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let is_server = qualified.is_some_and(|q| SERVERS.contains(&q));
    if is_server || method_name(call) == Some("bind") {
        if let Some(Expr::Tuple(address)) = call
            .arguments
            .args
            .first()
            .map(|a| checker.constant_value(a))
            && let Some(host) = address.elts.first()
        {
            judge(checker, call, host, is_server);
        }
        return;
    }
    if qualified.is_some_and(|q| HOST_FIRST.contains(&q))
        && let Some(host) = call.arguments.find_argument_value("host", 0)
    {
        judge(checker, call, host, true);
        return;
    }
    for keyword in &call.arguments.keywords {
        if let Some(name) = &keyword.arg
            && HOST_KEYWORDS.contains(&name.as_str())
        {
            judge(checker, call, &keyword.value, false);
        }
    }
}

/// Reports `host` when it is the any-address: `"0.0.0.0"` and `"::"` in
/// default mode; the empty string (also any-address for sockets) in audit
/// mode, where it is usually a deliberate server default.
fn judge(checker: &mut Checker, call: &ExprCall, host: &Expr, address_argument: bool) {
    const ANY_ADDRESS: &[&str] = &["0.0.0.0", "::", "[::]", ""];
    let Some(value) = checker.string_in(host, ANY_ADDRESS) else {
        return;
    };
    let audit = match value {
        "0.0.0.0" | "::" | "[::]" => false,
        "" if address_argument || method_name(call) == Some("bind") => true,
        _ => return,
    };
    let shown = if value.is_empty() { "\"\"" } else { value };
    let message = format!(
        "`{}` listens on `{shown}`, every network interface: the service is reachable from any network the host is on, not only from this machine",
        checker.snippet(&*call.func)
    );
    let diagnostic = checker.report(&RULE, host.range(), message);
    if audit {
        diagnostic.audit_only().severity(Severity::Low);
    }
}

declare_rule! {
    /// ## What it does
    /// Flags servers bound to every network interface: `"0.0.0.0"` or `"::"`
    /// as the host of `socket.bind((host, port))`, of `socketserver` and
    /// `http.server` servers, `wsgiref`'s `make_server`, or a `host=` /
    /// `bind=` argument (`app.run(host="0.0.0.0")`, `uvicorn.run(app,
    /// host="0.0.0.0")`). In audit mode it also lists binds to `""`, which
    /// means the same for sockets.
    ///
    /// ## Why is this bad?
    /// A service meant for local use — a debug server, an admin endpoint, a
    /// metrics port — becomes reachable from every network the machine is
    /// on: the office LAN, a public Wi-Fi, the internet on a cloud VM.
    /// Whatever the service trusts about its callers no longer holds.
    ///
    /// ## Example
    /// ```python
    /// app.run(host="0.0.0.0", port=8000)
    /// ```
    ///
    /// ## Use instead
    /// Bind to loopback, and expose the service deliberately (through a
    /// reverse proxy, or an address read from configuration):
    /// ```python
    /// app.run(host="127.0.0.1", port=8000)
    /// ```
    ///
    /// ## References
    /// - CWE-1327: Binding to an Unrestricted IP Address
    /// - CWE-605: Multiple Binds to the Same Port
    pub static RULE = {
        name: "bind-all-interfaces",
        category: Category::Network,
        cwe: &[1327, 605],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &["B104"],
        ruff: &["S104"],
        help: "Bind to `127.0.0.1` (or `::1`) unless the service must be public, and then take the address from configuration.",
        on_call: check,
        call_filter: CallFilter {
            names: || [SERVERS, HOST_FIRST].concat(),
            methods: || vec!["bind"],
            keywords: || HOST_KEYWORDS.to_vec(),
            ..CallFilter::NONE
        },
    };
}
