//! The batch: discover files, process each behind a panic boundary in parallel, hand the
//! results to the sinks in input order (output is identical whatever the thread count).

use crate::extract::extract;
use crate::ingest::{self, Limits, OcrMode};
use crate::manifest::{self, Entry, Manifest};
use crate::model::{Document, Source, Status};
use crate::normalize::normalize;
pub use crate::pathname::display;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a document failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Discover,
    Read,
    Ingest,
    /// The worker process died or overran its hard deadline.
    Worker,
    Internal,
}

impl Stage {
    const ALL: [Stage; 5] =
        [Stage::Discover, Stage::Read, Stage::Ingest, Stage::Worker, Stage::Internal];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Discover => "discover",
            Stage::Read => "read",
            Stage::Ingest => "ingest",
            Stage::Worker => "worker",
            Stage::Internal => "internal",
        }
    }

    /// The stage named in an `errors.csv` row or a manifest entry (unknown: ingest).
    pub fn parse(name: &str) -> Stage {
        Stage::ALL.into_iter().find(|s| s.as_str() == name).unwrap_or(Stage::Ingest)
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

/// Settings of one batch run.
#[derive(Debug, Clone)]
pub struct RunContext {
    pub out_dir: PathBuf,
    pub limits: Limits,
    /// Per-document wall-clock budget.
    pub doc_timeout: Option<std::time::Duration>,
    /// Re-extract even unchanged inputs.
    pub force: bool,
    /// When to read scanned pages by OCR.
    pub ocr: OcrMode,
    /// Where finished documents are journaled (None: not journaled).
    pub journal: Option<Arc<manifest::Journal>>,
    /// Extract in worker processes (None: in this process).
    pub isolation: Option<crate::worker::Settings>,
}

/// One input's result and what the manifest should now say about it.
#[derive(Debug)]
pub struct Processed {
    pub outcome: Outcome,
    pub entry: Option<Entry>,
    /// True when the previous run's record was re-used (content and rules unchanged).
    pub reused: bool,
}

/// Processes one file incrementally: an input whose size and mtime (or else content) and
/// rules version are unchanged re-uses its previous record. A panic anywhere inside becomes
/// a failure, never an abort.
pub fn process_incremental(path: &Path, previous: Option<&Entry>, ctx: &RunContext) -> Processed {
    let shown = display(path);
    match std::panic::catch_unwind(|| process_guarded(path, previous, ctx)) {
        Ok(processed) => processed,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            let failure = Failure {
                path: shown,
                stage: Stage::Internal,
                reason: format!("internal error: {message}"),
            };
            Processed { outcome: Err(failure), entry: None, reused: false }
        }
    }
}

fn process_guarded(path: &Path, previous: Option<&Entry>, ctx: &RunContext) -> Processed {
    let shown = display(path);
    // An input that could not be read has no content hash: it is always tried again.
    let previous = previous
        .filter(|p| !ctx.force && p.rules == manifest::RULES_VERSION && !p.sha256.is_empty());
    if let (Some(prev), Some((size, mtime))) = (previous, manifest::stat(path))
        && prev.size == size
        && prev.mtime_ns == mtime
        && let Some(processed) = reuse(prev, ctx)
    {
        return processed;
    }
    let mut extracted = extract_somewhere(path, previous.map(|p| p.sha256.as_str()), ctx);
    if let (Result::Ok(Got::Unchanged), Some(prev), Some(sha256)) =
        (&extracted.result, previous, &extracted.sha256)
    {
        let moved = Entry { size: extracted.size, mtime_ns: extracted.mtime_ns, ..prev.clone() };
        if prev.sha256 == *sha256
            && let Some(processed) = reuse(&moved, ctx)
        {
            return processed;
        }
        // The cached record is gone: extract after all.
        extracted = extract_somewhere(path, None, ctx);
    }
    let outcome = match extracted.result {
        Ok(Got::Document(doc)) => Ok(*doc),
        Ok(Got::Unchanged) => Err(Failure {
            path: shown.clone(),
            stage: Stage::Internal,
            reason: "internal error: unchanged without a previous record".to_owned(),
        }),
        Err((stage, reason)) => Err(Failure { path: shown.clone(), stage, reason }),
    };
    // An input that could not be read is listed as failed, without a content hash.
    let sha256 = extracted.sha256.unwrap_or_default();
    let entry = entry_for(&shown, extracted.size, extracted.mtime_ns, sha256, &outcome);
    // A cache or journal that cannot be written only costs a re-extraction next time; the
    // entry is journaled only once its record is cached.
    let cached = match &outcome {
        Ok(doc) => manifest::store(&ctx.out_dir, doc).is_ok(),
        Err(_) => true,
    };
    if cached && let Some(journal) = &ctx.journal {
        let _ = journal.record(&entry);
    }
    Processed { outcome, entry: Some(entry), reused: false }
}

