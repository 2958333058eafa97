//! Case and journal numbers of an agenda item.
//!
//! Every accepted form is one row of [`FORMS`]; adding a form is a one-place change.
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

/// One recognised shape of an unlabelled case number.
struct Form {
    /// Stable name, for documentation and tests.
    #[allow(dead_code)]
    name: &'static str,
    pattern: &'static str,
}

/// Unlabelled forms, each matched against a whole line (optionally followed by handler initials).
const FORMS: &[Form] = &[
    // "SAG-2021-00200 hlth": KL case no. + handler initials
    Form { name: "kl", pattern: r"SAG-\d{4}-\d{4,6}" },
    // "EMN-2025-003383": Aarhus (FirstAgenda) emne number
    Form { name: "emne", pattern: r"EMN-\d{4}-\d{4,8}" },
    // "85.02.02-G01-1-17", "18.15.00-Ø40-2-19": KLE journal number (facet letters incl. Æ Ø Å)
    Form { name: "kle", pattern: r"\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d{1,6}-\d{2}" },
];

// "Sagsnr.:", "Sagsnr:", "Sagnr.:", "Sag nr.", "Sags nr.", "J.nr.:", "Journalnr.:", "Sagsnummer:"
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?:^|\s)
        (?P<label>sags?\s?nr\.?|sags?nummer|j\.\s?nr\.?|journal\s?nr\.?|journalnummer)   # label
        \s*:?\s*
        (?P<number>[0-9A-ZÆØÅ][0-9A-ZÆØÅa-zæøå./-]*[0-9A-Za-z]                   # the number
          (?:\s[A-ZÆØÅ]\d{2}(?:-\d{1,6}-\d{2})?)?)                                 # old KLE facet: 00.01.00 G01
        ",
    )
    .expect("regex")
});

static UNLABELLED: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<&str> = FORMS.iter().map(|f| f.pattern).collect();
    Regex::new(&format!(
        r"^(?P<number>{})(?:\s+(?P<handler>[a-zæøå]{{2,6}}))?$",
        alternatives.join("|")
    ))
    .expect("regex")
});

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
        .filter_map(|caps| {
            let number = caps["number"].trim_end_matches(['.', '-', '/']);
            // A labelled number has a digit ("Sag nr. ørsted" is prose); a short plain number
            // is an item number ("Sag nr. 129", Rødovre), not a case number.
            let has_digit = number.chars().any(|c| c.is_ascii_digit());
            let short_plain = number.len() < 5 && number.chars().all(|c| c.is_ascii_digit());
            let is_case = caps["label"].to_lowercase().starts_with("sag");
            (has_digit && !short_plain).then(|| (is_case, number.to_owned()))
        })
        .collect();
    let (_, number) = labelled.iter().find(|(is_case, _)| *is_case).or(labelled.first())?;
    Some(CaseNumber { number: number.clone(), handler: None })
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
    }

    #[test]
    fn not_case_numbers() {
        assert_eq!(number("Dok.nr.: 2012-203438"), None);
        assert_eq!(number("Der henvises til SAG-2021-00200 i bilaget"), None);
        assert_eq!(number("Resultatkontrakt 2021"), None);
        assert_eq!(number("Sag nr. 129"), None);
    }
}
