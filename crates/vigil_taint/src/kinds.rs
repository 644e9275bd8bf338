//! Sets of dataflow rules as bit masks: which sinks a value is safe for,
//! which sinks a source may be reported at.

/// Index of a dataflow rule in the models (catalog order).
pub type RuleId = u8;

/// A set of rules, one bit each (at most 32 rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct KindSet(pub u32);

impl KindSet {
    pub const EMPTY: KindSet = KindSet(0);
    pub const ALL: KindSet = KindSet(u32::MAX);

    pub fn one(rule: RuleId) -> KindSet {
        KindSet(1u32 << rule)
    }

    pub fn contains(self, rule: RuleId) -> bool {
        self.0 & (1u32 << rule) != 0
    }

    pub fn union(self, other: KindSet) -> KindSet {
        KindSet(self.0 | other.0)
    }

    pub fn intersect(self, other: KindSet) -> KindSet {
        KindSet(self.0 & other.0)
    }

    pub fn without(self, other: KindSet) -> KindSet {
        KindSet(self.0 & !other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// Facts a value carries beyond its origins (bit flags).
pub mod flags {
    /// Made absolute with `..` resolved (`realpath`, `Path.resolve`): a
    /// prefix check afterwards proves the path stays in its directory.
    pub const NORMALIZED_PATH: u8 = 1;
    /// Came in through a parameter from a caller (entry taint), not from a
    /// source read in this function: never part of a return summary.
    pub const FROM_CALLER: u8 = 2;
    /// Passed through a heuristic step (a sink matched by receiver name):
    /// reported with medium confidence.
    pub const GUESSED: u8 = 4;
    /// Checked to hold no `..` (`if ".." in name: abort(400)`).
    pub const NO_PARENT_STEP: u8 = 8;
    /// Checked not to be absolute (`if name.startswith("/"): abort(400)`).
    pub const NOT_ABSOLUTE: u8 = 16;
    /// Checked to hold no `'`, or with every `'` removed: between two `'`
    /// of a query it stays one literal.
    pub const NO_SINGLE_QUOTE: u8 = 32;
    /// The same for `"`.
    pub const NO_DOUBLE_QUOTE: u8 = 64;

    /// The flag saying a value holds no `quote`.
    pub fn no_quote(quote: char) -> u8 {
        if quote == '"' {
            NO_DOUBLE_QUOTE
        } else {
            NO_SINGLE_QUOTE
        }
    }

    /// Parses a flag name of a model file.
    pub fn parse(name: &str) -> Option<u8> {
        match name {
            "normalized-path" => Some(NORMALIZED_PATH),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_combine() {
        let a = KindSet::one(0).union(KindSet::one(3));
        assert!(a.contains(3) && !a.contains(2));
        assert_eq!(a.intersect(KindSet::one(3)), KindSet::one(3));
        assert!(KindSet::ALL.contains(31));
        assert!(KindSet::EMPTY.is_empty());
    }
}
