//! Sinks: where untrusted data must not arrive. Checked at calls (by
//! qualified name, by receiver type, or by method name on receivers whose
//! name suggests the API), at assignments (`session[k] = v`), and at the
//! return of framework views whose value is the response body.

use crate::eval::Eval;
use crate::eval::call::{Args, Callee};
use crate::kinds::{KindSet, RuleId, flags};
use crate::model::spec::{Level, Trust};
use crate::model::{ArgSel, Condition, SinkInfo, SinkMode};
use crate::origin::StepAt;
use crate::output::{SinkProof, TaintFinding};
use crate::state::State;
use crate::value::{Const, Field, Label, Taint, Value};
use vigil_knowledge::commands::{CodeWord, Interpreter, interpreter, is_wrapper};
use vigil_knowledge::redos;
use vigil_python::ast::{self as ast, Expr};
use vigil_python::{Ranged, TextRange};
use vigil_semantic::{BindingKind, ScopeId};

/// Checks every sink a call may be; returns the rules of the sinks that
/// applied (the call's result is not reported again for them: `text(q)`
/// is the SQL injection, not `execute(text(q))` too).
pub fn check_call<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    call: &'a ast::ExprCall,
    callee: &Callee<'a>,
    args: &Args<'a>,
) -> KindSet {
    let models = ev.cx.models;
    let mut sinks: Vec<(usize, bool)> = Vec::new();
    for name in &callee.names {
        for &id in models.sink_ids(name) {
            if !sinks.iter().any(|(s, _)| *s == id) {
                sinks.push((id, false));
            }
        }
    }
    constructor_sinks(ev, callee, &mut sinks);
    if let Some(method) = callee.method
        && callee.local.is_none()
    {
        let receiver_text = callee
            .receiver_expr
            .map(|e| ev.text(e).to_ascii_lowercase())
            .unwrap_or_default();
        for &id in models.sink_method_ids(method) {
            let sink = models.sink_by_id(id);
            let by_name = sink
                .receivers
                .iter()
                .any(|r| r == "*" || receiver_text.contains(r.as_str()));
            let already = sinks
                .iter()
                .any(|(s, _)| models.sink_by_id(*s).rule == sink.rule);
            if by_name && !already && callee.receiver.is_some() {
                sinks.push((id, true));
            }
        }
    }
    crate::template_sinks::check_render(ev, st, call, callee, args);
    let mut applied = KindSet::EMPTY;
    for (id, guessed) in sinks {
        let sink = models.sink_by_id(id);
        if !sink
            .when
            .iter()
            .all(|c| condition_holds(ev, st, call, args, c))
        {
            continue;
        }
        applied = applied.union(KindSet::one(sink.rule));
        let values = sink_values(ev, sink, call, callee, args);
        let what = sink.what.clone();
        let display = callee.func.range();
        judge(
            ev,
            sink.rule,
            &values,
            call.range(),
            Display::Code(display),
            what.as_deref(),
            guessed,
            true,
        );
    }
    applied
}

/// Sinks on the construction of classes that a called class of the
/// project derives from (`Profile(**data)` for `class Profile(Model)`).
fn constructor_sinks(ev: &mut Eval, callee: &Callee, sinks: &mut Vec<(usize, bool)>) {
    let models = ev.cx.models;
    let project = ev.cx.input.project;
    let class = callee.class.or_else(|| {
        let project = project?;
        let name = callee
            .names
            .iter()
            .find(|n| project.classes.contains_key(*n))?;
        Some(ev.cx.names.intern(name))
    });
    let Some(class) = class else { return };
    for &base in ev.cx.type_chain(class).iter().skip(1) {
        for &id in models.sink_ids(ev.cx.names.resolve(base)) {
            if models.sink_by_id(id).subclasses && !sinks.iter().any(|(s, _)| *s == id) {
                sinks.push((id, false));
            }
        }
    }
}

