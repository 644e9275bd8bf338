//! Parity with Bandit and Ruff: every Bandit check and every Ruff `S` rule,
//! mapped to the vigil rules that cover it (through each rule's `bandit` /
//! `ruff` codes) or to the reason it is deliberately not covered.

use crate::registry::registry;
use crate::rule::Rule;

/// Bandit's 75 active checks (Bandit 1.9): id and name.
pub const BANDIT_CHECKS: &[(&str, &str)] = &[
    ("B101", "assert_used"),
    ("B102", "exec_used"),
    ("B103", "set_bad_file_permissions"),
    ("B104", "hardcoded_bind_all_interfaces"),
    ("B105", "hardcoded_password_string"),
    ("B106", "hardcoded_password_funcarg"),
    ("B107", "hardcoded_password_default"),
    ("B108", "hardcoded_tmp_directory"),
    ("B110", "try_except_pass"),
    ("B112", "try_except_continue"),
    ("B113", "request_without_timeout"),
    ("B201", "flask_debug_true"),
    ("B202", "tarfile_unsafe_members"),
    ("B301", "pickle"),
    ("B302", "marshal"),
    ("B303", "md5"),
    ("B304", "ciphers"),
    ("B305", "cipher_modes"),
    ("B306", "mktemp_q"),
    ("B307", "eval"),
    ("B308", "mark_safe"),
    ("B310", "urllib_urlopen"),
    ("B311", "random"),
    ("B312", "telnetlib"),
    ("B313", "xml_bad_cElementTree"),
    ("B314", "xml_bad_ElementTree"),
    ("B315", "xml_bad_expatreader"),
    ("B316", "xml_bad_expatbuilder"),
    ("B317", "xml_bad_sax"),
    ("B318", "xml_bad_minidom"),
    ("B319", "xml_bad_pulldom"),
    ("B321", "ftplib"),
    ("B323", "unverified_context"),
    ("B324", "hashlib_insecure_functions"),
    ("B401", "import_telnetlib"),
    ("B402", "import_ftplib"),
    ("B403", "import_pickle"),
    ("B404", "import_subprocess"),
    ("B405", "import_xml_etree"),
    ("B406", "import_xml_sax"),
    ("B407", "import_xml_expat"),
    ("B408", "import_xml_minidom"),
    ("B409", "import_xml_pulldom"),
    ("B411", "import_xmlrpclib"),
    ("B412", "import_httpoxy"),
    ("B413", "import_pycrypto"),
    ("B415", "import_pyghmi"),
    ("B501", "request_with_no_cert_validation"),
    ("B502", "ssl_with_bad_version"),
    ("B503", "ssl_with_bad_defaults"),
    ("B504", "ssl_with_no_version"),
    ("B505", "weak_cryptographic_key"),
    ("B506", "yaml_load"),
    ("B507", "ssh_no_host_key_verification"),
    ("B508", "snmp_insecure_version"),
    ("B509", "snmp_weak_cryptography"),
    ("B601", "paramiko_calls"),
    ("B602", "subprocess_popen_with_shell_equals_true"),
    ("B603", "subprocess_without_shell_equals_true"),
    ("B604", "any_other_function_with_shell_equals_true"),
    ("B605", "start_process_with_a_shell"),
    ("B606", "start_process_with_no_shell"),
    ("B607", "start_process_with_partial_path"),
    ("B608", "hardcoded_sql_expressions"),
    ("B609", "linux_commands_wildcard_injection"),
    ("B610", "django_extra_used"),
    ("B611", "django_rawsql_used"),
    ("B612", "logging_config_insecure_listen"),
    ("B613", "trojansource"),
    ("B614", "pytorch_load"),
    ("B615", "huggingface_unsafe_download"),
    ("B701", "jinja2_autoescape_false"),
    ("B702", "use_of_mako_templates"),
    ("B703", "django_mark_safe"),
    ("B704", "markupsafe_markup_xss"),
];

