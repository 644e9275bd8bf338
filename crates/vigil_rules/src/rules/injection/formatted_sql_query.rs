use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::method_name;
use crate::rule::Category;
use regex::Regex;
use std::sync::LazyLock;
use vigil_knowledge::sql;
use vigil_python::Ranged;
use vigil_python::ast::{self as ast, Expr, ExprCall, Operator};
use vigil_report::{Confidence, Severity};

/// Methods that run SQL text given as their first argument.
fn query_methods() -> Vec<&'static str> {
    [sql::DRIVER_METHODS, &[sql::DJANGO_RAW.name]].concat()
}

static SQL_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)\b(select\b.*\bfrom|insert\s+into|update\b.*\bset\b|delete\s+from|replace\s+into|drop\s+(table|database|index|view)|create\s+(table|index|view|database)|alter\s+table|truncate\s+table|\bwhere\b|order\s+by|group\s+by|union\s+select|values\s*\()",
    )
    .expect("valid SQL pattern")
});

/// How many assignments are followed from the call back to the string.
const MAX_HOPS: usize = 3;

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let parameter = match qualified.and_then(sql::text_parameter) {
        Some(parameter) => parameter,
        None => match method_name(call) {
            Some(m) if m == sql::DJANGO_RAW.name => {
                (sql::DJANGO_RAW.position, sql::DJANGO_RAW.keyword)
            }
            Some(m) if sql::DRIVER_METHODS.contains(&m) => sql::SQL_PARAMETER,
            _ => return,
        },
    };
    let (position, keyword) = parameter;
    let Some(query) = call.arguments.find_argument_value(keyword, position) else {
        return;
    };
    if let Some(how) = dynamic_sql(checker, query, 0) {
        let message = format!(
            "SQL text passed to `{}` is built with {how} from values that are not constants: they can change the query (SQL injection)",
            checker.snippet(&*call.func)
        );
        checker.report(&RULE, query.range(), message);
    }
}

/// If `expr` builds SQL text from non-constant parts, how it does so.
fn dynamic_sql(checker: &Checker, expr: &Expr, hops: usize) -> Option<&'static str> {
    match expr {
        Expr::FString(f) => {
            let mut literal = String::new();
            let mut dynamic = false;
            for element in f.value.elements() {
                match element {
                    ast::InterpolatedStringElement::Literal(l) => literal.push_str(&l.value),
                    ast::InterpolatedStringElement::Interpolation(i) => {
                        dynamic |= !checker.is_constant(&i.expression)
                    }
                }
            }
            (dynamic && SQL_TEXT.is_match(&literal)).then_some("an f-string")
        }
        Expr::BinOp(op) if op.op == Operator::Mod => {
            let template = literal_text(checker, &op.left)?;
            (!checker.is_constant(&op.right) && SQL_TEXT.is_match(&template))
                .then_some("`%` formatting")
        }
        Expr::BinOp(op) if op.op == Operator::Add => {
            let mut text = String::new();
            collect_concat_literals(checker, expr, &mut text, 0);
            (!checker.is_constant(expr) && SQL_TEXT.is_match(&text))
                .then_some("string concatenation")
        }
        Expr::Call(call) => {
            let Expr::Attribute(attribute) = call.func.as_ref() else {
                return None;
            };
            if attribute.attr.id.as_str() != "format" {
                return None;
            }
            let template = literal_text(checker, &attribute.value)?;
            let dynamic = call
                .arguments
                .args
                .iter()
                .chain(call.arguments.keywords.iter().map(|k| &k.value))
                .any(|a| !checker.is_constant(a));
            (dynamic && SQL_TEXT.is_match(&template)).then_some("`str.format()`")
        }
        Expr::Name(name) if hops < MAX_HOPS => {
            let binding =
                checker
                    .semantic
                    .lookup(name.id.as_str(), checker.scope(), name.range.start())?;
            match binding.kind {
                vigil_semantic::BindingKind::Assignment { value: Some(value) } => {
                    dynamic_sql(checker, value, hops + 1)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn literal_text(checker: &Checker, expr: &Expr) -> Option<String> {
    checker.string(expr)
}

fn collect_concat_literals(checker: &Checker, expr: &Expr, out: &mut String, depth: usize) {
    if depth > 64 {
        return;
    }
    match expr {
        Expr::BinOp(op) if op.op == Operator::Add => {
            collect_concat_literals(checker, &op.left, out, depth + 1);
            collect_concat_literals(checker, &op.right, out, depth + 1);
        }
        other => {
            if let Some(text) = literal_text(checker, other) {
                out.push_str(&text);
                out.push(' ');
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags SQL text built with f-strings, `%` formatting, `str.format()`
    /// or concatenation from non-constant values and passed to a query API
    /// (`cursor.execute`, `executemany`, `executescript`, SQLAlchemy
    /// `text()`, Django `raw()`/`RawSQL`, asyncpg `fetch*`, `pandas.read_sql`).
    ///
    /// ## Why is this bad?
    /// A value pasted into SQL text becomes SQL. A name such as
    /// `x' OR '1'='1` widens a `WHERE` clause; `'; DROP TABLE users; --`
    /// runs a second statement. Escaping by hand always misses a case.
    ///
    /// ## Example
    /// ```python
    /// cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")
    /// ```
    ///
    /// ## Use instead
    /// Let the driver send values separately from the SQL text:
    /// ```python
    /// cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
    /// ```
    ///
    /// ## References
    /// - CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')
    pub static RULE = {
        name: "formatted-sql-query",
        category: Category::Injection,
        cwe: &[89],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &["B608"],
        ruff: &["S608"],
        help: "Use a parameterized query: placeholders in constant SQL text and the values passed separately (e.g. `cursor.execute(\"... WHERE id = %s\", (user_id,))`).",
        on_call: check,
        call_filter: CallFilter {
            names: || sql::text_functions().collect(),
            methods: query_methods,
            ..CallFilter::NONE
        },
    };
}
