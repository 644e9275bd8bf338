//! Temporary files, permissions, archive extraction.

pub mod hardcoded_temp_path;
pub mod insecure_temp_file;
pub mod permissive_file_permissions;
pub mod unsafe_archive_extraction;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &unsafe_archive_extraction::RULE,
    &insecure_temp_file::RULE,
    &hardcoded_temp_path::RULE,
    &permissive_file_permissions::RULE,
];
