//! Fonts as the text layer needs them: how to split a string into character codes, the
//! Unicode text of each code and its advance width.
//!
//! Text comes from /ToUnicode first, then /Encoding (base encoding plus /Differences, by glyph
//! name), then the embedded font program's own encoding. A code none of these maps is
//! reported as unmapped, never guessed.

mod cmap;
mod embedded;
mod encodings;
mod metrics;
mod names;

use lopdf::{Dictionary, Document, Object};

use super::objects::{
    get, get_array, get_dict, get_name, get_number, number, resolve, stream_bytes,
};
use cmap::{CMap, CodeSpace};
use encodings::BaseEncoding;
use metrics::StandardFont;

/// Width used when a font gives none at all (half an em, a typical average).
const FALLBACK_WIDTH: f32 = 0.5;

/// A span of text in a font's string pool; `len == 0` means unmapped.
#[derive(Debug, Clone, Copy, Default)]
struct TextRef {
    start: u32,
    len: u16,
}

#[derive(Debug, Clone, Copy, Default)]
struct SimpleCode {
    text: TextRef,
    /// Advance in text space units per unit of font size.
    width: f32,
}

/// A font with one-byte codes (Type1, TrueType, Type3).
#[derive(Debug)]
struct SimpleFont {
    codes: Box<[SimpleCode; 256]>,
    pool: String,
}

/// A Type0 font: multi-byte codes → CIDs → widths; Unicode via /ToUnicode only.
#[derive(Debug)]
struct CompositeFont {
    codespaces: Vec<CodeSpace>,
    /// Code → CID when the encoding CMap is not Identity.
    cid_map: Option<CMap>,
    to_unicode: Option<CMap>,
    /// (first CID, last CID, width) sorted by first CID; widths already in text space.
    widths: Vec<(u32, u32, f32)>,
    /// The same widths indexed by CID (NaN where /W has none), when the CIDs are few
    /// enough for a table: one lookup per glyph instead of a search.
    dense_widths: Vec<f32>,
    default_width: f32,
}

#[derive(Debug)]
enum Kind {
    Simple(SimpleFont),
    Composite(Box<CompositeFont>),
}

/// A loaded font.
#[derive(Debug)]
pub struct Font {
    kind: Kind,
}

/// One character code read from a string.
#[derive(Debug, Clone, Copy)]
pub struct Code {
    pub code: u32,
    /// Bytes the code took; word spacing applies to the one-byte code 32 only.
    pub len: usize,
}

impl Font {
    /// Loads the font described by `dict`; never fails (missing parts degrade to unmapped
    /// codes and default widths).
    pub fn load(doc: &Document, dict: &Dictionary, max_bytes: usize) -> Font {
        let kind = if get_name(doc, dict, b"Subtype") == Some(b"Type0") {
            Kind::Composite(Box::new(load_composite(doc, dict, max_bytes)))
        } else {
            Kind::Simple(load_simple(doc, dict, max_bytes))
        };
        Font { kind }
    }

    /// Splits the next code off `bytes` (which must not be empty).
    pub fn next_code(&self, bytes: &[u8]) -> Code {
        match &self.kind {
            Kind::Simple(_) => {
                Code { code: u32::from(bytes.first().copied().unwrap_or(0)), len: 1 }
            }
            Kind::Composite(f) => {
                let (code, len) = CMap::next_code(&f.codespaces, bytes, 2);
                Code { code, len }
            }
        }
    }

    /// Advance width of `code` in text space units per unit of font size.
    pub fn width(&self, code: u32) -> f32 {
        match &self.kind {
            Kind::Simple(f) => f.codes.get(code as usize).map_or(0.0, |c| c.width),
            Kind::Composite(f) => {
                let cid = f.cid_map.as_ref().map_or(Some(code), |m| m.cid(code)).unwrap_or(0);
                if let Some(&w) = f.dense_widths.get(cid as usize) {
                    return if w.is_nan() { f.default_width } else { w };
                }
                let end = f.widths.partition_point(|w| w.0 <= cid);
                match end.checked_sub(1).and_then(|i| f.widths.get(i)) {
                    Some(&(_, last, w)) if cid <= last => w,
                    _ => f.default_width,
                }
            }
        }
    }

