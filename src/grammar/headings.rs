//! `G-HEAD`: attendance heading words by kind, from `data/headings.csv` (one file, also used
//! to repair OCR misspellings of them).
//!
//! Accepted (the whole line): `Deltagere`, `Til stede:`, `MØDT`, `Fraværende med afbud:`,
//! `Deltagere fra KKR Nordjylland`, `Gæster fra Erhvervshus Nordjyllands bestyrelse`, and with
//! an inline list: `Afbud: Anne Hansen (V) og Bo Jensen (A)`, `Afbud fra Lise Holm (F).`.
//! Rejected: `Afbuddet blev meddelt`, `Deltagerne drøftede sagen`, `Mødt op til borgermøde var
//! 40` (a heading word must stand alone, before a colon, or before "fra").

use regex::Regex;
use std::sync::LazyLock;

/// What kind of people a heading lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingKind {
    Members,
    /// Members standing in for others ("Stedfortræder:", "Suppleanter").
    Substitutes,
    Guests,
    Absent,
    Secretary,
    Overview,
    Signatures,
}

/// A recognised attendance heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingToken {
    /// The heading as written, without colon ("Deltagere fra KKR Nordjylland").
    pub group: String,
    pub kind: HeadingKind,
    /// Text after the heading on the same line ("Afbud: X og Y" → "X og Y").
    pub inline: Option<String>,
}

struct Word {
    kind: HeadingKind,
    as_written: &'static str,
    lower: String,
}

static WORDS: LazyLock<Vec<Word>> = LazyLock::new(|| {
    let mut words: Vec<Word> = crate::refdata::heading_words()
        .iter()
        .filter_map(|w| {
            let kind = match w.kind {
                "members" => HeadingKind::Members,
                "substitutes" => HeadingKind::Substitutes,
                "guests" => HeadingKind::Guests,
                "absent" => HeadingKind::Absent,
                "secretary" => HeadingKind::Secretary,
                "overview" => HeadingKind::Overview,
                "signatures" => HeadingKind::Signatures,
                _ => return None,
            };
            Some(Word { kind, as_written: w.as_written, lower: w.lower.clone() })
        })
        .collect();
    // Longest first: "Fraværende med afbud" before "Fraværende".
    words.sort_by_key(|w| std::cmp::Reverse(w.lower.len()));
    words
});

// "fra <Body>": the body after the heading word ("Deltagere fra KKR Nordjylland", "Gæster fra
// administrationen"): a capitalised name, or up to four words, and no sentence in it.
static FRA_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+fra\s+(?P<body>\p{Lu}[^:.]{1,80}|\p{Ll}+(?:\s+\p{L}+){0,3})$").expect("regex")
});

// "Fra direktionen:", "Fra sekretariatet:", "Fra den tekniske forvaltning:": staff listed
// under the unit they come from (a definite noun, lower case), a guests heading.
static FROM_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<group>[Ff]ra\s+(?:(?:den|det)\s+\p{Ll}+\s+)?\p{Ll}[\p{Ll}-]*(?:en|et|erne|ene|ning))\s*:\s*(?P<inline>.*)$")
        .expect("regex")
});

// "Fra Teknisk Forvaltning:", "Fra Børn og Unge-afdelingen:": a unit named with capitals,
// ending in a unit noun (a party or a person is no unit: "Fra Venstre:" is not matched).
static FROM_NAMED_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<group>[Ff]ra\s+(?:\p{Lu}[\p{L}-]*\s+(?:og\s+)?){0,3}(?:\p{L}[\p{L}-]*)?(?i:forvaltning|forvaltningen|afdeling|afdelingen|sekretariat|sekretariatet|administration|administrationen|direktion|direktionen|stab|staben|center|centret))\s*:\s*(?P<inline>.*)$")
        .expect("regex")
});

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The heading part and the inline list of "Heading: list" (a trailing colon alone gives none).
fn head_and_inline(text: &str) -> (&str, Option<String>) {
    match text.split_once(':') {
        Some((head, inline)) => {
            (head.trim(), Some(inline.trim().to_owned()).filter(|s| !s.is_empty()))
        }
        None => (text.trim(), None),
    }
}

