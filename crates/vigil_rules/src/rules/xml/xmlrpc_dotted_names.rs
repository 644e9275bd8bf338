use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{Truth, method_name, origin};
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

const SERVERS: &[&str] = &[
    "xmlrpc.server.SimpleXMLRPCServer",
    "xmlrpc.server.MultiPathXMLRPCServer",
    "xmlrpc.server.DocXMLRPCServer",
    "xmlrpc.server.CGIXMLRPCRequestHandler",
    "xmlrpc.server.DocCGIXMLRPCRequestHandler",
    "xmlrpc.server.SimpleXMLRPCDispatcher",
    "SimpleXMLRPCServer.SimpleXMLRPCServer",
    "SimpleXMLRPCServer.CGIXMLRPCRequestHandler",
    "DocXMLRPCServer.DocXMLRPCServer",
];

fn check(checker: &mut Checker, call: &ExprCall, _qualified: Option<&str>) {
    if method_name(call) != Some("register_instance") {
        return;
    }
    let Some(flag) = call.arguments.find_argument_value("allow_dotted_names", 1) else {
        return;
    };
    let truth = checker.truth(flag);
    if truth == Truth::False {
        return;
    }
    let known_server = match call.func.as_ref() {
        Expr::Attribute(attribute) => origin(checker, &attribute.value)
            .and_then(|o| o.callee)
            .is_some_and(|c| SERVERS.contains(&c.as_str())),
        _ => false,
    };
    let message = format!(
        "`{}` lets XML-RPC clients follow dotted names from the registered object to its attributes, module globals and beyond: remote callers can reach code that was never meant to be exposed",
        checker.snippet(&*call.func)
    );
    let diagnostic = checker.report(&RULE, call.range(), message);
    if !known_server {
        diagnostic.confidence(Confidence::Medium);
    }
    if truth == Truth::Unknown {
        diagnostic.audit_only().severity(Severity::Medium);
    }
}

declare_rule! {
    /// ## What it does
    /// Flags XML-RPC servers that register an instance with
    /// `allow_dotted_names=True`.
    ///
    /// ## Why is this bad?
    /// With dotted names, a client can call `a.b.c`: the server walks
    /// from the registered object through any attribute that does not
    /// start with an underscore. That reaches the object's module, its
    /// imports and their functions, so remote callers can read global
    /// variables and may run arbitrary code. The Python documentation
    /// warns against this option on any network that is not closed.
    ///
    /// ## Example
    /// ```python
    /// server.register_instance(Api(), allow_dotted_names=True)
    /// ```
    ///
    /// ## Use instead
    /// Register the instance without dotted names, or register each
    /// function you mean to expose:
    /// ```python
    /// server.register_instance(Api())
    /// ```
    ///
    /// ## References
    /// - CWE-749: Exposed Dangerous Method or Function
    pub static RULE = {
        name: "xmlrpc-dotted-names",
        category: Category::Xml,
        cwe: &[749],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Register XML-RPC instances without `allow_dotted_names=True`, or register each exposed function explicitly.",
        on_call: check,
        call_filter: CallFilter { methods: || vec!["register_instance"], ..CallFilter::NONE },
    };
}
