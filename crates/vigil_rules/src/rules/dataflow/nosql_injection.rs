use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input that can change a MongoDB query (pymongo, motor):
    /// a whole filter document from input, code for `$where`, or a field value
    /// from parsed JSON, which can be an operator object such as `{"$ne": null}`.
    /// String values from query strings and forms in a literal filter are not
    /// reported.
    ///
    /// ## Why is this bad?
    /// Operators in a value change the query's meaning: `{"password": {"$ne":
    /// ""}}` matches any password, and `$where` runs JavaScript on the database
    /// server.
    ///
    /// ## Example
    /// ```python
    /// data = request.get_json()
    /// user = db.users.find_one({"name": data["name"], "password": data["password"]})
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// data = request.get_json()
    /// user = db.users.find_one({"name": str(data["name"]), "password": str(data["password"])})
    /// ```
    ///
    /// ## References
    /// - CWE-943: Improper Neutralization of Special Elements in Data Query Logic
    pub static RULE = {
        name: "nosql-injection",
        category: Category::Injection,
        cwe: &[943],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Build query documents from fixed keys and convert values to plain strings or numbers (`str(value)`), and never pass `$where` code built from input.",
        flow: Flow::new(
            "in a database query document",
            "query operators in it can change what the query matches (NoSQL injection)",
        ),
    };
}
