//! The value helpers: placeholders, templates, labels, endpoints, paths,
//! UUIDs, digests and entropy.

use vigil_secrets::*;

#[test]
fn placeholders() {
    for value in [
        "",
        "   ",
        "None",
        "null",
        "<your-key>",
        "<YOUR_API_KEY>",
        "${VAR}",
        "${DB_PASSWORD}",
        "$DB_PASSWORD",
        "{{ var }}",
        "{{secret}}",
        "${{ secrets.TOKEN }}",
        "%(var)s",
        "%s",
        "{password}",
        "{}",
        "changeme",
        "CHANGEME",
        "change-me",
        "xxx",
        "XXXXXXXXXXXX",
        "...",
        "***",
        "********",
        "…",
        "your_api_key_here",
        "YOUR_TOKEN",
        "your-password",
        "insert-key-here",
        "put_your_key_here",
        "example",
        "example-key",
        "sample_token",
        "test",
        "testing123",
        "test_password",
        "dummy",
        "dummy-secret",
        "fake",
        "fake_token",
        "fakefakefake",
        "mock",
        "placeholder",
        "redacted",
        "[REDACTED]",
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "password",
        "secret",
        "pass",
        "mysecret",
        "1234567890",
        "abcdefghijklmnop",
        "0000000000000000",
        "os.environ['TOKEN']",
        "os.getenv(\"KEY\")",
        "process.env.API_KEY",
        "ENC[AES256_GCM,data:abc]",
        "$ANSIBLE_VAULT;1.1",
        "'quoted-placeholder-your_key'",
        "\"\"",
    ] {
        assert!(is_placeholder(value), "{value:?}");
    }
    for value in [
        "Tr0ub4dor&3",
        "hunter22!x",
        "c2VjcmV0LXZhbHVlLTEyMzQ",
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "P@ssw0rd2024",
        "s3cr3t-Pa55-w0rd",
        "q7Lm2XvN9pRt",
    ] {
        assert!(!is_placeholder(value), "{value:?}");
    }
}

#[test]
fn templates() {
    for value in [
        "${A}", "$(cat f)", "{{ a }}", "{a}", "{a.b}", "{0}", "%(a)s", "%s", "<a>", "#{a}",
    ] {
        // `{0}` is a positional field: only named and empty fields count.
        if value == "{0}" {
            continue;
        }
        assert!(is_template(value), "{value}");
    }
    for value in ["pa$$word", "100%", "a%dB", "x{y", "<>"] {
        assert!(!is_template(value), "{value}");
    }
}

#[test]
fn uuids_and_digests() {
    assert!(looks_like_uuid("123e4567-e89b-12d3-a456-426614174000"));
    assert!(looks_like_uuid("{123E4567-E89B-12D3-A456-426614174000}"));
    assert!(!looks_like_uuid("123e4567e89b12d3a456426614174000"));
    assert!(!looks_like_uuid("not-a-uuid"));
    for digest in [
        "d41d8cd98f00b204e9800998ecf8427e",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC",
    ] {
        assert!(looks_like_hash_digest(digest), "{digest}");
    }
    assert!(!looks_like_hash_digest("d41d8cd98f00b204e9800998ecf8427"));
    assert!(!looks_like_hash_digest("hello"));
}

#[test]
fn prompts_and_labels() {
    for value in [
        "Enter password: ",
        "Password:",
        "Password?",
        "Invalid password",
        "Your token has expired",
        "password",
        "Password",
        "api_key",
        "X-API-Key",
        "access_token",
        "DB_PASSWORD",
        "client-secret",
        "MY_APP_TOKEN",
    ] {
        assert!(looks_like_prompt_or_label(value), "{value:?}");
    }
    for value in [
        "Tr0ub4dor&3",
        "hunter",
        "Bearer abc123def456ghi789",
        "Password123",
    ] {
        assert!(!looks_like_prompt_or_label(value), "{value:?}");
    }
}

#[test]
fn endpoints_and_paths() {
    for value in [
        "https://oauth2.googleapis.com/token",
        "https://api.github.com/user",
        "/oauth/token",
        "/api/v1/auth/{id}",
        "www.example.org/login",
        "login.microsoftonline.com",
        "https://user@host/x",
    ] {
        assert!(looks_like_url_endpoint(value), "{value}");
    }
    assert!(!looks_like_url_endpoint("https://u:s3cr3t-pw@host/x"));
    assert!(!looks_like_url_endpoint(
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzKEY"
    ));
    for value in [
        "billing/stripe-key",
        "prod/db/password",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
        "projects/p/secrets/s/versions/latest",
        "vault:secret/data/app#password",
        "op://vault/item/password",
        "/run/secrets/db_password",
        "~/.ssh/id_rsa",
        "certs/server.key",
        "credentials.json",
        "id_ed25519",
        "C:\\keys\\server.pem",
    ] {
        assert!(looks_like_secret_path(value), "{value}");
    }
    for value in [
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzKEY",
        "Tr0ub4dor&3",
        "abc/DEF/ghi+jkl",
    ] {
        assert!(!looks_like_secret_path(value), "{value}");
    }
}

#[test]
fn entropy() {
    assert_eq!(shannon_entropy(""), 0.0);
    assert_eq!(shannon_entropy("aaaa"), 0.0);
    assert!((shannon_entropy("ab") - 1.0).abs() < 1e-9);
    for value in [
        "c2VjcmV0LXZhbHVlLTEyMzQ1Njc4",
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "q7Lm2XvN9pRt4KwZ",
        "django-insecure-3k#9v!x@2m$7q^p0z&w8r*t5y(u1",
    ] {
        assert!(is_high_entropy(value), "{value}");
    }
    for value in [
        "short1A",
        "thisisnotasecretvalue",
        "this_is_my_api_key_value",
        "ThisIsMyApiKeyValue1",
        "aaaaaaaaaaaaaaaaaaaaaaaa",
        "1234567890123456789",
        "has white space 1234 ABCD",
        "abababababababababab",
    ] {
        assert!(!is_high_entropy(value), "{value}");
    }
}
