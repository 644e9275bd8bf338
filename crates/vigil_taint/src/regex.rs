//! What a match with a regular expression pattern (given as a constant)
//! proves: that the text holds only harmless characters. Whether matching
//! can backtrack exponentially is the knowledge layer's question
//! (`vigil_knowledge::redos`).

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
}
