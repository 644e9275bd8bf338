//! `classify_assignment`: the verdict of the AST rule, and every case that
//! must not be flagged.

mod common;

use common::*;
use vigil_secrets::{
    Confidence, SecretKind, SecretRule, classify_assignment, secret_fingerprint_material,
};

#[test]
fn passwords() {
    for (name, value) in [
        ("DB_PASSWORD", "Tr0ub4dor&3"),
        ("password", "s3cr3t-Pa55-w0rd"),
        ("adminPassword", "P@ssw0rd2024"),
        ("smtp_pass", "q7Lm2XvN9pRt"),
    ] {
        let m = classify_assignment(name, value).unwrap_or_else(|| panic!("{name} = {value:?}"));
        assert_eq!(m.rule, SecretRule::HardcodedPassword);
        assert_eq!(m.kind, SecretKind::Password);
        assert_eq!(m.cwe, &[259, 798]);
        assert_eq!(m.confidence, Confidence::High, "{name} = {value:?}");
        assert_eq!(&value[m.range.clone()], value);
        assert!(!m.message.contains(value), "{}", m.message);
        assert!(m.message.contains(&format!("`{name}`")), "{}", m.message);
    }
}

#[test]
fn weak_passwords_have_lower_confidence() {
    assert_eq!(
        classify_assignment("password", "admin").unwrap().confidence,
        Confidence::Low
    );
    assert_eq!(
        classify_assignment("password", "hunter")
            .unwrap()
            .confidence,
        Confidence::Low
    );
    assert_eq!(
        classify_assignment("password", "Hunter")
            .unwrap()
            .confidence,
        Confidence::Medium
    );
    assert_eq!(classify_assignment("password", "ab"), None);
}

#[test]
fn secrets_need_entropy() {
    let key = random(1, 40, BASE62);
    let m = classify_assignment("api_key", &key).unwrap();
    assert_eq!(m.rule, SecretRule::HardcodedSecret);
    assert_eq!(m.kind, SecretKind::ApiKey);
    assert_eq!(m.cwe, &[798]);
    let m =
        classify_assignment("SECRET_KEY", "django-insecure-3k#9v!x@2m$7q^p0z&w8r*t5y(u1").unwrap();
    assert_eq!(m.kind, SecretKind::CryptoKey);
    assert_eq!(m.cwe, &[321, 798]);
    assert_eq!(classify_assignment("api_key", "my-api-key"), None);
    assert_eq!(classify_assignment("token", "abc"), None);
    assert_eq!(
        classify_assignment("client_secret", "ThisIsMyClientSecretValue1"),
        None
    );
}

#[test]
fn bearer_scheme_is_left_out_of_the_range() {
    let token = random(2, 32, BASE62);
    let value = format!("Bearer {token}");
    let m = classify_assignment("Authorization", &value).unwrap();
    assert_eq!(&value[m.range.clone()], token);
    assert_eq!(m.kind, SecretKind::Credential);
    let padded = format!("  {token} ");
    let m = classify_assignment("access_token", &padded).unwrap();
    assert_eq!(&padded[m.range], token);
}

#[test]
fn known_formats_are_left_to_scan_text() {
    assert_eq!(
        classify_assignment("GITHUB_TOKEN", &checksummed("ghp_", 3)),
        None
    );
    assert_eq!(
        classify_assignment(
            "db_url_password",
            &format!("postgres://u:{}@db.internal/x", random(4, 12, BASE62))
        ),
        None
    );
}

#[test]
fn not_flagged() {
    let cases: &[(&str, &str)] = &[
        // not a secret name
        ("username", "Tr0ub4dor&3"),
        ("password_field", "Tr0ub4dor&3"),
        ("token_url", "https://oauth2.googleapis.com/token"),
        ("secret_name", "billing/stripe-key"),
        ("max_tokens", "4096"),
        // placeholders and templates
        ("password", ""),
        ("password", "None"),
        ("password", "changeme"),
        ("password", "<password>"),
        ("password", "${DB_PASSWORD}"),
        ("password", "{{ db_password }}"),
        ("password", "%(password)s"),
        ("password", "{password}"),
        ("password", "xxx"),
        ("password", "********"),
        ("api_key", "your_api_key_here"),
        ("api_key", "<your-key>"),
        ("api_key", "..."),
        ("password", "test"),
        ("password", "dummy"),
        ("token", "fake-token-for-tests"),
        (
            "aws_secret_access_key",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ),
        ("access_key", "AKIAIOSFODNN7EXAMPLE"),
        ("password", "os.environ['DB_PASSWORD']"),
        // prompts and labels
        ("password", "Enter password: "),
        ("password", "password"),
        ("PASSWORD_PROMPT_LABEL_password", "Password"),
        ("token", "access_token"),
        ("api_key", "X-API-Key"),
        ("password", "DB_PASSWORD"),
        ("password", "Invalid password, try again"),
        // endpoints, paths, store references
        ("token", "https://oauth2.googleapis.com/token"),
        ("token", "/api/v1/token"),
        (
            "client_secret",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf",
        ),
        ("api_key", "billing/stripe-key"),
        ("private_key", "~/.ssh/id_rsa"),
        ("private_key", "certs/server.key"),
        ("pwd", "/home/user/project"),
        // identifiers and digests
        ("api_key", "123e4567-e89b-12d3-a456-426614174000"),
        ("secret_id", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
    ];
    for (name, value) in cases {
        assert_eq!(classify_assignment(name, value), None, "{name} = {value:?}");
    }
}

#[test]
fn fingerprint_material_holds_no_secret_nor_its_hash() {
    let value = "Tr0ub4dor&3-long-enough";
    let m = classify_assignment("password", value).unwrap();
    let material = secret_fingerprint_material(&m);
    assert!(!material.contains(value));
    assert!(
        material.starts_with(
            "hardcoded-password:password:Hard-coded password in `password`: Tr…(23 chars)"
        ),
        "{material}"
    );
    // Stable from run to run; another name, another material. Another
    // secret of the same prefix and length cannot be told apart (issue #18:
    // nothing in a baseline confirms a guess).
    assert_eq!(
        material,
        secret_fingerprint_material(&classify_assignment("password", value).unwrap())
    );
    let elsewhere = classify_assignment("DB_PASSWORD", value).unwrap();
    assert_ne!(material, secret_fingerprint_material(&elsewhere));
    let other = classify_assignment("password", "Tr0ub4dor&4-long-enough").unwrap();
    assert_eq!(material, secret_fingerprint_material(&other));
}
