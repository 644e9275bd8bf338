//! Downloads from a package index: project pages held in memory (bounded),
//! release files streamed to a private folder while they are hashed, and
//! kept only when their SHA-256 is the one the index lists. Proxies from
//! the usual environment variables are honoured.

use super::index::{IndexFile, is_safe_filename};
use anyhow::{Context, Result, bail};
use sha2::Digest;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Largest project page read (PyPI's largest are tens of megabytes).
const MAX_PAGE_BYTES: u64 = 256 * 1024 * 1024;
/// Largest release file downloaded: the archive bound of the scan.
const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

use vigil_deps::db::update::agent;

/// A project page, asking for PEP 691's JSON first.
pub fn page(url: &str) -> Result<String> {
    let shown = vigil_deps::db::update::shown_url(url);
    let mut response = agent()
        .get(url)
        .header(
            "Accept",
            "application/vnd.pypi.simple.v1+json, text/html;q=0.1",
        )
        .call()
        .with_context(|| format!("reading the project page {shown}"))?;
    response
        .body_mut()
        .with_config()
        .limit(MAX_PAGE_BYTES)
        .read_to_string()
        .with_context(|| format!("reading the project page {shown}"))
}

/// Downloads `file` into `folder` under its own name and checks its hash;
/// returns its path. Nothing is left behind when it fails.
pub fn verified(file: &IndexFile, folder: &Path) -> Result<PathBuf> {
    if !is_safe_filename(&file.filename) {
        bail!(
            "the index names a file `{}`: not a plain archive name, not downloaded",
            file.filename.chars().take(120).collect::<String>()
        );
    }
    let Some(expected) = &file.sha256 else {
        bail!(
            "the index lists no SHA-256 for this file: it cannot be verified, so it is not scanned"
        );
    };
    let target = folder.join(&file.filename);
    if target.exists() {
        bail!("the index lists this file twice");
    }
    let result = download_to(&file.url, &target, expected);
    if result.is_err() {
        let _ = std::fs::remove_file(&target);
    }
    result.map(|()| target)
}

fn download_to(url: &str, target: &Path, expected: &str) -> Result<()> {
    let shown = vigil_deps::db::update::shown_url(url);
    let mut response = agent()
        .get(url)
        .call()
        .with_context(|| format!("downloading {shown}"))?;
    let mut reader = response
        .body_mut()
        .with_config()
        .limit(MAX_FILE_BYTES)
        .reader();
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .with_context(|| format!("creating {}", target.display()))?;
    let mut hasher = sha2::Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = reader
            .read(&mut buffer)
            .with_context(|| format!("downloading {shown}"))?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        out.write_all(&buffer[..n])?;
    }
    out.flush()?;
    let actual: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if actual != *expected {
        bail!(
            "its SHA-256 is {actual}, the index lists {expected}: the file is not the one published, it is not scanned"
        );
    }
    Ok(())
}
