//! `G-ENTRY`: one participant entry as tokens in any order — name, party, role, municipality,
//! organisation, substitute — with the usual separators (comma, spaced dash, colon after a
//! party letter, bar, tab or a column gap, parentheses).
//!
//! Accepted (each gives name "Anne Hansen", party "A" and, where written, role "formand"):
//! `Anne Hansen (A)`, `Anne Hansen, (A)`, `Anne Hansen, A`, `A: Anne Hansen`, `(A) Anne Hansen`,
//! `A – Anne Hansen, formand`, `Anne Hansen (A) - formand`, `Anne Hansen (A), formand`,
//! `Formand Anne Hansen (A)`, `Anne Hansen – formand – (A)`, `Anne Hansen (A, formand)`,
//! `Anne Hansen (A) (formand)`, `Anne Hansen (Socialdemokratiet)`, `Anne Hansen,
//! Socialdemokratiet`, `Anne Hansen | A | Formand`, `Anne Hansen, formand, Hjørring Kommune`,
//! `Anne Hansen - Socialdemokratiet (A), formand` (a party's name and its letter agree).
//! Rejected: `Der afholdes dialogmøde`, `1. Godkendelse af dagsorden`, `Ingen`,
//! `SAG-2021-00200 hlth`, `Socialdemokratiet` (a party heading, no name), two names
//! (`Anne Hansen, Bo Dahl`: a list, split it first), two parties (`Anne Hansen - Venstre (A)`).

use super::headings::{self, HeadingKind};
use crate::refdata;
use regex::Regex;
use std::sync::LazyLock;

/// What one entry states about a person, each field as written (party canonical).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub role: Option<String>,
    pub party: Option<String>,
    pub municipality: Option<String>,
    pub municipality_code: Option<String>,
    pub organisation: Option<String>,
    pub positions: Vec<String>,
    pub substitute_for: Option<String>,
    /// A table's attendance cell ("Til stede", "Afbud"): true when it says absent.
    pub absent: Option<bool>,
    /// A table row's stand-in cell after an absence ("Afbud   Kirsten Gram (A)").
    pub stand_in: Option<String>,
}

// "suppleant for X", "stedfortræder for X", "mødte for X", "(V) for X" (under a substitutes
// heading)
static SUBSTITUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:der\s+)?(?:(?:mødte|indkaldt|deltog)\s+(?:som\s+)?)?(?:(?P<role>suppleant|stedfortræder|indkaldt\s+stedfortræder|mødte)\s+|i\s+stedet\s+)?for\s+(?P<name>.+)$")
        .expect("regex")
});

/// The canonical party letter for one token: a code in upper case (`A`, `Ø`, `UP`, `KF`, `SF`,
/// `EL`, `DF`), a party name or its older forms (`Socialdemokratiet`, `Venstre`,
/// `Enhedslisten`), or `Liste Ø`.
pub fn party_token(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches(':').trim();
    let text = text
        .strip_prefix("Liste ")
        .or_else(|| text.strip_prefix("liste "))
        .or_else(|| text.strip_prefix("Parti "))
        .unwrap_or(text);
    let short = text.chars().count() <= 3;
    if short && !text.chars().all(|c| c.is_alphabetic() && c.is_uppercase()) {
        return None;
    }
    // A name in lower case only when it has several words ("uden for parti"): a lone
    // "venstre" is a direction, not a party.
    if !short && !text.chars().next().is_some_and(char::is_uppercase) && !text.contains(' ') {
        return None;
    }
    refdata::party_letter(text)
}

/// Capitalised words that mark an institution, not a person.
const INSTITUTION_WORDS: &[&str] = &[
    "Kommune",
    "Regionskommune",
    "Region",
    "Byråd",
    "Byrådet",
    "Udvalg",
    "Udvalget",
    "Universitet",
    "Kommunalbestyrelse",
    "Kommunalbestyrelsen",
    "KKR",
    "KL",
    "A/S",
    "ApS",
    "Forvaltning",
];

/// Lower-case words allowed inside a name.
const NAME_PARTICLES: &[&str] =
    &["von", "van", "de", "der", "den", "la", "le", "af", "du", "di", "da", "bin"];

