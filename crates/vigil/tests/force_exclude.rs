//! `vigil check --force-exclude`: files named on the command line (as
//! pre-commit names them) are skipped when the configured excludes cover
//! them, as a walk of the folder would skip them.

use std::path::Path;
use std::process::Command;

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

fn scanned(dir: &Path, args: &[&str]) -> (i32, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["check", "--format", "json", "--quiet"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("vigil runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    let mut paths: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    paths.dedup();
    (out.status.code().unwrap(), paths)
}

#[test]
fn force_exclude_applies_the_configured_excludes_to_named_files() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "import os\nos.system(input())\n";
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.vigil]\nextend-exclude = [\"migrations\", \"gen_*.py\"]\n",
    );
    write(dir.path(), "app/views.py", bad);
    write(dir.path(), "migrations/0001_initial.py", bad);
    write(dir.path(), "app/gen_client.py", bad);
    let named = [
        "app/views.py",
        "migrations/0001_initial.py",
        "app/gen_client.py",
    ];

    // Without the flag a named file is scanned whatever the excludes say.
    let mut args = named.to_vec();
    let (code, paths) = scanned(dir.path(), &args);
    assert_eq!(code, 1);
    assert_eq!(paths.len(), 3, "{paths:?}");

    args.push("--force-exclude");
    let (code, paths) = scanned(dir.path(), &args);
    assert_eq!(code, 1);
    assert_eq!(paths, ["app/views.py"]);

    // Only excluded files named: nothing scanned, nothing found.
    let (code, paths) = scanned(
        dir.path(),
        &[
            "--force-exclude",
            "migrations/0001_initial.py",
            "migrations",
        ],
    );
    assert_eq!(code, 0);
    assert!(paths.is_empty(), "{paths:?}");
}
