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
    Regex::new(r"(?i)\b(?P<n>\d{1,3})\s+(?:stemmer?\s+)?for\b(?:\s*\((?P<list>(?:[^()]|\([^()]*\)){1,160})\))?")
        .expect("regex")
});
// "9 imod", "1 imod (Ø)", "mod 3 (V, C og I)"
static COUNT_AGAINST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?P<n>\d{1,3})\s+(?:stemmer?\s+)?imod\b|\bmod\s+(?P<n2>\d{1,3})\b(?:\s+stemmer?)?)(?:\s*\((?P<list>(?:[^()]|\([^()]*\)){1,160})\))?").expect("regex")
});
// "1 undlod", "1 (F) undlod at stemme", "2 stemte hverken for eller imod"
static COUNT_ABSTAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<n>\d{1,3})\s*(?:medlemmer?\s*)?(?:\((?P<list>[^)]{1,120})\)\s*)?(?:medlemmer?\s+)?(?:undlod|undlader|stemte\s+hverken|stemte\s+blankt)").expect("regex")
});
// "med 14 stemmer mod 2": the number before "stemmer mod" is the votes for
// "med 14 stemmer (C, V, B og I) mod 3 (A og F)", "godkendt med 5 stemmer"
static COUNT_STEMMER_MOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bmed\s+(?P<n>\d{1,3})\s+stemmer\b(?:\s*\((?P<list>[^)]{1,120})\))?(?:\s+mod\b|\s*[.,]|\s*$)|\b(?P<n2>\d{1,3})\s+stemmer\s+mod\b").expect("regex")
});

// A side label where a clause starts, with an optional count: "For stemte: list", "For
// stemte 19: list", "For stemte 7 medlemmer: list", "Imod stemte (A)", "Stemte imod: list",
// "Undlod at stemme 4: list", "For: A, V (18) Imod: Ø (7)" (a bare "For"/"Imod" needs its colon).
static SIDE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s,;])(?P<label>for\s+(?:forslaget\s+|indstillingen\s+|ændringsforslaget\s+)?stemte|stemte\s+for|imod\s+(?:forslaget\s+|indstillingen\s+|ændringsforslaget\s+)?stemte|stemte\s+imod|undlod\s+at\s+stemme|hverken\s+for\s+eller\s+imod\s+stemte|for|imod|undlod)(?:\s+(?P<n>\d{1,3})(?:\s+(?:medlemmer|stemmer))?)?\s*(?P<colon>:)?(?:\s+|$)").expect("regex")
});

// "(18)" after a list: the side's count.
static TRAILING_COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\s*(?P<n>\d{1,3})\s*\)\s*$").expect("regex"));

// "list stemte imod", "list kunne ikke tiltræde", "list undlod at stemme", "list godkendte"
static LIST_THEN_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<list>.+?)\s+(?P<verb>stemte\s+imod|stemte\s+for|kunne\s+ikke\s+tiltræde|kan\s+ikke\s+tiltræde|kunne\s+ikke\s+anbefale|kan\s+ikke\s+anbefale|kunne\s+tiltræde|kan\s+tiltræde|tiltrådte|tiltræder|godkendte|godkender|vedtog|anbefalede|anbefaler|afviste|forkastede|var\s+imod|undlod|undlader|afstod|stemte\s+hverken)\b").expect("regex")
});

// "6 medlemmer (V+A+C) anbefaler indstillingen", "2 medlemmer (V+C) stemte imod": a counted
// group before its verb.
static COUNTED_GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<n>\d{1,3})\s+medlemmer?\s*\((?P<list>[^)]{1,120})\)\s+(?P<verb>stemte\s+imod|stemte\s+for|kunne\s+ikke\s+tiltræde|kan\s+ikke\s+tiltræde|kunne\s+tiltræde|kan\s+tiltræde|anbefaler|anbefalede|godkendte|godkender|var\s+imod|undlod|undlader)").expect("regex")
});

// "Et flertal bestående af", "Mindretallet", "Et mindretal (" …: a quantifier before a list
static QUANTIFIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:et\s+|det\s+)?(?:flertal(?:let)?|mindretal(?:let)?)(?:\s+i\s+\S+)?(?:\s+bestående\s+af|\s*:)?\s*").expect("regex")
});

fn side_of_label(label: &str) -> Side {
    let label = label.to_lowercase();
    if label.starts_with("hverken") {
        Side::Abstain
    } else if label.contains("imod") {
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
        // A list with counts in it ("Med 5 stemmer for (A) og 1 imod (Ø) anbefaler …") was
        // read with its counts.
        if !read_labelled_sides(sentence, &mut votes)
            && let Some(c) = LIST_THEN_VERB.captures(sentence)
            && !c["list"].contains(|ch: char| ch.is_ascii_digit())
        {
            let list = list_after_quantifier(&c["list"]);
            extend(side_mut(&mut votes, side_of_verb(&c["verb"])), voters(voter_tail(list)));
        }
    }
    let empty = |s: &VoteSide| s.count.is_none() && s.voters.is_empty();
    if empty(&votes.for_) && empty(&votes.against) && empty(&votes.abstain) {
        None
    } else {
        Some(votes)
    }
}