/// True when `text` looks like a person's name: 2–7 words, each capitalised (or an initial,
/// or a particle), no digits, no institution word.
pub fn is_person_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 || words.len() > 7 || words.iter().any(|w| INSTITUTION_WORDS.contains(w)) {
        return false;
    }
    if text.chars().any(|c| c.is_ascii_digit() || matches!(c, ':' | '/' | '@' | '§' | '"' | '”'))
    {
        return false;
    }
    let capitalised = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(|c| c.is_uppercase())
            && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'))
    };
    let first_ok = words.first().is_some_and(|w| capitalised(w));
    let all_ok = words.iter().all(|w| capitalised(w) || NAME_PARTICLES.contains(w));
    let last_ok = words.last().is_some_and(|w| capitalised(w));
    // A name in capitals ("ANNE HANSEN") is a heading, not a person, unless it has lower case.
    let shouting = text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    first_ok && all_ok && last_ok && !shouting && party_token(text).is_none()
}

/// The fields of an entry, split on its separators; parenthesised groups (split on commas
/// inside) are fields of their own.
fn fields(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut group = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let push = |s: &mut String, out: &mut Vec<String>| {
        let t = s.trim().trim_matches([',', ';']).trim().to_owned();
        if !t.is_empty() {
            out.push(t);
        }
        s.clear();
    };
    while i < chars.len() {
        let ch = chars[i];
        if depth > 0 {
            match ch {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                for part in group.split([',', ';']) {
                    let mut p = part.to_owned();
                    push(&mut p, &mut out);
                }
                group.clear();
            } else {
                group.push(ch);
            }
            i += 1;
            continue;
        }
        let at = |s: &str| chars[i..].iter().take(s.chars().count()).copied().eq(s.chars());
        if ch == '(' {
            push(&mut current, &mut out);
            depth = 1;
        } else if matches!(ch, ',' | ';' | '|' | '\t') {
            push(&mut current, &mut out);
        } else if at(" - ") || at(" – ") || at(" — ") || at("   ") {
            push(&mut current, &mut out);
            i += 2;
        } else if ch == ':' && (party_token(&current).is_some() || refdata::is_role(&current)) {
            // "V: Frank Thomsen", "Formand: Birgitte Lund Bach (V)": a party or an office as a
            // label before the name.
            push(&mut current, &mut out);
        } else if (ch == '–' || ch == '-')
            && i + 1 < chars.len()
            && chars[i + 1] == ' '
            && party_token(&current).is_some()
        {
            push(&mut current, &mut out);
        } else {
            current.push(ch);
        }
        i += 1;
    }
    if depth > 0 {
        current.push('(');
        current.push_str(&group);
    }
    push(&mut current, &mut out);
    out
}

// "Stedfortræder for Lise Rømer: Kim Sand (Æ)": a substitute label naming the absent member.
static SUBSTITUTE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<role>(?:indkaldt\s+)?(?:suppleant|stedfortræder))\s+for\s+(?P<absent>[^:]+?)\s*:\s*(?P<entry>.+)$")
        .expect("regex")
});

