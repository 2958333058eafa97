//! Reference data loaded once from `data/`: municipalities (today's and historic), party
//! letters, titles/roles and section headings. The files are compiled into the binary so a
//! run never depends on the working directory.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A municipality as named in a document, resolved to its official code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityRef {
    /// The official name of today's municipality ("Hjørring Kommune").
    pub official_name: String,
    /// The name to report: official name, or the historic name for a pre-2007 municipality.
    pub reported_name: String,
    /// Official 3-digit code (of the successor, for a historic municipality).
    pub code: String,
    pub kkr: Option<String>,
    pub historic: bool,
}

/// A party letter with its meaning over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub letter: String,
    pub name: String,
    pub genitive: String,
    pub from: Option<i32>,
    pub to: Option<i32>,
}

#[derive(Deserialize)]
struct MunicipalityRow {
    code: String,
    name: String,
    official_name: String,
    #[serde(default)]
    kkr: String,
    #[serde(default)]
    aliases: String,
}

#[derive(Deserialize)]
struct HistoricRow {
    name: String,
    successor_code: String,
}

#[derive(Deserialize)]
struct PartyRow {
    letter: String,
    name: String,
    #[serde(default)]
    genitive: String,
    #[serde(default)]
    codes: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

struct Municipalities {
    /// Lower-cased names, official names and aliases → reference.
    by_name: HashMap<String, MunicipalityRef>,
    /// Today's short names and aliases as written (for near matches of OCR'd names).
    short_names: Vec<String>,
}

struct Parties {
    by_letter: HashMap<String, Vec<Party>>,
    /// Lower-cased multi-letter codes, names and genitives → every letter they stood for,
    /// with the years (a name can change letter: Kristeligt Folkeparti Q → K in 2004).
    by_alias: HashMap<String, Vec<Meaning>>,
}

#[derive(Debug, Clone)]
struct Meaning {
    letter: String,
    from: Option<i32>,
    to: Option<i32>,
}

impl Meaning {
    fn valid_in(&self, year: i32) -> bool {
        self.from.is_none_or(|from| from <= year) && self.to.is_none_or(|to| year <= to)
    }
}

thread_local! {
    /// The year of the meeting being extracted on this thread, for party names.
    static MEETING_YEAR: std::cell::Cell<Option<i32>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with party names resolved as they were used in `year` (the meeting's year).
pub fn in_year<T>(year: Option<i32>, f: impl FnOnce() -> T) -> T {
    let previous = MEETING_YEAR.replace(year);
    let out = f();
    MEETING_YEAR.set(previous);
    out
}

fn rows<T: for<'de> Deserialize<'de>>(text: &str) -> Vec<T> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .map(|row| row.expect("data file rows are checked by refdata tests"))
        .collect()
}

static MUNICIPALITIES: LazyLock<Municipalities> = LazyLock::new(|| {
    let mut by_name = HashMap::new();
    let mut short_names = Vec::new();
    let mut by_code: HashMap<String, MunicipalityRef> = HashMap::new();
    for row in rows::<MunicipalityRow>(include_str!("../../data/municipalities.csv")) {
        let reference = MunicipalityRef {
            official_name: row.official_name.clone(),
            reported_name: row.official_name.clone(),
            code: row.code.clone(),
            kkr: Some(row.kkr.clone()).filter(|k| !k.is_empty()),
            historic: false,
        };
        let mut names = vec![row.name.clone(), row.official_name.clone()];
        names.extend(
            row.aliases.split(';').map(str::trim).filter(|a| !a.is_empty()).map(String::from),
        );
        for name in names {
            by_name.insert(name.to_lowercase(), reference.clone());
        }
        short_names.push(row.name.clone());
        short_names.extend(
            row.aliases.split(';').map(str::trim).filter(|a| !a.is_empty()).map(String::from),
        );
        by_code.insert(row.code, reference);
    }
    for row in rows::<HistoricRow>(include_str!("../../data/historic_municipalities.csv")) {
        let Some(successor) = by_code.get(&row.successor_code) else {
            continue;
        };
        let key = row.name.to_lowercase();
        if by_name.contains_key(&key) {
            continue;
        }
        let reference = MunicipalityRef {
            reported_name: format!("{} Kommune", row.name),
            historic: true,
            ..successor.clone()
        };
        by_name.insert(key, reference);
    }
    Municipalities { by_name, short_names }
});

static PARTIES: LazyLock<Parties> = LazyLock::new(|| {
    let mut by_letter: HashMap<String, Vec<Party>> = HashMap::new();
    let mut by_alias: HashMap<String, Vec<Meaning>> = HashMap::new();
    for row in rows::<PartyRow>(include_str!("../../data/parties.csv")) {
        let party = Party {
            letter: row.letter.clone(),
            name: row.name.clone(),
            genitive: row.genitive.clone(),
            from: row.from.trim().parse().ok(),
            to: row.to.trim().parse().ok(),
        };
        for alias in row.codes.split(';').chain([row.name.as_str(), row.genitive.as_str()]) {
            let alias = alias.trim();
            if !alias.is_empty() {
                let meaning =
                    Meaning { letter: row.letter.clone(), from: party.from, to: party.to };
                by_alias.entry(alias.to_lowercase()).or_default().push(meaning);
            }
        }
        by_letter.entry(row.letter).or_default().push(party);
    }
    Parties { by_letter, by_alias }
});

/// Resolves a municipality name ("Hjørring", "Hjørring Kommune", "Københavns Kommune",
/// "Århus", "Sæby") to its reference, or None when it is not a Danish municipality.
pub fn municipality(name: &str) -> Option<MunicipalityRef> {
    let key = name.trim().to_lowercase();
    let table = &MUNICIPALITIES.by_name;
    if let Some(found) = table.get(&key) {
        return Some(found.clone());
    }
    let stem = key
        .strip_suffix(" kommune")
        .or_else(|| key.strip_suffix(" regionskommune"))
        .or_else(|| key.strip_suffix(" byråd"))
        .or_else(|| key.strip_suffix(" byraad"))?;
    table.get(stem).or_else(|| stem.strip_suffix('s').and_then(|s| table.get(s))).cloned()
}

/// The one municipality name (official short name or alias) within a small edit distance of
/// `name` (1, or 2 for names of nine letters or more), as written in the table; None when there
/// is none or more than one.
pub fn municipality_near(name: &str) -> Option<String> {
    let key = name.trim().to_lowercase();
    let limit = if key.chars().count() >= 9 { 2 } else { 1 };
    if key.chars().count() < 4 {
        return None;
    }
    let mut best: Vec<(&String, usize)> = MUNICIPALITIES
        .short_names
        .iter()
        .map(|n| (n, crate::normalize::ocr_repair::edit_distance(&key, &n.to_lowercase())))
        .filter(|(_, d)| *d <= limit)
        .collect();
    best.sort_by_key(|(_, d)| *d);
    match best.as_slice() {
        [(only, _)] => Some((*only).clone()),
        [(first, d1), (_, d2), ..] if d1 < d2 => Some((*first).clone()),
        _ => None,
    }
}

/// The canonical letter for a party code as written: "A", "a", "KF", "EL", "UFP",
/// "Socialistisk Folkeparti", "Venstres". A name is read as it was used in the meeting's
/// year ([`in_year`]): "Centrum-Demokraterne" is M until 1988 and D from 1989; without a year,
/// its current meaning, or None when it has none (no guess). None when unknown.
pub fn party_letter(code: &str) -> Option<String> {
    let code = code.trim();
    let upper = code.to_uppercase();
    if PARTIES.by_letter.contains_key(&upper) && code.chars().count() <= 2 {
        return Some(upper);
    }
    let meanings = PARTIES.by_alias.get(&code.to_lowercase())?;
    let chosen = match MEETING_YEAR.get() {
        Some(year) => meanings.iter().filter(|m| m.valid_in(year)).max_by_key(|m| m.from),
        None => meanings.iter().find(|m| m.to.is_none()),
    };
    chosen.map(|m| m.letter.clone())
}

/// The party a letter stood for in `year` (or today, when the year is unknown).
pub fn party(letter: &str, year: Option<i32>) -> Option<&'static Party> {
    let meanings = PARTIES.by_letter.get(letter)?;
    match year {
        Some(y) => meanings
            .iter()
            .find(|p| p.from.is_none_or(|from| from <= y) && p.to.is_none_or(|to| y <= to)),
        None => meanings.iter().find(|p| p.to.is_none()).or(meanings.first()),
    }
}

/// The rows of a `#`-commented data table (`data/*.csv` with one header line), each split into
/// at most `columns` fields at commas (the last field keeps any further commas).
pub fn table_rows(text: &'static str, columns: usize) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(move |l| l.splitn(columns, ',').map(str::trim).collect::<Vec<_>>())
        .filter(move |cols| cols.len() == columns)
}

/// Lines of a `#`-commented list file.
fn list(text: &'static str) -> Vec<&'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

static ROLES: LazyLock<(Vec<String>, Vec<String>)> = LazyLock::new(|| {
    let mut exact = Vec::new();
    let mut suffixes = Vec::new();
    for entry in list(include_str!("../../data/roles.txt")) {
        match entry.strip_prefix('*') {
            Some(suffix) => suffixes.push(suffix.to_lowercase()),
            None => exact.push(entry.to_lowercase()),
        }
    }
    // Longest first, so "Adm. Direktør" wins over "Direktør".
    exact.sort_by_key(|e| std::cmp::Reverse(e.len()));
    (exact, suffixes)
});

/// The length in bytes of the role/title that `text` starts with, if any
/// ("Adm. Direktør NetIP A/S" → 13). A role "for" a unit keeps the unit when a name follows
/// it: "Direktør for Børn og Kultur Jørgen Holm", "Rådmand for Ældre- og
/// Handicapforvaltningen Tove Lindholm" (rule G-ROLE-FOR).
pub fn role_prefix_len(text: &str) -> Option<usize> {
    let n = bare_role_len(text)?;
    Some(n + unit_before_name_len(&text[n..]).unwrap_or(0))
}

/// True when `text` is wholly a role for a unit: "Formand for Børne- og Ungdomsudvalget",
/// "Direktør for Social, Sundhed og Omsorg" (a role table's cell, rule G-ROLE-FOR). Not:
/// "Formand for udvalget var enig" (lower case, a sentence), "Formand" (no unit).
pub fn is_role_for_unit(text: &str) -> bool {
    let Some(n) = bare_role_len(text) else { return false };
    let Some(unit) = text[n..].strip_prefix(" for ") else { return false };
    let words: Vec<&str> = unit.split(' ').collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    words.len() <= 8
        && words.first().is_some_and(|w| capital(w))
        && words.iter().all(|w| capital(w) || matches!(*w, "og" | "for" | "i" | "af"))
        && !unit.contains(|c: char| c.is_ascii_digit() || matches!(c, '.' | ':' | '(' | ')'))
}

/// " for Børn og Kultur" in " for Børn og Kultur Jørgen Holm": a unit of capitalised words
/// (a list: "Social, Sundhed og Omsorg"; compounds: "Teknik- og Miljøudvalget"), followed by
/// a name of two or more capitalised words. None when no name would be left.
fn unit_before_name_len(rest: &str) -> Option<usize> {
    let unit = rest.strip_prefix(" for ")?;
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let words: Vec<(usize, &str)> = unit
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let mut i = 0;
    if !words.first().is_some_and(|(_, w)| capital(w)) {
        return None;
    }
    loop {
        let word = words.get(i)?.1;
        let joins = word.ends_with(',') || word.ends_with('-');
        match words.get(i + 1) {
            Some((_, "og")) if words.get(i + 2).is_some_and(|(_, w)| capital(w) || !joins) => {
                i += 2;
            }
            Some((_, next)) if joins && capital(next) => i += 1,
            _ => break,
        }
    }
    let name = &words[i + 1..];
    let is_name = name.len() >= 2 && name.iter().all(|(_, w)| capital(w) && !w.ends_with(','));
    is_name.then(|| " for ".len() + words[i].0 + words[i].1.len())
}

fn bare_role_len(text: &str) -> Option<usize> {
    // "1. næstformand", "2. viceborgmester": an ordinal before any role.
    if let Some((ordinal, rest)) = text.split_once(". ")
        && !ordinal.is_empty()
        && ordinal.len() <= 2
        && ordinal.chars().all(|c| c.is_ascii_digit())
        && let Some(n) = role_prefix_len(rest)
    {
        return Some(ordinal.len() + 2 + n);
    }
    // "Kultur- og fritidschef", "Social- og sundhedsdirektør": two compounds sharing the
    // role word are one role.
    if let Some((first, rest)) = text.split_once("- og ")
        && !first.is_empty()
        && !first.contains(' ')
        && first.chars().all(char::is_alphabetic)
        && let Some(n) = role_prefix_len(rest)
    {
        return Some(first.len() + "- og ".len() + n);
    }
    let lower = text.to_lowercase();
    // Lower-casing can change byte lengths only outside ASCII/Latin-1 letters used here.
    if lower.len() != text.len() {
        return None;
    }
    let (exact, suffixes) = &*ROLES;
    for role in exact {
        if lower.starts_with(role.as_str())
            && lower[role.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        {
            return Some(role.len());
        }
    }
    let first_word = lower.split(|c: char| c.is_whitespace() || c == ',').next().unwrap_or("");
    let is_title =
        first_word.chars().count() > 4 && suffixes.iter().any(|s| first_word.ends_with(s.as_str()));
    is_title.then_some(first_word.len())
}

#[cfg(test)]
mod role_for_tests {
    use super::role_prefix_len;

    #[test]
    fn a_role_for_a_unit_keeps_the_unit_before_a_name() {
        for (text, role) in [
            ("Direktør for Børn og Kultur Jørgen Lykke Holm", "Direktør for Børn og Kultur"),
            (
                "Rådmand for Ældre- og Handicapforvaltningen Tove Lindholm",
                "Rådmand for Ældre- og Handicapforvaltningen",
            ),
            (
                "Formand for Teknik- og Miljøudvalget Lene Fabricius",
                "Formand for Teknik- og Miljøudvalget",
            ),
            (
                "direktør for Økonomi og Digitalisering Pernille Dyhr",
                "direktør for Økonomi og Digitalisering",
            ),
            (
                "Direktør for Social, Sundhed og Omsorg Bo Lund",
                "Direktør for Social, Sundhed og Omsorg",
            ),
            ("Direktør for Teknik Hans Hansen", "Direktør for Teknik"),
        ] {
            assert_eq!(role_prefix_len(text).map(|n| &text[..n]), Some(role), "{text}");
        }
    }

    #[test]
    fn no_unit_without_a_name_after_it() {
        for (text, role) in [
            ("Direktør for Børn og Kultur", "Direktør"),
            ("Direktør for Teknik Hansen", "Direktør"),
            ("Borgmester Anne Hansen", "Borgmester"),
            ("Formand for udvalget Anne Hansen", "Formand"),
        ] {
            assert_eq!(role_prefix_len(text).map(|n| &text[..n]), Some(role), "{text}");
        }
    }
}

/// True when the whole text is a role/title.
pub fn is_role(text: &str) -> bool {
    role_prefix_len(text.trim()).is_some_and(|n| n == text.trim().len())
}

static POLITICAL_ROLES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| list(include_str!("../../data/political_roles.txt")));

/// True for an elected office (`data/political_roles.txt`).
pub fn is_political_role(role: &str) -> bool {
    let role = role.trim().to_lowercase();
    POLITICAL_ROLES.iter().any(|r| *r == role)
}

/// One row of `data/headings.csv`: a heading word or phrase and its kind ("members",
/// "absent", "decision", "section", …), as written.
pub struct HeadingWord {
    pub kind: &'static str,
    pub as_written: &'static str,
    pub lower: String,
}

/// Every heading word of `data/headings.csv` (attendance and section headings in one file).
pub fn heading_words() -> &'static [HeadingWord] {
    static WORDS: LazyLock<Vec<HeadingWord>> = LazyLock::new(|| {
        table_rows(include_str!("../../data/headings.csv"), 2)
            .map(|cols| {
                let (kind, as_written) = (cols[0], cols[1]);
                let lower =
                    as_written.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
                HeadingWord { kind, as_written, lower }
            })
            .collect()
    });
    &WORDS
}

const SECTION_KINDS: &[&str] = &["section", "decision", "recommendation", "history"];

/// The listed section headings, as written in `data/headings.csv`.
pub fn section_headings() -> impl Iterator<Item = &'static str> {
    heading_words().iter().filter(|w| SECTION_KINDS.contains(&w.kind)).map(|w| w.as_written)
}

