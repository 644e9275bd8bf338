//! PEP 508 requirement strings (`name[extra]>=1.0; marker`) → dependencies,
//! parsed by `pep508_rs`.

use super::source::shorten;
use super::{Dependency, ManifestKind, NotChecked, Requirement};
use crate::name;
use crate::version::{allowed_versions, pinned_version};
use pep508_rs::VersionOrUrl;
use std::str::FromStr;

/// Longest requirement string parsed.
const MAX_REQUIREMENT_LEN: usize = 8 * 1024;
/// Deepest parenthesis nesting accepted in a marker.
const MAX_NESTING: usize = 32;

/// Where a requirement string was found.
#[derive(Debug, Clone)]
pub struct Location<'a> {
    pub file: &'a str,
    pub line: u32,
    pub source: ManifestKind,
    pub groups: Vec<String>,
    /// The source line, for snippets.
    pub text: String,
}

impl Location<'_> {
    /// A not-checked entry at this location.
    pub fn not_checked(
        &self,
        name: Option<String>,
        requirement: &str,
        reason: impl Into<String>,
    ) -> NotChecked {
        NotChecked {
            name,
            requirement: shorten(requirement),
            // A reason may quote the tree (an included file's path).
            reason: vigil_secrets::mask_secrets(&reason.into()),
            file: self.file.to_owned(),
            line: self.line,
            error: false,
        }
    }

    /// A parse error at this location.
    pub fn error(
        &self,
        name: Option<String>,
        requirement: &str,
        reason: impl Into<String>,
    ) -> NotChecked {
        self.not_checked(name, requirement, reason).into_error()
    }

    /// A dependency at this location.
    pub fn dependency(&self, name: &str, requirement: Requirement) -> Dependency {
        Dependency {
            name: name::normalize(name),
            requirement,
            file: self.file.to_owned(),
            line: self.line,
            source: self.source,
            extras: Vec::new(),
            marker: None,
            groups: self.groups.clone(),
            text: self.text.clone(),
            repeated_at: Vec::new(),
            occurrences: 1,
        }
    }
}

/// The name a requirement string starts with, if it starts with one.
pub fn leading_name(text: &str) -> Option<String> {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(text.len());
    let candidate = text[..end].trim_end_matches(['-', '_', '.']);
    name::is_valid(candidate).then(|| name::normalize(candidate))
}

fn nesting_depth(text: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                max = max.max(depth);
            }
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Rejects what `pep508_rs` 0.9 is known to panic on, before it sees it:
/// a name that ends in `.`, `-` or `_` right before what follows it
/// (`a.==1.0`), and a non-ASCII character outside a quoted string
/// (`a==1;python_version<"3"é`). Neither is valid PEP 508 anyway.
pub fn prevalidate(text: &str) -> Result<(), String> {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(text.len());
    let name = &text[..end];
    if name.ends_with(['-', '_', '.']) {
        return Err(format!(
            "invalid package name {name:?}: a name cannot end with '.', '-' or '_'"
        ));
    }
    prevalidate_marker(text)
}

/// The non-ASCII half of [`prevalidate`], for a marker on its own.
pub fn prevalidate_marker(text: &str) -> Result<(), String> {
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if !c.is_ascii() => {
                return Err(format!("non-ASCII character {c:?} outside a quoted string"));
            }
            None => {}
        }
    }
    Ok(())
}

/// `pep508_rs`'s parse, with its known panics avoided ([`prevalidate`]) and
/// any other panic turned into an error.
pub fn parse_pep508(text: &str) -> Result<pep508_rs::Requirement<pep508_rs::VerbatimUrl>, String> {
    prevalidate(text)?;
    match crate::guard::no_panic(|| {
        pep508_rs::Requirement::<pep508_rs::VerbatimUrl>::from_str(text)
    }) {
        Some(Ok(requirement)) => Ok(requirement),
        Some(Err(err)) => {
            let message = err.message.to_string();
            Err(shorten(message.lines().next().unwrap_or("")))
        }
        None => Err("the PEP 508 parser failed on this requirement".to_owned()),
    }
}

/// Parses one PEP 508 requirement string.
pub fn parse(text: &str, location: &Location<'_>) -> Result<Dependency, NotChecked> {
    let text = text.trim();
    if text.len() > MAX_REQUIREMENT_LEN || nesting_depth(text) > MAX_NESTING {
        return Err(location.error(
            leading_name(text),
            text,
            "requirement too long or too deeply nested",
        ));
    }
    let requirement = match parse_pep508(text) {
        Ok(requirement) => requirement,
        Err(message) => {
            let reason = format!("invalid requirement: {message}");
            return Err(location.error(leading_name(text), text, reason));
        }
    };
    let name = requirement.name.to_string();
    let req = match &requirement.version_or_url {
        None => Requirement::any(),
        Some(VersionOrUrl::Url(_)) => {
            return Err(location.not_checked(
                Some(name::normalize(&name)),
                text,
                "direct URL requirement: its version is unknown",
            ));
        }
        Some(VersionOrUrl::VersionSpecifier(specifiers)) => match pinned_version(specifiers) {
            Some(version) => Requirement::Pinned(version),
            None => Requirement::Range {
                text: specifiers.to_string(),
                allowed: allowed_versions(specifiers),
            },
        },
    };
    let mut dependency = location.dependency(&name, req);
    dependency.extras = requirement.extras.iter().map(ToString::to_string).collect();
    // The marker as written (pep508_rs would print its normalised form).
    dependency.marker = requirement
        .marker
        .contents()
        .and_then(|_| text.split_once(';'))
        .map(|(_, marker)| marker.trim().to_owned());
    Ok(dependency)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location() -> Location<'static> {
        Location {
            file: "requirements.txt",
            line: 3,
            source: ManifestKind::Requirements,
            groups: vec![],
            text: String::new(),
        }
    }

    #[test]
    fn pinned_range_and_any() {
        let d = parse(
            "Jinja2[i18n]==2.10.1 ; python_version >= '3.8'",
            &location(),
        )
        .unwrap();
        assert_eq!(d.name, "jinja2");
        assert_eq!(d.requirement.describe(), "==2.10.1");
        assert_eq!(d.extras, ["i18n"]);
        assert_eq!(d.marker.as_deref(), Some("python_version >= '3.8'"));
        let d = parse("requests>=2.0,<3", &location()).unwrap();
        assert!(d.requirement.pinned().is_none());
        assert_eq!(d.requirement.describe(), ">=2.0, <3");
        let d = parse("flask", &location()).unwrap();
        assert_eq!(d.requirement.describe(), "*");
    }

    #[test]
    fn urls_and_garbage_are_not_checked() {
        let n = parse("pkg @ https://example.com/pkg-1.0.tar.gz", &location()).unwrap_err();
        assert_eq!(n.name.as_deref(), Some("pkg"));
        assert_eq!(n.line, 3);
        let n = parse("foo >= = 1", &location()).unwrap_err();
        assert_eq!(n.name.as_deref(), Some("foo"));
        assert!(n.reason.starts_with("invalid requirement"));
        let deep = format!(
            "a; {}python_version>'3'{}",
            "(".repeat(5000),
            ")".repeat(5000)
        );
        assert!(parse(&deep, &location()).is_err());
    }
}
