use super::context::{in_development_class, is_development_module};
use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{method_name, name_words, target_name};
use crate::rule::Category;
use vigil_knowledge::constant::Scalar;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall, NodeKind, Stmt};
use vigil_report::{Confidence, Severity};

/// Words in a cookie name that make the cookie a credential.
const SENSITIVE_WORDS: &[&str] = &[
    "session",
    "sess",
    "sid",
    "sessionid",
    "auth",
    "token",
    "jwt",
    "csrf",
    "xsrf",
    "remember",
    "login",
    "access",
    "refresh",
    "identity",
    "credentials",
];

/// Settings that must not be turned off: `(name, what it protects)`.
const COOKIE_SETTINGS: &[(&str, &str)] = &[
    (
        "SESSION_COOKIE_SECURE",
        "the session cookie is also sent over plain HTTP",
    ),
    (
        "CSRF_COOKIE_SECURE",
        "the CSRF cookie is also sent over plain HTTP",
    ),
    (
        "REMEMBER_COOKIE_SECURE",
        "the remember-me cookie is also sent over plain HTTP",
    ),
    (
        "SESSION_COOKIE_HTTPONLY",
        "scripts in the page, including injected ones, can read the session cookie",
    ),
    (
        "REMEMBER_COOKIE_HTTPONLY",
        "scripts in the page, including injected ones, can read the remember-me cookie",
    ),
];

enum Flag {
    Missing,
    Off,
    On,
}

fn flag(checker: &Checker, call: &ExprCall, name: &str, position: usize) -> Flag {
    match call.arguments.find_argument_value(name, position) {
        None => Flag::Missing,
        Some(value) => {
            if checker.is_bool(value, false) || checker.is_value(value, Scalar::None) {
                Flag::Off
            } else {
                Flag::On
            }
        }
    }
}

/// `response.set_cookie(key, value, ..., secure=..., httponly=...)` as in
/// Django, Werkzeug/Flask, Starlette and Bottle (positions are Django's and
/// Werkzeug's).
fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    match method_name(call) {
        Some("update" | "from_mapping") => return check_config_update(checker, call),
        Some("set_cookie") => {}
        _ => return session_storage(checker, call, qualified),
    }
    // `CookieJar.set_cookie(cookie)` takes one object, not a name and a value.
    let has_value = call.arguments.find_argument_value("value", 1).is_some()
        || call.arguments.find_keyword("key").is_some();
    let unpacked = call.arguments.keywords.iter().any(|k| k.arg.is_none());
    if !has_value || unpacked || clears_cookie(checker, call) {
        return;
    }
    let mut missing = Vec::new();
    // A flag turned off in so many words is a decision to report, whatever
    // the cookie holds.
    let mut turned_off = false;
    for (name, position) in [("secure", 6), ("httponly", 7)] {
        match flag(checker, call, name, position) {
            Flag::Missing => missing.push(format!("without `{name}`")),
            Flag::Off => {
                turned_off = true;
                missing.push(format!("with `{name}` off"));
            }
            Flag::On => {}
        }
    }
    let cross_site = call
        .arguments
        .find_argument_value("samesite", 8)
        .and_then(|v| checker.string(v))
        .is_some_and(|v| v.eq_ignore_ascii_case("none"));
    if missing.is_empty() {
        if cross_site {
            let message = format!(
                "`{}` sets a cookie with `samesite=\"None\"`: the browser sends it with requests that other sites trigger, so the endpoint must defend against CSRF itself",
                checker.snippet(&*call.func)
            );
            checker
                .report(&RULE, call.range(), message)
                .audit_only()
                .severity(Severity::Low);
        }
        return;
    }
    if cross_site {
        missing.push("with `samesite=\"None\"`".to_string());
    }
    let flag_secure = flag(checker, call, "secure", 6);
    let cookie = call
        .arguments
        .find_argument_value("key", 0)
        .and_then(|k| checker.string(k));
    let sensitive = cookie.as_deref().is_some_and(|name| {
        name_words(name)
            .iter()
            .any(|w| SENSITIVE_WORDS.contains(&w.as_str()))
    });
    let shown = cookie.map_or_else(|| "a cookie".to_string(), |c| format!("cookie `{c}`"));
    let message = format!(
        "`{}` sets {shown} {}: it can travel over plain HTTP or be read by scripts in the page",
        checker.snippet(&*call.func),
        missing.join(" and ")
    );
    let diagnostic = checker.report(&RULE, call.range(), message);
    let cross_site_in_clear = cross_site && !matches!(flag_secure, Flag::On);
    if !sensitive && !turned_off && !cross_site_in_clear {
        diagnostic.audit_only().severity(Severity::Low);
    }
}