/// What extracting one file gave.
#[derive(Debug, Serialize, Deserialize)]
pub struct Extracted {
    pub size: u64,
    pub mtime_ns: u128,
    /// The content's sha256, once the file was read.
    pub sha256: Option<String>,
    pub result: Result<Got, (Stage, String)>,
}

/// A successful extraction.
#[derive(Debug, Serialize, Deserialize)]
pub enum Got {
    /// The content is the one named by the known sha256: nothing was extracted.
    Unchanged,
    Document(Box<Document>),
}

impl Extracted {
    pub fn failed(stage: Stage, reason: String) -> Self {
        Extracted { size: 0, mtime_ns: 0, sha256: None, result: Err((stage, reason)) }
    }
}

/// Extracts in this thread's worker process or, without isolation, here.
fn extract_somewhere(path: &Path, known_sha256: Option<&str>, ctx: &RunContext) -> Extracted {
    let Some(settings) = &ctx.isolation else {
        return extract_file(path, known_sha256, &ctx.limits, ctx.ocr, ctx.doc_timeout);
    };
    let request = crate::worker::Request {
        path: display(path),
        known_sha256: known_sha256.map(str::to_owned),
        timeout: ctx.doc_timeout.map(|t| t.as_secs_f64()),
    };
    let hard = ctx.doc_timeout.map(|t| t + HARD_DEADLINE_GRACE);
    crate::worker::extract(settings, &request, hard)
        .unwrap_or_else(|reason| Extracted::failed(Stage::Worker, reason))
}

/// How long past `--doc-timeout` a worker may run before it is killed.
pub const HARD_DEADLINE_GRACE: std::time::Duration = std::time::Duration::from_millis(500);

/// Reads, hashes and (unless its sha256 is `known_sha256`) extracts one file.
pub fn extract_file(
    path: &Path,
    known_sha256: Option<&str>,
    limits: &Limits,
    ocr: OcrMode,
    timeout: Option<std::time::Duration>,
) -> Extracted {
    let started = std::time::Instant::now();
    let stat = manifest::stat(path);
    let bytes = match read_input(path, limits.max_input_bytes) {
        Ok(bytes) => bytes,
        Err(reason) => return Extracted::failed(Stage::Read, reason),
    };
    let sha256 = manifest::sha256_hex(&bytes);
    let (size, mtime_ns) = stat.unwrap_or((bytes.len() as u64, 0));
    let result = if known_sha256 == Some(sha256.as_str()) {
        Ok(Got::Unchanged)
    } else {
        let mut limits = *limits;
        limits.deadline = timeout.map(|t| started + t);
        process_bytes_with_hash(&display(path), &bytes, sha256.clone(), &limits, ocr)
            .map(|doc| Got::Document(Box::new(doc)))
            .map_err(|f| (f.stage, f.reason))
    };
    Extracted { size, mtime_ns, sha256: Some(sha256), result }
}

/// A file's bytes, within the size cap; an empty file is not a document.
fn read_input(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("cannot read file: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    if meta.len() > max_bytes {
        return Err(too_large(meta.len(), max_bytes));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow while it is read.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read file: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64, max_bytes));
    }
    if bytes.is_empty() {
        return Err("empty file".to_owned());
    }
    Ok(bytes)
}

fn too_large(size: u64, max_bytes: u64) -> String {
    format!("limit exceeded: max_input_bytes ({max_bytes}) exceeded: the file has {size} bytes")
}

/// The previous result of an unchanged input, or None when its record is not cached.
fn reuse(prev: &Entry, ctx: &RunContext) -> Option<Processed> {
    let outcome = if prev.status != Status::Failed.as_str() {
        Ok(manifest::load_cached(&ctx.out_dir, prev)?)
    } else {
        let stage = Stage::parse(prev.stage.as_deref().unwrap_or(""));
        Err(Failure {
            path: prev.path.clone(),
            stage,
            reason: prev.reason.clone().unwrap_or_default(),
        })
    };
    Some(Processed { outcome, entry: Some(prev.clone()), reused: true })
}

fn entry_for(path: &str, size: u64, mtime_ns: u128, sha256: String, outcome: &Outcome) -> Entry {
    let (status, stage, reason) = match outcome {
        Ok(doc) => (doc.source.status.as_str(), None, None),
        Err(f) => {
            (Status::Failed.as_str(), Some(f.stage.as_str().to_owned()), Some(f.reason.clone()))
        }
    };
    Entry {
        path: path.to_owned(),
        size,
        mtime_ns,
        sha256,
        rules: manifest::RULES_VERSION.to_owned(),
        status: status.to_owned(),
        stage,
        reason,
    }
}

