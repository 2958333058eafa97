//! Input paths as text, losslessly: the name used in every output and every message.
//!
//! A path that is valid UTF-8 without backslashes or control characters is itself. Otherwise
//! `\` is written `\\`, a control character `\u{1b}`, and a byte that is not UTF-8 `\xff`, so
//! two different names never become one (the lossy form would merge them and collide in the
//! SQLite key) and no name can put an escape sequence on a terminal or a raw NUL in a CSV cell.
//!
//! Accepted → shown: `møde.pdf` → `møde.pdf`; `a\b` → `a\\b`; `x<ESC>[2J` → `x\u{1b}[2J`;
//! the bytes `m\xf8de` (Latin-1 ø) → `m\xf8de`. [`to_path`] reverses the escaping.

use std::path::{Path, PathBuf};

/// The lossless text name of a path.
pub fn display(path: &Path) -> String {
    let bytes = path_bytes(path);
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
                c => out.push(c),
            }
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    out
}

/// The path a [`display`] name stands for.
pub fn to_path(shown: &str) -> PathBuf {
    let mut bytes = Vec::with_capacity(shown.len());
    let mut rest = shown;
    while let Some(at) = rest.find('\\') {
        bytes.extend_from_slice(&rest.as_bytes()[..at]);
        let tail = &rest[at + 1..];
        let (decoded, used) = unescape(tail);
        bytes.extend_from_slice(&decoded);
        rest = &tail[used..];
    }
    bytes.extend_from_slice(rest.as_bytes());
    path_from_bytes(bytes)
}

/// One escape after a backslash: its bytes and how much of `tail` it used.
fn unescape(tail: &str) -> (Vec<u8>, usize) {
    if let Some(hex) = tail.strip_prefix('x').and_then(|t| t.get(..2))
        && let Ok(byte) = u8::from_str_radix(hex, 16)
    {
        return (vec![byte], 3);
    }
    if let Some(body) = tail.strip_prefix("u{")
        && let Some(end) = body.find('}')
        && let Some(c) = u32::from_str_radix(&body[..end], 16).ok().and_then(char::from_u32)
    {
        return (c.to_string().into_bytes(), end + 3);
    }
    if tail.starts_with('\\') {
        return (vec![b'\\'], 1);
    }
    (vec![b'\\'], 0)
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes()
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

// Elsewhere names are (WTF-16) text; the lossy form is the best there is.
#[cfg(not(unix))]
fn path_bytes(path: &Path) -> &[u8] {
    path.to_str().map(str::as_bytes).unwrap_or(b"?")
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    fn raw(bytes: &[u8]) -> PathBuf {
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }

    #[test]
    fn plain_names_are_themselves() {
        assert_eq!(display(Path::new("dump/møde 2024.pdf")), "dump/møde 2024.pdf");
    }

    #[test]
    fn escapes_are_lossless_and_distinct() {
        let names: Vec<PathBuf> = vec![
            raw(b"m\xf8de.txt"),
            raw(b"m\xc3\xb8de.txt"),
            raw(b"m\\xf8de.txt"),
            raw(b"a\\b"),
            raw(b"x\x1b[2J\x00.txt"),
            raw(b"tab\there"),
            raw(b"\\"),
            raw(b"end\\"),
        ];
        let shown: Vec<String> = names.iter().map(|p| display(p)).collect();
        for (name, text) in names.iter().zip(&shown) {
            assert_eq!(&to_path(text), name, "{text}");
            assert!(!text.chars().any(char::is_control), "{text:?}");
        }
        let mut unique = shown.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), shown.len(), "{shown:?}");
        assert_eq!(shown[0], "m\\xf8de.txt");
        assert_eq!(shown[4], "x\\u{1b}[2J\\u{0}.txt");
    }
}
