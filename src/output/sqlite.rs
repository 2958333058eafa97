//! `referat.sqlite`: the same tables and rows as the CSV files (one definition,
//! [`super::schema`]), typed, with keys, indexes and the views researchers ask for. Built under
//! a temporary name in one transaction and renamed into place when complete.
//!
//! # Format
//! Tables: those of `datapackage.json` (documents, meetings, meeting_disagreements,
//! participants, positions, items, votes, item_absences, people, person_names,
//! person_ambiguities, warnings, errors). Views (each meeting counted once: the tables hold
//! each meeting's source document only):
//! - `attendance_by_party`, `attendance_by_municipality`, `attendance_by_person`;
//! - `attendance_by_party_year`, `attendance_by_party_body`;
//! - `absence_by_person` (by person_id, most absences first);
//! - `votes_against_majority_by_party_year`;
//! - `meetings_by_body_year`.

use super::schema::{Table, Type};
use super::tables::Value;
use crate::pipeline::Failure;
use rusqlite::{Connection, params_from_iter};
use std::path::{Path, PathBuf};

/// Why the database could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write SQLite database {path}")]
pub struct SqliteError {
    pub path: PathBuf,
    #[source]
    pub source: rusqlite::Error,
}

const INDEXES: &str = "
CREATE INDEX participants_person ON participants(person_id);
CREATE INDEX participants_party ON participants(party);
CREATE INDEX participants_municipality ON participants(municipality_code);
CREATE INDEX participants_name ON participants(name);
CREATE INDEX items_meeting ON items(meeting_id);
CREATE INDEX items_case ON items(case_number);
CREATE INDEX votes_party ON votes(party);
CREATE INDEX documents_meeting ON documents(meeting_id);
CREATE INDEX warnings_code ON warnings(code);
";

/// The views. Rates are present (or against) over listed, to 4 decimals.
pub(crate) const VIEWS: &str = "
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
  SELECT person_id, MAX(name) AS name, MAX(party) AS party, COUNT(DISTINCT meeting_id) AS meetings,
         SUM(attendance = 'present') AS present, SUM(attendance = 'absent') AS absent
  FROM participants GROUP BY person_id ORDER BY name, person_id;
CREATE VIEW attendance_by_party_year AS
  SELECT p.party, MAX(p.party_name) AS party_name, m.year, COUNT(*) AS listed,
         SUM(p.attendance = 'present') AS present, SUM(p.attendance = 'absent') AS absent,
         ROUND(1.0 * SUM(p.attendance = 'present') / COUNT(*), 4) AS rate
  FROM participants p JOIN meetings m USING (meeting_id)
  WHERE p.party IS NOT NULL GROUP BY p.party, m.year ORDER BY p.party, m.year;
CREATE VIEW attendance_by_party_body AS
  SELECT p.party, MAX(p.party_name) AS party_name, m.body_id, MAX(m.body) AS body,
         MAX(m.municipality) AS municipality, COUNT(*) AS listed,
         SUM(p.attendance = 'present') AS present, SUM(p.attendance = 'absent') AS absent,
         ROUND(1.0 * SUM(p.attendance = 'present') / COUNT(*), 4) AS rate
  FROM participants p JOIN meetings m USING (meeting_id)
  WHERE p.party IS NOT NULL GROUP BY p.party, m.body_id ORDER BY p.party, body;
CREATE VIEW absence_by_person AS
  SELECT p.person_id, MAX(p.name) AS name, MAX(p.party) AS party, MAX(p.municipality) AS municipality,
         COUNT(DISTINCT p.meeting_id) AS meetings,
         SUM(p.attendance = 'present') AS present, SUM(p.attendance = 'absent') AS absent,
         ROUND(1.0 * SUM(p.attendance = 'absent') / COUNT(*), 4) AS absence_rate
  FROM participants p WHERE p.person_id IS NOT NULL
  GROUP BY p.person_id ORDER BY absent DESC, absence_rate DESC, name;
