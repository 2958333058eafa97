//! What the review marks on each line of the text layer: lines normalisation dropped (running
//! headers and footers, page numbers), the header and attendance zones the segmenter found,
//! and the lines of those zones that no record came from — where an archivist looks for what
//! the extraction missed.

use super::source::SourceText;
use crate::extract::meeting::{extract_meeting, unread_header_lines};
use crate::model::Document;
use crate::normalize::{Line, headers};
use crate::segment::{Segments, segment};
use std::collections::{HashMap, HashSet};

/// A place in the text layer: (page, line), both 1-based, as records state them.
pub(crate) type Loc = (usize, usize);

/// The part of the minutes a line belongs to, when it is one the review checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    /// The meeting header (body, date, time, place).
    Header,
    /// An attendance block (headings, listings, tables of members).
    Attendance,
}

/// How one line of the text layer is shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LineMarks {
    /// Dropped by normalisation as page furniture: never read by the extractors.
    pub(crate) dropped: bool,
    pub(crate) zone: Option<Zone>,
    /// In the header or attendance zone, and no record came from it.
    pub(crate) not_taken: bool,
}

/// The marks of every line, page by page, as the text layer has them.
pub(crate) fn line_marks(text: &SourceText, doc: &Document) -> Vec<Vec<LineMarks>> {
    let kept = headers::body_lines(&text.raw.pages);
    let seg = segment(&text.lines);
    let mut zones = header_zone(&seg);
    zones.extend(attendance_zone(&seg, doc));
    let hosts = host_lines(text, &kept);
    hosts
        .iter()
        .zip(&kept)
        .map(|(page, kept)| {
            page.iter()
                .zip(kept)
                .map(|(host, kept)| {
                    let zone = host.and_then(|at| zones.get(&at));
                    LineMarks {
                        dropped: !kept,
                        zone: zone.map(|z| z.0),
                        not_taken: zone.is_some_and(|z| !z.1),
                    }
                })
                .collect()
        })
        .collect()
}

fn loc(line: &Line) -> Loc {
    (line.page, line.line)
}

/// Header lines and whether the meeting reader took them (a field, or known furniture such as
/// "Åbent referat"); the ones it did not are those `X-HDR-LINE` reports.
fn header_zone(seg: &Segments<'_>) -> HashMap<Loc, (Zone, bool)> {
    let meeting = extract_meeting(&seg.header);
    let unread: HashSet<Loc> = unread_header_lines(&seg.header, &meeting)
        .iter()
        .filter_map(|w| Some((w.page?, w.line?)))
        .collect();
    seg.header
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| (loc(l), (Zone::Header, !unread.contains(&loc(l)))))
        .collect()
}

/// Attendance lines and whether a participant came from them: a heading or a table's
/// structure (column heads, party headings) is taken; a listing is taken when a participant
/// record starts on it, and its wrapped lines with it; a line not understood never is.
fn attendance_zone(seg: &Segments<'_>, doc: &Document) -> HashMap<Loc, (Zone, bool)> {
    let participants: HashSet<Loc> = doc.participants.iter().map(|p| (p.page, p.line)).collect();
    let headings: HashSet<Loc> = seg.blocks.iter().map(|b| loc(b.heading_line)).collect();
    let structure: HashSet<Loc> =
        seg.blocks.iter().flat_map(|b| b.structure.iter().map(|l| loc(l))).collect();
    let listings: HashSet<Loc> =
        seg.blocks.iter().flat_map(|b| b.entries.iter().map(|(_, l)| loc(l))).collect();
    let not_understood: HashSet<Loc> = seg
        .notes
        .iter()
        .filter(|(code, _, _)| *code == "X-ATT-LINE")
        .map(|(_, l, _)| loc(l))
        .collect();
    let mut out = HashMap::new();
    // Whether the listing a wrapped line continues gave a participant.
    let mut listing_taken = false;
    for line in seg.attendance.iter().filter(|l| !l.is_blank()) {
        let at = loc(line);
        let taken = if headings.contains(&at) {
            // A heading may carry its first listings ("Afbud: Anne Hansen (V)").
            listing_taken = participants.contains(&at);
            true
        } else if structure.contains(&at) {
            true
        } else if listings.contains(&at) {
            listing_taken = participants.contains(&at);
            listing_taken
        } else if not_understood.contains(&at) {
            false
        } else {
            listing_taken
        };
        out.insert(at, (Zone::Attendance, taken));
    }
    out
}

