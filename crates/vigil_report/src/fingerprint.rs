//! Fingerprints: a finding's identity that survives line shifts.
//!
//! A fingerprint hashes the rule, the file, the flagged code with its white
//! space normalised, and the occurrence index of that same (rule, file, code)
//! triple in the file. Moving code or adding lines above it keeps the
//! fingerprint; a second copy of the same mistake gets a new one.

use sha2::{Digest, Sha256};

/// Collapses every run of white space to one space and trims the ends.
pub fn normalize_code(code: &str) -> String {
    code.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fingerprint of the `occurrence`-th (0-based) finding of `rule` on
/// `code` in `path`: 16 bytes of SHA-256, in hex.
pub fn fingerprint(rule: &str, path: &str, code: &str, occurrence: usize) -> String {
    let mut hasher = Sha256::new();
    for part in [rule, path, &normalize_code(code), &occurrence.to_string()] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    let digest = hasher.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_the_fingerprint() {
        let a = fingerprint("r", "a.py", "os.system( cmd )", 0);
        let b = fingerprint("r", "a.py", "os.system(  cmd\n )", 0);
        assert_eq!(a, b);
        assert_ne!(a, fingerprint("r", "a.py", "os.system( cmd )", 1));
        assert_ne!(a, fingerprint("r", "b.py", "os.system( cmd )", 0));
        assert_eq!(a.len(), 32);
    }
}
