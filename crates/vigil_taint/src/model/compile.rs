//! Model files to lookup tables.

use super::spec::{self, Clearance, EntryParams, Level, ModelFile, Trust};
use crate::kinds::{KindSet, RuleId, flags};
use rustc_hash::{FxHashMap, FxHashSet};
use vigil_python::{TextRange, TextSize};

/// A dataflow rule: its name (as in the rule catalog) and message parts.
#[derive(Debug)]
pub struct RuleInfo {
    pub name: String,
    pub what: String,
    pub harm: String,
    /// Local input reaching this rule's sinks is an audit note.
    pub local_input_by_design: bool,
    /// Pattern rules whose findings at a sink this rule's answer replaces.
    pub supersedes: Vec<String>,
    /// Only sources naming this rule reach it; its findings carry internal
    /// data, not untrusted input.
    pub explicit_sources: bool,
    /// The rule whose sinks this one judges too (see
    /// [`crate::model::spec::RuleSpec::refines`]).
    pub refines: Option<RuleId>,
}

#[derive(Debug)]
pub struct SourceInfo {
    pub what: String,
    pub trust: Trust,
    pub confidence: Level,
    pub structured: bool,
    pub reaches: KindSet,
    /// Followed beyond the module that reads it.
    pub propagates: bool,
    /// Rules this data is safe for from the start.
    pub safe_for: KindSet,
    /// The path the request was routed by (see
    /// [`crate::model::spec::SourceSpec::route_path`]).
    pub route_path: bool,
}

#[derive(Debug)]
pub struct EntryInfo {
    pub decorators: Vec<String>,
    pub decorator_methods: Vec<String>,
    pub imports: Vec<String>,
    pub functions: Vec<String>,
    pub first_param: Option<String>,
    /// Parameters the function must also have (see [`spec::EntrySpec`]).
    pub with_params: Vec<String>,
    pub params: EntryParams,
    pub named: Vec<String>,
    pub param_types: Vec<(String, String)>,
    pub source: SourceInfo,
    pub return_sink: Option<RuleId>,
    /// The decorator keyword that makes the return value a sink, when
    /// only some handlers send it as `return_sink` says.
    pub return_sink_when: Option<spec::KeywordNames>,
    pub body_sink: Option<RuleId>,
}

/// Which argument(s) of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgSel {
    Pos(usize),
    Kw(String),
    PosOrKw(usize, String),
    Receiver,
    All,
    From(usize),
    /// The mappings unpacked into keyword arguments (`f(**data)`).
    Unpacked,
}

impl ArgSel {
    fn parse(text: &str) -> Result<ArgSel, String> {
        let text = text.trim();
        if text == "self" {
            return Ok(ArgSel::Receiver);
        }
        if text == "*" {
            return Ok(ArgSel::All);
        }
        if text == "**" {
            return Ok(ArgSel::Unpacked);
        }
        if let Some(from) = text.strip_suffix('+') {
            return from
                .parse()
                .map(ArgSel::From)
                .map_err(|_| format!("bad argument `{text}`"));
        }
        if let Some((pos, kw)) = text.split_once(':').or_else(|| {
            text.split_once('@')
                .map(|(kw, pos)| (pos, kw))
                .filter(|(pos, _)| pos.parse::<usize>().is_ok())
        }) {
            let pos = pos.parse().map_err(|_| format!("bad argument `{text}`"))?;
            return Ok(ArgSel::PosOrKw(pos, kw.to_string()));
        }
        if let Ok(pos) = text.parse() {
            return Ok(ArgSel::Pos(pos));
        }
        if text.is_empty() || !text.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(format!("bad argument `{text}`"));
        }
        Ok(ArgSel::Kw(text.to_string()))
    }
}

/// How a sink judges its argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinkMode {
    Plain,
    Command,
    Shell,
    Exec,
    Url,
    Nosql,
    Redos,
    Instructions,
    /// A mapping whose keys name what is written (fields of a model,
    /// attributes of an object): only data the mapping holds under keys
    /// not written in the code is dangerous.
    Keys,
    /// A response body, or a `(body, status, headers)` tuple: only the body.
    ResponseBody,
    /// Response headers, or those of a `(body, status, headers)` tuple.
    ResponseHeaders,
}

#[derive(Debug, Clone)]
pub enum Condition {
    Truthy(String),
    NotNames(ArgSel, Vec<String>),
    Names(ArgSel, Vec<String>),
    AbsentOrContains(ArgSel, String),
    Contains(ArgSel, String),
    NotBuiltWith(ArgSel, String, String),
    /// The call's result is not given a content type that is not markup
    /// later in the function (see [`crate::retyped`]).
    NotRetyped,
}

