//! What kind of document this is: minutes, an agenda, an attachment, or too little text to tell.
//!
//! Decided from the records found and the document's own words (`data/document_kinds.csv`),
//! first rule that applies wins; the rule's code is the evidence:
//!
//! | code | kind | when |
//! |---|---|---|
//! | `K-TITLE-REFERAT` | referat | a title line names minutes: "Referat", "Beslutningsprotokol", "Referat Åben Dagsorden" |
//! | `K-DECISIONS` | referat | decisions on at least half of the items with sections |
//! | `K-TITLE-DAGSORDEN` | dagsorden | a title line names an agenda: "Dagsorden 8. oktober 2025", "Mødeindkaldelse" |
//! | `K-ATTENDANCE` | referat | participants listed as present or absent, no agenda title |
//! | `K-NO-DECISIONS` | dagsorden | items with case sections and not one decision |
//! | `K-TITLE-BILAG` | bilag | a title line or a letter's greeting names an attachment: "Notat", "Invitation", "Med venlig hilsen" |
//! | `K-LITTLE-TEXT` | unknown | fewer than five lines of text (an unread scan, a cover page) |
//! | `K-NO-MEETING` | bilag | text, but no attendance and no items with sections: a letter, a table, a list |
//!
//! Rejected on purpose: "Godkendelse af dagsorden" (an item title, not a title line) and
//! "Dagsordenen blev godkendt" (no word boundary after the form) name no kind.

use crate::model::{Item, Kind, Participant, Warning};
use crate::normalize::Line;
use std::sync::LazyLock;

/// How many non-empty header lines from the top may hold the title.
const TITLE_LINES: usize = 12;

/// A kind and the rule that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindDecision {
    pub kind: Kind,
    pub code: &'static str,
    pub message: String,
}

impl KindDecision {
    /// The evidence as a warning, for documents that are not minutes.
    pub fn warning(&self) -> Option<Warning> {
        (self.kind != Kind::Referat).then(|| Warning::document(self.code, self.message.clone()))
    }
}

struct Form {
    kind: Kind,
    closing: bool,
    /// Lower-cased.
    words: String,
}

static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
    crate::refdata::table_rows(include_str!("../../data/document_kinds.csv"), 3)
        .filter_map(|cols| {
            let kind = match cols[0] {
                "referat" => Kind::Referat,
                "dagsorden" => Kind::Dagsorden,
                "bilag" => Kind::Bilag,
                _ => return None,
            };
            Some(Form { kind, closing: cols[1] == "closing", words: cols[2].to_lowercase() })
        })
        .collect()
});

/// The kinds a line starts with, as whole words: a title line may name several
/// ("Referat Åben Dagsorden").
fn kinds_named(line: &str, closing: bool) -> Vec<Kind> {
    let lower = line.trim().to_lowercase();
    let starts_with_form = |form: &Form| {
        lower
            .strip_prefix(form.words.as_str())
            .is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphanumeric))
    };
    let first: Vec<Kind> = FORMS
        .iter()
        .filter(|f| f.closing == closing && starts_with_form(f))
        .map(|f| f.kind)
        .collect();
    if first.is_empty() || closing {
        return first;
    }
    // The other words of a title line may name more kinds ("Dagsorden og beslutningsprotokol").
    let mut kinds = first;
    for word in lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).skip(1) {
        kinds.extend(FORMS.iter().filter(|f| !f.closing && f.words == word).map(|f| f.kind));
    }
    kinds
}

/// The most telling kind a title line near the top names, with the line.
fn title_kind<'a>(header: &[&'a Line]) -> Option<(Kind, &'a Line)> {
    header
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .take(TITLE_LINES)
        .filter_map(|l| {
            let kinds = kinds_named(&l.text, false);
            [Kind::Referat, Kind::Dagsorden, Kind::Bilag]
                .into_iter()
                .find(|k| kinds.contains(k))
                .map(|k| (k, *l))
        })
        .min_by_key(|(k, _)| match k {
            Kind::Referat => 0,
            Kind::Dagsorden => 1,
            _ => 2,
        })
}

