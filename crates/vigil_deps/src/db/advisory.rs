//! The advisory as vigil keeps it: one OSV record cut down to what the audit
//! needs, PyPI packages only, names normalised, summary shortened.

use crate::name;
use crate::osv::{OsvEvent, OsvRecord, record_severity};
use serde::{Deserialize, Serialize};
use vigil_report::Severity;

/// Longest summary kept, in characters.
const MAX_SUMMARY_CHARS: usize = 240;
/// Shortest summary built from details before stopping at a sentence end.
const MIN_SUMMARY_CHARS: usize = 60;
/// Most aliases kept per advisory.
const MAX_ALIASES: usize = 64;

/// A vulnerability record for one or more PyPI packages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Advisory {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub summary: String,
    /// Whether `summary` is the record's own one-line summary (a title)
    /// rather than the start of its details.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub summary_is_title: bool,
    pub severity: Severity,
    /// CVSS base score when the severity came from a vector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvss: Option<f64>,
    /// Last modification time (RFC 3339) as given by the record.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified: String,
    pub affected: Vec<AffectedPackage>,
}

/// The affected versions of one package, as the record states them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffectedPackage {
    /// PEP 503 normalised name.
    pub name: String,
    /// `ECOSYSTEM` ranges; each is a list of events in record order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<Vec<RangeEvent>>,
    /// Explicitly listed affected versions that the ranges do not already
    /// cover (OSV affects the union of both; PyPA records list every
    /// release inside their ranges, which would only slow matching).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
}

/// One event of an `ECOSYSTEM` range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeEvent {
    Introduced(String),
    Fixed(String),
    LastAffected(String),
    Limit(String),
}

/// Why a parsed record does not become an advisory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dropped {
    /// The record carries `withdrawn`.
    Withdrawn,
    /// No affected entry is a PyPI package with checkable versions.
    NotPyPi,
    /// The id is empty or absurd.
    BadId,
}

impl RangeEvent {
    fn from_osv(event: &OsvEvent) -> Option<Self> {
        // A valid event has exactly one field; take the first one set.
        if let Some(v) = &event.introduced {
            Some(Self::Introduced(v.clone()))
        } else if let Some(v) = &event.fixed {
            Some(Self::Fixed(v.clone()))
        } else if let Some(v) = &event.last_affected {
            Some(Self::LastAffected(v.clone()))
        } else {
            event.limit.as_ref().map(|v| Self::Limit(v.clone()))
        }
    }

    /// The version text of the event.
    pub fn version(&self) -> &str {
        match self {
            Self::Introduced(v) | Self::Fixed(v) | Self::LastAffected(v) | Self::Limit(v) => v,
        }
    }
}

impl AffectedPackage {
    /// Removes listed versions the ranges already affect; unparseable ones
    /// are kept (they may still match by text elsewhere).
    fn drop_versions_inside_ranges(&mut self) {
        if self.ranges.is_empty() || self.versions.is_empty() {
            return;
        }
        let covered = crate::matching::ranges_set(self);
        self.versions.retain(|v| {
            crate::version::parse_version(v).is_none_or(|parsed| !covered.contains(&parsed))
        });
    }
}

impl Advisory {
    /// Turns a parsed record into an advisory, or says why it is dropped.
    pub fn from_record(record: OsvRecord) -> Result<Self, Dropped> {
        let id = record.id.trim();
        if id.is_empty() || id.len() > 128 || id.chars().any(char::is_whitespace) {
            return Err(Dropped::BadId);
        }
        if !record.withdrawn.trim().is_empty() {
            return Err(Dropped::Withdrawn);
        }
        let affected: Vec<AffectedPackage> = record
            .affected
            .iter()
            .filter(|a| a.package.ecosystem.eq_ignore_ascii_case("pypi"))
            .filter(|a| name::is_valid(a.package.name.trim()))
            .map(|a| {
                let mut package = AffectedPackage {
                    name: name::normalize(&a.package.name),
                    ranges: a
                        .ranges
                        .iter()
                        .filter(|r| r.kind == "ECOSYSTEM")
                        .map(|r| r.events.iter().filter_map(RangeEvent::from_osv).collect())
                        .filter(|events: &Vec<RangeEvent>| !events.is_empty())
                        .collect(),
                    versions: a.versions.clone(),
                };
                package.drop_versions_inside_ranges();
                package
            })
            .filter(|a| !a.ranges.is_empty() || !a.versions.is_empty())
            .collect();
        if affected.is_empty() {
            return Err(Dropped::NotPyPi);
        }
        let (severity, cvss) = record_severity(&record);
        let mut aliases: Vec<String> = record
            .aliases
            .iter()
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty() && a.len() <= 128 && a != id)
            .take(MAX_ALIASES)
            .collect();
        aliases.sort();
        aliases.dedup();
        Ok(Self {
            id: id.to_owned(),
            aliases,
            summary: summarize(&record.summary, &record.details),
            summary_is_title: !record.summary.trim().is_empty(),
            severity,
            cvss,
            modified: record.modified.chars().take(40).collect(),
            affected,
        })
    }

    /// The affected entries for one normalised package name.
    pub fn affected_for<'a>(
        &'a self,
        package: &'a str,
    ) -> impl Iterator<Item = &'a AffectedPackage> {
        self.affected.iter().filter(move |a| a.name == package)
    }

    /// The id prefix used for counting (`PYSEC`, `GHSA`, `MAL`, ...).
    pub fn id_prefix(&self) -> &str {
        id_prefix(&self.id)
    }
}

