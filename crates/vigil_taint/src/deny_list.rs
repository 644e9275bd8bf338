//! Deny-lists and allow-lists of characters written by hand: what a check
//! of a value against a constant collection proves about the value.
//!
//! The shapes, after `if any(...): abort(400)` (or on the true side of
//! `if not any(...)`, or of `if all(...)`):
//!
//! - `any(bad in value for bad in BAD)`: no member of `BAD` is a substring
//!   of `value`;
//! - `any(c in BAD for c in value)`: no character of `value` is one of the
//!   single characters in `BAD`;
//! - `all(c in ALLOWED for c in value)` (`any(c not in ALLOWED ...)`
//!   false): every character of `value` is one of them.
//!
//! The characters that can occur make the value's alphabet, which
//! clears the sinks every remaining character is harmless to, exactly as a
//! search for a negated character class that found nothing does (`re.search
//! (r"[^\w.-]", v)`); in practice a deny-list leaves most characters
//! allowed, so it clears few sinks this way. The members that are texts the
//! guards know (`..`, `/`, a quote) also prove what `".." in value` being
//! false proves (path halves, a value that stays inside a quoted literal).

use crate::eval::Eval;
use crate::guards::absent_text;
use crate::regex::Alphabet;
use crate::state::State;
use crate::value::{Const, GuardFact};
use vigil_python::ast::{self as ast, CmpOp, Expr};

/// The facts that hold when `call` has truth `polarity`, for a call that
/// is `any(...)` (false) or `all(...)` (true) over a deny-list or an
/// allow-list of characters.
pub(crate) fn nothing_listed_found<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    call: &'a ast::ExprCall,
    polarity: bool,
) -> Vec<GuardFact> {
    let Some(check) = character_check(ev, st, call, polarity) else {
        return Vec::new();
    };
    let Check {
        target,
        listed,
        allowed,
    } = check;
    let Some(place) = ev.place_of(st, target) else {
        return Vec::new();
    };
    let mut chars: u128 = 0;
    for text in &listed {
        let mut each = text.chars();
        if let (Some(c), None) = (each.next(), each.next())
            && c.is_ascii()
        {
            chars |= 1u128 << (c as u32);
        }
    }
    let mut out = Vec::new();
    if allowed || chars != 0 {
        let alphabet = Alphabet {
            ascii: if allowed { chars } else { !chars },
            trailing_newline: false,
        };
        let kinds = ev.cx.models.safe_alphabet(alphabet);
        if !kinds.is_empty() {
            out.push(crate::guards::fact(place.clone(), kinds, 0));
        }
    }
    if !allowed {
        out.extend(
            listed
                .iter()
                .filter_map(|text| absent_text(ev, place.clone(), text)),
        );
    }
    out
}

/// What a check over a constant collection found about `target`: it
/// holds none of the `listed` texts, or (`allowed`) every character of it
/// is one of them (one-character texts; characters beyond ASCII are not
/// checked by the alphabet).
struct Check<'a> {
    target: &'a Expr,
    listed: Vec<String>,
    allowed: bool,
}

/// What `call` with truth `polarity` says about a value, if it is one of:
/// `any(bad in value for bad in BAD)` false, `any(c in BAD for c in value)`
/// false (deny-lists; `all(... not in ...)` true alike), `all(c in ALLOWED
/// for c in value)` true, `any(c not in ALLOWED for c in value)` false
/// (allow-lists).
fn character_check<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    call: &'a ast::ExprCall,
    polarity: bool,
) -> Option<Check<'a>> {
    // Whether the element's `in` is negated for the check to mean "found
    // in the list": `any(x in L)` false or `all(x not in L)` true says no
    // element is in the list; `any(x not in L)` false or `all(x in L)` true
    // says every element is.
    let (every_in, none_in) = match (ev.qualified(&call.func)?.as_str(), polarity) {
        ("builtins.any", false) => (CmpOp::NotIn, CmpOp::In),
        ("builtins.all", true) => (CmpOp::In, CmpOp::NotIn),
        _ => return None,
    };
    let ([arg], []) = (&*call.arguments.args, &*call.arguments.keywords) else {
        return None;
    };
    let Expr::Generator(generator) = arg else {
        return None;
    };
    let [comprehension] = &*generator.generators else {
        return None;
    };
    if comprehension.is_async || !comprehension.ifs.is_empty() {
        return None;
    }
    let Expr::Name(var) = &comprehension.target else {
        return None;
    };
    let Expr::Compare(compare) = &*generator.elt else {
        return None;
    };
    let ([op], [right]) = (&*compare.ops, &*compare.comparators) else {
        return None;
    };
    let is_var = |e: &Expr| matches!(e, Expr::Name(n) if n.id == var.id);
    if !is_var(&compare.left) || is_var(right) {
        return None;
    }
    if *op == none_in
        && let Some(listed) = texts(ev, st, &comprehension.iter)
    {
        // `any(bad in value for bad in BAD)`
        return Some(Check {
            target: right,
            listed,
            allowed: false,
        });
    }
    // A character of the value against the list: it can only equal a
    // one-character member.
    let listed: Vec<String> = texts(ev, st, right)?
        .into_iter()
        .filter(|t| t.chars().count() == 1)
        .collect();
    (*op == none_in || *op == every_in).then(|| Check {
        target: &comprehension.iter,
        listed,
        allowed: *op == every_in,
    })
}

/// The members of a constant collection of texts (a string's characters;
/// `set("...")` and the like fold to their members).
fn texts<'a>(ev: &mut Eval<'_, 'a>, st: &State, e: &'a Expr) -> Option<Vec<String>> {
    match crate::fold::fold(ev, st, e)? {
        Const::Str(s) => Some(s.chars().map(String::from).collect()),
        Const::Seq(items) => items
            .iter()
            .map(|item| match item {
                Const::Str(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}
