//! Case and journal numbers of an agenda item.
//!
//! Every label and form is one row of `data/case_numbers.csv`; adding one is one line there.
//! Labelled numbers (`Sagsnr.: 2012-28504`, `Sagsnr: 2011-29939`, `Sagnr.: 1-51-71-3321-08`,
//! `Sag nr. 11/496`, `J.nr.: 85.02.02-G01-1-17`) are taken whatever their shape; unlabelled
//! numbers only in the distinctive forms below and only on a line of their own.
//! `Dok.nr.` is a document number, never the case number.

use regex::Regex;
use std::sync::LazyLock;

/// A case number found on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseNumber {
    pub number: String,
    /// The case handler's initials (KL: "SAG-2021-00200 hlth").
    pub handler: Option<String>,
}

/// One row of `data/case_numbers.csv`.
struct Row {
    kind: &'static str,
    text: &'static str,
}

static ROWS: LazyLock<Vec<Row>> = LazyLock::new(|| {
    crate::refdata::table_rows(include_str!("../../data/case_numbers.csv"), 3)
        .map(|cols| Row { kind: cols[0], text: cols[2] })
        .collect()
});

/// A label as a regex: "Sagsnr." also matches "Sagsnr", "Sags nr", "sagsnr.:".
fn label_pattern(label: &str) -> String {
    let bare = label.trim_end_matches('.');
    let parts: Vec<String> =
        bare.split([' ', '.']).filter(|p| !p.is_empty()).map(regex::escape).collect();
    format!("{}\\.?", parts.join(r"\.?\s?"))
}

fn labels_of(kind: &str) -> String {
    let mut labels: Vec<&str> = ROWS.iter().filter(|r| r.kind == kind).map(|r| r.text).collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    labels.iter().map(|l| label_pattern(l)).collect::<Vec<_>>().join("|")
}

fn forms() -> String {
    ROWS.iter().filter(|r| r.kind == "form").map(|r| r.text).collect::<Vec<_>>().join("|")
}

// A labelled number: "<label>[:] <number>"; the kind of label in its own group.
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?ix)
        (?:^|[\s(])
        (?:(?P<case>{})|(?P<journal>{})|(?P<doc>{}))          # label
        (?:\s*:\s*|\s+)
        (?P<number>[0-9A-ZÆØÅ][0-9A-ZÆØÅa-zæøå./-]*[0-9A-Za-z]  # the number
          (?:\s[A-ZÆØÅ]\d{{2}}(?:-\d{{1,6}}-\d{{2}})?)?)        # old KLE facet: 00.01.00 G01
        ",
        labels_of("label"),
        labels_of("journal"),
        labels_of("document"),
    ))
    .expect("regex")
});

static UNLABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?P<number>{})(?:\s+(?P<handler>[a-zæøå]{{2,6}}))?$", forms()))
        .expect("regex")
});

// "Title (2024-0012345)", "Title Sag: 2019-020115": a case number at the end of a title.
static IN_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<title>.+?)\s*(?:\((?P<paren>{forms})\)|\s(?:{labels})\s*:?\s*(?P<labelled>[0-9][0-9A-ZÆØÅa-zæøå./-]*[0-9]))$",
        forms = forms(),
        labels = labels_of("label"),
    ))
    .expect("regex")
});

/// A title with a case number at its end ("Godkendelse af dagsorden (2024-0012345)"): the
/// title without it, and the number.
pub fn split_title(title: &str) -> Option<(String, String)> {
    let caps = IN_TITLE.captures(title.trim())?;
    let number = caps.name("paren").or(caps.name("labelled"))?.as_str().to_owned();
    Some((caps["title"].trim().to_owned(), number))
}

/// The case number stated on `line`, if any.
pub fn find_case_number(line: &str) -> Option<CaseNumber> {
    let line = line.trim();
    if let Some(caps) = UNLABELLED.captures(line) {
        return Some(CaseNumber {
            number: caps["number"].to_owned(),
            handler: caps.name("handler").map(|h| h.as_str().to_owned()),
        });
    }
    // "J.nr.: 00.01.00-A00. Sagsnr.: 21/402": the case number wins over the journal number.
    let labelled: Vec<(bool, String)> = LABELLED
        .captures_iter(line)
        .filter(|caps| caps.name("doc").is_none())
        .filter_map(|caps| {
            let number = caps["number"].trim_end_matches(['.', '-', '/']);
            // A labelled number has a digit ("Sag nr. ørsted" is prose); a short plain number
            // is an item number ("Sag nr. 129", Rødovre), not a case number.
            let has_digit = number.chars().any(|c| c.is_ascii_digit());
            let short_plain = number.len() < 5 && number.chars().all(|c| c.is_ascii_digit());
            let is_case = caps.name("case").is_some();
            (has_digit && !short_plain).then(|| (is_case, number.to_owned()))
        })
        .collect();
    let (_, number) = labelled.iter().find(|(is_case, _)| *is_case).or(labelled.first())?;
    Some(CaseNumber { number: number.clone(), handler: None })
}

