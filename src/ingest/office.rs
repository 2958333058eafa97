//! Word (DOCX) and OpenDocument (ODT) minutes: the zipped XML is read into pages of lines, as
//! a text export of the same file would give them, keeping what the format states for sure.
//!
//! Accepted structure, for both formats:
//! - a paragraph is a line; an empty paragraph is a blank line (the paragraph break of text
//!   input); a heading (`Heading 1`, `Overskrift 2`, `Title`, ODT `text:h`) stands between
//!   blank lines;
//! - a table row of several cells is one line with its cells separated by a tab (a column gap
//!   after normalisation); a row of one cell — layout tables — gives its paragraphs as lines;
//! - tabs, line breaks and page breaks as written (`w:br w:type="page"`,
//!   `w:lastRenderedPageBreak`, `w:pageBreakBefore`, ODT `text:soft-page-break`), so records
//!   keep a page; soft hyphens are dropped, non-breaking hyphens become `-`, `text:s` spaces;
//! - field codes (`w:instrText`), deleted text, headers, footers and comments are not text.
//!
//! Safety: entries are read through a size cap (a zip bomb stops at
//! `max_decompressed_bytes`), the XML reader expands no custom entities (no "billion laughs"),
//! and nesting is tracked with counters, never recursion.

use super::{Limits, RawDocument, RawLine, RawPage};
use crate::error::IngestError;
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// Which office format a zip holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Office {
    Docx,
    Odt,
}

/// The office format of a zip archive, by its parts (never by file name).
pub fn office_kind(bytes: &[u8]) -> Option<Office> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let names: Vec<String> =
        archive.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect();
    if names.iter().any(|n| n == "word/document.xml") {
        return Some(Office::Docx);
    }
    names.iter().any(|n| n == "content.xml").then_some(Office::Odt)
}

/// Reads a DOCX or ODT file's text into pages of lines.
pub fn read_office(
    bytes: &[u8],
    kind: Office,
    limits: &Limits,
) -> Result<RawDocument, IngestError> {
    let part = match kind {
        Office::Docx => "word/document.xml",
        Office::Odt => "content.xml",
    };
    let xml = read_part(bytes, part, limits.max_decompressed_bytes)?;
    let vocabulary = match kind {
        Office::Docx => &DOCX,
        Office::Odt => &ODT,
    };
    let pages = lines_of(&xml, vocabulary, limits)?;
    Ok(RawDocument { pages, warnings: Vec::new() })
}

/// One part of the archive, decompressed within the cap.
fn read_part(bytes: &[u8], name: &str, max_bytes: usize) -> Result<Vec<u8>, IngestError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| IngestError::Office(format!("not a readable zip archive: {e}")))?;
    let entry = archive
        .by_name(name)
        .map_err(|e| IngestError::Office(format!("cannot open {name}: {e}")))?;
    let mut out = Vec::new();
    entry
        .take(max_bytes as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| IngestError::Office(format!("cannot decompress {name}: {e}")))?;
    if out.len() > max_bytes {
        return Err(IngestError::Limit(format!(
            "max_decompressed_bytes ({max_bytes}) exceeded by {name}"
        )));
    }
    Ok(out)
}

/// The element names that carry structure, per format (local names, without prefix).
struct Vocabulary {
    paragraph: &'static [&'static [u8]],
    heading: &'static [u8],
    text: &'static [u8],
    tab: &'static [u8],
    line_break: &'static [&'static [u8]],
    page_break: &'static [&'static [u8]],
    row: &'static [u8],
    cell: &'static [u8],
    spaces: &'static [u8],
    /// Elements whose content is not document text.
    skipped: &'static [&'static [u8]],
}

const DOCX: Vocabulary = Vocabulary {
    paragraph: &[b"p"],
    heading: b"",
    text: b"t",
    tab: b"tab",
    line_break: &[b"cr"],
    page_break: &[b"lastRenderedPageBreak"],
    row: b"tr",
    cell: b"tc",
    spaces: b"",
    skipped: &[b"instrText", b"delText", b"footnoteReference", b"pPr", b"rPr", b"sectPr"],
};

const ODT: Vocabulary = Vocabulary {
    paragraph: &[b"p", b"h"],
    heading: b"h",
    text: b"",
    tab: b"tab",
    line_break: &[b"line-break"],
    page_break: &[b"soft-page-break"],
    row: b"table-row",
    cell: b"table-cell",
    spaces: b"s",
    skipped: &[b"note-citation", b"annotation", b"tracked-changes", b"automatic-styles"],
};

/// Builds pages while the XML streams by.
#[derive(Default)]
struct Builder {
    pages: Vec<RawPage>,
    page: Vec<RawLine>,
    line: String,
    rows: super::table::Rows,
    in_paragraph: usize,
    in_text: usize,
    skip_depth: usize,
    heading: bool,
    chars: usize,
}

