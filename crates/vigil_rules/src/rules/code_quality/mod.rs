//! Constructs that hide security problems: asserts, blind excepts, Trojan
//! Source, ReDoS, timing-unsafe comparisons.

pub mod assert_used;
mod context;
pub mod redos_pattern;
pub mod swallowed_exception;
pub mod timing_unsafe_comparison;
pub mod trojan_source;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &trojan_source::RULE,
    &redos_pattern::RULE,
    &assert_used::RULE,
    &swallowed_exception::RULE,
    &timing_unsafe_comparison::RULE,
];
