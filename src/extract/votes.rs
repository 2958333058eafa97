//! Votes recorded in a decision, by party and by named member.
//!
//! Accepted forms:
//! - counts: `Med stemmerne 11 for og 9 imod …`, `17 for og 3 imod`, `vedtaget med 14 stemmer
//!   mod 2 (Z)`, `med 5 stemmer for (A, V, C og F) og 1 imod (Ø)`, `18 stemmer for, 4 imod, mens
//!   1 undlod at stemme`, `1 (F) undlod at stemme`
//! - labelled sides: `For stemte: (V), (D) og Liselott Blixt (UP).`, `For stemte (V), (A)`,
//!   `Imod stemte: (A), (C), (Ø) og (F) med bemærkning om …`, `Stemte imod: (F) og (Ø)`
//! - a list before its verb: `(C) stemte imod …`, `(F) undlod at tage stilling.`, `Bjarke Abel (A)
//!   undlod at stemme`, `Venstre og Dansk Folkeparti stemte for`, `Radikale Venstres og
//!   Alternativets byrådsgrupper kunne ikke tiltræde indstillingen` (against), `… kunne tiltræde`
//!   (for)
//! - majorities: `Et flertal bestående af A, V og C godkendte …`, `Et mindretal (Ø og F) stemte
//!   imod`, `Et flertal (V, C, O og D) kunne ikke tiltræde forslaget`, `Mindretallet (A, F, Ø og B)
//!   stemte for`
//!
//! A named individual keeps the name next to the party. "tog forbehold" is not a vote.

use crate::model::{VoteSide, Voter, Votes};
use crate::refdata;
use regex::Regex;
use std::sync::LazyLock;

/// Which side of a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    For,
    Against,
    Abstain,
}

// "11 for", "5 stemmer for (A, V, C og F)"
static COUNT_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<n>\d{1,3})\s+(?:stemmer\s+)?for\b(?:\s*\((?P<list>[^)]{1,120})\))?")
        .expect("regex")
});
// "9 imod", "1 imod (Ø)", "mod 3 (V, C og I)"
static COUNT_AGAINST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?P<n>\d{1,3})\s+(?:stemmer\s+)?imod\b|\bmod\s+(?P<n2>\d{1,3})\b)(?:\s*\((?P<list>[^)]{1,120})\))?").expect("regex")
});
// "1 undlod", "1 (F) undlod at stemme", "2 stemte hverken for eller imod"
static COUNT_ABSTAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<n>\d{1,3})\s*(?:\((?P<list>[^)]{1,120})\)\s*)?(?:medlemmer?\s+)?(?:undlod|undlader|stemte\s+hverken|stemte\s+blankt)").expect("regex")
});
// "med 14 stemmer mod 2": the number before "stemmer mod" is the votes for
static COUNT_STEMMER_MOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?P<n>\d{1,3})\s+stemmer\s+mod\b").expect("regex"));

// "For stemte: list", "Stemte for: list", "Imod stemte: list", "Stemte imod: list"
static LABELLED_SIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<label>for\s+stemte|stemte\s+for|imod\s+stemte|stemte\s+imod|undlod\s+at\s+stemme)\s*:?\s+(?P<list>.+)$").expect("regex")
});

// "list stemte imod", "list kunne ikke tiltræde", "list undlod at stemme", "list godkendte"
static LIST_THEN_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<list>.+?)\s+(?P<verb>stemte\s+imod|stemte\s+for|kunne\s+ikke\s+tiltræde|kunne\s+tiltræde|tiltrådte|godkendte|vedtog|anbefalede|afviste|forkastede|var\s+imod|undlod|undlader|afstod|stemte\s+hverken)\b").expect("regex")
});

// "Et flertal bestående af", "Mindretallet", "Et mindretal (" …: a quantifier before a list
static QUANTIFIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:et\s+|det\s+)?(?:flertal(?:let)?|mindretal(?:let)?)(?:\s+i\s+\S+)?(?:\s+bestående\s+af|\s*:)?\s*").expect("regex")
});

fn side_of_label(label: &str) -> Side {
    let label = label.to_lowercase();
    if label.contains("imod") {
        Side::Against
    } else if label.starts_with("undlod") {
        Side::Abstain
    } else {
        Side::For
    }
}

fn side_of_verb(verb: &str) -> Side {
    let verb = verb.to_lowercase();
    if verb.contains("imod")
        || verb.contains("ikke")
        || verb.starts_with("afviste")
        || verb.starts_with("forkastede")
    {
        Side::Against
    } else if verb.starts_with("undl") || verb.starts_with("afstod") || verb.contains("hverken") {
        Side::Abstain
    } else {
        Side::For
    }
}

