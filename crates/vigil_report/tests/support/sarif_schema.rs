//! Validation against the OASIS SARIF 2.1.0 schema, shared by the SARIF
//! tests of `vigil_report` and of the `vigil` binary (`check` and `deps`):
//! include it with `#[path = ".../support/sarif_schema.rs"] mod ...;`.

#![allow(dead_code)]

use serde_json::Value;

/// The language-tag pattern as published: its stray `]` is rejected by the
/// validator's strict ECMA-262 check of the schema itself.
const BROKEN_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
const REPAIRED_PATTERN: &str = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$";

/// Replaces every [`BROKEN_PATTERN`] in `value`, returning how many.
fn repair(value: &mut Value) -> usize {
    match value {
        Value::Object(map) => map
            .iter_mut()
            .map(|(key, v)| {
                if key == "pattern" && v == BROKEN_PATTERN {
                    *v = REPAIRED_PATTERN.into();
                    1
                } else {
                    repair(v)
                }
            })
            .sum(),
        Value::Array(items) => items.iter_mut().map(repair).sum(),
        _ => 0,
    }
}

/// The OASIS schema, as published (the file is an exact copy), with the
/// `language` patterns (of `run` and `toolComponent`) repaired in memory.
/// vigil never writes a `language`, so the repair cannot hide an error of
/// ours.
pub fn schema() -> Value {
    let text = include_str!("../data/sarif-schema-2.1.0.json");
    let mut schema: Value = serde_json::from_str(text).unwrap();
    assert_eq!(repair(&mut schema), 2, "the published schema changed");
    schema
}

/// A validator of the schema that checks formats too.
pub fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema())
        .expect("the schema compiles")
}

/// Panics with every schema violation of `log`.
pub fn assert_valid(log: &Value) {
    let errors: Vec<String> = validator()
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}
