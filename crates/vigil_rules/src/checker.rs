//! The checker: one walk over a module that runs every rule.

use crate::registry::Registry;
use crate::rule::Rule;
use rustc_hash::FxHashSet;
use vigil_python::ast::visitor::{self, Visitor};
use vigil_python::ast::{self as ast, AnyNodeRef, Expr, Stmt};
use vigil_python::stack::guarded;
use vigil_python::{Ranged, TextRange, TextSize, header_range};
use vigil_report::{Confidence, Severity};
use vigil_semantic::{ScopeId, SemanticModel};

/// How deep constant evaluation follows names and operators.
const MAX_CONSTANT_DEPTH: usize = 16;

/// A problem found by a rule, before it becomes a [`vigil_report::Finding`].
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub range: TextRange,
    /// The flagged statement (for compound statements, their header only):
    /// a suppression comment on any of its lines applies.
    pub statement: TextRange,
    pub message: String,
    pub severity: Severity,
    pub confidence: Confidence,
    /// Reported only in audit mode.
    pub audit_only: bool,
    /// For dataflow findings: the steps from the source to the sink, each a
    /// range in this file (or a place in another file) and a note
    /// ("`name` is read from the request").
    pub flow: Vec<FlowNote>,
    /// Pattern rules whose findings at this place this one stands for (a
    /// dataflow finding replaces them): a suppression naming one of them
    /// also hides this finding.
    pub replaces: Vec<&'static Rule>,
    /// For a secret: what code frames show in place of the flagged range
    /// (the redacted form the message shows); `None`: the redacted form
    /// of the range's text.
    pub shown_as: Option<String>,
}

/// One step of a dataflow path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowNote {
    /// Where the step is, in the file of the diagnostic.
    pub range: TextRange,
    pub note: String,
    /// For a step in another file of the project (a cross-module flow):
    /// its path as displayed, 1-based line and column; `range` is unused.
    pub elsewhere: Option<(String, u32, u32)>,
}

impl Diagnostic {
    pub fn audit_only(&mut self) -> &mut Self {
        self.audit_only = true;
        self
    }

    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }

    /// See [`Diagnostic::shown_as`].
    pub fn shown_as(&mut self, shown: String) -> &mut Self {
        self.shown_as = Some(shown);
        self
    }

    pub fn confidence(&mut self, confidence: Confidence) -> &mut Self {
        self.confidence = confidence;
        self
    }
}

/// Source text shown in a message: whitespace runs become one space and
/// the text is cut at 60 characters.
#[derive(Debug, Clone, Copy)]
pub struct Snippet<'a>(&'a str);

impl<'a> Snippet<'a> {
    const MAX_CHARS: usize = 60;

    /// The shortened text, borrowed when nothing needs changing.
    pub fn to_cow(self) -> std::borrow::Cow<'a, str> {
        let text = self.0;
        let plain = text.len() <= Self::MAX_CHARS
            && !text.starts_with(' ')
            && !text.ends_with(' ')
            && !text.contains("  ")
            && text.bytes().all(|b| b.is_ascii_graphic() || b == b' ');
        if plain {
            return std::borrow::Cow::Borrowed(text);
        }
        let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        std::borrow::Cow::Owned(if line.chars().count() > Self::MAX_CHARS {
            format!(
                "{}…",
                line.chars().take(Self::MAX_CHARS - 1).collect::<String>()
            )
        } else {
            line
        })
    }
}

impl std::fmt::Display for Snippet<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_cow())
    }
}

/// The paths an import statement brings in, each with its alias's range.
pub type ImportedPaths = std::rc::Rc<[(String, TextRange)]>;

