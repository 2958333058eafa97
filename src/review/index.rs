//! The review's index: every document of the output folder with its status, kind, counts and
//! warnings, the ones to check first (`partial`, `empty`) at the top, filterable by status and
//! sortable by column (the small script in [`super::assets::INDEX_JS`]).

use super::assets;
use super::html::Html;
use crate::model::{Document, Status};
use std::collections::BTreeMap;

/// One row of the index.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) path: String,
    /// The document's page, beside the index (None for a document that failed).
    pub(crate) page: Option<String>,
    pub(crate) status: Status,
    pub(crate) kind: Option<&'static str>,
    pub(crate) format: Option<&'static str>,
    pub(crate) pages: usize,
    pub(crate) ocr_pages: usize,
    pub(crate) participants: usize,
    pub(crate) items: usize,
    pub(crate) decisions: usize,
    pub(crate) votes: usize,
    pub(crate) warnings: usize,
    /// Warning codes and how often each occurs.
    pub(crate) codes: BTreeMap<String, usize>,
    /// Why the text is not shown on the page, or why the document failed.
    pub(crate) problem: Option<String>,
    /// Record links whose line is not in the text shown.
    pub(crate) unresolved: usize,
}

impl Row {
    /// The row of a document whose page was written.
    pub(crate) fn of_document(doc: &Document, page: String) -> Row {
        let mut codes = BTreeMap::new();
        for w in &doc.warnings {
            *codes.entry(w.code.clone()).or_insert(0) += 1;
        }
        let decided = doc.items.iter().filter_map(|i| i.decision.as_ref());
        Row {
            path: doc.source.path.clone(),
            page: Some(page),
            status: doc.source.status,
            kind: Some(doc.source.kind.as_str()),
            format: Some(doc.source.format.as_str()),
            pages: doc.source.pages,
            ocr_pages: doc.source.ocr_pages,
            participants: doc.participants.len(),
            items: doc.items.len(),
            decisions: decided.clone().count(),
            votes: decided.filter(|d| d.votes.is_some()).count(),
            warnings: doc.warnings.len(),
            codes,
            problem: None,
            unresolved: 0,
        }
    }

    /// The row of an input that could not be read (a row of `errors.csv`).
    pub(crate) fn of_failure(path: String, stage: &str, reason: &str) -> Row {
        Row {
            path,
            page: None,
            status: Status::Failed,
            kind: None,
            format: None,
            pages: 0,
            ocr_pages: 0,
            participants: 0,
            items: 0,
            decisions: 0,
            votes: 0,
            warnings: 0,
            codes: BTreeMap::new(),
            problem: Some(format!("{stage}: {reason}")),
            unresolved: 0,
        }
    }
}

/// The statuses in the order an archivist works through them.
const STATUS_ORDER: [Status; 5] =
    [Status::Partial, Status::Empty, Status::Failed, Status::NotMinutes, Status::Ok];

fn rank(status: Status) -> usize {
    STATUS_ORDER.iter().position(|s| *s == status).unwrap_or(STATUS_ORDER.len())
}

/// Rows in working order: by status (partial, empty, failed, not minutes, ok), then as the
/// output folder lists them.
pub(crate) fn working_order(mut rows: Vec<Row>) -> Vec<Row> {
    // A stable sort keeps the output folder's (input path) order within a status.
    rows.sort_by_key(|r| rank(r.status));
    rows
}

/// The index page of `rows` (already in working order) for the output folder `out`.
pub(crate) fn index_page(rows: &[Row], out: &str) -> String {
    let mut h = Html::new();
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.raw("<title>referat review — ").text(out).raw("</title>\n<style>").raw(assets::CSS);
    h.raw(
        "</style>\n</head>\n<body class=\"index\" data-filter=\"all\">\n<header class=\"top\">\n",
    );
    h.raw("<h1>referat review</h1>\n<p class=\"path\">").text(out).raw(" · ").num(rows.len());
    h.raw(" documents. Start with the <b>partial</b> ones (records with warnings) and the ");
    h.raw("<b>empty</b> ones (nothing found); each page shows the text beside its records.</p>\n");
    filters(&mut h, rows);
    h.raw("</header>\n<main>\n");
    table(&mut h, rows);
    h.raw("</main>\n<script>").raw(assets::INDEX_JS).raw("</script>\n</body>\n</html>\n");
    h.finish()
}

