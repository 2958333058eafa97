//! Glyph widths of the 14 standard fonts, for fonts that come without /Widths (reportlab and
//! fpdf2 write Helvetica that way). Read from `data/fonts/standard14-widths.txt`.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::names;

/// Metrics of one standard font: widths by glyph name and its built-in encoding.
pub struct StandardFont {
    widths: HashMap<&'static str, u16>,
    /// The same widths by the character each glyph stands for, for fonts whose encoding
    /// names glyphs another way (`uni00E6` for `ae`).
    by_char: HashMap<char, u16>,
    builtin: [Option<&'static str>; 256],
}

impl StandardFont {
    /// Width of glyph `name` in 1/1000 em.
    pub fn width(&self, name: &str) -> Option<f32> {
        self.widths.get(name).map(|&w| f32::from(w))
    }

    /// Width of the glyph for character `c` in 1/1000 em.
    pub fn width_of_char(&self, c: char) -> Option<f32> {
        self.by_char.get(&c).map(|&w| f32::from(w))
    }

    /// The glyph name the font's own encoding gives `code` (the only encoding Symbol and
    /// ZapfDingbats have).
    pub fn builtin_name(&self, code: u8) -> Option<&'static str> {
        self.builtin[usize::from(code)]
    }
}

static FONTS: LazyLock<HashMap<&'static str, StandardFont>> = LazyLock::new(|| {
    let mut fonts = HashMap::new();
    let mut current: Option<(&str, StandardFont)> = None;
    for line in include_str!("../../../../data/fonts/standard14-widths.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix("@ ") {
            if let Some((done, font)) = current.take() {
                fonts.insert(done, font);
            }
            let font = StandardFont {
                widths: HashMap::new(),
                by_char: HashMap::new(),
                builtin: [None; 256],
            };
            current = Some((name.trim(), font));
            continue;
        }
        let Some((_, font)) = current.as_mut() else {
            continue;
        };
        let mut fields = line.split_ascii_whitespace();
        let (Some(code), Some(name), Some(width)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        if let Ok(width) = width.parse::<u16>() {
            font.widths.insert(name, width);
            let mut text = String::new();
            if names::push_glyph_text(name, &mut text) {
                let mut chars = text.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    font.by_char.entry(c).or_insert(width);
                }
            }
        }
        if let Ok(code) = code.parse::<u8>() {
            font.builtin[usize::from(code)] = Some(name);
        }
    }
    if let Some((done, font)) = current {
        fonts.insert(done, font);
    }
    fonts
});

/// The standard font a /BaseFont name stands for, including the usual aliases (Arial for
/// Helvetica, TimesNewRoman for Times, CourierNew for Courier) and subset prefixes.
pub fn standard_font(base_font: &str) -> Option<&'static StandardFont> {
    FONTS.get(canonical_name(base_font)?)
}

fn canonical_name(base_font: &str) -> Option<&'static str> {
    let name = strip_subset_prefix(base_font).to_ascii_lowercase();
    let bold = name.contains("bold") || name.contains("black") || name.contains("heavy");
    let italic = name.contains("italic") || name.contains("oblique");
    let family = if name.contains("helvetica") || name.contains("arial") {
        ["Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"]
    } else if name.contains("times") {
        ["Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"]
    } else if name.contains("courier") {
        ["Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"]
    } else if name.contains("symbol") {
        return Some("Symbol");
    } else if name.contains("dingbats") {
        return Some("ZapfDingbats");
    } else {
        return None;
    };
    Some(family[usize::from(bold) + 2 * usize::from(italic)])
}

/// Drops the `ABCDEF+` prefix of a subset font name.
fn strip_subset_prefix(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helvetica_widths() {
        let helvetica = standard_font("Helvetica").expect("Helvetica");
        assert_eq!(helvetica.width("space"), Some(278.0));
        assert_eq!(helvetica.width("A"), Some(667.0));
        assert_eq!(helvetica.width("ae"), Some(889.0));
        let bold = standard_font("Helvetica-Bold").expect("Helvetica-Bold");
        assert_eq!(bold.width("a"), Some(556.0));
    }

    #[test]
    fn times_and_courier() {
        assert_eq!(standard_font("Times-Roman").and_then(|f| f.width("a")), Some(444.0));
        assert_eq!(standard_font("Courier-Bold").and_then(|f| f.width("W")), Some(600.0));
    }

    #[test]
    fn aliases_and_builtin_encodings() {
        assert!(standard_font("ABCDEF+Arial,Bold").is_some());
        assert_eq!(standard_font("TimesNewRomanPS-BoldMT").and_then(|f| f.width("a")), Some(500.0));
        assert_eq!(standard_font("Symbol").and_then(|f| f.builtin_name(0x61)), Some("alpha"));
        assert!(standard_font("DejaVuSans").is_none());
    }
}
