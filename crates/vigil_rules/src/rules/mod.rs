//! One file per rule. To add a rule: write `rules/<name>.rs` with a
//! `declare_rule!` static named `RULE`, add it to `ALL_RULES`, and add a
//! fixture `tests/fixtures/<name>.py` with `# expect:` and `# ok:` lines.

pub mod code_execution;
pub mod formatted_sql_query;
pub mod os_exec_process;
pub mod os_shell_command;
pub mod subprocess_no_shell;
pub mod subprocess_shell;
pub mod tls_verification_disabled;
pub mod unsafe_deserialization;
pub mod weak_hash;
pub mod yaml_unsafe_load;

use crate::rule::Rule;

/// The whole catalog, in documentation order.
pub static ALL_RULES: &[&Rule] = &[
    &subprocess_shell::RULE,
    &subprocess_no_shell::RULE,
    &os_shell_command::RULE,
    &os_exec_process::RULE,
    &code_execution::RULE,
    &formatted_sql_query::RULE,
    &unsafe_deserialization::RULE,
    &yaml_unsafe_load::RULE,
    &weak_hash::RULE,
    &tls_verification_disabled::RULE,
];
