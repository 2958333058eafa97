//! Scanned minutes read by OCR (Tesseract with the Danish model; `.ci/run` installs it).
//! Accuracy is asserted with the tolerances stated per test, measured with `referat eval`'s
//! scoring against hand-checked records.

mod common;

use common::{expected_json, extract_json, referat, temp_dir};
use referat::eval::{Counts, score_document};
use std::collections::BTreeMap;
use std::path::Path;

fn require_tesseract() {
    let found = std::process::Command::new("tesseract").arg("--list-langs").output();
    let langs = found.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    assert!(
        langs.lines().any(|l| l.trim() == "dan"),
        "these tests need Tesseract with the Danish model: apt-get install tesseract-ocr tesseract-ocr-dan"
    );
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
    require_tesseract();
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
    require_tesseract();
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
