//! Tar archives (sdists: `.tar.gz`, `.tar.bz2`, `.tar`), read as a stream.

use crate::budget::{Budget, Counted, read_at_most};
use crate::{ArchiveError, Sink, Want};
use std::io::Read;

/// Reads the tar stream `reader` (`compressed` bytes on disk), handing
/// each member to `sink`.
pub(crate) fn read<R: Read>(
    reader: R,
    compressed: u64,
    budget: &Budget,
    sink: &mut Sink,
) -> Result<(), ArchiveError> {
    let counted = Counted {
        inner: reader,
        budget,
        compressed,
        out: 0,
    };
    let mut archive = tar::Archive::new(counted);
    let entries = archive.entries().map_err(|e| malformed(&e))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| malformed(&e))?;
        sink.entry(budget)?;
        let kind = entry.header().entry_type();
        let raw = entry.path_bytes().into_owned();
        if kind.is_dir()
            || kind.is_pax_global_extensions()
            || kind.is_pax_local_extensions()
            || kind.is_gnu_longname()
            || kind.is_gnu_longlink()
        {
            continue;
        }
        let shown = String::from_utf8_lossy(&raw).into_owned();
        if kind.is_symlink() || kind.is_hard_link() {
            let target = entry
                .link_name_bytes()
                .map(|t| String::from_utf8_lossy(&t).into_owned())
                .unwrap_or_default();
            let what = if kind.is_symlink() {
                "symbolic link"
            } else {
                "hard link"
            };
            sink.note(&shown, format!("{what} to `{target}`, not followed"), false);
            continue;
        }
        if !(kind.is_file() || kind.is_contiguous() || kind.is_gnu_sparse()) {
            sink.note(
                &shown,
                "special file (device or FIFO), not read".into(),
                false,
            );
            continue;
        }
        let (want, name) = sink.want(&raw);
        if matches!(want, Want::Skip) {
            continue;
        }
        let max = budget.limits.max_member_size;
        let declared = entry.header().size().unwrap_or(u64::MAX);
        let bytes = if declared > max {
            None
        } else {
            read_at_most(&mut entry, max).map_err(|e| malformed(&e))?
        };
        let Some(bytes) = bytes else {
            sink.note(
                &name,
                format!("member too large ({declared} bytes, limit {max}); not read"),
                true,
            );
            continue;
        };
        match want {
            Want::Read => sink.keep(&name, bytes),
            Want::Nested(kind) => sink.nested(&name, kind, bytes, budget),
            Want::Skip => {}
        }
    }
    Ok(())
}

/// A stream error: the budget's own message when a bound stopped it.
pub(crate) fn malformed(error: &dyn std::error::Error) -> ArchiveError {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        text.push_str(": ");
        text.push_str(&e.to_string());
        source = e.source();
    }
    if text.contains("not scanned") {
        // A bound, not a corrupt stream.
        let start = text
            .find("more than")
            .or_else(|| text.find("compression ratio"));
        return ArchiveError(start.map_or(text.clone(), |i| text[i..].to_string()));
    }
    ArchiveError(format!("malformed archive: {text}"))
}
