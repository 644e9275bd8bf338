//! OSV affected-version evaluation with PEP 440 ordering, and fix versions.
//!
//! Each (advisory, package) pair becomes a [`VersionSet`]: the union of its
//! `ECOSYSTEM` ranges and its explicit `versions`. A range's events are sorted
//! by version (records may list them in any order) and walked as the OSV
//! schema describes: `introduced` opens an interval, `fixed` closes it before
//! the fixed version, `last_affected` closes it after that version, `limit`
//! caps the whole range. `introduced: "0"` means "since the first release".
//! Local version labels are dropped on both sides.
//!
//! A pinned version is affected when a set contains it; a requirement range
//! is affected when it intersects a set. A range is *capped below a fix*
//! when the newest versions it allows are affected: an installer, which
//! picks the newest allowed release, cannot reach a fixed one.

use crate::db::{Advisory, AffectedPackage, Database, RangeEvent};
use crate::version::{VersionSet, parse_version};
use pep440_rs::Version;
use std::ops::Bound;

/// Where an event sits among others at the same version.
fn tie_order(event: &RangeEvent) -> u8 {
    match event {
        RangeEvent::Introduced(_) => 0,
        RangeEvent::LastAffected(_) => 1,
        RangeEvent::Fixed(_) => 2,
        RangeEvent::Limit(_) => 3,
    }
}

/// The versions one range affects.
pub fn range_set(events: &[RangeEvent]) -> VersionSet {
    // `None` as the version of `introduced: "0"`: below every release.
    let mut sorted: Vec<(Option<Version>, &RangeEvent)> = Vec::with_capacity(events.len());
    let mut limits: Vec<Version> = Vec::new();
    let mut unlimited = false;
    for event in events {
        let text = event.version().trim();
        match event {
            RangeEvent::Introduced(_) if text == "0" => sorted.push((None, event)),
            RangeEvent::Limit(_) if text == "*" => unlimited = true,
            RangeEvent::Limit(_) => limits.extend(parse_version(text)),
            _ => {
                if let Some(version) = parse_version(text) {
                    sorted.push((Some(version), event));
                }
            }
        }
    }
    sorted.sort_by(|a, b| a.0.cmp(&b.0).then(tie_order(a.1).cmp(&tie_order(b.1))));

    let mut intervals: Vec<(Bound<Version>, Bound<Version>)> = Vec::new();
    let mut open: Option<Option<Version>> = None;
    for (version, event) in sorted {
        match event {
            RangeEvent::Introduced(_) => {
                if open.is_none() {
                    open = Some(version);
                }
            }
            RangeEvent::Fixed(_) => {
                if let (Some(start), Some(end)) = (open.take(), version) {
                    intervals.extend(interval(start, Bound::Excluded(end)));
                }
            }
            RangeEvent::LastAffected(_) => {
                if let (Some(start), Some(end)) = (open.take(), version) {
                    intervals.extend(interval(start, Bound::Included(end)));
                }
            }
            RangeEvent::Limit(_) => {}
        }
    }
    if let Some(start) = open {
        intervals.extend(interval(start, Bound::Unbounded));
    }
    let set: VersionSet = intervals.into_iter().collect();
    match limits.into_iter().max() {
        Some(limit) if !unlimited => set.intersection(&VersionSet::strictly_lower_than(limit)),
        _ => set,
    }
}

/// The interval from `start` (`None`: unbounded) to `end`, unless empty.
fn interval(
    start: Option<Version>,
    end: Bound<Version>,
) -> Option<(Bound<Version>, Bound<Version>)> {
    let empty = match (&start, &end) {
        (Some(s), Bound::Excluded(e)) => s >= e,
        (Some(s), Bound::Included(e)) => s > e,
        _ => false,
    };
    let start = start.map_or(Bound::Unbounded, Bound::Included);
    (!empty).then_some((start, end))
}

/// The versions of one package an advisory affects.
pub fn affected_set(affected: &AffectedPackage) -> VersionSet {
    ranges_set(affected).union(&listed_set(&affected.versions))
}

/// The versions the ranges of an entry affect (without its version list).
pub fn ranges_set(affected: &AffectedPackage) -> VersionSet {
    affected
        .ranges
        .iter()
        .map(|range| range_set(range))
        .reduce(|a, b| a.union(&b))
        .unwrap_or_else(VersionSet::empty)
}

/// A set of explicitly listed versions (unparseable ones are skipped).
pub fn listed_set(versions: &[String]) -> VersionSet {
    let mut parsed: Vec<Version> = versions.iter().filter_map(|v| parse_version(v)).collect();
    parsed.sort();
    parsed.dedup();
    parsed
        .into_iter()
        .map(|v| (Bound::Included(v.clone()), Bound::Included(v)))
        .collect()
}

