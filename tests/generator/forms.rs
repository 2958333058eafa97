//! The catalogue of forms. A *dimension* is one way in which minutes vary (the date format, the
//! attendance heading, the item numbering, …); each of its *values* is one form, named
//! `"dimension:value"` (`"date:iso"`, `"entry:name-comma-letter"`). The names are stable: the
//! list of supported forms in `tests/generator.rs` refers to them.
//!
//! A document picks one value per dimension (the per-item dimensions pick again for every
//! item), and records which forms its text really uses: a form that a document drew but did
//! not print (the label of a header it wrote as a sentence) is not counted for it.

use super::rng::Rng;
use std::collections::{BTreeMap, BTreeSet};

pub struct Dimension {
    pub name: &'static str,
    pub values: &'static [&'static str],
    /// Drawn again for every agenda item rather than once per document.
    pub per_item: bool,
}

const fn doc(name: &'static str, values: &'static [&'static str]) -> Dimension {
    Dimension { name, values, per_item: false }
}

const fn item(name: &'static str, values: &'static [&'static str]) -> Dimension {
    Dimension { name, values, per_item: true }
}

/// Every dimension and its forms. What each form prints is described where it is rendered
/// (`header.rs`, `attendance.rs`, `items.rs`).
pub const DIMENSIONS: &[Dimension] = &[
    // Meeting header.
    doc("municipality", &["none", "above"]),
    doc("title", &["none", "referat-above", "referat-below"]),
    doc("body", &["line", "caps", "referat-fra"]),
    doc(
        "header",
        &[
            "labelled-lines",
            "labelled-one-line",
            "labelled-date-time",
            "block",
            "block-date-time",
            "sentence",
        ],
    ),
    doc("label-date", &["dato", "moededato"]),
    doc("label-time", &["tidspunkt", "moedetidspunkt"]),
    doc("label-place", &["sted", "moedested", "lokale"]),
    doc("order", &["standard", "shuffled"]),
    doc("date", &["den-long", "d-long", "dotted", "dotted-short", "dashed", "iso", "slash"]),
    doc("weekday", &["none", "lower", "capital"]),
    doc("time", &["kl-dot", "kl-colon", "kl-hour", "range", "fra-til"]),
    doc("place", &["single", "comma"]),
    doc("end", &["none", "haevet", "moede-slut"]),
    // Attendance.
    doc(
        "present",
        &["deltagere", "til-stede", "tilstede", "fremmoedte", "medlemmer", "moedt", "deltagende"],
    ),
    doc(
        "absent",
        &[
            "none",
            "afbud",
            "fravaerende",
            "forfald",
            "meldt-afbud",
            "ikke-til-stede",
            "fravaerende-med-afbud",
        ],
    ),
    doc("colon", &["yes", "no"]),
    doc("list", &["lines", "sentence", "table", "party-groups"]),
    doc(
        "entry",
        &[
            "name-paren",
            "name-comma-paren",
            "name-comma-letter",
            "letter-colon-name",
            "paren-name",
            "name-party-full",
            "name-comma-party-full",
            "name-dash-full-letter",
        ],
    ),
    doc("role", &["none", "dash-after", "comma-after", "before", "between", "column-after"]),
    // A remark on one member's presence after the entry (listing lines only).
    doc("remark", &["none", "arrival-paren", "remote-dash", "partly-absent", "leaves-paren"]),
    // Agenda items.
    doc(
        "item",
        &[
            "dot",
            "punkt-colon",
            "pkt-dot",
            "punkt-own-line",
            "paren",
            "sag-colon",
            "ad",
            "paragraph",
            "table-row",
        ],
    ),
    doc("start", &["one", "running"]),
    doc("sub", &["none", "dotted", "plain"]),
    doc("case", &["none", "sagsnr-colon", "sagsnr-space", "sag-nr", "jnr", "journalnr", "emn"]),
    doc("case-gap", &["tight", "blank"]),
    doc("doknr", &["none", "own-line", "same-line"]),
    doc("sections", &["none", "classic", "decision-first"]),
    doc("decision", &["beslutning", "beslutning-colon", "udvalgets", "body-genitive", "dated"]),
    item("outcome", &["godkendt", "efterretning", "udsat", "droeftet", "oversendes", "forkastet"]),
    item(
        "vote",
        &[
            "none",
            "for-imod",
            "for-imod-undlod",
            "count-mod",
            "stemte-imod-after",
            "stacked-counts",
            "count-words",
            "amendment-then-final",
            "full-names-mens",
            "table",
            "oevrige",
        ],
    ),
];

pub fn dimension(name: &str) -> &'static Dimension {
    DIMENSIONS.iter().find(|d| d.name == name).unwrap_or_else(|| panic!("no dimension {name:?}"))
}

/// Every form name, in catalogue order.
pub fn all_forms() -> Vec<String> {
    DIMENSIONS.iter().flat_map(|d| d.values.iter().map(|v| format!("{}:{v}", d.name))).collect()
}

/// Splits `"dim:value"`, checking that the form exists.
fn split(form: &str) -> (&'static str, &'static str) {
    let (dim, value) = form.split_once(':').unwrap_or_else(|| panic!("form {form:?} has no ':'"));
    let d = dimension(dim);
    let v = d.values.iter().find(|v| **v == value);
    (d.name, v.unwrap_or_else(|| panic!("dimension {dim} has no form {value:?}")))
}

/// Which forms a generated document may use.
#[derive(Debug, Clone)]
pub struct Dims {
    allowed: BTreeSet<(&'static str, &'static str)>,
    /// A form every document must use (see [`Dims::isolating`]).
    forced: Option<(&'static str, &'static str)>,
}

impl Dims {
    /// Every form of the catalogue.
    pub fn all() -> Dims {
        Dims::only(&all_forms().iter().map(String::as_str).collect::<Vec<_>>())
    }

    /// Only the listed forms (panics on a name that is not in the catalogue).
    pub fn only(forms: &[&str]) -> Dims {
        Dims { allowed: forms.iter().map(|f| split(f)).collect(), forced: None }
    }

    /// `base` plus `form`, and every document uses `form`: for a per-document dimension it
    /// replaces the dimension's other values, for a per-item one it is taken wherever it fits.
    /// All other forms come from `base`, so a failure can be put down to `form` alone.
    pub fn isolating(form: &str, base: &[&str]) -> Dims {
        let mut dims = Dims::only(base);
        let forced = split(form);
        if !dimension(forced.0).per_item {
            dims.allowed.retain(|(d, _)| *d != forced.0);
        }
        dims.allowed.insert(forced);
        dims.forced = Some(forced);
        dims
    }

    pub fn forced(&self) -> Option<String> {
        self.forced.map(|(d, v)| format!("{d}:{v}"))
    }

    /// The allowed values of a dimension, in catalogue order.
    pub fn values(&self, dim: &'static str) -> Vec<&'static str> {
        let d = dimension(dim);
        d.values.iter().copied().filter(|v| self.allowed.contains(&(d.name, *v))).collect()
    }

    /// Dimensions with no allowed value: no document can be generated from such a set.
    pub fn empty_dimensions(&self) -> Vec<&'static str> {
        DIMENSIONS.iter().map(|d| d.name).filter(|d| self.values(d).is_empty()).collect()
    }
}

/// The forms one document drew, and the ones its text used so far.
pub struct Picks<'a> {
    pub rng: Rng,
    dims: &'a Dims,
    drawn: BTreeMap<&'static str, &'static str>,
    used: BTreeSet<String>,
}

