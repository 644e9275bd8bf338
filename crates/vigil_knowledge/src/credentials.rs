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
        made_by: &["ldap.initialize", "ldap.ldapobject.LDAPObject"],
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
