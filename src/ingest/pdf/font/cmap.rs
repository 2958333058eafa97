//! CMap streams: /ToUnicode maps (bfchar, bfrange in offset and array form, UTF-16 with
//! surrogate pairs) and the code space and CID ranges of embedded /Encoding CMaps.
//!
//! Ranges are kept as ranges (never expanded), so a hostile `<0000> <FFFFFFFF>` costs nothing.

use super::super::lexer::{Lexer, Token};

/// One code space range: codes of `len` bytes between `lo` and `hi`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CodeSpace {
    pub len: u8,
    pub lo: u32,
    pub hi: u32,
}

#[derive(Debug, Clone, Copy)]
enum Target {
    /// UTF-16 units at `start..start+len` in the pool; the last unit grows with the code.
    Offset { start: u32, len: u16 },
    /// Entries `start..` in `array_entries`, one per code of the range.
    Array { start: u32 },
    /// CIDs counting up from `cid`.
    Cid { cid: u32 },
}

#[derive(Debug, Clone, Copy)]
struct Range {
    lo: u32,
    hi: u32,
    target: Target,
}

/// A parsed CMap: code spaces plus code → Unicode or code → CID ranges.
#[derive(Debug, Default, Clone)]
pub struct CMap {
    pub codespaces: Vec<CodeSpace>,
    unicode: Vec<Range>,
    cids: Vec<Range>,
    units: Vec<u16>,
    array_entries: Vec<(u32, u16)>,
}

/// Big-endian value of a code given as bytes (the last four bytes of longer strings).
fn code_value(bytes: &[u8]) -> u32 {
    let tail = &bytes[bytes.len().saturating_sub(4)..];
    tail.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b))
}

/// Operands collected before a CMap keyword, with strings resolved to byte ranges.
#[derive(Debug, Clone, Copy)]
enum Operand {
    Bytes(u32, u32),
    Number(f32),
    Name,
    ArrayStart,
    ArrayEnd,
}

