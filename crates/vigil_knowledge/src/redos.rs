//! A bounded analyser of Python regular expressions for exponential
//! backtracking.
//!
//! The pattern is parsed into a small tree, then turned into a position
//! automaton (Glushkov) whose transitions remember in how many ways (one,
//! or two and more) the pattern's structure allows them. A backtracking
//! matcher takes exponential time when some loop of that automaton can
//! read the same text along two different paths (exponential degree of
//! ambiguity): either one transition of the loop exists twice (`(a+)+`,
//! `(\w+\s?)*`), or two different paths leave a state and come back to it
//! on the same characters (`(a|a)*`, `(a|b|ab)*`). Such a loop only hurts
//! when something after it can fail and force the matcher to try every
//! path. Patterns that are too long or too deep are not analysed.

use std::collections::HashMap;

const MAX_PATTERN_CHARS: usize = 2_000;
const MAX_DEPTH: usize = 48;
const MAX_POSITIONS: usize = 400;
/// Largest loop whose paths are compared pairwise.
const MAX_LOOP_POSITIONS: usize = 96;
/// Bounded repeats up to this count are unrolled: `x{1,6}` can split a text
/// in many ways, but only polynomially many.
const MAX_UNROLL: u32 = 8;
/// Most steps of the pairwise product of a loop.
const MAX_PRODUCT_EDGES: usize = 250_000;

/// The `re` flags that change what a pattern matches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    pub ignore_case: bool,
    pub dot_all: bool,
    pub verbose: bool,
}

/// A loop of the pattern that backtracks exponentially: its text, in
/// characters of the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub sub_pattern: String,
}

/// Whether `pattern` can backtrack exponentially. `must_match_all` is true
/// for `re.fullmatch`, whose implicit end can fail like a trailing `$`.
pub fn analyse(pattern: &str, flags: Flags, must_match_all: bool) -> Option<Finding> {
    let chars: Vec<char> = pattern.chars().collect();
    if chars.len() > MAX_PATTERN_CHARS {
        return None;
    }
    let mut parser = Parser {
        chars: &chars,
        at: 0,
        flags,
        depth: 0,
    };
    parser.global_flags();
    let mut tree = parser.alternation()?;
    if parser.at != chars.len() {
        return None;
    }
    if must_match_all {
        tree = Node::Concat(vec![tree, Node::Opaque]);
    }
    let mut automaton = Automaton::default();
    let whole = automaton.build(&tree, 0)?;
    let finals: Vec<usize> = whole.last.iter().map(|(p, _)| *p).collect();
    let (start, end) = automaton.ambiguous_loop(&finals)?;
    let span = automaton
        .loops
        .iter()
        .filter(|l| l.first_position <= start && end < l.end_position)
        .max_by_key(|l| l.end_position - l.first_position)?
        .span;
    Some(Finding {
        sub_pattern: chars[span.0..span.1].iter().collect(),
    })
}

/// Non-ASCII characters, by the classes `\d`, `\w` and `\s` tell apart.
const U_DIGIT: u8 = 1;
const U_LETTER: u8 = 2;
const U_SPACE: u8 = 4;
const U_OTHER: u8 = 8;
const U_ALL: u8 = U_DIGIT | U_LETTER | U_SPACE | U_OTHER;

/// A set of characters: exact for ASCII; beyond, which categories it may
/// touch (`some`) and which it holds entirely (`all`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct CharSet {
    ascii: u128,
    some: u8,
    all: u8,
}

impl CharSet {
    fn char(c: char) -> Self {
        if c.is_ascii() {
            return CharSet {
                ascii: 1u128 << (c as u32),
                ..CharSet::default()
            };
        }
        let category = if c.is_numeric() {
            U_DIGIT
        } else if c.is_alphabetic() {
            U_LETTER
        } else if c.is_whitespace() {
            U_SPACE
        } else {
            U_OTHER
        };
        CharSet {
            ascii: 0,
            some: category,
            all: 0,
        }
    }

    fn non_ascii(categories: u8) -> Self {
        CharSet {
            ascii: 0,
            some: categories,
            all: categories,
        }
    }

