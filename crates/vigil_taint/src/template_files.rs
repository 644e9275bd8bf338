//! Template files of the project (Jinja2, Django): which variables they
//! write without escaping, so that a view handing untrusted data to one of
//! them (`render_template("profile.html", bio=request.form["bio"])`) is
//! reported at the call.
//!
//! The scan is a single pass over the text: `{{ ... }}` expressions, the
//! `{% autoescape %}` blocks around them, `{% for x in y %}` loops (an
//! element of `y` is `y`'s data), and the `{# ... #}`, `{% raw %}` and
//! `{% verbatim %}` parts that hold no code. It reads no more than a
//! template engine would, and never runs anything.

use memchr::memmem;
use rustc_hash::FxHashMap;

/// At most this many variable uses are kept per template.
const MAX_USES: usize = 10_000;
/// Loop variables resolved through at most this many other loops.
const MAX_ALIAS_DEPTH: usize = 8;

/// A variable a template writes into its output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableUse {
    /// The context variable written (`user` for `{{ user.bio|safe }}`).
    pub name: String,
    /// 1-based line and column of the expression.
    pub line: u32,
    pub column: u32,
    /// Why it is not escaped (`|safe`), empty when escaping applies.
    pub unescaped_by: &'static str,
}

/// What a template file writes, as far as escaping goes.
#[derive(Debug, Clone, Default)]
pub struct TemplateFacts {
    /// Every variable written, escaped or not.
    pub uses: Vec<VariableUse>,
    /// The template writes markup (`<tag`): with autoescaping off for its
    /// extension, every variable it writes lands in HTML unescaped.
    pub writes_markup: bool,
    /// By variable name: its first use, and its first unescaped use
    /// (indexes into `uses`), so that a render call passing many values
    /// looks each up once.
    first: FxHashMap<String, (usize, Option<usize>)>,
}

impl TemplateFacts {
    /// The uses that no escaping covers.
    pub fn unescaped(&self) -> impl Iterator<Item = &VariableUse> {
        self.uses.iter().filter(|u| !u.unescaped_by.is_empty())
    }

    /// The first use of variable `name`.
    pub fn first_use(&self, name: &str) -> Option<&VariableUse> {
        self.first.get(name).map(|(at, _)| &self.uses[*at])
    }

    /// The first use of variable `name` that no escaping covers.
    pub fn first_unescaped(&self, name: &str) -> Option<&VariableUse> {
        self.first.get(name)?.1.map(|at| &self.uses[at])
    }

    fn index(&mut self) {
        for (at, used) in self.uses.iter().enumerate() {
            let entry = self.first.entry(used.name.clone()).or_insert((at, None));
            if entry.1.is_none() && !used.unescaped_by.is_empty() {
                entry.1 = Some(at);
            }
        }
    }
}

/// A template file found for a render call.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// The file as shown to users.
    pub path: String,
    /// Its extension, lower-cased (`html`, `j2`).
    pub extension: String,
    pub facts: TemplateFacts,
}

/// Where the analysis of a module finds the templates its render calls
/// name (the scan reads them from disk, within bounds).
pub trait TemplateFiles {
    /// The template `name` as the module's renderer would load it.
    fn find(&self, name: &str) -> Option<std::sync::Arc<TemplateFile>>;
}

/// Reads the variables of a template's text.
pub fn scan_template(text: &str) -> TemplateFacts {
    let mut scan = Scan {
        text,
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
        line_start: 0,
        autoescape: Vec::new(),
        aliases: FxHashMap::default(),
        facts: TemplateFacts::default(),
    };
    scan.run();
    scan.facts.writes_markup = writes_markup(text.as_bytes());
    scan.facts.index();
    scan.facts
}

struct Scan<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    line: u32,
    line_start: usize,
    /// `{% autoescape %}` blocks open: whether each escapes.
    autoescape: Vec<bool>,
    /// Loop variables and the variable they iterate.
    aliases: FxHashMap<&'a str, &'a str>,
    facts: TemplateFacts,
}

impl<'a> Scan<'a> {
    fn run(&mut self) {
        while let Some(offset) = memchr::memchr(b'{', &self.bytes[self.at..]) {
            let open = self.at + offset;
            self.advance_to(open);
            let Some(&kind) = self.bytes.get(open + 1) else {
                return;
            };
            let close: &[u8] = match kind {
                b'{' => b"}}",
                b'%' => b"%}",
                b'#' => b"#}",
                _ => {
                    self.at = open + 1;
                    continue;
                }
            };
            let inner_start = open + 2;
            let Some(length) = memmem::find(&self.bytes[inner_start..], close) else {
                return;
            };
            let inner = self.text[inner_start..inner_start + length].trim_matches('-');
            let (line, column) = (self.line, (open - self.line_start) as u32 + 1);
            // Lines inside a tag or comment count too (a `{# ... #}` over
            // several lines).
            self.advance_to(inner_start + length + 2);
            match kind {
                b'{' => self.expression(inner.trim(), line, column),
                b'%' => self.tag(inner.trim()),
                _ => {}
            }
        }
    }

    /// Counts the lines up to `to` (never backwards).
    fn advance_to(&mut self, to: usize) {
        for newline in memchr::memchr_iter(b'\n', &self.bytes[self.at..to]) {
            self.line += 1;
            self.line_start = self.at + newline + 1;
        }
        self.at = to;
    }

