//! One document's review page: its text page by page with line numbers, beside its records
//! (meeting, participants, items with sections, decisions and votes) and warnings. Every
//! record links to the line it came from (`#p3-l12`, highlighted by the `:target` rule) and
//! every cited line links back to its records.

use super::assets;
use super::html::Html;
use super::marks::{LineMarks, Loc, Zone, line_marks};
use super::source::{SourceText, Unavailable};
use crate::model::{Decision, Document, Item, Participant, VoteSide, Warning};
use std::cell::Cell;
use std::collections::BTreeMap;

/// A written page and what the index says about it.
#[derive(Debug)]
pub(crate) struct RenderedPage {
    pub(crate) html: String,
    /// Record and warning links whose line is not in the text shown.
    pub(crate) unresolved: usize,
}

/// The id of a line's anchor.
pub(crate) fn line_id(page: usize, line: usize) -> String {
    format!("p{page}-l{line}")
}

/// Where the links of a page can point: the lines and pages of the text shown, or nothing.
struct Anchors {
    /// Lines per page of the text shown (None: no text).
    pages: Option<Vec<usize>>,
    unresolved: Cell<usize>,
}

impl Anchors {
    fn new(text: Option<&SourceText>) -> Self {
        Anchors {
            pages: text.map(|t| t.raw.pages.iter().map(|p| p.lines.len()).collect()),
            unresolved: Cell::new(0),
        }
    }

    /// The anchor id of `page`/`line` (a page alone when there is no line), or None when the
    /// text shown has no such line.
    fn target(pages: &[usize], page: usize, line: Option<usize>) -> Option<String> {
        let lines = *pages.get(page.checked_sub(1)?)?;
        match line {
            Some(l) => (1..=lines).contains(&l).then(|| line_id(page, l)),
            None => Some(format!("p{page}")),
        }
    }

    /// A link from record `rec` to where it came from; plain text without a text to point
    /// into, or for a warning about the whole document.
    fn link(&self, h: &mut Html, rec: &str, page: Option<usize>, line: Option<usize>) {
        let (label, title) = match (page, line) {
            (Some(p), Some(l)) => (format!("{p}:{l}"), format!("page {p}, line {l}")),
            (Some(p), None) => (format!("page {p}"), format!("page {p}")),
            _ => ("document".to_owned(), "the document as a whole".to_owned()),
        };
        let (Some(pages), Some(p)) = (&self.pages, page) else {
            h.raw("<span class=\"src\" data-rec=\"").text(rec).raw("\" title=\"").text(&title);
            h.raw("\">").text(&label).raw("</span>");
            return;
        };
        let Some(id) = Self::target(pages, p, line) else {
            self.unresolved.set(self.unresolved.get() + 1);
            h.raw("<span class=\"src unresolved\" data-rec=\"").text(rec).raw("\" title=\"");
            h.text(&title).raw(": not in the text shown\">").text(&label).raw("</span>");
            return;
        };
        h.raw("<a class=\"src\" data-rec=\"").text(rec).raw("\" href=\"#").text(&id);
        h.raw("\" title=\"").text(&title).raw("\">").text(&label).raw("</a>");
    }
}

/// A record that points at a line, for the line's back-links.
struct BackRef {
    rec: String,
    label: String,
    warning: bool,
}

/// Renders the review page of `doc`, with its text when it could be read again.
pub(crate) fn document_page(
    doc: &Document,
    text: &Result<SourceText, Unavailable>,
    rules_now: &str,
) -> RenderedPage {
    let anchors = Anchors::new(text.as_ref().ok());
    let mut h = Html::new();
    let name = file_name(&doc.source.path);
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.raw("<title>").text(&name).raw(" — referat review</title>\n<style>");
    h.raw(assets::CSS).raw("</style>\n</head>\n<body class=\"document\">\n");
    page_header(&mut h, doc, text, rules_now);
    h.raw("<div class=\"layout\">\n<main class=\"text\" lang=\"da\">\n");
    match text {
        Ok(text) => text_pages(&mut h, doc, text),
        Err(why) => {
            h.raw("<section class=\"no-text\"><h2>Text not shown</h2><p>");
            h.text(&why.describe()).raw("</p><p>The records are shown as extracted; their ");
            h.raw("links name the page and line, without a text to point into.</p>");
            h.raw("</section>\n");
        }
    }
    h.raw("</main>\n<aside class=\"records\">\n");
    records(&mut h, doc, &anchors);
    h.raw("</aside>\n</div>\n</body>\n</html>\n");
    RenderedPage { html: h.finish(), unresolved: anchors.unresolved.get() }
}

