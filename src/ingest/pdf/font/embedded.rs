//! Built-in encodings of embedded fonts: code → glyph name from a Type 1 font program's
//! /Encoding array or a CFF (Type1C) font's encoding and charset. Ghostscript writes Type1C
//! subsets with such encodings and no /ToUnicode, so the glyph names are the only way to text.

use std::sync::LazyLock;

use regex::bytes::Regex;

use super::encodings::BaseEncoding;

/// Code → glyph name, for the codes the font program encodes.
pub type BuiltinEncoding = Vec<Option<String>>;

/// CFF standard strings: SID → name, from `data/fonts/cff-standard-strings.txt`.
static CFF_STANDARD_STRINGS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../../../../data/fonts/cff-standard-strings.txt")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect()
});

/// `dup <code> /<name> put` entries of a Type 1 /Encoding array.
static TYPE1_DUP_PUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"dup\s+(\d{1,3})\s*/([^\s/\[\]()<>{}%]+)\s+put").expect("valid regex")
});

/// The encoding of a Type 1 font program (the clear-text part before `eexec`).
pub fn type1_encoding(program: &[u8]) -> Option<BuiltinEncoding> {
    let clear_end = find(program, b"eexec").unwrap_or(program.len());
    let clear = &program[..clear_end];
    let encoding_at = find(clear, b"/Encoding")?;
    let rest = &clear[encoding_at..];
    if rest.get(9..).is_some_and(|r| r.trim_ascii_start().starts_with(b"StandardEncoding")) {
        return Some(from_base(BaseEncoding::Standard));
    }
    let mut table: BuiltinEncoding = vec![None; 256];
    let mut any = false;
    for caps in TYPE1_DUP_PUT.captures_iter(rest) {
        let code = std::str::from_utf8(&caps[1]).ok().and_then(|c| c.parse::<usize>().ok());
        if let Some(slot) = code.and_then(|c| table.get_mut(c)) {
            *slot = Some(String::from_utf8_lossy(&caps[2]).into_owned());
            any = true;
        }
    }
    any.then_some(table)
}

fn from_base(base: BaseEncoding) -> BuiltinEncoding {
    (0..=255u8).map(|c| base.glyph_name(c).map(str::to_owned)).collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A bounds-checked reader over a CFF font.
struct Cff<'a> {
    data: &'a [u8],
}

impl<'a> Cff<'a> {
    fn u8(&self, at: usize) -> Option<u8> {
        self.data.get(at).copied()
    }

    fn u16(&self, at: usize) -> Option<u16> {
        Some(u16::from(self.u8(at)?) << 8 | u16::from(self.u8(at + 1)?))
    }

    fn offset(&self, at: usize, size: u8) -> Option<usize> {
        (0..usize::from(size))
            .try_fold(0usize, |acc, i| Some(acc << 8 | usize::from(self.u8(at + i)?)))
    }

    /// The items of the INDEX at `at` and the position just past it.
    fn index(&self, at: usize) -> Option<(Vec<&'a [u8]>, usize)> {
        let count = usize::from(self.u16(at)?);
        if count == 0 {
            return Some((Vec::new(), at + 2));
        }
        let off_size = self.u8(at + 2)?;
        if !(1..=4).contains(&off_size) {
            return None;
        }
        let offsets_at = at + 3;
        let data_at = offsets_at + (count + 1) * usize::from(off_size) - 1;
        let mut items = Vec::with_capacity(count.min(4096));
        let mut prev = self.offset(offsets_at, off_size)?;
        for i in 1..=count {
            let next = self.offset(offsets_at + i * usize::from(off_size), off_size)?;
            items.push(self.data.get(data_at + prev..data_at + next)?);
            prev = next;
        }
        Some((items, data_at + prev))
    }
}

/// Operands and operators of a CFF DICT (Top DICT entries we need: charset, Encoding, CharStrings, ROS).
fn cff_dict_entries(dict: &[u8]) -> Vec<(u16, Vec<f64>)> {
    let mut entries = Vec::new();
    let mut operands = Vec::new();
    let mut i = 0;
    while let Some(&b0) = dict.get(i) {
        i += 1;
        match b0 {
            0..=21 => {
                let op = if b0 == 12 {
                    i += 1;
                    1200 + u16::from(dict.get(i - 1).copied().unwrap_or(0))
                } else {
                    u16::from(b0)
                };
                entries.push((op, std::mem::take(&mut operands)));
            }
            28 => {
                let v = i16::from_be_bytes([
                    dict.get(i).copied().unwrap_or(0),
                    dict.get(i + 1).copied().unwrap_or(0),
                ]);
                operands.push(f64::from(v));
                i += 2;
            }
            29 => {
                let bytes: [u8; 4] = std::array::from_fn(|k| dict.get(i + k).copied().unwrap_or(0));
                operands.push(f64::from(i32::from_be_bytes(bytes)));
                i += 4;
            }
            30 => {
                // Real number in nibbles; only integers matter here, so skip it.
                while let Some(&b) = dict.get(i) {
                    i += 1;
                    if b & 0x0F == 0x0F || b >> 4 == 0x0F {
                        break;
                    }
                }
                operands.push(0.0);
            }
            32..=246 => operands.push(f64::from(i32::from(b0) - 139)),
            247..=250 => {
                let b1 = i32::from(dict.get(i).copied().unwrap_or(0));
                operands.push(f64::from((i32::from(b0) - 247) * 256 + b1 + 108));
                i += 1;
            }
            251..=254 => {
                let b1 = i32::from(dict.get(i).copied().unwrap_or(0));
                operands.push(f64::from(-(i32::from(b0) - 251) * 256 - b1 - 108));
                i += 1;
            }
            _ => {}
        }
    }
    entries
}

