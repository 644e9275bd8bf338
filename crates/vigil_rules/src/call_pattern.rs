//! Call matching as data: a qualified callee plus conditions on arguments.

use crate::checker::Checker;
use crate::helpers::Truth;
use vigil_knowledge::constant::Scalar;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

/// An argument, by keyword name and (optionally) by position.
#[derive(Debug, Clone, Copy)]
pub struct Arg {
    pub name: &'static str,
    pub pos: Option<usize>,
}

impl Arg {
    /// An argument that may be given by position or by keyword.
    pub const fn at(pos: usize, name: &'static str) -> Arg {
        Arg {
            name,
            pos: Some(pos),
        }
    }

    /// A keyword-only argument.
    pub const fn kw(name: &'static str) -> Arg {
        Arg { name, pos: None }
    }

    pub fn find<'a>(&self, call: &'a ExprCall) -> Option<&'a Expr> {
        match self.pos {
            Some(pos) => call.arguments.find_argument_value(self.name, pos),
            None => call.arguments.find_keyword(self.name).map(|k| &k.value),
        }
    }
}

/// A condition on a call's arguments; every condition of a row must hold.
#[derive(Debug, Clone, Copy)]
pub enum Cond {
    /// The argument is given.
    Present(Arg),
    /// The argument is not given.
    Absent(Arg),
    /// The argument is given and is truthy (a literal `True`, a non-zero
    /// number, or any non-literal value, which may be true).
    Truthy(Arg),
    /// The argument is absent or a literal false value.
    Falsy(Arg),
    /// The argument is given and is a literal `False` / `0` / `None`.
    LiteralFalse(Arg),
    /// The argument is absent, or given and not a literal false value.
    NotLiteralFalse(Arg),
    /// The argument is given and is a literal (or a constant bound to one).
    Literal(Arg),
    /// The argument is given and is not a literal.
    NonLiteral(Arg),
    /// The argument is a string literal equal (ASCII case-insensitive) to one of these.
    StrIn(Arg, &'static [&'static str]),
    /// The argument is absent, or not a string literal equal to one of these.
    StrNotIn(Arg, &'static [&'static str]),
    /// The argument resolves to one of these qualified names.
    NameIn(Arg, &'static [&'static str]),
    /// The argument is absent or does not resolve to one of these names.
    NameNotIn(Arg, &'static [&'static str]),
    /// The call has no arguments at all besides those named here.
    NoOtherArgs(&'static [&'static str]),
    /// Any argument (positional, keyword, `*args`, `**kwargs`) is not a literal.
    AnyNonLiteral,
    /// Every argument is a literal.
    AllLiteral,
    /// The argument is not given, and no `*args` / `**kwargs` could give it.
    Missing(Arg),
    /// The argument is a constant integer below this bound.
    IntBelow(Arg, i64),
    /// The argument is a call to one of these qualified names.
    CallTo(Arg, &'static [&'static str]),
    /// The argument is absent, or not a call to one of these qualified names.
    NotCallTo(Arg, &'static [&'static str]),
    /// The argument is absent, or was not made by a call to one of these
    /// qualified names: neither such a call itself nor a name whose latest
    /// binding before this point is one (see [`crate::helpers::origin`]).
    NotMadeBy(Arg, &'static [&'static str]),
    /// The argument is the literal `False` (or a name bound once to it);
    /// unlike [`Cond::LiteralFalse`], `None` and `0` do not count.
    IsFalse(Arg),
    /// The argument is the literal `None` (or a name bound once to it).
    IsNone(Arg),
}

