//! What a rule is: metadata, documentation and the ways it matches.

use crate::call_filter::CallFilter;
use crate::call_pattern::CallPattern;
use crate::checker::Checker;
use vigil_python::ast::{Expr, ExprCall, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

/// The family a rule belongs to (for listing and reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Injection,
    Deserialization,
    Xml,
    Cryptography,
    Network,
    Files,
    Web,
    Secrets,
    AiMl,
    SupplyChain,
    CodeQuality,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Injection => "injection",
            Category::Deserialization => "deserialization",
            Category::Xml => "xml",
            Category::Cryptography => "cryptography",
            Category::Network => "network",
            Category::Files => "files",
            Category::Web => "web",
            Category::Secrets => "secrets",
            Category::AiMl => "ai-ml",
            Category::SupplyChain => "supply-chain",
            Category::CodeQuality => "code-quality",
        }
    }
}

/// Everything about a rule that is not its matching logic.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id that users type.
    pub name: &'static str,
    pub category: Category,
    pub cwe: &'static [u32],
    pub severity: Severity,
    pub confidence: Confidence,
    /// Bandit test ids covered (`B602`): `# nosec B602` hides this rule.
    pub bandit: &'static [&'static str],
    /// Ruff rule codes covered (`S602`): `# noqa: S602` hides this rule.
    pub ruff: &'static [&'static str],
    /// How to fix it, in one or two sentences (the finding's `help`).
    pub help: &'static str,
    /// The documentation, in Markdown, from the rule's doc comment.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The documentation with the doc-comment indentation removed.
    pub fn doc_text(&self) -> String {
        self.doc
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }

    /// The first paragraph under "What it does".
    pub fn summary(&self) -> String {
        let doc = self.doc_text();
        doc.split("## What it does")
            .nth(1)
            .unwrap_or(&doc)
            .trim()
            .split("\n\n")
            .next()
            .unwrap_or("")
            .replace('\n', " ")
            .trim()
            .to_string()
    }

    /// Whether `code` (a Bandit or Ruff code, any case) names this rule.
    pub fn has_code(&self, code: &str) -> bool {
        self.bandit
            .iter()
            .chain(self.ruff)
            .any(|c| c.eq_ignore_ascii_case(code))
    }

    /// Whether a selector of the configuration (a `per-file-ignores`
    /// entry) designates this rule: its name, a Bandit or Ruff code, its
    /// category, or `ALL`.
    pub fn selected_by(&self, selector: &str) -> bool {
        let selector = selector.trim();
        selector.eq_ignore_ascii_case(self.name)
            || self.has_code(selector)
            || selector.eq_ignore_ascii_case(self.category.as_str())
            || selector.eq_ignore_ascii_case("ALL")
    }
}

/// Hook for calls: receives the call and its resolved qualified name.
pub type CallHook = fn(&mut Checker, &ExprCall, Option<&str>);
pub type StmtHook = fn(&mut Checker, &Stmt);
pub type ExprHook = fn(&mut Checker, &Expr);
pub type FileHook = fn(&mut Checker);

/// A rule: metadata plus the table rows and hooks that make it match.
#[derive(Debug)]
pub struct Rule {
    pub meta: RuleMeta,
    pub calls: &'static [CallPattern],
    pub on_call: Option<CallHook>,
    /// The calls `on_call` needs to see; without one it sees every call.
    pub call_filter: Option<CallFilter>,
    pub on_stmt: Option<StmtHook>,
    pub on_expr: Option<ExprHook>,
    /// The statement and expression kinds `on_stmt` and `on_expr` look at
    /// (`NodeKind::StmtAssign`, `NodeKind::ExprCall`, ...); the registry
    /// calls them for these nodes only. Empty: every node.
    pub nodes: &'static [NodeKind],
    pub on_file: Option<FileHook>,
    /// Matched by the taint engine (`vigil_taint`), whose models name this
    /// rule as the sink's rule: `flow` is set.
    pub dataflow: bool,
    /// What the dataflow engine needs to know of a dataflow rule.
    pub flow: Option<Flow>,
}