/// The votes recorded in a decision text, or None when it records none.
pub fn votes(text: &str) -> Option<Votes> {
    let mut votes = Votes::default();
    read_counts(text, &mut votes);
    for sentence in super::decision::sentences(text) {
        let sentence = sentence.trim_end_matches(['.', ';']);
        if let Some(c) = LABELLED_SIDE.captures(sentence) {
            extend(side_mut(&mut votes, side_of_label(&c["label"])), voters(&c["list"]));
        } else if let Some(c) = LIST_THEN_VERB.captures(sentence) {
            let list = list_after_quantifier(&c["list"]);
            extend(side_mut(&mut votes, side_of_verb(&c["verb"])), voters(list));
        }
    }
    let empty = |s: &VoteSide| s.count.is_none() && s.voters.is_empty();
    if empty(&votes.for_) && empty(&votes.against) && empty(&votes.abstain) {
        None
    } else {
        Some(votes)
    }
}

fn side_mut(votes: &mut Votes, side: Side) -> &mut VoteSide {
    match side {
        Side::For => &mut votes.for_,
        Side::Against => &mut votes.against,
        Side::Abstain => &mut votes.abstain,
    }
}

/// Counts (and parenthesised lists) from sentences that speak of votes.
fn read_counts(text: &str, votes: &mut Votes) {
    for sentence in super::decision::sentences(text) {
        let lower = sentence.to_lowercase();
        let about_votes =
            lower.contains("stemme") || lower.contains(" imod") || lower.contains("undlod");
        if !about_votes {
            continue;
        }
        let for_count =
            COUNT_FOR.captures(sentence).or_else(|| COUNT_STEMMER_MOD.captures(sentence));
        let against = COUNT_AGAINST.captures(sentence);
        // A count is a vote only beside its counterpart ("11 for og 9 imod") or the word "stemmer".
        if for_count.is_some() && (against.is_some() || lower.contains("stemmer")) {
            if let Some(c) = for_count {
                votes.for_.count = votes.for_.count.or_else(|| c["n"].parse().ok());
                if let Some(list) = c.name("list") {
                    extend(&mut votes.for_, voters(list.as_str()));
                }
            }
            if let Some(c) = against {
                let n = c.name("n").or(c.name("n2")).and_then(|m| m.as_str().parse().ok());
                votes.against.count = votes.against.count.or(n);
                if let Some(list) = c.name("list") {
                    extend(&mut votes.against, voters(list.as_str()));
                }
            }
        }
        if let Some(c) = COUNT_ABSTAIN.captures(sentence) {
            votes.abstain.count = votes.abstain.count.or_else(|| c["n"].parse().ok());
            if let Some(list) = c.name("list") {
                extend(&mut votes.abstain, voters(list.as_str()));
            }
        }
    }
}

/// "Et flertal bestående af A, V og C" → "A, V og C"; "Et mindretal (Ø og F)" → "Ø og F".
fn list_after_quantifier(list: &str) -> &str {
    let Some(m) = QUANTIFIER.find(list) else { return list };
    let rest = list[m.end()..].trim();
    if let (Some(open), Some(close)) = (rest.find('('), rest.rfind(')'))
        && open < close
    {
        return &rest[open + 1..close];
    }
    rest
}

fn extend(side: &mut VoteSide, voters: Vec<Voter>) {
    for voter in voters {
        if !side.voters.contains(&voter) {
            side.voters.push(voter);
        }
    }
}

// Text after the list that is not part of it.
static LIST_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:med\s+(?:den\s+)?bemærkning|idet|fordi|da\s|under\s+henvisning|på\s+\d)")
        .expect("regex")
});

/// Parses a list of parties and members: "(V), (D) og Liselott Blixt (UP)", "A, V og C",
/// "Radikale Venstres og Alternativets byrådsgrupper".
pub fn voters(list: &str) -> Vec<Voter> {
    let list = LIST_END.find(list).map_or(list, |m| &list[..m.start()]);
    let list = list.trim().trim_end_matches(['.', ',']);
    let mut out = Vec::new();
    for piece in list.split(',').flat_map(|p| p.split(" og ")) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        if let Some(voter) = voter(piece) {
            out.push(voter);
        }
    }
    out
}

fn voter(piece: &str) -> Option<Voter> {
    let (outside, groups) = super::party::split_parens(piece);
    let party = groups.iter().find_map(|g| super::party::party_in_parens(g));
    let outside = outside.trim();
    if outside.is_empty() {
        return party.map(|p| Voter { party: Some(p), name: None });
    }
    if party.is_none()
        && let Some(letter) = bare_letter(outside).or_else(|| party_by_name(outside))
    {
        return Some(Voter { party: Some(letter), name: None });
    }
    // Anything else beside the parenthesis is prose, not a voter.
    super::participants::is_person_name(outside)
        .then(|| Voter { party, name: Some(outside.to_owned()) })
}

/// "V", "KF", "EL" written without parentheses.
fn bare_letter(text: &str) -> Option<String> {
    let is_code = (1..=3).contains(&text.chars().count()) && text.chars().all(|c| c.is_uppercase());
    if is_code { refdata::party_letter(text) } else { None }
}

/// "Radikale Venstres byrådsgruppe", "Socialistisk Folkeparti", "Alternativets".
fn party_by_name(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let lower =
        lower.trim_start_matches("et mindretal bestående af ").trim_start_matches("de ").trim();
    // "Radikale Venstres byrådsgruppe", "Socialistisk Folkepartis medlemmer"
    const GROUP_WORDS: &[&str] = &[
        " byrådsgrupper",
        " byrådsgruppe",
        " grupper",
        " gruppe",
        " byrådsmedlemmer",
        " medlemmer",
        " medlem",
        " repræsentanter",
        " repræsentant",
    ];
    for suffix in GROUP_WORDS {
        if let Some(stem) = lower.strip_suffix(suffix) {
            return name_or_genitive(stem);
        }
    }
    name_or_genitive(lower)
}

