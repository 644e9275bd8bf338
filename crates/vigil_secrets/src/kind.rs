//! What a secret is: the kinds of token, key and credential the engine
//! tells apart, with the defaults each kind reports under.

use crate::rules::SecretRule;
use serde::Serialize;
use vigil_report::{Confidence, Severity};

/// What a name says its value is; see [`crate::is_secret_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretNameKind {
    /// `password`, `passwd`, `pwd`, `pass`, `passphrase`, ...
    Password,
    /// `token`, `access_token`, `auth_token`, `bearer_token`, ...
    Token,
    /// `api_key`, `apikey`, `access_key`, `subscription_key`, ...
    ApiKey,
    /// `secret`, `client_secret`, `app_secret`, `webhook_secret`, ...
    Secret,
    /// A key that signs or encrypts: `secret_key`, `private_key`,
    /// `signing_key`, `encryption_key`, `jwt_secret`, `hmac_key`, ...
    CryptoKey,
    /// `credentials`, `authorization`, ...
    Credential,
}

/// The kind of a secret match: a token format, a key block, a URL password
/// or a value under a secret-like name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretKind {
    AwsAccessKeyId,
    AwsSecretAccessKey,
    GoogleApiKey,
    GoogleOauthClientSecret,
    AzureStorageAccountKey,
    AzureSharedAccessKey,
    GithubToken,
    GitlabToken,
    SlackToken,
    SlackWebhookUrl,
    StripeLiveKey,
    StripeTestKey,
    StripeWebhookSecret,
    OpenaiApiKey,
    AnthropicApiKey,
    HuggingfaceToken,
    PypiToken,
    NpmToken,
    SendgridApiKey,
    TwilioApiKey,
    TwilioAuthToken,
    MailchimpApiKey,
    TelegramBotToken,
    Jwt,
    PrivateKey,
    EncryptedPrivateKey,
    GcpServiceAccountKey,
    UrlPassword,
    ConnectionStringPassword,
    Password,
    Token,
    ApiKey,
    Secret,
    CryptoKey,
    Credential,
}

/// The defaults of a kind.
struct KindInfo {
    id: &'static str,
    label: &'static str,
    rule: SecretRule,
    severity: Severity,
    confidence: Confidence,
    cwe: &'static [u32],
    help: &'static str,
}

const ROTATE: &str = "Revoke it now (it must be taken as leaked), then read the new one at run time \
from the environment or a secret manager; removing it from the code does not remove it from the \
history.";

const fn token(
    id: &'static str,
    label: &'static str,
    severity: Severity,
    confidence: Confidence,
    help: &'static str,
) -> KindInfo {
    KindInfo {
        id,
        label,
        rule: SecretRule::HardcodedToken,
        severity,
        confidence,
        cwe: &[798],
        help,
    }
}

use Confidence as C;
use Severity as S;

impl SecretKind {
    /// Every kind, in declaration order.
    pub const ALL: [SecretKind; 35] = [
        SecretKind::AwsAccessKeyId,
        SecretKind::AwsSecretAccessKey,
        SecretKind::GoogleApiKey,
        SecretKind::GoogleOauthClientSecret,
        SecretKind::AzureStorageAccountKey,
        SecretKind::AzureSharedAccessKey,
        SecretKind::GithubToken,
        SecretKind::GitlabToken,
        SecretKind::SlackToken,
        SecretKind::SlackWebhookUrl,
        SecretKind::StripeLiveKey,
        SecretKind::StripeTestKey,
        SecretKind::StripeWebhookSecret,
        SecretKind::OpenaiApiKey,
        SecretKind::AnthropicApiKey,
        SecretKind::HuggingfaceToken,
        SecretKind::PypiToken,
        SecretKind::NpmToken,
        SecretKind::SendgridApiKey,
        SecretKind::TwilioApiKey,
        SecretKind::TwilioAuthToken,
        SecretKind::MailchimpApiKey,
        SecretKind::TelegramBotToken,
        SecretKind::Jwt,
        SecretKind::PrivateKey,
        SecretKind::EncryptedPrivateKey,
        SecretKind::GcpServiceAccountKey,
        SecretKind::UrlPassword,
        SecretKind::ConnectionStringPassword,
        SecretKind::Password,
        SecretKind::Token,
        SecretKind::ApiKey,
        SecretKind::Secret,
        SecretKind::CryptoKey,
        SecretKind::Credential,
    ];

