use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input that reaches `eval`, `exec`, `compile`, a dynamic
    /// import (`importlib.import_module`, `__import__`) or `runpy`. This includes
    /// the output of a language model (OpenAI, Anthropic, LangChain), which a
    /// prompt injection can steer.
    ///
    /// Evaluators of expression languages count too, because their
    /// expressions reach Python: `numexpr.evaluate`, `pandas.eval`,
    /// `DataFrame.query` and `DataFrame.eval`, SymPy's `sympify` and
    /// `parse_expr` of a string, Pillow's `ImageMath.eval`, and js2py's
    /// `eval_js` and `EvalJs`. A value checked by a full match of a pattern
    /// that allows only names, digits, spaces and operators is safe: it
    /// cannot call anything.
    ///
    /// ## Why is this bad?
    /// These functions run Python. Whoever controls the text runs code inside the
    /// process, with its files, secrets and network access. Restricting
    /// `__builtins__` does not contain it.
    ///
    /// ## Example
    /// ```python
    /// expr = request.args["expr"]
    /// result = eval(expr)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// expr = request.args["expr"]
    /// result = ast.literal_eval(expr)
    /// ```
    /// For a filter over a data frame, take the column, the operator and the
    /// value apart and build the condition yourself:
    /// ```python
    /// if column not in frame.columns or op not in OPERATORS:
    ///     abort(400)
    /// rows = frame[OPERATORS[op](frame[column], float(value))]
    /// ```
    ///
    /// ## References
    /// - CWE-94: Improper Control of Generation of Code ('Code Injection')
    /// - CWE-95: Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')
    pub static RULE = {
        name: "code-injection",
        category: Category::Injection,
        cwe: &[94, 95],
        severity: Severity::Critical,
        confidence: Confidence::High,
        bandit: &["B307", "B102"],
        ruff: &["S307", "S102"],
        help: "Do not run code built from data: parse it with `ast.literal_eval()` or `json.loads()`, or pick an action from a fixed table.",
        flow: Flow::new(
            "as Python code",
            "it runs as code in this process (code injection)",
        )
        .consumes()
        .families(&["code"])
        .supersedes(&["dynamic-code-execution", "dynamic-module-import"])
        .harmless_characters(" +*/%<>=!&|^~"),
    };
}