/// `set_cookie(name, "", expires=0)`, `max_age=0`: the cookie is being
/// removed, and carries nothing.
fn clears_cookie(checker: &Checker, call: &ExprCall) -> bool {
    let empty = call
        .arguments
        .find_argument_value("value", 1)
        .and_then(|v| checker.string(v))
        .is_some_and(|v| v.is_empty());
    let expired = [("max_age", 2), ("expires", 3)]
        .iter()
        .any(|(name, position)| {
            call.arguments
                .find_argument_value(name, *position)
                .and_then(|v| checker.int(v))
                .is_some_and(|n| n <= 0)
        });
    empty || expired
}

/// `SESSION_COOKIE_SECURE = False` and friends, as settings, class
/// attributes or `app.config[...]` entries.
fn check_stmt(checker: &mut Checker, stmt: &Stmt) {
    let Stmt::Assign(assign) = stmt else { return };
    let names_a_setting = assign
        .targets
        .iter()
        .filter_map(target_name)
        .any(|name| name.as_bytes().windows(7).any(|w| w == b"COOKIE_"));
    if !names_a_setting {
        return;
    }
    let value = &assign.value;
    if checker.is_value(value, Scalar::None)
        || checker
            .string(value)
            .is_some_and(|v| v.eq_ignore_ascii_case("none"))
    {
        same_site_off(checker, stmt, &assign.targets);
        return;
    }
    if !checker.is_bool(value, false) {
        return;
    }
    for target in &assign.targets {
        let Some(name) = target_name(target) else {
            continue;
        };
        let Some((setting, effect)) = COOKIE_SETTINGS.iter().find(|(s, _)| *s == name) else {
            continue;
        };
        let message = format!("`{setting} = False`: {effect}");
        let development = is_development_module(checker) || in_development_class(checker);
        let diagnostic = checker.report(&RULE, stmt.range(), message);
        if development {
            diagnostic.audit_only().severity(Severity::Low);
        }
    }
}

/// `app.config.update(SESSION_COOKIE_SECURE=False)` and
/// `app.config.update({"SESSION_COOKIE_HTTPONLY": False})`: the settings
/// written through the configuration's methods.
fn check_config_update(checker: &mut Checker, call: &ExprCall) {
    let Expr::Attribute(method) = &*call.func else {
        return;
    };
    // `app.config`, `settings_config`: judged by the name, without
    // building text for every `dict.update` of the file.
    let named_config = match &*method.value {
        Expr::Attribute(a) => a.attr.as_str().eq_ignore_ascii_case("config"),
        Expr::Name(n) => n.id.as_str().to_ascii_lowercase().ends_with("config"),
        _ => false,
    };
    if !named_config {
        return;
    }
    let receiver = checker.snippet(&*method.value);
    let mut turned_off: Vec<&'static (&'static str, &'static str)> = Vec::new();
    let mut consider = |checker: &Checker, name: &str, value: &Expr| {
        if checker.is_bool(value, false)
            && let Some(setting) = COOKIE_SETTINGS.iter().find(|(s, _)| *s == name)
        {
            turned_off.push(setting);
        }
    };
    for keyword in &call.arguments.keywords {
        if let Some(name) = &keyword.arg {
            consider(checker, name.as_str(), &keyword.value);
        }
    }
    if let Some(Expr::Dict(dict)) = call
        .arguments
        .args
        .first()
        .map(|a| checker.constant_value(a))
    {
        for item in &dict.items {
            if let Some(name) = item.key.as_ref().and_then(|k| checker.string(k)) {
                consider(checker, &name, &item.value);
            }
        }
    }
    for (setting, effect) in turned_off {
        let message = format!("`{receiver}` sets `{setting}` to `False`: {effect}");
        let development = is_development_module(checker) || in_development_class(checker);
        let diagnostic = checker.report(&RULE, call.range(), message);
        if development {
            diagnostic.audit_only().severity(Severity::Low);
        }
    }
}

