//! The findings list: filter and sort controls, then one card per finding
//! with its code in context (the span marked), the taint path, the fix and
//! a link to the rule's explanation; and the rules section with each rule's
//! full doc, once per rule.

use super::escape::{code, inline, text};
use super::markdown;
use super::overview::{WORST_FIRST, severity_class};
use super::stats;
use crate::finding::{Finding, Severity, Snippet};
use crate::report::ScanReport;
use crate::span::Span;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Anchor ids of the rules, by name (`rule-0`, `rule-1`, ...), so that no
/// rule name ever has to be a valid id or URL fragment.
pub(super) struct RuleAnchors(BTreeMap<String, String>);

impl RuleAnchors {
    pub fn new(report: &ScanReport) -> Self {
        let mut names: Vec<&str> = report.rules.iter().map(|r| r.name.as_str()).collect();
        names.extend(report.findings.iter().map(|f| f.rule.as_str()));
        names.sort_unstable();
        names.dedup();
        let map = names
            .into_iter()
            .enumerate()
            .map(|(i, n)| (n.to_string(), format!("rule-{i}")));
        RuleAnchors(map.collect())
    }

    fn get(&self, rule: &str) -> &str {
        self.0.get(rule).map(String::as_str).unwrap_or("rules")
    }
}

/// Filter and sort controls, hidden until the script shows them.
fn controls(report: &ScanReport) -> String {
    let counts = stats::by_severity(&report.findings);
    let mut out = String::from(
        "<div class=\"controls\" id=\"controls\" hidden><div class=\"sev-filter\" role=\"group\" aria-label=\"Severity\">",
    );
    for severity in WORST_FIRST {
        if severity == Severity::Unknown && counts[stats::index(severity)] == 0 {
            continue;
        }
        let _ = write!(
            out,
            "<label class=\"chip {}\"><input type=\"checkbox\" class=\"f-sev\" value=\"{}\" checked> {} <b>{}</b></label>",
            severity_class(severity),
            severity.as_str(),
            severity.as_str(),
            counts[stats::index(severity)]
        );
    }
    out.push_str("</div>");
    let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
    let mut files: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &report.findings {
        *rules.entry(&f.rule).or_default() += 1;
        *files.entry(&f.path).or_default() += 1;
    }
    select(&mut out, "f-rule", "Rule", "all rules", &rules);
    select(&mut out, "f-file", "File", "all files", &files);
    out.push_str(
        "<label>Sort <select id=\"f-sort\"><option value=\"severity\">by severity</option>\
         <option value=\"file\">by file</option><option value=\"rule\">by rule</option></select></label>\
         <span id=\"f-count\" aria-live=\"polite\"></span></div>",
    );
    out
}

fn select(out: &mut String, id: &str, label: &str, all: &str, values: &BTreeMap<&str, usize>) {
    let _ = write!(
        out,
        "<label>{label} <select id=\"{id}\"><option value=\"\">{all}</option>"
    );
    for (value, count) in values {
        let value = text(value);
        let _ = write!(out, "<option value=\"{value}\">{value} ({count})</option>");
    }
    out.push_str("</select></label>");
}

/// The findings section.
pub(super) fn section(report: &ScanReport, anchors: &RuleAnchors) -> String {
    let mut out = String::from("<section id=\"findings\"><h2>Findings</h2>");
    if report.findings.is_empty() {
        out.push_str("<p class=\"empty\">No findings.</p></section>");
        return out;
    }
    out.push_str(&controls(report));
    out.push_str("<div id=\"findings-list\">");
    for (order, finding) in report.findings.iter().enumerate() {
        card(&mut out, report, finding, order, anchors);
    }
    out.push_str("</div></section>");
    out
}

fn location(finding: &Finding) -> String {
    let mut loc = text(&finding.path);
    if let Some(cell) = finding.cell {
        let _ = write!(loc, " <span class=\"cell\">cell {}</span>", cell.number);
    }
    let _ = write!(
        loc,
        " <span class=\"pos\">line {}, column {}</span>",
        finding.line, finding.column
    );
    loc
}

