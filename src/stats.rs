//! Attendance statistics over an output folder: per party letter and per municipality,
//! how many listings, how many present and absent, and the attendance rate.

use crate::model::{Attendance, Document};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// Attendance counts of one group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub label: String,
    pub listed: usize,
    pub present: usize,
    pub absent: usize,
}

impl Tally {
    pub fn rate(&self) -> f64 {
        if self.listed == 0 { 0.0 } else { self.present as f64 / self.listed as f64 }
    }
}

/// Attendance by party and by municipality code.
#[derive(Debug, Default)]
pub struct AttendanceStats {
    pub by_party: BTreeMap<String, Tally>,
    pub by_municipality: BTreeMap<String, Tally>,
}

/// Reads `DIR/documents.jsonl` record by record and tallies attendance.
pub fn attendance(out_dir: &Path) -> std::io::Result<AttendanceStats> {
    let file = std::fs::File::open(out_dir.join("documents.jsonl"))?;
    let mut stats = AttendanceStats::default();
    for line in BufReader::new(file).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Document = serde_json::from_str(&line).map_err(std::io::Error::other)?;
        for p in &doc.participants {
            if let Some(party) = &p.party {
                tally(&mut stats.by_party, party, p.party_name.as_deref(), p.attendance);
            }
            if let Some(code) = &p.municipality_code {
                tally(&mut stats.by_municipality, code, p.municipality.as_deref(), p.attendance);
            }
        }
    }
    Ok(stats)
}

/// Counts one listing in the tally of `key`.
fn tally(
    table: &mut BTreeMap<String, Tally>,
    key: &str,
    label: Option<&str>,
    attendance: Attendance,
) {
    let entry = table.entry(key.to_owned()).or_insert_with(|| Tally {
        label: label.unwrap_or_default().to_owned(),
        ..Tally::default()
    });
    entry.listed += 1;
    match attendance {
        Attendance::Present => entry.present += 1,
        Attendance::Absent => entry.absent += 1,
    }
}

/// An aligned text table of tallies.
pub fn table(title: &str, key: &str, rows: &BTreeMap<String, Tally>) -> String {
    let width = rows.values().map(|t| t.label.chars().count()).max().unwrap_or(4).max(4);
    let mut out = format!(
        "{title}\n{key:<6} {:<width$} {:>7} {:>7} {:>7} {:>6}\n",
        "name", "listed", "present", "absent", "rate"
    );
    for (k, t) in rows {
        let _ = writeln!(
            out,
            "{k:<6} {:<width$} {:>7} {:>7} {:>7} {:>6.3}",
            t.label,
            t.listed,
            t.present,
            t.absent,
            t.rate()
        );
    }
    out
}

/// A horizontal bar chart (SVG) of the attendance rate per party.
pub fn svg_bars(rows: &BTreeMap<String, Tally>) -> String {
    let bar_height = 22;
    let height = 40 + rows.len() * (bar_height + 6);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"13\">\n<text x=\"10\" y=\"20\" font-weight=\"bold\">Attendance rate by party</text>\n"
    );
    for (i, (party, t)) in rows.iter().enumerate() {
        let y = 32 + i * (bar_height + 6);
        let w = (t.rate() * 400.0).round();
        let _ = writeln!(
            svg,
            "<text x=\"10\" y=\"{}\">{}</text><rect x=\"60\" y=\"{y}\" width=\"{w}\" height=\"{bar_height}\" fill=\"#4a78b0\"/><text x=\"{}\" y=\"{}\">{:.1}% ({}/{})</text>",
            y + 16,
            xml_escape(party),
            70.0 + w,
            y + 16,
            t.rate() * 100.0,
            t.present,
            t.listed
        );
    }
    svg.push_str("</svg>\n");
    svg
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
