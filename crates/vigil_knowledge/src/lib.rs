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
//!   run time.
//! * [`markup`]: calls that mark text as safe HTML.
//! * [`deserialization`]: the loaders that can run code while reading
//!   pickle, marshal or YAML data, and what makes them safe.
//! * [`signatures`]: the parameter lists of the callees whose arguments the
//!   rules judge, so that an argument given by position is found as surely
//!   as one given by keyword.
//! * [`redos`]: whether a regular expression can backtrack exponentially
//!   (the `redos-pattern` rule and the `redos-tainted` sinks).
//! * [`urls`]: urllib's openers, which fetch any scheme (`file://` too).
//! * [`supply_chain`]: what malicious and install-time code does: network
//!   calls, decoders, credential and autostart paths, chat webhooks,
//!   setuptools commands, `curl … | sh` (the `supply-chain` rules).
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
pub mod deserialization;
pub mod markup;
pub mod redos;
pub mod signatures;
pub mod supply_chain;
pub mod urls;
