//! Issue #18 ("a gate that never passes silently: fail closed, stay up,
//! leak nothing"): linear time on hostile files, redaction that allows no
//! offline guess check and is the same everywhere, reports that are
//! written whole or not at all, and file names that print distinctly.

mod common;

use common::{stderr, stdout, vigil as run};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A generous bound for inputs that took minutes (quadratic) in a debug
/// build before the fix and take seconds after.
fn assert_quick(what: &str, started: Instant) {
    let spent = started.elapsed();
    assert!(
        spent < Duration::from_secs(90),
        "{what} took {spent:?}: quadratic again?"
    );
}

/// Item 10: 150,000 findings on one line (the code frame counted the whole
/// line once per finding), and 150,000 passwords on one JSON line (every
/// range filtered for every match, the whole line masked per match). Before
/// the fix each of these took several minutes in a debug build.
#[test]
fn many_findings_on_one_line_cost_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("q.py"),
        format!("import hashlib\n{}", "hashlib.md5(x); ".repeat(150_000)),
    )
    .unwrap();
    let started = Instant::now();
    let out = run(d, &["check", "q.py", "-q", "-f", "json", "-o", "q.json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_quick("150k findings on one line", started);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("q.json")).unwrap()).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.len() >= 150_000);
    let last = findings.last().unwrap();
    assert!(last["column"].as_u64().unwrap() > 2_000_000);
    for line in last["snippet"]["lines"].as_array().unwrap() {
        assert!(line.as_str().unwrap().chars().count() <= 401);
    }

    let pairs: Vec<String> = (0..150_000)
        .map(|i| format!("\"password{i}\": \"Xk9#mQ2v{i:06}zL\""))
        .collect();
    std::fs::write(d.join("one.json"), format!("{{{}}}", pairs.join(", "))).unwrap();
    let started = Instant::now();
    let out = run(
        d,
        &["check", "one.json", "-q", "-f", "json", "-o", "s.json"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_quick("150k passwords on one line", started);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("s.json")).unwrap()).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 150_000);
    let snippet = findings[77_777]["snippet"]["lines"][0].as_str().unwrap();
    assert!(snippet.len() < 2_000, "{snippet}");
    assert!(snippet.contains("password77777"), "{snippet}");
    assert!(!snippet.contains("Xk9#mQ2v077777zL"), "{snippet}");
}

