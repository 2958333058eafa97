//! Attendance block headings and inline attendance lists.
//!
//! Headings are the grammar's ([`crate::grammar::headings`], words in `data/headings.csv`):
//! members, guests, absent, secretary (listed people get that role) and overview
//! (`Deltagerfortegnelse`: a group only when names follow it directly).
//!
//! Inline lists: `Afbud: Anne Hansen (V), Bo Jensen (A) og Carl Berg`, `Ikke til stede: Ingen`.

use super::participants::{Listing, is_person_name, parse_listing};
use crate::grammar::headings::{self, HeadingKind};
use crate::grammar::list;
use crate::model::Attendance;
use regex::Regex;
use std::sync::LazyLock;

/// What kind of people a block lists: the grammar's heading kinds.
pub use crate::grammar::headings::HeadingKind as BlockKind;

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

/// The attendance heading on `line`, if it is one (words: `data/headings.csv`). A signature
/// page heading is not attendance.
pub fn parse_heading(line: &str) -> Option<Heading> {
    let token = headings::parse(line)?;
    (token.kind != HeadingKind::Signatures).then_some(Heading {
        group: token.group,
        kind: token.kind,
        inline: token.inline,
    })
}

/// True for the heading of a signature page ("Underskriftsside", "Byrådsmedlemmernes
/// underskrifter:"): names there are signatures.
pub fn is_signature_heading(line: &str) -> bool {
    let line = line.trim();
    // A genitive before the heading word: "Byrådsmedlemmernes underskrifter".
    let bare = match line.split_once(' ') {
        Some((first, rest)) if first.ends_with('s') && !rest.contains(' ') => rest,
        _ => line,
    };
    headings::parse(bare).is_some_and(|h| h.kind == HeadingKind::Signatures && h.inline.is_none())
}

// Formulas that close the minutes: "Protokollen oplæst og godkendt", "Referatet godkendt".
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:protokollen|referatet|beslutningsprotokollen)\s+(?:blev\s+)?(?:oplæst|læst|godkendt|underskrevet)(?:\s+og\s+(?:godkendt|underskrevet))?\.?$")
        .expect("regex")
});

/// True for a line that ends the minutes' content: the meeting's end ("Mødet hævet kl. 21.15")
/// or a closing formula ("Protokollen oplæst og godkendt.").
pub fn is_closing_line(line: &str) -> bool {
    super::meeting::meeting_end(line).is_some() || CLOSING.is_match(line.trim())
}

/// Words that mean "nobody" in an inline list.
const NOBODY: &[&str] = &["ingen", "-", "–", "ingen.", "intet", "ingen afbud", "ingen fraværende"];

/// True for an inline list that names nobody ("Ingen", "-", an empty heading).
pub fn says_nobody(text: &str) -> bool {
    let text = text.trim().trim_end_matches('.');
    text.is_empty() || NOBODY.contains(&text.to_lowercase().as_str())
}

/// Splits an inline list ("A (V), B og C") into listings; a single full listing
/// ("Name, Borgmester X Kommune (A)") is returned whole.
pub fn inline_listings(text: &str) -> Vec<Listing> {
    listings_of(text, false).0
}

// "Fra Socialdemokratiet mødte …", ". Fra Venstre deltog …": one sentence per party.
static PARTY_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.;]\s+)(?i:fra)\s+(?P<party>\p{Lu}[^.;:]{0,40}?)\s+(?:mødte|deltog)\s+")
        .expect("regex")
});

/// `G-LIST-PARTY`: attendance written as one sentence per party, "Fra Socialdemokratiet mødte
/// borgmester Jørgen Kjær, Lene Friis og Poul Sand. Fra Venstre mødte …": each sentence's list
/// with the party it names. None unless every sentence starts so and names a party. Rejected:
/// "Fra administrationen deltog …" (a unit, no party), a text with other sentences.
pub fn party_sentences(text: &str) -> Option<Vec<(String, String)>> {
    let text = text.trim();
    let starts: Vec<(usize, usize, String)> = PARTY_SENTENCE
        .captures_iter(text)
        .map(|c| {
            let whole = c.get(0).expect("match");
            let letter = crate::grammar::entry::party_token(c["party"].trim());
            (whole.start(), whole.end(), letter)
        })
        .map(|(start, end, letter)| letter.map(|l| (start, end, l)))
        .collect::<Option<Vec<_>>>()?;
    if starts.first()?.0 != 0 {
        return None;
    }
    let sentences = starts.iter().enumerate().map(|(i, (_, end, letter))| {
        let until = starts.get(i + 1).map_or(text.len(), |next| next.0);
        (letter.clone(), text[*end..until].trim().trim_end_matches('.').to_owned())
    });
    Some(sentences.collect())
}

