//! A corpus of hostile inputs, made by the test: every file is either extracted or reported
//! with a reason — never a panic ("internal error"), a hang, or a silent loss.

mod common;

use common::pdf::{deflate, pdf, stream};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

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

fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, body) in parts {
        out.start_file(*name, options).expect("zip entry");
        out.write_all(body).expect("zip write");
    }
    out.finish().expect("zip").into_inner()
}

/// Attacks on the Word, OpenDocument and HTML readers.
fn adapter_attacks() -> Vec<(String, Vec<u8>)> {
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    // 300 MB of XML in a small zip.
    let mut bomb = format!("<w:document {w}><w:body><w:p><w:r><w:t>").into_bytes();
    bomb.resize(300 << 20, b' ');
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"ha\">{}]><w:document {w}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>",
        (1..10).map(|i| format!("<!ENTITY l{i} \"{}\">", format!("&l{};", i - 1).repeat(10))).collect::<String>()
    )
    .replace("&l0;", "&a;");
    let deep_html =
        format!("<!DOCTYPE html><html><body>{}Referat</body></html>", "<div><b>".repeat(200_000));
    let mut invalid_html =
        b"<!DOCTYPE html><html><body><p>Referat af m\xf8det \xff\xfe\xc3</p>".to_vec();
    invalid_html.extend_from_slice(b"<p>Deltagere: Anne Hansen (A)</p></body></html>");
    let mut huge_html = b"<!DOCTYPE html><html><body><p>".to_vec();
    huge_html.resize(100 << 20, b'x');
    vec![
        ("zip-bomb.docx".into(), zipped(&[("word/document.xml", &bomb)])),
        ("billion-laughs.docx".into(), zipped(&[("word/document.xml", laughs.as_bytes())])),
        (
            "truncated.docx".into(),
            zipped(&[("word/document.xml", b"<w:document><w:body><w:p>")])[..60].to_vec(),
        ),
        ("odt-no-content.odt".into(), zipped(&[("content.xml", b"<office:document-content")])),
        ("deep.html".into(), deep_html.into_bytes()),
        ("invalid-utf8.html".into(), invalid_html),
        ("huge.html".into(), huge_html),
    ]
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
    files.extend(adapter_attacks());
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

/// A one-page PDF whose content stream is deflated (a small file that decodes to `content`).
fn deflated_page_pdf(content: &[u8]) -> Vec<u8> {
    pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
            stream("/Filter /FlateDecode", &deflate(content)),
            FONT.as_bytes().to_vec(),
        ],
        1,
        0,
    )
}

/// A page drawing form /Fm1 (deflated `form`) `draws` times.
fn form_redraw_pdf(form: &[u8], draws: usize) -> Vec<u8> {
    pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> /Contents 4 0 R >>".to_vec(),
            stream("", "/Fm1 Do ".repeat(draws).as_bytes()),
            FONT.as_bytes().to_vec(),
            stream("/Subtype /Form /BBox [0 0 612 792] /Filter /FlateDecode", &deflate(form)),
        ],
        1,
        0,
    )
}

/// A one-page PDF with an object stream of `n` null objects.
fn object_stream_pdf(n: usize) -> Vec<u8> {
    let header: String = (0..n).map(|i| format!("{} {} ", i + 7, i * 5)).collect();
    let objects = "null ".repeat(n);
    let data = format!("{header}{objects}");
    let dict = format!("/Type /ObjStm /N {n} /First {} /Filter /FlateDecode", header.len());
    pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
            stream("", b"BT /F1 12 Tf 72 700 Td (Referat) Tj ET"),
            FONT.as_bytes().to_vec(),
            stream(&dict, &deflate(data.as_bytes())),
        ],
        1,
        0,
    )
}

fn limit_reason(bytes: &[u8], limits: &referat::ingest::Limits) -> String {
    match referat::pipeline::process_bytes(
        "budget.pdf",
        bytes,
        limits,
        referat::ingest::OcrMode::Never,
    ) {
        Ok(doc) => format!("extracted with warnings {:?}", doc.warnings),
        Err(failure) => failure.reason,
    }
}

#[test]
fn every_cap_of_the_document_budget_has_a_name() {
    use referat::ingest::Limits;
    let limits = Limits::default();
    // 250 MB of operands and no operator: stopped at the operand cap, not held.
    let operands = deflated_page_pdf(&b"1 ".repeat(4 << 20));
    assert!(operands.len() < 100_000);
    assert!(limit_reason(&operands, &limits).contains("max_operands"));
    // A million nested `q`: the document is read, the states beyond the cap are not saved.
    let mut nested = b"q ".repeat(1_000_000);
    nested.extend_from_slice(b"BT /F1 12 Tf 72 700 Td (Dagsorden) Tj ET");
    let reason = limit_reason(&deflated_page_pdf(&nested), &limits);
    assert!(reason.contains("max_graphics_depth"), "{reason}");
    // A form redrawn until the document's decoded bytes pass the cap.
    let small = Limits { max_document_decoded_bytes: 10 << 20, ..limits };
    let form = b"0 0 m ".repeat(400_000); // 2.4 MB
    let reason = limit_reason(&form_redraw_pdf(&form, 60), &small);
    assert!(reason.contains("max_document_decoded_bytes"), "{reason}");
    assert!(limit_reason(&form_redraw_pdf(&form, 3), &small).starts_with("extracted"));
    // Objects are counted while they are loaded.
    let few = Limits { max_objects: 1_000, ..limits };
    let reason = limit_reason(&object_stream_pdf(5_000), &few);
    assert!(reason.contains("max_objects"), "{reason}");
    assert!(limit_reason(&object_stream_pdf(500), &few).starts_with("extracted"));
    // Text inputs have their own cap.
    let text = Limits { max_text_bytes: 1 << 20, ..limits };
    let big = "Referat af mødet. ".repeat(100_000);
    let reason = match referat::pipeline::process_bytes(
        "big.txt",
        big.as_bytes(),
        &text,
        referat::ingest::OcrMode::Never,
    ) {
        Ok(_) => "extracted".to_owned(),
        Err(f) => f.reason,
    };
    assert!(reason.contains("max_text_bytes"), "{reason}");
}

