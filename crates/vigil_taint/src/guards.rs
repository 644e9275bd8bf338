//! Guards: conditions that validate a value on one side of a branch.
//!
//! Understood shapes (and their negations, `and`/`or`, and results stored
//! in a variable first): membership in a constant or server-side
//! collection (`x in {"a", "b"}`, `if x not in ALLOWED: return`),
//! equality with a constant, `str.isdigit()` and friends, `isinstance(x,
//! int)`, a full match of a pattern (clearing the sinks that every
//! character it allows is harmless to, see [`crate::regex`]), a prefix
//! check of a normalized path (`realpath(p).startswith(base)`, also with a
//! separator added, `p.resolve().is_relative_to(base)`), a host check of a parsed
//! URL (`urlparse(u).netloc in ALLOWED_HOSTS`), a path rejected by hand
//! when it holds `..` and when it is absolute (`if ".." in name or
//! name.startswith("/"): abort(400)`: each half flags the labels, the
//! second clears path sinks), a quote rejected by hand (`if "'" in v:
//! return`: the labels are flagged, and text that places them between two
//! such quotes clears the `quoted-literal` sinks), a search for one
//! negated character class that found nothing (`if re.search(r"[^\w.-]",
//! v): abort(400)`), a deny-list that found nothing or an allow-list that
//! held (`if any(c in v for c in BAD): abort(400)`, see
//! [`crate::deny_list`]), validator functions named by the models, and the
//! project's own check functions (`if not is_safe(name): ...` where
//! `is_safe` returns `value.isalnum()`: their summaries say what a true
//! result proves about their parameters).
//! A condition that folds to a constant prunes its edge.

use crate::eval::Eval;
use crate::eval::call::Callee;
use crate::kinds::{KindSet, flags};
use crate::model::spec::Clearance;
use crate::module::functions::MethodKind;
use crate::state::State;
use crate::value::{Const, GuardFact, Ty};
use vigil_python::ast::{self as ast, CmpOp, Expr};

/// Applies what holds when `cond` has truth `polarity`; returns false when
/// that cannot happen (the edge is dead).
pub fn refine<'a>(ev: &mut Eval<'_, 'a>, st: &mut State, cond: &'a Expr, polarity: bool) -> bool {
    if let Some(c) = crate::fold::fold(ev, st, cond) {
        return c.truthy() == polarity;
    }
    for fact in facts(ev, st, cond, polarity) {
        apply(ev, st, &fact);
    }
    true
}

/// The facts that hold when `e` has truth `polarity`.
pub fn facts<'a>(ev: &mut Eval<'_, 'a>, st: &State, e: &'a Expr, polarity: bool) -> Vec<GuardFact> {
    match e {
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => facts(ev, st, &u.operand, !polarity),
        Expr::BoolOp(b) => {
            let all = matches!(
                (b.op, polarity),
                (ast::BoolOp::And, true) | (ast::BoolOp::Or, false)
            );
            if all {
                let mut out: Vec<GuardFact> = b
                    .values
                    .iter()
                    .flat_map(|v| facts(ev, st, v, polarity))
                    .collect();
                out.extend(crate::local_path::checked_local_path(
                    ev, st, &b.values, polarity,
                ));
                out
            } else {
                // One of the operands has this truth: only what each of
                // them proves holds (`not (a and b)`: `not a` or `not b`).
                let mut each = b.values.iter().map(|v| facts(ev, st, v, polarity));
                let first = each.next().unwrap_or_default();
                each.fold(first, |common, next| common_facts(&common, &next))
            }
        }
        Expr::Named(n) => facts(ev, st, &n.value, polarity),
        // A false name holds nothing (`""`, `None`, `0`): no sink can be
        // abused with it.
        Expr::Name(_) if !polarity => ev
            .place_of(st, e)
            .map(|place| vec![fact(place, KindSet::ALL, 0)])
            .unwrap_or_default(),
        Expr::Name(name) if polarity => {
            let sym = ev.cx.names.get(name.id.as_str());
            sym.and_then(|s| st.get(s))
                .map(|v| v.guards().to_vec())
                .unwrap_or_default()
        }
        Expr::Compare(c) if c.ops.len() == 1 => compare(ev, st, c, polarity),
        Expr::Call(call) if polarity => {
            let qualified = ev.qualified(&call.func);
            let method = match call.func.as_ref() {
                Expr::Attribute(a) => Some(a.attr.as_str()),
                _ => None,
            };
            let local = match call.func.as_ref() {
                Expr::Name(name) => ev
                    .cx
                    .names
                    .get(name.id.as_str())
                    .and_then(|sym| st.get(sym))
                    .and_then(|v| match v.ty {
                        Some(Ty::Func(g)) => Some(g),
                        _ => None,
                    })
                    .or_else(|| {
                        qualified
                            .as_ref()
                            .and_then(|q| ev.cx.fn_by_name.get(q).copied())
                    }),
                _ => None,
            };
            let mut out = call_facts_by_name(ev, st, call, qualified.as_slice(), method);
            out.extend(crate::deny_list::nothing_listed_found(ev, st, call, true));
            if let Some(g) = local {
                out.extend(local_facts(ev, st, call, g, false));
            }
            out
        }
        Expr::Call(call) => not_absolute(ev, st, call)
            .into_iter()
            .chain(no_forbidden_character(ev, st, call))
            .chain(crate::deny_list::nothing_listed_found(ev, st, call, false))
            .collect(),
        _ => Vec::new(),
    }
}

