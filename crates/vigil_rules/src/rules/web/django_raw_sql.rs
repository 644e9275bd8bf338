use super::context::is_built_at_run_time;
use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::method_name;
use crate::rule::Category;
use vigil_knowledge::sql;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if qualified.is_some_and(|q| sql::DJANGO_RAW_SQL.contains(&q)) {
        if let Some((position, keyword)) = qualified.and_then(sql::text_parameter)
            && let Some(text) = call.arguments.find_argument_value(keyword, position)
        {
            raw_text(checker, call, text);
        }
        return;
    }
    let raw = sql::DJANGO_RAW;
    match method_name(call) {
        Some(m) if m == sql::DJANGO_EXTRA => extra(checker, call),
        Some(m) if m == raw.name && is_manager(&call.func) => {
            if let Some(text) = call
                .arguments
                .find_argument_value(raw.keyword, raw.position)
            {
                raw_text(checker, call, text);
            }
        }
        _ => {}
    }
}

/// `Model.objects.raw(...)`, `Model.objects.filter(...).raw(...)`: a call on
/// a chain that goes through a model manager.
fn is_manager(func: &Expr) -> bool {
    let mut current = func;
    for _ in 0..16 {
        current = match current {
            Expr::Attribute(a) if a.attr.as_str() == "objects" => return true,
            Expr::Attribute(a) => &a.value,
            Expr::Call(c) => &c.func,
            _ => return false,
        };
    }
    false
}

/// `RawSQL(sql)` / `.raw(sql)` with SQL that is not a constant. SQL built by
/// formatting is `formatted-sql-query`'s finding; what is left here is SQL
/// from a variable, listed for review.
fn raw_text(checker: &mut Checker, call: &ExprCall, sql: &Expr) {
    if checker.is_constant(sql) || is_built_at_run_time(checker, sql, &|_, _| false) {
        return;
    }
    let message = format!(
        "`{}` runs SQL text that is not a constant: check that no outside value is formatted into it",
        checker.snippet(&*call.func)
    );
    checker
        .report(&RULE, sql.range(), message)
        .audit_only()
        .severity(Severity::Medium);
}

/// `QuerySet.extra(select=..., where=[...], tables=[...], order_by=[...])`.
fn extra(checker: &mut Checker, call: &ExprCall) {
    let sql_keywords: Vec<&Expr> = call
        .arguments
        .keywords
        .iter()
        .filter(|k| {
            k.arg
                .as_ref()
                .is_some_and(|a| sql::DJANGO_EXTRA_SQL_ARGS.contains(&a.as_str()))
        })
        .map(|k| &k.value)
        .collect();
    if sql_keywords.is_empty() {
        return;
    }
    let mut fragments = Vec::new();
    for value in sql_keywords {
        match value {
            Expr::List(list) => fragments.extend(list.elts.iter()),
            Expr::Tuple(tuple) => fragments.extend(tuple.elts.iter()),
            Expr::Dict(dict) => fragments.extend(dict.items.iter().map(|i| &i.value)),
            other => fragments.push(other),
        }
    }
    let callee = checker.snippet(&*call.func);
    for fragment in fragments {
        if checker.is_constant(fragment) {
            continue;
        }
        if is_built_at_run_time(checker, fragment, &|_, _| false) {
            let message = format!(
                "`{callee}` pastes SQL built from run-time values into the query: values must go through `params`/`select_params`, or they can change the SQL"
            );
            checker.report(&RULE, fragment.range(), message);
        } else {
            let message = format!(
                "`{callee}` pastes SQL that is not a constant into the query: check that no outside value is formatted into it"
            );
            checker
                .report(&RULE, fragment.range(), message)
                .audit_only()
                .severity(Severity::Medium);
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags Django's raw-SQL escape hatches fed with SQL built at run time:
    /// `QuerySet.extra(select=..., where=[...], tables=..., order_by=...)`
    /// with fragments formatted from variables. In audit mode it also lists
    /// `extra()` fragments, `RawSQL(...)` and `Model.objects.raw(...)` whose
    /// SQL comes from a variable. (`RawSQL` and `raw()` with SQL formatted
    /// in place are reported by `formatted-sql-query`.)
    ///
    /// ## Why is this bad?
    /// These APIs pass their text to the database as SQL. A value formatted
    /// into it — a sort column from the query string, a search term — can
    /// close the intended expression and add its own: reading other users'
    /// rows, or whole tables (SQL injection). Django's ORM escapes values
    /// everywhere else, so these calls are where injections concentrate.
    ///
    /// ## Example
    /// ```python
    /// Entry.objects.extra(where=[f"headline = '{headline}'"])
    /// ```
    ///
    /// ## Use instead
    /// Use the ORM, or pass values as parameters:
    /// ```python
    /// Entry.objects.filter(headline=headline)
    /// Entry.objects.extra(where=["headline = %s"], params=[headline])
    /// ```
    ///
    /// ## References
    /// - CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')
    pub static RULE = {
        name: "django-raw-sql",
        category: Category::Web,
        cwe: &[89],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &["B610", "B611"],
        ruff: &["S610", "S611"],
        help: "Express the query with the ORM (`filter`, `annotate`, `F`, `Func`), or keep the SQL constant and pass values through `params` / `select_params`.",
        on_call: check,
        call_filter: CallFilter {
            names: || sql::DJANGO_RAW_SQL.to_vec(),
            methods: || vec![sql::DJANGO_EXTRA, sql::DJANGO_RAW.name],
            ..CallFilter::NONE
        },
    };
}
