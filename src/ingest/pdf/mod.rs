//! PDF text layer on lopdf: a content-stream interpreter that emits positioned lines.
//!
//! lopdf loads, repairs and decrypts the file and decodes streams; everything from content
//! operators to lines in reading order is done here: `interpreter` (operators → glyphs, with
//! `font` for codes, text and widths), `layout` (glyphs → lines) and `cleanup` (per-line text).

mod cleanup;
mod font;
mod glyphs;
mod interpreter;
mod layout;
mod lexer;
mod objects;

use std::panic::AssertUnwindSafe;

use lopdf::{Document, LoadOptions, ObjectId};

use super::{Limits, RawDocument, RawPage};
use crate::error::IngestError;
use crate::model::Warning;
use glyphs::PageGlyphs;
use interpreter::{Budget, FontCache, Interpreter};

/// Reads a PDF's text layer.
pub fn read_pdf(bytes: &[u8], limits: &Limits) -> Result<RawDocument, IngestError> {
    // Our own code does not panic on input data; the guard keeps a panic inside a dependency
    // (parser, filters) from taking down a whole batch: it becomes this file's error instead.
    std::panic::catch_unwind(AssertUnwindSafe(|| read_document(bytes, limits)))
        .unwrap_or_else(|_| Err(IngestError::Pdf("internal error while parsing".to_owned())))
}

fn read_document(bytes: &[u8], limits: &Limits) -> Result<RawDocument, IngestError> {
    let doc = load(bytes, limits)?;
    let pages = doc.get_pages();
    if pages.is_empty() && doc.is_encrypted() {
        return Err(IngestError::PasswordRequired);
    }
    if pages.len() > limits.max_pages {
        return Err(IngestError::Limit(format!(
            "max_pages ({}) exceeded: the document has {} pages",
            limits.max_pages,
            pages.len()
        )));
    }
    let mut fonts = FontCache::new();
    let mut budget = Budget::default();
    let mut document = RawDocument::default();
    if pages.is_empty() {
        document.warnings.push(Warning::document("I-NOPAGES", "the document has no pages"));
    }
    // One set of glyph buffers for all pages: no allocation per page once they have grown.
    let mut glyphs = PageGlyphs::default();
    for (number, page_id) in pages {
        glyphs.clear();
        run_page(&doc, page_id, limits, &mut fonts, &mut budget, &mut glyphs)?;
        document.warnings.extend(page_warnings(number, &glyphs));
        document.pages.push(RawPage {
            lines: layout::page_lines(&glyphs),
            height: page_height(&doc, page_id),
        });
    }
    Ok(document)
}

/// Loads the PDF with lopdf, counting objects as they are materialised (`max_objects`): a
/// small file can declare millions of objects in object streams.
pub(crate) fn load(bytes: &[u8], limits: &Limits) -> Result<Document, IngestError> {
    let filtered = load_with(bytes, limits, false)?;
    // lopdf repairs a lost page tree only on unfiltered loads; ask for the repair ourselves.
    if filtered.get_pages().is_empty()
        && !filtered.is_encrypted()
        && let Ok(rebuilt) = load_with(bytes, limits, true)
        && !rebuilt.get_pages().is_empty()
    {
        return Ok(rebuilt);
    }
    Ok(filtered)
}

thread_local! {
    /// Objects seen by the load in progress on this thread, and the cap.
    static OBJECTS: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, usize::MAX)) };
}

/// lopdf's object filter (a plain function, hence the thread-local count): keeps objects
/// until the cap, then drops them.
fn count_object(id: ObjectId, object: &mut lopdf::Object) -> Option<(ObjectId, lopdf::Object)> {
    let (seen, cap) = OBJECTS.get();
    OBJECTS.set((seen + 1, cap));
    (seen < cap).then(|| (id, object.clone()))
}

fn load_with(bytes: &[u8], limits: &Limits, reconstruct: bool) -> Result<Document, IngestError> {
    let options = LoadOptions {
        max_decompressed_size: Some(limits.max_decompressed_bytes),
        filter: Some(count_object),
        force_reconstruct: reconstruct,
        ..Default::default()
    };
    OBJECTS.set((0, limits.max_objects));
    let loaded = Document::load_mem_with_options(bytes, options);
    let (seen, _) = OBJECTS.replace((0, usize::MAX));
    if seen > limits.max_objects {
        return Err(IngestError::Limit(format!(
            "max_objects ({}) exceeded: the document has {seen} objects or more",
            limits.max_objects
        )));
    }
    loaded.map_err(|e| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            IngestError::Limit(format!(
                "max_decompressed_bytes ({}) exceeded while loading",
                limits.max_decompressed_bytes
            ))
        }
        other => IngestError::Pdf(other.to_string()),
    })
}

/// Runs a page's content streams, collecting its glyphs into `out`.
fn run_page(
    doc: &Document,
    page_id: ObjectId,
    limits: &Limits,
    fonts: &mut FontCache,
    budget: &mut Budget,
    out: &mut PageGlyphs,
) -> Result<(), IngestError> {
    let content =
        doc.get_page_content_with_limit(page_id, limits.max_decompressed_bytes).map_err(|_| {
            IngestError::Limit(format!(
                "max_decompressed_bytes ({}) exceeded by a page",
                limits.max_decompressed_bytes
            ))
        })?;
    budget.spend(content.len(), limits)?;
    let resources = doc
        .get_dictionary(page_id)
        .ok()
        .and_then(|page| objects::inherited(doc, page, b"Resources"))
        .and_then(|r| r.as_dict().ok());
    Interpreter::new(doc, limits, fonts, budget, out).run(
        &content,
        resources,
        glyphs::Matrix::IDENTITY,
    )
}

/// Warnings for one page: unmapped glyphs per font, a missing text layer, interpreter notes.
fn page_warnings(number: u32, page: &PageGlyphs) -> Vec<Warning> {
    let n = number as usize;
    let mut warnings: Vec<Warning> = page
        .unmapped
        .iter()
        .map(|(font, count)| {
            let glyphs = if *count == 1 { "glyph" } else { "glyphs" };
            let message = format!(
                "page {number}: {count} {glyphs} in font {font} could not be mapped to text"
            );
            Warning::page("I-GLYPH", n, message)
        })
        .collect();
    let has_text = page.glyphs.iter().any(|g| !page.glyph_text(g).trim().is_empty());
    if !has_text && page.images > 0 {
        warnings.push(Warning::page(
            "I-SCAN",
            n,
            format!("page {number} has no text layer (scanned?)"),
        ));
    }
    warnings.extend(
        page.notes.iter().map(|note| Warning::page("I-NOTE", n, format!("page {number}: {note}"))),
    );
    warnings
}

/// Height of the page's /MediaBox.
fn page_height(doc: &Document, page_id: ObjectId) -> Option<f32> {
    let page = doc.get_dictionary(page_id).ok()?;
    let media_box = objects::inherited(doc, page, b"MediaBox")?.as_array().ok()?;
    let y = |i: usize| {
        media_box.get(i).and_then(|o| objects::resolve(doc, o)).and_then(objects::number)
    };
    Some((y(3)? - y(1)?).abs())
}