    /// Appends the Unicode text of `code` to `out`; `false` when the code cannot be mapped.
    pub fn push_text(&self, code: u32, out: &mut String) -> bool {
        match &self.kind {
            Kind::Simple(f) => {
                let Some(c) = f.codes.get(code as usize) else {
                    return false;
                };
                if c.text.len == 0 {
                    return false;
                }
                let start = c.text.start as usize;
                match f.pool.get(start..start + usize::from(c.text.len)) {
                    Some(s) => {
                        out.push_str(s);
                        true
                    }
                    None => false,
                }
            }
            Kind::Composite(f) => f.to_unicode.as_ref().is_some_and(|m| m.push_unicode(code, out)),
        }
    }
}

/// The /ToUnicode CMap of a font, when it has one that maps anything.
fn to_unicode(doc: &Document, dict: &Dictionary, max_bytes: usize) -> Option<CMap> {
    let data = stream_bytes(doc, dict.get(b"ToUnicode").ok()?, max_bytes)?;
    let cmap = CMap::parse(&data);
    cmap.has_unicode().then_some(cmap)
}

fn load_composite(doc: &Document, dict: &Dictionary, max_bytes: usize) -> CompositeFont {
    let descendant = get_array(doc, dict, b"DescendantFonts")
        .and_then(|a| a.first())
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok());
    let identity = [CodeSpace { len: 2, lo: 0, hi: 0xFFFF }];
    let (codespaces, cid_map) = match get(doc, dict, b"Encoding") {
        Some(Object::Stream(_)) => {
            let cmap = dict
                .get(b"Encoding")
                .ok()
                .and_then(|o| stream_bytes(doc, o, max_bytes))
                .map(|d| CMap::parse(&d))
                .unwrap_or_default();
            let spaces = if cmap.codespaces.is_empty() {
                identity.to_vec()
            } else {
                cmap.codespaces.clone()
            };
            (spaces, Some(cmap))
        }
        // Identity-H/V and other predefined two-byte CMaps: the code is the CID.
        _ => (identity.to_vec(), None),
    };
    let (widths, default_width) = match descendant {
        Some(d) => (cid_widths(doc, d), get_number(doc, d, b"DW").unwrap_or(1000.0) / 1000.0),
        None => (Vec::new(), 1.0),
    };
    let dense_widths = dense_widths(&widths);
    CompositeFont {
        codespaces,
        cid_map,
        to_unicode: to_unicode(doc, dict, max_bytes),
        widths,
        dense_widths,
        default_width,
    }
}

/// Largest CID given a table slot in [`CompositeFont::dense_widths`].
const DENSE_WIDTH_CIDS: u32 = 0xFFFF;

fn dense_widths(widths: &[(u32, u32, f32)]) -> Vec<f32> {
    let Some(max) = widths.iter().map(|w| w.1).max() else {
        return Vec::new();
    };
    if max > DENSE_WIDTH_CIDS {
        return Vec::new();
    }
    let mut table = vec![f32::NAN; max as usize + 1];
    for &(first, last, width) in widths {
        for slot in table.iter_mut().take(last as usize + 1).skip(first as usize) {
            *slot = width;
        }
    }
    table
}

/// The /W array: `c [w1 w2 …]` and `c_first c_last w` entries.
fn cid_widths(doc: &Document, descendant: &Dictionary) -> Vec<(u32, u32, f32)> {
    let Some(w) = get_array(doc, descendant, b"W") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let first = resolve(doc, &w[i]).and_then(number);
        let second = w.get(i + 1).and_then(|o| resolve(doc, o));
        match (first, second) {
            (Some(first), Some(Object::Array(list))) => {
                let first = first.max(0.0) as u32;
                for (k, item) in list.iter().enumerate() {
                    if let Some(width) = resolve(doc, item).and_then(number) {
                        let cid = first.saturating_add(k as u32);
                        out.push((cid, cid, width / 1000.0));
                    }
                }
                i += 2;
            }
            (Some(first), Some(second)) => {
                let last = number(second).unwrap_or(first);
                let width =
                    w.get(i + 2).and_then(|o| resolve(doc, o)).and_then(number).unwrap_or(1000.0);
                out.push((first.max(0.0) as u32, last.max(0.0) as u32, width / 1000.0));
                i += 3;
            }
            _ => break,
        }
    }
    out.sort_by_key(|w| w.0);
    out
}

