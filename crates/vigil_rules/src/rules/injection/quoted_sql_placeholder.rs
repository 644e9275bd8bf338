use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::method_name;
use crate::rule::Category;
use vigil_knowledge::sql;
use vigil_python::Ranged;
use vigil_python::ast::ExprCall;
use vigil_report::{Confidence, Severity};

/// Keywords that pass query parameters.
const PARAMETER_KEYWORDS: &[&str] = &["params", "parameters", "args", "vars", "seq_of_params"];

/// Calls that take SQL text with `%s` placeholders and their values apart:
/// DB-API `execute`/`executemany`/`mogrify`, Django's `raw()` and `RawSQL`.
fn placeholder_methods() -> Vec<&'static str> {
    vec!["execute", "executemany", "mogrify", sql::DJANGO_RAW.name]
}

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let (position, keyword) = match qualified.filter(|q| sql::DJANGO_RAW_SQL.contains(q)) {
        Some(q) => match sql::text_parameter(q) {
            Some(parameter) => parameter,
            None => return,
        },
        None => match method_name(call) {
            Some(m) if m == sql::DJANGO_RAW.name => {
                (sql::DJANGO_RAW.position, sql::DJANGO_RAW.keyword)
            }
            Some(m) if placeholder_methods().contains(&m) => sql::SQL_PARAMETER,
            _ => return,
        },
    };
    let has_parameters = call.arguments.find_positional(position + 1).is_some()
        || PARAMETER_KEYWORDS
            .iter()
            .any(|k| call.arguments.find_keyword(k).is_some());
    if !has_parameters {
        return;
    }
    let Some(text) = call.arguments.find_argument_value(keyword, position) else {
        return;
    };
    let Some(sql_text) = checker.string(text) else {
        return;
    };
    let Some(placeholder) = quoted_placeholder(&sql_text) else {
        return;
    };
    let message = format!(
        "`{}` is given parameters for SQL text whose placeholder `{placeholder}` is inside quotes: the driver quotes the value itself, so the quotes around it close and reopen the string and the value lands in the SQL unquoted",
        checker.snippet(&*call.func)
    );
    checker.report(&RULE, text.range(), message);
}

/// The first `%s` or `%(name)s` placeholder inside a single- or
/// double-quoted SQL string literal of `sql` (`'%s'`, `'%%%s%%'`). SQL
/// with a `?` placeholder outside quotes is for a driver of the `qmark`
/// style (sqlite3), where `'%s'` is plain text.
pub fn quoted_placeholder(sql: &str) -> Option<&str> {
    let bytes = sql.as_bytes();
    let mut quote: Option<u8> = None;
    let mut found = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match (quote, b) {
            (None, b'\'' | b'"') => quote = Some(b),
            // A doubled quote inside a literal is an escaped quote.
            (Some(q), _) if b == q => {
                if bytes.get(i + 1) == Some(&q) {
                    i += 1;
                } else {
                    quote = None;
                }
            }
            (None, b'?') => return None,
            (_, b'%') => match bytes.get(i + 1) {
                Some(b'%') => i += 1,
                Some(b's') if quote.is_some() => {
                    found = found.or(Some(&sql[i..i + 2]));
                    i += 1;
                }
                Some(b'(') if quote.is_some() => {
                    let rest = &sql[i + 2..];
                    let end = rest.find(')').unwrap_or(0);
                    let name = &rest[..end];
                    if !name.is_empty()
                        && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
                        && rest.as_bytes().get(end + 1) == Some(&b's')
                    {
                        found = found.or(Some(&sql[i..i + end + 4]));
                    }
                }
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    found
}

declare_rule! {
    /// ## What it does
    /// Flags SQL text passed with query parameters whose `%s` (or
    /// `%(name)s`) placeholder is written inside quotes: `"... WHERE name =
    /// '%s'"` given to DB-API `execute`/`executemany`/`mogrify`, Django's
    /// `raw()` or `RawSQL`.
    ///
    /// ## Why is this bad?
    /// The driver (or Django) quotes and escapes each value it puts in
    /// place of a placeholder. Quotes written around the placeholder pair
    /// with the driver's own: `'%s'` with the value `x` becomes `''x''`,
    /// an empty string, the value as bare SQL, and another empty string.
    /// A value such as `OR 1=1 --` then changes the query: the
    /// parameterisation that was meant to prevent SQL injection is
    /// defeated.
    ///
    /// ## Example
    /// ```python
    /// cursor.execute("SELECT * FROM users WHERE name = '%s'", [name])
    /// ```
    ///
    /// ## Use instead
    /// Write the placeholder bare; for `LIKE`, put the wildcards in the
    /// value:
    /// ```python
    /// cursor.execute("SELECT * FROM users WHERE name = %s", [name])
    /// cursor.execute("SELECT * FROM users WHERE name LIKE %s", [f"%{name}%"])
    /// ```
    ///
    /// ## References
    /// - CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')
    pub static RULE = {
        name: "quoted-sql-placeholder",
        category: Category::Injection,
        cwe: &[89],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Do not quote placeholders: write `= %s`, not `= '%s'`; the driver quotes the value. For `LIKE`, pass `f\"%{value}%\"` as the parameter.",
        on_call: check,
        call_filter: CallFilter {
            names: || sql::DJANGO_RAW_SQL.to_vec(),
            methods: placeholder_methods,
            ..CallFilter::NONE
        },
    };
}

#[cfg(test)]
mod tests {
    use super::quoted_placeholder;

    #[test]
    fn finds_placeholders_inside_quotes_only() {
        assert_eq!(quoted_placeholder("WHERE a = '%s'"), Some("%s"));
        assert_eq!(quoted_placeholder("WHERE a LIKE '%%%s%%'"), Some("%s"));
        assert_eq!(
            quoted_placeholder("WHERE a = \"%(name)s\""),
            Some("%(name)s")
        );
        assert_eq!(quoted_placeholder("WHERE a = %s AND b = 'x'"), None);
        assert_eq!(quoted_placeholder("WHERE a = 'it''s' AND b = %s"), None);
        assert_eq!(quoted_placeholder("WHERE a LIKE '100%%'"), None);
        assert_eq!(quoted_placeholder("SELECT '%s' || name WHERE id = ?"), None);
    }
}
