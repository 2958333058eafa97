//! Extraction: segmented lines → records. Each concern lives in its own file with the forms it
//! accepts listed at the top; this module only wires them together.

pub mod attendance;
pub mod case_number;
pub mod dates;
pub mod decision;
pub mod item;
pub mod items;
pub mod meeting;
pub mod participants;
pub mod party;
pub mod sections;
pub mod votes;

use crate::model::{Item, Meeting, Participant};
use crate::normalize::Line;
use crate::segment::{AttendanceBlock, segment};
use attendance::BlockKind;
use participants::Listing;

/// The records found in one document's lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub meeting: Meeting,
    pub participants: Vec<Participant>,
    pub items: Vec<Item>,
}

/// Extracts meeting, participants and items from normalised lines.
pub fn extract(lines: &[Line]) -> Extraction {
    let seg = segment(lines);
    let mut meeting = meeting::extract_meeting(&seg.header);
    if meeting.body.is_none() {
        meeting.body = body_from_blocks(&seg.blocks);
    }
    let year = meeting.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
    let mut scoped = Vec::new();
    let mut participants = Vec::new();
    for block in &seg.blocks {
        participants.extend(block_participants(block, &meeting, year, &mut scoped));
    }
    let mut items: Vec<Item> =
        seg.items.iter().map(|span| item::build_item(span, meeting.date.as_deref())).collect();
    apply_item_absences(&mut items, &scoped);
    if meeting.end_time.is_none() {
        meeting.end_time = lines.iter().find_map(|l| meeting::meeting_end(&l.text));
    }
    Extraction { meeting, participants, items }
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

fn block_participants(
    block: &AttendanceBlock<'_>,
    meeting: &Meeting,
    year: Option<i32>,
    scoped: &mut Vec<ScopedAbsence>,
) -> Vec<Participant> {
    let mut out = Vec::new();
    for (text, line) in &block.entries {
        let listings = if std::ptr::eq(*line, block.heading_line) || looks_like_inline_list(text) {
            attendance::inline_listings(text)
        } else {
            participants::parse_listing(text).into_iter().collect()
        };
        for listing in listings {
            let substitute = listing.substituted_by.clone();
            let word = listing.substitute_word.clone();
            if let Some((from, to)) = listing.item_scope {
                scoped.push(ScopedAbsence { name: listing.name.clone(), from, to });
            }
            let absent_name = listing.name.clone();
            out.push(participant(listing, block, meeting, year, line));
            if let Some(text) = substitute {
                // "(Stedfortræder: Conni Bergendorff (A))": the stand-in attends.
                let mut stand_in = participants::parse_listing(&text)
                    .unwrap_or_else(|| Listing { name: text.clone(), ..Listing::default() });
                stand_in.substitute_for = Some(absent_name);
                stand_in.role = stand_in.role.or(word);
                let mut p = participant(stand_in, block, meeting, year, line);
                p.attendance = crate::model::Attendance::Present;
                out.push(p);
            }
        }
    }
    out
}

/// "Birthe Lund (A), sag 129-131": absent from a range of items only.
#[derive(Debug, Clone)]
struct ScopedAbsence {
    name: String,
    from: u32,
    to: u32,
}

/// Adds absences limited to item ranges, and members who left the meeting, to the items.
fn apply_item_absences(items: &mut [Item], scoped: &[ScopedAbsence]) {
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

/// "Anne Hansen (V), Bo Jensen (A) og Carl Berg" rather than one listing with descriptors.
fn looks_like_inline_list(text: &str) -> bool {
    attendance::inline_listings(text).len() > 1
}

fn participant(
    l: Listing,
    block: &AttendanceBlock<'_>,
    meeting: &Meeting,
    year: Option<i32>,
    line: &Line,
) -> Participant {
    let kind = block.heading.kind;
    let mut role = l.role;
    if kind == BlockKind::Secretary && role.is_none() {
        role = Some(capitalised(&block.heading.group));
    }
    let (mut municipality, mut municipality_code) = (l.municipality, l.municipality_code);
    // In a municipal body's minutes, members belong to the body's municipality.
    let member = matches!(kind, BlockKind::Members | BlockKind::Absent | BlockKind::Overview);
    if member && municipality.is_none() && l.organisation.is_none() && l.represents.is_none() {
        municipality.clone_from(&meeting.municipality);
        municipality_code.clone_from(&meeting.municipality_code);
    }
    let party_name = l.party.as_deref().and_then(|p| party::party_name(p, year));
    // An OCR'd letter that named no party in the meeting's year ("(Q)" read for "(Ø)" in 2022)
    // is a misreading: no party rather than a wrong one.
    let misread = line.ocr.is_some() && year.is_some() && party_name.is_none();
    let party = if misread { None } else { l.party };
    Participant {
        name: l.name,
        role,
        municipality,
        municipality_code,
        party,
        party_name,
        group: Some(block.heading.group.clone()),
        attendance: block.heading.attendance(),
        organisation: l.organisation,
        represents: l.represents,
        positions: l.positions,
        substitute_for: l.substitute_for,
        ocr: line.ocr.is_some(),
        ocr_confidence: line.ocr.map(round1),
        page: line.page,
        line: line.line,
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Mean OCR confidence of the lines that have one, rounded to one decimal.
pub(crate) fn mean_confidence<'a>(lines: impl Iterator<Item = &'a Line>) -> Option<f32> {
    let values: Vec<f32> = lines.filter_map(|l| l.ocr).collect();
    (!values.is_empty()).then(|| round1(values.iter().sum::<f32>() / values.len() as f32))
}

pub(crate) fn round1(value: f32) -> f32 {
    (value * 10.0).round() / 10.0
}
