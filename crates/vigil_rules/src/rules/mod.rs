//! The catalog, one folder per category and one file per rule.
//!
//! To add a rule: write `rules/<category>/<name>.rs` with a `declare_rule!`
//! static named `RULE`, list it in that folder's `RULES`, and add a fixture
//! `tests/fixtures/<rule-name>.py` with `# expect:` and `# ok:` lines.

pub mod ai_ml;
pub mod code_quality;
pub mod cryptography;
pub mod dataflow;
pub mod deserialization;
pub mod files;
pub mod injection;
pub mod network;
pub mod secrets;
pub mod supply_chain;
pub mod web;
pub mod xml;

use crate::rule::Rule;

/// Every category's rules, in documentation order.
pub static ALL_RULES: &[&[&Rule]] = &[
    dataflow::RULES,
    injection::RULES,
    deserialization::RULES,
    xml::RULES,
    cryptography::RULES,
    network::RULES,
    files::RULES,
    web::RULES,
    secrets::RULES,
    ai_ml::RULES,
    supply_chain::RULES,
    code_quality::RULES,
];
