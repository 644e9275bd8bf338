//! What vigil knows about Python's dangerous APIs, written once.
//!
//! vigil has two checkers: the pattern rules (`vigil_rules`), which judge a
//! call by its arguments, and the dataflow engine (`vigil_taint`), which
//! follows untrusted data to the same calls. Both read the facts in this
//! crate, so that an API added to a family here is flagged by the pattern
//! rule and is a sink of the dataflow rule at once:
//!
//! * [`commands`]: every way Python starts a program, where the command is
//!   in each call, the shells and interpreters that run a `-c` argument as
//!   code, the wrappers that run the program named after them, and the
//!   functions that quote a word for a shell.
//! * [`code`]: imports and file runs whose module or path is chosen at
//!   run time, and evaluators of expression languages that run code
//!   (numexpr, pandas, Pillow's `ImageMath`, SymPy, js2py).
//! * [`logging`]: the logging functions, loggers and console writers.
//! * [`markup`]: calls that mark text as safe HTML.
//! * [`deserialization`]: the loaders that can run code while reading
//!   pickle, marshal or YAML data, and what makes them safe.
//! * [`signatures`]: the parameter lists of the callees whose arguments the
//!   rules judge, so that an argument given by position is found as surely
//!   as one given by keyword.
//! * [`redos`]: whether a regular expression can backtrack exponentially
//!   (the `redos-pattern` rule and the `redos-tainted` sinks).
//! * [`urls`]: urllib's openers, which fetch any scheme (`file://` too).
//! * [`xml`]: the XML parsers, which of them resolve external entities,
//!   and the options that decide it.
//! * [`sql`]: the APIs that run SQL text (drivers, SQLAlchemy, pandas,
//!   Django's raw SQL).
//! * [`templates`]: the template engines, whose source is code.
//! * [`remote`]: commands run on other machines (SSH clients, Fabric).
//! * [`supply_chain`]: what malicious and install-time code does: network
//!   calls, decoders, credential and autostart paths, chat webhooks,
//!   setuptools commands, `curl … | sh` (the `supply-chain` rules).
//! * [`credentials`]: the calls that log in, and where their password is.
//! * [`web`]: how a web handler's parameter says it holds request data.
//! * [`constant`]: constant evaluation of expressions (literals, operators,
//!   f-strings, containers), with names resolved by the checker that asks.
//!
//! The crate holds data and pure functions over strings and syntax trees;
//! it knows nothing of scopes, state or findings, so that every checker
//! can read it.

#![forbid(unsafe_code)]

pub mod code;
pub mod commands;
pub mod constant;
pub mod credentials;
pub mod deserialization;
pub mod logging;
pub mod markup;
pub mod popular_packages;
pub mod redos;
pub mod remote;
pub mod signatures;
pub mod sql;
pub mod supply_chain;
pub mod templates;
pub mod urls;
pub mod web;
pub mod xml;

/// Objects of a library type whose methods are APIs of a family: the calls
/// that make one, the type the dataflow engine gives what they return,
/// and the methods. The pattern rules follow a receiver back to the call
/// that made it; the dataflow engine types it (`T.method` sinks).
#[derive(Debug, Clone, Copy)]
pub struct Receiver {
    /// The type, as the dataflow models name it (`paramiko.SSHClient`).
    pub ty: &'static str,
    /// Constructors and factories whose result is of the type.
    pub made_by: &'static [&'static str],
    /// The methods of the family, each with the position and keyword of
    /// its dangerous argument.
    pub methods: &'static [Method],
    /// A keyword that, given a literal false value, makes the call safe
    /// (Fabric's `shell=False`).
    pub unless_false: Option<&'static str>,
}

/// A method of a [`Receiver`]: its name and where its dangerous argument is.
#[derive(Debug, Clone, Copy)]
pub struct Method {
    pub name: &'static str,
    pub position: usize,
    pub keyword: &'static str,
}

impl Method {
    pub const fn new(name: &'static str, position: usize, keyword: &'static str) -> Method {
        Method {
            name,
            position,
            keyword,
        }
    }
}

impl Receiver {
    /// The qualified names of its methods (`paramiko.SSHClient.exec_command`).
    pub fn apis(&self) -> impl Iterator<Item = (String, &'static Method)> + '_ {
        self.methods
            .iter()
            .map(move |m| (format!("{}.{}", self.ty, m.name), m))
    }

    /// The method called `name`, if it is one of the family's.
    pub fn method(&self, name: &str) -> Option<&'static Method> {
        self.methods.iter().find(|m| m.name == name)
    }
}
