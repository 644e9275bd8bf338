//! What the command-line rules share: which calls start programs, where
//! their command is, and how a literal shell command splits into words.

use crate::checker::Checker;
use crate::helpers::{Truth, string_value};
use vigil_knowledge::commands::{self, CommandForm};
use vigil_python::ast::{self as ast, Expr, ExprCall, Operator};

/// Every callee [`command_of`] knows: the call filter of the rules built
/// on it.
pub fn command_functions() -> Vec<&'static str> {
    commands::apis()
        .filter(|(_, form)| !matches!(form, CommandForm::SplitWords | CommandForm::Document))
        .map(|(name, _)| name)
        .collect()
}

/// Whether every dynamic part of a command string went through a shell
/// quoting function.
pub fn is_quoted(checker: &Checker, expr: &Expr) -> bool {
    quoted_depth(checker, expr, 0)
}

fn quoted_depth(checker: &Checker, expr: &Expr, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    if checker.is_constant(expr) {
        return true;
    }
    match expr {
        Expr::Call(call) => checker
            .resolve_value(&call.func)
            .is_some_and(|q| commands::QUOTERS.contains(&q.as_str())),
        Expr::FString(f) => f.value.elements().all(|element| match element {
            ast::InterpolatedStringElement::Literal(_) => true,
            ast::InterpolatedStringElement::Interpolation(i) => {
                quoted_depth(checker, &i.expression, depth + 1)
            }
        }),
        Expr::BinOp(op) if matches!(op.op, Operator::Add | Operator::Mod) => {
            quoted_depth(checker, &op.left, depth + 1)
                && quoted_depth(checker, &op.right, depth + 1)
        }
        Expr::Tuple(tuple) => tuple
            .elts
            .iter()
            .all(|e| quoted_depth(checker, e, depth + 1)),
        _ => false,
    }
}

/// Where a call keeps its command, when it runs one.
pub enum Command<'e> {
    /// A command line parsed by a shell.
    Shell(&'e Expr),
    /// A program and its arguments, each element one word (no shell).
    Argv(Vec<&'e Expr>),
    /// A program path alone.
    Program(&'e Expr),
}

/// The command a call to `qualified` runs, if it is a known way to start
/// a program.
pub fn command_of<'e, 'a: 'e>(
    checker: &Checker<'a>,
    call: &'e ExprCall,
    qualified: &str,
) -> Option<Command<'e>> {
    let positional =
        |from: usize| -> Vec<&'e Expr> { call.arguments.args.iter().skip(from).collect() };
    let form = commands::form_of(qualified)?;
    let (position, keyword) = form.command_parameter();
    let command = || call.arguments.find_argument_value(keyword, position);
    match form {
        CommandForm::Shell => command().map(Command::Shell),
        CommandForm::Subprocess => {
            let args = command()?;
            let shell = call
                .arguments
                .find_keyword("shell")
                .is_some_and(|k| checker.truth(&k.value) != Truth::False);
            Some(if shell {
                Command::Shell(args)
            } else {
                argv(checker, args)
            })
        }
        CommandForm::Words => Some(Command::Argv(positional(0))),
        CommandForm::PathThenList => {
            let list = call.arguments.args.get(1)?;
            match argv(checker, list) {
                Command::Argv(words) => {
                    let mut all = vec![call.arguments.args.first()?];
                    all.extend(words.into_iter().skip(1));
                    Some(Command::Argv(all))
                }
                _ => Some(Command::Program(call.arguments.args.first()?)),
            }
        }
        CommandForm::PathThenWords => {
            let mut all = vec![call.arguments.args.first()?];
            all.extend(positional(2));
            Some(Command::Argv(all))
        }
        CommandForm::ModeThenPath => call.arguments.args.get(1).map(Command::Program),
        CommandForm::WordList => Some(argv(checker, command()?)),
        // pexpect splits the string itself, and a document is no command
        // line: `os-exec-process` judges them.
        CommandForm::SplitWords | CommandForm::Document => None,
    }
}

/// A list or tuple (or a name bound once to one) as argument words;
/// anything else is a program path or a string split by the callee.
fn argv<'e, 'a: 'e>(checker: &Checker<'a>, args: &'e Expr) -> Command<'e> {
    match checker.constant_value(args) {
        Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
            Command::Argv(elts.iter().collect())
        }
        _ => Command::Program(args),
    }
}

/// The text of a shell command: a literal as it is, an f-string with each
/// interpolation replaced by `\u{1}` (a word character that is no glob or
/// operator). `None` for anything else.
pub fn shell_text(checker: &Checker, expr: &Expr) -> Option<String> {
    let value = checker.constant_value(expr);
    if let Some(text) = string_value(value) {
        return Some(text);
    }
    let Expr::FString(f) = value else { return None };
    Some(
        f.value
            .elements()
            .map(|element| match element {
                ast::InterpolatedStringElement::Literal(l) => l.value.to_string(),
                ast::InterpolatedStringElement::Interpolation(_) => "\u{1}".to_string(),
            })
            .collect(),
    )
}

/// A shell command line split into simple commands (at `;`, `&`, `|` and
/// new lines) and words (at blanks). Quotes stay part of their word.
pub fn simple_commands(text: &str) -> Vec<Vec<&str>> {
    text.split([';', '&', '|', '\n', '(', ')', '`'])
        .map(|command| command.split_whitespace().collect::<Vec<_>>())
        .filter(|words| !words.is_empty())
        .collect()
}

/// The word that names the program of a simple command: leading variable
/// assignments (`LANG=C`) and wrappers (`sudo`, `nice`, `env`...) skipped.
pub fn program_word<'t>(words: &[&'t str]) -> Option<(usize, &'t str)> {
    words.iter().copied().enumerate().find(|(_, word)| {
        let assignment = word.split_once('=').is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        });
        !assignment && !commands::is_wrapper(word) && !word.starts_with('-')
    })
}

pub use commands::basename;
