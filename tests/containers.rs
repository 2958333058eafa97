//! The same minutes in every container referat reads — text, Word (DOCX), OpenDocument (ODT)
//! and a web page (HTML) — give the same records. Each text fixture is written into the other
//! containers here (a paragraph per line, an empty paragraph per blank line, a page break per
//! form feed) and compared with its hand-checked record, field for field.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The fixture's pages of lines, as the text reader sees them (form feeds, double-spaced
/// dumps and encodings resolved).
fn pages(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).expect("fixture");
    let raw = referat::ingest::text::read_text(&bytes).expect("text");
    raw.pages.iter().map(|p| p.lines.iter().map(|l| l.text.clone()).collect()).collect()
}

fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, body) in parts {
        out.start_file(*name, options).expect("zip entry");
        out.write_all(body.as_bytes()).expect("zip write");
    }
    out.finish().expect("zip").into_inner()
}

fn docx(pages: &[Vec<String>]) -> Vec<u8> {
    let mut body = String::new();
    for (i, page) in pages.iter().enumerate() {
        for (j, line) in page.iter().enumerate() {
            let brk = if i > 0 && j == 0 { "<w:r><w:br w:type=\"page\"/></w:r>" } else { "" };
            // Tabs are Word tabs; everything else is one run.
            let runs: Vec<String> = line
                .split('\t')
                .map(|t| format!("<w:t xml:space=\"preserve\">{}</w:t>", escape(t)))
                .collect();
            body.push_str(&format!("<w:p>{brk}<w:r>{}</w:r></w:p>", runs.join("<w:tab/>")));
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zip(&[("[Content_Types].xml", "<Types/>".to_owned()), ("word/document.xml", document)])
}

fn odt(pages: &[Vec<String>]) -> Vec<u8> {
    let mut body = String::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            body.push_str("<text:soft-page-break/>");
        }
        for line in page {
            let text = escape(line).replace('\t', "<text:tab/>");
            // Runs of spaces are written as ODT does: one space, then text:s for the rest.
            let text = text.replace("   ", " <text:s text:c=\"2\"/>");
            body.push_str(&format!("<text:p>{text}</text:p>"));
        }
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text".to_owned()),
        ("content.xml", content),
    ])
}

/// A web page: paragraphs of lines joined by `<br>`, blank lines between them.
fn html(pages: &[Vec<String>]) -> Vec<u8> {
    let mut body = String::new();
    for page in pages {
        for paragraph in page.split(|l| l.trim().is_empty()) {
            if paragraph.is_empty() {
                continue;
            }
            let lines: Vec<String> =
                paragraph.iter().map(|l| escape(l).replace("   ", "&nbsp;&nbsp; ")).collect();
            body.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
        }
    }
    format!(
        "<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Referat</title><script>var x=1;</script></head><body><div id=\"cookie-consent\">Vi bruger cookies</div><nav><a href=\"/\">Forside</a></nav><main>{body}</main></body></html>"
    )
    .into_bytes()
}

/// Drops the keys that a container legitimately changes.
fn without(value: &mut serde_json::Value, keys: &[&str]) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|k, _| !keys.contains(&k.as_str()));
            map.values_mut().for_each(|v| without(v, keys));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| without(v, keys)),
        _ => {}
    }
}

#[test]
fn every_container_gives_the_records_of_the_text() {
    let fixtures: Vec<(PathBuf, PathBuf)> = std::fs::read_dir("fixtures")
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.clone(), p.with_extension("expected.json")))
        .filter(|(_, e)| e.exists())
        .collect();
    assert!(fixtures.len() >= 10, "expected the text fixtures");
    let mut failures = Vec::new();
    for (text, expected_path) in &fixtures {
        let pages = pages(text);
        let paged = pages.len() > 1;
        for (format, bytes) in
            [("docx", docx(&pages)), ("odt", odt(&pages)), ("html", html(&pages))]
        {
            let mut expected = common::expected_json(expected_path);
            // A web page has no pages, and an HTML paragraph break is a blank line: where
            // the text has several pages, page and line numbers are the text's own.
            let mut skip = vec!["format", "sha256", "pages", "line"];
            if format == "html" && paged {
                skip.push("page");
            }
            without(&mut expected, &skip);
            let name = text.display().to_string();
            let doc = match referat::pipeline::process_bytes(
                &name,
                &bytes,
                &referat::ingest::Limits::default(),
                referat::ingest::OcrMode::Never,
            ) {
                Ok(doc) => doc,
                Err(f) => {
                    failures.push(format!("{name} as {format}: {}", f.reason));
                    continue;
                }
            };
            assert_eq!(doc.source.format.as_str(), format);
            let actual = serde_json::to_value(doc).expect("json");
            let mut diffs = Vec::new();
            common::differences(&expected, &actual, "", &mut diffs);
            if !diffs.is_empty() {
                failures.push(format!("{name} as {format}:\n    {}", diffs.join("\n    ")));
            }
        }
    }
    assert!(failures.is_empty(), "{} differ:\n{}", failures.len(), failures.join("\n"));
}
