//! Batch behaviour: incremental re-runs, crash safety, shards and merge, SQLite = CSV.

mod common;

use common::{referat, temp_dir};
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// A corpus of `n` small minutes: the fixtures copied under varied names and contents.
fn corpus(name: &str, n: usize) -> PathBuf {
    let dir = temp_dir(name);
    let sources: Vec<PathBuf> = std::fs::read_dir("fixtures")
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    assert!(!sources.is_empty());
    for i in 0..n {
        let source = &sources[i % sources.len()];
        let mut bytes = std::fs::read(source).expect("fixture");
        // Distinct content per copy, so every copy is its own document.
        bytes.extend_from_slice(format!("\n\nKopi nr. {i}\n").as_bytes());
        let sub = dir.join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).expect("subdir");
        std::fs::write(sub.join(format!("m{i:04}.txt")), bytes).expect("write");
    }
    dir
}

fn run(args: &[&str], inputs: &Path, out: &Path) -> (Option<i32>, String) {
    let output = referat()
        .arg("extract")
        .args(args)
        .arg("--out")
        .arg(out)
        .arg(inputs)
        .output()
        .expect("run referat");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

const OUTPUTS: &[&str] =
    &["documents.jsonl", "meetings.csv", "participants.csv", "items.csv", "errors.csv"];

fn assert_same_outputs(a: &Path, b: &Path) {
    for name in OUTPUTS {
        let left =
            std::fs::read(a.join(name)).unwrap_or_else(|e| panic!("{}/{name}: {e}", a.display()));
        let right =
            std::fs::read(b.join(name)).unwrap_or_else(|e| panic!("{}/{name}: {e}", b.display()));
        assert!(left == right, "{name} differs between {} and {}", a.display(), b.display());
    }
    assert_eq!(sqlite_rows(&a.join("referat.sqlite")), sqlite_rows(&b.join("referat.sqlite")));
}

/// Every table's rows (without surrogate ids), as text.
fn sqlite_rows(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).expect("open sqlite");
    let mut rows = Vec::new();
    for (table, columns) in [
        ("meetings", "document, body, date, municipality_code"),
        ("participants", "document, idx, name, party, attendance, grp, municipality_code"),
        ("items", "document, number, title, case_number"),
        ("decisions", "document, text, outcome, votes_for, votes_against"),
        ("votes", "document, side, party, name"),
        ("errors", "path, stage, reason"),
    ] {
        let mut stmt =
            conn.prepare(&format!("SELECT {columns} FROM {table} ORDER BY rowid")).expect("select");
        let count = stmt.column_count();
        let mapped = stmt
            .query_map([], |row| {
                let values: Vec<String> = (0..count)
                    .map(|i| {
                        row.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                            .unwrap_or_default()
                    })
                    .collect();
                Ok(format!("{table}: {}", values.join(" | ")))
            })
            .expect("query");
        rows.extend(mapped.map(|r| r.expect("row")));
    }
    rows
}

#[test]
fn rerun_skips_unchanged_reextracts_changed_and_drops_gone() {
    let inputs = corpus("incr-in", 30);
    let out = temp_dir("incr-out");
    let (code, stderr) = run(&[], &inputs, &out);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("30 documents (0 unchanged)"), "{stderr}");
    let first = std::fs::read(out.join("documents.jsonl")).expect("jsonl");

    let (_, stderr) = run(&[], &inputs, &out);
    assert!(stderr.contains("30 documents (30 unchanged)"), "{stderr}");
    assert_eq!(std::fs::read(out.join("documents.jsonl")).expect("jsonl"), first);

    // Change one input, remove another.
    let changed = inputs.join("d1/m0001.txt");
    let mut bytes = std::fs::read(&changed).expect("read");
    bytes.extend_from_slice("\nTilføjet linje\n".as_bytes());
    std::fs::write(&changed, bytes).expect("write");
    std::fs::remove_file(inputs.join("d2/m0002.txt")).expect("remove");
    let (_, stderr) = run(&[], &inputs, &out);
    assert!(stderr.contains("29 documents (28 unchanged)"), "{stderr}");
    let jsonl = std::fs::read_to_string(out.join("documents.jsonl")).expect("jsonl");
    assert!(!jsonl.contains("m0002.txt"));
    assert_eq!(jsonl.lines().count(), 29);

    // The incremental result equals a clean run.
    let clean = temp_dir("incr-clean");
    run(&[], &inputs, &clean);
    assert_same_outputs(&out, &clean);

    let (_, stderr) = run(&["--force"], &inputs, &out);
    assert!(stderr.contains("29 documents (0 unchanged)"), "{stderr}");
}