/// The facts a call's truthy result proves (stored with the result, so
/// that `m = re.fullmatch(...)` then `if m:` works).
pub fn call_facts<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    call: &'a ast::ExprCall,
    callee: &Callee<'a>,
) -> Vec<GuardFact> {
    let mut out = call_facts_by_name(ev, st, call, &callee.names, callee.method);
    if let Some((g, bound)) = callee.local {
        out.extend(local_facts(ev, st, call, g, bound));
    }
    out
}

/// What a true result of a function of this module proves about the
/// arguments of the parameters its summary names (`is_safe(name)` where
/// `is_safe` returns `value.isalnum()`).
fn local_facts<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    call: &'a ast::ExprCall,
    g: u32,
    bound: bool,
) -> Vec<GuardFact> {
    let Some(guards) = ev
        .cx
        .summaries
        .get(g as usize)
        .and_then(|s| s.as_ref())
        .and_then(|s| s.truthy_guards.clone())
    else {
        return Vec::new();
    };
    let info = &ev.cx.funcs[g as usize];
    let offset = usize::from(bound && info.method != MethodKind::Function);
    let names: Vec<&'a str> = info.params.iter().map(|p| p.name).collect();
    let mut out = Vec::new();
    for (index, guard) in guards {
        let index = index as usize;
        let (Some(name), Some(position)) = (names.get(index), index.checked_sub(offset)) else {
            continue;
        };
        if let Some(arg) = call.arguments.find_argument_value(name, position)
            && let Some(place) = ev.place_of(st, arg)
        {
            out.push(GuardFact { place, ..guard });
        }
    }
    out
}