/// The kind of the listed section heading `line` is ("decision", "recommendation", "history",
/// "section"), if it is one.
pub fn section_heading_kind(line: &str) -> Option<&'static str> {
    let key = line.trim().trim_end_matches(':').trim().to_lowercase();
    heading_words()
        .iter()
        .find(|w| SECTION_KINDS.contains(&w.kind) && w.lower == key)
        .map(|w| w.kind)
}

/// True when `line` is one of the listed section headings.
pub fn is_section_heading(line: &str) -> bool {
    section_heading_kind(line).is_some()
}

#[cfg(test)]
mod tests {
    #[test]
    fn compound_roles_sharing_their_role_word() {
        let text = "Kultur- og fritidschef Mads Fogh";
        assert_eq!(super::role_prefix_len(text), Some("Kultur- og fritidschef".len()));
        let text = "Social- og sundhedsdirektør Anne Hansen";
        assert_eq!(super::role_prefix_len(text), Some("Social- og sundhedsdirektør".len()));
        assert_eq!(super::role_prefix_len("Børne- og Undervisningsudvalget"), None);
    }

    #[test]
    fn party_names_are_read_in_the_meetings_year() {
        use super::{in_year, party_letter};
        let at = |year: Option<i32>, name: &str| in_year(year, || party_letter(name));
        assert_eq!(at(Some(1999), "Kristeligt Folkeparti").as_deref(), Some("Q"));
        assert_eq!(at(Some(2010), "Kristeligt Folkeparti").as_deref(), Some("K"));
        assert_eq!(at(None, "Kristeligt Folkepartis").as_deref(), Some("K"));
        assert_eq!(at(Some(1985), "Centrum-Demokraterne").as_deref(), Some("M"));
        assert_eq!(at(Some(1995), "Centrum-Demokraterne").as_deref(), Some("D"));
        // A party with no current meaning and no year is not guessed.
        assert_eq!(at(None, "Centrum-Demokraterne"), None);
        assert_eq!(at(Some(2022), "Liberal Alliance").as_deref(), Some("I"));
        // Letters are what the document writes, whatever the year.
        assert_eq!(at(Some(1999), "Q").as_deref(), Some("Q"));
        assert_eq!(at(Some(1999), "KF").as_deref(), Some("C"));
        // The year does not leak out of its scope.
        in_year(Some(1985), || ());
        assert_eq!(party_letter("Centrum-Demokraterne"), None);
    }

