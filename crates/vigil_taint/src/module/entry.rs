//! Framework entry points: functions whose parameters come from outside
//! (route handlers, CLI commands, serverless handlers), and Django URL
//! configurations that name views in this or other modules.

use super::ModuleCx;
use super::functions::{Body, FnInfo, MethodKind};
use crate::eval::Eval;
use crate::eval::call::Args;
use crate::kinds::RuleId;
use crate::model::SourceInfo;
use crate::model::spec::{EntryParams, Level, Trust};
use crate::project::{ArgKey, CallFact};
use crate::value::{Const, Taint};
use rustc_hash::FxHashSet;
use vigil_python::Ranged;
use vigil_python::ast::{self as ast, Expr};
use vigil_semantic::{BindingKind, ScopeId};

/// Offset of URL configuration origins in origin keys.
const URLCONF_MODEL_BASE: u32 = 2_000_000;

/// How a function is an entry point.
#[derive(Debug, Clone)]
pub struct EntryDesc {
    /// Index of the entry model.
    pub spec: usize,
    /// Parameters holding untrusted data.
    pub tainted: Vec<u32>,
    /// Parameters the framework converts to numbers or UUIDs before the
    /// call (`<int:id>`, `id: int`): safe for every sink.
    pub safe: Vec<u32>,
    /// Types given to parameters.
    pub types: Vec<(u32, String)>,
    pub return_sink: Option<RuleId>,
    /// The rule for which the whole returned value (JSON too) is a sink.
    pub body_sink: Option<RuleId>,
    /// Recognised by name only (reported with medium confidence).
    pub guessed: bool,
    /// The route pattern has no variables (`@app.route("/about")`): the
    /// request's path is that pattern here.
    pub fixed_route: bool,
}

/// Top-level packages a module imports.
fn imported_packages(cx: &ModuleCx) -> FxHashSet<String> {
    cx.input
        .semantic
        .imported_names()
        .map(|n| n.split('.').next().unwrap_or(n).to_string())
        .collect()
}

/// For each entry model, whether this module imports what it needs (the
/// same for every function: computed once per module).
pub fn imports_met(cx: &ModuleCx) -> Vec<bool> {
    let imports = imported_packages(cx);
    cx.models
        .entries
        .iter()
        .map(|spec| spec.imports.is_empty() || spec.imports.iter().any(|i| imports.contains(i)))
        .collect()
}

/// Whether function `f` is an entry point, and how.
pub fn detect(cx: &ModuleCx, f: u32, imports_met: &[bool]) -> Option<EntryDesc> {
    let info = &cx.funcs[f as usize];
    let Body::Def(def) = info.body else {
        return None;
    };
    let offset = usize::from(matches!(
        info.method,
        MethodKind::Instance | MethodKind::Class
    ));
    let outer = cx
        .input
        .semantic
        .scope(info.scope)
        .parent
        .unwrap_or(ScopeId::MODULE);
    // What each decorator may denote, resolved once for every model.
    let decorators: Vec<(&ast::Decorator, &Expr, Vec<String>)> = def
        .decorator_list
        .iter()
        .map(|d| {
            let callee = match &d.expression {
                Expr::Call(c) => &*c.func,
                other => other,
            };
            (d, callee, callee_names(cx, callee, outer))
        })
        .collect();
    // Decorators first (they say what the function is), then names.
    let order = (0..cx.models.entries.len())
        .map(|k| (k, true))
        .chain((0..cx.models.entries.len()).map(|k| (k, false)));
    for (k, by_decorators_only) in order {
        let spec = &cx.models.entries[k];
        let imports_ok = imports_met[k];
        let mut decorator: Option<&ast::Decorator> = None;
        let mut guessed = false;
        for &(d, callee, ref names) in &decorators {
            if names.iter().any(|n| spec.decorators.contains(n)) {
                decorator = Some(d);
                break;
            }
            if imports_ok
                && !spec.decorator_methods.is_empty()
                && let Expr::Attribute(a) = callee
                && spec.decorator_methods.iter().any(|m| m == a.attr.as_str())
            {
                decorator = Some(d);
                guessed = true;
                break;
            }
        }
        let by_decorator = decorator.is_some();
        if by_decorators_only != (by_decorator && !guessed) {
            continue;
        }
        let by_name = !by_decorator
            && imports_ok
            && spec.functions.iter().any(|n| n == info.name)
            && (spec.imports.is_empty() || info.class.is_some());
        let by_first_param = !by_decorator
            && imports_ok
            && (!spec.imports.is_empty() || !spec.with_params.is_empty())
            && spec
                .first_param
                .as_ref()
                .is_some_and(|p| info.params.get(offset).is_some_and(|q| q.name == p))
            && (spec.with_params.is_empty()
                || (info.class.is_none()
                    && spec
                        .with_params
                        .iter()
                        .all(|w| info.params.iter().any(|q| q.name == w))))
            && !annotated_otherwise(cx, info, offset, &spec.param_types);
        if !by_decorator && !by_name && !by_first_param {
            continue;
        }
        guessed |= by_name || by_first_param;
        let mut types = Vec::new();
        for (name, ty) in &spec.param_types {
            if let Some(i) = info.params.iter().position(|p| p.name == name) {
                types.push((i as u32, ty.clone()));
            }
        }
        let typed: Vec<u32> = types.iter().map(|(i, _)| *i).collect();
        let tainted = tainted_params(
            cx,
            info,
            spec.params,
            &spec.named,
            offset,
            &typed,
            decorator,
        );
        let safe = safe_params(cx, info, spec.params, offset, &typed, &tainted, decorator);
        return Some(EntryDesc {
            spec: k,
            tainted,
            safe,
            types,
            return_sink: spec.return_sink.filter(|_| {
                spec.return_sink_when
                    .as_ref()
                    .is_none_or(|when| decorator_passes(cx, decorator, when, outer))
            }),
            body_sink: spec.body_sink,
            guessed,
            fixed_route: decorator
                .and_then(route_of)
                .is_some_and(|r| !r.contains(['<', '{'])),
        });
    }
    None
}

