//! A decision's outcome, and the per-item attendance lines that trail it.
//!
//! Outcomes (words in `data/outcomes.csv`; first sentence first, then the whole text; the word
//! said first wins, then the earlier row):
//! - rejected: `Forkastet`, `ikke godkendt`, `afvist`, `Forslaget faldt`
//! - postponed: `Sagen udsættes`, `blev udsat`, `Punktet genoptages`
//! - referred: `Fremsendes til Teknisk Udvalg`, `Oversendes til …`, `Anbefales.`,
//!   `Økonomiudvalget anbefaler over for Byrådet, at …`, `Indstilles godkendt`
//! - noted: `Taget til efterretning`, `Orienteringen blev taget til efterretning`
//! - approved: `Godkendt.`, `Indstillingen godkendt`, `vedtaget`, `tiltrådt`, `godkendte Byrådet`
//! - discussed: `Drøftet.`, `Punktet blev drøftet.`
//!
//! Per-item attendance lines (removed from the decision text, recorded on the item):
//! `Fraværende: X`, `Afbud: X, Y`, `Ikke til stede: X`, `Følgende deltog ikke i behandlingen af
//! punktet: X`. Prose forms (`X deltog ikke i sagens behandling`, `X var forhindret i at deltage`)
//! stay in the text and are recorded too.

use super::attendance::inline_listings;
use super::participants::is_person_name;
use crate::model::Outcome;
use crate::refdata;
use regex::Regex;
use std::sync::LazyLock;

static OUTCOMES: LazyLock<Vec<(Outcome, Regex)>> = LazyLock::new(|| {
    refdata::table_rows(include_str!("../../data/outcomes.csv"), 2)
        .filter_map(|cols| {
            let outcome = match cols[0] {
                "rejected" => Outcome::Rejected,
                "postponed" => Outcome::Postponed,
                "referred" => Outcome::Referred,
                "noted" => Outcome::Noted,
                "approved" => Outcome::Approved,
                "discussed" => Outcome::Discussed,
                _ => return None,
            };
            let re = Regex::new(&format!(r"(?i)\b(?:{})\b", cols[1])).ok()?;
            Some((outcome, re))
        })
        .collect()
});

// A sentence about an amendment voted on before the proposal itself ("Ændringsforslaget blev
// forkastet.", "Ændringsforslag fra A og F: …"); "Fremsendes med ændringsforslaget fra C" is
// about the proposal.
static AMENDMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:det\s+)?(?:under)?ændringsforslag(?:et|ene)?\b").expect("regex")
});

/// The outcome a decision states plainly, or None. Sentences about an amendment voted on
/// first do not count: "Ændringsforslaget blev forkastet. Indstillingen blev herefter
/// godkendt …" approves (rule E-OUTCOME-MAIN).
pub fn outcome(text: &str) -> Option<Outcome> {
    if sentences(text).any(|s| AMENDMENT.is_match(s)) {
        let main: Vec<&str> = sentences(text).filter(|s| !AMENDMENT.is_match(s)).collect();
        if let Some(outcome) = stated_outcome(&main.join(" ")) {
            return Some(outcome);
        }
    }
    stated_outcome(text)
}

fn stated_outcome(text: &str) -> Option<Outcome> {
    // A sentence saying what the body decided states the outcome, whatever was said before it
    // ("… drøftede sagen. Udvalget besluttede herefter at udsætte …" is postponed).
    if let Some(outcome) = sentences(text)
        .filter(|s| DECIDED.is_match(s))
        .find_map(|s| said_first(s, false).or_else(|| said_first(s, true)))
    {
        return Some(outcome);
    }
    let first_sentence = text.split_inclusive(". ").next().unwrap_or(text);
    // The outcome word said first wins: the main clause comes before "idet …" ("Godkendt, idet
    // strategien sendes til udvalget" is approved); at the same place, the earlier row. In a
    // sentence, a discussion is how the body got to its decision ("drøftede sagen og anbefaler
    // …" is referred); alone, it is the outcome ("Punktet blev drøftet. Sagen genoptages …").
    [first_sentence, text]
        .into_iter()
        .find_map(|part| said_first(part, false).or_else(|| said_first(part, true)))
}

