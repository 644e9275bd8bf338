//! Deep recursion without overflow, cheaply.
//!
//! Every recursive walk over a syntax tree runs its levels through
//! [`guarded`]: every few levels it makes sure at least [`RED_ZONE`] bytes
//! of stack remain, moving to a fresh [`STACK_SEGMENT`] when they do not.
//! Checking at every node costs a thread-local read and a call per node;
//! checking every [`CHECK_EVERY`] levels is as safe, because a handful of
//! visitor frames is far smaller than the red zone.

/// Stack that must remain before descending further.
pub const RED_ZONE: usize = 256 * 1024;
/// Size of each new stack segment.
pub const STACK_SEGMENT: usize = 4 * 1024 * 1024;
/// How many levels a walk descends between two checks of the stack.
pub const CHECK_EVERY: u32 = 8;

/// Runs `f`, one level deeper in a recursive walk at depth `level`, on a
/// stack with room to spare.
#[inline]
pub fn guarded<T>(level: u32, f: impl FnOnce() -> T) -> T {
    if level.is_multiple_of(CHECK_EVERY) {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, f)
    } else {
        f()
    }
}
