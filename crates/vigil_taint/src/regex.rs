//! Two questions about regular expression patterns (given as constants):
//! does a match prove the text holds only harmless characters, and can
//! matching backtrack exponentially?

/// What a successful match with `pattern` proves about the matched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validation {
    /// Nothing (the pattern allows dangerous characters or is not anchored).
    None,
    /// The text holds only letters, digits, `_` and `-`, but may end with a
    /// line break (`$` matches before a final newline).
    SafeButNewline,
    /// The text holds only letters, digits, `_` and `-`.
    Safe,
}

/// `anchored_start`: the function matches at the start (`re.match`,
/// `re.fullmatch`); `whole`: it must match the whole text (`fullmatch`).
pub fn validation(pattern: &str, anchored_start: bool, whole: bool) -> Validation {
    let mut chars = pattern.chars().peekable();
    let mut start = anchored_start;
    if pattern.starts_with('^') || pattern.starts_with("\\A") {
        start = true;
    }
    if !start {
        return Validation::None;
    }
    let end = if whole || pattern.ends_with("\\Z") || pattern.ends_with("\\z") {
        Validation::Safe
    } else if pattern.ends_with('$') && !pattern.ends_with("\\$") {
        Validation::SafeButNewline
    } else {
        return Validation::None;
    };
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    return Validation::None;
                };
                match e {
                    'd' | 'w' | 'A' | 'Z' | 'z' | 'b' | '-' | '_' => {}
                    _ => return Validation::None,
                }
            }
            '[' if !in_class => {
                if chars.peek() == Some(&'^') {
                    return Validation::None;
                }
                in_class = true;
            }
            ']' if in_class => in_class = false,
            '^' | '$' if !in_class => {}
            '(' | ')' | '|' | '?' | '*' | '+' | '{' | '}' | ',' if !in_class => {}
            ':' if !in_class => {}
            '-' | '_' => {}
            c if c.is_ascii_alphanumeric() => {}
            _ => return Validation::None,
        }
    }
    if in_class { Validation::None } else { end }
}

/// Whether the pattern nests unbounded repetitions (`(a+)+`, `(\w+\s?)*`),
/// the classic shape of catastrophic backtracking.
pub fn redos_prone(pattern: &str) -> bool {
    let bytes = pattern.as_bytes();
    // For each open group: whether it holds an unbounded repetition.
    let mut groups: Vec<bool> = Vec::new();
    let mut i = 0;
    let mut in_class = false;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\\' => {
                i += 2;
                continue;
            }
            b'[' if !in_class => in_class = true,
            b']' if in_class => in_class = false,
            _ if in_class => {}
            b'(' => groups.push(false),
            b')' => {
                let inner = groups.pop().unwrap_or(false);
                let quantified = unbounded_at(bytes, i + 1);
                if inner && quantified {
                    return true;
                }
                if let Some(outer) = groups.last_mut() {
                    *outer |= inner || quantified;
                }
            }
            b'*' | b'+' => {
                if let Some(g) = groups.last_mut() {
                    *g = true;
                }
            }
            b'{' => {
                if unbounded_at(bytes, i)
                    && let Some(g) = groups.last_mut()
                {
                    *g = true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// Whether an unbounded quantifier (`*`, `+`, `{n,}`) starts at `i`.
fn unbounded_at(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b'*' | b'+') => true,
        Some(b'{') => {
            let rest = &bytes[i + 1..];
            let Some(close) = rest.iter().position(|&b| b == b'}') else {
                return false;
            };
            let inner = &rest[..close];
            inner.ends_with(b",") && inner[..inner.len() - 1].iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validating_patterns() {
        assert_eq!(validation(r"[a-z0-9_-]+", true, true), Validation::Safe);
        assert_eq!(
            validation(r"^[A-Za-z]+$", false, false),
            Validation::SafeButNewline
        );
        assert_eq!(validation(r"^\w+\Z", false, false), Validation::Safe);
        assert_eq!(validation(r"[a-z]+", false, false), Validation::None);
        assert_eq!(validation(r"^[a-z]+", true, false), Validation::None);
        assert_eq!(validation(r"^[^/]+$", true, false), Validation::None);
        assert_eq!(validation(r"^.+$", true, false), Validation::None);
        assert_eq!(validation(r"^[a-z./]+$", true, false), Validation::None);
        assert_eq!(validation(r"\d{1,5}", true, true), Validation::Safe);
    }

    #[test]
    fn backtracking_shapes() {
        assert!(redos_prone(r"^(a+)+$"));
        assert!(redos_prone(r"(\w+\s?)*$"));
        assert!(redos_prone(r"^(\d{1,}x)+"));
        assert!(redos_prone(r"((a+)b?)*"));
        assert!(!redos_prone(r"^[a-z]+$"));
        assert!(!redos_prone(r"(ab)+"));
        assert!(!redos_prone(r"(a{1,3})+"));
        assert!(!redos_prone(r"[(a+)+]"));
    }
}
