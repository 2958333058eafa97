//! `G-HDR`: labelled meeting-header fields, labels from `data/header_labels.csv`, several on
//! one line or one per line, after a colon or a column gap, or as a table (a row of labels,
//! then a row of values).
//!
//! Accepted: `Dato: 3. marts 2022`, `Dato   10.05.2021`, `Dato: 3. marts 2022 Kl.: 17.00
//! Sted: Byrådssalen` (three fields), `Mødedato: 24.04.2012 | Mødetid: 19:00 | Mødested:
//! Rådhuset`, `Møde slut: 19:00`, and the table `Mødedato   Mødetid   Mødested` ⏎
//! `12.05.2014   16:00 - 18:15   Mødelokale 1`.
//! Rejected: `Datoen for høringen er …` (no label), `Sted og tid aftales` (no colon or gap),
//! `Dagsorden udsendt den 17.04.2012`.

use regex::Regex;
use std::sync::LazyLock;

/// What a header field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Date,
    Time,
    Start,
    End,
    Place,
    Body,
}

static LABELS: LazyLock<Vec<(String, FieldKind)>> = LazyLock::new(|| {
    let mut labels: Vec<(String, FieldKind)> =
        crate::refdata::table_rows(include_str!("../../data/header_labels.csv"), 2)
            .filter_map(|cols| {
                let kind = match cols[0] {
                    "date" => FieldKind::Date,
                    "time" => FieldKind::Time,
                    "start" => FieldKind::Start,
                    "end" => FieldKind::End,
                    "place" => FieldKind::Place,
                    "body" => FieldKind::Body,
                    _ => return None,
                };
                Some((cols[1].to_lowercase(), kind))
            })
            .collect();
    labels.sort_by_key(|(l, _)| std::cmp::Reverse(l.len()));
    labels
});

// A label before a colon, anywhere a field can start (line start, after a space or a bar).
static LABEL_COLON: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<String> = LABELS.iter().map(|(l, _)| regex::escape(l)).collect();
    Regex::new(&format!(r"(?i)(?:^|[\s|])(?P<label>{})\s*:", alternatives.join("|")))
        .expect("regex")
});

fn kind_of(label: &str) -> Option<FieldKind> {
    let lower = label.trim().trim_end_matches(':').trim().to_lowercase();
    LABELS.iter().find(|(l, _)| *l == lower).map(|(_, k)| *k)
}

/// The labelled fields on one header line, in order.
pub fn fields(line: &str) -> Vec<(FieldKind, String)> {
    let text = line.trim();
    let starts: Vec<(usize, usize, FieldKind)> = LABEL_COLON
        .captures_iter(text)
        .filter_map(|c| {
            let label = c.name("label")?;
            let whole = c.get(0)?;
            Some((label.start(), whole.end(), kind_of(label.as_str())?))
        })
        .collect();
    if let Some(&(first, _, _)) = starts.first()
        && first == 0
    {
        return starts
            .iter()
            .enumerate()
            .map(|(i, &(_, value_start, kind))| {
                let value_end = starts.get(i + 1).map_or(text.len(), |n| n.0);
                let value = text[value_start..value_end].trim().trim_end_matches('|').trim();
                (kind, value.to_owned())
            })
            .collect();
    }
    // "Dato   10.05.2021": a label at the line start and a column gap.
    if let Some((label, value)) = text.split_once("   ")
        && let Some(kind) = kind_of(label)
        && !value.trim().is_empty()
        && !is_label_row(text)
    {
        return vec![(kind, value.trim().to_owned())];
    }
    // "Mødested Byrådssalen": a long compound label is no ordinary first word, so one space
    // separates it from its value (FirstAgenda PDFs lose the gap).
    if let Some((label, value)) = text.split_once(' ')
        && label.chars().count() >= 7
        && let Some(kind) = kind_of(label)
        // "Mødelokale 1, Rådhuset" names the place itself.
        && (kind != FieldKind::Place || label.eq_ignore_ascii_case("mødested"))
        && !is_label_row(text)
        && !value.trim().is_empty()
    {
        return vec![(kind, value.trim().to_owned())];
    }
    Vec::new()
}

/// True for a header field's label ("Udvalg", "Mødested:").
pub fn is_label(text: &str) -> bool {
    kind_of(text).is_some()
}

/// True for a row of labels only (the head of a header table).
pub fn is_label_row(line: &str) -> bool {
    let cells: Vec<&str> = cells(line);
    cells.len() >= 2 && cells.iter().all(|c| kind_of(c).is_some())
}

/// A header table: its row of labels and the row of values under it.
pub fn table(labels: &str, values: &str) -> Vec<(FieldKind, String)> {
    let (heads, cells) = (self::cells(labels), self::cells(values));
    if heads.len() != cells.len() || !is_label_row(labels) {
        return Vec::new();
    }
    heads.iter().zip(cells).filter_map(|(h, v)| Some((kind_of(h)?, v.to_owned()))).collect()
}

fn cells(line: &str) -> Vec<&str> {
    line.split(['|', '\t'])
        .flat_map(|c| c.split("   "))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use FieldKind::{Date, End, Place, Start, Time};

    fn f(line: &str) -> Vec<(FieldKind, String)> {
        fields(line)
    }

    #[test]
    fn one_or_several_per_line() {
        assert_eq!(f("Dato: 3. marts 2022"), [(Date, "3. marts 2022".to_owned())]);
        assert_eq!(f("Dato   10.05.2021"), [(Date, "10.05.2021".to_owned())]);
        assert_eq!(f("Start   09:00"), [(Start, "09:00".to_owned())]);
        assert_eq!(f("Møde slut: 19:00"), [(End, "19:00".to_owned())]);
        assert_eq!(f("Mødested Byrådssalen"), [(Place, "Byrådssalen".to_owned())]);
        assert_eq!(
            f("Dato: 3. marts 2022 Kl.: 17.00 Sted: Byrådssalen"),
            [
                (Date, "3. marts 2022".to_owned()),
                (Time, "17.00".to_owned()),
                (Place, "Byrådssalen".to_owned())
            ]
        );
        assert_eq!(
            f("Mødedato: 24.04.2012 | Mødetid: 19:00 | Mødested: Rådhuset, Langgade 32"),
            [
                (Date, "24.04.2012".to_owned()),
                (Time, "19:00".to_owned()),
                (Place, "Rådhuset, Langgade 32".to_owned())
            ]
        );
    }

    #[test]
    fn header_table() {
        assert!(is_label_row("Mødedato   Mødetid   Mødested"));
        assert_eq!(
            table(
                "Mødedato   Mødetid   Mødested",
                "12.05.2014   16:00 - 18:15   Mødelokale 1, Rådhuset"
            ),
            [
                (Date, "12.05.2014".to_owned()),
                (Time, "16:00 - 18:15".to_owned()),
                (Place, "Mødelokale 1, Rådhuset".to_owned())
            ]
        );
    }

    #[test]
    fn rejected() {
        for line in [
            "Datoen for høringen er 3. marts",
            "Sted og tid aftales",
            "Dagsorden udsendt den 17.04.2012",
            "Mødestedet er ændret",
            "Tidspunktet er ikke fastlagt",
            "Mødelokale 1, Rådhuset",
        ] {
            assert!(f(line).is_empty(), "{line}");
        }
    }
}