    fn range(low: char, high: char) -> Self {
        let mut set = CharSet::default();
        if (high as u32) > 127 {
            set.some = U_ALL;
        }
        let (lo, hi) = (low as u32, (high as u32).min(127));
        if lo <= hi {
            for c in lo..=hi {
                set.ascii |= 1u128 << c;
            }
        }
        set
    }

    fn union(self, other: CharSet) -> Self {
        CharSet {
            ascii: self.ascii | other.ascii,
            some: self.some | other.some,
            all: self.all | other.all,
        }
    }

    fn negate(self) -> Self {
        CharSet {
            ascii: !self.ascii,
            some: U_ALL & !self.all,
            all: U_ALL & !self.some,
        }
    }

    fn overlaps(self, other: CharSet) -> bool {
        self.ascii & other.ascii != 0 || self.some & other.some != 0
    }

    fn fold_case(self) -> Self {
        let mut set = self;
        for c in b'a'..=b'z' {
            let (lower, upper) = (1u128 << c, 1u128 << (c - 32));
            if self.ascii & (lower | upper) != 0 {
                set.ascii |= lower | upper;
            }
        }
        set
    }

    fn class(letter: char) -> Option<Self> {
        let digits = CharSet::range('0', '9').union(CharSet::non_ascii(U_DIGIT));
        let word = CharSet::range('0', '9')
            .union(CharSet::range('a', 'z'))
            .union(CharSet::range('A', 'Z'))
            .union(CharSet::char('_'))
            .union(CharSet::non_ascii(U_DIGIT | U_LETTER));
        let space = [' ', '\t', '\n', '\r', '\x0b', '\x0c']
            .into_iter()
            .fold(CharSet::non_ascii(U_SPACE), |s, c| {
                s.union(CharSet::char(c))
            });
        Some(match letter {
            'd' => digits,
            'w' => word,
            's' => space,
            'D' => digits.negate(),
            'W' => word.negate(),
            'S' => space.negate(),
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
enum Node {
    Set(CharSet),
    /// Matches in exactly one way and never like another node: anchors,
    /// lookarounds, backreferences, atomic groups, possessive repeats.
    Opaque,
    Empty,
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        body: Box<Node>,
        min: u32,
        max: Option<u32>,
        /// Character range of the repeat in the pattern.
        span: (usize, usize),
    },
}

struct Parser<'p> {
    chars: &'p [char],
    at: usize,
    flags: Flags,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.at + offset).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn starts_with(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(i, c)| self.peek_at(i) == Some(c))
    }

    /// Leading `(?x)`-style flags apply to the whole pattern.
    fn global_flags(&mut self) {
        let mut at = 0;
        while self.chars.get(at) == Some(&'(') && self.chars.get(at + 1) == Some(&'?') {
            let mut end = at + 2;
            while let Some(c) = self.chars.get(end)
                && c.is_ascii_alphabetic()
            {
                end += 1;
            }
            if end == at + 2 || self.chars.get(end) != Some(&')') {
                return;
            }
            for c in &self.chars[at + 2..end] {
                self.apply_flag(*c, true);
            }
            at = end + 1;
        }
    }

    fn apply_flag(&mut self, flag: char, on: bool) {
        match flag {
            'i' => self.flags.ignore_case = on,
            's' => self.flags.dot_all = on,
            'x' => self.flags.verbose = on,
            _ => {}
        }
    }

