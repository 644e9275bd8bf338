//! `vigil check --package NAME`: installed distributions as scan inputs.
//! The environment is `--env` or `$VIRTUAL_ENV` (Python is never run to
//! ask); each distribution's files are those its `RECORD` lists inside the
//! environment, of the kinds vigil analyses.

use crate::cli::CheckArgs;
use anyhow::{Result, anyhow, bail};
use std::path::{Path, PathBuf};
use vigil_archive::installed;
use vigil_engine::FileKind;
use vigil_report::{PackageSummary, ScanError};

/// The files to scan for `--package`, each distribution's summary, and
/// the RECORD entries that could not be scanned.
#[derive(Default)]
pub struct Installed {
    pub files: Vec<PathBuf>,
    pub summaries: Vec<PackageSummary>,
    pub errors: Vec<ScanError>,
    /// What each distribution tells about itself, for the rules about a
    /// package as a whole.
    pub metadata: Vec<vigil_engine::InstalledMetadata>,
}

/// Finds every `--package`; a package that is not installed is an error.
pub fn resolve(args: &CheckArgs) -> Result<Installed> {
    let mut found = Installed::default();
    if args.packages.is_empty() {
        return Ok(found);
    }
    let env = match &args.env {
        Some(env) => env.clone(),
        None => match std::env::var_os("VIRTUAL_ENV").filter(|v| !v.is_empty()) {
            Some(env) => PathBuf::from(env),
            None => bail!(
                "--package needs a virtual environment: activate one (VIRTUAL_ENV) or pass --env PATH"
            ),
        },
    };
    if !env.is_dir() {
        bail!("{}: no such environment", vigil_report::path_text(&env));
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = |path: &Path| vigil_engine::display_path(path, &cwd);
    for name in &args.packages {
        let dist = installed::find(&env, name).map_err(|e| anyhow!(e))?;
        let record = shown(&dist.dist_info.join("RECORD"));
        for (entry, why) in &dist.notes {
            // A file vigil would analyse and could not is an error; other
            // entries (byte code, data) only when they lie outside.
            let analysable = FileKind::of(Path::new(entry)).is_some();
            let message = format!("entry `{entry}` {why}");
            if analysable {
                found.errors.push(ScanError::unanalysed(&record, message));
            } else if why.contains("outside") {
                found.errors.push(ScanError::caveat(&record, message));
            }
        }
        let files: Vec<PathBuf> = dist
            .files
            .into_iter()
            .filter(|f| FileKind::of(f).is_some() || is_python_script(f))
            .collect();
        let entry_points = dist.dist_info.join("entry_points.txt");
        let site = dist.dist_info.parent().unwrap_or(&env).to_path_buf();
        found.metadata.push(vigil_engine::InstalledMetadata {
            metadata: dist.metadata.clone(),
            site: shown(&site),
            record: dist.record.clone(),
            path: shown(&dist.dist_info.join("METADATA")),
            entry_points: read_small(&entry_points).map(|text| (shown(&entry_points), text)),
        });
        let runs_at_install = files
            .iter()
            .filter_map(|f| {
                let inside = f.strip_prefix(&site).ok()?.to_str()?;
                let when = vigil_knowledge::supply_chain::runs_without_import(inside, false)?;
                Some(format!("{inside} {when}"))
            })
            .collect();
        found.summaries.push(PackageSummary {
            runs_at_install,
            source: shown(&dist.dist_info),
            kind: "installed".into(),
            name: dist.metadata.name,
            version: dist.metadata.version,
            metadata_path: shown(&dist.dist_info.join("METADATA")),
            requires_dist: dist.metadata.requires_dist,
            files: files.iter().map(|f| shown(f)).collect(),
            ..PackageSummary::default()
        });
        found.files.extend(files);
    }
    Ok(found)
}

/// A metadata file's text, when it exists and is small (a hostile one of
/// gigabytes is not read; the package's other checks still run).
fn read_small(path: &Path) -> Option<String> {
    const MAX: u64 = 1 << 20;
    let len = std::fs::metadata(path).ok()?.len();
    (len <= MAX)
        .then(|| std::fs::read(path).ok())
        .flatten()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// A script without a Python extension (`bin/NAME`, as installers write
/// console scripts) whose first line runs Python.
fn is_python_script(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 256];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let first = head[..n].split(|&b| b == b'\n').next().unwrap_or_default();
    first.starts_with(b"#!") && String::from_utf8_lossy(first).contains("python")
}
