//! Normalisation: the only stage that rewrites text. Turns a [`RawDocument`] into one flat list
//! of [`Line`]s that keep their page and line of origin, with running headers/footers removed,
//! paragraph breaks marked by blank lines, and line-end hyphenation undone.

pub mod dehyphenate;
pub mod headers;
pub mod ocr_repair;

use crate::ingest::{RawDocument, RawPage};

/// One line of normalised text and where it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    /// Trimmed text; empty for a paragraph break.
    pub text: String,
    /// 1-based page number.
    pub page: usize,
    /// 1-based line number within the page's text layer.
    pub line: usize,
    /// For text recognised by OCR: the mean word confidence (0–100).
    pub ocr: Option<f32>,
    /// Font size, when the text layer has positions (headings are often set larger).
    pub size: Option<f32>,
    /// What the source format states the line is.
    pub role: crate::ingest::Role,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Normalises a document's text layer into lines.
pub fn normalize(doc: &RawDocument) -> Vec<Line> {
    let body = headers::body_lines(&doc.pages);
    let mut lines = Vec::new();
    for (page_index, page) in doc.pages.iter().enumerate() {
        let keep = &body[page_index];
        let gaps = paragraph_gaps(page);
        // A page break is a paragraph break.
        if !lines.is_empty() {
            push_blank(&mut lines, page_index + 1, 1);
        }
        for (i, raw) in page.lines.iter().enumerate() {
            if !keep[i] {
                continue;
            }
            let mut text = clean(&raw.text);
            if raw.ocr.is_some() {
                text = ocr_repair::repair_line(&text);
            }
            // Side-by-side columns come as separate lines on one baseline: one line again,
            // with the column gap kept as three spaces (as in text exports).
            if i > 0
                && keep[i - 1]
                && same_row(&page.lines[i - 1], raw)
                && !text.is_empty()
                && let Some(last) = lines.last_mut().filter(|l| !l.is_blank())
            {
                last.text.push_str("   ");
                last.text.push_str(&text);
                continue;
            }
            if gaps[i] {
                push_blank(&mut lines, page_index + 1, i + 1);
            }
            if text.is_empty() && raw.role == crate::ingest::Role::SectionBreak {
                // Kept, not merged into the blanks around it: it ends a section.
                lines.push(Line {
                    text,
                    page: page_index + 1,
                    line: i + 1,
                    role: raw.role,
                    ..Line::default()
                });
            } else if text.is_empty() {
                push_blank(&mut lines, page_index + 1, i + 1);
            } else {
                lines.push(Line {
                    text,
                    page: page_index + 1,
                    line: i + 1,
                    ocr: raw.ocr,
                    size: raw.geometry.map(|g| g.size),
                    role: raw.role,
                });
            }
        }
    }
    while lines.last().is_some_and(Line::is_blank) {
        lines.pop();
    }
    dehyphenate::join_hyphenated(lines)
}

/// True when `b` continues `a`'s baseline to its right (a second column on the same row).
fn same_row(a: &crate::ingest::RawLine, b: &crate::ingest::RawLine) -> bool {
    match (a.geometry, b.geometry) {
        (Some(a), Some(b)) => {
            (a.y - b.y).abs() < 0.3 * a.size.max(b.size).max(1.0) && b.x > a.x_end
        }
        _ => false,
    }
}

/// Pushes a blank line unless the previous line is blank already.
fn push_blank(lines: &mut Vec<Line>, page: usize, line: usize) {
    if lines.last().is_some_and(|l| !l.is_blank()) {
        lines.push(Line { text: String::new(), page, line, ..Line::default() });
    }
}

/// Folds runs of spaces (three or more stay a column gap), turns tabs into column gaps and
/// drops control characters, bidirectional overrides and byte-order marks: they carry no
/// text, break CSV cells and terminals, and can make a cell read differently than it sorts.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut spaces = 0usize;
    for ch in text.trim().chars() {
        if is_invisible_control(ch) {
            continue;
        }
        if ch == ' ' || ch == '\u{A0}' || ch == '\u{2009}' {
            spaces += 1;
        } else if ch == '\t' {
            spaces += 3;
        } else {
            if spaces > 0 {
                out.push_str(if spaces >= 3 { "   " } else { " " });
            }
            spaces = 0;
            out.push(ch);
        }
    }
    out
}

fn is_invisible_control(ch: char) -> bool {
    (ch.is_control() && ch != '\t')
        || matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// For PDF pages: true before a line that sits clearly further below its predecessor than
/// the page's usual line spacing (a paragraph break the text layer does not mark).
fn paragraph_gaps(page: &RawPage) -> Vec<bool> {
    let mut gaps = vec![false; page.lines.len()];
    let steps: Vec<(usize, f32)> = page
        .lines
        .windows(2)
        .enumerate()
        .filter_map(|(i, w)| match (w[0].geometry, w[1].geometry) {
            (Some(a), Some(b)) if a.y > b.y => Some((i + 1, (a.y - b.y) / a.size.max(1.0))),
            _ => None,
        })
        .collect();
    if steps.is_empty() {
        return gaps;
    }
    let mut sorted: Vec<f32> = steps.iter().map(|&(_, s)| s).collect();
    sorted.sort_by(f32::total_cmp);
    let usual = sorted[sorted.len() / 4];
    for (i, step) in steps {
        if step > usual * 1.3 {
            gaps[i] = true;
        }
    }
    gaps
}

/// Lines of text on page 1, numbered from 1 (for tests and examples).
pub fn lines_on_one_page(texts: &[&str]) -> Vec<Line> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Line { text: (*t).to_owned(), page: 1, line: i + 1, ..Line::default() })
        .collect()
}

/// Joins lines into one paragraph string with single spaces.
pub fn join_text<'a>(lines: impl IntoIterator<Item = &'a Line>) -> String {
    let mut out = String::new();
    for line in lines {
        for word in line.text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::RawLine;

    #[test]
    fn clean_folds_spaces_but_keeps_column_gaps() {
        assert_eq!(
            clean("  Jesper  Mathiesen (A)        Ole (V) "),
            "Jesper Mathiesen (A)   Ole (V)"
        );
    }

    #[test]
    fn control_characters_are_removed() {
        assert_eq!(clean("Referat\u{0}\u{1b}[2J af\u{7f} mødet"), "Referat[2J af mødet");
        assert_eq!(clean("\u{feff}Dagsorden \u{202e}1 tkp"), "Dagsorden 1 tkp");
        assert_eq!(clean("Navn\tParti"), "Navn   Parti");
    }

    #[test]
    fn pages_become_paragraph_breaks_with_provenance() {
        let doc = RawDocument {
            pages: vec![
                RawPage { lines: vec![RawLine::plain("a"), RawLine::plain("b")], height: None },
                RawPage { lines: vec![RawLine::plain(" c")], height: None },
            ],
            warnings: vec![],
        };
        let lines = normalize(&doc);
        let texts: Vec<_> = lines.iter().map(|l| (l.text.as_str(), l.page, l.line)).collect();
        assert_eq!(texts, [("a", 1, 1), ("b", 1, 2), ("", 2, 1), ("c", 2, 1)]);
    }
}
