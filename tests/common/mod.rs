//! Helpers shared by the integration tests: run the pipeline on a file and compare the
//! result with a hand-checked `*.expected.json`, field by field.
#![allow(dead_code)]

pub mod pdf;

use referat::ingest::{Limits, OcrMode};
use referat::pipeline::process_bytes;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The record the pipeline produces for `path`, as JSON.
pub fn extract_json(path: &Path) -> Value {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc = process_bytes(&path.to_string_lossy(), &bytes, &Limits::default(), OcrMode::Auto)
        .unwrap_or_else(|f| panic!("{} failed: {}", path.display(), f.reason));
    serde_json::to_value(doc).expect("documents serialise")
}

/// Reads an expected file.
pub fn expected_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("invalid JSON in {}: {e}", path.display()))
}

/// Every difference between `expected` and `actual`, for keys present in `expected`.
/// Arrays must have the same length; objects are compared key by key.
pub fn differences(expected: &Value, actual: &Value, at: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                let here = format!("{at}.{key}");
                match a.get(key) {
                    Some(actual) => differences(value, actual, &here, out),
                    None => out.push(format!("{here}: missing (expected {value})")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!("{at}: {} elements, expected {}", a.len(), e.len()));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                let label = ev
                    .get("name")
                    .or_else(|| ev.get("number"))
                    .map(|v| format!("[{i} {v}]"))
                    .unwrap_or(format!("[{i}]"));
                differences(ev, av, &format!("{at}{label}"), out);
            }
        }
        (e, a) if e != a => out.push(format!("{at}: got {a}, expected {e}")),
        _ => {}
    }
}

/// Panics with every difference when the pipeline's record for `input` does not match `expected`.
pub fn assert_golden(input: &Path, expected_path: &Path) {
    let actual = extract_json(input);
    let expected = expected_json(expected_path);
    let mut diffs = Vec::new();
    differences(&expected, &actual, "", &mut diffs);
    assert!(
        diffs.is_empty(),
        "{} differs from {}:\n  {}",
        input.display(),
        expected_path.display(),
        diffs.join("\n  ")
    );
}

/// The `referat` binary built for the tests.
pub fn referat() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_referat"))
}

/// A fresh, empty temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("referat-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The sorted entries of a folder.
fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    entries
}

/// The `NAME` of every `NAME.expected.json` in a folder, with its path.
pub fn expected_files(dir: &Path) -> Vec<(String, PathBuf)> {
    sorted_entries(dir)
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.strip_suffix(".expected.json")?.to_owned();
            Some((name, p))
        })
        .collect()
}

/// Compares every pair and returns one report per differing input.
pub fn golden_failures(pairs: &[(PathBuf, PathBuf)]) -> Vec<String> {
    let mut failures = Vec::new();
    for (input, expected) in pairs {
        let mut diffs = Vec::new();
        differences(&expected_json(expected), &extract_json(input), "", &mut diffs);
        if !diffs.is_empty() {
            failures.push(format!("{}:\n    {}", input.display(), diffs.join("\n    ")));
        }
    }
    failures
}

/// Panics with every difference of every pair that does not match.
pub fn assert_all_golden(pairs: &[(PathBuf, PathBuf)], what: &str) {
    let failures = golden_failures(pairs);
    assert!(
        failures.is_empty(),
        "{} of {} {what} differ:\n{}",
        failures.len(),
        pairs.len(),
        failures.join("\n")
    );
}

/// `(input, expected)` pairs in a fixture folder: `NAME.expected.json` beside `NAME.<ext>`.
pub fn fixture_pairs(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut pairs = Vec::new();
    let entries = sorted_entries(dir);
    for (name, expected) in expected_files(dir) {
        let name = name.as_str();
        let input = entries.iter().find(|p| {
            let file = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            file.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('.') && !rest.ends_with(".expected.json"))
        });
        match input {
            Some(input) => pairs.push((input.clone(), expected.clone())),
            None => panic!("{} has no input file beside it", expected.display()),
        }
    }
    pairs
}

/// True when the shared corpus (`../shared`: the seed, the real minutes, the PDF cases) sits
/// beside the project, as in CI.
pub fn shared_present() -> bool {
    Path::new("../shared/seed").is_dir()
}

/// Returns from a test that needs `../shared` when it is not there, saying so.
#[macro_export]
macro_rules! skip_without_shared {
    () => {
        if !common::shared_present() {
            eprintln!("skipped: ../shared (the shared corpus) is not beside the project");
            return;
        }
    };
}
