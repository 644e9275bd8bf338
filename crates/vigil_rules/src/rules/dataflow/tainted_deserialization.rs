use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input given to a deserializer that can build arbitrary
    /// objects: `pickle`, `marshal`, `dill`, `jsonpickle`, `shelve`, `joblib`,
    /// `torch.load`, `pandas.read_pickle`, and `yaml.load` without a safe loader.
    ///
    /// ## Why is this bad?
    /// Unpickling runs whatever the data asks for (`__reduce__` returns a
    /// callable and its arguments). Data from the request or the network in a
    /// pickle is remote code execution, which is why this rule is critical where
    /// the unsafe-deserialization pattern rule only warns.
    ///
    /// ## Example
    /// ```python
    /// obj = pickle.loads(base64.b64decode(request.cookies["state"]))
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// obj = json.loads(base64.b64decode(request.cookies["state"]))
    /// ```
    ///
    /// ## References
    /// - CWE-502: Deserialization of Untrusted Data
    pub static RULE = {
        name: "tainted-deserialization",
        category: Category::Deserialization,
        cwe: &[502],
        severity: Severity::Critical,
        confidence: Confidence::High,
        bandit: &["B301", "B302", "B506"],
        ruff: &["S301", "S302", "S506"],
        help: "Exchange data as JSON (or another format that cannot build objects), or `yaml.safe_load`; never unpickle data that crosses a trust boundary.",
        flow: Flow::new(
            "as serialized data",
            "deserializing it can run arbitrary code",
        )
        .consumes()
        .families(&["deserialization"])
        .supersedes(&["unsafe-deserialization", "yaml-unsafe-load"]),
    };
}
