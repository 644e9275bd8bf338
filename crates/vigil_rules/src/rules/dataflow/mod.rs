//! Rules matched by the taint engine (`vigil_taint`): untrusted data that
//! reaches a dangerous sink. Each rule here carries `dataflow: true`; the
//! engine's models (`crates/vigil_taint/models/*.toml`) name the rule of
//! each sink, and every finding comes with the path from source to sink.

pub mod code_injection;
pub mod command_injection;
pub mod decompression_bomb;
pub mod file_existence_probe;
pub mod header_injection;
pub mod ldap_injection;
pub mod log_injection;
pub mod mass_assignment;
pub mod nosql_injection;
pub mod open_redirect;
pub mod partial_ssrf;
pub mod path_traversal;
pub mod prompt_injection;
pub mod redos_tainted;
pub mod regex_injection;
pub mod sql_injection;
pub mod ssrf;
pub mod stack_trace_exposure;
pub mod tainted_cookie;
pub mod tainted_deserialization;
pub mod template_injection;
pub mod trust_boundary_violation;
pub mod xpath_injection;
pub mod xslt_injection;
pub mod xss;
pub mod xxe;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &sql_injection::RULE,
    &command_injection::RULE,
    &code_injection::RULE,
    &template_injection::RULE,
    &path_traversal::RULE,
    &xss::RULE,
    &open_redirect::RULE,
    &ssrf::RULE,
    &partial_ssrf::RULE,
    &xxe::RULE,
    &xpath_injection::RULE,
    &xslt_injection::RULE,
    &ldap_injection::RULE,
    &nosql_injection::RULE,
    &tainted_deserialization::RULE,
    &trust_boundary_violation::RULE,
    &tainted_cookie::RULE,
    &log_injection::RULE,
    &header_injection::RULE,
    &regex_injection::RULE,
    &redos_tainted::RULE,
    &stack_trace_exposure::RULE,
    &prompt_injection::RULE,
    &decompression_bomb::RULE,
    &mass_assignment::RULE,
    &file_existence_probe::RULE,
];
