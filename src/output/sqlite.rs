//! `referat.sqlite`: the same records as the CSV tables, with keys, indexes and attendance
//! views. Built under a temporary name in one transaction and renamed into place when complete.
//!
//! # Format
//! Tables `meetings`, `participants`, `items`, `decisions`, `votes` (one row per named voter or
//! party; counts are on `decisions`), `errors`; views `attendance_by_party`,
//! `attendance_by_municipality`, `attendance_by_person`.

use crate::model::Document;
use crate::pipeline::Failure;
use rusqlite::{Connection, params};
use std::path::{Path, PathBuf};

/// Why the database could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write SQLite database {path}")]
pub struct SqliteError {
    pub path: PathBuf,
    #[source]
    pub source: rusqlite::Error,
}

const SCHEMA: &str = "
CREATE TABLE meetings (
  document TEXT PRIMARY KEY, sha256 TEXT NOT NULL, format TEXT NOT NULL, kind TEXT NOT NULL,
  status TEXT NOT NULL, referat_version TEXT NOT NULL, rules TEXT NOT NULL, pages INTEGER NOT NULL,
  body TEXT, municipality TEXT, municipality_code TEXT, date TEXT, start_time TEXT, end_time TEXT,
  location TEXT, extraordinary INTEGER NOT NULL, ocr_pages INTEGER NOT NULL, warnings INTEGER NOT NULL);
CREATE TABLE warnings (
  document TEXT NOT NULL REFERENCES meetings(document), code TEXT NOT NULL, message TEXT NOT NULL,
  page INTEGER, line INTEGER);
CREATE TABLE participants (
  id INTEGER PRIMARY KEY, document TEXT NOT NULL REFERENCES meetings(document), idx INTEGER NOT NULL,
  name TEXT NOT NULL, role TEXT, municipality TEXT, municipality_code TEXT, party TEXT,
  party_name TEXT, grp TEXT, attendance TEXT NOT NULL, organisation TEXT, represents TEXT,
  positions TEXT, substitute_for TEXT, ocr INTEGER NOT NULL, ocr_confidence REAL,
  page INTEGER, line INTEGER);
CREATE TABLE items (
  id INTEGER PRIMARY KEY, document TEXT NOT NULL REFERENCES meetings(document), number TEXT NOT NULL,
  title TEXT NOT NULL, case_number TEXT, case_handler TEXT, closed INTEGER NOT NULL,
  recommendation TEXT, absent TEXT, ocr INTEGER NOT NULL, ocr_confidence REAL,
  page INTEGER, line INTEGER);
CREATE TABLE decisions (
  item_id INTEGER PRIMARY KEY REFERENCES items(id), document TEXT NOT NULL, text TEXT NOT NULL,
  outcome TEXT, votes_for INTEGER, votes_against INTEGER, votes_abstain INTEGER,
  page INTEGER, line INTEGER);
CREATE TABLE votes (
  id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items(id), document TEXT NOT NULL,
  side TEXT NOT NULL, party TEXT, name TEXT);
CREATE TABLE errors (path TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL);
CREATE INDEX participants_document ON participants(document);
CREATE INDEX participants_party ON participants(party);
CREATE INDEX participants_municipality ON participants(municipality_code);
CREATE INDEX participants_name ON participants(name);
CREATE INDEX items_document ON items(document);
CREATE INDEX warnings_code ON warnings(code);
CREATE INDEX items_case ON items(case_number);
CREATE INDEX votes_item ON votes(item_id);
CREATE INDEX votes_party ON votes(party);
CREATE VIEW attendance_by_party AS
  SELECT party, MAX(party_name) AS party_name, COUNT(*) AS listed,
         SUM(attendance = 'present') AS present, SUM(attendance = 'absent') AS absent,
         ROUND(1.0 * SUM(attendance = 'present') / COUNT(*), 4) AS rate
  FROM participants WHERE party IS NOT NULL GROUP BY party ORDER BY party;
CREATE VIEW attendance_by_municipality AS
  SELECT municipality_code, MAX(municipality) AS municipality, COUNT(*) AS listed,
         SUM(attendance = 'present') AS present, SUM(attendance = 'absent') AS absent,
         ROUND(1.0 * SUM(attendance = 'present') / COUNT(*), 4) AS rate
  FROM participants WHERE municipality_code IS NOT NULL GROUP BY municipality_code ORDER BY municipality_code;
CREATE VIEW attendance_by_person AS
  SELECT name, party, COUNT(DISTINCT document) AS meetings,
         SUM(attendance = 'present') AS present, SUM(attendance = 'absent') AS absent
  FROM participants GROUP BY name, party ORDER BY name, party;
";

/// An open database being filled.
pub struct SqliteSink {
    conn: Connection,
    temp: PathBuf,
    target: PathBuf,
}

fn err(path: &Path) -> impl Fn(rusqlite::Error) -> SqliteError + '_ {
    move |source| SqliteError { path: path.to_owned(), source }
}

