//! `G-LIST`: the one list splitter. Splits "A (V), B og C" into its items on commas,
//! semicolons, " og ", " samt ", " & " and " / " outside parentheses and quotes; a final
//! period is dropped.
//!
//! Accepted: `Anne Hansen (V), Bo Jensen (A) og Carl Berg` → 3 items;
//! `(V), (D) og Liselott Blixt (UP)` → 3; `V; C; M` → 3;
//! `Torben Hoffmann (Stedfortræder: Conni Bergendorff), Tina Rottbøll` → 2.
//! Not split: a comma or "og" inside parentheses (`Hanne Kvist (Landbrug og Fødevarer)`), and
//! "og" after a word cut by a hyphen, which joins two compounds into one name
//! (`Børne- og Undervisningsudvalget`, `Midt- og Vestjyllands Politi`).

/// The items of a list, trimmed, empty ones dropped.
pub fn split(text: &str) -> Vec<String> {
    let text = text.trim().trim_end_matches('.').trim();
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut quoted = false;
    let mut current = String::new();
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '”' | '"' | '“' => quoted = !quoted,
            _ => {}
        }
        if depth <= 0 && !quoted {
            if ch == ',' || ch == ';' {
                parts.push(std::mem::take(&mut current));
                rest = &rest[1..];
                continue;
            }
            let elided = current.ends_with('-');
            if let Some(after) = [" og ", " samt ", " & ", " / "]
                .iter()
                .find_map(|sep| rest.strip_prefix(sep))
                .filter(|_| !elided)
            {
                parts.push(std::mem::take(&mut current));
                rest = after;
                continue;
            }
        }
        current.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    parts.push(current);
    // "…, og C": the conjunction after a comma.
    parts
        .into_iter()
        .map(|p| {
            let p = p.trim();
            p.strip_prefix("og ").or_else(|| p.strip_prefix("samt ")).unwrap_or(p).trim().to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted() {
        assert_eq!(
            split("Anne Hansen (V), Bo Jensen (A) og Carl Berg."),
            ["Anne Hansen (V)", "Bo Jensen (A)", "Carl Berg"]
        );
        assert_eq!(split("(V), (D) og Liselott Blixt (UP)"), ["(V)", "(D)", "Liselott Blixt (UP)"]);
        assert_eq!(split("V; C; M"), ["V", "C", "M"]);
        assert_eq!(split("A (V), Odense Kommune, og B (A)"), ["A (V)", "Odense Kommune", "B (A)"]);
        assert_eq!(split("A samt B & C / D"), ["A", "B", "C", "D"]);
        assert_eq!(
            split("Torben Hoffmann (Stedfortræder: Conni Bergendorff), Tina Rottbøll"),
            ["Torben Hoffmann (Stedfortræder: Conni Bergendorff)", "Tina Rottbøll"]
        );
    }

    #[test]
    fn not_split_inside_parentheses_or_words() {
        assert_eq!(
            split("Hanne Kvist (Landbrug og Fødevarer)"),
            ["Hanne Kvist (Landbrug og Fødevarer)"]
        );
        assert_eq!(split("Bogense"), ["Bogense"]);
        assert_eq!(
            split("Anne Toft, Midt- og Vestjyllands Politi"),
            ["Anne Toft", "Midt- og Vestjyllands Politi"]
        );
        assert_eq!(split("Børne- og Undervisningsudvalget"), ["Børne- og Undervisningsudvalget"]);
        assert_eq!(split("Ove Ogstrup"), ["Ove Ogstrup"]);
        assert!(split("").is_empty());
    }
}
