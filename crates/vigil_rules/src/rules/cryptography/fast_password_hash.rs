use crate::CallFilter;
use crate::call_pattern::Arg;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{is_security_name, method_name, name_words, target_name};
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::{self as ast, Expr, ExprCall};
use vigil_report::{Confidence, Severity};

/// One-step hash constructors whose first argument is the data.
const FAST_HASHES: &[&str] = &[
    "hashlib.md5",
    "hashlib.sha1",
    "hashlib.sha224",
    "hashlib.sha256",
    "hashlib.sha384",
    "hashlib.sha512",
    "hashlib.sha3_224",
    "hashlib.sha3_256",
    "hashlib.sha3_384",
    "hashlib.sha3_512",
    "hashlib.blake2b",
    "hashlib.blake2s",
    "Crypto.Hash.MD5.new",
    "Crypto.Hash.SHA.new",
    "Crypto.Hash.SHA1.new",
    "Crypto.Hash.SHA256.new",
    "Crypto.Hash.SHA512.new",
    "Cryptodome.Hash.MD5.new",
    "Cryptodome.Hash.SHA1.new",
    "Cryptodome.Hash.SHA256.new",
    "Cryptodome.Hash.SHA512.new",
];

/// Fewest PBKDF2 iterations accepted (OWASP asks for far more with SHA-256).
const MIN_ITERATIONS: i64 = 100_000;

/// `(callee, where the iteration count is passed, whether a missing count is weak)`.
const KDFS: &[(&str, Arg, bool)] = &[
    ("hashlib.pbkdf2_hmac", Arg::at(3, "iterations"), false),
    (
        "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC",
        Arg::at(3, "iterations"),
        false,
    ),
    ("Crypto.Protocol.KDF.PBKDF2", Arg::at(3, "count"), true),
    ("Cryptodome.Protocol.KDF.PBKDF2", Arg::at(3, "count"), true),
];

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let callee = checker.lazy_snippet(&*call.func);
    if let Some(q) = qualified
        && let Some((_, arg, missing_is_weak)) = KDFS.iter().find(|(n, _, _)| *n == q)
    {
        match arg.find(call) {
            Some(value) => {
                if let Some(n) = checker.int(value)
                    && n < MIN_ITERATIONS
                {
                    let message = format!(
                        "`{callee}` runs only {n} iterations: a leaked hash can be brute-forced quickly"
                    );
                    checker.report(&RULE, value.range(), message);
                }
            }
            None if *missing_is_weak && !has_unpacking(call) => {
                let message = format!(
                    "`{callee}` defaults to 1000 iterations: a leaked hash can be brute-forced quickly"
                );
                checker.report(&RULE, call.range(), message);
            }
            None => {}
        }
        return;
    }
    let data = if qualified.is_some_and(|q| FAST_HASHES.contains(&q)) {
        call.arguments.find_argument_value("data", 0)
    } else if qualified == Some("hashlib.new") {
        call.arguments.find_argument_value("data", 1)
    } else if is_hash_update(checker, call) {
        call.arguments.args.first()
    } else {
        None
    };
    let Some(data) = data else { return };
    if let Some(name) = password_in(data, 0) {
        let message = format!(
            "`{callee}` hashes `{name}` with a fast hash: a leaked digest can be brute-forced at billions of guesses per second"
        );
        checker.report(&RULE, data.range(), message);
    }
}

/// `h.update(...)` where `h` was made by a fast hash constructor.
fn is_hash_update(checker: &Checker, call: &ExprCall) -> bool {
    if method_name(call) != Some("update") {
        return false;
    }
    let Expr::Attribute(attribute) = call.func.as_ref() else {
        return false;
    };
    checker
        .instance_of(&attribute.value)
        .is_some_and(|class| FAST_HASHES.contains(&class.as_str()) || class == "hashlib.new")
}

fn has_unpacking(call: &ExprCall) -> bool {
    call.arguments.keywords.iter().any(|k| k.arg.is_none())
        || call.arguments.args.iter().any(Expr::is_starred_expr)
}

/// The password-like name that `expr` is built from, if any: `password`,
/// `user.password`, `password.encode()`, `salt + password`, `f"{pwd}"`.
fn password_in(expr: &Expr, depth: usize) -> Option<&str> {
    if depth > 8 {
        return None;
    }
    match expr {
        Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_) => {
            target_name(expr).filter(|name| is_password_name(name))
        }
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Attribute(attribute) if attribute.attr.as_str() == "encode" => {
                password_in(&attribute.value, depth + 1)
            }
            Expr::Name(name) if matches!(name.id.as_str(), "bytes" | "str" | "bytearray") => {
                password_in(call.arguments.args.first()?, depth + 1)
            }
            _ => None,
        },
        Expr::BinOp(op) => {
            password_in(&op.left, depth + 1).or_else(|| password_in(&op.right, depth + 1))
        }
        Expr::FString(f) => f.value.elements().find_map(|e| match e {
            ast::InterpolatedStringElement::Interpolation(i) => {
                password_in(&i.expression, depth + 1)
            }
            ast::InterpolatedStringElement::Literal(_) => None,
        }),
        _ => None,
    }
}

fn is_password_name(name: &str) -> bool {
    let words = name_words(name);
    let password = words.iter().any(|w| {
        matches!(
            w.as_str(),
            "password" | "passwd" | "pwd" | "pw" | "passphrase" | "passcode"
        )
    });
    let derived = words
        .iter()
        .any(|w| matches!(w.as_str(), "hash" | "hashed" | "digest" | "token"));
    password && !derived && is_security_name(name)
}

declare_rule! {
    /// ## What it does
    /// Flags passwords hashed with a general-purpose hash — `hashlib.sha256`,
    /// `md5`, `blake2b`, ... applied to a value named like a password
    /// (`password`, `user.passwd`, `pwd.encode()`, `salt + password`), also
    /// through `h.update(password)` — and PBKDF2 run with fewer than 100,000
    /// iterations (including PyCryptodome's `PBKDF2`, which defaults to 1000).
    ///
    /// ## Why is this bad?
    /// General-purpose hashes are built to be fast: a single GPU computes
    /// billions of SHA-256 digests per second, so once a table of such
    /// hashes leaks, most real passwords are recovered within hours, salt or
    /// no salt. Password hashing must be deliberately slow and memory-hard.
    ///
    /// ## Example
    /// ```python
    /// stored = hashlib.sha256(salt + password.encode()).hexdigest()
    /// ```
    ///
    /// ## Use instead
    /// Use a password hashing function (Argon2id, scrypt, bcrypt) or PBKDF2
    /// with a high iteration count:
    /// ```python
    /// from argon2 import PasswordHasher
    /// stored = PasswordHasher().hash(password)
    /// ```
    ///
    /// ## References
    /// - CWE-916: Use of Password Hash With Insufficient Computational Effort
    /// - CWE-328: Use of Weak Hash
    /// - OWASP Password Storage Cheat Sheet
    pub static RULE = {
        name: "fast-password-hash",
        category: Category::Cryptography,
        cwe: &[916, 328],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Hash passwords with Argon2id, scrypt or bcrypt (or `hashlib.pbkdf2_hmac` with at least 600,000 SHA-256 iterations), through a library such as `argon2-cffi` or `passlib`.",
        on_call: check,
        call_filter: CallFilter {
            names: || {
                let mut names: Vec<&str> = KDFS.iter().map(|(name, ..)| *name).collect();
                names.extend(FAST_HASHES);
                names.push("hashlib.new");
                names
            },
            methods: || vec!["update"],
            ..CallFilter::NONE
        },
    };
}