    /// In verbose mode, whitespace and `#` comments between items.
    fn skip_verbose(&mut self) {
        if !self.flags.verbose {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.at += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.at += 1;
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn set(&self, set: CharSet) -> Node {
        Node::Set(if self.flags.ignore_case {
            set.fold_case()
        } else {
            set
        })
    }

    fn alternation(&mut self) -> Option<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let mut branches = vec![self.concatenation()?];
        while self.eat('|') {
            branches.push(self.concatenation()?);
        }
        self.depth -= 1;
        Some(if branches.len() == 1 {
            branches.pop()?
        } else {
            Node::Alt(branches)
        })
    }

    fn concatenation(&mut self) -> Option<Node> {
        let mut items = Vec::new();
        loop {
            self.skip_verbose();
            match self.peek() {
                None | Some('|' | ')') => break,
                _ => {}
            }
            let start = self.at;
            let atom = self.atom()?;
            items.push(self.quantified(atom, start)?);
        }
        Some(match items.len() {
            0 => Node::Empty,
            1 => items.pop()?,
            _ => Node::Concat(items),
        })
    }

    fn quantified(&mut self, atom: Node, start: usize) -> Option<Node> {
        let mut node = atom;
        loop {
            self.skip_verbose();
            let (min, max) = match self.peek() {
                Some('*') => {
                    self.at += 1;
                    (0, None)
                }
                Some('+') => {
                    self.at += 1;
                    (1, None)
                }
                Some('?') => {
                    self.at += 1;
                    (0, Some(1))
                }
                Some('{') => match self.braces() {
                    Some(bounds) => bounds,
                    None => return Some(node),
                },
                _ => return Some(node),
            };
            let possessive = self.eat('+');
            if !possessive {
                self.eat('?');
            }
            node = if possessive {
                Node::Opaque
            } else {
                Node::Repeat {
                    body: Box::new(node),
                    min,
                    max,
                    span: (start, self.at),
                }
            };
        }
    }

    /// `{m}`, `{m,}`, `{,n}`, `{m,n}`; anything else is a literal `{`.
    fn braces(&mut self) -> Option<(u32, Option<u32>)> {
        let mut at = self.at + 1;
        let number = |at: &mut usize| -> Option<u32> {
            let begin = *at;
            while self.chars.get(*at).is_some_and(char::is_ascii_digit) {
                *at += 1;
            }
            if *at == begin {
                return None;
            }
            self.chars[begin..*at]
                .iter()
                .collect::<String>()
                .parse()
                .ok()
        };
        let min = number(&mut at);
        let max = if self.chars.get(at) == Some(&',') {
            at += 1;
            number(&mut at)
        } else {
            Some(min?)
        };
        if self.chars.get(at) != Some(&'}') {
            return None;
        }
        self.at = at + 1;
        Some((min.unwrap_or(0), max))
    }

    fn atom(&mut self) -> Option<Node> {
        let c = self.peek()?;
        self.at += 1;
        Some(match c {
            '(' => self.group()?,
            '[' => {
                let set = self.class()?;
                self.set(set)
            }
            '.' => {
                let set = if self.flags.dot_all {
                    CharSet::default().negate()
                } else {
                    CharSet::char('\n').negate()
                };
                Node::Set(set)
            }
            '^' | '$' => Node::Opaque,
            '\\' => self.escape()?,
            ')' => return None,
            other => self.set(CharSet::char(other)),
        })
    }

    fn group(&mut self) -> Option<Node> {
        if !self.eat('?') {
            return self.group_body();
        }
        if self.eat(':') {
            return self.group_body();
        }
        if self.starts_with("P<") {
            self.skip_past('>')?;
            return self.group_body();
        }
        if self.starts_with("P=") {
            self.skip_past(')')?;
            return Some(Node::Opaque);
        }
        if self.eat('#') {
            self.skip_past(')')?;
            return Some(Node::Empty);
        }
        if self.eat('=') || self.eat('!') || self.eat('>') {
            self.group_body()?;
            return Some(Node::Opaque);
        }
        if self.starts_with("<=") || self.starts_with("<!") {
            self.at += 2;
            self.group_body()?;
            return Some(Node::Opaque);
        }
        if self.starts_with("<") {
            self.skip_past('>')?;
            return self.group_body();
        }
        if self.eat('(') {
            // Conditional `(?(1)yes|no)`: matched one way or the other.
            self.skip_past(')')?;
            self.group_body()?;
            return Some(Node::Opaque);
        }
        // Inline flags: `(?i)` (global, handled up front) or `(?i-s:...)`.
        let saved = self.flags;
        let mut on = true;
        loop {
            match self.peek()? {
                ')' => {
                    self.at += 1;
                    return Some(Node::Empty);
                }
                ':' => {
                    self.at += 1;
                    let body = self.group_body();
                    self.flags = saved;
                    return body;
                }
                '-' => {
                    on = false;
                    self.at += 1;
                }
                c if c.is_ascii_alphabetic() => {
                    self.apply_flag(c, on);
                    self.at += 1;
                }
                _ => return None,
            }
        }
    }

    fn group_body(&mut self) -> Option<Node> {
        let body = self.alternation()?;
        self.eat(')').then_some(body)
    }

    fn skip_past(&mut self, end: char) -> Option<()> {
        while let Some(c) = self.peek() {
            self.at += 1;
            if c == end {
                return Some(());
            }
        }
        None
    }

    fn escape(&mut self) -> Option<Node> {
        let c = self.peek()?;
        self.at += 1;
        if let Some(set) = CharSet::class(c) {
            return Some(Node::Set(set));
        }
        Some(match c {
            'b' | 'B' | 'A' | 'Z' => Node::Opaque,
            '1'..='9' => {
                if self.peek().is_some_and(|d| d.is_ascii_digit()) {
                    self.at += 1;
                }
                Node::Opaque
            }
            _ => {
                let literal = self.escaped_char(c)?;
                self.set(literal)
            }
        })
    }

    /// The character an escape other than a class stands for.
    fn escaped_char(&mut self, c: char) -> Option<CharSet> {
        let hex = |parser: &mut Self, digits: usize| -> Option<CharSet> {
            let text: String = (0..digits).filter_map(|i| parser.peek_at(i)).collect();
            if text.len() != digits {
                return None;
            }
            parser.at += digits;
            let code = u32::from_str_radix(&text, 16).ok()?;
            Some(char::from_u32(code).map_or(CharSet::non_ascii(U_OTHER), CharSet::char))
        };
        Some(match c {
            'n' => CharSet::char('\n'),
            't' => CharSet::char('\t'),
            'r' => CharSet::char('\r'),
            'f' => CharSet::char('\x0c'),
            'v' => CharSet::char('\x0b'),
            'a' => CharSet::char('\x07'),
            '0' => {
                let mut code = 0u32;
                for _ in 0..2 {
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            code = code * 8 + d;
                            self.at += 1;
                        }
                        None => break,
                    }
                }
                CharSet::char(char::from_u32(code)?)
            }
            'x' => hex(self, 2)?,
            'u' => hex(self, 4)?,
            'U' => hex(self, 8)?,
            'N' => {
                self.skip_past('}')?;
                CharSet {
                    ascii: 0,
                    some: U_ALL,
                    all: 0,
                }
            }
            other => CharSet::char(other),
        })
    }

    /// A character class, after its `[`.
    fn class(&mut self) -> Option<CharSet> {
        let negated = self.eat('^');
        let mut set = CharSet::default();
        let mut first = true;
        loop {
            let c = self.peek()?;
            self.at += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let low = if c == '\\' {
                let e = self.peek()?;
                self.at += 1;
                if let Some(class) = CharSet::class(e) {
                    set = set.union(class);
                    continue;
                }
                match e {
                    'b' => Some('\x08'),
                    _ => {
                        let single = self.escaped_char(e)?;
                        set = set.union(single);
                        single_char(single)
                    }
                }
            } else {
                Some(c)
            };
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|n| n != ']') {
                self.at += 1;
                let high = match self.peek()? {
                    '\\' => {
                        self.at += 1;
                        let e = self.peek()?;
                        self.at += 1;
                        single_char(self.escaped_char(e)?)
                    }
                    h => {
                        self.at += 1;
                        Some(h)
                    }
                };
                match (low, high) {
                    (Some(low), Some(high)) => set = set.union(CharSet::range(low, high)),
                    _ => {
                        set = set.union(CharSet {
                            ascii: 0,
                            some: U_ALL,
                            all: 0,
                        })
                    }
                }
            } else if let Some(low) = low {
                set = set.union(CharSet::char(low));
            }
        }
        if self.flags.ignore_case {
            set = set.fold_case();
        }
        Some(if negated { set.negate() } else { set })
    }
}

