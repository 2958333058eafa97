//! PDF text layer on lopdf: a content-stream interpreter that emits positioned lines.

use super::{Limits, RawDocument};
use crate::error::IngestError;

/// Reads a PDF's text layer.
pub fn read_pdf(bytes: &[u8], limits: &Limits) -> Result<RawDocument, IngestError> {
    let _ = (bytes, limits);
    Err(IngestError::Unsupported("PDF reading is being built"))
}
