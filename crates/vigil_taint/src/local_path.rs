//! Redirect targets checked by hand to be a path of this site:
//! `url.startswith("/") and not url.startswith("//") and "\\" not in url`
//! (or the same rejected with `or` before an exit).
//!
//! Each half alone lets another site through: a value that does not start
//! with `/` can be `https://evil.example`, `//evil.example` is a URL of
//! another host, and browsers read `/\evil.example` as `//evil.example`.
//! Only the three together (a leading `/`, no second `/` after it, no
//! backslash anywhere; or `startswith(("//", "/\\"))` false) prove a path
//! of this site, which is what a fixed path proves.

use crate::eval::Eval;
use crate::guards::fact;
use crate::model::spec::Clearance;
use crate::state::{Place, State};
use crate::value::{Const, GuardFact};
use rustc_hash::FxHashMap;
use vigil_python::ast::{self as ast, CmpOp, Expr};

/// What one operand of the condition says about a value.
#[derive(Default, Clone, Copy)]
struct Seen {
    leading_slash: bool,
    no_double_slash: bool,
    no_backslash: bool,
}

/// The fact that holds when every operand in `operands` has truth
/// `polarity` (an `and` that is true, an `or` that is false).
pub(crate) fn checked_local_path<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    operands: &'a [Expr],
    polarity: bool,
) -> Option<GuardFact> {
    // By place: a condition of thousands of operands costs their number.
    let mut seen: FxHashMap<Place, Seen> = FxHashMap::default();
    for operand in operands {
        let (expr, truth) = strip_not(operand, polarity);
        let Some((target, found)) = observe(ev, st, expr, truth) else {
            continue;
        };
        let Some(place) = ev.place_of(st, target) else {
            continue;
        };
        let entry = seen.entry(place).or_default();
        entry.leading_slash |= found.leading_slash;
        entry.no_double_slash |= found.no_double_slash;
        entry.no_backslash |= found.no_backslash;
    }
    let (place, _) = seen
        .into_iter()
        .find(|(_, s)| s.leading_slash && s.no_double_slash && s.no_backslash)?;
    Some(fact(
        place,
        ev.cx.models.cleared_by(Clearance::FixedPath),
        0,
    ))
}

fn strip_not(mut e: &Expr, mut truth: bool) -> (&Expr, bool) {
    while let Expr::UnaryOp(u) = e
        && u.op == ast::UnaryOp::Not
    {
        e = &u.operand;
        truth = !truth;
    }
    (e, truth)
}

/// What `expr` having truth `truth` says about the text it checks.
fn observe<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    expr: &'a Expr,
    truth: bool,
) -> Option<(&'a Expr, Seen)> {
    let mut seen = Seen::default();
    match expr {
        Expr::Call(call) => {
            let Expr::Attribute(a) = call.func.as_ref() else {
                return None;
            };
            if a.attr.as_str() != "startswith" || call.arguments.args.len() != 1 {
                return None;
            }
            let prefixes = crate::fold::prefixes(ev, st, &call.arguments.args[0])?;
            if truth {
                seen.leading_slash = prefixes.len() == 1 && prefixes[0] == "/";
            } else {
                seen.no_double_slash = prefixes.iter().any(|p| p == "//");
                seen.no_backslash = prefixes.iter().any(|p| p == "/\\");
            }
            Some((&a.value, seen))
        }
        // `"\\" not in url`
        Expr::Compare(c) if c.ops.len() == 1 => {
            let holds_absent = match c.ops[0] {
                CmpOp::NotIn => truth,
                CmpOp::In => !truth,
                _ => return None,
            };
            if !holds_absent {
                return None;
            }
            match crate::fold::fold(ev, st, &c.left)? {
                Const::Str(needle) if &*needle == "\\" => {
                    seen.no_backslash = true;
                    Some((&c.comparators[0], seen))
                }
                _ => None,
            }
        }
        _ => None,
    }
}