#[cfg(unix)]
#[test]
fn a_file_over_the_input_cap_is_refused_without_being_read() {
    let dir = std::env::temp_dir().join(format!("referat-sparse-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    // 64 KB of minutes and then 2 GB of NULs (sparse: no disk is used).
    let path = dir.join("huge.txt");
    std::fs::write(&path, "Referat\n".repeat(8_000)).expect("write");
    std::fs::File::options().write(true).open(&path).and_then(|f| f.set_len(2 << 30)).expect("len");
    let out = dir.join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_referat"))
        .args(["extract", "--quiet", "--out"])
        .arg(&out)
        .arg(&path)
        .output()
        .expect("run referat");
    assert_eq!(output.status.code(), Some(1));
    let errors = std::fs::read_to_string(out.join("errors.csv")).expect("errors.csv");
    assert!(errors.contains("huge.txt,read,") && errors.contains("max_input_bytes"), "{errors}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The audit's resource attacks, built at full size (sparse or deflated, so small on disk).
fn resource_attacks(dir: &Path) -> Vec<PathBuf> {
    let sentence = format!("Referat {}.\n", "og så videre med mere tekst ".repeat(700_000));
    let files: Vec<(&str, Vec<u8>)> = vec![
        // 19.9 million `q` in a 40 KB file.
        ("q-bomb.pdf", deflated_page_pdf(&b"q ".repeat(19_900_000))),
        // 250 MB of operands and no operator.
        ("operand-flood.pdf", deflated_page_pdf(&b"1 ".repeat(125_000_000))),
        // A 250 MiB form drawn 60 times.
        ("form-redraw.pdf", form_redraw_pdf(&b"0 0 m ".repeat((250 << 20) / 6), 60)),
        // Two and a half million objects in one object stream.
        ("many-objects.pdf", object_stream_pdf(2_500_000)),
        // One 20 MB sentence.
        ("sentence.txt", sentence.into_bytes()),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        paths.push(path);
    }
    // 64 KB of minutes and 2 GB of NULs.
    let nul = dir.join("nul-tail.txt");
    std::fs::write(&nul, "Referat\n".repeat(8_000)).expect("write");
    std::fs::File::options().write(true).open(&nul).and_then(|f| f.set_len(2 << 30)).expect("len");
    paths.push(nul);
    paths
}

#[cfg(unix)]
#[test]
fn under_a_2_gb_address_space_the_hostile_batch_finishes() {
    let dir = std::env::temp_dir().join(format!("referat-ulimit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).expect("dir");
    let mut hostile = hostile_corpus(&dir.join("in"));
    hostile.extend(resource_attacks(&dir.join("in")));
    let mut normal = Vec::new();
    for entry in std::fs::read_dir("fixtures").expect("fixtures").filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let copy =
                dir.join("in").join(format!("normal-{}", entry.file_name().to_string_lossy()));
            std::fs::copy(&path, &copy).expect("copy");
            normal.push(copy);
        }
    }
    let out = dir.join("out");
    let timeout = 5.0;
    let started = Instant::now();
    let output = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2000000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_referat"))
        .args(["extract", "--quiet", "-j", "2", "--doc-timeout", &timeout.to_string(), "--out"])
        .arg(&out)
        .arg(dir.join("in"))
        .output()
        .expect("run referat");
    let took = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let jsonl = std::fs::read_to_string(out.join("documents.jsonl")).expect("jsonl");
    let errors = std::fs::read_to_string(out.join("errors.csv")).expect("errors.csv");
    for path in &normal {
        let shown = path.to_string_lossy();
        assert!(
            jsonl.contains(&*format!("\"path\":\"{shown}\"")),
            "{shown} not extracted: {errors}"
        );
    }
    for path in &hostile {
        let shown = path.to_string_lossy();
        assert!(
            jsonl.contains(&*format!("\"path\":\"{shown}\"")) || errors.contains(&*shown),
            "{shown} neither extracted nor reported"
        );
    }
    for name in ["q-bomb", "operand-flood", "form-redraw", "many-objects", "sentence", "nul-tail"] {
        let row = errors.lines().find(|l| l.contains(name));
        let extracted = jsonl.contains(&format!("{name}."));
        assert!(row.is_some() || extracted, "{name}: {errors}");
        if let Some(row) = row {
            assert!(!row.contains(",internal,"), "{row}");
        }
    }
    // Every document within a second of its budget: the attacks run two at a time.
    let slow = errors.matches("timeout").count() + errors.matches("hard deadline").count();
    let bound = (slow as f64 / 2.0).ceil() * (timeout + 1.0) + 30.0;
    assert!(took < bound, "took {took:.1}s for {slow} timed-out documents:\n{errors}");
    let _ = std::fs::remove_dir_all(&dir);
}
