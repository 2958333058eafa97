//! People across meetings (#13): the listings of every meeting resolved into persons.
//!
//! Listings are compared within one municipality (the person's, else the meeting's, else the
//! body's) and one election term (`data/terms.csv`). Within it:
//! - names equal after NFC, case, hyphens and dots are one name (`normalised`);
//! - a name without a party joins the one person of that name with a party
//!   (`party_not_stated`);
//! - a shorter form joins a fuller one when first and last names agree, initials standing for
//!   names (`initials`: "A. Boelt", "Arne M. Boelt") and middle names left out
//!   (`middle_names`: "Mogens Gade" for "Mogens Christen Gade"), with the same party or none.
//!
//! A name that fits more than one person, or the same name under two parties, is never
//! merged: it stays its own person and each candidate is listed in `person_ambiguities.csv`.
//! The evidence for every merged name is in `person_names.csv`.

use crate::ids;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

/// One listing of a person, as the resolution sees it.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub(crate) name: String,
    pub(crate) party: Option<String>,
    pub(crate) municipality: Option<String>,
    pub(crate) municipality_code: Option<String>,
    /// The municipality key to compare within (the person's, else the meeting's, else the
    /// body's).
    pub(crate) block: String,
    pub(crate) date: Option<String>,
    pub(crate) present: bool,
    /// The meeting's index, to count meetings.
    pub(crate) meeting: usize,
}

/// A resolved person.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Person {
    pub(crate) person_id: String,
    pub(crate) name: String,
    pub(crate) party: Option<String>,
    pub(crate) municipality: Option<String>,
    pub(crate) municipality_code: Option<String>,
    pub(crate) term: Option<String>,
    pub(crate) first_date: Option<String>,
    pub(crate) last_date: Option<String>,
    pub(crate) meetings: usize,
    pub(crate) present: usize,
    pub(crate) absent: usize,
    pub(crate) roster_id: Option<String>,
    pub(crate) roster_name: Option<String>,
    /// Municipality key and name key, to match a roster.
    block: String,
    key: String,
}

/// A name a person was resolved from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NameEvidence {
    pub(crate) person: usize,
    pub(crate) name: String,
    pub(crate) party: Option<String>,
    pub(crate) evidence: &'static str,
    pub(crate) listings: usize,
}

/// A name kept apart because it fits another person too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ambiguity {
    pub(crate) person: usize,
    pub(crate) candidate: usize,
    pub(crate) reason: String,
}

/// The people of a run.
#[derive(Debug, Default)]
pub(crate) struct Resolution {
    /// For each mention, its person (an index into `people`).
    pub(crate) person_of: Vec<usize>,
    pub(crate) people: Vec<Person>,
    pub(crate) names: Vec<NameEvidence>,
    pub(crate) ambiguities: Vec<Ambiguity>,
}

/// A term: first day, last day, label.
static TERMS: LazyLock<Vec<(String, String, String)>> = LazyLock::new(|| {
    include_str!("../../data/terms.csv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("from,"))
        .filter_map(|l| {
            let mut cells = l.split(',').map(str::trim);
            Some((cells.next()?.to_owned(), cells.next()?.to_owned(), cells.next()?.to_owned()))
        })
        .collect()
});

/// The election term of a date ("2023-03-29" → "2022-2025").
pub(crate) fn term_of(date: &str) -> Option<&'static str> {
    TERMS
        .iter()
        .find(|(from, to, _)| from.as_str() <= date && date <= to.as_str())
        .map(|(_, _, label)| label.as_str())
}