CREATE VIEW party_votes AS
  SELECT DISTINCT v.item_id, v.party, v.side, i.majority_side, m.year
  FROM votes v JOIN items i USING (item_id) JOIN meetings m ON m.meeting_id = i.meeting_id
  WHERE v.party IS NOT NULL AND i.majority_side IS NOT NULL;
CREATE VIEW votes_against_majority_by_party_year AS
  SELECT party, year, COUNT(DISTINCT item_id) AS items_voted,
         COUNT(DISTINCT CASE WHEN side IN ('for', 'against') AND side <> majority_side
                             THEN item_id END) AS against_majority,
         ROUND(1.0 * COUNT(DISTINCT CASE WHEN side IN ('for', 'against') AND side <> majority_side
                             THEN item_id END) / COUNT(DISTINCT item_id), 4) AS rate
  FROM party_votes GROUP BY party, year ORDER BY party, year;
CREATE VIEW meetings_by_body_year AS
  SELECT body_id, MAX(body) AS body, MAX(municipality) AS municipality,
         MAX(municipality_code) AS municipality_code, year, COUNT(*) AS meetings
  FROM meetings GROUP BY body_id, year ORDER BY municipality, body, year;
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

/// `CREATE TABLE` for a table of the package.
fn create_table(table: &Table) -> String {
    let mut columns: Vec<String> = table
        .fields
        .iter()
        .map(|f| {
            let not_null = if f.required { " NOT NULL" } else { "" };
            format!("\"{}\" {}{not_null}", f.name, f.ty.sqlite())
        })
        .collect();
    if !table.primary_key.is_empty() {
        columns.push(format!("PRIMARY KEY ({})", quoted(table.primary_key)));
    }
    for key in table.foreign_keys {
        columns.push(format!(
            "FOREIGN KEY ({}) REFERENCES \"{}\" ({})",
            quoted(key.fields),
            key.table,
            quoted(key.reference)
        ));
    }
    format!("CREATE TABLE \"{}\" (\n  {});\n", table.name, columns.join(",\n  "))
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

impl SqliteSink {
    pub fn create(target: &Path) -> Result<Self, SqliteError> {
        let temp = target.with_file_name(format!(".referat.sqlite.tmp-{}", std::process::id()));
        let _ = std::fs::remove_file(&temp);
        let conn = Connection::open(&temp).map_err(err(&temp))?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;",
        )
        .map_err(err(&temp))?;
        let ddl: String = super::schema::ALL.iter().map(create_table).collect();
        conn.execute_batch(&ddl).map_err(err(&temp))?;
        conn.execute_batch(INDEXES).map_err(err(&temp))?;
        conn.execute_batch(VIEWS).map_err(err(&temp))?;
        conn.execute_batch("BEGIN").map_err(err(&temp))?;
        Ok(SqliteSink { conn, temp, target: target.to_owned() })
    }

    /// Inserts one row of a table (values in the table's column order).
    pub(crate) fn insert(&mut self, table: &Table, row: &[Value]) -> Result<(), SqliteError> {
        let marks = vec!["?"; table.fields.len()].join(",");
        let sql = format!("INSERT INTO \"{}\" VALUES ({marks})", table.name);
        let values = row.iter().zip(table.fields).map(|(v, f)| sql_value(v, f.ty));
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.execute(params_from_iter(values)))
            .map(|_| ())
            .map_err(err(&self.temp))
    }

    pub fn write_failure(&mut self, failure: &Failure) -> Result<(), SqliteError> {
        let row = super::tables::error_row(failure);
        self.insert(&super::schema::ERRORS, &row)
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

fn sql_value(value: &Value, ty: Type) -> rusqlite::types::Value {
    use rusqlite::types::Value as Sql;
    match value {
        Value::Null => Sql::Null,
        Value::Text(text) if ty == Type::Year => text.parse().map_or(Sql::Null, Sql::Integer),
        Value::Text(text) => Sql::Text(text.clone()),
        Value::Int(n) => Sql::Integer(*n),
        Value::Real(x) => Sql::Real(f64::from(*x)),
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
    }
}
