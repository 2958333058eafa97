//! The run manifest: per input, what was seen and done, so a re-run only does new work.
//!
//! `OUT/manifest.jsonl` holds one entry per input of the last published run (sorted by path):
//! size, modification time, sha256, the rules version that extracted it and the status.
//! Records of successfully extracted inputs are kept in `OUT/.cache/<key>.json`, so an
//! unchanged input is re-emitted without being read again.
//!
//! While a run goes on, each finished document's entry is appended to the journal
//! (`OUT/.referat/journal.jsonl`) and synced, after its cached record: a crash keeps the work
//! done, and the next run replays the journal over the manifest. A cached record is used only
//! when its sha256 is the entry's, so it never outlives the content it was extracted from.

use crate::error::OutputError;
use crate::model::Document;
use crate::output::atomic::AtomicFile;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The version of the extraction rules (code and reference data) this binary applies.
pub const RULES_VERSION: &str = env!("REFERAT_RULES_VERSION");

/// What the manifest remembers about one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub size: u64,
    pub mtime_ns: u128,
    pub sha256: String,
    pub rules: String,
    /// The document's status: "ok", "partial", "empty", "not_minutes" or "failed".
    pub status: String,
    pub stage: Option<String>,
    pub reason: Option<String>,
}

/// The previous run's manifest, by path.
#[derive(Debug, Default)]
pub struct Manifest {
    pub entries: HashMap<String, Entry>,
}

impl Manifest {
    /// Loads `OUT/manifest.jsonl` and replays the journal of an interrupted run over it; a
    /// missing or unreadable manifest is an empty one (everything is then extracted again,
    /// which is always safe), and a torn last journal line is ignored.
    pub fn load(out_dir: &Path) -> Manifest {
        let mut entries = HashMap::new();
        for path in [manifest_path(out_dir), crate::output::generation::journal_path(out_dir)] {
            let Ok(text) = std::fs::read_to_string(path) else { continue };
            for entry in text.lines().filter_map(|l| serde_json::from_str::<Entry>(l).ok()) {
                entries.insert(entry.path.clone(), entry);
            }
        }
        Manifest { entries }
    }

    /// Writes entries (sorted by path) atomically.
    pub fn save(out_dir: &Path, entries: &[Entry]) -> Result<(), OutputError> {
        let path = manifest_path(out_dir);
        let mut file = AtomicFile::create(&path)?;
        for entry in entries {
            let line = serde_json::to_string(entry)?;
            writeln!(file, "{line}")
                .map_err(|source| OutputError::Io { path: path.clone(), source })?;
        }
        file.commit()
    }
}

pub fn manifest_path(out_dir: &Path) -> PathBuf {
    out_dir.join("manifest.jsonl")
}

/// The folder of cached records.
pub fn cache_dir(out_dir: &Path) -> PathBuf {
    out_dir.join(".cache")
}

/// The cache file of an input path.
pub fn cache_path(out_dir: &Path, input: &str) -> PathBuf {
    let digest = Sha256::digest(input.as_bytes());
    let key: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    cache_dir(out_dir).join(format!("{key}.json"))
}

/// Stores a document's record in the cache.
pub fn store(out_dir: &Path, doc: &Document) -> Result<(), OutputError> {
    let path = cache_path(out_dir, &doc.source.path);
    let dir = cache_dir(out_dir);
    std::fs::create_dir_all(&dir).map_err(|source| OutputError::Io { path: dir, source })?;
    let mut file = AtomicFile::create(&path)?;
    serde_json::to_writer(&mut file, doc)?;
    file.commit()
}

/// Loads the cached record of an entry, if present, readable and extracted from the content
/// the entry names.
pub fn load_cached(out_dir: &Path, entry: &Entry) -> Option<Document> {
    let bytes = std::fs::read(cache_path(out_dir, &entry.path)).ok()?;
    let doc: Document = serde_json::from_slice(&bytes).ok()?;
    (doc.source.sha256 == entry.sha256).then_some(doc)
}

/// The append-only record of the run in progress: one synced line per finished document.
#[derive(Debug)]
pub struct Journal {
    file: Mutex<std::fs::File>,
    path: PathBuf,
}

impl Journal {
    /// Opens (appending to) the journal of an output folder; an interrupted run's entries stay.
    pub fn open(out_dir: &Path) -> Result<Self, OutputError> {
        let path = crate::output::generation::journal_path(out_dir);
        let file = std::fs::File::options()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|source| OutputError::Io { path: path.clone(), source })?;
        Ok(Journal { file: Mutex::new(file), path })
    }

    /// Appends an entry and waits until it is on disk.
    pub fn record(&self, entry: &Entry) -> Result<(), OutputError> {
        let mut line = serde_json::to_string(entry)?;
        line.push('\n');
        let io = |source| OutputError::Io { path: self.path.clone(), source };
        let file = self.file.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        (&*file).write_all(line.as_bytes()).map_err(io)?;
        file.sync_data().map_err(io)
    }
}

/// Removes cached records of inputs that are gone.
pub fn drop_gone(out_dir: &Path, previous: &Manifest, current: &[Entry]) {
    let kept: std::collections::HashSet<&str> = current.iter().map(|e| e.path.as_str()).collect();
    for path in previous.entries.keys().filter(|p| !kept.contains(p.as_str())) {
        let _ = std::fs::remove_file(cache_path(out_dir, path));
    }
}

/// Size and modification time of a file, the cheap first check.
pub fn stat(path: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
    Some((meta.len(), mtime))
}

/// The hex sha256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
