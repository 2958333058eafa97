//! A small element tree of an ESDH export, read with quick-xml under caps: elements with
//! their attributes, text and children. Custom entities are never expanded (no DTD is read);
//! a character reference XML 1.0 forbids (`&#xC;`, Word's page break in eDoc's FullText) is
//! kept as a form feed, which the readers turn into a page break.

use super::Limits;
use crate::error::IngestError;
use quick_xml::events::{BytesStart, Event};

/// Deepest nesting read; ESDH exports nest a few levels.
const MAX_DEPTH: usize = 256;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Element>,
}

impl Element {
    /// The value of an attribute.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The children with this name.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child with this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The trimmed text of the first child with this name, when not empty.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.trim()).filter(|t| !t.is_empty())
    }

    /// The first element at this path of child names.
    pub fn at(&self, path: &[&str]) -> Option<&Element> {
        path.iter().try_fold(self, |e, name| e.child(name))
    }
}

fn attributes(e: &BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .filter_map(Result::ok)
        .filter_map(|a| {
            let key = AsRef::<str>::as_ref(&a.key).to_owned();
            let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()?.into_owned();
            Some((key, value))
        })
        .collect()
}

fn invalid(e: impl std::fmt::Display) -> IngestError {
    IngestError::Structured(format!("invalid XML: {e}"))
}

/// The document's root element.
pub fn parse(xml: &str, limits: &Limits) -> Result<Element, IngestError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut text_bytes = 0usize;
    loop {
        let event = reader.read_event().map_err(invalid)?;
        match event {
            Event::Eof => break,
            Event::Start(ref e) => {
                if stack.len() > MAX_DEPTH {
                    return Err(IngestError::Limit(format!(
                        "max XML depth ({MAX_DEPTH}) exceeded"
                    )));
                }
                let name = AsRef::<str>::as_ref(&e.name()).to_owned();
                stack.push(Element { name, attributes: attributes(e), ..Element::default() });
            }
            Event::Empty(ref e) => {
                let name = AsRef::<str>::as_ref(&e.name()).to_owned();
                let element = Element { name, attributes: attributes(e), ..Element::default() };
                stack.last_mut().expect("the document element").children.push(element);
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(invalid("an end tag without its start"));
                }
                let done = stack.pop().expect("checked");
                stack.last_mut().expect("checked").children.push(done);
            }
            Event::Text(ref t) => {
                let text = t.xml10_content();
                text_bytes += text.len();
                stack.last_mut().expect("the document element").text.push_str(&text);
            }
            Event::CData(ref t) => {
                let text = AsRef::<str>::as_ref(t).to_owned();
                text_bytes += text.len();
                stack.last_mut().expect("the document element").text.push_str(&text);
            }
            Event::GeneralRef(ref r) => {
                let top = stack.last_mut().expect("the document element");
                match r.resolve_char_ref() {
                    Ok(Some(c)) => top.text.push(c),
                    // A control character XML 1.0 forbids: Word's page break.
                    Ok(None) | Err(_) if r.is_char_ref() => top.text.push('\u{C}'),
                    _ => {
                        let name = r.xml10_content();
                        if let Some(s) = quick_xml::escape::resolve_xml_entity(&name) {
                            top.text.push_str(s);
                        }
                    }
                }
            }
            _ => {}
        }
        if text_bytes > limits.max_text_bytes {
            return Err(IngestError::Limit(format!(
                "max_text_bytes ({}) exceeded by the export's text",
                limits.max_text_bytes
            )));
        }
    }
    if stack.len() != 1 {
        return Err(invalid("the document ends inside an element"));
    }
    let document = stack.pop().expect("checked");
    document.children.into_iter().next().ok_or_else(|| invalid("no root element"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_text_attributes_and_page_breaks() {
        let xml = r#"<?xml version="1.0"?><Meeting><Committee>Udvalg &amp; Co</Committee>
            <t name="x"/><FullText>a&#xC;b &#230;</FullText></Meeting>"#;
        let root = parse(xml, &Limits::default()).expect("xml");
        assert_eq!(root.name, "Meeting");
        assert_eq!(root.text_of("Committee"), Some("Udvalg & Co"));
        assert_eq!(root.child("t").and_then(|t| t.attribute("name")), Some("x"));
        assert_eq!(root.text_of("FullText"), Some("a\u{C}b æ"));
    }

    #[test]
    fn broken_deep_or_huge_xml_is_refused() {
        for xml in ["<a><b></a>", "<a>", "</a>", ""] {
            assert!(parse(xml, &Limits::default()).is_err(), "{xml}");
        }
        let deep = "<a>".repeat(MAX_DEPTH + 2);
        assert!(matches!(parse(&deep, &Limits::default()), Err(IngestError::Limit(_))));
        let limits = Limits { max_text_bytes: 10, ..Limits::default() };
        assert!(matches!(parse("<a>01234567890123</a>", &limits), Err(IngestError::Limit(_))));
        // Entities of a DTD are not expanded.
        let laughs = r#"<!DOCTYPE l [<!ENTITY a "aaaa">]><r>&a;&a;</r>"#;
        assert_eq!(parse(laughs, &Limits::default()).expect("xml").text, "");
    }
}
