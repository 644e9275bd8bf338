use super::context;
use super::summary::{Summary, summarize};
use crate::call_filter::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::supply_chain as sc;
use vigil_python::Ranged;
use vigil_python::ast::{ExprCall, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

fn names() -> Vec<&'static str> {
    context::with_process_functions(&[sc::CODE_RUNNERS])
}

fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(q) = qualified else { return };
    if sc::CODE_RUNNERS.contains(&q) {
        if let Some(first) = call.arguments.args.first()
            && let Some(fetch) = context::fetched(checker, first)
        {
            let callee = checker.lazy_snippet(&*call.func);
            checker.report(
                &RULE,
                call.range(),
                format!("`{callee}` runs code downloaded with `{fetch}`: whoever controls that server runs code here"),
            );
        }
        return;
    }
    let Some(text) = context::command_text(checker, call, q) else {
        return;
    };
    if let Some(piece) = sc::pipes_download_to_interpreter(&text) {
        checker.report(
            &RULE,
            call.range(),
            format!(
                "runs `{}`: a script downloaded from the network runs unseen",
                context::short(piece)
            ),
        );
        return;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if sc::pip_installs_url(&words) {
        checker
            .report(
                &RULE,
                call.range(),
                format!(
                    "runs `{}`: pip installs (and runs the build code of) a package fetched from a URL",
                    context::short(&text)
                ),
            )
            .severity(Severity::Medium);
    }
}

/// A body that downloads a file, makes a file executable and starts a
/// program: the program start is reported.
fn judge(checker: &mut Checker, summary: &Summary) {
    let (Some((_, fetch)), Some(chmod)) = (summary.fetches.first(), summary.chmods.first()) else {
        return;
    };
    let Some((range, _)) = summary
        .processes
        .iter()
        .find(|(range, _)| range.start() > chmod.start())
    else {
        return;
    };
    let message = format!(
        "downloads a file (`{fetch}`), makes it executable and runs a program: a download from the network runs unseen"
    );
    checker.report(&RULE, *range, message);
}

fn check_function(checker: &mut Checker, stmt: &Stmt) {
    let Stmt::FunctionDef(def) = stmt else { return };
    if !context::imports_any(checker, sc::NETWORK_MODULES) {
        return;
    }
    let Some(scope) = checker.semantic.scope_of_node(stmt) else {
        return;
    };
    let summary = checker.memo(def.range.start(), || summarize(checker, &def.body, scope));
    judge(checker, &summary);
}

fn check_module(checker: &mut Checker) {
    if !context::imports_any(checker, sc::NETWORK_MODULES) {
        return;
    }
    let summary = super::summary::of_module(checker);
    judge(checker, &summary);
}

declare_rule! {
    /// ## What it does
    /// Flags code that downloads something and runs it: `exec` of a response, `curl … | sh`, a download made executable and started.
    ///
    /// Flags code that fetches something from the network and runs it:
    /// `exec`/`eval`/`compile` of a response (`urlopen(url).read()`,
    /// `requests.get(url).text`, also through variables and decoders),
    /// shell one-liners that pipe a download into an interpreter
    /// (`curl … | sh`, `wget -qO- … | bash`, `sh -c "$(curl …)"`,
    /// `iwr … | iex`) in any command given to `os.system`, `subprocess`
    /// and the other ways to start a program, a function that downloads a
    /// file, `chmod`s it and starts a program, and (medium severity)
    /// `pip install` of a URL.
    ///
    /// ## Why is this bad?
    /// What runs is whatever the server sends at that moment, not what
    /// was reviewed: the server's owner, anyone who takes over the
    /// domain, or anyone on the path of a plain-HTTP download runs code
    /// with the rights of the installing user. This is how most malicious
    /// packages fetch their real payload.
    ///
    /// ## Example
    /// ```python
    /// import os
    /// os.system("curl -fsSL https://example.com/install.sh | sh")
    /// ```
    ///
    /// ## Use instead
    /// Ship the code in the package, or download a pinned artifact and
    /// verify its hash before using it (and never at install time):
    /// ```python
    /// data = fetch(url)
    /// if hashlib.sha256(data).hexdigest() != EXPECTED_SHA256:
    ///     raise RuntimeError("download does not match its pinned hash")
    /// ```
    ///
    /// ## References
    /// - CWE-494: Download of Code Without Integrity Check
    /// - CWE-829: Inclusion of Functionality from Untrusted Control Sphere
    pub static RULE = {
        name: "download-and-execute",
        category: Category::SupplyChain,
        cwe: &[494, 829],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Do not run what a server sends: ship the code in the package, or pin the download by its hash and verify it before use.",
        on_call: check_call,
        call_filter: CallFilter { names, ..CallFilter::NONE },
        on_stmt: check_function,
        nodes: &[NodeKind::StmtFunctionDef],
        on_file: check_module,
    };
}