/// The built-in encoding of a CFF font program (FontFile3 /Subtype /Type1C).
pub fn cff_encoding(data: &[u8]) -> Option<BuiltinEncoding> {
    let cff = Cff { data };
    let header_size = usize::from(cff.u8(2)?);
    let (_, after_names) = cff.index(header_size)?;
    let (top_dicts, after_top) = cff.index(after_names)?;
    let (strings, _) = cff.index(after_top)?;
    let entries = cff_dict_entries(top_dicts.first()?);
    let lookup =
        |op: u16| entries.iter().find(|(o, _)| *o == op).and_then(|(_, v)| v.first().copied());
    if entries.iter().any(|(op, _)| *op == 1230) {
        // CID-keyed: codes go through a CMap, not an encoding.
        return None;
    }
    let char_strings_at = lookup(17)? as usize;
    let glyph_count = usize::from(cff.u16(char_strings_at)?);
    let charset = cff_charset(&cff, lookup(15).unwrap_or(0.0) as usize, glyph_count)?;
    let name_of = |gid: usize| -> Option<String> {
        let sid = usize::from(*charset.get(gid)?);
        match CFF_STANDARD_STRINGS.get(sid) {
            Some(name) => Some((*name).to_owned()),
            None => strings
                .get(sid - CFF_STANDARD_STRINGS.len())
                .map(|s| String::from_utf8_lossy(s).into_owned()),
        }
    };
    let encoding_at = lookup(16).unwrap_or(0.0) as usize;
    let mut table: BuiltinEncoding = vec![None; 256];
    match encoding_at {
        0 => return Some(from_base(BaseEncoding::Standard)),
        // Expert encoding: small caps and old-style figures, no text worth mapping.
        1 => return None,
        _ => {}
    }
    let format = cff.u8(encoding_at)?;
    let mut at = encoding_at + 1;
    match format & 0x7F {
        0 => {
            let count = usize::from(cff.u8(at)?);
            for gid in 1..=count {
                let code = usize::from(cff.u8(at + gid)?);
                table[code] = name_of(gid);
            }
            at += 1 + count;
        }
        1 => {
            let ranges = usize::from(cff.u8(at)?);
            let mut gid = 1;
            for r in 0..ranges {
                let first = usize::from(cff.u8(at + 1 + r * 2)?);
                let left = usize::from(cff.u8(at + 2 + r * 2)?);
                for code in first..=first + left {
                    if let Some(slot) = table.get_mut(code) {
                        *slot = name_of(gid);
                    }
                    gid += 1;
                }
            }
            at += 1 + ranges * 2;
        }
        _ => return None,
    }
    if format & 0x80 != 0 {
        // Supplements: extra codes for glyphs by SID.
        let count = usize::from(cff.u8(at)?);
        for s in 0..count {
            let code = usize::from(cff.u8(at + 1 + s * 3)?);
            let sid = usize::from(cff.u16(at + 2 + s * 3)?);
            let name = match CFF_STANDARD_STRINGS.get(sid) {
                Some(name) => Some((*name).to_owned()),
                None => strings
                    .get(sid - CFF_STANDARD_STRINGS.len())
                    .map(|s| String::from_utf8_lossy(s).into_owned()),
            };
            table[code] = name;
        }
    }
    Some(table)
}

/// Glyph index → SID. Offset 0 is the ISOAdobe charset (SID = GID).
fn cff_charset(cff: &Cff, at: usize, glyph_count: usize) -> Option<Vec<u16>> {
    let mut sids = vec![0u16];
    match at {
        0 => return Some((0..glyph_count.min(229) as u16).collect()),
        1 | 2 => return None,
        _ => {}
    }
    let format = cff.u8(at)?;
    let mut pos = at + 1;
    while sids.len() < glyph_count {
        match format {
            0 => {
                sids.push(cff.u16(pos)?);
                pos += 2;
            }
            1 | 2 => {
                let first = cff.u16(pos)?;
                let left =
                    if format == 1 { u16::from(cff.u8(pos + 2)?) } else { cff.u16(pos + 2)? };
                pos += if format == 1 { 3 } else { 4 };
                for k in 0..=left {
                    if sids.len() >= glyph_count {
                        break;
                    }
                    sids.push(first.saturating_add(k));
                }
            }
            _ => return None,
        }
    }
    Some(sids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type1_dup_put_encoding() {
        let program = b"%!PS-AdobeFont-1.0: X\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
                        dup 65 /A put\ndup 230 /ae put\nreadonly def\ncurrentfile eexec\x00\x01";
        let table = type1_encoding(program).expect("encoding");
        assert_eq!(table[65].as_deref(), Some("A"));
        assert_eq!(table[230].as_deref(), Some("ae"));
        assert_eq!(table[66], None);
    }

    #[test]
    fn type1_standard_encoding() {
        let table = type1_encoding(b"/Encoding StandardEncoding def\neexec").expect("encoding");
        assert_eq!(table[0xF1].as_deref(), Some("ae"));
    }

    #[test]
    fn cff_standard_strings_are_complete() {
        assert_eq!(CFF_STANDARD_STRINGS.len(), 391);
        assert_eq!(CFF_STANDARD_STRINGS[1], "space");
        assert_eq!(CFF_STANDARD_STRINGS[390], "Semibold");
    }

    #[test]
    fn broken_cff_gives_none() {
        assert!(cff_encoding(b"").is_none());
        assert!(cff_encoding(&[1, 0, 4, 1, 0, 1, 1, 1]).is_none());
    }
}
