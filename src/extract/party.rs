//! Party letters in parentheses and their names.
//!
//! Accepted forms: `(A)`, `(Ø)`, `( V )`, `(UP)`, `(KF)`, `(EL)`, `(SF)`, `(UFP)` — a letter or a
//! known multi-letter code, mapped to the canonical letter (KF→C, EL→Ø, …) by `data/parties.csv`.
//! Anything longer in parentheses ("(KKR Nordjylland)", "(Dansk Industri)") is not a party.

use crate::refdata;

/// The canonical party letter for the content of a parenthesis, if it is a party code.
pub fn party_in_parens(inner: &str) -> Option<String> {
    let inner = inner.trim();
    let is_code = (1..=3).contains(&inner.chars().count())
        && inner.chars().all(|c| c.is_alphabetic() && c.is_uppercase());
    if !is_code {
        return None;
    }
    refdata::party_letter(inner)
}

/// The party's name for a letter, in the meeting's year when known.
pub fn party_name(letter: &str, year: Option<i32>) -> Option<String> {
    refdata::party(letter, year).map(|p| p.name.clone())
}

/// Splits `text` into the parts outside parentheses and the contents of top-level
/// parentheses, in order: "Name (V) (KKR)" → ("Name", ["V", "KKR"]).
pub fn split_parens(text: &str) -> (String, Vec<String>) {
    let mut outside = String::new();
    let mut groups = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for ch in text.chars() {
        match ch {
            '(' => {
                if depth > 0 {
                    current.push(ch);
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    groups.push(current.trim().to_owned());
                    current.clear();
                    outside.push(' ');
                } else {
                    current.push(ch);
                }
            }
            _ if depth > 0 => current.push(ch),
            _ => outside.push(ch),
        }
    }
    if depth > 0 {
        // An unclosed parenthesis is kept as text, not dropped.
        outside.push('(');
        outside.push_str(&current);
    }
    (outside.split_whitespace().collect::<Vec<_>>().join(" "), groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_codes_in_parentheses() {
        assert_eq!(party_in_parens("A").as_deref(), Some("A"));
        assert_eq!(party_in_parens(" Ø ").as_deref(), Some("Ø"));
        assert_eq!(party_in_parens("KF").as_deref(), Some("C"));
        assert_eq!(party_in_parens("UP").as_deref(), Some("UP"));
        assert_eq!(party_in_parens("KKR Nordjylland"), None);
        assert_eq!(party_in_parens("HORESTA"), None);
        assert_eq!(party_in_parens("a"), None);
    }

    #[test]
    fn parentheses_are_split_out() {
        let (outside, groups) = split_parens("Mogens Jespersen, (V) (KKR Nordjylland)");
        assert_eq!(outside, "Mogens Jespersen,");
        assert_eq!(groups, ["V", "KKR Nordjylland"]);
        let (outside, groups) = split_parens("Name (unclosed");
        assert_eq!(outside, "Name (unclosed");
        assert!(groups.is_empty());
    }
}
