use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const LOADERS: &[&str] = &[
    "keras.models.load_model",
    "keras.saving.load_model",
    "keras.src.saving.saving_api.load_model",
    "tensorflow.keras.models.load_model",
    "tensorflow.keras.saving.load_model",
    "tf_keras.models.load_model",
];
const UNSAFE_SWITCHES: &[&str] = &[
    "keras.config.enable_unsafe_deserialization",
    "keras.src.saving.serialization_lib.enable_unsafe_deserialization",
    "tensorflow.keras.config.enable_unsafe_deserialization",
];
const SAFE_MODE: Arg = Arg::kw("safe_mode");

declare_rule! {
    /// ## What it does
    /// Flags Keras model loading with safe mode turned off:
    /// `load_model(..., safe_mode=False)` and
    /// `keras.config.enable_unsafe_deserialization()`. Loading a model
    /// file that is not a constant with the defaults is listed in
    /// `--audit` mode.
    ///
    /// ## Why is this bad?
    /// A Keras model can contain `Lambda` layers whose Python bytecode is
    /// stored in the file and run when the model is loaded. Keras 3 refuses
    /// them in `.keras` files unless safe mode is off; turning it off lets
    /// a model from a hub, a shared drive or an upload run code in this
    /// process. Legacy HDF5 models loaded by Keras before 2.13 run such
    /// code even with the defaults.
    ///
    /// ## Example
    /// ```python
    /// model = keras.models.load_model(path, safe_mode=False)
    /// ```
    ///
    /// ## Use instead
    /// Keep safe mode on and replace `Lambda` layers with registered custom
    /// layers, or load weights only into an architecture built in code:
    /// ```python
    /// model = keras.models.load_model(path)
    /// ```
    ///
    /// ## References
    /// - CWE-502: Deserialization of Untrusted Data
    /// - CWE-94: Improper Control of Generation of Code ('Code Injection')
    pub static RULE = {
        name: "keras-unsafe-load",
        category: Category::AiMl,
        cwe: &[502, 94],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Load Keras models with `safe_mode=True` (the default) and never call `enable_unsafe_deserialization()`.",
        calls: &[
            CallPattern::new(
                LOADERS,
                &[Cond::LiteralFalse(SAFE_MODE)],
                "`{callee}` with `safe_mode=False` runs the Python code of `Lambda` layers stored in the model file",
            ),
            CallPattern::new(
                UNSAFE_SWITCHES,
                &[],
                "`{callee}` turns Keras safe mode off for every later load: `Lambda` layers in model files run their stored code",
            ),
            CallPattern::new(
                LOADERS,
                &[Cond::NonLiteral(SAFE_MODE)],
                "`{callee}` decides at run time whether to run code stored in the model file (`safe_mode`)",
            )
            .audit(Severity::Medium),
            CallPattern::new(
                LOADERS,
                &[Cond::Absent(SAFE_MODE), Cond::NonLiteral(Arg::at(0, "filepath"))],
                "`{callee}` loads a model file chosen at run time: legacy HDF5 models can run `Lambda` layer code on Keras before 2.13",
            )
            .audit(Severity::Low),
        ],
    };
}
