//! The meeting header: municipality, body, date, time and place, in the layouts of
//! `shared/docs/real-minutes-formats.md` §1. Expected values follow `docs/extraction-rules.md`
//! ("meeting") and fixtures/README.md choices 16, 17 and 20: the body as written (capitals
//! kept), the date as ISO, times as HH:MM, the place as written without a leading "i".

use super::forms::Picks;
use super::people::{self, Body};
use serde_json::{Value, json};

const MONTHS: &[&str] = &[
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
/// Indexed from Sunday, as `weekday` returns.
const WEEKDAYS: &[&str] = &["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"];

/// What the meeting is; the forms decide only how it is written.
pub struct Meeting {
    pub body: &'static Body,
    pub municipality: &'static str,
    pub year: u32,
    pub month: u32,
    pub day: u32,
    pub start: (u32, u32),
    pub end: (u32, u32),
    pub place: &'static str,
}

impl Meeting {
    pub fn draw(p: &mut Picks) -> Meeting {
        // "Udvalgets beslutning" is only written by a committee.
        let bodies: Vec<&Body> = people::BODIES
            .iter()
            .filter(|b| p.peek("decision") != "udvalgets" || !b.council)
            .collect();
        let body = *p.rng.pick(&bodies);
        let municipality = *p.rng.pick(people::MUNICIPALITIES);
        let (year, month) = (p.rng.range(2016, 2025), p.rng.range(1, 12));
        // Meetings are held on weekdays.
        let day = loop {
            let day = p.rng.range(1, 28);
            if !matches!(weekday(year, month, day), 0 | 6) {
                break day;
            }
        };
        // Forms that print the bare hour ("Kl. 17", "fra kl. 17") need a full hour.
        let start_minute = match p.peek("time") {
            "kl-hour" | "fra-til" => 0,
            _ => *p.rng.pick(&[0, 15, 30]),
        };
        let start = (p.rng.range(8, 19), start_minute);
        let end = (start.0 + p.rng.range(1, 4), *p.rng.pick(&[0, 15, 30, 45]));
        let places =
            if p.peek("place") == "comma" { people::COMMA_PLACES } else { people::SINGLE_PLACES };
        let place = *p.rng.pick(places);
        Meeting { body, municipality, year, month, day, start, end, place }
    }

    pub fn iso_date(&self) -> String {
        format!("{}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "den 3. marts 2022", as decision headings write the meeting's date.
    pub fn long_date(&self) -> String {
        format!("den {}. {} {}", self.day, MONTHS[self.month as usize - 1], self.year)
    }

    fn weekday(&self) -> &'static str {
        WEEKDAYS[weekday(self.year, self.month, self.day)]
    }
}

/// Sakamoto's algorithm: 0 = Sunday.
fn weekday(year: u32, month: u32, day: u32) -> usize {
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    ((y + y / 4 - y / 100 + y / 400 + T[month as usize - 1] + day) % 7) as usize
}

fn hhmm((h, m): (u32, u32)) -> String {
    format!("{h:02}:{m:02}")
}

/// Where a time or date stands: it decides capitals and the "kl." of a range.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// After a label ("Tidspunkt: …").
    Labelled,
    /// At the start of a line of its own.
    Line,
    /// Inside a sentence or after the date.
    Inline,
}

/// The date with its weekday: "tirsdag den 3. marts 2022", "03.03.2022", "3/3 2022".
fn date_text(p: &mut Picks, m: &Meeting) -> String {
    let (d, mo, y) = (m.day, m.month, m.year);
    let core = match p.form("date") {
        "den-long" => format!("den {d}. {} {y}", MONTHS[mo as usize - 1]),
        "d-long" => format!("d. {d}. {} {y}", MONTHS[mo as usize - 1]),
        "dotted" => format!("{d:02}.{mo:02}.{y}"),
        "dotted-short" => format!("{d}.{mo}.{y}"),
        "dashed" => format!("{d:02}-{mo:02}-{y}"),
        "iso" => format!("{y}-{mo:02}-{d:02}"),
        "slash" => format!("{d}/{mo} {y}"),
        other => unreachable!("date:{other}"),
    };
    match p.form("weekday") {
        "none" => core,
        "lower" => format!("{} {core}", m.weekday()),
        _ => format!("{} {core}", people::capitalised(m.weekday())),
    }
}

/// "kl. 17.00", "kl. 17:00", "Kl. 17", "17.00-19.30", "fra kl. 17 til kl. 19.30".
/// Returns the text and whether it states the end time.
fn time_text(p: &mut Picks, m: &Meeting, at: Place) -> (String, bool) {
    let ((sh, sm), (eh, em)) = (m.start, m.end);
    let kl = if at == Place::Line { "Kl." } else { "kl." };
    let bare_end = if em == 0 { format!("{eh}") } else { format!("{eh}.{em:02}") };
    match p.form("time") {
        "kl-dot" => (format!("{kl} {sh}.{sm:02}"), false),
        "kl-colon" => (format!("{kl} {sh:02}:{sm:02}"), false),
        // The form as Aabenraa prints it: capital after a label, lower case mid-sentence.
        "kl-hour" if at == Place::Inline => (format!("kl. {sh}"), false),
        "kl-hour" => (format!("Kl. {sh}"), false),
        "range" if at == Place::Labelled => (format!("{sh}.{sm:02}-{eh}.{em:02}"), true),
        "range" => (format!("{kl} {sh}.{sm:02}-{eh}.{em:02}"), true),
        "fra-til" if at == Place::Line => (format!("Fra kl. {sh} til kl. {bare_end}"), true),
        "fra-til" => (format!("fra kl. {sh} til kl. {bare_end}"), true),
        other => unreachable!("time:{other}"),
    }
}

/// The "Dato:"-style labels. Labels are written with a colon, as all real examples do.
fn label(p: &mut Picks, dim: &'static str) -> &'static str {
    match p.form(dim) {
        "dato" => "Dato:",
        "moededato" => "Mødedato:",
        "tidspunkt" => "Tidspunkt:",
        "moedetidspunkt" => "Mødetidspunkt:",
        "sted" => "Sted:",
        "moedested" => "Mødested:",
        "lokale" => "Lokale:",
        other => unreachable!("{dim}:{other}"),
    }
}

/// The lines above the date: municipality, "Referat" and the body. Returns the body as the
/// record must give it.
fn body_lines(p: &mut Picks, m: &Meeting, out: &mut Vec<String>) -> String {
    if p.form("municipality") == "above" {
        out.extend([m.municipality.to_owned(), String::new()]);
    }
    let name = m.body.name;
    match p.form("body") {
        // The title is part of the line, so the "title" dimension is not used.
        "referat-fra" => {
            out.push(format!("Referat fra mødet i {name}"));
            name.to_owned()
        }
        "caps" => {
            let caps = name.to_uppercase();
            push_titled(p, out, &caps);
            caps
        }
        _ => {
            push_titled(p, out, name);
            name.to_owned()
        }
    }
}

/// The body line with its "Referat" line above or below, as Syddjurs and Hjørring print it.
fn push_titled(p: &mut Picks, out: &mut Vec<String>, body: &str) {
    match p.form("title") {
        "referat-above" => out.extend(["Referat".to_owned(), body.to_owned()]),
        "referat-below" => out.extend([body.to_owned(), String::new(), "REFERAT".to_owned()]),
        _ => out.push(body.to_owned()),
    }
}

/// Date, time and place in the document's layout. Returns whether the end time was stated.
fn field_lines(p: &mut Picks, m: &Meeting, out: &mut Vec<String>) -> bool {
    match p.form("header") {
        "labelled-lines" | "labelled-one-line" => labelled(p, m, out),
        "labelled-date-time" => {
            // Aarhus: "Mødedato   Onsdag d. 27. august 2025 kl. 16:00" ⏎ "Mødested   …".
            let (date_label, date) = (label(p, "label-date"), date_text(p, m));
            let (time, ends) = time_text(p, m, Place::Inline);
            out.push(format!("{date_label} {date} {time}"));
            out.push(format!("{} {}", label(p, "label-place"), m.place));
            ends
        }
        "block" => {
            // Syddjurs: date, time and place on lines of their own, without labels.
            out.push(date_text(p, m));
            let (time, ends) = time_text(p, m, Place::Line);
            out.extend([time, m.place.to_owned()]);
            ends
        }
        "block-date-time" => {
            // Ballerup: "tirsdag den 4. december 2012, kl. 13:00" ⏎ the place.
            let date = date_text(p, m);
            let (time, ends) = time_text(p, m, Place::Inline);
            out.extend([format!("{date}, {time}"), m.place.to_owned()]);
            ends
        }
        "sentence" => {
            let date = date_text(p, m);
            let (time, ends) = time_text(p, m, Place::Inline);
            out.push(format!("Mødet afholdtes {date} {time} i {}.", m.place));
            ends
        }
        other => unreachable!("header:{other}"),
    }
}

/// "Dato: …" / "Tidspunkt: …" / "Sted: …" (and "Møde slut: …"), one per line or on one line
/// with 3+ spaces between, in the standard or a shuffled order.
fn labelled(p: &mut Picks, m: &Meeting, out: &mut Vec<String>) -> bool {
    let one_line = p.peek("header") == "labelled-one-line";
    let date = format!("{} {}", label(p, "label-date"), date_text(p, m));
    let time_label = label(p, "label-time");
    let (time, mut ends) = time_text(p, m, Place::Labelled);
    let mut fields = vec![
        date,
        format!("{time_label} {time}"),
        format!("{} {}", label(p, "label-place"), m.place),
    ];
    if p.peek("end") == "moede-slut" {
        fields.push(format!("Møde slut: {}", hhmm(m.end)));
        ends = true;
    }
    if p.form("order") == "shuffled" {
        p.rng.shuffle(&mut fields);
    }
    if one_line {
        let gap = " ".repeat(p.rng.range(3, 6) as usize);
        out.push(fields.join(&gap));
    } else {
        out.extend(fields);
    }
    ends
}

/// The header text and the expected `meeting` (end time still to be settled by the closing
/// line, see [`closing`]).
pub fn render(p: &mut Picks, m: &Meeting) -> (String, Value) {
    let mut lines = Vec::new();
    let body = body_lines(p, m, &mut lines);
    lines.push(String::new());
    let ends = field_lines(p, m, &mut lines);
    let expected = json!({
        "body": body,
        "date": m.iso_date(),
        "start_time": hhmm(m.start),
        "end_time": if ends { Value::from(hhmm(m.end)) } else { Value::Null },
        "location": m.place,
    });
    (lines.join("\n"), expected)
}

/// The closing line ("Mødet hævet kl. 19.30.", rule 16), if any; it states the end time.
pub fn closing(p: &mut Picks, m: &Meeting, meeting: &mut Value) -> Option<String> {
    if p.form("end") != "haevet" {
        return None;
    }
    meeting["end_time"] = Value::from(hhmm(m.end));
    Some(format!("Mødet hævet kl. {}.{:02}.", m.end.0, m.end.1))
}
