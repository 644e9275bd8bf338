//! Matching on tricky ranges: pre/post/dev releases, epochs, unsorted
//! events, `last_affected`, `limit`, versions-only records, local labels.

use super::*;
use crate::db::{Advisory, DbMeta};
use crate::osv::OsvRecord;
use crate::version::{allowed_versions, parse_specifiers};

fn v(text: &str) -> Version {
    parse_version(text).unwrap()
}

fn events(spec: &[(&str, &str)]) -> Vec<RangeEvent> {
    spec.iter()
        .map(|(kind, version)| {
            let version = (*version).to_owned();
            match *kind {
                "introduced" => RangeEvent::Introduced(version),
                "fixed" => RangeEvent::Fixed(version),
                "last_affected" => RangeEvent::LastAffected(version),
                "limit" => RangeEvent::Limit(version),
                other => panic!("bad kind {other}"),
            }
        })
        .collect()
}

fn affected(spec: &[(&str, &str)], version: &str) -> bool {
    range_set(&events(spec)).contains(&v(version))
}

#[test]
fn introduced_fixed() {
    let spec = [("introduced", "1.0"), ("fixed", "1.5")];
    assert!(!affected(&spec, "0.9"));
    assert!(affected(&spec, "1.0"));
    assert!(affected(&spec, "1.4.99"));
    assert!(!affected(&spec, "1.5"));
    assert!(!affected(&spec, "2.0"));
}

#[test]
fn introduced_zero_means_every_earlier_release() {
    let spec = [("introduced", "0"), ("fixed", "2.0")];
    assert!(affected(&spec, "0.0.1.dev0"));
    assert!(affected(&spec, "1.9"));
    assert!(!affected(&spec, "2.0"));
}

#[test]
fn pre_releases_of_the_fix_are_still_affected() {
    let spec = [("introduced", "0"), ("fixed", "2.0")];
    assert!(affected(&spec, "2.0rc1"));
    assert!(affected(&spec, "2.0a1"));
    assert!(affected(&spec, "2.0.dev3"));
    // A pre-release of the introducing version predates the bug.
    let spec = [("introduced", "2.0"), ("fixed", "2.1")];
    assert!(!affected(&spec, "2.0rc1"));
    assert!(affected(&spec, "2.1b1"));
}

#[test]
fn post_releases_order_after_their_release() {
    let spec = [("introduced", "0"), ("fixed", "1.0.post1")];
    assert!(affected(&spec, "1.0"));
    assert!(!affected(&spec, "1.0.post1"));
    assert!(!affected(&spec, "1.0.post2"));
    let spec = [("introduced", "0"), ("fixed", "1.0")];
    assert!(!affected(&spec, "1.0.post1"));
}

#[test]
fn epochs_dominate_release_numbers() {
    let spec = [("introduced", "0"), ("fixed", "1!1.0")];
    assert!(affected(&spec, "2024.10"));
    assert!(affected(&spec, "1!0.9"));
    assert!(!affected(&spec, "1!1.0"));
    let spec = [("introduced", "1!0"), ("fixed", "1!2.0")];
    assert!(!affected(&spec, "99.0"));
    assert!(affected(&spec, "1!1.5"));
}

#[test]
fn last_affected_includes_that_version_only() {
    let spec = [("introduced", "1.0"), ("last_affected", "1.4")];
    assert!(affected(&spec, "1.4"));
    assert!(!affected(&spec, "1.4.post1"));
    assert!(!affected(&spec, "1.4.1"));
    assert!(!affected(&spec, "0.9"));
}

#[test]
fn unsorted_events_are_sorted_first() {
    let spec = [
        ("fixed", "2.2"),
        ("introduced", "2.0"),
        ("fixed", "1.2"),
        ("introduced", "1.0"),
    ];
    assert!(affected(&spec, "1.1"));
    assert!(!affected(&spec, "1.5"));
    assert!(affected(&spec, "2.1"));
    assert!(!affected(&spec, "2.2"));
}