/// Parses one entry; None unless exactly one field is a person's name and every other field
/// is understood (party, role, municipality, substitute, or an organisation after a role).
pub fn parse(text: &str) -> Option<Entry> {
    if let Some(caps) = SUBSTITUTE_LABEL.captures(text.trim()) {
        let absent = caps["absent"].split(" (").next().unwrap_or("").trim();
        let mut entry = parse(&caps["entry"])?;
        if !is_person_name(absent) || entry.substitute_for.is_some() {
            return None;
        }
        entry.substitute_for = Some(absent.to_owned());
        let role = caps["role"].to_owned();
        match entry.role.take() {
            Some(other) => {
                entry.role = Some(role);
                entry.positions.insert(0, other);
            }
            None => entry.role = Some(role),
        }
        return Some(entry);
    }
    // "•  Name (A)", "- Name (A)", "* Name": a list bullet before the entry.
    let text = text.trim().trim_start_matches(['•', '·', '*', '–', '-', '▪', '◦']).trim();
    let text = text.trim_end_matches(['.', ',', ';']).trim();
    let mut entry = Entry::default();
    let (text, absent) = split_presence_remark(text);
    entry.absent = absent;
    let text = text.as_str();
    let mut named = false;
    let mut marked = false;
    // "…, suppleant for Carl Berg (V)": the clause holds a name and a party of its own.
    let (text, clause) = split_substitute_clause(text);
    if let Some(caps) = clause.as_deref().and_then(|c| SUBSTITUTE.captures(c)) {
        let who = caps["name"].trim();
        let who = who.split(" (").next().unwrap_or(who).trim();
        if !is_person_name(who) {
            return None;
        }
        entry.substitute_for = Some(who.to_owned());
        if let Some(role) = caps.name("role").filter(|r| !r.as_str().eq_ignore_ascii_case("mødte"))
        {
            entry.role = Some(role.as_str().to_owned());
        }
    }
    for field in fields(&text) {
        if let Some(letter) = party_token(&field) {
            // The stand-in's own party ("Kirsten Gram (A)").
            if let Some(stand_in) = entry.stand_in.as_mut().filter(|s| !s.ends_with(')')) {
                stand_in.push_str(&format!(" ({letter})"));
                continue;
            }
            // "Venstre (V)": the name and its letter are one party; two parties are not.
            if entry.party.as_ref().is_some_and(|p| *p != letter) {
                return None;
            }
            entry.party = Some(letter);
            continue;
        }
        if let Some(absent) = attendance_mark(&field).filter(|_| entry.absent.is_none()) {
            entry.absent = Some(absent);
            marked = true;
            continue;
        }
        // After the attendance mark comes the remark column: free text about this member's
        // presence ("Forlod mødet under pkt. 6", "Afbud – sygdom"), or whom a stand-in is for
        // ("For Tove Lind").
        if marked {
            if let Some(who) = field.strip_prefix("For ").filter(|w| is_person_name(w)) {
                entry.substitute_for = Some(who.to_owned());
            }
            continue;
        }
        // A table's attendance cell with a remark on part of the meeting ("Mødt fra pkt. 4").
        let cell = attendance_cell(&field);
        if let Some(h) = headings::parse(cell).filter(|h| h.inline.is_none()) {
            match h.kind {
                HeadingKind::Members if entry.absent.is_none() => entry.absent = Some(false),
                HeadingKind::Absent if entry.absent.is_none() => entry.absent = Some(true),
                // "Lars Munch   A   Stedfortræder   ✓": a role column's stand-in word.
                HeadingKind::Substitutes if named && entry.role.is_none() => {
                    add_role(&mut entry, cell);
                }
                _ => return None,
            }
            continue;
        }
        // "Borgmester Niels Holm": an office before the name (checked first: the office is
        // capitalised like a name).
        if !named && let Some((roles, name)) = leading_roles(&field) {
            named = true;
            for role in roles {
                add_role(&mut entry, role);
            }
            entry.name = name.to_owned();
            continue;
        }
        // "Name (A)   Borgmester", "Name (A)   Formand for Teknik- og Miljøudvalget": a role
        // in a column after the name (a role word is capitalised like a name).
        if named
            && (refdata::role_prefix_len(&field) == Some(field.len())
                || refdata::is_role_for_unit(&field))
        {
            add_role(&mut entry, &field);
            continue;
        }
        if is_person_name(&field) {
            // "Name   A   Afbud   Stand-in (A)": the person after an absence cell stands in.
            if named && entry.absent == Some(true) && entry.stand_in.is_none() {
                entry.stand_in = Some(field);
                continue;
            }
            if named {
                return None;
            }
            named = true;
            entry.name = field;
            continue;
        }
        if let Some(n) = refdata::role_prefix_len(&field) {
            let (role, rest) = (field[..n].trim(), field[n..].trim());
            if rest.is_empty() {
                add_role(&mut entry, role);
                continue;
            }
            if !named && is_person_name(rest) {
                named = true;
                entry.name = rest.to_owned();
                add_role(&mut entry, role);
                continue;
            }
            if let Some(m) = refdata::municipality(rest) {
                add_role(&mut entry, role);
                entry.municipality = Some(m.reported_name);
                entry.municipality_code = Some(m.code);
                continue;
            }
            return None;
        }
        if entry.municipality.is_none()
            && let Some(m) = refdata::municipality(&field)
        {
            entry.municipality = Some(m.reported_name);
            entry.municipality_code = Some(m.code);
            continue;
        }
        return None;
    }
    named.then_some(entry)
}

/// "Borgmester og formand Anders Lauridsen" → (["Borgmester", "formand"], "Anders Lauridsen"):
/// offices joined by "og" before a name.
fn leading_roles(field: &str) -> Option<(Vec<&str>, &str)> {
    let mut roles = Vec::new();
    let mut rest = field.trim();
    loop {
        let n = refdata::role_prefix_len(rest)?;
        roles.push(rest[..n].trim());
        rest = rest[n..].trim_start();
        if is_person_name(rest) {
            return Some((roles, rest));
        }
        rest = rest.strip_prefix("og ")?.trim_start();
    }
}