#[derive(Debug)]
pub struct SinkInfo {
    pub rule: RuleId,
    pub args: Vec<ArgSel>,
    pub mode: SinkMode,
    pub when: Vec<Condition>,
    pub what: Option<String>,
    /// Receiver name fragments for method-name sinks (empty: typed only).
    pub receivers: Vec<String>,
    /// Calls of classes deriving from the named classes are sinks too.
    pub subclasses: bool,
}

#[derive(Debug)]
pub struct StoreInfo {
    pub rule: RuleId,
    pub what: Option<String>,
    /// The name is an attribute assigned (`x.a = v`), not a container
    /// stored into (`x[k] = v`).
    pub attribute: bool,
    /// The key of `x[k] = v` is judged too.
    pub keys: bool,
}

#[derive(Debug)]
pub struct SanitizerInfo {
    pub clears: KindSet,
    pub args: Vec<ArgSel>,
}

#[derive(Debug)]
pub struct PropagatorInfo {
    pub from: Vec<ArgSel>,
    pub to_receiver: bool,
    pub flags: u8,
    /// Rules whose clearance the result loses (see [`spec::PropagatorSpec`]).
    pub renews: KindSet,
}

#[derive(Debug)]
pub struct GuardInfo {
    pub arg: ArgSel,
    pub clears: KindSet,
}

#[derive(Debug)]
pub struct UrlconfInfo {
    pub route_arg: usize,
    pub view_arg: usize,
    pub regex: bool,
    pub what: String,
}

/// Every model, compiled into lookup tables.
#[derive(Debug, Default)]
pub struct Models {
    pub rules: Vec<RuleInfo>,
    rule_ids: FxHashMap<String, RuleId>,
    pub triggers: Vec<String>,
    sources: FxHashMap<String, usize>,
    source_info: Vec<SourceInfo>,
    pub entries: Vec<EntryInfo>,
    sinks: FxHashMap<String, Vec<usize>>,
    /// The rule whose sinks are the variables a project's template files
    /// write unescaped (it claims the `template-files` family).
    pub template_files_rule: Option<RuleId>,
    sink_methods: FxHashMap<String, Vec<usize>>,
    sink_info: Vec<SinkInfo>,
    stores: FxHashMap<String, StoreInfo>,
    sanitizers: FxHashMap<String, SanitizerInfo>,
    sanitizer_methods: FxHashMap<String, SanitizerInfo>,
    propagators: FxHashMap<String, PropagatorInfo>,
    propagator_methods: FxHashMap<String, PropagatorInfo>,
    guards: FxHashMap<String, GuardInfo>,
    types: FxHashMap<String, String>,
    /// Types a call's result has when conditions on the call hold.
    conditional_types: FxHashMap<String, Vec<(String, Vec<Condition>)>>,
    bases: FxHashMap<String, Vec<String>>,
    urlconf: FxHashMap<String, UrlconfInfo>,
    noreturn: FxHashSet<String>,
    clean: FxHashSet<String>,
    clean_methods: FxHashSet<String>,
    /// Every entry decorator name, for a quick "is this decorated function
    /// an entry" check.
    entry_decorators: FxHashSet<String>,
    /// Attribute names of sources read on typed receivers
    /// (`parse_args`, `get_argument`, `GET`): a function using one may
    /// read a source.
    typed_source_attrs: FxHashSet<String>,
    /// Library classes with sources or typed attributes (`HttpRequest`,
    /// `RequestHandler`, `View`): subclasses may read sources from `self`.
    source_classes: FxHashSet<String>,
    /// Last segments of source and URL configuration names (`args`,
    /// `argv`, `path`): cheap pre-filters before resolving a name.
    source_last: FxHashSet<String>,
    /// The last segments of sources that are methods of a modelled type
    /// (`create` of `openai.OpenAI.chat.completions.create`).
    typed_method_last: FxHashSet<String>,
    urlconf_last: FxHashSet<String>,
    /// The shapes of the words above: bit `len.min(63)` of entry `b` is
    /// set when one of them starts with byte `b` and has that length. Most
    /// identifiers of scanned code are ruled out without hashing.
    word_shapes: Vec<u64>,
    /// Classes any model entry names a member of (`flask.Response` for
    /// `flask.Response.set_cookie`): only their members are looked up.
    model_classes: FxHashSet<String>,
    /// Library objects whose members are sources (`flask.request`): a
    /// function that hands one to a helper may read untrusted data.
    source_objects: FxHashSet<String>,
    /// The types of those objects.
    source_types: FxHashSet<String>,
    /// Rules whose sinks run or rebuild the data (code, commands,
    /// deserialization): what comes out is part of that one problem.
    pub consuming: KindSet,
    /// Rules only sources naming them reach (data that must not leak).
    explicit_rules: KindSet,
    /// Rules that local input (command line, environment) does not reach.
    pub remote_only: KindSet,
    /// For each [`Clearance`], the rules whose data it makes safe.
    cleared: [KindSet; Clearance::ALL.len()],
    /// Per rule: the ASCII characters harmless at its sinks.
    harmless: Vec<u128>,
    /// Class -> attributes `a` such that `Class.a` is a source or has a
    /// modelled type.
    seeding_members: FxHashMap<String, Vec<String>>,
    /// The trigger words, compiled for searching.
    trigger_search: Option<aho_corasick::AhoCorasick>,
}

