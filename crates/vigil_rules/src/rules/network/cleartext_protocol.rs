use crate::call_pattern::CallPattern;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

/// `import telnetlib` / `import ftplib` (audit): the module names and why.
fn check_stmt(checker: &mut Checker, stmt: &Stmt) {
    match stmt {
        Stmt::Import(import) => {
            for alias in &import.names {
                if let Some(why) = plaintext_module(alias.name.as_str()) {
                    report_import(checker, alias.range(), alias.name.as_str(), why);
                }
            }
        }
        Stmt::ImportFrom(import) if import.level == 0 => {
            let Some(module) = &import.module else { return };
            let Some(why) = plaintext_module(module.as_str()) else {
                return;
            };
            let only_tls = import.names.iter().all(|a| a.name.as_str() == "FTP_TLS");
            if !only_tls {
                report_import(checker, stmt.range(), module.as_str(), why);
            }
        }
        _ => {}
    }
}

fn plaintext_module(module: &str) -> Option<&'static str> {
    match module.split('.').next().unwrap_or(module) {
        "telnetlib" => Some("Telnet sends everything, passwords included, in clear text"),
        "ftplib" => {
            Some("plain FTP sends credentials and files in clear text (only `FTP_TLS` encrypts)")
        }
        "pyghmi" => Some(
            "IPMI hands a salted hash of the user's password to any client that asks (RAKP), and many controllers accept cipher suite 0 (no authentication)",
        ),
        _ => None,
    }
}

fn report_import(checker: &mut Checker, range: vigil_python::TextRange, module: &str, why: &str) {
    let message = format!("`{module}` is imported: {why}");
    checker
        .report(&RULE, range, message)
        .audit_only()
        .severity(Severity::Low);
}

declare_rule! {
    /// ## What it does
    /// Flags connections over protocols that send credentials and data in
    /// clear text: `telnetlib.Telnet` and plain `ftplib.FTP` (not
    /// `FTP_TLS`). In audit mode it also lists imports of `telnetlib`,
    /// `ftplib` and `pyghmi` (IPMI, whose login exposes password hashes).
    ///
    /// ## Why is this bad?
    /// Telnet and FTP predate encryption on the wire. The login, the
    /// password and every byte transferred can be read — and changed — by
    /// anyone on the network path, from a shared Wi-Fi to a compromised
    /// switch.
    ///
    /// ## Example
    /// ```python
    /// ftp = ftplib.FTP("files.example.com")
    /// ftp.login(user, password)
    /// ```
    ///
    /// ## Use instead
    /// Use SSH/SFTP, or FTP over TLS:
    /// ```python
    /// ftp = ftplib.FTP_TLS("files.example.com")
    /// ftp.login(user, password)
    /// ftp.prot_p()
    /// ```
    ///
    /// ## References
    /// - CWE-319: Cleartext Transmission of Sensitive Information
    /// - IPMI 2.0 RAKP authentication hash disclosure (CVE-2013-4786)
    pub static RULE = {
        name: "cleartext-protocol",
        category: Category::Network,
        cwe: &[319],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &["B312", "B321", "B401", "B402", "B415"],
        ruff: &["S312", "S321", "S401", "S402", "S415"],
        help: "Use an encrypted protocol instead: SSH (paramiko, asyncssh) for Telnet, SFTP or `ftplib.FTP_TLS` with `prot_p()` for FTP.",
        calls: &[
            CallPattern::new(
                &["telnetlib.Telnet"],
                &[],
                "`{callee}` opens a Telnet session, which sends the login, the password and all data in clear text",
            ),
            CallPattern::new(
                &["ftplib.FTP"],
                &[],
                "`{callee}` opens a plain FTP connection, which sends the login, the password and the files in clear text",
            ),
        ],
        on_stmt: check_stmt,
        nodes: &[NodeKind::StmtImport, NodeKind::StmtImportFrom],
    };
}
