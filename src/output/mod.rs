//! Output sinks: `documents.jsonl` (one record per input, streamed as documents finish) and,
//! from it once the run is done, the research package: typed CSV tables with
//! `datapackage.json` and the same tables in `referat.sqlite` (#13). Every file is written
//! atomically (a temporary name renamed into place when complete).
//!
//! # Format
//! - `documents.jsonl`: one [`crate::model::Document`] per line, in input order
//!   (schema: `schemas/documents.schema.json`).
//! - The tables ([`schema::ALL`]; `datapackage.json` describes each column): `documents`,
//!   `meetings` (one row per meeting, however many documents carry it), `meeting_disagreements`,
//!   `participants`, `positions`, `items`, `votes`, `item_absences`, `people`, `person_names`,
//!   `person_ambiguities`, `warnings`, `errors`. They join on `document_id`, `meeting_id`,
//!   `item_id` and `person_id`, never on paths; list fields are long tables, an empty list is
//!   no rows; participants, items and votes come from each meeting's source document.
//! - `referat.sqlite`: the same rows and views (see [`sqlite`]).

pub mod atomic;
mod datapackage;
pub mod generation;
mod meetings;
pub mod people;
mod schema;
pub mod sqlite;
mod tables;

use crate::error::OutputError;
use crate::model::Document;
use crate::pipeline::Failure;
use atomic::AtomicFile;
use meetings::DocSummary;
use schema::Table;
use std::io::{BufRead, Read, Seek, Write};
use std::path::{Path, PathBuf};
use tables::Value;

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

/// What the tables are built with besides the documents.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub dialect: CsvDialect,
    /// An official list of members to link people to (`--roster`).
    pub roster: Option<Vec<people::RosterEntry>>,
}

/// What building the tables found.
#[derive(Debug, Default)]
pub struct Report {
    /// Documents (distinct contents) in the tables.
    pub documents: usize,
    pub meetings: usize,
    pub people: usize,
    /// Paths of kept records whose content was found at a path walked this run (a moved or
    /// renamed input): dropped, the walked path stands for them.
    pub superseded: Vec<String>,
    /// Roster names that matched no person or several.
    pub roster_warnings: Vec<String>,
}

/// All output files of one run, open for writing.
pub struct OutputSet {
    jsonl: AtomicFile,
    written: u64,
    summaries: Vec<DocSummary>,
    failures: Vec<Failure>,
    options: Options,
    dir: PathBuf,
}

impl OutputSet {
    /// Creates the output folder and opens `documents.jsonl` under a temporary name.
    pub fn create(dir: &Path, options: Options) -> Result<Self, OutputError> {
        std::fs::create_dir_all(dir)
            .map_err(|source| OutputError::Io { path: dir.to_owned(), source })?;
        Ok(OutputSet {
            jsonl: AtomicFile::create(&dir.join("documents.jsonl"))?,
            written: 0,
            summaries: Vec::new(),
            failures: Vec::new(),
            options,
            dir: dir.to_owned(),
        })
    }

    /// Writes one document's record.
    pub fn write_document(&mut self, doc: &Document) -> Result<(), OutputError> {
        self.write(doc, false)
    }

    /// Writes the record of an input this run did not walk; it is dropped when its content
    /// turns up at a walked path (the input was moved or renamed).
    pub fn write_kept_document(&mut self, doc: &Document) -> Result<(), OutputError> {
        self.write(doc, true)
    }

    fn write(&mut self, doc: &Document, kept: bool) -> Result<(), OutputError> {
        let mut line = serde_json::to_string(doc)?;
        line.push('\n');
        self.jsonl.write_all(line.as_bytes()).map_err(|e| self.io("documents.jsonl", e))?;
        self.summaries.push(DocSummary::of(doc, self.written, line.len() as u64, kept));
        self.written += line.len() as u64;
        Ok(())
    }

    fn io(&self, name: &str, source: std::io::Error) -> OutputError {
        OutputError::Io { path: self.dir.join(name), source }
    }

    /// Records one failure row.
    pub fn write_failure(&mut self, failure: &Failure) -> Result<(), OutputError> {
        self.failures.push(failure.clone());
        Ok(())
    }

