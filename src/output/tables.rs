//! The rows of the research tables ([`super::schema`]), typed: one builder per table.

use super::meetings::{DocSummary, MeetingGroup};
use super::people::{Person, Resolution, shorter_form};
use crate::ids;
use crate::model::{Attendance, Decision, Document, Item, Outcome};
use crate::pipeline::Failure;
use std::collections::HashMap;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Text(String),
    Int(i64),
    Real(f32),
    Bool(bool),
}

impl Value {
    /// The cell as CSV text (null is empty, Table Schema's default missing value).
    pub(crate) fn csv(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Text(t) => t.clone(),
            Value::Int(n) => n.to_string(),
            Value::Real(x) => x.to_string(),
            Value::Bool(b) => b.to_string(),
        }
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::Text(text.to_owned())
    }
}
impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Text(text)
    }
}
impl From<&String> for Value {
    fn from(text: &String) -> Self {
        Value::Text(text.clone())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Self {
        value.map_or(Value::Null, Into::into)
    }
}
impl From<usize> for Value {
    fn from(n: usize) -> Self {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Int(i64::from(n))
    }
}
impl From<i32> for Value {
    fn from(n: i32) -> Self {
        Value::Int(i64::from(n))
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<f32> for Value {
    fn from(x: f32) -> Self {
        Value::Real(x)
    }
}

fn opt(value: &Option<String>) -> Value {
    value.as_ref().into()
}

pub(crate) fn error_row(failure: &Failure) -> Vec<Value> {
    vec![
        failure.path.as_str().into(),
        failure.stage.as_str().into(),
        failure.reason.as_str().into(),
    ]
}

pub(crate) fn document_row(doc: &DocSummary, meeting_id: Option<&str>, source: bool) -> Vec<Value> {
    vec![
        doc.document_id.as_str().into(),
        doc.sha256.as_str().into(),
        doc.path.as_str().into(),
        doc.format.as_str().into(),
        doc.kind.as_str().into(),
        doc.status.as_str().into(),
        doc.pages.into(),
        doc.ocr_pages.into(),
        meeting_id.into(),
        source.into(),
        doc.participants.into(),
        doc.items.into(),
        doc.warnings.into(),
        doc.referat_version.as_str().into(),
        doc.rules.as_str().into(),
    ]
}

pub(crate) fn warning_rows(doc: &Document) -> impl Iterator<Item = Vec<Value>> + '_ {
    doc.warnings.iter().map(move |w| {
        vec![
            doc.source.document_id.as_str().into(),
            w.code.as_str().into(),
            w.message.as_str().into(),
            w.page.into(),
            w.line.into(),
        ]
    })
}

/// The year of an ISO date, derived.
fn year(date: &Option<String>) -> Value {
    date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse::<i32>().ok()).into()
}

pub(crate) fn meeting_row(group: &MeetingGroup, docs: &[DocSummary], doc: &Document) -> Vec<Value> {
    let m = &doc.meeting;
    let present = doc.participants.iter().filter(|p| p.attendance == Attendance::Present).count();
    vec![
        group.meeting_id.as_str().into(),
        group.basis.into(),
        opt(&group.body_id),
        opt(&m.body),
        opt(&m.municipality),
        opt(&m.municipality_code),
        opt(&m.date),
        year(&m.date),
        opt(&m.start_time),
        opt(&m.end_time),
        opt(&m.location),
        m.extraordinary.into(),
        docs[group.source].document_id.as_str().into(),
        group.members.len().into(),
        group.disagreements.len().into(),
        doc.participants.len().into(),
        present.into(),
        (doc.participants.len() - present).into(),
        doc.items.len().into(),
    ]
}

pub(crate) fn disagreement_rows<'a>(
    group: &'a MeetingGroup,
    docs: &'a [DocSummary],
) -> impl Iterator<Item = Vec<Value>> + 'a {
    group.disagreements.iter().map(move |d| {
        vec![
            group.meeting_id.as_str().into(),
            docs[d.document].document_id.as_str().into(),
            d.field.into(),
            opt(&d.source_value),
            opt(&d.other_value),
            d.differing.into(),
        ]
    })
}

