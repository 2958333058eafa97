//! Decides a file's kind from its first bytes, never from its name.

/// What a file's content looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Text,
    Other(&'static str),
}

/// Magic numbers of formats we recognise but do not read as minutes.
const OTHER_MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (docx/odt?)"),
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
    if let Some((_, what)) = OTHER_MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        return Kind::Other(what);
    }
    if looks_like_text(bytes) {
        Kind::Text
    } else {
        Kind::Other("binary data")
    }
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
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
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
        assert_eq!(
            sniff(&[0u8, 1, 2, 3, 4, 5, 0, 0, 9, 1]),
            Kind::Other("binary data")
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n"), Kind::Other("PNG image"));
    }
}
