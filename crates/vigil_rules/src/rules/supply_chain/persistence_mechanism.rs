use super::context;
use crate::call_filter::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::supply_chain as sc;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall, Operator};
use vigil_report::{Confidence, Severity};

/// `winreg` access rights that allow writing a value.
const WRITE_ACCESS: &[&str] = &["KEY_SET_VALUE", "KEY_WRITE", "KEY_ALL_ACCESS"];

fn names() -> Vec<&'static str> {
    context::with_process_functions(&[sc::FILE_OPENERS, sc::FILE_COPIERS, sc::REGISTRY_OPENERS])
}

fn methods() -> Vec<&'static str> {
    sc::PATH_WRITE_METHODS.to_vec()
}

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if let Some(target) = context::written_path(call, qualified, checker)
        && let Some(path) = context::path_text(checker, target)
        && let Some(what) = sc::persistence_path(&path)
    {
        checker.report(
            &RULE,
            call.range(),
            format!(
                "writes {what} (`{}`): code added there runs again at every login or on a schedule",
                context::short(&path)
            ),
        );
        return;
    }
    let Some(q) = qualified else { return };
    if sc::REGISTRY_OPENERS.contains(&q) {
        registry_key(checker, call, q);
        return;
    }
    if !context::is_process(q) {
        return;
    }
    if let Some(text) = context::command_text(checker, call, q) {
        if let Some(how) = persistent_command(&text) {
            checker.report(
                &RULE,
                call.range(),
                format!(
                    "runs `{}`, which {how}: the program starts again without anyone running it",
                    context::short(&text)
                ),
            );
            return;
        }
        let trimmed = text.trim();
        if trimmed.starts_with("nohup ") && trimmed.ends_with('&') {
            checker
                .report(
                    &RULE,
                    call.range(),
                    format!(
                        "runs `{}` in the background, detached from this process",
                        context::short(&text)
                    ),
                )
                .severity(Severity::Medium)
                .confidence(Confidence::Low);
            return;
        }
    }
    hidden_process(checker, call);
}

/// `winreg.CreateKey(HKCU, r"...\CurrentVersion\Run")`, or `OpenKey` of
/// it with write access.
fn registry_key(checker: &mut Checker, call: &ExprCall, q: &str) {
    let Some(key) = call.arguments.find_argument_value("sub_key", 1) else {
        return;
    };
    let Some(text) = checker.string(key) else {
        return;
    };
    if !sc::is_run_key(&text) {
        return;
    }
    if q.ends_with("OpenKey") || q.ends_with("OpenKeyEx") {
        let writes = call
            .arguments
            .find_argument_value("access", 3)
            .is_some_and(|access| {
                flag_names(checker, access)
                    .iter()
                    .any(|n| WRITE_ACCESS.iter().any(|w| n.ends_with(w)))
            });
        if !writes {
            return;
        }
    }
    checker.report(
        &RULE,
        call.range(),
        format!(
            "opens the Windows autostart key `{}` for writing: a program added there runs at every login",
            context::short(&text)
        ),
    );
}

/// What a command does to start again later, if it does.
fn persistent_command(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    if sc::installs_crontab(&lower) {
        return Some("installs a cron job");
    }
    if lower.contains("schtasks") && lower.contains("/create") {
        return Some("creates a Windows scheduled task");
    }
    if lower.contains("systemctl") && lower.contains("enable") {
        return Some("enables a systemd service");
    }
    if lower.contains("reg add") && sc::RUN_KEYS.iter().any(|k| lower.contains(k)) {
        return Some("adds a Windows autostart entry");
    }
    if let Some(at) = lower.find('>')
        && sc::persistence_path(lower[at + 1..].trim_start_matches('>').trim()).is_some()
    {
        return Some("writes a start-up file");
    }
    None
}

