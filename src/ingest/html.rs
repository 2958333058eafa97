//! Saved web pages (municipal sites, FirstAgenda publications): parsed by html5ever (through
//! `scraper`) as a browser parses them, and read into lines as the page shows them.
//!
//! Accepted structure:
//! - block elements (`p`, `div`, `li`, `h1`–`h6`, `tr`, `dt`, `dd`, `section`, …) and `br` end
//!   a line; a paragraph and a heading (`h1`–`h4`) stand between blank lines;
//! - a table row of several cells is one line with the cells separated by a tab (a column gap
//!   after normalisation); a row of one cell gives its lines;
//! - whitespace is collapsed as a browser does, except inside `pre`.
//!
//! Rejected (not text of the minutes): `script`, `style`, `noscript`, `template`, `head`,
//! `nav`, `iframe`, `svg`, hidden elements (`hidden`, `aria-hidden="true"`, `display:none`)
//! and page furniture named as such in `id` or `class` (cookie and consent banners,
//! navigation, menus, breadcrumbs, skip links).
//!
//! The tree is walked iteratively, so deep nesting costs memory, not stack.

use super::{RawDocument, RawLine, RawPage};
use crate::error::IngestError;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements a page may nest (browsers give up far earlier for rendering; html5ever's tree
/// building slows quadratically with depth).
pub const MAX_HTML_DEPTH: usize = 2_000;

/// Reads a web page's text into one page of lines.
pub fn read_html(text: &str) -> Result<RawDocument, IngestError> {
    let depth = nesting_estimate(text);
    if depth > MAX_HTML_DEPTH {
        return Err(IngestError::Limit(format!(
            "max_html_depth ({MAX_HTML_DEPTH}) exceeded: elements nest {depth} deep"
        )));
    }
    let document = Html::parse_document(text);
    let mut b = Builder::default();
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if b.skip > 0 || is_furniture(e) && !is_heading_button(node) {
                        b.skip += 1;
                        continue;
                    }
                    b.open(name);
                }
                Node::Text(t) if b.skip == 0 => b.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if b.skip > 0 {
                        b.skip -= 1;
                        continue;
                    }
                    b.close(e.name());
                }
            }
        }
    }
    Ok(RawDocument {
        pages: vec![RawPage { lines: b.finish(), height: None }],
        warnings: Vec::new(),
    })
}

/// Elements a page may leave open without nesting deeper (void elements and those closed by
/// their next sibling).
const UNNESTED: &[&str] = &[
    "br", "img", "meta", "link", "input", "hr", "col", "area", "base", "wbr", "source", "track",
    "param", "embed", "p", "li", "td", "th", "tr", "option", "dt", "dd", "!doctype",
];

