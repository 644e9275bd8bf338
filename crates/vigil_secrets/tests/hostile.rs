//! Hostile input must not hang: huge lines, millions of anchors,
//! unterminated blocks. Every test bounds its time generously (debug
//! build, shared machine); the real bound is linear time.

mod common;

use common::*;
use std::path::Path;
use std::time::{Duration, Instant};
use vigil_secrets::{classify_assignment, scan_config_file, scan_notebook_outputs, scan_text};

const TEN_MB: usize = 10 * 1024 * 1024;

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    eprintln!("{what}: {took:?}");
    assert!(took < Duration::from_secs(20), "{what} took {took:?}");
    out
}

#[test]
fn ten_mb_single_line_of_plain_text() {
    let text = "x".repeat(TEN_MB);
    assert!(timed("plain", || scan_text(&text)).is_empty());
}

#[test]
fn ten_mb_line_full_of_anchors() {
    for anchor in [
        "AKIA",
        "://",
        "eyJ",
        "-----BEGIN",
        ":AA",
        "-us",
        "twilio",
        "ghp_",
        "sk-ant-",
        "hooks.slack.com/",
    ] {
        let text = anchor.repeat(TEN_MB / anchor.len() / 4);
        timed(anchor, || scan_text(&text));
    }
}

#[test]
fn ten_mb_of_almost_tokens() {
    // Long runs that match the start of many regexes but never end well.
    let text = format!("postgres://u:{}", "p".repeat(TEN_MB));
    assert!(timed("url", || scan_text(&text)).is_empty());
    let text = format!("eyJ{}.{}", "A".repeat(TEN_MB / 2), "B".repeat(TEN_MB / 2));
    assert!(timed("jwt", || scan_text(&text)).is_empty());
    let text = format!(
        "-----BEGIN RSA PRIVATE KEY-----\n{}",
        "QUJD\n".repeat(TEN_MB / 5)
    );
    assert!(timed("pem", || scan_text(&text)).is_empty());
    let text = "-----BEGIN RSA PRIVATE KEY-----\n".repeat(TEN_MB / 32);
    assert!(timed("pem headers", || scan_text(&text)).is_empty());
}

#[test]
fn tokens_in_a_huge_line_are_still_found() {
    let token = checksummed("ghp_", 1);
    let text = format!(
        "{}{token} {}",
        "a ".repeat(TEN_MB / 4),
        " b".repeat(TEN_MB / 4)
    );
    let found = timed("needle", || scan_text(&text));
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].range.clone()], token);
}

#[test]
fn many_tokens_are_all_found() {
    let tokens: Vec<String> = (0..2000).map(|i| checksummed("ghp_", 100 + i)).collect();
    let text = tokens.join("\n");
    let found = timed("many", || scan_text(&text));
    assert_eq!(found.len(), tokens.len());
}

#[test]
fn lossy_invalid_utf8_is_fine() {
    let mut bytes = b"key = '".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0xc3]);
    bytes.extend_from_slice(checksummed("ghp_", 2).as_bytes());
    bytes.extend_from_slice(&[0xe2, 0x82, b'\'', b'\n']);
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(scan_text(&text).len(), 1);
    // Multi-byte characters right around anchors and windows.
    let text = format!("é€{}€é://é:é@é", "AKIA".repeat(3));
    scan_text(&text);
}

#[test]
fn huge_config_and_notebook() {
    let text = format!("password = {}\n", "a".repeat(TEN_MB));
    timed("config line", || {
        scan_config_file(Path::new("app.ini"), &text)
    });
    let text = format!("{{\"password\": \"{}\"}}", "a".repeat(TEN_MB));
    timed("json value", || {
        scan_config_file(Path::new("app.json"), &text)
    });
    let text = "password: x\n".repeat(TEN_MB / 12);
    timed("config lines", || {
        scan_config_file(Path::new("app.yaml"), &text)
    });
    let nb = format!(
        "{{\"cells\": [{{\"outputs\": [{{\"text\": \"{}\"}}]}}]}}",
        "A=b\\n".repeat(TEN_MB / 10)
    );
    timed("notebook", || scan_notebook_outputs(&nb));
    assert_eq!(classify_assignment("password", &"x".repeat(TEN_MB)), None);
}