/// The values a sink looks at, by its mode.
fn sink_values<'a>(
    ev: &mut Eval<'_, 'a>,
    sink: &SinkInfo,
    call: &'a ast::ExprCall,
    callee: &Callee<'a>,
    args: &Args<'a>,
) -> Vec<Value> {
    let receiver = callee.receiver.as_ref();
    let words = Words {
        python: ev.cx.names.get(PYTHON_INTERPRETER),
    };
    let selected = |sel: &ArgSel| -> Vec<Value> {
        args.select(sel, receiver)
            .into_iter()
            .map(|(v, _)| v)
            .collect()
    };
    match sink.mode {
        SinkMode::Plain | SinkMode::Shell | SinkMode::Url => {
            sink.args.iter().flat_map(selected).collect()
        }
        SinkMode::Command => {
            let Some(first) = sink.args.first() else {
                return Vec::new();
            };
            let command: Vec<Value> = selected(first);
            let shell = call.arguments.find_keyword("shell").is_some_and(|k| {
                let empty = State::default();
                crate::fold::fold(ev, &empty, &k.value).is_none_or(|c| c.truthy())
            });
            if shell {
                return command;
            }
            command
                .iter()
                .flat_map(|c| program_values(words, c))
                .collect()
        }
        SinkMode::Exec => {
            let mut iter = sink.args.iter();
            let Some(program_sel) = iter.next() else {
                return Vec::new();
            };
            let program = selected(program_sel);
            let mut argv: Vec<Value> = Vec::new();
            for sel in iter {
                for v in selected(sel) {
                    match v.len {
                        Some(_) => argv.extend(elements(&v)),
                        None => argv.push(v),
                    }
                }
            }
            let mut out: Vec<Value> = program.clone();
            let interpreter = program
                .iter()
                .chain(argv.first())
                .find_map(|v| words.text(v).and_then(interpreter));
            if let Some(interpreter) = interpreter {
                out.extend(after_code_flag(words, &argv, interpreter));
            } else if argv
                .first()
                .and_then(|v| words.text(v))
                .is_some_and(is_wrapper)
            {
                let mut whole = Value {
                    len: Some(argv.len() as u32),
                    ..Value::default()
                };
                for (i, v) in argv.iter().enumerate() {
                    whole.set_part(Field::Int(i as i64), v.clone(), 0);
                }
                out.extend(program_values(words, &whole));
            }
            out
        }
        SinkMode::Nosql => sink
            .args
            .iter()
            .flat_map(selected)
            .map(|v| nosql_data(ev, &v))
            .collect(),
        // `make_response((body, status, headers))`: a tuple of known length
        // is the response's parts; anything else is the body itself.
        SinkMode::ResponseBody => sink
            .args
            .iter()
            .flat_map(selected)
            .map(|v| match v.len {
                Some(_) => v.part(&Field::Int(0)).cloned().unwrap_or_default(),
                None => v,
            })
            .collect(),
        SinkMode::ResponseHeaders => sink
            .args
            .iter()
            .flat_map(selected)
            .filter_map(|v| match v.len {
                // The status (a number) is clean; headers are second or third.
                Some(n) if n >= 2 => {
                    let mut headers = Value::default();
                    for k in 1..n.min(3) {
                        if let Some(part) = v.part(&Field::Int(i64::from(k))) {
                            headers.taint.join(&part.all_taint());
                        }
                    }
                    Some(headers)
                }
                // Not a tuple: the argument is the body, no header.
                _ => None,
            })
            .collect(),
        // A keyword is only itself here: a `**mapping` beside it is judged
        // by its own keys, not as the data of every keyword it may hold.
        SinkMode::Keys => sink
            .args
            .iter()
            .flat_map(|sel| match sel {
                ArgSel::Kw(name) => args
                    .kw
                    .iter()
                    .filter(|(kw, _, _)| *kw == Some(name.as_str()))
                    .map(|(_, v, _)| v.clone())
                    .collect(),
                other => selected(other),
            })
            .map(|v| Value::from_taint(v.taint))
            .collect(),
        SinkMode::Instructions => sink
            .args
            .iter()
            .flat_map(selected)
            .flat_map(|v| instructions(ev, &v))
            .collect(),
        SinkMode::Redos => {
            let pattern = if callee.names.iter().any(|n| n.starts_with("re.Pattern.")) {
                receiver.and_then(|r| r.konst.clone())
            } else {
                args.select(&ArgSel::PosOrKw(0, "pattern".into()), None)
                    .into_iter()
                    .next()
                    .and_then(|(v, _)| v.konst)
            };
            match pattern {
                Some(Const::Str(p))
                    if redos::analyse(&p, redos::Flags::default(), false).is_some() =>
                {
                    sink.args.iter().flat_map(selected).collect()
                }
                _ => Vec::new(),
            }
        }
    }
}