/// How deep the page's elements nest, counted on the markup (an upper bound of what the parser
/// would build): open tags minus close tags, ignoring self-closing and void elements.
fn nesting_estimate(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for tag in text.split('<').skip(1) {
        let close = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        let self_closing = tag.split('>').next().is_some_and(|t| t.ends_with('/'));
        if name.is_empty() || self_closing || UNNESTED.contains(&name.as_str()) {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "iframe", "svg", "button", "select",
    "dialog", "form",
];

const FURNITURE_WORDS: &[&str] = &[
    "cookie",
    "consent",
    "navigation",
    "navbar",
    "menu",
    "breadcrumb",
    "skip-link",
    "skiplink",
    "modal",
    "share",
];

/// A button that holds a heading: a collapsible item's title (FirstAgenda's
/// `<button class="overskrift-btn"><h2>Title</h2></button>`), not a control.
fn is_heading_button(node: ego_tree::NodeRef<'_, Node>) -> bool {
    let is = |n: &ego_tree::NodeRef<'_, Node>, names: &[&str]| matches!(n.value(), Node::Element(e) if names.contains(&e.name()));
    is(&node, &["button"]) && node.descendants().any(|d| is(&d, HEADINGS))
}

/// Whether an element's subtree is not part of the minutes.
fn is_furniture(e: &scraper::node::Element) -> bool {
    if SKIPPED.contains(&e.name()) || e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden") == Some("true") || e.attr("role") == Some("dialog") {
        return true;
    }
    if e.attr("style").is_some_and(|s| s.replace(' ', "").to_lowercase().contains("display:none")) {
        return true;
    }
    let named = |value: Option<&str>| {
        value.is_some_and(|v| {
            let v = v.to_lowercase();
            FURNITURE_WORDS.iter().any(|w| v.contains(w))
        })
    };
    named(e.attr("id")) || named(e.attr("class"))
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "blockquote",
    "pre",
    "form",
    "address",
    "figure",
    "figcaption",
    "hr",
    "h5",
    "h6",
    "caption",
    "fieldset",
    "body",
    "center",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4"];

#[derive(Default)]
struct Builder {
    lines: Vec<RawLine>,
    line: String,
    rows: super::table::Rows,
    pre: usize,
    skip: usize,
    /// Inside a heading element: whether it has had text yet.
    heading_text: Option<bool>,
}

impl Builder {
    fn open(&mut self, name: &str) {
        match name {
            "br" => self.end_line(),
            "tr" => {
                self.end_line();
                self.rows.open_row();
            }
            "td" | "th" => {
                self.end_line();
                self.rows.open_cell();
            }
            "pre" => {
                self.end_line();
                self.pre += 1;
            }
            n if HEADINGS.contains(&n) => {
                self.end_line();
                self.blank();
                self.heading_text = Some(false);
            }
            n if BLOCKS.contains(&n) => self.end_line(),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "tr" => {
                self.end_line();
                self.end_row();
            }
            "td" | "th" => {
                self.end_line();
                self.rows.close_cell();
            }
            "pre" => {
                self.end_line();
                self.pre = self.pre.saturating_sub(1);
            }
            "p" => {
                self.end_line();
                self.blank();
            }
            n if HEADINGS.contains(&n) => {
                self.end_line();
                if self.heading_text.take() == Some(false) {
                    self.section_break();
                }
                self.blank();
            }
            n if BLOCKS.contains(&n) => self.end_line(),
            _ => {}
        }
    }

    /// An empty heading element ends the section before it (FirstAgenda writes
    /// `<h3>Beslutninger</h3>…<h3></h3>` before the case summary).
    fn section_break(&mut self) {
        if !self.rows.add_break() {
            self.lines.push(RawLine::section_break());
        }
    }

    fn text(&mut self, text: &str) {
        if !text.trim().is_empty() && self.heading_text.is_some() {
            self.heading_text = Some(true);
        }
        if self.pre > 0 {
            for (i, part) in text.split('\n').enumerate() {
                if i > 0 {
                    self.end_line();
                }
                self.line.push_str(part);
            }
            return;
        }
        for (i, word) in text.split(|c: char| c.is_whitespace() && c != '\u{A0}').enumerate() {
            let joins = i > 0 && !self.line.ends_with(' ');
            if joins {
                self.line.push(' ');
            }
            self.line.push_str(word);
        }
    }

    fn blank(&mut self) {
        if self.rows.in_cell() {
            return;
        }
        if self.lines.last().is_some_and(|l| !l.text.is_empty()) {
            self.lines.push(RawLine::plain(""));
        }
    }

    fn end_line(&mut self) {
        let text = std::mem::take(&mut self.line);
        if let Some(text) = self.rows.add_line(&text).filter(|t| !t.is_empty()) {
            self.lines.push(RawLine::plain(text));
        }
    }

    fn end_row(&mut self) {
        let lines = self.rows.close_row();
        self.lines.extend(lines);
    }

    fn finish(mut self) -> Vec<RawLine> {
        self.end_line();
        while self.lines.last().is_some_and(|l| l.text.is_empty()) {
            self.lines.pop();
        }
        self.lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Role;

    fn lines(html: &str) -> Vec<String> {
        read_html(html).expect("html").pages[0].lines.iter().map(|l| l.text.clone()).collect()
    }

    #[test]
    fn blocks_headings_tables_and_whitespace() {
        let html = "<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>
            <div id=\"cookie-banner\">Vi bruger cookies</div><nav><a>Forside</a></nav>
            <h1>Referat</h1><p>Mødedato:\n  12. marts 2024<br>Sted: Rådhuset</p>
            <table><tr><td>Anne Hansen</td><td>(A)</td></tr><tr><td><p>En</p><p>celle</p></td></tr></table>
            <ul><li>Punkt <b>1</b></li><li hidden>skjult</li></ul><script>var x = 1;</script>
            <pre>a  b\nc</pre></body></html>";
        assert_eq!(
            lines(html),
            [
                "Referat",
                "",
                "Mødedato: 12. marts 2024",
                "Sted: Rådhuset",
                "",
                "Anne Hansen\t(A)",
                "En",
                "celle",
                "Punkt 1",
                "a  b",
                "c"
            ]
        );
    }

    #[test]
    fn an_empty_heading_is_a_section_break_in_a_cell_too() {
        let html = "<h3>Beslutninger</h3><p>Godkendt.</p><h3></h3><p>Resumé uden overskrift.</p>
            <table><tr><td>1</td><td><h3>Beslutninger</h3><div>Godkendt.</div><h3> </h3><div>Sagen kort.</div></td></tr></table>";
        let doc = read_html(html).unwrap();
        let roles: Vec<(&str, Role)> =
            doc.pages[0].lines.iter().map(|l| (l.text.as_str(), l.role)).collect();
        assert_eq!(
            roles,
            [
                ("Beslutninger", Role::Unknown),
                ("", Role::Unknown),
                ("Godkendt.", Role::Unknown),
                ("", Role::Unknown),
                ("", Role::SectionBreak),
                ("Resumé uden overskrift.", Role::Unknown),
                ("", Role::Unknown),
                ("1\tBeslutninger", Role::Unknown),
                ("\tGodkendt.", Role::Unknown),
                ("", Role::SectionBreak),
                ("\tSagen kort.", Role::Unknown),
            ]
        );
    }

    #[test]
    fn a_button_holding_a_heading_is_a_title_other_buttons_are_controls() {
        let html = "<body><button class=\"overskrift-btn\"><h2>Referat fra sidste møde</h2></button>\
            <p>Tekst</p><button>Hent hele referatet</button><input type=\"button\" value=\"Print\"></body>";
        assert_eq!(lines(html), ["Referat fra sidste møde", "", "Tekst"]);
    }

    #[test]
    fn nesting_is_walked_without_recursion_and_capped() {
        let depth = 800;
        let html = format!(
            "<html><body>{}tekst{}</body></html>",
            "<div><span>".repeat(depth / 2),
            "</span></div>".repeat(depth / 2)
        );
        assert_eq!(lines(&html), ["tekst"]);
        let hostile = format!("<html><body>{}tekst</body></html>", "<div><span>".repeat(50_000));
        let err = read_html(&hostile).expect_err("too deep");
        assert!(err.to_string().contains("max_html_depth"), "{err}");
        // Unclosed paragraphs and line breaks do not nest.
        let sloppy = format!("<html><body>{}</body></html>", "<p>linje<br>".repeat(10_000));
        assert!(read_html(&sloppy).is_ok());
    }
}
