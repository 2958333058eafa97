//! Document kind and status: minutes give records, agendas their meeting and items without
//! decisions, attachments (letters, notes, invitations, tables, scanned lists) nothing; no
//! document with zero records is `ok`; every status is in the manifest, the tables and SQLite.

mod common;

use common::{referat, shared_present, temp_dir};
use referat::ingest::{Limits, OcrMode};
use referat::model::{Document, Kind, Status};
use referat::pipeline::process_bytes;
use std::path::Path;

fn document(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    process_bytes(&path.to_string_lossy(), &bytes, &Limits::default(), OcrMode::Auto)
        .unwrap_or_else(|f| panic!("{} failed: {}", path.display(), f.reason))
}

fn tesseract_reads_danish() -> bool {
    std::process::Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).lines().any(|l| l.trim() == "dan"))
}

/// Asserts the kind, the evidence code, and what the default output keeps of the document.
fn assert_not_minutes(path: &Path, kind: Kind, code: &str) {
    let doc = document(path);
    let shown = path.display();
    assert_eq!((doc.source.kind, doc.source.status), (kind, Status::NotMinutes), "{shown}");
    assert!(doc.warnings.iter().any(|w| w.code == code), "{shown}: no {code}: {:?}", doc.warnings);
    let published = doc.restricted_to_kind();
    assert!(published.participants.is_empty(), "{shown}: participants written");
    match kind {
        Kind::Dagsorden => {
            assert!(!published.items.is_empty(), "{shown}: an agenda keeps its items");
            assert!(published.items.iter().all(|i| i.decision.is_none()), "{shown}: decisions");
        }
        _ => {
            assert!(published.items.is_empty(), "{shown}: items written");
            let m = &published.meeting;
            assert!(
                m.body.is_none()
                    && m.date.is_none()
                    && m.start_time.is_none()
                    && m.location.is_none(),
                "{shown}: meeting fields written: {m:?}"
            );
        }
    }
}

#[test]
fn our_negatives_are_not_minutes() {
    let dir = Path::new("tests/negatives");
    for (file, kind, code) in [
        ("kkr-invitation-letter.txt", Kind::Bilag, "K-TITLE-BILAG"),
        ("notat-budgetopfoelgning.txt", Kind::Bilag, "K-TITLE-BILAG"),
        ("hoeringssvar-brev.txt", Kind::Bilag, "K-TITLE-BILAG"),
        ("ejendomsliste-bilag.txt", Kind::Bilag, "K-TITLE-BILAG"),
        ("dagsorden-teknik-miljoe.txt", Kind::Dagsorden, "K-TITLE-DAGSORDEN"),
    ] {
        assert_not_minutes(&dir.join(file), kind, code);
    }
    // The invitation names a time and place of the event it invites to: not a meeting record.
    let letter = document(&dir.join("kkr-invitation-letter.txt"));
    assert_eq!(letter.meeting.start_time.as_deref(), Some("09:30"), "read, then withheld");
    let withheld = letter.restricted_to_kind();
    assert!(withheld.warnings.iter().any(|w| w.code == "K-WITHHELD"), "{:?}", withheld.warnings);
}

#[test]
fn a_scanned_list_is_not_minutes() {
    let scan = Path::new("tests/negatives/ejendomsliste-bilag.scan.png");
    if tesseract_reads_danish() {
        assert_not_minutes(scan, Kind::Bilag, "K-TITLE-BILAG");
    } else {
        eprintln!("skipped OCR: the scan is unread without Tesseract, so it must be unknown");
        let doc = document(scan);
        assert_eq!((doc.source.kind, doc.source.status), (Kind::Unknown, Status::Empty));
    }
}

#[test]
fn the_real_negatives_are_not_minutes() {
    skip_without_shared!();
    let real = Path::new("../shared/real");
    assert_not_minutes(
        &real.join("aarhus-sundhed-omsorg_bilag_sager-paa-vej_2025-08-29.pdf"),
        Kind::Bilag,
        "K-NO-MEETING",
    );
    assert_not_minutes(
        &real.join("ballerup_bilag_notat_KLs-proces-naere-sundhedsvaesen_2012-11-19.pdf"),
        Kind::Bilag,
        "K-TITLE-BILAG",
    );
    assert_not_minutes(
        &real.join("aarhus-byraad_dagsorden_2025-10-08_firstagenda.html"),
        Kind::Dagsorden,
        "K-TITLE-DAGSORDEN",
    );
}

