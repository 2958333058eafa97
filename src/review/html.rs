//! Writing HTML by hand. Documents are untrusted input: every piece of their text goes in
//! through [`Html::text`] or [`Html::source_text`], which escape it; only the review's own
//! markup goes in through [`Html::raw`]. No document text ever goes into a script.

/// An HTML document being written.
#[derive(Debug, Default)]
pub(crate) struct Html {
    out: String,
}

impl Html {
    pub(crate) fn new() -> Self {
        Html { out: String::with_capacity(64 * 1024) }
    }

    /// The review's own markup (never text taken from a document or a file name).
    pub(crate) fn raw(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// Text, escaped for an element's content or a quoted attribute value.
    pub(crate) fn text(&mut self, text: &str) -> &mut Self {
        push_escaped(&mut self.out, text);
        self
    }

    /// A number.
    pub(crate) fn num(&mut self, value: impl std::fmt::Display) -> &mut Self {
        self.out.push_str(&value.to_string());
        self
    }

    /// A line of a document's text as it should be seen: escaped, and with the characters
    /// that would be invisible or would reorder the line (controls, bidirectional overrides,
    /// zero-width marks, byte-order marks, noncharacters) shown as their code point, so what
    /// the archivist reads is what the text layer holds.
    pub(crate) fn source_text(&mut self, text: &str) -> &mut Self {
        for ch in text.chars() {
            if is_hidden(ch) {
                self.out.push_str(&format!("<span class=\"ctl\">U+{:04X}</span>", ch as u32));
            } else {
                push_escaped_char(&mut self.out, ch);
            }
        }
        self
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// `text` escaped.
#[cfg(test)]
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        // A file name or a warning may hold anything a document holds.
        if is_hidden(ch) {
            out.push('\u{FFFD}');
        } else {
            push_escaped_char(out, ch);
        }
    }
}

/// The five characters that are markup in content or in a quoted attribute.
fn push_escaped_char(out: &mut String, ch: char) {
    match ch {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

/// Characters a reader would not see, or that change how the rest of the line is shown.
fn is_hidden(ch: char) -> bool {
    let code = ch as u32;
    (ch.is_control() && ch != '\t')
        || matches!(
            ch,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{FDD0}'..='\u{FDEF}'
        )
        || code & 0xFFFE == 0xFFFE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_in_text_and_attributes() {
        assert_eq!(
            escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(escape("Ærø Å æøå"), "Ærø Å æøå");
    }

    #[test]
    fn hidden_characters_are_shown_as_code_points() {
        let mut html = Html::new();
        html.source_text("a\u{202E}b\u{1b}[2J<\u{FEFF}\tc");
        assert_eq!(
            html.finish(),
            "a<span class=\"ctl\">U+202E</span>b<span class=\"ctl\">U+001B</span>[2J&lt;\
             <span class=\"ctl\">U+FEFF</span>\tc"
        );
        assert_eq!(escape("x\u{0}y\u{FFFF}"), "x\u{FFFD}y\u{FFFD}");
    }
}
