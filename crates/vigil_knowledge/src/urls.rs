//! The urllib family: functions that open a URL of any scheme urllib knows
//! (`file://` included), with the URL as their first argument (`url`).
//!
//! The pattern rule `url-open-any-scheme` and the dataflow rule that claims
//! this family (`ssrf`) read these lists.

/// urllib's openers, Python 3, Python 2 and `six.moves`.
pub const URL_OPENERS: &[&str] = &[
    "urllib.request.urlopen",
    "urllib.request.urlretrieve",
    "urllib.request.Request",
    "urllib.urlopen",
    "urllib.urlretrieve",
    "urllib2.urlopen",
    "urllib2.Request",
    "six.moves.urllib.request.urlopen",
    "six.moves.urllib.request.urlretrieve",
    "six.moves.urllib.request.Request",
];

/// The `Request` classes among [`URL_OPENERS`]: a request passed on to
/// `urlopen` is judged where it is made.
pub const URL_REQUESTS: &[&str] = &[
    "urllib.request.Request",
    "urllib2.Request",
    "six.moves.urllib.request.Request",
];

/// The parameter that holds the URL, and its position.
pub const URL_PARAMETER: (usize, &str) = (0, "url");
