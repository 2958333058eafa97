//! Output sinks: `documents.jsonl` and the tidy CSV tables, written atomically (each file goes
//! to a temporary name in the output folder and is renamed into place only when complete).
//!
//! # Format
//! - `documents.jsonl`: one [`crate::model::Document`] per line, in input order
//!   (schema: `schemas/documents.schema.json`).
//! - `meetings.csv`, `participants.csv`, `items.csv`: one row per record; the `document`
//!   column (the input path) joins them. List-valued fields are joined with "; ".
//! - `warnings.csv`: `document,code,message,page,line`, one row per warning (codes in
//!   `docs/extraction-rules.md`); `meetings.csv` counts them in its `warnings` column.
//! - `errors.csv`: `path,stage,reason` for every input that could not be processed.
//! - `referat.sqlite`: the same rows in SQLite (see [`sqlite`]).

pub mod atomic;
pub mod generation;
pub mod sqlite;
pub mod tables;

use crate::error::OutputError;
use crate::model::Document;
use crate::pipeline::Failure;
use atomic::AtomicFile;
use std::io::Write;
use std::path::{Path, PathBuf};

/// All output files of one run, open for writing.
pub struct OutputSet {
    jsonl: AtomicFile,
    meetings: csv::Writer<AtomicFile>,
    participants: csv::Writer<AtomicFile>,
    items: csv::Writer<AtomicFile>,
    warnings: csv::Writer<AtomicFile>,
    errors: csv::Writer<AtomicFile>,
    sqlite: sqlite::SqliteSink,
    dir: PathBuf,
}

impl OutputSet {
    /// Creates the output folder and opens every file under a temporary name.
    pub fn create(dir: &Path) -> Result<Self, OutputError> {
        std::fs::create_dir_all(dir)
            .map_err(|source| OutputError::Io { path: dir.to_owned(), source })?;
        let csv = |name: &str, header: &[&str]| -> Result<csv::Writer<AtomicFile>, OutputError> {
            let path = dir.join(name);
            let mut writer = csv::Writer::from_writer(AtomicFile::create(&path)?);
            writer.write_record(header).map_err(|source| OutputError::Csv { path, source })?;
            Ok(writer)
        };
        Ok(OutputSet {
            jsonl: AtomicFile::create(&dir.join("documents.jsonl"))?,
            meetings: csv("meetings.csv", tables::MEETING_COLUMNS)?,
            participants: csv("participants.csv", tables::PARTICIPANT_COLUMNS)?,
            items: csv("items.csv", tables::ITEM_COLUMNS)?,
            warnings: csv("warnings.csv", tables::WARNING_COLUMNS)?,
            errors: csv("errors.csv", &["path", "stage", "reason"])?,
            sqlite: sqlite::SqliteSink::create(&dir.join("referat.sqlite"))?,
            dir: dir.to_owned(),
        })
    }

    /// Writes one document's records.
    pub fn write_document(&mut self, doc: &Document) -> Result<(), OutputError> {
        let line = serde_json::to_string(doc)?;
        let io = |dir: &Path, source| OutputError::Io { path: dir.join("documents.jsonl"), source };
        self.jsonl.write_all(line.as_bytes()).map_err(|e| io(&self.dir, e))?;
        self.jsonl.write_all(b"\n").map_err(|e| io(&self.dir, e))?;
        let csv_err = |name: &str, dir: &Path| {
            let path = dir.join(name);
            move |source| OutputError::Csv { path, source }
        };
        self.meetings
            .write_record(tables::meeting_row(doc))
            .map_err(csv_err("meetings.csv", &self.dir))?;
        for row in tables::participant_rows(doc) {
            self.participants.write_record(row).map_err(csv_err("participants.csv", &self.dir))?;
        }
        for row in tables::item_rows(doc) {
            self.items.write_record(row).map_err(csv_err("items.csv", &self.dir))?;
        }
        for row in tables::warning_rows(doc) {
            self.warnings.write_record(row).map_err(csv_err("warnings.csv", &self.dir))?;
        }
        self.sqlite.write_document(doc)?;
        Ok(())
    }

    /// Writes one failure row.
    pub fn write_failure(&mut self, failure: &Failure) -> Result<(), OutputError> {
        self.sqlite.write_failure(failure)?;
        let path = self.dir.join("errors.csv");
        self.errors
            .write_record([failure.path.as_str(), failure.stage.as_str(), failure.reason.as_str()])
            .map_err(|source| OutputError::Csv { path, source })
    }

    /// Flushes and renames every file into place.
    pub fn finish(self) -> Result<(), OutputError> {
        self.sqlite.finish()?;
        self.jsonl.commit()?;
        for (writer, name) in [
            (self.meetings, "meetings.csv"),
            (self.participants, "participants.csv"),
            (self.items, "items.csv"),
            (self.warnings, "warnings.csv"),
            (self.errors, "errors.csv"),
        ] {
            let path = self.dir.join(name);
            let file = writer
                .into_inner()
                .map_err(|e| OutputError::Io { path, source: e.into_error() })?;
            file.commit()?;
        }
        Ok(())
    }
}