/// Whether `decorator` is a call passing `when.keyword` one of
/// `when.names` (`@app.get("/", response_class=HTMLResponse)`).
fn decorator_passes(
    cx: &ModuleCx,
    decorator: Option<&ast::Decorator>,
    when: &crate::model::spec::KeywordNames,
    scope: ScopeId,
) -> bool {
    let Some(Expr::Call(call)) = decorator.map(|d| &d.expression) else {
        return false;
    };
    call.arguments
        .find_keyword(&when.keyword)
        .and_then(|k| cx.input.semantic.resolve_qualified_name(&k.value, scope))
        .is_some_and(|name| when.names.contains(&name))
}

/// Whether the parameter at `index` is annotated with a modelled type other
/// than the one a name-based entry would give it (`request: Request` from
/// Starlette in a module that also imports Django).
fn annotated_otherwise(
    cx: &ModuleCx,
    info: &FnInfo,
    index: usize,
    param_types: &[(String, String)],
) -> bool {
    let Some(p) = info.params.get(index) else {
        return false;
    };
    let Some(annotation) = p.annotation else {
        return false;
    };
    let Some(name) = cx
        .input
        .semantic
        .resolve_qualified_name(annotation, info.scope)
    else {
        return false;
    };
    let Some(ty) = cx.models.ty(&name) else {
        return false;
    };
    param_types
        .iter()
        .any(|(param, expected)| param == p.name && expected != ty)
}

fn tainted_params(
    cx: &ModuleCx,
    info: &FnInfo,
    rule: EntryParams,
    named: &[String],
    offset: usize,
    typed: &[u32],
    decorator: Option<&ast::Decorator>,
) -> Vec<u32> {
    let candidates = || {
        (offset..info.params.len())
            .map(|i| i as u32)
            .filter(|i| !typed.contains(i))
    };
    match rule {
        EntryParams::None => Vec::new(),
        EntryParams::All => candidates().collect(),
        EntryParams::Named => candidates()
            .filter(|&i| named.iter().any(|n| n == info.params[i as usize].name))
            .collect(),
        EntryParams::Route => match decorator.and_then(route_of) {
            Some(route) => {
                let vars = path_variables(route, false);
                candidates()
                    .filter(|&i| {
                        let name = info.params[i as usize].name;
                        vars.iter().any(|(v, tainted)| v == name && *tainted)
                    })
                    .collect()
            }
            _ => candidates().collect(),
        },
        EntryParams::Typed => candidates()
            .filter(|&i| {
                let p = &info.params[i as usize];
                let dependency = p.default.is_some_and(|d| match d {
                    Expr::Call(c) => cx
                        .input
                        .semantic
                        .resolve_qualified_name(&c.func, info.scope)
                        .is_some_and(|q| q.ends_with(".Depends") || q.ends_with(".Security")),
                    _ => false,
                });
                let safe_type = p
                    .annotation
                    .is_some_and(|a| safe_annotation(cx, a, info.scope));
                !dependency && !safe_type
            })
            .collect(),
    }
}

