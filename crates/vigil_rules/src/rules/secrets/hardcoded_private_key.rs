use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};
use vigil_secrets::SecretRule;

fn check(checker: &mut Checker) {
    super::report_text_matches(checker, SecretRule::HardcodedPrivateKey, &RULE);
}

declare_rule! {
    /// ## What it does
    ///
    /// Finds private key blocks (`-----BEGIN ... PRIVATE KEY-----` with a body and
    /// its `-----END` line: RSA, EC, DSA, PKCS#8, OpenSSH and PGP keys), also when
    /// they sit in a Python string with `\n` escapes or in a Google service-account
    /// JSON file. A block whose body is not a whole key but keeps a piece of one —
    /// a truncated or redacted paste (`MIIEpAIBAAKCAQEA...`, a first line followed
    /// by `[redacted]`) — is still a key committed to the repository and is
    /// reported with low confidence. A body of placeholders only (`...`, `XXXX`,
    /// `[your key here]`) is not reported. Encrypted keys
    /// (`ENCRYPTED PRIVATE KEY`, `Proc-Type: 4,ENCRYPTED`, OpenSSH keys with a
    /// cipher) are reported with low severity: they still need a passphrase.
    ///
    /// ## Why is this bad?
    ///
    /// A private key proves identity: whoever holds it can sign as the owner,
    /// decrypt what was sent to them, log in to servers that trust it or act as a
    /// cloud service account. Keys in code are copied with every clone.
    ///
    /// ## Example
    ///
    /// ```python
    /// KEY = """-----BEGIN RSA PRIVATE KEY-----
    /// MIIEpAIBAAKCAQEA...
    /// -----END RSA PRIVATE KEY-----"""
    /// ```
    ///
    /// ## Use instead
    ///
    /// Revoke the key and issue a new one, then load it from a file outside the
    /// repository or from a secret manager:
    ///
    /// ```python
    /// from pathlib import Path
    /// import os
    ///
    /// KEY = Path(os.environ["SIGNING_KEY_FILE"]).read_bytes()
    /// ```
    ///
    /// ## References
    ///
    /// - CWE-321: Use of Hard-coded Cryptographic Key
    /// - CWE-798: Use of Hard-coded Credentials
    pub static RULE = {
        name: "hardcoded-private-key",
        category: Category::Secrets,
        cwe: &[321, 798],
        severity: Severity::Critical,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Revoke and replace the key, then load it at run time from a file outside the repository or a secret manager.",
        on_file: check,
    };
}
