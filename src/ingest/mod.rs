//! Reading bytes into a text layer: pages of lines, each with its position when the
//! format has one. Nothing here interprets the minutes; `normalize` and `extract` do.

pub mod pdf;
pub mod sniff;
pub mod text;

use crate::error::IngestError;
use crate::model::Format;

/// A document's text layer, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawDocument {
    pub pages: Vec<RawPage>,
    /// Problems that did not stop reading (unmapped glyphs, pages without text, ...).
    pub warnings: Vec<String>,
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
        RawLine {
            text: text.into(),
            geometry: None,
        }
    }
}

/// Caps that keep one hostile document from exhausting the machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_decompressed_bytes: usize,
    pub max_operators: usize,
    pub max_pages: usize,
    pub max_form_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_decompressed_bytes: 256 << 20,
            max_operators: 20_000_000,
            max_pages: 20_000,
            max_form_depth: 12,
        }
    }
}

/// Reads a document of either format; the format is decided from the bytes.
pub fn read_document(bytes: &[u8], limits: &Limits) -> Result<(Format, RawDocument), IngestError> {
    match sniff::sniff(bytes) {
        sniff::Kind::Pdf => Ok((Format::Pdf, pdf::read_pdf(bytes, limits)?)),
        sniff::Kind::Text => Ok((Format::Text, text::read_text(bytes)?)),
        sniff::Kind::Other(what) => Err(IngestError::Unsupported(what)),
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