/// The name as tokens compared: NFC, lower case, hyphens and dots as spaces.
fn tokens(name: &str) -> Vec<String> {
    ids::fold(name).split(' ').filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// One spelling group: the listings of one name key and party in one block.
#[derive(Debug)]
struct NameGroup {
    key: String,
    tokens: Vec<String>,
    party: Option<String>,
    mentions: Vec<usize>,
}

impl NameGroup {
    /// Fuller names first: more tokens, more letters in full tokens, a party stated.
    fn specificity(&self) -> (usize, usize, bool) {
        let letters = self.tokens.iter().filter(|t| t.chars().count() > 1).map(String::len).sum();
        (self.tokens.len(), letters, self.party.is_some())
    }
}

fn token_fits(short: &str, full: &str) -> (bool, bool) {
    if short == full {
        return (true, false);
    }
    let initial = |a: &str, b: &str| a.chars().count() == 1 && b.starts_with(a);
    let fits = initial(short, full) || initial(full, short);
    (fits, fits)
}

/// Whether the name `short` can be a shorter form of `full`, and by which evidence.
pub(crate) fn shorter_form(short: &[String], full: &[String]) -> Option<&'static str> {
    if short.len() < 2 || full.len() < short.len() || short == full {
        return None;
    }
    let (first_ok, first_initial) = token_fits(&short[0], &full[0]);
    let (last_ok, last_initial) = token_fits(&short[short.len() - 1], &full[full.len() - 1]);
    if !first_ok || !last_ok {
        return None;
    }
    let mut used_initial = first_initial || last_initial;
    // The short form's middle names, in order, among the full form's.
    let mut rest = full[1..full.len() - 1].iter();
    for middle in &short[1..short.len() - 1] {
        let found = rest.by_ref().find_map(|m| {
            let (ok, initial) = token_fits(middle, m);
            ok.then_some(initial)
        })?;
        used_initial |= found;
    }
    Some(if used_initial { "initials" } else { "middle_names" })
}

/// The mentions of one block by spelling: (name key, party) → mention indexes.
type Spellings = BTreeMap<(String, Option<String>), Vec<usize>>;

/// Resolves the mentions into people.
pub(crate) fn resolve(mentions: &[Mention]) -> Resolution {
    let mut blocks: BTreeMap<(String, String), Spellings> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let term = m.date.as_deref().and_then(term_of).unwrap_or("").to_owned();
        let key = tokens(&m.name).join(" ");
        blocks
            .entry((m.block.clone(), term))
            .or_default()
            .entry((key, m.party.clone()))
            .or_default()
            .push(i);
    }
    let mut resolution =
        Resolution { person_of: vec![usize::MAX; mentions.len()], ..Resolution::default() };
    for ((block, term), spellings) in blocks {
        let mut groups: Vec<NameGroup> = spellings
            .into_iter()
            .map(|((key, party), mentions)| NameGroup {
                tokens: key.split(' ').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
                key,
                party,
                mentions,
            })
            .collect();
        groups.sort_by(|a, b| {
            b.specificity()
                .cmp(&a.specificity())
                .then(a.key.cmp(&b.key))
                .then(a.party.cmp(&b.party))
        });
        resolve_block(&block, &term, &groups, mentions, &mut resolution);
    }
    resolution
}