    use super::*;

    #[test]
    fn municipalities_resolve_with_codes() {
        let hj = municipality("Hjørring Kommune").unwrap();
        assert_eq!((hj.official_name.as_str(), hj.code.as_str()), ("Hjørring Kommune", "860"));
        assert_eq!(municipality("Københavns Kommune").unwrap().code, "101");
        assert_eq!(municipality("Århus").unwrap().code, "751");
        assert_eq!(municipality("Aalborg").unwrap().kkr.as_deref(), Some("KKR Nordjylland"));
        assert!(municipality("Region Nordjylland").is_none());
        assert!(municipality("Royal Greenland").is_none());
    }

    #[test]
    fn historic_municipality_gets_successor_code() {
        let saeby = municipality("Sæby Kommune").unwrap();
        assert_eq!(saeby.code, "813");
        assert_eq!(saeby.reported_name, "Sæby Kommune");
        assert!(saeby.historic);
    }

    #[test]
    fn data_files_are_consistent() {
        let table = rows::<MunicipalityRow>(include_str!("../../data/municipalities.csv"));
        assert_eq!(table.len(), 98);
        let mut codes: Vec<_> = table.iter().map(|r| r.code.clone()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 98);
        assert!(codes.iter().all(|c| c.len() == 3 && c.chars().all(|d| d.is_ascii_digit())));
        let _ = rows::<HistoricRow>(include_str!("../../data/historic_municipalities.csv"));
        let _ = rows::<PartyRow>(include_str!("../../data/parties.csv"));
    }

