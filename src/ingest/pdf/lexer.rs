//! A fast tokenizer for content streams and CMaps, straight over the decoded bytes.
//!
//! It yields operands and operators without building a syntax tree: strings are decoded into
//! a caller-owned scratch buffer so that a page costs no allocation per glyph or per operator.

/// One token of a content stream. Strings point into the scratch buffer given to
/// [`Lexer::next_token`]; names and operators point into the stream itself.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Token<'a> {
    Number(f32),
    /// A literal or hex string: `start..end` in the scratch buffer.
    Str {
        start: u32,
        end: u32,
        hex: bool,
    },
    /// A name without its leading slash (`#xx` escapes are kept raw).
    Name(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    /// A bare keyword: an operator, `true`, `false`, `null` or a CMap keyword.
    Operator(&'a [u8]),
}

/// Walks a byte slice token by token.
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

/// Byte classes (PDF 32000-1 §7.2.2), looked up once per byte on the hot path.
const REGULAR: u8 = 0;
const WHITESPACE: u8 = 1;
const DELIMITER: u8 = 2;

static CLASS: [u8; 256] = {
    let mut table = [REGULAR; 256];
    let whitespace = b" \n\r\t\x0C\0";
    let mut i = 0;
    while i < whitespace.len() {
        table[whitespace[i] as usize] = WHITESPACE;
        i += 1;
    }
    let delimiters = b"()<>[]{}/%";
    let mut i = 0;
    while i < delimiters.len() {
        table[delimiters[i] as usize] = DELIMITER;
        i += 1;
    }
    table
};

fn is_whitespace(b: u8) -> bool {
    CLASS[usize::from(b)] == WHITESPACE
}

fn is_delimiter(b: u8) -> bool {
    CLASS[usize::from(b)] == DELIMITER
}

fn is_regular(b: u8) -> bool {
    CLASS[usize::from(b)] == REGULAR
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Parses a PDF number leniently (`-.5`, `4.`, `--3` as seen in the wild); `None` when the
/// bytes are not a number at all.
fn parse_number(bytes: &[u8]) -> Option<f32> {
    let mut i = 0;
    let mut negative = false;
    while i < bytes.len() && (bytes[i] == b'-' || bytes[i] == b'+') {
        negative ^= bytes[i] == b'-';
        i += 1;
    }
    let mut int_part: f64 = 0.0;
    let mut frac_part: f64 = 0.0;
    let mut scale: f64 = 1.0;
    let mut digits = 0;
    let mut seen_dot = false;
    for &b in &bytes[i..] {
        match b {
            b'0'..=b'9' if seen_dot => {
                scale *= 0.1;
                frac_part += f64::from(b - b'0') * scale;
                digits += 1;
            }
            b'0'..=b'9' => {
                int_part = int_part * 10.0 + f64::from(b - b'0');
                digits += 1;
            }
            b'.' if !seen_dot => seen_dot = true,
            // A stray sign inside a number ("5-") is ignored, as readers do.
            b'-' | b'+' => {}
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let value = (int_part + frac_part) as f32;
    Some(if negative { -value } else { value })
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    /// Skips whitespace and comments.
    fn skip_blank(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_whitespace(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end of the data. Strings are appended to `scratch`.
    pub fn next_token(&mut self, scratch: &mut Vec<u8>) -> Option<Token<'a>> {
        loop {
            self.skip_blank();
            let b = *self.data.get(self.pos)?;
            match b {
                b'(' => {
                    self.pos += 1;
                    return Some(self.literal_string(scratch));
                }
                b'<' => {
                    if self.data.get(self.pos + 1) == Some(&b'<') {
                        self.pos += 2;
                        return Some(Token::DictStart);
                    }
                    self.pos += 1;
                    return Some(self.hex_string(scratch));
                }
                b'>' => {
                    self.pos += 1;
                    if self.data.get(self.pos) == Some(&b'>') {
                        self.pos += 1;
                        return Some(Token::DictEnd);
                    }
                    // A stray '>' carries nothing; skip it.
                }
                b'[' => {
                    self.pos += 1;
                    return Some(Token::ArrayStart);
                }
                b']' => {
                    self.pos += 1;
                    return Some(Token::ArrayEnd);
                }
                b'/' => {
                    self.pos += 1;
                    let start = self.pos;
                    self.skip_regular();
                    return Some(Token::Name(&self.data[start..self.pos]));
                }
                // Braces only occur in PostScript calculator functions; skip them.
                b'{' | b'}' | b')' => self.pos += 1,
                _ => {
                    let start = self.pos;
                    self.skip_regular();
                    let word = &self.data[start..self.pos];
                    let first = word.first().copied().unwrap_or(b'a');
                    if (first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.'))
                        && let Some(n) = parse_number(word)
                    {
                        return Some(Token::Number(n));
                    }
                    return Some(Token::Operator(word));
                }
            }
        }
    }

    fn skip_regular(&mut self) {
        let rest = &self.data[self.pos..];
        self.pos += rest.iter().position(|&b| !is_regular(b)).unwrap_or(rest.len());
    }

    /// Reads a literal string after its opening parenthesis (PDF 32000-1 §7.3.4.2).
    fn literal_string(&mut self, scratch: &mut Vec<u8>) -> Token<'a> {
        let start = scratch.len();
        let mut depth = 1usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    scratch.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    scratch.push(b);
                }
                b'\\' => self.string_escape(scratch),
                _ => scratch.push(b),
            }
        }
        Token::Str { start: start as u32, end: scratch.len() as u32, hex: false }
    }

    fn string_escape(&mut self, scratch: &mut Vec<u8>) {
        let Some(&e) = self.data.get(self.pos) else {
            return;
        };
        self.pos += 1;
        match e {
            b'n' => scratch.push(b'\n'),
            b'r' => scratch.push(b'\r'),
            b't' => scratch.push(b'\t'),
            b'b' => scratch.push(8),
            b'f' => scratch.push(12),
            b'0'..=b'7' => {
                let mut value = u32::from(e - b'0');
                for _ in 0..2 {
                    match self.data.get(self.pos) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                scratch.push((value & 0xFF) as u8);
            }
            // A backslash before an end of line continues the string on the next line.
            b'\r' => {
                if self.data.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            other => scratch.push(other),
        }
    }

    /// Reads a hex string after its `<`; an odd final digit counts as followed by 0.
    fn hex_string(&mut self, scratch: &mut Vec<u8>) -> Token<'a> {
        let start = scratch.len();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(v) = hex_value(b) {
                match high.take() {
                    Some(h) => scratch.push(h << 4 | v),
                    None => high = Some(v),
                }
            }
        }
        if let Some(h) = high {
            scratch.push(h << 4);
        }
        Token::Str { start: start as u32, end: scratch.len() as u32, hex: true }
    }

    /// Skips inline image data after `BI`: past the `ID` keyword and the binary data up to the
    /// `EI` that stands alone between whitespace (PDF 32000-1 §8.9.7).
    pub fn skip_inline_image(&mut self) {
        let mut scratch = Vec::new();
        while let Some(token) = self.next_token(&mut scratch) {
            if token == Token::Operator(b"ID") {
                break;
            }
            scratch.clear();
        }
        // One whitespace byte follows ID before the data.
        self.pos += 1;
        let data = self.data;
        let mut i = self.pos;
        while i + 1 < data.len() {
            if data[i] == b'E'
                && data[i + 1] == b'I'
                && i > 0
                && is_whitespace(data[i - 1])
                && data.get(i + 2).is_none_or(|&b| is_whitespace(b) || is_delimiter(b))
            {
                self.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.pos = data.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(data: &[u8]) -> (Vec<String>, Vec<u8>) {
        let mut lexer = Lexer::new(data);
        let mut scratch = Vec::new();
        let mut out = Vec::new();
        while let Some(t) = lexer.next_token(&mut scratch) {
            out.push(match t {
                Token::Number(n) => format!("n{n}"),
                Token::Str { start, end, hex } => format!(
                    "{}{:?}",
                    if hex { "h" } else { "s" },
                    &scratch[start as usize..end as usize]
                ),
                Token::Name(n) => format!("/{}", String::from_utf8_lossy(n)),
                Token::ArrayStart => "[".into(),
                Token::ArrayEnd => "]".into(),
                Token::DictStart => "<<".into(),
                Token::DictEnd => ">>".into(),
                Token::Operator(o) => String::from_utf8_lossy(o).into_owned(),
            });
        }
        (out, scratch)
    }

    #[test]
    fn numbers_names_and_operators() {
        let (t, _) = tokens(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm ET");
        assert_eq!(
            t,
            ["BT", "/F1", "n12", "Tf", "n1", "n0", "n0", "n1", "n72.5", "n-0.5", "Tm", "ET"]
        );
    }

    #[test]
    fn literal_string_escapes_and_nesting() {
        let (t, _) = tokens(b"(a\\(b\\) (c) \\101\\n\\\nd)Tj");
        assert_eq!(t, [format!("s{:?}", b"a(b) (c) A\nd"), "Tj".to_string()]);
    }

    #[test]
    fn hex_strings_and_tj_arrays() {
        let (t, _) = tokens(b"[<00 41><4>-333.3(x)]TJ");
        assert_eq!(t, ["[", "h[0, 65]", "h[64]", "n-333.3", "s[120]", "]", "TJ"]);
    }

    #[test]
    fn comments_and_dicts() {
        let (t, _) = tokens(b"% note\n/P <</MCID 0>> BDC EMC");
        assert_eq!(t, ["/P", "<<", "/MCID", "n0", ">>", "BDC", "EMC"]);
    }

    #[test]
    fn inline_image_is_skipped() {
        let mut lexer = Lexer::new(b"BI /W 2 /H 1 ID \x00EI\xffx EI Q");
        let mut scratch = Vec::new();
        assert_eq!(lexer.next_token(&mut scratch), Some(Token::Operator(b"BI")));
        lexer.skip_inline_image();
        assert_eq!(lexer.next_token(&mut scratch), Some(Token::Operator(b"Q")));
    }

    #[test]
    fn truncated_input_does_not_panic() {
        for data in [&b"(abc"[..], b"<41", b"/", b"\\", b"(\\", b"BI ID", b"[-"] {
            let _ = tokens(data);
            let mut lexer = Lexer::new(data);
            lexer.skip_inline_image();
        }
    }
}
