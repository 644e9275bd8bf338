//! Serde model of an OSV record (only the fields the audit reads).
//!
//! See <https://ossf.github.io/osv-schema/>. Fields that are `null` are
//! treated like missing ones; unknown fields are ignored.

use serde::{Deserialize, Deserializer};

/// One vulnerability record.
#[derive(Debug, Clone, Deserialize)]
pub struct OsvRecord {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub summary: String,
    #[serde(default, deserialize_with = "null_default")]
    pub details: String,
    #[serde(default, deserialize_with = "null_default")]
    pub aliases: Vec<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub modified: String,
    #[serde(default, deserialize_with = "null_default")]
    pub published: String,
    /// Set when the record was withdrawn: such records are skipped.
    #[serde(default, deserialize_with = "null_default")]
    pub withdrawn: String,
    #[serde(default, deserialize_with = "null_default")]
    pub severity: Vec<OsvSeverity>,
    #[serde(default, deserialize_with = "null_default")]
    pub affected: Vec<OsvAffected>,
    #[serde(default, deserialize_with = "null_default")]
    pub database_specific: DatabaseSpecific,
}

/// A `severity` entry: a scoring system and its vector or label.
#[derive(Debug, Clone, Deserialize)]
pub struct OsvSeverity {
    #[serde(rename = "type", default, deserialize_with = "null_default")]
    pub kind: String,
    #[serde(default, deserialize_with = "null_default")]
    pub score: String,
}

/// `database_specific`: only the GitHub-style `severity` label is read.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DatabaseSpecific {
    #[serde(default, deserialize_with = "lenient_string")]
    pub severity: String,
}

/// One `affected` entry: a package and the versions of it that are affected.
#[derive(Debug, Clone, Deserialize)]
pub struct OsvAffected {
    #[serde(default, deserialize_with = "null_default")]
    pub package: OsvPackage,
    #[serde(default, deserialize_with = "null_default")]
    pub ranges: Vec<OsvRange>,
    #[serde(default, deserialize_with = "null_default")]
    pub versions: Vec<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub severity: Vec<OsvSeverity>,
    #[serde(default, deserialize_with = "null_default")]
    pub database_specific: DatabaseSpecific,
}

/// The package an `affected` entry is about.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OsvPackage {
    #[serde(default, deserialize_with = "null_default")]
    pub ecosystem: String,
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
}

/// A range of affected versions, given as events.
#[derive(Debug, Clone, Deserialize)]
pub struct OsvRange {
    #[serde(rename = "type", default, deserialize_with = "null_default")]
    pub kind: String,
    #[serde(default, deserialize_with = "null_default")]
    pub events: Vec<OsvEvent>,
}

/// One event of a range; exactly one field is set in a valid record.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OsvEvent {
    #[serde(default, deserialize_with = "lenient_opt_string")]
    pub introduced: Option<String>,
    #[serde(default, deserialize_with = "lenient_opt_string")]
    pub fixed: Option<String>,
    #[serde(default, deserialize_with = "lenient_opt_string")]
    pub last_affected: Option<String>,
    #[serde(default, deserialize_with = "lenient_opt_string")]
    pub limit: Option<String>,
}

impl OsvRecord {
    /// Parses one record from JSON text.
    pub fn from_json(bytes: &[u8]) -> Result<Self, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }

    /// Parses one record from YAML text (the format of the PyPA repository).
    pub fn from_yaml(text: &str) -> Result<Self, String> {
        serde_saphyr::from_str(text).map_err(|e| e.to_string())
    }
}

/// `null` becomes the type's default.
fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A version text. YAML files often write versions unquoted (`fixed: 2.10`):
/// asking the deserializer for a string keeps the text as written, where a
/// number would turn `2.10` into `2.1`.
struct ScalarText(String);

impl<'de> Deserialize<'de> for ScalarText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ScalarText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a version string")
            }
            fn visit_str<E>(self, v: &str) -> Result<ScalarText, E> {
                Ok(ScalarText(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<ScalarText, E> {
                Ok(ScalarText(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<ScalarText, E> {
                Ok(ScalarText(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<ScalarText, E> {
                Ok(ScalarText(v.to_string()))
            }
        }
        d.deserialize_string(Visitor)
    }
}

fn lenient_opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<ScalarText>::deserialize(d)?.map(|s| s.0))
}

/// A label that may be any JSON/YAML value; only strings are kept.
fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match value {
        Some(serde_json::Value::String(text)) => text,
        _ => String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_with_nulls_and_unknown_fields() {
        let record = OsvRecord::from_json(
            br#"{"id":"X-1","aliases":null,"summary":null,"schema_version":"1.6.0",
                "affected":[{"package":{"ecosystem":"PyPI","name":"a"},
                "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0"}]}],
                "versions":null}]}"#,
        )
        .unwrap();
        assert_eq!(record.id, "X-1");
        assert!(record.aliases.is_empty());
        assert_eq!(
            record.affected[0].ranges[0].events[1].fixed.as_deref(),
            Some("1.0")
        );
    }

    #[test]
    fn reads_yaml_records() {
        let record = OsvRecord::from_yaml(
            "id: PYSEC-0000-1\nsummary: test\naffected:\n- package:\n    name: foo\n    ecosystem: PyPI\n  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: '0'\n    - fixed: 2.10\n  versions:\n  - '1.0'\n",
        )
        .unwrap();
        let events = &record.affected[0].ranges[0].events;
        assert_eq!(events[0].introduced.as_deref(), Some("0"));
        assert_eq!(events[1].fixed.as_deref(), Some("2.10"));
        assert_eq!(record.affected[0].versions, ["1.0"]);
    }

    #[test]
    fn rejects_records_without_id() {
        assert!(OsvRecord::from_json(br#"{"summary":"x"}"#).is_err());
        assert!(OsvRecord::from_json(b"not json").is_err());
    }
}
