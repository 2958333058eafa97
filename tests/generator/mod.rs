//! A seeded generator of whole minutes documents (plain text) together with the record the
//! library must produce for them. Documents are composed from parts (header, attendance
//! blocks, agenda items), each written in one form per dimension (see `forms.rs`).
//!
//! The expected values are decided from `docs/extraction-rules.md` and the "Choices" in
//! `fixtures/README.md`, never from the extractor's code. Only the fields compared by the test
//! are in the expected record: the meeting's body, date, times and place; every participant's
//! name, party, role, attendance and group; every item's number, title, case number, outcome
//! and votes. `common::differences` checks exactly the keys present.

pub mod attendance;
pub mod forms;
pub mod header;
pub mod items;
pub mod people;
pub mod rng;

use forms::Picks;
pub use forms::{Dims, all_forms};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// One generated document.
#[derive(Clone)]
pub struct Doc {
    pub seed: u64,
    pub text: String,
    pub expected: Value,
    /// The forms the text uses, as `"dimension:value"`.
    pub forms: BTreeSet<String>,
    /// The text by part, labelled like the paths `common::differences` reports
    /// (`meeting`, `participants`, `items[3]`), for excerpts of failures.
    pub parts: Vec<(String, String)>,
}

impl Doc {
    /// The part of the text a difference at `path` (".items[2 \"3\"].title") is about.
    pub fn excerpt_for(&self, path: &str) -> &str {
        let path = path.trim_start_matches('.');
        let head: String = path.chars().take_while(char::is_ascii_alphabetic).collect();
        let rest = &path[head.len()..];
        let label = match rest.strip_prefix('[') {
            Some(index) if head == "items" => {
                let digits: String = index.chars().take_while(char::is_ascii_digit).collect();
                format!("items[{digits}]")
            }
            _ => head,
        };
        self.parts.iter().find(|(l, _)| *l == label).map_or(self.text.as_str(), |(_, t)| t)
    }
}

/// The document text for `seed` and the record it must give, using only forms `dims` allows.
pub fn generate(seed: u64, dims: &Dims) -> (String, Value) {
    let doc = generate_doc(seed, dims);
    (doc.text, doc.expected)
}

/// As [`generate`], with the forms used and the parts. When `dims` forces a form, documents
/// that happen not to print it (a forced label in a document whose header is a sentence) are
/// redrawn from a derived seed, so every document tests the forced form.
pub fn generate_doc(seed: u64, dims: &Dims) -> Doc {
    let forced = dims.forced();
    for attempt in 0..256u64 {
        let doc = compose(seed ^ attempt.wrapping_mul(0xA24B_AED4_963E_E407), dims);
        if forced.as_ref().is_none_or(|f| doc.forms.contains(f)) {
            return Doc { seed, ..doc };
        }
    }
    panic!("seed {seed}: no document uses the forced form {forced:?}");
}

fn compose(seed: u64, dims: &Dims) -> Doc {
    let mut p = Picks::new(seed, dims);
    let meeting = header::Meeting::draw(&mut p);
    let (header_text, mut expected_meeting) = header::render(&mut p, &meeting);
    let (attendance_text, participants) = attendance::render(&mut p, &meeting);
    let items = items::render(&mut p, &meeting);
    let closing = header::closing(&mut p, &meeting, &mut expected_meeting);

    let mut text = format!("{header_text}\n\n{attendance_text}\n");
    let mut parts = vec![("participants".to_owned(), attendance_text.clone())];
    let mut expected_items = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        text.push_str(&format!("\n\n{}\n", item.text));
        parts.push((format!("items[{i}]"), item.text));
        expected_items.push(item.expected);
    }
    let mut meeting_part = header_text;
    if let Some(line) = closing {
        text.push_str(&format!("\n\n{line}\n"));
        meeting_part.push_str(&format!("\n…\n{line}"));
    }
    parts.insert(0, ("meeting".to_owned(), meeting_part));
    let expected = json!({
        "meeting": expected_meeting,
        "participants": participants,
        "items": expected_items,
    });
    Doc { seed, text, expected, forms: p.into_used(), parts }
}
