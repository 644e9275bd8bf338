use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const LOADERS: &[&str] = &["torch.load", "torch.serialization.load"];
const FILE: Arg = Arg::at(0, "f");
const WEIGHTS_ONLY: Arg = Arg::kw("weights_only");

declare_rule! {
    /// ## What it does
    /// Flags `torch.load()` on a file that is not a constant unless it is
    /// called with `weights_only=True`.
    ///
    /// ## Why is this bad?
    /// A PyTorch checkpoint is a zip file holding a pickle, and unpickling
    /// runs code chosen by whoever wrote the file. Models and checkpoints
    /// are downloaded from hubs, shared between teams and uploaded by
    /// users: loading one of them with the full unpickler hands its author
    /// a shell. PyTorch 2.6 made `weights_only=True` the default, so calls
    /// without the argument are reported with medium confidence; an
    /// explicit `weights_only=False` is certain.
    ///
    /// ## Example
    /// ```python
    /// state = torch.load(checkpoint_path, map_location="cpu")
    /// ```
    ///
    /// ## Use instead
    /// Load tensors only, or store weights as safetensors:
    /// ```python
    /// state = torch.load(checkpoint_path, map_location="cpu", weights_only=True)
    /// state = safetensors.torch.load_file(checkpoint_path)
    /// ```
    ///
    /// ## References
    /// - CWE-502: Deserialization of Untrusted Data
    pub static RULE = {
        name: "torch-unsafe-load",
        category: Category::AiMl,
        cwe: &[502],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B614"],
        ruff: &[],
        help: "Pass `weights_only=True` to `torch.load()`, or store and load weights with `safetensors`.",
        calls: &[
            CallPattern::new(
                LOADERS,
                &[Cond::LiteralFalse(WEIGHTS_ONLY), Cond::NonLiteral(FILE)],
                "`{callee}` with `weights_only=False` unpickles the checkpoint: a crafted file runs code while it loads",
            ),
            CallPattern::new(
                LOADERS,
                &[Cond::Missing(WEIGHTS_ONLY), Cond::NonLiteral(FILE)],
                "`{callee}` without `weights_only=True` unpickles the checkpoint on PyTorch before 2.6: a crafted file runs code while it loads",
            )
            .confidence(Confidence::Medium),
            CallPattern::new(
                LOADERS,
                &[Cond::NonLiteral(WEIGHTS_ONLY)],
                "`{callee}` decides at run time whether to unpickle the checkpoint (`weights_only`): check that it is true for files from outside",
            )
            .audit(Severity::Medium),
            CallPattern::new(
                LOADERS,
                &[Cond::Falsy(WEIGHTS_ONLY), Cond::Literal(FILE)],
                "`{callee}` unpickles a checkpoint at a fixed path: check where that file comes from",
            )
            .audit(Severity::Low),
        ],
    };
}
