//! Constructs that hide security problems: asserts, blind excepts, Trojan Source, ReDoS.

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[];