    /// Completes `documents.jsonl`, builds every table from it and renames each file into
    /// place.
    pub fn finish(self) -> Result<Report, OutputError> {
        let mut report = Report::default();
        let superseded = self.superseded();
        let OutputSet { mut jsonl, mut summaries, failures, options, dir, .. } = self;
        let jsonl_path = dir.join("documents.jsonl");
        if superseded.iter().any(|&s| s) {
            jsonl = without(&dir, jsonl, &superseded)?;
            let mut offset = 0;
            let mut kept = Vec::with_capacity(summaries.len());
            for (mut summary, dropped) in summaries.into_iter().zip(&superseded) {
                if *dropped {
                    report.superseded.push(summary.path);
                } else {
                    summary.offset = offset;
                    offset += summary.len;
                    kept.push(summary);
                }
            }
            summaries = kept;
        }
        jsonl.commit()?;
        let mut builder = Builder::create(&dir, options.dialect)?;
        builder.build(&jsonl_path, &summaries, &failures, &options, &mut report)?;
        builder.finish(&dir, options.dialect)?;
        Ok(report)
    }

    /// Which records are kept ones whose content was also found at a walked path.
    fn superseded(&self) -> Vec<bool> {
        let walked: std::collections::HashSet<&str> =
            self.summaries.iter().filter(|s| !s.kept).map(|s| s.document_id.as_str()).collect();
        self.summaries.iter().map(|s| s.kept && walked.contains(s.document_id.as_str())).collect()
    }
}

/// A new `documents.jsonl` without the dropped lines (read back from the unfinished one).
fn without(dir: &Path, mut jsonl: AtomicFile, dropped: &[bool]) -> Result<AtomicFile, OutputError> {
    let io = |source| OutputError::Io { path: dir.join("documents.jsonl"), source };
    jsonl.flush().map_err(io)?;
    let staged = dir.join(".documents.jsonl.superseded");
    std::fs::copy(jsonl.temp_path(), &staged).map_err(io)?;
    drop(jsonl);
    let reader = std::io::BufReader::new(std::fs::File::open(&staged).map_err(io)?);
    let mut out = AtomicFile::create(&dir.join("documents.jsonl"))?;
    for (line, drop) in reader.split(b'\n').zip(dropped) {
        let line = line.map_err(io)?;
        if !drop {
            out.write_all(&line).and_then(|()| out.write_all(b"\n")).map_err(io)?;
        }
    }
    let _ = std::fs::remove_file(&staged);
    Ok(out)
}

/// The open tables: one CSV file each, and the database.
struct Builder {
    csv: Vec<CsvFile>,
    sqlite: sqlite::SqliteSink,
}

