use crate::CallFilter;
use crate::call_pattern::Arg;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::method_name;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall, Operator};
use vigil_report::{Confidence, Severity};

const MODES: &str = "cryptography.hazmat.primitives.ciphers.modes.";

/// `(callee, where its IV or nonce is passed)`.
const TAKES_IV: &[(&str, &[Arg])] = &[
    (
        "cryptography.hazmat.primitives.ciphers.modes.CBC",
        &[Arg::at(0, "initialization_vector")],
    ),
    (
        "cryptography.hazmat.primitives.ciphers.modes.OFB",
        &[Arg::at(0, "initialization_vector")],
    ),
    (
        "cryptography.hazmat.primitives.ciphers.modes.CFB",
        &[Arg::at(0, "initialization_vector")],
    ),
    (
        "cryptography.hazmat.primitives.ciphers.modes.CFB8",
        &[Arg::at(0, "initialization_vector")],
    ),
    (
        "cryptography.hazmat.primitives.ciphers.modes.GCM",
        &[Arg::at(0, "initialization_vector")],
    ),
    (
        "cryptography.hazmat.primitives.ciphers.modes.CTR",
        &[Arg::at(0, "nonce")],
    ),
    (
        "cryptography.hazmat.primitives.ciphers.algorithms.ChaCha20",
        &[Arg::at(1, "nonce")],
    ),
    ("Crypto.Cipher.AES.new", PYCRYPTO_IV),
    ("Crypto.Cipher.DES3.new", PYCRYPTO_IV),
    ("Crypto.Cipher.Blowfish.new", PYCRYPTO_IV),
    ("Crypto.Cipher.ChaCha20.new", &[Arg::kw("nonce")]),
    ("Crypto.Cipher.ChaCha20_Poly1305.new", &[Arg::kw("nonce")]),
    ("Crypto.Cipher.Salsa20.new", &[Arg::kw("nonce")]),
    ("Cryptodome.Cipher.AES.new", PYCRYPTO_IV),
    ("Cryptodome.Cipher.DES3.new", PYCRYPTO_IV),
    ("Cryptodome.Cipher.Blowfish.new", PYCRYPTO_IV),
    ("Cryptodome.Cipher.ChaCha20.new", &[Arg::kw("nonce")]),
    (
        "Cryptodome.Cipher.ChaCha20_Poly1305.new",
        &[Arg::kw("nonce")],
    ),
    ("Cryptodome.Cipher.Salsa20.new", &[Arg::kw("nonce")]),
];

/// PyCryptodome's `new(key, mode, iv)`, `iv=`, `nonce=` and PyCrypto's `IV=`.
const PYCRYPTO_IV: &[Arg] = &[Arg::at(2, "iv"), Arg::kw("nonce"), Arg::kw("IV")];

/// AEAD classes whose `encrypt(nonce, data, associated_data)` takes the nonce
/// per message (the nonce-misuse-resistant AES-SIV variants are left out).
const AEAD: &[&str] = &[
    "cryptography.hazmat.primitives.ciphers.aead.AESGCM",
    "cryptography.hazmat.primitives.ciphers.aead.AESCCM",
    "cryptography.hazmat.primitives.ciphers.aead.AESOCB3",
    "cryptography.hazmat.primitives.ciphers.aead.ChaCha20Poly1305",
];

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if let Some(name) = qualified
        && let Some((_, args)) = TAKES_IV.iter().find(|(n, _)| *n == name)
    {
        for arg in *args {
            if let Some(value) = arg.find(call)
                && is_fixed_bytes(checker, value, 0)
            {
                let kind = if name.starts_with(MODES) && !name.ends_with("CTR") {
                    "initialization vector"
                } else {
                    "nonce"
                };
                let message = format!(
                    "`{}` gets a fixed {kind}: every message under this key starts from the same state, so equal plaintexts (or, for stream and GCM modes, the keystream) can be recovered",
                    checker.snippet(&*call.func)
                );
                checker.report(&RULE, value.range(), message);
            }
        }
        return;
    }
    if method_name(call) == Some("encrypt")
        && let Expr::Attribute(attribute) = call.func.as_ref()
        && checker
            .instance_of(&attribute.value)
            .is_some_and(|class| AEAD.contains(&class.as_str()))
        && let Some(nonce) = call.arguments.find_argument_value("nonce", 0)
        && is_fixed_bytes(checker, nonce, 0)
    {
        let message = format!(
            "`{}` encrypts with a fixed nonce: reusing a nonce under one key reveals the XOR of the plaintexts and lets an attacker forge messages",
            checker.snippet(&*call.func)
        );
        checker.report(&RULE, nonce.range(), message);
    }
}