    fn info(self) -> KindInfo {
        match self {
            SecretKind::AwsAccessKeyId => token(
                "aws-access-key-id",
                "AWS access key ID",
                S::High,
                C::High,
                "Deactivate the access key in IAM (its secret key is likely nearby), then use \
                 roles, the default credential chain or environment variables.",
            ),
            SecretKind::AwsSecretAccessKey => token(
                "aws-secret-access-key",
                "AWS secret access key",
                S::Critical,
                C::Medium,
                "Deactivate the access key in IAM, then use roles, the default credential chain \
                 or environment variables.",
            ),
            SecretKind::GoogleApiKey => token(
                "google-api-key",
                "Google API key",
                S::Medium,
                C::High,
                "Regenerate the key in the Google Cloud console and restrict it to the APIs and \
                 referrers it needs; read it from the environment.",
            ),
            SecretKind::GoogleOauthClientSecret => token(
                "google-oauth-client-secret",
                "Google OAuth client secret",
                S::High,
                C::High,
                ROTATE,
            ),
            SecretKind::AzureStorageAccountKey => token(
                "azure-storage-account-key",
                "Azure storage account key",
                S::Critical,
                C::High,
                "Rotate the account key in the Azure portal, then prefer managed identities or a \
                 connection string read from the environment or Key Vault.",
            ),
            SecretKind::AzureSharedAccessKey => token(
                "azure-shared-access-key",
                "Azure shared access key",
                S::High,
                C::High,
                ROTATE,
            ),
            SecretKind::GithubToken => token(
                "github-token",
                "GitHub token",
                S::High,
                C::High,
                "Revoke the token on GitHub (Settings > Developer settings), then read it at run \
                 time from the environment (in Actions: `secrets.GITHUB_TOKEN`).",
            ),
            SecretKind::GitlabToken => {
                token("gitlab-token", "GitLab token", S::High, C::High, ROTATE)
            }
            SecretKind::SlackToken => token("slack-token", "Slack token", S::High, C::High, ROTATE),
            SecretKind::SlackWebhookUrl => token(
                "slack-webhook-url",
                "Slack webhook URL",
                S::Medium,
                C::High,
                "Anyone with the URL can post to the channel: regenerate the webhook and read \
                 its URL from the environment.",
            ),
            SecretKind::StripeLiveKey => token(
                "stripe-live-key",
                "Stripe live secret key",
                S::Critical,
                C::High,
                ROTATE,
            ),
            SecretKind::StripeTestKey => token(
                "stripe-test-key",
                "Stripe test-mode key",
                S::Low,
                C::Medium,
                "Test keys reach only test-mode data, but belong to a real account: roll it in \
                 the Stripe dashboard and read it from the environment.",
            ),
            SecretKind::StripeWebhookSecret => token(
                "stripe-webhook-secret",
                "Stripe webhook signing secret",
                S::High,
                C::High,
                ROTATE,
            ),
            SecretKind::OpenaiApiKey => {
                token("openai-api-key", "OpenAI API key", S::High, C::High, ROTATE)
            }
            SecretKind::AnthropicApiKey => token(
                "anthropic-api-key",
                "Anthropic API key",
                S::High,
                C::High,
                ROTATE,
            ),
            SecretKind::HuggingfaceToken => token(
                "huggingface-token",
                "Hugging Face token",
                S::High,
                C::High,
                ROTATE,
            ),
            SecretKind::PypiToken => token(
                "pypi-token",
                "PyPI upload token",
                S::High,
                C::High,
                "Remove the token on pypi.org (Account settings > API tokens); prefer trusted \
                 publishing from CI over long-lived tokens.",
            ),
            SecretKind::NpmToken => {
                token("npm-token", "npm access token", S::High, C::High, ROTATE)
            }
            SecretKind::SendgridApiKey => token(
                "sendgrid-api-key",
                "SendGrid API key",
                S::High,
                C::High,
                ROTATE,
            ),
            SecretKind::TwilioApiKey => token(
                "twilio-api-key",
                "Twilio API key SID",
                S::High,
                C::Medium,
                ROTATE,
            ),
            SecretKind::TwilioAuthToken => token(
                "twilio-auth-token",
                "Twilio auth token",
                S::High,
                C::Medium,
                ROTATE,
            ),
            SecretKind::MailchimpApiKey => token(
                "mailchimp-api-key",
                "Mailchimp API key",
                S::Medium,
                C::High,
                ROTATE,
            ),
            SecretKind::TelegramBotToken => token(
                "telegram-bot-token",
                "Telegram bot token",
                S::Medium,
                C::Medium,
                ROTATE,
            ),
            SecretKind::Jwt => token(
                "jwt",
                "JSON Web Token",
                S::Medium,
                C::Medium,
                "A JWT is a bearer credential until it expires: invalidate it (or rotate the key \
                 that signed it) and obtain tokens at run time.",
            ),
            SecretKind::PrivateKey => KindInfo {
                id: "private-key",
                label: "private key",
                rule: SecretRule::HardcodedPrivateKey,
                severity: S::High,
                confidence: C::High,
                cwe: &[321, 798],
                help: "Revoke the key and issue a new one; keep keys in files outside the \
                       repository or in a secret manager and load them at run time.",
            },
            SecretKind::EncryptedPrivateKey => KindInfo {
                id: "encrypted-private-key",
                label: "encrypted private key",
                rule: SecretRule::HardcodedPrivateKey,
                severity: S::Low,
                confidence: C::High,
                cwe: &[321, 798],
                help: "The key is encrypted, but its passphrase is often close by: keep keys out \
                       of the repository and load them at run time.",
            },
            SecretKind::GcpServiceAccountKey => KindInfo {
                id: "gcp-service-account-key",
                label: "Google Cloud service-account private key",
                rule: SecretRule::HardcodedPrivateKey,
                severity: S::Critical,
                confidence: C::High,
                cwe: &[321, 798],
                help: "Delete the key in IAM (Service accounts > Keys); prefer workload identity or \
                       a key file outside the repository named by GOOGLE_APPLICATION_CREDENTIALS.",
            },
            SecretKind::UrlPassword => KindInfo {
                id: "url-password",
                label: "password in a URL",
                rule: SecretRule::CredentialsInUrl,
                severity: S::High,
                confidence: C::High,
                cwe: &[798, 259],
                help: "Change the password, then build the URL at run time from the environment \
                       (for example one `DATABASE_URL` variable).",
            },
            SecretKind::ConnectionStringPassword => KindInfo {
                id: "connection-string-password",
                label: "password in a connection string",
                rule: SecretRule::CredentialsInUrl,
                severity: S::High,
                confidence: C::High,
                cwe: &[798, 259],
                help: "Change the password, then build the connection string at run time from \
                       the environment, or use integrated authentication.",
            },
            SecretKind::Password => KindInfo {
                id: "password",
                label: "password",
                rule: SecretRule::HardcodedPassword,
                severity: S::High,
                confidence: C::High,
                cwe: &[259, 798],
                help: "Change the password, then read it at run time from the environment or a \
                       secret manager.",
            },
            SecretKind::Token => named("token", "token", &[798]),
            SecretKind::ApiKey => named("api-key", "API key", &[798]),
            SecretKind::Secret => named("secret", "secret", &[798]),
            SecretKind::CryptoKey => named("crypto-key", "cryptographic key", &[321, 798]),
            SecretKind::Credential => named("credential", "credential", &[798]),
        }
    }

