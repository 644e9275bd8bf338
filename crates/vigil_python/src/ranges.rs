//! Source ranges: the header of a compound statement, and which of many
//! ranges contain a given one, without comparing every pair.

use ruff_python_ast::Stmt;
use ruff_text_size::{Ranged, TextRange, TextSize};

/// The range of a statement's header: up to the end of an `if`/`while`
/// test, a `for` iterable, the last `with` item, a `def`'s return
/// annotation (or parameters), a `class`'s bases (or name), a `match`
/// subject; `try:` alone. Simple statements are their whole range. A
/// suppression comment on any line of the header applies to it.
#[inline]
pub fn header_range(stmt: &Stmt) -> TextRange {
    let end = match stmt {
        Stmt::If(s) => Some(s.test.end()),
        Stmt::While(s) => Some(s.test.end()),
        Stmt::For(s) => Some(s.iter.end()),
        Stmt::With(s) => s.items.last().map(Ranged::end),
        Stmt::FunctionDef(s) => Some(s.returns.as_ref().map_or(s.parameters.end(), |r| r.end())),
        Stmt::ClassDef(s) => Some(s.arguments.as_ref().map_or(s.name.end(), |a| a.end())),
        Stmt::Match(s) => Some(s.subject.end()),
        Stmt::Try(s) => Some(s.start()),
        _ => None,
    };
    match end {
        Some(end) if end >= stmt.start() => TextRange::new(stmt.start(), end),
        _ => stmt.range(),
    }
}

/// Items by range, sorted by start, with the furthest end reached by the
/// items up to each: the items whose range contains a given one are found
/// walking back from the last that starts at or before it, and the walk
/// stops once no earlier item reaches its end. A file of many flagged calls
/// or functions side by side is then not compared pair by pair.
pub struct Containing<T> {
    items: Vec<(TextRange, T)>,
    reach: Vec<TextSize>,
}

impl<T> Containing<T> {
    pub fn new(items: impl Iterator<Item = (TextRange, T)>) -> Self {
        let mut items: Vec<(TextRange, T)> = items.collect();
        items.sort_by_key(|(r, _)| r.start());
        let reach = items
            .iter()
            .scan(TextSize::default(), |max, (r, _)| {
                *max = (*max).max(r.end());
                Some(*max)
            })
            .collect();
        Self { items, reach }
    }

    /// The items whose range contains `range` (innermost first).
    pub fn containing(&self, range: TextRange) -> impl Iterator<Item = &T> {
        let before = self
            .items
            .partition_point(|(r, _)| r.start() <= range.start());
        (0..before)
            .rev()
            .take_while(move |&k| self.reach[k] >= range.end())
            .filter(move |&k| self.items[k].0.contains_range(range))
            .map(move |k| &self.items[k].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: u32, end: u32) -> TextRange {
        TextRange::new(start.into(), end.into())
    }

    #[test]
    fn the_ranges_holding_one_are_found_innermost_first() {
        let index = Containing::new(
            [
                (range(0, 100), 'a'),
                (range(10, 20), 'b'),
                (range(12, 18), 'c'),
                (range(30, 40), 'd'),
            ]
            .into_iter(),
        );
        let found = |start, end| {
            index
                .containing(range(start, end))
                .copied()
                .collect::<Vec<_>>()
        };
        assert_eq!(found(13, 15), ['c', 'b', 'a']);
        assert_eq!(found(19, 31), ['a']);
        assert_eq!(found(35, 36), ['d', 'a']);
        assert_eq!(found(90, 120), Vec::<char>::new());
    }
}
