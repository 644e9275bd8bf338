use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::Truth;
use crate::rule::Category;
use vigil_python::Ranged;
use vigil_python::ast::ExprCall;
use vigil_report::{Confidence, Severity};

fn check(checker: &mut Checker, call: &ExprCall, _qualified: Option<&str>) {
    let Some(keyword) = call
        .arguments
        .find_keyword("allow_dangerous_deserialization")
    else {
        return;
    };
    let callee = checker.snippet(&*call.func);
    match checker.truth(&keyword.value) {
        Truth::False => {}
        Truth::True => {
            let message = format!(
                "`{callee}` may unpickle its stored files (`allow_dangerous_deserialization=True`): whoever can write them runs code here"
            );
            checker.report(&RULE, call.range(), message);
        }
        Truth::Unknown => {
            let message = format!(
                "`{callee}` decides at run time whether to unpickle its stored files (`allow_dangerous_deserialization`)"
            );
            checker
                .report(&RULE, call.range(), message)
                .audit_only()
                .severity(Severity::Medium);
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags LangChain loaders called with
    /// `allow_dangerous_deserialization=True`, such as
    /// `FAISS.load_local`, `Annoy.load_local` or `SKLearnVectorStore`.
    ///
    /// ## Why is this bad?
    /// These vector stores keep part of their index as a pickle. LangChain
    /// refuses to load it unless the caller sets this flag, because
    /// unpickling runs code chosen by whoever wrote the files. An index
    /// downloaded from a hub, shared in a bucket or uploaded by a user
    /// becomes a way to run code in the application.
    ///
    /// ## Example
    /// ```python
    /// store = FAISS.load_local(index_dir, embeddings, allow_dangerous_deserialization=True)
    /// ```
    ///
    /// ## Use instead
    /// Load only indexes this application built and stored where nobody
    /// else can write, or rebuild the index from the source documents:
    /// ```python
    /// store = FAISS.from_documents(documents, embeddings)
    /// ```
    ///
    /// ## References
    /// - CWE-502: Deserialization of Untrusted Data
    pub static RULE = {
        name: "langchain-dangerous-deserialization",
        category: Category::AiMl,
        cwe: &[502],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Do not set `allow_dangerous_deserialization=True` for files others could write; rebuild the index or store it where only this application can write.",
        on_call: check,
        call_filter: CallFilter { keywords: || vec!["allow_dangerous_deserialization"], ..CallFilter::NONE },
    };
}
