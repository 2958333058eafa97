//! The batch: discover files, process each behind a panic boundary in parallel, hand the
//! results to the sinks in input order (output is identical whatever the thread count).

use crate::extract::extract;
use crate::ingest::{self, Limits};
use crate::model::{Document, Source};
use crate::normalize::normalize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Where a document failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Discover,
    Read,
    Ingest,
    Internal,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Discover => "discover",
            Stage::Read => "read",
            Stage::Ingest => "ingest",
            Stage::Internal => "internal",
        }
    }
}

/// A document that could not be processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub path: String,
    pub stage: Stage,
    pub reason: String,
}

/// The result of one input.
pub type Outcome = Result<Document, Failure>;

/// Finds the input files: files as given, directories walked recursively (sorted, hidden
/// entries skipped). Missing inputs are failures.
pub fn discover(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Failure>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(meta) if meta.is_dir() => walk(input, &mut files, &mut failures),
            Ok(_) => files.push(input.clone()),
            Err(e) => failures.push(Failure {
                path: display(input),
                stage: Stage::Discover,
                reason: format!("cannot open input: {e}"),
            }),
        }
    }
    (files, failures)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, failures: &mut Vec<Failure>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            failures.push(Failure {
                path: display(dir),
                stage: Stage::Discover,
                reason: format!("cannot list directory: {e}"),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.'))
        })
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, files, failures);
        } else if is_input_candidate(&path) {
            files.push(path);
        }
    }
}

/// Expected files and notes beside the inputs are not minutes.
fn is_input_candidate(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !(name.ends_with(".expected.json") || name.ends_with(".md") || name.ends_with(".json"))
}

/// A path as it is reported in outputs.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Processes one file; a panic anywhere inside becomes a failure, never an abort.
pub fn process_file(path: &Path, limits: &Limits) -> Outcome {
    let shown = display(path);
    match std::panic::catch_unwind(|| process_unguarded(path, limits)) {
        Ok(outcome) => outcome,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(Failure {
                path: shown,
                stage: Stage::Internal,
                reason: format!("internal error: {message}"),
            })
        }
    }
}

fn process_unguarded(path: &Path, limits: &Limits) -> Outcome {
    let shown = display(path);
    let bytes = std::fs::read(path).map_err(|e| Failure {
        path: shown.clone(),
        stage: Stage::Read,
        reason: format!("cannot read file: {e}"),
    })?;
    process_bytes(&shown, &bytes, limits)
}

/// Processes a document already in memory.
pub fn process_bytes(path: &str, bytes: &[u8], limits: &Limits) -> Outcome {
    let sha256 = hex(&Sha256::digest(bytes));
    let (format, raw) = ingest::read_document(bytes, limits).map_err(|e| Failure {
        path: path.to_owned(),
        stage: Stage::Ingest,
        reason: error_chain(&e),
    })?;
    let lines = normalize(&raw);
    let extraction = extract(&lines);
    Ok(Document {
        source: Source {
            path: path.to_owned(),
            sha256,
            format,
            pages: raw.pages.len(),
        },
        meeting: extraction.meeting,
        participants: extraction.participants,
        items: extraction.items,
        warnings: raw.warnings,
    })
}

/// An error and its causes, "outer: inner".
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Receives each finished input, in input order.
pub trait Observer: Sync {
    fn file_done(&self, outcome: &Outcome);
}

/// Processes `files` in parallel chunks and passes each outcome, in input order, to `sink`.
pub fn run_batch(
    files: &[PathBuf],
    limits: &Limits,
    observer: &dyn Observer,
    mut sink: impl FnMut(Outcome) -> Result<(), crate::error::OutputError>,
) -> Result<(), crate::error::OutputError> {
    use rayon::prelude::*;
    // Chunks bound memory to the documents in flight.
    let chunk = (rayon::current_num_threads() * 8).max(8);
    for paths in files.chunks(chunk) {
        let outcomes: Vec<Outcome> = paths
            .par_iter()
            .map(|path| {
                let outcome = process_file(path, limits);
                observer.file_done(&outcome);
                outcome
            })
            .collect();
        for outcome in outcomes {
            sink(outcome)?;
        }
    }
    Ok(())
}
