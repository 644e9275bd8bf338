//! `vigil check pypi:NAME==VERSION`: a release's sdist and wheels fetched
//! from a package index (PyPI, or `--index-url`) and scanned as archives.
//!
//! Nothing is built or run: pip and build backends are never called (an
//! sdist's metadata is built by running its code). The project page is
//! read with PEP 691's JSON, else PEP 503's HTML ([`index`]); each file is
//! downloaded into a private temporary folder under the name the index
//! gives (checked to be one plain archive name), hashed as it arrives and
//! compared with the SHA-256 the index lists ([`download`]). A file without
//! a listed hash, or whose hash differs, is an error and is not scanned.
//! The folder is removed when the scan is done; findings show each archive
//! by its file name, as if it had been downloaded into the working folder.

pub mod download;
pub mod index;

use anyhow::{Result, bail};
use std::path::PathBuf;
use vigil_report::ScanError;

/// The default index: PyPI's simple API.
pub const DEFAULT_INDEX: &str = "https://pypi.org/simple/";

/// Whether a command-line path asks for a release from an index.
pub fn is_spec(path: &std::path::Path) -> bool {
    path.to_str().is_some_and(|p| p.starts_with("pypi:"))
}

/// The releases fetched for a scan, in their private folder.
pub struct Fetched {
    /// Removed when dropped.
    pub folder: tempfile::TempDir,
    pub archives: Vec<PathBuf>,
    /// Files that could not be fetched or verified (they fail the run).
    pub errors: Vec<ScanError>,
}

/// Fetches every `pypi:` spec of `paths` from `index_url`. A spec that
/// cannot be parsed, or a project or release the index does not have, is
/// an error of the whole run; a file that fails to download or verify is
/// an error of that file.
pub fn fetch_all(paths: &[PathBuf], index_url: &str) -> Result<Fetched> {
    let folder = tempfile::Builder::new().prefix("vigil-pypi-").tempdir()?;
    let mut fetched = Fetched {
        archives: Vec::new(),
        errors: Vec::new(),
        folder,
    };
    let index_url = if index_url.ends_with('/') {
        index_url.to_string()
    } else {
        format!("{index_url}/")
    };
    if !(index_url.starts_with("https://") || index_url.starts_with("http://")) {
        bail!("--index-url must be an http:// or https:// URL");
    }
    for path in paths.iter().filter(|p| is_spec(p)) {
        let spec = path.to_string_lossy();
        let requested =
            index::Requested::parse(&spec["pypi:".len()..]).map_err(anyhow::Error::msg)?;
        let page_url = format!("{index_url}{}/", requested.normalized());
        let body = download::page(&page_url)?;
        let files = index::parse_page(&body, &page_url);
        let chosen = index::choose(&files, &requested).map_err(|e| {
            anyhow::anyhow!("{e} ({})", vigil_deps::db::update::shown_url(&page_url))
        })?;
        eprintln!(
            "vigil: pypi: {} {}: {} file(s) to scan{}",
            requested.name,
            chosen.version,
            chosen.files.len(),
            if chosen.left_out.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} platform wheel(s) not downloaded (the same Python code built for other platforms)",
                    chosen.left_out.len()
                )
            }
        );
        for file in &chosen.files {
            let shown = format!(
                "pypi:{}=={}/{}",
                requested.name, chosen.version, file.filename
            );
            match download::verified(file, fetched.folder.path()) {
                Ok(archive) => fetched.archives.push(archive),
                Err(e) => fetched
                    .errors
                    .push(ScanError::unanalysed(&shown, format!("{e:#}"))),
            }
        }
    }
    Ok(fetched)
}