/// A dataflow rule's part of its declaration, read by the dataflow engine
/// (`vigil_taint`) when it builds its models: each dataflow rule is
/// declared once, here, with its documentation.
#[derive(Debug, Clone, Copy)]
pub struct Flow {
    /// How a sink uses the data unless the sink says otherwise ("as SQL
    /// text").
    pub what: &'static str,
    /// The consequence that ends the message ("it can rewrite the query").
    pub harm: &'static str,
    /// The sink does, for a local user, what a program is for (a
    /// command-line tool opens the files it is told): data from the
    /// command line or the environment reaching it is an audit note.
    pub local_input_by_design: bool,
    /// The sinks run or rebuild the data (code, commands,
    /// deserialization): what comes out is part of the same problem.
    pub consumes: bool,
    /// Shapes of data that are safe for the sinks: `fixed-host`,
    /// `fixed-path`, `path-containment`, `no-line-breaks`, `quoted-literal`
    /// (text without a quote character, placed between two of them).
    pub cleared_by: &'static [&'static str],
    /// Pattern rules that flag the same calls because an argument is
    /// built at run time: where this rule traces the argument, or proves it
    /// constant or sanitized, its answer replaces theirs.
    pub supersedes: &'static [&'static str],
    /// Families of the knowledge layer (`vigil_knowledge`) whose APIs are
    /// this rule's sinks (`"commands"`).
    pub families: &'static [&'static str],
    /// Only sources that name this rule in their `reaches` list reach its
    /// sinks: what they carry is not untrusted input but data that must
    /// not leak (a stack trace), and untrusted input does not reach them.
    pub explicit_sources: bool,
    /// ASCII characters, besides letters, digits, `_` and `-`, that cannot
    /// do harm at these sinks: text a regular expression proved to hold
    /// only such characters (`re.fullmatch(r"[\w ]+", x)`) is safe here.
    pub harmless_characters: &'static str,
    /// Only data from other machines (requests, messages) matters here:
    /// what the command line or the environment gives is the local user's
    /// own, who can look at the machine anyway.
    pub remote_input_only: bool,
    /// The rule judges the sinks of another dataflow rule, for data that
    /// rule's clearances let through (`partial-ssrf` refines `ssrf`: the
    /// same URLs, once the host is fixed); where that rule reports a sink,
    /// this one does not.
    pub refines: Option<&'static str>,
}

impl Flow {
    /// A rule whose sinks use the data `what` ("as SQL text"), with
    /// consequence `harm`.
    pub const fn new(what: &'static str, harm: &'static str) -> Flow {
        Flow {
            what,
            harm,
            local_input_by_design: false,
            consumes: false,
            cleared_by: &[],
            supersedes: &[],
            families: &[],
            explicit_sources: false,
            harmless_characters: "",
            remote_input_only: false,
            refines: None,
        }
    }

    /// See [`Flow::refines`].
    pub const fn refines(mut self, rule: &'static str) -> Flow {
        self.refines = Some(rule);
        self
    }

    /// See [`Flow::remote_input_only`].
    pub const fn remote_input_only(mut self) -> Flow {
        self.remote_input_only = true;
        self
    }

    /// See [`Flow::harmless_characters`].
    pub const fn harmless_characters(mut self, characters: &'static str) -> Flow {
        self.harmless_characters = characters;
        self
    }

    pub const fn explicit_sources(mut self) -> Flow {
        self.explicit_sources = true;
        self
    }

    pub const fn local_input_by_design(mut self) -> Flow {
        self.local_input_by_design = true;
        self
    }

    pub const fn consumes(mut self) -> Flow {
        self.consumes = true;
        self
    }

    pub const fn cleared_by(mut self, shapes: &'static [&'static str]) -> Flow {
        self.cleared_by = shapes;
        self
    }

    pub const fn supersedes(mut self, rules: &'static [&'static str]) -> Flow {
        self.supersedes = rules;
        self
    }

    pub const fn families(mut self, families: &'static [&'static str]) -> Flow {
        self.families = families;
        self
    }
}

