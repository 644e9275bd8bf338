use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input pasted into an XPath expression: lxml `xpath` and
    /// `XPath`, ElementTree `find`/`findall`/`findtext`/`iterfind`,
    /// `elementpath.select`. Values passed as XPath variables are not reported.
    ///
    /// ## Why is this bad?
    /// A value such as `' or '1'='1` changes what the query selects: a login
    /// check by XPath lets anyone in, a lookup returns every record.
    ///
    /// ## Example
    /// ```python
    /// name = request.args["name"]
    /// users = tree.xpath(f"//user[@name='{name}']")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// name = request.args["name"]
    /// users = tree.xpath("//user[@name=$name]", name=name)
    /// ```
    ///
    /// ## References
    /// - CWE-643: Improper Neutralization of Data within XPath Expressions ('XPath Injection')
    pub static RULE = {
        name: "xpath-injection",
        category: Category::Injection,
        cwe: &[643],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Pass values as XPath variables (`tree.xpath(\"//user[@name=$name]\", name=name)`) instead of pasting them into the expression.",
        flow: Flow::new(
            "in an XPath expression",
            "it can change what the query selects (XPath injection)",
        )
        .cleared_by(&["quoted-literal"])
        .harmless_characters(" .,:;!?#$%+~^"),
    };
}
