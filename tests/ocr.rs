//! Scanned minutes read by OCR (Tesseract with the Danish model; `.ci/run` installs it).
//! Accuracy is asserted with the tolerances stated per test, measured with `referat eval`'s
//! scoring against hand-checked records.

mod common;

use common::{expected_json, extract_json, referat, temp_dir};
use referat::eval::{Counts, score_document};
use std::collections::BTreeMap;
use std::path::Path;

/// True when Tesseract with the Danish model is installed. Without it the OCR tests are skipped
/// with a message, unless `REFERAT_REQUIRE_OCR=1` (set by `.ci/run`) makes that a failure.
fn tesseract_present() -> bool {
    let found = std::process::Command::new("tesseract").arg("--list-langs").output();
    let langs = found.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    let present = langs.lines().any(|l| l.trim() == "dan");
    let install = "apt-get install tesseract-ocr tesseract-ocr-dan";
    if !present && std::env::var("REFERAT_REQUIRE_OCR").is_ok_and(|v| v == "1") {
        panic!("these tests need Tesseract with the Danish model: {install}");
    }
    if !present {
        eprintln!("skipped: Tesseract with the Danish model is not installed ({install})");
    }
    present
}

macro_rules! require_tesseract {
    () => {
        if !tesseract_present() {
            return;
        }
    };
}

fn scores(input: &Path, gold: &Path) -> BTreeMap<String, Counts> {
    let mut fields = BTreeMap::new();
    score_document(&expected_json(gold), &extract_json(input), &mut fields);
    fields
}

fn f1(fields: &BTreeMap<String, Counts>, name: &str) -> f64 {
    fields.get(name).map_or(0.0, Counts::f1)
}

#[test]
fn scanned_seed_gives_participants_and_case_number() {
    skip_without_shared!();
    require_tesseract!();
    let input = Path::new("../shared/seed/scanned/kkr-nordjylland-2021-01.scan.pdf");
    let fields = scores(input, Path::new("../shared/seed/kkr-nordjylland-2021-01.expected.json"));
    // Tolerances from the issue: participants F1 ≥ 0.95, the case number exact.
    assert!(
        f1(&fields, "participants") >= 0.95,
        "participants F1 {:.3}",
        f1(&fields, "participants")
    );
    assert!(
        f1(&fields, "participant.party") >= 0.95,
        "party F1 {:.3}",
        f1(&fields, "participant.party")
    );
    assert_eq!(fields["item.case_number"], Counts { tp: 1, fp: 0, fn_: 0 });
    let doc = extract_json(input);
    assert_eq!(doc["source"]["ocr_pages"], 5);
    let people = doc["participants"].as_array().expect("participants");
    assert!(
        people
            .iter()
            .all(|p| p["ocr"] == true && p["ocr_confidence"].as_f64().is_some_and(|c| c > 50.0))
    );
}

#[test]
fn own_scans_at_several_resolutions_and_layouts() {
    require_tesseract!();
    // Tolerances: these scans are noisier (specks, tilt, 150 dpi, two columns) than the seed's.
    for (name, min_people, min_items) in [
        ("hjoerring-byraad-2023-03-29.scan-300dpi", 0.85, 0.95),
        ("thisted-teknik-miljoeudvalget-2022-09-12.scan-150dpi", 0.85, 0.95),
        ("slagelse-byraad-2020-10-12-ekstraordinaert.scan-twocol", 0.85, 0.95),
    ] {
        let dir = Path::new("fixtures/scanned");
        let input = std::fs::read_dir(dir)
            .expect("fixtures/scanned")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.file_stem().and_then(|s| s.to_str()) == Some(name))
            .unwrap_or_else(|| panic!("no scan named {name}"));
        let fields = scores(&input, &dir.join(format!("{name}.expected.json")));
        let people = f1(&fields, "participants");
        let items = f1(&fields, "items");
        assert!(people >= min_people, "{name}: participants F1 {people:.3} < {min_people}");
        assert!(items >= min_items, "{name}: items F1 {items:.3} < {min_items}");
        assert!(f1(&fields, "meeting.date") >= 1.0, "{name}: meeting date");
        if fields.contains_key("item.case_number") {
            let cases = f1(&fields, "item.case_number");
            assert!(cases >= 0.9, "{name}: case number F1 {cases:.3}");
        }
    }
}

#[test]
fn without_tesseract_a_scan_gives_a_warning_naming_the_package() {
    skip_without_shared!();
    let out = temp_dir("no-tesseract");
    let output = referat()
        .args(["extract", "--quiet", "--out"])
        .arg(&out)
        .arg("../shared/seed/scanned/kkr-nordjylland-2021-01.scan.pdf")
        .env("PATH", "/nonexistent")
        .output()
        .expect("run referat");
    assert_eq!(output.status.code(), Some(0), "a scan without OCR is not a failure");
    let jsonl = std::fs::read_to_string(out.join("documents.jsonl")).expect("jsonl");
    assert!(jsonl.contains("tesseract-ocr"), "{jsonl}");
}

