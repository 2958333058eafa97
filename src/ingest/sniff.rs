//! Decides a file's kind from its first bytes, never from its name.

/// What a file's content looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Text,
    /// A zip archive holding a Word or OpenDocument text.
    Office(super::office::Office),
    /// A web page.
    Html,
    /// An image, with the file extension Tesseract knows it by.
    Image(&'static str),
    Other(&'static str),
}

/// Image formats read by OCR.
const IMAGE_MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "png"),
    (b"\xFF\xD8\xFF", "jpg"),
    (b"II*\x00", "tif"),
    (b"MM\x00*", "tif"),
    (b"GIF8", "gif"),
    (b"P4", "pbm"),
    (b"P5", "pgm"),
    (b"P6", "ppm"),
];

/// Magic numbers of formats we recognise but do not read as minutes.
const OTHER_MAGIC: &[(&[u8], &str)] = &[
    (b"PK\x03\x04", "ZIP archive (not a Word or OpenDocument text)"),
    (b"\xD0\xCF\x11\xE0", "OLE2 document (doc/xls?)"),
    (b"\x1F\x8B", "gzip archive"),
    (b"\x7FELF", "ELF executable"),
];

/// Sniffs the kind of `bytes`.
pub fn sniff(bytes: &[u8]) -> Kind {
    // "%PDF-" may follow some junk (PDF 32000 tolerates up to 1024 bytes before it).
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Kind::Pdf;
    }
    if let Some((_, extension)) = IMAGE_MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Kind::Image(extension);
    }
    if bytes.starts_with(b"PK\x03\x04")
        && let Some(office) = super::office::office_kind(bytes)
    {
        return Kind::Office(office);
    }
    if let Some((_, what)) = OTHER_MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Kind::Other(what);
    }
    if !looks_like_text(bytes) {
        return Kind::Other("binary data");
    }
    if looks_like_html(bytes) { Kind::Html } else { Kind::Text }
}

/// A document that opens as HTML: `<!DOCTYPE html`, `<html` or `<head`/`<body` first (after a
/// BOM, whitespace and comments), in any case. Text minutes that merely mention a tag are text.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let mut rest = head.trim_ascii_start();
    while let Some(comment) = rest.strip_prefix(b"<!--") {
        let Some(end) = comment.windows(3).position(|w| w == b"-->") else { return false };
        rest = comment[end + 3..].trim_ascii_start();
    }
    if rest.starts_with(b"<?xml") {
        // XHTML: the root element after the declaration.
        let Some(end) = rest.windows(2).position(|w| w == b"?>") else { return false };
        rest = rest[end + 2..].trim_ascii_start();
    }
    let lower: Vec<u8> = rest.iter().take(16).map(u8::to_ascii_lowercase).collect();
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body"].iter().any(|tag| lower.starts_with(tag))
}

/// True when the bytes are plausibly text: UTF-16 with a BOM, or few control bytes.
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.is_empty() {
        return true;
    }
    let control =
        sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    control * 100 <= sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_by_magic_even_after_junk() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Kind::Pdf);
        assert_eq!(sniff(b"\r\n\r\n%PDF-1.4"), Kind::Pdf);
    }

    #[test]
    fn text_and_binary() {
        assert_eq!(sniff("Referat\nDeltagere\n".as_bytes()), Kind::Text);
        assert_eq!(sniff(b"\xFF\xFEa\x00"), Kind::Text);
        assert_eq!(sniff(&[0u8, 1, 2, 3, 4, 5, 0, 0, 9, 1]), Kind::Other("binary data"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n"), Kind::Image("png"));
        assert_eq!(
            sniff(b"PK\x03\x04"),
            Kind::Other("ZIP archive (not a Word or OpenDocument text)")
        );
    }
}
