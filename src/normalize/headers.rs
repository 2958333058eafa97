//! Running page headers and footers: recognised by position (the first and last few lines of
//! a page) and by repetition across pages, plus bare page numbers.
//!
//! Forms recognised:
//! - anywhere: a line ending in `Side 4 af 5` (`Kommunalbestyrelsen 26.03.2018 - Side 4 af 4`),
//!   a bare `- 3 -`, a print date `Udskrevet den 13.05.2014`
//! - page numbers: `Side 3`, `Side 3 af 15`, `3 of 5`, `3/5`, `- 3 -`, `3`
//! - a line repeated near the top or bottom of at least half the pages, digits ignored:
//!   `Sundheds- og Forebyggelsesudvalget`, `Dato: 04.12.2012`, `Referat For Udvalget … Side 2`

use crate::ingest::RawPage;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// How many non-blank lines at each end of a page can be header or footer.
const ZONE: usize = 5;

// "Side 3", "Side 3 af 15", "3 of 5", "3/5", "- 3 -", "3", "Page 2"
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:side|page|s\.)\s*\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?|\d{1,4}\s*(?:af|of|/)\s*\d{1,4}|[-–]?\s*\d{1,3}\s*[-–]?)$")
        .expect("valid regex")
});

// A footer anywhere in a text dump (where pages are not known): a line ending in "Side 4 af 5",
// a bare "- 3 -", a print date ("Udskrevet den 13.05.2014"), or a page field an export left
// empty ("Side" alone: eDoc's FullText).
static PAGE_FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s|–-])(?:side|page)\s*\d{1,4}\s*(?:af|of|/)\s*\d{1,4}\s*$|^(?:side|page)$|^[-–]\s*\d{1,3}\s*[-–]$|^udskrevet\s+(?:den\s+)?\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b.{0,40}$")
        .expect("valid regex")
});

/// True for a page footer that can stand anywhere: the line ends in "Side N af M", is a bare
/// "- N -", or is a print-date line.
pub fn is_page_furniture(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 120 && PAGE_FURNITURE.is_match(text)
}

/// For each page, which of its lines are body text (true) rather than header/footer (false).
pub fn body_lines(pages: &[RawPage]) -> Vec<Vec<bool>> {
    let zones: Vec<Vec<usize>> = pages.iter().map(zone_indices).collect();
    let mut seen_on: HashMap<String, usize> = HashMap::new();
    for (page, zone) in pages.iter().zip(&zones) {
        let mut signatures: Vec<String> =
            zone.iter().map(|&i| signature(&page.lines[i].text)).collect();
        signatures.sort();
        signatures.dedup();
        for s in signatures {
            *seen_on.entry(s).or_default() += 1;
        }
    }
    let threshold = (pages.len() / 2).max(2);
    let is_running = |page: &RawPage, i: usize| {
        let text = page.lines[i].text.trim();
        if PAGE_NUMBER.is_match(text) {
            return true;
        }
        pages.len() >= 2
            && text.chars().count() >= 4
            && !looks_like_content(text)
            && in_margin(page, i)
            && seen_on.get(&signature(text)).is_some_and(|&n| n >= threshold)
    };
    pages
        .iter()
        .zip(&zones)
        .map(|(page, zone)| {
            let mut keep: Vec<bool> =
                page.lines.iter().map(|l| !is_page_furniture(&l.text)).collect();
            // A running header or footer is a block at the page's edge: stop at the first line
            // from the edge that is not one.
            let (top, bottom) = zone_halves(page, zone);
            for edge in [top, bottom] {
                for i in edge {
                    if !is_running(page, i) {
                        break;
                    }
                    keep[i] = false;
                }
            }
            keep
        })
        .collect()
}

/// Lines that repeat on many pages but are the minutes' own structure: section and item
/// headings, case numbers, sentences ("Beslutninger", "Godkendt.", "EMN-2025-003383").
fn looks_like_content(text: &str) -> bool {
    text.ends_with('.')
        || crate::refdata::is_section_heading(text)
        || crate::extract::items::parse_item_heading(text).is_some()
        || crate::extract::case_number::is_bare_case_number(text)
}

