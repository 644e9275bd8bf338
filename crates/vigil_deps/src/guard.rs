//! Defence in depth against panics in third-party parsers.
//!
//! `pep508_rs`, `pep440_rs`, `toml`, `serde_json` and the OSV readers are
//! fed untrusted text. Known panics are avoided by validating the text
//! first (see `manifest::pep508`), but a panic found tomorrow must become
//! the error of the one file or string that caused it, not an abort of the
//! whole run with exit code 101 and no report. [`no_panic`] runs a closure
//! and turns a panic into `None`; while it runs, the panic message that the
//! default hook would print is suppressed (the caller reports the failure
//! itself).

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    static GUARDED: Cell<usize> = const { Cell::new(0) };
}

static HOOK: Once = Once::new();

/// Installs, once, a panic hook that stays silent for panics inside
/// [`no_panic`] and defers to the previous hook for every other panic.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
}

/// Runs `f`; a panic inside it becomes `None`.
pub fn no_panic<T>(f: impl FnOnce() -> T) -> Option<T> {
    install_hook();
    GUARDED.with(|g| g.set(g.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(g.get().saturating_sub(1)));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_none() {
        assert_eq!(no_panic(|| 1 + 1), Some(2));
        let none: Option<()> = no_panic(|| panic!("boom"));
        assert!(none.is_none());
        // Nested guards and the counter recover.
        assert_eq!(
            no_panic(|| no_panic(|| panic!("inner")).is_none()),
            Some(true)
        );
    }
}
