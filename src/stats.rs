//! Statistics over an output folder's `referat.sqlite`, opened read-only (an archive on
//! read-only media works): attendance by party (overall, per year or per body), how often each
//! party votes against the majority per year, who is absent most, and meetings per body per
//! year. Each meeting counts once: the tables hold each meeting's source document only.

use rusqlite::{Connection, OpenFlags, params};
use std::fmt::Write;
use std::path::Path;

/// Why statistics could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StatsError {
    #[error("cannot read {path} (run `referat extract` into this folder first)")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot query {path}")]
    Query {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
}

/// How attendance is grouped besides the party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    /// Party only.
    #[default]
    Party,
    Year,
    Body,
}

/// Which meetings count: those dated within the years (both ends included). Without a bound
/// every meeting counts, undated ones too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Period {
    pub from: Option<i32>,
    pub to: Option<i32>,
}

impl Period {
    /// "2019–2025", "from 2019", "until 2021", "all years".
    pub fn label(&self) -> String {
        match (self.from, self.to) {
            (Some(a), Some(b)) => format!("{a}\u{2013}{b}"),
            (Some(a), None) => format!("from {a}"),
            (None, Some(b)) => format!("until {b}"),
            (None, None) => "all years".to_owned(),
        }
    }
}

/// Attendance counts of one party (in one year or body).
#[derive(Debug, Clone, PartialEq)]
pub struct Attendance {
    pub party: String,
    pub party_name: String,
    /// The year or the body ("Byrådet, Hjørring Kommune"), by the grouping asked for.
    pub group: Option<String>,
    pub listed: i64,
    pub present: i64,
    pub absent: i64,
}

impl Attendance {
    pub fn rate(&self) -> f64 {
        if self.listed == 0 { 0.0 } else { self.present as f64 / self.listed as f64 }
    }
}

/// How often a party voted against the majority in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct AgainstMajority {
    pub party: String,
    pub year: Option<i64>,
    pub items_voted: i64,
    pub against_majority: i64,
}

/// A person's absences.
#[derive(Debug, Clone, PartialEq)]
pub struct Absence {
    pub person_id: String,
    pub name: String,
    pub party: Option<String>,
    pub meetings: i64,
    pub absent: i64,
}

/// Meetings of one body in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyYear {
    pub body: String,
    pub municipality: Option<String>,
    pub year: Option<i64>,
    pub meetings: i64,
}

/// An output folder's database, open read-only.
pub struct Stats {
    conn: Connection,
    path: String,
}

const IN_PERIOD: &str = "(?1 IS NULL OR m.year >= ?1) AND (?2 IS NULL OR m.year <= ?2)";

impl Stats {
    pub fn open(out_dir: &Path) -> Result<Stats, StatsError> {
        let path = out_dir.join("referat.sqlite");
        let shown = crate::pathname::display(&path);
        if !path.is_file() {
            let source = rusqlite::Error::InvalidPath(path.clone());
            return Err(StatsError::Open { path: shown, source });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags)
            .map_err(|source| StatsError::Open { path: shown.clone(), source })?;
        Ok(Stats { conn, path: shown })
    }

