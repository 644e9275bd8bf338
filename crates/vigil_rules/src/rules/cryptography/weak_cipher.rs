use crate::call_pattern::CallPattern;
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

/// Ciphers that are broken outright: DES (56-bit key), RC4 (biased
/// keystream), RC2 and "XOR" (not a cipher).
const BROKEN: &[&str] = &[
    "Crypto.Cipher.DES.new",
    "Crypto.Cipher.ARC2.new",
    "Crypto.Cipher.ARC4.new",
    "Crypto.Cipher.XOR.new",
    "Cryptodome.Cipher.DES.new",
    "Cryptodome.Cipher.ARC2.new",
    "Cryptodome.Cipher.ARC4.new",
    "cryptography.hazmat.primitives.ciphers.algorithms.ARC4",
    "cryptography.hazmat.decrepit.ciphers.algorithms.ARC4",
    "cryptography.hazmat.decrepit.ciphers.algorithms.RC2",
    "pyDes.des",
];

/// Legacy ciphers with 64-bit blocks (Sweet32) or little scrutiny.
const LEGACY: &[&str] = &[
    "Crypto.Cipher.DES3.new",
    "Crypto.Cipher.Blowfish.new",
    "Crypto.Cipher.CAST.new",
    "Cryptodome.Cipher.DES3.new",
    "Cryptodome.Cipher.Blowfish.new",
    "Cryptodome.Cipher.CAST.new",
    "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES",
    "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
    "cryptography.hazmat.primitives.ciphers.algorithms.IDEA",
    "cryptography.hazmat.primitives.ciphers.algorithms.CAST5",
    "cryptography.hazmat.primitives.ciphers.algorithms.SEED",
    "cryptography.hazmat.decrepit.ciphers.algorithms.TripleDES",
    "cryptography.hazmat.decrepit.ciphers.algorithms.Blowfish",
    "cryptography.hazmat.decrepit.ciphers.algorithms.IDEA",
    "cryptography.hazmat.decrepit.ciphers.algorithms.CAST5",
    "cryptography.hazmat.decrepit.ciphers.algorithms.SEED",
    "pyDes.triple_des",
];

declare_rule! {
    /// ## What it does
    /// Flags encryption with DES, RC2, RC4 (ARC4) and PyCrypto's XOR
    /// "cipher", and with the legacy 3DES (TripleDES), Blowfish, IDEA, CAST5
    /// and SEED, in PyCrypto, PyCryptodome, `cryptography` and pyDes.
    ///
    /// ## Why is this bad?
    /// DES keys can be searched exhaustively in hours; RC4's keystream is
    /// biased enough to recover plaintext that is encrypted repeatedly, such
    /// as cookies. 3DES, Blowfish, IDEA and CAST5 work on 64-bit blocks: after
    /// a few dozen gigabytes under one key, block collisions leak plaintext
    /// (the Sweet32 attack), and none of them is approved for new designs.
    ///
    /// ## Example
    /// ```python
    /// from Crypto.Cipher import DES
    /// cipher = DES.new(key, DES.MODE_CBC, iv)
    /// ```
    ///
    /// ## Use instead
    /// Use AES in an authenticated mode, or a ready-made recipe:
    /// ```python
    /// from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    /// ciphertext = AESGCM(key).encrypt(os.urandom(12), data, None)
    /// ```
    ///
    /// ## References
    /// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
    /// - Sweet32: Birthday attacks on 64-bit block ciphers (sweet32.info)
    pub static RULE = {
        name: "weak-cipher",
        category: Category::Cryptography,
        cwe: &[327],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B304"],
        ruff: &["S304"],
        help: "Encrypt with AES (for example `AESGCM` or `Fernet` from `cryptography`) or ChaCha20-Poly1305 instead.",
        calls: &[
            CallPattern::new(
                BROKEN,
                &[],
                "`{callee}` encrypts with a broken cipher: its key can be brute-forced or its keystream is biased",
            ),
            CallPattern::new(
                LEGACY,
                &[],
                "`{callee}` encrypts with a legacy cipher with 64-bit blocks or little scrutiny, not approved for new use",
            )
            .severity(Severity::Medium),
        ],
    };
}
