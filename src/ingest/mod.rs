//! Reading bytes into a text layer: pages of lines, each with its position when the
//! format has one. Nothing here interprets the minutes; `normalize` and `extract` do.

pub mod esdh_xml;
pub mod html;
pub mod image;
pub mod ocr;
pub mod office;
pub mod pdf;
pub mod portal_json;
pub mod scan;
pub mod sniff;
mod table;
pub mod text;
mod xml_tree;

use crate::error::IngestError;
use crate::model::{Format, Warning};
pub use scan::OcrMode;

/// A document's text layer, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawDocument {
    pub pages: Vec<RawPage>,
    /// Problems that did not stop reading (unmapped glyphs, pages without text, ...).
    pub warnings: Vec<Warning>,
}

/// One page: its lines top to bottom.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawPage {
    pub lines: Vec<RawLine>,
    /// Page height in PDF units, when known (for header/footer zones).
    pub height: Option<f32>,
}

/// One line of text. An empty `text` is a blank line (a paragraph break in text input).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawLine {
    pub text: String,
    pub geometry: Option<LineGeometry>,
    /// For text recognised by OCR: the mean word confidence (0–100).
    pub ocr: Option<f32>,
    /// What a structured format states the line is.
    pub role: Role,
}

/// What the source format states about a line. Formats with an explicit agenda (portal
/// exports) mark their item headings, so text inside an item that looks like a heading
/// ("1. At …") is never taken for one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Role {
    /// Nothing stated: the grammar decides.
    #[default]
    Unknown,
    /// An agenda item's heading, as the export lists it.
    ItemHeading,
    /// A heading element without text (`<h3></h3>`): the section before it ends here, and what
    /// follows belongs to no named section. The line's text is empty.
    SectionBreak,
}

/// Where a PDF line sits on its page (PDF user space, y grows upwards).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LineGeometry {
    /// Left edge of the first glyph.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Right edge of the last glyph.
    pub x_end: f32,
    /// Dominant font size.
    pub size: f32,
}

impl RawLine {
    pub fn plain(text: impl Into<String>) -> Self {
        RawLine { text: text.into(), geometry: None, ocr: None, role: Role::Unknown }
    }

    pub(crate) fn section_break() -> Self {
        RawLine { role: Role::SectionBreak, ..RawLine::plain("") }
    }
}

/// Caps that keep one hostile document from exhausting the machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file read at all.
    pub max_input_bytes: u64,
    /// Largest text input (text is held several times over while it is normalised).
    pub max_text_bytes: usize,
    /// Largest decoded stream (lopdf's per-stream cap).
    pub max_decompressed_bytes: usize,
    /// All content a document decodes and interprets, every form redraw counted again.
    pub max_document_decoded_bytes: usize,
    /// Objects a PDF may have (counted while lopdf loads them).
    pub max_objects: usize,
    /// Operands waiting for their operator.
    pub max_operands: usize,
    /// Nesting of saved graphics states (`q`).
    pub max_graphics_depth: usize,
    pub max_operators: usize,
    pub max_pages: usize,
    pub max_form_depth: usize,
    /// Largest page image OCR will decode (width × height); larger ones are a warning.
    pub max_image_pixels: u64,
    /// Wall-clock budget of the document, checked cooperatively by long-running stages.
    pub deadline: Option<std::time::Instant>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 512 << 20,
            max_text_bytes: 32 << 20,
            max_decompressed_bytes: 256 << 20,
            max_document_decoded_bytes: 1 << 30,
            max_objects: 2_000_000,
            max_operands: 65_536,
            max_graphics_depth: 1_024,
            max_operators: 20_000_000,
            max_pages: 20_000,
            max_form_depth: 12,
            // A4 at 1200 dpi is 140 MP; 100 MP covers A4 at 800 dpi and A3 at 600 dpi.
            max_image_pixels: 100_000_000,
            deadline: None,
        }
    }
}

/// Reads a document of either format; the format is decided from the bytes. Pages without a
/// text layer (and image files) are read by OCR as `ocr` says.
pub fn read_document(
    bytes: &[u8],
    limits: &Limits,
    ocr: OcrMode,
) -> Result<(Format, RawDocument), IngestError> {
    match sniff::sniff(bytes) {
        sniff::Kind::Pdf => {
            let mut doc = pdf::read_pdf(bytes, limits)?;
            ocr_scanned_pages(bytes, &mut doc, limits, ocr);
            Ok((Format::Pdf, doc))
        }
        sniff::Kind::Text if bytes.len() > limits.max_text_bytes => {
            Err(IngestError::Limit(format!(
                "max_text_bytes ({}) exceeded: the text has {} bytes",
                limits.max_text_bytes,
                bytes.len()
            )))
        }
        sniff::Kind::Text => read_text_or_structured(bytes, limits),
        sniff::Kind::Html if bytes.len() > limits.max_text_bytes => {
            Err(IngestError::Limit(format!(
                "max_text_bytes ({}) exceeded: the page has {} bytes",
                limits.max_text_bytes,
                bytes.len()
            )))
        }
        sniff::Kind::Html => {
            let (page, damaged) = text::decode_lossy(bytes);
            let mut doc = html::read_html(&page)?;
            if damaged {
                doc.warnings.push(Warning::document(
                    "I-ENC",
                    "invalid byte sequences in the page were replaced by U+FFFD",
                ));
            }
            Ok((Format::Html, doc))
        }
        sniff::Kind::Office(kind) => {
            let format = match kind {
                office::Office::Docx => Format::Docx,
                office::Office::Odt => Format::Odt,
            };
            Ok((format, office::read_office(bytes, kind, limits)?))
        }
        sniff::Kind::Image(_) => Ok((Format::Image, read_image(bytes, limits, ocr)?)),
        sniff::Kind::Other(what) => Err(IngestError::Unsupported(what)),
    }
}

