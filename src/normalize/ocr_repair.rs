//! Repairs for text read by OCR, applied only to lines that came from OCR, and only where a
//! repair is safe: a gazetteer match or a single-character confusion that no real text has.
//!
//! Forms repaired:
//! - `Hansen; Borgmester` → `Hansen, Borgmester` (a semicolon where listings use commas)
//! - `(4)` → `(A)`, `(@)` → `(Ø)`, `(8)` → `(B)`: a party parenthesis holding a character no
//!   party has, mistaken for one letter only. `(0)` is left alone: Tesseract reads both O and
//!   Ø as 0, and a guessed party is worse than none.
//! - `1: Godkendelse` → `1. Godkendelse` (an item number read with a colon)
//! - `mellem.Erhvervshus`, `KKR.Nordjylland` → a space (a speck read as a period between words)
//! - `Kornmune`, `Komrnune`, `Kommune.` → `Kommune` (edit distance ≤ 2)
//! - `Hjorring Kommune` → `Hjørring Kommune`: a municipality name within edit distance 1
//!   (2 for long names) of exactly one official name or alias

use crate::refdata;
use regex::Regex;
use std::sync::LazyLock;

// "(4)", "( @ )": a single confusable character alone in parentheses
static DIGIT_PARTY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\s*(?P<d>[48@])\s*\)").expect("regex"));

// "1: Godkendelse af dagsorden"
static ITEM_COLON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>\d{1,3}(?:\.\d{1,2})?)[:,]\s+(?P<t>\p{Lu})").expect("regex")
});

// "mellem.Erhvervshus", "KKR.Nordjylland"
static SPECK_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?P<a>\p{L}{2})\.(?P<b>\p{Lu}\p{Ll}{2})").expect("regex"));

/// An OCR'd line with every safe repair applied.
pub fn repair_line(text: &str) -> String {
    let text = ITEM_COLON.replace(text, "$n. $t");
    let text = SPECK_PERIOD.replace_all(&text, "$a $b");
    repair_listing(&text)
}

// "<Name> Kommune" with the word Kommune possibly misspelt
static MUNICIPALITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<name>\p{Lu}[\p{L}\-]{2,}(?:[\s-]\p{Lu}[\p{L}]+)?)\s+(?P<word>[KkR][\p{L}]{4,8})\b",
    )
    .expect("regex")
});

/// The listing text with safe OCR repairs applied.
pub fn repair_listing(text: &str) -> String {
    let text = text.replace(';', ",");
    let text = DIGIT_PARTY.replace_all(&text, |c: &regex::Captures<'_>| {
        let letter = match &c["d"] {
            "4" => "A",
            "8" => "B",
            _ => "Ø",
        };
        format!("({letter})")
    });
    MUNICIPALITY
        .replace_all(&text, |c: &regex::Captures<'_>| {
            let (name, word) = (&c["name"], &c["word"]);
            if edit_distance(&word.to_lowercase(), "kommune") > 2 {
                return c[0].to_owned();
            }
            let repaired = refdata::municipality_near(name).unwrap_or_else(|| name.to_owned());
            format!("{repaired} Kommune")
        })
        .into_owned()
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs() {
        assert_eq!(
            repair_listing("Birgit Hansen; Borgmester Hjørring Kornmune (4)"),
            "Birgit Hansen, Borgmester Hjørring Kommune (A)"
        );
        assert_eq!(
            repair_listing("Per Clausen, Aalborg Kommune (@)"),
            "Per Clausen, Aalborg Kommune (Ø)"
        );
        assert_eq!(
            repair_listing("Sven Bertelsen, Hjorring Kommune (L)"),
            "Sven Bertelsen, Hjørring Kommune (L)"
        );
        assert_eq!(
            repair_listing("Jeppe Hansen, Rebild Kommune ()"),
            "Jeppe Hansen, Rebild Kommune ()"
        );
    }

    #[test]
    fn no_repair_without_evidence() {
        assert_eq!(
            repair_listing("Mads Duedahl (V), Aalborg Kommune"),
            "Mads Duedahl (V), Aalborg Kommune"
        );
        assert_eq!(repair_listing("Anne Hansen (2)"), "Anne Hansen (2)");
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kornmune", "kommune"), 2);
        assert_eq!(edit_distance("hjorring", "hjørring"), 1);
    }
}
