//! Weak hashes, ciphers, modes, keys and randomness.

pub mod weak_hash;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[&weak_hash::RULE];