/// Per-code glyph names from /Encoding (base encoding and /Differences) or, without one, the
/// font's built-in encoding.
fn simple_glyph_names(
    doc: &Document,
    dict: &Dictionary,
    standard: Option<&StandardFont>,
    max_bytes: usize,
) -> Vec<Option<String>> {
    let encoding = get(doc, dict, b"Encoding");
    let (base_name, differences) = match encoding {
        Some(Object::Name(name)) => (Some(name.as_slice()), None),
        Some(Object::Dictionary(d)) => {
            (get_name(doc, d, b"BaseEncoding"), get_array(doc, d, b"Differences"))
        }
        _ => (None, None),
    };
    let mut names: Vec<Option<String>> = match base_name.and_then(BaseEncoding::from_name) {
        Some(base) => (0..=255u8).map(|c| base.glyph_name(c).map(str::to_owned)).collect(),
        None => builtin_names(doc, dict, standard, max_bytes),
    };
    if let Some(differences) = differences {
        let mut code = 0usize;
        for item in differences {
            match resolve(doc, item) {
                Some(Object::Integer(n)) => code = usize::try_from(*n).unwrap_or(usize::MAX),
                Some(Object::Name(name)) => {
                    if let Some(slot) = names.get_mut(code) {
                        *slot = Some(String::from_utf8_lossy(name).into_owned());
                    }
                    code = code.saturating_add(1);
                }
                _ => {}
            }
        }
    }
    names
}

/// The font's own encoding: the embedded program's, a standard font's, else StandardEncoding.
fn builtin_names(
    doc: &Document,
    dict: &Dictionary,
    standard: Option<&StandardFont>,
    max_bytes: usize,
) -> Vec<Option<String>> {
    let descriptor = get_dict(doc, dict, b"FontDescriptor");
    let program = descriptor.and_then(|d| {
        if let Ok(file) = d.get(b"FontFile") {
            return stream_bytes(doc, file, max_bytes).and_then(|b| embedded::type1_encoding(&b));
        }
        let file = d.get(b"FontFile3").ok()?;
        let subtype =
            resolve(doc, file)?.as_stream().ok()?.dict.get(b"Subtype").ok()?.as_name().ok()?;
        if subtype == b"Type1C" {
            return stream_bytes(doc, file, max_bytes).and_then(|b| embedded::cff_encoding(&b));
        }
        None
    });
    if let Some(program) = program {
        return program;
    }
    if let Some(standard) = standard
        && standard.builtin_name(b'a').is_some_and(|n| n != "a")
    {
        // Symbol and ZapfDingbats: their own encoding is the only one.
        return (0..=255u8).map(|c| standard.builtin_name(c).map(str::to_owned)).collect();
    }
    (0..=255u8).map(|c| BaseEncoding::Standard.glyph_name(c).map(str::to_owned)).collect()
}

/// A standard font's width for a glyph, by its name or else by the character it shows.
fn standard_width(
    standard: Option<&StandardFont>,
    name: Option<&str>,
    text: Option<char>,
) -> Option<f32> {
    let standard = standard?;
    name.and_then(|n| standard.width(n)).or_else(|| text.and_then(|c| standard.width_of_char(c)))
}