/// Walks one module with its semantic model and collects diagnostics.
pub struct Checker<'a> {
    pub semantic: &'a SemanticModel<'a>,
    pub source: &'a str,
    registry: &'static Registry,
    scope: ScopeId,
    statement: TextRange,
    diagnostics: Vec<Diagnostic>,
    /// Each resolved callee once: the second phase checks every callee of
    /// every file against the module graph, and most names repeat.
    callees: FxHashSet<String>,
    /// The statements enclosing the node being checked, outermost first.
    parents: Vec<&'a Stmt>,
    secret_matches: std::cell::OnceCell<Vec<vigil_secrets::SecretMatch>>,
    /// Answers of [`Checker::mentions`], by word.
    mentions: std::cell::RefCell<rustc_hash::FxHashMap<&'static str, bool>>,
    /// Nesting of recursive `visit_*` calls, for [`guarded`].
    level: u32,
    /// Reused list of the call hooks to run on one call.
    hook_scratch: Vec<u16>,
    /// The paths the current import statement brings in (several rules
    /// read them).
    import_paths: Option<(TextRange, ImportedPaths)>,
    /// Names of other modules whose constant a rule asked for before the
    /// module graph existed (see [`crate::values`]).
    pub(crate) wanted_constants: crate::values::WantedConstants,
    /// The module's statements (for file hooks that look at module-level
    /// code as a whole).
    body: &'a [Stmt],
    /// The top-level names of the modules the file imports, on first use.
    imported_tops: std::cell::OnceCell<FxHashSet<String>>,
    /// [`Checker::imports_any`]'s answers, by list (rules ask per function).
    imports_answers: std::cell::RefCell<Vec<(usize, bool)>>,
    /// The last answer [`Checker::memo`] computed.
    memo: std::cell::RefCell<Option<(MemoKey, std::rc::Rc<dyn std::any::Any>)>>,
}

/// What [`Checker::memo`] answers for: a node (by its start) and a type.
type MemoKey = (TextSize, std::any::TypeId);

/// What a check of one module produced.
#[derive(Debug, Default)]
pub struct CheckResult {
    pub diagnostics: Vec<Diagnostic>,
    /// Qualified names of every resolved callee (for cross-module passes).
    pub callees: Vec<String>,
    /// Names of other modules whose constants the rules asked for and could
    /// not know without the module graph (`app.settings.DEBUG`), with what
    /// the rule wanted to know.
    pub wanted_constants: Vec<(String, crate::values::Question)>,
}

impl<'a> Checker<'a> {
    pub fn new(
        semantic: &'a SemanticModel<'a>,
        source: &'a str,
        registry: &'static Registry,
    ) -> Self {
        Self {
            semantic,
            source,
            registry,
            scope: ScopeId::MODULE,
            statement: TextRange::default(),
            diagnostics: Vec::new(),
            callees: FxHashSet::default(),
            parents: Vec::new(),
            secret_matches: std::cell::OnceCell::new(),
            mentions: std::cell::RefCell::default(),
            level: 0,
            hook_scratch: Vec::new(),
            import_paths: None,
            wanted_constants: std::cell::RefCell::default(),
            body: &[],
            imported_tops: std::cell::OnceCell::new(),
            imports_answers: std::cell::RefCell::default(),
            memo: std::cell::RefCell::default(),
        }
    }

    /// Runs every rule over `body`; also returns the resolved callees.
    pub fn check(mut self, body: &'a [Stmt]) -> CheckResult {
        self.body = body;
        for rule in &self.registry.file_rules {
            if let Some(hook) = rule.on_file {
                hook(&mut self);
            }
        }
        self.visit_body(body);
        let mut wanted_constants = self.wanted_constants.into_inner();
        wanted_constants.dedup();
        CheckResult {
            diagnostics: self.diagnostics,
            callees: self.callees.into_iter().collect(),
            wanted_constants,
        }
    }

    /// Tokens, keys and URL passwords in the file's text (scanned once, on
    /// first use, by `vigil_secrets`).
    /// Whether the file's text contains `word` anywhere, searched once per
    /// file and word: a rule that asks at every call stays linear.
    pub fn mentions(&self, word: &'static str) -> bool {
        if let Some(&found) = self.mentions.borrow().get(word) {
            return found;
        }
        let found = memchr::memmem::find(self.source.as_bytes(), word.as_bytes()).is_some();
        self.mentions.borrow_mut().insert(word, found);
        found
    }

    pub fn secret_matches(&self) -> &[vigil_secrets::SecretMatch] {
        self.secret_matches
            .get_or_init(|| vigil_secrets::scan_text(self.source))
    }