fn at(line: &Line) -> String {
    format!("page {} line {}: \"{}\"", line.page, line.line, line.text.trim())
}

/// Decides the kind of a document from its header, all its lines and the records found.
pub fn classify(
    header: &[&Line],
    lines: &[Line],
    participants: &[Participant],
    items: &[Item],
) -> KindDecision {
    let decide = |kind, code, message: String| KindDecision { kind, code, message };
    let title = title_kind(header);
    let sectioned = items.iter().filter(|i| !i.sections.is_empty()).count();
    let decided = items.iter().filter(|i| i.decision.is_some()).count();
    if let Some((Kind::Referat, line)) = title {
        return decide(
            Kind::Referat,
            "K-TITLE-REFERAT",
            format!("minutes by title ({})", at(line)),
        );
    }
    if decided > 0 && decided * 2 >= sectioned {
        return decide(
            Kind::Referat,
            "K-DECISIONS",
            format!("{decided} of {} items have a decision", items.len()),
        );
    }
    if let Some((Kind::Dagsorden, line)) = title {
        return decide(
            Kind::Dagsorden,
            "K-TITLE-DAGSORDEN",
            format!(
                "an agenda by title ({}); {decided} of {} items have a decision",
                at(line),
                items.len()
            ),
        );
    }
    if !participants.is_empty() {
        return decide(
            Kind::Referat,
            "K-ATTENDANCE",
            format!("{} participants listed as present or absent", participants.len()),
        );
    }
    if sectioned > 0 && decided == 0 {
        return decide(
            Kind::Dagsorden,
            "K-NO-DECISIONS",
            format!(
                "an agenda: {sectioned} of {} items have case sections, none a decision",
                items.len()
            ),
        );
    }
    let closing = lines.iter().find(|l| kinds_named(&l.text, true).contains(&Kind::Bilag));
    if let Some(line) = title.filter(|(k, _)| *k == Kind::Bilag).map(|(_, l)| l).or(closing) {
        return decide(
            Kind::Bilag,
            "K-TITLE-BILAG",
            format!("an attachment by its wording ({}), no attendance, no decisions", at(line)),
        );
    }
    let text_lines = lines.iter().filter(|l| !l.text.trim().is_empty()).count();
    if text_lines < 5 {
        return decide(
            Kind::Unknown,
            "K-LITTLE-TEXT",
            format!("too little text to tell what the document is ({text_lines} lines)"),
        );
    }
    decide(
        Kind::Bilag,
        "K-NO-MEETING",
        format!(
            "not minutes: no attendance, no decisions, {sectioned} of {} items with case sections \
             ({text_lines} lines of text: a letter, a note, a table or a list?)",
            items.len()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attendance, Decision, Section};

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line { text: t.to_owned(), page: 1, line: i + 1, ..Line::default() })
            .collect()
    }

    fn item(sections: bool, decided: bool) -> Item {
        let section =
            Section { heading: "Sagsfremstilling".into(), text: String::new(), page: 1, line: 1 };
        Item {
            number: "1".into(),
            title: "Sag".into(),
            case_number: None,
            case_handler: None,
            closed: false,
            sections: if sections { vec![section] } else { vec![] },
            recommendation: None,
            decision: decided.then(|| Decision {
                text: "Godkendt.".into(),
                outcome: None,
                votes: None,
                page: 1,
                line: 2,
            }),
            absent: vec![],
            ocr: false,
            ocr_confidence: None,
            page: 1,
            line: 1,
            rules: vec![],
        }
    }

    fn member() -> Participant {
        Participant {
            name: "Anne Hansen".into(),
            role: None,
            municipality: None,
            municipality_code: None,
            party: None,
            party_name: None,
            group: None,
            attendance: Attendance::Present,
            organisation: None,
            represents: None,
            positions: vec![],
            substitute_for: None,
            ocr: false,
            ocr_confidence: None,
            page: 1,
            line: 3,
            rules: vec![],
        }
    }

    fn kind_of(text: &str, participants: &[Participant], items: &[Item]) -> (Kind, &'static str) {
        let all = lines(text);
        let header: Vec<&Line> = all.iter().collect();
        let d = classify(&header, &all, participants, items);
        (d.kind, d.code)
    }

    const BODY: &str =
        "Økonomiudvalget\nMødedato: 3. maj 2021\nSted: Rådhuset\nKl. 16.00\n\nNoget tekst";

    #[test]
    fn minutes_by_title_words() {
        for title in [
            "Referat",
            "REFERAT",
            "Beslutningsprotokol",
            "Referat Åben Dagsorden",
            "Dagsorden og beslutningsprotokol",
            "Udskrift af forhandlingsprotokollen",
            "Referat:",
        ] {
            let text = format!("{title}\n{BODY}");
            assert_eq!(kind_of(&text, &[], &[]), (Kind::Referat, "K-TITLE-REFERAT"), "{title}");
        }
    }

    #[test]
    fn agenda_by_title_unless_most_items_are_decided() {
        let text = format!("Dagsorden 8. oktober 2025 kl. 16.00\n{BODY}");
        let agenda = [item(true, false), item(true, false), item(true, true)];
        assert_eq!(kind_of(&text, &[], &agenda), (Kind::Dagsorden, "K-TITLE-DAGSORDEN"));
        let minutes = [item(true, true), item(true, true), item(true, false)];
        assert_eq!(kind_of(&text, &[], &minutes), (Kind::Referat, "K-DECISIONS"));
        let text = format!("Mødeindkaldelse\n{BODY}");
        assert_eq!(kind_of(&text, &[member()], &agenda).0, Kind::Dagsorden);
    }

    #[test]
    fn decisions_or_attendance_make_minutes_without_a_title() {
        assert_eq!(kind_of(BODY, &[], &[item(true, true)]), (Kind::Referat, "K-DECISIONS"));
        assert_eq!(kind_of(BODY, &[member()], &[]), (Kind::Referat, "K-ATTENDANCE"));
        assert_eq!(kind_of(BODY, &[member()], &[item(true, false)]).0, Kind::Referat);
    }

    #[test]
    fn items_with_sections_and_no_decision_are_an_agenda() {
        assert_eq!(
            kind_of(BODY, &[], &[item(true, false), item(true, false)]),
            (Kind::Dagsorden, "K-NO-DECISIONS")
        );
    }

    #[test]
    fn letters_notes_and_lists_are_attachments() {
        let note =
            format!("Dato: 19. november 2012\nSagsnr: 2011-29939\n\nNotat\n\nKLs proces\n{BODY}");
        assert_eq!(kind_of(&note, &[], &[]), (Kind::Bilag, "K-TITLE-BILAG"));
        let letter = format!("{BODY}\nVi ses\n\nMed venlig hilsen\nAnne Hansen");
        assert_eq!(kind_of(&letter, &[], &[]), (Kind::Bilag, "K-TITLE-BILAG"));
        // A numbered list of rows: items without sections or decisions.
        let list = format!("Sager på vej\n{BODY}");
        assert_eq!(kind_of(&list, &[], &[item(false, false)]), (Kind::Bilag, "K-NO-MEETING"));
    }

    #[test]
    fn too_little_text_is_unknown() {
        assert_eq!(kind_of("\n\nSide 1\n", &[], &[]), (Kind::Unknown, "K-LITTLE-TEXT"));
    }

    #[test]
    fn item_titles_and_sentences_name_no_kind() {
        for line in [
            "Godkendelse af dagsorden",
            "Dagsordenen blev godkendt",
            "Referatet godkendt",
            "Protokollen underskrevet",
            "Bilagsoversigt",
        ] {
            assert!(kinds_named(line, false).is_empty(), "{line}");
        }
        assert_eq!(kinds_named("Med venlig hilsen", true), vec![Kind::Bilag]);
    }
}