/// What one name of a callee says: a qualified name, or the method called
/// (`method`, written `.method` below).
#[derive(Clone, Copy)]
enum CalleeName<'n> {
    Qualified(&'n str),
    Method(&'n str),
}

/// The facts a call proves, from the qualified names of its callee and,
/// for method calls, the method name.
fn call_facts_by_name<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    call: &'a ast::ExprCall,
    names: &[String],
    method: Option<&str>,
) -> Vec<GuardFact> {
    let args = &call.arguments;
    let mut out = Vec::new();
    let all = KindSet::ALL;
    let names = names
        .iter()
        .map(|n| CalleeName::Qualified(n.as_str()))
        .chain(method.map(CalleeName::Method));
    for name in names {
        match name {
            CalleeName::Method(
                "isdigit" | "isnumeric" | "isdecimal" | "isalnum" | "isalpha" | "isidentifier",
            ) => {
                if let Expr::Attribute(a) = call.func.as_ref()
                    && let Some(place) = ev.place_of(st, &a.value)
                {
                    out.push(fact(place, all, 0));
                }
            }
            CalleeName::Method("startswith" | "is_relative_to") => {
                if let Expr::Attribute(a) = call.func.as_ref()
                    && let Some(place) = ev.place_of(st, suffixed_path(&a.value))
                {
                    let path = ev.cx.models.cleared_by(Clearance::PathContainment);
                    out.push(fact(place, path, flags::NORMALIZED_PATH));
                }
            }
            CalleeName::Method(method @ ("fullmatch" | "match")) => {
                // A compiled pattern: `PATTERN.fullmatch(x)`.
                if let Expr::Attribute(a) = call.func.as_ref()
                    && let Some(Const::Str(p)) = pattern_of(ev, st, &a.value)
                    && let Some(target) = args.find_argument_value("string", 0)
                    && let Some(place) = ev.place_of(st, target)
                {
                    let whole = method == "fullmatch";
                    if let Some(kinds) = validated(ev, &p, true, whole) {
                        out.push(fact(place, kinds, 0));
                    }
                }
            }
            CalleeName::Qualified(
                name @ ("re.fullmatch" | "re.match" | "re.search" | "regex.fullmatch"
                | "regex.match"),
            ) => {
                if let Some(pattern) = args.find_argument_value("pattern", 0)
                    && let Some(Const::Str(p)) = crate::fold::fold(ev, st, pattern)
                    && let Some(target) = args.find_argument_value("string", 1)
                    && let Some(place) = ev.place_of(st, target)
                {
                    let whole = name.ends_with("fullmatch");
                    let start = !name.ends_with("search");
                    if let Some(kinds) = validated(ev, &p, start, whole) {
                        out.push(fact(place, kinds, 0));
                    }
                }
            }
            CalleeName::Qualified("builtins.isinstance") => {
                if let (Some(target), Some(types)) = (args.args.first(), args.args.get(1))
                    && numeric_types(ev, types)
                    && let Some(place) = ev.place_of(st, target)
                {
                    out.push(fact(place, all, 0));
                }
            }
            CalleeName::Method(_) => {}
            CalleeName::Qualified(other) => {
                if let Some(guard) = ev.cx.models.guard(other) {
                    let (sel, clears) = (guard.arg.clone(), guard.clears);
                    let target = match sel {
                        crate::model::ArgSel::Pos(p) => args.find_positional(p),
                        crate::model::ArgSel::PosOrKw(p, ref k) => args.find_argument_value(k, p),
                        crate::model::ArgSel::Kw(ref k) => args.find_keyword(k).map(|k| &k.value),
                        _ => None,
                    };
                    if let Some(target) = target
                        && let Some(place) = ev.place_of(st, target)
                    {
                        out.push(fact(place, clears, 0));
                    }
                }
            }
        }
    }
    out
}

/// What a false `re.search(r"[^\w.-]", name)` proves (also through a
/// compiled pattern's `.search`): no character of `name` is outside the
/// class, as if `re.fullmatch(r"[\w.-]*", name)` held.
fn no_forbidden_character<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    call: &'a ast::ExprCall,
) -> Option<GuardFact> {
    let args = &call.arguments;
    let (pattern, target) = match call.func.as_ref() {
        // `pos` and `endpos` would leave part of the string unsearched.
        Expr::Attribute(a)
            if a.attr.as_str() == "search"
                && ev.qualified(&call.func).is_none()
                && args.args.len() + args.keywords.len() == 1
                && args
                    .keywords
                    .iter()
                    .all(|k| k.arg.as_deref() == Some("string")) =>
        {
            (
                pattern_of(ev, st, &a.value)?,
                args.find_argument_value("string", 0)?,
            )
        }
        func => {
            let q = ev.qualified(func)?;
            if !matches!(q.as_str(), "re.search" | "regex.search") {
                return None;
            }
            let pattern = args.find_argument_value("pattern", 0)?;
            (
                crate::fold::fold(ev, st, pattern)?,
                args.find_argument_value("string", 1)?,
            )
        }
    };
    let Const::Str(pattern) = pattern else {
        return None;
    };
    let allowed = negated_class_body(&pattern)?;
    let kinds = validated(ev, &format!("[{allowed}]*"), true, true)?;
    let place = ev.place_of(st, target)?;
    Some(fact(place, kinds, 0))
}