/// Whether `expr` is the same bytes every time: a literal (not `None`), a
/// name bound once to one, `b"\0" * 16`, `bytes(16)`, `bytes.fromhex("...")`
/// or `"...".encode()`.
fn is_fixed_bytes(checker: &Checker, expr: &Expr, depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    let expr = checker.constant_value(expr);
    match expr {
        Expr::NoneLiteral(_) => false,
        Expr::BytesLiteral(_) | Expr::StringLiteral(_) => true,
        Expr::BinOp(op) if matches!(op.op, Operator::Mult | Operator::Add) => {
            checker.is_constant(expr)
                || (is_fixed_bytes(checker, &op.left, depth + 1) && checker.is_constant(&op.right))
        }
        Expr::Call(call) => {
            let args_constant = call
                .arguments
                .args
                .iter()
                .chain(call.arguments.keywords.iter().map(|k| &k.value))
                .all(|a| checker.is_constant(a));
            if !args_constant {
                return false;
            }
            match checker.resolve_value(&call.func).as_deref() {
                Some("builtins.bytes" | "builtins.bytearray" | "builtins.bytes.fromhex") => {
                    !call.arguments.is_empty()
                }
                _ => {
                    method_name(call) == Some("encode")
                        && matches!(&*call.func, Expr::Attribute(a) if checker.is_constant(&a.value))
                }
            }
        }
        _ => false,
    }
}

declare_rule! {
    /// ## What it does
    /// Flags initialization vectors and nonces that are the same every time:
    /// literal bytes (or constants, `bytes(16)`, `b"\0" * 16`) passed to
    /// `modes.CBC`/`CTR`/`GCM`/`OFB`/`CFB`, to PyCryptodome's `AES.new(key,
    /// mode, iv)` or `nonce=`, to ChaCha20, or as the nonce of
    /// `AESGCM(key).encrypt(...)` and the other AEAD classes of `cryptography`.
    ///
    /// ## Why is this bad?
    /// An IV or nonce exists to make each encryption under one key different.
    /// With a fixed IV, CBC leaks which messages share a prefix; with a fixed
    /// nonce, CTR, GCM and ChaCha20 reuse their keystream, so XOR-ing two
    /// ciphertexts gives the XOR of the plaintexts, and GCM's authentication
    /// key can be recovered, letting an attacker forge messages.
    ///
    /// ## Example
    /// ```python
    /// cipher = Cipher(algorithms.AES(key), modes.CBC(b"0000000000000000"))
    /// ```
    ///
    /// ## Use instead
    /// Draw a fresh value for every message and send it with the ciphertext:
    /// ```python
    /// iv = os.urandom(16)
    /// cipher = Cipher(algorithms.AES(key), modes.CBC(iv))
    /// ```
    ///
    /// ## References
    /// - CWE-1204: Generation of Weak Initialization Vector (IV)
    /// - CWE-329: Generation of Predictable IV with CBC Mode
    /// - CWE-323: Reusing a Nonce, Key Pair in Encryption
    pub static RULE = {
        name: "static-iv-or-nonce",
        category: Category::Cryptography,
        cwe: &[1204, 329, 323],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Generate a new IV or nonce for every message with `os.urandom()` (or `secrets.token_bytes()`) and store it next to the ciphertext.",
        on_call: check,
        call_filter: CallFilter {
            names: || TAKES_IV.iter().map(|(name, _)| *name).collect(),
            methods: || vec!["encrypt"],
            ..CallFilter::NONE
        },
    };
}
