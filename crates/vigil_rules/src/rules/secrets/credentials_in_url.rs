use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};
use vigil_secrets::SecretRule;

fn check(checker: &mut Checker) {
    super::report_text_matches(checker, SecretRule::CredentialsInUrl, &RULE);
}

declare_rule! {
    /// ## What it does
    ///
    /// Finds URLs that carry a password in their user-info part:
    /// `postgresql://user:password@host/db`, `mysql+pymysql://...`, `redis://`,
    /// `amqp://`, `mongodb+srv://`, `https://user:token@host/` and the
    /// SQLAlchemy / Django `DATABASE_URL` styles; and connection strings that are
    /// not URLs: ODBC / ADO.NET (`Server=db;Uid=app;Pwd=...;`), libpq
    /// (`host=db user=app password=...`) and query strings
    /// (`?user=app&password=...`). A `password=` keyword argument is not a
    /// connection string. A URL with a user but no password,
    /// a template password (`${DB_PASS}`, `{password}`, `%(password)s`, `%s`), a
    /// placeholder password (`password`, `pass`, `xxx`, `changeme`, ...) or a host
    /// of the documentation ranges (`example.com`, `*.invalid`, ...) is not
    /// reported. A password for `localhost` is reported with medium severity.
    ///
    /// ## Why is this bad?
    ///
    /// The password gives access to the database, queue or service to anyone who
    /// reads the code, and URLs are logged, printed in tracebacks and shown in
    /// error pages far more often than other strings.
    ///
    /// ## Example
    ///
    /// ```python
    /// engine = create_engine("postgresql://app:s3cr3t-Pa55@db.internal/app")
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```python
    /// import os
    ///
    /// engine = create_engine(os.environ["DATABASE_URL"])
    /// ```
    ///
    /// ## References
    ///
    /// - CWE-798: Use of Hard-coded Credentials
    /// - CWE-259: Use of Hard-coded Password
    pub static RULE = {
        name: "credentials-in-url",
        category: Category::Secrets,
        cwe: &[798, 259],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Keep the password out of the URL: build it at run time from the environment or a secret manager.",
        on_file: check,
    };
}
