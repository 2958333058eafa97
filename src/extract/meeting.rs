//! The meeting header: body, municipality, date, start/end time, location, extraordinary.
//!
//! Read only from the header lines (before the first attendance block or item), never from the
//! body text. Accepted forms:
//! - labelled: `Mødedato: 12.09.2022`, `Dato: 29. januar 2020`, `Mødetidspunkt: 15:30`,
//!   `Tidspunkt: Kl. 19:00`, `Møde slut: 19:00`, `Mødested: Byrådssalen`, `Sted: …`, `Lokale: …`,
//!   `Udvalg: Teknisk Udvalg`
//! - unlabelled: `REFERAT Aarhus Byråd d. 27-08-2025`, `Byrådet` / `Økonomiudvalget` /
//!   `Udvalget for plan, udvikling og kultur (PUK)` / `KKR Nordjylland` on their own line,
//!   `tirsdag den 4. december 2012, kl. 13:00`, `Kl. 10:30`, then the place on the next line(s)
//!   (`i Mødecenter C, Lokale 32 på Ballerup Rådhus`; a multi-line address joined with ", ")
//! - `Referat til mødet i Udvalget for Kultur og Fritid den 2. marts 2021 kl. 15:30 i WebEx`
//! - `Ekstraordinært PUK`, `Ekstraordinær dagsorden`, `Ekstraordinært møde` → extraordinary

use super::dates::{find_bare_time, find_clock_times, find_date};
use crate::grammar;
use crate::grammar::header_fields::{self, FieldKind};
use crate::model::{Meeting, Warning};
use crate::normalize::Line;
use crate::refdata;
use regex::Regex;
use std::sync::LazyLock;

// "Mødet hævet kl. 20.15.", "Mødet sluttede kl. 17:30"
static MEETING_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^mødet\s+(?:blev\s+)?(?:hævet|sluttede|sluttet|afsluttet|afsluttedes|slut|ophørte)\s*(?:kl\.?|klokken)?\s*(?P<h>\d{1,2})[.:](?P<m>\d{2})\.?$")
        .expect("regex")
});

/// The end time stated by a line such as "Mødet hævet kl. 20.15.".
pub fn meeting_end(line: &str) -> Option<String> {
    let c = MEETING_END.captures(line.trim())?;
    Some(format!("{:02}:{}", c["h"].parse::<u32>().ok()?, &c["m"]))
}

// "i Mødecenter C, …" after the date/time
static AT_PLACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:i|på)\s+(?P<place>\p{L}.+)$").expect("regex"));

// "Ekstraordinært", "Ekstraordinær"
static EXTRAORDINARY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bekstraordinær(?:t|e)?\b").expect("regex"));

// Header lines that are neither body, date nor place.
static NOT_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:åbent|lukket|referat|dagsorden|side\s+\d|indhold|indholdsfortegnelse|bemærkninger|ekstraordinær)").expect("regex")
});

/// Extracts the meeting header from the header lines.
pub fn extract_meeting(header: &[&Line]) -> Meeting {
    let cells = header_cells(header);
    let cells: Vec<&Line> = cells.iter().collect();
    let joined = join_bare_labels(&cells);
    let header: Vec<&Line> = joined.iter().collect();
    let header = header.as_slice();
    let mut meeting = Meeting::default();
    let mut date_index = None;
    let mut time_index = None;
    let mut skip_values = None;
    for (i, line) in header.iter().enumerate() {
        let text = line.text.as_str();
        if EXTRAORDINARY.is_match(text) {
            meeting.extraordinary = true;
        }
        let mut fields = header_fields::fields(text);
        if header_fields::is_label_row(text)
            && let Some(values) = header.get(i + 1)
        {
            fields = header_fields::table(text, &values.text);
            skip_values = Some(i + 1);
        }
        if !fields.is_empty() || skip_values == Some(i) {
            for (kind, value) in fields {
                take_labelled(&mut meeting, kind, value.trim());
            }
            if meeting.date.is_some() && date_index.is_none() {
                date_index = Some(i);
            }
            continue;
        }
        if meeting.body.is_none()
            // A letter-spaced letterhead gives the municipality, never the body: the plain line
            // under it names the body as the minutes write it.
            && let Some(body) = grammar::body::parse(text)
        {
            meeting.body = Some(body);
            meeting.page = Some(line.page);
        }
        if meeting.date.is_none()
            && let Some(date) = find_date(text)
        {
            meeting.date = Some(date);
            date_index = Some(i);
        }
        if meeting.start_time.is_none()
            && let Some((start, end)) = find_clock_times(text)
        {
            meeting.start_time = Some(start);
            meeting.end_time = meeting.end_time.take().or(end);
            date_index = date_index.or(Some(i));
            time_index = Some(i);
        }
        if meeting.municipality.is_none() {
            take_municipality(&mut meeting, &unspaced(text));
        }
    }
    // The place follows the date line, or else the line with the time ("Dato: 04.12.2012" on
    // a cover, then "tirsdag den 4. december 2012, kl. 13:00" ⏎ "i Mødecenter C, …").
    if meeting.location.is_none() {
        meeting.location =
            location_after(header, date_index).or_else(|| location_after(header, time_index));
    }
    if meeting.municipality.is_none()
        && let Some(body) = meeting.body.clone()
    {
        take_municipality(&mut meeting, &body);
    }
    meeting
}

