//! Temporary files, permissions, archive extraction.

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[];
