//! One listing in an attendance block → a participant.
//!
//! Accepted forms (from KKR and municipal minutes):
//! - `Arne Boelt, Borgmester Hjørring Kommune (A), Formand KKR Nordjylland`
//! - `Arne M. Jensen, Brønderslev Kommune (A)` / `Per Bach Laursen, Borgmester Vesthimmerlands Kommune, (V)`
//! - `Vibeke Gamst (C), Aalborg Kommune` / `Mads Duedahl (V), Aalborg Kommune, KL’s Sundheds- og Ældreudvalg`
//! - `Hanne Kvist, Director Royal Greenland, Næstformand (Landbrug og Fødevarer)` (guest: role,
//!   organisation, the body represented in parentheses)
//! - `Mogens Christen Gade, (V), bestyrelsesformand (KKR Nordjylland)`
//! - `Lolan Ottesen (A) - formand` (role after the name), `Formand Erik Nielsen (A)` (role first)
//! - `Anders Dahl, (A)` (comma before the party), `Jesper Mathiesen (A)`
//! - `Birgitte Glifberg (A), Suppleant for Brian Møller (A)`, `Torben Hoffmann (Stedfortræder: Conni Bergendorff)`
//!
//! A parenthesis holding a party code is the party; a longer one is the body represented.
//! The first office stated is the role, later ones are positions.

use super::party::{party_in_parens, split_parens};
use crate::grammar::entry;
use crate::refdata;
use regex::Regex;
use std::sync::LazyLock;

/// What one listing states about a person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub name: String,
    pub role: Option<String>,
    pub municipality: Option<String>,
    pub municipality_code: Option<String>,
    pub party: Option<String>,
    pub organisation: Option<String>,
    pub represents: Option<String>,
    pub positions: Vec<String>,
    pub substitute_for: Option<String>,
    /// "(Stedfortræder: Y)": Y stands in for this person.
    pub substituted_by: Option<String>,
    /// The word that named the stand-in ("Stedfortræder", "Suppleant").
    pub substitute_word: Option<String>,
    /// "sag 129-131", "punkt 3-5": the items the listing is limited to.
    pub item_scope: Option<(u32, u32)>,
    /// A table's attendance cell: true when it says absent (overrides the block's heading).
    pub absent: Option<bool>,
}

// "Lolan Ottesen (A) - formand": role after a spaced dash at the end.
static ROLE_AFTER_DASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<head>.+?)\s+[-–]\s+(?P<role>[^,()\-–]+)$").expect("regex"));

// "Suppleant for Brian Møller (A)", "stedfortræder for X"
static SUBSTITUTE_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?P<role>suppleant|stedfortræder|indkaldt\s+stedfortræder)\s+for\s+(?P<name>.+)$",
    )
    .expect("regex")
});

// "sag 129-138", "punkt 3-5", "sag 12": the items an absence is limited to
static ITEM_SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:sag|sager|punkt|punkterne|pkt\.?)\s*(?:nr\.?\s*)?(?P<from>\d{1,4})(?:\s*[-–]\s*(?P<to>\d{1,4}))?$").expect("regex")
});

// "Stedfortræder: Conni Bergendorff" inside parentheses
static SUBSTITUTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<role>stedfortræder|suppleant)\s*:\s*(?P<name>.+)$").expect("regex")
});

/// Parses one attendance listing; None when the text does not start with a person's name.
/// KKR-style listings (name first, then comma-separated offices, municipality, organisation and
/// represented body) are read here; every other arrangement of name, party, role and
/// municipality by the entry grammar ([`crate::grammar::entry`]).
pub fn parse_listing(text: &str) -> Option<Listing> {
    let name_first = name_first_listing(text);
    if let Some(entry) = entry::parse(text) {
        // A table row (an attendance cell, a column gap in the "name") is the grammar's.
        let clean = name_first.as_ref().is_none_or(|l| {
            l.party.is_none() && entry.party.is_some()
                || l.organisation.is_some() && l.role.is_none() && entry.organisation.is_none()
                || entry.absent.is_some()
                || l.name.contains("   ")
                // "(A) Bo Holm      Formand": the role column read into the name.
                || entry.role.is_some() && l.role.is_none() && l.name.len() > entry.name.len()
        });
        if clean {
            return Some(Listing {
                name: entry.name,
                role: entry.role,
                municipality: entry.municipality,
                municipality_code: entry.municipality_code,
                party: entry.party,
                organisation: entry.organisation,
                positions: entry.positions,
                substitute_for: entry.substitute_for,
                absent: entry.absent,
                substituted_by: entry.stand_in,
                ..Listing::default()
            });
        }
    }
    name_first
}

