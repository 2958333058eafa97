//! Glyph names to Unicode, following the Adobe Glyph List specification: a name from the
//! list, `uniXXXX…` and `uXXXX[XX]` forms, ligature components joined by `_`, and suffixes
//! after `.` dropped. Names outside all of these (`g123`, `cid42`) have no Unicode value.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Glyph name → code point, from `data/fonts/glyphlist.txt`.
static GLYPH_LIST: LazyLock<HashMap<&'static str, char>> = LazyLock::new(|| {
    include_str!("../../../../data/fonts/glyphlist.txt")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (name, hex) = line.split_once(' ')?;
            let c = char::from_u32(u32::from_str_radix(hex.trim(), 16).ok()?)?;
            Some((name, c))
        })
        .collect()
});

/// Appends the Unicode text of glyph `name` to `out`; `false` (and `out` untouched) when the
/// name carries no Unicode meaning.
pub fn push_glyph_text(name: &str, out: &mut String) -> bool {
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return false;
    }
    let mark = out.len();
    for component in base.split('_') {
        if !push_component(component, out) {
            out.truncate(mark);
            return false;
        }
    }
    true
}

fn push_component(component: &str, out: &mut String) -> bool {
    if let Some(&c) = GLYPH_LIST.get(component) {
        out.push(c);
        return true;
    }
    if let Some(hex) = component.strip_prefix("uni") {
        return push_uni_sequence(hex, out);
    }
    if let Some(hex) = component.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && let Some(c) = scalar_from_hex(hex)
    {
        out.push(c);
        return true;
    }
    false
}

/// `uniXXXX` may carry several code points in groups of four hex digits.
fn push_uni_sequence(hex: &str, out: &mut String) -> bool {
    if hex.is_empty() || !hex.len().is_multiple_of(4) {
        return false;
    }
    let mark = out.len();
    for chunk in hex.as_bytes().chunks(4) {
        match std::str::from_utf8(chunk).ok().and_then(scalar_from_hex) {
            Some(c) => out.push(c),
            None => {
                out.truncate(mark);
                return false;
            }
        }
    }
    true
}

/// A Unicode scalar value from hex digits; surrogates and non-hex input give `None`.
fn scalar_from_hex(hex: &str) -> Option<char> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(hex, 16).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str) -> Option<String> {
        let mut s = String::new();
        push_glyph_text(name, &mut s).then_some(s)
    }

    #[test]
    fn list_names() {
        assert_eq!(text("ae").as_deref(), Some("æ"));
        assert_eq!(text("oslash").as_deref(), Some("ø"));
        assert_eq!(text("Aring").as_deref(), Some("Å"));
        assert_eq!(text("space").as_deref(), Some(" "));
    }

    #[test]
    fn uni_and_u_forms() {
        assert_eq!(text("uni00E6").as_deref(), Some("æ"));
        assert_eq!(text("uni00e5").as_deref(), Some("å"));
        assert_eq!(text("uni00410042").as_deref(), Some("AB"));
        assert_eq!(text("u1F600").as_deref(), Some("😀"));
        assert_eq!(text("uniD800"), None);
        assert_eq!(text("uni00E"), None);
    }

    #[test]
    fn suffixes_and_ligature_components() {
        assert_eq!(text("a.sc").as_deref(), Some("a"));
        assert_eq!(text("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(text("T_h.alt").as_deref(), Some("Th"));
    }

    #[test]
    fn names_without_meaning() {
        assert_eq!(text("g123"), None);
        assert_eq!(text("cid42"), None);
        assert_eq!(text(".notdef"), None);
        assert_eq!(text("a_g12"), None);
    }
}
