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
    Regex::new(r"(?i)\b(?P<n>\d{1,3})\s*(?:medlem(?:mer)?\s*)?(?:\((?P<list>[^)]{1,120})\)\s*)?(?:medlem(?:mer)?\s+)?(?:undlod(?:\s+at\s+stemme)?|undlader|stemte\s+hverken|stemte\s+blankt)").expect("regex")
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

// "(18)" anywhere: a count.
static COUNT_IN_PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\s*\d{1,3}\s*\)").expect("regex"));

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
///
/// A decision may record several votes: an amendment, then the recommendation ("For stemte 9
/// (A og F). Imod stemte 19 (…). Ændringsforslaget blev forkastet. Indstillingen blev herefter
/// godkendt med 19 stemmer for (…) og 9 imod (A og F)."). A side is stated once per vote, so
/// a clause stating a side again starts the next vote (rule E-VOTE-LAST), and the last vote
/// counts: it is the one on what the item decided.
pub fn votes(text: &str) -> Option<Votes> {
    let text = crate::grammar::numbers::with_digits(text);
    if let Some(table) = vote_table(&text) {
        return Some(table);
    }
    let mut events = vec![Votes::default()];
    for sentence in super::decision::sentences(&text) {
        let rejected = super::decision::outcome(sentence) == Some(crate::model::Outcome::Rejected);
        for clause in clauses(sentence.trim_end_matches(['.', ';'])) {
            let mut part = Votes::default();
            read_clause(clause, rejected, &mut part);
            let current = events.last_mut().expect("one vote at least");
            if restates_a_side(current, &part) {
                events.push(part);
            } else {
                merge(current, part);
            }
        }
    }
    events.into_iter().rev().find(|v| !is_empty(v))
}

fn is_empty(votes: &Votes) -> bool {
    let empty = |s: &VoteSide| s.count.is_none() && s.voters.is_empty();
    empty(&votes.for_) && empty(&votes.against) && empty(&votes.abstain)
}

/// True when `part` states the count of a side `current` already has. Voters named again are
/// more voters of the same vote ("A kunne ikke tiltræde … . B kunne ikke tiltræde …").
fn restates_a_side(current: &Votes, part: &Votes) -> bool {
    let sides = [
        (&current.for_, &part.for_),
        (&current.against, &part.against),
        (&current.abstain, &part.abstain),
    ];
    sides.iter().any(|(have, new)| have.count.is_some() && new.count.is_some())
}

fn merge(into: &mut Votes, part: Votes) {
    for (side, new) in [
        (&mut into.for_, part.for_),
        (&mut into.against, part.against),
        (&mut into.abstain, part.abstain),
    ] {
        side.count = side.count.or(new.count);
        extend(side, new.voters);
    }
}

/// One clause's votes: labelled sides, counts, or a list before its verb.
fn read_clause(clause: &str, rejected: bool, votes: &mut Votes) {
    let labelled = read_labelled_sides(clause, votes);
    read_counts(clause, rejected, votes);
    read_zero_sides(clause, votes);
    let Some(c) = LIST_THEN_VERB.captures(clause) else { return };
    let list = c["list"].trim();
    // "Imod: O (4) Undlod at stemme: F (2)" was read by its labels; "Q undlod at stemme (1)"
    // names its voters before the verb.
    if labelled && (list.contains(':') || !every_piece_a_voter(list)) {
        return;
    }
    let side = side_mut(votes, side_of_verb(&c["verb"]));
    // "De øvrige 26 medlemmer stemte imod": a group named by its count.
    if let Some(g) = GROUP_BY_COUNT.captures(list) {
        side.count = side.count.or_else(|| g["n"].parse().ok());
    } else if !list.contains(|ch: char| ch.is_ascii_digit()) {
        // A list with counts in it ("Med 5 stemmer for (A) og 1 imod (Ø) anbefaler …") was
        // read with its counts.
        extend(side, voters(voter_tail(list_after_quantifier(list))));
    }
}

// "de øvrige 26 medlemmer", "De øvrige 25 fremmødte medlemmer", "26 medlemmer"
static GROUP_BY_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:de\s+)?(?:øvrige\s+|resterende\s+)?(?P<n>\d{1,3})\s+(?:fremmødte\s+)?(?:medlem(?:mer)?|stemmer)$")
        .expect("regex")
});