/// The outcome said first in `part`, among the discussion row or the others.
fn said_first(part: &str, discussed: bool) -> Option<Outcome> {
    OUTCOMES
        .iter()
        .enumerate()
        .filter(|(_, (o, _))| (*o == Outcome::Discussed) == discussed)
        .filter_map(|(rank, (o, re))| re.find(part).map(|m| (m.start(), rank, *o)))
        .min_by_key(|&(start, rank, _)| (start, rank))
        .map(|(_, _, o)| o)
}

// "Udvalget besluttede at …", "Det besluttes at …", "Byrådet beslutter …": a decision stated.
static DECIDED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bbeslut(?:tede|tes|ter)\b").expect("regex"));

// Words of a decision's own matter: votes, stances, reservations, remarks to the record.
static DECISION_MATTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:stemte|stemmer|tiltræde|tiltrådte|forbehold|undlod|undlader|flertal|mindretal|protokol|bemærkning|deltog\s+ikke|forlod|fraværende|afbud|inhabil)")
        .expect("regex")
});

/// True when a paragraph belongs to a decision: it states an outcome, a vote, a stance or
/// attendance (a decision-first item's case text does not).
pub fn is_decision_matter(paragraph: &str) -> bool {
    outcome(paragraph).is_some()
        || DECISION_MATTER.is_match(paragraph)
        || absence_line(paragraph).is_some()
}

// "Fraværende: X", "Afbud: X", "Ikke til stede: X", "Følgende deltog ikke i behandlingen af punktet: X"
static ABSENCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:fraværende|afbud|ikke\s+til\s+stede|følgende\s+deltog\s+ikke\s+i\s+(?:behandlingen\s+af\s+)?(?:punktet|sagen|sagens\s+behandling))\s*:?\s*(?P<names>.*)$")
        .expect("regex")
});

// "Rådmand Nicolaj Bang og Jesper Kjeldsen deltog ikke i sagens behandling",
// "Liv Gro Jensen var forhindret i at deltage i udvalgets behandling af sagen"
static ABSENCE_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<names>(?:\p{Lu}[\p{L}.'-]*\s*(?:\(\p{Lu}{1,3}\))?(?:,\s*|\s+og\s+|\s+))+)(?:deltog\s+ikke\s+i\s+(?:sagens\s+behandling|punktets\s+behandling|behandlingen)|var\s+forhindret\s+i\s+at\s+deltage|var\s+fraværende)")
        .expect("regex")
});

/// Names on a per-item absence line, or None when the line is not one.
pub fn absence_line(line: &str) -> Option<Vec<String>> {
    let caps = ABSENCE_LINE.captures(line.trim())?;
    Some(inline_listings(&caps["names"]).into_iter().map(|l| l.name).collect())
}

/// Names recorded in prose as not taking part.
pub fn absence_prose(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for caps in sentences(text).filter_map(|s| ABSENCE_PROSE.captures(s)) {
        for piece in caps["names"].split([',']).flat_map(|p| p.split(" og ")) {
            let piece = piece.split('(').next().unwrap_or("").trim();
            let piece = strip_role(piece);
            if is_person_name(piece) && !names.iter().any(|n| n == piece) {
                names.push(piece.to_owned());
            }
        }
    }
    names
}

// "Jens Peter Skov (C) forlod mødet efter behandlingen af denne sag."
static LEFT_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<names>(?:\p{Lu}[\p{L}.'-]*\s*(?:\(\p{Lu}{1,3}\))?(?:,\s*|\s+og\s+|\s+))+)forlod\s+mødet")
        .expect("regex")
});

