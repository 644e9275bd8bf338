//! `[tool.vigil.deps]`: the dependency audit's configuration, typed.
//!
//! ```toml
//! [tool.vigil.deps]
//! ignore = [{ id = "GHSA-xxxx-xxxx-xxxx", reason = "not reachable", expires = "2025-01-31" }]
//! ```
//!
//! An ignore names an advisory id or alias, the reason, and an optional
//! expiry date (a string or a TOML date) after which it stops applying: it
//! is in force through its expiry day and expired from the next day on
//! (UTC).

use jiff::civil::Date;
use serde::{Deserialize, Deserializer};

/// `[tool.vigil.deps]`, key by key.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DepsConfig {
    /// Advisories not to report.
    #[serde(default)]
    pub ignore: Vec<IgnoreEntry>,
}

/// One ignored advisory.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    /// Advisory id or alias (`PYSEC-…`, `GHSA-…`, `CVE-…`), case-insensitive.
    pub id: String,
    /// Why it is ignored.
    #[serde(default)]
    pub reason: String,
    /// Last day the ignore applies.
    #[serde(default, deserialize_with = "expiry")]
    pub expires: Option<Date>,
}

impl IgnoreEntry {
    /// An ignore without expiry.
    pub fn new(id: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            reason: reason.into(),
            expires: None,
        }
    }

    /// Whether the ignore has expired on `today`.
    pub fn is_expired(&self, today: Date) -> bool {
        self.expires.is_some_and(|last| today > last)
    }

    /// Whether the ignore names one of `ids`.
    pub fn matches<'a>(&self, mut ids: impl Iterator<Item = &'a str>) -> bool {
        let wanted = self.id.trim();
        ids.any(|id| id.eq_ignore_ascii_case(wanted))
    }
}

/// Accepts `"2025-01-31"` or a TOML date `2025-01-31`.
fn expiry<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Toml(toml::value::Datetime),
    }
    let text = match Option::<Raw>::deserialize(deserializer)? {
        None => return Ok(None),
        Some(Raw::Text(text)) => text,
        Some(Raw::Toml(datetime)) => match datetime.date {
            Some(date) if datetime.time.is_none() => date.to_string(),
            _ => {
                return Err(serde::de::Error::custom(
                    "expires must be a date such as 2025-01-31",
                ));
            }
        },
    };
    text.trim().parse::<Date>().map(Some).map_err(|_| {
        serde::de::Error::custom(format!("invalid expiry date {text:?}, expected YYYY-MM-DD"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<DepsConfig, toml::de::Error> {
        toml::from_str(text)
    }

    #[test]
    fn reads_strings_and_toml_dates() {
        let config = parse(
            r#"ignore = [
                { id = "PYSEC-2021-1", reason = "not reachable", expires = "2025-01-31" },
                { id = "GHSA-xxxx", reason = "vendor patch", expires = 2025-02-28 },
                { id = "CVE-2020-1" },
            ]"#,
        )
        .unwrap();
        assert_eq!(config.ignore[0].expires.unwrap().to_string(), "2025-01-31");
        assert_eq!(config.ignore[1].expires.unwrap().to_string(), "2025-02-28");
        assert_eq!(config.ignore[2].expires, None);
        assert_eq!(config.ignore[2].reason, "");
    }

    #[test]
    fn rejects_bad_dates_and_unknown_keys() {
        assert!(parse(r#"ignore = [{ id = "X", expires = "soon" }]"#).is_err());
        assert!(parse(r#"ignore = [{ id = "X", expires = 2025-01-31T10:00:00 }]"#).is_err());
        assert!(parse(r#"ignore = [{ id = "X", until = "2025-01-31" }]"#).is_err());
        assert!(parse(r#"ignores = []"#).is_err());
    }

    #[test]
    fn expires_after_the_last_day() {
        let entry = parse(r#"ignore = [{ id = "X", reason = "r", expires = "2025-01-31" }]"#)
            .unwrap()
            .ignore
            .remove(0);
        assert!(!entry.is_expired("2025-01-31".parse().unwrap()));
        assert!(entry.is_expired("2025-02-01".parse().unwrap()));
        assert!(!IgnoreEntry::new("X", "r").is_expired("2999-01-01".parse().unwrap()));
    }

    #[test]
    fn matches_any_alias_case_insensitively() {
        let entry = IgnoreEntry::new("cve-2019-10906", "");
        assert!(entry.matches(["PYSEC-2019-217", "CVE-2019-10906"].into_iter()));
        assert!(!entry.matches(["PYSEC-2019-217"].into_iter()));
    }
}