/// Item 14: no printed form and no baseline holds a fast hash of a secret;
/// fingerprints stay stable from run to run.
#[test]
fn no_output_holds_a_hash_of_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let password = "Spring2024!xyz";
    std::fs::write(d.join("app.py"), format!("DB_PASSWORD = \"{password}\"\n")).unwrap();
    std::fs::write(d.join(".env"), format!("PASSWORD={password}\n")).unwrap();
    // sha256("Spring2024!xyz"), whose 12-digit prefix reports used to show.
    let digest = "42fbea507ef5f43046a836d2c3b9ec9c3f29d55dc9f21d4b47c31ef41dbc2084";
    for format in [
        "text", "json", "sarif", "html", "github", "gitlab", "junit", "csv",
    ] {
        let out = stdout(&run(d, &["check", ".", "-q", "-f", format]));
        assert!(out.contains("chars)"), "{format}: {out}");
        assert!(!out.contains("sha256:"), "{format}: {out}");
        assert!(!out.contains(&digest[..12]), "{format} holds the hash");
    }
    let out = run(d, &["check", ".", "-q", "--write-baseline", "b1.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    run(d, &["check", ".", "-q", "--write-baseline", "b2.json"]);
    let b1 = std::fs::read_to_string(d.join("b1.json")).unwrap();
    assert_eq!(b1, std::fs::read_to_string(d.join("b2.json")).unwrap());
    assert!(
        !b1.contains(&digest[..12]) && !b1.contains(password),
        "{b1}"
    );
    let out = run(d, &["check", ".", "-q", "--baseline", "b1.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

/// Item 15: the message and the code frame show one literal alike.
#[test]
fn message_and_code_frame_redact_alike() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let secret = "s3cr3t-Pa55w0rd-for-the-db-xyz";
    std::fs::write(
        d.join("app.py"),
        format!(
            "import os\nDB_PASSWORD = \"{secret}\"\nAPI_PASSWORD = (\"s3cr3t-Pa55w0rd-\" r'for-the-db-xyz')\n"
        ),
    )
    .unwrap();
    let out = run(d, &["check", ".", "-q", "-f", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{findings:?}");
    for f in findings {
        let message = f["message"].as_str().unwrap();
        let shown = &message[message.rfind(": ").unwrap() + 2..];
        assert_eq!(shown, "s3c…(30 chars)", "{message}");
        let frame: Vec<&str> = f["snippet"]["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        assert!(
            frame.iter().any(|l| l.contains(shown)),
            "{frame:?} vs {message}"
        );
        assert!(!frame.iter().any(|l| l.contains("(32 chars")), "{frame:?}");
    }
}

/// Item 15: a code frame cut at its width limit never cuts a redacted
/// secret in two.
#[test]
fn a_long_line_is_not_cut_inside_a_redacted_secret() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let secret = "s3cr3t-Pa55w0rd-for-the-db-xyz";
    // The redacted form starts between characters 376 and 410 of the
    // line: the 400-character limit falls inside it for some of them.
    for k in 90..99 {
        let line = format!("{}DB_PASSWORD = \"{secret}\"\n", "x=1;".repeat(k));
        std::fs::write(d.join("app.py"), &line).unwrap();
        let out = run(d, &["check", ".", "-q", "-f", "json"]);
        let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let findings = report["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 1, "{k}");
        for f in findings {
            for l in f["snippet"]["lines"].as_array().unwrap() {
                let l = l.as_str().unwrap();
                if let Some(at) = l.find("s3c…") {
                    assert!(l[at..].contains("(30 chars)"), "cut: {l}");
                }
            }
        }
    }
}

/// Item 16: a report or a baseline that cannot be written is an error
/// (exit 2), on a file or on standard output; a written file is whole.
#[cfg(target_os = "linux")]
#[test]
fn write_errors_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("app.py"), "import os\nos.system('ls ' + input())\n").unwrap();
    let out = run(d, &["check", ".", "-q", "-o", "/dev/full"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("/dev/full"), "{}", stderr(&out));
    let out = run(d, &["check", ".", "-q", "--write-baseline", "/dev/full"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = run(
        d,
        &["check", ".", "-q", "--output-format", "sarif=/dev/full"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // Standard output on a full disk.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["check", ".", "-q"])
        .current_dir(d)
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("standard output"), "{}", stderr(&out));
    // A closed pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["check", ".", "-q", "-f", "json"])
        .current_dir(d)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // A report written to a file leaves no temporary file behind.
    let out = run(d, &["check", ".", "-q", "-f", "json", "-o", "r.json"]);
    assert_eq!(out.status.code(), Some(1));
    let names: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(d.join("r.json")).unwrap())
        .unwrap();
}

/// Item 16: `--write-baseline FILE` says so and exits 0.
#[test]
fn writing_a_baseline_says_so_and_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("app.py"), "import os\nos.system('ls ' + input())\n").unwrap();
    let out = run(d, &["check", ".", "-q", "--write-baseline", "base.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wrote baseline base.json"),
        "{}",
        stderr(&out)
    );
    assert!(
        std::fs::read_to_string(d.join("base.json"))
            .unwrap()
            .contains("fingerprint")
    );
}

/// Item 17: file names that are not UTF-8 are shown escaped, alike in every
/// format, and two names never print the same.
#[cfg(target_os = "linux")]
#[test]
fn non_utf8_file_names_print_escaped_and_distinct() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let code = "import os\nos.system('ls ' + input())\n";
    for name in [&b"bad\xff.py"[..], b"bad\xfe.py", b"bad\\xff.py"] {
        std::fs::write(d.join(OsStr::from_bytes(name)), code).unwrap();
    }
    let out = run(d, &["check", ".", "-q", "-f", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths, ["bad\\\\xff.py", "bad\\xfe.py", "bad\\xff.py"]);
    for format in ["text", "github", "gitlab", "junit", "csv", "sarif", "html"] {
        let out = stdout(&run(d, &["check", ".", "-q", "-f", format]));
        assert!(!out.contains('\u{fffd}'), "{format}: {out}");
        // As is, escaped for JSON, or in a URI.
        assert!(
            ["bad\\xff.py", "bad\\\\xff.py", "bad%5Cxff.py"]
                .iter()
                .any(|shown| out.contains(shown)),
            "{format}: {out}"
        );
    }
}