/// Words that open a remark on a member's presence: arrivals, departures, remote
/// attendance, absence for part of the meeting or all of it.
const PRESENCE_WORDS: &[&str] = &[
    "ankom",
    "forlod",
    "deltog",
    "deltager",
    "mødte",
    "mødt",
    "fraværende",
    "afbud",
    "ikke",
    "fra",
    "til",
    "under",
    "efter",
    "indtil",
    "via",
    "gik",
];

/// Remarks that say the member was absent from the whole meeting.
const ABSENT_REMARKS: &[&str] =
    &["afbud", "fraværende", "ikke til stede", "ikke mødt", "meldt afbud", "forhindret"];

/// `G-ENTRY` presence remarks: "Anne Hansen (A) (ankom kl. 15.40 under punkt 2)", "Anne
/// Hansen (A) – deltog via Teams", "Anne Hansen (A), fraværende under punkt 1-4" → the entry
/// without the remark; "Anne Hansen (A) – afbud", "Anne Hansen (A) (fraværende)" → absent.
/// A remark is a trailing parenthesis or a clause after a dash or comma whose first word is a
/// presence word and which names no party; "Anne Hansen (A), formand" keeps its role.
fn split_presence_remark(text: &str) -> (String, Option<bool>) {
    let candidates = [" (", " – ", " - ", " — ", ", "];
    let mut best: Option<usize> = None;
    for sep in candidates {
        let mut from = 0;
        while let Some(i) = text[from..].find(sep) {
            let at = from + i;
            let remark = text[at + sep.len()..].trim().trim_end_matches(')').trim();
            let first = remark.split_whitespace().next().unwrap_or("").to_lowercase();
            let balanced = text[..at].matches('(').count() == text[..at].matches(')').count();
            // "fra", "til", "under", "efter", "ikke" open a remark only about the meeting's
            // items or clock ("fra punkt 4", "efter kl. 19"), or "ikke til stede": not "fra
            // Hjørring Kommune".
            let lower = remark.to_lowercase();
            let scoped = ["punkt", "pkt", "kl.", "kl ", "sag"].iter().any(|w| lower.contains(w))
                || ABSENT_REMARKS.contains(&lower.as_str());
            let weak = ["fra", "til", "under", "efter", "indtil", "ikke"].contains(&first.as_str());
            if balanced
                && PRESENCE_WORDS.contains(&first.as_str())
                && (!weak || scoped)
                && party_token(remark).is_none()
                && !remark.contains(" for ")
            {
                best = Some(best.map_or(at, |b: usize| b.min(at)));
                break;
            }
            from = at + sep.len();
        }
    }
    let Some(at) = best else { return (text.to_owned(), None) };
    let remark =
        text[at..].trim_start_matches([' ', '(', '–', '-', '—', ',']).trim_end_matches(')');
    let remark = remark.trim().to_lowercase();
    let absent = ABSENT_REMARKS.contains(&remark.as_str()).then_some(true);
    (text[..at].trim().to_owned(), absent)
}

static MARKS: LazyLock<Vec<(&'static str, bool)>> = LazyLock::new(|| {
    refdata::table_rows(include_str!("../../data/attendance_marks.csv"), 2)
        .map(|row| (row[0], row[1] == "absent"))
        .collect()
});

/// A tick in a table's attendance column (`data/attendance_marks.csv`): true when it marks
/// the member absent ("✓" present, "÷" absent).
fn attendance_mark(field: &str) -> Option<bool> {
    MARKS.iter().find(|(mark, _)| *mark == field.trim()).map(|(_, absent)| *absent)
}

/// An attendance cell without its remark on part of the meeting: "Mødt fra pkt. 4" → "Mødt",
/// "Afbud (punkt 1-3)" → "Afbud"; other text as it is.
fn attendance_cell(field: &str) -> &str {
    let lower = field.to_lowercase();
    if lower.len() != field.len() || !["punkt", "pkt", "kl."].iter().any(|w| lower.contains(w)) {
        return field;
    }
    [" fra ", " til ", " under ", " efter ", " indtil ", " ("]
        .iter()
        .filter_map(|w| lower.find(w))
        .min()
        .map_or(field, |at| field[..at].trim())
}

