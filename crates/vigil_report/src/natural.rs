//! Natural order of identifiers with numbers in them: `PYSEC-2022-2`
//! before `PYSEC-2022-19`, `GHSA-…` by letters, `CVE-2021-9` before
//! `CVE-2021-10`.

use std::cmp::Ordering;

/// Compares two strings with runs of ASCII digits compared as numbers (a
/// run's value first, then its length, so `02` follows `2`), the rest
/// character by character.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (da, ra) = split_digits(a);
                let (db, rb) = split_digits(b);
                let (ta, tb) = (trim_zeros(da), trim_zeros(db));
                let order = ta
                    .len()
                    .cmp(&tb.len())
                    .then_with(|| ta.cmp(tb))
                    .then_with(|| da.len().cmp(&db.len()));
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                (a, b) = (&a[1..], &b[1..]);
            }
        }
    }
}

fn split_digits(s: &[u8]) -> (&[u8], &[u8]) {
    let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
    s.split_at(n)
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&b| b == b'0').count();
    &digits[zeros.min(digits.len().saturating_sub(1))..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_by_value() {
        let mut ids = vec![
            "PYSEC-2022-19",
            "PYSEC-2022-2",
            "PYSEC-2021-100",
            "GHSA-abcd",
            "CVE-2021-10",
            "CVE-2021-9",
        ];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            ids,
            [
                "CVE-2021-9",
                "CVE-2021-10",
                "GHSA-abcd",
                "PYSEC-2021-100",
                "PYSEC-2022-2",
                "PYSEC-2022-19"
            ]
        );
        assert_eq!(natural_cmp("a02", "a2"), Ordering::Greater);
        assert_eq!(natural_cmp("x", "x"), Ordering::Equal);
        // A run longer than any integer type is still compared.
        let long = "9".repeat(100);
        assert_eq!(natural_cmp(&long, &format!("1{long}")), Ordering::Less);
    }
}
