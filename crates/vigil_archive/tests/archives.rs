//! Archives generated here, hostile ones among them: each read is bounded
//! in memory and time, and nothing is ever written.

use std::io::Write;
use std::path::{Path, PathBuf};
use vigil_archive::{Limits, read};

fn py(name: &str) -> bool {
    name.ends_with(".py")
}

fn zip_file(dir: &Path, name: &str, members: &[(&str, &[u8])]) -> PathBuf {
    let path = dir.join(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    path
}

/// A tar.gz; each member is (name, entry type, bytes, link target).
fn tar_gz(dir: &Path, name: &str, members: &[(&str, tar::EntryType, &[u8], &str)]) -> PathBuf {
    let path = dir.join(name);
    let gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::fast(),
    );
    let mut builder = tar::Builder::new(gz);
    for (name, kind, bytes, link) in members {
        let mut header = tar::Header::new_gnu();
        // Written raw: the builder refuses `..` names, a hostile tool does not.
        header.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
        header.set_entry_type(*kind);
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        if !link.is_empty() {
            header.set_link_name(link).unwrap();
        }
        header.set_cksum();
        builder.append(&header, *bytes).unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap();
    path
}

#[test]
fn a_wheel_gives_its_python_members_and_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = zip_file(
        dir.path(),
        "demo-1.0-py3-none-any.whl",
        &[
            ("demo/__init__.py", b"import os\n"),
            ("demo/data.bin", b"\0\0"),
            ("demo-1.0.dist-info/METADATA", b"Name: demo\nVersion: 1.0\n"),
        ],
    );
    let archive = read(&path, &Limits::default(), &py).unwrap();
    let names: Vec<&str> = archive.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["demo/__init__.py"]);
    let meta = archive.metadata.unwrap();
    assert_eq!((meta.name.as_str(), meta.version.as_str()), ("demo", "1.0"));
    assert!(archive.notes.is_empty());
}

#[test]
fn an_sdist_with_a_wheel_inside_is_read_one_level_deep() {
    let dir = tempfile::tempdir().unwrap();
    let inner = zip_file(
        dir.path(),
        "in-1.0-py3-none-any.whl",
        &[("in/a.py", b"x = 1\n")],
    );
    let inner_bytes = std::fs::read(&inner).unwrap();
    let deeper = zip_file(dir.path(), "deep.whl", &[("deep.whl", &inner_bytes)]);
    let deeper_bytes = std::fs::read(&deeper).unwrap();
    let path = tar_gz(
        dir.path(),
        "demo-1.0.tar.gz",
        &[
            (
                "demo-1.0/PKG-INFO",
                tar::EntryType::Regular,
                b"Name: demo\nVersion: 1.0\n",
                "",
            ),
            (
                "demo-1.0/setup.py",
                tar::EntryType::Regular,
                b"import setuptools\n",
                "",
            ),
            (
                "demo-1.0/tests/in-1.0-py3-none-any.whl",
                tar::EntryType::Regular,
                &inner_bytes,
                "",
            ),
            (
                "demo-1.0/tests/deep.whl",
                tar::EntryType::Regular,
                &deeper_bytes,
                "",
            ),
        ],
    );
    let archive = read(&path, &Limits::default(), &py).unwrap();
    let names: Vec<&str> = archive.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "demo-1.0/setup.py",
            "demo-1.0/tests/in-1.0-py3-none-any.whl!/in/a.py"
        ]
    );
    assert_eq!(archive.metadata.unwrap().version, "1.0");
    assert_eq!(archive.notes.len(), 1, "{:?}", archive.notes);
    assert_eq!(archive.notes[0].member, "demo-1.0/tests/deep.whl!/deep.whl");
    assert!(archive.notes[0].message.contains("nested"));
    assert!(archive.notes[0].unanalysed);
}

#[test]
fn zip_slip_names_are_noted_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = zip_file(
        dir.path(),
        "slip.zip",
        &[
            ("../../evil.py", b"import os\n"),
            ("/abs.py", b"x\n"),
            ("C:/drive.py", b"x\n"),
            ("ok/fine.py", b"x = 1\n"),
        ],
    );
    let archive = read(&path, &Limits::default(), &py).unwrap();
    assert_eq!(archive.members.len(), 1);
    let noted: Vec<(&str, bool)> = archive
        .notes
        .iter()
        .map(|n| (n.member.as_str(), n.unanalysed))
        .collect();
    assert_eq!(
        noted,
        [
            ("../../evil.py", true),
            ("/abs.py", true),
            ("C:/drive.py", true)
        ]
    );
    assert!(archive.notes[0].message.contains("unsafe member path"));
    // Nothing was written beside the archive.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn tar_links_and_slips_are_noted_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let path = tar_gz(
        dir.path(),
        "links.tar.gz",
        &[
            ("pkg/link.py", tar::EntryType::Symlink, b"", "/etc/passwd"),
            ("pkg/hard.py", tar::EntryType::Link, b"", "../../outside.py"),
            ("../escape.py", tar::EntryType::Regular, b"x = 1\n", ""),
            ("pkg/real.py", tar::EntryType::Regular, b"x = 1\n", ""),
        ],
    );
    let archive = read(&path, &Limits::default(), &py).unwrap();
    let names: Vec<&str> = archive.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["pkg/real.py"]);
    let notes: Vec<String> = archive
        .notes
        .iter()
        .map(|n| format!("{}: {} ({})", n.member, n.message, n.unanalysed))
        .collect();
    assert_eq!(
        notes,
        [
            "pkg/link.py: symbolic link to `/etc/passwd`, not followed (false)",
            "pkg/hard.py: hard link to `../../outside.py`, not followed (false)",
            "../escape.py: unsafe member path (parent directory reference); not read (true)",
        ]
    );
}

