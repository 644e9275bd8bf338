use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};
use vigil_secrets::SecretRule;

fn check(checker: &mut Checker) {
    super::report_text_matches(checker, SecretRule::HardcodedToken, &RULE);
}

declare_rule! {
    /// ## What it does
    ///
    /// Finds API tokens and cloud keys whose format is known, anywhere in a source
    /// or text file: AWS access key ids and secret keys, Google API keys and OAuth
    /// client secrets, Azure storage account and shared access keys, GitHub and
    /// GitLab tokens, Slack tokens and webhook URLs, Stripe keys, OpenAI, Anthropic
    /// and Hugging Face tokens, PyPI and npm upload tokens, SendGrid, Twilio,
    /// Mailchimp and Telegram keys, and JSON Web Tokens. The finding's `kind` names
    /// the format (`github-token`, `aws-access-key-id`, ...).
    ///
    /// Each format is checked for its exact shape, and for its checksum where the
    /// format carries one (GitHub's `ghp_`-style and npm tokens end in a CRC32;
    /// PyPI tokens are macaroons naming `pypi.org`; a JWT header must decode to
    /// JSON with an `alg`). Formats without a distinctive prefix (AWS secret keys,
    /// Twilio auth tokens) are only reported next to a telling keyword. Documented
    /// example keys (AWS's `...EXAMPLE` keys, the jwt.io sample, Stripe's public
    /// test key) and placeholders (`xxxx`, `<token>`, `${TOKEN}`) are not reported.
    ///
    /// Stripe *test* keys (`sk_test_`, `rk_test_`) are reported with low severity:
    /// they reach only test-mode data, but they still belong to a real account.
    /// Messages never show a token whole: only its first characters and its
    /// length (no hash of it, which would let a reader confirm a guess).
    ///
    /// ## Why is this bad?
    ///
    /// Anyone who can read the code (a public repository, a leaked wheel, a laptop
    /// backup, every future collaborator) can use the token with the full rights of
    /// its owner. Tokens in version control stay in its history after they are
    /// removed from the current files.
    ///
    /// ## Example
    ///
    /// ```python
    /// import github
    ///
    /// client = github.Github("ghp_" "...36 random characters with a checksum...")
    /// ```
    ///
    /// ## Use instead
    ///
    /// Revoke the token first (it must be assumed compromised), then read the new
    /// one at run time:
    ///
    /// ```python
    /// import os
    /// import github
    ///
    /// client = github.Github(os.environ["GITHUB_TOKEN"])
    /// ```
    ///
    /// ## References
    ///
    /// - CWE-798: Use of Hard-coded Credentials
    /// - <https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/>
    pub static RULE = {
        name: "hardcoded-token",
        category: Category::Secrets,
        cwe: &[798],
        severity: Severity::Critical,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Revoke the token now (it is in your history), then load it at run time from the environment or a secret manager.",
        on_file: check,
    };
}