impl Models {
    /// Parses and compiles model files; the error names the file.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Models, String> {
        Models::build(Vec::new(), files)
    }

    /// Compiles the dataflow rules `rules` (then those model files
    /// declare) and the model files.
    pub fn build(mut rules: Vec<spec::RuleSpec>, files: &[(&str, &str)]) -> Result<Models, String> {
        let parsed: Vec<(&str, ModelFile)> = files
            .iter()
            .map(|(name, text)| {
                toml::from_str::<ModelFile>(text)
                    .map(|m| (*name, m))
                    .map_err(|e| format!("{name}.toml: {e}"))
            })
            .collect::<Result<_, _>>()?;
        let mut models = Models::default();
        rules.extend(
            parsed
                .iter()
                .flat_map(|(_, file)| file.rule.iter().cloned()),
        );
        {
            for rule in &rules {
                let id = models.rules.len();
                if id >= 32 {
                    return Err("more than 32 dataflow rules".into());
                }
                models.rule_ids.insert(rule.name.clone(), id as RuleId);
                models.rules.push(RuleInfo {
                    name: rule.name.clone(),
                    what: rule.what.clone(),
                    harm: rule.harm.clone(),
                    local_input_by_design: rule.local_input_by_design,
                    supersedes: rule.supersedes.clone(),
                    explicit_sources: rule.explicit_sources,
                    refines: None,
                });
                let kind = KindSet::one(id as RuleId);
                if rule.consumes {
                    models.consuming = models.consuming.union(kind);
                }
                if rule.explicit_sources {
                    models.explicit_rules = models.explicit_rules.union(kind);
                }
                if rule.remote_input_only {
                    models.remote_only = models.remote_only.union(kind);
                }
                for clearance in &rule.cleared_by {
                    let slot = &mut models.cleared[*clearance as usize];
                    *slot = slot.union(kind);
                }
                models.harmless.push(
                    crate::regex::BASE_HARMLESS | crate::regex::set_of(&rule.harmless_characters),
                );
            }
        }
        for (id, rule) in rules.iter().enumerate() {
            if rule.families.iter().any(|f| f == "template-files") {
                models.template_files_rule = Some(id as RuleId);
            }
            if let Some(refined) = &rule.refines {
                let target = models
                    .rule_id(refined)
                    .map_err(|e| format!("{}: refines {e}", rule.name))?;
                models.rules[id].refines = Some(target);
            }
        }
        let families: Vec<(String, ModelFile)> = rules
            .iter()
            .flat_map(|rule| rule.families.iter().map(move |f| (rule, f)))
            .map(|(rule, family)| {
                super::families::sinks(family, &rule.name).map(|file| (family.clone(), file))
            })
            .collect::<Result<_, _>>()?;
        for (name, file) in parsed {
            models
                .add_file(file)
                .map_err(|e| format!("{name}.toml: {e}"))?;
        }
        for (family, file) in families {
            models
                .add_file(file)
                .map_err(|e| format!("family `{family}`: {e}"))?;
        }
        // A sanitizer passes its argument's data on, cleared: a name that is
        // also a propagator would be described twice, one of them unused.
        if let Some(name) = models
            .sanitizers
            .keys()
            .find(|n| models.propagators.contains_key(*n))
        {
            return Err(format!("`{name}` is both a sanitizer and a propagator"));
        }
        // One pass over a file for all the words. Leftmost-first matching
        // finds a match exactly when standard matching does, and lets the
        // searcher use its vectorised prefilter (Teddy).
        models.trigger_search = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(&models.triggers)
            .ok();
        models.index_members();
        models.index_model_classes();
        models.index_source_objects();
        models.index_typed_methods();
        models.word_shapes = vec![0; 256];
        let words = models
            .source_last
            .iter()
            .chain(&models.typed_source_attrs)
            .chain(&models.urlconf_last);
        for word in words {
            if let Some((index, bit)) = shape(word) {
                models.word_shapes[index] |= bit;
            }
        }
        Ok(models)
    }

    /// Indexes the last segments of the sources named on a modelled type
    /// (`T.chat.completions.create` for a type `T`).
    fn index_typed_methods(&mut self) {
        let types: FxHashSet<&str> = self.types.values().map(String::as_str).collect();
        let typed: Vec<String> = self
            .sources
            .keys()
            .filter(|name| {
                name.match_indices('.')
                    .any(|(i, _)| types.contains(&name[..i]))
            })
            .filter_map(|name| name.rsplit('.').next().map(str::to_string))
            .collect();
        self.typed_method_last.extend(typed);
    }

    /// Indexes the attributes that sources and typed attributes name on
    /// each class (`HttpRequest` -> `GET`, `COOKIES`, ...).
    fn index_members(&mut self) {
        let mut members: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for name in self.sources.keys().chain(self.types.keys()) {
            if let Some((class, attr)) = name.rsplit_once('.') {
                let list = members.entry(class.to_string()).or_default();
                if !list.iter().any(|a| a == attr) {
                    list.push(attr.to_string());
                }
            }
        }
        self.seeding_members = members;
    }

    fn rule_id(&self, name: &str) -> Result<RuleId, String> {
        self.rule_ids
            .get(name)
            .copied()
            .ok_or_else(|| format!("unknown rule `{name}`"))
    }

    fn kind_set(&self, names: &[String]) -> Result<KindSet, String> {
        let mut set = KindSet::EMPTY;
        for name in names {
            if name == "*" {
                return Ok(KindSet::ALL);
            }
            set = set.union(KindSet::one(self.rule_id(name)?));
        }
        Ok(set)
    }

    fn source_info(
        &self,
        what: &str,
        trust: Trust,
        confidence: Level,
        structured: bool,
        reaches: Option<&[String]>,
    ) -> Result<SourceInfo, String> {
        Ok(SourceInfo {
            what: what.to_string(),
            trust,
            confidence,
            structured,
            reaches: match reaches {
                Some(list) => self.kind_set(list)?,
                None => self.untrusted_reach(),
            },
            propagates: true,
            safe_for: KindSet::EMPTY,
            route_path: false,
        })
    }

    fn add_file(&mut self, file: ModelFile) -> Result<(), String> {
        self.triggers.extend(file.triggers);
        for s in file.source {
            let mut info = self.source_info(
                &s.what,
                s.trust,
                s.confidence,
                s.structured,
                s.reaches.as_deref(),
            )?;
            info.propagates = s.propagates;
            info.safe_for = self.kind_set(&s.safe_for)?;
            info.route_path = s.route_path;
            let id = self.source_info.len();
            self.source_info.push(info);
            for name in s.names {
                let segments: Vec<&str> = name.split('.').collect();
                let typed = segments.len() >= 3
                    && (segments[1..segments.len() - 1]
                        .iter()
                        .any(|s| s.starts_with(char::is_uppercase))
                        || segments[segments.len() - 2] == "socket");
                // Only names that say what they are (`parse_args`, `GET`,
                // `recvfrom`): `path` or `read` would seed every function.
                if typed
                    && let Some(last) = segments.last()
                    && is_distinctive(last)
                {
                    self.typed_source_attrs.insert(last.to_string());
                }
                self.source_classes.extend(class_prefix(&name));
                if let Some(last) = name.rsplit('.').next() {
                    self.source_last.insert(last.to_string());
                }
                self.sources.insert(name, id);
            }
        }
        for e in file.entry {
            let source = self.source_info(&e.what, e.trust, e.confidence, e.structured, None)?;
            let return_sink = e
                .return_sink
                .as_deref()
                .map(|r| self.rule_id(r))
                .transpose()?;
            let body_sink = e
                .body_sink
                .as_deref()
                .map(|r| self.rule_id(r))
                .transpose()?;
            self.entry_decorators.extend(e.decorators.iter().cloned());
            self.entries.push(EntryInfo {
                decorators: e.decorators,
                decorator_methods: e.decorator_methods,
                imports: e.imports,
                functions: e.functions,
                first_param: e.first_param,
                with_params: e.with_params,
                params: e.params,
                named: e.named,
                param_types: e.param_types.into_iter().collect(),
                source,
                return_sink,
                return_sink_when: e.return_sink_when,
                body_sink,
            });
        }
        for s in file.sink {
            let rule = self.rule_id(&s.rule)?;
            // A rule refining this one judges the same URLs, in its own
            // words (a host alone has no path to refine).
            let is_url = s.mode.as_deref() == Some("url");
            let refining: Vec<spec::SinkSpec> = self
                .rules
                .iter()
                .filter(|r| is_url && r.refines == Some(rule))
                .map(|r| spec::SinkSpec {
                    rule: r.name.clone(),
                    what: None,
                    ..s.clone()
                })
                .collect();
            for s in std::iter::once(s).chain(refining) {
                let info = self.sink(&s)?;
                let id = self.sink_info.len();
                self.sink_info.push(info);
                for name in s.names {
                    self.sinks.entry(name).or_default().push(id);
                }
                for method in s.methods {
                    self.sink_methods.entry(method).or_default().push(id);
                }
            }
        }
        for s in file.store {
            let rule = self.rule_id(&s.rule)?;
            for name in s.names {
                self.stores.insert(
                    name,
                    StoreInfo {
                        rule,
                        what: s.what.clone(),
                        attribute: s.attribute,
                        keys: s.keys,
                    },
                );
            }
        }
        for s in file.sanitizer {
            let clears = self.kind_set(&s.clears)?;
            let args = |default: &str| -> Result<Vec<ArgSel>, String> {
                match &s.args {
                    Some(list) => list.iter().map(|a| ArgSel::parse(a)).collect(),
                    None => Ok(vec![ArgSel::parse(default)?]),
                }
            };
            // A second entry for a name would silently replace the first
            // one's rules: each sanitizer is described once.
            for name in &s.names {
                let info = SanitizerInfo {
                    clears,
                    args: args("0")?,
                };
                if self.sanitizers.insert(name.clone(), info).is_some() {
                    return Err(format!("sanitizer `{name}` is described twice"));
                }
            }
            for method in &s.methods {
                let info = SanitizerInfo {
                    clears,
                    args: args("self")?,
                };
                if self
                    .sanitizer_methods
                    .insert(method.clone(), info)
                    .is_some()
                {
                    return Err(format!("sanitizer method `{method}` is described twice"));
                }
            }
        }
        for p in file.propagator {
            let from: Vec<ArgSel> = p
                .from
                .iter()
                .map(|a| ArgSel::parse(a))
                .collect::<Result<_, _>>()?;
            let to_receiver = match p.to.as_deref() {
                None | Some("return") => false,
                Some("self") => true,
                Some(other) => return Err(format!("bad propagator target `{other}`")),
            };
            let mut bits = 0;
            for flag in &p.flags {
                bits |= flags::parse(flag).ok_or_else(|| format!("unknown flag `{flag}`"))?;
            }
            let renews = self.kind_set(&p.renews)?;
            let make = || PropagatorInfo {
                from: from.clone(),
                to_receiver,
                flags: bits,
                renews,
            };
            for name in &p.names {
                self.propagators.insert(name.clone(), make());
            }
            for method in &p.methods {
                self.propagator_methods.insert(method.clone(), make());
            }
        }
        for g in file.guard {
            let clears = self.kind_set(&g.clears)?;
            let arg = ArgSel::parse(&g.arg)?;
            for name in g.names {
                self.guards.insert(
                    name,
                    GuardInfo {
                        arg: arg.clone(),
                        clears,
                    },
                );
            }
        }
        for t in file.types {
            let when = t
                .when
                .iter()
                .map(condition)
                .collect::<Result<Vec<_>, _>>()?;
            for name in t.names {
                self.source_classes.extend(class_prefix(&name));
                if when.is_empty() {
                    self.types.insert(name, t.ty.clone());
                } else {
                    self.conditional_types
                        .entry(name)
                        .or_default()
                        .push((t.ty.clone(), when.clone()));
                }
            }
        }
        for c in file.class {
            self.bases.entry(c.name).or_default().extend(c.bases);
        }
        for u in file.urlconf {
            let regex = match u.syntax.as_str() {
                "path" => false,
                "regex" => true,
                other => return Err(format!("bad urlconf syntax `{other}`")),
            };
            for name in u.names {
                if let Some(last) = name.rsplit('.').next() {
                    self.urlconf_last.insert(last.to_string());
                }
                self.urlconf.insert(
                    name,
                    UrlconfInfo {
                        route_arg: u.route_arg,
                        view_arg: u.view_arg,
                        regex,
                        what: u.what.clone(),
                    },
                );
            }
        }
        self.noreturn.extend(file.noreturn);
        self.clean.extend(file.clean);
        self.clean_methods.extend(file.clean_methods);
        Ok(())
    }

    /// Names of library objects whose type has sources among its members,
    /// and those types.
    fn index_source_objects(&mut self) {
        let objects: Vec<(String, String)> = self
            .types
            .iter()
            .filter(|(_, ty)| {
                let prefix = format!("{ty}.");
                self.sources.keys().any(|s| s.starts_with(&prefix))
            })
            .map(|(name, ty)| (name.clone(), ty.clone()))
            .collect();
        for (name, ty) in objects {
            self.source_objects.insert(name);
            self.source_types.insert(ty);
        }
        // Types entry points give their parameters (Django's request).
        let given: Vec<String> = self
            .entries
            .iter()
            .flat_map(|e| e.param_types.iter().map(|(_, ty)| ty.clone()))
            .collect();
        self.source_types.extend(given);
    }

    /// Whether objects of type `ty` have sources among their members (a
    /// request): handed to another module's function, they keep the type.
    pub fn is_source_type(&self, ty: &str) -> bool {
        self.source_types.contains(ty) || self.source_classes.contains(ty)
    }

    /// Whether `name` is a library object whose members are sources
    /// (`flask.request`).
    pub fn is_source_object(&self, name: &str) -> bool {
        self.source_objects.contains(name)
    }

    /// Every class (or type path) whose members the models name: the
    /// prefixes of every modelled name, once all files are added.
    fn index_model_classes(&mut self) {
        let members = self
            .sources
            .keys()
            .chain(self.sinks.keys())
            .chain(self.sanitizers.keys())
            .chain(self.propagators.keys())
            .chain(self.types.keys())
            .chain(self.stores.keys())
            .chain(self.guards.keys())
            .chain(self.bases.keys());
        let classes: Vec<String> = members
            .flat_map(|n| n.match_indices('.').map(move |(i, _)| n[..i].to_string()))
            .collect();
        self.model_classes.extend(classes);
        self.model_classes.extend(self.bases.keys().cloned());
    }

    fn sink(&self, s: &spec::SinkSpec) -> Result<SinkInfo, String> {
        let rule = self.rule_id(&s.rule)?;
        let args = s
            .args
            .iter()
            .map(|a| ArgSel::parse(a))
            .collect::<Result<Vec<_>, _>>()?;
        let mode = match s.mode.as_deref().unwrap_or("plain") {
            "plain" => SinkMode::Plain,
            "command" => SinkMode::Command,
            "shell" => SinkMode::Shell,
            "exec" => SinkMode::Exec,
            "url" => SinkMode::Url,
            "nosql" => SinkMode::Nosql,
            "redos" => SinkMode::Redos,
            "instructions" => SinkMode::Instructions,
            "keys" => SinkMode::Keys,
            "response-body" => SinkMode::ResponseBody,
            "response-headers" => SinkMode::ResponseHeaders,
            other => return Err(format!("unknown sink mode `{other}`")),
        };
        let mut when = Vec::new();
        for c in &s.when {
            when.push(condition(c)?);
        }
        if s.names.is_empty() && s.methods.is_empty() {
            return Err(format!("sink for `{}` names nothing", s.rule));
        }
        Ok(SinkInfo {
            rule,
            args,
            mode,
            when,
            what: s.what.clone(),
            receivers: s.receivers.iter().map(|r| r.to_ascii_lowercase()).collect(),
            subclasses: s.subclasses,
        })
    }

    /// The rules untrusted input reaches: every rule but those that take
    /// only sources naming them (data that must not leak).
    pub fn untrusted_reach(&self) -> KindSet {
        KindSet(KindSet::ALL.0 & !self.explicit_rules.0)
    }

    pub fn rule_name(&self, rule: RuleId) -> &str {
        &self.rules[rule as usize].name
    }

    /// The rules at whose sinks text made only of `alphabet`'s characters
    /// is harmless (a trailing line break hurts the rules cleared by
    /// [`Clearance::NoLineBreaks`]).
    pub fn safe_alphabet(&self, alphabet: crate::regex::Alphabet) -> KindSet {
        let mut kinds = KindSet::EMPTY;
        for (id, harmless) in self.harmless.iter().enumerate() {
            if alphabet.ascii & !harmless == 0 {
                kinds = kinds.union(KindSet::one(id as RuleId));
            }
        }
        if alphabet.trailing_newline {
            kinds = KindSet(kinds.0 & !self.cleared_by(Clearance::NoLineBreaks).0);
        }
        kinds
    }

    /// The rules for whose sinks data of this shape is safe.
    pub fn cleared_by(&self, clearance: Clearance) -> KindSet {
        self.cleared[clearance as usize]
    }

    /// The rule that the rule named `rule` refines, by name.
    pub fn refined_rule(&self, rule: &str) -> Option<&str> {
        let refined = self.rules[self.rule_by_name(rule)? as usize].refines?;
        Some(self.rule_name(refined))
    }

    pub fn rule_by_name(&self, name: &str) -> Option<RuleId> {
        self.rule_ids.get(name).copied()
    }

    pub fn source(&self, name: &str) -> Option<(usize, &SourceInfo)> {
        self.sources
            .get(name)
            .map(|&id| (id, &self.source_info[id]))
    }

    pub fn source_by_id(&self, id: usize) -> &SourceInfo {
        &self.source_info[id]
    }

    pub fn sinks_named(&self, name: &str) -> Vec<&SinkInfo> {
        self.sinks
            .get(name)
            .map(|ids| ids.iter().map(|&i| &self.sink_info[i]).collect())
            .unwrap_or_default()
    }

    /// Every source matched by qualified name, with its entry.
    pub fn named_sources(&self) -> impl Iterator<Item = (&str, &SourceInfo)> {
        self.sources
            .iter()
            .map(move |(name, &id)| (name.as_str(), &self.source_info[id]))
    }

    /// Every sink matched by qualified name, with its entry.
    pub fn named_sinks(&self) -> impl Iterator<Item = (&str, &SinkInfo)> {
        self.sinks.iter().flat_map(move |(name, ids)| {
            ids.iter()
                .map(move |&id| (name.as_str(), &self.sink_info[id]))
        })
    }

    /// The qualified names of every sink of rule `rule` (not the sinks
    /// matched by method name on receivers of unknown type).
    pub fn sink_names(&self, rule: RuleId) -> impl Iterator<Item = &str> {
        self.sinks
            .iter()
            .filter(move |(_, ids)| ids.iter().any(|&id| self.sink_info[id].rule == rule))
            .map(|(name, _)| name.as_str())
    }

    pub fn has_sink(&self, name: &str) -> bool {
        self.sinks.contains_key(name)
    }

    pub fn sink_ids(&self, name: &str) -> &[usize] {
        self.sinks.get(name).map_or(&[], Vec::as_slice)
    }

    pub fn sink_method_ids(&self, method: &str) -> &[usize] {
        self.sink_methods.get(method).map_or(&[], Vec::as_slice)
    }

    pub fn sink_by_id(&self, id: usize) -> &SinkInfo {
        &self.sink_info[id]
    }

    pub fn store(&self, name: &str) -> Option<&StoreInfo> {
        self.stores.get(name)
    }

    pub fn sanitizer(&self, name: &str) -> Option<&SanitizerInfo> {
        self.sanitizers.get(name)
    }

    pub fn sanitizer_method(&self, method: &str) -> Option<&SanitizerInfo> {
        self.sanitizer_methods.get(method)
    }

    pub fn propagator(&self, name: &str) -> Option<&PropagatorInfo> {
        self.propagators.get(name)
    }

    pub fn propagator_method(&self, method: &str) -> Option<&PropagatorInfo> {
        self.propagator_methods.get(method)
    }

    pub fn guard(&self, name: &str) -> Option<&GuardInfo> {
        self.guards.get(name)
    }

    pub fn ty(&self, name: &str) -> Option<&str> {
        self.types.get(name).map(String::as_str)
    }

    /// The types a call of `name` returns when their conditions hold.
    pub fn conditional_types(&self, name: &str) -> &[(String, Vec<Condition>)] {
        self.conditional_types.get(name).map_or(&[], Vec::as_slice)
    }

    pub fn bases(&self, class: &str) -> &[String] {
        self.bases.get(class).map_or(&[], Vec::as_slice)
    }

    pub fn urlconf(&self, name: &str) -> Option<&UrlconfInfo> {
        self.urlconf.get(name)
    }

    pub fn is_noreturn(&self, name: &str) -> bool {
        self.noreturn.contains(name)
    }

    pub fn is_clean(&self, name: &str) -> bool {
        self.clean.contains(name)
    }

    pub fn is_clean_method(&self, method: &str) -> bool {
        self.clean_methods.contains(method)
    }

    /// Whether a text holds one of the trigger words of the models.
    pub fn triggered_by(&self, text: &str) -> bool {
        self.triggered_in_code(text, &[])
    }

    /// Whether a trigger word occurs in `text` outside the `prose` ranges
    /// (comments, docstrings; each list sorted): a word that only a
    /// comment or a docstring mentions starts no flow.
    pub fn triggered_in_code(&self, text: &str, prose: &[&[TextRange]]) -> bool {
        let Some(search) = &self.trigger_search else {
            return false;
        };
        search.find_iter(text).any(|found| {
            let at = TextSize::try_from(found.start()).unwrap_or(TextSize::new(u32::MAX));
            !prose.iter().any(|ranges| covers(ranges, at))
        })
    }

    /// The attributes `a` for which `class.a` is a source or has a modelled
    /// type.
    pub fn seeding_members(&self, class: &str) -> &[String] {
        self.seeding_members.get(class).map_or(&[], Vec::as_slice)
    }

    /// Whether some source name ends with this segment.
    pub fn is_source_last(&self, segment: &str) -> bool {
        self.may_be_word(segment) && self.source_last.contains(segment)
    }

    /// Whether some source that is a method of a modelled type ends with
    /// this segment.
    pub fn is_typed_method_last(&self, segment: &str) -> bool {
        self.typed_method_last.contains(segment)
    }

    /// Whether some URL configuration function ends with this segment.
    pub fn is_urlconf_last(&self, segment: &str) -> bool {
        self.may_be_word(segment) && self.urlconf_last.contains(segment)
    }

    /// Whether a name has the shape of a source, typed source attribute or
    /// URL configuration word (a cheap test before hashing it).
    fn may_be_word(&self, name: &str) -> bool {
        match shape(name) {
            Some((index, bit)) => self
                .word_shapes
                .get(index)
                .is_none_or(|shapes| shapes & bit != 0),
            None => true,
        }
    }

    /// Whether models name members of this class (or type path).
    pub fn knows_class(&self, name: &str) -> bool {
        self.model_classes.contains(name)
    }

    /// Whether a library class has sources or typed attributes.
    pub fn is_source_class(&self, name: &str) -> bool {
        self.source_classes.contains(name)
    }

    /// Whether an attribute name is that of a source read on a typed
    /// receiver.
    pub fn is_typed_source_attr(&self, attr: &str) -> bool {
        self.may_be_word(attr) && self.typed_source_attrs.contains(attr)
    }

    pub fn is_entry_decorator(&self, name: &str) -> bool {
        self.entry_decorators.contains(name)
    }
}

