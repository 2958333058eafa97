//! Agenda item headings.
//!
//! Accepted forms:
//! - `1. Godkendelse af dagsorden`, `2.1. Dialogmøde om …`, `2.1 Dialogmøde …` (sub-items)
//! - `715. Kulturkommune 2017. Politiske fokusområder` (running yearly numbers; periods in titles)
//! - `Punkt 3: Svar på forslag …`, `Pkt. 4. Budget`
//! - `Lukket: Køb af landbrugsejendom` after the number → closed item
//!
//! Not items: table-of-contents lines with dot leaders (`Godkendelse af dagsorden.......  3`),
//! numbered sentences (`2. Kommunen skal …` ending in a period), dates (`5. februar 2021`).

use regex::Regex;
use std::sync::LazyLock;

/// A recognised item heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemHeading {
    pub number: String,
    pub title: String,
    pub closed: bool,
}

// "Punkt 3: title", "Pkt. 4. title"
static PUNKT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:punkt|pkt\.?)\s*(?P<num>\d{1,4}(?:\.\d{1,3})*)\s*[:.]?\s+(?P<title>\S.*)$")
        .expect("regex")
});

// "1. title", "2.1. title", "2.1 title", "715. title"
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<num>\d{1,4}(?:\.\d{1,3})*\.|\d{1,4}(?:\.\d{1,3})+)\s+(?P<title>\S.*)$")
        .expect("regex")
});

// Dot leaders and a page number: a table-of-contents entry.
static TOC_LEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\.{4,}|…{2,}|(?:\. ){4,})\s*\d{0,4}\s*$").expect("regex"));

// "Lukket: title", "Lukket punkt: title", "(Lukket) title"
static CLOSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:lukket(?:\s+punkt)?\s*:\s*|\(lukket\)\s*)(?P<title>.+)$").expect("regex")
});

/// True for a table-of-contents line.
pub fn is_toc_line(line: &str) -> bool {
    TOC_LEADER.is_match(line.trim())
}

/// "Lukket: Køb af ejendom" → ("Køb af ejendom", true); other titles unchanged.
pub fn closed_title(title: &str) -> (String, bool) {
    match CLOSED.captures(title) {
        Some(c) => (c["title"].trim().to_owned(), true),
        None => (title.to_owned(), false),
    }
}

// "Sagsnr.: 330-2020-9912    Dok.nr.: 330-2020-501122    Lukket": the access flag of the item
static CLOSED_FLAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|\s)lukket(?:\s+punkt|\s+sag)?\s*$").expect("regex"));

/// True when a line of the item's preamble marks it closed.
pub fn is_closed_flag(line: &str) -> bool {
    CLOSED_FLAG.is_match(line.trim())
}

/// The item heading on `line`, if it is one.
pub fn parse_item_heading(line: &str) -> Option<ItemHeading> {
    let line = line.trim();
    if is_toc_line(line) {
        return None;
    }
    let caps = PUNKT.captures(line).or_else(|| NUMBERED.captures(line))?;
    let number = caps["num"].trim_end_matches('.').to_owned();
    let (title, closed) = closed_title(caps["title"].trim());
    let first = title.chars().next()?;
    let sentence_like = title.ends_with(['.', ',', ';']) || title.chars().count() > 220;
    if !(first.is_uppercase() || first.is_ascii_digit() || first == '"' || first == '”')
        || sentence_like
        || title.chars().filter(|c| c.is_alphabetic()).count() < 2
    {
        return None;
    }
    Some(ItemHeading { number, title, closed })
}

// "1." alone on its line: the title follows on the next line (eDoc layout).
static BARE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:punkt|pkt\.?)\s*)?\d{1,4}(?:\.\d{1,3})*[.:]$").expect("regex")
});

/// True for a line holding only an item number ("1.", "2.1.", "Punkt 3:").
pub fn is_bare_number(line: &str) -> bool {
    BARE_NUMBER.is_match(line.trim())
}

// "Sag nr. 129" on the line after the title (Rødovre, older ESDH prints)
static SAG_NR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^sag\s*nr\.?\s*(?P<num>\d{1,4})\.?$").expect("regex"));

/// The item number of a "Sag nr. 129" line.
pub fn sag_nr(line: &str) -> Option<String> {
    SAG_NR.captures(line.trim()).map(|c| c["num"].to_owned())
}

/// True when `next` can follow `previous` in an agenda: the next number at the same level,
/// the first sub-item, or the next number at a higher level ("2.1" → "2.2", "2.1.1", "3").
pub fn is_successor(previous: &str, next: &str) -> bool {
    let prev: Vec<u32> = previous.split('.').filter_map(|p| p.parse().ok()).collect();
    let next: Vec<u32> = next.split('.').filter_map(|p| p.parse().ok()).collect();
    if prev.is_empty() || next.is_empty() {
        return false;
    }
    if next.len() == prev.len() + 1 && next[..prev.len()] == prev[..] && next[prev.len()] <= 1 {
        return true;
    }
    if next.len() <= prev.len() {
        let level = next.len() - 1;
        return next[..level] == prev[..level]
            && (next[level] == prev[level] + 1 || next[level] == prev[level] + 2);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(line: &str) -> Option<(String, String, bool)> {
        parse_item_heading(line).map(|h| (h.number, h.title, h.closed))
    }

    #[test]
    fn item_forms() {
        assert_eq!(heading(" 1. Godkendelse af dagsorden").unwrap().0, "1");
        assert_eq!(heading("2.1. Dialogmøde om Resultatkontrakt 2021").unwrap().0, "2.1");
        let (n, t, _) = heading("715. Kulturkommune 2017. Politiske fokusområder").unwrap();
        assert_eq!((n.as_str(), t.as_str()), ("715", "Kulturkommune 2017. Politiske fokusområder"));
        assert_eq!(heading("Punkt 3: Svar på forslag fra DD").unwrap().0, "3");
        let (_, t, closed) = heading("12. Lukket: Køb af ejendom").unwrap();
        assert_eq!((t.as_str(), closed), ("Køb af ejendom", true));
    }

    #[test]
    fn not_items() {
        for line in [
            "Godkendelse af dagsorden........ 3",
            "1. Godkendelse af dagsorden .......... 3",
            "Lukket: Køb af landbrugsejendom..............",
            "5. februar 2021 og den 23. marts",
            "2. Kommunen skal sikre at alle får hjælp.",
            "2021 skal bruges som styringsværktøj",
        ] {
            assert!(heading(line).is_none(), "{line}");
        }
    }

    #[test]
    fn sag_nr_lines() {
        assert_eq!(sag_nr("Sag nr. 129").as_deref(), Some("129"));
        assert_eq!(sag_nr("Sag nr. 2012-1234"), None);
    }

    #[test]
    fn successors() {
        assert!(is_successor("1", "2"));
        assert!(is_successor("2", "2.1"));
        assert!(is_successor("2.1", "2.2"));
        assert!(is_successor("2.1", "3"));
        assert!(is_successor("715", "716"));
        assert!(!is_successor("2.1", "1"));
        assert!(!is_successor("3", "1"));
        assert!(!is_successor("3", "17"));
    }
}
