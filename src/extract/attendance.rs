//! Attendance block headings and inline attendance lists.
//!
//! Headings (alone on a line, optionally with a colon and an inline list after it):
//! - present: `Deltagere`, `Deltagere fra KKR Nordjylland`, `Mødedeltagere`, `Til stede`,
//!   `Tilstede`, `Fremmødte`, `Medlemmer`, `Udvalgsmedlemmer`, `Gæster`, `Gæster fra …`,
//!   `Desuden deltog`, `Øvrige deltagere`
//! - absent: `Afbud`, `Fraværende`, `Afbud/Fraværende`, `Ikke til stede`, `Meldt afbud`
//! - secretary: `Sekretær`, `Referent`, `Protokolfører` (listed people get that role)
//! - overview: `Deltagerfortegnelse` (a group only when names follow it directly)
//!
//! Inline lists: `Afbud: Anne Hansen (V), Bo Jensen (A) og Carl Berg`, `Ikke til stede: Ingen`.

use super::participants::{Listing, is_person_name, parse_listing};
use crate::model::Attendance;
use regex::Regex;
use std::sync::LazyLock;

/// What kind of people a block lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Members,
    Guests,
    Absent,
    Secretary,
    Overview,
}

/// A recognised attendance heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The heading as written, without colon ("Deltagere fra KKR Nordjylland").
    pub group: String,
    pub kind: BlockKind,
    /// Text after "Heading:" on the same line.
    pub inline: Option<String>,
}

impl Heading {
    pub fn attendance(&self) -> Attendance {
        if self.kind == BlockKind::Absent { Attendance::Absent } else { Attendance::Present }
    }
}

// The heading word(s), then optional "fra <body>", then optional ":" and inline text.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^
        (?P<group>
          (?P<word>deltagerfortegnelse|mødedeltagere|deltagere|til\ stede|tilstede|fremmødte
            |udvalgsmedlemmer|byrådsmedlemmer|medlemmer|gæster|øvrige\ deltagere|desuden\ deltog
            |endvidere\ deltog|afbud\s*/\s*fraværende|fraværende\s*/\s*afbud|afbud|fraværende
            |ikke\ til\ stede|meldt\ afbud|sekretær|referent|protokolfører)
          (?:\s+fra\s+[^:]{2,80})?
        )
        \s*(?::\s*(?P<inline>.*))?$",
    )
    .expect("regex")
});

/// The attendance heading on `line`, if it is one.
pub fn parse_heading(line: &str) -> Option<Heading> {
    let caps = HEADING.captures(line.trim())?;
    let word = caps["word"].to_lowercase();
    let kind = match word.as_str() {
        "deltagerfortegnelse" => BlockKind::Overview,
        w if w.starts_with("afbud")
            || w.starts_with("fraværende")
            || w == "ikke til stede"
            || w == "meldt afbud" =>
        {
            BlockKind::Absent
        }
        "gæster" | "øvrige deltagere" | "desuden deltog" | "endvidere deltog" => {
            BlockKind::Guests
        }
        "sekretær" | "referent" | "protokolfører" => BlockKind::Secretary,
        _ => BlockKind::Members,
    };
    let inline =
        caps.name("inline").map(|m| m.as_str().trim().to_owned()).filter(|s| !s.is_empty());
    // "Deltagere fra" must be followed by a capitalised body name.
    let group = caps["group"].trim().to_owned();
    Some(Heading { group, kind, inline })
}

/// Words that mean "nobody" in an inline list.
const NOBODY: &[&str] = &["ingen", "-", "–", "ingen.", "intet", "ingen afbud", "ingen fraværende"];

/// Splits an inline list ("A (V), B og C") into listings; a single full listing
/// ("Name, Borgmester X Kommune (A)") is returned whole.
pub fn inline_listings(text: &str) -> Vec<Listing> {
    let text = text.trim().trim_end_matches('.');
    if NOBODY.contains(&text.to_lowercase().as_str()) || text.is_empty() {
        return Vec::new();
    }
    let pieces = split_list(text);
    let simple: Option<Vec<Listing>> =
        pieces.iter().map(|p| parse_listing(p).filter(is_simple)).collect();
    match simple {
        Some(list) if !list.is_empty() => list,
        _ => parse_listing(text).into_iter().collect(),
    }
}

/// A listing that is just a name, maybe with a party or substitute.
fn is_simple(l: &Listing) -> bool {
    l.role.is_none()
        && l.organisation.is_none()
        && l.positions.is_empty()
        && is_person_name(&l.name)
}

/// Splits on ", " and " og " outside parentheses.
fn split_list(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth <= 0 {
            if ch == ',' {
                parts.push(std::mem::take(&mut current));
                i += 1;
                continue;
            }
            let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
            if rest == " og " {
                parts.push(std::mem::take(&mut current));
                i += 4;
                continue;
            }
        }
        current.push(ch);
        i += 1;
    }
    parts.push(current);
    parts.into_iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        let h = parse_heading("Deltagere fra KKR Nordjylland").unwrap();
        assert_eq!(
            (h.group.as_str(), h.kind),
            ("Deltagere fra KKR Nordjylland", BlockKind::Members)
        );
        assert_eq!(
            parse_heading("Gæster fra Erhvervshus Nordjyllands bestyrelse").unwrap().kind,
            BlockKind::Guests
        );
        assert_eq!(parse_heading("Afbud/Fraværende").unwrap().kind, BlockKind::Absent);
        assert_eq!(parse_heading("Tilstede").unwrap().kind, BlockKind::Members);
        assert_eq!(parse_heading("Sekretær").unwrap().kind, BlockKind::Secretary);
        let h = parse_heading("Afbud: Anne Hansen (V)").unwrap();
        assert_eq!(h.inline.as_deref(), Some("Anne Hansen (V)"));
        assert!(parse_heading("Afbuddet blev meddelt").is_none());
        assert!(parse_heading("Deltagerne drøftede sagen").is_none());
    }

    #[test]
    fn inline_lists() {
        let names: Vec<String> = inline_listings("Anne Hansen (V), Bo Jensen (A) og Carl Berg")
            .into_iter()
            .map(|l| l.name)
            .collect();
        assert_eq!(names, ["Anne Hansen", "Bo Jensen", "Carl Berg"]);
        assert!(inline_listings("Ingen").is_empty());
        let whole = inline_listings("Ulla Vestergaard, Borgmester Thisted Kommune (A)");
        assert_eq!(whole.len(), 1);
        assert_eq!(whole[0].role.as_deref(), Some("Borgmester"));
    }
}
