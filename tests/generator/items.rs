//! Agenda items: the numbered title line, case and document numbers, sections and the decision
//! with its outcome and vote (real-minutes-formats §4–§7). Expected values follow
//! `docs/extraction-rules.md` ("items") and choices 12 and 14: the number without its dot, the
//! title without number or case number, a labelled case number as written, never the Dok.nr.,
//! the outcome word of the decision, and votes by party letter with counts only where stated.

use super::forms::Picks;
use super::header::Meeting;
use super::people;
use serde_json::{Value, json};

const TITLES: &[&str] = &[
    "Godkendelse af dagsorden",
    "Lokalplan for boligområde ved Skovvej",
    "Anlægsbevilling til ny daginstitution",
    "Takster for affald og genbrug",
    "Regulativ for vintervedligeholdelse",
    "Høring om trafikplan for bymidten",
    "Forslag til kommuneplantillæg for Nordhavnen",
    "Ansøgning om tilskud til foreningshus",
    "Salg af byggegrunde i Nordområdet",
    "Udpegning af medlem til Folkeoplysningsudvalget",
    "Orientering om budgetopfølgning",
    "Kvalitetsrapport for folkeskolerne",
    "Renovering af svømmehallen",
    "Klimaplan og handleplan for energi",
    "Ny struktur for ældreplejen",
];
/// Titles of a parent item whose sub-items carry the cases (KKR "2. Sager til drøftelse og
/// beslutning" ⏎ "2.1. …").
const PARENT_TITLES: &[&str] = &["Sager til beslutning", "Orienteringssager", "Meddelelser"];

const SAGSFREMSTILLING: &[&str] = &[
    "Forvaltningen har udarbejdet et forslag, som har været i offentlig høring i fire uger.\n\
     Der er indkommet tre høringssvar, som fremgår af bilag 1.",
    "Sagen blev sidst behandlet i efteråret. Siden da er der indhentet tilbud fra tre\n\
     leverandører, og det billigste tilbud ligger inden for det afsatte beløb.",
    "Området er i dag udlagt til offentlige formål. Der er ikke truffet aftale med\n\
     grundejerne om vejadgang, og sagen har derfor været drøftet med vejmyndigheden.",
];
const INDSTILLING: &[&str] = &[
    "Forvaltningen indstiller, at forslaget godkendes.",
    "Direktionen indstiller, at orienteringen tages til efterretning.",
    "Forvaltningen indstiller, at sagen drøftes, og at der gives en tilbagemelding\n\
     til forvaltningen om det videre forløb.",
];

/// One item's text and its expected record.
pub struct Rendered {
    pub text: String,
    pub expected: Value,
}

/// Every item, top-level items and sub-items in document order.
pub fn render(p: &mut Picks, m: &Meeting) -> Vec<Rendered> {
    let numbering = p.form("item");
    let first = if p.form("start") == "running" { p.rng.range(20, 700) } else { 1 };
    let sub = p.form("sub");
    let count = p.rng.range(2, 3);
    // The parent of sub-items is never the first item (that is "Godkendelse af dagsorden").
    let parent = (sub != "none").then(|| p.rng.range(1, count - 1));
    let mut titles = TITLES[1..].to_vec();
    p.rng.shuffle(&mut titles);
    titles.insert(0, TITLES[0]);
    let mut titles = titles.into_iter();
    let mut out = Vec::new();
    for i in 0..count {
        let number = (first + i).to_string();
        if parent == Some(i) {
            out.push(parent_item(p, &number));
            for k in 1..=2 {
                let sub_number = format!("{number}.{k}");
                let head = sub_head(sub, &sub_number, titles.next().expect("enough titles"));
                out.push(case_item(p, m, head, &sub_number));
            }
        } else {
            let title = titles.next().expect("enough titles");
            out.push(case_item(p, m, (item_head(numbering, &number, title), title), &number));
        }
    }
    out
}

