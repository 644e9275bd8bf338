//! Throughput of the secrets pass over a Python source tree (by default the
//! standard library of the `python3` on PATH), next to the cost of parsing
//! the same files with `ruff_python_parser`, which is only the first step
//! of a full scan: the secrets pass must stay under 10% of a full scan, so
//! under 10% of parsing is a safe bound.
//!
//! ```text
//! cargo run --release -p vigil_secrets --example bench_stdlib -- [DIR] [--show] [--repeat N]
//! ```
//!
//! `--show` lists every match (redacted) so that false alarms can be
//! reviewed. See `bench/run.sh`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut show = false;
    let mut repeat = 3;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--show" => show = true,
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(3),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let dir = dir.unwrap_or_else(stdlib_dir);
    let mut paths = Vec::new();
    collect(&dir, &mut paths);
    paths.sort();
    let files: Vec<(PathBuf, String)> = paths
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            Some((p, String::from_utf8_lossy(&bytes).into_owned()))
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mb = bytes as f64 / 1_000_000.0;
    println!(
        "tree: {} ({} .py files, {mb:.1} MB)",
        dir.display(),
        files.len()
    );

    let mut best = Duration::MAX;
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for round in 0..repeat.max(1) {
        let start = Instant::now();
        let mut total = 0;
        for (path, text) in &files {
            let found = vigil_secrets::scan_text(text);
            total += found.len();
            if round == 0 {
                for m in &found {
                    *by_kind.entry(m.kind.id()).or_default() += 1;
                    if show {
                        let line = text[..m.range.start].matches('\n').count() + 1;
                        println!(
                            "  {}:{line}: {} [{}] {}",
                            path.display(),
                            m.rule.name(),
                            m.kind.id(),
                            m.message
                        );
                    }
                }
            }
        }
        best = best.min(start.elapsed());
        std::hint::black_box(total);
    }
    let secs = best.as_secs_f64();
    println!(
        "secrets pass: {:.1} ms, {:.0} MB/s (best of {repeat})",
        secs * 1000.0,
        mb / secs
    );
    println!("matches by kind: {by_kind:?}");

    let start = Instant::now();
    let mut parsed = 0;
    for (_, text) in &files {
        parsed += usize::from(ruff_python_parser::parse_module(text).is_ok());
    }
    let parse = start.elapsed().as_secs_f64();
    println!(
        "parse only (ruff_python_parser, {parsed} ok): {:.1} ms, {:.0} MB/s",
        parse * 1000.0,
        mb / parse
    );
    println!("secrets pass / parse: {:.1}%", 100.0 * secs / parse);
}

fn stdlib_dir() -> PathBuf {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .expect("python3 on PATH (or pass a directory)");
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if name != "site-packages" && name != "__pycache__" {
                collect(&path, out);
            }
        } else if kind.is_file() && name.ends_with(".py") {
            out.push(path);
        }
    }
}
