use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{method_name, string_value};
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};
use vigil_semantic::{BindingKind, ScopeId};

const FLASK_CORS: &[&str] = &[
    "flask_cors.CORS",
    "flask_cors.cross_origin",
    "flask_cors.extension.CORS",
    "flask_cors.decorator.cross_origin",
];

/// Methods that set a header on a headers object.
const HEADER_METHODS: &[&str] = &[
    "add",
    "set",
    "setdefault",
    "add_header",
    "append",
    "__setitem__",
];

const CORS_MIDDLEWARE: &[&str] = &[
    "starlette.middleware.cors.CORSMiddleware",
    "fastapi.middleware.cors.CORSMiddleware",
];

/// Whether an origins value allows every origin: `"*"`, `["*"]`, `".*"`.
fn is_wildcard(checker: &Checker, value: &Expr) -> bool {
    let value = checker.constant_value(value);
    let matches_all = |e: &Expr| string_value(e).is_some_and(|s| s == "*" || s == ".*");
    match value {
        Expr::List(list) => list.elts.iter().any(matches_all),
        Expr::Tuple(tuple) => tuple.elts.iter().any(matches_all),
        other => matches_all(other),
    }
}

fn is_true(checker: &Checker, value: &Expr) -> bool {
    checker.is_bool(value, true)
}

fn report(checker: &mut Checker, range: vigil_python::TextRange, what: &str, credentials: bool) {
    if credentials {
        let message = format!(
            "{what} allows every origin and sends credentials: any website can make authenticated requests as the visiting user and read the responses"
        );
        checker.report(&RULE, range, message);
    } else {
        let message = format!(
            "{what} allows every origin: any website can read these responses (harmless for public data, not for anything behind a login or network boundary)"
        );
        checker
            .report(&RULE, range, message)
            .audit_only()
            .severity(Severity::Low);
    }
}

/// `response.headers.add("Access-Control-Allow-Origin", value)` and the
/// like (`set`, `setdefault`, `add_header`, `append`).
fn header_call(checker: &mut Checker, call: &ExprCall) {
    if !method_name(call).is_some_and(|m| HEADER_METHODS.contains(&m)) {
        return;
    }
    let [name, value, ..] = &*call.arguments.args else {
        return;
    };
    if !string_value(name).is_some_and(|k| k.eq_ignore_ascii_case("Access-Control-Allow-Origin")) {
        return;
    }
    if checker.string(value).is_some_and(|v| v == "*") {
        report(
            checker,
            call.range(),
            "The `Access-Control-Allow-Origin: *` header",
            false,
        );
    } else if is_request_origin(value) {
        checker.report(
            &RULE,
            call.range(),
            "`Access-Control-Allow-Origin` echoes the request's `Origin`: every website is allowed, and with credentials it can act as the visiting user",
        );
    }
}

fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    header_call(checker, call);
    let keyword = |name: &str| call.arguments.find_keyword(name).map(|k| &k.value);
    if qualified.is_some_and(|q| FLASK_CORS.contains(&q)) {
        // flask-cors allows every origin unless told otherwise.
        let wildcard = match keyword("origins") {
            Some(origins) => is_wildcard(checker, origins),
            None => keyword("resources").is_none() && !has_unpacking(call),
        };
        if wildcard {
            let credentials = keyword("supports_credentials").is_some_and(|v| is_true(checker, v));
            let what = format!("`{}`", checker.snippet(&*call.func));
            report(checker, call.range(), &what, credentials);
        }
        return;
    }
    // `app.add_middleware(CORSMiddleware, ...)` and `Middleware(CORSMiddleware, ...)`.
    let adds = method_name(call) == Some("add_middleware")
        || qualified.is_some_and(|q| q.ends_with(".Middleware") && q.starts_with("starlette"));
    let is_middleware = adds
        && call.arguments.args.first().is_some_and(|first| {
            checker
                .resolve_value(first)
                .is_some_and(|q| CORS_MIDDLEWARE.contains(&q.as_str()))
        });
    if is_middleware && adds {
        let wildcard = keyword("allow_origins").is_some_and(|v| is_wildcard(checker, v))
            || keyword("allow_origin_regex").is_some_and(|v| is_wildcard(checker, v));
        if wildcard {
            let credentials = keyword("allow_credentials").is_some_and(|v| is_true(checker, v));
            report(checker, call.range(), "`CORSMiddleware`", credentials);
        }
    }
}

fn has_unpacking(call: &ExprCall) -> bool {
    call.arguments.keywords.iter().any(|k| k.arg.is_none())
}

