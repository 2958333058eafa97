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
//! - specks at a line's ends: `”Lars Krarup Nielsen (A)`, `Asger Frost (F) —`, `Tina Kragh (F)-`,
//!   `Til stede: -   i`, `"Tue Bøgh (F) ©`
//! - `(Vv)` → `(V)`: one party letter read twice
//! - `Fraveerende` → `Fraværende`: a heading line within edit distance 2 of exactly one known
//!   heading (attendance and section headings)
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

// "(Vv)", "(AA)": one letter read twice
static DOUBLED_PARTY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\((?P<a>\p{Lu})(?P<b>\p{L})\)").expect("regex"));

/// Whether OCR may have read a speck or stain as `c`: any mark that is neither a letter, a
/// digit, nor a parenthesis or bracket (which close party letters and scopes). Quotes of every
/// kind, dashes, bars, `=`, `~`, `©`, `•` … (Tesseract's choice among them varies with the
/// image decoder, so no fixed list covers them).
fn is_speck(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace() && !matches!(c, '(' | ')' | '[' | ']' | '§')
}

/// An OCR'd line with every safe repair applied.
pub fn repair_line(text: &str) -> String {
    // Each column of a two-column line has its own ends ("Sonja Friis (A)   "Tue Bøgh (F) ©").
    let columns: Vec<String> =
        text.split("   ").map(strip_specks).filter(|c| !c.is_empty()).collect();
    let text = columns.join("   ");
    if let Some(heading) = near_heading(&text) {
        return heading;
    }
    let text = DOUBLED_PARTY.replace_all(&text, |c: &regex::Captures<'_>| {
        if c["a"].to_lowercase() == c["b"].to_lowercase() {
            format!("({})", &c["a"])
        } else {
            c[0].to_owned()
        }
    });
    let text = ITEM_COLON.replace(&text, "$n. $t");
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

/// The line without speck tokens at its ends: leading marks before the first letter or digit,
/// trailing tokens of marks (and a lone "i" or "l") after the last word or parenthesis.
fn strip_specks(text: &str) -> String {
    let text = text.trim_start_matches(|c: char| is_speck(c) || c.is_whitespace());
    // A column holding nothing but a speck ("i", "l").
    if matches!(text.trim(), "i" | "l") {
        return String::new();
    }
    let mut words: Vec<&str> = text.split(' ').collect();
    while words.len() > 1 {
        let Some(last) = words.last() else { break };
        let speck = last.is_empty() || last.chars().all(is_speck) || *last == "i" || *last == "l";
        if !speck {
            break;
        }
        words.pop();
    }
    let joined = words.join(" ");
    let joined = joined.trim_end();
    // "Tina Kragh (F)-", "Tina Kragh (F)._": marks glued to a closing parenthesis (a lone
    // period or colon there ends a sentence or a label, and stays).
    let rest = joined.trim_end_matches(is_speck);
    let tail = &joined[rest.len()..];
    if rest.ends_with(')') && !matches!(tail, "" | "." | ":") {
        return rest.to_owned();
    }
    joined.to_owned()
}

/// A short line that is a misspelt heading, corrected.
fn near_heading(text: &str) -> Option<String> {
    let bare = text.trim().trim_end_matches(':').trim();
    let length = bare.chars().count();
    let known = crate::refdata::is_section_heading(bare)
        || crate::refdata::heading_words().iter().any(|w| w.as_written.eq_ignore_ascii_case(bare));
    if !(6..=40).contains(&length) || known {
        return None;
    }
    let lower = bare.to_lowercase();
    let candidates = crate::refdata::heading_words().iter().map(|w| w.as_written);
    let mut near: Vec<&str> = candidates
        .filter(|h| {
            let d = edit_distance(&lower, &h.to_lowercase());
            d > 0 && d <= 2
        })
        .collect();
    near.dedup();
    match near.as_slice() {
        [only] => {
            Some(format!("{}{}", only, if text.trim_end().ends_with(':') { ":" } else { "" }))
        }
        _ => None,
    }
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
    fn specks_and_misspelt_headings() {
        assert_eq!(repair_line("”Lars Krarup Nielsen (A)"), "Lars Krarup Nielsen (A)");
        assert_eq!(repair_line("Asger Frost (F) —"), "Asger Frost (F)");
        assert_eq!(repair_line("Tina Kragh (F)-"), "Tina Kragh (F)");
        assert_eq!(repair_line("Til stede: -   i"), "Til stede:");
        // The same lines as another JPEG decoder's pixels read.
        assert_eq!(repair_line("‘Lars Krarup Nielsen (A)"), "Lars Krarup Nielsen (A)");
        assert_eq!(repair_line("Til stede: -   '   ="), "Til stede:");
        assert_eq!(repair_line("Tina Kragh (F)._"), "Tina Kragh (F)");
        assert_eq!(repair_line("Godkendt (A)."), "Godkendt (A).");
        assert_eq!(repair_line("Formand Niels Jørgen Holm (Vv)"), "Formand Niels Jørgen Holm (V)");
        assert_eq!(repair_line("Fraveerende"), "Fraværende");
        assert_eq!(repair_line("Indstillling"), "Indstilling");
        assert_eq!(repair_line("Godkendt."), "Godkendt.");
        assert_eq!(
            repair_line("Sonja Friis (A)   \"Tue Bøgh (F) ©"),
            "Sonja Friis (A)   Tue Bøgh (F)"
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