/// Resolves one block's spelling groups (sorted fullest first).
fn resolve_block(
    block: &str,
    term: &str,
    groups: &[NameGroup],
    mentions: &[Mention],
    out: &mut Resolution,
) {
    // root[g]: the group g was merged into (itself when it is a person); why[g]: the evidence.
    let mut root: Vec<usize> = (0..groups.len()).collect();
    let mut why: Vec<&'static str> = vec!["canonical"; groups.len()];
    let mut ambiguous: Vec<(usize, BTreeSet<usize>, String)> = Vec::new();
    for g in 0..groups.len() {
        let short = &groups[g];
        let mut candidates: BTreeMap<usize, &'static str> = BTreeMap::new();
        let mut party_conflicts: BTreeSet<usize> = BTreeSet::new();
        for (h, full) in groups.iter().enumerate().take(g) {
            if full.key == short.key {
                match (&short.party, &full.party) {
                    (None, Some(_)) => {
                        candidates.entry(root[h]).or_insert("party_not_stated");
                    }
                    (Some(a), Some(b)) if a != b => {
                        party_conflicts.insert(root[h]);
                    }
                    _ => {}
                }
                continue;
            }
            let party_fits = short.party.is_none() || short.party == full.party;
            if let Some(evidence) = shorter_form(&short.tokens, &full.tokens)
                && party_fits
            {
                candidates.entry(root[h]).or_insert(evidence);
            }
        }
        if candidates.len() == 1 {
            let (target, evidence) = candidates.into_iter().next().unwrap_or((g, "canonical"));
            root[g] = target;
            why[g] = evidence;
        } else if candidates.len() > 1 {
            let n = candidates.len();
            ambiguous.push((
                g,
                candidates.into_keys().collect(),
                format!("the name fits {n} people"),
            ));
        }
        if !party_conflicts.is_empty() && root[g] == g {
            let reason = format!(
                "the same name under another party ({}): a change of party or two people",
                short.party.as_deref().unwrap_or("")
            );
            ambiguous.push((g, party_conflicts, reason));
        }
    }
    // Every root is a person.
    let mut person_of_group: HashMap<usize, usize> = HashMap::new();
    for g in (0..groups.len()).filter(|&g| root[g] == g) {
        let members: Vec<usize> = (0..groups.len()).filter(|&m| root[m] == g).collect();
        let index = out.people.len();
        out.people.push(person(block, term, &groups[g], &members, groups, mentions));
        person_of_group.insert(g, index);
        for &m in &members {
            for &mention in &groups[m].mentions {
                out.person_of[mention] = index;
            }
            for (name, listings) in spellings(&groups[m], mentions) {
                let canonical = m == g && name == out.people[index].name;
                let evidence = match (m == g, canonical) {
                    (_, true) => "canonical",
                    (true, false) => "normalised",
                    (false, _) => why[m],
                };
                out.names.push(NameEvidence {
                    person: index,
                    name,
                    party: groups[m].party.clone(),
                    evidence,
                    listings,
                });
            }
        }
    }
    for (g, candidates, reason) in ambiguous {
        for candidate in candidates {
            if let (Some(&person), Some(&other)) =
                (person_of_group.get(&root[g]), person_of_group.get(&candidate))
                && person != other
            {
                out.ambiguities.push(Ambiguity {
                    person,
                    candidate: other,
                    reason: reason.clone(),
                });
            }
        }
    }
}

/// The raw spellings of a group with their listings, most listed first.
fn spellings(group: &NameGroup, mentions: &[Mention]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &m in &group.mentions {
        *counts.entry(mentions[m].name.as_str()).or_default() += 1;
    }
    let mut list: Vec<(String, usize)> =
        counts.into_iter().map(|(n, c)| (n.to_owned(), c)).collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.len().cmp(&a.0.len())).then(a.0.cmp(&b.0)));
    list
}

/// The most frequent value among some, None when there is none.
fn most_common<'a>(values: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map(|(v, _)| v.to_owned())
}

fn person(
    block: &str,
    term: &str,
    canonical: &NameGroup,
    members: &[usize],
    groups: &[NameGroup],
    mentions: &[Mention],
) -> Person {
    let all: Vec<&Mention> =
        members.iter().flat_map(|&m| groups[m].mentions.iter().map(|&i| &mentions[i])).collect();
    let name =
        spellings(canonical, mentions).into_iter().next().map(|(n, _)| n).unwrap_or_default();
    let dates: Vec<&str> = all.iter().filter_map(|m| m.date.as_deref()).collect();
    let meetings: BTreeSet<usize> = all.iter().map(|m| m.meeting).collect();
    let present = all.iter().filter(|m| m.present).count();
    let party = canonical.party.clone();
    Person {
        person_id: ids::hash_id(
            "person-v1",
            &[block, term, &canonical.key, party.as_deref().unwrap_or("")],
        ),
        name,
        party,
        municipality: most_common(all.iter().filter_map(|m| m.municipality.as_deref())),
        municipality_code: most_common(all.iter().filter_map(|m| m.municipality_code.as_deref())),
        term: (!term.is_empty()).then(|| term.to_owned()),
        first_date: dates.iter().min().map(|d| (*d).to_owned()),
        last_date: dates.iter().max().map(|d| (*d).to_owned()),
        meetings: meetings.len(),
        present,
        absent: all.len() - present,
        roster_id: None,
        roster_name: None,
        block: block.to_owned(),
        key: canonical.key.clone(),
    }
}