/// The title line(s) of a top-level item and its title.
fn item_head(numbering: &str, n: &str, title: &'static str) -> String {
    match numbering {
        "dot" => format!("{n}. {title}"),
        "punkt-colon" => format!("Punkt {n}: {title}"),
        "pkt-dot" => format!("Pkt. {n}. {title}"),
        // Vejle: the number on a line of its own, the title under it.
        "punkt-own-line" => format!("Punkt {n}\n{title}"),
        "paren" => format!("{n}) {title}"),
        "sag-colon" => format!("Sag {n}: {title}"),
        "ad" => format!("Ad {n}. {title}"),
        "paragraph" => format!("§ {n}. {title}"),
        // FirstAgenda's agenda table: number, title and the item's attachment count in
        // columns, the item's body in the rows under it.
        "table-row" => format!("{n}   {title}   {}", n.len() + 2),
        other => unreachable!("item:{other}"),
    }
}

/// "2.1. Title" (KKR) or "2.1 Title" (Region Syddanmark).
fn sub_head(form: &str, n: &str, title: &'static str) -> (String, &'static str) {
    match form {
        "dotted" => (format!("{n}. {title}"), title),
        _ => (format!("{n} {title}"), title),
    }
}

/// A parent item: only its title line, so no case number and no decision.
fn parent_item(p: &mut Picks, n: &str) -> Rendered {
    let title = *p.rng.pick(PARENT_TITLES);
    Rendered {
        text: format!("{n}. {title}"),
        expected: json!({"number": n, "title": title, "case_number": null, "decision": null}),
    }
}

/// An item with its case lines, sections and decision.
fn case_item(p: &mut Picks, m: &Meeting, (head, title): (String, &str), n: &str) -> Rendered {
    let mut lines = vec![head];
    let case_number = registry_lines(p, m, &mut lines);
    lines.push(String::new());
    let (decision, expected_decision) = decision(p, m);
    let sections = sections(p);
    match p.form("sections") {
        "none" => lines.push(decision),
        "classic" => lines.extend([sections, String::new(), decision]),
        _ => lines.extend([decision, String::new(), sections]),
    }
    Rendered {
        text: lines.join("\n"),
        expected: json!({
            "number": n,
            "title": title,
            "case_number": case_number,
            "decision": expected_decision,
        }),
    }
}

/// Sagsfremstilling and Indstilling. Their text may say "godkendes": the outcome must come
/// from the decision alone.
fn sections(p: &mut Picks) -> String {
    let fremstilling = p.rng.pick(SAGSFREMSTILLING);
    let indstilling = p.rng.pick(INDSTILLING);
    format!("Sagsfremstilling\n{fremstilling}\n\nIndstilling\n{indstilling}")
}

/// The case-number and Dok.nr. lines under the title (four items in five have them). Returns
/// the expected case number.
fn registry_lines(p: &mut Picks, m: &Meeting, lines: &mut Vec<String>) -> Value {
    let case = p.form("case");
    let dok = p.form("doknr");
    if (case == "none" && dok == "none") || !p.rng.chance(80) {
        return Value::Null;
    }
    let number = case_value(p, case, m.year);
    let dok_value = format!("{}-{:06}", m.year, p.rng.range(1, 999_999));
    if p.form("case-gap") == "blank" {
        lines.push(String::new());
    }
    let case_line = number.as_ref().map(|n| case_line(case, n));
    match (case_line, dok) {
        (Some(line), "same-line") => {
            let gap = " ".repeat(p.rng.range(3, 6) as usize);
            lines.push(format!("{line}{gap}Dok.nr.: {dok_value}"));
        }
        (line, _) => {
            lines.extend(line);
            if dok == "own-line" {
                lines.push(format!("Dok.nr.: {dok_value}"));
            }
        }
    }
    number.map_or(Value::Null, Value::from)
}

