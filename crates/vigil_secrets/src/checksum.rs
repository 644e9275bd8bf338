//! Checksums and encodings that token formats carry.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD_NO_PAD_INDIFFERENT, URL_SAFE_NO_PAD_INDIFFERENT};

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `value` in base 62 (digits, then upper case, then lower case), left-padded
/// with `0` to `width` characters.
pub(crate) fn base62(mut value: u64, width: usize) -> String {
    let mut digits = Vec::with_capacity(width);
    while value > 0 {
        digits.push(BASE62[(value % 62) as usize]);
        value /= 62;
    }
    while digits.len() < width {
        digits.push(b'0');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// The checksum scheme of GitHub (`ghp_` ...) and npm (`npm_`) tokens: the
/// last 6 characters are the CRC32 of the random part before them, in base
/// 62. `body` is the token without its prefix.
pub(crate) fn crc32_base62_ok(body: &str) -> bool {
    if body.len() <= 6 || !body.is_ascii() {
        return false;
    }
    let (random, check) = body.split_at(body.len() - 6);
    base62(u64::from(crc32fast::hash(random.as_bytes())), 6) == check
}

/// Decodes base64 of either alphabet (standard or URL-safe), with or
/// without padding; `None` when it is not base64.
pub(crate) fn decode_base64(text: &str) -> Option<Vec<u8>> {
    if text.contains(['-', '_']) {
        URL_SAFE_NO_PAD_INDIFFERENT.decode(text).ok()
    } else {
        STANDARD_NO_PAD_INDIFFERENT.decode(text).ok()
    }
}

/// Decodes the longest prefix of `text` whose length is a multiple of 4
/// (at most `max_chars`): enough to look at the start of a long blob.
pub(crate) fn decode_base64_prefix(text: &str, max_chars: usize) -> Option<Vec<u8>> {
    let take = text.len().min(max_chars) / 4 * 4;
    decode_base64(text.get(..take)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base62_pads_and_orders_digits_upper_lower() {
        assert_eq!(base62(0, 6), "000000");
        assert_eq!(base62(61, 2), "0z");
        assert_eq!(base62(62, 2), "10");
        assert_eq!(base62(36, 1), "a");
        assert_eq!(base62(u64::from(u32::MAX), 6), "4gfFC3");
    }

    #[test]
    fn crc32_checksum_round_trip() {
        let random = "0123456789abcdefghijABCDEFGHIJ";
        let body = format!(
            "{random}{}",
            base62(u64::from(crc32fast::hash(random.as_bytes())), 6)
        );
        assert!(crc32_base62_ok(&body));
        let mut broken = body.clone().into_bytes();
        broken[0] = b'1';
        assert!(!crc32_base62_ok(std::str::from_utf8(&broken).unwrap()));
        assert!(!crc32_base62_ok("abc"));
    }

    #[test]
    fn base64_both_alphabets() {
        assert_eq!(decode_base64("eyJhIjoxfQ").unwrap(), br#"{"a":1}"#);
        assert_eq!(decode_base64("eyJhIjoxfQ==").unwrap(), br#"{"a":1}"#);
        assert_eq!(decode_base64("-_8").unwrap(), vec![0xfb, 0xff]);
        assert!(decode_base64("not base64!").is_none());
        assert_eq!(
            decode_base64_prefix("eyJhIjoxfQxyz", 8).unwrap(),
            br#"{"a":1"#
        );
    }
}
