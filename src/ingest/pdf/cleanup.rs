//! Clean-up of one line's text inside the text layer: whitespace made plain, ligatures
//! expanded, soft hyphens resolved (a line-final one becomes "-" for the normaliser to
//! dehyphenate, one inside a word is dropped) and Unicode NFC.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

const SOFT_HYPHEN: char = '\u{AD}';

/// The expansion of a typographic ligature.
fn ligature(c: char) -> Option<&'static str> {
    match c {
        '\u{FB00}' => Some("ff"),
        '\u{FB01}' => Some("fi"),
        '\u{FB02}' => Some("fl"),
        '\u{FB03}' => Some("ffi"),
        '\u{FB04}' => Some("ffl"),
        '\u{FB05}' | '\u{FB06}' => Some("st"),
        _ => None,
    }
}

/// Whether `text` is already clean: single inner spaces, nothing to expand or resolve, NFC.
/// Most lines are, and skip the rebuild.
fn is_clean(text: &str) -> bool {
    let mut prev_space = true;
    for c in text.chars() {
        let space = c == ' ';
        if (space && prev_space)
            || (!space && (c.is_whitespace() || c.is_control()))
            || c == SOFT_HYPHEN
            || ligature(c).is_some()
        {
            return false;
        }
        prev_space = space;
    }
    !prev_space && (text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes)
}

/// The cleaned text of a line: single spaces, a column gap (three or more spaces, or a tab)
/// kept as exactly three, as text exports write aligned columns; no leading or trailing space.
pub fn clean_line(raw: String) -> String {
    if is_clean(&raw) {
        return raw;
    }
    let mut out = String::with_capacity(raw.len());
    let mut spaces = 0usize;
    for c in raw.chars() {
        // No-break spaces and stray control codes are just spaces in a line; a tab is a gap.
        if c.is_whitespace() || c.is_control() {
            if !out.is_empty() {
                spaces += if c == '\t' { 3 } else { 1 };
            }
            continue;
        }
        if spaces > 0 {
            out.push_str(if spaces >= 3 { "   " } else { " " });
            spaces = 0;
        }
        match ligature(c) {
            Some(expanded) => out.push_str(expanded),
            None => out.push(c),
        }
    }
    resolve_soft_hyphens(&mut out);
    if out.is_ascii() || is_nfc_quick(out.chars()) == IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
    }
}

fn resolve_soft_hyphens(text: &mut String) {
    if !text.contains(SOFT_HYPHEN) {
        return;
    }
    let line_final = text.ends_with(SOFT_HYPHEN);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == SOFT_HYPHEN {
            if chars.peek().is_none() && line_final {
                out.push('-');
            }
            continue;
        }
        out.push(c);
    }
    *text = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_collapsed_and_trimmed() {
        assert_eq!(clean_line("  Der\u{A0}var  generel  ".into()), "Der var generel");
        assert_eq!(clean_line("A    Borgmester\tNiels".into()), "A   Borgmester   Niels");
    }

    #[test]
    fn ligatures_are_expanded() {
        assert_eq!(
            clean_line("\u{FB01}ne \u{FB02}ag e\u{FB03}cient".into()),
            "fine flag efficient"
        );
    }

    #[test]
    fn soft_hyphens() {
        assert_eq!(clean_line("resultat\u{AD}kontrakten".into()), "resultatkontrakten");
        assert_eq!(clean_line("mødedel\u{AD}".into()), "mødedel-");
    }

    #[test]
    fn nfc() {
        assert_eq!(clean_line("A\u{30A}lborg a\u{30A}".into()), "Ålborg å");
    }
}
