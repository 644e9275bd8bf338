//! The credentials family: the calls that log in, and where their password
//! is. A constant that reaches one of these is a hard-coded credential
//! whatever the constant is called (`DB_CONF = "..."; connect(password=
//! DB_CONF)`). The pattern rule `hardcoded-password` reads these lists.

use crate::{Method, Receiver};

/// Objects whose methods log in, each with the position and keyword of the
/// password.
pub const LOGIN_RECEIVERS: &[Receiver] = &[
    Receiver {
        ty: "smtplib.SMTP",
        made_by: &["smtplib.SMTP", "smtplib.SMTP_SSL", "smtplib.LMTP"],
        methods: &[Method::new("login", 1, "password")],
        unless_false: None,
    },
    Receiver {
        ty: "ftplib.FTP",
        made_by: &["ftplib.FTP", "ftplib.FTP_TLS"],
        methods: &[Method::new("login", 1, "passwd")],
        unless_false: None,
    },
    Receiver {
        ty: "imaplib.IMAP4",
        made_by: &["imaplib.IMAP4", "imaplib.IMAP4_SSL"],
        methods: &[Method::new("login", 1, "password")],
        unless_false: None,
    },
    Receiver {
        ty: "poplib.POP3",
        made_by: &["poplib.POP3", "poplib.POP3_SSL"],
        methods: &[Method::new("pass_", 0, "pswd")],
        unless_false: None,
    },
    Receiver {
        ty: "paramiko.SSHClient",
        made_by: &["paramiko.SSHClient", "paramiko.client.SSHClient"],
        methods: &[Method::new("connect", 3, "password")],
        unless_false: None,
    },
    Receiver {
        ty: "ldap.ldapobject.LDAPObject",
        made_by: ldap::CONNECTIONS,
        methods: &[
            Method::new("simple_bind_s", 1, "cred"),
            Method::new("simple_bind", 1, "cred"),
            Method::new("bind_s", 1, "cred"),
            Method::new("bind", 1, "cred"),
        ],
        unless_false: None,
    },
];

/// Functions and classes that take a password, with its position and
/// keyword.
pub const LOGIN_FUNCTIONS: &[(&[&str], usize, &str)] = &[
    (&["ldap3.Connection"], 2, "password"),
    (
        &[
            "requests.auth.HTTPBasicAuth",
            "requests.auth.HTTPDigestAuth",
            "requests.auth.HTTPProxyAuth",
            "httpx.BasicAuth",
            "httpx.DigestAuth",
            "aiohttp.BasicAuth",
            "aiohttp.helpers.BasicAuth",
        ],
        1,
        "password",
    ),
    (
        &["pymysql.connect", "pymysql.connections.Connection"],
        2,
        "password",
    ),
    (&["MySQLdb.connect"], 2, "passwd"),
];

/// Keyword arguments that take a `(user, password)` pair (`requests.get(url,
/// auth=(...))`): the password is the pair's second element.
pub const AUTH_PAIR_KEYWORDS: &[&str] = &["auth", "basic_auth", "http_auth"];

/// The password parameter of `method` on an object made by `made_by`.
pub fn login_method(made_by: &str, method: &str) -> Option<&'static Method> {
    LOGIN_RECEIVERS
        .iter()
        .find(|r| r.made_by.contains(&made_by))
        .and_then(|r| r.method(method))
}

/// The password parameter (position, keyword) of a login function.
pub fn login_function(qualified: &str) -> Option<(usize, &'static str)> {
    LOGIN_FUNCTIONS
        .iter()
        .find(|(names, _, _)| names.contains(&qualified))
        .map(|&(_, position, keyword)| (position, keyword))
}

/// LDAP: how a connection is made and secured, for the checks on binds.
pub mod ldap {
    /// python-ldap's connection makers (the type the dataflow engine gives
    /// them is [`CONNECTION_TYPE`]); the URI is their first argument.
    pub const CONNECTIONS: &[&str] = &[
        "ldap.initialize",
        "ldap.ldapobject.LDAPObject",
        "ldap.ldapobject.SimpleLDAPObject",
        "ldap.ldapobject.ReconnectLDAPObject",
    ];
    pub const CONNECTION_TYPE: &str = "ldap.ldapobject.LDAPObject";
    pub const URI_PARAMETER: (usize, &str) = (0, "uri");

    /// python-ldap's simple binds: who binds, with which password.
    pub const BINDS: &[&str] = &["simple_bind_s", "simple_bind", "bind_s", "bind"];
    pub const WHO_PARAMETER: (usize, &str) = (0, "who");
    pub const CRED_PARAMETER: (usize, &str) = (1, "cred");

    /// The calls that turn TLS on over a plain connection.
    pub const START_TLS: &[&str] = &["start_tls_s", "start_tls"];

    /// ldap3: the server (host, port, `use_ssl`) and the connection
    /// (server, user, password, `authentication`, `auto_bind`).
    pub const LDAP3_SERVER: &str = "ldap3.Server";
    pub const LDAP3_CONNECTION: &str = "ldap3.Connection";
    pub const LDAP3_HOST: (usize, &str) = (0, "host");
    pub const LDAP3_PORT: (usize, &str) = (1, "port");
    pub const LDAP3_USE_SSL: (usize, &str) = (2, "use_ssl");
    pub const LDAP3_SERVER_ARG: (usize, &str) = (0, "server");
    pub const LDAP3_USER: (usize, &str) = (1, "user");
    pub const LDAP3_PASSWORD: (usize, &str) = (2, "password");
    pub const LDAP3_ANONYMOUS: &str = "ldap3.ANONYMOUS";
    /// ldap3's `auto_bind` mode that starts TLS before binding.
    pub const LDAP3_TLS_BEFORE_BIND: &str = "AUTO_BIND_TLS_BEFORE_BIND";

    /// The port of LDAP over TLS.
    pub const LDAPS_PORT: i64 = 636;

    /// Whether a URI or host names plain LDAP: `ldap://` (any case), or a
    /// host with no scheme (port 389 unless told otherwise).
    pub fn is_plain(uri: &str) -> bool {
        let lower = uri.trim().to_ascii_lowercase();
        lower.starts_with("ldap://") || !lower.contains("://")
    }
}

/// Whether `name` is the last segment of a login method or function
/// (`login`, `simple_bind_s`, `HTTPBasicAuth`): a cheap test before
/// resolving a call.
pub fn is_login_name(name: &str) -> bool {
    static NAMES: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| {
            LOGIN_RECEIVERS
                .iter()
                .flat_map(|r| r.methods.iter().map(|m| m.name))
                .chain(
                    LOGIN_FUNCTIONS.iter().flat_map(|(names, _, _)| {
                        names.iter().filter_map(|n| n.rsplit('.').next())
                    }),
                )
                .collect()
        });
    NAMES.contains(name)
}
