//! `sensitive-data-in-logs`: credentials and personal data written to a log
//! or the console.
//!
//! A value is sensitive by the name it is known by — a variable, parameter,
//! attribute, dictionary key, environment variable or form field whose
//! name says credential (`vigil_secrets::is_secret_name`) or personal data
//! (`vigil_secrets::is_personal_data_name`). The rule follows the logged
//! arguments through formatting (f-strings, `%`, `+`, `.format()`, `str()`,
//! `json.dumps()`, containers) and through the assignments of local names
//! (`msg = f"token={token}"; log.info(msg)`). A value passed through any
//! other call (`mask(token)`, `hash_password(pw)`, `len(pw)`), cut by a
//! slice (`token[:4]`), compared or bound to a constant is not reported.

use crate::call_filter::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{method_name, name_words, string_value};
use crate::rule::Category;
use vigil_knowledge::logging;
use vigil_python::Ranged;
use vigil_python::ast::{self, Expr, ExprCall, Operator};
use vigil_report::{Confidence, Severity};
use vigil_semantic::{BindingKind, ScopeId};

/// How many assignments and nested expressions are followed from an
/// argument (a hostile file cannot make the walk deep).
const MAX_DEPTH: usize = 8;

/// Where a call writes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Log,
    Console,
}

/// A sensitive value found in what a call writes.
struct Leak<'e> {
    expr: &'e Expr,
    name: String,
    kind: &'static str,
}

/// What a name says its value is: a credential, personal data, or neither.
fn sensitive(name: &str) -> Option<&'static str> {
    if vigil_secrets::is_secret_name(name).is_some() && !is_bare_token(name) {
        Some("a credential")
    } else if vigil_secrets::is_personal_data_name(name) {
        Some("personal data")
    } else {
        None
    }
}

/// A bare `token` (`tok`) is as often a lexer's token as a credential;
/// `access_token`, `api_token` and `self.auth_token` are credentials.
fn is_bare_token(name: &str) -> bool {
    let words = name_words(name);
    matches!(words.last().map(String::as_str), Some("token" | "tokens")) && words.len() == 1
}

/// Where `call` writes, when it writes a log record or to the console.
fn output(checker: &Checker, call: &ExprCall, qualified: Option<&str>) -> Option<Output> {
    if let Some(q) = qualified {
        if logging::LOGGING_FUNCTIONS.contains(&q) || logging::is_logger_method(q) {
            return Some(Output::Log);
        }
        if logging::CONSOLE_WRITERS.contains(&q) {
            return Some(Output::Console);
        }
    }
    let Expr::Attribute(attribute) = call.func.as_ref() else {
        return None;
    };
    if !logging::LOGGER_METHODS.contains(&attribute.attr.as_str()) {
        return None;
    }
    let receiver = attribute.value.as_ref();
    if checker
        .instance_of(receiver)
        .is_some_and(|made_by| logging::LOGGER_FACTORIES.contains(&made_by.as_str()))
        || checker
            .resolve(receiver)
            .is_some_and(|q| logging::LOGGER_OBJECTS.contains(&q.as_str()))
    {
        return Some(Output::Log);
    }
    let name = match receiver {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        _ => return None,
    };
    let last = name_words(name).pop()?;
    logging::LOGGER_NAME_WORDS
        .contains(&last.as_str())
        .then_some(Output::Log)
}

/// The values a call writes: its arguments, less the level of `log()` and
/// the options that are not written; with the keyword each came by.
fn written(call: &ExprCall, output: Output) -> Vec<(&Expr, Option<&str>)> {
    let skip_level = output == Output::Log
        && method_name(call).map_or_else(|| is_log_function(call), |m| m == "log");
    let options = match output {
        Output::Log => logging::LOGGING_OPTIONS,
        Output::Console => logging::PRINT_OPTIONS,
    };
    let positional = call
        .arguments
        .args
        .iter()
        .skip(usize::from(skip_level))
        .map(|a| (a, None));
    let keywords = call.arguments.keywords.iter().filter_map(|k| {
        let name = k.arg.as_ref()?.as_str();
        (!options.contains(&name)).then_some((&k.value, Some(name)))
    });
    positional.chain(keywords).collect()
}

/// `log(level, msg)` called by its bare name (`from logging import log`).
fn is_log_function(call: &ExprCall) -> bool {
    matches!(call.func.as_ref(), Expr::Name(name) if name.id.as_str() == "log")
}

