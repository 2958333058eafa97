//! Scanned pages: the page image is taken out of the PDF (JPEG as is, Flate/raw pixels as PNM)
//! and read by OCR (see [`super::ocr`]). Also image files given directly as inputs.

use super::ocr::OcrPage;
use super::{Limits, RawLine, RawPage};
use crate::error::IngestError;
use lopdf::Document;

/// When to OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Pages without a text layer, when Tesseract is installed.
    #[default]
    Auto,
    /// Never; pages without text only get a warning.
    Never,
    /// Every page, replacing the text layer.
    Always,
}

/// One page image as encoded bytes (JPEG as stored, raw pixels as PNM); OCR decodes and
/// checks it before Tesseract sees it.
pub struct PageImage {
    pub bytes: Vec<u8>,
    /// Pixels per inch across the page, when the page's width is known: Tesseract's layout
    /// analysis needs it (a PGM carries no resolution).
    pub dpi: Option<u32>,
}

/// Hands the largest image drawn on each requested page (0-based page indices), or the reason
/// none could be taken, to `each`, one page at a time: only one page image is held at once.
pub fn each_page_image(
    pdf: &[u8],
    pages: &[usize],
    limits: &Limits,
    mut each: impl FnMut(usize, Result<PageImage, String>),
) -> Result<(), IngestError> {
    let doc = super::pdf::load(pdf, limits)?;
    let ids: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    for &index in pages {
        let image = match ids.get(index) {
            Some(id) => largest_image(&doc, *id, limits),
            None => Err(format!("page {} does not exist", index + 1)),
        };
        each(index, image);
    }
    Ok(())
}

fn largest_image(
    doc: &Document,
    page: lopdf::ObjectId,
    limits: &Limits,
) -> Result<PageImage, String> {
    let images = doc.get_page_images(page).map_err(|e| format!("cannot read page images: {e}"))?;
    let image = images
        .iter()
        .max_by_key(|i| i.width.saturating_mul(i.height))
        .ok_or_else(|| "the page has neither text nor images".to_owned())?;
    let dpi = page_width(doc, page)
        .filter(|w| *w > 0.0)
        .map(|w| (image.width as f32 * 72.0 / w).round() as u32)
        .filter(|d| (50..=2400).contains(d));
    let filters: Vec<&str> = image.filters.iter().flatten().map(String::as_str).collect();
    let bytes = match filters.as_slice() {
        ["DCTDecode"] => Ok(image.content.to_vec()),
        []
        | ["FlateDecode"]
        | ["LZWDecode"]
        | ["RunLengthDecode"]
        | ["ASCII85Decode"]
        | ["ASCIIHexDecode"] => {
            let stream = doc
                .get_object(image.id)
                .and_then(|o| o.as_stream().cloned())
                .map_err(|e| format!("cannot read the image stream: {e}"))?;
            let pixels = if filters.is_empty() {
                stream.content.clone()
            } else {
                stream
                    .decompressed_content_with_limit(limits.max_decompressed_bytes)
                    .map_err(|e| format!("cannot decompress the page image: {e}"))?
            };
            let pixels_claimed =
                u64::try_from(image.width.saturating_mul(image.height)).unwrap_or(u64::MAX);
            if pixels_claimed > limits.max_image_pixels {
                return Err(format!(
                    "page image of {}×{} pixels exceeds the cap max_image_pixels ({})",
                    image.width, image.height, limits.max_image_pixels
                ));
            }
            let channels = match image.color_space.as_deref() {
                Some("DeviceRGB" | "CalRGB") => 3,
                Some("DeviceGray" | "CalGray") | None => 1,
                Some(other) => return Err(format!("unsupported image colour space {other}")),
            };
            pnm(&pixels, image.width, image.height, image.bits_per_component.unwrap_or(8), channels)
        }
        other => Err(format!("unsupported image encoding {}", other.join("+"))),
    }?;
    Ok(PageImage { bytes, dpi })
}

/// The page's MediaBox width in points (inherited from the page tree when not on the page).
fn page_width(doc: &Document, page: lopdf::ObjectId) -> Option<f32> {
    let mut id = page;
    for _ in 0..32 {
        let dict = doc.get_dictionary(id).ok()?;
        if let Ok(media) = dict.get(b"MediaBox").and_then(|o| doc.dereference(o).map(|(_, o)| o)) {
            let values: Vec<f32> =
                media.as_array().ok()?.iter().filter_map(|v| v.as_float().ok()).collect();
            return (values.len() == 4).then(|| (values[2] - values[0]).abs());
        }
        id = dict.get(b"Parent").and_then(lopdf::Object::as_reference).ok()?;
    }
    None
}

/// Raw PDF pixels as a binary PNM image (PBM for 1-bit gray, PGM, PPM).
fn pnm(
    pixels: &[u8],
    width: i64,
    height: i64,
    bpc: i64,
    channels: usize,
) -> Result<Vec<u8>, String> {
    let (w, h) = (
        usize::try_from(width).map_err(|_| "bad width")?,
        usize::try_from(height).map_err(|_| "bad height")?,
    );
    let (header, row_bytes) = match (bpc, channels) {
        (1, 1) => (format!("P4\n{w} {h}\n"), w.div_ceil(8)),
        (8, 1) => (format!("P5\n{w} {h}\n255\n"), w),
        (8, 3) => (format!("P6\n{w} {h}\n255\n"), w * 3),
        _ => return Err(format!("unsupported image depth {bpc} bits x {channels} channels")),
    };
    let needed = row_bytes.checked_mul(h).ok_or("image too large")?;
    let data = pixels.get(..needed).ok_or("image data shorter than its size")?;
    let mut out = header.into_bytes();
    if bpc == 1 {
        // PDF gray: 0 is black; PBM: 1 is black.
        out.extend(data.iter().map(|b| !b));
    } else {
        out.extend_from_slice(data);
    }
    Ok(out)
}

/// An OCR'd page as a text-layer page.
pub fn raw_page(page: OcrPage) -> RawPage {
    RawPage {
        lines: page
            .lines
            .into_iter()
            .map(|l| RawLine {
                text: l.text,
                geometry: Some(l.geometry),
                ocr: Some(l.confidence),
                role: Default::default(),
            })
            .collect(),
        height: Some(page.height),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pnm_headers_and_inverted_bilevel() {
        let gray = pnm(&[0, 255, 128, 7], 2, 2, 8, 1).unwrap();
        assert!(gray.starts_with(b"P5\n2 2\n255\n"));
        let bilevel = pnm(&[0b1010_0000], 3, 1, 1, 1).unwrap();
        assert_eq!(bilevel, b"P4\n3 1\n\x5f".to_vec());
        assert!(pnm(&[0], 4, 4, 8, 1).is_err());
    }
}