/// One row of a `--roster` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub name: String,
    pub party: Option<String>,
    pub municipality: Option<String>,
    /// First and last day (ISO; a year alone is its whole year).
    pub from: Option<String>,
    pub to: Option<String>,
    pub external_id: String,
}

/// Why a roster could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("cannot read roster {path}")]
    Csv {
        path: String,
        #[source]
        source: csv::Error,
    },
    #[error(
        "roster {path} has no column {column:?} (needs name, party, municipality, from, to, external id)"
    )]
    Column { path: String, column: &'static str },
}

/// Reads a roster CSV (`name,party,municipality,from,to,external_id`; `,` or `;`, a BOM
/// allowed).
pub fn read_roster(path: &std::path::Path) -> Result<Vec<RosterEntry>, RosterError> {
    let shown = crate::pathname::display(path);
    let csv_err = |source| RosterError::Csv { path: shown.clone(), source };
    let bytes = std::fs::read(path).map_err(|e| csv_err(csv::Error::from(e)))?;
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let first = body.split(|&b| b == b'\n').next().unwrap_or_default();
    let delimiter = if first.contains(&b';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(body);
    let header: Vec<String> =
        reader.headers().map_err(csv_err)?.iter().map(|h| ids::fold(h).replace(' ', "_")).collect();
    let column = |names: &[&str], column: &'static str| {
        header
            .iter()
            .position(|h| names.contains(&h.as_str()))
            .ok_or(RosterError::Column { path: shown.clone(), column })
    };
    let name = column(&["name", "navn"], "name")?;
    let party = column(&["party", "parti"], "party")?;
    let municipality = column(&["municipality", "kommune"], "municipality")?;
    let from = column(&["from", "fra"], "from")?;
    let to = column(&["to", "til"], "to")?;
    let id = column(&["external_id", "id", "externalid"], "external id")?;
    let mut entries = Vec::new();
    for row in reader.records() {
        let row = row.map_err(csv_err)?;
        let cell =
            |i: usize| row.get(i).map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned);
        let Some(entry_name) = cell(name) else { continue };
        entries.push(RosterEntry {
            name: entry_name,
            party: cell(party).map(|p| crate::refdata::party_letter(&p).unwrap_or(p)),
            municipality: cell(municipality),
            from: cell(from).map(|d| if d.len() == 4 { format!("{d}-01-01") } else { d }),
            to: cell(to).map(|d| if d.len() == 4 { format!("{d}-12-31") } else { d }),
            external_id: cell(id).unwrap_or_default(),
        });
    }
    Ok(entries)
}

/// The municipality key of a roster's municipality name (its code when it is one).
fn roster_block(name: &str) -> String {
    let code = crate::refdata::municipality(name).map(|m| m.code);
    ids::municipality_key(code.as_deref(), Some(name))
}

