//! Compiled code among a wheel's members: native executables and
//! libraries (ELF, PE, Mach-O), known by their first bytes whatever they
//! are named, or by an extension that only compiled code has; and the
//! wheel's own claim about itself (`*.dist-info/WHEEL`: its tags and
//! `Root-Is-Purelib`).

/// A member holding compiled code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledMember {
    /// Its name inside the archive.
    pub name: String,
    /// What it is: "an ELF binary", "a Windows (PE) executable", ...
    pub what: &'static str,
}

/// What the first bytes of a file say it is, when it is compiled code.
fn by_magic(bytes: &[u8]) -> Option<&'static str> {
    let head = bytes.get(..4)?;
    Some(match head {
        [0x7f, b'E', b'L', b'F'] => "an ELF binary",
        [b'M', b'Z', _, _] if is_pe(bytes) => "a Windows (PE) executable or DLL",
        [0xfe, 0xed, 0xfa, 0xce | 0xcf] | [0xce | 0xcf, 0xfa, 0xed, 0xfe] => "a Mach-O binary",
        // Also Java's class files: a universal Mach-O holds few
        // architectures, a class file's next bytes are its version (45+).
        [0xca, 0xfe, 0xba, 0xbe] if bytes.get(7).is_some_and(|&n| n < 20) => {
            "a universal Mach-O binary"
        }
        _ => return None,
    })
}

/// `MZ` alone starts many files: a PE image points to its `PE\0\0`
/// header at offset 0x3c.
fn is_pe(bytes: &[u8]) -> bool {
    let Some(offset) = bytes.get(0x3c..0x40) else {
        return false;
    };
    let at = u32::from_le_bytes([offset[0], offset[1], offset[2], offset[3]]) as usize;
    bytes.get(at..at.saturating_add(4)) == Some(b"PE\0\0")
}

/// What a member's extension says it is, for extensions only compiled
/// code has.
fn by_name(name: &str) -> Option<&'static str> {
    let lower = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "so" => "a shared library (.so)",
        "pyd" => "a compiled Python extension (.pyd)",
        "dll" => "a Windows DLL",
        "dylib" => "a macOS library (.dylib)",
        "exe" => "a Windows executable",
        _ if is_versioned_library(&lower) => "a shared library (.so)",
        _ => return None,
    })
}

/// `libfoo.so.1.2`: a shared library with its version after the name.
fn is_versioned_library(name: &str) -> bool {
    name.rsplit_once(".so.").is_some_and(|(_, version)| {
        !version.is_empty() && version.chars().all(|c| c.is_ascii_digit() || c == '.')
    })
}

/// Whether a member is compiled code, and what kind.
pub(crate) fn compiled(name: &str, bytes: &[u8]) -> Option<CompiledMember> {
    let what = by_magic(bytes).or_else(|| by_name(name))?;
    Some(CompiledMember {
        name: name.to_string(),
        what,
    })
}

/// What a wheel says about itself in `*.dist-info/WHEEL`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WheelInfo {
    /// Its `Tag:` lines (`py3-none-any`).
    pub tags: Vec<String>,
    pub root_is_purelib: bool,
}

impl WheelInfo {
    /// Whether the wheel claims to hold no compiled code: every tag is for
    /// any ABI and any platform.
    pub fn claims_pure_python(&self) -> bool {
        !self.tags.is_empty() && self.tags.iter().all(|t| t.ends_with("-none-any"))
    }
}

/// Whether a member is a wheel's `NAME.dist-info/WHEEL`.
pub(crate) fn is_wheel_file_name(name: &str) -> bool {
    name.strip_suffix("/WHEEL")
        .is_some_and(|dir| !dir.contains('/') && dir.ends_with(".dist-info"))
}

/// Reads the headers of a `WHEEL` file.
pub(crate) fn parse_wheel_file(text: &str) -> WheelInfo {
    let mut info = WheelInfo::default();
    for line in text.lines().take(1000) {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "tag" => info.tags.push(value.to_ascii_lowercase()),
            "root-is-purelib" => info.root_is_purelib = value.eq_ignore_ascii_case("true"),
            _ => {}
        }
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_code_is_known_by_its_bytes_or_its_extension() {
        assert_eq!(
            compiled("x/data.txt", b"\x7fELF\x02\x01").unwrap().what,
            "an ELF binary"
        );
        let mut pe = vec![0u8; 0x90];
        pe[..2].copy_from_slice(b"MZ");
        pe[0x3c] = 0x80;
        pe[0x80..0x84].copy_from_slice(b"PE\0\0");
        assert!(compiled("payload.bin", &pe).unwrap().what.contains("PE"));
        assert!(compiled("x/readme.txt", b"MZ is a text").is_none());
        assert!(compiled("lib/_speedups.cpython-311-x86_64-linux-gnu.so", b"").is_some());
        assert!(compiled("lib/libfoo.so.1", b"").is_some());
        assert!(compiled("x/tool.EXE", b"").is_some());
        assert!(compiled("x/mod.py", b"import os\n").is_none());
        assert!(compiled("x/sound.so.txt", b"text").is_none());
        assert!(compiled("x/a.class", b"\xca\xfe\xba\xbe\x00\x00\x00\x34").is_none());
        assert!(compiled("x/fat", b"\xca\xfe\xba\xbe\x00\x00\x00\x02").is_some());
    }

    #[test]
    fn a_wheel_claims_pure_python_by_its_tags() {
        let info =
            parse_wheel_file("Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        assert!(info.root_is_purelib && info.claims_pure_python());
        let info =
            parse_wheel_file("Root-Is-Purelib: false\nTag: cp311-cp311-manylinux_2_17_x86_64\n");
        assert!(!info.claims_pure_python());
        assert!(!WheelInfo::default().claims_pure_python());
        assert!(is_wheel_file_name("demo-1.0.dist-info/WHEEL"));
        assert!(!is_wheel_file_name("demo/x.dist-info/WHEEL"));
    }
}
