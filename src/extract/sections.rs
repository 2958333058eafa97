//! Section headings inside an agenda item.
//!
//! Accepted forms:
//! - a listed heading alone on a line (`data/section_headings.txt`): `Baggrund`, `Indstilling`,
//!   `Sagsfremstilling`, `Beslutning`, `Beslutninger`, `Resumé`, … (a trailing colon is allowed;
//!   `Beslutning: Godkendt.` carries its first text line inline)
//! - dated decision headings: `Beslutning i Udvalget for plan, udvikling og kultur (PUK) den
//!   20-06-2013`, `Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2`,
//!   `Beslutning den 12. januar 2021:`, `Økonomiudvalgets beslutning`

use super::dates::find_date;
use crate::refdata;
use regex::Regex;
use std::sync::LazyLock;

/// What a section is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Decision,
    Recommendation,
    /// Earlier handling of the case (Sagsforløb, Sagens forløb): quoted, not this meeting's.
    History,
    /// One earlier body's decision ("Økonomiudvalget, 18. september 2019, pkt. 262:").
    PriorDecision,
    /// A line in capitals ("BESLUTNINGSFORSLAG FRA DD") that ends the section before it but is
    /// a caption inside the case text, not a section of its own.
    Boundary,
    Other,
}

/// A recognised section heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionHeading {
    pub heading: String,
    pub kind: SectionKind,
    /// The date in a dated decision heading, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Text after "Heading:" on the same line.
    pub inline: Option<String>,
}

// "Beslutning i <body> den <date>", "Beslutning på mødet den <date>", "Beslutning den <date>"
static DECISION_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^beslutning(?:er)?(?:\s+(?:i|på|fra)\s+.{2,120}?)?\s+(?:den|d\.)\s+\S.{3,30}?:?$",
    )
    .expect("regex")
});

// "<Body>s beslutning [i mødet] [den <date>] [Punkt N]", "Beslutning [i] <Body> [den <date>]",
// "Afgørelse", "Udvalgets beslutning:": a decision word with a body (a genitive before it, or
// the body after it, with or without "i") and a date, each optional.
static BODY_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:\p{{Lu}}.{{2,100}}?s\s+)?(?i:beslutning(?:er)?|afgørelse)(?:\s+(?:(?i:i|på|fra|for)\s+)?(?:{}))?(?:\s+(?i:i|på)\s+(?i:mødet|møde))?(?:\s+(?i:den|d\.)\s+\S.{{3,30}}?)?(?:\s+[Pp]unkt\s+\d+)?\s*:?$",
        crate::grammar::body::body_pattern()
    ))
    .expect("regex")
});

// "Økonomiudvalgets indstilling", "Direktionens indstilling den 12.03.2021", "Indstilling fra Magistraten"
static BODY_RECOMMENDATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\p{Lu}.{2,80}?s\s+indstilling(?:\s+(?:den|d\.)\s+\S.{3,30}?)?|Indstilling\s+fra\s+\p{Lu}.{2,80}?):?$")
        .expect("regex")
});

// "Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:" (Rødovre): an earlier body's decision
// "Økonomiudvalget den 14.3.2005:", "Økonomi-, Erhvervs- og Planudvalget, 21. september 2022"
static PRIOR_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?:\p{Lu}[^,:]{2,80},\s+(?:\d{1,2}\.\s*\p{L}+\s+\d{4}|\d{1,2}[.-]\d{1,2}[.-]\d{2,4}),\s+(?:pkt|punkt)\.?\s*\d{1,4}
        |(?P<body>\p{Lu}[\p{L}\-,\s]{2,80}?(?:udvalget|Udvalget|Byrådet|Magistraten|Kommunalbestyrelsen|Direktionen))
          (?:,\s+|\s+den\s+|\s+d\.\s+)
          (?:\d{1,2}\.\s*\p{L}+\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})
          (?:,\s+(?:pkt|punkt)\.?\s*\d{1,4})?
        )\s*:?$",
    )
    .expect("regex")
});

