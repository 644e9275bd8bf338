//! The SQL family: the APIs that run SQL text, and where the text is.
//!
//! The pattern rules (`formatted-sql-query`, `django-raw-sql`) and the
//! dataflow rule that claims this family (`sql-injection`) read these
//! lists. Only the SQL text is dangerous: values passed as query
//! parameters are sent apart from it.

use crate::{Method, Receiver};

/// The driver methods that run SQL text given first (`sql`), on
/// connections and cursors of every DB-API driver, SQLAlchemy, asyncpg and
/// aiosqlite.
pub const DRIVER_METHODS: &[&str] = &[
    "execute",
    "executemany",
    "executescript",
    "exec_driver_sql",
    "mogrify",
    "fetch",
    "fetchrow",
    "fetchval",
];

/// The parameter of [`DRIVER_METHODS`] that holds the SQL text.
pub const SQL_PARAMETER: (usize, &str) = (0, "sql");

/// Receivers of [`DRIVER_METHODS`] whose type the dataflow engine does not
/// know, recognised by their names (lower-cased source text contains one).
pub const DRIVER_RECEIVER_NAMES: &[&str] = &[
    "cursor",
    "cur",
    "conn",
    "connection",
    "db",
    "session",
    "engine",
    "sql",
    "database",
];

const EXECUTE: Method = Method::new("execute", 0, "sql");
const EXECUTEMANY: Method = Method::new("executemany", 0, "sql");
const EXECUTESCRIPT: Method = Method::new("executescript", 0, "sql");

/// Connections, cursors, engines and sessions, with the calls that make
/// them and their methods that run SQL text.
pub const RECEIVERS: &[Receiver] = &[
    Receiver {
        ty: "dbapi.Connection",
        made_by: &[
            "sqlite3.connect",
            "psycopg2.connect",
            "psycopg.connect",
            "pymysql.connect",
            "MySQLdb.connect",
            "mysql.connector.connect",
            "cx_Oracle.connect",
            "oracledb.connect",
            "pyodbc.connect",
            "psycopg.Connection.connect",
        ],
        methods: &[EXECUTE, EXECUTEMANY, EXECUTESCRIPT],
        unless_false: None,
    },
    Receiver {
        ty: "dbapi.Cursor",
        made_by: &["dbapi.Connection.cursor", "sqlite3.Connection.cursor"],
        methods: &[EXECUTE, EXECUTEMANY, EXECUTESCRIPT],
        unless_false: None,
    },
    Receiver {
        ty: "sqlalchemy.Engine",
        made_by: &[
            "sqlalchemy.create_engine",
            "sqlalchemy.engine.create_engine",
            "flask_sqlalchemy.SQLAlchemy.engine",
        ],
        methods: &[EXECUTE],
        unless_false: None,
    },
    Receiver {
        ty: "sqlalchemy.Connection",
        made_by: &["sqlalchemy.Engine.connect", "sqlalchemy.Engine.begin"],
        methods: &[EXECUTE, Method::new("exec_driver_sql", 0, "sql")],
        unless_false: None,
    },
    Receiver {
        ty: "sqlalchemy.orm.Session",
        made_by: &[
            "sqlalchemy.orm.Session",
            "sqlalchemy.orm.sessionmaker.*",
            "sqlalchemy.orm.scoped_session",
            // Flask-SQLAlchemy's `db.session`.
            "flask_sqlalchemy.SQLAlchemy.session",
        ],
        methods: &[EXECUTE],
        unless_false: None,
    },
    // Flask-SQLAlchemy's `db = SQLAlchemy(app)`: `db.text(sql)` is
    // SQLAlchemy's `text`, `db.session` a session.
    Receiver {
        ty: "flask_sqlalchemy.SQLAlchemy",
        made_by: &[
            "flask_sqlalchemy.SQLAlchemy",
            "flask_sqlalchemy.extension.SQLAlchemy",
        ],
        methods: &[Method::new("text", 0, "text")],
        unless_false: None,
    },
    Receiver {
        ty: "asyncpg.Connection",
        made_by: &["asyncpg.connect", "asyncpg.create_pool"],
        methods: &[
            EXECUTE,
            EXECUTEMANY,
            Method::new("fetch", 0, "sql"),
            Method::new("fetchrow", 0, "sql"),
            Method::new("fetchval", 0, "sql"),
        ],
        unless_false: None,
    },
    Receiver {
        ty: "aiosqlite.Connection",
        made_by: &["aiosqlite.connect"],
        methods: &[EXECUTE, EXECUTEMANY, EXECUTESCRIPT],
        unless_false: None,
    },
];