/// The last component of a shown path.
pub(crate) fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_owned()
}

fn page_header(
    h: &mut Html,
    doc: &Document,
    text: &Result<SourceText, Unavailable>,
    rules_now: &str,
) {
    let s = &doc.source;
    h.raw("<header class=\"top\">\n<nav><a href=\"index.html\">← All documents</a></nav>\n");
    h.raw("<h1>").text(&file_name(&s.path)).raw("</h1>\n<p class=\"path\">").text(&s.path);
    h.raw("</p>\n<dl class=\"facts\">");
    fact(h, "Status", |h| {
        h.raw("<span class=\"status s-").text(s.status.as_str()).raw("\">");
        h.text(s.status.as_str()).raw("</span>");
    });
    fact(h, "Kind", |h| {
        h.text(s.kind.as_str());
    });
    fact(h, "Format", |h| {
        h.text(s.format.as_str());
    });
    fact(h, "Pages", |h| {
        h.num(s.pages);
        if s.ocr_pages > 0 {
            h.raw(" (").num(s.ocr_pages).raw(" by OCR)");
        }
    });
    fact(h, "sha256", |h| {
        h.raw("<code title=\"").text(&s.sha256).raw("\">").text(s.sha256.get(..12).unwrap_or(""));
        h.raw("…</code>");
    });
    fact(h, "Rules", |h| {
        h.raw("<code>").text(&s.rules).raw("</code>");
    });
    h.raw("</dl>\n");
    if text.is_ok() && s.rules != rules_now {
        h.raw("<p class=\"notice\">The records were extracted with rules <code>");
        h.text(&s.rules).raw("</code>; the zones below were found with rules <code>");
        h.text(rules_now)
            .raw("</code>. Where the two differ, a mark may not match a record.</p>\n");
    }
    if let Err(why) = text {
        h.raw("<p class=\"notice bad\">").text(&why.describe()).raw("</p>\n");
    }
    h.raw(assets::LEGEND).raw("</header>\n");
}

fn fact(h: &mut Html, name: &str, value: impl FnOnce(&mut Html)) {
    h.raw("<div><dt>").text(name).raw("</dt><dd>");
    value(h);
    h.raw("</dd></div>");
}

/// The records that point at each line, in the order the records panel lists them.
fn back_refs(doc: &Document) -> BTreeMap<Loc, Vec<BackRef>> {
    let mut refs: BTreeMap<Loc, Vec<BackRef>> = BTreeMap::new();
    let mut add = |page: usize, line: usize, rec: String, label: String, warning: bool| {
        refs.entry((page, line)).or_default().push(BackRef { rec, label, warning });
    };
    for (i, p) in doc.participants.iter().enumerate() {
        add(p.page, p.line, participant_id(i), format!("P{}", i + 1), false);
    }
    for (i, item) in doc.items.iter().enumerate() {
        add(item.page, item.line, item_id(i), format!("I{}", i + 1), false);
        for (j, s) in item.sections.iter().enumerate() {
            add(s.page, s.line, section_id(i, j), format!("I{}.{}", i + 1, j + 1), false);
        }
        if let Some(d) = &item.decision {
            add(d.page, d.line, decision_id(i), format!("I{} decision", i + 1), false);
        }
    }
    for (i, w) in doc.warnings.iter().enumerate() {
        if let (Some(p), Some(l)) = (w.page, w.line) {
            add(p, l, warning_id(i), format!("W{}", i + 1), true);
        }
    }
    refs
}

fn participant_id(i: usize) -> String {
    format!("rec-p{}", i + 1)
}
fn item_id(i: usize) -> String {
    format!("rec-i{}", i + 1)
}
fn section_id(i: usize, j: usize) -> String {
    format!("rec-i{}-s{}", i + 1, j + 1)
}
fn decision_id(i: usize) -> String {
    format!("rec-i{}-d", i + 1)
}
fn warning_id(i: usize) -> String {
    format!("rec-w{}", i + 1)
}