/// The section heading on `line`, if it is one.
pub fn parse_section_heading(line: &str) -> Option<SectionHeading> {
    let line = line.trim();
    if line.chars().count() > 160 {
        return None;
    }
    if refdata::is_section_heading(line) {
        let heading = line.trim_end_matches(':').trim().to_owned();
        return Some(SectionHeading { kind: kind_of(&heading), heading, date: None, inline: None });
    }
    // "Beslutning: Godkendt." opens a section; "Beslutningskompetence: KB" or "Sagen afgøres i:
    // Udvalget" is a field of the item, not a section.
    if let Some((head, rest)) = line.split_once(':')
        && refdata::is_section_heading(head)
        && !rest.trim().is_empty()
        && matches!(kind_of(head.trim()), SectionKind::Decision | SectionKind::Recommendation)
    {
        let heading = head.trim().to_owned();
        return Some(SectionHeading {
            kind: kind_of(&heading),
            heading,
            date: None,
            inline: Some(rest.trim().to_owned()),
        });
    }
    if is_capitals_caption(line) {
        return Some(SectionHeading {
            heading: line.to_owned(),
            kind: SectionKind::Boundary,
            date: None,
            inline: None,
        });
    }
    let lower = line.to_lowercase();
    // The patterns below are large (they embed the body grammar): each needs its key word.
    let has_digit = line.contains(|c: char| c.is_ascii_digit());
    if has_digit
        && PRIOR_BODY.is_match(line)
        && !lower.starts_with("beslutning")
        && !lower.starts_with("indstilling")
    {
        return Some(SectionHeading {
            heading: line.trim_end_matches(':').trim().to_owned(),
            kind: SectionKind::PriorDecision,
            date: find_date(line),
            inline: None,
        });
    }
    if lower.contains("indstilling") && BODY_RECOMMENDATION.is_match(line) {
        return Some(SectionHeading {
            heading: line.trim_end_matches(':').trim().to_owned(),
            kind: SectionKind::Recommendation,
            date: find_date(line),
            inline: None,
        });
    }
    let decision_word = lower.contains("beslutning") || lower.contains("afgørelse");
    if decision_word && (DECISION_IN.is_match(line) || BODY_DECISION.is_match(line)) {
        return Some(SectionHeading {
            heading: line.trim_end_matches(':').trim().to_owned(),
            kind: SectionKind::Decision,
            date: find_date(line),
            inline: None,
        });
    }
    None
}

/// "BESLUTNINGSFORSLAG FRA DD", "INDSTILLING FRA MAGISTRATSAFDELINGEN FOR TEKNIK OG MILJØ":
/// two or more words in capitals.
fn is_capitals_caption(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    line.split_whitespace().count() >= 2
        && letters.len() >= 8
        && letters.iter().all(|c| c.is_uppercase())
        && !line.ends_with(['.', ','])
}

/// The kind `data/headings.csv` gives a listed heading.
fn kind_of(heading: &str) -> SectionKind {
    match refdata::section_heading_kind(heading) {
        Some("decision") => SectionKind::Decision,
        Some("history") => SectionKind::History,
        Some("recommendation") => SectionKind::Recommendation,
        _ if heading.to_lowercase().contains("indstilling") => SectionKind::Recommendation,
        _ => SectionKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_headings() {
        let h = parse_section_heading("Beslutning").unwrap();
        assert_eq!(h.kind, SectionKind::Decision);
        assert_eq!(
            parse_section_heading("Indstilling:").unwrap().kind,
            SectionKind::Recommendation
        );
        assert_eq!(parse_section_heading("Sagens forløb").unwrap().kind, SectionKind::History);
        let h = parse_section_heading("Beslutning: Godkendt.").unwrap();
        assert_eq!(h.inline.as_deref(), Some("Godkendt."));
        assert!(parse_section_heading("Beslutningskompetence: KB").is_none());
        assert!(parse_section_heading("Sagen afgøres i: Udvalget for plan").is_none());
    }

    #[test]
    fn dated_decision_headings() {
        let h = parse_section_heading(
            "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 20-06-2013",
        )
        .unwrap();
        assert_eq!((h.kind, h.date.as_deref()), (SectionKind::Decision, Some("2013-06-20")));
        let h = parse_section_heading(
            "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2",
        )
        .unwrap();
        assert_eq!(h.date.as_deref(), Some("2012-12-04"));
        let h = parse_section_heading(
            "Beslutning i Forebyggelses- og Seniorudvalget den 12. januar 2021:",
        )
        .unwrap();
        assert_eq!(h.date.as_deref(), Some("2021-01-12"));
    }

    #[test]
    fn decision_headings_with_body_and_date_in_any_form() {
        for (line, date) in [
            ("Beslutning Byrådet den 24-06-2015", Some("2015-06-24")),
            ("Beslutning i Byrådet", None),
            ("Teknik- og Miljøudvalgets beslutning i mødet den 15. april 2024", Some("2024-04-15")),
            ("Udvalgets beslutning:", None),
            ("Afgørelse:", None),
            ("Beslutning i Kommunalbestyrelsen den 24. august 2020:", Some("2020-08-24")),
            ("Økonomiudvalgets beslutning den 3. maj 2021", Some("2021-05-03")),
        ] {
            let h = parse_section_heading(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!((h.kind, h.date.as_deref()), (SectionKind::Decision, date), "{line}");
        }
        for line in [
            "Beslutning i sagen træffes af Byrådet",
            "Byrådets beslutning blev anket",
            "Beslutningen om budgettet",
        ] {
            assert!(
                parse_section_heading(line).is_none_or(|h| h.kind != SectionKind::Decision),
                "{line}"
            );
        }
    }

    #[test]
    fn capitals_captions_are_boundaries() {
        assert_eq!(
            parse_section_heading("BESLUTNINGSFORSLAG FRA KF OG M").unwrap().kind,
            SectionKind::Boundary
        );
        assert!(parse_section_heading("KKR").is_none());
        assert!(parse_section_heading("EMN-2025-003383").is_none());
    }

    #[test]
    fn prose_is_not_a_heading() {
        assert!(parse_section_heading("Beslutningen blev truffet efter en lang debat").is_none());
        assert!(parse_section_heading("Der afholdes dialogmøde mellem Erhvervshus").is_none());
    }
}