/// The `fixed` versions of an affected entry, sorted by PEP 440 order.
pub fn fixed_versions(affected: &AffectedPackage) -> Vec<String> {
    let mut fixed: Vec<(Version, &str)> = affected
        .ranges
        .iter()
        .flatten()
        .filter_map(|event| match event {
            RangeEvent::Fixed(text) => parse_version(text).map(|v| (v, text.trim())),
            _ => None,
        })
        .collect();
    fixed.sort();
    fixed.dedup_by(|a, b| a.0 == b.0);
    fixed.into_iter().map(|(_, text)| text.to_owned()).collect()
}

/// One advisory about a package, evaluated.
#[derive(Debug, Clone)]
pub struct Evaluated<'a> {
    pub advisory: &'a Advisory,
    pub affected: VersionSet,
    pub fixed: Vec<String>,
}

/// Every advisory the database holds for one package, ready for matching.
#[derive(Debug, Clone)]
pub struct PackageAdvisories<'a> {
    pub entries: Vec<Evaluated<'a>>,
}

impl<'a> PackageAdvisories<'a> {
    /// Collects and evaluates the advisories for a normalised package name.
    pub fn new(db: &'a Database, package: &str) -> Self {
        let entries = db
            .for_package(package)
            .map(|advisory| {
                let mut affected = VersionSet::empty();
                let mut fixed = Vec::new();
                for entry in advisory.affected_for(package) {
                    affected = affected.union(&affected_set(entry));
                    fixed.extend(fixed_versions(entry));
                }
                fixed.dedup();
                Evaluated {
                    advisory,
                    affected,
                    fixed,
                }
            })
            .collect();
        Self { entries }
    }

    /// The advisories affecting one version.
    pub fn affecting_version(&self, version: &Version) -> Vec<&Evaluated<'a>> {
        self.entries
            .iter()
            .filter(|e| e.affected.contains(version))
            .collect()
    }

    /// The advisories affecting at least one version of a range.
    pub fn affecting_range(&self, allowed: &VersionSet) -> Vec<&Evaluated<'a>> {
        self.entries
            .iter()
            .filter(|e| !e.affected.intersection(allowed).is_empty())
            .collect()
    }

    /// The advisories that affect the newest versions a range bounded above
    /// allows (`<1.26`, `<=2.0`, `==3.*`, `~=1.4`): the range keeps its
    /// users on affected releases whatever they install. A range open
    /// upwards can always reach the newest release, and is not judged.
    pub fn capping_range(&self, allowed: &VersionSet) -> Vec<&Evaluated<'a>> {
        let Some((_, top)) = allowed.bounding_range() else {
            return Vec::new();
        };
        if top == Bound::Unbounded {
            return Vec::new();
        }
        self.entries
            .iter()
            .filter(|e| {
                e.affected
                    .intersection(allowed)
                    .bounding_range()
                    .is_some_and(|(_, end)| end == top)
            })
            .collect()
    }

    /// The smallest fixed version at or above the top of a range capped
    /// below its fixes (above it when the top is allowed) that no advisory
    /// affects: how far the cap must be raised.
    pub fn clearing_raise(&self, allowed: &VersionSet) -> Option<Version> {
        let top = match allowed.bounding_range()?.1 {
            Bound::Included(v) => Bound::Excluded(v.clone()),
            Bound::Excluded(v) => Bound::Included(v.clone()),
            Bound::Unbounded => return None,
        };
        self.candidates().into_iter().find(|c| {
            let above = match &top {
                Bound::Included(v) => c >= v,
                Bound::Excluded(v) => c > v,
                Bound::Unbounded => false,
            };
            above && self.is_clean(c)
        })
    }

    /// Every `fixed` version of every advisory, sorted, without duplicates.
    fn candidates(&self) -> Vec<Version> {
        let mut all: Vec<Version> = self
            .entries
            .iter()
            .flat_map(|e| e.fixed.iter().filter_map(|f| parse_version(f)))
            .collect();
        all.sort();
        all.dedup();
        all
    }

    fn is_clean(&self, version: &Version) -> bool {
        self.entries.iter().all(|e| !e.affected.contains(version))
    }

    /// The smallest fixed version above `current` that no advisory for the
    /// package affects: the upgrade that clears them all.
    pub fn clearing_upgrade(&self, current: &Version) -> Option<Version> {
        self.candidates()
            .into_iter()
            .find(|c| c > current && self.is_clean(c))
    }

    /// For a range: the smallest fixed version `c` such that no version
    /// allowed by the range from `c` on is affected (the lower bound to
    /// require). `None` when no fixed version gets there.
    pub fn clearing_lower_bound(&self, allowed: &VersionSet) -> Option<Version> {
        let mut exposed = VersionSet::empty();
        for entry in &self.entries {
            exposed = exposed.union(&entry.affected.intersection(allowed));
        }
        if exposed.is_empty() {
            return None;
        }
        self.candidates().into_iter().find(|c| {
            exposed
                .intersection(&VersionSet::higher_than(c.clone()))
                .is_empty()
        })
    }
}

#[cfg(test)]
mod tests;