/// Back-links shown on a line before the rest are summed up (an inline list of 30 names).
const MAX_REFS: usize = 4;

fn text_pages(h: &mut Html, doc: &Document, text: &SourceText) {
    let marks = line_marks(text, doc);
    let refs = back_refs(doc);
    for (p, page) in text.raw.pages.iter().enumerate() {
        let number = p + 1;
        h.raw("<section class=\"page\" id=\"p").num(number).raw("\">\n<h2>Page ").num(number);
        h.raw(" <span class=\"meta\">").num(page.lines.len()).raw(" lines");
        if page.lines.iter().any(|l| l.ocr.is_some()) {
            h.raw(" · read by OCR");
        }
        h.raw("</span></h2>\n<div class=\"lines\">\n");
        if page.lines.is_empty() {
            h.raw("<p class=\"empty-page\">No text on this page.</p>\n");
        }
        for (i, line) in page.lines.iter().enumerate() {
            let at = (number, i + 1);
            let mark = marks.get(p).and_then(|m| m.get(i)).copied().unwrap_or_default();
            let line_refs = refs.get(&at).map(Vec::as_slice).unwrap_or_default();
            text_line(h, at, &line.text, line.ocr, mark, line_refs);
        }
        h.raw("</div>\n</section>\n");
    }
}

fn text_line(
    h: &mut Html,
    (page, line): Loc,
    text: &str,
    ocr: Option<f32>,
    mark: LineMarks,
    refs: &[BackRef],
) {
    let id = line_id(page, line);
    h.raw("<div class=\"line");
    if mark.dropped {
        h.raw(" dropped");
    }
    match mark.zone {
        Some(Zone::Header) => h.raw(" z-header"),
        Some(Zone::Attendance) => h.raw(" z-attendance"),
        None => h,
    };
    if mark.not_taken {
        h.raw(" not-taken");
    }
    if refs.iter().any(|r| !r.warning) {
        h.raw(" cited");
    }
    if refs.iter().any(|r| r.warning) {
        h.raw(" warned");
    }
    if ocr.is_some_and(|c| c < assets::LOW_CONFIDENCE) {
        h.raw(" low-conf");
    }
    h.raw("\" id=\"").text(&id).raw("\"><a class=\"n\" href=\"#").text(&id).raw("\"");
    if let Some(conf) = ocr {
        h.raw(" title=\"OCR confidence ").num(conf).raw("\"");
    }
    h.raw(">").num(line).raw("</a><span class=\"t\">").source_text(text).raw("</span>");
    if !refs.is_empty() {
        h.raw("<span class=\"refs\">");
        for r in refs.iter().take(MAX_REFS) {
            h.raw("<a class=\"ref").raw(if r.warning { " w" } else { "" }).raw("\" href=\"#");
            h.text(&r.rec).raw("\">").text(&r.label).raw("</a>");
        }
        if refs.len() > MAX_REFS {
            h.raw("<span class=\"more\">+").num(refs.len() - MAX_REFS).raw("</span>");
        }
        h.raw("</span>");
    }
    h.raw("</div>\n");
}

fn records(h: &mut Html, doc: &Document, anchors: &Anchors) {
    let decisions = doc.items.iter().filter(|i| i.decision.is_some()).count();
    h.raw("<nav class=\"jump\"><a href=\"#warnings\">Warnings (").num(doc.warnings.len());
    h.raw(")</a> · <a href=\"#meeting\">Meeting</a> · <a href=\"#participants\">Participants (");
    h.num(doc.participants.len()).raw(")</a> · <a href=\"#items\">Items (").num(doc.items.len());
    h.raw(", ").num(decisions).raw(if decisions == 1 { " decision" } else { " decisions" });
    h.raw(")</a></nav>\n");
    warnings(h, &doc.warnings, anchors);
    meeting(h, doc, anchors);
    participants(h, &doc.participants, anchors);
    items(h, &doc.items, anchors);
}