/// A case number in the shape the form's label goes with, opened in the last few years.
fn case_value(p: &mut Picks, case: &str, meeting_year: u32) -> Option<String> {
    let year = meeting_year - 2000 - p.rng.range(0, 3);
    Some(match case {
        "none" => return None,
        "sagsnr-colon" | "sag-nr" => format!("{year}/{}", p.rng.range(100, 99_999)),
        "sagsnr-space" => format!("20{year}-{:06}", p.rng.range(1, 999_999)),
        "emn" => format!("EMN-20{year}-{:06}", p.rng.range(1, 999_999)),
        // KLE: emne.emne.emne-facet-serial-year, with the facet letter Ø among them.
        _ => {
            let facet = p.rng.pick(&["G01", "P20", "A00", "Ø40"]);
            let groups = (p.rng.range(0, 88), p.rng.range(0, 20), p.rng.range(0, 20));
            let serial = p.rng.range(1, 40);
            format!("{:02}.{:02}.{:02}-{facet}-{serial}-{year}", groups.0, groups.1, groups.2)
        }
    })
}

fn case_line(case: &str, number: &str) -> String {
    match case {
        "sagsnr-colon" => format!("Sagsnr.: {number}"),
        "sagsnr-space" => format!("Sagsnr. {number}"),
        "sag-nr" => format!("Sag nr.: {number}"),
        "jnr" => format!("J.nr.: {number}"),
        "journalnr" => format!("Journalnr.: {number}"),
        // Aarhus: the EMN number alone on its line.
        _ => number.to_owned(),
    }
}

/// The decision heading and text, and the expected `decision`.
fn decision(p: &mut Picks, m: &Meeting) -> (String, Value) {
    let heading = match p.form("decision") {
        "beslutning" => "Beslutning".to_owned(),
        "beslutning-colon" => "Beslutning:".to_owned(),
        "udvalgets" => "Udvalgets beslutning".to_owned(),
        "body-genitive" => format!("{} beslutning", m.body.genitive),
        // Dated with the meeting's own date, so it is this meeting's decision.
        _ => format!("Beslutning i {} {}", m.body.name, m.long_date()),
    };
    let outcome = p.item_form("outcome", 0, |_| true);
    let vote = p.item_form("vote", 60, |v| vote_fits(v, outcome));
    let (text, votes) = decision_text(p, m, outcome, vote);
    (format!("{heading}\n{text}"), json!({"outcome": outcome_value(outcome), "votes": votes}))
}

fn outcome_value(outcome: &str) -> &'static str {
    match outcome {
        "godkendt" => "approved",
        "efterretning" => "noted",
        "udsat" => "postponed",
        "droeftet" => "discussed",
        "oversendes" => "referred",
        "forkastet" => "rejected",
        other => unreachable!("outcome:{other}"),
    }
}

/// Votes are written under decisions that settle the matter, each in the wording it goes
/// with ("Godkendt med …", "Indstillingen blev godkendt. (Ø) stemte imod.").
fn vote_fits(vote: &str, outcome: &str) -> bool {
    match vote {
        "none" => true,
        "for-imod" | "for-imod-undlod" => {
            matches!(outcome, "godkendt" | "forkastet" | "oversendes")
        }
        "count-mod" => matches!(outcome, "godkendt" | "forkastet"),
        "stemte-imod-after" => outcome == "godkendt",
        "stacked-counts" | "count-words" | "amendment-then-final" | "full-names-mens" | "table" => {
            outcome == "godkendt"
        }
        "oevrige" => outcome == "forkastet",
        other => unreachable!("vote:{other}"),
    }
}

fn outcome_sentence(outcome: &str, m: &Meeting) -> String {
    match outcome {
        "godkendt" => "Godkendt.".to_owned(),
        "efterretning" => "Taget til efterretning.".to_owned(),
        "udsat" => "Udsat.".to_owned(),
        "droeftet" => "Drøftet.".to_owned(),
        "oversendes" if m.body.name == "Økonomiudvalget" => "Oversendes til Byrådet.".to_owned(),
        "oversendes" => "Oversendes til Økonomiudvalget.".to_owned(),
        "forkastet" => "Forkastet.".to_owned(),
        other => unreachable!("outcome:{other}"),
    }
}