/// True when `text` opens with a party's sentence ("Fra Venstre mødte …"): it runs on over
/// the lines after it until one ends with a period.
pub fn starts_party_sentence(text: &str) -> bool {
    PARTY_SENTENCE.captures(text.trim()).is_some_and(|c| {
        c.get(0).is_some_and(|m| m.start() == 0)
            && crate::grammar::entry::party_token(c["party"].trim()).is_some()
    })
}

/// For a text that is surely a list (the list after an attendance heading on its line): the
/// listings, and the pieces that are no listing (to be reported). In "A (V), B (A), der
/// deltog i stedet for C, og D (O)" one piece not understood does not make the whole sentence
/// one listing.
pub fn inline_listings_and_rest(text: &str) -> (Vec<Listing>, Vec<String>) {
    listings_of(text, true)
}

fn listings_of(text: &str, sure_list: bool) -> (Vec<Listing>, Vec<String>) {
    let text = text.trim().trim_end_matches('.');
    if NOBODY.contains(&text.to_lowercase().as_str()) || text.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let pieces = attach_descriptors(list::split(text));
    // With a conjunction ("…, B og C") or three items or more the text is surely a list, and an
    // office may stand before each name; two items with a comma may be one person's listing
    // ("Name, Direktør Firm").
    let conjoined =
        pieces.len() > 2 || pieces.len() > 1 && (text.contains(" og ") || text.contains(" samt "));
    let parsed: Vec<Option<Listing>> =
        pieces.iter().map(|p| parse_listing(p).filter(|l| conjoined || is_simple(l, p))).collect();
    let understood = parsed.iter().filter(|l| l.is_some()).count();
    // A sure list (three pieces or more) keeps the pieces it understands when most are.
    if sure_list && pieces.len() > 2 && understood * 2 > pieces.len() && understood < pieces.len() {
        let rest = pieces.iter().zip(&parsed).filter(|(_, l)| l.is_none()).map(|(p, _)| p.clone());
        return (parsed.iter().flatten().cloned().collect(), rest.collect());
    }
    match parsed.into_iter().collect::<Option<Vec<Listing>>>() {
        Some(list) if !list.is_empty() => (list, Vec::new()),
        _ => (parse_listing(text).into_iter().collect(), Vec::new()),
    }
}

/// "Anne Hansen (A), formand, Bo Dahl (V)": a list item that is only an office or a
/// municipality belongs to the person before it.
fn attach_descriptors(pieces: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in pieces {
        // A relative clause ("der deltog i stedet for X") is about the person before it too.
        // "Frank Sørensen, A      Formand": a party letter, maybe with a role column after
        // it, is the person's too.
        let describes = |cell: &str| {
            crate::refdata::is_role(cell)
                || crate::refdata::is_role_for_unit(cell)
                || crate::refdata::municipality(cell).is_some()
        };
        // In a role column, a remark on presence may follow the role ("Borgmester (forlod
        // mødet efter punkt 3)").
        let role_column = |cell: &str| {
            describes(cell.split(" (").next().and_then(|c| c.split(" – ").next()).unwrap_or(cell))
        };
        let cells: Vec<&str> =
            piece.split("   ").map(str::trim).filter(|c| !c.is_empty()).collect();
        let party_then_role = cells.len() > 1
            && crate::grammar::entry::party_token(cells[0]).is_some()
            && cells[1..].iter().all(|c| role_column(c));
        let descriptor = describes(&piece) || party_then_role || piece.starts_with("der ");
        match out.last_mut() {
            Some(last) if descriptor => {
                last.push_str(", ");
                last.push_str(&piece);
            }
            _ => out.push(piece),
        }
    }
    out
}

/// A listing that is just a name, maybe with a party or a substitute, or an office attached
/// after the name ("Anne Hansen (A), formand"); "Direktør Copenhagen Capacity" is no person.
fn is_simple(l: &Listing, piece: &str) -> bool {
    (l.role.is_none() || piece.starts_with(&l.name))
        && l.organisation.is_none()
        && l.positions.is_empty()
        && is_person_name(&l.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sentence_per_party() {
        let text = "Fra Socialdemokratiet mødte borgmester Jørgen Kjær, Lene Friis og Poul Sand. \
                    Fra Venstre mødte Hans Berg og Jens Kure, der mødte som suppleant for Niels Due. \
                    Fra SF mødte Inge Lund.";
        let got = party_sentences(text).unwrap();
        let letters: Vec<&str> = got.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(letters, ["A", "V", "F"]);
        assert_eq!(got[2].1, "Inge Lund");
        assert!(starts_party_sentence("Fra Venstre mødte Hans Berg,"));
        assert!(party_sentences("Fra administrationen deltog Ole Vind.").is_none());
        assert!(!starts_party_sentence("Fra Teknisk Forvaltning deltog Bo Holm."));
        assert!(party_sentences("Mødet blev holdt. Fra Venstre mødte Hans Berg.").is_none());
    }

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
