//! Command, code, SQL and other injection through dangerous calls.

pub mod code_execution;
pub(crate) mod commands;
pub mod dynamic_module_import;
pub mod formatted_sql_query;
pub mod logging_config_listen;
pub mod os_exec_process;
pub mod os_shell_command;
pub mod partial_executable_path;
pub mod quoted_sql_placeholder;
pub mod remote_shell_command;
pub mod shell_wildcard_injection;
pub mod subprocess_import;
pub mod subprocess_no_shell;
pub mod subprocess_shell;
pub mod subprocess_shell_argv;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &subprocess_shell::RULE,
    &subprocess_shell_argv::RULE,
    &subprocess_no_shell::RULE,
    &os_shell_command::RULE,
    &os_exec_process::RULE,
    &remote_shell_command::RULE,
    &shell_wildcard_injection::RULE,
    &partial_executable_path::RULE,
    &subprocess_import::RULE,
    &code_execution::RULE,
    &dynamic_module_import::RULE,
    &logging_config_listen::RULE,
    &formatted_sql_query::RULE,
    &quoted_sql_placeholder::RULE,
];
