//! Accuracy over every labelled set (text and PDF fixtures, the seed in seven PDF renderings, the real
//! minutes, and the held-out set written apart from the code), scored as `referat eval` scores
//! it. The thresholds are the project's accuracy targets.

mod common;

use common::{expected_files, expected_json, extract_json, fixture_pairs};
use referat::eval::{Counts, score_document};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn labelled_pairs() -> Vec<(PathBuf, PathBuf)> {
    let mut pairs = fixture_pairs(Path::new("fixtures"));
    pairs.extend(fixture_pairs(Path::new("eval/heldout")));
    pairs.extend(fixture_pairs(Path::new("fixtures/pdf")));
    if !common::shared_present() {
        eprintln!("skipped: the real minutes and seed PDFs (../shared is not beside the project)");
        return pairs;
    }
    for (name, expected) in expected_files(Path::new("fixtures/real")) {
        pairs.push((Path::new("../shared/real").join(format!("{name}.pdf")), expected));
    }
    let seed = PathBuf::from("../shared/seed/kkr-nordjylland-2021-01.expected.json");
    for producer in
        ["rl-helvetica", "rl-dejavu", "fpdf-dejavu", "libreoffice", "chromium", "cairo", "groff"]
    {
        let pdf = format!("../shared/seed/pdf/kkr-nordjylland-2021-01.{producer}.pdf");
        pairs.push((PathBuf::from(pdf), seed.clone()));
    }
    pairs
}

#[test]
fn accuracy_targets_hold_on_every_labelled_set() {
    let mut fields: BTreeMap<String, Counts> = BTreeMap::new();
    let pairs = labelled_pairs();
    let least = if common::shared_present() { 30 } else { 20 };
    assert!(
        pairs.len() >= least,
        "expected fixtures, held-out, real and seed PDFs: {}",
        pairs.len()
    );
    for (input, expected) in &pairs {
        score_document(&expected_json(expected), &extract_json(input), &mut fields);
    }
    let f1 = |name: &str| fields.get(name).map_or(0.0, Counts::f1);
    let targets = [
        ("participants", 0.99),
        ("participant.party", 0.99),
        ("item.case_number", 0.99),
        ("decision.text", 0.97),
        ("decision.votes", 0.95),
    ];
    let report: Vec<String> =
        targets.iter().map(|(f, t)| format!("{f}: {:.3} (target {t})", f1(f))).collect();
    for (field, target) in targets {
        assert!(f1(field) >= target, "{}", report.join("; "));
    }
}
