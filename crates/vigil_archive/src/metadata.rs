//! A package's core metadata (`METADATA` of a wheel or installed
//! distribution, `PKG-INFO` of an sdist or egg): name, version, and the
//! requirements it declares.

use crate::{ArchiveKind, Member};

/// The fields vigil reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub name: String,
    /// 1-based line of the `Name:` header in the metadata file, and its
    /// length in characters.
    pub name_line: u32,
    pub name_width: u32,
    /// The metadata file's name inside the archive (empty for an installed
    /// distribution's, whose path is known to its reader).
    pub member: String,
    pub version: String,
    /// `Requires-Dist` headers: each one's 1-based line and value, as
    /// written; or, for an sdist or egg whose metadata lists none, the
    /// lines of its `*.egg-info/requires.txt` as PEP 508 requirements.
    pub requires_dist: Vec<(u32, String)>,
    /// The member `requires_dist` was read from when it is not the
    /// metadata file (`NAME.egg-info/requires.txt`).
    pub requires_member: Option<String>,
}

/// Whether a member at the top of an archive holds the metadata:
/// `NAME.dist-info/METADATA`, `EGG-INFO/PKG-INFO`, `PKG-INFO` or
/// `NAME-VERSION/PKG-INFO`.
pub(crate) fn is_metadata_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('/').collect();
    match parts.as_slice() {
        ["PKG-INFO"] => true,
        [_, "PKG-INFO"] => true,
        [dir, "METADATA"] => dir.ends_with(".dist-info"),
        _ => false,
    }
}

/// Whether a member near the top of an archive declares the package's
/// entry points: `NAME.dist-info/entry_points.txt`,
/// `EGG-INFO/entry_points.txt`, or `NAME-VERSION/NAME.egg-info/...` in an
/// sdist.
pub(crate) fn is_entry_points_name(name: &str) -> bool {
    let Some(folders) = name.strip_suffix("/entry_points.txt") else {
        return false;
    };
    // One or two folders deep; the last one holds the metadata.
    let dir = folders.rsplit('/').next().unwrap_or(folders);
    folders.matches('/').count() <= 1
        && (dir.ends_with(".dist-info") || dir.ends_with(".egg-info") || dir == "EGG-INFO")
}

/// Whether a member near the top of an archive is setuptools' list of a
/// package's requirements: `EGG-INFO/requires.txt`, or
/// `NAME-VERSION/NAME.egg-info/requires.txt` in an sdist.
pub(crate) fn is_requires_name(name: &str) -> bool {
    let Some(folders) = name.strip_suffix("/requires.txt") else {
        return false;
    };
    let dir = folders.rsplit('/').next().unwrap_or(folders);
    folders.matches('/').count() <= 1 && (dir.ends_with(".egg-info") || dir == "EGG-INFO")
}

/// The requirements of a `requires.txt`: a line per requirement, under
/// `[extra]`, `[extra:marker]` or `[:marker]` sections that become PEP 508
/// markers. Each comes with its 1-based line.
pub fn parse_requires_txt(text: &str) -> Vec<(u32, String)> {
    let mut marker: Option<String> = None;
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate().take(100_000) {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let (extra, condition) = section.split_once(':').unwrap_or((section, ""));
            let (extra, condition) = (extra.trim(), condition.trim());
            marker = match (extra.is_empty(), condition.is_empty()) {
                (true, true) => None,
                (false, true) => Some(format!("extra == \"{extra}\"")),
                (true, false) => Some(condition.to_string()),
                (false, false) => Some(format!("extra == \"{extra}\" and ({condition})")),
            };
            continue;
        }
        let requirement = match &marker {
            Some(m) => format!("{line} ; {m}"),
            None => line.to_string(),
        };
        found.push((i as u32 + 1, requirement));
    }
    found
}

/// The metadata of an archive of `kind`, from its members.
pub(crate) fn find(members: &[Member], kind: ArchiveKind) -> Option<Metadata> {
    let file = |wanted: &dyn Fn(&str) -> bool| {
        members
            .iter()
            .find(|m| is_metadata_name(&m.name) && wanted(&m.name))
    };
    let member = match kind {
        ArchiveKind::Wheel => file(&|n| n.ends_with("/METADATA")),
        ArchiveKind::Egg => file(&|n| n == "EGG-INFO/PKG-INFO"),
        _ => file(&|n| n.ends_with("PKG-INFO")),
    }
    .or_else(|| file(&|_| true))?;
    let mut metadata = parse(&String::from_utf8_lossy(&member.bytes))?;
    metadata.member = member.name.clone();
    if metadata.requires_dist.is_empty()
        && let Some(requires) = members.iter().find(|m| is_requires_name(&m.name))
    {
        metadata.requires_dist = parse_requires_txt(&String::from_utf8_lossy(&requires.bytes));
        metadata.requires_member = Some(requires.name.clone());
    }
    Some(metadata)
}

/// The headers of a metadata file (RFC 822 style, up to the first blank
/// line): `None` without a name.
pub fn parse(text: &str) -> Option<Metadata> {
    let mut metadata = Metadata::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            break;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_string();
        match key.trim().to_ascii_lowercase().as_str() {
            "name" if metadata.name.is_empty() => {
                metadata.name = value;
                metadata.name_line = i as u32 + 1;
                metadata.name_width = line.chars().count() as u32;
            }
            "version" if metadata.version.is_empty() => metadata.version = value,
            "requires-dist" => metadata.requires_dist.push((i as u32 + 1, value)),
            _ => {}
        }
    }
    (!metadata.name.is_empty()).then_some(metadata)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_up_to_the_body() {
        let m = parse(
            "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n\
             Requires-Dist: idna<4,>=2.5\n\nName: not-this\n",
        )
        .unwrap();
        assert_eq!(m.name, "requests");
        assert_eq!(m.version, "2.31.0");
        assert_eq!(m.requires_dist, [(4, "idna<4,>=2.5".to_string())]);
        assert!(is_entry_points_name("p-1.0.dist-info/entry_points.txt"));
        assert!(is_entry_points_name("EGG-INFO/entry_points.txt"));
        assert!(is_entry_points_name("p-1.0/p.egg-info/entry_points.txt"));
        assert!(!is_entry_points_name("a/b/p.egg-info/entry_points.txt"));
        assert!(!is_entry_points_name("p/entry_points.txt"));
        assert!(parse("Version: 1\n").is_none());
        assert!(is_metadata_name("a-1.0.dist-info/METADATA"));
        assert!(is_metadata_name("a-1.0/PKG-INFO"));
        assert!(!is_metadata_name("a-1.0/src/a.egg-info/PKG-INFO"));
    }

    #[test]
    fn requires_txt_sections_become_markers() {
        let found = parse_requires_txt(
            "requests>=2.0\n\n[socks]\nPySocks>=1.5.6\n\n[:python_version < \"3\"]\nipaddress\n\n[tls:sys_platform == \"win32\"]\npywin32\n",
        );
        assert_eq!(
            found,
            [
                (1, "requests>=2.0".to_string()),
                (4, "PySocks>=1.5.6 ; extra == \"socks\"".to_string()),
                (7, "ipaddress ; python_version < \"3\"".to_string()),
                (
                    10,
                    "pywin32 ; extra == \"tls\" and (sys_platform == \"win32\")".to_string()
                ),
            ]
        );
        assert!(is_requires_name("a-1.0/a.egg-info/requires.txt"));
        assert!(is_requires_name("EGG-INFO/requires.txt"));
        assert!(!is_requires_name("a-1.0/docs/requires.txt"));
    }
}
