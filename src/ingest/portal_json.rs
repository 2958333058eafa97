//! Structured exports in JSON: meeting portals that serve an agenda with its minutes as one
//! JSON document. The fields the export states — committee, meeting name, date and time,
//! place, attendance (`Moededeltagere` with `Absent`/`ParticipationCancelled`), item numbers,
//! titles and case numbers — are written as the labelled lines of a referat, and each item's
//! free-text fields (HTML) are read by the web-page reader, so one pipeline extracts both.
//! The source format `json` marks records read this way.
//!
//! Accepted shape (Greve's agenda portal): `{"Udvalg": {"Navn"}, "Moede": {"Navn", "Dato",
//! "Sted", "Moededeltagere": [{"Name", "Absent", "ParticipationCancelled"}]},
//! "Dagsordenpunkter": [{"Number", "Caption", "CaseNumber", "Felter": [{"Navn", "Html"}]}]}`.
//! The date is the meeting's `Dato` as written (local time with its offset), never a file or
//! export timestamp. Any other JSON is an unsupported structured format, not prose.

use super::{RawDocument, RawLine, RawPage, Role};
use crate::error::IngestError;
use serde_json::Value;

/// Reads a portal export, or says it is not one.
pub fn read_json(text: &str) -> Result<RawDocument, IngestError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| IngestError::Structured(format!("invalid JSON: {e}")))?;
    if value.get("Moede").is_none() || value.get("Dagsordenpunkter").is_none() {
        return Err(IngestError::Structured(
            "JSON without a meeting (Moede) and agenda items (Dagsordenpunkter)".to_owned(),
        ));
    }
    let mut lines: Vec<String> = Vec::new();
    header_lines(&value, &mut lines);
    attendance_lines(&value["Moede"]["Moededeltagere"], &mut lines);
    let mut headings = Vec::new();
    for item in value["Dagsordenpunkter"].as_array().into_iter().flatten() {
        headings.push(lines.len());
        item_lines(item, &mut lines)?;
    }
    let lines = lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            // `headings` is ascending: it was filled in line order.
            let stated = headings.binary_search(&i).is_ok();
            let role = if stated { Role::ItemHeading } else { Role::Unknown };
            RawLine { role, ..RawLine::plain(text) }
        })
        .collect();
    Ok(RawDocument { pages: vec![RawPage { lines, height: None }], warnings: Vec::new() })
}

fn text_of<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key)?.as_str().map(str::trim).filter(|s| !s.is_empty())
}

fn header_lines(value: &Value, lines: &mut Vec<String>) {
    let meeting = &value["Moede"];
    lines.extend(text_of(&value["Udvalg"], "Navn").map(str::to_owned));
    lines.push(text_of(meeting, "Navn").unwrap_or("Referat").to_owned());
    // "2023-11-16T16:15:00+01:00": the date and the local time as written.
    if let Some(stamp) = text_of(meeting, "Dato")
        && let (Some(date), Some(time)) = (stamp.get(..10), stamp.get(11..16))
        && let [y, m, d] = date.split('-').collect::<Vec<_>>()[..]
    {
        lines.push(format!("Dato: {d}-{m}-{y}"));
        lines.push(format!("Tidspunkt: {time}"));
    }
    if let Some(place) = text_of(meeting, "Sted") {
        lines.push(format!("Sted: {place}"));
    }
    lines.push(String::new());
}

fn attendance_lines(people: &Value, lines: &mut Vec<String>) {
    let people: Vec<&Value> = people.as_array().into_iter().flatten().collect();
    let absent = |p: &Value| {
        p["Absent"].as_bool() == Some(true) || p["ParticipationCancelled"].as_bool() == Some(true)
    };
    for (heading, wanted) in [("Mødedeltagere", false), ("Afbud", true)] {
        let names: Vec<&str> = people
            .iter()
            .filter(|p| absent(p) == wanted)
            .filter_map(|p| text_of(p, "Name"))
            .collect();
        if names.is_empty() {
            continue;
        }
        lines.push(heading.to_owned());
        lines.extend(names.into_iter().map(str::to_owned));
        lines.push(String::new());
    }
}

fn item_lines(item: &Value, lines: &mut Vec<String>) -> Result<(), IngestError> {
    let number = text_of(item, "Number").or_else(|| text_of(item, "Punktnummer"));
    let title = text_of(item, "Caption").or_else(|| text_of(item, "Navn"));
    let (Some(number), Some(title)) = (number, title) else { return Ok(()) };
    lines.push(format!("{number}. {title}"));
    if let Some(case) = text_of(item, "CaseNumber").or_else(|| text_of(item, "SagsNummer")) {
        lines.push(format!("Sagsnr.: {case}"));
    }
    lines.push(String::new());
    for field in item["Felter"].as_array().into_iter().flatten() {
        if let Some(heading) = text_of(field, "Navn") {
            lines.push(heading.to_owned());
            lines.push(String::new());
        }
        if let Some(html) = text_of(field, "Html") {
            let page = super::html::read_html(html)?;
            lines.extend(page.pages.into_iter().flat_map(|p| p.lines).map(|l| l.text));
            lines.push(String::new());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_portal_export_becomes_a_referat() {
        let json = r#"{"Udvalg": {"Navn": "Økonomiudvalget"},
            "Moede": {"Navn": "Ekstraordinær dagsorden", "Dato": "2023-11-16T16:15:00+01:00",
                      "Sted": "Biblioteket", "Moededeltagere": [
                {"Name": "Anne Hansen", "Absent": false, "ParticipationCancelled": false},
                {"Name": "Bo Jensen", "Absent": true, "ParticipationCancelled": false}]},
            "Dagsordenpunkter": [{"Number": "1", "Caption": "Godkendelse af dagsorden",
                "CaseNumber": "23-000118",
                "Felter": [{"Navn": "", "Html": "<div><h3>Beslutning</h3><span>Godkendt.</span></div>"}]}]}"#;
        let doc = read_json(json).expect("portal json");
        let lines: Vec<&str> = doc.pages[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            lines,
            [
                "Økonomiudvalget",
                "Ekstraordinær dagsorden",
                "Dato: 16-11-2023",
                "Tidspunkt: 16:15",
                "Sted: Biblioteket",
                "",
                "Mødedeltagere",
                "Anne Hansen",
                "",
                "Afbud",
                "Bo Jensen",
                "",
                "1. Godkendelse af dagsorden",
                "Sagsnr.: 23-000118",
                "",
                "Beslutning",
                "",
                "Godkendt.",
                ""
            ]
        );
    }

    #[test]
    fn other_json_is_an_unsupported_structured_format() {
        for json in [r#"{"name": "x"}"#, "[1, 2, 3]", "{", &"[".repeat(10_000)] {
            let err = read_json(json).expect_err("not a portal export");
            assert!(matches!(err, IngestError::Structured(_)), "{err}");
        }
    }
}