/// The person ids of a meeting's listings, and a lookup of names mentioned elsewhere in it
/// (voters, item absences) against them.
pub(crate) struct MeetingPeople {
    pub(crate) of_listing: Vec<Option<String>>,
}

impl MeetingPeople {
    /// The person a name written in a vote or an absence list stands for: the listing of the
    /// same name, else the one listing the name is a shorter form of.
    fn named(&self, doc: &Document, name: &str) -> Option<String> {
        let key = ids::fold(name);
        let tokens: Vec<String> = key.split(' ').map(str::to_owned).collect();
        let listed: Vec<(usize, Vec<String>)> = doc
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| (i, ids::fold(&p.name).split(' ').map(str::to_owned).collect()))
            .collect();
        let exact: Vec<usize> =
            listed.iter().filter(|(_, t)| *t == tokens).map(|(i, _)| *i).collect();
        let found = match exact.as_slice() {
            [one] => Some(*one),
            [] => {
                let fits: Vec<usize> = listed
                    .iter()
                    .filter(|(_, t)| shorter_form(&tokens, t).is_some())
                    .map(|(i, _)| *i)
                    .collect();
                (fits.len() == 1).then(|| fits[0])
            }
            _ => None,
        };
        found.and_then(|i| self.of_listing.get(i).cloned().flatten())
    }
}

pub(crate) fn participant_rows<'a>(
    meeting_id: &'a str,
    doc: &'a Document,
    people: &'a MeetingPeople,
) -> impl Iterator<Item = Vec<Value>> + 'a {
    doc.participants.iter().enumerate().map(move |(i, p)| {
        vec![
            meeting_id.into(),
            (i + 1).into(),
            doc.source.document_id.as_str().into(),
            people.of_listing.get(i).cloned().flatten().into(),
            p.name.as_str().into(),
            opt(&p.role),
            opt(&p.municipality),
            opt(&p.municipality_code),
            opt(&p.party),
            opt(&p.party_name),
            opt(&p.group),
            p.attendance.as_str().into(),
            opt(&p.organisation),
            opt(&p.represents),
            opt(&p.substitute_for),
            p.ocr.into(),
            p.ocr_confidence.into(),
            p.page.into(),
            p.line.into(),
        ]
    })
}

pub(crate) fn position_rows<'a>(
    meeting_id: &'a str,
    doc: &'a Document,
    people: &'a MeetingPeople,
) -> impl Iterator<Item = Vec<Value>> + 'a {
    doc.participants.iter().enumerate().flat_map(move |(i, p)| {
        let mut seen: Vec<&str> = Vec::new();
        p.positions
            .iter()
            .filter(move |pos| {
                // The key is (meeting, listing, position): a position named twice is one row.
                let new = !seen.contains(&pos.as_str());
                seen.push(pos);
                new
            })
            .map(move |pos| {
                vec![
                    meeting_id.into(),
                    (i + 1).into(),
                    people.of_listing.get(i).cloned().flatten().into(),
                    pos.as_str().into(),
                ]
            })
    })
}

/// The item ids of a meeting's items: meeting id and number; a number given twice gets `~2`.
pub(crate) fn item_ids(meeting_id: &str, items: &[Item]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut number = ids::item_number_key(&item.number);
            if number.is_empty() {
                number = format!("#{}", i + 1);
            }
            let n = seen.entry(number.clone()).or_default();
            *n += 1;
            let number = if *n > 1 { format!("{number}~{n}") } else { number };
            ids::item_id(meeting_id, &number)
        })
        .collect()
}

/// The side that carried a vote and what that is derived from.
pub(crate) fn majority(
    decision: Option<&Decision>,
) -> (Option<&'static str>, Option<&'static str>) {
    let Some(decision) = decision else { return (None, None) };
    let Some(votes) = &decision.votes else { return (None, None) };
    if let (Some(f), Some(a)) = (votes.for_.count, votes.against.count)
        && f != a
    {
        return (Some(if f > a { "for" } else { "against" }), Some("counts"));
    }
    match decision.outcome {
        Some(Outcome::Approved) => (Some("for"), Some("outcome")),
        Some(Outcome::Rejected) => (Some("against"), Some("outcome")),
        _ => (None, None),
    }
}

