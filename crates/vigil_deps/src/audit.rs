//! The audit: dependencies × database → vulnerabilities with fix versions.
//!
//! For each pinned dependency the advisories of its package are evaluated
//! ([`crate::matching`]): the version must be inside an affected set.
//! Advisories that alias each other (a `PYSEC` and a `GHSA` record for one
//! CVE) become one vulnerability. Ignores apply to any id of a group until
//! they expire.
//!
//! A declaration (`pyproject.toml`, `Pipfile`, `setup.cfg`, `setup.py`) of a
//! package that a lock file pins is not matched itself: the lock's entry,
//! audited as a dependency of its own, says which version is really used.
//! The lock is one in the same directory (`poetry.lock`, `uv.lock`,
//! `Pipfile.lock`, `pylock.toml`) or, for the member projects of a uv
//! workspace, the workspace root's `uv.lock` in an ancestor directory.
//!
//! A range that no lock covers (`requests>=2.0`) is not matched against the
//! advisories: every historical advisory of the package overlaps an open
//! range, so matching it reports vulnerabilities of versions nobody
//! installs. It is listed as not pinned instead, unless it is capped below
//! a fix (`urllib3<1.24`): then the newest versions it allows, which an
//! installer picks, are affected, and that is reported.

use crate::db::{Advisory, Database, DbMeta};
use crate::manifest::{Dependency, ManifestKind, Manifests, NotChecked, Requirement};
use crate::matching::{Evaluated, PackageAdvisories};
use crate::version::parse_version;
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use vigil_config::IgnoreEntry;
use vigil_report::{Severity, natural_cmp};

/// What the audit is told besides the data.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    pub ignores: Vec<IgnoreEntry>,
    /// The date ignores expire against.
    pub today: Date,
}

/// One known vulnerability of one declared dependency.
#[derive(Debug, Clone, PartialEq)]
pub struct Vulnerability {
    /// Normalised package name.
    pub package: String,
    /// The pinned version; `None` for a range.
    pub version: Option<String>,
    /// The range as written, for an unpinned dependency.
    pub specifier: Option<String>,
    /// Primary id of the advisory group.
    pub id: String,
    /// Every other id of the group (other records' ids and all aliases).
    pub aliases: Vec<String>,
    pub summary: String,
    pub severity: Severity,
    /// Highest CVSS base score of the group, when one was given.
    pub cvss: Option<f64>,
    /// Versions that fix this advisory, in PEP 440 order.
    pub fixed_versions: Vec<String>,
    /// The smallest upgrade that clears every advisory for the package (for
    /// a range: the lower bound to require). `None`: no fix known.
    pub fix_version: Option<String>,
    pub file: String,
    pub line: u32,
    pub source: ManifestKind,
    /// The declaration's source line (credentials masked).
    pub text: String,
    /// How many times the file declares this same requirement, and the
    /// other lines (see [`Dependency::occurrences`]).
    pub occurrences: usize,
    pub repeated_at: Vec<u32>,
    /// Set when an ignore for this advisory exists but has expired.
    pub expired_ignore: Option<IgnoreEntry>,
}

impl Vulnerability {
    /// Every id of the group: the primary one, then the aliases.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A dependency and whether a lock file covers it.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditedDependency {
    pub dependency: Dependency,
    /// The lock file pinning this (unpinned) dependency, when one does.
    pub covered_by: Option<String>,
}

/// A vulnerability hidden by an ignore in force.
#[derive(Debug, Clone, PartialEq)]
pub struct IgnoredVulnerability {
    pub vulnerability: Vulnerability,
    pub ignore: IgnoreEntry,
}

/// The result of an audit.
#[derive(Debug, Clone)]
pub struct AuditReport {
    pub dependencies: Vec<AuditedDependency>,
    pub vulnerabilities: Vec<Vulnerability>,
    pub ignored: Vec<IgnoredVulnerability>,
    /// Ignores past their expiry date (no longer applied).
    pub expired_ignores: Vec<IgnoreEntry>,
    pub not_checked: Vec<NotChecked>,
    /// Ranges no lock file covers: not matched (see the module
    /// documentation).
    pub not_pinned: Vec<Dependency>,
    /// Files, entries and lines that could not be parsed: the audit is
    /// incomplete and the run fails.
    pub errors: Vec<NotChecked>,
    pub files: Vec<String>,
    pub database: DbMeta,
    pub today: Date,
}

impl AuditReport {
    /// Whether a vulnerability at or above `threshold` was found.
    pub fn fails_at(&self, threshold: Severity) -> bool {
        self.vulnerabilities.iter().any(|v| v.severity >= threshold)
    }

