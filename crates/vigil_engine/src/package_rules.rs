//! Findings about a package as a whole, from what the archive reader
//! found in it:
//!
//! * `wheel-record-mismatch`: where a wheel's (or an installed
//!   distribution's) files and its `RECORD` disagree; each finding points
//!   at the `RECORD` entry that disagrees, at the file `RECORD` leaves out,
//!   or at the wheel without `RECORD`;
//! * `console-script-shadowing`: a command of the package's
//!   `entry_points.txt` named like a system command it does not own
//!   (`vigil_knowledge::supply_chain::shadowed_command`);
//! * `typosquat-name`: a package named one edit away from a popular
//!   project (`vigil_knowledge::popular_packages`), at its `Name:` header;
//! * `compiled-code-in-pure-wheel`: native code in a wheel tagged pure
//!   Python, at the member (the launchers of
//!   `vigil_knowledge::supply_chain::SCRIPT_LAUNCHERS` excepted).

use vigil_archive::{
    CompiledMember, MEMBER_SEPARATOR, Metadata, RecordIssue, RecordProblem, WheelInfo,
};
use vigil_report::{Confidence, Finding, Severity, fingerprint};
use vigil_rules::Rule;
use vigil_rules::rules::supply_chain::{
    compiled_code_in_pure_wheel, console_script_shadowing, typosquat_name, wheel_record_mismatch,
};

/// Member names shown in a message are cut to this many characters.
const MAX_SHOWN: usize = 120;
/// Compiled members reported per wheel.
const MAX_COMPILED: usize = 20;
/// Commands reported per `entry_points.txt`: a hostile one of a million
/// `ls = x` lines is not a million findings.
const MAX_SCRIPTS: usize = 50;

fn shown_name(member: &str) -> String {
    let cut: String = member.chars().take(MAX_SHOWN).collect();
    if cut.len() < member.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// Where a package finding points and what it says.
struct Place {
    path: String,
    line: u32,
    /// Characters of the line the finding covers (0: the start only).
    width: u32,
    /// What the finding is about, for its fingerprint.
    subject: String,
}

fn finding(
    rule: &Rule,
    place: Place,
    severity: Severity,
    confidence: Confidence,
    message: String,
) -> Finding {
    Finding {
        rule: rule.meta.name.to_string(),
        severity,
        confidence,
        cwe: rule.meta.cwe.to_vec(),
        fingerprint: fingerprint(rule.meta.name, &place.path, &place.subject, 0),
        path: place.path,
        line: place.line,
        column: 1,
        end_line: place.line,
        end_column: 1 + place.width,
        message,
        help: rule.meta.help.to_string(),
        cell: None,
        flow: Vec::new(),
        snippet: None,
    }
}

/// The console scripts of a package's `entry_points.txt` (`text`, the file
/// shown as `path`) that take over a command, for the package named
/// `owner`.
pub(crate) fn shadowing_findings(path: &str, owner: &str, text: &str) -> Vec<Finding> {
    let owner = vigil_archive::installed::normalize(owner);
    let mut section = String::new();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if out.len() >= MAX_SCRIPTS {
            break;
        }
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            section = name.trim().to_ascii_lowercase();
            continue;
        }
        if section != "console_scripts" && section != "gui_scripts" {
            continue;
        }
        let Some((script, target)) = trimmed.split_once('=') else {
            continue;
        };
        let Some(command) = vigil_knowledge::supply_chain::shadowed_command(script, &owner) else {
            continue;
        };
        let script = shown_name(script.trim());
        let target = shown_name(target.trim());
        out.push(finding(
            &console_script_shadowing::RULE,
            Place {
                path: path.to_string(),
                line: i as u32 + 1,
                width: line.chars().count() as u32,
                subject: script.clone(),
            },
            console_script_shadowing::RULE.meta.severity,
            console_script_shadowing::RULE.meta.confidence,
            format!(
                "installing this package creates a `{script}` command (running `{target}`) that runs in place of `{command}` while its environment is on PATH"
            ),
        ));
    }
    out
}

/// A package named like a popular project it is not, its metadata file
/// at `path` (shown).
pub(crate) fn typosquat_finding(path: &str, metadata: &Metadata) -> Option<Finding> {
    use vigil_knowledge::popular_packages::{Edit, POPULAR_AS_OF, edit_kind, near_popular};
    let name = vigil_archive::installed::normalize(&metadata.name);
    let popular = near_popular(&name)?;
    let confidence = match edit_kind(&name, popular) {
        Edit::Appended => Confidence::Low,
        Edit::Inside => Confidence::Medium,
    };
    let shown = shown_name(&metadata.name);
    Some(finding(
        &typosquat_name::RULE,
        Place {
            path: path.to_string(),
            line: metadata.name_line.max(1),
            width: metadata.name_width,
            subject: name.clone(),
        },
        typosquat_name::RULE.meta.severity,
        confidence,
        format!(
            "the package is named `{shown}`, one letter away from the popular project `{popular}` (PyPI's most downloaded, as of {POPULAR_AS_OF}): a typosquat gets installed by whoever mistypes the real name"
        ),
    ))
}