fn warnings(h: &mut Html, warnings: &[Warning], anchors: &Anchors) {
    h.raw("<section id=\"warnings\">\n<h2>Warnings (").num(warnings.len()).raw(")</h2>\n");
    if warnings.is_empty() {
        h.raw("<p class=\"none\">No warnings.</p>\n");
    } else {
        h.raw("<ol class=\"warnings\">\n");
        for (i, w) in warnings.iter().enumerate() {
            let id = warning_id(i);
            h.raw("<li class=\"warning\" id=\"").text(&id).raw("\">");
            anchors.link(h, &id, w.page, w.line);
            h.raw(" <code class=\"code\">").text(&w.code).raw("</code> ");
            h.raw("<span class=\"msg\">").text(&w.message).raw("</span></li>\n");
        }
        h.raw("</ol>\n");
    }
    h.raw("</section>\n");
}

fn meeting(h: &mut Html, doc: &Document, anchors: &Anchors) {
    let m = &doc.meeting;
    h.raw("<section id=\"meeting\">\n<h2>Meeting ");
    if m.page.is_some() {
        anchors.link(h, "rec-meeting", m.page, None);
    }
    h.raw("</h2>\n<dl class=\"meeting\" id=\"rec-meeting\">");
    let municipality = match (&m.municipality, &m.municipality_code) {
        (Some(name), Some(code)) => Some(format!("{name} ({code})")),
        (Some(name), None) => Some(name.clone()),
        (None, code) => code.clone(),
    };
    let time = match (&m.start_time, &m.end_time) {
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(a.clone()),
        (None, Some(b)) => Some(format!("–{b}")),
        (None, None) => None,
    };
    let extraordinary = m.extraordinary.then(|| "yes".to_owned());
    for (name, value) in [
        ("Body", &m.body),
        ("Municipality", &municipality),
        ("Date", &m.date),
        ("Time", &time),
        ("Place", &m.location),
        ("Extraordinary", &extraordinary),
    ] {
        h.raw("<div><dt>").text(name).raw("</dt><dd>");
        match value {
            Some(v) => h.text(v),
            None => h.raw("<span class=\"null\">not stated</span>"),
        };
        h.raw("</dd></div>");
    }
    h.raw("</dl>\n</section>\n");
}

fn participants(h: &mut Html, participants: &[Participant], anchors: &Anchors) {
    h.raw("<section id=\"participants\">\n<h2>Participants (").num(participants.len());
    h.raw(")</h2>\n");
    if participants.is_empty() {
        h.raw("<p class=\"none\">No participants.</p>\n</section>\n");
        return;
    }
    h.raw("<table class=\"participants\">\n<thead><tr><th>Line</th><th>#</th><th>Name</th>");
    h.raw("<th>Party</th><th>Listed as</th></tr></thead>\n<tbody>\n");
    for (i, p) in participants.iter().enumerate() {
        let id = participant_id(i);
        h.raw("<tr class=\"participant ").text(p.attendance.as_str()).raw("\" id=\"").text(&id);
        h.raw("\"><td>");
        anchors.link(h, &id, Some(p.page), Some(p.line));
        h.raw("</td><td class=\"num\">P").num(i + 1).raw("</td><td><span class=\"name\">");
        h.text(&p.name).raw("</span>");
        let mut about: Vec<String> = Vec::new();
        about.extend(p.role.clone());
        about.extend(p.positions.iter().cloned());
        about.extend(p.substitute_for.as_ref().map(|s| format!("substitute for {s}")));
        about.extend(p.organisation.clone());
        about.extend(p.represents.as_ref().map(|r| format!("represents {r}")));
        about.extend(p.municipality.clone());
        if !about.is_empty() {
            h.raw("<span class=\"about\">").text(&about.join(" · ")).raw("</span>");
        }
        ocr_badge(h, p.ocr, p.ocr_confidence);
        h.raw("</td><td");
        if let Some(name) = &p.party_name {
            h.raw(" title=\"").text(name).raw("\"");
        }
        h.raw(">").text(p.party.as_deref().unwrap_or("")).raw("</td><td>");
        h.text(p.group.as_deref().unwrap_or(""));
        if p.attendance == crate::model::Attendance::Absent {
            h.raw(" <span class=\"absent\">absent</span>");
        }
        h.raw("</td></tr>\n");
    }
    h.raw("</tbody>\n</table>\n</section>\n");
}

fn ocr_badge(h: &mut Html, ocr: bool, confidence: Option<f32>) {
    if !ocr {
        return;
    }
    let low = confidence.is_some_and(|c| c < assets::LOW_CONFIDENCE);
    h.raw("<span class=\"ocr").raw(if low { " low" } else { "" });
    h.raw("\" title=\"read by OCR; mean word confidence of its lines\">OCR ");
    match confidence {
        Some(c) => h.num(c),
        None => h.raw("?"),
    };
    h.raw("</span>");
}

