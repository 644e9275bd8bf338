//! pip requirement files (`requirements*.txt`, `*.in`): logical lines with
//! `\` continuations, comments, `-r`/`-c` includes (cycle-safe), per-line
//! options such as `--hash`, editable and URL/VCS/path requirements.
//!
//! A file and everything it includes are read as one unit: constraints
//! (`-c`) do not add dependencies, they narrow (or pin) the requirements of
//! the same name. A pinned constraint is reported at the constraint's line,
//! since that is the line to change.

use super::pep508::{self, Location, leading_name};
use super::{Dependency, ManifestKind, Manifests, Requirement};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Deepest chain of includes followed.
const MAX_INCLUDE_DEPTH: usize = 32;

/// Parses a requirement file and its includes into `out`.
pub fn parse(path: &Path, out: &mut Manifests) {
    let mut walker = Walker {
        visited: HashSet::new(),
        requirements: Vec::new(),
        constraints: Vec::new(),
        out,
    };
    walker.walk(path, ManifestKind::Requirements, 0);
    let Walker {
        requirements,
        constraints,
        out,
        ..
    } = walker;
    out.dependencies
        .extend(apply_constraints(requirements, constraints));
}

struct Walker<'a> {
    visited: HashSet<(PathBuf, ManifestKind)>,
    requirements: Vec<Dependency>,
    constraints: Vec<Dependency>,
    out: &'a mut Manifests,
}

impl Walker<'_> {
    fn walk(&mut self, path: &Path, kind: ManifestKind, depth: usize) {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.visited.insert((key, kind)) {
            return;
        }
        let Some(file) = self.out.read_file(path) else {
            return;
        };
        let base = path.parent().unwrap_or(Path::new("."));
        for (line, logical) in logical_lines(&file.text) {
            let content = strip_comment(&logical).trim();
            if content.is_empty() {
                continue;
            }
            let location = Location {
                file: &file.display,
                line,
                source: kind,
                groups: Vec::new(),
                text: file.line_text(line),
            };
            self.line(content, &location, base, kind, depth);
        }
    }

    fn line(
        &mut self,
        content: &str,
        location: &Location<'_>,
        base: &Path,
        kind: ManifestKind,
        depth: usize,
    ) {
        let include = option_value(content, "-r", "--requirement")
            .map(|target| (target, kind))
            .or_else(|| {
                option_value(content, "-c", "--constraint").map(|t| (t, ManifestKind::Constraints))
            });
        if let Some((target, include_kind)) = include {
            self.include(target, include_kind, location, base, depth);
        } else if let Some(target) = option_value(content, "-e", "--editable") {
            if kind == ManifestKind::Requirements {
                let name = egg_name(target);
                let reason = "editable requirement: installed from source, its version is unknown";
                self.out
                    .not_checked
                    .push(location.not_checked(name, content, reason));
            }
        } else if content.starts_with('-') {
            // A global option (--index-url, --find-links, --pre, ...).
        } else {
            let requirement = requirement_part(content);
            if is_url_or_path(requirement) {
                if kind == ManifestKind::Requirements {
                    let reason = "URL, VCS or path requirement: its version is unknown";
                    let name = egg_name(requirement);
                    self.out
                        .not_checked
                        .push(location.not_checked(name, requirement, reason));
                }
                return;
            }
            match pep508::parse(requirement, location) {
                Ok(dependency) if kind == ManifestKind::Constraints => {
                    self.constraints.push(dependency)
                }
                Ok(dependency) => self.requirements.push(dependency),
                Err(not_checked) => self.out.not_checked.push(not_checked),
            }
        }
    }

    fn include(
        &mut self,
        target: &str,
        kind: ManifestKind,
        location: &Location<'_>,
        base: &Path,
        depth: usize,
    ) {
        if target.contains("://") {
            let reason = "remote include not fetched (vigil works offline)";
            self.out
                .not_checked
                .push(location.not_checked(None, target, reason));
            return;
        }
        let path = base.join(target);
        if !path.is_file() {
            let what = if path.exists() {
                "is not a regular file"
            } else {
                "not found"
            };
            let reason = format!("included file {what}: {}", super::display_path(&path));
            self.out.problem(location.error(None, target, reason));
            return;
        }
        if depth >= MAX_INCLUDE_DEPTH {
            let reason = "includes nested too deeply";
            self.out
                .not_checked
                .push(location.not_checked(None, target, reason));
            return;
        }
        self.walk(&path, kind, depth + 1);
    }
}

/// Joins `\` continuations; each logical line keeps the number of its first
/// physical line. A comment line ends a continuation (as pip does).
pub fn logical_lines(text: &str) -> Vec<(u32, String)> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut start = 1u32;
    for (index, raw) in text.lines().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if current.is_empty() {
            start = number;
        }
        let is_comment = raw.trim_start().starts_with('#');
        if !is_comment && let Some(head) = raw.strip_suffix('\\') {
            current.push_str(head);
            continue;
        }
        if is_comment && !current.is_empty() {
            current.push(' ');
        }
        current.push_str(raw);
        lines.push((start, std::mem::take(&mut current)));
    }
    if !current.is_empty() {
        lines.push((start, current));
    }
    lines
}

/// Removes a `#` comment: one at the start or after white space (a `#` in a
/// URL fragment such as `#egg=` stays).
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// The value of option `short`/`long` when the line is that option:
/// `-r file`, `-rfile`, `--requirement file`, `--requirement=file`.
fn option_value<'a>(line: &'a str, short: &str, long: &str) -> Option<&'a str> {
    let rest = if let Some(rest) = line.strip_prefix(long) {
        rest.strip_prefix('=')
            .or_else(|| rest.starts_with(char::is_whitespace).then_some(rest))?
    } else {
        line.strip_prefix(short)?
    };
    let value = rest.trim().trim_matches(['"', '\'']);
    (!value.is_empty()).then_some(value)
}

