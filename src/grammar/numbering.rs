//! `G-NUM`: agenda item numbers, with the words and punctuation minutes put around them.
//!
//! Accepted headings (number "3", title "Budget 2024"): `3. Budget 2024`, `3: Budget 2024`,
//! `3) Budget 2024`, `3 - Budget 2024`, `3\tBudget 2024`, `3 (Åben) Budget 2024`,
//! `Punkt 3: Budget 2024`, `Pkt. 3. Budget 2024`, `Punkt 3 Budget 2024`, `Sag 3: Budget 2024`,
//! `Sag nr. 3: Budget 2024`, `Dagsordenspunkt 3: Budget 2024`, `Ad 3. Budget 2024`,
//! `Ad pkt. 3. Budget 2024`, `§ 3. Budget 2024`, `Nr. 3. Budget 2024`; sub-items `2.1 Title`,
//! `2.1. Title`; running numbers `715. Title`; the year's running number after an item word
//! `Sag 41/2004: Budget 2024`, `Sag nr. 1/2017 Budget 2024` (number "41", "1"); a title ending
//! in a dotted abbreviation (`2. Lån til Fjernvarme a.m.b.a.`). Closed: `3. Lukket: Title`, `3 (Lukket) Title`,
//! `3. Title (Lukket)`. Bare numbers (the title on the next line): `3.`, `Punkt 3`, `Punkt 3:`,
//! `Sag 3`, `§ 3.`.
//! Rejected: `3 medlemmer stemte for` (lower case), `2. Kommunen skal sikre hjælp.` (a
//! sentence), `2021 Budget` (a bare 4-digit number and a space: a year), `5. februar 2021`.

use regex::Regex;
use std::sync::LazyLock;

/// A recognised item heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedHeading {
    pub number: String,
    pub title: String,
    pub closed: bool,
    /// The heading had an item word ("Punkt", "Sag", "§"): strong evidence of an item.
    pub worded: bool,
    /// Only a number and a space before the title ("41 Godkendelse af dagsorden"): an item only
    /// where what follows looks like one.
    pub weak: bool,
}

// The item word before the number.
const WORD: &str = r"(?:punkt|pkt\.?|sag(?:\s+nr\.?)?|dagsordenspunkt|dagsordenpunkt|ad(?:\s+pkt\.?|\s+punkt)?|nr\.?|§)";

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)^
        (?P<word>{WORD}\s*)?
        (?P<num>\d{{1,4}}(?:\.\d{{1,3}})*)
        (?P<year>/(?:\d{{4}}|\d{{2}}))?         # Sag 41/2004: the year's running number
        (?P<sep>
            \s*\((?P<flag>åben|åbent|lukket)\)\s*   # 3 (Åben) Title
          | \.\s*[:\-–]?\s*                        # 3. Title, 3.: Title
          | \s*[:)]\s*                              # 3: Title, 3) Title
          | \s+[\-–]\s+                             # 3 - Title
          | \t\s* | \s{{2,}}                        # columns
          | \s+                                     # only after an item word (checked below)
        )
        (?P<title>\S.*)$"
    ))
    .expect("regex")
});

static BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)^(?P<word>{WORD}\s*)?(?P<num>\d{{1,4}}(?:\.\d{{1,3}})*)\s*(?P<end>[.:)])?$"
    ))
    .expect("regex")
});

// "Lukket: title", "Lukket punkt: title", "(Lukket) title"
static CLOSED_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:lukket(?:\s+punkt|\s+sag)?\s*[:\-–]\s*|\(lukket\)\s*)(?P<title>.+)$")
        .expect("regex")
});

// "Title (Lukket)", "Title - Lukket", "Title (Lukket punkt)"
static CLOSED_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<title>.+?)\s*(?:\((?:lukket(?:\s+punkt|\s+sag)?)\)|\s[\-–]\s+lukket)$")
        .expect("regex")
});

/// "Lukket: Køb af ejendom" → ("Køb af ejendom", true); other titles unchanged.
pub fn closed_title(title: &str) -> (String, bool) {
    if let Some(c) = CLOSED_PREFIX.captures(title) {
        return (c["title"].trim().to_owned(), true);
    }
    if let Some(c) = CLOSED_SUFFIX.captures(title) {
        return (c["title"].trim().to_owned(), true);
    }
    let open = title.strip_prefix("(Åben) ").or_else(|| title.strip_prefix("(Åbent) "));
    (open.unwrap_or(title).to_owned(), false)
}