// "Ingen undlod", "Ingen stemte imod", "ingen undlod at stemme": that side is zero.
static ZERO_SIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bingen\s+(?P<side>undlod|stemte\s+imod|stemte\s+for|imod)\b").expect("regex")
});

fn read_zero_sides(clause: &str, votes: &mut Votes) {
    for c in ZERO_SIDE.captures_iter(clause) {
        let side = side_mut(votes, side_of_verb(&c["side"]));
        side.count = side.count.or(Some(0));
    }
}

/// The clauses of a sentence that each record a side: "A og V stemte for, mens O stemte
/// imod" and "Ø og F stemte imod, og B undlod at stemme" are two.
fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = sentence;
    loop {
        let cut = [", mens ", ", medens ", ", hvorimod ", ", og "]
            .iter()
            .filter_map(|sep| rest.find(sep).map(|at| (at, sep.len())))
            .filter(|&(at, len)| states_a_side(&rest[..at]) && states_a_side(&rest[at + len..]))
            .min();
        match cut {
            Some((at, len)) => {
                out.push(&rest[..at]);
                rest = &rest[at + len..];
            }
            None => {
                out.push(rest);
                return out;
            }
        }
    }
}

fn states_a_side(text: &str) -> bool {
    LIST_THEN_VERB.is_match(text) || SIDE_LABEL.is_match(text)
}

// A vote table's head: "Parti | For | Imod | Undlod", "For Imod Undlod".
static TABLE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bparti\s*\|?\s*)?\b(?P<sides>(?:(?:for|imod|undlod(?:\s+at\s+stemme)?|hverken)\s*\|?\s*){2,3})")
        .expect("regex")
});

/// A vote table: a head of sides, then rows of a party and one number per side, and an "I
/// alt" row with the totals (rule E-VOTE-TABLE). A party is on every side it has votes on;
/// a side's count is the total row's, or null when the table has none.
fn vote_table(text: &str) -> Option<Votes> {
    let head = TABLE_HEAD.captures(text)?;
    let sides: Vec<Side> = head["sides"]
        .split(|c: char| c == '|' || c.is_whitespace())
        .filter(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "at" | "stemme"))
        .map(side_of_label)
        .collect();
    let cells: Vec<&str> = text[head.get(0)?.end()..]
        .split(|c: char| c == '|' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let mut votes = Votes::default();
    let mut rows = 0;
    let mut at = 0;
    while at + sides.len() < cells.len() + 1 {
        let (label, width) = if cells[at].eq_ignore_ascii_case("i")
            && cells.get(at + 1).is_some_and(|w| w.eq_ignore_ascii_case("alt"))
        {
            ("I alt", 2)
        } else {
            (cells[at], 1)
        };
        let numbers: Option<Vec<u32>> = cells
            .get(at + width..at + width + sides.len())
            .map(|ns| ns.iter().map(|n| n.parse().ok()).collect())
            .unwrap_or(None);
        let Some(numbers) = numbers else { break };
        if label == "I alt" {
            for (side, n) in sides.iter().zip(&numbers) {
                side_mut(&mut votes, *side).count = Some(*n);
            }
        } else {
            let Some(party) = voter(label) else { break };
            for (side, n) in sides.iter().zip(&numbers) {
                if *n > 0 {
                    extend(side_mut(&mut votes, *side), vec![party.clone()]);
                }
            }
        }
        rows += 1;
        at += width + sides.len();
    }
    (rows >= 2).then_some(votes)
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
        let (listed, list) = side_list(list);
        let count = c.name("n").and_then(|n| n.as_str().parse().ok()).or(listed);
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

/// What follows a side's label, up to the prose after it: the count and the text of the
/// voters. "A, V og C (18) Indstillingen …" → (18, "A, V og C"); "21 (A, V, C, F og B)" → (21,
/// "A, V, C, F og B"); "0 Regnskabet blev godkendt" and "Ingen Vedtaget" → (0, ""); "de øvrige
/// 26 fremmødte medlemmer" → (26, "").
fn side_list(list: &str) -> (Option<u32>, &str) {
    let first = list.split_whitespace().next().unwrap_or("");
    if first.eq_ignore_ascii_case("ingen") {
        return (Some(0), "");
    }
    if let Ok(n) = first.parse::<u32>() {
        let rest = list[first.len()..].trim_start();
        // "21 (A, V, C, F og B)": the count, then its voters in parentheses.
        if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.split_once(')')).map(|(i, _)| i)
        {
            return (Some(n), inner);
        }
        if rest.is_empty() || !rest.to_lowercase().starts_with("medlem") {
            return (Some(n), "");
        }
    }
    // The voters before the first count in parentheses: "F (2) Indstillingen blev godkendt".
    if let Some(m) = COUNT_IN_PARENS.find(list)
        && every_piece_a_voter(list[..m.start()].trim_end())
    {
        return (
            m.as_str().trim_matches(['(', ')', ' ']).parse().ok(),
            list[..m.start()].trim_end(),
        );
    }
    // The longest beginning that is a list of voters, with its count in parentheses after it.
    let ends: Vec<usize> = list.match_indices(' ').map(|(i, _)| i).chain([list.len()]).collect();
    for &end in ends.iter().rev() {
        let head = list[..end].trim_end_matches([',', ';', '.', ' ']);
        let count = TRAILING_COUNT.captures(head).and_then(|t| t["n"].parse().ok());
        let names = TRAILING_COUNT.find(head).map_or(head, |m| &head[..m.start()]).trim_end();
        if every_piece_a_voter(names) {
            return (count, names);
        }
    }
    if let Some(g) = GROUP_BY_COUNT.captures(list.trim_end_matches('.')) {
        return (g["n"].parse().ok(), "");
    }
    let count = TRAILING_COUNT.captures(list).and_then(|t| t["n"].parse().ok());
    (count, TRAILING_COUNT.find(list).map_or(list, |m| &list[..m.start()]))
}