impl Builder {
    /// Whether character data here is document text (DOCX: inside `w:t`; ODT: inside a
    /// paragraph, where whitespace between elements is not).
    fn takes_text(&self, words: &Vocabulary) -> bool {
        self.skip_depth == 0
            && if words.text.is_empty() { self.in_paragraph > 0 } else { self.in_text > 0 }
    }

    fn push_line(&mut self, text: String) {
        self.page.push(RawLine::plain(text));
    }

    fn blank(&mut self) {
        if self.page.last().is_some_and(|l| !l.text.trim().is_empty()) {
            self.push_line(String::new());
        }
    }

    fn break_page(&mut self) {
        while self.page.last().is_some_and(|l| l.text.trim().is_empty()) {
            self.page.pop();
        }
        if !self.page.is_empty() {
            let lines = std::mem::take(&mut self.page);
            self.pages.push(RawPage { lines, height: None });
        }
    }

    /// The end of a paragraph (or a line break inside one); inside a cell, the paragraphs of
    /// the cell are its lines.
    fn end_line(&mut self) {
        let text = std::mem::take(&mut self.line);
        let Some(text) = self.rows.add_line(&text) else { return };
        if text.is_empty() {
            self.blank();
            return;
        }
        if self.heading {
            self.blank();
        }
        self.push_line(text);
        if self.heading {
            self.push_line(String::new());
        }
    }

    fn end_row(&mut self) {
        for line in self.rows.close_row() {
            self.push_line(line.text);
        }
    }

    fn finish(mut self) -> Vec<RawPage> {
        if !self.line.is_empty() {
            self.end_line();
        }
        self.break_page();
        if self.pages.is_empty() {
            self.pages.push(RawPage::default());
        }
        self.pages
    }
}

fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

fn attribute(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| local(AsRef::<str>::as_ref(&a.key).as_bytes()) == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned())
        })
}

/// Word's heading styles by id (`Heading1`, `Overskrift2`, `Title`, `Titel`).
fn is_heading_style(style: &str) -> bool {
    let lower = style.to_lowercase();
    ["heading", "overskrift", "title", "titel"].iter().any(|p| lower.starts_with(p))
}

