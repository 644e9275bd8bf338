//! Rules matched by the taint engine (`vigil_taint`): untrusted data that
//! reaches a dangerous sink. Each rule here carries `dataflow: true`; the
//! engine's models name the rule of each sink.

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[];