/// Names of members who left the meeting during this item (absent from the next ones).
pub fn departures(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for caps in sentences(text).filter_map(|s| LEFT_MEETING.captures(s)) {
        for piece in caps["names"].split(',').flat_map(|p| p.split(" og ")) {
            let piece = strip_role(piece.split('(').next().unwrap_or("").trim());
            if is_person_name(piece) && !names.iter().any(|n| n == piece) {
                names.push(piece.to_owned());
            }
        }
    }
    names
}

/// Sentences of `text`: split after a lower-case word's period, so initials ("Jan O. Gregersen")
/// stay inside their sentence.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut starts = vec![0];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(_, b)) in chars.iter().enumerate() {
        let next_is_space = chars.get(k + 1).is_some_and(|&(_, c)| c == ' ');
        if !matches!(b, '.' | '!' | '?') || !next_is_space || k == 0 {
            continue;
        }
        // The token before the mark: a word of two letters or more, a closing parenthesis or a
        // number ends a sentence ("(UP). Imod", "RV. Imod", "2 (Z). 1"); a lone capital is an
        // initial ("Jan O. Gregersen").
        // Only the last two words matter: read them backwards so the scan stays linear.
        let mut words = text[..chars[k].0].split_whitespace().rev();
        let token = words.next().unwrap_or("");
        // "O." after a capitalised first name is an initial; "og M." is a party letter.
        let after_name =
            words.next().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        let initial =
            token.chars().count() == 1 && token.chars().all(char::is_uppercase) && after_name;
        if !initial {
            starts.push(chars[k + 1].0 + 1);
        }
    }
    starts.push(text.len());
    let pieces: Vec<&str> = starts.windows(2).map(|w| text[w[0]..w[1]].trim()).collect();
    pieces.into_iter().filter(|s| !s.is_empty())
}

