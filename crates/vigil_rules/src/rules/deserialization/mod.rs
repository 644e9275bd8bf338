//! Formats that can run code while loading.

pub mod multiprocessing_connection;
pub mod pickle_import;
pub mod unsafe_deserialization;
pub mod yaml_unsafe_load;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &unsafe_deserialization::RULE,
    &yaml_unsafe_load::RULE,
    &multiprocessing_connection::RULE,
    &pickle_import::RULE,
];