/// True when the line starts with a case, journal or document-number label ("Dok.nr.: …").
pub fn starts_with_label(line: &str) -> bool {
    LABELLED.find(line.trim()).is_some_and(|m| m.start() == 0)
}

/// True when the whole line is an unlabelled case number (it may then precede its item).
pub fn is_bare_case_number(line: &str) -> bool {
    UNLABELLED.is_match(line.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(line: &str) -> Option<(String, Option<String>)> {
        find_case_number(line).map(|c| (c.number, c.handler))
    }

    #[test]
    fn unlabelled_forms() {
        assert_eq!(
            number("SAG-2021-00200 hlth"),
            Some(("SAG-2021-00200".into(), Some("hlth".into())))
        );
        assert_eq!(number("EMN-2025-003383"), Some(("EMN-2025-003383".into(), None)));
        assert_eq!(number("85.02.02-G01-1-17"), Some(("85.02.02-G01-1-17".into(), None)));
        assert_eq!(number("18.15.00-Ø40-2-19"), Some(("18.15.00-Ø40-2-19".into(), None)));
    }

    #[test]
    fn labelled_forms() {
        assert_eq!(number("Sagsnr.: 2012-28504").unwrap().0, "2012-28504");
        assert_eq!(number("Sagsnr: 2011-29939").unwrap().0, "2011-29939");
        assert_eq!(number("Sagsnr.:                  12/27845").unwrap().0, "12/27845");
        assert_eq!(number("Sagnr.: 1-51-71-3321-08").unwrap().0, "1-51-71-3321-08");
        assert_eq!(number("Sag nr. 11/496").unwrap().0, "11/496");
        assert_eq!(
            number("Sagsnr.: 330-2020-164    Dok.nr.: 330-2020-488200    Åbent").unwrap().0,
            "330-2020-164"
        );
        assert_eq!(number("J.nr.: 85.02.02-G01-1-17").unwrap().0, "85.02.02-G01-1-17");
        assert_eq!(number("J.nr. 00.01.00 G01").unwrap().0, "00.01.00 G01");
        assert_eq!(number("J.nr.: 00.01.00-A00. Sagsnr.: 21/402").unwrap().0, "21/402");
        for (line, want) in [
            ("Acadre: 14/21390", "14/21390"),
            ("Sag: 2019-020115", "2019-020115"),
            ("Sagsid: 2021-004567", "2021-004567"),
            ("ESDH-nr.: 21/1234", "21/1234"),
            ("Journ.nr. 00.01.00-G01-4-21", "00.01.00-G01-4-21"),
            ("Sagsnr. 18/3301 - Journalnr. 00.01.00-G01-4-18", "18/3301"),
            ("2021-001120", "2021-001120"),
            ("21/1234", "21/1234"),
        ] {
            assert_eq!(number(line).map(|n| n.0).as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn numbers_at_the_end_of_titles() {
        assert_eq!(
            split_title("Godkendelse af dagsorden (2024-0012345)"),
            Some(("Godkendelse af dagsorden".into(), "2024-0012345".into()))
        );
        assert_eq!(
            split_title("Medlemsforslag om parkering Sag: 2019-020115"),
            Some(("Medlemsforslag om parkering".into(), "2019-020115".into()))
        );
        assert_eq!(split_title("Budget 2024 (2. behandling)"), None);
        assert_eq!(split_title("Trafikplan 2021-2025"), None);
    }

    #[test]
    fn not_case_numbers() {
        assert_eq!(number("Dok.nr.: 2012-203438"), None);
        assert_eq!(number("Der henvises til SAG-2021-00200 i bilaget"), None);
        assert_eq!(number("Resultatkontrakt 2021"), None);
        assert_eq!(number("Sag nr. 129"), None);
        assert_eq!(number("Sag 3: Budget"), None);
        assert_eq!(number("2021-2025"), None);
        assert_eq!(number("Dokumentnr.: 2021-004567"), None);
    }
}
