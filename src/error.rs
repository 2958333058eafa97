//! Typed errors of the library. Messages are lowercase and name the offending value.

use std::path::PathBuf;

/// Why a document could not be read into a text layer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    #[error("cannot read file")]
    Io(#[source] std::io::Error),
    #[error("unsupported file type ({0})")]
    Unsupported(&'static str),
    #[error("not a readable PDF: {0}")]
    Pdf(String),
    #[error("password required")]
    PasswordRequired,
    #[error("limit exceeded: {0}")]
    Limit(String),
    #[error("text is not valid in any supported encoding")]
    Encoding,
    #[error("OCR failed: {0}")]
    Ocr(String),
    #[error("not a readable office document: {0}")]
    Office(String),
    #[error("not a readable web page: {0}")]
    Html(String),
    #[error("unsupported structured format: {0}")]
    Structured(String),
}

/// Why an output file could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    #[error("cannot write {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write CSV {path}")]
    Csv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
    #[error("cannot serialise record")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Sqlite(#[from] crate::output::sqlite::SqliteError),
}

/// Why the review pages of an output folder could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReviewError {
    #[error("{0} holds no documents.jsonl (run referat extract first)")]
    NoOutput(PathBuf),
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: line {line} is not a document record")]
    Record {
        path: PathBuf,
        line: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("cannot read the failures in {path}")]
    Failures {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
    #[error("another referat review is writing to {0} (its lock is held)")]
    Busy(PathBuf),
    #[error(transparent)]
    Output(#[from] OutputError),
}
