//! The rule catalog and the checker that runs it.
//!
//! A rule lives in one file under `rules/`: a [`Rule`] static whose doc
//! comment (captured by [`declare_rule!`]) is its documentation, with its
//! metadata beside it (name, category, CWE, severity, confidence, the Bandit
//! and Ruff codes it covers). A rule says what it matches in one of two ways:
//!
//! * as data — rows of [`CallPattern`]: qualified callee names plus
//!   argument conditions ("`shell` is truthy and the command is not a
//!   literal"); the [`registry`] compiles every row into one hash map keyed
//!   by qualified name, so a call costs one lookup whatever the catalog size;
//! * as code — a hook called for every call, statement or expression, or
//!   once per file, for checks that tables cannot say; a call hook may
//!   declare a [`CallFilter`] (callee names, methods, keywords) so that it
//!   only sees the calls that can concern it.
//!
//! The [`Checker`] walks a module once, resolving each callee through the
//! semantic model (never by raw attribute text), and collects
//! [`Diagnostic`]s; the engine turns them into findings.

mod call_filter;
mod call_pattern;
mod checker;
mod docs;
mod helpers;
pub mod parity;
mod registry;
mod rule;
pub mod rules;
mod values;

pub use call_filter::CallFilter;
pub use call_pattern::{Arg, CallPattern, Cond};
pub use checker::{CheckResult, Checker, Diagnostic, FlowNote};
pub use docs::catalog_markdown;
pub use helpers::{is_literal, string_value};
pub use registry::{Registry, registry};
pub use rule::{Category, Flow, Rule, RuleMeta};
pub use values::{Question, module_constants};
