//! Undoes line-end hyphenation.
//!
//! Forms handled (⏎ is a line break):
//! - `Næstfor-⏎mand` → `Næstformand` (a soft line-break hyphen: removed, lines joined)
//! - `2030-⏎fremskrivning`, `p-⏎huse`, `KKR-⏎sekretariatet`, `ikke-⏎planlagte` → hyphen kept,
//!   lines joined (numbers, single letters, capitals and listed prefixes are real hyphens)
//! - `Kastrup-⏎Larsen` → `Kastrup-Larsen` (a capital after the hyphen: a real compound)
//! - `Sundheds-⏎og Forebyggelsesudvalget` → left as two lines (the elision hyphen of
//!   "Sundheds- og …"; joining paragraphs later puts the space back)
//!
//! The joined line keeps the provenance of its first part.

use super::Line;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Prefixes that keep their hyphen, from `data/hyphen_keep_prefixes.txt`.
static KEEP_PREFIXES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/hyphen_keep_prefixes.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Words after an elision hyphen ("Sundheds- og Ældreudvalg").
const CONJUNCTIONS: &[&str] = &["og", "eller", "samt", "&", "til", "som", "and", "or"];

/// What to do with a line that ends in a hyphen.
#[derive(Debug, PartialEq, Eq)]
enum Join {
    /// Remove the hyphen and glue the next line on.
    DropHyphen,
    /// Glue the next line on after the hyphen.
    KeepHyphen,
    /// Leave the lines apart.
    No,
}

/// Returns the lines with hyphenated line ends joined.
pub fn join_hyphenated(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut iter = lines.into_iter().peekable();
    while let Some(mut line) = iter.next() {
        while let Some(next) = iter.peek() {
            let join = decide(&line.text, &next.text);
            if join == Join::No {
                break;
            }
            let Some(next) = iter.next() else { break };
            if join == Join::DropHyphen {
                line.text.pop();
            }
            line.text.push_str(&next.text);
        }
        out.push(line);
    }
    out
}

fn decide(text: &str, next: &str) -> Join {
    let Some(stem) = text.strip_suffix('-') else {
        return Join::No;
    };
    let Some(before) = stem.chars().last() else {
        return Join::No;
    };
    let Some(first) = next.chars().next() else {
        return Join::No;
    };
    if !before.is_alphanumeric() || !first.is_alphanumeric() {
        return Join::No;
    }
    let next_word = next.split_whitespace().next().unwrap_or("");
    let next_word = next_word.trim_end_matches([',', '.', ';', ':']);
    if CONJUNCTIONS.contains(&next_word) {
        return Join::No;
    }
    let word =
        stem.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"').next().unwrap_or("");
    let word_chars = word.chars().count();
    let keep = before.is_ascii_digit()
        || first.is_ascii_digit()
        || first.is_uppercase()
        || word_chars <= 1
        || word.contains('-')
        || (word_chars >= 2 && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()))
        || KEEP_PREFIXES.contains(word.to_lowercase().as_str());
    if keep { Join::KeepHyphen } else { Join::DropHyphen }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(texts: &[&str]) -> Vec<String> {
        join_hyphenated(crate::normalize::lines_on_one_page(texts))
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn soft_hyphen_is_removed() {
        assert_eq!(run(&["Gade, Næstfor-", "mand KKR"]), ["Gade, Næstformand KKR"]);
        assert_eq!(run(&["Nordjyl-", "lands bestyrelse"]), ["Nordjyllands bestyrelse"]);
        assert_eq!(run(&["gæl-", "dende for"]), ["gældende for"]);
    }

    #[test]
    fn real_hyphens_are_kept() {
        assert_eq!(run(&["en 2030-", "fremskrivning"]), ["en 2030-fremskrivning"]);
        assert_eq!(run(&["nye p-", "huse"]), ["nye p-huse"]);
        assert_eq!(run(&["KKR-", "sekretariatet"]), ["KKR-sekretariatet"]);
        assert_eq!(run(&["ikke-", "planlagte"]), ["ikke-planlagte"]);
        assert_eq!(run(&["Thomas Kastrup-", "Larsen"]), ["Thomas Kastrup-Larsen"]);
    }

    #[test]
    fn elision_hyphen_and_dashes_are_left_alone() {
        assert_eq!(run(&["Sundheds-", "og Ældreudvalg"]), ["Sundheds-", "og Ældreudvalg"]);
        assert_eq!(run(&["vækstteams -", "og få"]), ["vækstteams -", "og få"]);
        assert_eq!(run(&["slut-", ""]), ["slut-", ""]);
    }

    #[test]
    fn chains_of_hyphenation_join() {
        assert_eq!(run(&["Hovedorgani-", "sa-", "tion)"]), ["Hovedorganisation)"]);
    }

    #[test]
    fn idempotent() {
        let once = run(&["Næstfor-", "mand og 2030-", "plan"]);
        let refs: Vec<&str> = once.iter().map(String::as_str).collect();
        assert_eq!(run(&refs), once);
    }
}
