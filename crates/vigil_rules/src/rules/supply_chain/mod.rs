//! Malicious and install-time behaviour: code that runs when a package is
//! installed or imported, hidden code, downloads that are run, secrets
//! sent away, and code that makes itself start again. The lists these
//! rules read are the knowledge layer's `supply_chain` family
//! (`vigil_knowledge::supply_chain`) and its `commands` family.

pub mod compiled_code_in_pure_wheel;
pub mod console_script_shadowing;
pub(crate) mod context;
pub mod credential_exfiltration;
pub mod download_and_execute;
pub mod encoded_payload;
pub mod import_time_side_effect;
pub mod install_time_code;
pub mod obfuscated_code_execution;
pub mod persistence_mechanism;
pub mod pth_startup_code;
mod summary;
pub mod typosquat_name;
pub mod wheel_record_mismatch;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &install_time_code::RULE,
    &import_time_side_effect::RULE,
    &obfuscated_code_execution::RULE,
    &download_and_execute::RULE,
    &credential_exfiltration::RULE,
    &persistence_mechanism::RULE,
    &encoded_payload::RULE,
    &pth_startup_code::RULE,
    &wheel_record_mismatch::RULE,
    &compiled_code_in_pure_wheel::RULE,
    &console_script_shadowing::RULE,
    &typosquat_name::RULE,
];

/// Rules about a package as a whole, not about its code: the archive
/// readers find what they report, and the archive tests build packages
/// that show each (`crates/vigil/tests/archives.rs`) instead of a Python
/// fixture.
pub static PACKAGE_RULES: &[&Rule] = &[
    &wheel_record_mismatch::RULE,
    &compiled_code_in_pure_wheel::RULE,
    &console_script_shadowing::RULE,
    &typosquat_name::RULE,
];