/// Every labelled side in a sentence ("For stemte 19: A, V og S", "For: A (18) Imod: Ø (7)"):
/// the list runs to the next label. True when one named a voter or a count.
fn read_labelled_sides(sentence: &str, votes: &mut Votes) -> bool {
    let labels: Vec<regex::Captures<'_>> = SIDE_LABEL
        .captures_iter(sentence)
        .filter(|c| {
            let bare = !c["label"].contains(char::is_whitespace);
            !bare || c.name("colon").is_some() || c.name("n").is_some()
        })
        .collect();
    let mut found = false;
    for (i, c) in labels.iter().enumerate() {
        let Some(whole) = c.get(0) else { continue };
        let end = labels.get(i + 1).and_then(|n| n.get(0)).map_or(sentence.len(), |m| m.start());
        let list = sentence[whole.end()..end].trim().trim_end_matches([',', ';', '.']);
        let side = side_mut(votes, side_of_label(&c["label"]));
        let count = c
            .name("n")
            .and_then(|n| n.as_str().parse().ok())
            .or_else(|| TRAILING_COUNT.captures(list).and_then(|t| t["n"].parse().ok()));
        let list = TRAILING_COUNT.find(list).map_or(list, |m| &list[..m.start()]);
        let named = voters(list);
        // "Imod stemte de øvrige 26 fremmødte medlemmer": the number of a group named by count.
        let count = count.or_else(|| {
            if !named.is_empty() {
                return None;
            }
            let numbers: Vec<u32> =
                list.split_whitespace().filter_map(|w| w.parse().ok()).collect();
            (numbers.len() == 1 && list.to_lowercase().contains("medlem")).then(|| numbers[0])
        });
        if count.is_some() || !named.is_empty() {
            found = true;
            side.count = side.count.or(count);
            extend(side, named);
        }
    }
    found
}

/// The voters at the end of the text before a verb: "… idet kun Ø og F" → "Ø og F" (the
/// longest ending whose every list item is a voter).
fn voter_tail(list: &str) -> &str {
    if every_piece_a_voter(list) {
        return list;
    }
    let mut best = list.len();
    for (i, _) in list.match_indices(' ') {
        if every_piece_a_voter(&list[i + 1..]) {
            best = i + 1;
            break;
        }
    }
    &list[best..]
}

