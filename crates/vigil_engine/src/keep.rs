//! Syntax trees kept from the first pass for the second.
//!
//! The second phase analyses again the modules that other modules pass
//! untrusted data into (a library's `parse_args`, `run`, `join`), and
//! parsing them again was about half of its work. Which modules those are
//! is known only when every file has been analysed, but each finished file
//! already tells which modules it passes data into: a module analysed after
//! such a caller keeps its tree, within a budget of source bytes (on the
//! standard library, 33 trees of 1.2 MB of source, for 6 MB more peak
//! memory). A module analysed before its
//! callers is parsed again, as before; findings never depend on which trees
//! were kept, since a kept tree is the tree a new parse would build.

use crate::analyze::FileOutcome;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use vigil_python::ParsedModule;

/// Bytes of source whose trees may be kept.
const BUDGET: usize = 2 << 20;

/// A file's decoded text, the warning its decoding gave, and its tree.
pub(crate) struct KeptTree {
    pub text: String,
    pub warning: Option<String>,
    pub parsed: ParsedModule,
}

/// Trees kept so far, and the modules worth keeping.
pub(crate) struct TreeKeeper {
    state: Mutex<Keeper>,
}

#[derive(Default)]
struct Keeper {
    /// Modules (and classes) that finished files pass data into: every
    /// dotted prefix of the callees and classes of their dataflow facts.
    wanted: FxHashSet<String>,
    kept: FxHashMap<PathBuf, KeptTree>,
    used: usize,
    /// As the second phase's facts ([`vigil_taint::ProjectFacts`]).
    carries_local_input: bool,
}

/// Module paths are short: longer names (a hostile attribute chain) and
/// prefixes past this many dots are not noted, so that noting a name
/// costs memory in proportion to its length, not to its square.
const MAX_NAME: usize = 512;
const MAX_DOTS: usize = 16;

impl Keeper {
    fn note_wanted(&mut self, outcome: &FileOutcome) {
        let Some(taint) = &outcome.taint else {
            return;
        };
        let followed = |label: &vigil_taint::ExportedLabel| {
            label.followed_into_other_modules(self.carries_local_input)
        };
        let exports = &taint.exports;
        let named = exports.calls.iter().filter(|c| followed(&c.label));
        let stored = exports.fields.iter().filter(|f| followed(&f.label));
        let named = named.map(|c| c.callee.as_str());
        let stored = stored.map(|f| f.class.as_str());
        for name in named.chain(stored).filter(|n| n.len() <= MAX_NAME) {
            for (dot, _) in name.match_indices('.').take(MAX_DOTS) {
                if !self.wanted.contains(&name[..dot]) {
                    self.wanted.insert(name[..dot].to_string());
                }
            }
        }
    }
}

impl TreeKeeper {
    /// A keeper for the second phase that follows local input into other
    /// modules or not ([`vigil_taint::ProjectFacts::carries_local_input`]).
    pub fn new(carries_local_input: bool) -> Self {
        let state = Keeper {
            carries_local_input,
            ..Keeper::default()
        };
        TreeKeeper {
            state: Mutex::new(state),
        }
    }

    /// Notes the modules a finished file passes data into, then keeps
    /// this file's tree if it is one of them and the budget allows. A tree
    /// not kept is dropped after the lock is released: dropping a large
    /// tree takes a while, and the other workers offer theirs meanwhile.
    pub fn offer(&self, path: &Path, outcome: &FileOutcome, tree: KeptTree) {
        let rejected = {
            let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            state.note_wanted(outcome);
            let wanted = outcome
                .module
                .as_ref()
                .is_some_and(|(module, _)| state.wanted.contains(module.as_str()));
            let size = tree.text.len();
            if wanted && state.used + size <= BUDGET {
                state.used += size;
                state.kept.insert(path.to_path_buf(), tree);
                None
            } else {
                Some(tree)
            }
        };
        drop(rejected);
    }