    /// Stable kebab-case id (the `kind` field of a finding).
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// A short human name, used in messages.
    pub fn label(self) -> &'static str {
        self.info().label
    }

    /// The rule this kind reports under.
    pub fn rule(self) -> SecretRule {
        self.info().rule
    }

    /// Default severity (a match may lower it, e.g. for `localhost`).
    pub fn severity(self) -> Severity {
        self.info().severity
    }

    /// Default confidence.
    pub fn confidence(self) -> Confidence {
        self.info().confidence
    }

    /// The CWEs this kind falls under.
    pub fn cwe(self) -> &'static [u32] {
        self.info().cwe
    }

    /// How to fix it.
    pub fn help(self) -> &'static str {
        self.info().help
    }
}

const fn named(id: &'static str, label: &'static str, cwe: &'static [u32]) -> KindInfo {
    KindInfo {
        id,
        label,
        rule: SecretRule::HardcodedSecret,
        severity: S::High,
        confidence: C::High,
        cwe,
        help: ROTATE,
    }
}

impl From<SecretNameKind> for SecretKind {
    fn from(kind: SecretNameKind) -> Self {
        match kind {
            SecretNameKind::Password => SecretKind::Password,
            SecretNameKind::Token => SecretKind::Token,
            SecretNameKind::ApiKey => SecretKind::ApiKey,
            SecretNameKind::Secret => SecretKind::Secret,
            SecretNameKind::CryptoKey => SecretKind::CryptoKey,
            SecretNameKind::Credential => SecretKind::Credential,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_match_serde() {
        let mut seen = std::collections::HashSet::new();
        for kind in SecretKind::ALL {
            let id = kind.id();
            assert!(seen.insert(id), "duplicate {id}");
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{id}"
            );
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{id}\""));
            assert!(
                kind.rule()
                    .cwe()
                    .iter()
                    .all(|c| kind.rule().cwe().contains(c))
            );
            assert!(
                kind.cwe().iter().all(|c| kind.rule().cwe().contains(c)),
                "{id}"
            );
            assert!(!kind.help().is_empty() && !kind.label().is_empty());
        }
    }
}