/// The decision's lines and the expected `votes` (null without a vote).
fn decision_text(p: &mut Picks, m: &Meeting, outcome: &str, vote: &str) -> (String, Value) {
    let mut letters: Vec<&str> =
        people::parties_of(m.year).iter().map(|p| p.letter).filter(|l| *l != "UP").collect();
    p.rng.shuffle(&mut letters);
    let n_for = p.rng.range(2, 3) as usize;
    let n_against = p.rng.range(1, 2) as usize;
    let (for_, rest) = letters.split_at(n_for);
    let (against, rest) = rest.split_at(n_against);
    let abstain = &rest[..1];
    let parens = |side: &[&str]| {
        people::danish_list(&side.iter().map(|l| format!("({l})")).collect::<Vec<_>>())
    };
    let sentence = outcome_sentence(outcome, m);
    match vote {
        "none" => (sentence, Value::Null),
        "for-imod" => (
            format!("{sentence}\nFor stemte: {}.\nImod stemte: {}.", parens(for_), parens(against)),
            votes((None, for_), (None, against), (None, &[])),
        ),
        "for-imod-undlod" => (
            format!(
                "{sentence}\nFor stemte: {}.\nImod stemte: {}.\n{} undlod at stemme.",
                parens(for_),
                parens(against),
                parens(abstain)
            ),
            votes((None, for_), (None, against), (None, abstain)),
        ),
        "count-mod" => {
            // Odense/Fanø: "Godkendt med 15 stemmer mod 10 (C og O)": the letters are the
            // side after "mod", and the counts are stated for both sides. In a rejection the
            // majority that rejected comes first: "Forkastet med 20 stemmer mod 3 (C og O)" is
            // 20 against and 3 (C, O) for.
            let minority = &letters[n_for..n_for + 2];
            let (large, small) = (p.rng.range(8, 20), p.rng.range(1, 7));
            let word = if outcome == "forkastet" { "Forkastet" } else { "Godkendt" };
            let letters =
                people::danish_list(&minority.iter().map(|l| l.to_string()).collect::<Vec<_>>());
            let expected = if outcome == "forkastet" {
                votes((Some(small), minority), (Some(large), &[]), (None, &[]))
            } else {
                votes((Some(large), &[]), (Some(small), minority), (None, &[]))
            };
            (format!("{word} med {large} stemmer mod {small} ({letters})."), expected)
        }
        "stemte-imod-after" => (
            format!("Indstillingen blev godkendt. {} stemte imod.", parens(&against[..1])),
            votes((None, &[]), (None, &against[..1]), (None, &[])),
        ),
        // "For: A, V og C (15)" / "Imod: O (4)" / "Undlod at stemme: 0", each on its line.
        "stacked-counts" => {
            let (n_for, n_against) = (p.rng.range(8, 20), p.rng.range(1, 7));
            let abstain_line =
                if p.rng.range(0, 1) == 0 { "Undlod at stemme: 0" } else { "Ingen undlod." };
            (
                format!(
                    "For: {} ({n_for})\nImod: {} ({n_against})\n{abstain_line}\n{sentence}",
                    plain(for_),
                    plain(against)
                ),
                votes((Some(n_for), for_), (Some(n_against), against), (Some(0), &[])),
            )
        }
        // "Godkendt med elleve stemmer mod tre. Imod stemte Dansk Folkeparti og SF."
        "count-words" => {
            let (n_for, n_against) = (p.rng.range(5, 12), p.rng.range(2, 4));
            (
                format!(
                    "Godkendt med {} stemmer mod {}. Imod stemte {}.",
                    number_word(n_for),
                    number_word(n_against),
                    full_names(against)
                ),
                votes((Some(n_for), &[]), (Some(n_against), against), (None, &[])),
            )
        }
        // An amendment voted down, then the recommendation: the last vote is the item's.
        "amendment-then-final" => {
            let (large, small) = (p.rng.range(12, 20), p.rng.range(3, 9));
            (
                format!(
                    "Ændringsforslag fra {minority}: At rammen øges.\nFor stemte {small} ({minority}). Imod stemte {large} ({majority}).\nÆndringsforslaget blev forkastet.\nIndstillingen blev herefter godkendt med {large} stemmer for ({majority}) og {small} imod ({minority}).",
                    minority = plain(against),
                    majority = plain(for_),
                ),
                votes((Some(large), for_), (Some(small), against), (None, &[])),
            )
        }
        // "Venstre og SF stemte for, mens Enhedslisten stemte imod."
        "full-names-mens" => (
            format!(
                "{sentence} {} stemte for, mens {} stemte imod.",
                full_names(for_),
                full_names(against)
            ),
            votes((None, for_), (None, against), (None, &[])),
        ),
        // A table of parties and their votes per side, with the totals.
        "table" => {
            let mut rows = String::from("Parti | For | Imod | Undlod\n");
            let mut totals = [0u32; 3];
            for (column, side) in [for_, against, abstain].iter().enumerate() {
                for letter in side.iter() {
                    let n = p.rng.range(1, 6);
                    let mut cells = [0u32; 3];
                    cells[column] = n;
                    totals[column] += n;
                    rows.push_str(&format!(
                        "{letter} | {} | {} | {}\n",
                        cells[0], cells[1], cells[2]
                    ));
                }
            }
            rows.push_str(&format!("I alt | {} | {} | {}\n", totals[0], totals[1], totals[2]));
            (
                format!("{rows}{sentence}"),
                votes(
                    (Some(totals[0]), for_),
                    (Some(totals[1]), against),
                    (Some(totals[2]), abstain),
                ),
            )
        }
        // "Forkastet. For stemte Ø og F. De øvrige 23 medlemmer stemte imod."
        "oevrige" => {
            let rest = p.rng.range(9, 25);
            (
                format!(
                    "{sentence} For stemte {}. De øvrige {rest} medlemmer stemte imod.",
                    plain(for_)
                ),
                votes((None, for_), (Some(rest), &[]), (None, &[])),
            )
        }
        other => unreachable!("vote:{other}"),
    }
}

