use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports a stack trace sent to the client: the text of
    /// `traceback.format_exc()`, `format_exception`, `format_tb`,
    /// `format_stack`, `TracebackException.format`), and the text of an
    /// exception a view catches
    /// (`except E as e`, then `str(e)`, `repr(e)`, `e.args`, `f"{e}"`, also
    /// in the helpers the view hands it to), reaching a web response: the
    /// body a Flask view returns (as text or inside a dict sent as JSON),
    /// `jsonify`, `make_response`, Flask, Django, Starlette/FastAPI and
    /// aiohttp response classes, FastAPI's `HTTPException(detail=...)`. A
    /// trace written to a log is not reported, nor is the exception's type
    /// name (`type(e).__name__`).
    ///
    /// ## Why is this bad?
    /// A stack trace shows file paths, the versions and layout of the
    /// libraries in use, the code around the failure and sometimes the
    /// values it handled (queries, keys, personal data); an exception's
    /// message often quotes a query, a path, a host or a record. Both are a
    /// map for the next attack, given to whoever can make the application
    /// fail.
    ///
    /// ## Example
    /// ```python
    /// except Exception:
    ///     return jsonify(error=traceback.format_exc()), 500
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// except Exception:
    ///     app.logger.exception("export failed")
    ///     return jsonify(error="internal error"), 500
    /// ```
    ///
    /// ## References
    /// - CWE-209: Generation of Error Message Containing Sensitive Information
    pub static RULE = {
        name: "stack-trace-exposure",
        category: Category::Web,
        cwe: &[209],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Log the trace on the server (`logger.exception(...)`) and send the client a generic message, or an error id it can quote to support.",
        flow: Flow::new(
            "in the response sent to the client",
            "it tells attackers about the application's internals: file paths, library versions, code and the data it handled (information exposure)",
        )
        .explicit_sources(),
    };
}