/// The single ASCII character of a set made from one character, if any.
fn single_char(set: CharSet) -> Option<char> {
    (set.ascii.count_ones() == 1 && set.some == 0)
        .then(|| char::from_u32(set.ascii.trailing_zeros()))
        .flatten()
}

/// Entries of a first/last set: position and in how many ways (1 or 2+).
type Multiset = Vec<(usize, u8)>;

fn add(into: &mut Multiset, from: &Multiset, times: u8) {
    if times == 0 {
        return;
    }
    for &(p, n) in from {
        let n = (n * times).min(2);
        match into.iter_mut().find(|(q, _)| *q == p) {
            Some((_, m)) => *m = (*m + n).min(2),
            None => into.push((p, n)),
        }
    }
}

struct Fragment {
    first: Multiset,
    last: Multiset,
    /// In how many ways the fragment matches the empty string (0, 1, 2+).
    nullable: u8,
}

struct Loop {
    first_position: usize,
    end_position: usize,
    span: (usize, usize),
}

#[derive(Default)]
struct Automaton {
    /// The character set of each position; `None` for opaque positions.
    positions: Vec<Option<CharSet>>,
    /// `(from, to)` -> in how many ways the pattern allows the step.
    follow: HashMap<(usize, usize), u8>,
    loops: Vec<Loop>,
}

