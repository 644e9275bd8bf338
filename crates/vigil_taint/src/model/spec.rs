//! The shape of a model file (`models/*.toml`), as written by hand.
//!
//! Every list is optional, so a file holds only what its library needs.
//! Names are qualified names as the semantic model resolves them
//! (`flask.request.args`, `subprocess.run`); a name `T.m` where `T` is a
//! type (`sqlite3.Cursor.execute`) matches method `m` called or read on a
//! value the engine knows to be of type `T` (or of a subclass).

use serde::Deserialize;
use std::collections::BTreeMap;

/// One model file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    /// Substrings of which at least one must occur in a file for this
    /// model's sources and entry points to apply there (a cheap pre-filter).
    #[serde(default)]
    pub triggers: Vec<String>,
    #[serde(default)]
    pub source: Vec<SourceSpec>,
    #[serde(default)]
    pub entry: Vec<EntrySpec>,
    #[serde(default)]
    pub sink: Vec<SinkSpec>,
    #[serde(default)]
    pub store: Vec<StoreSpec>,
    #[serde(default)]
    pub sanitizer: Vec<SanitizerSpec>,
    #[serde(default)]
    pub propagator: Vec<PropagatorSpec>,
    #[serde(default)]
    pub guard: Vec<GuardSpec>,
    #[serde(default, rename = "type")]
    pub types: Vec<TypeSpec>,
    #[serde(default)]
    pub class: Vec<ClassSpec>,
    #[serde(default)]
    pub urlconf: Vec<UrlconfSpec>,
    /// Calls that never return (`sys.exit`, `flask.abort`).
    #[serde(default)]
    pub noreturn: Vec<String>,
    /// Calls whose result carries no data of their arguments (`len`, `bool`).
    #[serde(default)]
    pub clean: Vec<String>,
    /// Method names whose result carries no data of the receiver, whatever
    /// the receiver (`startswith`, `isdigit`, `count`).
    #[serde(default)]
    pub clean_methods: Vec<String>,
    /// Dataflow rules declared by a model file (tests); the catalog's
    /// rules come from `vigil_rules`.
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

/// How far the origin of a source is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trust {
    /// Sent by whoever talks to the program over the network.
    Remote,
    /// Typed or configured by the local user (command line, environment).
    Local,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Medium,
    High,
}

/// Values that are untrusted input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSpec {
    /// Attribute reads or calls whose value is untrusted.
    pub names: Vec<String>,
    /// What the value is, for messages: "the request's query string".
    pub what: String,
    pub trust: Trust,
    pub confidence: Level,
    /// The value can be a nested object (parsed JSON), not only strings.
    #[serde(default)]
    pub structured: bool,
    /// Rules this source is reported for (default: every dataflow rule).
    #[serde(default)]
    pub reaches: Option<Vec<String>>,
    /// Rules this data is safe for from the start (an HTTP request line
    /// cannot hold line breaks: safe for headers and logs).
    #[serde(default)]
    pub safe_for: Vec<String>,
    /// Whether this data is followed beyond the module that reads it:
    /// through return values to callers, and into other modules (default
    /// true; false for configuration such as the environment, which
    /// libraries read and pass around everywhere).
    #[serde(default = "yes")]
    pub propagates: bool,
    /// The value is the path the request was routed by (`request.path`):
    /// in a view whose route pattern has no variables it is that pattern,
    /// a constant.
    #[serde(default)]
    pub route_path: bool,
}

fn yes() -> bool {
    true
}

/// Which parameters of an entry point are untrusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryParams {
    /// None (the entry only types its parameters or sinks its return value).
    #[default]
    None,
    /// Every parameter but `self`/`cls` and those typed by `param_types`.
    All,
    /// Parameters named in the route pattern (`/<name>`, `/<int:id>`) of the
    /// decorator's first argument; `int`/`float`/`uuid` converters are safe.
    Route,
    /// Every parameter unless its annotation is a number, boolean, UUID or
    /// date type, or its default is a dependency (`Depends(...)`).
    Typed,
    /// Only the parameters listed in `named`.
    Named,
}

