//! Benchmark: audit a generated lock file of 500 packages, database load
//! included, as `vigil deps` does it. Run with `bench/run.sh`.
//!
//! Each iteration reads and parses the lock file, loads the embedded
//! database for the packages it names, audits and renders JSON. A second
//! measurement does the same against an imported database eight times the
//! size of the embedded one (about the size of the full OSV PyPI export),
//! read from a cache file.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::time::{Duration, Instant};
use vigil_deps::audit::{AuditOptions, audit, package_names};
use vigil_deps::db::{Database, store};
use vigil_deps::{manifest, report};

const PACKAGES: usize = 500;
const ITERATIONS: usize = 30;

/// A `uv.lock` with 500 packages: 350 that have advisories (at versions
/// that many of them affect) and 150 that do not.
fn lock_file(db: &Database) -> String {
    let names: BTreeSet<&str> = db
        .advisories()
        .iter()
        .flat_map(|a| a.affected.iter().map(|p| p.name.as_str()))
        .collect();
    let mut text = String::from("version = 1\nrequires-python = \">=3.9\"\n");
    let known = names.iter().take(350);
    let unknown = (0..PACKAGES - known.len()).map(|i| format!("internal-package-{i}"));
    for (i, name) in known.map(|n| n.to_string()).chain(unknown).enumerate() {
        let version = ["0.9", "1.0.0", "2.2.2", "3.1"][i % 4];
        let _ = write!(
            text,
            "\n[[package]]\nname = \"{name}\"\nversion = \"{version}\"\nsource = {{ registry = \"https://pypi.org/simple\" }}\n"
        );
    }
    text
}

fn run_once(
    lock: &std::path::Path,
    cache_file: Option<&std::path::Path>,
) -> (Duration, usize, usize) {
    let start = Instant::now();
    let scope = vigil_walk::WalkScope::defaults(".");
    let manifests = manifest::collect(lock, &scope).expect("lock file");
    let names = package_names(&manifests);
    let (db, _) = Database::load_default(cache_file, Some(&names)).expect("database");
    let options = AuditOptions {
        ignores: Vec::new(),
        today: vigil_deps::db::today(),
    };
    let result = audit(&manifests, &db, &options);
    let json = report::to_json(&result);
    std::hint::black_box(json);
    (
        start.elapsed(),
        manifests.dependencies.len(),
        result.vulnerabilities.len(),
    )
}

fn measure(label: &str, lock: &std::path::Path, cache_file: Option<&std::path::Path>) {
    let mut times = Vec::with_capacity(ITERATIONS);
    let mut shape = (0, 0);
    for _ in 0..ITERATIONS {
        let (time, deps, vulns) = run_once(lock, cache_file);
        times.push(time);
        shape = (deps, vulns);
    }
    times.sort();
    println!(
        "{label}: {} dependencies, {} vulnerabilities; min {:.1} ms, median {:.1} ms, max {:.1} ms ({ITERATIONS} runs)",
        shape.0,
        shape.1,
        times[0].as_secs_f64() * 1e3,
        times[ITERATIONS / 2].as_secs_f64() * 1e3,
        times[ITERATIONS - 1].as_secs_f64() * 1e3,
    );
}

fn main() {
    let embedded = Database::embedded(None).expect("embedded database");
    let dir = tempfile::tempdir().expect("temporary directory");
    let lock = dir.path().join("uv.lock");
    std::fs::write(&lock, lock_file(&embedded)).expect("write lock file");

    measure("embedded snapshot (2,651 advisories)", &lock, None);

    // An imported database of 8 x 2,651 advisories (ids made unique).
    let mut advisories = Vec::new();
    for copy in 0..8 {
        for advisory in embedded.advisories() {
            let mut advisory = advisory.clone();
            advisory.id = format!("{}-COPY{copy}", advisory.id);
            advisories.push(advisory);
        }
    }
    let mut meta = embedded.meta.clone();
    meta.records = advisories.len();
    let big = Database::new(meta, advisories);
    let cache_file = dir.path().join("osv-pypi.vdb");
    store::write(&cache_file, &big).expect("write store");
    let label = format!("imported store ({} advisories)", big.advisories().len());
    measure(&label, &lock, Some(&cache_file));
}