impl<'a> Picks<'a> {
    /// Draws every per-document dimension, redrawing until the combination is coherent.
    pub fn new(seed: u64, dims: &'a Dims) -> Picks<'a> {
        if let Some(dim) = dims.empty_dimensions().first() {
            panic!("no allowed form in dimension {dim:?}");
        }
        let mut rng = Rng::new(seed);
        for _ in 0..10_000 {
            let drawn: BTreeMap<_, _> = DIMENSIONS
                .iter()
                .filter(|d| !d.per_item)
                .map(|d| (d.name, *rng.pick(&dims.values(d.name))))
                .collect();
            if coherent(&drawn) {
                return Picks { rng, dims, drawn, used: BTreeSet::new() };
            }
        }
        panic!("no coherent document from {dims:?}");
    }

    /// The drawn value of a per-document dimension, recorded as used by the text.
    pub fn form(&mut self, dim: &'static str) -> &'static str {
        let value = self.peek(dim);
        self.used.insert(format!("{dim}:{value}"));
        value
    }

    /// The drawn value, without counting it as used (for content that must fit the form).
    pub fn peek(&self, dim: &'static str) -> &'static str {
        self.drawn.get(dim).unwrap_or_else(|| panic!("{dim} is not a per-document dimension"))
    }

    /// Draws a per-item dimension among the allowed values that `fits`. `none_percent` is
    /// the chance of `"none"` when it is allowed (most items carry no vote). A forced form
    /// is taken whenever it fits. With nothing allowed that fits, `"none"` is used.
    pub fn item_form(
        &mut self,
        dim: &'static str,
        none_percent: usize,
        fits: impl Fn(&str) -> bool,
    ) -> &'static str {
        let candidates: Vec<_> = self.dims.values(dim).into_iter().filter(|v| fits(v)).collect();
        let forced = self.dims.forced.filter(|(d, v)| *d == dim && fits(v)).map(|(_, v)| v);
        let others: Vec<_> = candidates.iter().copied().filter(|v| *v != "none").collect();
        let none_drawn = candidates.contains(&"none") && self.rng.chance(none_percent);
        let value = match forced {
            Some(v) => v,
            None if others.is_empty() || none_drawn => "none",
            None => *self.rng.pick(&others),
        };
        self.used.insert(format!("{dim}:{value}"));
        value
    }

    pub fn into_used(self) -> BTreeSet<String> {
        self.used
    }
}

/// Combinations that real minutes do not write, or whose expected record the rules leave open.
fn coherent(d: &BTreeMap<&'static str, &'static str>) -> bool {
    let is = |dim: &str, value: &str| d[dim] == value;
    let any = |dim: &str, values: &[&str]| values.contains(&d[dim]);
    let letter_first = any("entry", &["letter-colon-name", "paren-name"]);
    // A run-together sentence ("Til stede: X (A), formand, Y (V) og Z (C).") needs its colon,
    // and only parenthesised parties keep the commas unambiguous. An office before a name
    // ("…, Y (V), formand Z (C) og …") is left out there: a bare office after a party belongs
    // to the person before it (dev interpretation 5), so which person it names is unclear.
    let sentence_ok = !is("list", "sentence")
        || (is("colon", "yes")
            && any("entry", &["name-paren", "name-party-full"])
            && any("role", &["none", "comma-after"]));
    // "Formand A: Name" and "A: Name, formand, …" are not written.
    // "Name, formand, - Party (L)" is not written either.
    let dash_between = is("entry", "name-dash-full-letter") && is("role", "between");
    // A role in a column of its own (Holstebro "Name (A)      Borgmester") stands in a list of
    // lines, after the whole entry.
    let column_ok = !is("role", "column-after") || any("list", &["lines", "party-groups"]);
    let role_ok =
        !(letter_first && any("role", &["before", "between"]) || dash_between) && column_ok;
    // Sub-items "2.1" are only written under plain "2." numbering.
    let sub_ok = is("sub", "none") || is("item", "dot");
    // An agenda table's row is followed by its item's body: a case number or a section
    // heading on the next line, never a document number alone.
    let row_ok = !is("item", "table-row") || !is("doknr", "own-line");
    // "Dok.nr." on the case line needs a labelled case number to share the line with.
    let dok_ok = !is("doknr", "same-line") || !any("case", &["none", "emn"]);
    // Nobody writes a weekday before an ISO date, nor a capital weekday mid-sentence.
    let weekday_ok = (is("weekday", "none") || !is("date", "iso"))
        && !(is("header", "sentence") && is("weekday", "capital"));
    // "Møde slut:" is a labelled line, so it only stands among labelled lines.
    let end_ok = !is("end", "moede-slut") || is("header", "labelled-lines");
    sentence_ok && role_ok && sub_ok && dok_ok && weekday_ok && end_ok && row_ok
}
