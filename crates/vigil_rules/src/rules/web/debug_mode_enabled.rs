use super::context::{
    imports, in_development_class, is_development_module, is_settings_module,
    is_unconditional_module_statement,
};
use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::string_value;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};
use vigil_semantic::ScopeKind;

const FLASK_APPS: &[&str] = &["flask.Flask", "flask.app.Flask", "quart.Quart"];

/// Whether `expr` is `True`, through names, constants and settings
/// (`debug=settings.DEBUG`). Numbers are not switches here: `DEBUG = 10`
/// is `logging`'s level.
fn is_true(checker: &Checker, expr: &Expr) -> bool {
    checker.is_bool(expr, true)
}

/// How a switch was turned on, for messages: `debug=True` as written, or
/// `debug=DEBUG` and what it holds.
fn how(checker: &Checker, parameter: &str, value: &Expr) -> String {
    let text = checker.snippet(value);
    if text == "True" {
        format!("`{parameter}=True`")
    } else {
        format!("`{parameter}` set to `{text}`, which is true")
    }
}

/// A receiver that is a Flask app: made by `Flask(...)`, or any object in a
/// module that imports Flask (apps often come from an application factory).
fn is_flask_app(checker: &Checker, receiver: &Expr) -> bool {
    checker
        .instance_of(receiver)
        .is_some_and(|class| FLASK_APPS.contains(&class.as_str()))
        || imports(checker, "flask")
        || imports(checker, "quart")
}

fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let callee = checker.lazy_snippet(&*call.func);
    // The switch `parameter` of a call to `signature`, when it is true.
    let switched_on = |parameter: &str, signature: &str| {
        checker
            .argument(call, signature, parameter)
            .filter(|value| is_true(checker, value))
            .map(|value| (value.range(), how(checker, parameter, value)))
    };
    match qualified {
        Some("werkzeug.serving.run_simple" | "werkzeug.run_simple") => {
            if let Some((range, how)) = switched_on("use_debugger", "werkzeug.serving.run_simple") {
                let message = format!(
                    "`{callee}` runs the Werkzeug debugger ({how}): an error page gives an interactive Python console, guarded only by a PIN"
                );
                checker.report(&RULE, range, message);
            }
            return;
        }
        Some("werkzeug.debug.DebuggedApplication") => {
            if let Some((range, how)) = switched_on("evalex", "werkzeug.debug.DebuggedApplication")
            {
                let message = format!(
                    "`{callee}` enables the debugger's Python console ({how}), guarded only by a PIN"
                );
                checker.report(&RULE, range, message);
            }
            return;
        }
        _ => {}
    }
    // `app.run(...)`, or `run = app.run; run(...)`.
    let Expr::Attribute(attribute) = checker.callee(call) else {
        return;
    };
    match attribute.attr.as_str() {
        "run" if is_flask_app(checker, &attribute.value) => {
            if let Some((range, how)) = switched_on("debug", "flask.Flask.run") {
                let message = format!(
                    "`{callee}` starts the app with {how}: the Werkzeug debugger gives anyone who triggers an error an interactive Python console, guarded only by a PIN"
                );
                checker.report(&RULE, range, message);
            }
        }
        "update" | "from_mapping"
            if matches!(&*attribute.value, Expr::Attribute(c) if c.attr.as_str() == "config")
                && imports(checker, "flask") =>
        {
            if let Some(keyword) = call.arguments.find_keyword("DEBUG")
                && is_true(checker, &keyword.value)
            {
                let range = keyword.range();
                let message = format!(
                    "`{callee}` sets `DEBUG=True`: the app runs with the interactive debugger and detailed error pages"
                );
                checker.report(&RULE, range, message);
            }
        }
        _ => {}
    }
}