/// G-HEAD-QUALIFIED: a heading with a reason or a scope after it is a heading of its kind:
/// "Fraværende med gyldigt forfald:", "Gæster under punkt 64:", "Afbud under pkt. 3-4".
/// Rejected: a sentence ("Fraværende med afbud var Bo Lund og …" has more than a few words).
fn qualified(text: &str) -> Option<HeadingToken> {
    let (head, inline) = head_and_inline(text);
    let lower = head.to_lowercase();
    let at = [" med ", " under "].iter().filter_map(|q| lower.find(q)).min()?;
    let qualifier = &head[at..];
    if qualifier.split_whitespace().count() > 4 || !head.is_char_boundary(at) {
        return None;
    }
    let base = parse(&head[..at]).filter(|t| t.inline.is_none())?;
    Some(HeadingToken { group: head.to_owned(), kind: base.kind, inline })
}

/// G-HEAD-MEMBERS: a group of members named by its kind of member: "Borgermedlemmer:",
/// "Politiske medlemmer", "Ungerådsrepræsentanter:" (one or two words ending in "medlemmer"
/// or "repræsentanter"). Rejected: longer text ("Medlemmer af udvalget var enige").
fn members_by_suffix(text: &str) -> Option<HeadingToken> {
    let (head, inline) = head_and_inline(text);
    let words: Vec<&str> = head.split_whitespace().collect();
    let last = words.last()?.to_lowercase();
    let member_word = ["medlemmer", "repræsentanter"].iter().any(|w| last.ends_with(w));
    let capital = head.chars().next().is_some_and(char::is_uppercase);
    (member_word
        && capital
        && words.len() <= 2
        && words.iter().all(|w| w.chars().all(char::is_alphabetic)))
    .then(|| HeadingToken { group: head.to_owned(), kind: HeadingKind::Members, inline })
}

/// G-HEAD-ROLE: a role alone on its line, with a colon, heads the people holding it:
/// "Observatør:", "Mødesekretær:", "Facilitator:" (its kind gives them the heading as role).
/// Rejected: a role with text after it ("Borgmester: Anne Holm" is read by the entry), and a
/// line without the colon.
fn role_alone(text: &str) -> Option<HeadingToken> {
    let head = text.trim().strip_suffix(':')?.trim();
    let single = !head.contains(' ') && head.chars().all(char::is_alphabetic);
    (single && crate::refdata::is_role(head)).then(|| HeadingToken {
        group: head.to_owned(),
        kind: HeadingKind::Secretary,
        inline: None,
    })
}

/// G-HEAD-BODY: the body's name alone with a colon heads its members: "Teknisk Udvalg:",
/// "Økonomiudvalget:", "Bestyrelsen:". Rejected: the name without the colon (the meeting's body
/// on a title line), with text after the colon ("Udvalg: Teknisk Udvalg" is a header field),
/// and a phrase around the name ("Referat - Byrådet:").
fn body_alone(text: &str) -> Option<HeadingToken> {
    let head = text.trim().strip_suffix(':')?.trim();
    // "Udvalg:" labels the header field that names the body.
    if super::header_fields::is_label(head) {
        return None;
    }
    (super::body::parse(head).as_deref() == Some(head)).then(|| HeadingToken {
        group: head.to_owned(),
        kind: HeadingKind::Members,
        inline: None,
    })
}

/// G-HEAD-SCOPE: a heading after the items it concerns: "Under punkt 3 deltog:", "Under
/// behandlingen af pkt. 4-5 deltog:", "Under sag 12 var fraværende:". Those attending for a
/// few items are guests; an absent heading stays absent. Rejected: a scope before text that
/// is no heading ("Under punkt 3 blev det besluttet").
fn scope_first(text: &str) -> Option<HeadingToken> {
    let caps = SCOPE_FIRST.captures(text)?;
    let (rest, inline) = head_and_inline(&caps["rest"]);
    // "var fraværende": the heading word after its verb.
    let rest = rest.strip_prefix("var ").unwrap_or(rest);
    let base = parse(rest).filter(|t| t.inline.is_none())?;
    let kind = match base.kind {
        HeadingKind::Members => HeadingKind::Guests,
        other => other,
    };
    let group = head_and_inline(text).0.to_owned();
    Some(HeadingToken { group, kind, inline })
}

// "Under punkt 3 ", "Under behandlingen af pkt. 4-5 og 7 ", "Under sag 12 "
static SCOPE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:under)\s+(?i:behandlingen\s+af\s+)?(?i:punkt(?:erne)?|pkt\.?|sag(?:erne)?)\s*\d+(?:\s*(?:[-–,]|og)\s*\d+)*\s+(?P<rest>\p{Ll}.*)$")
        .expect("regex")
});

