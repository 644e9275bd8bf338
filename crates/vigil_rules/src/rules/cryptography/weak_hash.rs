use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const WEAK_CONSTRUCTORS: &[&str] = &[
    "hashlib.md5",
    "hashlib.sha1",
    "hashlib.md4",
    "Crypto.Hash.MD2.new",
    "Crypto.Hash.MD4.new",
    "Crypto.Hash.MD5.new",
    "Crypto.Hash.SHA.new",
    "Crypto.Hash.SHA1.new",
    "Cryptodome.Hash.MD2.new",
    "Cryptodome.Hash.MD4.new",
    "Cryptodome.Hash.MD5.new",
    "Cryptodome.Hash.SHA1.new",
    "cryptography.hazmat.primitives.hashes.MD5",
    "cryptography.hazmat.primitives.hashes.SHA1",
];

const WEAK_NAMES: &[&str] = &["md4", "md5", "sha1", "sha", "md2", "ripemd160", "mdc2"];

const NOT_FOR_SECURITY: Cond = Cond::NotLiteralFalse(Arg::kw("usedforsecurity"));

declare_rule! {
    /// ## What it does
    /// Flags MD2, MD4, MD5 and SHA-1 hashes (`hashlib`, `hashlib.new`,
    /// PyCryptodome, `cryptography`) unless the code says they are not used
    /// for security (`usedforsecurity=False`).
    ///
    /// ## Why is this bad?
    /// Collisions for MD5 and SHA-1 can be computed cheaply: two different
    /// inputs with the same digest. A signature, integrity check, token or
    /// password hash built on them can be forged or brute-forced.
    ///
    /// ## Example
    /// ```python
    /// digest = hashlib.md5(document).hexdigest()
    /// ```
    ///
    /// ## Use instead
    /// Use SHA-256 or better; for a non-security use (a cache key, an ETag)
    /// say so, which also keeps the code working on FIPS systems:
    /// ```python
    /// digest = hashlib.sha256(document).hexdigest()
    /// etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
    /// ```
    ///
    /// ## References
    /// - CWE-328: Use of Weak Hash
    /// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
    pub static RULE = {
        name: "weak-hash",
        category: Category::Cryptography,
        cwe: &[328, 327],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &["B324", "B303"],
        ruff: &["S324", "S303"],
        help: "Use SHA-256 or stronger; if the hash is not used for security, pass `usedforsecurity=False`.",
        calls: &[
            CallPattern::new(
                WEAK_CONSTRUCTORS,
                &[NOT_FOR_SECURITY],
                "`{callee}` uses a hash algorithm with practical collision attacks",
            ),
            CallPattern::new(
                &["hashlib.new"],
                &[Cond::StrIn(Arg::at(0, "name"), WEAK_NAMES), NOT_FOR_SECURITY],
                "`{callee}` selects a hash algorithm with practical collision attacks",
            ),
        ],
    };
}
