//! A corpus of hostile inputs, made by the test: every file is either extracted or reported
//! with a reason — never a panic ("internal error"), a hang, or a silent loss.

mod common;

use flate2::{Compression, write::ZlibEncoder};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Assembles a PDF from object bodies (object i+1 = bodies[i]) with a correct xref table,
/// unless `xref_shift` moves every offset.
fn pdf(bodies: &[Vec<u8>], root: usize, xref_shift: i64) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", bodies.len() + 1).as_bytes(),
    );
    for offset in offsets {
        let shifted = (offset as i64 + xref_shift).max(0);
        out.extend_from_slice(format!("{shifted:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            bodies.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(b"\nendstream");
    body
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(data).expect("deflate");
    encoder.finish().expect("deflate")
}

const FONT: &str =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/// A one-page PDF with Helvetica as /F1 and `content` as its content stream.
fn one_page_pdf(content: &[u8], xref_shift: i64) -> Vec<u8> {
    pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
            stream("", content),
            FONT.as_bytes().to_vec(),
        ],
        1,
        xref_shift,
    )
}

/// A valid one-page PDF saying `text`.
fn simple_pdf(text: &str) -> Vec<u8> {
    one_page_pdf(format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET").as_bytes(), 0)
}

fn hostile_corpus(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let good = simple_pdf("Referat Byraadet");
    files.push(("good.pdf".into(), good.clone()));
    files.push(("truncated.pdf".into(), good[..good.len() / 2].to_vec()));
    files.push(("header-only.pdf".into(), b"%PDF-1.7\n".to_vec()));
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let random: Vec<u8> = (0..20_000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect();
    files.push(("random-bytes.bin".into(), random.clone()));
    let mut random_pdf = b"%PDF-1.4\n".to_vec();
    random_pdf.extend_from_slice(&random);
    files.push(("random-after-header.pdf".into(), random_pdf));
    files.push(("binary-named.txt".into(), random[..4000].to_vec()));
    files.push((
        "wrong-xref-offsets.pdf".into(),
        one_page_pdf(b"BT /F1 12 Tf 72 700 Td (Skiftet) Tj ET", 37),
    ));
    // Object 3 refers to itself through /Parent and its contents point at the page.
    files.push((
        "reference-cycle.pdf".into(),
        pdf(
            &[
                b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
                b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>".to_vec(),
            ],
            1,
            0,
        ),
    ));
    // Pages node whose kid is the node itself.
    files.push((
        "cyclic-page-tree.pdf".into(),
        pdf(
            &[
                b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>".to_vec(),
            ],
            1,
            0,
        ),
    ));
    // A Form XObject that draws itself.
    files.push(("self-referencing-form.pdf".into(), pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X1 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>".to_vec(),
            stream("", b"/X1 Do"),
            stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X1 5 0 R >> /Font << /F1 6 0 R >> >>", b"BT /F1 12 Tf 72 700 Td (Form) Tj ET /X1 Do"),
            FONT.as_bytes().to_vec(),
        ],
        1,
        0,
    )));
    // 64 MiB of zeros in a small stream.
    files.push(("deflate-bomb.pdf".into(), {
        let bomb = deflate(&vec![0u8; 64 << 20]);
        pdf(
            &[
                b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
                stream("/Filter /FlateDecode", &bomb),
            ],
            1,
            0,
        )
    }));
    // 200,000 nested arrays.
    files.push(("deep-nesting.pdf".into(), {
        let mut deep = b"<< /Type /Catalog /Pages 2 0 R /Deep ".to_vec();
        deep.extend(std::iter::repeat_n(b'[', 200_000));
        deep.extend(std::iter::repeat_n(b']', 200_000));
        deep.extend_from_slice(b" >>");
        pdf(&[deep, b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()], 1, 0)
    }));
    // 200,000 nested q operators and BT blocks in a content stream.
    files.push(("deep-content-nesting.pdf".into(), {
        let mut content = "q ".repeat(200_000).into_bytes();
        content.extend_from_slice(b"BT /F1 12 Tf 72 700 Td (Dybt) Tj ET");
        one_page_pdf(&content, 0)
    }));
    // /Count claims a million pages; /Length lies.
    files.push(("lying-count-and-length.pdf".into(), {
        let mut body = b"<< /Length 999999 >>\nstream\nBT /F1 12 Tf 72 700 Td (Lyver) Tj ET\nendstream".to_vec();
        body.shrink_to_fit();
        pdf(
            &[
                b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                b"<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>".to_vec(),
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
                body,
                FONT.as_bytes().to_vec(),
            ],
            1,
            0,
        )
    }));
    // From the shared corpus when it is beside the project.
    if let Ok(bytes) = std::fs::read("../shared/pdf-cases/robustness/aes256-userpw-secret.pdf") {
        files.push(("password.pdf".into(), bytes));
    }
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Referat\nByrådet\nDeltagere\nAnne Hansen (A)\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    files.push(("utf16.txt".into(), utf16));
    files.push((
        "windows-1252.txt".into(),
        b"Referat\nByr\xe5det\nDeltagere\nS\xf8ren Hansen (A)\n".to_vec(),
    ));
    files.push(("empty.txt".into(), Vec::new()));
    let mut paths = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write hostile file");
        paths.push(path);
    }
    paths
}

