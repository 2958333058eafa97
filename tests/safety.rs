//! The batch never loses a previous run: a mistyped input, a second run, a crash, a restored
//! file or hostile names in the input folder leave earlier results whole and correct.

mod common;

use common::{referat, temp_dir};
use std::path::Path;

/// Every file an output generation publishes.
const OUTPUTS: &[&str] = referat::output::generation::FILES;

fn run(args: &[&str], inputs: &[&Path], out: &Path) -> (Option<i32>, String) {
    let output = referat()
        .arg("extract")
        .args(args)
        .arg("--out")
        .arg(out)
        .args(inputs)
        .output()
        .expect("run referat");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Every output file's bytes.
fn snapshot(out: &Path) -> Vec<(String, Vec<u8>)> {
    OUTPUTS
        .iter()
        .map(|n| ((*n).to_owned(), std::fs::read(out.join(n)).unwrap_or_default()))
        .collect()
}

/// A folder of `n` minutes (the text fixtures, each made distinct).
fn minutes(name: &str, n: usize) -> std::path::PathBuf {
    let dir = temp_dir(name);
    let fixtures: Vec<_> = std::fs::read_dir("fixtures")
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    for i in 0..n {
        let mut bytes = std::fs::read(&fixtures[i % fixtures.len()]).expect("fixture");
        bytes.extend_from_slice(format!("\n\nKopi nr. {i}\n").as_bytes());
        std::fs::write(dir.join(format!("m{i:03}.txt")), bytes).expect("write");
    }
    dir
}

fn documents(out: &Path) -> Vec<String> {
    std::fs::read_to_string(out.join("documents.jsonl"))
        .expect("documents.jsonl")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            v["source"]["path"].as_str().unwrap_or("").to_owned()
        })
        .collect()
}

#[test]
fn a_missing_input_exits_2_and_touches_nothing() {
    let inputs = minutes("missing-in", 4);
    let out = temp_dir("missing-out");
    assert_eq!(run(&[], &[&inputs], &out).0, Some(0));
    let before = snapshot(&out);
    let typo = inputs.with_file_name("no-such-folder");
    let (code, stderr) = run(&[], &[&typo], &out);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("no-such-folder"), "{stderr}");
    let (code, _) = run(&[], &[&inputs, &typo], &out);
    assert_eq!(code, Some(2));
    assert_eq!(snapshot(&out), before);
    let (_, stderr) = run(&[], &[&inputs], &out);
    assert!(stderr.contains("4 documents (4 unchanged)"), "{stderr}");
}

#[test]
fn a_second_run_on_a_locked_folder_is_refused() {
    let inputs = minutes("lock-in", 2);
    let out = temp_dir("lock-out");
    assert_eq!(run(&[], &[&inputs], &out).0, Some(0));
    let before = snapshot(&out);
    let lock =
        std::fs::File::options().write(true).open(out.join(".referat/lock")).expect("lock file");
    lock.try_lock().expect("the test takes the lock");
    let (code, stderr) = run(&["--force"], &[&inputs], &out);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("another referat run"), "{stderr}");
    assert_eq!(snapshot(&out), before);
    drop(lock);
    assert_eq!(run(&["--force"], &[&inputs], &out).0, Some(0));
}

#[test]
fn dropping_most_records_needs_prune_and_unwalked_roots_keep_theirs() {
    let a = minutes("prune-a", 6);
    let b = minutes("prune-b", 2);
    let out = temp_dir("prune-out");
    assert_eq!(run(&[], &[&a, &b], &out).0, Some(0));
    // Only `b` walked: the records of `a` are kept, not dropped.
    let (code, stderr) = run(&[], &[&b], &out);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("6 records kept"), "{stderr}");
    assert_eq!(documents(&out).len(), 8);
    // Four of eight gone from a walked folder: more than half of `a`'s would need --prune only
    // when over half of all records go.
    for i in 0..5 {
        std::fs::remove_file(a.join(format!("m{i:03}.txt"))).expect("remove");
    }
    let before = snapshot(&out);
    let (code, stderr) = run(&[], &[&a, &b], &out);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--prune"), "{stderr}");
    assert_eq!(snapshot(&out), before);
    let (code, stderr) = run(&["--prune"], &[&a, &b], &out);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("5 records dropped"), "{stderr}");
    assert_eq!(documents(&out).len(), 3);
}