    /// Number of distinct packages with a vulnerability.
    pub fn vulnerable_packages(&self) -> usize {
        self.vulnerabilities
            .iter()
            .map(|v| v.package.as_str())
            .collect::<HashSet<_>>()
            .len()
    }
}

/// The package names a set of manifests mentions (to filter the database).
pub fn package_names(manifests: &Manifests) -> HashSet<String> {
    manifests
        .dependencies
        .iter()
        .map(|d| d.name.clone())
        .collect()
}

/// Runs the audit.
pub fn audit(manifests: &Manifests, db: &Database, options: &AuditOptions) -> AuditReport {
    let mut packages: HashMap<&str, PackageAdvisories<'_>> = HashMap::new();
    for dependency in &manifests.dependencies {
        packages
            .entry(dependency.name.as_str())
            .or_insert_with(|| PackageAdvisories::new(db, &dependency.name));
    }
    let dependencies = cover_by_locks(&manifests.dependencies);
    let mut vulnerabilities = Vec::new();
    let mut ignored = Vec::new();
    let mut not_pinned = Vec::new();
    for audited in &dependencies {
        if audited.covered_by.is_some() {
            continue;
        }
        let dependency = &audited.dependency;
        let found = packages
            .get(dependency.name.as_str())
            .map(|advisories| check(dependency, advisories))
            .unwrap_or_default();
        if dependency.requirement.pinned().is_none() && found.is_empty() {
            not_pinned.push(dependency.clone());
            continue;
        }
        for vulnerability in found {
            let (active, expired): (Vec<&IgnoreEntry>, Vec<&IgnoreEntry>) = options
                .ignores
                .iter()
                .filter(|ignore| ignore.matches(vulnerability.ids()))
                .partition(|ignore| !ignore.is_expired(options.today));
            if let Some(ignore) = active.first() {
                ignored.push(IgnoredVulnerability {
                    vulnerability,
                    ignore: (*ignore).clone(),
                });
            } else {
                vulnerabilities.push(Vulnerability {
                    expired_ignore: expired.first().map(|e| (*e).clone()),
                    ..vulnerability
                });
            }
        }
    }
    // Ids in natural order: PYSEC-2022-2 before PYSEC-2022-19.
    vulnerabilities.sort_by(|a, b| {
        (&a.file, a.line, &a.package)
            .cmp(&(&b.file, b.line, &b.package))
            .then_with(|| natural_cmp(&a.id, &b.id))
    });
    ignored.sort_by(|a, b| {
        let (a, b) = (&a.vulnerability, &b.vulnerability);
        (&a.file, a.line, &a.package)
            .cmp(&(&b.file, b.line, &b.package))
            .then_with(|| natural_cmp(&a.id, &b.id))
    });
    AuditReport {
        dependencies,
        vulnerabilities,
        ignored,
        expired_ignores: options
            .ignores
            .iter()
            .filter(|i| i.is_expired(options.today))
            .cloned()
            .collect(),
        not_checked: manifests.not_checked.clone(),
        not_pinned,
        errors: manifests.errors.clone(),
        files: manifests.files.clone(),
        database: db.meta.clone(),
        today: options.today,
    }
}

/// Marks declarations (`pyproject.toml`, `Pipfile`, `setup.cfg`,
/// `setup.py`) that a lock file pins: one in the same directory, or a
/// `uv.lock` in an ancestor directory (the root of a uv workspace whose
/// members are the projects below it).
/// Folders are compared as absolute paths: a lock found upward from a
/// member run from inside it is shown by an absolute path, the member's
/// files relative to the working directory.
fn cover_by_locks(dependencies: &[Dependency]) -> Vec<AuditedDependency> {
    let directory = |d: &Dependency| {
        Path::new(&d.file)
            .parent()
            .map(crate::manifest::absolute)
            .unwrap_or_default()
    };
    let mut locked: HashMap<(std::path::PathBuf, &str), (&str, ManifestKind)> = HashMap::new();
    for d in dependencies {
        if d.source.is_lock() && d.source != ManifestKind::Environment {
            locked
                .entry((directory(d), d.name.as_str()))
                .or_insert((d.file.as_str(), d.source));
        }
    }
    let lock_for = |d: &Dependency| -> Option<String> {
        let dir = directory(d);
        if let Some((file, _)) = locked.get(&(dir.clone(), d.name.as_str())) {
            return Some((*file).to_owned());
        }
        dir.ancestors().skip(1).find_map(|ancestor| {
            locked
                .get(&(ancestor.to_path_buf(), d.name.as_str()))
                .filter(|(_, kind)| *kind == ManifestKind::UvLock)
                .map(|(file, _)| (*file).to_owned())
        })
    };
    dependencies
        .iter()
        .map(|d| AuditedDependency {
            dependency: d.clone(),
            covered_by: if d.source.is_declaration() {
                lock_for(d)
            } else {
                None
            },
        })
        .collect()
}

