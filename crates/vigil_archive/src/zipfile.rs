//! Zip archives (wheels, eggs, zip sdists): the central directory first,
//! then only the wanted members decompressed.

use crate::budget::{Budget, read_at_most};
use crate::tarfile::malformed;
use crate::{ArchiveError, Sink, Want};
use std::io::{Read, Seek};

pub(crate) fn read<R: Read + Seek>(
    reader: R,
    budget: &Budget,
    sink: &mut Sink,
) -> Result<(), ArchiveError> {
    let mut zip = zip::ZipArchive::new(reader)
        .map_err(|e| ArchiveError(format!("malformed zip archive: {e}")))?;
    if zip.len() > budget.limits.max_members {
        return Err(ArchiveError(format!(
            "{} members, more than {}; not scanned (an archive bomb?)",
            zip.len(),
            budget.limits.max_members
        )));
    }
    let max = budget.limits.max_member_size;
    // Uncompressed and compressed bytes of the members read so far: the
    // ratio is judged over them all (many small bombs are one bomb).
    let (mut out, mut from) = (0u64, 0u64);
    for i in 0..zip.len() {
        sink.entry(budget)?;
        let (raw, is_dir, is_symlink, declared, compressed) = {
            let file = zip.by_index_raw(i).map_err(|e| malformed(&e))?;
            (
                file.name_raw().to_vec(),
                file.is_dir(),
                file.is_symlink(),
                file.size(),
                file.compressed_size(),
            )
        };
        if is_dir {
            continue;
        }
        if is_symlink {
            let shown = String::from_utf8_lossy(&raw).into_owned();
            sink.note(&shown, "symbolic link, not followed".into(), false);
            sink.unread(&shown);
            continue;
        }
        let (want, name) = sink.want(&raw);
        // A wheel's other members are read too, only to be hashed.
        if matches!(want, Want::Skip) && !sink.verify {
            continue;
        }
        if declared > max {
            sink.too_large(&name);
            if matches!(want, Want::Skip) {
                // Only its hash was wanted: the wheel is analysed, but this
                // file is not compared with its RECORD entry.
                sink.note(
                    &name,
                    format!(
                        "member too large to check against RECORD ({declared} bytes, limit {max}); not compared"
                    ),
                    false,
                );
            } else {
                sink.note(
                    &name,
                    format!("member too large ({declared} bytes, limit {max}); not read"),
                    true,
                );
            }
            sink.unread(&name);
            continue;
        }
        let read = zip
            .by_index(i)
            .map_err(|e| e.to_string())
            .and_then(|mut file| read_at_most(&mut file, max).map_err(|e| e.to_string()));
        let bytes = match read {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                sink.note(
                    &name,
                    format!("member larger than it declares (limit {max}); not read"),
                    true,
                );
                sink.unread(&name);
                continue;
            }
            Err(e) => {
                sink.note(&name, format!("cannot read: {e}"), true);
                sink.unread(&name);
                continue;
            }
        };
        budget.spend(bytes.len() as u64)?;
        out += bytes.len() as u64;
        from = from.saturating_add(compressed);
        budget.check_ratio(out, from)?;
        sink.hash(&name, &bytes);
        match want {
            Want::Read => sink.keep(&name, bytes),
            Want::Nested(kind) => sink.nested(&name, kind, bytes, budget),
            Want::Skip => {}
        }
    }
    Ok(())
}
