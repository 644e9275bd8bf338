//! Parameter lists of the callees whose arguments the checkers judge.
//!
//! `app.run(host, port, True)` turns the debugger on as surely as
//! `app.run(debug=True)`: a rule that asks for an argument by name finds
//! it by position too when the callee is listed here. Only the parameters
//! that may be given by position are listed, in order; keyword-only
//! parameters (`filter=` of `extractall`) are found by keyword alone.
//! Methods are named by their class (`flask.Flask.run`).

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Every listed callee: (qualified name, positional parameters in order).
pub const SIGNATURES: &[(&str, &[&str])] = &[
    // Web servers.
    ("flask.Flask.run", &["host", "port", "debug", "load_dotenv"]),
    (
        "quart.Quart.run",
        &["host", "port", "debug", "use_reloader"],
    ),
    (
        "werkzeug.serving.run_simple",
        &[
            "hostname",
            "port",
            "application",
            "use_reloader",
            "use_debugger",
            "use_evalex",
        ],
    ),
    ("werkzeug.debug.DebuggedApplication", &["app", "evalex"]),
    // Permissions.
    ("os.chmod", &["path", "mode"]),
    ("os.lchmod", &["path", "mode"]),
    ("os.fchmod", &["fd", "mode"]),
    ("os.open", &["path", "flags", "mode"]),
    ("os.mkdir", &["path", "mode"]),
    ("os.makedirs", &["name", "mode", "exist_ok"]),
    ("os.mkfifo", &["path", "mode"]),
    ("os.mknod", &["path", "mode", "device"]),
    ("pathlib.Path.chmod", &["mode"]),
    ("pathlib.Path.mkdir", &["mode", "parents", "exist_ok"]),
    ("pathlib.Path.touch", &["mode", "exist_ok"]),
    // Archives.
    ("tarfile.TarFile.extractall", &["path", "members"]),
    ("tarfile.TarFile.extract", &["member", "path", "set_attrs"]),
    (
        "shutil.unpack_archive",
        &["filename", "extract_dir", "format"],
    ),
    // TLS.
    ("ssl.SSLContext", &["protocol"]),
    (
        "ssl.wrap_socket",
        &[
            "sock",
            "keyfile",
            "certfile",
            "server_side",
            "cert_reqs",
            "ssl_version",
        ],
    ),
    // HTTP clients: `verify=` is keyword-only in every one of them.
    ("requests.get", &["url", "params"]),
    ("requests.post", &["url", "data", "json"]),
    ("requests.request", &["method", "url"]),
];

static BY_NAME: LazyLock<FxHashMap<&'static str, &'static [&'static str]>> =
    LazyLock::new(|| SIGNATURES.iter().copied().collect());

/// The positional parameters of `callee`, if it is listed.
pub fn parameters(callee: &str) -> Option<&'static [&'static str]> {
    BY_NAME.get(callee).copied()
}

/// Where `parameter` of `callee` sits among the positional arguments.
/// `None` when the callee is not listed or the parameter is keyword-only.
pub fn position(callee: &str, parameter: &str) -> Option<usize> {
    parameters(callee)?.iter().position(|p| *p == parameter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_by_name() {
        assert_eq!(position("flask.Flask.run", "debug"), Some(2));
        assert_eq!(position("os.chmod", "mode"), Some(1));
        assert_eq!(position("tarfile.TarFile.extractall", "filter"), None);
        assert_eq!(position("not.listed", "x"), None);
    }

    #[test]
    fn every_callee_is_listed_once_with_distinct_parameters() {
        assert_eq!(BY_NAME.len(), SIGNATURES.len());
        for (name, params) in SIGNATURES {
            for (i, p) in params.iter().enumerate() {
                assert!(!params[..i].contains(p), "{name}: `{p}` twice");
            }
        }
    }
}