fn every_piece_a_voter(list: &str) -> bool {
    let pieces: Vec<&str> = list.split(',').flat_map(|p| p.split(" og ")).map(str::trim).collect();
    !pieces.is_empty() && pieces.iter().all(|p| !p.is_empty() && voter(p).is_some())
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
        for c in COUNTED_GROUP.captures_iter(sentence) {
            let side = side_mut(votes, side_of_verb(&c["verb"]));
            side.count = side.count.or_else(|| c["n"].parse().ok());
            extend(side, voters(&c["list"]));
        }
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
                let n = c.name("n").or(c.name("n2")).and_then(|m| m.as_str().parse().ok());
                votes.for_.count = votes.for_.count.or(n);
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
        // "forkastedes med 12 stemmer mod 2 (Z og M)": in a rejection the majority is against.
        if COUNT_FOR.captures(sentence).is_none()
            && COUNT_STEMMER_MOD.is_match(sentence)
            && super::decision::outcome(sentence) == Some(crate::model::Outcome::Rejected)
        {
            std::mem::swap(&mut votes.for_, &mut votes.against);
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
    for piece in list.split(',').flat_map(|p| p.split(" og ")).flat_map(|p| p.split('+')) {
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
    let party = groups.iter().find_map(|g| {
        super::party::party_in_parens(g).or_else(|| crate::grammar::entry::party_token(g))
    });
    let outside = outside.trim();
    if outside.is_empty() {
        return party.map(|p| Voter { party: Some(p), name: None });
    }
    if party.is_none()
        && let Some(letter) = bare_letter(outside)
            .or_else(|| party_by_name(outside))
            .or_else(|| crate::grammar::entry::party_token(outside))
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
    fn labelled_sides_with_counts_anywhere() {
        let v = votes("Indstillingen blev godkendt. For stemte 19: A, V og S. Imod stemte 6: O, F og Ø. Undlod at stemme 4: C, I og B.").unwrap();
        assert_eq!((v.for_.count, v.against.count, v.abstain.count), (Some(19), Some(6), Some(4)));
        assert_eq!(side(&v.for_), ["A", "V", "S"]);
        assert_eq!(side(&v.abstain), ["C", "I", "B"]);
        let v = votes("For stemte A, O, F og Ø (18). Imod stemte V, C og I (5). Indstillingen er herefter godkendt.").unwrap();
        assert_eq!((v.for_.count, v.against.count), (Some(18), Some(5)));
        assert_eq!(side(&v.against), ["V", "C", "I"]);
        let v = votes("Indstillingen blev godkendt efter følgende afstemning: For stemte 7 medlemmer: A, F, Ø og Å. Imod stemte 3 medlemmer: C og V.").unwrap();
        assert_eq!(
            (v.for_.count, side(&v.for_)),
            (Some(7), vec!["A".to_owned(), "F".into(), "Ø".into(), "Å".into()])
        );
        let v = votes("For: A, V og C (18) Imod: Ø og F (7)").unwrap();
        assert_eq!((v.for_.count, v.against.count), (Some(18), Some(7)));
        let v = votes("Indstillingen blev godkendt. Imod stemte liste Ø.").unwrap();
        assert_eq!(side(&v.against), ["Ø"]);
    }

    #[test]
    fn counts_with_lists_before_mod_and_voters_before_verbs() {
        let v = votes("Godkendt med 14 stemmer (C, V, B og I) mod 3 (A og F). Ø undlod at stemme.")
            .unwrap();
        assert_eq!((v.for_.count, v.against.count), (Some(14), Some(3)));
        assert_eq!(side(&v.for_), ["C", "V", "B", "I"]);
        assert_eq!(side(&v.against), ["A", "F"]);
        let v = votes("Forslaget blev ikke godkendt, idet kun Ø og F stemte for.").unwrap();
        assert_eq!(side(&v.for_), ["Ø", "F"]);
        let v = votes(
            "Indstillingen godkendt med 5 stemmer. Kirsten Holt (Dansk Folkeparti) stemte imod.",
        )
        .unwrap();
        assert_eq!(
            (v.for_.count, side(&v.against)),
            (Some(5), vec!["Kirsten Holt (O)".to_owned()])
        );
        let v = votes("Et flertal bestående af A, F og Ø anbefaler, at forslaget oversendes. Et mindretal bestående af V og C kan ikke anbefale forslaget.").unwrap();
        assert_eq!(
            (side(&v.for_), side(&v.against)),
            (vec!["A".to_owned(), "F".into(), "Ø".into()], vec!["V".to_owned(), "C".into()])
        );
    }

    #[test]
    fn counted_groups_rejections_and_groups_by_count() {
        let v = votes(
            "6 medlemmer (V+A+C) anbefaler indstillingen. Jørgen Sand Ebbesen (O) stemte imod.",
        )
        .unwrap();
        assert_eq!(
            (v.for_.count, side(&v.for_)),
            (Some(6), vec!["V".to_owned(), "A".into(), "C".into()])
        );
        let v = votes("Forslaget forkastedes med 12 stemmer mod 2 (Z og M).").unwrap();
        assert_eq!(
            (v.for_.count, side(&v.for_), v.against.count),
            (Some(2), vec!["Z".to_owned(), "M".into()], Some(12))
        );
        let v = votes("Forslaget blev forkastet med 1 stemme for (Ø) og 24 imod.").unwrap();
        assert_eq!((v.for_.count, v.against.count), (Some(1), Some(24)));
        let v = votes("Kommunalbestyrelsen kunne ikke tiltræde forslaget. For forslaget stemte F og Ø (3). Imod stemte de øvrige partier.").unwrap();
        assert_eq!((v.for_.count, side(&v.for_)), (Some(3), vec!["F".to_owned(), "Ø".into()]));
        let v = votes("Forslaget blev ikke godkendt. For stemte: Birte Boisen (F) og Carsten Ohm (Ø). Imod stemte de øvrige 26 fremmødte medlemmer.").unwrap();
        assert_eq!(v.against.count, Some(26));
        let v = votes("X blev valgt med 12 stemmer. 7 medlemmer (A, F og Ø) undlod at stemme.")
            .unwrap();
        assert_eq!(
            (v.abstain.count, side(&v.abstain)),
            (Some(7), vec!["A".to_owned(), "F".into(), "Ø".into()])
        );
    }

    #[test]
    fn no_vote() {
        assert!(votes("Sagen blev drøftet for åbne døre.").is_none());
        assert!(votes("Udvalget anbefaler for nu at vente.").is_none());
        assert!(votes("Godkendt.").is_none());
        assert!(votes("Socialistisk Folkeparti tog forbehold.").is_none());
    }
}
