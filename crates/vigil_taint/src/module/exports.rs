//! Turning module-local facts (interned names, origin ids, ranges) into
//! plain data for other modules, and back.

use super::ModuleCx;
use super::functions::{Body, MethodKind};
use crate::eval::Eval;
use crate::origin::{Note, Origin, OriginKey, SourceOrigin, StepAt, TraceId};
use crate::project::{ExportedLabel, ExportedSummary, ModuleExports, ParamSig, PlacedStep};
use crate::value::{Label, Taint, Ty};
use vigil_python::ast::StmtClassDef;

/// A label as plain data: its source and its steps, placed in files.
pub fn export_label(ev: &Eval, label: &Label) -> ExportedLabel {
    export_label_cx(ev.cx, label)
}

pub fn export_label_cx(cx: &ModuleCx, label: &Label) -> ExportedLabel {
    let source = cx.origins.source(label.origin);
    let steps = cx
        .origins
        .steps(label.trace, |n| crate::eval::word(cx, n))
        .into_iter()
        .map(|step| match step.at {
            StepAt::Here(range) => {
                let at = cx.input.index.location(range.start());
                PlacedStep {
                    path: cx.input.path.to_string(),
                    line: at.line,
                    column: at.column,
                    note: step.note.to_string(),
                }
            }
            StepAt::There { path, line, column } => PlacedStep {
                path: path.to_string(),
                line,
                column,
                note: step.note.to_string(),
            },
        })
        .collect();
    match source {
        Some(s) => ExportedLabel {
            what: s.what.to_string(),
            expr: s.expr.to_string(),
            trust: s.trust,
            confidence: s.confidence,
            structured: s.structured,
            reaches: s.reaches,
            cleared: label.cleared,
            flags: label.flags,
            steps,
        },
        None => ExportedLabel {
            what: String::new(),
            expr: String::new(),
            trust: crate::model::spec::Trust::Local,
            confidence: crate::model::spec::Level::Medium,
            structured: false,
            reaches: crate::kinds::KindSet::EMPTY,
            cleared: label.cleared,
            flags: label.flags,
            steps,
        },
    }
}

/// Labels described by another module, as labels of this analysis.
pub fn import_labels(ev: &mut Eval, labels: &[ExportedLabel]) -> Taint {
    import_labels_cx(ev.cx, labels)
}

pub fn import_labels_cx(cx: &mut ModuleCx, labels: &[ExportedLabel]) -> Taint {
    let mut taint = Taint::default();
    for exported in labels {
        let key = OriginKey::Imported(exported.key().into());
        let origin = cx.origins.intern(key, |origins| {
            let first = match exported.steps.first() {
                Some(step) => origins.extend(
                    TraceId::NONE,
                    StepAt::There {
                        path: step.path.clone().into(),
                        line: step.line,
                        column: step.column,
                    },
                    Note::Text(step.note.clone().into()),
                ),
                None => TraceId::NONE,
            };
            Origin::Source(SourceOrigin {
                what: exported.what.clone().into(),
                expr: exported.expr.clone().into(),
                trust: exported.trust,
                confidence: exported.confidence,
                structured: exported.structured,
                reaches: exported.reaches,
                propagates: true,
                first,
            })
        });
        // The full trace of this label (the origin keeps where it started).
        let mut trace = TraceId::NONE;
        for step in &exported.steps {
            trace = cx.origins.extend(
                trace,
                StepAt::There {
                    path: step.path.clone().into(),
                    line: step.line,
                    column: step.column,
                },
                Note::Text(step.note.clone().into()),
            );
        }
        taint.add(Label {
            origin,
            cleared: exported.cleared,
            flags: exported.flags,
            trace,
        });
    }
    taint
}

/// The classes of this module with their bases.
pub fn export_classes(
    cx: &ModuleCx,
    classes: &[(crate::intern::Sym, &StmtClassDef)],
    out: &mut ModuleExports,
) {
    for (sym, _) in classes {
        let Some(info) = cx.classes.get(sym) else {
            continue;
        };
        let bases: Vec<String> = info
            .bases
            .iter()
            .map(|b| cx.names.resolve(*b).to_string())
            .collect();
        if !bases.is_empty() {
            out.classes
                .push((cx.names.resolve(*sym).to_string(), bases));
        }
    }
}

/// Summaries of the functions other modules can call.
pub fn export_summaries(cx: &ModuleCx, out: &mut ModuleExports) {
    for (f, info) in cx.funcs.iter().enumerate().skip(1) {
        if info.parent.is_some() || !matches!(info.body, Body::Def(_)) {
            continue;
        }
        let Some(summary) = &cx.summaries[f] else {
            continue;
        };
        let exported = ExportedSummary {
            params: info
                .params
                .iter()
                .map(|p| ParamSig {
                    name: p.name.to_string(),
                    kind: p.kind,
                })
                .collect(),
            method: info.method == MethodKind::Instance,
            params_to_return: summary.params_to_return.clone(),
            returns_unknown: summary.returns_unknown,
            returns_sources: summary
                .returns_sources
                .labels
                .iter()
                .map(|l| export_label_cx(cx, l))
                .collect(),
            return_type: match summary.return_type {
                Some(Ty::Class(t)) => Some(cx.names.resolve(t).to_string()),
                _ => None,
            },
            param_sinks: summary.param_sinks.clone(),
            param_fields: summary
                .param_fields
                .iter()
                .map(|(i, a)| (*i, cx.names.resolve(*a).to_string()))
                .collect(),
        };
        if exported.is_informative() {
            out.summaries.push((info.qualified.clone(), exported));
        }
    }
}
