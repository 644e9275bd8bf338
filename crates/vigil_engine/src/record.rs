//! Findings of `wheel-record-mismatch`: where a wheel's files and its
//! `RECORD` disagree (`vigil_archive` compares them as it reads the
//! wheel). Each finding points at the `RECORD` entry that disagrees, or at
//! the file `RECORD` leaves out, or at the wheel when it has no `RECORD`.

use vigil_archive::{MEMBER_SEPARATOR, RecordIssue, RecordProblem};
use vigil_report::{Confidence, Finding, Severity, fingerprint};
use vigil_rules::rules::supply_chain::wheel_record_mismatch::RULE;

/// Member names shown in a message are cut to this many characters.
const MAX_SHOWN: usize = 120;

/// Files whose content runs: an unlisted one is a strong sign.
fn is_code(member: &str) -> bool {
    let lower = member.to_ascii_lowercase();
    [
        ".py", ".pyw", ".pth", ".so", ".pyd", ".dll", ".dylib", ".exe", ".sh", ".bat", ".ps1",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
        || lower.contains(".data/scripts/")
}

fn shown_name(member: &str) -> String {
    let cut: String = member.chars().take(MAX_SHOWN).collect();
    if cut.len() < member.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// The findings for the problems of the wheel shown as `wheel`.
pub(crate) fn findings(wheel: &str, problems: &[RecordProblem]) -> Vec<Finding> {
    problems
        .iter()
        .map(|p| {
            let name = shown_name(&p.member);
            let at_entry = |line: Option<u32>| {
                let line = line.unwrap_or(1);
                (format!("{wheel}{MEMBER_SEPARATOR}{}", p.record), line)
            };
            let ((path, line), severity, confidence, message) = match p.issue {
                RecordIssue::HashDiffers => (
                    at_entry(p.line),
                    Severity::High,
                    Confidence::High,
                    format!(
                        "`{name}` is not the file this wheel was built with: its SHA-256 differs from its RECORD entry, so it was changed after the build"
                    ),
                ),
                RecordIssue::SizeDiffers => (
                    at_entry(p.line),
                    Severity::High,
                    Confidence::High,
                    format!(
                        "`{name}` does not have the size its RECORD entry lists: it was changed after the wheel was built"
                    ),
                ),
                RecordIssue::NoHash => (
                    at_entry(p.line),
                    Severity::Medium,
                    Confidence::Medium,
                    format!(
                        "RECORD lists `{name}` without a hash: nothing shows whether it is the file the wheel was built with"
                    ),
                ),
                RecordIssue::Missing => (
                    at_entry(p.line),
                    Severity::Low,
                    Confidence::Medium,
                    format!(
                        "RECORD lists `{name}`, which is not in the wheel: files were removed or renamed after the build"
                    ),
                ),
                RecordIssue::NotListed => {
                    let code = is_code(&p.member);
                    (
                        (format!("{wheel}{MEMBER_SEPARATOR}{}", p.member), 1),
                        if code { Severity::High } else { Severity::Medium },
                        if code { Confidence::High } else { Confidence::Medium },
                        format!(
                            "`{name}` is in the wheel but not in its RECORD: it was added after the wheel was built{}",
                            if code { ", and it is code that runs once installed" } else { "" }
                        ),
                    )
                }
                RecordIssue::NoRecord => (
                    (wheel.to_string(), 1),
                    Severity::Medium,
                    Confidence::High,
                    "this wheel has no `*.dist-info/RECORD`: every wheel a build tool writes has one, so this one was assembled by hand and nothing shows whether its files are the ones built"
                        .to_string(),
                ),
            };
            Finding {
                rule: RULE.meta.name.to_string(),
                severity,
                confidence,
                cwe: RULE.meta.cwe.to_vec(),
                fingerprint: fingerprint(RULE.meta.name, &path, &p.member, 0),
                path,
                line,
                column: 1,
                end_line: line,
                end_column: 1 + p.width,
                message,
                help: RULE.meta.help.to_string(),
                cell: None,
                flow: Vec::new(),
                snippet: None,
            }
        })
        .collect()
}