/// A one-page PDF whose page draws one image XObject with the given filter and bytes.
fn pdf_with_page_image(filter: &str, content: &[u8], width: i64, height: i64) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => width, "Height" => height,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => filter,
        },
        content.to_vec(),
    );
    let image_id = doc.add_object(image);
    let contents =
        doc.add_object(Stream::new(dictionary! {}, b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("pdf");
    bytes
}

const SCAN_PNG: &str =
    "fixtures/scanned/slagelse-byraad-2020-10-12-ekstraordinaert.scan-twocol.png";

/// Audit case 1: the OCR temp file had a predictable name in $TMPDIR and followed symlinks.
/// OCR now writes no file at all: Tesseract reads the page from its stdin.
#[test]
fn ocr_writes_no_temporary_file() {
    require_tesseract!();
    let tmp = temp_dir("ocr-tmpdir");
    let out = temp_dir("ocr-tmpdir-out");
    let status = referat()
        .args(["extract", "--quiet", "--out"])
        .arg(&out)
        .arg(SCAN_PNG)
        .env("TMPDIR", &tmp)
        .status()
        .expect("run referat");
    assert_eq!(status.code(), Some(0));
    let left: Vec<_> = std::fs::read_dir(&tmp).expect("tmp").collect();
    assert!(left.is_empty(), "OCR left files in TMPDIR: {left:?}");
    let jsonl = std::fs::read_to_string(out.join("documents.jsonl")).expect("jsonl");
    let doc: serde_json::Value = serde_json::from_str(jsonl.trim()).expect("json");
    assert!(doc["participants"].as_array().is_some_and(|p| p.len() > 5), "{doc}");
}

/// Audit case 2: an image stream holding a file path made Tesseract OCR that file into the
/// record. The stream is now decoded first; bytes that are no image never reach Tesseract.
#[test]
fn an_image_stream_holding_a_path_reads_no_file() {
    require_tesseract!();
    let target = std::fs::canonicalize(SCAN_PNG).expect("scan fixture");
    let line = format!("{}\n", target.display());
    let dir = temp_dir("ocr-pathlist");
    for (name, filter) in [("dct.pdf", "DCTDecode"), ("jpx.pdf", "JPXDecode")] {
        std::fs::write(dir.join(name), pdf_with_page_image(filter, line.as_bytes(), 10, 10))
            .expect("write pdf");
    }
    let out = temp_dir("ocr-pathlist-out");
    let status =
        referat().args(["extract", "--quiet", "--out"]).arg(&out).arg(&dir).status().expect("run");
    assert_eq!(status.code(), Some(0));
    let jsonl = std::fs::read_to_string(out.join("documents.jsonl")).expect("jsonl");
    for line in jsonl.lines() {
        let doc: serde_json::Value = serde_json::from_str(line).expect("json");
        assert_eq!(doc["participants"], serde_json::json!([]), "{doc}");
        assert_eq!(doc["items"], serde_json::json!([]), "{doc}");
        assert!(
            ["cannot be decoded", "unsupported image encoding"]
                .iter()
                .any(|w| doc["warnings"].to_string().contains(w)),
            "{doc}"
        );
    }
    // Nothing of the file's text (the Slagelse minutes) reached a record.
    assert!(!jsonl.contains("Slagelse"), "{jsonl}");
}

/// Audit case 9 (OCR part): a corrupt image, an image too large to decode, and a page on which
/// Tesseract finds nothing are each reported, never an empty record without a word.
#[test]
fn ocr_failures_are_reported() {
    require_tesseract!();
    let dir = temp_dir("ocr-failures");
    let mut png = std::fs::read(SCAN_PNG).expect("scan");
    png.truncate(png.len() / 3);
    std::fs::write(dir.join("corrupt.png"), png).expect("write");
    let mut huge = b"P5\n30000 30000\n255\n".to_vec();
    huge.extend_from_slice(&[255; 4096]);
    std::fs::write(dir.join("huge.pgm"), huge).expect("write");
    let blank = image::GrayImage::from_pixel(400, 300, image::Luma([255]));
    blank.save(dir.join("blank.png")).expect("write");
    let out = temp_dir("ocr-failures-out");
    let status =
        referat().args(["extract", "--quiet", "--out"]).arg(&out).arg(&dir).status().expect("run");
    assert_eq!(status.code(), Some(1), "two inputs failed");
    let errors = std::fs::read_to_string(out.join("errors.csv")).expect("errors.csv");
    let row = |name: &str| errors.lines().find(|l| l.contains(name)).unwrap_or_default().to_owned();
    assert!(row("corrupt.png").contains("cannot be decoded"), "{errors}");
    assert!(row("huge.pgm").contains("max_image_pixels"), "{errors}");
    let jsonl = std::fs::read_to_string(out.join("documents.jsonl")).expect("jsonl");
    let blank_doc = jsonl.lines().find(|l| l.contains("blank.png")).expect("blank.png record");
    assert!(blank_doc.contains("OCR found no text"), "{blank_doc}");
}