    #[test]
    fn party_codes_map_to_letters() {
        assert_eq!(party_letter("a").as_deref(), Some("A"));
        assert_eq!(party_letter("KF").as_deref(), Some("C"));
        assert_eq!(party_letter("EL").as_deref(), Some("Ø"));
        assert_eq!(party_letter("SF").as_deref(), Some("F"));
        assert_eq!(party_letter("UFP").as_deref(), Some("UP"));
        assert_eq!(party_letter("Venstres").as_deref(), Some("V"));
        assert_eq!(party_letter("XYZ"), None);
        assert_eq!(party("A", None).unwrap().name, "Socialdemokratiet");
    }

    #[test]
    fn roles() {
        assert_eq!(role_prefix_len("Adm. Direktør NetIP A/S"), Some("Adm. Direktør".len()));
        assert_eq!(role_prefix_len("Borgmester Hjørring Kommune"), Some("Borgmester".len()));
        assert_eq!(
            role_prefix_len("Innovationsdirektør Aalborg"),
            Some("Innovationsdirektør".len())
        );
        assert_eq!(role_prefix_len("Hjørring Kommune"), None);
        assert_eq!(role_prefix_len("Formandens beretning"), None);
        assert!(is_role("bestyrelsesformand"));
    }

    #[test]
    fn section_headings() {
        assert!(is_section_heading("Beslutning"));
        assert!(is_section_heading("Indstilling:"));
        assert!(!is_section_heading("Beslutningen blev"));
    }
}
