//! G-NUMWORD: vote counts written as words.
//!
//! Accepted: "med syv stemmer mod to" (7, 2), "fem stemmer mod én" (5, 1), "atten stemmer mod
//! tre", "med enogtyve stemmer", "mod en stemme", "Et medlem (O) undlod" (1).
//! Rejected: the articles "en" and "et" away from a vote word ("et flertal", "en bemærkning",
//! "Et enigt udvalg"), and number words that are part of another word ("tiltrådt", "fireårig").
//! The words are in `data/number_words.csv`.

use std::collections::HashMap;
use std::sync::LazyLock;

static WORDS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    crate::refdata::table_rows(include_str!("../../data/number_words.csv"), 2)
        .filter_map(|cols| Some((cols[0].to_owned(), cols[1].parse().ok()?)))
        .collect()
});

/// The value of a number word, in any case.
pub fn number_word(word: &str) -> Option<u32> {
    WORDS.get(&word.to_lowercase()).copied()
}

fn is_article(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "en" | "et")
}

/// Words beside which an article counts as the number one.
fn is_vote_word(word: &str) -> bool {
    let word = word.to_lowercase();
    ["stemme", "stemmer", "medlem", "imod", "mod", "for", "undlod"].contains(&word.as_str())
}

/// The text with every vote count written as a word replaced by its digits, for reading votes.
pub fn with_digits(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let mut out = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let core = bare(word);
        let value = number_word(&core).filter(|_| {
            !is_article(&core)
                || words.get(i + 1).is_some_and(|n| is_vote_word(&bare(n)))
                || i > 0 && ["mod", "imod"].contains(&bare(words[i - 1]).to_lowercase().as_str())
        });
        match value {
            Some(n) if !core.is_empty() => {
                out.push(word.replacen(core.as_str(), &n.to_string(), 1));
            }
            _ => out.push((*word).to_owned()),
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_words_become_digits() {
        for (text, want) in [
            ("Godkendt med 20 stemmer mod fire.", "Godkendt med 20 stemmer mod 4."),
            ("med syv stemmer mod to", "med 7 stemmer mod 2"),
            ("med fem stemmer mod én, at", "med 5 stemmer mod 1, at"),
            (
                "Forslaget faldt med tre stemmer (Ø) mod 21.",
                "Forslaget faldt med 3 stemmer (Ø) mod 21.",
            ),
            ("Et medlem (O) undlod at stemme.", "1 medlem (O) undlod at stemme."),
            ("godkendt med enogtyve stemmer", "godkendt med 21 stemmer"),
            ("mod en stemme", "mod 1 stemme"),
        ] {
            assert_eq!(with_digits(text), want, "{text}");
        }
    }

    #[test]
    fn articles_and_word_parts_stay() {
        for text in [
            "Et flertal bestående af A og F",
            "Et enigt udvalg anbefaler",
            "med en bemærkning om",
            "Indstillingen tiltrådt.",
            "en fireårig aftale",
        ] {
            assert_eq!(with_digits(text), text);
        }
    }
}