fn card(
    out: &mut String,
    report: &ScanReport,
    finding: &Finding,
    order: usize,
    anchors: &RuleAnchors,
) {
    let severity = finding.severity;
    let cwe_links: Vec<String> = finding
        .cwe
        .iter()
        .map(|c| format!("<a href=\"https://cwe.mitre.org/data/definitions/{c}.html\" rel=\"noreferrer\">CWE-{c}</a>"))
        .collect();
    let _ = write!(
        out,
        "<article class=\"finding\" id=\"finding-{order}\" data-severity=\"{}\" data-rank=\"{}\" data-rule=\"{}\" data-file=\"{}\" data-line=\"{}\" data-order=\"{order}\">\
         <header><span class=\"badge {}\">{}</span> <a class=\"rule\" href=\"#{}\">{}</a> \
         <span class=\"loc\">{}</span><span class=\"meta\">confidence {}{}{}</span></header>\
         <p class=\"message\">{}</p>",
        severity.as_str(),
        stats::index(severity),
        text(&finding.rule),
        text(&finding.path),
        finding.line,
        severity_class(severity),
        severity.as_str(),
        anchors.get(&finding.rule),
        text(&finding.rule),
        location(finding),
        finding.confidence,
        if cwe_links.is_empty() { "" } else { " · " },
        cwe_links.join(" "),
        inline(&finding.message),
    );
    if let Some(snippet) = &finding.snippet {
        out.push_str(&frame(finding, snippet));
    }
    if !finding.flow.is_empty() {
        flow(out, finding);
    }
    if !finding.help.is_empty() {
        let _ = write!(
            out,
            "<p class=\"help\"><b>Fix:</b> {}</p>",
            inline(&finding.help)
        );
    }
    // The rule's explanation is written once, in the rules section.
    if report.rule_info(&finding.rule).is_some() {
        let _ = write!(
            out,
            "<p class=\"why\"><a href=\"#{}\">Why this matters and how to fix it</a></p>",
            anchors.get(&finding.rule)
        );
    }
    out.push_str("</article>");
}

/// The snippet with line numbers, the flagged span in `<mark>`.
fn frame(finding: &Finding, snippet: &Snippet) -> String {
    let span = Span::of(finding);
    let mut out = String::from("<pre class=\"code\"><code>");
    for (i, line) in snippet.lines.iter().enumerate() {
        let number = snippet.start_line + i as u32;
        let flagged = span.filter(|s| s.covers(number));
        let _ = write!(
            out,
            "<span class=\"line{}\"><span class=\"ln\">{number}</span>",
            if flagged.is_some() { " hl" } else { "" }
        );
        match flagged {
            Some(span) => {
                let chars: Vec<char> = line.chars().collect();
                let (start, end) = span.columns_on(number, chars.len());
                let part = |a: usize, b: usize| code(&chars[a..b].iter().collect::<String>());
                let _ = write!(
                    out,
                    "{}<mark>{}</mark>{}",
                    part(0, start),
                    part(start, end),
                    part(end, chars.len())
                );
            }
            None => out.push_str(&code(line)),
        }
        out.push_str("</span>");
    }
    out.push_str("</code></pre>");
    out
}

fn flow(out: &mut String, finding: &Finding) {
    out.push_str("<div class=\"flow\"><h4>Taint path</h4><ol>");
    let last = finding.flow.len() - 1;
    for (i, step) in finding.flow.iter().enumerate() {
        let kind = match i {
            0 => "<span class=\"step source\">source</span> ",
            i if i == last => "<span class=\"step sink\">sink</span> ",
            _ => "",
        };
        let _ = write!(
            out,
            "<li>{kind}<code>{}</code> {}</li>",
            text(&step.location()),
            inline(&step.note)
        );
    }
    out.push_str("</ol></div>");
}

/// Every rule of the report with its full documentation.
pub(super) fn rules(report: &ScanReport, anchors: &RuleAnchors) -> String {
    if anchors.0.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section id=\"rules\"><h2>Rules</h2>");
    for (name, anchor) in &anchors.0 {
        let count = report.findings.iter().filter(|f| &f.rule == name).count();
        let _ = write!(
            out,
            "<article class=\"rule-doc\" id=\"{anchor}\"><h3>{}",
            text(name)
        );
        match report.rule_info(name) {
            Some(info) => {
                let cwes: Vec<String> = info.cwe.iter().map(|c| format!("CWE-{c}")).collect();
                let _ = write!(
                    out,
                    " <span class=\"badge {}\">{}</span></h3><p class=\"meta\">{} · {} finding(s){}{}</p><p class=\"summary\">{}</p>{}",
                    severity_class(info.severity),
                    info.severity.as_str(),
                    text(&info.category),
                    count,
                    if cwes.is_empty() { "" } else { " · " },
                    cwes.join(", "),
                    inline(&info.summary),
                    markdown::render(&info.doc)
                );
            }
            None => {
                let _ = write!(
                    out,
                    "</h3><p class=\"meta\">{count} finding(s)</p>{}",
                    markdown::missing(name)
                );
            }
        }
        out.push_str("</article>");
    }
    out.push_str("</section>");
    out
}
