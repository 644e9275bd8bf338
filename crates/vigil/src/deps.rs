//! `vigil deps` and `vigil check --deps`: the dependency audit of
//! `vigil_deps`, with ignores from `[tool.vigil.deps]`.

use anyhow::{Context, Result};
use std::path::Path;
use vigil_config::find_config;
use vigil_deps::{DepsArgs, IgnoreEntry};
use vigil_report::ScanReport;

/// `ignore = [{id, reason, expires}]` under `[tool.vigil.deps]`.
pub fn config_ignores(deps: Option<&toml::Table>) -> Result<Vec<IgnoreEntry>> {
    let Some(list) = deps.and_then(|d| d.get("ignore")) else {
        return Ok(Vec::new());
    };
    list.clone().try_into().context(
        "invalid configuration: [tool.vigil.deps] `ignore` must be a list of {id, reason, expires}",
    )
}

pub fn run(args: &DepsArgs) -> Result<u8> {
    let start = args.paths.first().map_or(Path::new("."), |p| p.as_path());
    let config = find_config(start)?;
    let mut args = args.clone();
    args.config_ignores = config_ignores(config.as_ref().and_then(|c| c.options.deps.as_ref()))?;
    vigil_deps::run_deps(&args).map(crate::exit_code)
}

/// Adds the dependency audit of `paths` to a scan report.
pub fn add_to_report(
    report: &mut ScanReport,
    paths: &[std::path::PathBuf],
    deps: Option<&toml::Table>,
) -> Result<()> {
    let args = DepsArgs {
        paths: paths.to_vec(),
        config_ignores: config_ignores(deps)?,
        ..DepsArgs::default()
    };
    let ctx = vigil_deps::cli::RunContext::from_env();
    match vigil_deps::cli::audit_with(&args, &ctx) {
        Ok(audited) => {
            for warning in audited.warnings {
                eprintln!("vigil: deps: {warning}");
            }
            let findings = vigil_deps::to_findings(&audited.report);
            if !findings.is_empty() {
                report.rules.push(vigil_deps::report::rule_info());
            }
            report.findings.extend(findings);
            report.finish();
            Ok(())
        }
        // Nothing to audit under these paths: not an error for `check`.
        Err(vigil_deps::cli::DepsError::Usage(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}
