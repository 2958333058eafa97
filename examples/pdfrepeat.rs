//! Writes a long PDF by repeating the pages of a short one (benchmark input): each new page
//! is a copy of a source page with its own copy of the content streams; fonts stay shared,
//! as in a real long document.

use lopdf::{Document, Object, ObjectId};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output, pages] = args.as_slice() else {
        return Err("usage: pdfrepeat IN.pdf OUT.pdf PAGES".into());
    };
    let pages: usize = pages.parse()?;
    let mut doc = Document::load(input)?;
    let sources: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if sources.is_empty() {
        return Err("input has no pages".into());
    }
    let root = doc.catalog()?.get(b"Pages")?.as_reference()?;
    let mut kids = Vec::with_capacity(pages);
    for i in 0..pages {
        let source = sources[i % sources.len()];
        let mut page = doc.get_dictionary(source)?.clone();
        for key in [&b"Resources"[..], b"MediaBox"] {
            if !page.has(key)
                && let Some(value) = inherited(&doc, source, key)
            {
                page.set(key, value);
            }
        }
        let contents = match page.get(b"Contents") {
            Ok(Object::Reference(id)) => vec![*id],
            Ok(Object::Array(items)) => {
                items.iter().filter_map(|o| o.as_reference().ok()).collect()
            }
            _ => Vec::new(),
        };
        let mut copies = Vec::new();
        for id in contents {
            let stream = doc.get_object(id)?.clone();
            copies.push(Object::Reference(doc.add_object(stream)));
        }
        page.set("Contents", copies);
        page.set("Parent", root);
        kids.push(Object::Reference(doc.add_object(page)));
    }
    let tree = doc.get_dictionary_mut(root)?;
    tree.set("Kids", kids);
    tree.set("Count", pages as i64);
    doc.save(output)?;
    Ok(())
}

/// An attribute the page inherits from its ancestors in the page tree.
fn inherited(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        node = doc.get_dictionary(parent).ok()?;
        if let Ok(value) = node.get(key) {
            return Some(value.clone());
        }
    }
    None
}