/// Whose `RECORD` disagrees with its files, and how its files are shown.
pub(crate) enum RecordOwner<'a> {
    /// A wheel, shown as this path; its members as `WHEEL!/MEMBER`.
    Wheel(&'a str),
    /// An installed distribution; `RECORD` paths are relative to this
    /// `site-packages` (shown).
    Installed(&'a str),
}

impl RecordOwner<'_> {
    fn member(&self, member: &str) -> String {
        match self {
            RecordOwner::Wheel(wheel) => format!("{wheel}{MEMBER_SEPARATOR}{member}"),
            RecordOwner::Installed(site) => format!("{site}/{member}"),
        }
    }

    /// When the files were last known good.
    fn since(&self) -> &'static str {
        match self {
            RecordOwner::Wheel(_) => "the wheel was built",
            RecordOwner::Installed(_) => "the package was installed",
        }
    }
}

/// The findings for the problems of a wheel's or an installed
/// distribution's `RECORD`. Files an installed distribution's folders hold
/// beyond its `RECORD` are reported when they are code only (a cache or a
/// user's file there is no sign).
pub(crate) fn record_findings(owner: RecordOwner, problems: &[RecordProblem]) -> Vec<Finding> {
    let rule = &wheel_record_mismatch::RULE;
    let since = owner.since();
    problems
        .iter()
        .filter_map(|p| {
            let name = shown_name(&p.member);
            let at_entry = |line: Option<u32>| (owner.member(&p.record), line.unwrap_or(1));
            let ((path, line), severity, confidence, message) = match p.issue {
                RecordIssue::HashDiffers => (
                    at_entry(p.line),
                    Severity::High,
                    Confidence::High,
                    format!(
                        "`{name}` is not the file RECORD lists: its SHA-256 differs, so it was changed after {since}"
                    ),
                ),
                RecordIssue::SizeDiffers => (
                    at_entry(p.line),
                    Severity::High,
                    Confidence::High,
                    format!(
                        "`{name}` does not have the size its RECORD entry lists: it was changed after {since}"
                    ),
                ),
                RecordIssue::NoHash => (
                    at_entry(p.line),
                    Severity::Medium,
                    Confidence::Medium,
                    format!(
                        "RECORD lists `{name}` without a hash: nothing shows whether it is the file of {}",
                        match owner {
                            RecordOwner::Wheel(_) => "the build",
                            RecordOwner::Installed(_) => "the install",
                        }
                    ),
                ),
                RecordIssue::Missing => (
                    at_entry(p.line),
                    Severity::Low,
                    Confidence::Medium,
                    format!(
                        "RECORD lists `{name}`, which is not in the wheel: files were removed or renamed after {since}"
                    ),
                ),
                RecordIssue::NotListed => {
                    let code = vigil_knowledge::supply_chain::runs_once_installed(&p.member);
                    if !code && matches!(owner, RecordOwner::Installed(_)) {
                        return None;
                    }
                    (
                        (owner.member(&p.member), 1),
                        if code { Severity::High } else { Severity::Medium },
                        if code { Confidence::High } else { Confidence::Medium },
                        format!(
                            "`{name}` is in the {} but not in its RECORD: it was added after {since}{}",
                            match owner {
                                RecordOwner::Wheel(_) => "wheel",
                                RecordOwner::Installed(_) => "package's folders",
                            },
                            if code { ", and it is code that runs once installed" } else { "" }
                        ),
                    )
                }
                RecordIssue::NoRecord => (
                    (
                        match owner {
                            RecordOwner::Wheel(wheel) => wheel.to_string(),
                            RecordOwner::Installed(site) => site.to_string(),
                        },
                        1,
                    ),
                    Severity::Medium,
                    Confidence::High,
                    "this wheel has no `*.dist-info/RECORD`: every wheel a build tool writes has one, so this one was assembled by hand and nothing shows whether its files are the ones built"
                        .to_string(),
                ),
            };
            Some(finding(
                rule,
                Place {
                    path,
                    line,
                    width: p.width,
                    subject: p.member.clone(),
                },
                severity,
                confidence,
                message,
            ))
        })
        .collect()
}

/// The compiled members of the wheel shown as `wheel`, when its tags say
/// it is pure Python.
pub(crate) fn compiled_findings(
    wheel: &str,
    info: Option<&WheelInfo>,
    compiled: &[CompiledMember],
) -> Vec<Finding> {
    let Some(info) = info.filter(|i| i.claims_pure_python()) else {
        return Vec::new();
    };
    let rule = &compiled_code_in_pure_wheel::RULE;
    let tag = shown_name(&info.tags[0]);
    compiled
        .iter()
        .filter(|m| !vigil_knowledge::supply_chain::is_script_launcher(&m.name))
        .take(MAX_COMPILED)
        .map(|m| {
            let name = shown_name(&m.name);
            finding(
                rule,
                Place {
                    path: format!("{wheel}{MEMBER_SEPARATOR}{}", m.name),
                    line: 1,
                    width: 0,
                    subject: m.name.clone(),
                },
                rule.meta.severity,
                rule.meta.confidence,
                format!(
                    "`{name}` is {}, in a wheel tagged `{tag}` (pure Python): nothing in the package is compiled from source, so this binary was added as it is and its code cannot be reviewed",
                    m.what
                ),
            )
        })
        .collect()
}
