use super::context::{self, Runs};
use crate::call_filter::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::supply_chain as sc;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

fn names() -> Vec<&'static str> {
    context::with_process_functions(&[sc::NETWORK_CONNECT, sc::FILE_OPENERS, sc::PATH_READERS])
}

fn methods() -> Vec<&'static str> {
    sc::PATH_READ_METHODS.to_vec()
}

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if !context::is_package_init(checker) || context::when_it_runs(checker) != Runs::AtLoad {
        return;
    }
    let callee = checker.lazy_snippet(&*call.func);
    if let Some(q) = qualified {
        if sc::NETWORK_CONNECT.contains(&q) && !is_constant_lookup(checker, call, q) {
            checker.report(
                &RULE,
                call.range(),
                format!("the package's `__init__.py` reaches the network (`{callee}`) when it is imported"),
            );
            return;
        }
        if context::is_process(q) {
            let Some(shown) = context::started_program(checker, call, q, callee) else {
                return;
            };
            checker
                .report(
                    &RULE,
                    call.range(),
                    format!(
                        "the package's `__init__.py` runs a program when it is imported: `{shown}`"
                    ),
                )
                .severity(Severity::Medium);
            return;
        }
    }
    let path = match &*call.func {
        Expr::Attribute(attribute)
            if qualified.is_none() && sc::PATH_READ_METHODS.contains(&attribute.attr.as_str()) =>
        {
            Some(&*attribute.value)
        }
        _ => call.arguments.args.first(),
    };
    if let Some(path) = path
        && let Some(text) = context::path_text(checker, path)
        && let Some(what) = sc::secret_path(&text)
    {
        checker.report(
            &RULE,
            call.range(),
            format!(
                "the package's `__init__.py` reads {what} (`{}`) when it is imported",
                context::short(&text)
            ),
        );
    }
}

/// A DNS lookup of a fixed name (a test suite checking whether an
/// unknown host resolves): no data leaves in it.
fn is_constant_lookup(checker: &Checker, call: &ExprCall, q: &str) -> bool {
    q.starts_with("socket.get")
        && call
            .arguments
            .args
            .first()
            .is_some_and(|host| checker.value(host).is_some())
}

declare_rule! {
    /// ## What it does
    /// Flags a package's `__init__.py` that reaches the network, reads credentials or starts programs as soon as it is imported.
    ///
    /// Flags module-level code in a package's `__init__.py` (not inside a
    /// function or class body, not under `if __name__ == "__main__":`)
    /// that opens a network connection, reads a credential file (SSH
    /// keys, cloud credentials, `.netrc`, `.pypirc`, browser profiles,
    /// wallets), or, with medium severity, starts a program.
    ///
    /// ## Why is this bad?
    /// A package's `__init__.py` runs on every `import`, in every program
    /// and test run that uses it, with that program's rights. A library
    /// has no reason to phone home, read your keys or start programs just
    /// because it was imported; malicious packages do this so that the
    /// payload runs even when none of their functions is called.
    ///
    /// ## Example
    /// ```python
    /// # evilpkg/__init__.py
    /// import subprocess
    /// subprocess.Popen(["/bin/sh", "-c", "id > /tmp/.x"])
    /// ```
    ///
    /// ## Use instead
    /// Do the work in a function the caller invokes on purpose:
    /// ```python
    /// # goodpkg/__init__.py
    /// import subprocess
    ///
    /// def version_of(tool):
    ///     return subprocess.run([tool, "--version"], capture_output=True, check=True).stdout
    /// ```
    ///
    /// ## References
    /// - CWE-506: Embedded Malicious Code
    /// - CWE-829: Inclusion of Functionality from Untrusted Control Sphere
    pub static RULE = {
        name: "import-time-side-effect",
        category: Category::SupplyChain,
        cwe: &[506, 829],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Check why importing the package does this: network access, credential reads and started programs belong in functions the caller invokes, not in module-level code of `__init__.py`.",
        on_call: check,
        call_filter: CallFilter { names, methods, ..CallFilter::NONE },
    };
}
