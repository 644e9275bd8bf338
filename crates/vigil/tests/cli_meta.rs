//! End-to-end tests of the commands that describe vigil itself:
//! `--version`, `completions` and `man`.

use std::path::Path;
use std::process::{Command, Output};

fn vigil(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("vigil runs")
}

fn stdout_of(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

#[test]
fn version_names_the_embedded_advisory_database() {
    let dir = tempfile::tempdir().unwrap();
    let expected = format!(
        "vigil {} (embedded PyPA advisory database {})\n",
        env!("CARGO_PKG_VERSION"),
        vigil_deps::db::EMBEDDED_DATE
    );
    assert_eq!(stdout_of(&vigil(dir.path(), &["--version"])), expected);
    assert_eq!(stdout_of(&vigil(dir.path(), &["-V"])), expected);
    assert!(expected.contains("2024-10-10"), "{expected}");
}

#[test]
fn completions_cover_every_command_in_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("bash", "_vigil()"),
        ("zsh", "#compdef vigil"),
        ("fish", "complete -c vigil"),
        ("powershell", "Register-ArgumentCompleter"),
    ];
    for (shell, marker) in cases {
        let script = stdout_of(&vigil(dir.path(), &["completions", shell]));
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        for word in ["check", "rules", "deps", "db", "completions", "man"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
        // Options of `check` are completed too, values of `--format` among them.
        assert!(script.contains("--baseline"), "{shell}: no --baseline");
    }
    let unknown = vigil(dir.path(), &["completions", "tcsh"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("tcsh"));
}

#[test]
fn bash_completion_script_is_valid_bash() {
    let dir = tempfile::tempdir().unwrap();
    let script = stdout_of(&vigil(dir.path(), &["completions", "bash"]));
    let path = dir.path().join("vigil.bash");
    std::fs::write(&path, script).unwrap();
    // `bash -n` parses without running; skip where there is no bash.
    match Command::new("bash").arg("-n").arg(&path).output() {
        Ok(out) => assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => eprintln!("bash not available ({e}); syntax not checked"),
    }
}

#[test]
fn man_page_is_roff_for_the_whole_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let page = stdout_of(&vigil(dir.path(), &["man"]));
    assert!(page.contains("\n.TH vigil 1 "), "no title line");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH SUBCOMMANDS",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    for command in ["check", "rules", "deps", "completions", "man"] {
        assert!(
            page.contains(&format!("vigil\\-{command}(1)")),
            "no {command}"
        );
    }
    assert!(
        page.contains(vigil_deps::db::EMBEDDED_DATE),
        "no database date"
    );
}

#[test]
fn man_dir_writes_a_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let run = vigil(dir.path(), &["man", "--dir", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0));
    for page in [
        "vigil.1",
        "vigil-check.1",
        "vigil-deps.1",
        "vigil-db.1",
        "vigil-man.1",
    ] {
        let text =
            std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".TH "), "{page} is not roff");
    }
    let check = std::fs::read_to_string(out.join("vigil-check.1")).unwrap();
    assert!(check.contains("baseline"), "check's options are missing");
    // vigil.1 is the full page, with the sections clap does not generate.
    let main = std::fs::read_to_string(out.join("vigil.1")).unwrap();
    assert!(
        main.contains("EXIT STATUS"),
        "vigil.1 lacks the exit status"
    );
}
