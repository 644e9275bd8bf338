use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::Truth;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::ExprCall;
use vigil_report::{Confidence, Severity};

/// Packages whose `from_pretrained` downloads from the Hugging Face Hub.
const HUB_PACKAGES: &[&str] = &[
    "transformers",
    "diffusers",
    "peft",
    "optimum",
    "sentence_transformers",
    "huggingface_hub",
];

/// Other downloaders: (qualified name, position, keyword of the repo id).
const DOWNLOADERS: &[(&str, usize, &str)] = &[
    ("transformers.pipeline", 1, "model"),
    ("huggingface_hub.hf_hub_download", 0, "repo_id"),
    ("huggingface_hub.snapshot_download", 0, "repo_id"),
    (
        "huggingface_hub.file_download.hf_hub_download",
        0,
        "repo_id",
    ),
    (
        "huggingface_hub._snapshot_download.snapshot_download",
        0,
        "repo_id",
    ),
    ("datasets.load_dataset", 0, "path"),
    (
        "sentence_transformers.SentenceTransformer",
        0,
        "model_name_or_path",
    ),
];

/// Whether the call pins `revision=` (or `commit_hash=`) to a commit hash,
/// or sets it from a value this rule cannot see.
pub fn pinned_revision(checker: &Checker, call: &ExprCall) -> bool {
    let Some(revision) = ["revision", "commit_hash"]
        .iter()
        .find_map(|name| call.arguments.find_keyword(name))
    else {
        return false;
    };
    match checker.string(&revision.value) {
        Some(text) => text.len() >= 7 && text.chars().all(|c| c.is_ascii_hexdigit()),
        None => !checker.is_constant(&revision.value),
    }
}

/// The repository id a call downloads from, when the call is a download.
fn repository<'e>(call: &'e ExprCall, qualified: &str) -> Option<&'e vigil_python::ast::Expr> {
    if let Some(package) = qualified.strip_suffix(".from_pretrained") {
        let top = package.split('.').next().unwrap_or("");
        if !HUB_PACKAGES.contains(&top) {
            return None;
        }
        return call
            .arguments
            .find_argument_value("pretrained_model_name_or_path", 0);
    }
    let (_, pos, keyword) = DOWNLOADERS.iter().find(|(name, ..)| *name == qualified)?;
    call.arguments.find_argument_value(keyword, *pos)
}

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(qualified) = qualified else { return };
    let Some(repo) = repository(call, qualified) else {
        return;
    };
    // A repository id written in the code: a local directory needs no pin,
    // and an id from configuration cannot be judged here.
    let Some(repo) = checker.string(repo) else {
        return;
    };
    let local = repo.starts_with(['.', '/', '~', '\\']) || repo.as_bytes().get(1) == Some(&b':');
    let offline = call
        .arguments
        .find_keyword("local_files_only")
        .is_some_and(|k| checker.truth(&k.value) == Truth::True);
    if local || offline || pinned_revision(checker, call) {
        return;
    }
    let callee = checker.snippet(&*call.func);
    let remote_code = call
        .arguments
        .find_keyword("trust_remote_code")
        .is_some_and(|k| checker.truth(&k.value) == Truth::True);
    if remote_code {
        let message = format!(
            "`{callee}` downloads and runs code from `{repo}` without pinning `revision=` to a commit: a later push to the repository changes what runs here"
        );
        checker.report(&RULE, call.range(), message);
    } else {
        let message = format!(
            "`{callee}` downloads `{repo}` without pinning `revision=` to a commit: the files can change under the same name"
        );
        checker.report(&RULE, call.range(), message).audit_only();
    }
}

declare_rule! {
    /// ## What it does
    /// Flags downloads from the Hugging Face Hub (`from_pretrained` of
    /// transformers, diffusers, PEFT and similar libraries, `pipeline`,
    /// `hf_hub_download`, `snapshot_download`, `load_dataset`,
    /// `SentenceTransformer`) of a repository named in the code without
    /// `revision=` set to a commit hash (local directories and
    /// `local_files_only=True` need none). Reported in default mode when the
    /// call also trusts remote code, in `--audit` mode otherwise.
    ///
    /// ## Why is this bad?
    /// A branch or tag name (`main` by default) points wherever the
    /// repository owner, or whoever takes over the account, moves it next.
    /// The program then loads different weights, tokenizer files or, with
    /// `trust_remote_code=True`, different Python code than the version
    /// that was tested and reviewed, without any change on this side.
    ///
    /// ## Example
    /// ```python
    /// tokenizer = AutoTokenizer.from_pretrained("org/model")
    /// ```
    ///
    /// ## Use instead
    /// Pin the commit you tested:
    /// ```python
    /// tokenizer = AutoTokenizer.from_pretrained(
    ///     "org/model", revision="4f1c4a86b2ad2b0b1d47e8e0e1f6f4ed2c8b1a37"
    /// )
    /// ```
    ///
    /// ## References
    /// - CWE-494: Download of Code Without Integrity Check
    pub static RULE = {
        name: "huggingface-unpinned-revision",
        category: Category::AiMl,
        cwe: &[494],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &["B615"],
        ruff: &[],
        help: "Pass `revision=` set to the full commit hash of the version you tested.",
        on_call: check,
        call_filter: CallFilter {
            names: || DOWNLOADERS.iter().map(|(name, ..)| *name).collect(),
            suffixes: &[".from_pretrained"],
            ..CallFilter::NONE
        },
    };
}