/// With positions known: true when the line sits in the top or bottom quarter of the page.
fn in_margin(page: &RawPage, i: usize) -> bool {
    match (page.height, page.lines[i].geometry) {
        (Some(height), Some(g)) if height > 0.0 => g.y > height * 0.75 || g.y < height * 0.25,
        _ => true,
    }
}

/// The zone's line indices from the top edge downwards and from the bottom edge upwards.
fn zone_halves(page: &RawPage, zone: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let filled = page.lines.iter().filter(|l| !l.text.trim().is_empty()).count();
    let top: Vec<usize> = zone.iter().copied().take(ZONE.min(filled)).collect();
    let bottom: Vec<usize> = zone.iter().rev().copied().take(ZONE.min(filled)).collect();
    (top, bottom)
}

/// Indices of the first and last `ZONE` non-blank lines of a page.
fn zone_indices(page: &RawPage) -> Vec<usize> {
    let filled: Vec<usize> = page
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.text.trim().is_empty())
        .map(|(i, _)| i)
        .collect();
    let mut zone: Vec<usize> = filled.iter().take(ZONE).copied().collect();
    zone.extend(filled.iter().rev().take(ZONE));
    zone.sort_unstable();
    zone.dedup();
    zone
}

/// A line's identity across pages: lower case, digits folded, spaces collapsed.
fn signature(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for ch in word.chars() {
            out.push(if ch.is_ascii_digit() { '#' } else { ch.to_ascii_lowercase() });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::RawLine;

    fn page(lines: &[&str]) -> RawPage {
        RawPage { lines: lines.iter().map(|l| RawLine::plain(*l)).collect(), height: None }
    }

    #[test]
    fn repeated_header_and_page_numbers_are_dropped() {
        let pages = vec![
            page(&["Økonomiudvalget", "Dato: 04.12.2012", "Side 1", "1. Meddelelser", "tekst"]),
            page(&["Økonomiudvalget", "Dato: 04.12.2012", "Side 2", "mere tekst", "2 of 3"]),
            page(&["Økonomiudvalget", "Dato: 04.12.2012", "Side 3", "Beslutning", "Godkendt"]),
        ];
        let keep = body_lines(&pages);
        assert_eq!(keep[0], [false, false, false, true, true]);
        assert_eq!(keep[1], [false, false, false, true, false]);
        assert_eq!(keep[2], [false, false, false, true, true]);
    }

    #[test]
    fn repeated_lines_below_the_edge_are_body_text() {
        let titles = ["Budget", "Lokalplan", "Skolestruktur", "Vejplan"];
        let pages: Vec<RawPage> = (1..=4)
            .map(|n| {
                let title = format!("Punkt {n}: {}", titles[n - 1]);
                page(&[
                    title.as_str(),
                    "EMN-2025-003383",
                    "Beslutninger",
                    "Godkendt.",
                    titles[4 - n],
                ])
            })
            .collect();
        let keep = body_lines(&pages);
        assert!(keep.iter().all(|k| k.iter().take(3).all(|&b| b)), "{keep:?}");
    }

    #[test]
    fn single_page_keeps_everything_but_page_numbers() {
        let keep = body_lines(&[page(&["Referat", "Byrådet", "- 1 -"])]);
        assert_eq!(keep[0], [true, true, false]);
    }

    #[test]
    fn furniture_anywhere() {
        for yes in [
            "Byrådet 26.03.2018 - Side 4 af 4",
            "- 3 -",
            "Side",
            "side ",
            "Udskrevet den 13.05.2014",
        ] {
            assert!(is_page_furniture(yes), "{yes}");
        }
        for no in ["Side 3 i sagen", "Sidebemærkning", "Sideløbende projekter"] {
            assert!(!is_page_furniture(no), "{no}");
        }
    }

    #[test]
    fn page_number_pattern() {
        for yes in ["Side 3", "Side 3 af 15", "3 of 5", "- 3 -", "12", "3/5"] {
            assert!(PAGE_NUMBER.is_match(yes), "{yes}");
        }
        for no in ["1. Godkendelse", "Side 3 i sagen", "2021"] {
            assert!(!PAGE_NUMBER.is_match(no), "{no}");
        }
    }
}
