//! String literals bound to secret-like names, wherever Python binds them:
//! assignments (`DB_PASSWORD = "..."`, `self.token = "..."`,
//! `config["SECRET_KEY"] = "..."`), keyword arguments (`connect(password=...)`),
//! parameter defaults, dictionary entries and comparisons.

use crate::checker::Checker;
use crate::helpers::{environment_fallback, environment_variable_shown, origin};
use crate::rule::Rule;
use vigil_knowledge::credentials;
use vigil_python::Ranged;
use vigil_python::ast::{self as ast, Expr, Stmt};
use vigil_report::{Confidence, Severity};
use vigil_secrets::{SecretRule, classify_assignment};

pub(super) fn check_stmt(
    checker: &mut Checker,
    stmt: &Stmt,
    wanted: SecretRule,
    rule: &'static Rule,
) {
    match stmt {
        Stmt::Assign(assign) => {
            for target in &assign.targets {
                judge(checker, target_name(target), &assign.value, wanted, rule);
            }
        }
        Stmt::AnnAssign(assign) => {
            if let Some(value) = &assign.value {
                judge(checker, target_name(&assign.target), value, wanted, rule);
            }
        }
        Stmt::FunctionDef(def) => {
            let parameters = &def.parameters;
            for p in parameters
                .posonlyargs
                .iter()
                .chain(&parameters.args)
                .chain(&parameters.kwonlyargs)
            {
                if let Some(default) = &p.default {
                    judge(
                        checker,
                        Some(p.parameter.name.as_str()),
                        default,
                        wanted,
                        rule,
                    );
                }
            }
        }
        _ => {}
    }
}

pub(super) fn check_expr(
    checker: &mut Checker,
    expr: &Expr,
    wanted: SecretRule,
    rule: &'static Rule,
) {
    match expr {
        Expr::Call(call) => {
            for keyword in &call.arguments.keywords {
                if let Some(name) = &keyword.arg {
                    judge_use(checker, name.as_str(), &keyword.value, wanted, rule);
                    if credentials::AUTH_PAIR_KEYWORDS.contains(&name.as_str())
                        && let Expr::Tuple(pair) = checker.constant_value(&keyword.value)
                        && let [_, password] = &*pair.elts
                    {
                        judge_use(checker, "password", password, wanted, rule);
                    }
                }
            }
            if wanted == SecretRule::HardcodedPassword
                && let Some(position) = login_password(checker, call)
                && let Some(password) = call.arguments.args.get(position)
            {
                // By keyword it was judged above, by its name.
                judge_use(checker, "password", password, wanted, rule);
            }
        }
        Expr::Dict(dict) => {
            for item in &dict.items {
                if let Some(Expr::StringLiteral(key)) = &item.key {
                    judge_use(checker, key.value.to_str(), &item.value, wanted, rule);
                }
            }
        }
        Expr::Compare(compare) if compare.comparators.len() == 1 => {
            let is_equality = matches!(
                compare.ops.first(),
                Some(ast::CmpOp::Eq | ast::CmpOp::NotEq)
            );
            if is_equality {
                let (left, right) = (&*compare.left, &compare.comparators[0]);
                judge(checker, target_name(left), right, wanted, rule);
                judge(checker, target_name(right), left, wanted, rule);
            }
        }
        _ => {}
    }
}

/// Where a login call (`smtp.login(user, PASSWORD)`,
/// `HTTPBasicAuth(user, PASSWORD)`) takes its password by position (by
/// keyword, the argument's name says it).
fn login_password(checker: &Checker, call: &ast::ExprCall) -> Option<usize> {
    // Most calls are not logins: their name says so before any lookup.
    let last = match call.func.as_ref() {
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        Expr::Name(name) => name.id.as_str(),
        _ => return None,
    };
    if call.arguments.args.len() < 2 && last != "pass_" || !credentials::is_login_name(last) {
        return None;
    }
    if let Some((position, _)) = checker
        .resolve(&call.func)
        .and_then(|q| credentials::login_function(&q))
    {
        return Some(position);
    }
    let Expr::Attribute(attribute) = call.func.as_ref() else {
        return None;
    };
    let made_by = origin(checker, &attribute.value)?.callee?;
    credentials::login_method(&made_by, attribute.attr.as_str()).map(|m| m.position)
}

