use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input that reaches an operating-system command:
    /// `subprocess` with `shell=True` or with `["sh", "-c", ...]`, `os.system`,
    /// `os.popen`, the `os.exec*`/`os.spawn*` family, asyncio subprocesses, and
    /// remote or terminal commands (paramiko `exec_command`, Fabric `run`/`sudo`
    /// unless `shell=False`, asyncssh `run`/`create_process`, ssh2-python
    /// `execute`, Twisted Conch's `SSHCommandClientEndpoint`, pexpect and its
    /// children's `send`/`sendline`) and commands sent to network devices
    /// (netmiko `send_command`/`send_config_set`/`send_multiline`, scrapli
    /// `send_command(s)`/`send_config(s)`). Without a shell, only the program itself (the first item of the
    /// list) is dangerous: a value passed as a later argument is not reported.
    /// Data from a language model's output is reported too.
    ///
    /// ## Why is this bad?
    /// A shell reads `;`, `|`, `$(...)` and backticks in the command as more
    /// commands. When any of that text comes from outside, the caller runs
    /// whatever they like with the rights of the application.
    ///
    /// ## Example
    /// ```python
    /// host = request.args["host"]
    /// subprocess.run(f"ping -c 1 {host}", shell=True)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// host = request.args["host"]
    /// subprocess.run(["ping", "-c", "1", host])
    /// ```
    ///
    /// ## References
    /// - CWE-78: Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')
    pub static RULE = {
        name: "command-injection",
        category: Category::Injection,
        cwe: &[78],
        severity: Severity::Critical,
        confidence: Confidence::High,
        bandit: &["B602", "B604", "B605", "B606", "B601"],
        ruff: &["S602", "S604", "S605", "S606", "S601"],
        help: "Pass the program and its arguments as a list without a shell, or quote every piece of data with `shlex.quote()`.",
        flow: Flow::new(
            "as a command",
            "it can run other commands (OS command injection)",
        )
        .consumes()
        .families(&["commands", "remote"])
        .supersedes(&["subprocess-shell-true", "subprocess-shell-argv", "os-shell-command", "os-exec-process", "remote-shell-command"])
        .harmless_characters("@%+=:,./"),
    };
}