impl Automaton {
    fn position(&mut self, set: Option<CharSet>) -> Option<Fragment> {
        if self.positions.len() >= MAX_POSITIONS {
            return None;
        }
        let p = self.positions.len();
        self.positions.push(set);
        Some(Fragment {
            first: vec![(p, 1)],
            last: vec![(p, 1)],
            nullable: 0,
        })
    }

    fn connect(&mut self, last: &Multiset, first: &Multiset) {
        for &(p, m) in last {
            for &(q, n) in first {
                let entry = self.follow.entry((p, q)).or_insert(0);
                *entry = (*entry + m * n).min(2);
            }
        }
    }

    fn build(&mut self, node: &Node, depth: usize) -> Option<Fragment> {
        if depth > MAX_DEPTH * 2 {
            return None;
        }
        match node {
            Node::Set(set) => self.position(Some(*set)),
            Node::Opaque => self.position(None),
            Node::Empty => Some(Fragment {
                first: Vec::new(),
                last: Vec::new(),
                nullable: 1,
            }),
            Node::Concat(items) => {
                let mut whole = Fragment {
                    first: Vec::new(),
                    last: Vec::new(),
                    nullable: 1,
                };
                for item in items {
                    let next = self.build(item, depth + 1)?;
                    self.connect(&whole.last, &next.first);
                    let mut first = whole.first;
                    add(&mut first, &next.first, whole.nullable);
                    let mut last = next.last.clone();
                    add(&mut last, &whole.last, next.nullable);
                    whole = Fragment {
                        first,
                        last,
                        nullable: (whole.nullable * next.nullable).min(2),
                    };
                }
                Some(whole)
            }
            Node::Alt(branches) => {
                let mut whole = Fragment {
                    first: Vec::new(),
                    last: Vec::new(),
                    nullable: 0,
                };
                for branch in branches {
                    let next = self.build(branch, depth + 1)?;
                    add(&mut whole.first, &next.first, 1);
                    add(&mut whole.last, &next.last, 1);
                    whole.nullable = (whole.nullable + next.nullable).min(2);
                }
                Some(whole)
            }
            Node::Repeat {
                body,
                min,
                max,
                span,
            } => {
                if *max == Some(0) {
                    return Some(Fragment {
                        first: Vec::new(),
                        last: Vec::new(),
                        nullable: 1,
                    });
                }
                let first_position = self.positions.len();
                let inner = self.build(body, depth + 1)?;
                let optional = *min == 0;
                if let Some(count) = *max
                    && count > 1
                    && count <= MAX_UNROLL
                {
                    return self.build(&unrolled(body, (*min).min(count), count), depth + 1);
                }
                if *max == Some(1) {
                    return Some(Fragment {
                        nullable: if optional {
                            inner.nullable.max(1)
                        } else {
                            inner.nullable
                        },
                        ..inner
                    });
                }
                self.connect(&inner.last, &inner.first);
                self.loops.push(Loop {
                    first_position,
                    end_position: self.positions.len(),
                    span: *span,
                });
                Some(Fragment {
                    nullable: if optional { 1 } else { inner.nullable },
                    ..inner
                })
            }
        }
    }

