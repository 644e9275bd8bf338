//! Which archive a file is, by its name.

/// The archive formats Python packages ship in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    /// `.whl` (PEP 427), a zip.
    Wheel,
    /// `.egg`, a zip.
    Egg,
    /// `.zip` (an old sdist).
    Zip,
    /// `.tar.gz`, `.tgz` (an sdist).
    TarGz,
    /// `.tar.bz2`, `.tbz2`.
    TarBz2,
    /// `.tar`.
    Tar,
}

impl ArchiveKind {
    /// The kind a file name says (case-insensitive), if any.
    pub fn of(name: &str) -> Option<ArchiveKind> {
        let lower = name.to_ascii_lowercase();
        let kinds = [
            (".whl", ArchiveKind::Wheel),
            (".egg", ArchiveKind::Egg),
            (".zip", ArchiveKind::Zip),
            (".tar.gz", ArchiveKind::TarGz),
            (".tgz", ArchiveKind::TarGz),
            (".tar.bz2", ArchiveKind::TarBz2),
            (".tbz2", ArchiveKind::TarBz2),
            (".tar", ArchiveKind::Tar),
        ];
        kinds
            .into_iter()
            .find(|(ext, _)| lower.len() > ext.len() && lower.ends_with(ext))
            .map(|(_, kind)| kind)
    }

    /// What the report calls it: `wheel`, `egg` or `sdist`.
    pub fn label(self) -> &'static str {
        match self {
            ArchiveKind::Wheel => "wheel",
            ArchiveKind::Egg => "egg",
            _ => "sdist",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name() {
        assert_eq!(
            ArchiveKind::of("a-1.0-py3-none-any.whl"),
            Some(ArchiveKind::Wheel)
        );
        assert_eq!(ArchiveKind::of("A-1.0.TAR.GZ"), Some(ArchiveKind::TarGz));
        assert_eq!(ArchiveKind::of("a.tgz"), Some(ArchiveKind::TarGz));
        assert_eq!(ArchiveKind::of("a.tar.bz2"), Some(ArchiveKind::TarBz2));
        assert_eq!(ArchiveKind::of("a.egg"), Some(ArchiveKind::Egg));
        assert_eq!(ArchiveKind::of("a.py"), None);
        assert_eq!(ArchiveKind::of(".whl"), None);
        assert_eq!(ArchiveKind::of("a.egg-info"), None);
    }
}
