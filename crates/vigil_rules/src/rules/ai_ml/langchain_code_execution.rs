use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::Truth;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::ExprCall;
use vigil_report::{Confidence, Severity};

const PACKAGE_PREFIXES: &[&str] = &[
    "langchain.",
    "langchain_experimental.",
    "langchain_community.",
];

/// Tools, utilities and chains that run Python code a model wrote.
const CODE_RUNNERS: &[&str] = &[
    "PythonREPLTool",
    "PythonAstREPLTool",
    "PythonREPL",
    "create_python_agent",
    "PALChain",
    "PALChain.from_math_prompt",
    "PALChain.from_colored_object_prompt",
];

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let callee = checker.lazy_snippet(&*call.func);
    if let Some(keyword) = call.arguments.find_keyword("allow_dangerous_code") {
        match checker.truth(&keyword.value) {
            Truth::False => {}
            Truth::True => {
                let message = format!(
                    "`{callee}` lets the agent run Python code written by the model (`allow_dangerous_code=True`): a prompt injection in any text it reads runs code here"
                );
                checker.report(&RULE, call.range(), message);
            }
            Truth::Unknown => {
                let message = format!(
                    "`{callee}` decides at run time whether the agent may run Python code written by the model (`allow_dangerous_code`)"
                );
                checker
                    .report(&RULE, call.range(), message)
                    .audit_only()
                    .severity(Severity::Medium);
            }
        }
        return;
    }
    let Some(qualified) = qualified else { return };
    let runs_code = PACKAGE_PREFIXES.iter().any(|p| qualified.starts_with(p))
        && CODE_RUNNERS.iter().any(|name| {
            qualified
                .strip_suffix(name)
                .is_some_and(|p| p.ends_with('.'))
        });
    if runs_code {
        let message = format!(
            "`{callee}` runs Python code written by a language model: a prompt injection in any text the model reads runs code here"
        );
        checker.report(&RULE, call.range(), message);
    }
}

declare_rule! {
    /// ## What it does
    /// Flags LangChain components that execute Python written by a
    /// language model: `PythonREPLTool`, `PythonAstREPLTool`, `PythonREPL`,
    /// `create_python_agent`, `PALChain`, and agents created with
    /// `allow_dangerous_code=True` (`create_pandas_dataframe_agent`,
    /// `create_csv_agent`, ...).
    ///
    /// ## Why is this bad?
    /// The model's output is steered by everything in its context: user
    /// messages, retrieved documents, web pages, tool results. Anyone who
    /// can place text there can ask for `import os; os.system(...)`, and
    /// these components run it in the application's process with its
    /// credentials. They are meant for sandboxes, not for services.
    ///
    /// ## Example
    /// ```python
    /// agent = create_pandas_dataframe_agent(llm, df, allow_dangerous_code=True)
    /// ```
    ///
    /// ## Use instead
    /// Give the model narrow tools that take data, not code, or run the
    /// code in an isolated sandbox (a separate container without secrets or
    /// network access):
    /// ```python
    /// tools = [Tool(name="column_mean", func=column_mean, description="...")]
    /// ```
    ///
    /// ## References
    /// - CWE-94: Improper Control of Generation of Code ('Code Injection')
    pub static RULE = {
        name: "langchain-code-execution",
        category: Category::AiMl,
        cwe: &[94],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Do not let a model run Python in the application process: expose narrow data tools, or execute generated code in an isolated sandbox.",
        on_call: check,
        call_filter: CallFilter {
            prefixes: PACKAGE_PREFIXES,
            keywords: || vec!["allow_dangerous_code"],
            ..CallFilter::NONE
        },
    };
}
