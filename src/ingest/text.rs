//! Plain-text minutes: encoding detection and page splitting.
//!
//! Accepted forms:
//! - UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or NUL-byte pattern), otherwise
//!   Windows-1252 (the encoding of older Danish Word/ESDH exports).
//! - Pages separated by form feed (`\x0C`, as `pdftotext` writes them).
//! - "Double-spaced" PDF text dumps, where every line is followed by an empty line and a line
//!   that follows the previous one directly and starts with a space begins a new page.

use super::{RawDocument, RawLine, RawPage};
use crate::error::IngestError;

/// Decodes `bytes` and splits them into pages of lines.
pub fn read_text(bytes: &[u8]) -> Result<RawDocument, IngestError> {
    let (text, damaged) = decode_lossy(bytes);
    let mut warnings = Vec::new();
    if damaged {
        // Kept rather than dropped: the rest of the text is still the archive's record.
        warnings.push(crate::model::Warning::document(
            "I-ENC",
            "invalid byte sequences in the text were replaced by U+FFFD",
        ));
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let pages = if text.contains('\x0C') {
        split_form_feed(&text)
    } else if is_double_spaced(&text) {
        split_double_spaced(&text)
    } else {
        vec![lines_of(&text)]
    };
    Ok(RawDocument { pages, warnings })
}

/// Decodes text bytes, detecting the encoding from the content; an invalid sequence in a text
/// with a byte-order mark is an error.
pub fn decode(bytes: &[u8]) -> Result<String, IngestError> {
    match decode_lossy(bytes) {
        (text, false) => Ok(text),
        (_, true) => Err(IngestError::Encoding),
    }
}

/// Decodes text bytes, detecting the encoding from the content; the flag is true when invalid
/// sequences were replaced.
pub fn decode_lossy(bytes: &[u8]) -> (String, bool) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), had_errors);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors {
            return (text.into_owned(), false);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), false),
        Err(_) => {
            // Windows-1252 maps every byte, so decoding cannot fail; the WHATWG
            // "windows-1252" label is what Danish exports mean by Latin-1 too.
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), false)
        }
    }
}

/// UTF-16 without a BOM shows as NUL in every other byte of ASCII-heavy text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn lines_of(page: &str) -> RawPage {
    let mut lines: Vec<RawLine> = page.split('\n').map(|l| RawLine::plain(l.trim_end())).collect();
    while lines.last().is_some_and(|l| l.text.is_empty()) {
        lines.pop();
    }
    RawPage { lines, height: None }
}

fn split_form_feed(text: &str) -> Vec<RawPage> {
    let mut pages: Vec<RawPage> = text.split('\x0C').map(lines_of).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.len() > 1 && pages.last().is_some_and(|p| p.lines.is_empty()) {
        pages.pop();
    }
    pages
}

/// True when most non-empty lines are followed by an empty line.
fn is_double_spaced(text: &str) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut content = 0usize;
    let mut followed_by_empty = 0usize;
    for pair in lines.windows(2) {
        if !pair[0].trim().is_empty() {
            content += 1;
            if pair[1].is_empty() {
                followed_by_empty += 1;
            }
        }
    }
    content >= 4 && followed_by_empty * 10 >= content * 7
}

/// Undoes a double-spaced dump: drops the artificial empty lines, keeps whitespace-only
/// lines as paragraph breaks, and starts a page at a directly-following line that starts
/// with a space.
fn split_double_spaced(text: &str) -> Vec<RawPage> {
    let mut pages = vec![RawPage::default()];
    let mut previous_was_content = false;
    for raw in text.split('\n') {
        if raw.is_empty() {
            previous_was_content = false;
            continue;
        }
        let starts_page = previous_was_content && raw.starts_with(' ') && !raw.trim().is_empty();
        if starts_page {
            pages.push(RawPage::default());
        }
        if let Some(page) = pages.last_mut() {
            page.lines.push(RawLine::plain(raw.trim_end()));
        }
        previous_was_content = true;
    }
    for page in &mut pages {
        while page.lines.last().is_some_and(|l| l.text.is_empty()) {
            page.lines.pop();
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &RawPage) -> Vec<&str> {
        page.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn windows_1252_is_decoded() {
        let bytes = b"M\xf8de i Byr\xe5det \x96 \xc6ldre";
        assert_eq!(decode(bytes).unwrap(), "Møde i Byrådet – Ældre");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Møde".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap(), "Møde");
        let be: Vec<u8> = "Referat".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be).unwrap(), "Referat");
    }

    #[test]
    fn form_feed_pages() {
        let doc = read_text(b"a\nb\x0Cc\n\x0C").unwrap();
        assert_eq!(doc.pages.len(), 2);
        assert_eq!(texts(&doc.pages[1]), ["c"]);
    }

    #[test]
    fn double_spaced_dump_pages_and_blanks() {
        let dump =
            "Mission \n\nKL bidrager \n\n \n\nVision \n\nslut. \n Deltagere \n\nA, B \n\nC \n";
        let doc = read_text(dump.as_bytes()).unwrap();
        assert_eq!(doc.pages.len(), 2);
        assert_eq!(texts(&doc.pages[0]), ["Mission", "KL bidrager", "", "Vision", "slut."]);
        assert_eq!(texts(&doc.pages[1]), [" Deltagere", "A, B", "C"]);
    }

    #[test]
    fn ordinary_text_is_one_page() {
        let doc = read_text("Referat\n\nDeltagere\nA\nB\n".as_bytes()).unwrap();
        assert_eq!(doc.pages.len(), 1);
        assert_eq!(texts(&doc.pages[0]), ["Referat", "", "Deltagere", "A", "B"]);
    }
}