impl Cond {
    pub(crate) fn holds(&self, checker: &Checker, call: &ExprCall) -> bool {
        match *self {
            Cond::Present(arg) => arg.find(call).is_some(),
            Cond::Absent(arg) => arg.find(call).is_none(),
            Cond::Truthy(arg) => arg
                .find(call)
                .is_some_and(|v| checker.truth(v) != Truth::False),
            Cond::Falsy(arg) => arg
                .find(call)
                .is_none_or(|v| checker.truth(v) == Truth::False),
            Cond::LiteralFalse(arg) => arg
                .find(call)
                .is_some_and(|v| checker.truth(v) == Truth::False),
            Cond::NotLiteralFalse(arg) => arg
                .find(call)
                .is_none_or(|v| checker.truth(v) != Truth::False),
            Cond::Literal(arg) => arg.find(call).is_some_and(|v| checker.is_constant(v)),
            Cond::NonLiteral(arg) => arg.find(call).is_some_and(|v| !checker.is_constant(v)),
            Cond::StrIn(arg, values) => arg.find(call).is_some_and(|v| str_in(checker, v, values)),
            Cond::StrNotIn(arg, values) => {
                arg.find(call).is_none_or(|v| !str_in(checker, v, values))
            }
            Cond::NameIn(arg, names) => arg.find(call).is_some_and(|v| name_in(checker, v, names)),
            Cond::NameNotIn(arg, names) => {
                arg.find(call).is_none_or(|v| !name_in(checker, v, names))
            }
            Cond::NoOtherArgs(names) => {
                call.arguments.args.is_empty()
                    && call.arguments.keywords.iter().all(|k| {
                        k.arg
                            .as_ref()
                            .is_some_and(|a| names.contains(&a.id.as_str()))
                    })
            }
            Cond::AnyNonLiteral => call
                .arguments
                .args
                .iter()
                .chain(call.arguments.keywords.iter().map(|k| &k.value))
                .any(|v| !checker.is_constant(v)),
            Cond::AllLiteral => call
                .arguments
                .args
                .iter()
                .chain(call.arguments.keywords.iter().map(|k| &k.value))
                .all(|v| checker.is_constant(v)),
            Cond::Missing(arg) => arg.find(call).is_none() && !may_be_unpacked(call, arg),
            Cond::IntBelow(arg, bound) => arg
                .find(call)
                .and_then(|v| checker.int(v))
                .is_some_and(|n| n < bound),
            Cond::CallTo(arg, names) => arg.find(call).is_some_and(|v| call_to(checker, v, names)),
            Cond::NotCallTo(arg, names) => {
                arg.find(call).is_none_or(|v| !call_to(checker, v, names))
            }
            Cond::NotMadeBy(arg, names) => arg.find(call).is_none_or(|v| {
                crate::helpers::origin(checker, v)
                    .and_then(|o| o.callee)
                    .is_none_or(|callee| !names.contains(&callee.as_str()))
            }),
            Cond::IsFalse(arg) => arg.find(call).is_some_and(|v| checker.is_bool(v, false)),
            Cond::IsNone(arg) => arg
                .find(call)
                .is_some_and(|v| checker.is_value(v, Scalar::None)),
        }
    }
}

/// Whether `*args` (for a positional argument) or `**kwargs` could supply `arg`.
fn may_be_unpacked(call: &ExprCall, arg: Arg) -> bool {
    let starred = arg.pos.is_some()
        && call
            .arguments
            .args
            .iter()
            .any(|a| matches!(a, Expr::Starred(_)));
    starred || call.arguments.keywords.iter().any(|k| k.arg.is_none())
}

fn call_to(checker: &Checker, value: &Expr, names: &[&str]) -> bool {
    let Expr::Call(inner) = checker.constant_value(value) else {
        return false;
    };
    checker
        .resolve(&inner.func)
        .is_some_and(|q| names.contains(&q.as_str()))
}

fn str_in(checker: &Checker, value: &Expr, values: &[&str]) -> bool {
    checker
        .string(value)
        .is_some_and(|s| values.iter().any(|v| v.eq_ignore_ascii_case(&s)))
}

fn name_in(checker: &Checker, value: &Expr, names: &[&str]) -> bool {
    checker
        .resolve_value(value)
        .is_some_and(|q| names.contains(&q.as_str()))
}

/// One row of a rule's call table.
#[derive(Debug)]
pub struct CallPattern {
    /// Qualified names of the callee (`subprocess.Popen`, `builtins.eval`).
    pub names: &'static [&'static str],
    /// Conditions that must all hold.
    pub when: &'static [Cond],
    /// What is wrong, with `{callee}` standing for the callee as written.
    pub message: &'static str,
    /// Reported only in `--audit` mode (an inventory item, not a likely bug).
    pub audit_only: bool,
    /// Overrides of the rule's default severity / confidence for this row.
    pub severity: Option<Severity>,
    pub confidence: Option<Confidence>,
}

impl CallPattern {
    /// A default-mode row with the rule's severity and confidence.
    pub const fn new(
        names: &'static [&'static str],
        when: &'static [Cond],
        message: &'static str,
    ) -> Self {
        Self {
            names,
            when,
            message,
            audit_only: false,
            severity: None,
            confidence: None,
        }
    }

    /// The same row, reported only in audit mode at the given severity.
    pub const fn audit(mut self, severity: Severity) -> Self {
        self.audit_only = true;
        self.severity = Some(severity);
        self
    }

    pub const fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }

    pub const fn confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = Some(confidence);
        self
    }

    pub(crate) fn matches(&self, checker: &Checker, call: &ExprCall) -> bool {
        self.when.iter().all(|cond| cond.holds(checker, call))
    }
}
