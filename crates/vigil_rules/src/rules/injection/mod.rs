//! Command, code, SQL and other injection through dangerous calls.

pub mod code_execution;
pub mod formatted_sql_query;
pub mod os_exec_process;
pub mod os_shell_command;
pub mod subprocess_no_shell;
pub mod subprocess_shell;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &subprocess_shell::RULE,
    &subprocess_no_shell::RULE,
    &os_shell_command::RULE,
    &os_exec_process::RULE,
    &code_execution::RULE,
    &formatted_sql_query::RULE,
];
