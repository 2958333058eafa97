//! Attendance blocks: a heading ("Til stede:", "Afbud", …) and its listings, one per line, run
//! together in a sentence, or as a "Navn | Parti | Funktion" table (real-minutes-formats §2,
//! eval/dev README interpretations 5, 7 and 10). Expected values: the name as written, the
//! canonical party letter, the role as written (case kept), `group` = the heading without its
//! colon (choice 1), `attendance` absent under the absence headings.

use super::forms::Picks;
use super::header::Meeting;
use super::people::{self, Party};
use serde_json::{Value, json};

#[derive(Clone)]
pub struct Person {
    pub name: String,
    pub party: &'static Party,
    /// The office, lower case as the lists write it after the name.
    pub office: Option<&'static str>,
}

/// The attendance text and the expected `participants`.
pub fn render(p: &mut Picks, m: &Meeting) -> (String, Vec<Value>) {
    let absent_heading = absent_heading(p.form("absent"));
    let n_present = p.rng.range(3, 6) as usize;
    let n_absent = if absent_heading.is_some() { p.rng.range(1, 2) as usize } else { 0 };
    let mut people = draw_people(p, m, n_present + n_absent);
    let absent = people.split_off(n_present);
    give_offices(p, m, &mut people);

    let colon = p.form("colon") == "yes";
    let list = p.form("list");
    let mut blocks = Vec::new();
    let mut expected = Vec::new();
    let present = present_heading(p.form("present"));
    blocks.push(block(p, present, colon, list, &people, "present", &mut expected));
    if let Some(heading) = absent_heading {
        // A table is only written for the members; Odense lists the absent apart.
        let list = if list == "table" { "lines" } else { list };
        blocks.push(block(p, heading, colon, list, &absent, "absent", &mut expected));
    }
    (blocks.join("\n\n"), expected)
}

fn present_heading(form: &str) -> &'static str {
    match form {
        "deltagere" => "Deltagere",
        "til-stede" => "Til stede",
        "tilstede" => "Tilstede",
        "fremmoedte" => "Fremmødte",
        "medlemmer" => "Medlemmer",
        "moedt" => "Mødt",
        "deltagende" => "Deltagende",
        other => unreachable!("present:{other}"),
    }
}

fn absent_heading(form: &str) -> Option<&'static str> {
    Some(match form {
        "none" => return None,
        "afbud" => "Afbud",
        "fravaerende" => "Fraværende",
        "forfald" => "Forfald",
        "meldt-afbud" => "Meldt afbud",
        "ikke-til-stede" => "Ikke til stede",
        "fravaerende-med-afbud" => "Fraværende med afbud",
        other => unreachable!("absent:{other}"),
    })
}

/// People with parties of the meeting's year. "Uden for parti" has no full name, so it is left
/// out where parties are written in full.
fn draw_people(p: &mut Picks, m: &Meeting, n: usize) -> Vec<Person> {
    let full_names = matches!(p.peek("entry"), "name-party-full" | "name-comma-party-full");
    let parties: Vec<&Party> = people::parties_of(m.year)
        .into_iter()
        .filter(|party| !full_names || party.full.is_some())
        .collect();
    let names = people::names(&mut p.rng, n);
    names
        .into_iter()
        .map(|name| {
            let party = *p.rng.pick(&parties);
            Person { name, party, office: None }
        })
        .collect()
}

/// One or two members hold an office (borgmester, formand, …), anywhere in the list since
/// lists are often alphabetical.
fn give_offices(p: &mut Picks, m: &Meeting, members: &mut [Person]) {
    let offices = people::offices(m.body);
    let n = (p.rng.range(1, 2) as usize).min(offices.len());
    let mut order: Vec<usize> = (0..members.len()).collect();
    p.rng.shuffle(&mut order);
    for (office, i) in offices.iter().take(n).zip(order) {
        members[i].office = Some(office);
    }
}

/// One heading and its listings.
fn block(
    p: &mut Picks,
    heading: &str,
    colon: bool,
    list: &str,
    listed: &[Person],
    attendance: &str,
    expected: &mut Vec<Value>,
) -> String {
    let head = if colon { format!("{heading}:") } else { heading.to_owned() };
    let grouped;
    let listed = if list == "party-groups" {
        grouped = by_party(listed);
        &grouped[..]
    } else {
        listed
    };
    let (text, roles) = match list {
        "table" => table(&head, listed),
        "party-groups" => party_groups(&head, listed),
        "sentence" => sentence(p, &head, listed),
        _ => lines(p, &head, listed),
    };
    for (person, role) in listed.iter().zip(roles) {
        expected.push(json!({
            "name": person.name,
            "party": person.party.letter,
            "role": role,
            "attendance": attendance,
            "group": heading,
        }));
    }
    text
}

/// "Til stede:" ⏎ one listing per line. Returns the text and each person's role as written.
fn lines(p: &mut Picks, head: &str, listed: &[Person]) -> (String, Vec<Option<String>>) {
    let mut out = vec![head.to_owned()];
    let mut roles = Vec::new();
    for (i, person) in listed.iter().enumerate() {
        let (mut line, role) = entry(p, person);
        // The second listed gets the document's presence remark: it says nothing about the
        // whole meeting, so the record is the same.
        if i == 1 {
            line.push_str(match p.form("remark") {
                "none" => "",
                "arrival-paren" => " (ankom kl. 17.30 under punkt 2)",
                "remote-dash" => " – deltog via Teams",
                "partly-absent" => ", fraværende under punkt 1-2",
                "leaves-paren" => " (forlod mødet efter punkt 3)",
                other => unreachable!("remark:{other}"),
            });
        }
        out.push(line);
        roles.push(role);
    }
    (out.join("\n"), roles)
}

