//! The bounds on what one archive may cost, and the reader that counts.

use crate::ArchiveError;
use std::cell::Cell;
use std::io::Read;

/// Bounds on reading one archive (its nested archives included).
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest archive file read (compressed bytes).
    pub max_archive_size: u64,
    /// Most entries (files, folders, links) in all.
    pub max_members: usize,
    /// Largest member read into memory (uncompressed bytes); a larger
    /// wanted member is noted, not read.
    pub max_member_size: u64,
    /// Most uncompressed bytes decompressed in all.
    pub max_total_size: u64,
    /// Highest ratio of uncompressed to compressed bytes, once more than
    /// [`RATIO_FLOOR`] bytes came out.
    pub max_ratio: u64,
    /// How deep archives inside archives are read (1: a wheel inside an
    /// sdist is read, an archive inside that wheel is not).
    pub max_depth: u32,
}

/// Below this many uncompressed bytes the ratio is not judged (a small
/// file of zeros compresses a thousandfold and harms nobody).
pub const RATIO_FLOOR: u64 = 8 * 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_archive_size: 1 << 30,
            max_members: 50_000,
            max_member_size: 10 * 1024 * 1024,
            max_total_size: 1 << 30,
            max_ratio: 100,
            max_depth: 1,
        }
    }
}

/// What the reading of one archive has spent so far.
pub(crate) struct Budget<'a> {
    pub limits: &'a Limits,
    total: Cell<u64>,
}

impl<'a> Budget<'a> {
    pub fn new(limits: &'a Limits) -> Self {
        Budget {
            limits,
            total: Cell::new(0),
        }
    }

    /// Counts `n` more uncompressed bytes; an error past the total bound.
    pub fn spend(&self, n: u64) -> Result<(), ArchiveError> {
        let total = self.total.get().saturating_add(n);
        self.total.set(total);
        if total > self.limits.max_total_size {
            return Err(ArchiveError(format!(
                "more than {} bytes uncompressed; not scanned (an archive bomb?)",
                self.limits.max_total_size
            )));
        }
        Ok(())
    }

    /// An error when `out` uncompressed bytes from `compressed` bytes is a
    /// bomb's ratio.
    pub fn check_ratio(&self, out: u64, compressed: u64) -> Result<(), ArchiveError> {
        if out > RATIO_FLOOR && out / compressed.max(1) > self.limits.max_ratio {
            return Err(ArchiveError(format!(
                "compression ratio over {} ({out} bytes from {compressed}); not scanned (an archive bomb?)",
                self.limits.max_ratio
            )));
        }
        Ok(())
    }
}

/// A decompressed stream that stops with an error once the budget is
/// spent or the ratio to its `compressed` length is a bomb's.
pub(crate) struct Counted<'b, 'l, R> {
    pub inner: R,
    pub budget: &'b Budget<'l>,
    pub compressed: u64,
    pub out: u64,
}

impl<R: Read> Read for Counted<'_, '_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out += n as u64;
        self.budget
            .spend(n as u64)
            .and_then(|()| self.budget.check_ratio(self.out, self.compressed))
            .map_err(|e| std::io::Error::other(e.0))?;
        Ok(n)
    }
}

/// Reads at most `max` bytes of `reader`: `Ok(None)` when there were more.
pub(crate) fn read_at_most(reader: &mut impl Read, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(max + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}
