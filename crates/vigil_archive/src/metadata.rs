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
    /// written.
    pub requires_dist: Vec<(u32, String)>,
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
}