    fn query<T>(
        &self,
        sql: &str,
        period: Period,
        row: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StatsError> {
        let err = |source| StatsError::Query { path: self.path.clone(), source };
        let mut stmt = self.conn.prepare(sql).map_err(err)?;
        let rows = stmt.query_map(params![period.from, period.to], |r| row(r)).map_err(err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(err)
    }

    /// Meetings counted in the period.
    pub fn meetings(&self, period: Period) -> Result<i64, StatsError> {
        let sql = format!("SELECT COUNT(*) FROM meetings m WHERE {IN_PERIOD}");
        Ok(self.query(&sql, period, |r| r.get(0))?.first().copied().unwrap_or(0))
    }

    /// Attendance by party, grouped as asked, in party then group order.
    pub fn attendance(&self, by: By, period: Period) -> Result<Vec<Attendance>, StatsError> {
        let group = match by {
            By::Party => "NULL",
            By::Year => "CAST(m.year AS TEXT)",
            By::Body => {
                "COALESCE(m.body, '') || CASE WHEN m.municipality IS NULL THEN '' ELSE ', ' || m.municipality END"
            }
        };
        let group_key = if by == By::Body { "m.body_id" } else { group };
        let sql = format!(
            "SELECT p.party, MAX(COALESCE(p.party_name, '')), MAX({group}), COUNT(*),
                    SUM(p.attendance = 'present'), SUM(p.attendance = 'absent')
             FROM participants p JOIN meetings m USING (meeting_id)
             WHERE p.party IS NOT NULL AND {IN_PERIOD}
             GROUP BY p.party, {group_key} ORDER BY p.party, MAX({group})"
        );
        self.query(&sql, period, |r| {
            Ok(Attendance {
                party: r.get(0)?,
                party_name: r.get(1)?,
                group: r.get(2)?,
                listed: r.get(3)?,
                present: r.get(4)?,
                absent: r.get(5)?,
            })
        })
    }

    /// How often each party voted against the majority, per year.
    pub fn against_majority(&self, period: Period) -> Result<Vec<AgainstMajority>, StatsError> {
        let sql = format!(
            "SELECT v.party, m.year, COUNT(DISTINCT v.item_id),
                    COUNT(DISTINCT CASE WHEN v.side IN ('for', 'against') AND v.side <> i.majority_side
                                        THEN v.item_id END)
             FROM votes v JOIN items i USING (item_id) JOIN meetings m ON m.meeting_id = i.meeting_id
             WHERE v.party IS NOT NULL AND i.majority_side IS NOT NULL AND {IN_PERIOD}
             GROUP BY v.party, m.year ORDER BY v.party, m.year"
        );
        self.query(&sql, period, |r| {
            Ok(AgainstMajority {
                party: r.get(0)?,
                year: r.get(1)?,
                items_voted: r.get(2)?,
                against_majority: r.get(3)?,
            })
        })
    }

    /// The people absent most often (at most `limit`).
    pub fn absent_most(&self, period: Period, limit: usize) -> Result<Vec<Absence>, StatsError> {
        let sql = format!(
            "SELECT p.person_id, MAX(p.name), MAX(p.party), COUNT(DISTINCT p.meeting_id),
                    SUM(p.attendance = 'absent') AS absent
             FROM participants p JOIN meetings m USING (meeting_id)
             WHERE p.person_id IS NOT NULL AND {IN_PERIOD}
             GROUP BY p.person_id HAVING absent > 0
             ORDER BY absent DESC, MAX(p.name), p.person_id LIMIT {limit}"
        );
        self.query(&sql, period, |r| {
            Ok(Absence {
                person_id: r.get(0)?,
                name: r.get(1)?,
                party: r.get(2)?,
                meetings: r.get(3)?,
                absent: r.get(4)?,
            })
        })
    }

    /// Meetings per body per year.
    pub fn meetings_per_body(&self, period: Period) -> Result<Vec<BodyYear>, StatsError> {
        let sql = format!(
            "SELECT MAX(COALESCE(m.body, '')), MAX(m.municipality), m.year, COUNT(*)
             FROM meetings m WHERE {IN_PERIOD}
             GROUP BY m.body_id, m.year ORDER BY MAX(m.municipality), MAX(m.body), m.year"
        );
        self.query(&sql, period, |r| {
            Ok(BodyYear {
                body: r.get(0)?,
                municipality: r.get(1)?,
                year: r.get(2)?,
                meetings: r.get(3)?,
            })
        })
    }
}

/// An aligned text table of attendance rows.
pub fn attendance_table(title: &str, by: By, rows: &[Attendance]) -> String {
    let width = rows.iter().map(|t| t.party_name.chars().count()).max().unwrap_or(4).max(4);
    let group_name = match by {
        By::Party => None,
        By::Year => Some("year"),
        By::Body => Some("body"),
    };
    let gwidth = rows
        .iter()
        .filter_map(|r| r.group.as_ref())
        .map(|g| g.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = format!("{title}\n{:<6} {:<width$}", "party", "name");
    if let Some(g) = group_name {
        let _ = write!(out, " {g:<gwidth$}");
    }
    let _ = writeln!(out, " {:>7} {:>7} {:>7} {:>6}", "listed", "present", "absent", "rate");
    for t in rows {
        let _ = write!(out, "{:<6} {:<width$}", t.party, t.party_name);
        if group_name.is_some() {
            let _ = write!(out, " {:<gwidth$}", t.group.as_deref().unwrap_or("(undated)"));
        }
        let _ =
            writeln!(out, " {:>7} {:>7} {:>7} {:>6.3}", t.listed, t.present, t.absent, t.rate());
    }
    out
}

/// Attendance rows as CSV (`party,party_name,group,listed,present,absent,rate`).
pub fn attendance_csv(rows: &[Attendance]) -> String {
    let field = |text: &str| {
        if text.contains([',', '"', '\n']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.to_owned()
        }
    };
    let mut out = String::from("party,party_name,group,listed,present,absent,rate\n");
    for t in rows {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{:.4}",
            field(&t.party),
            field(&t.party_name),
            field(t.group.as_deref().unwrap_or("")),
            t.listed,
            t.present,
            t.absent,
            t.rate()
        );
    }
    out
}

/// A horizontal bar chart (SVG) of the attendance rate per party, highest first: a labelled
/// axis from 0 to 100 %, each bar named by letter and party name, and a caption naming the
/// data and the period.
pub fn svg_bars(rows: &[Attendance], caption: &str) -> String {
    let mut sorted: Vec<&Attendance> = rows.iter().collect();
    sorted.sort_by(|a, b| b.rate().total_cmp(&a.rate()).then(a.party.cmp(&b.party)));
    let label_width = 230.0;
    let plot = 400.0;
    let bar = 22;
    let top = 50;
    let height = top + sorted.len() * (bar + 6) + 70;
    let axis_y = top + sorted.len() * (bar + 6) + 4;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"13\" role=\"img\">\n<title>{}</title>\n<text x=\"10\" y=\"22\" font-weight=\"bold\">Attendance rate by party</text>\n",
        label_width as usize + plot as usize + 120,
        xml_escape(caption)
    );
    for (i, t) in sorted.iter().enumerate() {
        let y = top + i * (bar + 6);
        let w = (t.rate() * plot).round();
        let label = if t.party_name.is_empty() {
            t.party.clone()
        } else {
            format!("{} {}", t.party, t.party_name)
        };
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{label_width}\" y=\"{y}\" width=\"{w}\" height=\"{bar}\" fill=\"#4a78b0\"/><text x=\"{}\" y=\"{}\">{:.1}% ({}/{})</text>",
            label_width - 8.0,
            y + 16,
            xml_escape(&label),
            label_width + w + 6.0,
            y + 16,
            t.rate() * 100.0,
            t.present,
            t.listed
        );
    }
    let _ = writeln!(
        svg,
        "<line x1=\"{label_width}\" y1=\"{axis_y}\" x2=\"{}\" y2=\"{axis_y}\" stroke=\"#333\"/>",
        label_width + plot
    );
    for tick in 0..=4 {
        let x = label_width + plot * f64::from(tick) / 4.0;
        let _ = writeln!(
            svg,
            "<line x1=\"{x}\" y1=\"{axis_y}\" x2=\"{x}\" y2=\"{}\" stroke=\"#333\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}%</text>",
            axis_y + 5,
            axis_y + 19,
            tick * 25
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">attendance rate (present / listed)</text>\n<text x=\"10\" y=\"{}\" font-size=\"11\">{}</text>",
        label_width + plot / 2.0,
        axis_y + 36,
        axis_y + 58,
        xml_escape(caption)
    );
    svg.push_str("</svg>\n");
    svg
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_is_sorted_with_axis_caption_and_names() {
        let row = |party: &str, name: &str, present, listed| Attendance {
            party: party.into(),
            party_name: name.into(),
            group: None,
            listed,
            present,
            absent: listed - present,
        };
        let rows = [row("A", "Socialdemokratiet", 5, 10), row("V", "Venstre", 9, 10)];
        let svg = svg_bars(&rows, "12 meetings in out/, 2019\u{2013}2025");
        assert!(svg.find("V Venstre").expect("V") < svg.find("A Socialdemokratiet").expect("A"));
        assert!(svg.contains("100%") && svg.contains("attendance rate (present / listed)"));
        assert!(svg.contains("12 meetings in out/, 2019\u{2013}2025"));
        assert_eq!(Period { from: Some(2019), to: None }.label(), "from 2019");
    }
}
