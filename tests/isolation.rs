//! Process isolation: what a budget misses costs one document. A worker that runs out of
//! memory or past its hard deadline is replaced and its document gets a `worker` error row.

mod common;

use common::{pdf, referat, temp_dir};
use std::path::Path;
use std::time::{Duration, Instant};

/// A one-page PDF whose deflated content stream decodes to `content`.
fn deflated_pdf(content: &[u8]) -> Vec<u8> {
    let bodies = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
        pdf::stream("/Filter /FlateDecode", &pdf::deflate(content)),
    ];
    pdf::pdf(&bodies, 1, 0)
}

fn errors(out: &Path) -> Vec<(String, String, String)> {
    csv::Reader::from_path(out.join("errors.csv"))
        .expect("errors.csv")
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[0].to_owned(), r[1].to_owned(), r[2].to_owned())
        })
        .collect()
}

fn good_minutes(dir: &Path) {
    std::fs::copy("fixtures/kkr-nordjylland-2021-01.txt", dir.join("a-good.txt")).expect("copy");
}

#[test]
fn a_worker_out_of_memory_costs_one_document() {
    let dir = temp_dir("iso-oom-in");
    good_minutes(&dir);
    // 150 MB of content in a 0.5 MB file; the worker may use 120 MiB.
    std::fs::write(dir.join("b-bomb.pdf"), deflated_pdf(&b"1 0 0 RG ".repeat(16_000_000)))
        .expect("write");
    std::fs::copy("fixtures/kkr-nordjylland-2021-01.txt", dir.join("c-after.txt")).expect("copy");
    let out = temp_dir("iso-oom-out");
    let output = referat()
        .args(["extract", "--quiet", "-j", "1", "--worker-memory", "120", "--out"])
        .arg(&out)
        .arg(&dir)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let rows = errors(&out);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let (path, stage, reason) = &rows[0];
    assert!(path.ends_with("b-bomb.pdf"));
    assert_eq!(stage, "worker");
    assert!(reason.contains("worker died") && reason.contains("120 MiB"), "{reason}");
    let jsonl = std::fs::read_to_string(out.join("documents.jsonl")).expect("jsonl");
    assert_eq!(jsonl.lines().count(), 2, "the documents before and after are extracted");
}

#[test]
fn a_stage_without_deadline_checks_is_killed_at_the_hard_deadline() {
    let dir = temp_dir("iso-hang-in");
    good_minutes(&dir);
    // One 20 MB sentence: the text path has no cooperative deadline check.
    let sentence =
        format!("Referat af mødet {}.\n", "og så videre med mere tekst ".repeat(700_000));
    std::fs::write(dir.join("b-sentence.txt"), sentence).expect("write");
    let out = temp_dir("iso-hang-out");
    let started = Instant::now();
    let output = referat()
        // Two seconds: the good document must finish inside the budget even in a debug build
        // on a loaded machine (it takes 1.2-2.0 s there); the sentence never does.
        .args(["extract", "--quiet", "-j", "1", "--doc-timeout", "2", "--out"])
        .arg(&out)
        .arg(&dir)
        .output()
        .expect("run");
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let rows = errors(&out);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].1, "worker");
    assert!(rows[0].2.contains("hard deadline"), "{rows:?}");
    // Within a second of the budget for the slow document, plus the good one's own time.
    assert!(took < Duration::from_secs(6), "took {took:?}");
}

#[test]
fn in_process_and_isolated_runs_give_the_same_outputs() {
    let out_process = temp_dir("iso-same-p");
    let out_none = temp_dir("iso-same-n");
    for (out, mode) in [(&out_process, "process"), (&out_none, "none")] {
        let status = referat()
            .args(["extract", "--quiet", "--ocr", "never", "--isolation", mode, "--out"])
            .arg(out)
            .arg("fixtures")
            .status()
            .expect("run");
        assert!(status.success());
    }
    for name in ["documents.jsonl", "meetings.csv", "items.csv", "errors.csv", "warnings.csv"] {
        assert_eq!(
            std::fs::read(out_process.join(name)).expect("process"),
            std::fs::read(out_none.join(name)).expect("none"),
            "{name}"
        );
    }
}
