//! Web framework settings: debug, cookies, CSRF, templates, CORS, JWT.

pub mod allowed_hosts_wildcard;
pub mod cgi_httpoxy;
mod context;
pub mod cors_wildcard_origin;
pub mod csrf_protection_disabled;
pub mod debug_mode_enabled;
pub mod django_raw_sql;
pub mod hardcoded_secret_key;
pub mod insecure_cookie;
pub mod jwt_hardcoded_key;
pub mod jwt_verification_disabled;
pub mod template_autoescape_disabled;
pub mod unescaped_markup;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &debug_mode_enabled::RULE,
    &allowed_hosts_wildcard::RULE,
    &hardcoded_secret_key::RULE,
    &insecure_cookie::RULE,
    &csrf_protection_disabled::RULE,
    &template_autoescape_disabled::RULE,
    &unescaped_markup::RULE,
    &django_raw_sql::RULE,
    &cors_wildcard_origin::RULE,
    &jwt_verification_disabled::RULE,
    &jwt_hardcoded_key::RULE,
    &cgi_httpoxy::RULE,
];