fn check_stmt(checker: &mut Checker, stmt: &Stmt) {
    let Stmt::Assign(assign) = stmt else { return };
    for target in &assign.targets {
        match target {
            // django-cors-headers settings.
            Expr::Name(name)
                if matches!(
                    name.id.as_str(),
                    "CORS_ALLOW_ALL_ORIGINS" | "CORS_ORIGIN_ALLOW_ALL"
                ) && is_true(checker, &assign.value) =>
            {
                let credentials = module_sets_true(checker, "CORS_ALLOW_CREDENTIALS");
                let what = format!("`{} = True`", name.id.as_str());
                report(checker, stmt.range(), &what, credentials);
            }
            // `response.headers["Access-Control-Allow-Origin"] = ...`, `response[...] = ...`.
            Expr::Subscript(subscript)
                if string_value(&subscript.slice)
                    .is_some_and(|k| k.eq_ignore_ascii_case("Access-Control-Allow-Origin")) =>
            {
                if checker.string(&assign.value).is_some_and(|v| v == "*") {
                    report(
                        checker,
                        stmt.range(),
                        "The `Access-Control-Allow-Origin: *` header",
                        false,
                    );
                } else if is_request_origin(&assign.value) {
                    checker.report(
                        &RULE,
                        stmt.range(),
                        "`Access-Control-Allow-Origin` echoes the request's `Origin`: every website is allowed, and with credentials it can act as the visiting user",
                    );
                }
            }
            _ => {}
        }
    }
}

/// `request.headers.get("Origin")`, `request.headers["Origin"]`,
/// `request.META["HTTP_ORIGIN"]`, `request.META.get("HTTP_ORIGIN")`.
fn is_request_origin(value: &Expr) -> bool {
    let key = match value {
        Expr::Call(call) if crate::helpers::method_name(call) == Some("get") => {
            call.arguments.args.first().and_then(string_value)
        }
        Expr::Subscript(subscript) => string_value(&subscript.slice),
        _ => None,
    };
    key.is_some_and(|k| k.eq_ignore_ascii_case("origin") || k == "HTTP_ORIGIN")
}

/// Whether the module assigns `True` to `name` at the top level.
fn module_sets_true(checker: &Checker, name: &str) -> bool {
    let module = checker.semantic.scope(ScopeId::MODULE);
    module.bindings.get(name).is_some_and(|ids| {
        ids.iter().any(|id| {
            matches!(checker.semantic.binding(*id).kind,
                BindingKind::Assignment { value: Some(Expr::BooleanLiteral(b)) } if b.value)
        })
    })
}

declare_rule! {
    /// ## What it does
    /// Flags cross-origin resource sharing opened to every origin together
    /// with credentials: flask-cors `CORS(app)` / `@cross_origin()` with the
    /// default or `"*"` origins and `supports_credentials=True`, Starlette's
    /// and FastAPI's `CORSMiddleware` with `allow_origins=["*"]` and
    /// `allow_credentials=True`, django-cors-headers'
    /// `CORS_ALLOW_ALL_ORIGINS = True` (or `CORS_ORIGIN_ALLOW_ALL`) with
    /// `CORS_ALLOW_CREDENTIALS = True`, and an `Access-Control-Allow-Origin`
    /// header copied from the request's `Origin`. Wildcard origins without
    /// credentials, and a literal `Access-Control-Allow-Origin: *` header,
    /// are listed in audit mode.
    ///
    /// ## Why is this bad?
    /// Browsers refuse `*` together with credentials, so these libraries
    /// echo the caller's origin instead: every website the user visits can
    /// then send requests with the user's cookies and read the answers —
    /// account data, CSRF tokens, API keys. Even without credentials, a
    /// wildcard exposes whatever the server can reach that the visitor's
    /// browser cannot, such as intranet-only endpoints.
    ///
    /// ## Example
    /// ```python
    /// CORS(app, supports_credentials=True)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// CORS(app, origins=["https://app.example.com"], supports_credentials=True)
    /// ```
    ///
    /// ## References
    /// - CWE-942: Permissive Cross-domain Policy with Untrusted Domains
    /// - CWE-346: Origin Validation Error
    pub static RULE = {
        name: "cors-wildcard-origin",
        category: Category::Web,
        cwe: &[942, 346],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "List the origins that may call the API explicitly; never combine a wildcard (or an echoed `Origin`) with credentials.",
        on_call: check_call,
        call_filter: CallFilter {
            names: || FLASK_CORS.to_vec(),
            suffixes: &[".Middleware"],
            methods: || HEADER_METHODS.iter().copied().chain(["add_middleware"]).collect(),
            ..CallFilter::NONE
        },
        on_stmt: check_stmt,
        nodes: &[NodeKind::StmtAssign],
    };
}