/// Functions whose parameters come from outside: request handlers, CLI
/// commands, serverless handlers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntrySpec {
    /// Decorators (the called expression, qualified) that make an entry.
    #[serde(default)]
    pub decorators: Vec<String>,
    /// Decorator method names (`route`, `get`) accepted on receivers of
    /// unknown type when the module imports one of `imports`.
    #[serde(default)]
    pub decorator_methods: Vec<String>,
    /// Packages of which one must be imported for the name-based rules
    /// (`decorator_methods`, `functions`, `first_param`) to apply.
    #[serde(default)]
    pub imports: Vec<String>,
    /// Function names that are entries by convention (`lambda_handler`).
    #[serde(default)]
    pub functions: Vec<String>,
    /// Functions whose first parameter (after `self`) has this name.
    #[serde(default)]
    pub first_param: Option<String>,
    /// ...and which also have parameters of these names: a signature this
    /// distinctive (`environ, start_response`) makes an entry without
    /// `imports`. Only functions, not methods: the `__call__` of a class
    /// with that signature is a framework's handler or a middleware, which
    /// passes on what the application answered.
    #[serde(default)]
    pub with_params: Vec<String>,
    #[serde(default)]
    pub params: EntryParams,
    #[serde(default)]
    pub named: Vec<String>,
    /// Types given to parameters by name (`request = "django.http.HttpRequest"`).
    #[serde(default)]
    pub param_types: BTreeMap<String, String>,
    #[serde(default)]
    pub what: String,
    #[serde(default = "default_trust")]
    pub trust: Trust,
    #[serde(default = "default_level")]
    pub confidence: Level,
    #[serde(default)]
    pub structured: bool,
    /// The rule for which a returned value is a sink (a Flask view's return
    /// value is the response body: `xss`).
    #[serde(default)]
    pub return_sink: Option<String>,
    /// When set, the returned value is a sink for `return_sink` only where
    /// the decorator passes this keyword one of these classes (a FastAPI
    /// path operation declared `response_class=HTMLResponse`; by default
    /// it sends JSON).
    #[serde(default)]
    pub return_sink_when: Option<KeywordNames>,
    /// The rule for which the whole returned value, in any format (a dict
    /// sent as JSON too), is a sink: `stack-trace-exposure`.
    #[serde(default)]
    pub body_sink: Option<String>,
}

/// A keyword argument whose value is one of `names` (qualified).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeywordNames {
    pub keyword: String,
    pub names: Vec<String>,
}

fn default_trust() -> Trust {
    Trust::Remote
}

fn default_level() -> Level {
    Level::High
}

/// A condition on a sink call's arguments; all must hold for the sink to apply.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionSpec {
    /// The keyword argument is given and not a literal false value.
    #[serde(default)]
    pub truthy: Option<String>,
    /// The response the call makes is not given a plain, JSON or other
    /// content type that is not markup later in the same function
    /// (`resp.mimetype = "text/plain"`).
    #[serde(default)]
    pub not_retyped: bool,
    /// The argument the following fields look at (`"Loader@1"`: keyword
    /// `Loader` or position 1).
    #[serde(default)]
    pub arg: Option<String>,
    /// The argument is absent or does not resolve to one of these names.
    #[serde(default)]
    pub not_names: Option<Vec<String>>,
    /// The argument is present and resolves to one of these names
    /// (`pycurl.URL`: the option a `setopt` call sets).
    #[serde(default)]
    pub names: Option<Vec<String>>,
    /// The argument is absent or is a string containing this text.
    #[serde(default)]
    pub absent_or_contains: Option<String>,
    /// The argument is present and is a string containing this text (or a
    /// value not known before run time).
    #[serde(default)]
    pub contains: Option<String>,
    /// The argument is absent, or not a name bound to a call that passed
    /// this keyword with this literal value (`"resolve_entities=False"`).
    #[serde(default)]
    pub not_built_with: Option<String>,
}