impl CMap {
    /// Parses a CMap stream. Unknown keywords are ignored; it never fails.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::new(data);
        let mut scratch = Vec::new();
        let mut operands: Vec<Operand> = Vec::new();
        while let Some(token) = lexer.next_token(&mut scratch) {
            match token {
                Token::Str { start, end, .. } => operands.push(Operand::Bytes(start, end)),
                Token::Number(n) => operands.push(Operand::Number(n)),
                Token::Name(_) => operands.push(Operand::Name),
                Token::ArrayStart => operands.push(Operand::ArrayStart),
                Token::ArrayEnd => operands.push(Operand::ArrayEnd),
                Token::DictStart | Token::DictEnd => {}
                Token::Operator(op) => {
                    match op {
                        b"endcodespacerange" => cmap.add_codespaces(&operands, &scratch),
                        b"endbfchar" => cmap.add_bfchars(&operands, &scratch),
                        b"endbfrange" => cmap.add_bfranges(&operands, &scratch),
                        b"endcidrange" => cmap.add_cidranges(&operands, &scratch, true),
                        b"endcidchar" => cmap.add_cidranges(&operands, &scratch, false),
                        _ => {}
                    }
                    operands.clear();
                }
            }
            // Strings are only needed until the keyword that consumes them.
            if operands.is_empty() {
                scratch.clear();
            }
        }
        // Stable sort: of overlapping ranges, the one defined last is found first.
        cmap.unicode.sort_by_key(|r| r.lo);
        cmap.cids.sort_by_key(|r| r.lo);
        cmap
    }

    fn add_codespaces(&mut self, ops: &[Operand], scratch: &[u8]) {
        for pair in ops.chunks_exact(2) {
            if let [Operand::Bytes(a, b), Operand::Bytes(c, d)] = pair {
                let lo = &scratch[*a as usize..*b as usize];
                let hi = &scratch[*c as usize..*d as usize];
                let len = lo.len().clamp(1, 4) as u8;
                self.codespaces.push(CodeSpace { len, lo: code_value(lo), hi: code_value(hi) });
            }
        }
    }

    fn push_units(&mut self, bytes: &[u8]) -> (u32, u16) {
        let start = self.units.len() as u32;
        let units =
            bytes.chunks(2).map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)));
        self.units.extend(units);
        (start, (self.units.len() as u32 - start).min(u32::from(u16::MAX)) as u16)
    }

    fn add_bfchars(&mut self, ops: &[Operand], scratch: &[u8]) {
        for pair in ops.chunks_exact(2) {
            if let [Operand::Bytes(a, b), Operand::Bytes(c, d)] = pair {
                let code = code_value(&scratch[*a as usize..*b as usize]);
                let (start, len) = self.push_units(&scratch[*c as usize..*d as usize]);
                let target = Target::Offset { start, len };
                self.unicode.push(Range { lo: code, hi: code, target });
            }
        }
    }

    fn add_bfranges(&mut self, ops: &[Operand], scratch: &[u8]) {
        let mut i = 0;
        while i + 2 < ops.len() {
            let (Operand::Bytes(a, b), Operand::Bytes(c, d)) = (ops[i], ops[i + 1]) else {
                i += 1;
                continue;
            };
            let lo = code_value(&scratch[a as usize..b as usize]);
            let hi = code_value(&scratch[c as usize..d as usize]).max(lo);
            match ops[i + 2] {
                Operand::Bytes(e, f) => {
                    let (start, len) = self.push_units(&scratch[e as usize..f as usize]);
                    self.unicode.push(Range { lo, hi, target: Target::Offset { start, len } });
                    i += 3;
                }
                Operand::ArrayStart => {
                    let entries_start = self.array_entries.len() as u32;
                    i += 3;
                    while i < ops.len() {
                        match ops[i] {
                            Operand::Bytes(e, f) => {
                                let entry = self.push_units(&scratch[e as usize..f as usize]);
                                self.array_entries.push(entry);
                            }
                            Operand::ArrayEnd => break,
                            _ => {}
                        }
                        i += 1;
                    }
                    i += 1;
                    let count = self.array_entries.len() as u32 - entries_start;
                    if count > 0 {
                        let hi = hi.min(lo.saturating_add(count - 1));
                        let target = Target::Array { start: entries_start };
                        self.unicode.push(Range { lo, hi, target });
                    }
                }
                _ => i += 3,
            }
        }
    }

    fn add_cidranges(&mut self, ops: &[Operand], scratch: &[u8], ranges: bool) {
        let step = if ranges { 3 } else { 2 };
        for group in ops.chunks_exact(step) {
            let bytes = |op: &Operand| match op {
                Operand::Bytes(a, b) => Some(code_value(&scratch[*a as usize..*b as usize])),
                _ => None,
            };
            let Some(lo) = bytes(&group[0]) else { continue };
            let hi = if ranges { bytes(&group[1]).unwrap_or(lo).max(lo) } else { lo };
            if let Some(Operand::Number(cid)) = group.last() {
                let target = Target::Cid { cid: cid.max(0.0) as u32 };
                self.cids.push(Range { lo, hi, target });
            }
        }
    }

    /// The range holding `code`, searching back past ranges that start earlier but end
    /// before it.
    fn find(ranges: &[Range], code: u32) -> Option<&Range> {
        let end = ranges.partition_point(|r| r.lo <= code);
        ranges[..end].iter().rev().take(16).find(|r| r.hi >= code)
    }

    /// Whether the map has any code → Unicode entry.
    pub fn has_unicode(&self) -> bool {
        !self.unicode.is_empty()
    }

    /// Appends the Unicode text of `code`; `false` when the map has no entry for it.
    pub fn push_unicode(&self, code: u32, out: &mut String) -> bool {
        let Some(range) = Self::find(&self.unicode, code) else {
            return false;
        };
        let offset = code - range.lo;
        let (start, len, add) = match range.target {
            Target::Offset { start, len } => (start, len, offset),
            Target::Array { start } => {
                let Some(&(s, l)) = self.array_entries.get((start + offset) as usize) else {
                    return false;
                };
                (s, l, 0)
            }
            Target::Cid { .. } => return false,
        };
        let units = self.units.get(start as usize..(start as usize + usize::from(len)));
        let Some((last, head)) = units.and_then(|u| u.split_last()) else {
            return false;
        };
        // The offset is added to the last UTF-16 unit (PDF 32000-1 §9.10.3).
        let last = (u32::from(*last) + add) as u16;
        let before = out.len();
        let decoded = char::decode_utf16(head.iter().copied().chain(std::iter::once(last)));
        out.extend(decoded.map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
        out.len() > before
    }

    /// The CID of `code` from cidrange/cidchar entries.
    pub fn cid(&self, code: u32) -> Option<u32> {
        let range = Self::find(&self.cids, code)?;
        match range.target {
            Target::Cid { cid } => Some(cid + (code - range.lo)),
            _ => None,
        }
    }

    /// Splits the next code off `bytes` by the code space ranges: the shortest length whose
    /// range holds the leading bytes. Returns (code, length in bytes); `default_len` applies
    /// when no range matches.
    pub fn next_code(codespaces: &[CodeSpace], bytes: &[u8], default_len: usize) -> (u32, usize) {
        for len in 1..=4usize {
            if len > bytes.len() {
                break;
            }
            let value = code_value(&bytes[..len]);
            let fits = codespaces
                .iter()
                .any(|c| usize::from(c.len) == len && (c.lo..=c.hi).contains(&value));
            if fits {
                return (value, len);
            }
        }
        let len = default_len.clamp(1, 4).min(bytes.len()).max(1);
        (code_value(&bytes[..len.min(bytes.len())]), len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(cmap: &CMap, code: u32) -> Option<String> {
        let mut s = String::new();
        cmap.push_unicode(code, &mut s).then_some(s)
    }

    #[test]
    fn bfchar_and_bfrange() {
        let cmap = CMap::parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
              1 begincodespacerange <0000> <FFFF> endcodespacerange
              2 beginbfchar <0003> <0020> <0044> <00E6> endbfchar
              1 beginbfrange <0010> <0012> <0041> endbfrange
              endcmap",
        );
        assert_eq!(cmap.codespaces, [CodeSpace { len: 2, lo: 0, hi: 0xFFFF }]);
        assert_eq!(text(&cmap, 3).as_deref(), Some(" "));
        assert_eq!(text(&cmap, 0x44).as_deref(), Some("æ"));
        assert_eq!(text(&cmap, 0x12).as_deref(), Some("C"));
        assert_eq!(text(&cmap, 0x13), None);
    }

    #[test]
    fn bfrange_array_form_and_ligatures() {
        let cmap = CMap::parse(b"beginbfrange <01> <03> [<00E5> <00660069> <00F8>] endbfrange");
        assert_eq!(text(&cmap, 1).as_deref(), Some("å"));
        assert_eq!(text(&cmap, 2).as_deref(), Some("fi"));
        assert_eq!(text(&cmap, 3).as_deref(), Some("ø"));
        assert_eq!(text(&cmap, 4), None);
    }

    #[test]
    fn surrogate_pairs() {
        let cmap = CMap::parse(b"beginbfchar <0001> <D83DDE00> endbfchar");
        assert_eq!(text(&cmap, 1).as_deref(), Some("😀"));
    }

    #[test]
    fn code_spaces_of_mixed_lengths() {
        let cmap = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FFFF> endcodespacerange
              1 begincidrange <8140> <8142> 100 endcidrange
              1 begincidchar <41> 7 endcidchar",
        );
        assert_eq!(CMap::next_code(&cmap.codespaces, b"\x41\x81\x40", 2), (0x41, 1));
        assert_eq!(CMap::next_code(&cmap.codespaces, b"\x81\x41", 2), (0x8141, 2));
        assert_eq!(cmap.cid(0x8141), Some(101));
        assert_eq!(cmap.cid(0x41), Some(7));
    }

    #[test]
    fn huge_ranges_are_not_expanded() {
        let cmap = CMap::parse(b"beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(text(&cmap, 1).as_deref(), Some("B"));
    }

    #[test]
    fn garbage_does_not_panic() {
        for data in
            [&b"beginbfrange <01> endbfrange"[..], b"beginbfchar <> <> endbfchar", b"[[[", b"<"]
        {
            let cmap = CMap::parse(data);
            let _ = text(&cmap, 0);
            let _ = CMap::next_code(&cmap.codespaces, b"", 2);
        }
    }
}
