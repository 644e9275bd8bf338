use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input (request data, command-line arguments, messages
    /// from the network) that reaches the text of an SQL query: DB-API
    /// `execute`/`executemany`/`executescript`, SQLAlchemy `text()`,
    /// `TextClause`, `literal_column` and `exec_driver_sql`, Flask-SQLAlchemy
    /// `db.text` and `db.session.execute`, Django `raw()`, `extra()` and
    /// `RawSQL`, asyncpg, psycopg and aiosqlite. Values passed as query parameters are not reported,
    /// nor are values converted to numbers or checked against a fixed list.
    ///
    /// ## Why is this bad?
    /// Whoever controls part of the SQL text controls the query. A name such as
    /// `' OR '1'='1` widens a `WHERE` clause; `'; DROP TABLE users; --` adds a
    /// statement. The finding shows the path the value took from where it was
    /// read to the query.
    ///
    /// ## Example
    /// ```python
    /// name = request.args["name"]
    /// cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// name = request.args["name"]
    /// cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
    /// ```
    ///
    /// ## References
    /// - CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')
    pub static RULE = {
        name: "sql-injection",
        category: Category::Injection,
        cwe: &[89],
        severity: Severity::Critical,
        confidence: Confidence::High,
        bandit: &["B608", "B610", "B611"],
        ruff: &["S608", "S610", "S611"],
        help: "Keep the SQL text constant and pass values as query parameters (`cursor.execute(\"... WHERE id = %s\", (value,))`).",
        flow: Flow::new(
            "as SQL text",
            "it can rewrite the query (SQL injection)",
        )
        .families(&["sql"])
        .supersedes(&["formatted-sql-query", "django-raw-sql"])
        .cleared_by(&["quoted-literal"])
        .harmless_characters(".,:@+"),
    };
}