/// Calls that must not receive untrusted data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinkSpec {
    pub rule: String,
    #[serde(default)]
    pub names: Vec<String>,
    /// Method names matched on receivers of unknown type...
    #[serde(default)]
    pub methods: Vec<String>,
    /// ...whose source text (lower-cased) contains one of these (`*`: any).
    #[serde(default)]
    pub receivers: Vec<String>,
    /// The dangerous arguments: `"0"` (position), `"sql"` (keyword),
    /// `"0:sql"` (either), `"self"` (the receiver), `"*"` (every argument),
    /// `"1+"` (positions from 1).
    pub args: Vec<String>,
    /// How the argument is judged: `plain` (default), `command` (a
    /// subprocess command: only the program, or a shell's code, is
    /// dangerous), `shell` (a string always run by a shell), `url` (a fixed
    /// scheme and host before the data makes it safe), `nosql` (operator
    /// objects), `redos` (input matched by a backtracking-prone pattern),
    /// `instructions` (chat messages: the content of the system and
    /// developer messages; any other value is instructions as a whole),
    /// `keys` (the keys of a mapping), `response-body` and
    /// `response-headers` (a response, or the body or headers of a
    /// `(body, status, headers)` tuple).
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub when: Vec<ConditionSpec>,
    /// How the data is used, for messages ("as SQL text").
    #[serde(default)]
    pub what: Option<String>,
    /// Calls of classes deriving from the named classes (an ORM model of
    /// the project) are sinks too.
    #[serde(default)]
    pub subclasses: bool,
}

/// Assignments that must not store untrusted data: `session[k] = v`,
/// `response.headers[k] = v`, `msg.html = v`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreSpec {
    pub rule: String,
    /// The containers (for `x[k] = v`), or with `attribute`, the
    /// attributes (for `x.a = v`, `T.a` where `x` is of type `T`).
    pub names: Vec<String>,
    /// The names are attributes assigned, not containers stored into.
    #[serde(default)]
    pub attribute: bool,
    /// The key of `x[k] = v` is stored too (a session key the client
    /// chooses), not only the value.
    #[serde(default)]
    pub keys: bool,
    #[serde(default)]
    pub what: Option<String>,
}

/// Calls whose result is safe for some sinks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SanitizerSpec {
    #[serde(default)]
    pub names: Vec<String>,
    /// Method names on any receiver (the receiver is the sanitized value).
    #[serde(default)]
    pub methods: Vec<String>,
    /// Rules for which the result is safe (`"*"`: all).
    pub clears: Vec<String>,
    /// Arguments whose data reaches the result (default `["0"]`; `self`
    /// for methods).
    #[serde(default)]
    pub args: Option<Vec<String>>,
}

/// Calls that pass data along in a way the default (every argument to the
/// result) does not describe.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropagatorSpec {
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub methods: Vec<String>,
    /// Arguments whose data flows (`"0"`, `"self"`, `"*"`).
    pub from: Vec<String>,
    /// `"return"` (default) or `"self"` (the call stores into its receiver).
    #[serde(default)]
    pub to: Option<String>,
    /// Facts the result gains: `normalized-path` (made absolute, `..`
    /// resolved: a later `startswith` check proves containment).
    #[serde(default)]
    pub flags: Vec<String>,
    /// Rules for which the result is new data, whatever was cleared on its
    /// way in: the member names of an archive read from a stream are names
    /// again, though the stream itself named no file.
    #[serde(default)]
    pub renews: Vec<String>,
}

/// Calls whose truth validates an argument.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardSpec {
    pub names: Vec<String>,
    /// The validated argument.
    pub arg: String,
    pub clears: Vec<String>,
}

/// The type of a call's result or an attribute's value.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeSpec {
    /// Calls or attributes (`T.*` for any attribute or item of `T`).
    pub names: Vec<String>,
    #[serde(rename = "type")]
    pub ty: String,
    /// For calls: the type holds when these hold at the call (Jinja2's
    /// `Environment(autoescape=...)` makes an escaping environment); the
    /// first conditional type of a name that holds wins over its plain one.
    #[serde(default)]
    pub when: Vec<ConditionSpec>,
}