/// Whether a value named like a secret no longer holds it: a constant, a
/// truth value, a count, or what a mask or a hash made of it.
fn is_harmless(checker: &Checker, value: &Expr) -> bool {
    checker.is_constant(value)
        || matches!(
            value,
            Expr::Compare(_)
                | Expr::BoolOp(_)
                | Expr::UnaryOp(_)
                | Expr::NoneLiteral(_)
                | Expr::BooleanLiteral(_)
                | Expr::NumberLiteral(_)
                | Expr::Lambda(_)
        )
        || matches!(value, Expr::Call(call) if masks(checker, call))
}

/// Words in a callee's name that say it hides its argument.
const MASK_WORDS: &[&str] = &[
    "mask",
    "masked",
    "redact",
    "redacted",
    "hash",
    "hashed",
    "hashpw",
    "digest",
    "hexdigest",
    "obfuscate",
    "obfuscated",
    "censor",
    "scrub",
    "sanitize",
    "sanitise",
    "anonymize",
    "anonymise",
    "encrypt",
    "encrypted",
    "truncate",
    "truncated",
    "fingerprint",
    "crypt",
    "md5",
    "sha1",
    "sha256",
    "sha512",
    "blake2b",
    "len",
    "hide",
    "hidden",
    "shorten",
    "elide",
];

/// Whether a call hides its argument (`mask(key)`, `hash_password(pw)`,
/// `hashlib.sha256(pw).hexdigest()`, `len(pw)`).
fn masks(checker: &Checker, call: &ExprCall) -> bool {
    let name = match call.func.as_ref() {
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        Expr::Name(name) => name.id.as_str(),
        _ => return false,
    };
    name_words(name)
        .iter()
        .any(|w| MASK_WORDS.contains(&w.as_str()))
        || checker.resolve(&call.func).is_some_and(|q| {
            matches!(
                q.as_str(),
                "builtins.bool"
                    | "builtins.hash"
                    | "builtins.type"
                    | "builtins.id"
                    | "builtins.isinstance"
            )
        })
}

/// Whether a call returns its arguments' text as it is (`str(x)`,
/// `x.strip()`, `json.dumps(x)`), or reads a value by name
/// (`os.getenv("API_KEY")`): calls that do not are masks, hashes and
/// other transformations.
fn hands_on(checker: &Checker, call: &ExprCall) -> bool {
    if keyed_read(call).is_some() {
        return true;
    }
    if let Some(q) = checker.resolve(&call.func) {
        return TEXT_FUNCTIONS.contains(&q.as_str());
    }
    method_name(call).is_some_and(|m| TEXT_METHODS.contains(&m))
}

/// Functions whose result holds their arguments' text.
const TEXT_FUNCTIONS: &[&str] = &[
    "builtins.str",
    "builtins.repr",
    "builtins.ascii",
    "builtins.format",
    "builtins.dict",
    "builtins.list",
    "builtins.tuple",
    "json.dumps",
    "pprint.pformat",
];

/// Methods whose result holds the receiver's (or the arguments') text.
const TEXT_METHODS: &[&str] = &[
    "format", "join", "encode", "decode", "strip", "lstrip", "rstrip", "lower", "upper", "title",
    "get", "pop",
];

/// `os.getenv("DB_PASSWORD")`, `request.form.get("password")`,
/// `config.get("api_key")`: a value read by a key that names it.
fn keyed_read(call: &ExprCall) -> Option<String> {
    let reads = match call.func.as_ref() {
        Expr::Attribute(attribute) => {
            matches!(
                attribute.attr.as_str(),
                "get" | "getenv" | "pop" | "get_secret"
            )
        }
        Expr::Name(name) => name.id.as_str() == "getenv",
        _ => false,
    };
    if !reads {
        return None;
    }
    call.arguments.args.first().and_then(string_value)
}

/// How many expressions one call's arguments may lead the search to: names
/// bound to tuples of names bound to tuples... would otherwise grow the
/// search exponentially with the depth.
const MAX_VISITS: u32 = 512;

/// Finds the sensitive value in what is written, following names in
/// `scope`, within a budget of visits.
struct Finder<'c, 'a> {
    checker: &'c Checker<'a>,
    visits: std::cell::Cell<u32>,
}