    fn overlaps(&self, p: usize, q: usize) -> bool {
        if p == q {
            return true;
        }
        match (self.positions[p], self.positions[q]) {
            (Some(a), Some(b)) => a.overlaps(b),
            _ => false,
        }
    }

    /// The position range (lowest, highest) of a loop that reads some text
    /// in two ways and can be followed by a failure, if there is one. A
    /// loop that can end the whole match (one of its positions is `final`)
    /// cannot be forced to fail: the matcher stops there with a success.
    fn ambiguous_loop(&self, finals: &[usize]) -> Option<(usize, usize)> {
        let n = self.positions.len();
        let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &(p, q) in self.follow.keys() {
            successors[p].push(q);
        }
        for list in &mut successors {
            list.sort_unstable();
        }
        let component = strongly_connected(&successors);
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        for (p, c) in component.iter().enumerate() {
            members.entry(*c).or_default().push(p);
        }
        let mut ids: Vec<_> = members.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            let nodes = &members[&id];
            let cyclic = nodes.len() > 1 || successors[nodes[0]].contains(&nodes[0]);
            if !cyclic {
                continue;
            }
            let can_fail_after = !nodes.iter().any(|p| finals.contains(p))
                && nodes
                    .iter()
                    .any(|&p| successors[p].iter().any(|&q| component[q] != id));
            if !can_fail_after {
                continue;
            }
            let doubled = self
                .follow
                .iter()
                .any(|(&(p, q), &m)| m >= 2 && component[p] == id && component[q] == id);
            if doubled || self.two_paths(nodes, &successors, &component, id) {
                let low = *nodes.iter().min()?;
                let high = *nodes.iter().max()?;
                return Some((low, high));
            }
        }
        None
    }

    /// Whether two different paths through the loop `nodes` read the same
    /// text: in the product of the loop with itself, a pair of different
    /// positions lies on a cycle through a pair of equal ones.
    fn two_paths(
        &self,
        nodes: &[usize],
        successors: &[Vec<usize>],
        component: &[usize],
        id: usize,
    ) -> bool {
        if nodes.len() < 2 || nodes.len() > MAX_LOOP_POSITIONS {
            return false;
        }
        // The product has (sum of out-degrees)^2 edges: keep it small.
        let steps: usize = nodes.iter().map(|p| successors[*p].len()).sum();
        if steps.saturating_mul(steps) > MAX_PRODUCT_EDGES {
            return false;
        }
        let index: HashMap<usize, usize> = nodes.iter().enumerate().map(|(i, p)| (*p, i)).collect();
        let k = nodes.len();
        let mut pair_successors: Vec<Vec<usize>> = vec![Vec::new(); k * k];
        for (i, &p) in nodes.iter().enumerate() {
            for (j, &r) in nodes.iter().enumerate() {
                let list = &mut pair_successors[i * k + j];
                for &p2 in successors[p].iter().filter(|q| component[**q] == id) {
                    for &r2 in successors[r].iter().filter(|q| component[**q] == id) {
                        if self.overlaps(p2, r2) {
                            list.push(index[&p2] * k + index[&r2]);
                        }
                    }
                }
            }
        }
        let pair_component = strongly_connected(&pair_successors);
        let mut diagonal = std::collections::HashSet::new();
        for i in 0..k {
            let c = pair_component[i * k + i];
            let on_cycle = pair_successors[i * k + i]
                .iter()
                .any(|s| pair_component[*s] == c);
            if on_cycle {
                diagonal.insert(c);
            }
        }
        (0..k * k).any(|v| v / k != v % k && diagonal.contains(&pair_component[v]))
    }
}

/// `x{min,max}` as `x` written `min` times followed by nested optional
/// copies (`x{1,3}` is `x(?:x(?:x)?)?`), so the copies form no loop.
fn unrolled(body: &Node, min: u32, max: u32) -> Node {
    let optional = |node: Node| Node::Repeat {
        body: Box::new(node),
        min: 0,
        max: Some(1),
        span: (0, 0),
    };
    let mut tail = Node::Empty;
    for _ in min..max {
        tail = optional(Node::Concat(vec![body.clone(), tail]));
    }
    let mut items: Vec<Node> = (0..min).map(|_| body.clone()).collect();
    items.push(tail);
    Node::Concat(items)
}

