//! Extraction: segmented lines → records. Each concern lives in its own file with the forms it
//! accepts listed at the top; this module only wires them together.

pub mod attendance;
pub mod case_number;
pub mod dates;
pub mod decision;
pub mod items;
pub mod meeting;
pub mod ocr_repair;
pub mod participants;
pub mod party;
pub mod sections;
pub mod votes;

use crate::model::{Decision, Item, Meeting, Participant, Section};
use crate::normalize::{Line, join_text};
use crate::segment::{AttendanceBlock, ItemSpan, segment};
use attendance::BlockKind;
use participants::Listing;
use sections::{SectionKind, parse_section_heading};

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
    let mut items: Vec<Item> = seg.items.iter().map(|span| build_item(span, &meeting)).collect();
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
        let repaired;
        let text = if line.ocr.is_some() {
            repaired = ocr_repair::repair_listing(text);
            &repaired
        } else {
            text
        };
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
    Participant {
        name: l.name,
        role,
        municipality,
        municipality_code,
        party: l.party,
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

/// A section being collected.
struct OpenSection<'a> {
    heading: sections::SectionHeading,
    line: &'a Line,
    lines: Vec<&'a Line>,
    /// After a history section, decision headings quote earlier meetings.
    in_history: bool,
}

fn build_item(span: &ItemSpan<'_>, meeting: &Meeting) -> Item {
    let mut title = span.heading.title.clone();
    let mut rest = span.body.as_slice();
    // Wrapped title: a long first line (or one ending in "og", "for", …) continued by the
    // next, before any blank line.
    let mut last_title_line = span.heading.title.chars().count() + span.heading.number.len() + 2;
    while let Some((line, tail)) = rest.split_first() {
        let continues = !line.is_blank()
            && (last_title_line >= 45 || ends_with_connector(&title))
            && !title.ends_with('.')
            && parse_section_heading(&line.text).is_none()
            && case_number::find_case_number(&line.text).is_none()
            && attendance::parse_heading(&line.text).is_none()
            && line.text.chars().count() < 120;
        if !continues {
            break;
        }
        title.push(' ');
        title.push_str(line.text.trim());
        last_title_line = line.text.chars().count();
        rest = tail;
    }
    let mut case = span.case_line_before.and_then(|l| case_number::find_case_number(&l.text));
    let mut preamble_done = false;
    let mut closed = span.heading.closed;
    let mut sections: Vec<OpenSection<'_>> = Vec::new();
    let mut in_history = false;
    // Where an item's headings stand alone without a colon ("Resumé"), a listed word with a
    // colon ("Tidsplan:") is a sub-heading inside a section, not a section of its own.
    let colonless_style = rest.iter().any(|l| {
        parse_section_heading(&l.text).is_some_and(|h| h.kind == SectionKind::Other)
            && !l.text.trim_end().ends_with(':')
    });
    let heading_of = |line: &Line| {
        parse_section_heading(&line.text).filter(|h| {
            let colon = line.text.trim_end().ends_with(':') && h.inline.is_none();
            !(colonless_style && colon && h.kind == SectionKind::Other)
        })
    };
    for &line in rest {
        if let Some(heading) = heading_of(line) {
            preamble_done = true;
            if heading.kind == SectionKind::History {
                in_history = true;
            } else if heading.kind != SectionKind::Decision {
                in_history = false;
            }
            let inline = heading.inline.clone();
            sections.push(OpenSection { heading, line, lines: Vec::new(), in_history });
            if let (Some(text), Some(open)) = (inline, sections.last_mut()) {
                open.lines.push(line);
                let _ = text;
            }
            continue;
        }
        if !preamble_done {
            if case.is_none() {
                case = case_number::find_case_number(&line.text);
            }
            closed |= items::is_closed_flag(&line.text);
            continue;
        }
        if let Some(open) = sections.last_mut() {
            open.lines.push(line);
        }
    }
    let built: Vec<(Section, &OpenSection<'_>, Vec<String>)> =
        sections.iter().map(build_section).collect();
    let recommendation = built
        .iter()
        .find(|(_, open, _)| open.heading.kind == SectionKind::Recommendation)
        .map(|(s, _, _)| s.text.clone())
        .filter(|t| !t.is_empty());
    let decision_index = choose_decision(&built, meeting.date.as_deref());
    let mut absent = Vec::new();
    let decision = decision_index.map(|i| {
        let (section, _, names) = &built[i];
        absent.extend(names.iter().cloned());
        for name in decision::absence_prose(&section.text) {
            if !absent.contains(&name) {
                absent.push(name);
            }
        }
        Decision {
            outcome: decision::outcome(&section.text),
            votes: votes::votes(&section.text),
            text: section.text.clone(),
            page: section.page,
            line: section.line,
        }
    });
    let ocr_confidence =
        mean_confidence(std::iter::once(span.heading_line).chain(span.body.iter().copied()));
    Item {
        number: span.heading.number.clone(),
        title,
        case_number: case.as_ref().map(|c| c.number.clone()),
        case_handler: case.and_then(|c| c.handler),
        closed,
        sections: built.into_iter().map(|(s, _, _)| s).collect(),
        recommendation,
        decision,
        absent,
        ocr: ocr_confidence.is_some(),
        ocr_confidence,
        page: span.heading_line.page,
        line: span.heading_line.line,
    }
}

/// Mean OCR confidence of the lines that have one, rounded to one decimal.
fn mean_confidence<'a>(lines: impl Iterator<Item = &'a Line>) -> Option<f32> {
    let values: Vec<f32> = lines.filter_map(|l| l.ocr).collect();
    (!values.is_empty()).then(|| round1(values.iter().sum::<f32>() / values.len() as f32))
}

