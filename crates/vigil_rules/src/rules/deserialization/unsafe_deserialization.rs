use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_knowledge::deserialization::{self, NUMPY_LOADERS, PICKLE_DUMPERS, PICKLE_LOADERS};
use vigil_report::{Confidence, Severity};

const ALLOW_PICKLE: Arg = Arg::kw(deserialization::ALLOW_PICKLE);

declare_rule! {
    /// ## What it does
    /// Flags deserialization with `pickle` and the formats built on it
    /// (`cPickle`, `dill`, `cloudpickle`, `jsonpickle`, `shelve`,
    /// `pandas.read_pickle`, `joblib.load`, `numpy.load` with
    /// `allow_pickle=True`) and with `marshal`.
    ///
    /// ## Why is this bad?
    /// A pickle is a program for a small virtual machine that can import
    /// any module and call any function, for example `os.system`. Loading a
    /// pickle from a file, a cache, a socket or an upload that someone else
    /// could have written runs their code. `marshal` has no integrity
    /// checks and can crash the interpreter on crafted input. Loading what
    /// `pickle.dumps` produced a line before (a round trip) is not reported.
    ///
    /// ## Example
    /// ```python
    /// session = pickle.loads(redis.get(key))
    /// ```
    ///
    /// ## Use instead
    /// Use a data-only format such as JSON, or sign what you store (HMAC)
    /// and verify the signature before loading:
    /// ```python
    /// session = json.loads(redis.get(key))
    /// ```
    ///
    /// ## References
    /// - CWE-502: Deserialization of Untrusted Data
    /// - Python docs: pickle — "Warning: The pickle module is not secure"
    pub static RULE = {
        name: "unsafe-deserialization",
        category: Category::Deserialization,
        cwe: &[502],
        severity: Severity::High,
        confidence: Confidence::Medium,
        bandit: &["B301", "B302"],
        ruff: &["S301", "S302"],
        help: "Load data with a format that cannot run code (JSON, MessagePack), or verify an HMAC signature of the bytes before unpickling them.",
        calls: &[
            CallPattern::new(
                PICKLE_LOADERS,
                &[
                    Cond::NonLiteral(Arg::at(0, "file")),
                    Cond::NotMadeBy(Arg::at(0, "file"), PICKLE_DUMPERS),
                ],
                "`{callee}` deserializes data with a format that can run arbitrary code while loading",
            ),
            CallPattern::new(
                PICKLE_LOADERS,
                &[Cond::Literal(Arg::at(0, "file"))],
                "`{callee}` deserializes a fixed input with a format that can run code",
            )
            .audit(Severity::Low),
            CallPattern::new(
                NUMPY_LOADERS,
                &[Cond::Truthy(ALLOW_PICKLE), Cond::NonLiteral(Arg::at(0, "file"))],
                "`{callee}` with `allow_pickle=True` unpickles object arrays, which can run arbitrary code while loading",
            ),
            CallPattern::new(
                NUMPY_LOADERS,
                &[Cond::Truthy(ALLOW_PICKLE), Cond::Literal(Arg::at(0, "file"))],
                "`{callee}` with `allow_pickle=True` can run code stored in this fixed file",
            )
            .audit(Severity::Low),
        ],
    };
}
