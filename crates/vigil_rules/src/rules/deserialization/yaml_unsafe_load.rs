use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const SAFE_LOADERS: &[&str] = &[
    "yaml.SafeLoader",
    "yaml.CSafeLoader",
    "yaml.BaseLoader",
    "yaml.CBaseLoader",
    "yaml.loader.SafeLoader",
    "yaml.loader.BaseLoader",
    "yaml.cyaml.CSafeLoader",
];

declare_rule! {
    /// ## What it does
    /// Flags `yaml.load` and `yaml.load_all` without a safe loader, and the
    /// explicitly unsafe `yaml.unsafe_load`, `yaml.full_load` and friends.
    ///
    /// ## Why is this bad?
    /// PyYAML's full and unsafe loaders build arbitrary Python objects from
    /// tags such as `!!python/object/apply:os.system`, so a YAML document
    /// from outside can run commands while it is being parsed.
    ///
    /// ## Example
    /// ```python
    /// config = yaml.load(upload)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// config = yaml.safe_load(upload)
    /// ```
    ///
    /// ## References
    /// - CWE-502: Deserialization of Untrusted Data
    pub static RULE = {
        name: "yaml-unsafe-load",
        category: Category::Deserialization,
        cwe: &[502],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B506"],
        ruff: &["S506"],
        help: "Use `yaml.safe_load()` (or pass `Loader=yaml.SafeLoader`), which builds only plain data.",
        calls: &[
            CallPattern::new(
                &["yaml.load", "yaml.load_all"],
                &[Cond::NameNotIn(Arg::at(1, "Loader"), SAFE_LOADERS), Cond::NonLiteral(Arg::at(0, "stream"))],
                "`{callee}` without a safe loader can build arbitrary Python objects, and run code, from the document",
            ),
            CallPattern::new(
                &[
                    "yaml.unsafe_load",
                    "yaml.unsafe_load_all",
                    "yaml.full_load",
                    "yaml.full_load_all",
                ],
                &[Cond::NonLiteral(Arg::at(0, "stream"))],
                "`{callee}` can build arbitrary Python objects from the document",
            ),
        ],
    };
}