    fn tag(&mut self, tag: &'a str) {
        let mut words = tag.split_whitespace();
        match words.next() {
            Some("autoescape") => {
                let on = !matches!(words.next(), Some("false" | "off" | "False"));
                self.autoescape.push(on);
            }
            Some("endautoescape") => {
                self.autoescape.pop();
            }
            Some("for") => {
                let Some((targets, iterated)) = tag["for".len()..].split_once(" in ") else {
                    return;
                };
                if let Some(source) = root_name(iterated.trim()) {
                    for target in targets.split(',') {
                        if let Some(target) = root_name(target.trim()) {
                            self.aliases.insert(target, source);
                        }
                    }
                }
            }
            Some(block @ ("raw" | "verbatim")) => self.skip_block(block),
            _ => {}
        }
    }

    /// Skips to the end of a `{% raw %}` or `{% verbatim %}` block.
    fn skip_block(&mut self, block: &str) {
        let end = if block == "raw" {
            "endraw"
        } else {
            "endverbatim"
        };
        let mut from = self.at;
        while let Some(offset) = memmem::find(&self.bytes[from..], b"{%") {
            let open = from + offset;
            let Some(length) = memmem::find(&self.bytes[open + 2..], b"%}") else {
                break;
            };
            let inner = self.text[open + 2..open + 2 + length]
                .trim_matches('-')
                .trim();
            from = open + 2 + length + 2;
            if inner == end {
                self.advance_to(from);
                return;
            }
        }
        self.advance_to(self.bytes.len());
    }

    fn expression(&mut self, expr: &'a str, line: u32, column: u32) {
        if self.facts.uses.len() >= MAX_USES {
            return;
        }
        let Some(root) = root_name(expr) else { return };
        let name = self.resolve(root);
        let filters: Vec<&str> = expr
            .split('|')
            .skip(1)
            .filter_map(|f| root_name(f.trim()))
            .collect();
        let escaped_first = |end: usize| {
            filters[..end]
                .iter()
                .any(|f| matches!(*f, "e" | "escape" | "forceescape" | "urlencode" | "tojson"))
        };
        let unescaped_by = match filters.iter().position(|f| *f == "safe") {
            Some(at) if !escaped_first(at) => "`|safe`",
            _ if self.autoescape.last() == Some(&false) && !escaped_first(filters.len()) => {
                "`{% autoescape off %}`"
            }
            _ => "",
        };
        self.facts.uses.push(VariableUse {
            name: name.to_string(),
            line,
            column,
            unescaped_by,
        });
    }

    /// The context variable a loop variable stands for.
    fn resolve(&self, mut name: &'a str) -> &'a str {
        for _ in 0..MAX_ALIAS_DEPTH {
            match self.aliases.get(name) {
                Some(source) if *source != name => name = source,
                _ => break,
            }
        }
        name
    }
}

/// The identifier an expression starts with (`user` in `user.bio|safe`).
fn root_name(expr: &str) -> Option<&str> {
    let end = expr
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(expr.len());
    let name = &expr[..end];
    let first = name.chars().next()?;
    (first.is_ascii_alphabetic() || first == '_').then_some(name)
}

/// Whether the text holds a markup tag (`<p`, `</div`, `<!DOCTYPE`).
fn writes_markup(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'<', bytes).any(|at| {
        bytes
            .get(at + 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unescaped(text: &str) -> Vec<(String, u32, u32)> {
        scan_template(text)
            .unescaped()
            .map(|u| (u.name.clone(), u.line, u.column))
            .collect()
    }

    #[test]
    fn safe_filters_and_autoescape_blocks_are_unescaped() {
        let text = "<p>{{ name }}</p>\n<div>{{ bio|safe }}</div>\n\
                    {% autoescape false %}\n  {{ note }} {{ note|e }}\n{% endautoescape %}\n\
                    {{ later }} {{ user.about | safe }} {{ x|e|safe }}";
        assert_eq!(
            unescaped(text),
            vec![
                ("bio".to_string(), 2, 6),
                ("note".to_string(), 4, 3),
                ("user".to_string(), 6, 13),
            ]
        );
        let facts = scan_template(text);
        assert!(facts.writes_markup);
        assert_eq!(facts.uses.len(), 7);
    }

    #[test]
    fn lines_inside_tags_and_comments_are_counted() {
        let text = "{#\n  a comment\n#}\n{% if x\n %}{{ y|safe }}{% endif %}";
        assert_eq!(unescaped(text), vec![("y".to_string(), 5, 4)]);
        let facts = scan_template(text);
        assert_eq!(facts.first_unescaped("y").map(|u| u.line), Some(5));
        assert!(facts.first_use("x").is_none());
    }

    #[test]
    fn loop_variables_stand_for_what_they_iterate() {
        let text = "{% for c in comments %}<li>{{ c.body|safe }}</li>{% endfor %}\n\
                    {% for k, v in settings.items() %}{{ v|safe }}{% endfor %}";
        let names: Vec<String> = unescaped(text).into_iter().map(|u| u.0).collect();
        assert_eq!(names, vec!["comments", "settings"]);
    }

    #[test]
    fn raw_blocks_comments_and_django_syntax() {
        let text = "{# {{ hidden|safe }} #}{% raw %}{{ not_code|safe }}{% endraw %}\n\
                    {% autoescape off %}{{ django_var }}{% endautoescape %}\
                    {% verbatim %}{{ x|safe }}{% endverbatim %}{{ tail|safe }}";
        assert_eq!(
            unescaped(text),
            vec![
                ("django_var".to_string(), 2, 21),
                ("tail".to_string(), 2, 99)
            ]
        );
    }

    #[test]
    fn unterminated_and_hostile_text_is_read_to_the_end() {
        assert!(unescaped("{{ a|safe").is_empty());
        assert!(unescaped("{% raw %}{{ a|safe }}").is_empty());
        let many = "{{ x|safe }}".repeat(20_000);
        assert_eq!(scan_template(&many).uses.len(), MAX_USES);
        assert!(!scan_template("plain text, no tags: 3 < 4").writes_markup);
    }
}