/// Tarjan's strongly connected components, iteratively: the component id
/// of every node.
fn strongly_connected(successors: &[Vec<usize>]) -> Vec<usize> {
    let n = successors.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut child)) = work.last_mut() {
            if *child == 0 && index[v] == usize::MAX {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = successors[v].get(*child) {
                *child += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::{Flags, analyse};

    fn exponential(pattern: &str) -> bool {
        analyse(pattern, Flags::default(), false).is_some()
    }

    #[test]
    fn nested_and_ambiguous_loops_are_found() {
        for pattern in [
            r"(a+)+$",
            r"^(a+)+b",
            r"(\w+\s?)*$",
            r"(a|a)*b",
            r"(a|b|ab)*c",
            r"^(\d+)*x",
            r"(.*,)*end",
            r"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@)",
            r"(?:x+x+)+y",
            r"(\w+\d)+$",
            r"(?:\w|\d)+!",
            r"(\.\w+\d+)*$",
            r"(a{1,2}){2,}$",
        ] {
            assert!(exponential(pattern), "{pattern}");
        }
    }

    #[test]
    fn linear_patterns_are_not() {
        for pattern in [
            r"(a+)+",
            r"^(ab+)*$",
            r"(a|ab)*c",
            r"^\d+$",
            r"[a-z]+@[a-z]+\.com",
            r"(\d{1,3}\.){3}\d{1,3}",
            r"(?:\s*,\s*\w+)*$",
            r"(\b\w+\b\s*)+$",
            r"(?>a+)+b",
            r"(a++)+b",
            r"(a+b)+$",
            r"\s*#.*$",
            r"(abc",
            r"(a+)+b?",
            r"^([\da-f]{0,4}:?){1,6}$",
            r"^(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$",
            r"<(?:[\s/]*(?:\w+(?:\s*=\s*\w+)?(?:\s|/)*)*)?\s*",
        ] {
            assert!(!exponential(pattern), "{pattern}");
        }
    }

    #[test]
    fn flags_and_fullmatch_count() {
        assert!(analyse(r"(a+)+", Flags::default(), true).is_some());
        let verbose = Flags {
            verbose: true,
            ..Flags::default()
        };
        assert!(analyse("( a + ) +  # nested\n $", verbose, false).is_some());
        let case = Flags {
            ignore_case: true,
            ..Flags::default()
        };
        assert!(analyse(r"(a|A)*b", case, false).is_some());
        assert!(!exponential(r"(a|A)*b"));
    }

    #[test]
    fn the_reported_loop_is_the_ambiguous_one() {
        let found = analyse(r"^x(\w+\s?)*$", Flags::default(), false).unwrap();
        assert_eq!(found.sub_pattern, r"(\w+\s?)*");
    }

    #[test]
    fn hostile_patterns_are_bounded() {
        let deep = "(".repeat(10_000) + &")".repeat(10_000);
        assert!(!exponential(&deep));
        let long = "a*".repeat(5_000);
        assert!(!exponential(&long));
    }
}

/// The shapes the dataflow engine's own check once judged differently:
/// one analysis now answers for the `redos-pattern` rule and the
/// `redos-tainted` sinks.
#[cfg(test)]
mod one_answer {
    use super::*;

    fn prone(pattern: &str) -> bool {
        analyse(pattern, Flags::default(), false).is_some()
    }

    #[test]
    fn ambiguous_loops_are_prone_and_delimited_ones_are_not() {
        assert!(prone(r"^(a+)+$"));
        assert!(prone(r"(\w+\s?)*$"));
        assert!(prone(r"^(a|a)*$"));
        assert!(prone(r"^((a+)b?)*$"));
        assert!(!prone(r"^(\d{1,}x)+$"));
        assert!(!prone(r"^[a-z]+$"));
        assert!(!prone(r"(ab)+"));
        assert!(!prone(r"[(a+)+]"));
    }
}
