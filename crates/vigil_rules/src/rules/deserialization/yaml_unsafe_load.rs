use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::deserialization::{
    RUAMEL_YAML_CLASSES, YAML_LOADERS, YAML_SAFE_LOADER_CLASSES, YAML_UNSAFE_LOADERS,
};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Flags `yaml.load` and `yaml.load_all` without a safe loader, the
    /// explicitly unsafe `yaml.unsafe_load`, `yaml.full_load` and friends,
    /// and their ruamel.yaml counterparts: the old `ruamel.yaml.load`
    /// without a safe loader and `YAML(typ="unsafe")`. Loading a fixed
    /// literal document is listed in `--audit` mode.
    ///
    /// ## Why is this bad?
    /// PyYAML's full and unsafe loaders build arbitrary Python objects from
    /// tags such as `!!python/object/apply:os.system`, so a YAML document
    /// from outside can run commands while it is being parsed. ruamel.yaml's
    /// `typ="unsafe"` does the same; its default round-trip loader and
    /// `typ="safe"` do not.
    ///
    /// ## Example
    /// ```python
    /// config = yaml.load(upload)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// config = yaml.safe_load(upload)
    /// config = ruamel.yaml.YAML(typ="safe").load(upload)
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
                YAML_LOADERS,
                &[Cond::NameNotIn(Arg::at(1, "Loader"), YAML_SAFE_LOADER_CLASSES), Cond::NonLiteral(Arg::at(0, "stream"))],
                "`{callee}` without a safe loader can build arbitrary Python objects, and run code, from the document",
            ),
            CallPattern::new(
                YAML_LOADERS,
                &[Cond::NameNotIn(Arg::at(1, "Loader"), YAML_SAFE_LOADER_CLASSES), Cond::Literal(Arg::at(0, "stream"))],
                "`{callee}` without a safe loader parses a fixed document",
            )
            .audit(Severity::Low),
            CallPattern::new(
                YAML_UNSAFE_LOADERS,
                &[Cond::NonLiteral(Arg::at(0, "stream"))],
                "`{callee}` can build arbitrary Python objects from the document",
            ),
            CallPattern::new(
                YAML_UNSAFE_LOADERS,
                &[Cond::Literal(Arg::at(0, "stream"))],
                "`{callee}` parses a fixed document with a loader that can build arbitrary objects",
            )
            .audit(Severity::Low),
            CallPattern::new(
                RUAMEL_YAML_CLASSES,
                &[Cond::StrIn(Arg::kw("typ"), &["unsafe"])],
                "`{callee}(typ=\"unsafe\")` creates a loader that builds arbitrary Python objects, and runs code, from the documents it reads",
            ),
            CallPattern::new(
                RUAMEL_YAML_CLASSES,
                &[Cond::NonLiteral(Arg::kw("typ"))],
                "`{callee}` creates a loader whose type is chosen at run time: check that it can never be `\"unsafe\"`",
            )
            .audit(Severity::Medium),
        ],
    };
}
