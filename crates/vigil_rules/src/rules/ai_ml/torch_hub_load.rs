use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const LOADERS: &[&str] = &["torch.hub.load", "torch.hub.list", "torch.hub.help"];
const SOURCE: Arg = Arg::kw("source");

declare_rule! {
    /// ## What it does
    /// Lists `torch.hub.load()` (and `torch.hub.list`/`help`) calls that
    /// fetch a repository from GitHub, reported in `--audit` mode; loading
    /// from a local directory (`source="local"`) is not listed.
    ///
    /// ## Why is this bad?
    /// PyTorch Hub downloads the repository at the given branch or tag and
    /// imports its `hubconf.py`, which runs with this process's rights.
    /// A branch or tag can be moved by whoever controls the repository, so
    /// the code that runs can change without any change here; a repository
    /// name chosen at run time lets its chooser run code.
    ///
    /// ## Example
    /// ```python
    /// model = torch.hub.load("someone/detector", "yolo", trust_repo=True)
    /// ```
    ///
    /// ## Use instead
    /// Vendor the model code and load weights only, or pin the repository
    /// to a commit you reviewed:
    /// ```python
    /// model = torch.hub.load("someone/detector:4f1c4a86b2ad2b0b1d47e8e0e1f6f4ed2c8b1a37", "yolo")
    /// ```
    ///
    /// ## References
    /// - CWE-494: Download of Code Without Integrity Check
    /// - CWE-94: Improper Control of Generation of Code ('Code Injection')
    pub static RULE = {
        name: "torch-hub-load",
        category: Category::AiMl,
        cwe: &[494, 94],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Vendor model code and load weights only, or pin the hub repository to a reviewed commit (`owner/repo:<sha>`).",
        calls: &[
            CallPattern::new(
                LOADERS,
                &[Cond::StrNotIn(SOURCE, &["local"]), Cond::NonLiteral(Arg::at(0, "repo_or_dir"))],
                "`{callee}` downloads and runs `hubconf.py` from a GitHub repository chosen at run time",
            )
            .audit(Severity::Medium),
            CallPattern::new(
                LOADERS,
                &[Cond::StrNotIn(SOURCE, &["local"]), Cond::Literal(Arg::at(0, "repo_or_dir"))],
                "`{callee}` downloads and runs `hubconf.py` from a GitHub repository: the branch or tag can change what runs",
            )
            .audit(Severity::Low),
        ],
    };
}
