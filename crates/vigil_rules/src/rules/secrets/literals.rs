//! String literals bound to secret-like names, wherever Python binds them:
//! assignments (`DB_PASSWORD = "..."`, `self.token = "..."`,
//! `config["SECRET_KEY"] = "..."`), keyword arguments (`connect(password=...)`),
//! parameter defaults, dictionary entries and comparisons.

use crate::checker::Checker;
use crate::rule::Rule;
use vigil_python::Ranged;
use vigil_python::ast::{self as ast, Expr, Stmt};
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
                    judge(checker, Some(name.as_str()), &keyword.value, wanted, rule);
                }
            }
        }
        Expr::Dict(dict) => {
            for item in &dict.items {
                if let Some(Expr::StringLiteral(key)) = &item.key {
                    judge(checker, Some(key.value.to_str()), &item.value, wanted, rule);
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
