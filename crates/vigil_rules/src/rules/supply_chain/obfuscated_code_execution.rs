use super::context;
use crate::call_filter::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use crate::rules::injection::commands::{self, Command};
use vigil_knowledge::supply_chain as sc;
use vigil_python::Ranged;
use vigil_python::ast::ExprCall;
use vigil_report::{Confidence, Severity};

/// Builds a function from a code object (`marshal.loads` output).
const FUNCTION_BUILDERS: &[&str] = &["types.FunctionType"];

fn names() -> Vec<&'static str> {
    context::with_process_functions(&[sc::CODE_RUNNERS, sc::NAME_IMPORTERS, FUNCTION_BUILDERS])
}

/// The encoding of the first decoded part of a command: a shell command
/// line, or any word of an argument list.
fn hidden_command(checker: &Checker, call: &ExprCall, q: &str) -> Option<&'static str> {
    match commands::command_of(checker, call, q)? {
        Command::Shell(expr) | Command::Program(expr) => context::decoding(checker, expr),
        Command::Argv(words) => words.iter().find_map(|w| context::decoding(checker, w)),
    }
}

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(q) = qualified else { return };
    if context::is_process(q) {
        if let Some(encoding) = hidden_command(checker, call, q) {
            let callee = checker.lazy_snippet(&*call.func);
            let what = describe(encoding);
            checker.report(
                &RULE,
                call.range(),
                format!("`{callee}` runs a command hidden as {what}: what it runs cannot be read in the source"),
            );
        }
        return;
    }
    let Some(first) = call.arguments.args.first() else {
        return;
    };
    let Some(encoding) = context::decoding(checker, first) else {
        return;
    };
    let callee = checker.lazy_snippet(&*call.func);
    let what = describe(encoding);
    let message = if sc::NAME_IMPORTERS.contains(&q) {
        format!("`{callee}` imports a module whose name is hidden as {what}")
    } else {
        format!("`{callee}` runs code hidden as {what}: what it does cannot be read in the source")
    };
    checker.report(&RULE, call.range(), message);
}

/// How a message names hidden data.
fn describe(encoding: &str) -> String {
    match encoding {
        "reversed-string" => "a reversed string".to_string(),
        "chr-built-string" => "a string built from `chr()` codes".to_string(),
        "marshal" => "a marshalled code object".to_string(),
        "zlib" | "gzip" | "lzma" | "bz2" => format!("{encoding}-compressed data"),
        "codecs" => "text decoded with `codecs` (rot13, hex, base64)".to_string(),
        other => format!("{other}-encoded data"),
    }
}

declare_rule! {
    /// ## What it does
    /// Flags `exec`, `eval`, `compile` and imports of code or names hidden by an encoding (base64, hex, zlib, marshal, rot13, `chr` codes, reversal).
    ///
    /// Flags `exec`, `eval` and `compile` of decoded data, and
    /// `__import__` / `importlib.import_module` of a decoded name: data
    /// decoded from base64, base32, base16, base85, hex
    /// (`bytes.fromhex`, `binascii.unhexlify`), decompressed with zlib,
    /// gzip, lzma or bz2, loaded with `marshal.loads`, decoded with rot13
    /// or another `codecs` transform, built from `chr()` codes, or
    /// reversed (`[::-1]`), directly or through variables; and commands
    /// run by `os.system`, `subprocess` and the other ways to start a
    /// program when the command (or a word of it) is such data.
    ///
    /// ## Why is this bad?
    /// Legitimate code has no reason to hide the code it runs. Encoding a
    /// payload is how malicious packages get past review and past tools
    /// that look for `socket` or `subprocess` in the source: the text that
    /// runs appears nowhere in the file. Whatever it does, nobody who
    /// reads the package sees it.
    ///
    /// ## Example
    /// ```python
    /// import base64
    /// exec(base64.b64decode("aW1wb3J0IG9zOyBvcy5zeXN0ZW0oImlkIik="))
    /// ```
    ///
    /// ## Use instead
    /// Ship the code as source, where it can be read and reviewed:
    /// ```python
    /// import os
    /// os.system("id")
    /// ```
    ///
    /// ## References
    /// - CWE-506: Embedded Malicious Code
    /// - CWE-95: Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')
    pub static RULE = {
        name: "obfuscated-code-execution",
        category: Category::SupplyChain,
        cwe: &[506, 95],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Decode the data yourself (without running it) and read what it does; a package that hides the code it runs should not be trusted.",
        on_call: check,
        call_filter: CallFilter { names, ..CallFilter::NONE },
    };
}