/// aiohttp_session's cookie storages made with `secure=False` or
/// `httponly=False`.
fn session_storage(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(name) = qualified.filter(|q| SESSION_STORAGES.contains(q)) else {
        return;
    };
    for setting in ["secure", "httponly"] {
        if let Some(value) = call.arguments.find_keyword(setting)
            && checker.is_bool(&value.value, false)
        {
            let short = name.rsplit('.').next().unwrap_or(name);
            let effect = if setting == "secure" {
                "the session cookie is also sent over plain HTTP"
            } else {
                "scripts in the page, including injected ones, can read the session cookie"
            };
            let message = format!("`{short}` is made with `{setting}=False`: {effect}");
            checker.report(&RULE, call.range(), message);
        }
    }
}

/// aiohttp_session's storages that keep the session in a cookie.
const SESSION_STORAGES: &[&str] = &[
    "aiohttp_session.cookie_storage.EncryptedCookieStorage",
    "aiohttp_session.SimpleCookieStorage",
    "aiohttp_session.nacl_storage.NaClCookieStorage",
    "aiohttp_session.redis_storage.RedisStorage",
    "aiohttp_session.memcached_storage.MemcachedStorage",
];

/// `SESSION_COOKIE_SAMESITE = None` (audit): the cookie goes with
/// cross-site requests again.
fn same_site_off(checker: &mut Checker, stmt: &Stmt, targets: &[Expr]) {
    let setting = targets.iter().filter_map(target_name).find(|name| {
        matches!(
            *name,
            "SESSION_COOKIE_SAMESITE" | "CSRF_COOKIE_SAMESITE" | "REMEMBER_COOKIE_SAMESITE"
        )
    });
    if let Some(setting) = setting {
        let message = format!(
            "`{setting}` is turned off: the cookie is sent with requests that other sites trigger, which removes a defence against CSRF"
        );
        checker
            .report(&RULE, stmt.range(), message)
            .audit_only()
            .severity(Severity::Low);
    }
}

declare_rule! {
    /// ## What it does
    /// Flags cookies that carry credentials without the `Secure` and
    /// `HttpOnly` attributes: `response.set_cookie("sessionid", ...)` (Django,
    /// Flask/Werkzeug, Starlette, Bottle) without `secure=True` or
    /// `httponly=True`, and the settings `SESSION_COOKIE_SECURE`,
    /// `CSRF_COOKIE_SECURE`, `SESSION_COOKIE_HTTPONLY`,
    /// `REMEMBER_COOKIE_SECURE` and `REMEMBER_COOKIE_HTTPONLY` set to
    /// `False` (as settings, class attributes, `app.config[...]` entries or
    /// through `app.config.update(...)`), and aiohttp_session cookie
    /// storages made with `secure=False` or `httponly=False`. Any cookie set
    /// with `secure=False` or `httponly=False` in so many words, or with
    /// `samesite="None"` but without `secure`, is reported too. Other cookies
    /// set without the attributes, `samesite="None"` on a secure cookie and
    /// `SESSION_COOKIE_SAMESITE = None` are listed in audit mode; removing a
    /// cookie (`set_cookie(name, "", expires=0)`, `max_age=0`) is not
    /// reported.
    ///
    /// ## Why is this bad?
    /// Without `Secure`, the browser also sends the cookie over plain HTTP,
    /// where anyone on the network reads it — one `http://` link or image
    /// is enough. Without `HttpOnly`, any script running in the page,
    /// including one injected through an XSS flaw, can read the session
    /// cookie and take over the session.
    ///
    /// ## Example
    /// ```python
    /// response.set_cookie("session", token)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// response.set_cookie("session", token, secure=True, httponly=True, samesite="Lax")
    /// ```
    ///
    /// ## References
    /// - CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute
    /// - CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag
    /// - CWE-1275: Sensitive Cookie with Improper SameSite Attribute
    pub static RULE = {
        name: "insecure-cookie",
        category: Category::Web,
        cwe: &[614, 1004, 1275],
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        bandit: &[],
        ruff: &[],
        help: "Set session and authentication cookies with `secure=True`, `httponly=True` and `samesite=\"Lax\"` (or `\"Strict\"`), and keep the framework's cookie settings on.",
        on_call: check_call,
        call_filter: CallFilter {
            methods: || vec!["set_cookie", "update", "from_mapping"],
            names: || SESSION_STORAGES.to_vec(),
            ..CallFilter::NONE
        },
        on_stmt: check_stmt,
        nodes: &[NodeKind::StmtAssign],
    };
}
