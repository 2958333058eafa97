//! Golden tests: every fixture's records equal its hand-checked `*.expected.json`, field by field.

mod common;

use common::{assert_golden, differences, expected_json, extract_json, fixture_pairs};
use std::path::Path;

const SEED_EXPECTED: &str = "../shared/seed/kkr-nordjylland-2021-01.expected.json";

#[test]
fn seed_text_gives_the_expected_records() {
    assert_golden(
        Path::new("../shared/seed/kkr-nordjylland-2021-01.txt"),
        Path::new(SEED_EXPECTED),
    );
}

#[test]
fn seed_counts_and_provenance() {
    let doc = extract_json(Path::new("../shared/seed/kkr-nordjylland-2021-01.txt"));
    let people = doc["participants"].as_array().expect("participants");
    assert_eq!(people.len(), 33);
    assert_eq!(people.iter().filter(|p| p["attendance"] == "absent").count(), 1);
    assert_eq!(doc["items"].as_array().map(Vec::len), Some(3));
    assert_eq!(doc["meeting"]["date"], serde_json::Value::Null);
    assert_eq!(doc["participants"][0]["municipality_code"], "860");
    assert_eq!(doc["participants"][0]["party_name"], "Socialdemokratiet");
    assert!(people.iter().all(|p| p["page"].as_u64() >= Some(1) && p["line"].as_u64() >= Some(1)));
}

#[test]
fn every_fixture_matches_its_expected_records() {
    let pairs = fixture_pairs(Path::new("fixtures"));
    assert!(pairs.len() >= 5, "fixtures/ should hold the seed and at least four more minutes");
    let mut failures = Vec::new();
    for (input, expected) in &pairs {
        let mut diffs = Vec::new();
        differences(&expected_json(expected), &extract_json(input), "", &mut diffs);
        if !diffs.is_empty() {
            failures.push(format!("{}:\n    {}", input.display(), diffs.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        pairs.len(),
        failures.join("\n")
    );
}
