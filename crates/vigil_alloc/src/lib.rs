//! vigil's global allocator. The scan allocates many small syntax-tree
//! nodes per file, in parallel, and frees them when the file is done; the
//! system allocator spent a fifth of the scan on them.
//!
//! - On x86_64 Linux with glibc: jemalloc, as Ruff uses on Linux.
//!   Against mimalloc it took 6% less CPU on the standard library and
//!   2-4% less on the benchmark's corpus of packages, with a lower peak
//!   (interleaved runs, December 2026).
//! - Elsewhere: mimalloc ([`MiMalloc`]). jemalloc does not build with
//!   MSVC, and the wheels for musl and aarch64 are cross-built with zig,
//!   where jemalloc's configure script (and aarch64's page sizes) are
//!   untested. mimalloc is compiled and tested on every platform.
//!
//! This is the workspace's only unsafe code: every other crate forbids it.

mod mimalloc;

pub use mimalloc::MiMalloc;

/// The allocator vigil's binary uses on this platform.
#[cfg(all(target_os = "linux", target_arch = "x86_64", target_env = "gnu"))]
pub use tikv_jemallocator::Jemalloc as Allocator;

/// The allocator vigil's binary uses on this platform.
#[cfg(not(all(target_os = "linux", target_arch = "x86_64", target_env = "gnu")))]
pub use mimalloc::MiMalloc as Allocator;
