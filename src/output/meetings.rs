//! One meeting once (#13): the documents of a run grouped into meetings by their
//! [`MeetingKey`], each meeting's source document chosen, and where its other documents
//! disagree with the source.
//!
//! A document whose meeting header has a date but no start time joins the one meeting of its
//! body and day that has a start time (a scan that lost the time); with two such meetings
//! that day it stays apart. A meeting the header cannot tell from others is its document's
//! own (`identified_by = document`); attachments belong to no meeting.

use crate::ids::{self, MeetingKey};
use crate::model::{Document, Format, Kind, Meeting, Status};
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

/// What the tables need to know about one document before its meeting is decided.
#[derive(Debug, Clone)]
pub(crate) struct DocSummary {
    /// Byte offset and length of its line in `documents.jsonl`.
    pub(crate) offset: u64,
    pub(crate) len: u64,
    pub(crate) document_id: String,
    pub(crate) sha256: String,
    pub(crate) path: String,
    pub(crate) format: Format,
    pub(crate) kind: Kind,
    pub(crate) status: Status,
    pub(crate) pages: usize,
    pub(crate) ocr_pages: usize,
    pub(crate) participants: usize,
    pub(crate) items: usize,
    pub(crate) warnings: usize,
    pub(crate) referat_version: String,
    pub(crate) rules: String,
    pub(crate) meeting: Meeting,
    pub(crate) key: Option<MeetingKey>,
    /// The record of an input this run did not walk.
    pub(crate) kept: bool,
    /// Hashes of the participant and item records, sorted, to count differences.
    participant_hashes: Vec<u64>,
    item_hashes: Vec<u64>,
}

impl DocSummary {
    pub(crate) fn of(doc: &Document, offset: u64, len: u64, kept: bool) -> Self {
        let cases = doc
            .items
            .iter()
            .filter_map(|i| i.case_number.as_deref())
            .map(ids::case_number_key)
            .filter(|c| !c.is_empty())
            .collect();
        let mut participant_hashes: Vec<u64> = doc
            .participants
            .iter()
            .map(|p| hash_of(&(ids::fold(&p.name), &p.party, p.attendance.as_str())))
            .collect();
        participant_hashes.sort_unstable();
        let mut item_hashes: Vec<u64> = doc
            .items
            .iter()
            .map(|i| {
                let decision = i.decision.as_ref();
                let votes = decision.and_then(|d| d.votes.as_ref());
                hash_of(&(
                    ids::item_number_key(&i.number),
                    ids::fold(&i.title),
                    i.case_number.as_deref().map(ids::case_number_key),
                    decision.and_then(|d| d.outcome).map(|o| o.as_str()),
                    votes.map(|v| (v.for_.count, v.against.count, v.abstain.count)),
                ))
            })
            .collect();
        item_hashes.sort_unstable();
        DocSummary {
            offset,
            len,
            document_id: doc.source.document_id.clone(),
            sha256: doc.source.sha256.clone(),
            path: doc.source.path.clone(),
            format: doc.source.format,
            kind: doc.source.kind,
            status: doc.source.status,
            pages: doc.source.pages,
            ocr_pages: doc.source.ocr_pages,
            participants: doc.participants.len(),
            items: doc.items.len(),
            warnings: doc.warnings.len(),
            referat_version: doc.source.referat_version.clone(),
            rules: doc.source.rules.clone(),
            meeting: doc.meeting.clone(),
            key: MeetingKey::of(&doc.meeting, cases),
            kept,
            participant_hashes,
            item_hashes,
        }
    }

    /// How strongly this document should be a meeting's source (smaller first): minutes
    /// before agendas, born-digital before OCR, trusted status, then the format, then fewer
    /// warnings; the content id last, so the choice never depends on paths or order.
    fn source_rank(&self) -> impl Ord + '_ {
        let kind = match self.kind {
            Kind::Referat => 0,
            Kind::Dagsorden => 1,
            Kind::Bilag | Kind::Unknown => 2,
        };
        let status = match self.status {
            Status::Ok => 0,
            Status::Partial => 1,
            Status::Empty => 2,
            Status::NotMinutes | Status::Failed => 3,
        };
        let format = match self.format {
            Format::Json | Format::Xml => 0,
            Format::Docx | Format::Odt => 1,
            Format::Html => 2,
            Format::Pdf => 3,
            Format::Text => 4,
            Format::Image => 5,
        };
        (kind, self.ocr_pages > 0, status, format, self.warnings, self.document_id.as_str())
    }
}

fn hash_of(value: &impl Hash) -> u64 {
    // Compared within one run only, never stored.
    let mut hasher = std::hash::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// One meeting and the documents that carry it.
#[derive(Debug, Clone)]
pub(crate) struct MeetingGroup {
    pub(crate) meeting_id: String,
    pub(crate) basis: &'static str,
    pub(crate) body_id: Option<String>,
    /// Index (into the summaries) of the source document.
    pub(crate) source: usize,
    pub(crate) members: Vec<usize>,
    pub(crate) disagreements: Vec<Disagreement>,
}

/// A field where a document of a meeting says otherwise than its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Disagreement {
    pub(crate) document: usize,
    pub(crate) field: &'static str,
    pub(crate) source_value: Option<String>,
    pub(crate) other_value: Option<String>,
    pub(crate) differing: Option<usize>,
}