/// The entry without its substitute clause, and the clause ("suppleant for X (V)").
fn split_substitute_clause(text: &str) -> (String, Option<String>) {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return (text.to_owned(), None);
    }
    let start = [
        "suppleant for ",
        "stedfortræder for ",
        "indkaldt stedfortræder for ",
        "mødte for ",
        "i stedet for ",
    ]
    .iter()
    .filter_map(|w| lower.find(w))
    // "Lars Pind (V) for Mikael Strand"; not "formand for Økonomiudvalget".
    .chain(lower.find(") for ").map(|i| i + 2))
    .filter(|&i| i > 0 && text[..i].matches('(').count() == text[..i].matches(')').count())
    .min();
    let Some(mut start) = start else {
        return (text.to_owned(), None);
    };
    // "mødte som suppleant for", "indkaldt som stedfortræder for": the verb is the clause's.
    loop {
        let before = text[..start].trim_end();
        let word = before.rsplit(' ').next().unwrap_or("");
        if ["mødte", "indkaldt", "deltog", "som", "der"].contains(&word.to_lowercase().as_str())
            && before.len() > word.len()
        {
            start = before.len() - word.len();
        } else {
            break;
        }
    }
    let tail = &text[start..];
    let mut depth = 0i32;
    let end = tail
        .char_indices()
        .find(|&(_, c)| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            c == ',' && depth == 0
        })
        .map_or(text.len(), |(i, _)| start + i);
    // A table's next cell ends the clause too ("Suppleant for X   Til stede").
    let end = text[start..end].find("   ").map_or(end, |i| start + i);
    let before = text[..start].trim_end().trim_end_matches([',', '-', '–', '—']).trim_end();
    let rest = format!("{before} {}", &text[end..]);
    (rest.trim().trim_end_matches(',').to_owned(), Some(text[start..end].trim().to_owned()))
}