/// The qualified names in a flags expression (`A | B`).
fn flag_names(checker: &Checker, expr: &Expr) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![expr];
    while let Some(e) = stack.pop() {
        if out.len() > 16 {
            break;
        }
        match e {
            Expr::BinOp(op) if op.op == Operator::BitOr => {
                stack.push(&op.left);
                stack.push(&op.right);
            }
            _ => {
                if let Some(q) = checker.resolve_value(e) {
                    out.push(q);
                }
            }
        }
    }
    out
}

/// A process started with no window or detached, its output discarded.
fn hidden_process(checker: &mut Checker, call: &ExprCall) {
    let devnull = |name: &str| {
        call.arguments.find_keyword(name).is_some_and(|k| {
            checker.resolve_value(&k.value).as_deref() == Some("subprocess.DEVNULL")
                || checker.resolve_value(&k.value).as_deref() == Some("os.devnull")
        })
    };
    let silent = devnull("stdout") && devnull("stderr");
    if !silent {
        return;
    }
    let hidden = call
        .arguments
        .find_keyword("creationflags")
        .is_some_and(|k| {
            flag_names(checker, &k.value)
                .iter()
                .any(|n| sc::HIDDEN_PROCESS_FLAGS.contains(&n.as_str()))
        });
    let detached = call
        .arguments
        .find_keyword("start_new_session")
        .is_some_and(|k| checker.is_bool(&k.value, true));
    if hidden || detached {
        let how = if hidden {
            "with no window"
        } else {
            "in a new session"
        };
        // Applications start helpers this way (a browser, a daemon): only
        // at install or import time is it a sign, elsewhere a note.
        let at_install_or_import = (context::is_setup_script(checker)
            || context::is_package_init(checker))
            && !matches!(context::when_it_runs(checker), context::Runs::Later);
        let report = checker
            .report(
                &RULE,
                call.range(),
                format!("starts a program {how} with all its output discarded: it runs unseen"),
            )
            .severity(Severity::Medium)
            .confidence(Confidence::Low);
        if !at_install_or_import {
            report.audit_only();
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags code that makes a program start again later (shell start-up files, cron, services, autostart keys) or run unseen.
    ///
    /// Flags code that makes a program start again later: writes to shell
    /// start-up files (`~/.bashrc`, `~/.profile`, `~/.zshrc`), cron
    /// tables, systemd units, desktop autostart entries, macOS launch
    /// agents and the Windows startup folder; `winreg` keys
    /// `...\CurrentVersion\Run` opened for writing; commands that install
    /// a cron job, a scheduled task or a service. With medium severity,
    /// programs started unseen: `creationflags=CREATE_NO_WINDOW` or
    /// `DETACHED_PROCESS`, or `start_new_session=True`, with both outputs
    /// sent to `DEVNULL`, and `nohup … &`.
    ///
    /// ## Why is this bad?
    /// Malware that survives a reboot or the end of `pip install` needs
    /// one of these places. A library has no reason to edit the user's
    /// shell start-up files or autostart entries, and hiding a started
    /// program's window and output is how a payload keeps running without
    /// the user noticing.
    ///
    /// ## Example
    /// ```python
    /// with open(os.path.expanduser("~/.bashrc"), "a") as rc:
    ///     rc.write("python3 ~/.cache/.agent.py &\n")
    /// ```
    ///
    /// ## Use instead
    /// Tell users how to enable a service or a shell integration, and let
    /// them do it:
    /// ```python
    /// print("Add `eval \"$(mytool completion bash)\"` to your ~/.bashrc to enable completion.")
    /// ```
    ///
    /// ## References
    /// - CWE-506: Embedded Malicious Code
    /// - CWE-912: Hidden Functionality
    pub static RULE = {
        name: "persistence-mechanism",
        category: Category::SupplyChain,
        cwe: &[506, 912],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Check why this code makes a program start again or run unseen: a package should not edit start-up files, cron, services or autostart keys on its own.",
        on_call: check,
        call_filter: CallFilter { names, methods, ..CallFilter::NONE },
    };
}