/// Base classes of a library class (for method lookup on subclasses).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassSpec {
    pub name: String,
    pub bases: Vec<String>,
}

/// Django-style URL configuration calls: `path("<str:name>/", view)`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrlconfSpec {
    pub names: Vec<String>,
    pub route_arg: usize,
    pub view_arg: usize,
    /// `path` (`<conv:name>`) or `regex` (`(?P<name>...)`).
    pub syntax: String,
    pub what: String,
}

/// A dataflow rule as the engine words it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub name: String,
    /// Default use of the data at a sink ("as SQL text").
    pub what: String,
    /// The consequence ("it can rewrite the query").
    pub harm: String,
    /// The sink does, for a local user, what a program is for (a
    /// command-line tool opens the files it is given): data from the
    /// command line or the environment reaching it is an audit note.
    #[serde(default)]
    pub local_input_by_design: bool,
    /// Families of the knowledge layer (`vigil_knowledge`) whose APIs are
    /// this rule's sinks, generated from the one spec the pattern rules
    /// read too (`"commands"`).
    #[serde(default)]
    pub families: Vec<String>,
    /// What makes data safe for this rule's sinks besides its sanitizers.
    #[serde(default)]
    pub cleared_by: Vec<Clearance>,
    /// The sinks run or rebuild the data (code, commands, deserialization):
    /// what comes out of them is part of the same problem, not reported
    /// again for any rule.
    #[serde(default)]
    pub consumes: bool,
    /// Pattern rules that flag the same calls because an argument is built
    /// at run time: where this rule traces the argument to a source, or
    /// proves it constant or sanitized, its answer replaces theirs.
    #[serde(default)]
    pub supersedes: Vec<String>,
    /// Only sources naming this rule in `reaches` reach its sinks (data
    /// that must not leak, such as stack traces, not untrusted input).
    #[serde(default)]
    pub explicit_sources: bool,
    /// ASCII characters besides letters, digits, `_` and `-` that are
    /// harmless at this rule's sinks (see [`crate::regex`]).
    #[serde(default)]
    pub harmless_characters: String,
    /// Data from the command line or the environment does not reach this
    /// rule's sinks (only remote input matters there).
    #[serde(default)]
    pub remote_input_only: bool,
    /// The rule whose sinks this one judges too, for data that rule's
    /// clearances let through; where that rule reports, this one does not.
    #[serde(default)]
    pub refines: Option<String>,
}

/// A shape of data that is safe for a rule's sinks whatever its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Clearance {
    /// A URL whose scheme and host are fixed text before the data, or whose
    /// host a check compared (`urlparse(u).netloc == ...`).
    FixedHost,
    /// A path of this site: fixed text starting with `/` and a name.
    FixedPath,
    /// A path checked to stay inside a folder (`startswith`,
    /// `is_relative_to`, `os.path.commonpath`).
    PathContainment,
    /// Text without line breaks (a validation that rejects them, or a
    /// `replace` of them).
    NoLineBreaks,
    /// Text without a quote character, placed between two of them in a
    /// query (`"... name = '" + value + "'"` after `if "'" in value:
    /// abort(400)`): it stays one string literal.
    QuotedLiteral,
}

impl Clearance {
    /// A clearance by its name in a rule's declaration (`fixed-host`).
    pub fn parse(name: &str) -> Result<Clearance, String> {
        Ok(match name {
            "fixed-host" => Clearance::FixedHost,
            "fixed-path" => Clearance::FixedPath,
            "path-containment" => Clearance::PathContainment,
            "no-line-breaks" => Clearance::NoLineBreaks,
            "quoted-literal" => Clearance::QuotedLiteral,
            other => return Err(format!("unknown clearance `{other}`")),
        })
    }

    pub const ALL: [Clearance; 5] = [
        Clearance::FixedHost,
        Clearance::FixedPath,
        Clearance::PathContainment,
        Clearance::NoLineBreaks,
        Clearance::QuotedLiteral,
    ];
}
