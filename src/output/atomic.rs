//! A file that appears under its name only when complete: written to a temporary sibling,
//! fsynced, then renamed. A crash leaves the previous version (or nothing), never half a file.

use crate::error::OutputError;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A buffered writer to `.<name>.tmp-<pid>` that [`commit`](AtomicFile::commit) renames.
pub struct AtomicFile {
    writer: BufWriter<File>,
    temp: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl AtomicFile {
    pub fn create(target: &Path) -> Result<Self, OutputError> {
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("output");
        let temp = target.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        let file =
            File::create(&temp).map_err(|source| OutputError::Io { path: temp.clone(), source })?;
        Ok(AtomicFile {
            writer: BufWriter::with_capacity(256 * 1024, file),
            temp,
            target: target.to_owned(),
            committed: false,
        })
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| OutputError::Io { path, source }
        };
        self.writer.flush().map_err(io(&self.temp))?;
        self.writer.get_ref().sync_all().map_err(io(&self.temp))?;
        std::fs::rename(&self.temp, &self.target).map_err(io(&self.target))?;
        self.committed = true;
        if let Some(dir) = self.target.parent() {
            // Persist the rename itself; not every platform can open a directory.
            if let Ok(handle) = File::open(dir) {
                let _ = handle.sync_all();
            }
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Not committed: leave no temporary file behind.
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}
