//! XML parsers open to external entities and entity expansion.

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[];
