//! Which calls a call hook needs to see.
//!
//! A call hook runs, by default, on every call of the module. Most hooks
//! only care about a few callees, methods or keyword arguments and return
//! at once for everything else; a [`CallFilter`] says which, so the
//! [`crate::Registry`] can index the hook and the checker calls it only for
//! calls that may concern it. A filter must let through every call the hook
//! could report on: it is an optimisation, never a change of behaviour.

/// The calls a hook may report on: a call passes when any part matches.
#[derive(Debug, Clone, Copy)]
pub struct CallFilter {
    /// Resolved qualified names of the callee, exactly (`jwt.decode`). A
    /// function, so that names can come from a rule's own tables.
    pub names: fn() -> Vec<&'static str>,
    /// Prefixes of resolved qualified names (`re.`).
    pub prefixes: &'static [&'static str],
    /// Suffixes of resolved qualified names (`.from_pretrained`).
    pub suffixes: &'static [&'static str],
    /// Attribute names of the callee, resolved or not (`x.set_cookie()`).
    pub methods: fn() -> Vec<&'static str>,
    /// Names of keyword arguments (`trust_remote_code=`).
    pub keywords: fn() -> Vec<&'static str>,
}

fn no_names() -> Vec<&'static str> {
    Vec::new()
}

impl CallFilter {
    /// Matches nothing; rules set the parts they need:
    /// `CallFilter { methods: || vec!["set_cookie"], ..CallFilter::NONE }`.
    pub const NONE: CallFilter = CallFilter {
        names: no_names,
        prefixes: &[],
        suffixes: &[],
        methods: no_names,
        keywords: no_names,
    };
}