/// "Rådmand Nicolaj Bang" → "Nicolaj Bang".
fn strip_role(text: &str) -> &str {
    match refdata::role_prefix_len(text) {
        Some(n) if is_person_name(text[n..].trim()) => text[n..].trim(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes() {
        let cases = [
            ("Godkendt.", Some(Outcome::Approved)),
            ("Indstillingen godkendt", Some(Outcome::Approved)),
            ("Taget til efterretning, idet udvalget ønsker en status.", Some(Outcome::Noted)),
            (
                "Ændringsforslag fra A: At rammen øges. For stemte 9 (A). Imod stemte 19. Ændringsforslaget blev forkastet. Indstillingen blev herefter godkendt.",
                Some(Outcome::Approved),
            ),
            ("Ændringsforslaget blev forkastet.", Some(Outcome::Rejected)),
            (
                "Fremsendes med ændringsforslaget fra C til Teknisk Udvalg i henhold til beslutning den 27. august 2025.",
                Some(Outcome::Referred),
            ),
            ("Orienteringen blev taget til efterretning.", Some(Outcome::Noted)),
            ("Til efterretning.", Some(Outcome::Noted)),
            ("Punktet blev drøftet.", Some(Outcome::Discussed)),
            ("Sagen genoptages på det kommende møde.", Some(Outcome::Postponed)),
            ("Fremsendes til Teknisk Udvalg til behandling.", Some(Outcome::Referred)),
            ("Anbefales.", Some(Outcome::Referred)),
            (
                "Med stemmerne 11 for og 9 imod godkendte Byrådet Økonomiudvalgets indstilling.",
                Some(Outcome::Approved),
            ),
            ("Forslaget blev forkastet.", Some(Outcome::Rejected)),
            ("Et flertal (V, C, O og D) kunne ikke tiltræde forslaget.", Some(Outcome::Rejected)),
            ("Der var generel enighed blandt mødedeltagerne.", None),
            ("Økonomiudvalget kunne ikke tiltræde forslaget.", Some(Outcome::Rejected)),
            ("Udvalget oversendte sagen til Økonomiudvalget.", Some(Outcome::Referred)),
            ("Sagen sendes tilbage til Teknisk Udvalg.", Some(Outcome::Referred)),
            ("Udvalget besluttede at udsætte sagen.", Some(Outcome::Postponed)),
            ("Forslaget vedtoges med 14 stemmer.", Some(Outcome::Approved)),
            ("Forslaget forkastedes.", Some(Outcome::Rejected)),
            (
                "Forslaget blev henvist til behandling i Klima- og Miljøudvalget.",
                Some(Outcome::Referred),
            ),
            ("Enstemmigt anbefalet over for regionsrådet.", Some(Outcome::Referred)),
            ("Sagen udsattes til næste møde.", Some(Outcome::Postponed)),
            (
                "Et mindretal (Ø) kunne ikke tiltræde indstillingen. Godkendt.",
                Some(Outcome::Approved),
            ),
            ("Godkendt, idet strategien sendes til Sundhedsudvalget.", Some(Outcome::Approved)),
            ("Forslaget blev ikke godkendt.", Some(Outcome::Rejected)),
            (
                "Et flertal i udvalget kunne tiltræde indstillingen. Anne Holm kunne ikke tiltræde indstillingen.",
                Some(Outcome::Approved),
            ),
            ("Anne Holm kunne tiltræde indstillingen.", None),
            (
                "Udvalget drøftede sagen. Udvalget besluttede herefter at udsætte sagens behandling.",
                Some(Outcome::Postponed),
            ),
            ("Udvalget drøftede sagen og anbefaler indstillingen.", Some(Outcome::Referred)),
            ("Udvalget drøftede forslaget.", Some(Outcome::Discussed)),
            (
                "Punktet blev drøftet. Sagen genoptages på det kommende møde.",
                Some(Outcome::Discussed),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(outcome(text), want, "{text}");
        }
    }

    #[test]
    fn absence_lines() {
        assert_eq!(absence_line("Fraværende: Mehmet Zeki Dogru").unwrap(), ["Mehmet Zeki Dogru"]);
        assert_eq!(absence_line("Afbud: Per Lund Sørensen, Conni Bergendorff").unwrap().len(), 2);
        assert!(
            absence_line("Følgende deltog ikke i behandlingen af punktet:").unwrap().is_empty()
        );
        assert!(absence_line("Ikke til stede: Ingen").unwrap().is_empty());
        assert!(absence_line("Godkendt.").is_none());
    }

    #[test]
    fn sentence_boundaries() {
        let parts: Vec<&str> = sentences(
            "For stemte: EL, SF og M. Imod stemte: V. Jan O. Gregersen (A). 1 (F) undlod.",
        )
        .collect();
        assert_eq!(
            parts,
            [
                "For stemte: EL, SF og M.",
                "Imod stemte: V.",
                "Jan O. Gregersen (A).",
                "1 (F) undlod."
            ]
        );
    }

    #[test]
    fn departures_from_the_meeting() {
        assert_eq!(
            departures(
                "Godkendt. Jens Peter Skov (C) forlod mødet efter behandlingen af denne sag."
            ),
            ["Jens Peter Skov"]
        );
        assert!(
            absence_prose("Jens Peter Skov (C) forlod mødet efter behandlingen af denne sag.")
                .is_empty()
        );
    }

    #[test]
    fn absence_in_prose() {
        assert_eq!(
            absence_prose(
                "Godkendt. Rådmand Nicolaj Bang og Jesper Kjeldsen deltog ikke i sagens behandling."
            ),
            ["Nicolaj Bang", "Jesper Kjeldsen"]
        );
        assert_eq!(
            absence_prose(
                "Liv Gro Jensen var forhindret i at deltage i udvalgets behandling af sagen."
            ),
            ["Liv Gro Jensen"]
        );
    }
}
