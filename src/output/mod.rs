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

/// How CSV files are written.
///
/// - `Standard` (default): RFC 4180, UTF-8 without BOM, `,`. Cells are the values as read; a
///   value that begins with `=`, `+`, `-` or `@` stays as it is, so a spreadsheet that
///   evaluates such cells should import the file as text (or use the Excel dialect).
/// - `Excel`: for Danish Excel: UTF-8 with BOM, `;` between cells, and every cell a
///   spreadsheet would evaluate as a formula (first character `=`, `+`, `-`, `@`, tab or
///   carriage return) prefixed with `'`, which Excel shows as text (OWASP's advice for CSV
///   injection).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CsvDialect {
    #[default]
    Standard,
    Excel,
}

impl CsvDialect {
    /// A cell as this dialect writes it.
    pub fn cell<'a>(self, value: &'a str) -> std::borrow::Cow<'a, str> {
        let formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
        if self == CsvDialect::Excel && formula {
            std::borrow::Cow::Owned(format!("'{value}"))
        } else {
            std::borrow::Cow::Borrowed(value)
        }
    }

    /// The value a cell of this dialect was written from.
    pub fn value(self, cell: &str) -> &str {
        match cell.strip_prefix('\'') {
            Some(rest) if self == CsvDialect::Excel && self.cell(rest) == cell => rest,
            _ => cell,
        }
    }
}

/// A CSV writer of one dialect.
struct CsvFile {
    writer: csv::Writer<AtomicFile>,
    dialect: CsvDialect,
    path: PathBuf,
}

impl CsvFile {
    fn create(path: PathBuf, header: &[&str], dialect: CsvDialect) -> Result<Self, OutputError> {
        let mut file = AtomicFile::create(&path)?;
        let delimiter = match dialect {
            CsvDialect::Standard => b',',
            CsvDialect::Excel => {
                file.write_all("\u{feff}".as_bytes())
                    .map_err(|source| OutputError::Io { path: path.clone(), source })?;
                b';'
            }
        };
        let writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(file);
        let mut csv = CsvFile { writer, dialect, path };
        csv.row(header)?;
        Ok(csv)
    }

    fn row<S: AsRef<str>>(
        &mut self,
        cells: impl IntoIterator<Item = S>,
    ) -> Result<(), OutputError> {
        let dialect = self.dialect;
        let cells: Vec<S> = cells.into_iter().collect();
        self.writer
            .write_record(cells.iter().map(|c| dialect.cell(c.as_ref()).into_owned()))
            .map_err(|source| OutputError::Csv { path: self.path.clone(), source })
    }

    fn commit(self) -> Result<(), OutputError> {
        let path = self.path;
        let file = self
            .writer
            .into_inner()
            .map_err(|e| OutputError::Io { path, source: e.into_error() })?;
        file.commit()
    }
}

/// All output files of one run, open for writing.
pub struct OutputSet {
    jsonl: AtomicFile,
    meetings: CsvFile,
    participants: CsvFile,
    items: CsvFile,
    warnings: CsvFile,
    errors: CsvFile,
    sqlite: sqlite::SqliteSink,
    dir: PathBuf,
}

impl OutputSet {
    /// Creates the output folder and opens every file under a temporary name.
    pub fn create(dir: &Path, dialect: CsvDialect) -> Result<Self, OutputError> {
        std::fs::create_dir_all(dir)
            .map_err(|source| OutputError::Io { path: dir.to_owned(), source })?;
        let csv = |name: &str, header: &[&str]| CsvFile::create(dir.join(name), header, dialect);
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
        self.meetings.row(tables::meeting_row(doc))?;
        for row in tables::participant_rows(doc) {
            self.participants.row(row)?;
        }
        for row in tables::item_rows(doc) {
            self.items.row(row)?;
        }
        for row in tables::warning_rows(doc) {
            self.warnings.row(row)?;
        }
        self.sqlite.write_document(doc)?;
        Ok(())
    }

    /// Writes one failure row.
    pub fn write_failure(&mut self, failure: &Failure) -> Result<(), OutputError> {
        self.sqlite.write_failure(failure)?;
        self.errors.row([failure.path.as_str(), failure.stage.as_str(), failure.reason.as_str()])
    }

    /// Flushes and renames every file into place.
    pub fn finish(self) -> Result<(), OutputError> {
        self.sqlite.finish()?;
        self.jsonl.commit()?;
        for file in [self.meetings, self.participants, self.items, self.warnings, self.errors] {
            file.commit()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::CsvDialect;

    #[test]
    fn excel_cells_that_would_be_formulas_are_text_and_read_back() {
        let excel = CsvDialect::Excel;
        for value in ["=IMPORTXML(A1)", "+45 12 34", "-1", "@SUM(A1)", "\tx"] {
            let cell = excel.cell(value);
            assert_eq!(cell, format!("'{value}"));
            assert_eq!(excel.value(&cell), value);
        }
        for value in ["Byrådet", "'citeret", "2 = 3", ""] {
            assert_eq!(excel.cell(value), value);
            assert_eq!(excel.value(value), value);
        }
        assert_eq!(CsvDialect::Standard.cell("=1+1"), "=1+1");
    }
}