#[test]
fn open_ranges_affect_everything_after() {
    let spec = [("introduced", "3.0")];
    assert!(affected(&spec, "3.0"));
    assert!(affected(&spec, "999"));
    assert!(!affected(&spec, "2.9"));
}

#[test]
fn limit_caps_the_range() {
    let spec = [("introduced", "1.0"), ("limit", "2.0")];
    assert!(affected(&spec, "1.9"));
    assert!(!affected(&spec, "2.0"));
    let spec = [("introduced", "1.0"), ("limit", "*")];
    assert!(affected(&spec, "5.0"));
}

#[test]
fn unparseable_events_are_skipped() {
    let spec = [
        ("introduced", "0"),
        ("fixed", "abc123def"),
        ("fixed", "1.0"),
    ];
    assert!(affected(&spec, "0.5"));
    assert!(!affected(&spec, "1.0"));
}

#[test]
fn degenerate_ranges_are_empty() {
    assert!(range_set(&events(&[("introduced", "1.0"), ("fixed", "1.0")])).is_empty());
    assert!(range_set(&events(&[("fixed", "1.0")])).is_empty());
    assert!(range_set(&[]).is_empty());
}

#[test]
fn local_labels_are_ignored() {
    let spec = [("introduced", "0"), ("fixed", "1.0+build5")];
    assert!(affected(&spec, "0.9+local.2"));
    assert!(!affected(&spec, "1.0+other"));
}

fn package(ranges: Vec<Vec<RangeEvent>>, versions: &[&str]) -> AffectedPackage {
    AffectedPackage {
        name: "pkg".into(),
        ranges,
        versions: versions.iter().map(|s| (*s).to_owned()).collect(),
    }
}

#[test]
fn versions_only_records() {
    let pkg = package(vec![], &["1.0", "1.1", "2.0b1"]);
    let set = affected_set(&pkg);
    assert!(set.contains(&v("1.0")));
    assert!(set.contains(&v("1.0.0")));
    assert!(set.contains(&v("2.0b1")));
    assert!(!set.contains(&v("1.0.1")));
    assert!(!set.contains(&v("2.0")));
}

#[test]
fn versions_and_ranges_are_united() {
    let pkg = package(
        vec![events(&[("introduced", "2.0"), ("fixed", "2.1")])],
        &["1.5"],
    );
    let set = affected_set(&pkg);
    assert!(set.contains(&v("1.5")));
    assert!(set.contains(&v("2.0.5")));
    assert!(!set.contains(&v("1.6")));
}

#[test]
fn fixed_versions_are_sorted_and_unique() {
    let pkg = package(
        vec![
            events(&[
                ("introduced", "2.0"),
                ("fixed", "2.10"),
                ("introduced", "0"),
                ("fixed", "1.9"),
            ]),
            events(&[("introduced", "0"), ("fixed", "2.10.0")]),
        ],
        &[],
    );
    assert_eq!(fixed_versions(&pkg), ["1.9", "2.10"]);
}

fn database(records: &[&str]) -> Database {
    let advisories = records
        .iter()
        .map(|json| Advisory::from_record(OsvRecord::from_json(json.as_bytes()).unwrap()).unwrap())
        .collect();
    Database::new(DbMeta::default(), advisories)
}

fn record(id: &str, spec: &str) -> String {
    format!(
        r#"{{"id":"{id}","affected":[{{"package":{{"ecosystem":"PyPI","name":"pkg"}},
        "ranges":[{{"type":"ECOSYSTEM","events":{spec}}}]}}]}}"#
    )
}

