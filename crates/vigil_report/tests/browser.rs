//! The HTML report in a real browser: headless Chromium loads it from disk
//! and we read back the DOM after the script ran. Skipped (with a note) when
//! no Chromium is installed, so CI without a browser still passes.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|candidate| candidate.is_file())
}

/// Runs the browser headless on `page` with `mode` (`--dump-dom`,
/// `--screenshot=...`), killing it after a minute.
fn run(browser: &Path, page: &Path, mode: &str, profile: &Path) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1400,2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(mode)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the browser starts");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the browser did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn script_runs_under_the_policy_and_nothing_is_injected() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no chromium on PATH");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("vigil-report-browser");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    let html = vigil_report::html::render(&common::report(), &common::options());
    std::fs::write(&page, html).unwrap();

    let dom = run(&browser, &page, "--dump-dom", &dir.join("profile"));
    assert!(
        dom.contains("<html lang=\"en\" class=\"js\">"),
        "the script did not run:\n{}",
        &dom[..dom.len().min(300)]
    );
    assert!(
        dom.contains("<div class=\"controls\" id=\"controls\">"),
        "controls stay hidden"
    );
    assert!(dom.contains("6 of 6 findings shown"));
    assert!(!dom.contains("<img"), "an image element appeared");
    assert_eq!(dom.matches("<script").count(), 1);

    if let Some(target) = std::env::var_os("VIGIL_SCREENSHOT") {
        let target = PathBuf::from(target);
        run(
            &browser,
            &page,
            &format!("--screenshot={}", target.display()),
            &dir.join("profile"),
        );
        assert!(target.is_file(), "no screenshot written");
    }
}
