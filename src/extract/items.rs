//! Agenda item headings: the numbering grammar ([`crate::grammar::numbering`]) minus
//! table-of-contents lines (dot leaders `Godkendelse af dagsorden.......  3`, or a page number
//! after a wide gap `1) Godkendelse af dagsorden          2`).

use crate::grammar::numbering;
use regex::Regex;
use std::sync::LazyLock;

/// A recognised item heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemHeading {
    pub number: String,
    pub title: String,
    pub closed: bool,
    /// Only "41 Title": taken where an item's furniture follows.
    pub weak: bool,
}

// Dot leaders and a page number, or a page number after a wide gap: a table-of-contents entry.
static TOC_LEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\.{4,}|…{2,}|(?:\. ){4,})\s*\d{0,4}\s*$|\S\s{3,}\d{1,3}\s*$").expect("regex")
});

/// True for a table-of-contents line.
pub fn is_toc_line(line: &str) -> bool {
    TOC_LEADER.is_match(line.trim())
}

/// "Lukket: Køb af ejendom" → ("Køb af ejendom", true); other titles unchanged.
pub fn closed_title(title: &str) -> (String, bool) {
    numbering::closed_title(title)
}

// "Sagsnr.: 330-2020-9912    Dok.nr.: 330-2020-501122    Lukket": the access flag of the item
static CLOSED_FLAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|\s)lukket(?:\s+punkt|\s+sag)?\s*$").expect("regex"));

/// True when a line of the item's preamble marks it closed.
pub fn is_closed_flag(line: &str) -> bool {
    CLOSED_FLAG.is_match(line.trim())
}

/// The item heading on `line`, if it is one (forms: [`crate::grammar::numbering`]).
pub fn parse_item_heading(line: &str) -> Option<ItemHeading> {
    let line = line.trim();
    if is_toc_line(line) {
        return None;
    }
    let h = numbering::parse_heading(line)?;
    Some(ItemHeading { number: h.number, title: h.title, closed: h.closed, weak: h.weak })
}

/// True for a line holding only an item number ("1.", "2.1.", "Punkt 3:", "Sag 3").
pub fn is_bare_number(line: &str) -> bool {
    numbering::parse_bare(line).is_some()
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
