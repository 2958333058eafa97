//! The output folder as generations: every run writes a complete new set of files into a
//! private folder and publishes it with one atomic rename, so a kill at any moment leaves
//! all old or all new files, never a mix. The folder is locked for the whole run.
//!
//! ```text
//! OUT/documents.jsonl → .referat/current/documents.jsonl   (one link per output file)
//! OUT/.referat/current → gen-41                            (replaced by rename)
//! OUT/.referat/gen-41/  documents.jsonl meetings.csv … manifest.jsonl referat.sqlite
//! OUT/.referat/lock                                        (held with File::try_lock)
//! OUT/.referat/journal.jsonl                               (manifest entries of the run so far)
//! ```
//! Where symbolic links are not available the files are renamed into `OUT/` one by one.

use crate::error::OutputError;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The files a generation publishes.
pub const FILES: &[&str] = &[
    "documents.jsonl",
    "meetings.csv",
    "participants.csv",
    "items.csv",
    "warnings.csv",
    "errors.csv",
    "referat.sqlite",
    "manifest.jsonl",
];

/// The private state folder inside an output folder.
pub fn state_dir(out: &Path) -> PathBuf {
    out.join(".referat")
}

/// Why an output folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another referat run is writing to {0} (its lock is held)")]
    Busy(PathBuf),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// An output folder locked by this run, with the new generation being written.
#[derive(Debug)]
pub struct Generation {
    out: PathBuf,
    staging: PathBuf,
    number: u64,
    published: bool,
    // Held until the run ends; the lock goes with the handle.
    _lock: File,
}

impl Drop for Generation {
    fn drop(&mut self) {
        // A run that stops before publishing leaves the previous generation as it was.
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io { path: path.to_owned(), source }
}

impl Generation {
    /// Creates and locks `out`, clears what an interrupted run left behind and opens a new
    /// generation folder.
    pub fn begin(out: &Path) -> Result<Self, LockError> {
        let state = state_dir(out);
        std::fs::create_dir_all(&state).map_err(io(&state))?;
        let lock_path = state.join("lock");
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io(&lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(LockError::Busy(out.to_owned())),
            Err(std::fs::TryLockError::Error(e)) => return Err(io(&lock_path)(e).into()),
        }
        let current = current_number(&state);
        remove_debris(out, &state, current);
        let number = current.map_or(1, |n| n + 1);
        let staging = state.join(format!("gen-{number}"));
        std::fs::create_dir_all(&staging).map_err(io(&staging))?;
        Ok(Generation { out: out.to_owned(), staging, number, published: false, _lock: lock })
    }

    /// Where this generation's files are written.
    pub fn dir(&self) -> &Path {
        &self.staging
    }

    /// Makes this generation the output: one rename switches every file at once.
    pub fn publish(mut self) -> Result<(), OutputError> {
        let state = state_dir(&self.out);
        sync_dir(&self.staging)?;
        let previous = current_number(&state);
        publish_files(&self.out, &state, self.number)?;
        self.published = true;
        let _ = std::fs::remove_file(journal_path(&self.out));
        if let Some(old) = previous.filter(|&n| n != self.number) {
            let _ = std::fs::remove_dir_all(state.join(format!("gen-{old}")));
        }
        Ok(())
    }
}

/// The journal of the run in progress (see [`crate::manifest`]).
pub fn journal_path(out: &Path) -> PathBuf {
    state_dir(out).join("journal.jsonl")
}

/// The published generation, if any.
fn current_number(state: &Path) -> Option<u64> {
    let target = std::fs::read_link(state.join("current")).ok()?;
    target.to_str()?.strip_prefix("gen-")?.parse().ok()
}

/// Generations that were never published and temporary files of killed runs.
fn remove_debris(out: &Path, state: &Path, current: Option<u64>) {
    if let Ok(entries) = std::fs::read_dir(state) {
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let number = name.strip_prefix("gen-").and_then(|n| n.parse::<u64>().ok());
            if number.is_some() && number != current {
                let _ = std::fs::remove_dir_all(entry.path());
            } else if name.starts_with("current.") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    // Earlier versions wrote `.name.tmp-PID` straight into the output folder.
    if let Ok(entries) = std::fs::read_dir(out) {
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && name.contains(".tmp-") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

fn sync_dir(dir: &Path) -> Result<(), OutputError> {
    // Not every platform can open a folder; the rename is then as durable as it gets.
    if let Ok(handle) = File::open(dir) {
        handle.sync_all().map_err(io(dir))?;
    }
    Ok(())
}

#[cfg(unix)]
fn publish_files(out: &Path, state: &Path, number: u64) -> Result<(), OutputError> {
    use std::os::unix::fs::symlink;
    let next = state.join("current.next");
    let _ = std::fs::remove_file(&next);
    symlink(format!("gen-{number}"), &next).map_err(io(&next))?;
    let current = state.join("current");
    std::fs::rename(&next, &current).map_err(io(&current))?;
    sync_dir(state)?;
    // The links in OUT point through `current`, so they are made once and never change.
    for name in FILES {
        let link = out.join(name);
        let target = Path::new(".referat/current").join(name);
        if std::fs::read_link(&link).is_ok_and(|t| t == target) {
            continue;
        }
        let temp = out.join(format!(".{name}.link-tmp"));
        let _ = std::fs::remove_file(&temp);
        symlink(&target, &temp).map_err(io(&temp))?;
        std::fs::rename(&temp, &link).map_err(io(&link))?;
    }
    sync_dir(out)
}

#[cfg(not(unix))]
fn publish_files(out: &Path, state: &Path, number: u64) -> Result<(), OutputError> {
    let staging = state.join(format!("gen-{number}"));
    for name in FILES {
        let from = staging.join(name);
        if from.exists() {
            std::fs::copy(&from, out.join(name)).map_err(io(&from))?;
        }
    }
    std::fs::write(state.join("current"), format!("gen-{number}")).map_err(io(state))?;
    Ok(())
}
