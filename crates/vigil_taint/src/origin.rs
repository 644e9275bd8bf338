//! Where data comes from, and the path it took.
//!
//! Every label of a [`crate::value::Taint`] names an [`Origin`]: a source
//! read (`request.args` at line 5), a parameter of the function under
//! analysis (for summaries), or data handed over by another module. Each
//! label also points at the tip of a trace: steps with a place and a note
//! ("flows into an f-string"), kept in one arena per module analysis and
//! shared between labels (a trace is a parent-linked list).

use crate::intern::Sym;
use crate::kinds::KindSet;
use crate::model::spec::{Level, Trust};
use rustc_hash::FxHashMap;
use vigil_python::TextRange;

/// Longest trace kept; later steps are dropped (the sink is always added).
const MAX_TRACE: u16 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OriginId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TraceId(pub u32);

impl TraceId {
    /// The empty trace.
    pub const NONE: TraceId = TraceId(u32::MAX);
}

/// Where a step is: in the analysed file, or already placed in another one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepAt {
    Here(TextRange),
    There {
        path: Box<str>,
        line: u32,
        column: u32,
    },
}

/// A step of a path as reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub at: StepAt,
    pub note: Box<str>,
}

/// What a step says, kept compact while analysing (no text is built
/// until a finding or an export needs it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    Text(Box<str>),
    Static(&'static str),
    /// "assigned to `name`"
    Assigned(Sym),
    /// "stored in `target`" (the target's source text)
    Stored(TextRange),
    /// "read from `self.attr`" (an attribute another method stored)
    ReadFrom(TextRange),
    /// "passes through `callee()`"
    PassesThrough(TextRange),
    /// "returned by `callee()`"
    Returned(TextRange),
    /// "passed to `callee()` as `param`"
    PassedTo(TextRange, Option<Sym>),
    /// "received as `param` of `function()`"
    Received(Sym, Sym),
}

#[derive(Debug)]
struct TraceNode {
    parent: TraceId,
    at: StepAt,
    note: Note,
    depth: u16,
}

/// A source of untrusted data.
#[derive(Debug, Clone)]
pub struct SourceOrigin {
    /// What the data is ("the request's query string").
    pub what: Box<str>,
    /// The expression that read it, as written (`request.args`).
    pub expr: Box<str>,
    pub trust: Trust,
    pub confidence: Level,
    /// Can be an object (parsed JSON), not only text.
    pub structured: bool,
    /// Rules this source is reported for.
    pub reaches: KindSet,
    /// Followed beyond the module that reads it.
    pub propagates: bool,
    /// The first step (where it was read).
    pub first: TraceId,
}

#[derive(Debug, Clone)]
pub enum Origin {
    /// Parameter `index` of function `func` (symbolic, for summaries).
    Param {
        func: u32,
        index: u32,
    },
    /// The result of a call to a function of unknown behaviour, maybe of
    /// another module (symbolic: where it goes tells which of those
    /// functions' summaries matter here).
    Call(Sym),
    Source(SourceOrigin),
}

/// What makes two origins the same one across fixpoint iterations.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OriginKey {
    /// A source read at this offset, by this model entry.
    Read {
        at: u32,
        model: u32,
    },
    Param {
        func: u32,
        index: u32,
    },
    Call(Sym),
    /// Data described by another module (identified by its description).
    Imported(Box<str>),
}

/// Trace nodes per chunk of the arena.
const TRACE_CHUNK: usize = 1024;

/// The trace arena: fixed-size chunks, so that a module with hundreds of
/// thousands of steps never copies them to grow, nor asks the allocator
/// for one block of many megabytes (fresh pages the kernel must zero).
#[derive(Debug, Default)]
struct TraceArena {
    chunks: Vec<Vec<TraceNode>>,
    len: u32,
}

impl TraceArena {
    fn get(&self, id: TraceId) -> &TraceNode {
        let i = id.0 as usize;
        &self.chunks[i / TRACE_CHUNK][i % TRACE_CHUNK]
    }

    fn push(&mut self, node: TraceNode) -> TraceId {
        if (self.len as usize).is_multiple_of(TRACE_CHUNK) {
            // The first chunk grows as it fills (most modules need few
            // steps); the later ones are allocated whole.
            let chunk = if self.chunks.is_empty() {
                Vec::new()
            } else {
                Vec::with_capacity(TRACE_CHUNK)
            };
            self.chunks.push(chunk);
        }
        let id = TraceId(self.len);
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.push(node);
        }
        self.len += 1;
        id
    }
}

/// Origins and traces of one module analysis.
#[derive(Debug, Default)]
pub struct Origins {
    origins: Vec<Origin>,
    keys: FxHashMap<OriginKey, OriginId>,
    traces: TraceArena,
}

impl Origins {
    /// The origin of `key`, created by `make` the first time.
    pub fn intern(&mut self, key: OriginKey, make: impl FnOnce(&mut Self) -> Origin) -> OriginId {
        if let Some(&id) = self.keys.get(&key) {
            return id;
        }
        let origin = make(self);
        let id = OriginId(self.origins.len() as u32);
        self.origins.push(origin);
        self.keys.insert(key, id);
        id
    }

