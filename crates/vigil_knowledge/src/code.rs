//! The code-loading family: calls that import a module or run a file
//! named at run time, so that the code of whoever chose the name runs, and
//! evaluators of expression languages that can run code.
//!
//! The pattern rule `dynamic-module-import` and the dataflow rule that
//! claims this family (`code-injection`) read these lists.

use crate::{Method, Receiver};

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

/// Evaluators of expression languages that can run Python (or, for
/// js2py, JavaScript with access to Python's modules): each function's
/// names, then the position and keyword of the expression. They are the
/// dataflow rule's only: numeric code passes expressions built from its
/// own column names to them all the time, and only untrusted text in one
/// is a finding.
///
/// - numexpr's `evaluate` ran its expression through `eval` (before 2.8.5
///   without any check, CVE-2023-39631);
/// - `pandas.eval` resolves attributes and `@` names of the caller;
/// - Pillow's `ImageMath.eval` (`unsafe_eval` since 10.3) runs `eval`
///   with a namespace the expression escapes (CVE-2022-22817);
/// - SymPy's `sympify` and `parse_expr` of a string run `eval`;
/// - js2py's `eval_js` runs JavaScript that can `pyimport` any module.
pub const EVALUATORS: &[(&[&str], usize, &str)] = &[
    (&["numexpr.evaluate"], 0, "ex"),
    (&["pandas.eval"], 0, "expr"),
    (
        &["PIL.ImageMath.eval", "PIL.ImageMath.unsafe_eval"],
        0,
        "expression",
    ),
    (&["sympy.sympify", "sympy.core.sympify.sympify"], 0, "a"),
    (
        &[
            "sympy.parse_expr",
            "sympy.parsing.sympy_parser.parse_expr",
            "sympy.parsing.parse_expr",
        ],
        0,
        "s",
    ),
    (&["js2py.eval_js", "js2py.eval_js6"], 0, "js"),
];

/// The methods of pandas' data frames that evaluate an expression (given
/// first, `expr`) the way [`EVALUATORS`]' `pandas.eval` does.
pub const DATAFRAME: Receiver = Receiver {
    ty: "pandas.DataFrame",
    made_by: &[
        "pandas.DataFrame",
        "pandas.read_csv",
        "pandas.read_json",
        "pandas.read_excel",
        "pandas.read_parquet",
        "pandas.read_table",
        "pandas.read_sql",
        "pandas.read_sql_query",
        "pandas.read_pickle",
        "pandas.DataFrame.from_dict",
        "pandas.DataFrame.from_records",
        "pandas.concat",
        "pandas.merge",
    ],
    methods: &[
        Method::new("query", 0, "expr"),
        Method::new("eval", 0, "expr"),
    ],
    unless_false: None,
};

/// Receivers of the data frame methods whose type the dataflow engine
/// does not know, by their names (lower-cased source text contains one):
/// `df.query(...)`, `sales_frame.eval(...)`.
pub const DATAFRAME_RECEIVER_NAMES: &[&str] = &["df", "frame"];

/// js2py's contexts: `EvalJs().eval(js)` and `.execute(js)`.
pub const JS_CONTEXT: Receiver = Receiver {
    ty: "js2py.EvalJs",
    made_by: &["js2py.EvalJs", "js2py.evaljs.EvalJs"],
    methods: &[
        Method::new("eval", 0, "expression"),
        Method::new("execute", 0, "js"),
    ],
    unless_false: None,
};
