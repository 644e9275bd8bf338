use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

/// PyCrypto / PyCryptodome block ciphers whose `new(key, mode, ...)` takes a mode.
const BLOCK_CIPHERS: &[&str] = &[
    "Crypto.Cipher.AES.new",
    "Crypto.Cipher.DES.new",
    "Crypto.Cipher.DES3.new",
    "Crypto.Cipher.ARC2.new",
    "Crypto.Cipher.Blowfish.new",
    "Crypto.Cipher.CAST.new",
    "Cryptodome.Cipher.AES.new",
    "Cryptodome.Cipher.DES.new",
    "Cryptodome.Cipher.DES3.new",
    "Cryptodome.Cipher.ARC2.new",
    "Cryptodome.Cipher.Blowfish.new",
    "Cryptodome.Cipher.CAST.new",
];

const ECB_CONSTANTS: &[&str] = &[
    "Crypto.Cipher.AES.MODE_ECB",
    "Crypto.Cipher.DES.MODE_ECB",
    "Crypto.Cipher.DES3.MODE_ECB",
    "Crypto.Cipher.ARC2.MODE_ECB",
    "Crypto.Cipher.Blowfish.MODE_ECB",
    "Crypto.Cipher.CAST.MODE_ECB",
    "Cryptodome.Cipher.AES.MODE_ECB",
    "Cryptodome.Cipher.DES.MODE_ECB",
    "Cryptodome.Cipher.DES3.MODE_ECB",
    "Cryptodome.Cipher.ARC2.MODE_ECB",
    "Cryptodome.Cipher.Blowfish.MODE_ECB",
    "Cryptodome.Cipher.CAST.MODE_ECB",
];

const MODE: Arg = Arg::at(1, "mode");

declare_rule! {
    /// ## What it does
    /// Flags block ciphers used in ECB mode: `modes.ECB()` in `cryptography`,
    /// `AES.new(key, AES.MODE_ECB)` in PyCryptodome, and PyCrypto's
    /// `AES.new(key)` without a mode, which defaulted to ECB.
    ///
    /// ## Why is this bad?
    /// ECB encrypts every block independently, so equal plaintext blocks give
    /// equal ciphertext blocks: the structure of the data shows through (the
    /// well-known "ECB penguin"), blocks can be reordered or replayed, and a
    /// chosen-plaintext attacker can decrypt byte by byte.
    ///
    /// ## Example
    /// ```python
    /// cipher = Cipher(algorithms.AES(key), modes.ECB())
    /// ```
    ///
    /// ## Use instead
    /// Use an authenticated mode with a fresh nonce:
    /// ```python
    /// ciphertext = AESGCM(key).encrypt(os.urandom(12), data, None)
    /// ```
    ///
    /// ## References
    /// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
    pub static RULE = {
        name: "ecb-mode",
        category: Category::Cryptography,
        cwe: &[327],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &["B305"],
        ruff: &["S305"],
        help: "Use an authenticated mode such as GCM (`AESGCM`) or a recipe such as `Fernet`, with a random nonce per message.",
        calls: &[
            CallPattern::new(
                &["cryptography.hazmat.primitives.ciphers.modes.ECB"],
                &[],
                "`{callee}` selects ECB mode: equal plaintext blocks encrypt to equal ciphertext blocks",
            ),
            CallPattern::new(
                BLOCK_CIPHERS,
                &[Cond::NameIn(MODE, ECB_CONSTANTS)],
                "`{callee}` is called with ECB mode: equal plaintext blocks encrypt to equal ciphertext blocks",
            ),
            CallPattern::new(
                BLOCK_CIPHERS,
                &[Cond::Missing(MODE)],
                "`{callee}` is called without a mode, which in PyCrypto means ECB: equal plaintext blocks encrypt to equal ciphertext blocks",
            )
            .confidence(Confidence::Medium),
        ],
    };
}