#[test]
fn a_cached_record_never_outlives_its_content() {
    let inputs = minutes("restore-in", 3);
    let out = temp_dir("restore-out");
    assert_eq!(run(&[], &[&inputs], &out).0, Some(0));
    let file = inputs.join("m001.txt");
    let original = std::fs::read(&file).expect("read");
    let mtime = std::fs::metadata(&file).and_then(|m| m.modified()).expect("mtime");
    // A run that extracted other content of the same size was killed before publishing
    // (simulated: the cache holds the other content's record, the manifest the old entry).
    let mut other = original.clone();
    let at = other.len() - 3;
    other[at] = b'9';
    std::fs::write(&file, &other).expect("write");
    assert_eq!(run(&[], &[&inputs], &temp_dir("restore-scratch")).0, Some(0));
    let scratch = temp_dir("restore-other");
    assert_eq!(run(&[], &[&inputs], &scratch).0, Some(0));
    let key = cache_file(&scratch);
    std::fs::copy(&key, cache_file(&out)).expect("plant the other record");
    // The file gets its old content and mtime back.
    std::fs::write(&file, &original).expect("restore");
    std::fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(mtime))
        .expect("mtime");
    let (code, stderr) = run(&[], &[&inputs], &out);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("3 documents (2 unchanged)"), "{stderr}");
    let clean = temp_dir("restore-clean");
    run(&[], &[&inputs], &clean);
    assert_eq!(
        std::fs::read(out.join("documents.jsonl")).expect("out"),
        std::fs::read(clean.join("documents.jsonl")).expect("clean")
    );
}

/// The cache file of `m001.txt` in an output folder.
fn cache_file(out: &Path) -> std::path::PathBuf {
    let manifest = std::fs::read_to_string(out.join("manifest.jsonl")).expect("manifest");
    let line = manifest.lines().find(|l| l.contains("m001.txt")).expect("entry");
    let entry: serde_json::Value = serde_json::from_str(line).expect("json");
    let path = entry["path"].as_str().expect("path");
    let digest = sha2_hex(path.as_bytes());
    out.join(".cache").join(format!("{}.json", &digest[..32]))
}

fn sha2_hex(bytes: &[u8]) -> String {
    referat::manifest::sha256_hex(bytes)
}

#[test]
fn a_crash_keeps_finished_work() {
    let inputs = minutes("journal-in", 300);
    let out = temp_dir("journal-out");
    let mut child = referat()
        .args(["extract", "--quiet", "-j", "1", "--out"])
        .arg(&out)
        .arg(&inputs)
        .spawn()
        .expect("spawn");
    // Kill once some documents are journaled.
    let journal = out.join(".referat/journal.jsonl");
    let started = std::time::Instant::now();
    while std::fs::read_to_string(&journal).map_or(0, |t| t.lines().count()) < 20
        && started.elapsed() < std::time::Duration::from_secs(60)
    {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
    let (code, stderr) = run(&[], &[&inputs], &out);
    assert_eq!(code, Some(0), "{stderr}");
    let unchanged: usize = stderr
        .split("documents (")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("summary");
    assert!(unchanged >= 20, "journaled work is re-used: {stderr}");
    assert_eq!(documents(&out).len(), 300);
    assert!(!journal.exists(), "a published run leaves no journal");
}

#[test]
fn every_output_file_switches_generation_at_once() {
    let inputs = minutes("gen-in", 3);
    let out = temp_dir("gen-out");
    assert_eq!(run(&[], &[&inputs], &out).0, Some(0));
    for name in OUTPUTS {
        let target = std::fs::read_link(out.join(name)).expect("a link into the generation");
        assert_eq!(target, Path::new(".referat/current").join(name));
    }
    let first = std::fs::read_link(out.join(".referat/current")).expect("current");
    assert_eq!(run(&["--force"], &[&inputs], &out).0, Some(0));
    let second = std::fs::read_link(out.join(".referat/current")).expect("current");
    assert_ne!(first, second);
    assert!(!out.join(".referat").join(&first).exists(), "the old generation is removed");
}

#[cfg(unix)]
#[test]
fn hostile_names_and_links_in_the_input_folder() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;
    let inputs = minutes("names-in", 2);
    let text = std::fs::read(inputs.join("m000.txt")).expect("read");
    let latin1 = inputs.join(std::ffi::OsStr::from_bytes(b"m\xf8de.txt"));
    let utf8 = inputs.join("m\u{f8}de.txt");
    let escape = inputs.join("x\u{1b}[2Jclear.txt");
    for path in [&latin1, &utf8, &escape] {
        let mut bytes = text.clone();
        bytes.extend_from_slice(path.to_string_lossy().as_bytes());
        std::fs::write(path, bytes).expect("write");
    }
    std::fs::write(inputs.join("empty.txt"), b"").expect("write");
    symlink("/etc/passwd", inputs.join("passwd.txt")).expect("link");
    symlink("loop-b", inputs.join("loop-a")).expect("link");
    symlink("loop-a", inputs.join("loop-b")).expect("link");
    let fifo = std::process::Command::new("mkfifo").arg(inputs.join("fifo.txt")).status();
    // The output folder inside the input folder is not read back in.
    let out = inputs.join("out");
    let (code, stderr) = run(&["--doc-timeout", "5"], &[&inputs], &out);
    assert_eq!(code, Some(1), "the empty file fails: {stderr}");
    assert!(!stderr.contains('\u{1b}'), "names are escaped on stderr: {stderr:?}");
    let docs = documents(&out);
    assert_eq!(docs.len(), 5, "{docs:?}");
    assert!(docs.iter().any(|d| d.ends_with("m\\xf8de.txt")), "{docs:?}");
    assert!(docs.iter().any(|d| d.ends_with("møde.txt")), "{docs:?}");
    assert!(docs.iter().any(|d| d.ends_with("x\\u{1b}[2Jclear.txt")), "{docs:?}");
    assert!(!docs.iter().any(|d| d.contains("passwd")));
    assert!(stderr.contains("skipped 3 symbolic links"), "{stderr}");
    if fifo.is_ok_and(|s| s.success()) {
        assert!(stderr.contains("1 FIFOs"), "{stderr}");
    }
    let errors = std::fs::read_to_string(out.join("errors.csv")).expect("errors");
    assert!(errors.contains("empty.txt,read,empty file"), "{errors}");
    // The re-run reads no output file as input and re-uses everything.
    let (_, stderr) = run(&[], &[&inputs], &out);
    assert!(stderr.contains("5 documents (5 unchanged)"), "{stderr}");
}