/// Where a word's shape lives in [`Models::word_shapes`]: the entry of
/// its first byte and the bit of its length (63 for 63 and longer).
fn shape(word: &str) -> Option<(usize, u64)> {
    let first = *word.as_bytes().first()?;
    Some((usize::from(first), 1u64 << word.len().min(63)))
}

/// `pkg.mod.Class` for `pkg.mod.Class.attr`.
fn class_prefix(name: &str) -> Option<String> {
    let (prefix, _) = name.rsplit_once('.')?;
    let last = prefix.rsplit('.').next()?;
    (prefix.contains('.') && last.starts_with(char::is_uppercase)).then(|| prefix.to_string())
}

/// Whether an attribute name is specific to the APIs of sources.
fn is_distinctive(name: &str) -> bool {
    name.contains('_')
        || (name.len() > 1 && name.chars().all(|c| c.is_ascii_uppercase()))
        || name.starts_with("recv")
}

fn condition(c: &spec::ConditionSpec) -> Result<Condition, String> {
    if let Some(kw) = &c.truthy {
        return Ok(Condition::Truthy(kw.clone()));
    }
    if c.not_retyped {
        return Ok(Condition::NotRetyped);
    }
    let arg = c
        .arg
        .as_deref()
        .ok_or("a condition needs `truthy` or `arg`")
        .and_then(|a| ArgSel::parse(a).map_err(|_| "bad condition argument"))?;
    if let Some(names) = &c.not_names {
        return Ok(Condition::NotNames(arg, names.clone()));
    }
    if let Some(names) = &c.names {
        return Ok(Condition::Names(arg, names.clone()));
    }
    if let Some(text) = &c.absent_or_contains {
        return Ok(Condition::AbsentOrContains(arg, text.clone()));
    }
    if let Some(text) = &c.contains {
        return Ok(Condition::Contains(arg, text.clone()));
    }
    if let Some(built) = &c.not_built_with {
        let (kw, value) = built
            .split_once('=')
            .ok_or("`not_built_with` is `keyword=Value`")?;
        return Ok(Condition::NotBuiltWith(
            arg,
            kw.trim().to_string(),
            value.trim().to_string(),
        ));
    }
    Err("a condition needs a test".into())
}

