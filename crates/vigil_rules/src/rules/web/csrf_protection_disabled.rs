use super::context::{in_development_class, is_development_module, is_settings_module};
use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{string_value, target_name};
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

const CSRF_EXEMPT: &[&str] = &["django.views.decorators.csrf.csrf_exempt"];
const FLASK_WTF_CSRF: &[&str] = &[
    "flask_wtf.CSRFProtect",
    "flask_wtf.csrf.CSRFProtect",
    "flask_wtf.CsrfProtect",
];
const CSRF_MIDDLEWARE: &str = "django.middleware.csrf.CsrfViewMiddleware";

/// Whether `expr` (a decorator or a callee) exempts a view from CSRF checks.
fn is_exemption(checker: &Checker, expr: &Expr) -> bool {
    let expr = match expr {
        // `@method_decorator(csrf_exempt, name="dispatch")`
        Expr::Call(call)
            if checker
                .resolve_value(&call.func)
                .is_some_and(|q| q == "django.utils.decorators.method_decorator") =>
        {
            match call.arguments.args.first() {
                Some(inner) => inner,
                None => return false,
            }
        }
        Expr::Call(call) => &*call.func,
        other => other,
    };
    if checker
        .resolve_value(expr)
        .is_some_and(|q| CSRF_EXEMPT.contains(&q.as_str()))
    {
        return true;
    }
    // `csrf.exempt` on a Flask-WTF `CSRFProtect()`.
    matches!(expr, Expr::Attribute(a) if a.attr.as_str() == "exempt"
        && checker
            .instance_of(&a.value)
            .is_some_and(|class| FLASK_WTF_CSRF.contains(&class.as_str())))
}

/// `csrf_exempt(view)` and `csrf.exempt(blueprint)` used as plain calls.
fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if call.arguments.args.len() != 1 {
        return;
    }
    let exempt = qualified.is_some_and(|q| CSRF_EXEMPT.contains(&q))
        || (matches!(&*call.func, Expr::Attribute(a) if a.attr.as_str() == "exempt")
            && is_exemption(checker, &call.func));
    if exempt {
        let message = format!(
            "`{}` exempts a view from CSRF protection: other sites can make a logged-in user's browser submit requests to it",
            checker.snippet(call)
        );
        checker.report(&RULE, call.range(), message);
    }
}

fn check_stmt(checker: &mut Checker, stmt: &Stmt) {
    match stmt {
        Stmt::FunctionDef(def) => {
            for decorator in &def.decorator_list {
                if is_exemption(checker, &decorator.expression) {
                    let message = format!(
                        "`{}` is exempt from CSRF protection: other sites can make a logged-in user's browser submit requests to it",
                        def.name.as_str()
                    );
                    checker.report(&RULE, decorator.range(), message);
                }
            }
        }
        Stmt::ClassDef(class) => {
            for decorator in &class.decorator_list {
                if is_exemption(checker, &decorator.expression) {
                    let message = format!(
                        "`{}` is exempt from CSRF protection: other sites can make a logged-in user's browser submit requests to it",
                        class.name.as_str()
                    );
                    checker.report(&RULE, decorator.range(), message);
                }
            }
        }
        Stmt::Assign(assign) => {
            for target in &assign.targets {
                match target_name(target) {
                    Some("WTF_CSRF_ENABLED") if checker.is_bool(&assign.value, false) => {
                        let development =
                            is_development_module(checker) || in_development_class(checker);
                        let diagnostic = checker.report(
                            &RULE,
                            stmt.range(),
                            "`WTF_CSRF_ENABLED = False` turns Flask-WTF's CSRF protection off for every form",
                        );
                        if development {
                            diagnostic.audit_only().severity(Severity::Low);
                        }
                    }
                    Some("MIDDLEWARE" | "MIDDLEWARE_CLASSES")
                        if matches!(target, Expr::Name(_)) && is_settings_module(checker) =>
                    {
                        middleware_without_csrf(checker, stmt, &assign.value);
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// A Django middleware list with Django's own middleware but not CSRF.
fn middleware_without_csrf(checker: &mut Checker, stmt: &Stmt, value: &Expr) {
    let elements = match value {
        Expr::List(list) => &list.elts,
        Expr::Tuple(tuple) => &tuple.elts,
        _ => return,
    };
    let names: Vec<String> = elements.iter().filter_map(string_value).collect();
    if names.len() != elements.len() {
        return;
    }
    let is_django = names.iter().any(|n| n.starts_with("django."));
    if is_django && !names.iter().any(|n| n == CSRF_MIDDLEWARE) {
        let development = is_development_module(checker);
        let diagnostic = checker.report(
            &RULE,
            stmt.range(),
            "`MIDDLEWARE` does not include `django.middleware.csrf.CsrfViewMiddleware`: no view is protected against cross-site request forgery",
        );
        if development {
            diagnostic.audit_only().severity(Severity::Low);
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags views taken out of CSRF protection — Django's `@csrf_exempt`
    /// (also as `csrf_exempt(view)`) and Flask-WTF's `@csrf.exempt` — and
    /// protection turned off altogether: a Django `MIDDLEWARE` list without
    /// `CsrfViewMiddleware`, or `WTF_CSRF_ENABLED = False` (in audit mode
    /// only when it sits in a testing configuration).
    ///
    /// ## Why is this bad?
    /// Browsers attach cookies to requests that other sites trigger. Without
    /// a CSRF token check, a page on any site can make a logged-in user's
    /// browser change their e-mail or password, transfer money or delete
    /// data through the exempted view.
    ///
    /// ## Example
    /// ```python
    /// @csrf_exempt
    /// def update_profile(request): ...
    /// ```
    ///
    /// ## Use instead
    /// Keep the protection and send the token with the request (for a
    /// webhook, verify the sender's signature instead, and accept only that):
    /// ```python
    /// @require_POST
    /// def update_profile(request): ...
    /// ```
    ///
    /// ## References
    /// - CWE-352: Cross-Site Request Forgery (CSRF)
    pub static RULE = {
        name: "csrf-protection-disabled",
        category: Category::Web,
        cwe: &[352],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Keep CSRF protection on; exempt only endpoints that authenticate each request another way (a webhook signature, a token header) and do not rely on cookies.",
        on_call: check_call,
        call_filter: CallFilter {
            names: || CSRF_EXEMPT.to_vec(),
            methods: || vec!["exempt"],
            ..CallFilter::NONE
        },
        on_stmt: check_stmt,
        nodes: &[NodeKind::StmtFunctionDef, NodeKind::StmtClassDef, NodeKind::StmtAssign],
    };
}