/// The inside of a pattern that is one negated character class, alone or
/// repeated (`[^\w.-]`, `[^a-z0-9]+`): `\w.-` and `a-z0-9`. Nested sets
/// are not read.
fn negated_class_body(pattern: &str) -> Option<&str> {
    let rest = pattern.strip_prefix("[^")?;
    let bytes = rest.as_bytes();
    // A `]` first in a class is a character of it.
    let mut i = usize::from(bytes.first() == Some(&b']'));
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'[' => return None,
            b']' => {
                let tail = &rest[i + 1..];
                return matches!(tail, "" | "+").then_some(&rest[..i]);
            }
            _ => i += 1,
        }
    }
    None
}

/// The path checked by `(path + os.sep).startswith(base)`: with a path
/// separator added to close the prefix check, the path itself (anything
/// else added could carry the path past `base`).
fn suffixed_path(e: &Expr) -> &Expr {
    match e {
        Expr::BinOp(b) if b.op == ast::Operator::Add && is_separator(&b.right) => &b.left,
        other => other,
    }
}

/// `os.sep`, `os.path.sep`, `"/"` or `"\\"`.
fn is_separator(e: &Expr) -> bool {
    match e {
        Expr::Attribute(a) => a.attr.as_str() == "sep",
        Expr::StringLiteral(s) => matches!(s.value.to_str(), "/" | "\\"),
        _ => false,
    }
}

/// What a false `name.startswith("/")` or `os.path.isabs(name)` proves:
/// the path is not absolute.
fn not_absolute<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    call: &'a ast::ExprCall,
) -> Option<GuardFact> {
    let target = match call.func.as_ref() {
        Expr::Attribute(a) if a.attr.as_str() == "startswith" => {
            let prefix = call.arguments.args.first()?;
            if !crate::fold::prefixes(ev, st, prefix)?
                .iter()
                .any(|p| p == "/")
            {
                return None;
            }
            &a.value
        }
        func => {
            let q = ev.qualified(func)?;
            if !matches!(q.as_str(), "os.path.isabs" | "posixpath.isabs") {
                return None;
            }
            call.arguments.args.first()?
        }
    };
    let place = ev.place_of(st, target)?;
    Some(path_half(
        ev,
        place,
        flags::NOT_ABSOLUTE,
        flags::NO_PARENT_STEP,
    ))
}

/// What the absence of `needle` from the text at `place` proves: no `/`,
/// no `..` (path halves, see [`path_half`]), no quote of a kind (the text
/// stays inside a literal of that quote).
pub(crate) fn absent_text(
    ev: &Eval,
    place: crate::state::Place,
    needle: &str,
) -> Option<GuardFact> {
    use flags::{NO_PARENT_STEP, NOT_ABSOLUTE};
    match needle {
        // No separator at all: neither `..` nor an absolute path.
        "/" => Some(path_half(ev, place, NO_PARENT_STEP | NOT_ABSOLUTE, 0)),
        ".." | "../" => Some(path_half(ev, place, NO_PARENT_STEP, NOT_ABSOLUTE)),
        "'" | "\"" => {
            let quote = if needle == "'" { '\'' } else { '"' };
            Some(GuardFact {
                sets_flags: flags::no_quote(quote),
                ..fact(place, KindSet::EMPTY, 0)
            })
        }
        _ => None,
    }
}

/// What both lists of facts prove: for a place in both, the sinks both
/// clear (for labels with the flags either requires).
fn common_facts(a: &[GuardFact], b: &[GuardFact]) -> Vec<GuardFact> {
    a.iter()
        .flat_map(|x| {
            b.iter().filter(|y| y.place == x.place).filter_map(|y| {
                let clears = x.clears.intersect(y.clears);
                let sets_flags = x.sets_flags & y.sets_flags;
                (!clears.is_empty() || sets_flags != 0).then(|| GuardFact {
                    sets_flags,
                    ..fact(x.place.clone(), clears, x.require_flags | y.require_flags)
                })
            })
        })
        .collect()
}

pub(crate) fn fact(place: crate::state::Place, clears: KindSet, require_flags: u8) -> GuardFact {
    GuardFact {
        place,
        clears,
        require_flags,
        sets_flags: 0,
    }
}