/// "Til stede: X (A), formand, Y (V) og Z (C)." (Vejle): a bare office after the party
/// belongs to the person before it (dev interpretation 5).
fn sentence(p: &mut Picks, head: &str, listed: &[Person]) -> (String, Vec<Option<String>>) {
    let (entries, roles): (Vec<String>, Vec<Option<String>>) =
        listed.iter().map(|person| entry(p, person)).unzip();
    (format!("{head} {}.", people::danish_list(&entries)), roles)
}

/// "Fremmødte:" ⏎ ⏎ "Venstre (V):" ⏎ "Anne Holm, Bo Lund og Ida Skou." ⏎ ⏎ "Socialdemokratiet
/// (A):" …: the members under their party's heading, a blank line between groups (Silkeborg).
fn party_groups(head: &str, listed: &[Person]) -> (String, Vec<Option<String>>) {
    let mut out = vec![head.to_owned()];
    let order: Vec<&Person> = listed.iter().collect();
    let mut parties: Vec<&str> = Vec::new();
    for person in &order {
        if !parties.contains(&person.party.letter) {
            parties.push(person.party.letter);
        }
    }
    for letter in parties {
        let members: Vec<String> =
            order.iter().filter(|p| p.party.letter == letter).map(|p| p.name.clone()).collect();
        let party = order.iter().find(|p| p.party.letter == letter).map(|p| p.party);
        let name = party.and_then(|p| p.full).unwrap_or("Uden for parti");
        out.push(String::new());
        out.push(format!("{name} ({letter}):"));
        out.push(format!("{}.", people::danish_list(&members)));
    }
    // The listing order is the groups' order: records follow it.
    (out.join("\n"), listed.iter().map(|_| None).collect())
}

/// The people grouped by party, in the order the parties first appear (stable within a party).
fn by_party(listed: &[Person]) -> Vec<Person> {
    let mut parties: Vec<&str> = Vec::new();
    for person in listed {
        if !parties.contains(&person.party.letter) {
            parties.push(person.party.letter);
        }
    }
    let mut out = listed.to_vec();
    out.sort_by_key(|person| parties.iter().position(|l| *l == person.party.letter));
    out
}

/// The Odense table. The Funktion cell is the role as written; a blank cell gives null.
fn table(head: &str, listed: &[Person]) -> (String, Vec<Option<String>>) {
    let width = listed.iter().map(|p| p.name.chars().count()).max().unwrap_or(4).max(4) + 2;
    let pad = |s: &str| format!("{s}{}", " ".repeat(width - s.chars().count()));
    let mut out =
        vec![head.to_owned(), String::new(), format!("{}| Parti | Funktion", pad("Navn"))];
    out.push(format!("{}+-------+-----------", "-".repeat(width)));
    let mut roles = Vec::new();
    for person in listed {
        let role = person.office.map(people::capitalised);
        let cell = role.clone().unwrap_or_default();
        let party = format!("{:<6}", person.party.letter);
        out.push(format!("{}| {party}| {cell}", pad(&person.name)).trim_end().to_owned());
        roles.push(role);
    }
    (out.join("\n"), roles)
}

/// One listing in the document's entry and role forms. Returns the text and the role as
/// written (null for a person without an office).
fn entry(p: &mut Picks, person: &Person) -> (String, Option<String>) {
    let entry = p.form("entry");
    let letter = person.party.letter;
    let full = person.party.full.unwrap_or(letter);
    let name = person.name.as_str();
    let base = match entry {
        "name-paren" => format!("{name} ({letter})"),
        "name-comma-paren" => format!("{name}, ({letter})"),
        "name-comma-letter" => format!("{name}, {letter}"),
        "letter-colon-name" => format!("{letter}: {name}"),
        "paren-name" => format!("({letter}) {name}"),
        "name-party-full" => format!("{name} ({full})"),
        "name-comma-party-full" => format!("{name}, {full}"),
        // "Anne Hansen - Socialdemokratiet (A)": the name and the letter of one party.
        "name-dash-full-letter" => format!("{name} - {full} ({letter})"),
        other => unreachable!("entry:{other}"),
    };
    let Some(office) = person.office else {
        return (base, None);
    };
    match p.form("role") {
        "none" => (base, None),
        "dash-after" => (format!("{base} - {office}"), Some(office.to_owned())),
        "comma-after" => (format!("{base}, {office}"), Some(office.to_owned())),
        "before" => {
            // Rødovre "Formand Erik Nielsen (A)" (never in a sentence, see forms::coherent).
            let role = people::capitalised(office);
            (format!("{role} {base}"), Some(role))
        }
        "between" => {
            // The office between name and party: "Name, formand, (A)", "Name, formand (A)".
            let party = base.strip_prefix(name).expect("name-first entry");
            let party = party.strip_prefix(',').unwrap_or(party);
            let sep = if party.starts_with(" (") && !entry.contains("comma") { "" } else { "," };
            (format!("{name}, {office}{sep}{party}"), Some(office.to_owned()))
        }
        "column-after" => {
            let role = people::capitalised(office);
            let gap = " ".repeat(40usize.saturating_sub(base.chars().count()).max(3));
            (format!("{base}{gap}{role}"), Some(role))
        }
        other => unreachable!("role:{other}"),
    }
}
