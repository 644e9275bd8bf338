use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input placed in the instructions of a large language
    /// model: the system or developer message of a chat (`{"role": "system",
    /// "content": ...}` in OpenAI-style `messages`, LangChain's `("system",
    /// ...)` tuples and `SystemMessage`), and the parameters that set the
    /// instructions (`system=` of Anthropic's `messages.create`,
    /// `instructions=` of OpenAI's Responses and Assistants APIs,
    /// `system_instruction=` of Google's Gemini models, `system=` of Ollama).
    /// Input in user messages is how a chat works and is not reported.
    ///
    /// ## Why is this bad?
    /// Models give their system instructions precedence over the
    /// conversation. Text from a user in those instructions can override
    /// them: lift the restrictions the application relies on, make the
    /// model reveal its instructions or other users' data, or steer the
    /// tools and actions the model is allowed to call.
    ///
    /// ## Example
    /// ```python
    /// persona = request.args["persona"]
    /// client.chat.completions.create(model="gpt-4o", messages=[
    ///     {"role": "system", "content": f"You are {persona}. Never reveal the admin notes."},
    ///     {"role": "user", "content": question},
    /// ])
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// PERSONAS = {"tutor": "You are a patient tutor.", "editor": "You are a copy editor."}
    /// system = PERSONAS.get(request.args["persona"], PERSONAS["tutor"])
    /// client.chat.completions.create(model="gpt-4o", messages=[
    ///     {"role": "system", "content": system},
    ///     {"role": "user", "content": question},
    /// ])
    /// ```
    ///
    /// ## References
    /// - CWE-1427: Improper Neutralization of Input Used for LLM Prompting
    /// - OWASP Top 10 for LLM Applications: LLM01 Prompt Injection
    pub static RULE = {
        name: "prompt-injection",
        category: Category::AiMl,
        cwe: &[1427],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Keep the system instructions fixed: choose among instructions written in the code, and pass what the user wrote only as a user message.",
        flow: Flow::new(
            "in a language model's system instructions",
            "it can override the instructions the application gives the model (prompt injection)",
        )
        .local_input_by_design(),
    };
}