fn check_stmt(checker: &mut Checker, stmt: &Stmt) {
    let Stmt::Assign(assign) = stmt else { return };
    // The targets are looked at first: evaluating the value is the costly
    // part, and almost no assignment sets a debug switch.
    let sets_debug = |target: &Expr| match target {
        Expr::Name(name) => name.id.as_str() == "DEBUG",
        Expr::Attribute(attribute) => attribute.attr.as_str() == "debug",
        Expr::Subscript(subscript) => string_value(&subscript.slice).is_some_and(|k| k == "DEBUG"),
        _ => false,
    };
    if !assign.targets.iter().any(sets_debug) || !is_true(checker, &assign.value) {
        return;
    }
    for target in &assign.targets {
        match target {
            Expr::Name(name) if name.id.as_str() == "DEBUG" => django_debug(checker, stmt),
            Expr::Attribute(attribute)
                if attribute.attr.as_str() == "debug"
                    && is_flask_app(checker, &attribute.value) =>
            {
                checker.report(
                    &RULE,
                    stmt.range(),
                    "Setting the Flask app's `debug = True` turns on the interactive debugger and detailed error pages",
                );
            }
            Expr::Subscript(subscript)
                if string_value(&subscript.slice).is_some_and(|k| k == "DEBUG")
                    && matches!(&*subscript.value, Expr::Attribute(c) if c.attr.as_str() == "config")
                    && imports(checker, "flask") =>
            {
                checker.report(
                    &RULE,
                    stmt.range(),
                    "Setting `config[\"DEBUG\"] = True` runs the app with the interactive debugger and detailed error pages",
                );
            }
            _ => {}
        }
    }
}

/// `DEBUG = True`: a finding in a production settings module, an audit note
/// elsewhere (configuration classes, development settings, conditionals).
fn django_debug(checker: &mut Checker, stmt: &Stmt) {
    let scope = checker.semantic.scope(checker.scope()).kind;
    if !matches!(scope, ScopeKind::Module | ScopeKind::Class) {
        return;
    }
    let production = is_settings_module(checker)
        && is_unconditional_module_statement(checker)
        && !is_development_module(checker);
    if production {
        checker.report(
            &RULE,
            stmt.range(),
            "`DEBUG = True` in a settings module: error pages show source code, settings and request data to any visitor, and every query is kept in memory",
        );
    } else {
        let note = if in_development_class(checker) || is_development_module(checker) {
            "in development configuration"
        } else {
            "outside a production settings module"
        };
        let message = format!(
            "`DEBUG = True` {note}: check that it can never be the configuration a deployment uses"
        );
        checker
            .report(&RULE, stmt.range(), message)
            .audit_only()
            .severity(Severity::Low);
    }
}

declare_rule! {
    /// ## What it does
    /// Flags web applications run in debug mode: Flask's `app.run(debug=True)`,
    /// `app.debug = True` and `app.config["DEBUG"] = True`, Werkzeug's
    /// `run_simple(use_debugger=True)` and `DebuggedApplication(evalex=True)`,
    /// and `DEBUG = True` at the top level of a Django settings module. A
    /// `DEBUG = True` in a configuration class, under a condition or in a
    /// development settings module (`settings/dev.py`, `local_settings.py`)
    /// is listed in audit mode only.
    ///
    /// ## Why is this bad?
    /// The Werkzeug debugger turns any error page into a Python console that
    /// runs code on the server; only a PIN, which can be derived from
    /// machine details, stands in the way. Django's debug mode shows source
    /// code, settings and request data, including cookies, to any visitor
    /// who triggers an error.
    ///
    /// ## Example
    /// ```python
    /// if __name__ == "__main__":
    ///     app.run(debug=True)
    /// ```
    ///
    /// ## Use instead
    /// Take the setting from the environment, off by default:
    /// ```python
    /// app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
    /// DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
    /// ```
    ///
    /// ## References
    /// - CWE-489: Active Debug Code
    /// - CWE-215: Insertion of Sensitive Information Into Debugging Code
    pub static RULE = {
        name: "debug-mode-enabled",
        category: Category::Web,
        cwe: &[489, 215],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &["B201"],
        ruff: &["S201"],
        help: "Turn debug mode off in anything that can be deployed: read it from the environment with `False` as the default.",
        on_call: check_call,
        call_filter: CallFilter {
            names: || {
                vec![
                    "werkzeug.serving.run_simple",
                    "werkzeug.run_simple",
                    "werkzeug.debug.DebuggedApplication",
                ]
            },
            methods: || vec!["run", "update", "from_mapping"],
            ..CallFilter::NONE
        },
        on_stmt: check_stmt,
        nodes: &[NodeKind::StmtAssign],
    };
}
