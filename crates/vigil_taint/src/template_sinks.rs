//! Render calls of the project's template files: a variable that the
//! template writes without escaping (`{{ bio|safe }}`, an `{% autoescape
//! off %}` block, or a template whose extension turns Flask's autoescaping
//! off) is a sink of the rule that claims the `template-files` family, for
//! the value the view passes under that name.

use crate::eval::Eval;
use crate::eval::call::{Args, Callee};
use crate::sinks::{Display, judge};
use crate::state::State;
use crate::template_files::{TemplateFile, VariableUse};
use crate::value::{Field, Value};
use vigil_knowledge::constant::Const;
use vigil_knowledge::templates::{FLASK_ESCAPED_EXTENSIONS, TemplateContext, file_renderer};
use vigil_python::Ranged;
use vigil_python::ast::{self as ast, Expr};

/// Checks a call that renders a template file of the project.
pub fn check_render<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    call: &'a ast::ExprCall,
    callee: &Callee<'a>,
    args: &Args<'a>,
) {
    // Asked at every call: the cheap questions first.
    let (Some(templates), Some(rule)) = (ev.cx.input.templates, ev.cx.models.template_files_rule)
    else {
        return;
    };
    let Some(renderer) = callee.names.iter().find_map(|n| file_renderer(n)) else {
        return;
    };
    let (position, keyword) = renderer.template;
    let Some(name_expr) = argument(call, position, keyword) else {
        return;
    };
    let Some(Const::Str(name)) = crate::fold::fold(ev, st, name_expr) else {
        return;
    };
    let Some(file) = templates.find(&name) else {
        return;
    };
    // Flask escapes by extension; a template it does not escape that
    // writes markup writes every variable unescaped.
    let escaped_file = !renderer.escapes_by_extension
        || FLASK_ESCAPED_EXTENSIONS.contains(&file.extension.as_str())
        || !file.facts.writes_markup;
    let context = context_values(ev, renderer.context, args);
    for (key, value) in context {
        let Some((variable, how)) = unescaped_use(&file, &key, escaped_file) else {
            continue;
        };
        let what = format!(
            "as `{key}` of template `{name}`, which writes it unescaped ({how} at {}:{}:{})",
            file.path, variable.line, variable.column
        );
        judge(
            ev,
            rule,
            &[value],
            call.range(),
            Display::Code(callee.func.range()),
            Some(&what),
            false,
            true,
        );
    }
}

/// The first use of `key` the template writes unescaped, and why.
fn unescaped_use<'f>(
    file: &'f TemplateFile,
    key: &str,
    escaped_file: bool,
) -> Option<(&'f VariableUse, String)> {
    if escaped_file {
        let found = file.facts.first_unescaped(key)?;
        return Some((found, found.unescaped_by.to_string()));
    }
    let found = file.facts.first_use(key)?;
    let how = format!("Flask does not autoescape `.{}` templates", file.extension);
    Some((found, how))
}

/// The argument at `position` or passed as `keyword`.
fn argument<'a>(call: &'a ast::ExprCall, position: usize, keyword: &str) -> Option<&'a Expr> {
    call.arguments
        .find_keyword(keyword)
        .map(|k| &k.value)
        .or_else(|| call.arguments.args.get(position))
        .filter(|e| !matches!(e, Expr::Starred(_)))
}

/// The variables a render call passes, with their values: keyword
/// arguments (and the literal keys of a `**mapping`), or the literal keys
/// of a context mapping.
fn context_values(ev: &Eval, context: TemplateContext, args: &Args) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let keys_of = |value: &Value, out: &mut Vec<(String, Value)>| {
        for (field, part) in &value.parts {
            if let Field::Str(key) = field {
                out.push((ev.cx.names.resolve(*key).to_string(), part.clone()));
            }
        }
    };
    match context {
        TemplateContext::Keywords => {
            for (keyword, value, _) in &args.kw {
                match keyword {
                    Some(key) => out.push((key.to_string(), value.clone())),
                    None => keys_of(value, &mut out),
                }
            }
        }
        TemplateContext::Mapping(position, keyword) => {
            let by_keyword = args
                .kw
                .iter()
                .find(|(k, _, _)| *k == Some(keyword))
                .map(|(_, v, _)| v);
            let positional = args
                .pos
                .get(position)
                .filter(|(_, _, starred)| !starred)
                .map(|(v, _, _)| v);
            let starred_before = args.pos.iter().take(position).any(|(_, _, s)| *s);
            if let Some(value) = by_keyword.or(positional.filter(|_| !starred_before)) {
                keys_of(value, &mut out);
            }
        }
    }
    out
}