/// Text, unless it is a structured export: JSON (a portal export, or else unsupported) or
/// XML that is not a web page (exports whose readers referat does not have).
fn read_text_or_structured(
    bytes: &[u8],
    limits: &Limits,
) -> Result<(Format, RawDocument), IngestError> {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes).trim_ascii_start();
    if looks_like_xml(start) {
        let text = text::decode(bytes)?;
        return Ok((Format::Xml, esdh_xml::read_xml(&text, limits)?));
    }
    if start.starts_with(b"{") || start.starts_with(b"[") {
        let text = text::decode(bytes)?;
        if serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok() {
            return Ok((Format::Json, portal_json::read_json(&text)?));
        }
    }
    Ok((Format::Text, text::read_text(bytes)?))
}

/// An XML document: a declaration, or a root element opening the file and a tag closing it
/// (Acadre's manifest starts `<root><org>…` with no declaration). Minutes in plain text
/// neither open with an element nor end with `>`.
fn looks_like_xml(start: &[u8]) -> bool {
    if start.starts_with(b"<?xml") {
        return true;
    }
    let opens_element = start.first() == Some(&b'<')
        && start.get(1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
    opens_element && start.trim_ascii_end().ends_with(b">")
}

/// An image file: one page read by OCR, or an empty page with a warning saying why not.
fn read_image(bytes: &[u8], limits: &Limits, ocr: OcrMode) -> Result<RawDocument, IngestError> {
    let unavailable = match (ocr, self::ocr::availability()) {
        (OcrMode::Never, _) => Some("OCR is off (--ocr never)".to_owned()),
        (_, Err(reason)) => Some(reason.clone()),
        _ => None,
    };
    if let Some(reason) = unavailable {
        return Ok(RawDocument {
            pages: vec![RawPage::default()],
            warnings: vec![Warning::page(
                "I-OCR-OFF",
                1,
                format!("page 1 is an image without a text layer; {reason}"),
            )],
        });
    }
    let page = self::ocr::ocr_image(bytes, None, limits.max_image_pixels, limits.deadline)?;
    let warnings = no_text_warning(1, &page).into_iter().collect();
    Ok(RawDocument { pages: vec![scan::raw_page(page)], warnings })
}

/// A page that OCR read without finding a word, with what Tesseract said about it.
fn no_text_warning(number: usize, page: &self::ocr::OcrPage) -> Option<Warning> {
    if !page.lines.is_empty() {
        return None;
    }
    let said = if page.messages.is_empty() {
        String::new()
    } else {
        format!(" (tesseract: {})", page.messages.join("; "))
    };
    Some(Warning::page("I-OCR-EMPTY", number, format!("page {number}: OCR found no text{said}")))
}

/// Replaces the pages that have no text (or, with `OcrMode::Always`, every page) by OCR.
fn ocr_scanned_pages(bytes: &[u8], doc: &mut RawDocument, limits: &Limits, ocr: OcrMode) {
    let targets: Vec<usize> = doc
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| ocr == OcrMode::Always || p.lines.iter().all(|l| l.text.trim().is_empty()))
        .map(|(i, _)| i)
        .collect();
    if targets.is_empty() || ocr == OcrMode::Never {
        return;
    }
    if let Err(reason) = self::ocr::availability() {
        doc.warnings.push(Warning::document(
            "I-OCR-OFF",
            format!("{} page(s) without a text layer were not read: {reason}", targets.len()),
        ));
        return;
    }
    let mut read = Vec::new();
    let walked = scan::each_page_image(bytes, &targets, limits, |index, image| {
        let result = image.and_then(|img| {
            self::ocr::ocr_image(&img.bytes, img.dpi, limits.max_image_pixels, limits.deadline)
                .map_err(|e| e.to_string())
        });
        read.push((index, result));
    });
    if let Err(e) = walked {
        doc.warnings
            .push(Warning::document("I-OCR-FAIL", format!("scanned pages could not be read: {e}")));
        return;
    }
    for (index, result) in read {
        let number = index + 1;
        match result {
            Ok(page) => {
                doc.warnings.retain(|w| !(w.code == "I-SCAN" && w.page == Some(number)));
                doc.warnings.extend(no_text_warning(number, &page));
                doc.pages[index] = scan::raw_page(page);
            }
            Err(reason) => doc.warnings.push(Warning::page(
                "I-OCR-FAIL",
                number,
                format!("page {number}: OCR failed: {reason}"),
            )),
        }
    }
}

impl RawDocument {
    /// The text layer as plain text: lines joined by `\n`, pages by form feed (as `pdftotext`).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for page in &self.pages {
            for line in &page.lines {
                out.push_str(&line.text);
                out.push('\n');
            }
            out.push('\x0C');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::looks_like_xml;

    #[test]
    fn xml_with_or_without_a_declaration_is_structured_not_prose() {
        for xml in [
            &b"<?xml version=\"1.0\"?><a/>"[..],
            b"<root><org>Acadre</org></root>\n",
            b"<Meeting id=\"1\">\n</Meeting>",
        ] {
            assert!(looks_like_xml(xml), "{}", String::from_utf8_lossy(xml));
        }
        for text in [&b"<Udkast> Referat\nDeltagere: Anne"[..], b"Referat <b>", b"< 5 stemmer >"] {
            assert!(!looks_like_xml(text), "{}", String::from_utf8_lossy(text));
        }
    }
}
