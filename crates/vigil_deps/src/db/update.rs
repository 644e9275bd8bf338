//! `vigil db update`: download the OSV PyPI export and import it.
//!
//! The download is held in memory (bounded), verified as a zip archive with
//! parseable records, and only then imported; a failed download or a bad
//! archive leaves the current database untouched. Proxies from the usual
//! environment variables (`HTTPS_PROXY`, `NO_PROXY`, ...) are honoured.

use super::{DbOrigin, ImportSummary, import_zip_bytes};
use anyhow::{Context, Result, bail};
use std::path::Path;
use std::time::Duration;

/// The OSV.dev export of every PyPI advisory.
pub const DEFAULT_URL: &str = "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip";
/// Largest download accepted.
const MAX_DOWNLOAD_BYTES: u64 = 1024 * 1024 * 1024;

/// `url` as vigil shows and stores it: user-info and tokens masked (a
/// mirror behind credentials, `https://user:token@host/all.zip`).
pub fn shown_url(url: &str) -> String {
    vigil_secrets::mask_secrets(url)
}

/// The HTTP client of every download vigil makes: bounded waits, the
/// platform's certificate store (the roots an organisation's proxy adds
/// are trusted as the system trusts them), proxies from the environment.
pub fn agent() -> ureq::Agent {
    use ureq::tls::{RootCerts, TlsConfig};
    ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_global(Some(Duration::from_secs(600)))
        .tls_config(
            TlsConfig::builder()
                .root_certs(RootCerts::PlatformVerifier)
                .build(),
        )
        .build()
        .into()
}

/// Downloads `url` (http or https) into memory.
pub fn download(url: &str) -> Result<Vec<u8>> {
    let shown = shown_url(url);
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        bail!("only http:// and https:// URLs can be downloaded: {shown}");
    }
    let mut response = agent()
        .get(url)
        .call()
        .with_context(|| format!("downloading {shown}"))?;
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_DOWNLOAD_BYTES)
        .read_to_vec()
        .with_context(|| format!("reading the response from {shown}"))?;
    Ok(bytes)
}

/// Downloads the export at `url`, verifies it and imports it to `dest`;
/// `force` replaces a much larger database too (see [`super::import_path`]).
pub fn update(url: &str, dest: &Path, force: bool) -> Result<ImportSummary> {
    let bytes = download(url)?;
    let shown = shown_url(url);
    let origin = DbOrigin::Download { url: shown.clone() };
    import_zip_bytes(&bytes, origin, dest, force)
        .with_context(|| format!("the download from {shown} is not a usable OSV export"))
}