/// The roles of chat messages that instruct the model.
const INSTRUCTION_ROLES: &[&str] = &["system", "developer"];

/// The instructions in what a chat API takes as its messages: the content
/// of each message whose role is `system` or `developer` (`{"role":
/// "system", "content": ...}`, LangChain's `("system", ...)`). A value
/// that is not a list of messages (a string) is instructions as a whole;
/// messages of other roles, and elements whose role is not known, are the
/// conversation.
fn instructions(ev: &Eval, messages: &Value) -> Vec<Value> {
    let elements: Vec<Value> = elements(messages);
    if elements.is_empty() {
        // A string, or messages whose shape is not known: whoever chose
        // them chose the instructions too.
        return vec![messages.clone()];
    }
    let names = &ev.cx.names;
    let keyed = |message: &Value, key: &str| {
        names
            .get(key)
            .and_then(|k| message.part(&Field::Str(k)).cloned())
    };
    // A role written in the code, or one the data chose.
    let instructs = |role: &Value| match role.konst.as_ref() {
        Some(Const::Str(role)) => INSTRUCTION_ROLES.contains(&&**role),
        _ => role.all_taint().has_labels(),
    };
    elements
        .iter()
        .filter_map(|message| match keyed(message, "role") {
            Some(role) => instructs(&role)
                .then(|| keyed(message, "content"))
                .flatten(),
            None => match message.part(&Field::Int(0)) {
                Some(role) => instructs(role)
                    .then(|| message.part(&Field::Int(1)).cloned())
                    .flatten(),
                // A message whose shape is not known.
                None => Some(message.clone()),
            },
        })
        .map(|content| Value::from_taint(content.all_taint()))
        .collect()
}

/// For a subprocess command without a shell: the program (after wrappers
/// such as `sudo` or `env`), and the code given to a shell's `-c`.
///
/// A list of unknown length whose first elements are known (`cmd =
/// ["git", "clone"]`, later extended or appended to) is read the same
/// way, its unknown rest standing as one last word of unknown text: the
/// rest are the arguments of a fixed program, unless a wrapper or an
/// interpreter leaves the program or its code to them.
fn program_values(words: Words, command: &Value) -> Vec<Value> {
    let mut elements: Vec<Value> = elements(command);
    if elements.is_empty() {
        // A string (the program's name) or a list of unknown shape.
        return vec![command.clone()];
    }
    let open = command
        .len
        .is_none_or(|n| n as usize > crate::value::MAX_PARTS);
    let text = |v: &Value| words.text(v).map(str::to_string);
    let mut k = 0;
    while k < elements.len() && text(&elements[k]).is_some_and(|p| is_wrapper(&p)) {
        k += 1;
        // The wrapper's options (`-u`, `VAR=value`).
        while k < elements.len()
            && text(&elements[k]).is_some_and(|a| a.starts_with('-') || a.contains('='))
        {
            k += 1;
        }
    }
    if open && k == elements.len() {
        // The program itself is among the unknown elements.
        return vec![command.clone()];
    }
    if open {
        elements.push(Value::from_taint(command.taint.clone()));
    }
    let mut out: Vec<Value> = elements.first().cloned().into_iter().collect();
    if k > 0 && k < elements.len() {
        out.push(elements[k].clone());
    }
    match elements.get(k).map(text) {
        Some(Some(program)) => {
            if let Some(interpreter) = interpreter(&program) {
                out.extend(after_code_flag(words, &elements[k..], interpreter));
            }
        }
        // A program not known here, followed by a shell's code flag, is
        // taken for a shell (`[shell, "-c", cmd]` where `shell = "bash" if
        // login else "sh"`): the words after the flag are its code.
        Some(None) => {
            let code_flag = elements
                .get(k + 1)
                .and_then(text)
                .is_some_and(|flag| is_shell_code_flag(&flag));
            if code_flag {
                out.extend(elements[k + 2..].iter().cloned());
            }
        }
        None => {}
    }
    out
}

