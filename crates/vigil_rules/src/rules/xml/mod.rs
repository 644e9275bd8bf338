//! XML parsers open to external entities and entity expansion.

pub mod xml_external_entities;
pub mod xml_import;
pub mod xml_stdlib_parser;
pub mod xmlrpc_dotted_names;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &xml_external_entities::RULE,
    &xml_stdlib_parser::RULE,
    &xmlrpc_dotted_names::RULE,
    &xml_import::RULE,
];
