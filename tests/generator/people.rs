//! The content a document is filled with: bodies, places, people and parties. The content
//! never decides what a field must be; it only has to fit the forms (a committee for
//! "Udvalgets beslutning", no "uden for parti" where parties are written in full).

use super::rng::Rng;

pub struct Body {
    pub name: &'static str,
    /// As in "Byrådets beslutning".
    pub genitive: &'static str,
    /// A council (borgmester, viceborgmestre) rather than a committee (formand, næstformand).
    pub council: bool,
}

pub const BODIES: &[Body] = &[
    Body { name: "Byrådet", genitive: "Byrådets", council: true },
    Body { name: "Kommunalbestyrelsen", genitive: "Kommunalbestyrelsens", council: true },
    Body { name: "Økonomiudvalget", genitive: "Økonomiudvalgets", council: false },
    Body {
        name: "Teknik- og Miljøudvalget",
        genitive: "Teknik- og Miljøudvalgets",
        council: false,
    },
    Body { name: "Børne- og Ungeudvalget", genitive: "Børne- og Ungeudvalgets", council: false },
    Body {
        name: "Kultur- og Fritidsudvalget",
        genitive: "Kultur- og Fritidsudvalgets",
        council: false,
    },
];

/// Official names from `data/municipalities.csv`.
pub const MUNICIPALITIES: &[&str] = &[
    "Hjørring Kommune",
    "Thisted Kommune",
    "Vejle Kommune",
    "Odense Kommune",
    "Horsens Kommune",
    "Silkeborg Kommune",
    "Holbæk Kommune",
    "Rødovre Kommune",
];

pub const SINGLE_PLACES: &[&str] =
    &["Byrådssalen", "Mødelokale 2", "Udvalgsværelse 398", "Kommunalbestyrelsessalen"];
pub const COMMA_PLACES: &[&str] = &[
    "Byrådssalen, Rådhuset",
    "Mødelokale 1, Teknisk Forvaltning",
    "Udvalgsværelse 2, Rådhuset",
    "Kantinen, Borgerservice",
];

/// A party as written in attendance lists, with its letter and the name from
/// `data/parties.csv` that minutes write in full.
pub struct Party {
    pub letter: &'static str,
    /// None for "uden for parti", which is only written as "(UP)".
    pub full: Option<&'static str>,
    /// First year the letter means this party (`from` in parties.csv).
    pub from: u32,
}

pub const PARTIES: &[Party] = &[
    Party { letter: "A", full: Some("Socialdemokratiet"), from: 0 },
    Party { letter: "B", full: Some("Radikale Venstre"), from: 0 },
    Party { letter: "C", full: Some("Det Konservative Folkeparti"), from: 0 },
    Party { letter: "D", full: Some("Nye Borgerlige"), from: 2016 },
    Party { letter: "F", full: Some("Socialistisk Folkeparti"), from: 1959 },
    Party { letter: "I", full: Some("Liberal Alliance"), from: 2011 },
    Party { letter: "O", full: Some("Dansk Folkeparti"), from: 1995 },
    Party { letter: "V", full: Some("Venstre"), from: 0 },
    Party { letter: "Ø", full: Some("Enhedslisten"), from: 1989 },
    Party { letter: "Å", full: Some("Alternativet"), from: 2015 },
    Party { letter: "M", full: Some("Moderaterne"), from: 2022 },
    Party { letter: "Æ", full: Some("Danmarksdemokraterne"), from: 2022 },
    Party { letter: "UP", full: None, from: 0 },
];

/// The parties whose letter means them in `year` (meetings are drawn from 2016 on, when every
/// letter above but M and Æ already had its present meaning).
pub fn parties_of(year: u32) -> Vec<&'static Party> {
    PARTIES.iter().filter(|p| p.from <= year).collect()
}

const FIRST: &[&str] = &[
    "Anne",
    "Bo",
    "Camilla",
    "Dorthe",
    "Erik",
    "Frank",
    "Gitte",
    "Hans",
    "Ida",
    "Jens",
    "Karen",
    "Lars",
    "Mette",
    "Niels",
    "Ole",
    "Pia",
    "Rasmus",
    "Susanne",
    "Torben",
    "Ulla",
    "Vibeke",
    "Anders",
    "Birgitte",
    "Christian",
    "Helle",
    "Jesper",
    "Kirsten",
    "Lone",
    "Morten",
    "Peter",
    "Rikke",
    "Søren",
    "Tina",
    "Henrik",
    "Lise",
    "Jørgen",
    "Åse",
    "Ebbe",
    "Hanne",
    "Inger",
    "Kasper",
    "Line",
    "Mads",
    "Nanna",
    "Poul",
    "Sara",
];
const MIDDLE: &[&str] = &["Lykke", "Bak", "Krarup", "Juul", "Skov", "Marie", "Østergaard"];
const LAST: &[&str] = &[
    "Hansen",
    "Nielsen",
    "Jensen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Knudsen",
    "Mikkelsen",
    "Frederiksen",
    "Kjær",
    "Bach",
    "Dahl",
    "Vestergaard",
    "Bundgaard",
    "Søgaard",
    "Brix",
    "Thygesen",
];

/// `n` different names, a quarter of them with a middle name.
pub fn names(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    while out.len() < n {
        let first = rng.pick(FIRST);
        let last = rng.pick(LAST);
        let name = if rng.chance(25) {
            format!("{first} {} {last}", rng.pick(MIDDLE))
        } else {
            format!("{first} {last}")
        };
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Offices in the order they are handed out (the first role-holder gets the first office).
pub fn offices(body: &Body) -> &'static [&'static str] {
    if body.council {
        &["borgmester", "1. viceborgmester", "2. viceborgmester"]
    } else {
        &["formand", "næstformand"]
    }
}

/// "formand" → "Formand"; "1. viceborgmester" stays as it is.
pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "a", "a og b", "a, b og c".
pub fn danish_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    }
}