fn add_role(entry: &mut Entry, role: &str) {
    if entry.role.is_none() {
        entry.role = Some(role.to_owned());
    } else {
        entry.positions.push(role.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(text: &str) -> (String, Option<String>, Option<String>) {
        let e = parse(text).unwrap_or_else(|| panic!("not parsed: {text}"));
        (e.name, e.party, e.role)
    }

    #[test]
    fn any_order_any_separator() {
        let plain = ("Anne Hansen".to_owned(), Some("A".to_owned()), None);
        for text in [
            "Anne Hansen (A)",
            "Anne Hansen, (A)",
            "Anne Hansen, A",
            "A: Anne Hansen",
            "(A) Anne Hansen",
            "Anne Hansen (Socialdemokratiet)",
            "Anne Hansen, Socialdemokratiet",
            "Anne Hansen | A",
            "Anne Hansen\tA",
            "Anne Hansen   A",
            "A - Anne Hansen",
            "Anne Hansen - Socialdemokratiet (A)",
            "Anne Hansen, Socialdemokratiet (A)",
            "Anne Hansen (Socialdemokratiet, A)",
        ] {
            assert_eq!(summary(text), plain, "{text}");
        }
        // Two different parties are not one entry.
        assert_eq!(parse("Anne Hansen - Venstre (A)"), None);
    }

    #[test]
    fn presence_remarks_are_not_fields() {
        let plain = ("Anne Hansen".to_owned(), Some("A".to_owned()), None);
        for text in [
            "Anne Hansen (A) (ankom kl. 15.40 under punkt 2)",
            "Anne Hansen (A) – ankom kl. 16.15 inden behandlingen af punkt 3",
            "Anne Hansen (A), fraværende under punkt 1-4",
            "Anne Hansen (A) – deltog via Teams",
            "Anne Hansen (A) (forlod mødet efter punkt 5)",
            "Anne Hansen - Socialdemokratiet (A) (fra punkt 4)",
        ] {
            assert_eq!(summary(text), plain, "{text}");
            assert_eq!(parse(text).and_then(|e| e.absent), None, "{text}");
        }
        for text in [
            "Anne Hansen (A) – afbud",
            "Anne Hansen (A) (fraværende)",
            "Anne Hansen (A), ikke til stede",
        ] {
            assert_eq!(summary(text), plain, "{text}");
            assert_eq!(parse(text).and_then(|e| e.absent), Some(true), "{text}");
        }
        // Not remarks: a municipality after "fra", a role.
        let e = parse("Anne Hansen, borgmester, Hjørring Kommune").expect("entry");
        assert_eq!(e.municipality_code.as_deref(), Some("860"));
        assert_eq!(summary("Anne Hansen (A), formand").2.as_deref(), Some("formand"));
    }

    #[test]
    fn a_stand_in_cell_after_an_absence() {
        let e = parse("Ejnar Haugaard   A      Afbud   Kirsten Gram (A)").expect("row");
        assert_eq!(e.name, "Ejnar Haugaard");
        assert_eq!(e.party.as_deref(), Some("A"));
        assert_eq!(e.absent, Some(true));
        assert_eq!(e.stand_in.as_deref(), Some("Kirsten Gram (A)"));
        // Without an absence a second name is still two entries.
        assert_eq!(parse("Ejnar Haugaard   A   Kirsten Gram (A)"), None);
    }

    #[test]
    fn table_cells_with_remarks() {
        let e = parse("Lasse Brink   V   Mødt fra pkt. 4").expect("row");
        assert_eq!(
            (e.name.as_str(), e.party.as_deref(), e.absent),
            ("Lasse Brink", Some("V"), Some(false))
        );
        let e = parse("Lasse Brink   V   Afbud").expect("row");
        assert_eq!(e.absent, Some(true));
        assert_eq!(attendance_cell("Fra forvaltningen"), "Fra forvaltningen");
    }

    #[test]
    fn substitution_phrasings() {
        for text in [
            "Birgitte Holm (C) mødte som suppleant for Peter Lerche (C)",
            "Birgitte Holm (C) indkaldt som stedfortræder for Peter Lerche (C)",
            "Birgitte Holm (C), suppleant for Peter Lerche (C)",
            "Stedfortræder for Peter Lerche: Birgitte Holm (C)",
            "Suppleant for Peter Lerche (C): Birgitte Holm (C)",
            "suppleant Birgitte Holm (C), der deltog i stedet for Peter Lerche (C)",
            "Birgitte Holm (C) i stedet for Peter Lerche (C)",
        ] {
            let e = parse(text).unwrap_or_else(|| panic!("not parsed: {text}"));
            assert_eq!(e.name, "Birgitte Holm", "{text}");
            assert_eq!(e.party.as_deref(), Some("C"), "{text}");
            assert_eq!(e.substitute_for.as_deref(), Some("Peter Lerche"), "{text}");
        }
        let chair = ("Anne Hansen".to_owned(), Some("A".to_owned()), Some("formand".to_owned()));
        for text in [
            "Anne Hansen (A) - formand",
            "Anne Hansen (A), formand",
            "Anne Hansen – formand – (A)",
            "Anne Hansen (A, formand)",
            "Anne Hansen (A) (formand)",
            "A – Anne Hansen, formand",
            "Anne Hansen | A | formand",
            "formand Anne Hansen (A)",
            "Anne Hansen, formand, (A)",
            "Anne Hansen - Socialdemokratiet (A), formand",
        ] {
            assert_eq!(summary(text), chair, "{text}");
        }
    }

    #[test]
    fn office_labels_bullets_and_joined_offices() {
        let chair =
            ("Birgitte Lund Bach".to_owned(), Some("V".to_owned()), Some("Formand".to_owned()));
        assert_eq!(summary("Formand:   Birgitte Lund Bach (V)"), chair);
        assert_eq!(summary("•  Birgitte Lund Bach (V) - Formand"), chair);
        let e = parse("Borgmester og formand Anders Kjær Lauridsen (V)").unwrap();
        assert_eq!(
            (e.role.as_deref(), e.positions.as_slice()),
            (Some("Borgmester"), ["formand".to_owned()].as_slice())
        );
        assert_eq!(summary("Karin Thyrre (uden for parti)").1.as_deref(), Some("UP"));
    }

    #[test]
    fn tick_marks_in_an_attendance_column() {
        let e = parse("Ib Sørensen | A | Borgmester | ✓").unwrap();
        assert_eq!(
            (e.party.as_deref(), e.role.as_deref(), e.absent),
            (Some("A"), Some("Borgmester"), Some(false))
        );
        assert_eq!(parse("Tove Lind   A   ÷").unwrap().absent, Some(true));
        let e = parse("Lars Munch   A   Stedfortræder   ✓   For Tove Lind").unwrap();
        assert_eq!(e.substitute_for.as_deref(), Some("Tove Lind"));
        let e = parse("Bodil Jessen   C   ✓   Forlod mødet under pkt. 6").unwrap();
        assert_eq!((e.name.as_str(), e.absent), ("Bodil Jessen", Some(false)));
    }

    #[test]
    fn a_role_in_a_column_after_the_name() {
        for (text, role) in [
            ("Ejnar Bisgaard (A)                    Borgmester", "Borgmester"),
            (
                "Karen Thorup (A)   Formand for Børne- og Ungdomsudvalget",
                "Formand for Børne- og Ungdomsudvalget",
            ),
            (
                "Karen Thorup | A | Formand for Kultur- og Fritidsudvalget",
                "Formand for Kultur- og Fritidsudvalget",
            ),
        ] {
            let e = parse(text).unwrap();
            assert_eq!(
                (e.name.as_str(), e.role.as_deref()),
                (e.name.as_str(), Some(role)),
                "{text}"
            );
            assert!(!e.name.contains(role), "{text}");
        }
        // Two names are still two names, a sentence is no role.
        assert!(parse("Karen Thorup (A)   Bo Dahl").is_none());
        assert!(parse("Karen Thorup (A)   Formand for udvalget var enig").is_none());
    }

    #[test]
    fn office_before_the_name() {
        let mayor = ("Niels Holm".to_owned(), Some("V".to_owned()), Some("Borgmester".to_owned()));
        assert_eq!(summary("V   Borgmester Niels Holm"), mayor);
        assert_eq!(summary("Borgmester Niels Holm (Venstre)"), mayor);
        assert_eq!(
            summary("1. viceborgmester Niels Holm (V)").2.as_deref(),
            Some("1. viceborgmester")
        );
    }

    #[test]
    fn municipality_and_substitute() {
        let e = parse("Anne Hansen, borgmester, Hjørring Kommune").unwrap();
        assert_eq!(
            (e.role.as_deref(), e.municipality_code.as_deref()),
            (Some("borgmester"), Some("860"))
        );
        let e = parse("Bo Dahl (V), suppleant for Carl Berg (V)").unwrap();
        assert_eq!(
            (e.role.as_deref(), e.substitute_for.as_deref()),
            (Some("suppleant"), Some("Carl Berg"))
        );
        let e = parse("Bo Dahl (V) mødte for Carl Berg").unwrap();
        assert_eq!((e.role, e.substitute_for.as_deref()), (None, Some("Carl Berg")));
        let e = parse("Sanne Gravesen (A) – stedfortræder for Helle Obel (A)").unwrap();
        assert_eq!(e.substitute_for.as_deref(), Some("Helle Obel"));
        let e = parse("Anja Holst   V   Suppleant for Simon Lindeborg   Til stede").unwrap();
        assert_eq!((e.substitute_for.as_deref(), e.absent), (Some("Simon Lindeborg"), Some(false)));
        let e = parse("Lars Pind (V) for Mikael Strand").unwrap();
        assert_eq!(
            (e.party.as_deref(), e.substitute_for.as_deref()),
            (Some("V"), Some("Mikael Strand"))
        );
    }

    #[test]
    fn table_row_with_attendance_cell() {
        let e = parse("Ulrik Karup   M   Afbud").unwrap();
        assert_eq!((e.party.as_deref(), e.absent), (Some("M"), Some(true)));
        let e = parse("Hanne Brix | A | Næstformand | Til stede").unwrap();
        assert_eq!((e.role.as_deref(), e.absent), (Some("Næstformand"), Some(false)));
    }

    #[test]
    fn rejected() {
        for text in [
            "Der afholdes dialogmøde",
            "1. Godkendelse af dagsorden",
            "Ingen",
            "SAG-2021-00200 hlth",
            "Socialdemokratiet",
            "Anne Hansen, Bo Dahl",
            "ANNE HANSEN",
            "Sagsfremstilling",
            "Anne Hansen (A) (V)",
        ] {
            assert!(parse(text).is_none(), "{text}");
        }
    }

    #[test]
    fn party_tokens() {
        assert_eq!(party_token("Ø").as_deref(), Some("Ø"));
        assert_eq!(party_token("KF").as_deref(), Some("C"));
        assert_eq!(party_token("Dansk Folkeparti").as_deref(), Some("O"));
        assert_eq!(party_token("Liste Ø").as_deref(), Some("Ø"));
        assert_eq!(party_token("a"), None);
        assert_eq!(party_token("Anne"), None);
    }
}