/// `-c`, `-lc`, `-ec`, `/c`: a short flag after which some shell reads its
/// command string (the shells' flags are the knowledge layer's; a long
/// cluster such as `-count` is more likely an option of another program).
fn is_shell_code_flag(flag: &str) -> bool {
    flag.len() <= 4 && vigil_knowledge::commands::is_shell_code_flag(flag)
}

/// The elements of a list: each of them when its length is known and small
/// enough for its parts to be kept apart (a list built by doubling in a
/// hostile file can claim billions), else those at known places.
fn elements(list: &Value) -> Vec<Value> {
    match list.len {
        Some(n) if n as usize <= crate::value::MAX_PARTS => (0..n)
            .map(|i| list.element(&Field::Int(i64::from(i))))
            .collect(),
        _ => known_prefix(list),
    }
}

/// The elements of a list of unknown length that stand at known places:
/// its parts at `0, 1, ...` up to the first missing one.
fn known_prefix(list: &Value) -> Vec<Value> {
    (0..)
        .map_while(|i| list.part(&Field::Int(i)).cloned())
        .collect()
}

/// The words that are code for `interpreter` (`sh -c CODE`, `python -c
/// CODE`, `cmd /c CODE`) among `argv`, which starts with the program's
/// name (`argv[0]`) when the caller gives one (`os.execv`) and with its
/// first argument otherwise (`asyncio.create_subprocess_exec`).
fn after_code_flag(words: Words, argv: &[Value], interpreter: Interpreter) -> Vec<Value> {
    let names_program = argv
        .first()
        .and_then(|v| words.text(v))
        .is_some_and(|p| vigil_knowledge::commands::interpreter(p).is_some());
    let rest = &argv[usize::from(names_program)..];
    // A word of unknown text that holds no outside data is the server's
    // own (a script's path built at run time): an operand, not `-c`.
    let texts: Vec<Option<&str>> = rest
        .iter()
        .map(|v| {
            words
                .text(v)
                .or_else(|| v.all_taint().is_clean().then_some(SERVER_WORD))
        })
        .collect();
    match interpreter.code_word(&texts) {
        CodeWord::At(i) => vec![rest[i].clone()],
        CodeWord::MaybeFrom(i) => rest[i..].to_vec(),
        CodeWord::Absent => Vec::new(),
    }
}

/// The text a command word of unknown text but no outside data stands for.
const SERVER_WORD: &str = "server-word";

/// The type the models give the running interpreter's path
/// (`sys.executable`, in `models/stdlib.toml`).
pub(crate) const PYTHON_INTERPRETER: &str = "python.interpreter";

/// How the words of a command read: their constant text, or `python` for
/// the running interpreter's path.
#[derive(Clone, Copy)]
struct Words {
    python: Option<crate::intern::Sym>,
}

impl Words {
    fn text(self, v: &Value) -> Option<&str> {
        match (&v.konst, v.ty) {
            (Some(c), _) => c.as_str(),
            (None, Some(crate::value::Ty::Class(t))) if Some(t) == self.python => Some("python"),
            _ => None,
        }
    }
}

/// Data that can change a MongoDB query: a whole filter from outside,
/// `$where` code, and values that can be operator objects (parsed JSON).
fn nosql_data(ev: &Eval, filter: &Value) -> Value {
    if filter.parts.is_empty() {
        return filter.clone();
    }
    let mut taint = filter.taint.clone();
    for (field, part) in &filter.parts {
        let key = match field {
            Field::Str(s) => ev.cx.names.resolve(*s),
            _ => "",
        };
        if matches!(key, "$where" | "$function" | "$accumulator" | "$expr") {
            taint.join(&part.all_taint());
        } else {
            let all = part.all_taint();
            for label in &all.labels {
                if ev
                    .cx
                    .origins
                    .source(label.origin)
                    .is_none_or(|s| s.structured)
                {
                    taint.add(*label);
                }
            }
            if let Some(c) = all.unknown {
                taint.add_unknown(c);
            }
        }
    }
    Value::from_taint(taint)
}

