//! End-to-end runs of the `referat` binary: outputs, schema, exit codes, bad inputs.

mod common;

use common::{referat, temp_dir};
use serde_json::Value;
use std::path::Path;

fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("documents.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path).expect("csv").records().map(|r| r.expect("csv row")).collect()
}

#[test]
fn extract_writes_every_output_and_validates_against_schema() {
    let out = temp_dir("schema");
    let status = referat()
        .args(["extract", "fixtures", "--quiet", "--out"])
        .arg(&out)
        .status()
        .expect("run");
    assert_eq!(status.code(), Some(0));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string("schemas/documents.schema.json").expect("schema"),
    )
    .expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let docs = read_jsonl(&out.join("documents.jsonl"));
    assert!(!docs.is_empty());
    for doc in &docs {
        let errors: Vec<String> =
            validator.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", doc["source"]["path"]);
    }
    // The tables hold the same records as the JSONL.
    assert_eq!(csv_rows(&out.join("meetings.csv")).len(), docs.len());
    let people: usize = docs.iter().map(|d| d["participants"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(csv_rows(&out.join("participants.csv")).len(), people);
    let items: usize = docs.iter().map(|d| d["items"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(csv_rows(&out.join("items.csv")).len(), items);
    assert_eq!(csv_rows(&out.join("errors.csv")).len(), 0);
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn bad_inputs_are_reported_and_the_batch_goes_on() {
    skip_without_shared!();
    let dir = temp_dir("bad-in");
    std::fs::copy("../shared/seed/kkr-nordjylland-2021-01.txt", dir.join("a-good.txt"))
        .expect("copy");
    std::fs::write(
        dir.join("b-binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8].repeat(20),
    )
    .expect("write");
    std::fs::write(dir.join("c-broken.pdf"), b"%PDF-1.7\n1 0 obj << /Type /Catalog")
        .expect("write");
    let out = temp_dir("bad-out");
    let output =
        referat().args(["extract", "--quiet", "--out"]).arg(&out).arg(&dir).output().expect("run");
    assert_eq!(output.status.code(), Some(1), "some inputs failed: exit code 1");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("b-binary.txt"), "{stderr}");
    let errors = csv_rows(&out.join("errors.csv"));
    let failed: Vec<&str> = errors.iter().map(|r| r.get(0).unwrap_or("")).collect();
    assert!(failed.iter().any(|p| p.ends_with("b-binary.txt")));
    assert!(failed.iter().any(|p| p.ends_with("c-broken.pdf")));
    assert!(errors.iter().all(|r| !r.get(2).unwrap_or("").is_empty()), "every error has a reason");
    let docs = read_jsonl(&out.join("documents.jsonl"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["participants"].as_array().map(Vec::len), Some(33));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let one = temp_dir("j1");
    let two = temp_dir("j4");
    for (dir, jobs) in [(&one, "1"), (&two, "4")] {
        let status = referat()
            .args(["extract", "fixtures", "--quiet", "-j", jobs, "--out"])
            .arg(dir)
            .status()
            .expect("run");
        assert!(status.success());
    }
    for name in ["documents.jsonl", "meetings.csv", "participants.csv", "items.csv", "errors.csv"] {
        let a = std::fs::read(one.join(name)).expect("out");
        let b = std::fs::read(two.join(name)).expect("out");
        assert!(a == b, "{name} differs between -j1 and -j4");
    }
}

#[test]
fn usage_errors_exit_2() {
    let output = referat().args(["extract", "--no-such-flag"]).output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    let output = referat().args(["text", "/nonexistent/file.pdf"]).output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/file.pdf"));
}

#[test]
fn text_prints_the_text_layer_with_form_feeds() {
    skip_without_shared!();
    let output = referat()
        .args(["text", "../shared/seed/kkr-nordjylland-2021-01.txt"])
        .output()
        .expect("run");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(text.contains("Deltagerfortegnelse"));
    assert!(text.matches('\x0C').count() >= 2);
}

#[test]
fn eval_prints_per_field_scores() {
    skip_without_shared!();
    let out = temp_dir("eval");
    let status = referat()
        .args(["extract", "../shared/seed/kkr-nordjylland-2021-01.txt", "--quiet", "--out"])
        .arg(&out)
        .status()
        .expect("run");
    assert!(status.success());
    let output =
        referat().args(["eval", "--gold", "../shared/seed"]).arg(&out).output().expect("run");
    assert!(output.status.success());
    let table = String::from_utf8_lossy(&output.stdout);
    let party = table.lines().find(|l| l.starts_with("participant.party ")).expect("party row");
    assert!(party.trim_end().ends_with("1.000"), "{party}");
    assert!(table.contains("decision.text"));
}
