use super::huggingface_unpinned_revision::pinned_revision;
use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::Truth;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::ExprCall;
use vigil_report::{Confidence, Severity};

fn check(checker: &mut Checker, call: &ExprCall, _qualified: Option<&str>) {
    let Some(keyword) = call.arguments.find_keyword("trust_remote_code") else {
        return;
    };
    let truth = checker.truth(&keyword.value);
    if truth == Truth::False {
        return;
    }
    let callee = checker.snippet(&*call.func);
    if truth == Truth::Unknown {
        let message = format!(
            "`{callee}` decides at run time whether to run code from the model repository (`trust_remote_code`): check who controls that setting"
        );
        checker
            .report(&RULE, call.range(), message)
            .audit_only()
            .severity(Severity::Medium);
        return;
    }
    if pinned_revision(checker, call) {
        let message = format!(
            "`{callee}` runs Python code from the model repository (`trust_remote_code=True`), pinned to one commit: review that code"
        );
        checker
            .report(&RULE, call.range(), message)
            .severity(Severity::Medium);
    } else {
        let message = format!(
            "`{callee}` runs Python code from the model repository (`trust_remote_code=True`): whoever can push to that repository runs code here"
        );
        checker.report(&RULE, call.range(), message);
    }
}

declare_rule! {
    /// ## What it does
    /// Flags calls with `trust_remote_code=True`: Hugging Face
    /// `from_pretrained`, `pipeline`, `datasets.load_dataset`,
    /// `SentenceTransformer`, vLLM and the other libraries that accept the
    /// flag. When the call also pins `revision=` to a commit hash the
    /// severity is medium; a flag computed at run time is listed in
    /// `--audit` mode.
    ///
    /// ## Why is this bad?
    /// The flag makes the library download Python files (custom model
    /// classes, tokenizers, dataset scripts) from the repository and import
    /// them. They run with this process's rights, and the repository owner,
    /// or anyone who takes over the account or the repository, can change
    /// them at any time. Without a pinned commit, the next download runs
    /// whatever the repository holds then.
    ///
    /// ## Example
    /// ```python
    /// model = AutoModel.from_pretrained("org/model", trust_remote_code=True)
    /// ```
    ///
    /// ## Use instead
    /// Use architectures built into the library, or review the remote code
    /// and pin the exact commit you reviewed:
    /// ```python
    /// model = AutoModel.from_pretrained(
    ///     "org/model",
    ///     trust_remote_code=True,
    ///     revision="4f1c4a86b2ad2b0b1d47e8e0e1f6f4ed2c8b1a37",
    /// )
    /// ```
    ///
    /// ## References
    /// - CWE-94: Improper Control of Generation of Code ('Code Injection')
    pub static RULE = {
        name: "huggingface-trust-remote-code",
        category: Category::AiMl,
        cwe: &[94],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Avoid `trust_remote_code=True`; if the model needs it, review its code and pin `revision=` to that commit hash.",
        on_call: check,
        call_filter: CallFilter { keywords: || vec!["trust_remote_code"], ..CallFilter::NONE },
    };
}
