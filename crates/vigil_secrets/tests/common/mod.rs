//! Fake credentials built at run time, so that no secret-shaped string of a
//! real service sits in the repository (and push protection stays quiet).
#![allow(dead_code)]

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

pub const BASE62: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
pub const HEX: &str = "0123456789abcdef";
pub const BASE64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
pub const BASE64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
pub const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
pub const BASE32: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// `len` pseudo-random characters of `alphabet` (xorshift, fixed by `seed`).
pub fn random(seed: u64, len: usize, alphabet: &str) -> String {
    let chars: Vec<char> = alphabet.chars().collect();
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            chars[(state % chars.len() as u64) as usize]
        })
        .collect()
}

pub fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    random(seed, len, &(0..=255u8).map(char::from).collect::<String>())
        .chars()
        .map(|c| c as u32 as u8)
        .collect()
}

pub fn base62(mut value: u64, width: usize) -> String {
    let digits: Vec<char> = BASE62.chars().collect();
    let mut out = Vec::new();
    while value > 0 {
        out.push(digits[(value % 62) as usize]);
        value /= 62;
    }
    while out.len() < width {
        out.push('0');
    }
    out.iter().rev().collect()
}

/// A GitHub-style token (`ghp_`, `npm_`, ...) with a valid CRC32 checksum.
pub fn checksummed(prefix: &str, seed: u64) -> String {
    let body = random(seed, 30, BASE62);
    let check = base62(u64::from(crc32fast::hash(body.as_bytes())), 6);
    format!("{prefix}{body}{check}")
}

/// The same with its checksum broken.
pub fn bad_checksum(prefix: &str, seed: u64) -> String {
    let good = checksummed(prefix, seed);
    let last = good.chars().last().unwrap();
    let swap = if last == 'a' { 'b' } else { 'a' };
    format!("{}{swap}", &good[..good.len() - 1])
}

pub fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// A JWT with the given header and payload JSON and a random signature.
pub fn jwt(header: &str, payload: &str, seed: u64) -> String {
    format!(
        "{}.{}.{}",
        b64url(header.as_bytes()),
        b64url(payload.as_bytes()),
        random(seed, 43, BASE64URL)
    )
}

/// A PEM block of `label` (e.g. "RSA PRIVATE KEY") with a random body of
/// `lines` 64-character lines.
pub fn pem(label: &str, seed: u64, lines: usize) -> String {
    let body: Vec<String> = (0..lines)
        .map(|i| random(seed + i as u64, 64, BASE64))
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        body.join("\n")
    )
}

/// An OpenSSH private key block whose cipher is `cipher`.
pub fn openssh(cipher: &str, seed: u64) -> String {
    let mut bytes = b"openssh-key-v1\0".to_vec();
    bytes.extend_from_slice(&(cipher.len() as u32).to_be_bytes());
    bytes.extend_from_slice(cipher.as_bytes());
    bytes.extend(random_bytes(seed, 400));
    let encoded = b64(&bytes);
    let lines: Vec<&str> = encoded
        .as_bytes()
        .chunks(70)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN OPENSSH PRIVATE KEY-----\n{}\n-----END OPENSSH PRIVATE KEY-----\n",
        lines.join("\n")
    )
}

/// A PyPI token: `pypi-` + a macaroon naming `index`.
pub fn pypi(index: &str, seed: u64) -> String {
    let mut bytes = vec![0x02, 0x01, index.len() as u8];
    bytes.extend_from_slice(index.as_bytes());
    bytes.push(0x02); // the next macaroon field
    bytes.extend(random_bytes(seed, 120));
    format!("pypi-{}", b64url(&bytes))
}