#[test]
fn kill_at_any_moment_then_rerun_equals_a_clean_run() {
    let inputs = corpus("kill-in", 400);
    let clean = temp_dir("kill-clean");
    let (code, stderr) = run(&["-j", "2"], &inputs, &clean);
    assert_eq!(code, Some(0), "{stderr}");
    let out = temp_dir("kill-out");
    for delay_ms in [5u64, 40, 120, 300, 700] {
        let mut child = referat()
            .args(["extract", "--quiet", "-j", "2", "--out"])
            .arg(&out)
            .arg(&inputs)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // Whatever was written is whole: every JSONL line parses.
        if let Ok(text) = std::fs::read_to_string(out.join("documents.jsonl")) {
            for line in text.lines() {
                serde_json::from_str::<serde_json::Value>(line).expect("no half-written records");
            }
        }
    }
    let (code, stderr) = run(&["-j", "2"], &inputs, &out);
    assert_eq!(code, Some(0), "{stderr}");
    assert_same_outputs(&out, &clean);
    let leftovers: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn shards_merged_equal_a_single_run() {
    let inputs = corpus("shard-in", 40);
    std::fs::write(inputs.join("d3/broken.pdf"), b"%PDF-1.4 garbage").expect("write");
    let single = temp_dir("shard-single");
    run(&[], &inputs, &single);
    let mut shard_dirs = Vec::new();
    for k in 0..3 {
        let dir = temp_dir(&format!("shard-{k}"));
        run(&["--shard", &format!("{k}/3")], &inputs, &dir);
        shard_dirs.push(dir);
    }
    let counts: Vec<usize> = shard_dirs
        .iter()
        .map(|d| std::fs::read_to_string(d.join("documents.jsonl")).expect("jsonl").lines().count())
        .collect();
    assert_eq!(counts.iter().sum::<usize>(), 40);
    assert!(counts.iter().all(|&c| c > 0), "every shard gets work: {counts:?}");
    let merged = temp_dir("shard-merged");
    let status =
        referat().arg("merge").args(&shard_dirs).arg("--out").arg(&merged).status().expect("merge");
    assert!(status.success());
    assert_same_outputs(&merged, &single);
}

#[test]
fn sqlite_rows_equal_csv_rows() {
    let out = temp_dir("sqlite");
    let (code, stderr) = run(&["--quiet"], Path::new("fixtures"), &out);
    assert_eq!(code, Some(0), "{stderr}");
    let conn = rusqlite::Connection::open(out.join("referat.sqlite")).expect("sqlite");
    for (table, csv_name) in [
        ("meetings", "meetings.csv"),
        ("participants", "participants.csv"),
        ("items", "items.csv"),
        ("errors", "errors.csv"),
    ] {
        let rows: i64 = conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .expect("count");
        let csv_rows = csv::Reader::from_path(out.join(csv_name)).expect("csv").records().count();
        assert_eq!(rows as usize, csv_rows, "{table}");
    }
    // Participants agree field by field.
    let mut stmt = conn
        .prepare("SELECT document, name, COALESCE(party, ''), attendance, COALESCE(municipality_code, '') FROM participants ORDER BY id")
        .expect("select");
    let from_sqlite: Vec<Vec<String>> = stmt
        .query_map([], |r| Ok((0..5).map(|i| r.get::<_, String>(i).unwrap_or_default()).collect()))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect();
    let from_csv: Vec<Vec<String>> = csv::Reader::from_path(out.join("participants.csv"))
        .expect("csv")
        .records()
        .map(|r| {
            let r = r.expect("row");
            [0, 2, 6, 9, 5].iter().map(|&i| r.get(i).unwrap_or("").to_owned()).collect()
        })
        .collect();
    assert_eq!(from_sqlite, from_csv);
    let rate: f64 = conn
        .query_row("SELECT rate FROM attendance_by_party WHERE party = 'A'", [], |r| r.get(0))
        .expect("view");
    assert!(rate > 0.0 && rate <= 1.0);
}

#[test]
fn stats_prints_tables_and_writes_csv_and_svg() {
    let out = temp_dir("stats");
    run(&["--quiet"], Path::new("fixtures"), &out);
    let svg = out.join("chart.svg");
    let output = referat().arg("stats").arg(&out).arg("--svg").arg(&svg).output().expect("stats");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Attendance by party"));
    let a_line = text.lines().find(|l| l.starts_with("A ")).expect("party A row");
    assert!(a_line.contains("Socialdemokratiet"), "{a_line}");
    let csv_text = std::fs::read_to_string(out.join("attendance_by_party.csv")).expect("csv");
    assert!(csv_text.starts_with("party,party_name,listed,present,absent,rate"));
    assert!(std::fs::read_to_string(svg).expect("svg").contains("<svg"));
}
