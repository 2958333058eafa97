//! The text a document's records point into. An output folder stores records, not text, so
//! the source file is read again through the pipeline's own stages (read → ingest →
//! normalise) and its content hash checked against the one recorded: the pages shown are then
//! exactly the text layer the records were extracted from, with the line numbers their
//! provenance uses.

use crate::ingest::{self, Limits, OcrMode, RawDocument};
use crate::manifest;
use crate::model::Source;
use crate::normalize::{Line, normalize};
use crate::pathname;
use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A document's text layer (pages of lines, as read) and its normalised lines.
#[derive(Debug)]
pub(crate) struct SourceText {
    pub(crate) raw: RawDocument,
    pub(crate) lines: Vec<Line>,
}

/// Why a document's text cannot be shown beside its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unavailable {
    /// The source file cannot be opened (moved, deleted, or the review runs elsewhere).
    Gone(String),
    /// The file's content is no longer the one extracted.
    Changed { found: String },
    /// The file no longer reads into the text layer it had (e.g. OCR is not installed here).
    Unreadable(String),
}

impl Unavailable {
    /// What the page and the command line say.
    pub(crate) fn describe(&self) -> String {
        match self {
            Unavailable::Gone(reason) => format!("the source file cannot be read: {reason}"),
            Unavailable::Changed { found } => format!(
                "the source file has changed since it was extracted (its sha256 is now {found}); \
                 run referat extract again"
            ),
            Unavailable::Unreadable(reason) => {
                format!("the source file no longer gives its text layer: {reason}")
            }
        }
    }
}

/// How long one document may take to read again (as `--doc-timeout` in extract).
const READ_BUDGET: Duration = Duration::from_secs(60);

/// Reads the source of `source` again, if it is still the file that was extracted. A relative
/// path is looked for under each of `bases` in turn (the folder the review runs in, then the
/// one holding the output folder): the content hash makes sure the file found is the one.
pub(crate) fn read_source(
    source: &Source,
    bases: &[PathBuf],
    limits: &Limits,
) -> Result<SourceText, Unavailable> {
    let bytes = find_bytes(source, bases, limits.max_input_bytes)?;
    let mut limits = *limits;
    limits.deadline = Some(Instant::now() + READ_BUDGET);
    let ocr = ocr_mode(source);
    // Extraction read this file without a panic; the boundary is kept all the same, so one
    // document can never stop the review of the others.
    let read = std::panic::catch_unwind(|| ingest::read_document(&bytes, &limits, ocr))
        .map_err(|_| Unavailable::Unreadable("internal error while reading".to_owned()))?;
    let (_, raw) = read.map_err(|e| Unavailable::Unreadable(crate::pipeline::error_chain(&e)))?;
    check_same_layer(source, &raw)?;
    let lines = normalize(&raw);
    Ok(SourceText { raw, lines })
}

/// The OCR mode that reproduces the extraction's text layer: no page OCR'd means none was
/// (`--ocr never`, no scans, or no Tesseract then), every page means `--ocr always` (the same
/// as `auto` on a scan), anything between is `auto`.
fn ocr_mode(source: &Source) -> OcrMode {
    if source.ocr_pages == 0 {
        OcrMode::Never
    } else if source.ocr_pages >= source.pages {
        OcrMode::Always
    } else {
        OcrMode::Auto
    }
}

/// The page count and the OCR'd pages must be those of the extraction, or the line numbers
/// of the records would point into another text.
fn check_same_layer(source: &Source, raw: &RawDocument) -> Result<(), Unavailable> {
    if raw.pages.len() != source.pages {
        return Err(Unavailable::Unreadable(format!(
            "it reads as {} pages now, {} when it was extracted",
            raw.pages.len(),
            source.pages
        )));
    }
    let ocr_pages = raw.pages.iter().filter(|p| p.lines.iter().any(|l| l.ocr.is_some())).count();
    if ocr_pages < source.ocr_pages {
        let why: Vec<String> = raw
            .warnings
            .iter()
            .filter(|w| w.code.starts_with("I-OCR"))
            .map(|w| w.message.clone())
            .collect();
        return Err(Unavailable::Unreadable(format!(
            "{} of its {} scanned pages were read by OCR now{}",
            ocr_pages,
            source.ocr_pages,
            if why.is_empty() { String::new() } else { format!(" ({})", why.join("; ")) }
        )));
    }
    Ok(())
}

/// The bytes of the first file under `bases` with the recorded content.
fn find_bytes(source: &Source, bases: &[PathBuf], max_bytes: u64) -> Result<Vec<u8>, Unavailable> {
    let path = pathname::to_path(&source.path);
    let mut problem = None;
    for base in bases {
        let candidate = base.join(&path);
        match read_bytes(&candidate, max_bytes) {
            Ok(bytes) => {
                let found = manifest::sha256_hex(&bytes);
                if found == source.sha256 {
                    return Ok(bytes);
                }
                problem.get_or_insert(Unavailable::Changed { found });
            }
            Err(why) => {
                problem.get_or_insert(why);
            }
        }
        // An absolute path is the same under every base.
        if path.is_absolute() {
            break;
        }
    }
    Err(problem.unwrap_or_else(|| Unavailable::Gone("no folder to look in".to_owned())))
}

/// The file's bytes within the input cap.
fn read_bytes(path: &std::path::Path, max_bytes: u64) -> Result<Vec<u8>, Unavailable> {
    let file = std::fs::File::open(path).map_err(|e| Unavailable::Gone(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Unavailable::Gone(e.to_string()))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Unavailable::Unreadable(format!(
            "limit exceeded: max_input_bytes ({max_bytes})"
        )));
    }
    Ok(bytes)
}
