//! Combining shard outputs (`referat extract --shard K/N`) into exactly what one run over all
//! inputs gives: documents in path order (a k-way merge of the shards' sorted streams, so memory
//! stays bounded), errors with discovery failures first, the manifest and cached records.

use crate::error::OutputError;
use crate::manifest::{self, Entry, Manifest};
use crate::model::Document;
use crate::output::generation::{Generation, LockError};
use crate::output::{CsvDialect, OutputSet};
use crate::pipeline::{Failure, Stage};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// Why shards could not be merged.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    #[error("cannot read shard output {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid record in {path} line {line}")]
    Json {
        path: PathBuf,
        line: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("invalid errors.csv in {path}")]
    Csv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Lock(#[from] LockError),
}

/// Counts of a merge.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub documents: usize,
    pub errors: usize,
}

/// A shard's documents.jsonl, read one record at a time.
struct ShardStream {
    lines: std::io::Lines<BufReader<std::fs::File>>,
    path: PathBuf,
    line: usize,
    head: Option<Document>,
}

impl ShardStream {
    fn open(dir: &Path) -> Result<Self, MergeError> {
        let path = dir.join("documents.jsonl");
        let file = std::fs::File::open(&path)
            .map_err(|source| MergeError::Io { path: path.clone(), source })?;
        let mut stream =
            ShardStream { lines: BufReader::new(file).lines(), path, line: 0, head: None };
        stream.advance()?;
        Ok(stream)
    }

    fn advance(&mut self) -> Result<(), MergeError> {
        self.head = None;
        for line in self.lines.by_ref() {
            self.line += 1;
            let line = line.map_err(|source| MergeError::Io { path: self.path.clone(), source })?;
            if line.trim().is_empty() {
                continue;
            }
            let doc = serde_json::from_str(&line).map_err(|source| MergeError::Json {
                path: self.path.clone(),
                line: self.line,
                source,
            })?;
            self.head = Some(doc);
            break;
        }
        Ok(())
    }
}

/// Merges shard output folders into `out`.
pub fn merge(
    shards: &[PathBuf],
    out: &Path,
    dialect: CsvDialect,
) -> Result<MergeSummary, MergeError> {
    let mut streams = shards.iter().map(|d| ShardStream::open(d)).collect::<Result<Vec<_>, _>>()?;
    let generation = Generation::begin(out)?;
    let mut sink = OutputSet::create(generation.dir(), dialect)?;
    let mut summary = MergeSummary::default();
    let failures = merged_failures(shards)?;
    let (discovered, per_file): (Vec<Failure>, Vec<Failure>) =
        failures.into_iter().partition(|f| f.stage == Stage::Discover);
    for failure in &discovered {
        sink.write_failure(failure)?;
    }
    let mut per_file = per_file.into_iter().peekable();
    loop {
        // The stream whose next record comes first in path order.
        let next = streams
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.head.as_ref().map(|d| (i, Path::new(&d.source.path).to_owned())))
            .min_by(|a, b| a.1.cmp(&b.1));
        let Some((index, path)) = next else { break };
        while let Some(failure) = per_file.next_if(|f| Path::new(&f.path) < path.as_path()) {
            sink.write_failure(&failure)?;
            summary.errors += 1;
        }
        if let Some(doc) = streams[index].head.take() {
            sink.write_document(&doc)?;
            copy_cached(&shards[index], out, &doc.source.path);
            summary.documents += 1;
        }
        streams[index].advance()?;
    }
    for failure in per_file {
        sink.write_failure(&failure)?;
        summary.errors += 1;
    }
    summary.errors += discovered.len();
    sink.finish()?;
    let mut entries: Vec<Entry> =
        shards.iter().flat_map(|d| Manifest::load(d).entries.into_values()).collect();
    entries.sort_by(|a, b| Path::new(&a.path).cmp(Path::new(&b.path)));
    Manifest::save(generation.dir(), &entries)?;
    generation.publish()?;
    Ok(summary)
}

/// Every shard's error rows: discovery failures (reported by each shard) once, in first-seen
/// order; the others sorted by path.
fn merged_failures(shards: &[PathBuf]) -> Result<Vec<Failure>, MergeError> {
    let mut discovered: Vec<Failure> = Vec::new();
    let mut others: Vec<Failure> = Vec::new();
    for dir in shards {
        let path = dir.join("errors.csv");
        let bytes =
            std::fs::read(&path).map_err(|source| MergeError::Io { path: path.clone(), source })?;
        // A shard written in the Excel dialect starts with a BOM and separates by `;`.
        let (dialect, body) = match bytes.strip_prefix("\u{feff}".as_bytes()) {
            Some(body) => (CsvDialect::Excel, body),
            None => (CsvDialect::Standard, &bytes[..]),
        };
        let delimiter = if dialect == CsvDialect::Excel { b';' } else { b',' };
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(body);
        for row in reader.records() {
            let row = row.map_err(|source| MergeError::Csv { path: path.clone(), source })?;
            let cell = |i: usize| dialect.value(row.get(i).unwrap_or("")).to_owned();
            let stage = Stage::parse(&cell(1));
            let failure = Failure { path: cell(0), stage, reason: cell(2) };
            if stage == Stage::Discover {
                if !discovered.contains(&failure) {
                    discovered.push(failure);
                }
            } else {
                others.push(failure);
            }
        }
    }
    others.sort_by(|a, b| Path::new(&a.path).cmp(Path::new(&b.path)));
    discovered.extend(others);
    Ok(discovered)
}

/// Copies a shard's cached record so incremental runs work on the merged folder too.
fn copy_cached(shard: &Path, out: &Path, input: &str) {
    let from = manifest::cache_path(shard, input);
    let to = manifest::cache_path(out, input);
    if from != to && std::fs::create_dir_all(manifest::cache_dir(out)).is_ok() {
        let _ = std::fs::copy(from, to);
    }
}