/// Links people to roster entries; returns a warning for every member (a person with a
/// party) of a municipality the roster covers who matches no entry, or more than one.
pub(crate) fn link_roster(people: &mut [Person], roster: &[RosterEntry]) -> Vec<String> {
    let entries: Vec<(String, Vec<String>, &RosterEntry)> = roster
        .iter()
        .map(|e| {
            (e.municipality.as_deref().map(roster_block).unwrap_or_default(), tokens(&e.name), e)
        })
        .collect();
    let covered: BTreeSet<&str> = entries.iter().map(|(b, _, _)| b.as_str()).collect();
    let mut warnings = Vec::new();
    for person in people.iter_mut() {
        let key: Vec<String> = person.key.split(' ').map(str::to_owned).collect();
        let fits: Vec<&RosterEntry> = entries
            .iter()
            .filter(|(block, names, e)| {
                let name_fits = *names == key
                    || shorter_form(&key, names).is_some()
                    || shorter_form(names, &key).is_some();
                let party_fits =
                    person.party.is_none() || e.party.is_none() || person.party == e.party;
                let period_fits = match (&person.first_date, &person.last_date) {
                    (Some(first), Some(last)) => {
                        e.from.as_deref().is_none_or(|f| f <= last.as_str())
                            && e.to.as_deref().is_none_or(|t| t >= first.as_str())
                    }
                    _ => true,
                };
                *block == person.block && name_fits && party_fits && period_fits
            })
            .map(|(_, _, e)| *e)
            .collect();
        match fits.as_slice() {
            [one] => {
                person.roster_id = Some(one.external_id.clone());
                person.roster_name = Some(one.name.clone());
            }
            [] if person.party.is_some() && covered.contains(person.block.as_str()) => {
                warnings.push(format!(
                    "{} ({}, {}) matches no roster entry",
                    person.name,
                    person.party.as_deref().unwrap_or(""),
                    person.municipality.as_deref().unwrap_or(&person.block)
                ));
            }
            [] => {}
            many => warnings.push(format!(
                "{} ({}) matches {} roster entries ({}): not linked",
                person.name,
                person.party.as_deref().unwrap_or(""),
                many.len(),
                many.iter().map(|e| e.external_id.as_str()).collect::<Vec<_>>().join(", ")
            )),
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(
        name: &str,
        party: Option<&str>,
        block: &str,
        date: &str,
        meeting: usize,
    ) -> Mention {
        Mention {
            name: name.to_owned(),
            party: party.map(str::to_owned),
            municipality: None,
            municipality_code: None,
            block: block.to_owned(),
            date: Some(date.to_owned()),
            present: true,
            meeting,
        }
    }

    /// The person indexes of the mentions, as groups of mention indexes.
    fn persons(mentions: &[Mention]) -> (Resolution, Vec<Vec<usize>>) {
        let r = resolve(mentions);
        let mut by: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (m, &p) in r.person_of.iter().enumerate() {
            by.entry(p).or_default().push(m);
        }
        (r, by.into_values().collect())
    }

    #[test]
    fn pairs_that_must_merge() {
        let pairs = [
            ("Thomas Kastrup-Larsen", "thomas kastrup larsen", "normalised"),
            ("Mogens Christen Gade", "Mogens Gade", "middle_names"),
            ("Arne Boelt", "A. Boelt", "initials"),
            ("Birgit Stenbak Hansen", "Birgit S. Hansen", "initials"),
            ("Jens Kristian Yde", "Jens K. Yde", "initials"),
            // A text layer's decomposed å (a + combining ring) is the same name.
            ("\u{c5}se Lund", "A\u{30a}se LUND", "normalised"),
        ];
        for (full, short, evidence) in pairs {
            let mentions = [
                mention(full, Some("A"), "860", "2023-03-29", 0),
                mention(short, Some("A"), "860", "2023-05-02", 1),
            ];
            let (r, groups) = persons(&mentions);
            assert_eq!(groups, vec![vec![0, 1]], "{full} / {short} must be one person");
            assert_eq!(r.people[0].meetings, 2);
            let variant = r.names.iter().find(|n| n.name == short).expect("variant listed");
            let expected = if ids::fold(full) == ids::fold(short) && r.people[0].name == short {
                "canonical"
            } else {
                evidence
            };
            assert_eq!(variant.evidence, expected, "{full} / {short}");
            assert!(r.ambiguities.is_empty());
        }
        // A listing without a party joins the one person of that name.
        let mentions = [
            mention("Ida Brink", Some("V"), "751", "2023-01-10", 0),
            mention("Ida Brink", None, "751", "2023-02-10", 1),
        ];
        let (r, groups) = persons(&mentions);
        assert_eq!(groups.len(), 1);
        assert!(r.names.iter().any(|n| n.evidence == "party_not_stated"));
    }

    #[test]
    fn pairs_that_must_not_merge() {
        let pairs = [
            // Different first names.
            (("Anne Hansen", Some("A")), ("Jens Hansen", Some("A")), "860", "860"),
            // The same name, another municipality.
            (("Jens Hansen", Some("A")), ("Jens Hansen", Some("A")), "860", "851"),
            // The same name, two parties: listed as ambiguous, not merged.
            (("Jens Hansen", Some("A")), ("Jens Hansen", Some("V")), "860", "860"),
            // An initial that does not fit.
            (("Arne Boelt", Some("A")), ("B. Boelt", Some("A")), "860", "860"),
            // Another party under a shortened name.
            (("Mogens Christen Gade", Some("V")), ("Mogens Gade", Some("A")), "860", "860"),
            // A first name alone.
            (("Mogens Gade", Some("V")), ("Mogens", Some("V")), "860", "860"),
        ];
        for ((a, pa), (b, pb), block_a, block_b) in pairs {
            let mentions = [
                mention(a, pa, block_a, "2023-03-29", 0),
                mention(b, pb, block_b, "2023-05-02", 1),
            ];
            let (_, groups) = persons(&mentions);
            assert_eq!(groups.len(), 2, "{a} / {b} must stay two people");
        }
        let (r, _) = persons(&[
            mention("Jens Hansen", Some("A"), "860", "2023-03-29", 0),
            mention("Jens Hansen", Some("V"), "860", "2023-05-02", 1),
        ]);
        assert_eq!(r.ambiguities.len(), 1, "{:?}", r.ambiguities);
        // Different terms are different people (a council is elected per term).
        let (_, groups) = persons(&[
            mention("Jens Hansen", Some("A"), "860", "2021-03-29", 0),
            mention("Jens Hansen", Some("A"), "860", "2022-05-02", 1),
        ]);
        assert_eq!(groups.len(), 2);
    }

    #[test]
    fn a_short_name_that_fits_two_people_is_listed_not_merged() {
        let mentions = [
            mention("Anne Marie Hansen", Some("A"), "860", "2023-03-29", 0),
            mention("Anders Hansen", Some("A"), "860", "2023-03-29", 0),
            mention("A. Hansen", Some("A"), "860", "2023-05-02", 1),
        ];
        let (r, groups) = persons(&mentions);
        assert_eq!(groups.len(), 3, "{groups:?}");
        assert_eq!(r.ambiguities.len(), 2, "{:?}", r.ambiguities);
        // An initial that fits one full name and its middle-name form is one person.
        let mentions = [
            mention("Arne Boelt", Some("A"), "860", "2023-03-29", 0),
            mention("Arne Mikael Boelt", Some("A"), "860", "2023-03-29", 1),
            mention("A. Boelt", Some("A"), "860", "2023-05-02", 2),
        ];
        let (r, groups) = persons(&mentions);
        assert_eq!(groups, vec![vec![0, 1, 2]]);
        assert_eq!(r.people[0].name, "Arne Mikael Boelt");
    }

    #[test]
    fn ids_are_stable_and_terms_from_data() {
        assert_eq!(term_of("2023-03-29"), Some("2022-2025"));
        assert_eq!(term_of("1998-05-14"), Some("1998-2001"));
        assert_eq!(term_of("1960-01-01"), None);
        let one = resolve(&[mention("Arne Boelt", Some("A"), "860", "2023-03-29", 0)]);
        let two = resolve(&[
            mention("Ida Brink", Some("V"), "860", "2023-03-29", 0),
            mention("Arne Boelt", Some("A"), "860", "2023-03-29", 0),
        ]);
        let id = &one.people[0].person_id;
        assert!(two.people.iter().any(|p| &p.person_id == id), "ids do not depend on other people");
    }

    #[test]
    fn roster_links_and_warns() {
        let mut r = resolve(&[
            mention("A. Boelt", Some("A"), "860", "2023-03-29", 0),
            mention("Sven Bertelsen", Some("L"), "860", "2023-03-29", 0),
        ]);
        let roster = vec![RosterEntry {
            name: "Arne Boelt".into(),
            party: Some("A".into()),
            municipality: Some("Hjørring Kommune".into()),
            from: Some("2022-01-01".into()),
            to: Some("2025-12-31".into()),
            external_id: "kv-1".into(),
        }];
        let warnings = link_roster(&mut r.people, &roster);
        let boelt = r.people.iter().find(|p| p.name == "A. Boelt").expect("person");
        assert_eq!(boelt.roster_id.as_deref(), Some("kv-1"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("Sven Bertelsen"));
    }
}