/// Functions whose first argument is SQL text, with its keyword.
pub const TEXT_FUNCTIONS: &[(&[&str], usize, &str)] = &[
    (SQLALCHEMY_TEXT, 0, "text"),
    (SQLALCHEMY_TEXT_CLAUSE, 0, "text"),
    (&["pandas.read_sql", "pandas.read_sql_query"], 0, "sql"),
    (&["psycopg2.sql.SQL", "psycopg.sql.SQL"], 0, "text"),
    (DJANGO_RAW_SQL, 0, "sql"),
];

/// SQLAlchemy's `text()`, which makes SQL text an executable clause.
pub const SQLALCHEMY_TEXT: &[&str] = &[
    "sqlalchemy.text",
    "sqlalchemy.sql.text",
    "sqlalchemy.sql.expression.text",
];

/// SQLAlchemy's `TextClause`, what `text()` builds.
pub const SQLALCHEMY_TEXT_CLAUSE: &[&str] = &[
    "sqlalchemy.TextClause",
    "sqlalchemy.sql.TextClause",
    "sqlalchemy.sql.expression.TextClause",
    "sqlalchemy.sql.elements.TextClause",
];

/// SQLAlchemy's `literal_column(text)`: the text is pasted into the SQL
/// as a column expression (`text`, first). A sink of the dataflow rule
/// only: column expressions built from quoted identifiers are the norm in
/// SQL-generating code, and hold none of the statement words the pattern
/// rule looks for.
pub const SQLALCHEMY_LITERAL_COLUMN: &[&str] = &[
    "sqlalchemy.literal_column",
    "sqlalchemy.sql.literal_column",
    "sqlalchemy.sql.expression.literal_column",
    "sqlalchemy.sql.elements.literal_column",
];

/// Django's `RawSQL` expression.
pub const DJANGO_RAW_SQL: &[&str] = &[
    "django.db.models.expressions.RawSQL",
    "django.db.models.RawSQL",
];

/// Django's `Manager.raw()` / `QuerySet.raw()`: the SQL text is the first
/// argument (`raw_query`).
pub const DJANGO_RAW: Method = Method::new("raw", 0, "raw_query");

/// Receivers of [`DJANGO_RAW`] by name, for the dataflow engine.
pub const DJANGO_RAW_RECEIVER_NAMES: &[&str] = &["objects", "manager"];

/// Django's `QuerySet.extra()`, whose keyword arguments are pasted into
/// the SQL.
pub const DJANGO_EXTRA: &str = "extra";

/// The arguments of [`DJANGO_EXTRA`] that are SQL text.
pub const DJANGO_EXTRA_SQL_ARGS: &[&str] = &["select", "where", "tables", "order_by"];

/// Receivers of [`DJANGO_EXTRA`] by name, for the dataflow engine.
pub const DJANGO_EXTRA_RECEIVER_NAMES: &[&str] = &["objects", "filter", "queryset", "qs"];

/// Functions whose first argument (`text`) is a column expression, for the
/// dataflow rule only.
pub const COLUMN_FUNCTIONS: &[(&[&str], usize, &str)] = &[(SQLALCHEMY_LITERAL_COLUMN, 0, "text")];

/// Every function of [`TEXT_FUNCTIONS`] (the pattern rules' call filter).
pub fn text_functions() -> impl Iterator<Item = &'static str> {
    TEXT_FUNCTIONS
        .iter()
        .flat_map(|(names, _, _)| names.iter().copied())
}

/// Where the SQL text of function `qualified` is, if it takes SQL text.
pub fn text_parameter(qualified: &str) -> Option<(usize, &'static str)> {
    TEXT_FUNCTIONS
        .iter()
        .find(|(names, _, _)| names.contains(&qualified))
        .map(|&(_, position, keyword)| (position, keyword))
}