pub(crate) fn condition_holds<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &State,
    call: &'a ast::ExprCall,
    args: &Args,
    c: &Condition,
) -> bool {
    let find = |sel: &ArgSel| -> Option<&Expr> {
        match sel {
            ArgSel::Pos(p) => call.arguments.find_positional(*p),
            ArgSel::Kw(k) => call.arguments.find_keyword(k).map(|k| &k.value),
            ArgSel::PosOrKw(p, k) => call.arguments.find_argument_value(k, *p),
            _ => None,
        }
    };
    let _ = args;
    match c {
        Condition::Truthy(kw) => call
            .arguments
            .find_keyword(kw)
            .is_some_and(|k| crate::fold::fold(ev, st, &k.value).is_none_or(|c| c.truthy())),
        Condition::NotNames(sel, names) => match find(sel) {
            None => true,
            Some(Expr::BooleanLiteral(b)) => {
                let name = if b.value {
                    "builtins.True"
                } else {
                    "builtins.False"
                };
                !names.iter().any(|n| n == name)
            }
            Some(e) => ev.qualified(e).is_none_or(|q| !names.contains(&q)),
        },
        Condition::Names(sel, names) => match find(sel) {
            Some(Expr::BooleanLiteral(b)) => {
                let name = if b.value {
                    "builtins.True"
                } else {
                    "builtins.False"
                };
                names.iter().any(|n| n == name)
            }
            Some(e) => ev.qualified(e).is_some_and(|q| names.contains(&q)),
            None => false,
        },
        Condition::AbsentOrContains(sel, text) | Condition::Contains(sel, text) => {
            match find(sel) {
                None => matches!(c, Condition::AbsentOrContains(..)),
                // A value not known here may contain it.
                Some(e) => match crate::fold::fold(ev, st, e) {
                    Some(Const::Str(s)) => {
                        s.to_ascii_lowercase().contains(&text.to_ascii_lowercase())
                    }
                    Some(_) => false,
                    None => true,
                },
            }
        }
        Condition::NotBuiltWith(sel, kw, value) => match find(sel) {
            None => true,
            Some(e) => !built_with(ev, e, kw, value),
        },
        Condition::NotRetyped => !crate::retyped::response_retyped(ev, call),
    }
}

/// How many variables and helper functions [`built_with`] follows.
const MAX_BUILT_WITH_DEPTH: usize = 4;

/// Whether `e` is (or names a variable bound once to) a call that passed
/// keyword `kw` with the literal `value`, or a call of a function of this
/// module whose every return is such a call (`def safe_parser(): return
/// XMLParser(resolve_entities=False)`).
fn built_with(ev: &Eval, e: &Expr, kw: &str, value: &str) -> bool {
    built_with_in(ev, e, ev.scope, kw, value, 0)
}

fn built_with_in(ev: &Eval, e: &Expr, scope: ScopeId, kw: &str, value: &str, depth: usize) -> bool {
    if depth > MAX_BUILT_WITH_DEPTH {
        return false;
    }
    let call = match e {
        Expr::Call(c) => c,
        Expr::Name(name) => {
            return ev
                .cx
                .input
                .semantic
                .lookup(name.id.as_str(), scope, name.range.start())
                .is_some_and(|b| match b.kind {
                    BindingKind::Assignment {
                        value: Some(assigned @ Expr::Call(_)),
                    } => built_with_in(ev, assigned, b.scope, kw, value, depth + 1),
                    _ => false,
                });
        }
        _ => return false,
    };
    if let Some(k) = call.arguments.find_keyword(kw) {
        return ev.text(&k.value) == value;
    }
    let helper = ev
        .cx
        .input
        .semantic
        .resolve_qualified_name(&call.func, scope)
        .and_then(|q| ev.cx.fn_by_name.get(&q).copied());
    let Some(g) = helper else { return false };
    let info = &ev.cx.funcs[g as usize];
    let crate::module::functions::Body::Def(def) = info.body else {
        return false;
    };
    let returned = crate::module::returns::returned_values(&def.body);
    !returned.is_empty()
        && returned
            .iter()
            .all(|r| built_with_in(ev, r, info.scope, kw, value, depth + 1))
}

/// How a sink is named in messages.
#[derive(Debug, Clone, Copy)]
pub enum Display<'t> {
    /// The source text of the callee.
    Code(TextRange),
    Text(&'t str),
}

