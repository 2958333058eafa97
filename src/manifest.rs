//! The run manifest: per input, what was seen and done, so a re-run only does new work.
//!
//! `OUT/manifest.jsonl` holds one entry per input of the last run (sorted by path): size,
//! modification time, sha256, the rules version that extracted it and the status. Records of
//! successfully extracted inputs are kept in `OUT/.cache/<key>.json`, so an unchanged input
//! is re-emitted without being read again.

use crate::error::OutputError;
use crate::model::Document;
use crate::output::atomic::AtomicFile;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

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
    /// "ok" or "failed".
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
    /// Loads `OUT/manifest.jsonl`; a missing or unreadable manifest is an empty one (everything
    /// is then extracted again, which is always safe).
    pub fn load(out_dir: &Path) -> Manifest {
        let Ok(text) = std::fs::read_to_string(manifest_path(out_dir)) else {
            return Manifest::default();
        };
        let entries = text
            .lines()
            .filter_map(|l| serde_json::from_str::<Entry>(l).ok())
            .map(|e| (e.path.clone(), e))
            .collect();
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

/// Loads a cached record, if present and readable.
pub fn load_cached(out_dir: &Path, input: &str) -> Option<Document> {
    let bytes = std::fs::read(cache_path(out_dir, input)).ok()?;
    serde_json::from_slice(&bytes).ok()
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