pub(crate) fn item_row(item_id: &str, meeting_id: &str, doc: &Document, item: &Item) -> Vec<Value> {
    let decision = item.decision.as_ref();
    let votes = decision.and_then(|d| d.votes.as_ref());
    let (side, basis) = majority(decision);
    vec![
        item_id.into(),
        meeting_id.into(),
        doc.source.document_id.as_str().into(),
        item.number.as_str().into(),
        Some(item.title.as_str()).filter(|t| !t.is_empty()).into(),
        opt(&item.case_number),
        opt(&item.case_handler),
        item.closed.into(),
        opt(&item.recommendation),
        decision.map(|d| d.text.as_str()).into(),
        decision.and_then(|d| d.outcome).map(|o| o.as_str()).into(),
        votes.and_then(|v| v.for_.count).into(),
        votes.and_then(|v| v.against.count).into(),
        votes.and_then(|v| v.abstain.count).into(),
        side.into(),
        basis.into(),
        item.ocr.into(),
        item.ocr_confidence.into(),
        item.page.into(),
        item.line.into(),
    ]
}

pub(crate) fn vote_rows(
    item_id: &str,
    meeting_id: &str,
    doc: &Document,
    item: &Item,
    people: &MeetingPeople,
) -> Vec<Vec<Value>> {
    let Some(votes) = item.decision.as_ref().and_then(|d| d.votes.as_ref()) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for (side, voters) in
        [("for", &votes.for_), ("against", &votes.against), ("abstain", &votes.abstain)]
    {
        for (i, voter) in voters.voters.iter().enumerate() {
            rows.push(vec![
                item_id.into(),
                side.into(),
                (i + 1).into(),
                meeting_id.into(),
                opt(&voter.party),
                opt(&voter.name),
                voter.name.as_deref().and_then(|n| people.named(doc, n)).into(),
            ]);
        }
    }
    rows
}

pub(crate) fn absence_rows(
    item_id: &str,
    meeting_id: &str,
    doc: &Document,
    item: &Item,
    people: &MeetingPeople,
) -> Vec<Vec<Value>> {
    item.absent
        .iter()
        .enumerate()
        .map(|(i, name)| {
            vec![
                item_id.into(),
                (i + 1).into(),
                meeting_id.into(),
                name.as_str().into(),
                people.named(doc, name).into(),
            ]
        })
        .collect()
}

pub(crate) fn person_row(p: &Person) -> Vec<Value> {
    vec![
        p.person_id.as_str().into(),
        p.name.as_str().into(),
        opt(&p.party),
        opt(&p.municipality),
        opt(&p.municipality_code),
        opt(&p.term),
        opt(&p.first_date),
        opt(&p.last_date),
        p.meetings.into(),
        p.present.into(),
        p.absent.into(),
        opt(&p.roster_id),
        opt(&p.roster_name),
    ]
}

/// `person_names.csv` rows, numbered per person.
pub(crate) fn person_name_rows(r: &Resolution) -> Vec<Vec<Value>> {
    let mut variant: HashMap<usize, usize> = HashMap::new();
    r.names
        .iter()
        .map(|n| {
            let v = variant.entry(n.person).or_default();
            *v += 1;
            vec![
                r.people[n.person].person_id.as_str().into(),
                (*v).into(),
                n.name.as_str().into(),
                opt(&n.party),
                n.evidence.into(),
                n.listings.into(),
            ]
        })
        .collect()
}

pub(crate) fn ambiguity_rows(r: &Resolution) -> Vec<Vec<Value>> {
    let mut seen = std::collections::BTreeSet::new();
    r.ambiguities
        .iter()
        .filter(|a| seen.insert((a.person, a.candidate)))
        .map(|a| {
            vec![
                r.people[a.person].person_id.as_str().into(),
                r.people[a.candidate].person_id.as_str().into(),
                a.reason.as_str().into(),
            ]
        })
        .collect()
}
