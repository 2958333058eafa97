//! Extraction: segmented lines → records. Each concern lives in its own file with the forms it
//! accepts listed at the top; this module only wires them together.

pub mod attendance;
pub mod case_number;
pub mod dates;
pub mod decision;
pub mod item;
pub mod items;
pub mod kind;
pub mod meeting;
pub mod participants;
pub mod party;
pub mod roster;
pub mod sections;
pub mod votes;

use crate::model::{Item, Meeting, Participant, Warning};
use crate::normalize::Line;
use crate::segment::{AttendanceBlock, segment};

/// The records found in one document's lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub meeting: Meeting,
    pub participants: Vec<Participant>,
    pub items: Vec<Item>,
    /// What was looked for and not found, and lines that were not understood.
    pub warnings: Vec<Warning>,
    /// What the document is, and the rule that said so.
    pub kind: kind::KindDecision,
}

/// Extracts meeting, participants and items from normalised lines.
pub fn extract(lines: &[Line]) -> Extraction {
    let seg = segment(lines);
    let mut meeting = meeting::extract_meeting(&seg.header);
    if meeting.body.is_none() {
        meeting.body = body_from_blocks(&seg.blocks);
    }
    let year = meeting.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
    // Party names are read as they were used in the meeting's year.
    crate::refdata::in_year(year, || extract_records(lines, &seg, meeting, year))
}

fn extract_records(
    lines: &[Line],
    seg: &crate::segment::Segments<'_>,
    mut meeting: Meeting,
    year: Option<i32>,
) -> Extraction {
    let mut scoped = Vec::new();
    let mut participants = Vec::new();
    let mut warnings: Vec<Warning> = seg
        .notes
        .iter()
        .map(|(code, line, message)| Warning::line(code, line.page, line.line, message.clone()))
        .collect();
    for block in &seg.blocks {
        participants.extend(roster::block_participants(
            block,
            &meeting,
            year,
            &mut scoped,
            &mut warnings,
        ));
    }
    let mut items: Vec<Item> =
        seg.items.iter().map(|span| item::build_item(span, meeting.date.as_deref())).collect();
    apply_item_absences(&mut items, &scoped);
    if meeting.end_time.is_none() {
        meeting.end_time = lines.iter().find_map(|l| meeting::meeting_end(&l.text));
    }
    warnings.extend(meeting::unread_header_lines(&seg.header, &meeting));
    warnings.extend(missing(&meeting, &participants, &items, seg.blocks.is_empty()));
    let kind = kind::classify(&seg.header, lines, &participants, &items);
    warnings.extend(kind.warning());
    warnings.sort_by_key(|w| (w.page, w.line));
    Extraction { meeting, participants, items, warnings, kind }
}

/// What a document of minutes states and this one did not: participants, items, a date, a
/// body, decisions.
fn missing(
    meeting: &Meeting,
    participants: &[Participant],
    items: &[Item],
    no_blocks: bool,
) -> Vec<Warning> {
    let mut out = Vec::new();
    if participants.is_empty() {
        let why = if no_blocks {
            "no attendance heading found (Deltagere, Til stede, Medlemmer, Afbud, … in data/headings.csv)"
        } else {
            "attendance headings found, but no participant listed under them"
        };
        out.push(Warning::document("X-NO-PART", format!("no participants: {why}")));
    }
    if items.is_empty() {
        out.push(Warning::document(
            "X-NO-ITEMS",
            "no agenda items: no numbered item heading found (\"1. Title\", \"Punkt 1: Title\", …)",
        ));
    }
    if meeting.date.is_none() {
        out.push(Warning::document("X-NO-DATE", "no meeting date in the header"));
    }
    if meeting.body.is_none() {
        out.push(Warning::document("X-NO-BODY", "no meeting body in the header"));
    }
    let decided = items.iter().filter(|i| i.decision.is_some()).count();
    if decided > 0 {
        for item in items.iter().filter(|i| i.decision.is_none() && !i.sections.is_empty()) {
            out.push(Warning::line(
                "X-NO-DEC",
                item.page,
                item.line,
                format!("item {} has sections but no decision section", item.number),
            ));
        }
    } else if !items.is_empty() {
        out.push(Warning::document(
            "X-NO-DEC",
            "no item has a decision section (an agenda rather than minutes?)",
        ));
    }
    out
}

/// "Deltagere fra KKR Nordjylland" names the body when the header does not.
fn body_from_blocks(blocks: &[AttendanceBlock<'_>]) -> Option<String> {
    blocks.iter().find_map(|b| {
        let group = b.heading.group.as_str();
        let rest = group
            .strip_prefix("Deltagere fra ")
            .or_else(|| group.strip_prefix("Mødedeltagere fra "))?;
        Some(rest.trim().to_owned())
    })
}

/// Adds absences limited to item ranges, and members who left the meeting, to the items.
fn apply_item_absences(items: &mut [Item], scoped: &[roster::ScopedAbsence]) {
    for item in items.iter_mut() {
        let Ok(number) = item.number.split('.').next().unwrap_or("").parse::<u32>() else {
            continue;
        };
        for s in scoped.iter().filter(|s| (s.from..=s.to).contains(&number)) {
            if !item.absent.contains(&s.name) {
                item.absent.push(s.name.clone());
            }
        }
    }
    // "X forlod mødet efter behandlingen af denne sag": absent from the following items.
    let mut gone: Vec<String> = Vec::new();
    for item in items.iter_mut() {
        let departures =
            item.decision.as_ref().map(|d| decision::departures(&d.text)).unwrap_or_default();
        for name in &gone {
            if !item.absent.contains(name) {
                item.absent.push(name.clone());
            }
        }
        gone.extend(departures);
    }
}

/// Mean OCR confidence of the lines that have one, rounded to one decimal.
pub(crate) fn mean_confidence<'a>(lines: impl Iterator<Item = &'a Line>) -> Option<f32> {
    let values: Vec<f32> = lines.filter_map(|l| l.ocr).collect();
    (!values.is_empty()).then(|| round1(values.iter().sum::<f32>() / values.len() as f32))
}

pub(crate) fn round1(value: f32) -> f32 {
    (value * 10.0).round() / 10.0
}