/// Header lines as cells: a framed header ("| ASSENS KOMMUNE   Økonomiudvalget |", rules of
/// "=", "-", "+") loses its frame, and a line of several parts ("Haderslev Kommune ·
/// Økonomiudvalget · Referat", "ASSENS KOMMUNE   Økonomiudvalget") gives one line per part. A
/// line of labelled fields stays whole: its fields are read together.
fn header_cells(header: &[&Line]) -> Vec<Line> {
    let mut out = Vec::with_capacity(header.len());
    let mut under_labels = false;
    for line in header {
        let text = line.text.trim();
        // The values under a row of labels, and a letter-spaced letterhead, stay whole.
        let keep_whole = std::mem::take(&mut under_labels) || unspaced(text) != text;
        under_labels = header_fields::is_label_row(text);
        if text.chars().count() >= 3 && text.chars().all(|c| "|+-=_–—· ".contains(c)) {
            continue;
        }
        let unframed = text.trim_matches(|c: char| c == '|' || c.is_whitespace());
        let labelled = keep_whole
            || !header_fields::fields(unframed).is_empty()
            || header_fields::is_label_row(unframed);
        let parts: Vec<&str> = if labelled {
            unframed.split(" · ").collect()
        } else {
            unframed
                .split(" · ")
                .flat_map(|p| p.split(" | "))
                .flat_map(|p| p.split("   "))
                .collect()
        };
        for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
            out.push(Line { text: part.to_owned(), ..(*line).clone() });
        }
        if parts.iter().all(|p| p.trim().is_empty()) {
            out.push((*line).clone());
        }
    }
    out
}

// "Mødedato" alone on a line, its value on the next (FirstAgenda layout).
static BARE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:mødedato|dato|mødetidspunkt|tidspunkt|mødested|sted|lokale|udvalg)\s*:?$")
        .expect("regex")
});

/// Header lines with a bare label and its value (on the next non-blank line) joined.
fn join_bare_labels(header: &[&Line]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(header.len());
    let mut i = 0;
    while i < header.len() {
        let line = header[i];
        if BARE_LABEL.is_match(line.text.trim())
            && let Some(offset) = header[i + 1..].iter().take(3).position(|l| !l.is_blank())
        {
            let value = &header[i + 1 + offset];
            if !BARE_LABEL.is_match(value.text.trim()) {
                let label = line.text.trim().trim_end_matches(':');
                out.push(Line { text: format!("{label}: {}", value.text.trim()), ..line.clone() });
                i += offset + 2;
                continue;
            }
        }
        out.push(line.clone());
        i += 1;
    }
    out
}

fn take_labelled(meeting: &mut Meeting, kind: FieldKind, value: &str) {
    match kind {
        FieldKind::Date => {
            if meeting.date.is_none() {
                meeting.date = find_date(value);
            }
            if meeting.start_time.is_none()
                && let Some((start, end)) = find_clock_times(value)
            {
                meeting.start_time = Some(start);
                meeting.end_time = end;
            }
        }
        FieldKind::Time => {
            if let Some((start, end)) = find_clock_times(value) {
                meeting.start_time = Some(start);
                meeting.end_time = meeting.end_time.take().or(end);
            } else if let Some((start, end)) = bare_time_range(value) {
                meeting.start_time = Some(start);
                meeting.end_time = meeting.end_time.take().or(Some(end));
            } else {
                meeting.start_time = find_bare_time(value);
            }
        }
        FieldKind::Start => meeting.start_time = find_bare_time(value),
        FieldKind::End => meeting.end_time = find_bare_time(value),
        FieldKind::Place if !value.is_empty() => meeting.location = Some(value.to_owned()),
        FieldKind::Body if !value.is_empty() && meeting.body.is_none() => {
            meeting.body = Some(value.to_owned());
        }
        _ => {}
    }
}