impl SqliteSink {
    pub fn create(target: &Path) -> Result<Self, SqliteError> {
        let temp = target.with_file_name(format!(".referat.sqlite.tmp-{}", std::process::id()));
        let _ = std::fs::remove_file(&temp);
        let conn = Connection::open(&temp).map_err(err(&temp))?;
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            .map_err(err(&temp))?;
        conn.execute_batch(SCHEMA).map_err(err(&temp))?;
        conn.execute_batch("BEGIN").map_err(err(&temp))?;
        Ok(SqliteSink { conn, temp, target: target.to_owned() })
    }

    pub fn write_document(&mut self, doc: &Document) -> Result<(), SqliteError> {
        let e = err(&self.temp);
        let path = &doc.source.path;
        let m = &doc.meeting;
        self.conn
            .prepare_cached(
                "INSERT INTO meetings VALUES \
                 (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    path,
                    doc.source.sha256,
                    doc.source.format.as_str(),
                    doc.source.kind.as_str(),
                    doc.source.status.as_str(),
                    doc.source.referat_version,
                    doc.source.rules,
                    doc.source.pages as i64,
                    m.body,
                    m.municipality,
                    m.municipality_code,
                    m.date,
                    m.start_time,
                    m.end_time,
                    m.location,
                    m.extraordinary,
                    doc.source.ocr_pages as i64,
                    doc.warnings.len() as i64
                ])
            })
            .map_err(&e)?;
        for w in &doc.warnings {
            self.conn
                .prepare_cached("INSERT INTO warnings VALUES (?1,?2,?3,?4,?5)")
                .and_then(|mut s| {
                    s.execute(params![
                        path,
                        w.code,
                        w.message,
                        w.page.map(|p| p as i64),
                        w.line.map(|l| l as i64)
                    ])
                })
                .map_err(&e)?;
        }
        for (i, p) in doc.participants.iter().enumerate() {
            self.conn
                .prepare_cached("INSERT INTO participants (document, idx, name, role, municipality, municipality_code, party, party_name, grp, attendance, organisation, represents, positions, substitute_for, ocr, ocr_confidence, page, line) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)")
                .and_then(|mut s| {
                    s.execute(params![
                        path, (i + 1) as i64, p.name, p.role, p.municipality, p.municipality_code, p.party,
                        p.party_name, p.group, p.attendance.as_str(), p.organisation, p.represents,
                        p.positions.join("; "), p.substitute_for, p.ocr, p.ocr_confidence, p.page as i64, p.line as i64
                    ])
                })
                .map_err(&e)?;
        }
        for item in &doc.items {
            self.conn
                .prepare_cached("INSERT INTO items (document, number, title, case_number, case_handler, closed, recommendation, absent, ocr, ocr_confidence, page, line) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)")
                .and_then(|mut s| {
                    s.execute(params![
                        path, item.number, item.title, item.case_number, item.case_handler, item.closed,
                        item.recommendation, item.absent.join("; "), item.ocr, item.ocr_confidence, item.page as i64, item.line as i64
                    ])
                })
                .map_err(&e)?;
            let item_id = self.conn.last_insert_rowid();
            let Some(decision) = &item.decision else {
                continue;
            };
            let votes = decision.votes.as_ref();
            self.conn
                .prepare_cached("INSERT INTO decisions VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)")
                .and_then(|mut s| {
                    s.execute(params![
                        item_id,
                        path,
                        decision.text,
                        decision.outcome.map(|o| o.as_str()),
                        votes.and_then(|v| v.for_.count),
                        votes.and_then(|v| v.against.count),
                        votes.and_then(|v| v.abstain.count),
                        decision.page as i64,
                        decision.line as i64
                    ])
                })
                .map_err(&e)?;
            let Some(votes) = votes else { continue };
            for (side, voters) in
                [("for", &votes.for_), ("against", &votes.against), ("abstain", &votes.abstain)]
            {
                for voter in &voters.voters {
                    self.conn
                        .prepare_cached("INSERT INTO votes (item_id, document, side, party, name) VALUES (?1,?2,?3,?4,?5)")
                        .and_then(|mut s| s.execute(params![item_id, path, side, voter.party, voter.name]))
                        .map_err(&e)?;
                }
            }
        }
        Ok(())
    }

    pub fn write_failure(&mut self, failure: &Failure) -> Result<(), SqliteError> {
        self.conn
            .prepare_cached("INSERT INTO errors VALUES (?1,?2,?3)")
            .and_then(|mut s| {
                s.execute(params![failure.path, failure.stage.as_str(), failure.reason])
            })
            .map(|_| ())
            .map_err(err(&self.temp))
    }

    /// Commits, closes and renames the database into place.
    pub fn finish(self) -> Result<(), SqliteError> {
        self.conn.execute_batch("COMMIT").map_err(err(&self.temp))?;
        self.conn.close().map_err(|(_, source)| SqliteError { path: self.temp.clone(), source })?;
        if let Ok(file) = std::fs::File::open(&self.temp) {
            let _ = file.sync_all();
        }
        std::fs::rename(&self.temp, &self.target).map_err(|e| SqliteError {
            path: self.target.clone(),
            source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
        })
    }
}