/// The requirement without trailing per-requirement options (`--hash=...`,
/// `--config-settings ...`): everything before the first white-space
/// separated token starting with `-`, outside quotes.
fn requirement_part(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'-' && i > 0 && bytes[i - 1].is_ascii_whitespace() => {
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                if next == b'-' || next.is_ascii_alphabetic() {
                    return line[..i].trim_end();
                }
            }
            None => {}
        }
    }
    line.trim_end()
}

/// Whether a requirement is a URL, a VCS reference or a local path rather
/// than a name from an index.
fn is_url_or_path(requirement: &str) -> bool {
    let first = requirement.split_whitespace().next().unwrap_or("");
    let lower = first.to_ascii_lowercase();
    ["git+", "hg+", "svn+", "bzr+", "file:"]
        .iter()
        .any(|p| lower.starts_with(p))
        || lower.contains("://")
        || first.starts_with(['.', '/', '~', '\\'])
        || (first.len() > 2
            && first.as_bytes()[1] == b':'
            && first.as_bytes()[0].is_ascii_alphabetic())
        || [".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// The name in a `#egg=name` fragment, or the name a requirement starts
/// with when it is not a URL or path.
fn egg_name(target: &str) -> Option<String> {
    if let Some((_, fragment)) = target.split_once("#egg=") {
        let name = fragment.split(['&', '[', ' ']).next().unwrap_or("");
        return leading_name(name);
    }
    if is_url_or_path(target) {
        None
    } else {
        leading_name(target)
    }
}

/// Narrows requirements by the constraints of the same name.
fn apply_constraints(
    requirements: Vec<Dependency>,
    constraints: Vec<Dependency>,
) -> Vec<Dependency> {
    let mut by_name: HashMap<&str, &Dependency> = HashMap::new();
    for constraint in &constraints {
        by_name
            .entry(constraint.name.as_str())
            .or_insert(constraint);
    }
    requirements
        .into_iter()
        .map(|dependency| {
            let Some(constraint) = by_name.get(dependency.name.as_str()) else {
                return dependency;
            };
            match (&dependency.requirement, &constraint.requirement) {
                (Requirement::Pinned(_), _) => dependency,
                (Requirement::Range { .. }, Requirement::Pinned(_)) => Dependency {
                    extras: dependency.extras.clone(),
                    marker: dependency.marker.clone(),
                    ..(*constraint).clone()
                },
                (
                    Requirement::Range { text, allowed },
                    Requirement::Range {
                        text: c_text,
                        allowed: c_allowed,
                    },
                ) => {
                    let text = [text.as_str(), c_text.as_str()]
                        .iter()
                        .filter(|t| !t.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ");
                    let requirement = Requirement::Range {
                        text,
                        allowed: allowed.intersection(c_allowed),
                    };
                    Dependency {
                        requirement,
                        ..dependency
                    }
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations_keep_first_line_number() {
        let lines = logical_lines("a\\\n  >=1 \\\n  --hash=x\nb\n# c \\\nd\\\n# end\n");
        assert_eq!(lines[0], (1, "a  >=1   --hash=x".to_owned()));
        assert_eq!(lines[1], (4, "b".to_owned()));
        assert_eq!(lines[2], (5, "# c \\".to_owned()));
        assert_eq!(lines[3].0, 6);
        assert!(strip_comment(&lines[3].1).trim() == "d");
    }

    #[test]
    fn comments_and_fragments() {
        assert_eq!(strip_comment("flask==2.0  # pinned"), "flask==2.0  ");
        assert_eq!(
            strip_comment("git+https://x/y.git#egg=y"),
            "git+https://x/y.git#egg=y"
        );
        assert_eq!(strip_comment("# all"), "");
    }

    #[test]
    fn options() {
        assert_eq!(
            option_value("-r base.txt", "-r", "--requirement"),
            Some("base.txt")
        );
        assert_eq!(
            option_value("-rbase.txt", "-r", "--requirement"),
            Some("base.txt")
        );
        assert_eq!(
            option_value("--requirement=base.txt", "-r", "--requirement"),
            Some("base.txt")
        );
        assert_eq!(
            option_value("--requirement base.txt", "-r", "--requirement"),
            Some("base.txt")
        );
        assert_eq!(option_value("--requirementx", "-r", "--requirement"), None);
        assert_eq!(option_value("requests", "-r", "--requirement"), None);
    }

    #[test]
    fn per_requirement_options_are_cut() {
        assert_eq!(
            requirement_part("a==1 --hash=sha256:00 --hash=sha256:11"),
            "a==1"
        );
        assert_eq!(requirement_part("a-b==1"), "a-b==1");
        assert_eq!(
            requirement_part("a==1 ; python_version < '3' -C x"),
            "a==1 ; python_version < '3'"
        );
        assert_eq!(
            requirement_part("a ; extra == 'x -y'"),
            "a ; extra == 'x -y'"
        );
    }

    #[test]
    fn urls_and_paths() {
        assert!(is_url_or_path("git+https://github.com/a/b.git@v1#egg=b"));
        assert!(is_url_or_path("https://example.com/a-1.0.tar.gz"));
        assert!(is_url_or_path("./local/pkg"));
        assert!(is_url_or_path("pkg-1.0-py3-none-any.whl"));
        assert!(is_url_or_path("C:\\wheels\\a.whl"));
        assert!(!is_url_or_path("requests>=2"));
        assert_eq!(
            egg_name("git+https://x/y.git#egg=My_Pkg[extra]").as_deref(),
            Some("my-pkg")
        );
        assert_eq!(egg_name("./src/thing").as_deref(), None);
    }
}