    /// The trees kept, by path.
    pub fn into_kept(self) -> FxHashMap<PathBuf, KeptTree> {
        self.state
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{AnalysisContext, analyze_file};
    use crate::discover::{DiscoveredFile, FileKind};
    use crate::selection::RuleSelection;
    use vigil_config::Settings;
    use vigil_python::ast::PySourceType;

    fn analyse(
        dir: &Path,
        ctx: &AnalysisContext,
        name: &str,
        module: &str,
        text: &str,
    ) -> FileOutcome {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let file = DiscoveredFile {
            path,
            kind: FileKind::Python,
            module: (module.to_string(), false),
            contents: None,
        };
        analyze_file(&file, name, ctx)
    }

    #[test]
    fn a_module_is_kept_once_a_finished_file_passes_data_into_it() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::from_config(None, dir.path()).unwrap();
        let selection = RuleSelection::all();
        let keeper = TreeKeeper::new(false);
        let ctx = AnalysisContext {
            keeper: Some(&keeper),
            ..AnalysisContext::new(&settings, &selection)
        };
        // Analysed before anything passes data into `lib.util`: not kept.
        analyse(dir.path(), &ctx, "early.py", "lib.util", "x = 1\n");
        let caller = "from flask import Flask, request\nimport lib.util\n\napp = Flask(__name__)\n\n\n@app.route(\"/r\")\ndef r():\n    lib.util.run(request.args[\"x\"])\n    return \"ok\"\n";
        let outcome = analyse(dir.path(), &ctx, "app.py", "app", caller);
        let calls = &outcome.taint.as_ref().unwrap().exports.calls;
        assert!(
            calls.iter().any(|c| c.callee == "lib.util.run"),
            "{calls:?}"
        );
        analyse(
            dir.path(),
            &ctx,
            "util.py",
            "lib.util",
            "def run(a):\n    pass\n",
        );
        analyse(dir.path(), &ctx, "other.py", "other", "y = 2\n");
        // Wanted (`lib` is a prefix of the callee), but over the budget.
        let big = format!("{}\n", "#".repeat(BUDGET));
        analyse(dir.path(), &ctx, "big.py", "lib", &big);
        let kept = keeper.into_kept();
        let names: Vec<&str> = kept
            .keys()
            .filter_map(|p| p.file_name()?.to_str())
            .collect();
        assert_eq!(names, vec!["util.py"]);
    }

    #[test]
    fn a_kept_tree_is_analysed_as_a_fresh_parse_would_be() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mod.py");
        // Latin-1 text (decoded per its coding line), a syntax error, and
        // a finding.
        let mut bytes = b"# -*- coding: latin-1 -*-\nname = '\xe9'\nimport os\n".to_vec();
        bytes.extend_from_slice(b"def f(x):\n    os.system(input())\n    return (\n");
        std::fs::write(&path, &bytes).unwrap();
        let file = DiscoveredFile {
            path: path.clone(),
            kind: FileKind::Python,
            module: ("mod".to_string(), false),
            contents: None,
        };
        let settings = Settings::from_config(None, dir.path()).unwrap();
        let selection = RuleSelection::all();
        let ctx = AnalysisContext::new(&settings, &selection);
        let fresh = analyze_file(&file, "mod.py", &ctx);
        let decoded = vigil_python::decode_source(bytes).unwrap();
        let parsed = vigil_python::parse_module(&decoded.text, PySourceType::Python).unwrap();
        let tree = KeptTree {
            text: decoded.text,
            warning: decoded.warning,
            parsed,
        };
        let kept: FxHashMap<PathBuf, KeptTree> = [(path, tree)].into_iter().collect();
        let again = analyze_file(
            &file,
            "mod.py",
            &AnalysisContext {
                kept: Some(&kept),
                ..AnalysisContext::new(&settings, &selection)
            },
        );
        assert!(!fresh.findings.is_empty());
        assert_eq!(fresh.errors.len(), 1, "{:?}", fresh.errors);
        assert_eq!(
            format!("{:?}", fresh.findings),
            format!("{:?}", again.findings)
        );
        assert_eq!(format!("{:?}", fresh.errors), format!("{:?}", again.errors));
        assert_eq!(fresh.lines, again.lines);
    }
}