/// A party's name, or its genitive ("Enhedslisten de Rød-Grønnes").
fn name_or_genitive(name: &str) -> Option<String> {
    refdata::party_letter(name).or_else(|| name.strip_suffix('s').and_then(refdata::party_letter))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(s: &VoteSide) -> Vec<String> {
        s.voters.iter().map(Voter::label).collect()
    }

    #[test]
    fn greve_vote_block() {
        let v = votes(
            "Med stemmerne 11 for og 9 imod godkendte Byrådet Økonomiudvalgets indstilling. \
             For stemte: (V), (D) og Liselott Blixt (UP). \
             Imod stemte: (A), (C), (Ø) og (F) med bemærkning om, at partierne ønsker etableret et yderligere valgsted.",
        )
        .unwrap();
        assert_eq!((v.for_.count, v.against.count), (Some(11), Some(9)));
        assert_eq!(side(&v.for_), ["V", "D", "Liselott Blixt (UP)"]);
        assert_eq!(side(&v.against), ["A", "C", "Ø", "F"]);
    }

    #[test]
    fn abstentions_and_minorities() {
        let v = votes("Godkendt. (F) undlod at tage stilling.").unwrap();
        assert_eq!(side(&v.abstain), ["F"]);
        let v = votes("Bjarke Abel (A) undlod at tage stilling.").unwrap();
        assert_eq!(side(&v.abstain), ["Bjarke Abel (A)"]);
        let v = votes("Et flertal bestående af A, V og C godkendte indstillingen. Et mindretal (Ø og F) stemte imod.").unwrap();
        assert_eq!(side(&v.for_), ["A", "V", "C"]);
        assert_eq!(side(&v.against), ["Ø", "F"]);
    }

    #[test]
    fn counts_with_mod() {
        let v =
            votes("Indstillingen blev vedtaget med 14 stemmer mod 2 (Z). 1 (F) undlod at stemme.")
                .unwrap();
        assert_eq!((v.for_.count, v.against.count, v.abstain.count), (Some(14), Some(2), Some(1)));
        assert_eq!(side(&v.abstain), ["F"]);
    }

    #[test]
    fn party_groups_in_full() {
        let v = votes(
            "Radikale Venstres og Alternativets byrådsgrupper kunne ikke tiltræde indstillingen.",
        )
        .unwrap();
        assert_eq!(side(&v.against), ["B", "Å"]);
    }

    #[test]
    fn genitive_party_members() {
        let v = votes("Socialistisk Folkepartis og Radikale Venstres medlemmer undlod at stemme.")
            .unwrap();
        assert_eq!(side(&v.abstain), ["F", "B"]);
    }

    #[test]
    fn counts_with_lists_and_majorities_by_verb() {
        let v = votes("Med 5 stemmer for (A, V, C og F) og 1 imod (Ø) anbefaler udvalget Byrådet at godkende.").unwrap();
        assert_eq!((v.for_.count, v.against.count), (Some(5), Some(1)));
        assert_eq!(side(&v.for_), ["A", "V", "C", "F"]);
        assert_eq!(side(&v.against), ["Ø"]);
        let v =
            votes("Indstillingen anbefales med 8 stemmer for (A, B, F og Ø) mod 3 (V, C og I).")
                .unwrap();
        assert_eq!((v.for_.count, v.against.count), (Some(8), Some(3)));
        assert_eq!(side(&v.against), ["V", "C", "I"]);
        let v = votes("Et flertal (V, C, O og D) kunne ikke tiltræde forslaget. Mindretallet (A, F, Ø og B) stemte for forslaget.").unwrap();
        assert_eq!(side(&v.against), ["V", "C", "O", "D"]);
        assert_eq!(side(&v.for_), ["A", "F", "Ø", "B"]);
        let v = votes("Venstre, Socialdemokratiet og SF stemte for. Enhedslisten stemte imod. Dansk Folkeparti og Nye Borgerlige undlod at stemme.").unwrap();
        assert_eq!(side(&v.for_), ["V", "A", "F"]);
        assert_eq!(side(&v.against), ["Ø"]);
        assert_eq!(side(&v.abstain), ["O", "D"]);
        let v = votes(
            "Indstillingen blev godkendt med 18 stemmer for, 4 imod, mens 1 undlod at stemme.",
        )
        .unwrap();
        assert_eq!((v.for_.count, v.against.count, v.abstain.count), (Some(18), Some(4), Some(1)));
        assert!(votes("Byrådet godkendte indstillingen.").is_none());
        assert!(votes("Der er afsat 4 mio. kr. for perioden.").is_none());
    }

    #[test]
    fn no_vote() {
        assert!(votes("Godkendt.").is_none());
        assert!(votes("Socialistisk Folkeparti tog forbehold.").is_none());
    }
}
