use crate::CallFilter;
use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{name_words, target_name};
use crate::rule::Category;
use vigil_python::ast::visitor::{self, Visitor};
use vigil_python::ast::{Expr, ExprCall, Stmt};
use vigil_python::{Ranged, TextRange};
use vigil_report::{Confidence, Severity};
use vigil_semantic::ScopeKind;

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

/// What the rule matches; evaluated by [`check`], which also weighs where
/// the digest goes.
static ROWS: &[CallPattern] = &[
    CallPattern::new(
        WEAK_CONSTRUCTORS,
        &[NOT_FOR_SECURITY],
        "`{callee}` uses a hash algorithm with practical collision attacks",
    ),
    CallPattern::new(
        &["hashlib.new"],
        &[
            Cond::StrIn(Arg::at(0, "name"), WEAK_NAMES),
            NOT_FOR_SECURITY,
        ],
        "`{callee}` selects a hash algorithm with practical collision attacks",
    ),
];

/// Words naming a digest that identifies data rather than protects it.
const NON_SECURITY_WORDS: &[&str] = &[
    "etag",
    "cache",
    "cached",
    "checksum",
    "crc",
    "shard",
    "bucket",
    "partition",
    "dedup",
    "dedupe",
    "filename",
    "slug",
    "colour",
    "color",
    "seed",
    "name",
    "id",
    "ids",
];

/// Constructions that need no collision resistance from their hash:
/// HMAC, HKDF, OAEP and MGF1 padding, one-time passwords.
const COLLISION_FREE_USES: &[&str] = &[
    "cryptography.hazmat.primitives.hmac.HMAC",
    "cryptography.hazmat.primitives.asymmetric.padding.OAEP",
    "cryptography.hazmat.primitives.asymmetric.padding.MGF1",
    "cryptography.hazmat.primitives.kdf.hkdf.HKDF",
    "cryptography.hazmat.primitives.kdf.hkdf.HKDFExpand",
    "cryptography.hazmat.primitives.twofactor.totp.TOTP",
    "cryptography.hazmat.primitives.twofactor.hotp.HOTP",
    "Crypto.Hash.HMAC.new",
    "Cryptodome.Hash.HMAC.new",
    "Crypto.Cipher.PKCS1_OAEP.new",
    "Cryptodome.Cipher.PKCS1_OAEP.new",
];

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(qualified) = qualified else { return };
    let Some(row) = ROWS
        .iter()
        .find(|row| row.names.contains(&qualified) && row.matches(checker, call))
    else {
        return;
    };
    let callee = checker.snippet(&*call.func);
    if let Some(user) = collision_free_use(checker, call.range()) {
        let message = format!(
            "`{callee}` is used inside `{user}`, which does not rely on collision resistance; SHA-256 is still the better default"
        );
        checker
            .report(&RULE, call.range(), message)
            .audit_only()
            .severity(Severity::Low);
        return;
    }
    match non_security_use(checker) {
        Some(purpose) => {
            let message = format!(
                "`{callee}` uses a hash algorithm with practical collision attacks; the digest seems to serve as {purpose} — if it is never used for security, say so with `usedforsecurity=False`"
            );
            checker
                .report(&RULE, call.range(), message)
                .audit_only()
                .severity(Severity::Low);
        }
        None => {
            let message = row.message.replace("{callee}", &callee);
            checker.report(&RULE, call.range(), message);
        }
    }
}

/// The HMAC, OAEP, MGF1, HKDF or OTP construction whose argument the hash
/// at `range` is, if any (`padding.MGF1(hashes.SHA1())`).
fn collision_free_use(checker: &Checker, range: TextRange) -> Option<String> {
    let stmt = checker.current_statement()?;
    let mut finder = ArgumentOf { range, call: None };
    finder.visit_stmt(stmt);
    let call = finder.call?;
    checker
        .resolve_value(&call.func)
        .filter(|q| COLLISION_FREE_USES.contains(&q.as_str()))
        .map(|_| checker.snippet(&*call.func).into_owned())
}

/// Finds the call that has the expression at `range` as an argument.
struct ArgumentOf<'a> {
    range: TextRange,
    call: Option<&'a ExprCall>,
}

impl<'a> Visitor<'a> for ArgumentOf<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if stmt.range().contains_range(self.range) {
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.call.is_some() || !expr.range().contains_range(self.range) {
            return;
        }
        if let Expr::Call(call) = expr {
            let direct = call
                .arguments
                .args
                .iter()
                .chain(call.arguments.keywords.iter().map(|k| &k.value))
                .any(|a| a.range() == self.range);
            if direct {
                self.call = Some(call);
                return;
            }
        }
        visitor::walk_expr(self, expr);
    }
}

/// Whether the digest is named for a non-security purpose: the variable,
/// attribute or key it is assigned to, or the function computing it
/// (`etag = md5(body).hexdigest()`, `def _cache_key(...)`).
fn non_security_use(checker: &Checker) -> Option<String> {
    let is_plain = |name: &str| {
        name_words(name)
            .iter()
            .any(|w| NON_SECURITY_WORDS.contains(&w.as_str()) || w.starts_with("uuid"))
    };
    if let Some(Stmt::Assign(assign)) = checker.current_statement()
        && let Some(name) = assign
            .targets
            .iter()
            .filter_map(target_name)
            .find(|n| is_plain(n))
    {
        return Some(format!("`{name}`"));
    }
    let scope = checker.semantic.scope(checker.scope());
    if scope.kind == ScopeKind::Function
        && let Some(name) = scope.name
        && is_plain(name)
    {
        return Some(format!("the result of `{name}()`"));
    }
    None
}

declare_rule! {
    /// ## What it does
    /// Flags MD2, MD4, MD5 and SHA-1 hashes (`hashlib`, `hashlib.new`,
    /// PyCryptodome, `cryptography`) unless the code says they are not used
    /// for security (`usedforsecurity=False`). A digest assigned to a name
    /// that shows a non-security purpose (`etag`, `cache_key`, `checksum`,
    /// `shard`, `name`, `id`) or computed in a function so named (`uuid5`,
    /// `_cache_path`) is reported in audit mode only, and so is a hash
    /// given to a construction that needs no collision resistance (HMAC,
    /// HKDF, OAEP and MGF1 padding, TOTP/HOTP).
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
        on_call: check,
        call_filter: CallFilter {
            names: || ROWS.iter().flat_map(|row| row.names.iter().copied()).collect(),
            ..CallFilter::NONE
        },
    };
}
