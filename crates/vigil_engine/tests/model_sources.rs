//! Every source of the dataflow models that a module exposes (an attribute
//! such as `flask.request.args`, or a function such as `input`), read and
//! passed to `os.system`, is reported: an entry that names nothing the
//! engine can reach would otherwise seed nothing, silently.

use vigil_engine::diagnose_source;
use vigil_taint::models;

/// A module that reads `expr` (with `module` imported) and runs it as a
/// command, both as an attribute and as a call's result.
fn program(module: &str, expr: &str) -> String {
    let import = if module == "builtins" {
        String::new()
    } else {
        format!("import {module}\n")
    };
    format!(
        "import os\n{import}\n\ndef main():\n    data = {expr}\n    os.system(data)\n    os.system({expr}())\n"
    )
}

#[test]
fn every_module_level_source_reaches_a_command() {
    let m = models();
    let command = m.rule_by_name("command-injection").unwrap();
    let mut failures = Vec::new();
    let mut exercised = 0;
    for (name, source) in m.named_sources() {
        let segments: Vec<&str> = name.split('.').collect();
        // Members of types (`django.http.HttpRequest.GET`) are reached
        // through an object; names with patterns are not one name.
        if segments.len() < 2
            || name.contains('*')
            || segments[..segments.len() - 1]
                .iter()
                .any(|s| s.starts_with(char::is_uppercase))
            || !source.reaches.contains(command)
            || source.safe_for.contains(command)
        {
            continue;
        }
        exercised += 1;
        let (module, _) = name.rsplit_once('.').unwrap();
        let expr = name.strip_prefix("builtins.").unwrap_or(name);
        let found = diagnose_source(&program(module, expr), "tool")
            .map(|ds| ds.iter().any(|d| d.rule == "command-injection"))
            .unwrap_or(false);
        if !found {
            failures.push(name.to_string());
        }
    }
    failures.sort();
    eprintln!("{exercised} sources exercised");
    assert!(exercised >= 20, "only {exercised} sources exercised");
    assert!(
        failures.is_empty(),
        "{} of {exercised} sources reach nothing:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
