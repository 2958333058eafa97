//! Research-ready data (#13): stable ids under any path, one meeting once, the data package
//! and its Table Schemas, people, the JSON log.

mod common;

use common::{referat, temp_dir};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

fn extract(args: &[&str], inputs: &[&Path], out: &Path, cwd: Option<&Path>) -> (i32, String) {
    let mut command = referat();
    command.arg("extract").args(args).arg("--out").arg(out).args(inputs);
    if let Some(dir) = cwd {
        command.current_dir(dir);
    }
    let output = command.output().expect("run referat");
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A table as rows of named cells.
fn table(out: &Path, name: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(out.join(format!("{name}.csv"))).expect(name);
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            header.iter().cloned().zip(r.iter().map(str::to_owned)).collect()
        })
        .collect()
}

/// The text fixtures and one PDF of the same meeting as one of them, copied into `dir`.
fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("pdf")).expect("dir");
    for entry in std::fs::read_dir("fixtures").expect("fixtures").filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, dir.join(entry.file_name())).expect("copy");
        }
    }
    let pdf = "hjoerring-byraad-2023-03-29.pdf";
    std::fs::copy(Path::new("fixtures/pdf").join(pdf), dir.join("pdf").join(pdf)).expect("copy");
}

/// The tables whose rows name no path: identical for the same corpus under any path.
const PATHLESS: &[&str] = &[
    "meetings.csv",
    "meeting_disagreements.csv",
    "participants.csv",
    "positions.csv",
    "items.csv",
    "votes.csv",
    "item_absences.csv",
    "people.csv",
    "person_names.csv",
    "person_ambiguities.csv",
    "warnings.csv",
];

fn assert_same_ids(a: &Path, b: &Path) {
    for name in PATHLESS {
        assert!(read(&a.join(name)) == read(&b.join(name)), "{name} differs");
    }
    let without_path = |out: &Path| -> Vec<BTreeMap<String, String>> {
        let mut rows = table(out, "documents");
        for row in &mut rows {
            row.remove("path");
        }
        rows.sort_by(|x, y| x["document_id"].cmp(&y["document_id"]));
        rows
    };
    assert_eq!(without_path(a), without_path(b));
}

#[test]
fn the_same_corpus_under_two_paths_has_the_same_ids_and_is_not_extracted_again() {
    let base = temp_dir("twopath");
    let corpus_dir = base.join("corpus");
    corpus(&corpus_dir);
    let n = std::fs::read_dir("fixtures")
        .expect("fixtures")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .count()
        + 1;
    let out = base.join("out");
    // First as a relative path, then as an absolute one.
    let (code, stderr) = extract(&[], &[Path::new("corpus")], &out, Some(&base));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains(&format!("{n} documents (0 unchanged)")), "{stderr}");
    let first = base.join("first");
    copy_outputs(&out, &first);
    let absolute = std::fs::canonicalize(&corpus_dir).expect("canonical");
    let (code, stderr) = extract(&[], &[&absolute], &out, None);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!("{n} documents ({n} unchanged)")),
        "nothing re-extracted: {stderr}"
    );
    assert!(stderr.contains(&format!("{n} kept records replaced")), "{stderr}");
    assert_eq!(read(&out.join("documents.jsonl")).lines().count(), n, "no record twice");
    assert_same_ids(&first, &out);
    let paths: Vec<String> =
        table(&out, "documents").into_iter().map(|r| r["path"].clone()).collect();
    assert!(paths.iter().all(|p| p.starts_with(&*absolute.to_string_lossy())), "{paths:?}");
    // Moved and renamed: still nothing to extract, the same ids.
    let moved = base.join("renamed-archive");
    std::fs::rename(&corpus_dir, &moved).expect("move");
    let (code, stderr) = extract(&[], &[&moved], &out, None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains(&format!("{n} documents ({n} unchanged)")), "{stderr}");
    assert_same_ids(&first, &out);
    let manifest = read(&out.join("manifest.jsonl"));
    assert_eq!(manifest.lines().count(), n);
    assert!(manifest.lines().all(|l| l.contains("renamed-archive")), "{manifest}");
    // The cache holds one record per content.
    assert_eq!(std::fs::read_dir(out.join(".cache")).expect("cache").count(), n);
    // A clean run elsewhere gives the same ids.
    let clean = base.join("clean");
    let (code, stderr) = extract(&["-j", "1"], &[&moved], &clean, None);
    assert_eq!(code, 0, "{stderr}");
    assert_same_ids(&first, &clean);
}

fn copy_outputs(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for name in referat::output::generation::FILES {
        std::fs::copy(from.join(name), to.join(name)).expect("copy output");
    }
}