/// Decides a sink: a finding for untrusted data, a summary entry for
/// parameters, a proof when everything is constant or sanitized.
#[allow(clippy::too_many_arguments)]
pub fn judge(
    ev: &mut Eval,
    rule: RuleId,
    values: &[Value],
    range: TextRange,
    display: Display,
    what: Option<&str>,
    guessed: bool,
    call: bool,
) {
    let mut taint = Taint::default();
    for v in values {
        taint.join(&v.all_taint());
    }
    let mut best: Option<Label> = None;
    for label in &taint.labels {
        if label.cleared.contains(rule) {
            continue;
        }
        if let Some(index) = ev.own_param(label) {
            if ev.report {
                ev.effects.summary.add_param_sink(index, rule);
            }
            continue;
        }
        if let Some(name) = ev.cx.origins.call(label.origin) {
            if ev.report {
                ev.effects.result.relevant.push(name);
            }
            continue;
        }
        let Some(source) = ev.cx.origins.source(label.origin) else {
            continue;
        };
        if !source.reaches.contains(rule)
            || (source.trust == Trust::Local && ev.cx.models.remote_only.contains(rule))
        {
            continue;
        }
        let rank = |l: &Label, ev: &Eval| {
            let s = ev.cx.origins.source(l.origin);
            (
                s.is_some_and(|s| s.confidence == Level::High),
                l.flags & flags::GUESSED == 0,
            )
        };
        if best.is_none_or(|b| rank(label, ev) > rank(&b, ev)) {
            best = Some(*label);
        }
    }
    if !ev.report {
        return;
    }
    if call {
        let safe = !values.is_empty() && taint.proven_safe_for(rule);
        ev.effects.result.proofs.push(SinkProof {
            call: range,
            rule: ev.cx.models.rule_name(rule),
            safe,
        });
    }
    if let Some(label) = best {
        report(ev, rule, label, range, display, what, guessed);
    }
}

/// Records a finding.
pub fn report(
    ev: &mut Eval,
    rule: RuleId,
    label: Label,
    range: TextRange,
    display: Display,
    what: Option<&str>,
    guessed: bool,
) {
    let models = ev.cx.models;
    let Some(source) = ev.cx.origins.source(label.origin).cloned() else {
        return;
    };
    let info = &models.rules[rule as usize];
    let what = what.unwrap_or(&info.what);
    let display = match display {
        Display::Code(range) => ev.snippet_at(range),
        Display::Text(text) => text.to_string(),
    };
    let display = display.as_str();
    let cx = &*ev.cx;
    let mut steps = ev
        .cx
        .origins
        .steps(label.trace, |n| crate::eval::word(cx, n));
    steps.push(crate::origin::Step {
        at: StepAt::Here(range),
        note: format!("reaches `{display}`").into(),
    });
    // Rules of data that must not leak name what leaks, not "untrusted".
    let lead = if info.explicit_sources {
        "Data from"
    } else {
        "Untrusted data from"
    };
    let message = format!(
        "{lead} {} (`{}`) reaches `{}` {}: {}",
        source.what, source.expr, display, what, info.harm
    );
    let confidence =
        if source.confidence == Level::High && !guessed && label.flags & flags::GUESSED == 0 {
            Level::High
        } else {
            Level::Medium
        };
    ev.effects.result.findings.push(TaintFinding {
        rule: models.rule_name(rule),
        range,
        statement: ev.stmt,
        message,
        confidence,
        audit_only: source.trust == Trust::Local && info.local_input_by_design,
        steps,
    });
}

