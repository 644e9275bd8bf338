//! A progress line on standard error for long scans on a terminal.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Scans shorter than this show no progress at all.
const DELAY: Duration = Duration::from_millis(1500);
/// Redraws at most this often.
const INTERVAL: Duration = Duration::from_millis(100);

struct State {
    started: Instant,
    last: Option<Instant>,
    shown: bool,
}

/// Draws `[====    ] 120/400 files, 7 findings` while a scan runs.
pub struct Progress {
    state: Mutex<State>,
}

impl Progress {
    /// A progress display, or `None` when standard error is not a terminal.
    pub fn new(quiet: bool) -> Option<Self> {
        if quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        Some(Self {
            state: Mutex::new(State {
                started: Instant::now(),
                last: None,
                shown: false,
            }),
        })
    }

    pub fn update(&self, done: usize, total: usize, findings: usize) {
        let Ok(mut state) = self.state.try_lock() else {
            return;
        };
        let now = Instant::now();
        if now.duration_since(state.started) < DELAY {
            return;
        }
        if state
            .last
            .is_some_and(|last| now.duration_since(last) < INTERVAL)
            && done < total
        {
            return;
        }
        state.last = Some(now);
        state.shown = true;
        let width = 30;
        let filled = (done * width).checked_div(total).unwrap_or(width);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r[{}{}] {done}/{total} files, {findings} finding{}",
            "=".repeat(filled),
            " ".repeat(width - filled),
            if findings == 1 { "" } else { "s" }
        );
        let _ = err.flush();
    }

    /// Clears the line if anything was drawn.
    pub fn finish(&self) {
        if let Ok(state) = self.state.lock()
            && state.shown
        {
            let _ = write!(std::io::stderr(), "\r{}\r", " ".repeat(70));
        }
    }
}