/// Half of a path check that takes two conditions: the labels of `place`
/// gain `proves`, and path sinks are cleared for those that also have
/// `other` (the half checked before).
fn path_half(ev: &Eval, place: crate::state::Place, proves: u8, other: u8) -> GuardFact {
    GuardFact {
        sets_flags: proves,
        ..fact(
            place,
            ev.cx.models.cleared_by(Clearance::PathContainment),
            other,
        )
    }
}

/// The sinks a match with `pattern` makes safe.
fn validated(ev: &Eval, pattern: &str, start: bool, whole: bool) -> Option<KindSet> {
    let alphabet = crate::regex::alphabet(pattern, start, whole)?;
    let kinds = ev.cx.models.safe_alphabet(alphabet);
    (kinds != KindSet::EMPTY).then_some(kinds)
}

/// The pattern of a compiled regular expression (a name bound to
/// `re.compile("...")`).
fn pattern_of<'a>(ev: &mut Eval<'_, 'a>, st: &State, e: &'a Expr) -> Option<Const> {
    if let Expr::Name(name) = e {
        let sym = ev.cx.names.get(name.id.as_str());
        if let Some(v) = sym.and_then(|s| st.get(s)) {
            return v.konst.clone();
        }
        let v = ev.root_value(name);
        return v.konst;
    }
    None
}

fn numeric_types(ev: &mut Eval, types: &Expr) -> bool {
    match types {
        Expr::Tuple(t) => !t.elts.is_empty() && t.elts.iter().all(|e| numeric_types(ev, e)),
        other => ev.qualified(other).is_some_and(|q| {
            matches!(
                q.as_str(),
                "builtins.int"
                    | "builtins.float"
                    | "builtins.bool"
                    | "builtins.complex"
                    | "uuid.UUID"
                    | "decimal.Decimal"
                    | "fractions.Fraction"
                    | "datetime.date"
                    | "datetime.datetime"
            )
        }),
    }
}

fn compare<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    c: &'a ast::ExprCompare,
    polarity: bool,
) -> Vec<GuardFact> {
    let op = c.ops[0];
    let (left, right) = (&*c.left, &c.comparators[0]);
    let all = KindSet::ALL;
    let mut out = Vec::new();
    let holds = match op {
        CmpOp::In | CmpOp::Eq | CmpOp::Is => polarity,
        CmpOp::NotIn | CmpOp::NotEq | CmpOp::IsNot => !polarity,
        _ => return out,
    };
    if !holds {
        // `".." not in name`, or the branch after `if ".." in name: abort()`.
        if matches!(op, CmpOp::In | CmpOp::NotIn)
            && let Some(Const::Str(needle)) = crate::fold::fold(ev, st, left)
            && let Some(place) = ev.place_of(st, right)
        {
            out.extend(absent_text(ev, place, &needle));
        }
        return out;
    }
    match op {
        CmpOp::In | CmpOp::NotIn if trusted_collection(ev, st, right) => {
            if let Some(place) = ev.place_of(st, left) {
                out.push(fact(place, all, 0));
            }
            host_check(ev, st, left, &mut out);
        }
        CmpOp::Eq | CmpOp::NotEq => {
            for (value, constant) in [(left, right), (right, left)] {
                if crate::fold::fold(ev, st, constant).is_some() {
                    if let Some(place) = ev.place_of(st, value) {
                        out.push(fact(place, all, 0));
                    }
                    host_check(ev, st, value, &mut out);
                }
            }
            // `os.path.commonpath([p, base]) == base`
            for (call, _) in [(left, right), (right, left)] {
                if let Expr::Call(call) = call
                    && ev.qualified(&call.func).as_deref() == Some("os.path.commonpath")
                    && let Some(Expr::List(list)) = call.arguments.args.first()
                {
                    let path = ev.cx.models.cleared_by(Clearance::PathContainment);
                    for elt in &list.elts {
                        if let Some(place) = ev.place_of(st, elt) {
                            out.push(fact(place, path, flags::NORMALIZED_PATH));
                        }
                    }
                }
            }
        }
        _ => {}
    }
    out
}