/// The run's meetings, in order of date (undated last), municipality, body, start time and
/// id, and for each summary the meeting it belongs to.
pub(crate) fn group(docs: &[DocSummary], used: &[bool]) -> (Vec<MeetingGroup>, Vec<Option<usize>>) {
    let mut by_key: BTreeMap<MeetingKey, Vec<usize>> = BTreeMap::new();
    let mut alone: Vec<usize> = Vec::new();
    for (i, doc) in docs.iter().enumerate().filter(|(i, _)| used[*i]) {
        match &doc.key {
            Some(key) => by_key.entry(key.clone()).or_default().push(i),
            None if matches!(doc.kind, Kind::Referat | Kind::Dagsorden) => alone.push(i),
            None => {}
        }
    }
    attach_timeless(&mut by_key);
    let mut groups: Vec<MeetingGroup> = by_key
        .into_iter()
        .map(|(key, members)| {
            let source = source_of(docs, &members);
            MeetingGroup {
                meeting_id: key.meeting_id(),
                basis: key.basis(),
                body_id: body_id(&key),
                source,
                disagreements: disagreements(docs, source, &members),
                members,
            }
        })
        .collect();
    groups.extend(alone.into_iter().map(|i| MeetingGroup {
        meeting_id: ids::document_meeting_id(&docs[i].document_id),
        basis: "document",
        body_id: docs[i].meeting.body.as_deref().map(|b| {
            let m = &docs[i].meeting;
            let muni =
                ids::municipality_key(m.municipality_code.as_deref(), m.municipality.as_deref());
            ids::hash_id("body-v1", &[&ids::body_key(b, m.municipality.as_deref()), &muni])
        }),
        source: i,
        members: vec![i],
        disagreements: Vec::new(),
    }));
    groups.sort_by(|a, b| {
        let (ma, mb) = (&docs[a.source].meeting, &docs[b.source].meeting);
        (ma.date.is_none(), &ma.date, &ma.municipality, &ma.body, &ma.start_time, &a.meeting_id)
            .cmp(&(
                mb.date.is_none(),
                &mb.date,
                &mb.municipality,
                &mb.body,
                &mb.start_time,
                &b.meeting_id,
            ))
    });
    let mut of_doc = vec![None; docs.len()];
    for (g, group) in groups.iter().enumerate() {
        for &member in &group.members {
            of_doc[member] = Some(g);
        }
    }
    (groups, of_doc)
}

fn body_id(key: &MeetingKey) -> Option<String> {
    (!key.body.is_empty()).then(|| ids::hash_id("body-v1", &[&key.body, &key.municipality]))
}

/// Moves the documents of a dated key without a start time into the one key of the same
/// body and day that has one.
fn attach_timeless(by_key: &mut BTreeMap<MeetingKey, Vec<usize>>) {
    let mut timed: HashMap<(String, String, String), Vec<MeetingKey>> = HashMap::new();
    for key in by_key.keys() {
        if let (Some(date), Some(_)) = (&key.date, &key.start_time) {
            timed
                .entry((key.body.clone(), key.municipality.clone(), date.clone()))
                .or_default()
                .push(key.clone());
        }
    }
    let timeless: Vec<MeetingKey> =
        by_key.keys().filter(|k| k.date.is_some() && k.start_time.is_none()).cloned().collect();
    for key in timeless {
        let day =
            (key.body.clone(), key.municipality.clone(), key.date.clone().unwrap_or_default());
        if let Some([target]) = timed.get(&day).map(Vec::as_slice)
            && let Some(members) = by_key.remove(&key)
        {
            by_key.entry(target.clone()).or_default().extend(members);
        }
    }
    for members in by_key.values_mut() {
        members.sort_unstable();
    }
}

fn source_of(docs: &[DocSummary], members: &[usize]) -> usize {
    members
        .iter()
        .copied()
        .min_by(|&a, &b| docs[a].source_rank().cmp(&docs[b].source_rank()))
        .unwrap_or(0)
}

/// Where each other document of the same kind as the source says otherwise.
fn disagreements(docs: &[DocSummary], source: usize, members: &[usize]) -> Vec<Disagreement> {
    let s = &docs[source];
    let mut out = Vec::new();
    for &i in members.iter().filter(|&&i| i != source && docs[i].kind == s.kind) {
        let o = &docs[i];
        let scalar = |field, a: &Option<String>, b: &Option<String>| {
            (a != b).then(|| Disagreement {
                document: i,
                field,
                source_value: a.clone(),
                other_value: b.clone(),
                differing: None,
            })
        };
        let (sm, om) = (&s.meeting, &o.meeting);
        out.extend(scalar("start_time", &sm.start_time, &om.start_time));
        out.extend(scalar("end_time", &sm.end_time, &om.end_time));
        out.extend(scalar("location", &sm.location, &om.location));
        if sm.extraordinary != om.extraordinary {
            out.extend(scalar(
                "extraordinary",
                &Some(sm.extraordinary.to_string()),
                &Some(om.extraordinary.to_string()),
            ));
        }
        for (field, a, b) in [
            ("participants", &s.participant_hashes, &o.participant_hashes),
            ("items", &s.item_hashes, &o.item_hashes),
        ] {
            let differing = not_in(b, a);
            if differing > 0 || a.len() != b.len() {
                out.push(Disagreement {
                    document: i,
                    field,
                    source_value: Some(a.len().to_string()),
                    other_value: Some(b.len().to_string()),
                    differing: Some(differing),
                });
            }
        }
    }
    out
}

/// How many of `a` (sorted, a multiset) are not matched in `b` (sorted).
fn not_in(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut missing) = (0, 0, 0);
    while i < a.len() {
        if j >= b.len() || a[i] < b[j] {
            missing += 1;
            i += 1;
        } else if a[i] == b[j] {
            i += 1;
            j += 1;
        } else {
            j += 1;
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::not_in;

    #[test]
    fn multiset_difference() {
        assert_eq!(not_in(&[1, 2, 2, 3], &[1, 2, 3]), 1);
        assert_eq!(not_in(&[1, 2], &[1, 2, 5]), 0);
        assert_eq!(not_in(&[4], &[]), 1);
    }
}
