//! Weak hashes, ciphers, modes, keys and randomness.

pub mod ecb_mode;
pub mod fast_password_hash;
pub mod insecure_random;
pub mod pycrypto_import;
pub mod static_iv;
pub mod weak_cipher;
pub mod weak_hash;
pub mod weak_key_size;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &weak_hash::RULE,
    &fast_password_hash::RULE,
    &weak_cipher::RULE,
    &ecb_mode::RULE,
    &static_iv::RULE,
    &weak_key_size::RULE,
    &insecure_random::RULE,
    &pycrypto_import::RULE,
];
