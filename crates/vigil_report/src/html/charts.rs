//! Inline SVG charts: a donut for shares of a whole and stacked horizontal
//! bars for counts per label. Colours come from CSS classes (`c-*`), labels
//! are escaped text, so nothing from the scan reaches an SVG attribute other
//! than as escaped text.

use super::escape::{shorten, text};
use std::fmt::Write;

/// One part of a donut or of a bar: a count and its CSS colour class.
pub(super) struct Part {
    pub label: String,
    pub value: usize,
    pub class: &'static str,
}

/// One bar: a label (shown whole in its tooltip) and its stacked parts.
pub(super) struct Bar {
    pub label: String,
    pub parts: Vec<Part>,
}

/// A donut of `parts` with `center` written in the hole, and its legend.
pub(super) fn donut(title: &str, parts: &[Part], center: &str) -> String {
    let total: usize = parts.iter().map(|p| p.value).sum();
    let mut svg = format!(
        "<svg class=\"donut\" viewBox=\"0 0 42 42\" role=\"img\" aria-label=\"{}\">\
         <circle class=\"donut-hole\" cx=\"21\" cy=\"21\" r=\"15.915\"/>",
        text(title)
    );
    let mut offset = 0.0_f64;
    for part in parts.iter().filter(|p| p.value > 0) {
        let share = part.value as f64 * 100.0 / total as f64;
        let _ = write!(
            svg,
            "<circle class=\"donut-part {}\" cx=\"21\" cy=\"21\" r=\"15.915\" \
             stroke-dasharray=\"{share:.3} {:.3}\" stroke-dashoffset=\"{:.3}\">\
             <title>{}: {}</title></circle>",
            part.class,
            100.0 - share,
            25.0 - offset,
            text(&part.label),
            part.value
        );
        offset += share;
    }
    let _ = write!(
        svg,
        "<text class=\"donut-total\" x=\"21\" y=\"21\">{}</text></svg>",
        text(center)
    );
    let mut legend = String::from("<ul class=\"legend\">");
    for part in parts {
        let _ = write!(
            legend,
            "<li><span class=\"swatch {}\"></span>{} <b>{}</b></li>",
            part.class,
            text(&part.label),
            part.value
        );
    }
    legend.push_str("</ul>");
    format!("<div class=\"donut-chart\">{svg}{legend}</div>")
}

const ROW: usize = 24;
const LABEL_WIDTH: usize = 230;
const BAR_WIDTH: usize = 260;
/// Longest path label, in characters (cut from the left).
const PATH_LABEL: usize = 34;
/// Longest other label (a CWE's name is far shorter).
const NAME_LABEL: usize = 120;
/// Width of a label character, generously (12px text).
const CHAR_WIDTH: usize = 7;

/// Horizontal stacked bars, longest first as given. `keep_end`: the labels
/// are paths, shortened from the left (their tooltip has them whole);
/// other labels (CWE names, categories) are shown whole, the label column
/// as wide as the longest.
pub(super) fn bars(title: &str, rows: &[Bar], keep_end: bool) -> String {
    if rows.is_empty() {
        return "<p class=\"empty\">Nothing to show.</p>".to_string();
    }
    let max = rows
        .iter()
        .map(|r| r.parts.iter().map(|p| p.value).sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let label = |row: &Bar| {
        if keep_end {
            shorten(&row.label, PATH_LABEL, true)
        } else {
            shorten(&row.label, NAME_LABEL, false)
        }
    };
    let label_width = rows
        .iter()
        .map(|r| label(r).chars().count() * CHAR_WIDTH + 12)
        .max()
        .unwrap_or(0)
        .max(LABEL_WIDTH);
    let height = rows.len() * ROW + 4;
    let width = label_width + BAR_WIDTH + 40;
    let mut svg = format!(
        "<svg class=\"bars\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        text(title)
    );
    for (i, row) in rows.iter().enumerate() {
        let y = i * ROW + 2;
        let total: usize = row.parts.iter().map(|p| p.value).sum();
        let _ = write!(
            svg,
            "<g><title>{}: {total}</title><text class=\"bar-label\" x=\"{}\" y=\"{}\">{}</text>",
            text(&row.label),
            label_width - 6,
            y + 16,
            text(&label(row))
        );
        let mut x = label_width as f64;
        for part in row.parts.iter().filter(|p| p.value > 0) {
            let w = part.value as f64 * BAR_WIDTH as f64 / max as f64;
            let _ = write!(
                svg,
                "<rect class=\"{}\" x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" rx=\"2\"/>",
                part.class,
                y + 2,
                ROW - 6
            );
            x += w;
        }
        let _ = write!(
            svg,
            "<text class=\"bar-value\" x=\"{:.1}\" y=\"{}\">{total}</text></g>",
            x + 5.0,
            y + 16
        );
    }
    svg.push_str("</svg>");
    svg
}