#[test]
fn one_meeting_in_text_pdf_and_scan_is_one_meeting() {
    skip_without_shared!();
    let seed = Path::new("../shared/seed");
    let out = temp_dir("seed-one");
    let scan = seed.join("scanned");
    let pdfs = seed.join("pdf");
    let text = seed.join("kkr-nordjylland-2021-01.txt");
    let (code, stderr) = extract(&["--quiet"], &[&text, &pdfs, &scan], &out, None);
    assert_eq!(code, 0, "{stderr}");
    let documents = table(&out, "documents");
    assert_eq!(documents.len(), 9, "the text, seven PDFs and the scan");
    let meetings = table(&out, "meetings");
    let ocr = tesseract_reads_danish();
    if !ocr {
        eprintln!("the scan is not read without Tesseract (tesseract-ocr-dan): it is not counted");
    }
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    let meeting = &meetings[0];
    assert_eq!(meeting["body"], "KKR Nordjylland");
    assert_eq!(meeting["date"], "", "the seed states no date: none is guessed");
    assert_eq!(meeting["identified_by"], "body_municipality_case_numbers");
    let carried = if ocr { 9 } else { 8 };
    assert_eq!(meeting["documents"], carried.to_string());
    assert!(
        documents
            .iter()
            .filter(|d| !d["meeting_id"].is_empty())
            .all(|d| d["meeting_id"] == meeting["meeting_id"])
    );
    // The source is born-digital: a PDF with a text layer, not the scan.
    let source = documents
        .iter()
        .find(|d| d["document_id"] == meeting["source_document_id"])
        .expect("source");
    assert_eq!((source["format"].as_str(), source["ocr_pages"].as_str()), ("pdf", "0"));
    assert_eq!(documents.iter().filter(|d| d["meeting_source"] == "true").count(), 1);
    // Listings and items once.
    assert_eq!(table(&out, "participants").len(), 33);
    assert_eq!(table(&out, "items").len(), 3);
    if ocr {
        // The scan's misreadings are listed against the source, not merged into it.
        let scan_id =
            documents.iter().find(|d| d["ocr_pages"] != "0").expect("scan")["document_id"].clone();
        let disagreements = table(&out, "meeting_disagreements");
        assert!(disagreements.iter().all(|d| d["document_id"] == scan_id), "{disagreements:?}");
        assert_eq!(meeting["disagreements"], disagreements.len().to_string());
    }
    // The views and stats count it once.
    let db = rusqlite::Connection::open(out.join("referat.sqlite")).expect("db");
    let counted: i64 = db
        .query_row("SELECT SUM(meetings) FROM meetings_by_body_year", [], |r| r.get(0))
        .expect("view");
    assert_eq!(counted, 1);
    let listed: i64 = db
        .query_row("SELECT SUM(listed) FROM attendance_by_party", [], |r| r.get(0))
        .expect("view");
    let with_party = table(&out, "participants").iter().filter(|p| !p["party"].is_empty()).count();
    assert_eq!(listed as usize, with_party);
    let stats = referat().arg("stats").arg(&out).output().expect("stats");
    let text = String::from_utf8_lossy(&stats.stdout);
    assert!(text.starts_with("1 meetings in"), "{text}");
    let people = table(&out, "people");
    assert_eq!(people.len(), 33, "each listing of the one meeting is one person");
}

fn tesseract_reads_danish() -> bool {
    std::process::Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).lines().any(|l| l.trim() == "dan"))
}