/// Whether one of `ranges` (sorted by start, not overlapping) holds `at`.
fn covers(ranges: &[TextRange], at: TextSize) -> bool {
    let after = ranges.partition_point(|r| r.start() <= at);
    after > 0 && ranges[after - 1].contains(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sanitizer_is_described_once() {
        let twice = "[[sanitizer]]\nnames = [\"a.clean\"]\nclears = [\"*\"]\n\
                     [[sanitizer]]\nnames = [\"a.clean\"]\nclears = [\"*\"]\n";
        let err = Models::build(Vec::new(), &[("twice", twice)]).unwrap_err();
        assert!(err.contains("`a.clean` is described twice"), "{err}");
        let both = "[[sanitizer]]\nnames = [\"a.clean\"]\nclears = [\"*\"]\n\
                    [[propagator]]\nnames = [\"a.clean\"]\nfrom = [\"0\"]\n";
        let err = Models::build(Vec::new(), &[("both", both)]).unwrap_err();
        assert!(err.contains("both a sanitizer and a propagator"), "{err}");
        let once = "[[sanitizer]]\nnames = [\"a.clean\"]\nclears = [\"*\"]\n";
        assert!(Models::build(Vec::new(), &[("once", once)]).is_ok());
    }

    #[test]
    fn argument_selectors_parse() {
        assert_eq!(ArgSel::parse("0").unwrap(), ArgSel::Pos(0));
        assert_eq!(ArgSel::parse("sql").unwrap(), ArgSel::Kw("sql".into()));
        assert_eq!(
            ArgSel::parse("0:sql").unwrap(),
            ArgSel::PosOrKw(0, "sql".into())
        );
        assert_eq!(
            ArgSel::parse("Loader@1").unwrap(),
            ArgSel::PosOrKw(1, "Loader".into())
        );
        assert_eq!(ArgSel::parse("self").unwrap(), ArgSel::Receiver);
        assert_eq!(ArgSel::parse("2+").unwrap(), ArgSel::From(2));
        assert!(ArgSel::parse("a b").is_err());
    }
}
