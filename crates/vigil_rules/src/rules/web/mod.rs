//! Web framework settings: debug, cookies, CSRF, templates, CORS.

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[];