/// "A, V og C": letters without parentheses.
fn plain(letters: &[&str]) -> String {
    people::danish_list(&letters.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>())
}

/// "Socialdemokratiet, Venstre og SF": the parties' names in full.
fn full_names(letters: &[&str]) -> String {
    let names: Vec<String> = letters
        .iter()
        .map(|l| {
            people::PARTIES
                .iter()
                .find(|p| p.letter == *l)
                .and_then(|p| p.full)
                .unwrap_or(l)
                .to_owned()
        })
        .collect();
    people::danish_list(&names)
}

/// Vote counts as the minutes write them in words (written here, apart from the data file).
fn number_word(n: u32) -> &'static str {
    const WORDS: [&str; 21] = [
        "nul", "én", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve",
        "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten", "tyve",
    ];
    WORDS[n as usize]
}

/// `{"for": side, "against": side, "abstain": side}` with party voters (name null).
fn votes(
    for_: (Option<u32>, &[&str]),
    against: (Option<u32>, &[&str]),
    abstain: (Option<u32>, &[&str]),
) -> Value {
    let side = |(count, letters): (Option<u32>, &[&str])| {
        let voters: Vec<Value> =
            letters.iter().map(|l| json!({"party": l, "name": null})).collect();
        json!({"count": count, "voters": voters})
    };
    json!({"for": side(for_), "against": side(against), "abstain": side(abstain)})
}