/// A value passed where a credential goes (a keyword argument or a
/// dictionary key named like one, a login's password): a literal is
/// judged as in an assignment; a name or expression whose value is a
/// constant string (`DB_CONF = "..."; connect(password=DB_CONF)`) is
/// judged by that value, whatever the constant is called, and reported
/// where it is used.
fn judge_use(
    checker: &mut Checker,
    name: &str,
    value: &Expr,
    wanted: SecretRule,
    rule: &'static Rule,
) {
    if matches!(value, Expr::StringLiteral(_)) {
        judge(checker, Some(name), value, wanted, rule);
        return;
    }
    // Only where the name asks for a credential: resolving a value can
    // ask the module graph for other modules' constants.
    if vigil_secrets::is_secret_name(name).is_none() {
        return;
    }
    // A name bound once to a literal (not a parameter, whose default is
    // judged where it is written), or an attribute whose value the
    // checker knows (`settings.DB_CONF`, a class attribute).
    let bound = match value {
        Expr::Name(_) => checker.constant_value(value),
        other => other,
    };
    if let Expr::Call(call) = bound {
        judge_fallback(checker, name, call, wanted, rule);
        return;
    }
    let text = match value {
        Expr::Name(_) => match bound {
            Expr::StringLiteral(literal) => literal.value.to_str().to_string(),
            _ => return,
        },
        Expr::Attribute(_) => match checker.string(value) {
            Some(text) => text,
            None => return,
        },
        _ => return,
    };
    let Some(found) = classify_assignment(name, &text) else {
        return;
    };
    if found.rule != wanted {
        return;
    }
    let message = format!(
        "{} (the value of `{}`, a constant)",
        found.message,
        checker.snippet(value)
    );
    checker
        .report(rule, value.range(), message)
        .severity(found.severity)
        .confidence(found.confidence);
}

/// A credential read from the environment with a fallback written in the
/// code (`password=os.getenv("DB_PASSWORD", "s3cret")`, directly or
/// through a name bound once): wherever the variable is unset, that
/// fallback is the password. Reported at the fallback, with medium
/// severity: the deployment may set the variable.
fn judge_fallback(
    checker: &mut Checker,
    name: &str,
    call: &ast::ExprCall,
    wanted: SecretRule,
    rule: &'static Rule,
) {
    let Some(fallback) = environment_fallback(checker, call) else {
        return;
    };
    let Some(text) = checker.string(fallback) else {
        return;
    };
    let Some(found) = classify_assignment(name, &text) else {
        return;
    };
    if found.rule != wanted {
        return;
    }
    let variable = environment_variable_shown(checker, call);
    // The call's text holds the secret: the message names the variable.
    let message = format!(
        "{} (the fallback used when {variable} is unset)",
        found.message
    );
    checker
        .report(rule, fallback.range(), message)
        .severity(Severity::Medium)
        .confidence(Confidence::Medium);
}

/// The name a value is bound to: `x`, `obj.x`, `d["x"]`.
fn target_name(target: &Expr) -> Option<&str> {
    match target {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        Expr::Subscript(subscript) => match &*subscript.slice {
            Expr::StringLiteral(key) => Some(key.value.to_str()),
            _ => None,
        },
        _ => None,
    }
}

fn judge(
    checker: &mut Checker,
    name: Option<&str>,
    value: &Expr,
    wanted: SecretRule,
    rule: &'static Rule,
) {
    let (Some(name), Expr::StringLiteral(literal)) = (name, value) else {
        return;
    };
    let Some(found) = classify_assignment(name, literal.value.to_str()) else {
        return;
    };
    if found.rule != wanted {
        return;
    }
    checker
        .report(rule, literal.range(), found.message)
        .shown_as(found.redacted.to_string())
        .severity(found.severity)
        .confidence(found.confidence);
}