/// "15:00-17:15" in a labelled time field.
fn bare_time_range(value: &str) -> Option<(String, String)> {
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?P<h>\d{1,2})[:.](?P<m>\d{2})\s*[-–]\s*(?P<h2>\d{1,2})[:.](?P<m2>\d{2})\b")
            .expect("regex")
    });
    let c = RANGE.captures(value)?;
    let start = find_bare_time(&format!("{}:{}", &c["h"], &c["m"]))?;
    let end = find_bare_time(&format!("{}:{}", &c["h2"], &c["m2"]))?;
    Some((start, end))
}

/// A letter-spaced letterhead closed up: "N A K S K O V   K O M M U N E" → "NAKSKOV KOMMUNE"
/// (single spaces between letters, wider gaps between words); other lines unchanged.
fn unspaced(text: &str) -> String {
    let words: Vec<&str> = text.split("   ").map(str::trim).filter(|w| !w.is_empty()).collect();
    let spaced =
        |w: &str| w.split(' ').count() >= 3 && w.split(' ').all(|c| c.chars().count() == 1);
    if words.is_empty() || !words.iter().all(|w| spaced(w)) {
        return text.to_owned();
    }
    words.iter().map(|w| w.replace(' ', "")).collect::<Vec<_>>().join(" ")
}

/// "Hjørring Kommune" on a header line, or a body like "Aarhus Byråd".
fn take_municipality(meeting: &mut Meeting, text: &str) {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?P<name>\p{Lu}[\p{L}\-]+(?:[\s-]\p{Lu}[\p{L}]+)?)\s+(?:(?i:kommune|regionskommune)|Byråd(?:et)?|Kommunalbestyrelse)\b")
            .expect("regex")
    });
    for c in NAMED.captures_iter(text) {
        // "Bornholms Regionskommune" as a whole, else the name ("ODENSE KOMMUNE" → "odense").
        let found = refdata::municipality(&c[0]).or_else(|| refdata::municipality(&c["name"]));
        if let Some(m) = found {
            meeting.municipality = Some(m.reported_name);
            meeting.municipality_code = Some(m.code);
            return;
        }
    }
}

