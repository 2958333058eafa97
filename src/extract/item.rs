//! One agenda item → its record: the wrapped title, the case number, the sections, the
//! recommendation and this meeting's decision (with outcome, votes and per-item absences).
//!
//! Layout rules it applies:
//! - a title wraps onto the next line when the first line is long or ends in "og", "for", …;
//! - the case number stands before the first section (or on a line just before the heading);
//! - "Lukket" on the case-number line closes the item;
//! - a line in capitals ("BESLUTNINGSFORSLAG FRA DD") ends the section before it;
//! - where an item's headings stand alone without a colon ("Resumé"), a listed word with a
//!   colon ("Tidsplan:") is a sub-heading inside a section;
//! - the line after "Bilag" names an attachment, never a section;
//! - in a decision-first item (portal layout: Beslutning, then Resume, Sagsfremstilling …) the
//!   decision ends at the first paragraph that is not about the decision (a vote, a stance,
//!   attendance or an outcome);
//! - an item with no sections whose text states an outcome ("Godkendt.") has that text as its
//!   decision.

use super::sections::{SectionHeading, SectionKind, parse_section_heading};
use super::{attendance, case_number, decision, items, mean_confidence, meeting, votes};
use crate::model::{Decision, Item, Section};
use crate::normalize::{Line, join_text};
use crate::segment::ItemSpan;

/// A section being collected.
struct OpenSection<'a> {
    heading: SectionHeading,
    line: &'a Line,
    lines: Vec<&'a Line>,
    /// After a history section, decision headings quote earlier meetings.
    in_history: bool,
}

/// A built section with what the extractors need to know about it.
struct BuiltSection {
    section: Section,
    kind: SectionKind,
    date: Option<String>,
    in_history: bool,
    /// Per-item absences taken out of a decision's text.
    absent: Vec<String>,
}

/// Builds the record of one item; `meeting_date` picks this meeting's decision.
pub fn build_item(span: &ItemSpan<'_>, meeting_date: Option<&str>) -> Item {
    let (mut title, rest) = wrapped_title(span);
    let mut case = span.case_line_before.and_then(|l| case_number::find_case_number(&l.text));
    if case.is_none()
        && let Some((bare, number)) = case_number::split_title(&title)
    {
        title = bare;
        case = Some(case_number::CaseNumber { number, handler: None });
    }
    let mut closed = span.heading.closed;
    let (preamble, sections) = split_sections(rest);
    for line in &preamble {
        if case.is_none() {
            case = case_number::find_case_number(&line.text);
        }
        closed |= items::is_closed_flag(&line.text);
    }
    let decision_first = sections
        .iter()
        .find(|s| s.heading.kind != SectionKind::Boundary)
        .is_some_and(|s| s.heading.kind == SectionKind::Decision)
        && sections.iter().filter(|s| s.heading.kind != SectionKind::Boundary).count() > 1;
    let built: Vec<BuiltSection> =
        sections.iter().map(|open| build_section(open, decision_first)).collect();
    let recommendation = built
        .iter()
        .find(|b| b.kind == SectionKind::Recommendation)
        .map(|b| b.section.text.clone())
        .filter(|t| !t.is_empty());
    let mut absent = Vec::new();
    let chosen = choose_decision(&built, meeting_date).map(|i| &built[i]);
    let mut decision = chosen.map(|b| {
        absent.extend(b.absent.iter().cloned());
        decision_record(&b.section.text, b.section.page, b.section.line)
    });
    if decision.is_none() && built.iter().all(|b| b.kind == SectionKind::Boundary) {
        decision = unheaded_decision(&preamble, &mut absent);
    }
    if let Some(d) = &decision {
        for name in decision::absence_prose(&d.text) {
            if !absent.contains(&name) {
                absent.push(name);
            }
        }
    }
    let ocr_confidence =
        mean_confidence(std::iter::once(span.heading_line).chain(span.body.iter().copied()));
    let stated = span.heading_line.role == crate::ingest::Role::ItemHeading;
    let mut rules = vec![if stated { "S-AGENDA" } else { "G-NUM" }];
    if case.is_some() {
        rules.push("E-CASE");
    }
    if let Some(d) = &decision {
        rules.push("E-DEC");
        if d.votes.is_some() {
            rules.push("E-VOTE");
        }
    }
    let rules = rules.into_iter().map(str::to_owned).collect();
    Item {
        number: span.heading.number.clone(),
        title,
        case_number: case.as_ref().map(|c| c.number.clone()),
        case_handler: case.and_then(|c| c.handler),
        closed,
        sections: built
            .into_iter()
            .filter(|b| b.kind != SectionKind::Boundary)
            .map(|b| b.section)
            .collect(),
        recommendation,
        decision,
        absent,
        ocr: ocr_confidence.is_some(),
        ocr_confidence,
        page: span.heading_line.page,
        line: span.heading_line.line,
        rules,
    }
}

