//! The CSV tables: column lists and one row per record.

use crate::model::{Document, Item, VoteSide};

pub const MEETING_COLUMNS: &[&str] = &[
    "document",
    "sha256",
    "format",
    "kind",
    "status",
    "pages",
    "body",
    "municipality",
    "municipality_code",
    "date",
    "start_time",
    "end_time",
    "location",
    "extraordinary",
    "participants",
    "items",
    "ocr_pages",
    "warnings",
];

pub const PARTICIPANT_COLUMNS: &[&str] = &[
    "document",
    "index",
    "name",
    "role",
    "municipality",
    "municipality_code",
    "party",
    "party_name",
    "group",
    "attendance",
    "organisation",
    "represents",
    "positions",
    "substitute_for",
    "ocr",
    "ocr_confidence",
    "page",
    "line",
];

pub const ITEM_COLUMNS: &[&str] = &[
    "document",
    "number",
    "title",
    "case_number",
    "case_handler",
    "closed",
    "recommendation",
    "decision",
    "outcome",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "voters_for",
    "voters_against",
    "voters_abstain",
    "absent",
    "ocr",
    "ocr_confidence",
    "page",
    "line",
];

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

pub fn meeting_row(doc: &Document) -> Vec<String> {
    let m = &doc.meeting;
    vec![
        doc.source.path.clone(),
        doc.source.sha256.clone(),
        doc.source.format.as_str().to_owned(),
        doc.source.kind.as_str().to_owned(),
        doc.source.status.as_str().to_owned(),
        doc.source.pages.to_string(),
        opt(&m.body),
        opt(&m.municipality),
        opt(&m.municipality_code),
        opt(&m.date),
        opt(&m.start_time),
        opt(&m.end_time),
        opt(&m.location),
        m.extraordinary.to_string(),
        doc.participants.len().to_string(),
        doc.items.len().to_string(),
        doc.source.ocr_pages.to_string(),
        doc.warnings.len().to_string(),
    ]
}

pub const WARNING_COLUMNS: &[&str] = &["document", "code", "message", "page", "line"];

/// One row per warning (`warnings.csv`).
pub fn warning_rows(doc: &Document) -> impl Iterator<Item = Vec<String>> + '_ {
    let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    doc.warnings.iter().map(move |w| {
        vec![
            doc.source.path.clone(),
            w.code.clone(),
            w.message.clone(),
            number(w.page),
            number(w.line),
        ]
    })
}

pub fn participant_rows(doc: &Document) -> impl Iterator<Item = Vec<String>> + '_ {
    doc.participants.iter().enumerate().map(|(i, p)| {
        vec![
            doc.source.path.clone(),
            (i + 1).to_string(),
            p.name.clone(),
            opt(&p.role),
            opt(&p.municipality),
            opt(&p.municipality_code),
            opt(&p.party),
            opt(&p.party_name),
            opt(&p.group),
            p.attendance.as_str().to_owned(),
            opt(&p.organisation),
            opt(&p.represents),
            p.positions.join("; "),
            opt(&p.substitute_for),
            p.ocr.to_string(),
            p.ocr_confidence.map(|c| c.to_string()).unwrap_or_default(),
            p.page.to_string(),
            p.line.to_string(),
        ]
    })
}

pub fn item_rows(doc: &Document) -> impl Iterator<Item = Vec<String>> + '_ {
    doc.items.iter().map(|item| item_row(&doc.source.path, item))
}

fn item_row(document: &str, item: &Item) -> Vec<String> {
    let decision = item.decision.as_ref();
    let votes = decision.and_then(|d| d.votes.as_ref());
    let count = |side: Option<&VoteSide>| {
        side.and_then(|s| s.count).map(|c| c.to_string()).unwrap_or_default()
    };
    let voters = |side: Option<&VoteSide>| side.map(voter_list).unwrap_or_default();
    vec![
        document.to_owned(),
        item.number.clone(),
        item.title.clone(),
        opt(&item.case_number),
        opt(&item.case_handler),
        item.closed.to_string(),
        opt(&item.recommendation),
        decision.map(|d| d.text.clone()).unwrap_or_default(),
        decision.and_then(|d| d.outcome).map(|o| o.as_str().to_owned()).unwrap_or_default(),
        count(votes.map(|v| &v.for_)),
        count(votes.map(|v| &v.against)),
        count(votes.map(|v| &v.abstain)),
        voters(votes.map(|v| &v.for_)),
        voters(votes.map(|v| &v.against)),
        voters(votes.map(|v| &v.abstain)),
        item.absent.join("; "),
        item.ocr.to_string(),
        item.ocr_confidence.map(|c| c.to_string()).unwrap_or_default(),
        item.page.to_string(),
        item.line.to_string(),
    ]
}

/// "V; D; Liselott Blixt (UP)"
pub fn voter_list(side: &VoteSide) -> String {
    side.voters.iter().map(crate::model::Voter::label).collect::<Vec<_>>().join("; ")
}