/// The vulnerabilities of one dependency, aliases grouped: those of its
/// pinned version, or those a range bounded above cannot escape (see
/// [`PackageAdvisories::capping_range`]).
fn check(dependency: &Dependency, advisories: &PackageAdvisories<'_>) -> Vec<Vulnerability> {
    let hits = match &dependency.requirement {
        Requirement::Pinned(version) => advisories.affecting_version(version),
        Requirement::Range { allowed, .. } => advisories.capping_range(allowed),
    };
    if hits.is_empty() {
        return Vec::new();
    }
    let fix = match &dependency.requirement {
        Requirement::Pinned(version) => advisories.clearing_upgrade(version),
        Requirement::Range { allowed, .. } => advisories.clearing_raise(allowed),
    };
    group_aliases(&hits)
        .into_iter()
        .map(|group| {
            let records: Vec<&Advisory> = group.iter().map(|e| e.advisory).collect();
            let primary = primary(&records);
            let mut aliases: Vec<String> = records
                .iter()
                .flat_map(|a| std::iter::once(&a.id).chain(&a.aliases))
                .filter(|id| **id != primary.id)
                .cloned()
                .collect();
            aliases.sort_by(|a, b| natural_cmp(a, b));
            aliases.dedup();
            let mut fixed: Vec<String> =
                group.iter().flat_map(|e| e.fixed.iter().cloned()).collect();
            fixed.sort_by_key(|f| parse_version(f));
            fixed.dedup_by(|a, b| parse_version(a) == parse_version(b));
            // A record's own title reads better than the start of details.
            let summary = records
                .iter()
                .filter(|a| !a.summary.is_empty())
                .min_by(|a, b| {
                    (!a.summary_is_title)
                        .cmp(&!b.summary_is_title)
                        .then_with(|| rank_cmp(&a.id, &b.id))
                })
                .map(|a| a.summary.clone())
                .unwrap_or_default();
            Vulnerability {
                package: dependency.name.clone(),
                version: dependency.requirement.pinned().map(ToString::to_string),
                specifier: match &dependency.requirement {
                    Requirement::Range { .. } => Some(dependency.requirement.describe()),
                    Requirement::Pinned(_) => None,
                },
                id: primary.id.clone(),
                aliases,
                summary,
                // The worst severity a record of the group states; unknown
                // only when none states one.
                severity: records
                    .iter()
                    .map(|a| a.severity)
                    .filter(|s| *s != Severity::Unknown)
                    .max()
                    .unwrap_or(Severity::Unknown),
                cvss: records.iter().filter_map(|a| a.cvss).reduce(f64::max),
                fixed_versions: fixed,
                fix_version: fix.as_ref().map(ToString::to_string),
                file: dependency.file.clone(),
                line: dependency.line,
                source: dependency.source,
                text: dependency.text.clone(),
                occurrences: dependency.occurrences,
                repeated_at: dependency.repeated_at.clone(),
                expired_ignore: None,
            }
        })
        .collect()
}

/// Preference for the primary id of a group: PyPA's own, then GitHub's,
/// then malicious-package reports, then anything else; within a class the
/// first id in natural order (PYSEC-2022-2 before PYSEC-2022-19).
fn rank_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn class(id: &str) -> u8 {
        match crate::db::id_prefix(id) {
            "PYSEC" => 0,
            "GHSA" => 1,
            "MAL" => 2,
            "CVE" => 4,
            _ => 3,
        }
    }
    class(a).cmp(&class(b)).then_with(|| natural_cmp(a, b))
}

fn primary<'a>(records: &[&'a Advisory]) -> &'a Advisory {
    records
        .iter()
        .min_by(|a, b| rank_cmp(&a.id, &b.id))
        .copied()
        .unwrap_or(records[0])
}

/// Groups advisories that share an id or alias (transitively).
fn group_aliases<'e, 'a>(hits: &[&'e Evaluated<'a>]) -> Vec<Vec<&'e Evaluated<'a>>> {
    let mut parent: Vec<usize> = (0..hits.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (index, hit) in hits.iter().enumerate() {
        let advisory = hit.advisory;
        for id in std::iter::once(&advisory.id).chain(&advisory.aliases) {
            match owner.get(id.as_str()) {
                Some(&other) => {
                    let (a, b) = (find(&mut parent, index), find(&mut parent, other));
                    parent[a] = b;
                }
                None => {
                    owner.insert(id.as_str(), index);
                }
            }
        }
    }
    let mut groups: Vec<Vec<&Evaluated<'a>>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for (index, hit) in hits.iter().enumerate() {
        let root = find(&mut parent, index);
        let at = *slot.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[at].push(*hit);
    }
    groups
}
