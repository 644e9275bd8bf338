//! The code-loading family: calls that import a module or run a file
//! named at run time, so that the code of whoever chose the name runs.
//!
//! The pattern rule `dynamic-module-import` and the dataflow rule that
//! claims this family (`code-injection`) read these lists.

/// The first argument (`name`) is a module name.
pub const IMPORT_BY_NAME: &[&str] = &[
    "builtins.__import__",
    "importlib.import_module",
    "importlib.__import__",
    "runpy.run_module",
];

/// The first argument (`path_name`) is the path of a file to run.
pub const RUN_BY_PATH: &[&str] = &["runpy.run_path"];

/// A module name, then (`path`, second) the path of its code.
pub const LOAD_BY_NAME_AND_PATH: &[&str] = &[
    "imp.load_source",
    "imp.load_compiled",
    "imp.load_package",
    "importlib.machinery.SourceFileLoader",
    "importlib.machinery.SourcelessFileLoader",
    "importlib.util.spec_from_file_location",
];