impl<'a> Finder<'_, 'a> {
    fn leak<'e>(&self, expr: &'e Expr, scope: ScopeId, depth: usize) -> Option<Leak<'e>>
    where
        'a: 'e,
    {
        if depth > MAX_DEPTH || self.visits.get() >= MAX_VISITS {
            return None;
        }
        self.visits.set(self.visits.get() + 1);
        let next = depth + 1;
        let named = |name: &str| {
            sensitive(name).map(|kind| Leak {
                expr,
                name: name.to_string(),
                kind,
            })
        };
        match expr {
            Expr::Name(name) => {
                let binding =
                    self.checker
                        .semantic
                        .lookup(name.id.as_str(), scope, name.range.start());
                let value = binding.and_then(|b| match b.kind {
                    BindingKind::Assignment { value } => Some((value, b.scope)),
                    _ => None,
                });
                if let Some(leak) = named(name.id.as_str()) {
                    let harmless = value
                        .and_then(|(v, _)| v)
                        .is_some_and(|v| is_harmless(self.checker, v));
                    return (!harmless).then_some(leak);
                }
                let (Some(value), scope) = value? else {
                    return None;
                };
                self.leak(value, scope, next)
            }
            Expr::Attribute(attribute) => named(attribute.attr.as_str()),
            Expr::Subscript(subscript) => match subscript.slice.as_ref() {
                // A slice shows part of the value: a mask.
                Expr::Slice(_) => None,
                key => match string_value(key) {
                    Some(key) => named(&key),
                    // An element of a container named like a secret
                    // (`credentials[0]`); what a literal container holds
                    // under a key known at run time is not known.
                    None => match subscript.value.as_ref() {
                        Expr::Name(name) => named(name.id.as_str()),
                        Expr::Attribute(attribute) => named(attribute.attr.as_str()),
                        _ => None,
                    },
                },
            },
            Expr::Call(call) => self.leak_in_call(expr, call, scope, next),
            Expr::FString(f) => f.value.elements().find_map(|e| match e {
                ast::InterpolatedStringElement::Interpolation(i) => {
                    self.leak(&i.expression, scope, next)
                }
                ast::InterpolatedStringElement::Literal(_) => None,
            }),
            Expr::BinOp(op) if matches!(op.op, Operator::Add | Operator::Mod) => self
                .leak(&op.left, scope, next)
                .or_else(|| self.leak(&op.right, scope, next)),
            Expr::Tuple(ast::ExprTuple { elts, .. })
            | Expr::List(ast::ExprList { elts, .. })
            | Expr::Set(ast::ExprSet { elts, .. }) => {
                elts.iter().find_map(|e| self.leak(e, scope, next))
            }
            Expr::Dict(dict) => dict.items.iter().find_map(|item| {
                let by_key = item
                    .key
                    .as_ref()
                    .and_then(string_value)
                    .and_then(|key| self.by_keyword(&key, &item.value, scope, next));
                by_key.or_else(|| self.leak(&item.value, scope, next))
            }),
            Expr::If(e) => self
                .leak(&e.body, scope, next)
                .or_else(|| self.leak(&e.orelse, scope, next)),
            Expr::Starred(e) => self.leak(&e.value, scope, next),
            Expr::Named(e) => self.leak(&e.value, scope, next),
            _ => None,
        }
    }

    /// A value given under a key or keyword that names it sensitive
    /// (`{"password": pw}`, `log.info("login", password=pw)`).
    fn by_keyword<'e>(
        &self,
        key: &str,
        value: &'e Expr,
        scope: ScopeId,
        depth: usize,
    ) -> Option<Leak<'e>>
    where
        'a: 'e,
    {
        let kind = sensitive(key)?;
        if is_harmless(self.checker, value) || self.is_harmless_name(value, scope, depth) {
            return None;
        }
        Some(Leak {
            expr: value,
            name: key.to_string(),
            kind,
        })
    }

    /// A name bound to a harmless value (`masked = mask(pw)`).
    fn is_harmless_name(&self, value: &Expr, scope: ScopeId, depth: usize) -> bool {
        let Expr::Name(name) = value else {
            return false;
        };
        if depth > MAX_DEPTH {
            return true;
        }
        let binding = self
            .checker
            .semantic
            .lookup(name.id.as_str(), scope, name.range.start());
        match binding.map(|b| (&b.kind, b.scope)) {
            Some((BindingKind::Assignment { value: Some(v) }, scope)) => {
                is_harmless(self.checker, v) || self.is_harmless_name(v, scope, depth + 1)
            }
            _ => false,
        }
    }

    fn leak_in_call<'e>(
        &self,
        expr: &'e Expr,
        call: &'e ExprCall,
        scope: ScopeId,
        depth: usize,
    ) -> Option<Leak<'e>>
    where
        'a: 'e,
    {
        if let Some(key) = keyed_read(call) {
            return sensitive(&key).map(|kind| Leak {
                expr,
                name: key,
                kind,
            });
        }
        if !hands_on(self.checker, call) {
            return None;
        }
        let receiver = match call.func.as_ref() {
            Expr::Attribute(attribute) if method_name(call) != Some("join") => {
                Some(attribute.value.as_ref())
            }
            _ => None,
        };
        let keywords = call.arguments.keywords.iter().find_map(|k| {
            let by_name = k
                .arg
                .as_ref()
                .and_then(|name| self.by_keyword(name.as_str(), &k.value, scope, depth));
            by_name.or_else(|| self.leak(&k.value, scope, depth))
        });
        receiver
            .and_then(|r| self.leak(r, scope, depth))
            .or_else(|| {
                call.arguments
                    .args
                    .iter()
                    .find_map(|a| self.leak(a, scope, depth))
            })
            .or(keywords)
    }
}

fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(output) = output(checker, call, qualified) else {
        return;
    };
    let finder = Finder {
        checker,
        visits: std::cell::Cell::new(0),
    };
    let scope = checker.scope();
    let leak = written(call, output)
        .into_iter()
        .find_map(|(value, keyword)| {
            keyword
                .and_then(|k| finder.by_keyword(k, value, scope, 0))
                .or_else(|| finder.leak(value, scope, 0))
                .map(|leak| (value, leak))
        });
    let Some((written, leak)) = leak else { return };
    let callee = checker.snippet(call.func.as_ref());
    let (place, reader) = match output {
        Output::Log => (
            "to the log",
            "whoever can read the logs, or the services they are shipped to,",
        ),
        Output::Console => (
            "to the console",
            "whoever sees the output, or the CI logs that capture it,",
        ),
    };
    // The code may hold a literal credential beside the name it reports.
    let shown = |expr: &Expr| vigil_secrets::mask_secrets(&checker.snippet(expr));
    let what = if std::ptr::eq(written, leak.expr) {
        format!("`{}`", shown(written))
    } else {
        format!("`{}`, which holds `{}`", shown(written), shown(leak.expr))
    };
    let message = format!(
        "`{callee}(...)` writes {what} ({}, by the name `{}`) {place}: {reader} learns it",
        leak.kind, leak.name,
    );
    let diagnostic = checker.report(&RULE, written.range(), message);
    if output == Output::Console {
        diagnostic.severity(Severity::Low);
    }
}

fn methods() -> Vec<&'static str> {
    logging::LOGGER_METHODS
        .iter()
        .copied()
        .chain(["write", "pprint", "pp"])
        .collect()
}

fn names() -> Vec<&'static str> {
    logging::CONSOLE_WRITERS
        .iter()
        .chain(logging::LOGGING_FUNCTIONS)
        .copied()
        .collect()
}

declare_rule! {
    /// ## What it does
    /// Finds credentials and personal data written to a log (`logging`,
    /// loggers, structlog, loguru) or to the console (`print`,
    /// `sys.stdout.write`). A value counts as sensitive by the name it is
    /// known by: a variable, parameter, attribute, dictionary key,
    /// environment variable or form field named like a password, token,
    /// API key, secret or credentials, or like a social security, credit
    /// card, passport or bank account number. The value is followed
    /// through f-strings, `%` and `.format()` formatting, concatenation,
    /// `str()`, `json.dumps()`, containers and local variables
    /// (`msg = f"token={api_token}"; log.info(msg)`).
    ///
    /// Values that no longer hold the secret are not reported: passed
    /// through another call (`mask(api_key)`, `hash_password(pw)`,
    /// `len(password)`), cut by a slice (`api_key[:4]`), compared
    /// (`password is None`) or bound to a constant. A bare `token` is not
    /// taken for a credential (parsers have tokens); `access_token`,
    /// `api_token` and `self.auth_token` are. Console output is reported
    /// with low severity: a command-line tool may show a secret on purpose.
    ///
    /// ## Why is this bad?
    /// Logs are kept for a long time, copied to log services, attached to
    /// tickets and read by people who must not see passwords or customers'
    /// card numbers. A credential in a log is a credential leaked to all of
    /// them; regulations (PCI DSS, GDPR) forbid logging card numbers and
    /// identity numbers.
    ///
    /// ## Example
    /// ```python
    /// logger.info(f"login user={username} password={password}")
    /// log.debug("calling API with key %s", api_key)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// logger.info("login user=%s", username)
    /// log.debug("calling API with key %s…", api_key[:4])
    /// ```
    ///
    /// ## References
    /// - CWE-532: Insertion of Sensitive Information into Log File
    /// - CWE-312: Cleartext Storage of Sensitive Information
    /// - CWE-359: Exposure of Private Personal Information to an Unauthorized Actor
    pub static RULE = {
        name: "sensitive-data-in-logs",
        category: Category::Secrets,
        cwe: &[532, 312, 359],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Do not log or print credentials or personal data: leave them out of the message, or log a masked form (the last four characters, a hash prefix).",
        on_call: check_call,
        call_filter: CallFilter { names, methods, ..CallFilter::NONE },
    };
}