fn lines_of(xml: &[u8], words: &Vocabulary, limits: &Limits) -> Result<Vec<RawPage>, IngestError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut b = Builder::default();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| IngestError::Office(format!("invalid XML: {e}")))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.name();
                let name = local(AsRef::<str>::as_ref(&name).as_bytes());
                if b.skip_depth > 0 || words.skipped.contains(&name) {
                    // Word's paragraph properties hold the style and page breaks.
                    if name == b"pStyle" {
                        b.heading |= attribute(e, b"val").is_some_and(|s| is_heading_style(&s));
                    } else if name == b"pageBreakBefore" {
                        b.break_page();
                    }
                    if !empty && (b.skip_depth > 0 || words.skipped.contains(&name)) {
                        b.skip_depth += 1;
                    }
                    continue;
                }
                if words.paragraph.contains(&name) && !empty {
                    b.in_paragraph += 1;
                    b.heading = name == words.heading && !words.heading.is_empty();
                } else if name == words.text && !empty {
                    b.in_text += 1;
                } else if name == words.tab {
                    b.line.push('\t');
                } else if name == b"br" {
                    if attribute(e, b"type").as_deref() == Some("page") {
                        b.end_line();
                        b.break_page();
                    } else {
                        b.end_line();
                    }
                } else if words.line_break.contains(&name) {
                    b.end_line();
                } else if words.page_break.contains(&name) {
                    if !b.line.trim().is_empty() {
                        b.end_line();
                    }
                    b.break_page();
                } else if name == words.row && !empty {
                    b.rows.open_row();
                } else if name == words.cell && !empty {
                    b.rows.open_cell();
                } else if name == words.spaces && !words.spaces.is_empty() {
                    let count =
                        attribute(e, b"c").and_then(|c| c.parse::<usize>().ok()).unwrap_or(1);
                    b.line.push_str(&" ".repeat(count.min(64)));
                } else if name == b"noBreakHyphen" {
                    b.line.push('-');
                } else if words.paragraph.contains(&name) && empty {
                    b.end_line();
                }
            }
            Event::End(ref e) => {
                let name = e.name();
                let name = local(AsRef::<str>::as_ref(&name).as_bytes());
                if b.skip_depth > 0 {
                    b.skip_depth -= 1;
                    continue;
                }
                if words.paragraph.contains(&name) {
                    b.in_paragraph = b.in_paragraph.saturating_sub(1);
                    b.end_line();
                    b.heading = false;
                } else if name == words.text {
                    b.in_text = b.in_text.saturating_sub(1);
                } else if name == words.row {
                    b.end_row();
                } else if name == words.cell {
                    b.rows.close_cell();
                }
            }
            Event::Text(ref t) if b.takes_text(words) => {
                let text = t.xml10_content();
                b.chars += text.len();
                b.line.push_str(&text.replace('\u{AD}', ""));
            }
            Event::GeneralRef(ref r) if b.takes_text(words) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    if c != '\u{AD}' {
                        b.line.push(c);
                    }
                } else if let Some(s) = quick_xml::escape::resolve_xml_entity(&r.xml10_content()) {
                    b.line.push_str(s);
                }
            }
            _ => {}
        }
        if b.chars > limits.max_text_bytes {
            return Err(IngestError::Limit(format!(
                "max_text_bytes ({}) exceeded by the document's text",
                limits.max_text_bytes
            )));
        }
        buf.clear();
    }
    Ok(b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pages: &[RawPage]) -> Vec<Vec<String>> {
        pages.iter().map(|p| p.lines.iter().map(|l| l.text.clone()).collect()).collect()
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn docx_paragraphs_headings_tables_and_breaks() {
        let xml = format!(
            r#"<w:document {W}><w:body>
            <w:p><w:pPr><w:pStyle w:val="Overskrift1"/></w:pPr><w:r><w:t>Referat</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">Mødedato: </w:t></w:r><w:r><w:t>12. marts</w:t></w:r></w:p>
            <w:p/>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Anne Hansen</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Layout</w:t></w:r></w:p><w:p><w:r><w:t>row</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>Bo&amp;Co</w:t><w:tab/><w:t>in</w:t><w:softHyphen/><w:t>for&#173;mation</w:t><w:noBreakHyphen/><w:t>x</w:t></w:r></w:p>
            <w:p><w:r><w:instrText>PAGE \* MERGEFORMAT</w:instrText></w:r><w:r><w:br w:type="page"/><w:t>Side to</w:t></w:r></w:p>
            </w:body></w:document>"#
        );
        let pages = lines_of(xml.as_bytes(), &DOCX, &Limits::default()).expect("xml");
        assert_eq!(
            texts(&pages),
            [
                vec![
                    "Referat",
                    "",
                    "Mødedato: 12. marts",
                    "",
                    "Anne Hansen\tA",
                    "Layout",
                    "row",
                    "Bo&Co\tinformation-x"
                ],
                vec!["Side to"],
            ]
        );
    }

    #[test]
    fn odt_spaces_headings_and_soft_page_breaks() {
        let xml = r#"<office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="b"><office:body><office:text>
            <text:h text:outline-level="1">Dagsorden</text:h>
            <text:p>1.<text:s text:c="2"/>Godkendelse<text:tab/>side 3</text:p>
            <text:soft-page-break/>
            <table:table><table:table-row><table:table-cell><text:p>Bo Jensen</text:p></table:table-cell><table:table-cell><text:p>V</text:p></table:table-cell></table:table-row></table:table>
            </office:text></office:body></office:document-content>"#;
        let pages = lines_of(xml.as_bytes(), &ODT, &Limits::default()).expect("xml");
        assert_eq!(
            texts(&pages),
            [vec!["Dagsorden", "", "1.  Godkendelse\tside 3"], vec!["Bo Jensen\tV"]]
        );
    }

    #[test]
    fn entities_are_not_expanded_and_nesting_is_not_recursion() {
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document><w:body><w:p><w:r><w:t>&b;&b;</w:t></w:r></w:p></w:body></w:document>"#;
        let pages = lines_of(laughs.as_bytes(), &DOCX, &Limits::default()).expect("xml");
        assert!(texts(&pages)[0].iter().all(|l| l.len() < 10));
        let depth = 100_000;
        let deep = format!(
            "<w:document>{}<w:p><w:r><w:t>inde</w:t></w:r></w:p>{}</w:document>",
            "<w:tbl><w:tr><w:tc>".repeat(depth),
            "</w:tc></w:tr></w:tbl>".repeat(depth)
        );
        let pages = lines_of(deep.as_bytes(), &DOCX, &Limits::default()).expect("deep xml");
        assert_eq!(texts(&pages), [vec!["inde"]]);
        // Truncated markup gives what was read; mismatched markup is an error.
        let truncated = "<w:document><w:p><w:r><w:t>del</w:t></w:r></w:p>".to_owned()
            + &"<w:tbl><w:tr>".repeat(1000);
        let pages = lines_of(truncated.as_bytes(), &DOCX, &Limits::default()).expect("truncated");
        assert_eq!(texts(&pages), [vec!["del"]]);
        let mismatched = "<w:document><w:p></w:tbl></w:document>";
        assert!(lines_of(mismatched.as_bytes(), &DOCX, &Limits::default()).is_err());
    }
}