/// An assignment into a container (`target` is `container[...]`) or to an
/// attribute (`target` and `container` are `x.attr`) that is a sink.
pub fn check_store<'a>(
    ev: &mut Eval<'_, 'a>,
    st: &mut State,
    target: &'a Expr,
    container: &'a Expr,
    value: &Value,
) {
    let mut names: Vec<String> = ev.qualified(container).into_iter().collect();
    let mut probe = st.clone();
    let container_value = ev.eval_pure(&mut probe, container);
    if let Some(crate::value::Ty::Class(t)) = container_value.ty {
        for &c in ev.cx.type_chain(t).iter() {
            names.push(ev.cx.names.resolve(c).to_string());
        }
    }
    if let Expr::Attribute(a) = container
        && !ev.is_module_ref(&a.value)
    {
        let base = ev.eval_pure(&mut probe, &a.value);
        if let Some(crate::value::Ty::Class(t)) = base.ty {
            for &c in ev.cx.type_chain(t).iter() {
                let class = ev.cx.names.resolve(c);
                if ev.cx.models.knows_class(class) {
                    names.push(crate::intern::dotted(class, a.attr.as_str()));
                }
            }
        }
    }
    let models = ev.cx.models;
    let attribute = matches!(target, Expr::Attribute(_));
    let Some(store) = names
        .iter()
        .filter_map(|n| models.store(n))
        .find(|s| s.attribute == attribute)
    else {
        return;
    };
    let shown = match target {
        Expr::Attribute(_) => ev.snippet(target),
        _ => format!("{}[...]", ev.snippet(container)),
    };
    let with_key;
    let stored: &[Value] = match target {
        Expr::Subscript(s) if store.keys => {
            with_key = [value.clone(), ev.eval_pure(&mut probe, &s.slice)];
            &with_key
        }
        _ => std::slice::from_ref(value),
    };
    judge(
        ev,
        store.rule,
        stored,
        target.range(),
        Display::Text(&shown),
        store.what.as_deref(),
        false,
        false,
    );
}

/// The return value of a framework view that is sent as the response body.
pub fn check_return<'a>(
    ev: &mut Eval<'_, 'a>,
    value: &Value,
    expr: Option<&'a Expr>,
    range: TextRange,
) {
    let Some(entry) = ev.cx.entries[ev.f as usize].as_ref() else {
        return;
    };
    let (html_sink, body_sink) = (entry.return_sink, entry.body_sink);
    // A response object: its body was judged where it was built.
    let is_response = |v: &Value| {
        matches!(v.ty, Some(crate::value::Ty::Class(t))
            if ev.cx.names.resolve(t).contains("Response"))
    };
    if is_response(value) {
        return;
    }
    let name = ev.cx.funcs[ev.f as usize].name;
    let display = format!("return` of view `{name}()");
    let send = |ev: &mut Eval<'_, 'a>, rule: RuleId, body: &Value, what: &str| {
        let body = std::slice::from_ref(body);
        judge(
            ev,
            rule,
            body,
            range,
            Display::Text(&display),
            Some(what),
            false,
            false,
        );
    };
    if let Some(rule) = body_sink {
        // Sent whatever its format: a dict as JSON, a tuple's first item.
        let body = match expr {
            Some(Expr::Tuple(_)) => value.element(&Field::Int(0)),
            _ => value.clone(),
        };
        if is_response(&body) {
            return;
        }
        send(ev, rule, &body, "in the response sent to the client");
    }
    let Some(rule) = html_sink else {
        return;
    };
    let body = match expr {
        // Dicts and lists are sent as JSON.
        Some(Expr::Dict(_) | Expr::List(_) | Expr::DictComp(_) | Expr::ListComp(_)) | None => {
            return;
        }
        Some(Expr::Tuple(t)) => match t.elts.first() {
            Some(Expr::Dict(_) | Expr::List(_)) => return,
            _ => value.element(&Field::Int(0)),
        },
        Some(_) => value.clone(),
    };
    send(ev, rule, &body, "as the body of an HTML response");
}

#[cfg(test)]
mod tests {
    #[test]
    fn shell_code_flags() {
        for flag in ["-c", "-lc", "-ec", "/c", "/C"] {
            assert!(super::is_shell_code_flag(flag), "{flag}");
        }
        for flag in ["-", "c", "-v", "--rc", "-count", "-1c", "/"] {
            assert!(!super::is_shell_code_flag(flag), "{flag}");
        }
    }

    /// The command sinks read the type the models give `sys.executable`:
    /// the two names must stay the same.
    #[test]
    fn the_models_type_the_running_interpreter() {
        let models = crate::model::models();
        for name in ["sys.executable", "sys._base_executable"] {
            assert_eq!(models.ty(name), Some(super::PYTHON_INTERPRETER), "{name}");
        }
    }
}