/// Parameters the framework converts before the call (`<int:id>`, `id:
/// int`): numbers or UUIDs, safe for every sink.
fn safe_params(
    cx: &ModuleCx,
    info: &FnInfo,
    rule: EntryParams,
    offset: usize,
    typed: &[u32],
    tainted: &[u32],
    decorator: Option<&ast::Decorator>,
) -> Vec<u32> {
    let converted = |i: u32| {
        let p = &info.params[i as usize];
        match rule {
            EntryParams::Route => decorator.and_then(route_of).is_some_and(|r| {
                path_variables(r, false)
                    .iter()
                    .any(|(v, text)| v == p.name && !text)
            }),
            EntryParams::Typed => p
                .annotation
                .is_some_and(|a| numeric_annotation(cx, a, info.scope)),
            _ => false,
        }
    };
    (offset..info.params.len())
        .map(|i| i as u32)
        .filter(|i| !typed.contains(i) && !tainted.contains(i))
        .filter(|&i| converted(i))
        .collect()
}

/// The route pattern given to a route decorator (`@app.route("/<x>")`).
fn route_of(d: &ast::Decorator) -> Option<&str> {
    match &d.expression {
        Expr::Call(c) => match c.arguments.find_argument_value("rule", 0) {
            Some(Expr::StringLiteral(s)) => Some(s.value.to_str()),
            _ => None,
        },
        _ => None,
    }
}

/// Annotations that make the framework convert the value to a number.
fn numeric_annotation(cx: &ModuleCx, annotation: &Expr, scope: ScopeId) -> bool {
    cx.input
        .semantic
        .resolve_qualified_name(annotation, scope)
        .is_some_and(|q| {
            matches!(
                q.as_str(),
                "builtins.int"
                    | "builtins.float"
                    | "builtins.bool"
                    | "uuid.UUID"
                    | "decimal.Decimal"
            )
        })
}

/// Annotations whose values cannot carry injectable text, or that are
/// framework objects rather than request data.
fn safe_annotation(cx: &ModuleCx, annotation: &Expr, scope: ScopeId) -> bool {
    let inner = match annotation {
        Expr::Subscript(s) => match s.slice.as_ref() {
            Expr::Tuple(t) => match t.elts.first() {
                Some(first) => first,
                None => return false,
            },
            other => other,
        },
        other => other,
    };
    let Some(q) = cx.input.semantic.resolve_qualified_name(inner, scope) else {
        return false;
    };
    matches!(
        q.as_str(),
        "builtins.int"
            | "builtins.float"
            | "builtins.bool"
            | "uuid.UUID"
            | "decimal.Decimal"
            | "datetime.date"
            | "datetime.datetime"
            | "datetime.time"
            | "pydantic.PositiveInt"
            | "pydantic.conint"
    ) || cx.models.ty(&q).is_some()
        || q.ends_with("BackgroundTasks")
        || q.ends_with(".Session")
        || q.ends_with(".AsyncSession")
}

/// Variables of a route pattern, with whether each can hold text:
/// `<name>`, `<path:p>` (yes), `<int:id>`, `<uuid:u>` (no); for regex
/// routes `(?P<name>...)`, digit-only groups are safe.
pub fn path_variables(route: &str, regex: bool) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    if regex {
        let mut rest = route;
        while let Some(at) = rest.find("(?P<") {
            rest = &rest[at + 4..];
            let Some(end) = rest.find('>') else { break };
            let name = rest[..end].to_string();
            let body = &rest[end + 1..];
            let group = body.split(')').next().unwrap_or("");
            let digits = matches!(group, r"\d+" | "[0-9]+" | r"\d*" | "[0-9]*")
                || group.starts_with(r"\d{")
                || group.starts_with("[0-9]{");
            out.push((name, !digits));
            rest = body;
        }
        return out;
    }
    let mut rest = route;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let Some(end) = rest.find('>') else { break };
        let inner = &rest[..end];
        let (conv, name) = match inner.split_once(':') {
            Some((c, n)) => (c.split('(').next().unwrap_or(c).trim(), n.trim()),
            None => ("string", inner.trim()),
        };
        let safe = matches!(conv, "int" | "float" | "uuid");
        out.push((name.to_string(), !safe));
        rest = &rest[end + 1..];
    }
    out
}