/// Whether a collection holds only server-side data: a constant, or a
/// value with no untrusted data in it.
fn trusted_collection<'a>(ev: &mut Eval<'_, 'a>, st: &State, e: &'a Expr) -> bool {
    if matches!(
        crate::fold::fold(ev, st, e),
        Some(Const::Seq(_) | Const::Str(_))
    ) {
        return true;
    }
    let value = match e {
        Expr::Name(name) => {
            let sym = ev.cx.names.get(name.id.as_str());
            match sym.and_then(|s| st.get(s)) {
                Some(v) => v.clone(),
                None => ev.root_value(name),
            }
        }
        Expr::Attribute(_) | Expr::Call(_) => {
            // Settings and helpers (`settings.ALLOWED_HOSTS`): no untrusted
            // data can be read from them without a source in the chain.
            let mut probe = st.clone();
            ev.eval_pure(&mut probe, e)
        }
        _ => return false,
    };
    !ev.real_labels(&value.all_taint()).has_labels() && !matches!(value.ty, Some(Ty::Func(_)))
}

/// `urlparse(u).netloc` (or `.hostname`), `p.netloc` for `p =
/// urlparse(u)`, or `host` for `host = urlparse(u).hostname`: a check of it
/// validates the host of `u`.
fn host_check<'a>(ev: &mut Eval<'_, 'a>, st: &State, e: &'a Expr, out: &mut Vec<GuardFact>) {
    if let Expr::Name(name) = e
        && let Some(url) = ev
            .cx
            .names
            .get(name.id.as_str())
            .and_then(|s| st.get(s))
            .and_then(|v| v.host_of())
    {
        let host = ev.cx.models.cleared_by(Clearance::FixedHost);
        out.push(fact(url.clone(), host, 0));
        return;
    }
    let Expr::Attribute(a) = e else { return };
    if !matches!(a.attr.as_str(), "netloc" | "hostname" | "host") {
        return;
    }
    let host = ev.cx.models.cleared_by(Clearance::FixedHost);
    match a.value.as_ref() {
        Expr::Call(call) => {
            let q = ev.qualified(&call.func);
            if matches!(
                q.as_deref(),
                Some("urllib.parse.urlparse" | "urllib.parse.urlsplit")
            ) && let Some(arg) = call.arguments.args.first()
                && let Some(place) = ev.place_of(st, arg)
            {
                out.push(fact(place, host, 0));
            }
        }
        Expr::Name(name) => {
            let sym = ev.cx.names.get(name.id.as_str());
            if let Some(v) = sym.and_then(|s| st.get(s)) {
                if let Some(from) = v.parsed_from().cloned() {
                    out.push(fact(from, host, 0));
                }
                if let Some(s) = sym {
                    out.push(fact(crate::state::Place::var(s), host, 0));
                }
            }
        }
        _ => {}
    }
}

/// Applies one fact to the state.
pub fn apply(ev: &mut Eval, st: &mut State, fact: &GuardFact) {
    let root = fact.place.root;
    let fallback = || crate::value::Value::unknown();
    let mut value = st.read(&fact.place, fallback);
    let _ = ev;
    if fact.sets_flags != 0 {
        mark(&mut value, fact.sets_flags);
    }
    clear(&mut value, fact.clears, fact.require_flags);
    if fact.clears == KindSet::ALL && fact.require_flags == 0 {
        value.taint.unknown = value.taint.unknown.map(|_| KindSet::ALL);
    }
    let _ = root;
    st.write(&fact.place, value, fallback);
}

fn mark(value: &mut crate::value::Value, flags: u8) {
    value.taint.set_flags(flags);
    for (_, part) in &mut value.parts {
        mark(part, flags);
    }
}

fn clear(value: &mut crate::value::Value, kinds: KindSet, require: u8) {
    if require == 0 {
        value.taint.clear(kinds);
    } else {
        for label in &mut value.taint.labels {
            if label.flags & require == require {
                label.cleared = label.cleared.union(kinds);
            }
        }
    }
    for (_, part) in &mut value.parts {
        clear(part, kinds, require);
    }
}

/// A `case` whose patterns are all constants: the subject is one of them.
pub fn refine_case<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &mut State,
    subject: &'a Expr,
    pattern: &ast::Pattern,
) {
    if crate::eval::pattern_is_constant(pattern)
        && let Some(place) = ev.place_of(st, subject)
    {
        apply(ev, st, &fact(place, KindSet::ALL, 0));
    }
}
