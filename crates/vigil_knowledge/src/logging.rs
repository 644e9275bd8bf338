//! The logging family: the calls that write text people read later — log
//! records and the console.
//!
//! The dataflow rule `log-injection` claims this family (its sinks are the
//! logging functions and the methods of typed loggers); the pattern rule
//! `sensitive-data-in-logs` reads it too, with the receiver names below
//! for loggers whose type it cannot see (`self.logger.info(...)`).

/// The module-level functions of `logging`, which log on the root logger.
pub const LOGGING_FUNCTIONS: &[&str] = &[
    "logging.debug",
    "logging.info",
    "logging.warning",
    "logging.warn",
    "logging.error",
    "logging.critical",
    "logging.fatal",
    "logging.exception",
    "logging.log",
];

/// The type the dataflow engine gives a logger.
pub const LOGGER_TYPE: &str = "logging.Logger";

/// The calls that make a logger.
pub const LOGGER_FACTORIES: &[&str] = &[
    "logging.getLogger",
    "logging.Logger",
    "logging.LoggerAdapter",
    "structlog.get_logger",
    "structlog.getLogger",
];

/// Loggers that are objects of a library, imported as they are
/// (`from loguru import logger`).
pub const LOGGER_OBJECTS: &[&str] = &["loguru.logger"];

/// The methods of a logger that write a record.
pub const LOGGER_METHODS: &[&str] = &[
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "critical",
    "fatal",
    "exception",
    "log",
    "trace",
    "success",
];

/// The last word of a receiver's name that says it is a logger when its
/// type is unknown: `self.logger`, `LOG`, `_log`, `app.logger`.
pub const LOGGER_NAME_WORDS: &[&str] = &["log", "logger", "logging"];

/// The keyword arguments of a logging call that are not part of the
/// message.
pub const LOGGING_OPTIONS: &[&str] = &["exc_info", "stack_info", "stacklevel"];

/// The calls that write to the console.
pub const CONSOLE_WRITERS: &[&str] = &[
    "builtins.print",
    "sys.stdout.write",
    "sys.stderr.write",
    "pprint.pprint",
    "pprint.pp",
];

/// The keyword arguments of `print` that are not printed.
pub const PRINT_OPTIONS: &[&str] = &["sep", "end", "file", "flush"];

/// The qualified names of the methods of typed loggers
/// (`logging.Logger.info`) and of library logger objects
/// (`loguru.logger.info`).
pub fn logger_methods() -> impl Iterator<Item = String> {
    std::iter::once(LOGGER_TYPE)
        .chain(LOGGER_OBJECTS.iter().copied())
        .flat_map(|owner| LOGGER_METHODS.iter().map(move |m| format!("{owner}.{m}")))
}

/// Whether `qualified` is a method of a typed logger or of a library
/// logger object ([`logger_methods`] without building the names).
pub fn is_logger_method(qualified: &str) -> bool {
    qualified.rsplit_once('.').is_some_and(|(owner, method)| {
        (owner == LOGGER_TYPE || LOGGER_OBJECTS.contains(&owner))
            && LOGGER_METHODS.contains(&method)
    })
}
