//! Dates and times as Danish minutes write them.
//!
//! Dates: `27. august 2025`, `den 4. december 2012`, `Onsdag d. 27. august 2025`, `04.12.2012`,
//! `27-08-2025`, `d. 27-08-2025`, `2024-10-02`, `14/5 1998`, `4/12-2012`, `4. dec. 2012`.
//! Times: `kl. 16:00`, `kl. 15.45`, `Kl. 10:30`, `kl. 16.00-18.30` (start and end), `19:00`.

use regex::Regex;
use std::sync::LazyLock;

// "27. august 2025", "4. dec. 2012"
static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<d>\d{1,2})\.?\s*(?P<m>januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)\.?\s+(?P<y>\d{4})\b")
        .expect("regex")
});

// "04.12.2012", "27-08-2025", "14/5 1998", "4/12-2012", "20.06.13"
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.-])(?P<d>\d{1,2})[./-](?P<m>\d{1,2})(?:[./ -]|\s*-\s*)(?P<y>\d{4}|\d{2})(?:$|[^\d])")
        .expect("regex")
});

// "2024-10-02"
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b").expect("regex")
});

// "kl. 16:00", "kl. 15.45", "Kl. 10:30-12.00", "kl 19"
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bkl\.?\s*(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?:(?:\s*[-–]\s*|\s+til\s+)(?:kl\.?\s*)?(?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))?)?\b")
        .expect("regex")
});

// "19:00", "15.30" after a label such as "Mødetidspunkt:"
static BARE_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?P<h>\d{1,2})[:.](?P<m>\d{2})\b").expect("regex"));

/// The first date in `text` as `YYYY-MM-DD`.
pub fn find_date(text: &str) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    let mut consider = |start: usize, date: Option<String>| {
        if let Some(date) = date
            && best.as_ref().is_none_or(|(s, _)| start < *s)
        {
            best = Some((start, date));
        }
    };
    if let Some(c) = WRITTEN.captures(text) {
        let month = crate::grammar::numbering::month_number(&c["m"]);
        consider(c.get(0).map_or(0, |m| m.start()), month.and_then(|m| iso(&c["y"], m, &c["d"])));
    }
    if let Some(c) = ISO.captures(text) {
        consider(
            c.get(0).map_or(0, |m| m.start()),
            c["m"].parse().ok().and_then(|m| iso(&c["y"], m, &c["d"])),
        );
    }
    if let Some(c) = NUMERIC.captures(text) {
        consider(
            c.name("d").map_or(0, |m| m.start()),
            c["m"].parse().ok().and_then(|m| iso(&c["y"], m, &c["d"])),
        );
    }
    best.map(|(_, d)| d)
}

fn iso(year: &str, month: u32, day: &str) -> Option<String> {
    let mut year: i32 = year.parse().ok()?;
    if year < 100 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    let day: u32 = day.parse().ok()?;
    let valid =
        (1800..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Start and end time from "kl. …" in `text`, as `HH:MM`.
pub fn find_clock_times(text: &str) -> Option<(String, Option<String>)> {
    let c = CLOCK.captures(text)?;
    let start = hhmm(&c["h"], c.name("m").map(|m| m.as_str()))?;
    let end = c.name("h2").and_then(|h| hhmm(h.as_str(), c.name("m2").map(|m| m.as_str())));
    Some((start, end))
}

/// A bare time ("19:00") in a labelled field.
pub fn find_bare_time(text: &str) -> Option<String> {
    if let Some((start, _)) = find_clock_times(text) {
        return Some(start);
    }
    let c = BARE_TIME.captures(text)?;
    hhmm(&c["h"], Some(&c["m"]))
}

fn hhmm(h: &str, m: Option<&str>) -> Option<String> {
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.map_or(Some(0), |m| m.parse().ok())?;
    (h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_all_forms() {
        let cases = [
            ("Onsdag d. 27. august 2025 kl. 16:00", "2025-08-27"),
            ("tirsdag den 4. december 2012, kl. 13:00", "2012-12-04"),
            ("Dato: 04.12.2012", "2012-12-04"),
            ("REFERAT Aarhus Byråd d. 27-08-2025", "2025-08-27"),
            ("Mødedato: 2024-10-02", "2024-10-02"),
            ("d. 14/5 1998", "1998-05-14"),
            ("den 4/12-2012", "2012-12-04"),
            ("4. dec. 2012", "2012-12-04"),
            ("Torsdag den 20. juni 2013", "2013-06-20"),
        ];
        for (text, want) in cases {
            assert_eq!(find_date(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(find_date("Resultatkontrakt 2021"), None);
        assert_eq!(find_date("32.13.2020"), None);
    }

    #[test]
    fn clock_times() {
        assert_eq!(find_clock_times("kl. 16:00"), Some(("16:00".into(), None)));
        assert_eq!(find_clock_times("Kl. 15.45"), Some(("15:45".into(), None)));
        assert_eq!(
            find_clock_times("kl. 16.00-18.30"),
            Some(("16:00".into(), Some("18:30".into())))
        );
        assert_eq!(find_bare_time("Mødetidspunkt: 15:30"), Some("15:30".into()));
        assert_eq!(find_clock_times("klokken"), None);
        assert_eq!(
            find_clock_times("fra kl. 15 til kl. 19.45"),
            Some(("15:00".into(), Some("19:45".into())))
        );
    }
}