/// For each line of the text layer, the normalised line it is part of: its own, the one it
/// was joined to (a hyphenated line end, a second column on the same baseline), or none
/// (blank, or dropped as page furniture).
fn host_lines(text: &SourceText, kept: &[Vec<bool>]) -> Vec<Vec<Option<Loc>>> {
    let starts: HashSet<Loc> = text.lines.iter().filter(|l| !l.is_blank()).map(loc).collect();
    let mut last = None;
    let mut out = Vec::with_capacity(text.raw.pages.len());
    for (p, page) in text.raw.pages.iter().enumerate() {
        let mut hosts = Vec::with_capacity(page.lines.len());
        for (i, raw) in page.lines.iter().enumerate() {
            let at = (p + 1, i + 1);
            let kept = kept.get(p).and_then(|k| k.get(i)).copied().unwrap_or(false);
            let host = if starts.contains(&at) {
                last = Some(at);
                last
            } else if kept && raw.text.chars().any(|c| !c.is_whitespace() && !c.is_control()) {
                last
            } else {
                None
            };
            hosts.push(host);
        }
        out.push(hosts);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{RawDocument, RawLine, RawPage};
    use crate::model::{Format, Kind, Meeting, Source, Status};

    fn text_of(lines: &[&str]) -> SourceText {
        let raw = RawDocument {
            pages: vec![RawPage {
                lines: lines.iter().map(|t| RawLine::plain(*t)).collect(),
                height: None,
            }],
            warnings: vec![],
        };
        let lines = crate::normalize::normalize(&raw);
        SourceText { raw, lines }
    }

    fn document(participant_lines: &[usize]) -> Document {
        let participants = participant_lines
            .iter()
            .map(|&line| crate::model::Participant {
                name: format!("P{line}"),
                role: None,
                municipality: None,
                municipality_code: None,
                party: None,
                party_name: None,
                group: None,
                attendance: crate::model::Attendance::Present,
                organisation: None,
                represents: None,
                positions: vec![],
                substitute_for: None,
                ocr: false,
                ocr_confidence: None,
                page: 1,
                line,
                rules: vec![],
            })
            .collect();
        Document {
            source: Source {
                path: "x.txt".to_owned(),
                sha256: String::new(),
                format: Format::Text,
                pages: 1,
                ocr_pages: 0,
                kind: Kind::Referat,
                status: Status::Ok,
                referat_version: String::new(),
                rules: String::new(),
            },
            meeting: Meeting::default(),
            participants,
            items: vec![],
            warnings: vec![],
        }
    }

    #[test]
    fn header_and_attendance_lines_no_record_took_are_marked() {
        let text = text_of(&[
            "Referat",
            "KL bidrager til at udvikle og fastholde et stærkt lokalt",
            "",
            "Økonomiudvalget",
            "Mødedato: 4. december 2012",
            "",
            "Deltagere:",
            "Anne Hansen (V)",
            "Bo Jensen (A)",
            "",
            "1. Godkendelse af dagsorden",
            "Beslutning:",
            "Godkendt.",
        ]);
        // Bo Jensen's listing gave no record (as if a rule had rejected it).
        let marks = line_marks(&text, &document(&[8]));
        let page = &marks[0];
        assert_eq!(page[1].zone, Some(Zone::Header));
        assert!(page[1].not_taken, "a header line not understood");
        assert!(!page[3].not_taken, "the body line gave the body");
        assert!(!page[4].not_taken, "the date line gave the date");
        assert_eq!(page[2].zone, None, "blank lines are not marked");
        assert_eq!(page[6].zone, Some(Zone::Attendance));
        assert!(!page[6].not_taken, "the heading gives the group");
        assert!(!page[7].not_taken);
        assert!(page[8].not_taken, "a listing no participant came from");
        assert_eq!(page[10].zone, None, "items are not a zone the review checks");
        assert!(page.iter().all(|m| !m.dropped));
    }
}
