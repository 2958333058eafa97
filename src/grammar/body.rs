//! `G-BODY`: the meeting's body on a title line, as written. A body is a phrase ending in a
//! body noun (`data/body_nouns.txt`: udvalget, byråd, kommunalbestyrelsen, amtsrådet, rådet …),
//! `Udvalget for …`, or `KKR <region>`, with an optional abbreviation in parentheses.
//!
//! Accepted (body in brackets): `[Byrådet]`, `[GRENAA BYRÅD]`, `[TEKNIK- OG MILJØUDVALGET]`,
//! `[Udvalget for plan, udvikling og kultur (PUK)]`, `[KKR Nordjylland]`, `REFERAT [Aarhus
//! Byråd] d. 27-08-2025`, `Referat - [Byrådet]`, `Referat fra ekstraordinært møde i
//! [Økonomiudvalget]`, `Referat af ordinært møde i [Teknik- og Miljøudvalget]`, `af ordinært
//! møde i [Nakskov Byråd]`, `Referat til mødet i [Udvalget for Kultur og Fritid] den 2. marts`,
//! `År 1976, tirsdag den 14. september kl. 19.00, holdt [Skagen Byråd] ordinært møde`.
//! Rejected: `Byrådet godkendte budgettet.` (a sentence), `Orientering fra KKR Nordjylland`
//! (an item title), `Deltagere fra KKR Nordjylland` (an attendance heading), `Referat`.

use regex::Regex;
use std::sync::LazyLock;

static NOUNS: LazyLock<String> = LazyLock::new(|| {
    let mut nouns: Vec<&str> = include_str!("../../data/body_nouns.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    nouns.sort_by_key(|n| std::cmp::Reverse(n.len()));
    nouns.join("|")
});

/// A body phrase: capitalised words (with "og", "for", commas and elision hyphens) ending in a
/// body noun, or "Udvalget for …", or "KKR <Region>".
static BODY: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:KKR\s+\p{{Lu}}\p{{L}}+|(?i:udvalget)\s+for\s+[^\d()]{{3,100}}?|(?:\p{{Lu}}[\p{{L}}\-]*,?\s+(?:(?:og|for|OG|FOR|\p{{Lu}}[\p{{L}}\-]*,?)\s+)*)?\p{{L}}*(?i:{}))(?:\s*\([\p{{Lu}}]{{2,6}}\))?",
        *NOUNS
    )
});

// The whole line is the body, maybe after the document kind and before a date.
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?i:referat|dagsorden|beslutningsprotokol|mødeprotokol)\s*(?:[-–:]\s*|(?i:for|fra|af)\s+)?\s*)?(?P<body>{})(?:\s+(?:d\.|den)\s+.*|\s*[-–]\s*\d.*)?$",
        *BODY
    ))
    .expect("regex")
});

// "… møde i <body>", "… mødet i <body>": a sentence naming the meeting.
static MEETING_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:(?:referat|dagsorden|beslutningsprotokol)\s+(?:til|af|fra|for)\s+|af\s+|fra\s+)?(?i:(?:ordinært|ekstraordinært|ordinær|ekstraordinær)\s+)?(?i:mødet|møde)\s+i\s+(?P<body>{})(?:\s+(?i:den|d\.|kl\.?|på|i|tirsdag|mandag|onsdag|torsdag|fredag|lørdag|søndag)\s.*|\s*,.*|\.)?$",
        *BODY
    ))
    .expect("regex")
});

// "…, holdt Skagen Byråd ordinært møde" (older protocols)
static HELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\bholdt\s+(?P<body>{})(?:\s+(?i:ordinært|ekstraordinært|møde)\b|$)",
        *BODY
    ))
    .expect("regex")
});

/// The regex of a body phrase (no anchors, no groups), for patterns that embed a body.
pub fn body_pattern() -> &'static str {
    &BODY
}

/// The body named on `line`, as written.
pub fn parse(line: &str) -> Option<String> {
    let text = line.trim();
    let caps = TITLE
        .captures(text)
        .or_else(|| MEETING_IN.captures(text))
        .or_else(|| HELD.captures(text))?;
    let body = caps["body"].trim().trim_end_matches(',').trim();
    (!body.is_empty()).then(|| body.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted() {
        for (line, body) in [
            ("Byrådet", "Byrådet"),
            ("GRENAA BYRÅD", "GRENAA BYRÅD"),
            ("TEKNIK- OG MILJØUDVALGET", "TEKNIK- OG MILJØUDVALGET"),
            ("Amtsrådet", "Amtsrådet"),
            (
                "Udvalget for plan, udvikling og kultur (PUK)",
                "Udvalget for plan, udvikling og kultur (PUK)",
            ),
            ("KKR Nordjylland", "KKR Nordjylland"),
            ("REFERAT Aarhus Byråd d. 27-08-2025", "Aarhus Byråd"),
            ("Referat - Byrådet", "Byrådet"),
            ("Referat fra ekstraordinært møde i Økonomiudvalget", "Økonomiudvalget"),
            ("Referat af ordinært møde i Teknik- og Miljøudvalget", "Teknik- og Miljøudvalget"),
            ("af ordinært møde i Nakskov Byråd", "Nakskov Byråd"),
            (
                "Referat til mødet i Udvalget for Kultur og Fritid den 2. marts 2021 kl. 15:30",
                "Udvalget for Kultur og Fritid",
            ),
            (
                "År 1976, tirsdag den 14. september kl. 19.00, holdt Skagen Byråd ordinært",
                "Skagen Byråd",
            ),
            ("Sundheds- og Forebyggelsesudvalget", "Sundheds- og Forebyggelsesudvalget"),
            ("Klima-, Teknik- og Miljøudvalget", "Klima-, Teknik- og Miljøudvalget"),
        ] {
            assert_eq!(parse(line).as_deref(), Some(body), "{line}");
        }
    }

    #[test]
    fn rejected() {
        for line in [
            "Byrådet godkendte budgettet.",
            "Orientering fra KKR Nordjylland",
            "Deltagere fra KKR Nordjylland",
            "Referat",
            "Indstilling til Byrådet:",
            "Sagen afgøres i Byrådet",
        ] {
            assert!(parse(line).is_none(), "{line}");
        }
    }
}
