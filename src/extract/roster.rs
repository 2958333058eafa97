//! Attendance blocks → participants: each listing parsed, given the block's group and
//! attendance, the body's municipality for members of a municipal body, the party's name for
//! the meeting's year, and a stand-in entry for "(Stedfortræder: Y)".

use super::attendance::{self, BlockKind};
use super::participants::{self, Listing};
use super::{party, round1};
use crate::model::{Attendance, Meeting, Participant, Warning};
use crate::normalize::Line;
use crate::segment::AttendanceBlock;

/// All participants listed in one attendance block; listings limited to a range of items
/// ("sag 129-131") are also returned as scoped absences.
pub(crate) fn block_participants(
    block: &AttendanceBlock<'_>,
    meeting: &Meeting,
    year: Option<i32>,
    scoped: &mut Vec<ScopedAbsence>,
    warnings: &mut Vec<Warning>,
) -> Vec<Participant> {
    let mut out = Vec::new();
    for ((text, line), heading_party) in block.entries.iter().zip(&block.parties) {
        if let Some(sentences) = attendance::party_sentences(text) {
            for (letter, list) in sentences {
                let (listings, rest) = attendance::inline_listings_and_rest(&list);
                report_not_understood(rest, line, warnings);
                for mut listing in listings {
                    listing.party.get_or_insert_with(|| letter.clone());
                    let rules = ["G-HEAD", "G-ENTRY", "G-LIST", "G-LIST-PARTY"];
                    out.push(participant(listing, block, meeting, year, line, &rules));
                }
            }
            continue;
        }
        let after_heading = std::ptr::eq(*line, block.heading_line);
        let in_list = after_heading || looks_like_inline_list(text);
        let (listings, not_understood) = if after_heading {
            attendance::inline_listings_and_rest(text)
        } else if in_list {
            (attendance::inline_listings(text), Vec::new())
        } else {
            (participants::parse_listing(text).into_iter().collect(), Vec::new())
        };
        report_not_understood(not_understood, line, warnings);
        if listings.is_empty() && !attendance::says_nobody(text) {
            warnings.push(Warning::line(
                "X-ATT-LINE",
                line.page,
                line.line,
                format!("attendance line not understood: {}", text.trim()),
            ));
        }
        for mut listing in listings {
            let mut rules = vec!["G-HEAD", "G-ENTRY"];
            if in_list {
                rules.push("G-LIST");
            }
            if listing.party.is_none() && heading_party.is_some() {
                listing.party.clone_from(heading_party);
                rules.push("E-PARTY-HEAD");
            }
            let substitute = listing.substituted_by.clone();
            let word = listing.substitute_word.clone();
            if let Some((from, to)) = listing.item_scope {
                scoped.push(ScopedAbsence { name: listing.name.clone(), from, to });
            }
            let absent_name = listing.name.clone();
            out.push(participant(listing, block, meeting, year, line, &rules));
            if let Some(text) = substitute {
                // "(Stedfortræder: Conni Bergendorff (A))": the stand-in attends.
                let mut stand_in = participants::parse_listing(&text)
                    .unwrap_or_else(|| Listing { name: text.clone(), ..Listing::default() });
                stand_in.substitute_for = Some(absent_name);
                stand_in.role = stand_in.role.or(word);
                rules.push("E-STAND-IN");
                let mut p = participant(stand_in, block, meeting, year, line, &rules);
                p.attendance = Attendance::Present;
                out.push(p);
            }
        }
    }
    out
}

fn report_not_understood(pieces: Vec<String>, line: &Line, warnings: &mut Vec<Warning>) {
    for piece in pieces {
        warnings.push(Warning::line(
            "X-ATT-LINE",
            line.page,
            line.line,
            format!("attendance list item not understood: {}", piece.trim()),
        ));
    }
}

/// "Birthe Lund (A), sag 129-131": absent from a range of items only.
#[derive(Debug, Clone)]
pub(crate) struct ScopedAbsence {
    pub(crate) name: String,
    pub(crate) from: u32,
    pub(crate) to: u32,
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
    rules: &[&str],
) -> Participant {
    let mut rules: Vec<String> = rules.iter().map(|r| (*r).to_owned()).collect();
    let kind = block.heading.kind;
    let mut role = l.role;
    if matches!(kind, BlockKind::Secretary | BlockKind::Substitutes) && role.is_none() {
        role = Some(capitalised(&block.heading.group));
    }
    let (mut municipality, mut municipality_code) = (l.municipality, l.municipality_code);
    // In a municipal body's minutes, members belong to the body's municipality.
    let member = matches!(
        kind,
        BlockKind::Members | BlockKind::Substitutes | BlockKind::Absent | BlockKind::Overview
    );
    if member && municipality.is_none() && l.organisation.is_none() && l.represents.is_none() {
        municipality.clone_from(&meeting.municipality);
        municipality_code.clone_from(&meeting.municipality_code);
        if municipality.is_some() {
            rules.push("E-MUNI-BODY".to_owned());
        }
    }
    let party_name = l.party.as_deref().and_then(|p| party::party_name(p, year));
    // An OCR'd letter that named no party in the meeting's year ("(Q)" read for "(Ø)" in 2022)
    // is a misreading: no party rather than a wrong one.
    let misread = line.ocr.is_some() && year.is_some() && party_name.is_none();
    let party = if misread { None } else { l.party };
    let attendance = match l.absent {
        Some(true) => Attendance::Absent,
        Some(false) => Attendance::Present,
        None => block.heading.attendance(),
    };
    Participant {
        name: l.name,
        role,
        municipality,
        municipality_code,
        party,
        party_name,
        group: Some(block.heading.group.clone()),
        attendance,
        organisation: l.organisation,
        represents: l.represents,
        positions: l.positions,
        substitute_for: l.substitute_for,
        ocr: line.ocr.is_some(),
        ocr_confidence: line.ocr.map(round1),
        page: line.page,
        line: line.line,
        rules,
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