fn round1(value: f32) -> f32 {
    (value * 10.0).round() / 10.0
}

/// "… borgere og", "… for": a title that cannot end there.
fn ends_with_connector(title: &str) -> bool {
    const CONNECTORS: &[&str] = &[
        "og", "eller", "for", "til", "i", "af", "med", "om", "på", "fra", "ved", "samt", "-", "–",
    ];
    title.split_whitespace().last().is_some_and(|w| CONNECTORS.contains(&w))
}

/// A section's record; for decisions, the per-item absence lines are taken out of the text
/// and returned as names.
fn build_section<'a, 'b>(open: &'b OpenSection<'a>) -> (Section, &'b OpenSection<'a>, Vec<String>) {
    let mut absent = Vec::new();
    let mut kept: Vec<Line> = Vec::new();
    if let Some(inline) = &open.heading.inline {
        kept.push(Line { text: inline.clone(), ..open.line.clone() });
    }
    // After "Følgende deltog ikke i behandlingen af punktet:" the names may follow on their own lines.
    let mut absence_list_open = false;
    for line in open.lines.iter().filter(|l| !std::ptr::eq(**l, open.line)) {
        if open.heading.kind == SectionKind::Decision {
            if let Some(names) = decision::absence_line(&line.text) {
                absence_list_open = names.is_empty();
                absent.extend(names);
                continue;
            }
            if absence_list_open {
                let names = attendance::inline_listings(&line.text);
                if !names.is_empty() {
                    absent.extend(names.into_iter().map(|l| l.name));
                    continue;
                }
                absence_list_open = line.is_blank();
            }
        }
        if meeting::meeting_end(&line.text).is_some() {
            continue;
        }
        kept.push((*line).clone());
    }
    let section = Section {
        heading: open.heading.heading.clone(),
        text: join_text(kept.iter()),
        page: open.line.page,
        line: open.line.line,
    };
    (section, open, absent)
}

/// Which decision section is this meeting's: the one dated the meeting's date, else the
/// last undated one, else (date unknown) the last.
fn choose_decision(
    built: &[(Section, &OpenSection<'_>, Vec<String>)],
    meeting_date: Option<&str>,
) -> Option<usize> {
    let decisions: Vec<usize> = built
        .iter()
        .enumerate()
        .filter(|(_, (_, open, _))| open.heading.kind == SectionKind::Decision && !open.in_history)
        .map(|(i, _)| i)
        .collect();
    if let Some(date) = meeting_date {
        if let Some(&i) =
            decisions.iter().find(|&&i| built[i].1.heading.date.as_deref() == Some(date))
        {
            return Some(i);
        }
        if let Some(&i) = decisions.iter().rev().find(|&&i| built[i].1.heading.date.is_none()) {
            return Some(i);
        }
    }
    decisions.last().copied()
}