fn name_first_listing(text: &str) -> Option<Listing> {
    let text = text.trim().trim_end_matches([',', ';', '.']).trim();
    let mut listing = Listing::default();
    let mut late_role = None;
    let mut body = text.to_owned();
    if let Some(caps) = ROLE_AFTER_DASH.captures(text)
        && refdata::is_role(&caps["role"])
    {
        late_role = Some(caps["role"].trim().to_owned());
        body = caps["head"].to_owned();
    }
    let segments = split_top_level_commas(&body);
    let mut segments = segments.into_iter();
    let first = segments.next()?;
    let (first_outside, first_groups) = split_parens(&first);
    let (role, name) = split_leading_role(&first_outside);
    if !is_person_name(&name) {
        return None;
    }
    listing.name = name;
    listing.role = role;
    take_groups(&mut listing, first_groups);
    for segment in segments {
        if let Some(caps) = SUBSTITUTE_FOR.captures(segment.trim()) {
            let (who, _) = split_parens(&caps["name"]);
            listing.substitute_for = Some(who);
            if listing.role.is_none() {
                listing.role = Some(caps["role"].to_owned());
            }
            continue;
        }
        if let Some(caps) = ITEM_SCOPE.captures(segment.trim()) {
            let from: u32 = caps["from"].parse().unwrap_or(0);
            let to: u32 = caps.name("to").and_then(|m| m.as_str().parse().ok()).unwrap_or(from);
            listing.item_scope = Some((from, to));
            continue;
        }
        let (outside, groups) = split_parens(&segment);
        take_groups(&mut listing, groups);
        take_descriptor(&mut listing, &outside);
    }
    if let Some(role) = late_role {
        if listing.role.is_none() {
            listing.role = Some(role);
        } else {
            listing.positions.push(role);
        }
    }
    Some(listing)
}

/// Splits on commas outside parentheses.
fn split_top_level_commas(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for ch in text.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth <= 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(ch);
    }
    parts.push(current);
    parts.into_iter().map(|p| p.trim().to_owned()).collect()
}

/// "Formand Erik Nielsen" → (Some("Formand"), "Erik Nielsen"); a lone name stays as it is.
fn split_leading_role(text: &str) -> (Option<String>, String) {
    let text = text.trim();
    if let Some(n) = refdata::role_prefix_len(text) {
        let rest = text[n..].trim();
        if is_person_name(rest) && rest.split_whitespace().count() >= 2 {
            return (Some(text[..n].trim().to_owned()), rest.to_owned());
        }
    }
    (None, text.to_owned())
}

/// Files parenthesis contents as party, substitute or represented body.
fn take_groups(listing: &mut Listing, groups: Vec<String>) {
    for group in groups {
        if let Some(letter) = party_in_parens(&group) {
            if listing.party.is_none() {
                listing.party = Some(letter);
            }
        } else if let Some(caps) = SUBSTITUTED_BY.captures(&group) {
            listing.substituted_by = Some(caps["name"].trim().to_owned());
            listing.substitute_word = Some(caps["role"].to_owned());
        } else if !group.is_empty() && listing.represents.is_none() {
            listing.represents = Some(group);
        }
    }
}

/// Files one comma-separated descriptor: an office (+ organisation or municipality), a
/// municipality, an organisation, or a further position.
fn take_descriptor(listing: &mut Listing, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if listing.role.is_none()
        && let Some(n) = refdata::role_prefix_len(text)
    {
        listing.role = Some(text[..n].trim().to_owned());
        let rest = text[n..].trim();
        let is_municipality = !rest.is_empty() && take_municipality(listing, rest);
        // "Kommunaldirektør Viborg Kommune": an employee; the municipality is the employer.
        let employee = listing.role.as_deref().is_some_and(|r| !refdata::is_political_role(r));
        if !rest.is_empty() && (!is_municipality || employee) {
            listing.organisation = Some(rest.to_owned());
        }
        return;
    }
    if listing.municipality.is_none() && take_municipality(listing, text) {
        return;
    }
    if listing.role.is_none() && listing.organisation.is_none() && listing.municipality.is_none() {
        listing.organisation = Some(text.to_owned());
    } else {
        listing.positions.push(text.to_owned());
    }
}

/// Sets the municipality when `text` is exactly a Danish municipality.
fn take_municipality(listing: &mut Listing, text: &str) -> bool {
    if listing.municipality.is_some() {
        return false;
    }
    match refdata::municipality(text) {
        Some(m) => {
            listing.municipality = Some(m.reported_name);
            listing.municipality_code = Some(m.code);
            true
        }
        None => false,
    }
}