/// The place written on the lines after the date/time line, up to a blank line.
fn location_after(header: &[&Line], anchor: Option<usize>) -> Option<String> {
    let anchor = anchor?;
    let mut parts: Vec<String> = Vec::new();
    let anchor_text = &header[anchor].text;
    // "… kl. 15:30 i WebEx" on the date line itself
    if let Some(pos) = anchor_text.rfind(" i ") {
        let tail = anchor_text[pos + 3..].trim();
        let is_place = tail.chars().next().is_some_and(char::is_alphabetic)
            && find_date(tail).is_none()
            && find_clock_times(tail).is_none();
        if is_place {
            // "… i mødelokale 3," ⏎ "Næstved Rådhus": the place wraps onto the next line.
            let mut place = tail.trim_end_matches('.').to_owned();
            if place.ends_with(',')
                && let Some(next) = header.get(anchor + 1).filter(|l| !l.is_blank())
            {
                place.push(' ');
                place.push_str(next.text.trim());
            }
            return Some(place);
        }
    }
    for line in &header[anchor + 1..] {
        let text = line.text.trim();
        if text.is_empty() {
            if parts.is_empty() {
                continue;
            }
            break;
        }
        if find_clock_times(text).is_some() && parts.is_empty() {
            continue;
        }
        if NOT_PLACE.is_match(text)
            || !header_fields::fields(text).is_empty()
            || find_date(text).is_some()
        {
            break;
        }
        let place = AT_PLACE.captures(text).map_or(text, |c| c.get(1).map_or(text, |m| m.as_str()));
        parts.push(place.trim_end_matches(',').to_owned());
        if parts.len() >= 5 {
            break;
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Header lines that gave no field and are none of the usual furniture (document kind, "Åbent
/// referat", page markers): each is reported, so nothing in the header is dropped unseen.
pub fn unread_header_lines(header: &[&Line], meeting: &Meeting) -> Vec<Warning> {
    let location = meeting.location.as_deref().unwrap_or("");
    let mut out = Vec::new();
    for (i, line) in header.iter().enumerate() {
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        let under_labels = i > 0 && header_fields::is_label_row(&header[i - 1].text);
        let place = AT_PLACE.captures(text).map_or(text, |c| c.get(1).map_or(text, |m| m.as_str()));
        let understood = under_labels
            || grammar::body::parse(text).is_some()
            || !header_fields::fields(text).is_empty()
            || header_fields::is_label_row(text)
            || find_date(text).is_some()
            || find_clock_times(text).is_some()
            || meeting_end(text).is_some()
            || EXTRAORDINARY.is_match(text)
            || NOT_PLACE.is_match(text)
            || unspaced(text) != text
            || LETTERHEAD.is_match(&unspaced(text))
            || names_municipality(text)
            || (!location.is_empty() && location.contains(place.trim_end_matches([',', '.'])));
        if !understood {
            out.push(Warning::line(
                "X-HDR-LINE",
                line.page,
                line.line,
                format!("header line not understood: {text}"),
            ));
        }
    }
    out
}

// Letterheads and document-kind lines that are no field: "REGION SYDDANMARK", "Nordjyllands
// Amt", "fra ordinært møde", "Blad nr. 211".
static LETTERHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:region\s+\p{L}+|\p{L}+s?\s+amt(?:skommune)?|(?:fra|af)\s+(?:ordinært\s+|ekstraordinært\s+)?møde[t]?|blad\s+nr\.?\s*\d+|mødeprotokol|beslutningsprotokol)$")
        .expect("regex")
});

fn names_municipality(text: &str) -> bool {
    let mut probe = Meeting::default();
    take_municipality(&mut probe, &unspaced(text));
    probe.municipality.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        crate::normalize::lines_on_one_page(texts)
    }

    fn meeting(texts: &[&str]) -> Meeting {
        let owned = lines(texts);
        let refs: Vec<&Line> = owned.iter().collect();
        extract_meeting(&refs)
    }

    #[test]
    fn ballerup_header() {
        let m = meeting(&[
            "Referat",
            "Sundheds- og Forebyggelsesudvalget",
            "tirsdag den 4. december 2012, kl. 13:00",
            "i Mødecenter C, Lokale 32 på Ballerup Rådhus",
            "Åbent referat",
        ]);
        assert_eq!(m.body.as_deref(), Some("Sundheds- og Forebyggelsesudvalget"));
        assert_eq!(m.date.as_deref(), Some("2012-12-04"));
        assert_eq!(m.start_time.as_deref(), Some("13:00"));
        assert_eq!(m.location.as_deref(), Some("Mødecenter C, Lokale 32 på Ballerup Rådhus"));
        assert_eq!(m.municipality, None);
    }

    #[test]
    fn syddjurs_header_with_address() {
        let m = meeting(&[
            "Referat",
            "Udvalget for plan, udvikling og kultur (PUK)",
            "Ekstraordinært PUK",
            "Torsdag den 20. juni 2013",
            "Kl. 10:30",
            "Kaløvig Kursuscenter",
            "Præstekravevej 46",
            "Følle Strand",
            "8410 Rønde",
        ]);
        assert_eq!(m.body.as_deref(), Some("Udvalget for plan, udvikling og kultur (PUK)"));
        assert!(m.extraordinary);
        assert_eq!(m.start_time.as_deref(), Some("10:30"));
        assert_eq!(
            m.location.as_deref(),
            Some("Kaløvig Kursuscenter, Præstekravevej 46, Følle Strand, 8410 Rønde")
        );
    }

    #[test]
    fn aarhus_labelled_header() {
        let m = meeting(&[
            "REFERAT Aarhus Byråd d. 27-08-2025",
            "Mødedato   Onsdag d. 27. august 2025 kl. 16:00",
            "Mødested   Byrådssalen",
        ]);
        assert_eq!(m.body.as_deref(), Some("Aarhus Byråd"));
        assert_eq!(m.municipality_code.as_deref(), Some("751"));
        assert_eq!(m.date.as_deref(), Some("2025-08-27"));
        assert_eq!(m.start_time.as_deref(), Some("16:00"));
    }

    #[test]
    fn labels_with_values_on_the_next_line() {
        let m = meeting(&[
            "REFERAT Aarhus Byråd d. 27-08-2025",
            "Mødedato",
            "",
            "Onsdag d. 27. august 2025 kl. 16:00",
            "",
            "Mødested",
            "",
            "Byrådssalen",
        ]);
        assert_eq!(m.location.as_deref(), Some("Byrådssalen"));
        assert_eq!(m.start_time.as_deref(), Some("16:00"));
    }

    #[test]
    fn labelled_fields() {
        let m = meeting(&[
            "Teknik- og Miljøudvalget",
            "Mødedato: 12.09.2022",
            "Mødetidspunkt: 15:30",
            "Mødested: Mødelokale 1",
        ]);
        assert_eq!(m.body.as_deref(), Some("Teknik- og Miljøudvalget"));
        assert_eq!(m.date.as_deref(), Some("2022-09-12"));
        assert_eq!(m.start_time.as_deref(), Some("15:30"));
        assert_eq!(m.location.as_deref(), Some("Mødelokale 1"));
    }

    #[test]
    fn bodies_alone_on_a_line() {
        for body in [
            "Byrådet",
            "Økonomiudvalget",
            "Klima-, Teknik- og Miljøudvalget",
            "Kommunalbestyrelsen",
            "Teknisk Udvalg",
        ] {
            assert_eq!(meeting(&[body]).body.as_deref(), Some(body), "{body}");
        }
        assert_eq!(meeting(&["Det blev besluttet at udvalget skal"]).body, None);
    }

    #[test]
    fn meeting_end_line() {
        assert_eq!(meeting_end("Mødet hævet kl. 20.15.").as_deref(), Some("20:15"));
        assert_eq!(meeting_end("Mødet sluttede kl. 9:05").as_deref(), Some("09:05"));
        assert_eq!(meeting_end("Mødet blev holdt i salen"), None);
    }

    #[test]
    fn the_place_after_the_time_line_when_a_cover_dated_first() {
        let m = meeting(&[
            "Dato: 04.12.2012",
            "",
            "Referat",
            "Sundheds- og Forebyggelsesudvalget",
            "tirsdag den 4. december 2012, kl. 13:00",
            "i Mødecenter C, Lokale 32 på Ballerup Rådhus",
        ]);
        assert_eq!(m.location.as_deref(), Some("Mødecenter C, Lokale 32 på Ballerup Rådhus"));
        assert_eq!(
            (m.date.as_deref(), m.start_time.as_deref()),
            (Some("2012-12-04"), Some("13:00"))
        );
    }

    #[test]
    fn capitals_time_ranges_and_wrapped_places() {
        let m = meeting(&["ODENSE KOMMUNE", "Referat", "Økonomiudvalget"]);
        assert_eq!(m.municipality_code.as_deref(), Some("461"));
        let m = meeting(&["Bornholms Regionskommune", "Kommunalbestyrelsen"]);
        assert_eq!(m.municipality_code.as_deref(), Some("400"));
        let m = meeting(&["Dato: 9-3-2021", "Tidspunkt: 15:00-17:15"]);
        assert_eq!(
            (m.start_time.as_deref(), m.end_time.as_deref()),
            (Some("15:00"), Some("17:15"))
        );
        let m = meeting(&[
            "Referat fra mødet i Børne- og Ungeudvalget d. 3/2 2022 kl. 15.30-18.00 i mødelokale 3,",
            "Næstved Rådhus",
        ]);
        assert_eq!(m.location.as_deref(), Some("mødelokale 3, Næstved Rådhus"));
        let m = meeting(&["mandag den 21.3.2005 kl. 19.30", "i byrådssalen, Brande Rådhus"]);
        assert_eq!(m.location.as_deref(), Some("byrådssalen, Brande Rådhus"));
    }

    #[test]
    fn nothing_stated_gives_nulls() {
        let m = meeting(&[
            "Mission",
            "KL bidrager til at udvikle og fastholde et stærkt lokalt",
            "Vision",
        ]);
        assert_eq!(m, Meeting::default());
    }
}