#[test]
fn clearing_upgrade_skips_versions_hit_by_other_advisories() {
    let a = record("A-1", r#"[{"introduced":"0"},{"fixed":"1.5"}]"#);
    let b = record("B-1", r#"[{"introduced":"1.5"},{"fixed":"1.7"}]"#);
    let c = record("C-1", r#"[{"introduced":"0"},{"fixed":"1.6"}]"#);
    let db = database(&[&a, &b, &c]);
    let pkg = PackageAdvisories::new(&db, "pkg");
    assert_eq!(pkg.affecting_version(&v("1.0")).len(), 2);
    assert_eq!(pkg.clearing_upgrade(&v("1.0")), Some(v("1.7")));
    assert_eq!(pkg.clearing_upgrade(&v("1.7")), None);
}

#[test]
fn no_clearing_upgrade_without_fix() {
    let a = record("A-1", r#"[{"introduced":"0"}]"#);
    let db = database(&[&a]);
    let pkg = PackageAdvisories::new(&db, "pkg");
    assert_eq!(pkg.affecting_version(&v("9.9")).len(), 1);
    assert_eq!(pkg.clearing_upgrade(&v("9.9")), None);
}

fn allowed(spec: &str) -> VersionSet {
    allowed_versions(&parse_specifiers(spec).unwrap())
}

#[test]
fn ranges_overlap_advisories() {
    let a = record("A-1", r#"[{"introduced":"0"},{"fixed":"1.5"}]"#);
    let b = record("B-1", r#"[{"introduced":"2.0"},{"fixed":"2.1"}]"#);
    let db = database(&[&a, &b]);
    let pkg = PackageAdvisories::new(&db, "pkg");
    let ids = |spec: &str| -> Vec<String> {
        pkg.affecting_range(&allowed(spec))
            .iter()
            .map(|e| e.advisory.id.clone())
            .collect()
    };
    assert_eq!(ids(">=1.5,<2.0"), Vec::<String>::new());
    assert_eq!(ids(">=1.0,<2.0"), ["A-1"]);
    assert_eq!(ids(">=1.5"), ["B-1"]);
    assert_eq!(ids("~=2.0"), ["B-1"]);
    assert_eq!(ids(">=2.1"), Vec::<String>::new());
    assert_eq!(pkg.clearing_lower_bound(&allowed(">=1.0")), Some(v("2.1")));
    assert_eq!(
        pkg.clearing_lower_bound(&allowed(">=1.0,<2")),
        Some(v("1.5"))
    );
    assert_eq!(pkg.clearing_lower_bound(&allowed(">=2.1")), None);
}

#[test]
fn ranges_capped_below_a_fix_are_affected_at_their_top() {
    let a = record("A-1", r#"[{"introduced":"0"},{"fixed":"1.5"}]"#);
    let b = record("B-1", r#"[{"introduced":"1.5"},{"fixed":"1.7"}]"#);
    let db = database(&[&a, &b]);
    let pkg = PackageAdvisories::new(&db, "pkg");
    let ids = |spec: &str| -> Vec<String> {
        pkg.capping_range(&allowed(spec))
            .iter()
            .map(|e| e.advisory.id.clone())
            .collect()
    };
    // Every version below 1.5 is affected by A: the cap keeps the fix out.
    assert_eq!(ids("<1.5"), ["A-1"]);
    assert_eq!(ids(">=1.0,<1.4"), ["A-1"]);
    assert_eq!(ids("==1.4.*"), ["A-1"]);
    // 1.5 and 1.6 are affected by B, and the cap keeps 1.7 out.
    assert_eq!(ids("<=1.6"), ["B-1"]);
    assert_eq!(ids("~=1.5.0"), ["B-1"]);
    // The fix is allowed: an installer reaches it.
    assert!(ids("<2").is_empty());
    assert!(ids(">=1.0").is_empty());
    assert!(ids("").is_empty());
    assert_eq!(pkg.clearing_raise(&allowed("<1.5")), Some(v("1.7")));
    assert_eq!(pkg.clearing_raise(&allowed("<=1.6")), Some(v("1.7")));
    assert_eq!(pkg.clearing_raise(&allowed(">=1.0")), None);
    // An advisory without a fix caps every bounded range.
    let open = record("C-1", r#"[{"introduced":"3.0"}]"#);
    let db = database(&[&open]);
    let pkg = PackageAdvisories::new(&db, "pkg");
    assert_eq!(pkg.capping_range(&allowed("<4")).len(), 1);
    assert!(pkg.capping_range(&allowed("<3")).is_empty());
    assert!(pkg.capping_range(&allowed(">=3.1")).is_empty());
}