/// G-HEAD-JOINED: two or more headings of one kind joined by a slash are one heading of
/// that kind: "Afbud/forfald:", "Fraværende / Afbud", "Deltagere/Til stede". Rejected: parts
/// of different kinds ("Deltagere/Afbud"), and a part that is no heading ("Afbud/Sygdom").
fn joined_heading(text: &str) -> Option<HeadingToken> {
    let (head, inline) = match text.split_once(':') {
        Some((head, inline)) => (head, Some(inline.trim().to_owned()).filter(|s| !s.is_empty())),
        None => (text, None),
    };
    if !head.contains('/') {
        return None;
    }
    let kinds: Option<Vec<HeadingKind>> = head
        .split('/')
        .map(|part| parse(part.trim()).filter(|t| t.inline.is_none()).map(|t| t.kind))
        .collect();
    let kinds = kinds?;
    let kind = *kinds.first()?;
    kinds.iter().all(|k| *k == kind).then(|| HeadingToken {
        group: head.trim().to_owned(),
        kind,
        inline,
    })
}

/// Every heading as written, with its kind (for OCR repair).
pub fn all() -> impl Iterator<Item = (&'static str, HeadingKind)> {
    WORDS.iter().map(|w| (w.as_written, w.kind))
}

/// The attendance heading `line` is, if it is one.
pub fn parse(line: &str) -> Option<HeadingToken> {
    // "(Afbud: X og Y)": a heading with its list in parentheses.
    let line = line.trim();
    let line = match line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        Some(inner) if inner.contains(':') => inner,
        _ => line,
    };
    let text = collapse(line.trim());
    if let Some(joined) = joined_heading(&text) {
        return Some(joined);
    }
    let lower = text.to_lowercase();
    // Lower-casing keeps byte offsets for the Danish alphabet; anything else is no heading.
    if lower.len() != text.len() {
        return None;
    }
    for word in WORDS.iter() {
        if !lower.starts_with(&word.lower) {
            continue;
        }
        let rest = &text[word.lower.len()..];
        let group = text[..word.lower.len()].to_owned();
        if rest.is_empty() || rest.trim() == ":" {
            return Some(HeadingToken { group, kind: word.kind, inline: None });
        }
        if let Some(after) = rest.trim_start().strip_prefix(':') {
            let inline = Some(after.trim().to_owned()).filter(|s| !s.is_empty());
            return Some(HeadingToken { group, kind: word.kind, inline });
        }
        // "Til stede var X, Y og Z.", "Fraværende var X", "Desuden deltog direktør X": a
        // heading that opens a sentence with its verb takes the rest of it as its list.
        let verb_final = [" var", " deltog", " mødte"].iter().any(|v| word.lower.ends_with(v));
        let verb_rest = [" var ", " er "].iter().find_map(|v| rest.strip_prefix(v));
        let sentence_list =
            if verb_final && rest.starts_with(' ') { Some(rest) } else { verb_rest };
        if let Some(list) = sentence_list.map(str::trim).filter(|l| {
            l.chars().next().is_some_and(char::is_alphabetic)
                && !l.to_lowercase().starts_with("fra ")
        }) {
            return Some(HeadingToken { group, kind: word.kind, inline: Some(list.to_owned()) });
        }
        let after_fra = rest.trim_start().to_lowercase();
        if rest.starts_with(' ') && (after_fra.starts_with("fra ") || after_fra.starts_with("fra:"))
        {
            // Members and guests "fra <body>": the body is part of the group. Absent "fra":
            // the names follow ("Afbud fra Lise Holm (F) og Bo Dahl (V).").
            if word.kind == HeadingKind::Absent {
                // "Afbud fra: Svend Holm (V)" as well as "Afbud fra Svend Holm (V)".
                let names = rest.trim_start()[4..].trim().trim_start_matches(':').trim();
                let inline = Some(names.to_owned()).filter(|s| !s.is_empty());
                return Some(HeadingToken { group, kind: word.kind, inline });
            }
            let (body, inline) = match rest.split_once(':') {
                Some((body, inline)) => (body, Some(inline.trim().to_owned())),
                None => (rest, None),
            };
            if FRA_BODY.is_match(body) {
                let group = format!("{group}{}", body.trim_end());
                return Some(HeadingToken {
                    group,
                    kind: word.kind,
                    inline: inline.filter(|s| !s.is_empty()),
                });
            }
        }
    }
    if let Some(token) = qualified(&text)
        .or_else(|| members_by_suffix(&text))
        .or_else(|| role_alone(&text))
        .or_else(|| body_alone(&text))
        .or_else(|| scope_first(&text))
    {
        return Some(token);
    }
    let unit = FROM_UNIT.captures(&text).or_else(|| FROM_NAMED_UNIT.captures(&text))?;
    let inline = Some(unit["inline"].trim().to_owned()).filter(|s| !s.is_empty());
    Some(HeadingToken { group: unit["group"].to_owned(), kind: HeadingKind::Guests, inline })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_from_a_named_unit() {
        for line in [
            "Fra Teknisk Forvaltning:",
            "Fra Økonomi og Personale-afdelingen:",
            "Fra forvaltningen:",
        ] {
            let h = parse(line).unwrap_or_else(|| panic!("no heading: {line}"));
            assert_eq!(h.kind, HeadingKind::Guests, "{line}");
        }
        for line in ["Fra Venstre:", "Fra Anne Hansen:"] {
            assert!(parse(line).is_none(), "{line}");
        }
    }

    #[test]
    fn qualified_member_and_role_headings() {
        for (line, group, kind) in [
            (
                "Fraværende med gyldigt forfald:",
                "Fraværende med gyldigt forfald",
                HeadingKind::Absent,
            ),
            ("Gæster under punkt 64:", "Gæster under punkt 64", HeadingKind::Guests),
            ("Borgermedlemmer:", "Borgermedlemmer", HeadingKind::Members),
            ("Politiske medlemmer:", "Politiske medlemmer", HeadingKind::Members),
            ("Ungerådsrepræsentanter:", "Ungerådsrepræsentanter", HeadingKind::Members),
            ("Mødesekretær:", "Mødesekretær", HeadingKind::Secretary),
            ("Forhindret:", "Forhindret", HeadingKind::Absent),
            ("Desuden mødt:", "Desuden mødt", HeadingKind::Guests),
        ] {
            let h = parse(line).unwrap_or_else(|| panic!("no heading: {line}"));
            assert_eq!((h.group.as_str(), h.kind), (group, kind), "{line}");
        }
        for line in [
            "Fraværende med afbud var Bo Lund og Eva Holm fra Venstre",
            "Medlemmer af udvalget var enige",
            "Mødesekretær",
            "Borgmester: Anne Holm",
            "Sagen behandles under punkt 4",
        ] {
            assert!(parse(line).is_none_or(|h| h.group != line.trim_end_matches(':')), "{line}");
        }
    }

    #[test]
    fn the_body_alone_heads_its_members_a_scope_first_heads_guests() {
        let t = parse("Teknisk Udvalg:").unwrap();
        assert_eq!((t.group.as_str(), t.kind), ("Teknisk Udvalg", HeadingKind::Members));
        assert_eq!(kind("Økonomiudvalget:"), Some(HeadingKind::Members));
        assert_eq!(kind("Teknisk Udvalg"), None);
        assert_eq!(kind("Referat - Byrådet:"), None);
        assert_eq!(kind("Udvalg: Teknisk Udvalg"), None);
        assert_eq!(kind("Udvalg:"), None);
        let t = parse("Under punkt 3 deltog:").unwrap();
        assert_eq!((t.group.as_str(), t.kind), ("Under punkt 3 deltog", HeadingKind::Guests));
        let t = parse("Under behandlingen af pkt. 4-5 deltog: Bo Holm, planchef").unwrap();
        assert_eq!(t.kind, HeadingKind::Guests);
        assert_eq!(t.inline.as_deref(), Some("Bo Holm, planchef"));
        assert_eq!(kind("Under sag 12 var fraværende:"), Some(HeadingKind::Absent));
        assert_eq!(kind("Under punkt 3 blev det besluttet at udsætte sagen."), None);
        assert_eq!(kind("Under punkt 3 deltog Bo Holm i drøftelsen af sagen"), None);
    }

    #[test]
    fn headings_of_one_kind_joined_by_a_slash() {
        for (line, group, kind) in [
            ("Afbud/forfald:", "Afbud/forfald", HeadingKind::Absent),
            ("Afbud/Fraværende", "Afbud/Fraværende", HeadingKind::Absent),
            ("Fraværende / Afbud:", "Fraværende / Afbud", HeadingKind::Absent),
            ("Deltagere/Til stede", "Deltagere/Til stede", HeadingKind::Members),
        ] {
            let h = parse(line).unwrap_or_else(|| panic!("no heading: {line}"));
            assert_eq!((h.group.as_str(), h.kind), (group, kind), "{line}");
        }
        let h = parse("Afbud/forfald: Ole Vinkel (C)").expect("heading");
        assert_eq!(h.inline.as_deref(), Some("Ole Vinkel (C)"));
        for line in ["Deltagere/Afbud", "Afbud/Sygdom", "Sag 12/2021"] {
            assert!(parse(line).is_none(), "{line}");
        }
    }

    #[test]
    fn a_heading_can_open_a_sentence_with_its_verb() {
        let cases = [
            ("Til stede var formand Anne Hansen (V) og Bo Dahl (A).", HeadingKind::Members),
            ("Fraværende var Jørn Hviid (C) og Søren Dalby (F).", HeadingKind::Absent),
            (
                "Desuden deltog direktør Ole Krag og afdelingsleder Vibeke Hede.",
                HeadingKind::Guests,
            ),
        ];
        for (line, kind) in cases {
            let h = parse(line).unwrap_or_else(|| panic!("no heading: {line}"));
            assert_eq!(h.kind, kind, "{line}");
            assert!(
                h.inline.as_deref().is_some_and(|l| l.ends_with('.')),
                "{line}: {:?}",
                h.inline
            );
        }
        // Staff under their unit.
        for line in ["Fra direktionen:", "Fra sekretariatet:", "Fra den tekniske forvaltning:"] {
            assert_eq!(kind(line), Some(HeadingKind::Guests), "{line}");
        }
        let h = parse("Fra forvaltningen: Kultur- og fritidschef Mads Fogh.").expect("heading");
        assert_eq!(h.inline.as_deref(), Some("Kultur- og fritidschef Mads Fogh."));
        assert_eq!(kind("Fra Hjørring Kommune deltog borgmesteren"), None);
        assert_eq!(kind("Fra kl. 17:"), None);
        // Prose that starts with a heading word is no heading.
        assert_eq!(parse("Fraværende var 3 medlemmer"), None);
        assert_eq!(
            parse("Til stede"),
            Some(HeadingToken {
                group: "Til stede".into(),
                kind: HeadingKind::Members,
                inline: None
            })
        );
    }

    fn kind(line: &str) -> Option<HeadingKind> {
        parse(line).map(|h| h.kind)
    }

    #[test]
    fn accepted() {
        assert_eq!(kind("Deltagere"), Some(HeadingKind::Members));
        assert_eq!(kind("MØDT:"), Some(HeadingKind::Members));
        assert_eq!(kind("Til  stede:"), Some(HeadingKind::Members));
        assert_eq!(kind("Fraværende med afbud:"), Some(HeadingKind::Absent));
        assert_eq!(kind("Forfald"), Some(HeadingKind::Absent));
        assert_eq!(kind("Desuden deltog:"), Some(HeadingKind::Guests));
        assert_eq!(kind("Protokolfører"), Some(HeadingKind::Secretary));
        assert_eq!(kind("Underskrifter"), Some(HeadingKind::Signatures));
        let h = parse("Deltagere fra KKR Nordjylland").unwrap();
        assert_eq!(
            (h.group.as_str(), h.kind),
            ("Deltagere fra KKR Nordjylland", HeadingKind::Members)
        );
        let h = parse("Fraværende med afbud: Bo Dahl (V)").unwrap();
        assert_eq!(
            (h.group.as_str(), h.inline.as_deref()),
            ("Fraværende med afbud", Some("Bo Dahl (V)"))
        );
        let h = parse("Afbud fra Lise Holm (F) og Bo Dahl (V).").unwrap();
        assert_eq!((h.group.as_str(), h.kind), ("Afbud", HeadingKind::Absent));
        assert_eq!(h.inline.as_deref(), Some("Lise Holm (F) og Bo Dahl (V)."));
        assert_eq!(kind("Gæster fra administrationen"), Some(HeadingKind::Guests));
        let h = parse("(Fraværende: Grethe Skov (A) og Henning Nørgaard (V))").unwrap();
        assert_eq!(h.inline.as_deref(), Some("Grethe Skov (A) og Henning Nørgaard (V)"));
        let h = parse("Afbud fra: Svend Aa. Holm (V).").unwrap();
        assert_eq!((h.group.as_str(), h.inline.as_deref()), ("Afbud", Some("Svend Aa. Holm (V).")));
    }

    #[test]
    fn rejected() {
        for line in [
            "Afbuddet blev meddelt",
            "Deltagerne drøftede sagen",
            "Mødt op til borgermøde var 40",
            "Medlemmerne godkendte",
            "Deltagere fra kommunen drøftede sagen.",
            "Fraværet er steget",
        ] {
            assert!(parse(line).is_none(), "{line}");
        }
    }

    #[test]
    fn every_data_row_parses_as_its_own_kind() {
        for (heading, kind) in all() {
            assert_eq!(parse(heading).map(|h| h.kind), Some(kind), "{heading}");
            assert_eq!(parse(&format!("{heading}:")).map(|h| h.kind), Some(kind), "{heading}:");
        }
    }
}