    pub fn get(&self, id: OriginId) -> &Origin {
        &self.origins[id.0 as usize]
    }

    pub fn source(&self, id: OriginId) -> Option<&SourceOrigin> {
        match self.get(id) {
            Origin::Source(s) => Some(s),
            Origin::Param { .. } | Origin::Call(_) => None,
        }
    }

    /// The function an origin stands for the result of, if it is one.
    pub fn call(&self, id: OriginId) -> Option<Sym> {
        match self.get(id) {
            Origin::Call(name) => Some(*name),
            _ => None,
        }
    }

    /// The parameter an origin stands for, if it is one.
    pub fn param(&self, id: OriginId) -> Option<(u32, u32)> {
        match self.get(id) {
            Origin::Param { func, index } => Some((*func, *index)),
            Origin::Source(_) | Origin::Call(_) => None,
        }
    }

    /// Extends a trace by one step (a repeat of the last place is skipped,
    /// and so is the same note again where the last step starts: the
    /// nested operations of `"a" + x + "b" + y` all start at `"a"`, and a
    /// step is reported by where it starts).
    pub fn extend(&mut self, parent: TraceId, at: StepAt, note: Note) -> TraceId {
        let depth = if parent == TraceId::NONE {
            0
        } else {
            let node = self.traces.get(parent);
            if node.at == at || (node.note == note && same_start(&node.at, &at)) {
                return parent;
            }
            if node.depth >= MAX_TRACE {
                return parent;
            }
            node.depth + 1
        };
        self.traces.push(TraceNode {
            parent,
            at,
            note,
            depth,
        })
    }

    /// The steps of a trace, first to last, worded by `word`.
    pub fn steps(&self, mut tip: TraceId, word: impl Fn(&Note) -> String) -> Vec<Step> {
        let mut steps = Vec::new();
        while tip != TraceId::NONE {
            let node = self.traces.get(tip);
            steps.push(Step {
                at: node.at.clone(),
                note: word(&node.note).into(),
            });
            tip = node.parent;
        }
        steps.reverse();
        steps
    }
}

/// Whether two places are reported at the same position.
fn same_start(a: &StepAt, b: &StepAt) -> bool {
    match (a, b) {
        (StepAt::Here(a), StepAt::Here(b)) => a.start() == b.start(),
        (StepAt::There { .. }, StepAt::There { .. }) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_python::TextSize;

    fn at(n: u32) -> StepAt {
        StepAt::Here(TextRange::new(TextSize::new(n), TextSize::new(n + 1)))
    }

    #[test]
    fn traces_share_prefixes_and_skip_repeats() {
        let mut o = Origins::default();
        let text = |t: &str| Note::Text(t.into());
        let a = o.extend(TraceId::NONE, at(1), text("read"));
        let b = o.extend(a, at(2), text("assigned"));
        let c = o.extend(a, at(3), text("other branch"));
        assert_eq!(o.extend(b, at(2), text("again")), b);
        let word = |n: &Note| match n {
            Note::Text(t) => t.to_string(),
            _ => String::new(),
        };
        assert_eq!(o.steps(b, word).len(), 2);
        assert_eq!(o.steps(c, word)[0].note.as_ref(), "read");
    }

    #[test]
    fn the_same_note_where_the_last_step_starts_is_one_step() {
        // `"SELECT " + a + " WHERE " + b`: each `+` spans more, from the
        // same start.
        let mut o = Origins::default();
        let span = |start: u32, end: u32| {
            StepAt::Here(TextRange::new(TextSize::new(start), TextSize::new(end)))
        };
        let concat = || Note::Static("concatenated into a string");
        let read = o.extend(TraceId::NONE, at(20), Note::Static("read"));
        let inner = o.extend(read, span(10, 30), concat());
        assert_eq!(o.extend(inner, span(10, 40), concat()), inner);
        let other = o.extend(inner, span(10, 50), Note::Static("formatted"));
        assert_ne!(other, inner);
        assert_eq!(o.steps(other, |_| String::new()).len(), 3);
    }

    #[test]
    fn traces_are_bounded() {
        let mut o = Origins::default();
        let mut tip = TraceId::NONE;
        for i in 0..100 {
            tip = o.extend(tip, at(i), Note::Static("step"));
        }
        assert!(o.steps(tip, |_| String::new()).len() <= MAX_TRACE as usize + 1);
    }

    #[test]
    fn origins_are_interned_by_key() {
        let mut o = Origins::default();
        let key = OriginKey::Param { func: 1, index: 0 };
        let a = o.intern(key.clone(), |_| Origin::Param { func: 1, index: 0 });
        let b = o.intern(key, |_| unreachable!());
        assert_eq!(a, b);
        assert_eq!(o.param(a), Some((1, 0)));
    }
}
