//! The base encodings of simple fonts (StandardEncoding, WinAnsiEncoding, MacRomanEncoding,
//! PDFDocEncoding) as code → glyph name tables, read from `data/fonts/encodings.txt`.

use std::sync::LazyLock;

/// A predefined single-byte encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard = 0,
    WinAnsi = 1,
    MacRoman = 2,
    PdfDoc = 3,
}

type Table = [Option<&'static str>; 256];

static TABLES: LazyLock<[Table; 4]> = LazyLock::new(|| {
    let mut tables = [[None; 256]; 4];
    for line in include_str!("../../../../data/fonts/encodings.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut fields = line.split_ascii_whitespace();
        let Some(code) = fields.next().and_then(|c| c.parse::<u8>().ok()) else {
            continue;
        };
        for (table, name) in tables.iter_mut().zip(fields) {
            if name != "-" {
                table[usize::from(code)] = Some(name);
            }
        }
    }
    tables
});

impl BaseEncoding {
    /// The encoding named by an /Encoding or /BaseEncoding value.
    pub fn from_name(name: &[u8]) -> Option<Self> {
        match name {
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" => Some(BaseEncoding::MacRoman),
            b"PDFDocEncoding" => Some(BaseEncoding::PdfDoc),
            _ => None,
        }
    }

    /// The glyph name this encoding gives `code`.
    pub fn glyph_name(self, code: u8) -> Option<&'static str> {
        TABLES[self as usize][usize::from(code)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_match_the_specification() {
        assert_eq!(BaseEncoding::WinAnsi.glyph_name(0xE6), Some("ae"));
        assert_eq!(BaseEncoding::WinAnsi.glyph_name(0x80), Some("Euro"));
        assert_eq!(BaseEncoding::Standard.glyph_name(0xF1), Some("ae"));
        assert_eq!(BaseEncoding::Standard.glyph_name(0x27), Some("quoteright"));
        assert_eq!(BaseEncoding::MacRoman.glyph_name(0x8C), Some("aring"));
        assert_eq!(BaseEncoding::WinAnsi.glyph_name(0x41), Some("A"));
        assert_eq!(BaseEncoding::Standard.glyph_name(0x80), None);
    }
}