    /// The module's statements.
    pub fn module_body(&self) -> &'a [Stmt] {
        self.body
    }

    /// Whether the file imports one of `modules` (top-level names:
    /// `urllib` for `import urllib.request`), from a set built once.
    pub fn imports_any(&self, modules: &[&str]) -> bool {
        let list = modules.as_ptr() as usize;
        if let Some(&(_, answer)) = self
            .imports_answers
            .borrow()
            .iter()
            .find(|(l, _)| *l == list)
        {
            return answer;
        }
        let answer = self.imports_any_uncached(modules);
        self.imports_answers.borrow_mut().push((list, answer));
        answer
    }

    fn imports_any_uncached(&self, modules: &[&str]) -> bool {
        let tops = self.imported_tops.get_or_init(|| {
            self.semantic
                .import_statements()
                .iter()
                .map(|(module, _)| module.split('.').next().unwrap_or(module).to_string())
                .collect()
        });
        modules.iter().any(|m| tops.contains(*m))
    }

    /// `make()`, computed once for the node starting at `at` when several
    /// rules ask in a row (a function's summary that two rules judge).
    pub fn memo<T: 'static>(&self, at: TextSize, make: impl FnOnce() -> T) -> std::rc::Rc<T> {
        let key = (at, std::any::TypeId::of::<T>());
        if let Some((k, value)) = self.memo.borrow().as_ref()
            && *k == key
            && let Ok(found) = value.clone().downcast::<T>()
        {
            return found;
        }
        let made = std::rc::Rc::new(make());
        *self.memo.borrow_mut() = Some((key, made.clone()));
        made
    }

    /// The scope of the node being checked.
    pub fn scope(&self) -> ScopeId {
        self.scope
    }

    /// The innermost statement being checked (in a statement hook, the
    /// statement itself).
    pub fn current_statement(&self) -> Option<&'a Stmt> {
        self.parents.last().copied()
    }

    /// Every statement enclosing the node being checked, outermost first
    /// (the innermost is [`Checker::current_statement`]).
    pub fn enclosing_statements(&self) -> &[&'a Stmt] {
        &self.parents
    }

    /// What made the object `expr` denotes: for `Flask(__name__)`, or a name
    /// last bound to that call, the callee's qualified name (`flask.Flask`).
    pub fn instance_of(&self, expr: &Expr) -> Option<String> {
        match expr {
            Expr::Call(call) => self.resolve(&call.func),
            Expr::Name(name) => {
                let binding =
                    self.semantic
                        .lookup(name.id.as_str(), self.scope, name.range.start())?;
                self.semantic.maker(binding)
            }
            _ => None,
        }
    }

    /// The value the name `expr` was last bound to by an assignment, where
    /// it is read.
    pub fn assigned_value(&self, expr: &Expr) -> Option<&'a Expr> {
        let Expr::Name(name) = expr else { return None };
        let binding = self
            .semantic
            .lookup(name.id.as_str(), self.scope, name.range.start())?;
        self.semantic.assigned_value(binding)
    }

    /// Reports a problem with the rule's default severity and confidence.
    pub fn report(
        &mut self,
        rule: &'static Rule,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let statement = if self.statement.is_empty() {
            range
        } else {
            self.statement
        };
        self.diagnostics.push(Diagnostic {
            rule,
            range,
            statement,
            message: message.into(),
            severity: rule.meta.severity,
            confidence: rule.meta.confidence,
            audit_only: false,
            flow: Vec::new(),
            replaces: Vec::new(),
            shown_as: None,
        });
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// The absolute dotted paths an import statement brings in, with the
    /// range of each alias (see [`crate::helpers::imported_paths`]),
    /// computed once for all the rules that look at the statement.
    pub fn imported_paths(&mut self, stmt: &Stmt) -> ImportedPaths {
        let range = stmt.range();
        if let Some((at, paths)) = &self.import_paths
            && *at == range
        {
            return paths.clone();
        }
        let paths: ImportedPaths = crate::helpers::imported_paths(stmt).into();
        self.import_paths = Some((range, paths.clone()));
        paths
    }

    /// The qualified name `expr` denotes in the current scope.
    pub fn resolve(&self, expr: &Expr) -> Option<String> {
        self.semantic.resolve_qualified_name(expr, self.scope)
    }

    /// The source text of a node.
    pub fn text(&self, node: &impl Ranged) -> &'a str {
        self.source.get(node.range().to_std_range()).unwrap_or("")
    }

    /// Short form of a node's source for messages (one line, at most 60
    /// chars).
    pub fn snippet(&self, node: &impl Ranged) -> std::borrow::Cow<'a, str> {
        self.lazy_snippet(node).to_cow()
    }

    /// [`Checker::snippet`] computed only when displayed: for rules that
    /// name the callee in a message before knowing whether they report.
    pub fn lazy_snippet(&self, node: &impl Ranged) -> Snippet<'a> {
        Snippet(self.text(node))
    }

    /// Follows a name to the literal it was bound to when it is bound once,
    /// to a constant; otherwise returns `expr` itself.
    pub fn constant_value<'e>(&self, expr: &'e Expr) -> &'e Expr
    where
        'a: 'e,
    {
        let mut current = expr;
        for _ in 0..MAX_CONSTANT_DEPTH {
            match self.single_assignment(current) {
                Some(value) => current = value,
                None => break,
            }
        }
        current
    }

    fn single_assignment<'e>(&self, expr: &Expr) -> Option<&'e Expr>
    where
        'a: 'e,
    {
        let Expr::Name(name) = expr else { return None };
        let binding = self
            .semantic
            .lookup(name.id.as_str(), self.scope, name.range.start())?;
        self.semantic.single_assigned_value(binding)
    }

    /// Whether `expr` always has the same value: a literal, a name bound
    /// once to a constant, or an operation / f-string over constants.
    pub fn is_constant(&self, expr: &Expr) -> bool {
        self.is_constant_depth(expr, 0)
    }

    fn is_constant_depth(&self, expr: &Expr, depth: usize) -> bool {
        if depth > MAX_CONSTANT_DEPTH {
            return false;
        }
        let next = depth + 1;
        match expr {
            Expr::Name(_) => self
                .single_assignment(expr)
                .is_some_and(|value| self.is_constant_depth(value, next)),
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => true,
            Expr::FString(f) => f.value.elements().all(|e| match e {
                ast::InterpolatedStringElement::Literal(_) => true,
                ast::InterpolatedStringElement::Interpolation(i) => {
                    self.is_constant_depth(&i.expression, next)
                }
            }),
            Expr::Tuple(ast::ExprTuple { elts, .. })
            | Expr::List(ast::ExprList { elts, .. })
            | Expr::Set(ast::ExprSet { elts, .. }) => {
                elts.iter().all(|e| self.is_constant_depth(e, next))
            }
            Expr::Dict(dict) => dict.items.iter().all(|item| {
                item.key
                    .as_ref()
                    .is_none_or(|k| self.is_constant_depth(k, next))
                    && self.is_constant_depth(&item.value, next)
            }),
            Expr::UnaryOp(op) => self.is_constant_depth(&op.operand, next),
            Expr::BinOp(op) => {
                self.is_constant_depth(&op.left, next) && self.is_constant_depth(&op.right, next)
            }
            _ => false,
        }
    }

    fn check_call(&mut self, call: &'a ast::ExprCall) {
        let qualified = self.resolve(&call.func);
        if let Some(name) = qualified.as_deref()
            && let Some(rows) = self.registry.calls.get(name)
        {
            for (rule, row) in rows {
                if row.matches(self, call) {
                    let message = row.message.replace("{callee}", &self.snippet(&*call.func));
                    let diagnostic = self.report(rule, call.range(), message);
                    if row.audit_only {
                        diagnostic.audit_only();
                    }
                    if let Some(severity) = row.severity {
                        diagnostic.severity(severity);
                    }
                    if let Some(confidence) = row.confidence {
                        diagnostic.confidence(confidence);
                    }
                }
            }
        }
        // The method called, also through a name bound to it
        // (`run = app.run; run(...)`).
        let method = match call.func.as_ref() {
            Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
            // Only a local value can be an alias of a method (`print` and
            // imported names resolve).
            Expr::Name(_) if qualified.is_none() => match self.callee(call) {
                Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
                _ => None,
            },
            _ => None,
        };
        let mut hooks = std::mem::take(&mut self.hook_scratch);
        self.registry
            .call_hooks_for(call, qualified.as_deref(), method, &mut hooks);
        for &i in &hooks {
            if let Some(hook) = self.registry.call_rules[usize::from(i)].on_call {
                hook(self, call, qualified.as_deref());
            }
        }
        self.hook_scratch = hooks;
        if let Some(name) = qualified {
            self.callees.insert(name);
        }
    }

    fn in_scope_of(&mut self, node: &impl Ranged, f: impl FnOnce(&mut Self)) {
        let saved = self.scope;
        if let Some(scope) = self.semantic.scope_of_node(node) {
            self.scope = scope;
        }
        f(self);
        self.scope = saved;
    }

    fn walk_comprehension(
        &mut self,
        node: &'a Expr,
        generators: &'a [ast::Comprehension],
        elements: &[&'a Expr],
    ) {
        if let Some(first) = generators.first() {
            self.visit_expr(&first.iter);
        }
        self.in_scope_of(node, |this| {
            for (i, generator) in generators.iter().enumerate() {
                if i > 0 {
                    this.visit_expr(&generator.iter);
                }
                this.visit_expr(&generator.target);
                for condition in &generator.ifs {
                    this.visit_expr(condition);
                }
            }
            for element in elements {
                this.visit_expr(element);
            }
        });
    }

    fn walk_stmt_inner(&mut self, stmt: &'a Stmt) {
        let saved_statement = self.statement;
        self.statement = header_range(stmt);
        self.parents.push(stmt);
        for rule in self.registry.node_hooks(AnyNodeRef::from(stmt).kind()) {
            if let Some(hook) = rule.on_stmt {
                hook(self, stmt);
            }
        }
        match stmt {
            Stmt::FunctionDef(def) => {
                for decorator in &def.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(type_params) = &def.type_params {
                    self.visit_type_params(type_params);
                }
                self.visit_parameters(&def.parameters);
                if let Some(returns) = &def.returns {
                    self.visit_annotation(returns);
                }
                self.in_scope_of(stmt, |this| this.visit_body(&def.body));
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                self.in_scope_of(stmt, |this| this.visit_body(&class.body));
            }
            _ => visitor::walk_stmt(self, stmt),
        }
        self.parents.pop();
        self.statement = saved_statement;
    }

    fn walk_expr_inner(&mut self, expr: &'a Expr) {
        for rule in self.registry.node_hooks(AnyNodeRef::from(expr).kind()) {
            if let Some(hook) = rule.on_expr {
                hook(self, expr);
            }
        }
        match expr {
            Expr::Call(call) => {
                self.check_call(call);
                visitor::walk_expr(self, expr);
            }
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_parameters(parameters);
                }
                self.in_scope_of(expr, |this| this.visit_expr(&lambda.body));
            }
            Expr::ListComp(c) => self.walk_comprehension(expr, &c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.walk_comprehension(expr, &c.generators, &[&c.elt]),
            Expr::Generator(c) => self.walk_comprehension(expr, &c.generators, &[&c.elt]),
            Expr::DictComp(c) => {
                let mut elements: Vec<&'a Expr> = c.key.as_deref().into_iter().collect();
                elements.push(&c.value);
                self.walk_comprehension(expr, &c.generators, &elements);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

impl<'a> Visitor<'a> for Checker<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.level += 1;
        let level = self.level;
        guarded(level, || self.walk_stmt_inner(stmt));
        self.level -= 1;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.level += 1;
        let level = self.level;
        guarded(level, || self.walk_expr_inner(expr));
        self.level -= 1;
    }

    fn visit_pattern(&mut self, pattern: &'a ast::Pattern) {
        self.level += 1;
        let level = self.level;
        guarded(level, || visitor::walk_pattern(self, pattern));
        self.level -= 1;
    }
}
