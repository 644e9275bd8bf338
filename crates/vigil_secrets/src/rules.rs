//! The five rules this crate reports under, with their metadata and
//! documentation.
//!
//! | rule | what | CWE |
//! |---|---|---|
//! | `hardcoded-token` | a token of a known format (`kind` says which) | 798 |
//! | `hardcoded-private-key` | a PEM / OpenSSH / PGP private key block | 321, 798 |
//! | `credentials-in-url` | `scheme://user:password@host`, `...;Pwd=...;` | 798, 259 |
//! | `hardcoded-password` | a literal under a password-like name | 259, 798 |
//! | `hardcoded-secret` | a high-entropy literal under a token/key/secret name | 798 (+321 for keys) |

use serde::Serialize;
use vigil_report::Severity;

/// A rule of the secrets engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretRule {
    /// A token whose format is known (GitHub, AWS, Stripe, ...).
    HardcodedToken,
    /// A private key block.
    HardcodedPrivateKey,
    /// A password inside a URL or a connection string.
    CredentialsInUrl,
    /// A literal assigned to a password-like name.
    HardcodedPassword,
    /// A high-entropy literal assigned to a token-, key- or secret-like name.
    HardcodedSecret,
}

impl SecretRule {
    pub const ALL: [SecretRule; 5] = [
        SecretRule::HardcodedToken,
        SecretRule::HardcodedPrivateKey,
        SecretRule::CredentialsInUrl,
        SecretRule::HardcodedPassword,
        SecretRule::HardcodedSecret,
    ];

    /// The stable kebab-case name users type.
    pub fn name(self) -> &'static str {
        match self {
            SecretRule::HardcodedToken => "hardcoded-token",
            SecretRule::HardcodedPrivateKey => "hardcoded-private-key",
            SecretRule::CredentialsInUrl => "credentials-in-url",
            SecretRule::HardcodedPassword => "hardcoded-password",
            SecretRule::HardcodedSecret => "hardcoded-secret",
        }
    }

    /// Looks a rule up by its name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Every CWE the rule may report (a match carries the ones that apply
    /// to it).
    pub fn cwe(self) -> &'static [u32] {
        match self {
            SecretRule::HardcodedToken => &[798],
            SecretRule::HardcodedPrivateKey => &[321, 798],
            SecretRule::CredentialsInUrl => &[798, 259],
            SecretRule::HardcodedPassword => &[259, 798],
            SecretRule::HardcodedSecret => &[798, 321],
        }
    }

    /// The highest severity the rule reports (matches may be lower).
    pub fn severity(self) -> Severity {
        match self {
            SecretRule::HardcodedToken | SecretRule::HardcodedPrivateKey => Severity::Critical,
            SecretRule::CredentialsInUrl
            | SecretRule::HardcodedPassword
            | SecretRule::HardcodedSecret => Severity::High,
        }
    }

    /// The category shown in reports.
    pub fn category(self) -> &'static str {
        "secrets"
    }

    /// Bandit test ids this rule replaces (so `# nosec B105` keeps working).
    pub fn bandit_codes(self) -> &'static [&'static str] {
        match self {
            SecretRule::HardcodedPassword => &["B105", "B106", "B107"],
            _ => &[],
        }
    }

    /// Ruff (flake8-bandit) codes this rule replaces (`# noqa: S105`).
    pub fn ruff_codes(self) -> &'static [&'static str] {
        match self {
            SecretRule::HardcodedPassword => &["S105", "S106", "S107"],
            _ => &[],
        }
    }

    /// One line saying what the rule finds.
    pub fn summary(self) -> &'static str {
        match self {
            SecretRule::HardcodedToken => {
                "An API token or cloud key of a known format is written in the code."
            }
            SecretRule::HardcodedPrivateKey => "A private key block is written in the code.",
            SecretRule::CredentialsInUrl => {
                "A URL or connection string in the code carries a password."
            }
            SecretRule::HardcodedPassword => "A password is written in the code.",
            SecretRule::HardcodedSecret => {
                "A token, API key or secret key is written in the code under a telling name."
            }
        }
    }

    /// The rule's documentation in Markdown, with the fixed headings.
    pub fn doc(self) -> &'static str {
        match self {
            SecretRule::HardcodedToken => include_str!("docs/hardcoded-token.md"),
            SecretRule::HardcodedPrivateKey => include_str!("docs/hardcoded-private-key.md"),
            SecretRule::CredentialsInUrl => include_str!("docs/credentials-in-url.md"),
            SecretRule::HardcodedPassword => include_str!("docs/hardcoded-password.md"),
            SecretRule::HardcodedSecret => include_str!("docs/hardcoded-secret.md"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_docs_have_headings() {
        for rule in SecretRule::ALL {
            assert_eq!(SecretRule::from_name(rule.name()), Some(rule));
            assert!(!rule.cwe().is_empty());
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
                "## References",
            ] {
                assert!(
                    rule.doc().contains(heading),
                    "{} lacks {heading}",
                    rule.name()
                );
            }
            for cwe in rule.cwe() {
                assert!(
                    rule.doc().contains(&format!("CWE-{cwe}")),
                    "{}",
                    rule.name()
                );
            }
        }
    }
}