impl Rule {
    /// Whether every way this rule matches reports in `--audit` mode only.
    pub fn is_audit_only(&self) -> bool {
        !self.calls.is_empty()
            && self.calls.iter().all(|c| c.audit_only)
            && self.on_call.is_none()
            && self.on_stmt.is_none()
            && self.on_expr.is_none()
            && self.on_file.is_none()
            && !self.dataflow
    }

    /// `dataflow`, `audit` or `pattern`.
    pub fn kind(&self) -> &'static str {
        if self.dataflow {
            "dataflow"
        } else if self.is_audit_only() {
            "audit"
        } else {
            "pattern"
        }
    }
}

/// Declares a rule static, capturing its doc comment as its documentation.
///
/// ```
/// use vigil_report::{Confidence, Severity};
/// use vigil_rules::{Arg, CallPattern, Category, Cond, declare_rule};
///
/// declare_rule! {
///     /// ## What it does
///     /// Flags `marshal.loads` on data built at run time.
///     ///
///     /// ## Why is this bad?
///     /// `marshal` has no integrity checks.
///     ///
///     /// ## Example
///     /// ```python
///     /// marshal.loads(blob)
///     /// ```
///     ///
///     /// ## Use instead
///     /// ```python
///     /// json.loads(blob)
///     /// ```
///     ///
///     /// ## References
///     /// - CWE-502: Deserialization of Untrusted Data
///     pub static RULE = {
///         name: "example-marshal",
///         category: Category::Deserialization,
///         cwe: &[502],
///         severity: Severity::High,
///         confidence: Confidence::Medium,
///         bandit: &[],
///         ruff: &[],
///         help: "Load data with a format that cannot build objects.",
///         calls: &[CallPattern::new(
///             &["marshal.loads"],
///             &[Cond::NonLiteral(Arg::at(0, "data"))],
///             "`{callee}` loads data built at run time",
///         )],
///     };
/// }
///
/// assert_eq!(RULE.meta.name, "example-marshal");
/// assert!(RULE.meta.doc.contains("## What it does"));
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $ident:ident = {
            name: $name:literal,
            category: $category:expr,
            cwe: $cwe:expr,
            severity: $severity:expr,
            confidence: $confidence:expr,
            bandit: $bandit:expr,
            ruff: $ruff:expr,
            help: $help:expr,
            $(calls: $calls:expr,)?
            $(on_call: $on_call:expr,)?
            $(call_filter: $call_filter:expr,)?
            $(on_stmt: $on_stmt:expr,)?
            $(on_expr: $on_expr:expr,)?
            $(nodes: $nodes:expr,)?
            $(on_file: $on_file:expr,)?
            $(flow: $flow:expr,)?
        };
    ) => {
        $vis static $ident: $crate::Rule = $crate::Rule {
            meta: $crate::RuleMeta {
                name: $name,
                category: $category,
                cwe: $cwe,
                severity: $severity,
                confidence: $confidence,
                bandit: $bandit,
                ruff: $ruff,
                help: $help,
                doc: concat!($($doc, "\n"),*),
            },
            calls: $crate::declare_rule!(@or $($calls)?; &[]),
            on_call: $crate::declare_rule!(@opt $($on_call)?),
            call_filter: $crate::declare_rule!(@opt $($call_filter)?),
            on_stmt: $crate::declare_rule!(@opt $($on_stmt)?),
            on_expr: $crate::declare_rule!(@opt $($on_expr)?),
            nodes: $crate::declare_rule!(@or $($nodes)?; &[]),
            on_file: $crate::declare_rule!(@opt $($on_file)?),
            dataflow: $crate::declare_rule!(@is $($flow)?),
            flow: $crate::declare_rule!(@opt $($flow)?),
        };
    };
    (@or $value:expr; $default:expr) => { $value };
    (@or ; $default:expr) => { $default };
    (@opt $value:expr) => { Some($value) };
    (@opt) => { None };
    (@is $value:expr) => { true };
    (@is) => { false };
}