#[test]
fn a_zip_bomb_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let zeros = vec![0u8; 9 * 1024 * 1024];
    let path = zip_file(dir.path(), "bomb.zip", &[("a.py", &zeros)]);
    let error = read(&path, &Limits::default(), &py).unwrap_err();
    assert!(error.0.contains("compression ratio"), "{error}");
    // A member over the size bound is not read at all.
    let small = Limits {
        max_member_size: 1024,
        ..Limits::default()
    };
    let archive = read(&path, &small, &py).unwrap();
    assert!(archive.members.is_empty());
    assert!(
        archive.notes[0].message.contains("too large"),
        "{:?}",
        archive.notes
    );
}

#[test]
fn a_tar_bomb_stops_at_the_total_bound() {
    let dir = tempfile::tempdir().unwrap();
    let zeros = vec![0u8; 3 * 1024 * 1024];
    let path = tar_gz(
        dir.path(),
        "bomb.tar.gz",
        &[("big.bin", tar::EntryType::Regular, &zeros, "")],
    );
    let limits = Limits {
        max_total_size: 1024 * 1024,
        ..Limits::default()
    };
    let error = read(&path, &limits, &py).unwrap_err();
    assert!(
        error.0.starts_with("more than 1048576 bytes uncompressed"),
        "{error}"
    );
    // Real ratio: 3 MiB of zeros from a few KiB, with a low floor.
    let error = read(
        &path,
        &Limits {
            max_ratio: 10,
            ..Limits::default()
        },
        &|_| true,
    );
    assert!(error.is_ok(), "below the ratio floor: {error:?}");
}

#[test]
fn a_tar_member_declaring_a_huge_size_is_malformed_or_noted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("liar.tar.gz");
    let mut header = tar::Header::new_gnu();
    header.set_path("pkg/huge.py").unwrap();
    header.set_size(1 << 40);
    header.set_mode(0o644);
    header.set_cksum();
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::fast(),
    );
    gz.write_all(header.as_bytes()).unwrap();
    gz.write_all(&[b'x'; 512]).unwrap();
    gz.finish().unwrap();
    let started = std::time::Instant::now();
    let result = read(&path, &Limits::default(), &py);
    assert!(started.elapsed().as_secs() < 5);
    match result {
        Ok(archive) => assert!(archive.notes[0].message.contains("too large")),
        Err(e) => assert!(e.0.contains("malformed"), "{e}"),
    }
}

#[test]
fn corrupt_archives_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("bad.whl", &b"PK\x03\x04 not really a zip"[..]),
        ("bad.tar.gz", &b"\x1f\x8b\x08\x00garbage"[..]),
        ("bad.tar.bz2", &b"BZh9garbage"[..]),
        ("empty.zip", &b""[..]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let error = read(&path, &Limits::default(), &py).unwrap_err();
        assert!(error.0.contains("malformed"), "{name}: {error}");
    }
}

#[test]
fn too_many_members_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..50).map(|i| format!("m{i}.txt")).collect();
    let members: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let path = zip_file(dir.path(), "many.zip", &members);
    let limits = Limits {
        max_members: 10,
        ..Limits::default()
    };
    let error = read(&path, &limits, &py).unwrap_err();
    assert!(error.0.contains("more than 10"), "{error}");
    let tar_members: Vec<(&str, tar::EntryType, &[u8], &str)> = names
        .iter()
        .map(|n| (n.as_str(), tar::EntryType::Regular, &b"x"[..], ""))
        .collect();
    let path = tar_gz(dir.path(), "many.tar.gz", &tar_members);
    let error = read(&path, &limits, &py).unwrap_err();
    assert!(error.0.contains("more than 10"), "{error}");
}

#[test]
fn bzip2_sdists_and_eggs_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo-1.0.tar.bz2");
    let bz = bzip2::write::BzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        bzip2::Compression::fast(),
    );
    let mut builder = tar::Builder::new(bz);
    for (name, bytes) in [
        ("demo-1.0/PKG-INFO", &b"Name: demo\nVersion: 1.0\n"[..]),
        ("demo-1.0/setup.py", &b"import os\n"[..]),
    ] {
        let mut header = tar::Header::new_gnu();
        header.set_path(name).unwrap();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append(&header, bytes).unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap();
    let archive = read(&path, &Limits::default(), &py).unwrap();
    assert_eq!(archive.members[0].name, "demo-1.0/setup.py");
    assert_eq!(archive.metadata.unwrap().name, "demo");

    let egg = zip_file(
        dir.path(),
        "demo-1.0-py3.12.egg",
        &[
            ("EGG-INFO/PKG-INFO", b"Name: demo\nVersion: 1.0\n"),
            ("demo/__init__.py", b"x = 1\n"),
        ],
    );
    let archive = read(&egg, &Limits::default(), &py).unwrap();
    assert_eq!(archive.members[0].name, "demo/__init__.py");
    assert_eq!(archive.metadata.unwrap().version, "1.0");
}