fn decision_record(text: &str, page: usize, line: usize) -> Decision {
    Decision {
        outcome: decision::outcome(text),
        votes: votes::votes(text),
        text: text.to_owned(),
        page,
        line,
    }
}

/// The title with its wrapped continuation lines, and the body lines after it.
fn wrapped_title<'s, 'a>(span: &'s ItemSpan<'a>) -> (String, &'s [&'a Line]) {
    let mut title = span.heading.title.clone();
    let mut rest = span.body.as_slice();
    let mut last_title_line = span.heading.title.chars().count() + span.heading.number.len() + 2;
    while let Some((line, tail)) = rest.split_first() {
        // "--------" under a typed title underlines it.
        if is_underline(&line.text) {
            rest = tail;
            break;
        }
        let continues = !line.is_blank()
            && (last_title_line >= 45 || ends_with_connector(&title) || title.ends_with(','))
            && (!title.ends_with('.') || crate::grammar::numbering::ends_with_abbreviation(&title))
            && parse_section_heading(&line.text).is_none()
            && case_number::find_case_number(&line.text).is_none()
            && !case_number::starts_with_label(&line.text)
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
    (title, rest)
}

fn is_underline(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() >= 3 && t.chars().all(|c| matches!(c, '-' | '=' | '_' | '–'))
}

/// "… borgere og", "… for": a title that cannot end there.
fn ends_with_connector(title: &str) -> bool {
    const CONNECTORS: &[&str] = &[
        "og", "eller", "for", "til", "i", "af", "med", "om", "på", "fra", "ved", "samt", "-", "–",
    ];
    title.split_whitespace().last().is_some_and(|w| CONNECTORS.contains(&w))
}

/// The preamble (lines before the first heading) and the sections of an item body.
fn split_sections<'a>(rest: &[&'a Line]) -> (Vec<&'a Line>, Vec<OpenSection<'a>>) {
    let colonless_style = rest.iter().any(|l| {
        parse_section_heading(&l.text).is_some_and(|h| h.kind == SectionKind::Other)
            && !l.text.trim_end().ends_with(':')
    });
    let body_size = body_font_size(rest);
    // Where the item's headings are set larger than its text, a listed word at text size
    // ("Baggrund" inside a quoted proposal) is text, not a heading.
    let large_headings = body_size.is_some_and(|body| {
        rest.iter()
            .filter(|l| {
                parse_section_heading(&l.text).is_some_and(|h| h.kind != SectionKind::Boundary)
            })
            .filter_map(|l| l.size)
            .any(|size| size > body * 1.15)
    });
    let mut preamble = Vec::new();
    let mut sections: Vec<OpenSection<'a>> = Vec::new();
    let mut in_history = false;
    for &line in rest {
        if line.role == crate::ingest::Role::SectionBreak {
            let heading = SectionHeading {
                heading: String::new(),
                kind: SectionKind::Boundary,
                date: None,
                inline: None,
            };
            sections.push(OpenSection { heading, line, lines: Vec::new(), in_history });
            continue;
        }
        let after_bilag = sections.last().is_some_and(|s| {
            s.heading.heading.eq_ignore_ascii_case("bilag") && s.lines.iter().all(|l| l.is_blank())
        });
        let heading = parse_section_heading(&line.text).filter(|h| {
            let colon = line.text.trim_end().ends_with(':') && h.inline.is_none();
            // OCR word heights are not font sizes: the rule needs a real text layer.
            let text_sized = large_headings
                && line.ocr.is_none()
                && h.kind != SectionKind::Boundary
                && line.size.zip(body_size).is_some_and(|(size, body)| size <= body * 1.05);
            let sub_heading = colonless_style && colon && h.kind == SectionKind::Other;
            !(sub_heading || after_bilag || text_sized)
        });
        if let Some(heading) = heading {
            match heading.kind {
                SectionKind::History => in_history = true,
                SectionKind::Decision | SectionKind::Boundary => {}
                _ => in_history = false,
            }
            sections.push(OpenSection { heading, line, lines: Vec::new(), in_history });
            continue;
        }
        match sections.last_mut() {
            Some(open) => open.lines.push(line),
            None => preamble.push(line),
        }
    }
    (preamble, sections)
}

