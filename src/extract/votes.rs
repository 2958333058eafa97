//! Votes recorded in a decision, by party and by named member.
//!
//! Accepted forms:
//! - counts: `Med stemmerne 11 for og 9 imod …`, `17 for og 3 imod`, `… 2 undlod at stemme`
//! - sides: `For stemte: (V), (D) og Liselott Blixt (UP).`, `For stemte (V), (A)`,
//!   `Imod stemte: (A), (C), (Ø) og (F) med bemærkning om …`, `Stemte imod: (F) og (Ø)`,
//!   `(C) stemte imod …`, `(F) undlod at tage stilling.`, `Bjarke Abel (A) undlod at stemme`
//! - majorities: `Et flertal bestående af A, V og C godkendte …`, `Et mindretal (Ø og F) stemte imod`
//! - party groups in full: `Radikale Venstres og Alternativets byrådsgrupper kunne ikke tiltræde
//!   indstillingen` (against), `Socialistisk Folkeparti kunne tiltræde` (for)
//!
//! A named individual keeps the name next to the party. "tog forbehold" is not a vote.

use crate::model::{VoteSide, Voter, Votes};
use crate::refdata;
use regex::Regex;
use std::sync::LazyLock;

// "Med stemmerne 11 for og 9 imod", "17 for og 3 imod", "11 stemmer for, 9 imod og 2 undlod"
static COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<for>\d{1,3})\s+(?:stemmer\s+)?for\s*(?:,|og)\s*(?P<against>\d{1,3})\s+(?:stemmer\s+)?imod(?:\s*(?:,|og)\s*(?P<abstain>\d{1,3})\s+(?:undlod|hverken))?")
        .expect("regex")
});

// "For stemte: list", "Stemte for: list"
static FOR_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bfor\s+stemte|\bstemte\s+for)\s*:?\s*(?P<list>[^.:]+)").expect("regex")
});
// "Imod stemte: list", "Stemte imod: list"
static AGAINST_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\bimod\s+stemte|^stemte\s+imod|[.]\s*stemte\s+imod)\s*:?\s*(?P<list>[^.:]+)",
    )
    .expect("regex")
});
// "list stemte imod", "Et mindretal (Ø og F) stemte imod", "list kunne ikke tiltræde"
static LIST_AGAINST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<list>(?:\(\p{Lu}{1,3}\)|\p{Lu}[\p{L}’'.-]*)(?:[^.:]{0,200}?))\s+(?:stemte\s+imod|kunne\s+ikke\s+tiltræde|var\s+imod)").expect("regex")
});
// "list undlod at stemme", "list undlod at tage stilling", "list undlader"
static LIST_ABSTAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<list>(?:\(\p{Lu}{1,3}\)|\p{Lu}[\p{L}’'.-]*)(?:[^.:]{0,200}?))\s+(?:undlod|undlader|afstod)").expect("regex")
});
// "Et flertal bestående af A, V og C", "Et flertal (A, V) …", "list kunne tiltræde"
static LIST_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:et\s+flertal\s+(?:bestående\s+af\s+|\()(?P<list>[^.:)]+?)(?:\)|\s+(?:godkendte|stemte|vedtog|kunne|besluttede|tiltrådte))|(?P<list2>(?:\(\p{Lu}{1,3}\)|\p{Lu}[\p{L}’'.-]*)[^.:]{0,200}?)\s+kunne\s+tiltræde)")
        .expect("regex")
});

// "vedtaget med 14 stemmer mod 2 (Z)"
static COUNTS_MOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bmed\s+(?P<for>\d{1,3})\s+stemmer?\s+(?:mod|imod)\s+(?P<against>\d{1,3})(?:\s*\((?P<list>[^)]{1,80})\))?")
        .expect("regex")
});

// "1 (F) undlod at stemme", "2 undlod at stemme"
static ABSTAIN_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<n>\d{1,3})\s*(?:\((?P<list>[^)]{1,80})\)\s*)?(?:medlemmer\s+)?(?:undlod|undlader|stemte\s+hverken)").expect("regex")
});

/// The votes recorded in a decision text, or None when it records none.
pub fn votes(text: &str) -> Option<Votes> {
    let mut votes = Votes::default();
    if let Some(c) = COUNTS.captures(text) {
        votes.for_.count = c["for"].parse().ok();
        votes.against.count = c["against"].parse().ok();
        votes.abstain.count = c.name("abstain").and_then(|m| m.as_str().parse().ok());
    } else if let Some(c) = COUNTS_MOD.captures(text) {
        votes.for_.count = c["for"].parse().ok();
        votes.against.count = c["against"].parse().ok();
        if let Some(list) = c.name("list") {
            extend(&mut votes.against, voters(list.as_str()));
        }
    }
    if votes.abstain.count.is_none()
        && let Some(c) = ABSTAIN_COUNT.captures(text)
    {
        votes.abstain.count = c["n"].parse().ok();
    }
    for sentence in sentences(text) {
        if let Some(c) = FOR_LIST.captures(sentence) {
            extend(&mut votes.for_, voters(&c["list"]));
        } else if let Some(c) = LIST_FOR.captures(sentence) {
            let list = c.name("list").or(c.name("list2")).map_or("", |m| m.as_str());
            extend(&mut votes.for_, voters(list));
        }
        if let Some(c) = AGAINST_LIST.captures(sentence) {
            extend(&mut votes.against, voters(&c["list"]));
        } else if let Some(c) = LIST_AGAINST.captures(sentence) {
            extend(&mut votes.against, voters(mindretal_list(&c["list"])));
        }
        if let Some(c) = LIST_ABSTAIN.captures(sentence) {
            extend(&mut votes.abstain, voters(mindretal_list(&c["list"])));
        }
    }
    let empty = |s: &VoteSide| s.count.is_none() && s.voters.is_empty();
    if empty(&votes.for_) && empty(&votes.against) && empty(&votes.abstain) {
        None
    } else {
        Some(votes)
    }
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['.', '\n']).map(str::trim).filter(|s| !s.is_empty())
}

fn extend(side: &mut VoteSide, voters: Vec<Voter>) {
    for voter in voters {
        if !side.voters.contains(&voter) {
            side.voters.push(voter);
        }
    }
}

/// "Et mindretal (Ø og F)" → "Ø og F".
fn mindretal_list(list: &str) -> &str {
    let lower = list.to_lowercase();
    if (lower.starts_with("et mindretal") || lower.starts_with("mindretallet"))
        && let (Some(open), Some(close)) = (list.find('('), list.rfind(')'))
        && open < close
    {
        return &list[open + 1..close];
    }
    list
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
    if super::participants::is_person_name(outside) {
        return Some(Voter { party, name: Some(outside.to_owned()) });
    }
    party.map(|p| Voter { party: Some(p), name: None })
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
        s.voters
            .iter()
            .map(|v| match (&v.party, &v.name) {
                (Some(p), Some(n)) => format!("{n} ({p})"),
                (Some(p), None) => p.clone(),
                (None, Some(n)) => n.clone(),
                (None, None) => String::new(),
            })
            .collect()
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
    fn no_vote() {
        assert!(votes("Godkendt.").is_none());
        assert!(votes("Socialistisk Folkeparti tog forbehold.").is_none());
    }
}