/// Every minutes document we have labelled is minutes, ok or partial, and says which.
#[test]
fn every_labelled_minutes_document_is_minutes_with_records() {
    let mut inputs = Vec::new();
    for dir in ["fixtures", "fixtures/pdf", "eval/heldout", "eval/dev"] {
        for (name, _) in common::expected_files(Path::new(dir)) {
            let found = ["txt", "pdf"].iter().map(|e| Path::new(dir).join(format!("{name}.{e}")));
            inputs.extend(found.filter(|p| p.is_file()));
        }
    }
    if shared_present() {
        inputs.push("../shared/seed/kkr-nordjylland-2021-01.txt".into());
        inputs.push("../shared/real/syddjurs_puk_referat_2013-06-20_acadre.pdf".into());
        inputs.push("../shared/real/aarhus-byraad_referat_2025-08-27_firstagenda.pdf".into());
    }
    assert!(inputs.len() >= 40, "{} inputs", inputs.len());
    for path in inputs {
        let doc = document(&path);
        assert_eq!(doc.source.kind, Kind::Referat, "{}", path.display());
        let expected = if doc.warnings.is_empty() { Status::Ok } else { Status::Partial };
        assert_eq!(doc.source.status, expected, "{}", path.display());
        assert_eq!(doc.source.rules, referat::manifest::RULES_VERSION);
        assert_eq!(doc.source.referat_version, env!("CARGO_PKG_VERSION"));
    }
}

/// Documents with nothing in them are `empty` with a warning saying what was looked for, and
/// an empty file is `failed`.
#[test]
fn nothing_found_is_empty_never_ok() {
    let nothing = "Side 1\n\nTekst uden møde.\nEndnu en linje.\nOg en til.\nSidste linje her.\n";
    let doc = process_bytes("x.txt", nothing.as_bytes(), &Limits::default(), OcrMode::Never)
        .expect("readable");
    assert_ne!(doc.source.status, Status::Ok);
    let title = format!("Referat\n{nothing}");
    let doc = process_bytes("r.txt", title.as_bytes(), &Limits::default(), OcrMode::Never)
        .expect("readable");
    assert_eq!((doc.source.kind, doc.source.status), (Kind::Referat, Status::Empty));
    assert!(doc.warnings.iter().any(|w| w.code == "X-NO-PART"));
    assert!(doc.warnings.iter().any(|w| w.code == "X-NO-ITEMS"));
}

/// The status is in the manifest, meetings.csv, SQLite and the summary; `--kinds all` keeps
/// an attachment's records, flagged by its kind.
#[test]
fn status_and_kind_in_every_output() {
    let input = temp_dir("kinds-in");
    let out = temp_dir("kinds-out");
    for file in ["kkr-invitation-letter.txt", "dagsorden-teknik-miljoe.txt"] {
        std::fs::copy(Path::new("tests/negatives").join(file), input.join(file)).expect("copy");
    }
    std::fs::copy("fixtures/saeby-byraad-1998-05-14.txt", input.join("saeby.txt")).expect("copy");
    std::fs::write(input.join("empty.pdf"), b"").expect("write");
    let run = |kinds: &str| {
        referat()
            .args(["extract", "--kinds", kinds, "--force", "-o"])
            .arg(&out)
            .arg(&input)
            .output()
            .expect("runs")
    };
    let ran = run("minutes");
    let stderr = String::from_utf8_lossy(&ran.stderr);
    assert!(
        stderr.contains(
            "status: 1 ok, 0 partial (check the warnings), 0 empty, 2 not minutes, 1 failed"
        ),
        "{stderr}"
    );
    let manifest = std::fs::read_to_string(out.join("manifest.jsonl")).expect("manifest");
    let statuses: Vec<String> = manifest
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json")["status"].to_string())
        .collect();
    assert_eq!(statuses, ["\"not_minutes\"", "\"failed\"", "\"not_minutes\"", "\"ok\""]);
    let meetings = std::fs::read_to_string(out.join("meetings.csv")).expect("meetings");
    let mut rows = csv::Reader::from_reader(meetings.as_bytes());
    let header = rows.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let cells: Vec<(String, String, String)> = rows
        .records()
        .map(|r| r.expect("row"))
        .map(|r| {
            (
                r[col("kind")].to_owned(),
                r[col("status")].to_owned(),
                r[col("start_time")].to_owned(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("dagsorden".to_owned(), "not_minutes".to_owned(), "15:00".to_owned()),
            ("bilag".into(), "not_minutes".into(), String::new()),
            ("referat".into(), "ok".into(), "19:30".into()),
        ]
    );
    let db = rusqlite::Connection::open(out.join("referat.sqlite")).expect("db");
    let kinds: Vec<(String, String)> = db
        .prepare("SELECT kind, status FROM meetings ORDER BY document")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>()
        })
        .expect("query");
    assert_eq!(kinds.len(), 3);
    // Every kind keeps its records under --kinds all.
    assert!(run("all").status.code() == Some(1));
    let meetings = std::fs::read_to_string(out.join("meetings.csv")).expect("meetings");
    assert!(meetings.lines().any(|l| l.contains("bilag") && l.contains("09:30")), "{meetings}");
}