/// Processes a document already in memory.
pub fn process_bytes(path: &str, bytes: &[u8], limits: &Limits, ocr: OcrMode) -> Outcome {
    process_bytes_with_hash(path, bytes, manifest::sha256_hex(bytes), limits, ocr)
}

fn process_bytes_with_hash(
    path: &str,
    bytes: &[u8],
    sha256: String,
    limits: &Limits,
    ocr: OcrMode,
) -> Outcome {
    let (format, raw) = ingest::read_document(bytes, limits, ocr).map_err(|e| Failure {
        path: path.to_owned(),
        stage: Stage::Ingest,
        reason: error_chain(&e),
    })?;
    let lines = normalize(&raw);
    let extraction = extract(&lines);
    let mut warnings = raw.warnings;
    warnings.extend(extraction.warnings);
    let kind = extraction.kind.kind;
    let records = extraction.participants.len() + extraction.items.len();
    Ok(Document {
        source: Source {
            path: path.to_owned(),
            sha256,
            format,
            pages: raw.pages.len(),
            ocr_pages: raw.pages.iter().filter(|p| p.lines.iter().any(|l| l.ocr.is_some())).count(),
            kind,
            status: Status::of(kind, records, &warnings),
            referat_version: env!("CARGO_PKG_VERSION").to_owned(),
            rules: manifest::RULES_VERSION.to_owned(),
        },
        meeting: extraction.meeting,
        participants: extraction.participants,
        items: extraction.items,
        warnings,
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

/// Receives each finished input (from worker threads, in completion order).
pub trait Observer: Sync {
    fn file_done(&self, processed: &Processed);
}

/// One input of a run.
#[derive(Debug, Clone)]
pub enum Work {
    /// A file found by discovery.
    File(PathBuf),
    /// The previous record of an input this run did not walk (kept as it was).
    Kept(Entry),
}

impl Work {
    /// The shown name, which orders the outputs.
    pub fn name(&self) -> String {
        match self {
            Work::File(path) => display(path),
            Work::Kept(entry) => entry.path.clone(),
        }
    }
}

/// The work of a run: the files found and the kept records, in one path order.
pub fn work_list(files: Vec<PathBuf>, kept: Vec<Entry>) -> Vec<Work> {
    let mut work: Vec<(String, Work)> = files
        .into_iter()
        .map(Work::File)
        .chain(kept.into_iter().map(Work::Kept))
        .map(|w| (w.name(), w))
        .collect();
    work.sort_by(|a, b| Path::new(&a.0).cmp(Path::new(&b.0)));
    work.dedup_by(|a, b| a.0 == b.0);
    work.into_iter().map(|(_, w)| w).collect()
}

/// Processes one unit of work.
pub fn process_work(work: &Work, previous: &Manifest, ctx: &RunContext) -> Processed {
    match work {
        Work::File(path) => process_incremental(path, previous.entries.get(&display(path)), ctx),
        Work::Kept(entry) => reuse(entry, ctx).unwrap_or_else(|| {
            let failure = Failure {
                path: entry.path.clone(),
                stage: Stage::Read,
                reason: "the kept record of an input not walked this run is missing from the cache"
                    .to_owned(),
            };
            Processed { outcome: Err(failure), entry: None, reused: true }
        }),
    }
}

/// Processes `work` in parallel chunks and passes each result, in input order, to `sink`.
pub fn run_batch(
    work: &[Work],
    previous: &Manifest,
    ctx: &RunContext,
    observer: &dyn Observer,
    mut sink: impl FnMut(Processed) -> Result<(), crate::error::OutputError>,
) -> Result<(), crate::error::OutputError> {
    use rayon::prelude::*;
    // Chunks bound memory to the documents in flight.
    let chunk = (rayon::current_num_threads() * 8).max(8);
    for items in work.chunks(chunk) {
        let results: Vec<Processed> = items
            .par_iter()
            .map(|w| {
                let processed = process_work(w, previous, ctx);
                observer.file_done(&processed);
                processed
            })
            .collect();
        for processed in results {
            sink(processed)?;
        }
    }
    Ok(())
}

/// Keeps the inputs of shard `k` of `n`: a stable partition by a hash of the path (FNV-1a),
/// independent of content and of the other inputs.
pub fn shard(files: Vec<PathBuf>, k: usize, n: usize) -> Vec<PathBuf> {
    files.into_iter().filter(|p| shard_of(&display(p), n) == k).collect()
}

/// The shard (0-based) of an input path among `n`.
pub fn shard_of(path: &str, n: usize) -> usize {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (hash % n.max(1) as u64) as usize
}
