//! Lenient accessors over lopdf objects: every lookup follows references and answers `None`
//! on anything missing or of the wrong type, so damaged files degrade instead of failing.

use lopdf::{Dictionary, Document, Object};

/// Follows references to the object itself.
pub fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    doc.dereference(obj).ok().map(|(_, o)| o)
}

/// The value under `key`, references followed.
pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key).ok()?)
}

pub fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    get(doc, dict, key)?.as_array().ok().map(Vec::as_slice)
}

pub fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    get(doc, dict, key)?.as_name().ok()
}

pub fn get_number(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    number(resolve(doc, dict.get(key).ok()?)?)
}

/// An integer or real as `f32`.
pub fn number(obj: &Object) -> Option<f32> {
    match obj {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// The decoded bytes of a stream object, bounded by `limit`.
pub fn stream_bytes(doc: &Document, obj: &Object, limit: usize) -> Option<Vec<u8>> {
    let stream = resolve(doc, obj)?.as_stream().ok()?;
    stream.get_plain_content_with_limit(limit).ok()
}

/// A dictionary entry looked up on the page and then up the /Parent chain (inherited
/// attributes: /Resources, /MediaBox).
pub fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    // The page tree is shallow; the bound protects against /Parent cycles.
    for _ in 0..64 {
        if let Some(value) = get(doc, node, key) {
            return Some(value);
        }
        node = get_dict(doc, node, b"Parent")?;
    }
    None
}

/// Reads `[a b c d e f]` into six numbers.
pub fn six_numbers(doc: &Document, obj: &Object) -> Option<[f32; 6]> {
    let arr = resolve(doc, obj)?.as_array().ok()?;
    let mut out = [0.0; 6];
    if arr.len() < 6 {
        return None;
    }
    for (slot, item) in out.iter_mut().zip(arr) {
        *slot = number(resolve(doc, item)?)?;
    }
    Some(out)
}
