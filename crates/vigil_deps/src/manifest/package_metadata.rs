//! What a package being audited declares it needs: the `Requires-Dist`
//! headers of its core metadata (`METADATA` of a wheel or an installed
//! distribution, `PKG-INFO` of an sdist or egg), read by the archive and
//! installed-package readers and handed over as lines.

use super::pep508::{self, Location};
use super::{ManifestKind, Manifests};

/// One package's metadata file and its `Requires-Dist` headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeclaredRequirements {
    /// The metadata file as shown (`pkg-1.0-py3-none-any.whl!/pkg-1.0.dist-info/METADATA`).
    pub file: String,
    /// Each header's 1-based line and requirement, as written.
    pub lines: Vec<(u32, String)>,
}

/// The dependencies a package declares, as manifests: each requirement at
/// its header's line; an invalid one is an error of the audit (what it
/// asks for is unknown), a direct URL is not checked.
pub fn parse(declared: &DeclaredRequirements) -> Manifests {
    let mut out = Manifests::default();
    out.files.push(declared.file.clone());
    for (line, requirement) in &declared.lines {
        let location = Location {
            file: &declared.file,
            line: *line,
            source: ManifestKind::PackageMetadata,
            groups: Vec::new(),
            text: format!("Requires-Dist: {requirement}"),
        };
        match pep508::parse(requirement, &location) {
            Ok(dependency) => out.dependencies.push(dependency),
            Err(problem) => out.problem(problem),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_header_is_a_dependency_at_its_line() {
        let declared = DeclaredRequirements {
            file: "p-1.0.whl!/p-1.0.dist-info/METADATA".into(),
            lines: vec![
                (5, "urllib3<1.24".into()),
                (6, "sphinx; extra == 'docs'".into()),
                (7, "not a requirement ((".into()),
            ],
        };
        let found = parse(&declared);
        assert_eq!(found.dependencies.len(), 2);
        assert_eq!(found.dependencies[0].name, "urllib3");
        assert_eq!(found.dependencies[0].line, 5);
        assert_eq!(found.dependencies[0].source, ManifestKind::PackageMetadata);
        assert_eq!(
            found.dependencies[1].marker.as_deref(),
            Some("extra == 'docs'")
        );
        assert_eq!(found.errors.len() + found.not_checked.len(), 1);
        assert_eq!(found.files, [declared.file]);
    }
}
