//! Stable identifiers (#13): derived from what a record *is*, never from where its file lies,
//! so the same corpus under two paths, moved or renamed, gets the same ids.
//!
//! - `document_id`: the first 16 hex digits of the content's sha256.
//! - `meeting_id`: a hash of the meeting's body, municipality, date and start time, each
//!   normalised (see [`MeetingKey`]), so one meeting read from text, PDF and a scan is one id.
//! - `item_id`: the meeting id and the item number (`3f…a1-2.1`).
//! - `person_id`: a hash of the person's name key, municipality and term (see
//!   `output::people`).

use sha2::{Digest, Sha256};
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The id of a document's content.
pub fn document_id(sha256: &str) -> String {
    sha256.chars().take(16).collect()
}

/// 16 hex digits of the sha256 of `parts`, each separated by a unit separator (no part can
/// then run into the next).
pub(crate) fn hash_id(kind: &str, parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(kind.as_bytes());
    for part in parts {
        hasher.update([0x1f]);
        hasher.update(part.as_bytes());
    }
    hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Text folded for comparison: NFC, lower case, every run of characters that are not letters
/// or digits one space. "Teknik- og Miljøudvalget" → "teknik og miljøudvalget".
pub fn fold(text: &str) -> String {
    let lower: String = text.nfc().collect::<String>().to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Body nouns in their indefinite form (`data/body_nouns.txt`), longest first.
static BODY_NOUNS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut nouns: Vec<String> = include_str!("../data/body_nouns.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(fold)
        .collect();
    nouns.sort_by_key(|n| std::cmp::Reverse(n.len()));
    nouns
});

/// A body word without its definite ending when the rest is a body noun ("byrådet" →
/// "byråd", "økonomiudvalget" → "økonomiudvalg"): minutes write both forms of one body.
fn indefinite(word: &str) -> &str {
    for ending in ["et", "en"] {
        if let Some(stem) = word.strip_suffix(ending)
            && BODY_NOUNS.iter().any(|n| stem.ends_with(n.as_str()))
        {
            return stem;
        }
    }
    word
}

/// The body as a key: folded, the municipality's own name dropped ("Aarhus Byråd" of Aarhus
/// Kommune is its "byråd"), definite endings dropped.
pub fn body_key(body: &str, municipality: Option<&str>) -> String {
    let own = municipality.map(municipality_words).unwrap_or_default();
    fold(body)
        .split(' ')
        .map(indefinite)
        .filter(|w| !w.is_empty() && !own.iter().any(|o| o == w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a municipality's name, without "kommune" ("Aarhus Kommune" → ["aarhus"]).
fn municipality_words(name: &str) -> Vec<String> {
    fold(name)
        .split(' ')
        .filter(|w| !matches!(*w, "kommune" | "kommunes" | "regionskommune"))
        .map(str::to_owned)
        .collect()
}

/// The municipality as a key: its code when known, else its folded name.
pub fn municipality_key(code: Option<&str>, name: Option<&str>) -> String {
    match (code, name) {
        (Some(code), _) => code.to_owned(),
        (None, Some(name)) => fold(name),
        (None, None) => String::new(),
    }
}

/// An item number as a key: without spaces and a closing period ("2.1." → "2.1").
pub fn item_number_key(number: &str) -> String {
    let compact: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    compact.trim_end_matches('.').to_owned()
}

/// A case number as a key: folded without spaces ("SAG-2021-00200" → "sag202100200").
pub fn case_number_key(case: &str) -> String {
    fold(case).replace(' ', "")
}

/// The id of an item of a meeting.
pub fn item_id(meeting_id: &str, number_key: &str) -> String {
    format!("{meeting_id}-{number_key}")
}

/// What a meeting is identified by, as normalised text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeetingKey {
    pub body: String,
    pub municipality: String,
    pub date: Option<String>,
    pub start_time: Option<String>,
    /// For a meeting without a date: its items' case numbers (sorted keys), which tell one
    /// undated meeting of a body from another.
    pub case_numbers: Vec<String>,
}

impl MeetingKey {
    /// The key of a meeting header, or None when the header cannot tell the meeting from
    /// others (no body or municipality; no date and no case numbers).
    pub fn of(meeting: &crate::model::Meeting, case_numbers: Vec<String>) -> Option<MeetingKey> {
        let municipality =
            municipality_key(meeting.municipality_code.as_deref(), meeting.municipality.as_deref());
        let body = meeting
            .body
            .as_deref()
            .map(|b| body_key(b, meeting.municipality.as_deref()))
            .unwrap_or_default();
        if body.is_empty() && municipality.is_empty() {
            return None;
        }
        let mut case_numbers = case_numbers;
        case_numbers.sort();
        case_numbers.dedup();
        if meeting.date.is_none() && case_numbers.is_empty() {
            return None;
        }
        let dated = meeting.date.is_some();
        Some(MeetingKey {
            body,
            municipality,
            date: meeting.date.clone(),
            start_time: meeting.start_time.clone().filter(|_| dated),
            case_numbers: if dated { Vec::new() } else { case_numbers },
        })
    }

    /// How the key identifies the meeting (the `identified_by` column).
    pub fn basis(&self) -> &'static str {
        match (&self.date, &self.start_time) {
            (Some(_), Some(_)) => "body_municipality_date_time",
            (Some(_), None) => "body_municipality_date",
            (None, _) => "body_municipality_case_numbers",
        }
    }

    /// The meeting id of this key.
    pub fn meeting_id(&self) -> String {
        let cases = self.case_numbers.join(" ");
        hash_id(
            "meeting-v1",
            &[
                &self.body,
                &self.municipality,
                self.date.as_deref().unwrap_or(""),
                self.start_time.as_deref().unwrap_or(""),
                &cases,
            ],
        )
    }
}

/// The meeting id of a document whose meeting cannot be told from others.
pub fn document_meeting_id(document_id: &str) -> String {
    hash_id("document-meeting-v1", &[document_id])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Meeting;

    #[test]
    fn bodies_written_two_ways_are_one_key() {
        assert_eq!(body_key("Byrådet", None), body_key("Byråd", None));
        assert_eq!(body_key("Aarhus Byråd", Some("Aarhus Kommune")), "byråd");
        assert_eq!(body_key("Teknik- og Miljøudvalget", None), "teknik og miljøudvalg");
        assert_eq!(body_key("KKR Nordjylland", None), "kkr nordjylland");
        // A word that only looks definite is kept.
        assert_eq!(body_key("Folketinget", None), "folketinget");
    }

    #[test]
    fn meeting_keys_need_a_date_or_case_numbers() {
        let dated = Meeting {
            body: Some("Byrådet".into()),
            municipality: Some("Hjørring Kommune".into()),
            municipality_code: Some("860".into()),
            date: Some("2023-03-29".into()),
            start_time: Some("17:00".into()),
            ..Meeting::default()
        };
        let key = MeetingKey::of(&dated, vec![]).expect("key");
        assert_eq!(key.basis(), "body_municipality_date_time");
        let written_otherwise = Meeting { body: Some("Hjørring Byråd".into()), ..dated.clone() };
        assert_eq!(
            MeetingKey::of(&written_otherwise, vec![]).expect("key").meeting_id(),
            key.meeting_id()
        );
        let undated = Meeting { date: None, ..dated.clone() };
        assert_eq!(MeetingKey::of(&undated, vec![]), None);
        let by_cases = MeetingKey::of(&undated, vec!["sag202100200".into()]).expect("key");
        assert_eq!(by_cases.basis(), "body_municipality_case_numbers");
        assert_eq!(by_cases.start_time, None);
        assert_eq!(MeetingKey::of(&Meeting::default(), vec!["x".into()]), None);
    }

    #[test]
    fn item_numbers_and_ids() {
        assert_eq!(item_number_key(" 2.1. "), "2.1");
        assert_eq!(item_id("abc", "2.1"), "abc-2.1");
        assert_eq!(document_id(&"ab".repeat(32)), "abababababababab");
        assert_eq!(case_number_key("SAG-2021-00200"), "sag202100200");
    }
}