/// Checks every CSV of a package against its Table Schema: the header, each cell's type,
/// required cells, allowed values, patterns, primary keys unique, foreign keys resolving.
fn validate_package(out: &Path) -> Vec<String> {
    let package: Value = serde_json::from_str(&read(&out.join("datapackage.json"))).expect("json");
    let mut problems = Vec::new();
    let mut keys: BTreeMap<(String, Vec<String>), HashSet<Vec<String>>> = BTreeMap::new();
    let mut references = Vec::new();
    for resource in package["resources"].as_array().expect("resources") {
        let name = resource["name"].as_str().expect("name");
        let delimiter = resource["dialect"]["delimiter"].as_str().expect("delimiter").as_bytes()[0];
        let bytes = std::fs::read(out.join(resource["path"].as_str().expect("path"))).expect("csv");
        let body = match resource["encoding"].as_str() {
            Some("utf-8-sig") => bytes.strip_prefix("\u{feff}".as_bytes()).expect("a BOM").to_vec(),
            _ => bytes,
        };
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(&body[..]);
        let schema = &resource["schema"];
        let fields = schema["fields"].as_array().expect("fields");
        let header: Vec<String> =
            reader.headers().expect("header").iter().map(str::to_owned).collect();
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().expect("name")).collect();
        if header != names {
            problems.push(format!("{name}: header {header:?} is not the schema's {names:?}"));
        }
        let column = |n: &str| names.iter().position(|x| *x == n).expect("key column");
        let primary: Vec<usize> = schema["primaryKey"]
            .as_array()
            .map_or(vec![], |k| k.iter().map(|c| column(c.as_str().unwrap_or(""))).collect());
        let mut seen = HashSet::new();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        for (n, row) in rows.iter().enumerate() {
            for (field, cell) in fields.iter().zip(row.iter()) {
                if let Some(problem) = cell_problem(field, cell) {
                    problems.push(format!(
                        "{name} row {}: {} {cell:?}: {problem}",
                        n + 1,
                        field["name"]
                    ));
                }
            }
            if !primary.is_empty() {
                let key: Vec<String> = primary.iter().map(|&i| row[i].to_owned()).collect();
                if !seen.insert(key.clone()) {
                    problems.push(format!("{name} row {}: primary key {key:?} repeated", n + 1));
                }
            }
        }
        // Every column a foreign key refers to is indexed by its values.
        for key in schema["foreignKeys"].as_array().into_iter().flatten() {
            let fields: Vec<usize> = key["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .map(|f| column(f.as_str().unwrap_or("")))
                .collect();
            let target = key["reference"]["resource"].as_str().expect("resource").to_owned();
            let target_fields: Vec<String> = key["reference"]["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .map(|f| f.as_str().unwrap_or("").to_owned())
                .collect();
            for row in &rows {
                let values: Vec<String> = fields.iter().map(|&i| row[i].to_owned()).collect();
                if values.iter().all(|v| !v.is_empty()) {
                    references.push((
                        name.to_owned(),
                        target.clone(),
                        target_fields.clone(),
                        values,
                    ));
                }
            }
        }
        let all: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
        for wanted in all
            .iter()
            .map(|c| vec![c.clone()])
            .chain(std::iter::once(primary.iter().map(|&i| all[i].clone()).collect()))
        {
            let idx: Vec<usize> = wanted.iter().map(|c| column(c)).collect();
            let set = rows.iter().map(|r| idx.iter().map(|&i| r[i].to_owned()).collect()).collect();
            keys.insert((name.to_owned(), wanted), set);
        }
    }
    for (from, target, fields, values) in references {
        let resolves =
            keys.get(&(target.clone(), fields.clone())).is_some_and(|s| s.contains(&values));
        if !resolves {
            problems.push(format!("{from}: {fields:?} = {values:?} names no row of {target}"));
        }
    }
    problems
}

fn cell_problem(field: &Value, cell: &str) -> Option<String> {
    let constraints = &field["constraints"];
    if cell.is_empty() {
        return (constraints["required"] == true).then(|| "required".to_owned());
    }
    let ok = match field["type"].as_str().expect("type") {
        "integer" | "year" => cell.parse::<i64>().is_ok(),
        "number" => cell.parse::<f64>().is_ok(),
        "boolean" => cell == "true" || cell == "false",
        "date" => regex::Regex::new(r"^\d{4}-\d{2}-\d{2}$").expect("re").is_match(cell),
        "time" => regex::Regex::new(r"^\d{2}:\d{2}$").expect("re").is_match(cell),
        _ => true,
    };
    if !ok {
        return Some(format!("not a {}", field["type"]));
    }
    if let Some(values) = constraints["enum"].as_array()
        && !values.iter().any(|v| v == cell)
    {
        return Some("not an allowed value".to_owned());
    }
    if let Some(pattern) = constraints["pattern"].as_str()
        && !regex::Regex::new(&format!("^(?:{pattern})$")).expect("pattern").is_match(cell)
    {
        return Some(format!("does not match {pattern}"));
    }
    None
}

#[test]
fn the_data_package_describes_every_table_and_the_tables_conform() {
    let out = temp_dir("package");
    let (code, stderr) = extract(&["--quiet"], &[Path::new("fixtures")], &out, None);
    assert_eq!(code, 0, "{stderr}");
    let problems = validate_package(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Codes and numbers stay strings; lists are long tables, never joined cells.
    let package: Value = serde_json::from_str(&read(&out.join("datapackage.json"))).expect("json");
    let field_type = |table: &str, field: &str| {
        package["resources"]
            .as_array()
            .expect("r")
            .iter()
            .find(|r| r["name"] == table)
            .expect(table)["schema"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .find(|f| f["name"] == field)
            .map(|f| f["type"].as_str().unwrap_or("").to_owned())
    };
    assert_eq!(field_type("meetings", "municipality_code").as_deref(), Some("string"));
    assert_eq!(field_type("items", "number").as_deref(), Some("string"));
    assert_eq!(field_type("participants", "positions"), None);
    assert!(table(&out, "items").iter().any(|i| i["number"] == "2.1" || i["number"].contains('.')));
    for name in ["participants", "items", "votes", "item_absences", "positions"] {
        for row in table(&out, name) {
            assert!(
                row.values().all(|v| !v.contains("; ") || v.len() > 60),
                "{name}: a joined list in {row:?}"
            );
        }
    }
    assert!(!table(&out, "votes").is_empty() && !table(&out, "item_absences").is_empty());
    // The Excel dialect: a BOM, `;`, and the package says so.
    let excel = temp_dir("package-excel");
    let (code, stderr) =
        extract(&["--quiet", "--csv-dialect", "excel"], &[Path::new("fixtures")], &excel, None);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::read(excel.join("meetings.csv"))
            .expect("csv")
            .starts_with("\u{feff}meeting_id;".as_bytes())
    );
    let problems = validate_package(&excel);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn people_are_resolved_across_meetings_and_linked_to_a_roster() {
    let input = temp_dir("people-in");
    // The same council twice in one term, a member written with an initial the second time.
    let fixture = read(Path::new("fixtures/hjoerring-byraad-2023-03-29.txt"));
    std::fs::write(input.join("a.txt"), &fixture).expect("write");
    let first_member = table_of_one(&input.join("a.txt"));
    let later = fixture.replace("29. marts 2023", "26. april 2023");
    assert_ne!(later, fixture, "the date is written as expected");
    let (first, last) = first_member.split_once(' ').expect("two names");
    let initial = format!("{}. {}", &first[..1], last.rsplit(' ').next().unwrap_or(last));
    std::fs::write(input.join("b.txt"), later.replacen(&first_member, &initial, 1)).expect("write");
    let roster = input.join("roster.csv");
    std::fs::write(&roster, format!("name;party;municipality;from;to;external id\n{first_member};;Hjørring Kommune;2022;2025;kv-1\n")).expect("write");
    let out = temp_dir("people-out");
    let roster_arg = roster.to_string_lossy().into_owned();
    let (code, stderr) = extract(
        &["--roster", &roster_arg],
        &[&input.join("a.txt"), &input.join("b.txt")],
        &out,
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(table(&out, "meetings").len(), 2);
    let people = table(&out, "people");
    let person = people.iter().find(|p| p["name"] == first_member).expect("the member");
    assert_eq!(person["meetings"], "2", "{person:?}");
    assert_eq!(person["term"], "2022-2025");
    assert_eq!(person["roster_id"], "kv-1");
    let names = table(&out, "person_names");
    assert!(
        names.iter().any(|n| n["person_id"] == person["person_id"]
            && n["name"] == initial
            && n["evidence"] == "initials"),
        "{names:?}"
    );
    // Every other member of the roster's municipality is reported as unmatched.
    assert!(stderr.contains("matches no roster entry"), "{stderr}");
    let participants = table(&out, "participants");
    assert_eq!(participants.iter().filter(|p| p["person_id"] == person["person_id"]).count(), 2);
}

/// The first listed member's name of a document.
fn table_of_one(path: &Path) -> String {
    let out = temp_dir("people-probe");
    let (code, stderr) = extract(&["--quiet"], &[path], &out, None);
    assert_eq!(code, 0, "{stderr}");
    table(&out, "participants")
        .into_iter()
        .find(|p| !p["party"].is_empty() && p["name"].split(' ').count() == 2)
        .expect("a member with two names")["name"]
        .clone()
}

#[test]
fn json_log_has_one_line_per_document() {
    let out = temp_dir("jsonlog");
    let input = temp_dir("jsonlog-in");
    std::fs::copy("fixtures/saeby-byraad-1998-05-14.txt", input.join("a.txt")).expect("copy");
    std::fs::copy("fixtures/rebild-byraad-2025-08-27.txt", input.join("b.txt")).expect("copy");
    std::fs::write(input.join("c.pdf"), b"%PDF-1.4 garbage").expect("write");
    let (code, stderr) = extract(&["--log-format", "json"], &[&input], &out, None);
    assert_eq!(code, 1, "{stderr}");
    let lines: Vec<Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    let documents: Vec<&Value> = lines.iter().filter(|l| l["event"] == "document").collect();
    assert_eq!(documents.len(), 3);
    for doc in &documents {
        for key in ["path", "status", "seconds"] {
            assert!(!doc[key].is_null(), "{key} in {doc}");
        }
    }
    assert_eq!(documents[0]["participants"], 19);
    assert!(documents[0]["warnings"].is_number() && documents[0]["items"].is_number());
    assert_eq!(documents[2]["status"], "failed");
    assert_eq!(lines.last().expect("summary")["event"], "summary");
    // -q keeps only failures; -v gives a text line per document.
    let (_, quiet) = extract(&["--log-format", "json", "-q", "--force"], &[&input], &out, None);
    assert_eq!(quiet.lines().count(), 1, "{quiet}");
    let (_, verbose) = extract(&["-v"], &[&input], &out, None);
    assert!(verbose.lines().any(|l| l.contains("a.txt: ok, 19 participants")), "{verbose}");
}