/// Characters of a section's text shown in the records panel (the text column has it all).
const EXCERPT: usize = 180;

fn items(h: &mut Html, items: &[Item], anchors: &Anchors) {
    h.raw("<section id=\"items\">\n<h2>Items (").num(items.len()).raw(")</h2>\n");
    if items.is_empty() {
        h.raw("<p class=\"none\">No items.</p>\n");
    }
    for (i, item) in items.iter().enumerate() {
        let id = item_id(i);
        h.raw("<article class=\"item\" id=\"").text(&id).raw("\">\n<h3>");
        anchors.link(h, &id, Some(item.page), Some(item.line));
        h.raw(" <span class=\"num\">I").num(i + 1).raw("</span> ");
        h.text(&item.number).raw(" ").text(&item.title);
        if item.closed {
            h.raw(" <span class=\"closed\">closed</span>");
        }
        ocr_badge(h, item.ocr, item.ocr_confidence);
        h.raw("</h3>\n");
        let mut meta: Vec<String> = Vec::new();
        meta.extend(item.case_number.as_ref().map(|c| format!("case {c}")));
        meta.extend(item.case_handler.as_ref().map(|c| format!("handler {c}")));
        if !item.absent.is_empty() {
            meta.push(format!("absent: {}", item.absent.join(", ")));
        }
        if !meta.is_empty() {
            h.raw("<p class=\"meta\">").text(&meta.join(" · ")).raw("</p>\n");
        }
        if !item.sections.is_empty() {
            h.raw("<ul class=\"sections\">\n");
            for (j, s) in item.sections.iter().enumerate() {
                let sid = section_id(i, j);
                h.raw("<li class=\"section\" id=\"").text(&sid).raw("\">");
                anchors.link(h, &sid, Some(s.page), Some(s.line));
                h.raw(" <b>").text(&s.heading).raw("</b> <span class=\"excerpt\">");
                h.text(&excerpt(&s.text)).raw("</span></li>\n");
            }
            h.raw("</ul>\n");
        }
        if let Some(r) = &item.recommendation {
            h.raw("<p class=\"recommendation\"><b>Recommendation</b> ").text(&excerpt(r));
            h.raw("</p>\n");
        }
        match &item.decision {
            Some(d) => decision(h, d, &decision_id(i), anchors),
            None => {
                h.raw("<p class=\"none\">No decision.</p>\n");
            }
        }
        h.raw("</article>\n");
    }
    h.raw("</section>\n");
}

fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT {
        return text.to_owned();
    }
    let cut: String = text.chars().take(EXCERPT).collect();
    format!("{}…", cut.trim_end())
}

fn decision(h: &mut Html, d: &Decision, id: &str, anchors: &Anchors) {
    h.raw("<div class=\"decision\" id=\"").text(id).raw("\"><p>");
    anchors.link(h, id, Some(d.page), Some(d.line));
    h.raw(" <b>Decision</b>");
    if let Some(outcome) = d.outcome {
        h.raw(" <span class=\"outcome o-").text(outcome.as_str()).raw("\">");
        h.text(outcome.as_str()).raw("</span>");
    }
    h.raw("</p>\n<p class=\"decision-text\">").text(&d.text).raw("</p>\n");
    if let Some(votes) = &d.votes {
        h.raw("<table class=\"votes\"><tbody>");
        for (side, name) in
            [(&votes.for_, "For"), (&votes.against, "Against"), (&votes.abstain, "Abstain")]
        {
            vote_side(h, name, side);
        }
        h.raw("</tbody></table>\n");
    }
    h.raw("</div>\n");
}

fn vote_side(h: &mut Html, name: &str, side: &VoteSide) {
    h.raw("<tr><th>").text(name).raw("</th><td class=\"count\">");
    match side.count {
        Some(n) => h.num(n),
        None => h.raw("–"),
    };
    h.raw("</td><td>");
    let voters: Vec<String> = side.voters.iter().map(crate::model::Voter::label).collect();
    h.text(&voters.join(", ")).raw("</td></tr>");
}