/// Ruff's `flake8-bandit` rules: code and name.
pub const RUFF_RULES: &[(&str, &str)] = &[
    ("S101", "assert"),
    ("S102", "exec-builtin"),
    ("S103", "bad-file-permissions"),
    ("S104", "hardcoded-bind-all-interfaces"),
    ("S105", "hardcoded-password-string"),
    ("S106", "hardcoded-password-func-arg"),
    ("S107", "hardcoded-password-default"),
    ("S108", "hardcoded-temp-file"),
    ("S110", "try-except-pass"),
    ("S112", "try-except-continue"),
    ("S113", "request-without-timeout"),
    ("S201", "flask-debug-true"),
    ("S202", "tarfile-unsafe-members"),
    ("S301", "suspicious-pickle-usage"),
    ("S302", "suspicious-marshal-usage"),
    ("S303", "suspicious-insecure-hash-usage"),
    ("S304", "suspicious-insecure-cipher-usage"),
    ("S305", "suspicious-insecure-cipher-mode-usage"),
    ("S306", "suspicious-mktemp-usage"),
    ("S307", "suspicious-eval-usage"),
    ("S308", "suspicious-mark-safe-usage"),
    ("S310", "suspicious-url-open-usage"),
    ("S311", "suspicious-non-cryptographic-random-usage"),
    ("S312", "suspicious-telnet-usage"),
    ("S313", "suspicious-xmlc-element-tree-usage"),
    ("S314", "suspicious-xml-element-tree-usage"),
    ("S315", "suspicious-xml-expat-reader-usage"),
    ("S316", "suspicious-xml-expat-builder-usage"),
    ("S317", "suspicious-xml-sax-usage"),
    ("S318", "suspicious-xml-mini-dom-usage"),
    ("S319", "suspicious-xml-pull-dom-usage"),
    ("S320", "suspicious-xmle-tree-usage"),
    ("S321", "suspicious-ftp-lib-usage"),
    ("S323", "suspicious-unverified-context-usage"),
    ("S324", "hashlib-insecure-hash-function"),
    ("S401", "suspicious-telnetlib-import"),
    ("S402", "suspicious-ftplib-import"),
    ("S403", "suspicious-pickle-import"),
    ("S404", "suspicious-subprocess-import"),
    ("S405", "suspicious-xml-etree-import"),
    ("S406", "suspicious-xml-sax-import"),
    ("S407", "suspicious-xml-expat-import"),
    ("S408", "suspicious-xml-minidom-import"),
    ("S409", "suspicious-xml-pulldom-import"),
    ("S410", "suspicious-lxml-import"),
    ("S411", "suspicious-xmlrpc-import"),
    ("S412", "suspicious-httpoxy-import"),
    ("S413", "suspicious-pycrypto-import"),
    ("S415", "suspicious-pyghmi-import"),
    ("S501", "request-with-no-cert-validation"),
    ("S502", "ssl-insecure-version"),
    ("S503", "ssl-with-bad-defaults"),
    ("S504", "ssl-with-no-version"),
    ("S505", "weak-cryptographic-key"),
    ("S506", "unsafe-yaml-load"),
    ("S507", "ssh-no-host-key-verification"),
    ("S508", "snmp-insecure-version"),
    ("S509", "snmp-weak-cryptography"),
    ("S601", "paramiko-call"),
    ("S602", "subprocess-popen-with-shell-equals-true"),
    ("S603", "subprocess-without-shell-equals-true"),
    ("S604", "call-with-shell-equals-true"),
    ("S605", "start-process-with-a-shell"),
    ("S606", "start-process-with-no-shell"),
    ("S607", "start-process-with-partial-path"),
    ("S608", "hardcoded-sql-expression"),
    ("S609", "unix-command-wildcard-injection"),
    ("S610", "django-extra"),
    ("S611", "django-raw-sql"),
    ("S612", "logging-config-insecure-listen"),
    ("S701", "jinja2-autoescape-false"),
    ("S702", "mako-templates"),
    ("S704", "unsafe-markup-use"),
];

/// Codes vigil deliberately does not implement, and why.
pub const NOT_COVERED: &[(&str, &str)] = &[];

/// How one external check maps to vigil.
#[derive(Debug)]
pub enum Coverage {
    /// These vigil rules cover it (`# nosec CODE` / `# noqa: CODE` hide them).
    Rules(Vec<&'static Rule>),
    /// Not covered on purpose, with the reason.
    NotCovered(&'static str),
    /// Neither: a gap in the catalog.
    Missing,
}

/// The coverage of a Bandit or Ruff code.
pub fn coverage(code: &str) -> Coverage {
    let rules: Vec<&'static Rule> = registry()
        .rules
        .iter()
        .copied()
        .filter(|r| r.meta.has_code(code))
        .collect();
    if !rules.is_empty() {
        return Coverage::Rules(rules);
    }
    match NOT_COVERED.iter().find(|(c, _)| *c == code) {
        Some((_, reason)) => Coverage::NotCovered(reason),
        None => Coverage::Missing,
    }
}