/// The voters at the end of the text before a verb: "… idet kun Ø og F" → "Ø og F" (the
/// longest ending whose every list item is a voter).
fn voter_tail(list: &str) -> &str {
    let list = list.trim_end_matches([',', ' ']);
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
fn read_counts(clause: &str, rejected: bool, votes: &mut Votes) {
    {
        let sentence = clause;
        for c in COUNTED_GROUP.captures_iter(sentence) {
            let side = side_mut(votes, side_of_verb(&c["verb"]));
            side.count = side.count.or_else(|| c["n"].parse().ok());
            extend(side, voters(&c["list"]));
        }
        let lower = sentence.to_lowercase();
        let about_votes =
            lower.contains("stemme") || lower.contains(" imod") || lower.contains("undlod");
        if !about_votes {
            return;
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
        // "forkastedes med 12 stemmer mod 2 (Z og M)", "faldt med 3 stemmer (Ø) mod 21": in a
        // rejection the majority is against, whichever number is written first.
        if COUNT_FOR.captures(sentence).is_none()
            && COUNT_STEMMER_MOD.is_match(sentence)
            && rejected
            && votes.for_.count > votes.against.count
        {
            std::mem::swap(&mut votes.for_, &mut votes.against);
        }
        // "2 (O) Undlod at stemme: 0": the number before a side's label is another side's.
        let abstained = COUNT_ABSTAIN
            .captures(sentence)
            .filter(|c| !sentence[c.get(0).map_or(0, |m| m.end())..].trim_start().starts_with(':'));
        if let Some(c) = abstained {
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
    let mut out: Vec<Voter> = Vec::new();
    // "Radikale Venstres medlem, Lise Hjort": a party's one member, then the member's name.
    let mut member_of: Option<String> = None;
    for piece in list.split(',').flat_map(|p| p.split(" og ")).flat_map(|p| p.split('+')) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        let Some(mut voter) = voter(piece) else { continue };
        if let (Some(party), None, Some(_)) = (&member_of, &voter.party, &voter.name) {
            voter.party = Some(party.clone());
            out.pop();
        }
        member_of = one_member_of(piece).and(voter.party.clone()).filter(|_| voter.name.is_none());
        out.push(voter);
    }
    out
}

fn voter(piece: &str) -> Option<Voter> {
    let (outside, groups) = super::party::split_parens(piece);
    // "F (2)": a count in parentheses belongs to the side, never inside a voter.
    if groups.iter().any(|g| g.trim().parse::<u32>().is_ok()) {
        return None;
    }
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
    // "Rådmand Ebbe Gade (Ø)": the title is not the name.
    let name = refdata::role_prefix_len(outside)
        .filter(|&n| n < outside.len())
        .map_or(outside, |n| outside[n..].trim_start());
    // Anything else beside the parenthesis is prose, not a voter.
    super::participants::is_person_name(name).then(|| Voter { party, name: Some(name.to_owned()) })
}

/// "Radikale Venstres medlem", "SF's repræsentant": a party's single member, whose name may
/// follow.
fn one_member_of(piece: &str) -> Option<()> {
    let lower = piece.to_lowercase();
    [" medlem", " repræsentant", " byrådsmedlem"].iter().any(|s| lower.ends_with(s)).then_some(())
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
    fn the_last_vote_counts_after_an_amendment() {
        let v = votes("Ændringsforslag fra A og F: At rammen øges. For stemte 9 (A og F). Imod stemte 19 (V, C, O, B, Ø og I). Ændringsforslaget blev forkastet. Indstillingen blev herefter godkendt med 19 stemmer for (V, C, O, B, Ø og I) og 9 imod (A og F).").unwrap();
        assert_eq!((v.for_.count, v.against.count), (Some(19), Some(9)));
        assert_eq!(side(&v.against), ["A", "F"]);
        let v = votes("For stemte V og I (4). Imod stemte A, O, C og Ø (15). F undlod at stemme (2). Ændringsforslaget blev forkastet. Herefter blev indstillingen godkendt med femten stemmer mod fire (V og I). SF undlod at stemme.").unwrap();
        assert_eq!((v.for_.count, v.against.count), (Some(15), Some(4)));
        assert_eq!(
            (side(&v.against), side(&v.abstain)),
            (vec!["V".to_owned(), "I".into()], vec!["F".to_owned()])
        );
        // Two sentences about one vote are one vote.
        let v =
            votes("Godkendt med 20 stemmer mod fire. Imod stemte Enhedslisten og Alternativet.")
                .unwrap();
        assert_eq!(
            (v.for_.count, v.against.count, side(&v.against)),
            (Some(20), Some(4), vec!["Ø".to_owned(), "Å".into()])
        );
    }

    #[test]
    fn voters_named_in_several_sentences_are_one_vote() {
        let v = votes("Vedtaget. Socialistisk Folkepartis byrådsgruppe kunne ikke tiltræde indstillingen. Radikale Venstres og Alternativets byrådsgrupper kunne ikke tiltræde punkt 2.").unwrap();
        assert_eq!(side(&v.against), ["F", "B", "Å"]);
    }

    #[test]
    fn counts_in_words_and_the_majority_of_a_rejection() {
        let v = votes("Forslaget faldt med tre stemmer (Ø) mod 21.").unwrap();
        assert_eq!(
            (v.for_.count, side(&v.for_), v.against.count),
            (Some(3), vec!["Ø".to_owned()], Some(21))
        );
        let v =
            votes("Forslaget blev forkastet med fire stemmer mod to. For stemte V og C.").unwrap();
        assert_eq!(
            (v.for_.count, v.against.count, side(&v.for_)),
            (Some(2), Some(4), vec!["V".to_owned(), "C".into()])
        );
        let v = votes("Udvalget anbefaler med fem stemmer mod én, at planen godkendes. Leif Hammer (O) stemte imod.").unwrap();
        assert_eq!(
            (v.for_.count, v.against.count, side(&v.against)),
            (Some(5), Some(1), vec!["Leif Hammer (O)".to_owned()])
        );
        let v = votes("Godkendt enstemmigt, idet 1 medlem (O) undlod at stemme.").unwrap();
        assert_eq!((v.abstain.count, side(&v.abstain)), (Some(1), vec!["O".to_owned()]));
    }

    #[test]
    fn stacked_sides_end_where_the_prose_starts() {
        let v = votes("For: A, V, C og B (21) Imod: O og Ø (4) Undlod at stemme: F (2) Indstillingen blev godkendt.").unwrap();
        assert_eq!((v.abstain.count, side(&v.abstain)), (Some(2), vec!["F".to_owned()]));
        let v = votes(
            "For: Ø og F (4) Imod: A, V, C, O og B (23) Ingen undlod. Forslaget blev forkastet.",
        )
        .unwrap();
        assert_eq!(
            (v.against.count, v.against.voters.len(), v.abstain.count),
            (Some(23), 5, Some(0))
        );
        let v = votes("For stemte: 21 (A, V, C, F og B) Imod stemte: 2 (O) Undlod at stemme: 0 Regnskabet blev godkendt.").unwrap();
        assert_eq!((v.for_.count, v.against.count, v.abstain.count), (Some(21), Some(2), Some(0)));
        assert_eq!((v.for_.voters.len(), side(&v.against)), (5, vec!["O".to_owned()]));
        let v = votes("For: 18 (A, V og C) Imod: 5 (F, O og B) Undlod: Ingen Vedtaget.").unwrap();
        assert_eq!((v.for_.count, v.against.count, v.abstain.count), (Some(18), Some(5), Some(0)));
        assert!(v.abstain.voters.is_empty());
        let v = votes(
            "For stemte: Socialdemokratiet og SF (10). Dansk Folkeparti undlod at stemme (1).",
        )
        .unwrap();
        assert_eq!((v.abstain.count, side(&v.abstain)), (Some(1), vec!["O".to_owned()]));
    }

    #[test]
    fn clauses_groups_by_count_members_and_tables() {
        let v = votes("Godkendt. Socialdemokratiet, Venstre og Det Konservative Folkeparti stemte for, mens Dansk Folkeparti og Enhedslisten stemte imod.").unwrap();
        assert_eq!(
            (side(&v.for_), side(&v.against)),
            (vec!["A".to_owned(), "V".into(), "C".into()], vec!["O".to_owned(), "Ø".into()])
        );
        let v = votes("Godkendt med 25 stemmer. Enhedslisten og SF stemte imod, og Radikale Venstre undlod at stemme.").unwrap();
        assert_eq!(
            (side(&v.against), side(&v.abstain)),
            (vec!["Ø".to_owned(), "F".into()], vec!["B".to_owned()])
        );
        let v = votes(
            "Forslaget blev forkastet. For stemte Ø og B. De øvrige 26 medlemmer stemte imod.",
        )
        .unwrap();
        assert_eq!((v.against.count, v.against.voters.len()), (Some(26), 0));
        let v = votes("Byrådet godkendte indstillingen. Radikale Venstres medlem, Lise Hjort, kunne ikke tiltræde.").unwrap();
        assert_eq!(side(&v.against), ["Lise Hjort (B)"]);
        let v = votes("Godkendt. Rådmand Ebbe Gade (Ø) kunne ikke tiltræde.").unwrap();
        assert_eq!(side(&v.against), ["Ebbe Gade (Ø)"]);
        let v = votes("Parti | For | Imod | Undlod A | 11 | 0 | 0 V | 6 | 0 | 0 O | 0 | 4 | 0 I | 0 | 0 | 1 I alt | 17 | 4 | 1 Indstillingen blev godkendt.").unwrap();
        assert_eq!((v.for_.count, v.against.count, v.abstain.count), (Some(17), Some(4), Some(1)));
        assert_eq!(
            (side(&v.for_), side(&v.against), side(&v.abstain)),
            (vec!["A".to_owned(), "V".into()], vec!["O".to_owned()], vec!["I".to_owned()])
        );
        let v =
            votes("For Imod Undlod C 3 0 0 A 0 2 0 B 0 0 1 Indstillingen blev godkendt.").unwrap();
        assert_eq!(
            (v.for_.count, side(&v.for_), side(&v.abstain)),
            (None, vec!["C".to_owned()], vec!["B".to_owned()])
        );
        // Prose about a vote is no table.
        assert!(votes("Udvalget drøftede for og imod forslaget.").is_none());
    }

    #[test]
    fn no_vote() {
        assert!(votes("Sagen blev drøftet for åbne døre.").is_none());
        assert!(votes("Udvalget anbefaler for nu at vente.").is_none());
        assert!(votes("Godkendt.").is_none());
        assert!(votes("Socialistisk Folkeparti tog forbehold.").is_none());
    }
}