/// Qualified names a callee (a decorator, a call) may denote: `app.route`
/// is `flask.Flask.route` when `app = Flask(...)` is its binding.
pub(crate) fn callee_names(cx: &ModuleCx, callee: &Expr, scope: ScopeId) -> Vec<String> {
    let semantic = cx.input.semantic;
    let mut names: Vec<String> = semantic
        .resolve_qualified_name(callee, scope)
        .into_iter()
        .collect();
    if let Expr::Attribute(a) = callee
        && let Expr::Name(object) = a.value.as_ref()
        && let Some(binding) = semantic.lookup(object.id.as_str(), scope, object.range.start())
        && let BindingKind::Assignment {
            value: Some(Expr::Call(call)),
        } = binding.kind
        && let Some(ctor) = semantic.resolve_qualified_name(&call.func, binding.scope)
    {
        let ty = cx.models.ty(&ctor).map_or(ctor.clone(), str::to_string);
        names.push(crate::intern::dotted(&ty, a.attr.as_str()));
    }
    names
}

/// `path("<str:name>/", views.show)`: the view's parameters named in the
/// pattern receive untrusted data.
pub fn urlconf_call<'a>(
    ev: &mut Eval<'_, 'a>,
    call: &'a ast::ExprCall,
    name: &str,
    args: &Args<'a>,
) {
    if !ev.report {
        return;
    }
    let _ = args;
    let Some(conf) = ev.cx.models.urlconf(name) else {
        return;
    };
    let (route_arg, view_arg, regex, what) =
        (conf.route_arg, conf.view_arg, conf.regex, conf.what.clone());
    let Some(route) = call.arguments.find_argument_value("route", route_arg) else {
        return;
    };
    let st = crate::state::State::default();
    let Some(Const::Str(route)) = crate::fold::fold(ev, &st, route) else {
        return;
    };
    let Some(view) = call.arguments.find_argument_value("view", view_arg) else {
        return;
    };
    let targets: Vec<String> = match view {
        Expr::Call(c) => match c.func.as_ref() {
            Expr::Attribute(a) if a.attr.as_str() == "as_view" => match ev.qualified(&a.value) {
                Some(class) => ["get", "post", "put", "patch", "delete"]
                    .iter()
                    .map(|m| format!("{class}.{m}"))
                    .collect(),
                None => Vec::new(),
            },
            _ => Vec::new(),
        },
        other => ev.qualified(other).into_iter().collect(),
    };
    let info = SourceInfo {
        what,
        trust: Trust::Remote,
        confidence: Level::High,
        structured: false,
        reaches: ev.cx.models.untrusted_reach(),
        propagates: true,
        safe_for: crate::kinds::KindSet::EMPTY,
        route_path: false,
    };
    for (i, (param, tainted)) in path_variables(&route, regex).into_iter().enumerate() {
        if !tainted {
            continue;
        }
        let at = call.range();
        let expr = format!("<{param}>");
        let note = format!("`{param}` is {} `{}`", info.what, route);
        let label = ev.new_source(at, URLCONF_MODEL_BASE + i as u32, &info, &expr, note);
        for target in &targets {
            match ev.cx.fn_by_name.get(target).copied() {
                Some(g) => {
                    if let Some(index) = ev.cx.funcs[g as usize]
                        .params
                        .iter()
                        .position(|p| p.name == param)
                    {
                        ev.effects
                            .calls
                            .push((g, index as u32, Taint::label(label)));
                    }
                }
                None => {
                    let exported = super::exports::export_label(ev, &label);
                    ev.effects.result.external_calls.push(CallFact {
                        callee: target.clone(),
                        bound: false,
                        arg: ArgKey::Param(param.clone()),
                        label: exported,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::path_variables;

    #[test]
    fn route_variables() {
        assert_eq!(
            path_variables("/user/<name>/<int:id>/<path:rest>", false),
            vec![
                ("name".to_string(), true),
                ("id".to_string(), false),
                ("rest".to_string(), true)
            ]
        );
        assert_eq!(
            path_variables(r"^post/(?P<slug>[\w-]+)/(?P<pk>\d+)/$", true),
            vec![("slug".to_string(), true), ("pk".to_string(), false)]
        );
    }
}