impl Builder {
    fn create(dir: &Path, dialect: CsvDialect) -> Result<Self, OutputError> {
        let csv = schema::ALL
            .iter()
            .map(|t| CsvFile::create(dir.join(t.file_name()), &t.header(), dialect))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Builder { csv, sqlite: sqlite::SqliteSink::create(&dir.join("referat.sqlite"))? })
    }

    fn row(&mut self, table: &Table, row: Vec<Value>) -> Result<(), OutputError> {
        debug_assert_eq!(row.len(), table.fields.len(), "{}", table.name);
        let index = schema::ALL.iter().position(|t| t.name == table.name).unwrap_or(0);
        self.csv[index].row(row.iter().map(Value::csv))?;
        self.sqlite.insert(table, &row)?;
        Ok(())
    }

    fn rows(
        &mut self,
        table: &Table,
        rows: impl IntoIterator<Item = Vec<Value>>,
    ) -> Result<(), OutputError> {
        for row in rows {
            self.row(table, row)?;
        }
        Ok(())
    }

    /// Writes every table: documents and warnings in input order, then each meeting (in
    /// date order) with its source document's listings, items and votes, then the people.
    fn build(
        &mut self,
        jsonl: &Path,
        docs: &[DocSummary],
        failures: &[Failure],
        options: &Options,
        report: &mut Report,
    ) -> Result<(), OutputError> {
        let io = |source| OutputError::Io { path: jsonl.to_owned(), source };
        // Identical files are one document: the first (in path order) stands for the others.
        let mut seen = std::collections::HashSet::new();
        let used: Vec<bool> = docs.iter().map(|d| seen.insert(d.document_id.clone())).collect();
        let (groups, of_doc) = meetings::group(docs, &used);
        let mut file = std::fs::File::open(jsonl).map_err(io)?;
        let mut read_at = |doc: &DocSummary| -> Result<Document, OutputError> {
            let mut bytes = vec![0; doc.len as usize];
            file.seek(std::io::SeekFrom::Start(doc.offset)).map_err(io)?;
            file.read_exact(&mut bytes).map_err(io)?;
            Ok(serde_json::from_slice(&bytes)?)
        };
        // People first: every table that names a person carries the id.
        let mut mentions = Vec::new();
        let mut mention_start = Vec::with_capacity(groups.len());
        for (g, group) in groups.iter().enumerate() {
            mention_start.push(mentions.len());
            let doc = read_at(&docs[group.source])?;
            mentions.extend(mentions_of(&doc, g, group));
        }
        let mut resolution = people::resolve(&mentions);
        if let Some(roster) = &options.roster {
            report.roster_warnings = people::link_roster(&mut resolution.people, roster);
        }
        for (i, doc) in docs.iter().enumerate().filter(|(i, _)| used[*i]) {
            let group = of_doc[i].map(|g| &groups[g]);
            let source = group.is_some_and(|g| g.source == i);
            self.row(
                &schema::DOCUMENTS,
                tables::document_row(doc, group.map(|g| g.meeting_id.as_str()), source),
            )?;
            if doc.warnings > 0 {
                let full = read_at(doc)?;
                self.rows(&schema::WARNINGS, tables::warning_rows(&full))?;
            }
        }
        for (g, group) in groups.iter().enumerate() {
            let doc = read_at(&docs[group.source])?;
            let start = mention_start[g];
            let people = tables::MeetingPeople {
                of_listing: (0..doc.participants.len())
                    .map(|i| {
                        let person = resolution.person_of.get(start + i)?;
                        Some(resolution.people.get(*person)?.person_id.clone())
                    })
                    .collect(),
            };
            let id = group.meeting_id.as_str();
            self.row(&schema::MEETINGS, tables::meeting_row(group, docs, &doc))?;
            self.rows(&schema::DISAGREEMENTS, tables::disagreement_rows(group, docs))?;
            self.rows(&schema::PARTICIPANTS, tables::participant_rows(id, &doc, &people))?;
            self.rows(&schema::POSITIONS, tables::position_rows(id, &doc, &people))?;
            let item_ids = tables::item_ids(id, &doc.items);
            for (item, item_id) in doc.items.iter().zip(&item_ids) {
                self.row(&schema::ITEMS, tables::item_row(item_id, id, &doc, item))?;
                self.rows(&schema::VOTES, tables::vote_rows(item_id, id, &doc, item, &people))?;
                self.rows(
                    &schema::ABSENCES,
                    tables::absence_rows(item_id, id, &doc, item, &people),
                )?;
            }
        }
        self.rows(&schema::PEOPLE, resolution.people.iter().map(tables::person_row))?;
        self.rows(&schema::PERSON_NAMES, tables::person_name_rows(&resolution))?;
        self.rows(&schema::AMBIGUITIES, tables::ambiguity_rows(&resolution))?;
        self.rows(&schema::ERRORS, failures.iter().map(tables::error_row))?;
        report.documents = used.iter().filter(|u| **u).count();
        report.meetings = groups.len();
        report.people = resolution.people.len();
        Ok(())
    }

    fn finish(self, dir: &Path, dialect: CsvDialect) -> Result<(), OutputError> {
        self.sqlite.finish()?;
        for file in self.csv {
            file.commit()?;
        }
        let path = dir.join("datapackage.json");
        let mut file = AtomicFile::create(&path)?;
        serde_json::to_writer_pretty(&mut file, &datapackage::descriptor(dialect))?;
        file.write_all(b"\n").map_err(|source| OutputError::Io { path, source })?;
        file.commit()
    }
}

/// The listings of a meeting's source document, for the people resolution (one per
/// participant, in order).
fn mentions_of(
    doc: &Document,
    meeting: usize,
    group: &meetings::MeetingGroup,
) -> Vec<people::Mention> {
    let m = &doc.meeting;
    let meeting_block =
        crate::ids::municipality_key(m.municipality_code.as_deref(), m.municipality.as_deref());
    doc.participants
        .iter()
        .map(|p| {
            let own = crate::ids::municipality_key(
                p.municipality_code.as_deref(),
                p.municipality.as_deref(),
            );
            let block = if !own.is_empty() {
                own
            } else if !meeting_block.is_empty() {
                meeting_block.clone()
            } else {
                format!("body:{}", group.body_id.as_deref().unwrap_or(&group.meeting_id))
            };
            people::Mention {
                name: p.name.clone(),
                party: p.party.clone(),
                municipality: p.municipality.clone(),
                municipality_code: p.municipality_code.clone(),
                block,
                date: m.date.clone(),
                present: p.attendance == crate::model::Attendance::Present,
                meeting,
            }
        })
        .collect()
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
