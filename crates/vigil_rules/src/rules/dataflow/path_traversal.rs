use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input used as a file path: `open`, `io.open`,
    /// `codecs.open`, `os` and `shutil` file functions, `pathlib.Path` objects
    /// built from it (also with `/`) when they are read, written or removed,
    /// Flask `send_file`, the folder given to `send_from_directory`,
    /// `FileResponse`, and file name patterns (`glob.glob`, `Path.glob`,
    /// `Path.rglob`: reported at the pattern, not again where the names it
    /// returns are used). A path made absolute
    /// (`os.path.realpath`, `Path.resolve()`) and then checked with `startswith`
    /// or `is_relative_to`, with a return or raise when it fails, is not
    /// reported.
    ///
    /// ## Why is this bad?
    /// A name such as `../../etc/passwd` or an absolute path leaves the folder
    /// the code meant to serve, so the caller reads or overwrites files they
    /// should not reach.
    ///
    /// ## Example
    /// ```python
    /// name = request.args["file"]
    /// with open(os.path.join("/srv/files", name)) as f:
    ///     return f.read()
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// name = request.args["file"]
    /// path = os.path.realpath(os.path.join(BASE, name))
    /// if not path.startswith(BASE + os.sep):
    ///     abort(404)
    /// with open(path) as f:
    ///     return f.read()
    /// ```
    ///
    /// ## References
    /// - CWE-22: Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')
    pub static RULE = {
        name: "path-traversal",
        category: Category::Files,
        cwe: &[22],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Reduce the name with `os.path.basename()` or `secure_filename()`, or resolve the path and check that it stays under the base folder before using it.",
        flow: Flow::new(
            "as a file path",
            "`..` or an absolute path reaches files outside the intended folder (path traversal)",
        )
        .local_input_by_design()
        .cleared_by(&["path-containment"])
        .harmless_characters(" +,=@"),
    };
}