/// The item heading on `line`, if it is one.
pub fn parse_heading(line: &str) -> Option<NumberedHeading> {
    let line = line.trim();
    let caps = HEADING.captures(line)?;
    let worded = caps.name("word").is_some();
    // "41/2004" is an item's number only after an item word ("Sag 41/2004:"); alone it is a
    // case number.
    if caps.name("year").is_some() && !worded {
        return None;
    }
    let sep = &caps["sep"];
    let number = caps["num"].to_owned();
    let spaced_only = !sep.contains(['.', ':', ')', '-', '–', '\t', '(']) && sep.len() < 2;
    // "2021 Budget" is a year, not item 2021.
    if spaced_only && !worded && number.len() > 3 && !number.contains('.') {
        return None;
    }
    // "41 Godkendelse af dagsorden": a bare number and a space is weak evidence; the caller
    // takes it only where an item's furniture (a case number, a section heading) follows.
    let weak = spaced_only && !worded && !number.contains('.');
    // "12.05.2014   16:00": a date, not item 12.05 (a period glued to a digit).
    if sep.starts_with('.')
        && !sep.contains(char::is_whitespace)
        && caps["title"].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let (title, mut closed) = closed_title(caps["title"].trim());
    closed |= caps.name("flag").is_some_and(|f| f.as_str().eq_ignore_ascii_case("lukket"));
    // A title that wraps after a comma or an abbreviation ("… svinestald,", "… Nykøbing F.")
    // ends like a sentence would: weak, taken where the item's furniture follows.
    let wraps = title.ends_with(',') || ends_with_abbreviation(&title);
    let probe = if wraps { title.trim_end_matches([',', '.']) } else { title.as_str() };
    if !title_like(probe) {
        return None;
    }
    Some(NumberedHeading { number, title, closed, worded, weak: weak || wraps })
}

/// The number of a line holding only an item number ("3.", "Punkt 3", "§ 3."), if it is one.
pub fn parse_bare(line: &str) -> Option<String> {
    let caps = BARE.captures(line.trim())?;
    // A number alone needs its period or colon; with an item word it may stand bare.
    (caps.name("word").is_some() || caps.name("end").is_some()).then(|| caps["num"].to_owned())
}

/// "Nykøbing F.", "lokalplan nr.", "m.m.": a period that ends an abbreviation, not a sentence.
pub fn ends_with_abbreviation(title: &str) -> bool {
    const ABBREVIATIONS: &[&str] =
        &["nr.", "m.m.", "mv.", "kr.", "pkt.", "jf.", "ca.", "inkl.", "ekskl.", "vedr."];
    let last = title.split_whitespace().last().unwrap_or("");
    let initial =
        last.chars().count() == 2 && last.starts_with(char::is_uppercase) && last.ends_with('.');
    // "a.m.b.a.", "m.fl.", "bl.a.": letters between dots.
    let dotted = last.matches('.').count() >= 2
        && last.ends_with('.')
        && last
            .split('.')
            .all(|part| part.chars().count() <= 4 && part.chars().all(char::is_alphabetic));
    initial || dotted || ABBREVIATIONS.contains(&last.to_lowercase().as_str())
}

/// A title starts like one (capital, digit or quote) and is not a sentence.
fn title_like(title: &str) -> bool {
    let Some(first) = title.chars().next() else {
        return false;
    };
    let sentence_like =
        title.ends_with(['.', ',', ';']) && !title.ends_with("..") || title.chars().count() > 220;
    (first.is_uppercase() || first.is_ascii_digit() || matches!(first, '"' | '”' | '“' | '»'))
        && !sentence_like
        && title.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !starts_with_month(title)
}

/// "5. februar 2021": a date, not item 5.
fn starts_with_month(title: &str) -> bool {
    let first = title.split([' ', '.']).next().unwrap_or("");
    month_number(first).is_some()
}