fn filters(h: &mut Html, rows: &[Row]) {
    let count = |status: Status| rows.iter().filter(|r| r.status == status).count();
    h.raw("<nav class=\"filters\">Show: <a href=\"#\" data-filter=\"all\" aria-current=\"true\">");
    h.raw("all (").num(rows.len()).raw(")</a>");
    let to_check = count(Status::Partial) + count(Status::Empty);
    h.raw("<a href=\"#status=partial,empty\" data-filter=\"partial,empty\">to check (");
    h.num(to_check).raw(")</a>");
    for status in STATUS_ORDER {
        let name = status.as_str();
        h.raw("<a href=\"#status=").raw(name).raw("\" data-filter=\"").raw(name).raw("\">");
        h.raw(&name.replace('_', " ")).raw(" (").num(count(status)).raw(")</a>");
    }
    h.raw("<span id=\"shown\">").num(rows.len()).raw(" of ").num(rows.len());
    h.raw(" shown</span></nav>\n");
}

/// Column heads: (sort key, label, numeric).
const COLUMNS: [(&str, &str, bool); 11] = [
    ("document", "Document", false),
    ("status", "Status", false),
    ("kind", "Kind", false),
    ("format", "Format", false),
    ("pages", "Pages", true),
    ("participants", "Participants", true),
    ("items", "Items", true),
    ("decisions", "Decisions", true),
    ("votes", "Votes", true),
    ("warnings", "Warnings", false),
    ("text", "Text", false),
];

fn table(h: &mut Html, rows: &[Row]) {
    h.raw("<table id=\"documents\">\n<thead><tr>");
    for (key, label, numeric) in COLUMNS {
        h.raw("<th").raw(if numeric { " class=\"n\"" } else { "" }).raw(" data-key=\"").raw(key);
        h.raw("\"><button type=\"button\">").raw(label);
        h.raw("</button></th>");
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for (order, row) in rows.iter().enumerate() {
        h.raw("<tr class=\"doc\" data-status=\"").raw(row.status.as_str());
        h.raw("\" data-order=\"").num(order).raw("\"><td class=\"doc\">");
        match &row.page {
            Some(page) => {
                h.raw("<a href=\"").text(page).raw("\">").text(&row.path).raw("</a>");
            }
            None => {
                h.text(&row.path);
            }
        }
        h.raw("</td><td data-v=\"").num(rank(row.status)).raw("\"><span class=\"status s-");
        h.raw(row.status.as_str()).raw("\">").raw(row.status.as_str()).raw("</span></td>");
        h.raw("<td>").text(row.kind.unwrap_or("–")).raw("</td><td>");
        h.text(row.format.unwrap_or("–")).raw("</td>");
        h.raw("<td class=\"n\" data-v=\"").num(row.pages).raw("\">").num(row.pages);
        if row.ocr_pages > 0 {
            h.raw(" <span class=\"ocr\" title=\"pages read by OCR\">OCR ").num(row.ocr_pages);
            h.raw("</span>");
        }
        h.raw("</td>");
        for n in [row.participants, row.items, row.decisions, row.votes] {
            h.raw("<td class=\"n\" data-v=\"").num(n).raw("\">").num(n).raw("</td>");
        }
        h.raw("<td class=\"warnings\" data-v=\"").num(row.warnings).raw("\"><span class=\"n\">");
        h.num(row.warnings);
        h.raw("</span>");
        if !row.codes.is_empty() {
            h.raw(" <span class=\"codes\">");
            for (i, (code, n)) in row.codes.iter().enumerate() {
                if i > 0 {
                    h.raw(", ");
                }
                h.raw("<code>").text(code).raw("</code>");
                if *n > 1 {
                    h.raw("&nbsp;×").num(n);
                }
            }
            h.raw("</span>");
        }
        h.raw("</td>");
        text_cell(h, row);
        h.raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n");
}

fn text_cell(h: &mut Html, row: &Row) {
    match (&row.problem, row.page.is_some()) {
        (Some(problem), true) => {
            h.raw("<td data-v=\"2\"><span class=\"reason\">not shown: ").text(problem);
            h.raw("</span></td>");
        }
        (Some(problem), false) => {
            h.raw("<td data-v=\"3\"><span class=\"reason\">failed: ").text(problem);
            h.raw("</span></td>");
        }
        (None, _) if row.unresolved > 0 => {
            h.raw("<td data-v=\"1\"><span class=\"reason\">").num(row.unresolved);
            h.raw(" links to lines not in the text</span></td>");
        }
        (None, _) => {
            h.raw("<td data-v=\"0\">shown</td>");
        }
    }
}