pub use crate::grammar::entry::is_person_name;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Listing {
        parse_listing(text).unwrap_or_else(|| panic!("not parsed: {text}"))
    }

    #[test]
    fn mayor_with_party_and_position() {
        let l = parse("Arne Boelt, Borgmester Hjørring Kommune (A), Formand KKR Nordjylland");
        assert_eq!(l.name, "Arne Boelt");
        assert_eq!(l.role.as_deref(), Some("Borgmester"));
        assert_eq!(l.municipality.as_deref(), Some("Hjørring Kommune"));
        assert_eq!(l.municipality_code.as_deref(), Some("860"));
        assert_eq!(l.party.as_deref(), Some("A"));
        assert_eq!(l.positions, ["Formand KKR Nordjylland"]);
    }

    #[test]
    fn comma_before_party_and_party_after_name() {
        let l = parse("Per Bach Laursen, Borgmester Vesthimmerlands Kommune, (V)");
        assert_eq!((l.party.as_deref(), l.municipality_code.as_deref()), (Some("V"), Some("820")));
        let l = parse("Mads Duedahl (V), Aalborg Kommune, KL’s Sundheds- og Ældreudvalg");
        assert_eq!(l.party.as_deref(), Some("V"));
        assert_eq!(l.municipality.as_deref(), Some("Aalborg Kommune"));
        assert_eq!(l.positions, ["KL’s Sundheds- og Ældreudvalg"]);
        assert_eq!(l.role, None);
    }

    #[test]
    fn guests_with_organisation_and_represented_body() {
        let l = parse("Hanne Kvist, Director Royal Greenland, Næstformand (Landbrug og Fødevarer)");
        assert_eq!(l.role.as_deref(), Some("Director"));
        assert_eq!(l.organisation.as_deref(), Some("Royal Greenland"));
        assert_eq!(l.represents.as_deref(), Some("Landbrug og Fødevarer"));
        assert_eq!(l.positions, ["Næstformand"]);
        let l = parse("Mogens Christen Gade, (V), bestyrelsesformand (KKR Nordjylland)");
        assert_eq!(l.role.as_deref(), Some("bestyrelsesformand"));
        assert_eq!(l.represents.as_deref(), Some("KKR Nordjylland"));
        assert_eq!(l.municipality, None);
        let l = parse("Carsten Hedeman, Adm. Direktør NetIP A/S (Dansk Industri)");
        assert_eq!(l.role.as_deref(), Some("Adm. Direktør"));
        assert_eq!(l.organisation.as_deref(), Some("NetIP A/S"));
    }

    #[test]
    fn role_before_or_after_name() {
        let l = parse("Lolan Ottesen (A) - formand");
        assert_eq!((l.name.as_str(), l.role.as_deref()), ("Lolan Ottesen", Some("formand")));
        let l = parse("Formand Erik Nielsen (A)");
        assert_eq!((l.name.as_str(), l.role.as_deref()), ("Erik Nielsen", Some("Formand")));
        assert_eq!(l.party.as_deref(), Some("A"));
    }

    #[test]
    fn substitutes() {
        let l = parse("Birgitte Glifberg (A), Suppleant for Brian Møller (A)");
        assert_eq!(l.substitute_for.as_deref(), Some("Brian Møller"));
        assert_eq!(l.role.as_deref(), Some("Suppleant"));
        assert_eq!(l.party.as_deref(), Some("A"));
        let l = parse("Torben Hoffmann (Stedfortræder: Conni Bergendorff)");
        assert_eq!(l.substituted_by.as_deref(), Some("Conni Bergendorff"));
        assert_eq!(l.represents, None);
    }

    #[test]
    fn employees_and_scoped_absence() {
        let l = parse("Lars Ole Brandt, Kommunaldirektør Viborg Kommune (Kommunaldirektørkredsen)");
        assert_eq!(l.municipality_code.as_deref(), Some("791"));
        assert_eq!(l.organisation.as_deref(), Some("Viborg Kommune"));
        let l = parse("Birthe Lund (A), sag 129-131");
        assert_eq!(l.item_scope, Some((129, 131)));
        assert_eq!(l.organisation, None);
        let l = parse("Torben Hoffmann (A) (Stedfortræder: Conni Bergendorff (A))");
        assert_eq!(l.substituted_by.as_deref(), Some("Conni Bergendorff (A)"));
    }

    #[test]
    fn not_a_person() {
        for text in [
            "Der afholdes dialogmøde",
            "1. Godkendelse af dagsorden",
            "Ingen",
            "SAG-2021-00200 hlth",
        ] {
            assert!(parse_listing(text).is_none(), "{text}");
        }
    }
}