/// Danish month names and their usual abbreviations, with the month's number.
const MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("jan", 1),
    ("februar", 2),
    ("feb", 2),
    ("marts", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("maj", 5),
    ("juni", 6),
    ("jun", 6),
    ("juli", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// The number of a Danish month name or abbreviation ("marts" → 3, "dec" → 12).
pub fn month_number(word: &str) -> Option<u32> {
    MONTHS.iter().find(|(n, _)| n.eq_ignore_ascii_case(word)).map(|m| m.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(line: &str) -> Option<(String, String, bool)> {
        parse_heading(line).map(|h| (h.number, h.title, h.closed))
    }

    #[test]
    fn accepted_forms() {
        for line in [
            "3. Budget 2024",
            "3: Budget 2024",
            "3) Budget 2024",
            "3 - Budget 2024",
            "3\tBudget 2024",
            "3   Budget 2024",
            "3 (Åben) Budget 2024",
            "Punkt 3: Budget 2024",
            "Pkt. 3. Budget 2024",
            "Punkt 3 Budget 2024",
            "Sag 3: Budget 2024",
            "Sag nr. 3: Budget 2024",
            "Dagsordenspunkt 3: Budget 2024",
            "Ad 3. Budget 2024",
            "Ad pkt. 3. Budget 2024",
            "§ 3. Budget 2024",
            "§ 3 Budget 2024",
            "Nr. 3. Budget 2024",
            "PUNKT 3: Budget 2024",
            "3.- Budget 2024",
        ] {
            assert_eq!(heading(line), Some(("3".into(), "Budget 2024".into(), false)), "{line}");
        }
        assert_eq!(heading("2.1 Dialogmøde").unwrap().0, "2.1");
        assert_eq!(heading("188.1 Orientering fra borgmesteren").unwrap().0, "188.1");
        assert_eq!(heading("2.1. Dialogmøde").unwrap().0, "2.1");
        let (n, t, _) = heading("715. Kulturkommune 2017. Politiske fokusområder").unwrap();
        assert_eq!((n.as_str(), t.as_str()), ("715", "Kulturkommune 2017. Politiske fokusområder"));
    }

    #[test]
    fn the_years_running_number_after_an_item_word() {
        for (line, n) in [
            ("Sag 41/2004: Godkendelse af dagsorden", "41"),
            ("Sag nr. 1/2017 Godkendelse af dagsorden", "1"),
            ("Punkt 7/21: Godkendelse af dagsorden", "7"),
        ] {
            let (number, title, _) = heading(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                (number.as_str(), title.as_str()),
                (n, "Godkendelse af dagsorden"),
                "{line}"
            );
        }
        // Without an item word it is a case number.
        assert!(heading("12/2784 Godkendelse af dagsorden").is_none());
        assert!(heading("08/1033").is_none());
    }

    #[test]
    fn a_title_may_end_in_a_dotted_abbreviation() {
        let h =
            parse_heading("2. Kommunegaranti for lån til Middelfart Fjernvarme a.m.b.a.").unwrap();
        assert_eq!(h.title, "Kommunegaranti for lån til Middelfart Fjernvarme a.m.b.a.");
        assert!(parse_heading("3. Møder, konferencer m.fl.").is_some());
        assert!(parse_heading("2. Kommunen skal sikre hjælp.").is_none());
    }

    #[test]
    fn closed_forms() {
        for line in [
            "12. Lukket: Køb af ejendom",
            "12 (Lukket) Køb af ejendom",
            "12. Køb af ejendom (Lukket)",
            "Punkt 12: Lukket punkt: Køb af ejendom",
            "12. Køb af ejendom - Lukket",
        ] {
            assert_eq!(heading(line), Some(("12".into(), "Køb af ejendom".into(), true)), "{line}");
        }
    }

    #[test]
    fn rejected() {
        for line in [
            "3 medlemmer stemte for",
            "2. Kommunen skal sikre hjælp.",
            "2021 Budget",
            "5. februar 2021 og den 23. marts",
            "1.5 mio. kr. til",
            "2021 skal bruges som styringsværktøj",
            "12.05.2014      16:00 - 18:15    Mødelokale 1",
        ] {
            assert!(heading(line).is_none(), "{line}");
        }
    }

    #[test]
    fn titles_wrapping_after_a_comma_or_abbreviation_are_weak() {
        let h = parse_heading("4. Forslag om gratis parkering i Nykøbing F.").unwrap();
        assert!(h.weak);
        assert!(
            parse_heading("4.   Landzonetilladelse til udvidelse af svinestald,").unwrap().weak
        );
        assert!(parse_heading("2. Kommunen skal sikre hjælp.").is_none());
    }

    #[test]
    fn a_number_and_one_space_is_weak() {
        let h = parse_heading("41 Godkendelse af dagsorden").unwrap();
        assert!(h.weak && !h.worded);
        assert!(!parse_heading("41. Godkendelse af dagsorden").unwrap().weak);
        assert!(!parse_heading("Punkt 41 Godkendelse af dagsorden").unwrap().weak);
    }

    #[test]
    fn bare_numbers() {
        for (line, n) in [
            ("3.", "3"),
            ("Punkt 3", "3"),
            ("Punkt 3:", "3"),
            ("Sag 3", "3"),
            ("§ 3.", "3"),
            ("2.1.", "2.1"),
        ] {
            assert_eq!(parse_bare(line).as_deref(), Some(n), "{line}");
        }
        for line in ["3", "2021", "Side 3"] {
            assert!(parse_bare(line).is_none(), "{line}");
        }
    }
}
