//! TLS, certificates, plaintext protocols, timeouts, bind addresses.

pub mod tls_verification_disabled;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[&tls_verification_disabled::RULE];