/// The part of an id before its first `-`.
pub fn id_prefix(id: &str) -> &str {
    id.split('-').next().unwrap_or(id)
}

/// The record's summary, or the first sentence of its details, on one line
/// and at most [`MAX_SUMMARY_CHARS`] long.
fn summarize(summary: &str, details: &str) -> String {
    let text = if summary.trim().is_empty() {
        first_sentence(details)
    } else {
        summary
    };
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX_SUMMARY_CHARS {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(MAX_SUMMARY_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// The first sentences of the details (up to a paragraph break), enough to
/// make [`MIN_SUMMARY_CHARS`]: "Requests is a HTTP library." alone says
/// nothing about the flaw.
fn first_sentence(details: &str) -> &str {
    let details = details.trim_start();
    let paragraph = details.split("\n\n").next().unwrap_or(details);
    let mut end = 0;
    while end < MIN_SUMMARY_CHARS {
        let rest = &paragraph[end..];
        match rest.find(". ").or_else(|| rest.find(".\n")) {
            Some(stop) => end += stop + 1,
            None => return paragraph,
        }
    }
    &paragraph[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn advisory(json: &str) -> Result<Advisory, Dropped> {
        Advisory::from_record(OsvRecord::from_json(json.as_bytes()).unwrap())
    }

    #[test]
    fn keeps_pypi_ecosystem_ranges_only() {
        let a = advisory(
            r#"{"id":"PYSEC-1","aliases":["CVE-1","PYSEC-1"],"details":"Bad thing happened in the package, and it was really bad indeed. More text.",
            "affected":[
              {"package":{"ecosystem":"PyPI","name":"Zope.Interface"},
               "ranges":[{"type":"GIT","events":[{"introduced":"0"},{"fixed":"abc"}]},
                         {"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0"}]}],
               "versions":["0.1","0.9.9"]},
              {"package":{"ecosystem":"npm","name":"left-pad"},"versions":["1.0"]}]}"#,
        )
        .unwrap();
        assert_eq!(a.affected.len(), 1);
        assert_eq!(a.affected[0].name, "zope-interface");
        assert_eq!(a.affected[0].ranges.len(), 1);
        assert_eq!(a.aliases, ["CVE-1"]);
        assert!(a.affected[0].versions.is_empty());
        assert_eq!(
            a.summary,
            "Bad thing happened in the package, and it was really bad indeed."
        );
    }

    #[test]
    fn keeps_only_listed_versions_outside_the_ranges() {
        let a = advisory(
            r#"{"id":"PYSEC-5","affected":[{"package":{"ecosystem":"PyPI","name":"a"},
            "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0"}]}],
            "versions":["0.5","1.5","weird!"]}]}"#,
        )
        .unwrap();
        assert_eq!(a.affected[0].versions, ["1.5", "weird!"]);
    }

    #[test]
    fn drops_withdrawn_and_foreign_records() {
        let withdrawn = r#"{"id":"PYSEC-2","withdrawn":"2024-01-01T00:00:00Z",
            "affected":[{"package":{"ecosystem":"PyPI","name":"a"},"versions":["1"]}]}"#;
        assert_eq!(advisory(withdrawn), Err(Dropped::Withdrawn));
        let npm = r#"{"id":"GHSA-x","affected":[{"package":{"ecosystem":"npm","name":"a"},"versions":["1"]}]}"#;
        assert_eq!(advisory(npm), Err(Dropped::NotPyPi));
        let git_only = r#"{"id":"PYSEC-3","affected":[{"package":{"ecosystem":"PyPI","name":"a"},
            "ranges":[{"type":"GIT","events":[{"introduced":"0"}]}]}]}"#;
        assert_eq!(advisory(git_only), Err(Dropped::NotPyPi));
        let bad_name = r#"{"id":"PYSEC-4","affected":[{"package":{"ecosystem":"PyPI","name":"a b\n"},"versions":["1"]}]}"#;
        assert_eq!(advisory(bad_name), Err(Dropped::NotPyPi));
    }

    #[test]
    fn summaries_are_one_short_line() {
        let long = "word ".repeat(200);
        let s = summarize("", "First line\nstill first. Second.");
        assert_eq!(s, "First line still first. Second.");
        let s = summarize(
            "",
            "Requests is a HTTP library. Since 2.3.0 it leaks proxy credentials to servers. More.\n\nLater.",
        );
        assert_eq!(
            s,
            "Requests is a HTTP library. Since 2.3.0 it leaks proxy credentials to servers."
        );
        assert!(summarize(&long, "").chars().count() <= MAX_SUMMARY_CHARS);
        assert_eq!(summarize("Given summary", "details"), "Given summary");
    }
}