#[test]
fn every_hostile_file_is_extracted_or_reported() {
    let dir = std::env::temp_dir().join(format!("referat-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).expect("dir");
    let files = hostile_corpus(&dir.join("in"));
    let out = dir.join("out");
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_referat"))
        .args(["extract", "--quiet", "--doc-timeout", "20", "--out"])
        .arg(&out)
        .arg(dir.join("in"))
        .output()
        .expect("run referat");
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "the hostile corpus took {:?}",
        started.elapsed()
    );
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    let jsonl = std::fs::read_to_string(out.join("documents.jsonl")).expect("jsonl");
    let extracted: Vec<String> = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("json")["source"]["path"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    let errors: Vec<(String, String, String)> = csv::Reader::from_path(out.join("errors.csv"))
        .expect("errors.csv")
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[0].to_owned(), r[1].to_owned(), r[2].to_owned())
        })
        .collect();
    for file in &files {
        let shown = file.to_string_lossy().into_owned();
        let done = extracted.contains(&shown);
        let reported = errors.iter().find(|(p, _, _)| *p == shown);
        assert!(done ^ reported.is_some(), "{shown}: extracted={done} reported={reported:?}");
        if let Some((_, stage, reason)) = reported {
            assert_ne!(stage, "internal", "{shown} panicked: {reason}");
            assert!(!reason.is_empty());
        }
    }
    let reason_of = |name: &str| {
        errors
            .iter()
            .find(|(p, _, _)| p.ends_with(name))
            .map(|(_, _, r)| r.clone())
            .unwrap_or_default()
    };
    if common::shared_present() {
        assert!(
            reason_of("password.pdf").contains("password required"),
            "{}",
            reason_of("password.pdf")
        );
    }
    assert!(
        reason_of("binary-named.txt").contains("unsupported")
            || reason_of("binary-named.txt").contains("binary")
    );
    for must_extract in ["good.pdf", "utf16.txt", "windows-1252.txt"] {
        assert!(
            extracted.iter().any(|p| p.ends_with(must_extract)),
            "{must_extract} was not extracted: {}",
            reason_of(must_extract)
        );
    }
    assert!(jsonl.contains("Søren Hansen") && jsonl.contains("Anne Hansen"));
}

#[test]
fn a_document_over_its_time_budget_gets_an_error_row_naming_the_limit() {
    let dir = std::env::temp_dir().join(format!("referat-timeout-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    // Two million text operators on one page: far more than a tiny budget allows.
    let content = "BT /F1 12 Tf 72 700 Td (x) Tj ET ".repeat(400_000);
    std::fs::write(dir.join("slow.pdf"), one_page_pdf(content.as_bytes(), 0)).expect("write");
    let out = dir.join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_referat"))
        .args(["extract", "--quiet", "--doc-timeout", "0.001", "--out"])
        .arg(&out)
        .arg(dir.join("slow.pdf"))
        .output()
        .expect("run referat");
    assert_eq!(output.status.code(), Some(1));
    let errors = std::fs::read_to_string(out.join("errors.csv")).expect("errors.csv");
    assert!(errors.contains("slow.pdf") && errors.contains("timeout"), "{errors}");
}
