use crate::CallFilter;
use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::ExprCall;
use vigil_report::{Confidence, Severity};

/// Smallest acceptable RSA, DSA and Diffie-Hellman modulus, in bits.
const MIN_BITS: i64 = 2048;
/// Below this a key can be factored with public tools: high severity.
const BROKEN_BITS: i64 = 1024;

/// `(callee, algorithm, where the size is passed)`.
const KEY_GENERATORS: &[(&str, &str, Arg)] = &[
    (
        "cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key",
        "RSA",
        Arg::at(1, "key_size"),
    ),
    (
        "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key",
        "DSA",
        Arg::at(0, "key_size"),
    ),
    (
        "cryptography.hazmat.primitives.asymmetric.dsa.generate_parameters",
        "DSA",
        Arg::at(0, "key_size"),
    ),
    (
        "cryptography.hazmat.primitives.asymmetric.dh.generate_parameters",
        "Diffie-Hellman",
        Arg::at(1, "key_size"),
    ),
    ("Crypto.PublicKey.RSA.generate", "RSA", Arg::at(0, "bits")),
    ("Crypto.PublicKey.DSA.generate", "DSA", Arg::at(0, "bits")),
    (
        "Cryptodome.PublicKey.RSA.generate",
        "RSA",
        Arg::at(0, "bits"),
    ),
    (
        "Cryptodome.PublicKey.DSA.generate",
        "DSA",
        Arg::at(0, "bits"),
    ),
    ("paramiko.RSAKey.generate", "RSA", Arg::at(0, "bits")),
    ("paramiko.rsakey.RSAKey.generate", "RSA", Arg::at(0, "bits")),
    ("rsa.newkeys", "RSA", Arg::at(0, "nbits")),
];

const WEAK_CURVES: &[&str] = &[
    "cryptography.hazmat.primitives.asymmetric.ec.SECP192R1",
    "cryptography.hazmat.primitives.asymmetric.ec.SECT163K1",
    "cryptography.hazmat.primitives.asymmetric.ec.SECT163R2",
];

const WEAK_CURVE_NAMES: &[&str] = &["P-192", "p192", "NIST P-192", "prime192v1", "secp192r1"];

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(qualified) = qualified else { return };
    let Some((_, algorithm, arg)) = KEY_GENERATORS.iter().find(|(n, _, _)| *n == qualified) else {
        return;
    };
    let Some(value) = arg.find(call) else { return };
    let Some(bits) = checker.int(value) else {
        return;
    };
    if bits >= MIN_BITS {
        return;
    }
    let message = format!(
        "`{}` makes a {bits}-bit {algorithm} key: keys under {MIN_BITS} bits are within reach of factoring or discrete-log attacks",
        checker.snippet(&*call.func)
    );
    let severity = if bits < BROKEN_BITS {
        Severity::High
    } else {
        Severity::Medium
    };
    checker
        .report(&RULE, value.range(), message)
        .severity(severity);
}

declare_rule! {
    /// ## What it does
    /// Flags RSA, DSA and Diffie-Hellman keys generated with fewer than 2048
    /// bits (`cryptography`, PyCrypto/PyCryptodome, paramiko, python-rsa),
    /// paramiko DSS keys (always 1024 bits), and elliptic curves of fewer
    /// than 224 bits (`ec.SECP192R1`, `ec.SECT163K1`, `ec.SECT163R2`,
    /// PyCryptodome `ECC.generate(curve="P-192")`).
    ///
    /// ## Why is this bad?
    /// 512-bit RSA keys are factored in hours on rented machines, 768-bit
    /// ones have been publicly factored, and 1024-bit keys are considered
    /// within reach of well-funded attackers. Anyone who breaks the key can
    /// decrypt the traffic or forge the signatures it protects.
    ///
    /// ## Example
    /// ```python
    /// key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    /// key = ec.generate_private_key(ec.SECP256R1())
    /// ```
    ///
    /// ## References
    /// - CWE-326: Inadequate Encryption Strength
    /// - NIST SP 800-57 Part 1: Recommendation for Key Management
    pub static RULE = {
        name: "weak-key-size",
        category: Category::Cryptography,
        cwe: &[326],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &["B505"],
        ruff: &["S505"],
        help: "Use at least 2048-bit RSA, DSA or Diffie-Hellman keys (3072 for use beyond 2030), or an elliptic curve of at least 224 bits such as P-256 or Ed25519.",
        calls: &[
            CallPattern::new(
                WEAK_CURVES,
                &[],
                "`{callee}` is an elliptic curve of fewer than 224 bits, too small for current use",
            ),
            CallPattern::new(
                &["Crypto.PublicKey.ECC.generate", "Cryptodome.PublicKey.ECC.generate"],
                &[Cond::StrIn(Arg::kw("curve"), WEAK_CURVE_NAMES)],
                "`{callee}` generates a key on the 192-bit curve P-192, too small for current use",
            ),
            CallPattern::new(
                &["paramiko.DSSKey.generate", "paramiko.dsskey.DSSKey.generate"],
                &[],
                "`{callee}` makes a DSA key, which SSH limits to 1024 bits",
            ),
        ],
        on_call: check,
        call_filter: CallFilter {
            names: || KEY_GENERATORS.iter().map(|(name, ..)| *name).collect(),
            ..CallFilter::NONE
        },
    };
}
