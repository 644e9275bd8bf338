//! Arbitrary bytes → the whole analysis of one file: decoding (BOM, PEP 263),
//! a notebook's JSON (inputs starting with `{`), parsing, the semantic model,
//! every pattern rule, the dataflow engine, secrets and suppressions
//! (`vigil_engine::analyze_bytes`), in audit mode with every rule enabled.
//!
//! The analysis runs on a thread with the scan's worker stack (16 MiB), as
//! in `vigil check`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;
use vigil_config::Settings;
use vigil_engine::{RuleSelection, analyze_bytes};

/// The stack of the scan's workers (`WORKER_STACK` in vigil_engine's scan).
const WORKER_STACK: usize = 16 * 1024 * 1024;

struct Setup {
    settings: Settings,
    selection: RuleSelection,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let mut settings = Settings::from_config(None, Path::new(".")).expect("default settings");
        settings.audit = true;
        Setup {
            settings,
            selection: RuleSelection::all(),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let setup = setup();
    let notebook = data.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let path = Path::new(if notebook { "fuzz.ipynb" } else { "fuzz.py" });
    let bytes = data.to_vec();
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(WORKER_STACK)
            .spawn_scoped(scope, || {
                let analysis = analyze_bytes(path, bytes, &setup.settings, &setup.selection);
                std::hint::black_box(analysis);
            })
            .expect("thread")
            .join()
            .expect("the analysis panicked");
    });
});
