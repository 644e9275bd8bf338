//! Every sink of the dataflow models that is a function or a class of a
//! module, called with request data at its dangerous argument, is reported
//! by its rule: an entry with a typo in its name or its argument would
//! otherwise sink nothing, silently.

use vigil_engine::diagnose_source;
use vigil_taint::model::{ArgSel, SinkMode};
use vigil_taint::models;

/// A call of a module-level function the models name as a source that
/// reaches `rule`, with the import it needs: request data for most rules,
/// the rule's own sources for those that take explicit sources only.
fn source_for(rule: &str) -> (String, String) {
    let m = models();
    let id = m.rules.iter().position(|r| r.name == rule);
    let explicit = id.is_some_and(|i| m.rules[i].explicit_sources);
    if !explicit {
        return (String::new(), "request.args[\"q\"]".to_string());
    }
    let mut names: Vec<&str> = m
        .named_sources()
        .filter(|(_, s)| id.is_some_and(|i| s.reaches.contains(i as u8)))
        .map(|(name, _)| name)
        .filter(|name| name.matches('.').count() == 1)
        .collect();
    names.sort_unstable();
    let name = names.first().copied().unwrap_or("missing.source");
    let module = name.split('.').next().unwrap_or(name);
    (format!("import {module}\n"), format!("{name}()"))
}

/// The call of `name` with the request's data at `sel`, or `None` when
/// the sink is not a module-level callable or has no position to fill.
fn call_text(name: &str, sel: &ArgSel, rule: &str) -> Option<String> {
    // `engines.*.from_string`: a pattern of names, not one callable.
    if name.contains('*') {
        return None;
    }
    let segments: Vec<&str> = name.split('.').collect();
    let (module, _) = name.rsplit_once('.')?;
    // `pkg.Class.method`: a method of a type, reached through an instance.
    if segments[..segments.len() - 1]
        .iter()
        .any(|s| s.starts_with(char::is_uppercase))
    {
        return None;
    }
    let args = match sel {
        ArgSel::Pos(i) | ArgSel::PosOrKw(i, _) | ArgSel::From(i) => {
            let mut args: Vec<String> = (0..*i).map(|_| "'fixed'".to_string()).collect();
            args.push("data".to_string());
            args.join(", ")
        }
        ArgSel::Kw(keyword) => format!("{keyword}=data"),
        ArgSel::All => "data".to_string(),
        ArgSel::Unpacked => "**data".to_string(),
        ArgSel::Receiver => return None,
    };
    let callee = name.strip_prefix("builtins.").unwrap_or(name);
    let import = if module == "builtins" {
        String::new()
    } else {
        format!("import {module}\n")
    };
    let (source_import, source) = source_for(rule);
    Some(format!(
        "{import}{source_import}from flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.route(\"/t\")\ndef view():\n    data = {source}\n    {callee}({args})\n    return \"ok\"\n"
    ))
}

#[test]
fn every_unconditional_module_level_sink_reports_its_rule() {
    let m = models();
    let mut failures = Vec::new();
    let mut exercised = 0;
    for (name, sink) in m.named_sinks() {
        // Modes that judge a shape of data (operator objects, patterns,
        // the headers of a response tuple), not plain request text.
        if !sink.when.is_empty()
            || matches!(
                sink.mode,
                SinkMode::Nosql | SinkMode::Redos | SinkMode::ResponseHeaders
            )
        {
            continue;
        }
        let Some(sel) = sink.args.first() else {
            continue;
        };
        let rule = m.rules[sink.rule as usize].name.as_str();
        let Some(source) = call_text(name, sel, rule) else {
            continue;
        };
        exercised += 1;
        // A rule refining another one (`partial-ssrf`) yields to it where
        // that one reports, as it does for a whole request value.
        let refined = m.refined_rule(rule);
        let found = diagnose_source(&source, "app")
            .map(|ds| {
                ds.iter()
                    .any(|d| (d.rule == rule || Some(d.rule) == refined) && d.line >= 9)
            })
            .unwrap_or(false);
        if !found {
            failures.push(format!("{name} ({rule})"));
        }
    }
    failures.sort();
    assert!(exercised >= 150, "only {exercised} sinks exercised");
    assert!(
        failures.is_empty(),
        "{} of {exercised} sinks report nothing:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
