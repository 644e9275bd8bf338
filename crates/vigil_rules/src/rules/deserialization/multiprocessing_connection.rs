use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const LISTENERS: &[&str] = &["multiprocessing.connection.Listener"];
const CLIENTS: &[&str] = &["multiprocessing.connection.Client"];

declare_rule! {
    /// ## What it does
    /// Lists `multiprocessing.connection.Listener` and `Client` endpoints,
    /// and says whether they authenticate their peer with an `authkey`
    /// (reported in `--audit` mode).
    ///
    /// ## Why is this bad?
    /// `Connection.recv()` unpickles whatever the other end sent, and
    /// unpickling runs code the sender chose. Without an `authkey` there is
    /// no handshake: any process that can reach the address (a local user
    /// for a Unix socket or `localhost`, anyone on the network for other
    /// addresses) can connect and run code in this process. With an
    /// `authkey`, every process that knows the key is trusted with the same
    /// power.
    ///
    /// ## Example
    /// ```python
    /// with Listener(("0.0.0.0", 6000)) as listener:
    ///     job = listener.accept().recv()
    /// ```
    ///
    /// ## Use instead
    /// Authenticate peers with a secret key, bind to a private address, and
    /// prefer `send_bytes`/`recv_bytes` with a data-only format:
    /// ```python
    /// with Listener(("127.0.0.1", 6000), authkey=key) as listener:
    ///     job = json.loads(listener.accept().recv_bytes())
    /// ```
    ///
    /// ## References
    /// - CWE-502: Deserialization of Untrusted Data
    pub static RULE = {
        name: "multiprocessing-connection",
        category: Category::Deserialization,
        cwe: &[502],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Give every `Listener` and `Client` an `authkey`, keep them on private addresses, and exchange bytes with `send_bytes()`/`recv_bytes()` in a data-only format.",
        calls: &[
            CallPattern::new(
                LISTENERS,
                &[Cond::Falsy(Arg::at(3, "authkey"))],
                "`{callee}` accepts connections without an `authkey`: anyone who can connect can send a pickle that `recv()` runs",
            )
            .audit(Severity::High),
            CallPattern::new(
                CLIENTS,
                &[Cond::Falsy(Arg::at(2, "authkey"))],
                "`{callee}` connects without an `authkey`: whatever answers at that address can send a pickle that `recv()` runs",
            )
            .audit(Severity::Medium),
            CallPattern::new(
                LISTENERS,
                &[Cond::Truthy(Arg::at(3, "authkey"))],
                "`{callee}` exchanges pickles with its peers: every process that knows the `authkey` can run code here",
            )
            .audit(Severity::Low),
            CallPattern::new(
                CLIENTS,
                &[Cond::Truthy(Arg::at(2, "authkey"))],
                "`{callee}` exchanges pickles with its peer: whoever holds the `authkey` can run code here",
            )
            .audit(Severity::Low),
        ],
    };
}