fn load_simple(doc: &Document, dict: &Dictionary, max_bytes: usize) -> SimpleFont {
    let base_font =
        get_name(doc, dict, b"BaseFont").map(String::from_utf8_lossy).unwrap_or_default();
    let standard = metrics::standard_font(&base_font);
    let names = simple_glyph_names(doc, dict, standard, max_bytes);
    let to_unicode = to_unicode(doc, dict, max_bytes);

    // Type 3 glyph widths are in glyph space, scaled by /FontMatrix.
    let scale = match get_name(doc, dict, b"Subtype") {
        Some(b"Type3") => get_array(doc, dict, b"FontMatrix")
            .and_then(|m| m.first())
            .and_then(|o| resolve(doc, o))
            .and_then(number)
            .unwrap_or(0.001),
        _ => 0.001,
    };
    let first_char = get_number(doc, dict, b"FirstChar").unwrap_or(0.0).max(0.0) as usize;
    let widths = get_array(doc, dict, b"Widths");
    let missing = get_dict(doc, dict, b"FontDescriptor")
        .and_then(|d| get_number(doc, d, b"MissingWidth"))
        .unwrap_or(0.0);

    let mut codes = Box::new([SimpleCode::default(); 256]);
    let mut pool = String::new();
    for (code, slot) in codes.iter_mut().enumerate() {
        let name = names.get(code).and_then(Option::as_deref);
        let start = pool.len();
        let mapped = to_unicode.as_ref().is_some_and(|m| m.push_unicode(code as u32, &mut pool))
            || name.is_some_and(|n| names::push_glyph_text(n, &mut pool));
        if mapped {
            let len = (pool.len() - start).min(usize::from(u16::MAX)) as u16;
            slot.text = TextRef { start: start as u32, len };
        }
        slot.width = match widths {
            Some(w) => {
                code.checked_sub(first_char)
                    .and_then(|i| w.get(i))
                    .and_then(|o| resolve(doc, o))
                    .and_then(number)
                    .unwrap_or(missing)
                    * scale
            }
            None => {
                let text = mapped.then(|| pool[start..].chars().next()).flatten();
                standard_width(standard, name, text).map_or(FALLBACK_WIDTH, |w| w / 1000.0)
            }
        };
    }
    SimpleFont { codes, pool }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn text_of(font: &Font, bytes: &[u8]) -> String {
        let mut out = String::new();
        let mut rest = bytes;
        while !rest.is_empty() {
            let code = font.next_code(rest);
            if !font.push_text(code.code, &mut out) {
                out.push('\u{FFFD}');
            }
            rest = &rest[code.len.min(rest.len())..];
        }
        out
    }

    #[test]
    fn differences_with_uni_names_over_winansi() {
        let doc = Document::with_version("1.5");
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => dictionary! {
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![
                    Object::Integer(1), Object::Name(b"uni00E6".to_vec()),
                    Object::Name(b"oslash".to_vec()), Object::Name(b"u00E5".to_vec()),
                ],
            },
        };
        let font = Font::load(&doc, &font, 1 << 20);
        assert_eq!(text_of(&font, b"M\x02de \x01\x02\x03"), "Møde æøå");
        // Helvetica widths come from the standard metrics: "ae" is 889/1000.
        assert!((font.width(1) - 0.889).abs() < 1e-6);
        assert!((font.width(u32::from(b' ')) - 0.278).abs() < 1e-6);
    }

    #[test]
    fn type0_without_to_unicode_is_unmapped() {
        let doc = Document::with_version("1.5");
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "Subtype" => "CIDFontType2", "DW" => 600,
                "W" => vec![Object::Integer(3), Object::Array(vec![Object::Integer(250), Object::Integer(300)]),
                            Object::Integer(10), Object::Integer(20), Object::Integer(700)],
            })],
        };
        let font = Font::load(&doc, &font, 1 << 20);
        let code = font.next_code(b"\x00\x04\x00");
        assert_eq!((code.code, code.len), (4, 2));
        assert!(!font.push_text(4, &mut String::new()));
        assert!((font.width(4) - 0.3).abs() < 1e-6);
        assert!((font.width(15) - 0.7).abs() < 1e-6);
        assert!((font.width(99) - 0.6).abs() < 1e-6);
    }
}