/// The most common font size of an item's lines (its body text), when positions are known.
fn body_font_size(lines: &[&Line]) -> Option<f32> {
    let mut sizes: Vec<i32> =
        lines.iter().filter_map(|l| l.size).map(|s| (s * 10.0).round() as i32).collect();
    sizes.sort_unstable();
    let mut best: Option<(i32, usize)> = None;
    for chunk in sizes.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| chunk.len() > n) {
            best = Some((chunk[0], chunk.len()));
        }
    }
    best.map(|(size, _)| size as f32 / 10.0)
}

/// A section's record; for decisions, per-item absence lines are taken out of the text.
fn build_section(open: &OpenSection<'_>, decision_first: bool) -> BuiltSection {
    let is_decision = open.heading.kind == SectionKind::Decision;
    let mut absent = Vec::new();
    let mut kept: Vec<Line> = Vec::new();
    if let Some(inline) = &open.heading.inline {
        kept.push(Line { text: inline.clone(), ..open.line.clone() });
    }
    let lines: Vec<&Line> = if is_decision && decision_first {
        decision_paragraphs(&open.lines)
    } else {
        open.lines.clone()
    };
    // After "Følgende deltog ikke i behandlingen af punktet:" names may follow on own lines.
    let mut absence_list_open = false;
    for line in lines {
        if is_decision {
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
        // "Mødet hævet kl. 20.15." is the meeting's, and a lone "." is layout debris.
        if meeting::meeting_end(&line.text).is_some() || is_debris(&line.text) {
            continue;
        }
        kept.push(line.clone());
    }
    BuiltSection {
        section: Section {
            heading: open.heading.heading.clone(),
            text: join_text(kept.iter()),
            page: open.line.page,
            line: open.line.line,
        },
        kind: open.heading.kind,
        date: open.heading.date.clone(),
        in_history: open.in_history,
        absent,
    }
}

/// A non-blank line without a letter or digit (".", "-", "•").
fn is_debris(text: &str) -> bool {
    !text.trim().is_empty() && !text.chars().any(char::is_alphanumeric)
}

/// The leading paragraphs of a decision-first item's decision section: the first paragraph
/// and each following one that is about the decision.
fn decision_paragraphs<'a>(lines: &[&'a Line]) -> Vec<&'a Line> {
    let mut paragraphs: Vec<Vec<&'a Line>> = vec![Vec::new()];
    for &line in lines {
        if line.is_blank() {
            paragraphs.push(Vec::new());
        } else if let Some(last) = paragraphs.last_mut() {
            last.push(line);
        }
    }
    let mut kept = Vec::new();
    for (i, paragraph) in paragraphs.into_iter().filter(|p| !p.is_empty()).enumerate() {
        let text = join_text(paragraph.iter().copied());
        if i > 0 && !decision::is_decision_matter(&text) {
            break;
        }
        kept.extend(paragraph);
    }
    kept
}

/// An item without sections whose text states an outcome ("Godkendt."): that text is the
/// decision.
fn unheaded_decision(preamble: &[&Line], absent: &mut Vec<String>) -> Option<Decision> {
    let mut kept: Vec<&Line> = Vec::new();
    for &line in preamble {
        if case_number::find_case_number(&line.text).is_some() || items::is_closed_flag(&line.text)
        {
            continue;
        }
        if let Some(names) = decision::absence_line(&line.text) {
            absent.extend(names);
            continue;
        }
        if !is_debris(&line.text) {
            kept.push(line);
        }
    }
    let first = kept.iter().find(|l| !l.is_blank())?;
    let text = join_text(kept.iter().copied());
    decision::outcome(&text).map(|_| decision_record(&text, first.page, first.line))
}

/// Which decision section is this meeting's: the one dated the meeting's date, else the
/// last undated one, else (date unknown) the last.
fn choose_decision(built: &[BuiltSection], meeting_date: Option<&str>) -> Option<usize> {
    let decisions: Vec<usize> = built
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == SectionKind::Decision && !b.in_history)
        .map(|(i, _)| i)
        .collect();
    if let Some(date) = meeting_date {
        if let Some(&i) = decisions.iter().find(|&&i| built[i].date.as_deref() == Some(date)) {
            return Some(i);
        }
        if let Some(&i) = decisions.iter().rev().find(|&&i| built[i].date.is_none()) {
            return Some(i);
        }
    }
    decisions.last().copied()
}
