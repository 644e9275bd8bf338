//! TLS, certificates, plaintext protocols, timeouts, bind addresses.

pub mod bind_all_interfaces;
pub mod cleartext_protocol;
pub mod insecure_snmp;
pub mod insecure_tls_version;
pub mod ldap_insecure_bind;
pub mod request_without_timeout;
pub mod ssh_host_key_unverified;
pub mod tls_verification_disabled;
pub mod url_open_any_scheme;

use crate::rule::Rule;

/// The rules of this category, in documentation order.
pub static RULES: &[&Rule] = &[
    &tls_verification_disabled::RULE,
    &insecure_tls_version::RULE,
    &ssh_host_key_unverified::RULE,
    &cleartext_protocol::RULE,
    &ldap_insecure_bind::RULE,
    &insecure_snmp::RULE,
    &request_without_timeout::RULE,
    &bind_all_interfaces::RULE,
    &url_open_any_scheme::RULE,
];
