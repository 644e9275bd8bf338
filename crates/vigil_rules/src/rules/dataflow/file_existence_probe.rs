use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input used as a path whose existence or metadata is
    /// checked: `os.path.exists`, `isfile`, `isdir`, `islink`, `lexists`,
    /// `getsize`, `getmtime`, `os.stat`, `os.lstat`, `os.access`, and
    /// `exists()`, `is_file()`, `is_dir()`, `stat()` of a `pathlib.Path`
    /// built from it. Reading, writing or deleting the file is
    /// `path-traversal`'s; a path checked to stay in its folder is safe.
    /// Only remote input counts: a command-line tool checking the paths its
    /// user gives it tells that user nothing they could not see.
    ///
    /// ## Why is this bad?
    /// Nothing is read, but the answer (a different response, status or
    /// delay) tells the client whether `../../home/alice/.ssh/id_rsa` or
    /// `/etc/nginx/sites-enabled/internal` exists: a map of the server's
    /// files, users and installed software for the next step of an attack.
    ///
    /// ## Example
    /// ```python
    /// name = request.args["name"]
    /// if os.path.exists(os.path.join(UPLOADS, name)):
    ///     return "taken", 409
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// name = secure_filename(request.args["name"])
    /// if os.path.exists(os.path.join(UPLOADS, name)):
    ///     return "taken", 409
    /// ```
    ///
    /// ## References
    /// - CWE-22: Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')
    /// - CWE-203: Observable Discrepancy
    pub static RULE = {
        name: "file-existence-probe",
        category: Category::Files,
        cwe: &[22, 203],
        severity: Severity::Low,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Reduce the name with `os.path.basename()` or `secure_filename()`, or resolve the path and check that it stays under the base folder before probing it.",
        flow: Flow::new(
            "as a path whose existence or metadata is checked",
            "the answer tells the client which files exist outside the intended folder (file-system probe)",
        )
        .remote_input_only()
        .cleared_by(&["path-containment"])
        .harmless_characters(" +,=@"),
    };
}