#[test]
fn cells_carry_no_control_characters_and_excel_cells_are_never_formulas() {
    let dir = temp_dir("cells-in");
    let minutes = "Referat\n\nByrådet\n\nMødedato: 12. marts 2024\nSted: =IMPORTXML(\"http://x\",\"//a\")\n\nDeltagere:\nAnne Hansen (A)\n\n1. =HYPERLINK(\"http://evil\")\u{0}\u{1b}[2J Godkendelse\n\nBeslutning:\nGodkendt.\u{0}\n\n2. Budget 2025\n\nBeslutning:\nGodkendt.\n";
    // A few stray control characters in an otherwise ordinary text (a text, not binary data).
    let body = "Sagsfremstilling: Forvaltningen har udarbejdet et forslag til budget. ".repeat(10);
    std::fs::write(dir.join("injection.txt"), format!("{minutes}\n{body}\n")).expect("write");
    let standard = temp_dir("cells-standard");
    let excel = temp_dir("cells-excel");
    assert_eq!(run(&[], &[&dir], &standard).0, Some(0));
    assert_eq!(run(&["--csv-dialect", "excel"], &[&dir], &excel).0, Some(0));
    for out in [&standard, &excel] {
        for name in OUTPUTS.iter().filter(|n| !n.ends_with(".sqlite")) {
            let text = std::fs::read_to_string(out.join(name)).expect("output");
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n' && c != '\r'),
                "{name} has a control character"
            );
        }
    }
    let meetings = std::fs::read_to_string(standard.join("meetings.csv")).expect("csv");
    assert!(meetings.contains("\"=IMPORTXML("), "the standard dialect keeps values: {meetings}");
    let bytes = std::fs::read(excel.join("meetings.csv")).expect("csv");
    assert!(bytes.starts_with("\u{feff}document;sha256;".as_bytes()));
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let location =
        reader.headers().expect("header").iter().position(|h| h == "location").expect("column");
    for row in reader.records() {
        let row = row.expect("row");
        assert_eq!(&row[location], "'=IMPORTXML(\"http://x\",\"//a\")");
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "formula cell {cell}");
        }
    }
}

/// Rows of every table of one output folder: documents, meetings.csv, SQLite meetings,
/// manifest entries.
fn table_counts(out: &Path) -> Option<[usize; 4]> {
    let jsonl = std::fs::read_to_string(out.join("documents.jsonl")).ok()?.lines().count();
    let csv = std::fs::read_to_string(out.join("meetings.csv")).ok()?.lines().count() - 1;
    let manifest = std::fs::read_to_string(out.join("manifest.jsonl")).ok()?.lines().count();
    let db = rusqlite::Connection::open_with_flags(
        out.join("referat.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .ok()?;
    let sqlite: i64 = db.query_row("SELECT COUNT(*) FROM meetings", [], |r| r.get(0)).ok()?;
    Some([jsonl, csv, usize::try_from(sqlite).ok()?, manifest])
}

#[test]
fn a_kill_at_any_moment_leaves_one_generation() {
    let inputs = minutes("onegen-in", 80);
    let out = temp_dir("onegen-out");
    assert_eq!(run(&["-j", "2"], &[&inputs], &out).0, Some(0));
    assert_eq!(table_counts(&out), Some([80; 4]));
    let started = std::time::Instant::now();
    assert_eq!(run(&["-j", "2", "--force"], &[&inputs], &out).0, Some(0));
    let full = started.elapsed();
    // The next generation has more documents; kills land across the whole run, most of them
    // near its end, where the files are published.
    let more = minutes("onegen-more", 30);
    for i in 0..30 {
        std::fs::rename(more.join(format!("m{i:03}.txt")), inputs.join(format!("n{i:03}.txt")))
            .expect("move");
    }
    for step in 0..8u32 {
        let delay = full.mul_f64(0.6 + f64::from(step) * 0.07);
        let mut child = referat()
            .args(["extract", "--quiet", "-j", "2", "--force", "--out"])
            .arg(&out)
            .arg(&inputs)
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let counts = table_counts(&out).expect("outputs readable after a kill");
        assert!(
            counts == [80; 4] || counts == [110; 4],
            "a mix of generations after a kill at {delay:?}: {counts:?}"
        );
    }
}
