//! mimalloc, the allocator where jemalloc does not build.
//!
//! Every mimalloc block is aligned to a word, so requests that ask for no
//! more take mimalloc's plain entry points; its aligned entry points (which
//! the `mimalloc` crate calls for every request) cost a few more checks on
//! each of the millions of allocations a scan makes (2.3% of a stdlib
//! scan's instructions).

use libmimalloc_sys as ffi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// The alignment of every block mimalloc returns.
const WORD_ALIGN: usize = std::mem::size_of::<usize>();

pub struct MiMalloc;

fn word_aligned(layout: &Layout) -> bool {
    layout.align() <= WORD_ALIGN
}

// SAFETY: each method forwards to the mimalloc function with the same
// contract (size, alignment, the block being one mimalloc returned); the
// plain functions, whose blocks are word-aligned, serve only layouts that
// ask for a word's alignment or less.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if word_aligned(&layout) {
            unsafe { ffi::mi_malloc(layout.size()).cast() }
        } else {
            unsafe { ffi::mi_malloc_aligned(layout.size(), layout.align()).cast() }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if word_aligned(&layout) {
            unsafe { ffi::mi_zalloc(layout.size()).cast() }
        } else {
            unsafe { ffi::mi_zalloc_aligned(layout.size(), layout.align()).cast() }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { ffi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if word_aligned(&layout) {
            unsafe { ffi::mi_realloc(ptr.cast::<c_void>(), new_size).cast() }
        } else {
            unsafe {
                ffi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of every alignment a layout may ask for are aligned, keep
    /// their content through a reallocation, and are zeroed when asked.
    #[test]
    fn blocks_are_aligned_and_keep_their_content() {
        let allocator = MiMalloc;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 7, 8, 24, 100, 5000, 1 << 20] {
                let Ok(layout) = Layout::from_size_align(size, align) else {
                    continue;
                };
                unsafe {
                    let zeroed = allocator.alloc_zeroed(layout);
                    assert!(!zeroed.is_null());
                    assert_eq!(zeroed as usize % align, 0, "size {size} align {align}");
                    assert!((0..size).all(|i| *zeroed.add(i) == 0));
                    allocator.dealloc(zeroed, layout);

                    let block = allocator.alloc(layout);
                    assert_eq!(block as usize % align, 0, "size {size} align {align}");
                    for i in 0..size {
                        *block.add(i) = (i % 251) as u8;
                    }
                    let grown = allocator.realloc(block, layout, size * 3);
                    assert_eq!(grown as usize % align, 0, "size {size} align {align}");
                    assert!((0..size).all(|i| *grown.add(i) == (i % 251) as u8));
                    allocator.dealloc(grown, Layout::from_size_align(size * 3, align).unwrap());
                }
            }
        }
    }
}
