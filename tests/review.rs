//! `referat review`: the HTML pages for checking records by hand. The structure of the pages
//! is asserted on the parsed DOM (every record links to the line it came from, the warnings,
//! the line anchors per page, the marks) and golden-tested on the shipped fixtures and the
//! shared corpus (`tests/review/*.json`, structure not bytes; `REFERAT_BLESS=1` rewrites
//! them). The browser tests render the pages in headless Chromium (`.ci/run` installs it):
//! the status filter from the URL, the links in the DOM Chromium builds, a screenshot that is
//! not blank, the highlighted target line. Without Chromium they say they were skipped,
//! unless `REFERAT_REQUIRE_BROWSER=1` makes that a failure.

mod common;

use common::{referat, temp_dir};
use scraper::{ElementRef, Html, Selector};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"))
}

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("run referat");
    assert!(output.status.code().is_some(), "killed: {output:?}");
    output
}

/// Extracts `inputs` into `out` (exit code asserted 0).
fn extract(inputs: &[&Path], out: &Path) {
    let output = run(referat().arg("extract").args(inputs).args(["--quiet", "--out"]).arg(out));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
}

/// Runs `referat review OUT` and returns its output.
fn review(out: &Path, extra: &[&str]) -> Output {
    run(referat().arg("review").arg(out).args(extra))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn documents(out: &Path) -> Vec<Value> {
    read(&out.join("documents.jsonl"))
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record"))
        .collect()
}

/// The index's rows: (path, status, page file or None).
fn index_rows(out: &Path) -> Vec<(String, String, Option<String>)> {
    let index = Html::parse_document(&read(&out.join("review/index.html")));
    index
        .select(&sel("tbody tr.doc"))
        .map(|row| {
            let status = row.attr("data-status").unwrap_or_default().to_owned();
            let cell = row.select(&sel("td.doc")).next().expect("a document cell");
            let link = cell.select(&sel("a")).next();
            let path = cell.text().collect::<String>();
            (path, status, link.and_then(|a| a.attr("href")).map(str::to_owned))
        })
        .collect()
}

/// The page of the document whose path is `path`.
fn page_of(out: &Path, path: &str) -> Html {
    let (_, _, page) = index_rows(out)
        .into_iter()
        .find(|(p, _, _)| p == path)
        .unwrap_or_else(|| panic!("{path} is not in the index"));
    let page = page.unwrap_or_else(|| panic!("{path} has no page"));
    Html::parse_document(&read(&out.join("review").join(page)))
}

fn line_id(page: &Value, line: &Value) -> String {
    format!("p{page}-l{line}")
}

/// The target id of the first `.src` link in `element`, or None when it is no link.
fn link_target(element: ElementRef<'_>) -> Option<String> {
    let link = element.select(&sel(".src")).next()?;
    Some(link.attr("href")?.strip_prefix('#')?.to_owned())
}

/// Every `id` of the text column's lines.
fn line_ids(page: &Html) -> HashSet<String> {
    page.select(&sel("main .line")).filter_map(|l| l.attr("id").map(str::to_owned)).collect()
}

/// Asserts that every record of `doc` links to its own line in `page`, and every warning
/// with a line to that line.
fn assert_records_link_to_their_lines(page: &Html, doc: &Value) {
    let path = doc["source"]["path"].as_str().unwrap_or_default();
    let lines = line_ids(page);
    let participants: Vec<ElementRef<'_>> = page.select(&sel("tr.participant")).collect();
    let expected = doc["participants"].as_array().expect("participants");
    assert_eq!(participants.len(), expected.len(), "{path}: participant rows");
    for (row, p) in participants.iter().zip(expected) {
        let target = link_target(*row).unwrap_or_else(|| panic!("{path}: {} unlinked", p["name"]));
        assert_eq!(target, line_id(&p["page"], &p["line"]), "{path}: {}", p["name"]);
        assert!(lines.contains(&target), "{path}: {} links to {target}, no such line", p["name"]);
    }
    let items: Vec<ElementRef<'_>> = page.select(&sel("article.item")).collect();
    let expected = doc["items"].as_array().expect("items");
    assert_eq!(items.len(), expected.len(), "{path}: items");
    for (article, item) in items.iter().zip(expected) {
        let heading = article.select(&sel("h3")).next().expect("an item heading");
        let target = link_target(heading).expect("an item link");
        assert_eq!(
            target,
            line_id(&item["page"], &item["line"]),
            "{path}: item {}",
            item["number"]
        );
        assert!(lines.contains(&target), "{path}: item {} links to {target}", item["number"]);
        let sections: Vec<ElementRef<'_>> = article.select(&sel("li.section")).collect();
        let expected_sections = item["sections"].as_array().expect("sections");
        assert_eq!(sections.len(), expected_sections.len());
        for (li, s) in sections.iter().zip(expected_sections) {
            let target = link_target(*li).expect("a section link");
            assert_eq!(target, line_id(&s["page"], &s["line"]));
            assert!(lines.contains(&target));
        }
        if let Some(decision) = item["decision"].as_object() {
            let div = article.select(&sel("div.decision")).next().expect("a decision");
            let target = link_target(div).expect("a decision link");
            assert_eq!(target, line_id(&decision["page"], &decision["line"]));
            assert!(lines.contains(&target));
        }
    }
    let warnings: Vec<ElementRef<'_>> = page.select(&sel("li.warning")).collect();
    let expected = doc["warnings"].as_array().expect("warnings");
    assert_eq!(warnings.len(), expected.len(), "{path}: warnings");
    for (li, w) in warnings.iter().zip(expected) {
        let code = li.select(&sel("code.code")).next().map(|c| c.text().collect::<String>());
        assert_eq!(code.as_deref(), w["code"].as_str());
        if w["line"].is_u64() {
            let target = link_target(*li).expect("a warning link");
            assert_eq!(target, line_id(&w["page"], &w["line"]));
            assert!(lines.contains(&target), "{path}: warning {} at {target}", w["code"]);
        }
    }
    assert_eq!(page.select(&sel(".unresolved")).count(), 0, "{path}: unresolved links");
}

/// Lines per page of `referat text FILE`: the text layer the pages must number.
fn text_layer_lines(path: &str) -> Vec<usize> {
    let output = run(referat().args(["text", path]));
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let mut pages: Vec<&str> = text.split('\x0C').collect();
    pages.pop();
    pages.iter().map(|p| p.matches('\n').count()).collect()
}

fn lines_per_page(page: &Html) -> Vec<usize> {
    page.select(&sel("main section.page")).map(|s| s.select(&sel(".line")).count()).collect()
}

/// A page's structure, for the golden files: line anchors per page, every record link and its
/// target, the warnings, the lines marked not taken and the zones' sizes.
fn structure(page: &Html) -> Value {
    let links: Vec<Value> = page
        .select(&sel("aside .src[data-rec]"))
        .map(|a| json!([a.attr("data-rec"), a.attr("href").unwrap_or("")]))
        .collect();
    let warnings: Vec<Value> = page
        .select(&sel("li.warning"))
        .map(|li| {
            let code = li.select(&sel("code.code")).next().map(|c| c.text().collect::<String>());
            json!([code, link_target(li).unwrap_or_default()])
        })
        .collect();
    let ids = |css: &str| -> Vec<String> {
        page.select(&sel(css)).filter_map(|l| l.attr("id").map(str::to_owned)).collect()
    };
    json!({
        "lines_per_page": lines_per_page(page),
        "links": links,
        "warnings": warnings,
        "not_taken": ids("main .line.not-taken"),
        "header_zone": ids("main .line.z-header").len(),
        "attendance_zone": ids("main .line.z-attendance").len(),
        "dropped": ids("main .line.dropped"),
    })
}

/// Compares a page's structure with `tests/review/NAME.json` (written when REFERAT_BLESS=1).
fn assert_structure(name: &str, page: &Html) {
    let actual = structure(page);
    let path = PathBuf::from("tests/review").join(format!("{name}.json"));
    if std::env::var("REFERAT_BLESS").is_ok_and(|v| v == "1") {
        let text = serde_json::to_string_pretty(&actual).expect("JSON") + "\n";
        std::fs::write(&path, text).expect("write golden");
        return;
    }
    let expected: Value = serde_json::from_str(&read(&path)).unwrap_or_else(|e| {
        panic!("{}: {e} (REFERAT_BLESS=1 cargo test --test review writes it)", path.display())
    });
    for key in expected.as_object().expect("an object").keys() {
        assert_eq!(actual[key], expected[key], "{name}: {key} differs from {}", path.display());
    }
}

/// Every page written is self-contained: one UTF-8 charset declaration, no reference to the
/// network, no script but the index's own.
fn assert_self_contained(html: &str, is_index: bool) {
    let page = Html::parse_document(html);
    assert_eq!(page.select(&sel("meta[charset=\"utf-8\"]")).count(), 1);
    let scripts: Vec<ElementRef<'_>> = page.select(&sel("script")).collect();
    assert_eq!(scripts.len(), usize::from(is_index));
    for script in scripts {
        assert!(script.attr("src").is_none());
        assert!(script.text().collect::<String>().trim_start().starts_with("(function"));
    }
    for element in page.select(&sel("*")) {
        for (name, value) in element.value().attrs() {
            let value = value.trim_start().to_lowercase();
            assert!(
                !(value.starts_with("http:")
                    || value.starts_with("https:")
                    || value.starts_with("//")),
                "{name}={value}: a network reference"
            );
            assert!(!name.starts_with("on"), "an event handler attribute {name}");
        }
    }
    assert_eq!(page.select(&sel("link, img, iframe, object, embed")).count(), 0);
}

/// The shipped fixtures, extracted once for the tests that read them.
fn fixtures_output() -> &'static Path {
    static OUT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    OUT.get_or_init(|| {
        let out = temp_dir("review-fixtures");
        extract(&[Path::new("fixtures")], &out);
        let output = review(&out, &["--quiet"]);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        out
    })
}

#[test]
fn fixtures_every_record_links_to_its_line_and_every_line_is_numbered() {
    let out = fixtures_output();
    let docs = documents(out);
    let rows = index_rows(out);
    assert_eq!(rows.len(), docs.len(), "one index row per document");
    let ranks = ["partial", "empty", "failed", "not_minutes", "ok"];
    let rank = |s: &str| ranks.iter().position(|r| *r == s).expect("a known status");
    assert!(rows.windows(2).all(|w| rank(&w[0].1) <= rank(&w[1].1)), "partial and empty first");
    assert_self_contained(&read(&out.join("review/index.html")), true);
    for doc in &docs {
        let path = doc["source"]["path"].as_str().expect("a path");
        let row = rows.iter().find(|r| r.0 == path).expect("an index row");
        assert_eq!(Some(row.1.as_str()), doc["source"]["status"].as_str());
        let file = out.join("review").join(row.2.as_deref().expect("a page"));
        let html = read(&file);
        assert_self_contained(&html, false);
        let page = Html::parse_document(&html);
        assert_eq!(page.select(&sel(".no-text")).count(), 0, "{path}: text shown");
        assert_records_link_to_their_lines(&page, doc);
        // OCR is re-run by `referat text`: the scans are checked by their golden file.
        if doc["source"]["ocr_pages"] == 0 {
            assert_eq!(lines_per_page(&page), text_layer_lines(path), "{path}: line anchors");
        }
    }
}

#[test]
fn fixtures_header_lines_not_understood_are_marked_not_taken() {
    let out = fixtures_output();
    for doc in documents(out) {
        let path = doc["source"]["path"].as_str().expect("a path");
        let page = page_of(out, path);
        let not_taken: HashSet<String> = page
            .select(&sel("main .line.not-taken"))
            .filter_map(|l| l.attr("id").map(str::to_owned))
            .collect();
        for w in doc["warnings"].as_array().expect("warnings") {
            if w["code"] == "X-HDR-LINE" || w["code"] == "X-ATT-LINE" {
                let id = line_id(&w["page"], &w["line"]);
                assert!(not_taken.contains(&id), "{path}: {} at {id} not marked", w["code"]);
            }
        }
        // Every participant's own line is taken.
        for p in doc["participants"].as_array().expect("participants") {
            let id = line_id(&p["page"], &p["line"]);
            assert!(!not_taken.contains(&id), "{path}: {} at {id} marked not taken", p["name"]);
        }
    }
}

#[test]
fn fixtures_golden_structure() {
    let out = fixtures_output();
    assert_structure(
        "fixture-kkr-nordjylland-2021-01",
        &page_of(out, "fixtures/kkr-nordjylland-2021-01.txt"),
    );
    assert_structure(
        "fixture-syddjurs-ntm-2025-06-18",
        &page_of(out, "fixtures/syddjurs-ntm-2025-06-18.txt"),
    );
    assert_structure(
        "fixture-pdf-frederikshavn-oekonomiudvalget-2012-12-04",
        &page_of(out, "fixtures/pdf/frederikshavn-oekonomiudvalget-2012-12-04.pdf"),
    );
}

#[test]
fn review_is_the_same_whatever_the_thread_count() {
    let dir = temp_dir("review-threads");
    let out = dir.join("out");
    extract(&[Path::new("fixtures/pdf"), Path::new("fixtures/kkr-nordjylland-2021-01.txt")], &out);
    let snapshot = |jobs: &str| -> BTreeMap<String, Vec<u8>> {
        assert_eq!(review(&out, &["--quiet", "-j", jobs]).status.code(), Some(0));
        std::fs::read_dir(out.join("review"))
            .expect("review folder")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".html"))
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).expect("page"),
                )
            })
            .collect()
    };
    let one = snapshot("1");
    assert_eq!(one.len(), 5 + 1, "four PDFs, one text and the index");
    assert_eq!(one, snapshot("2"));
}

/// Minutes whose text tries to break out of the page: markup, quotes in attributes, a script,
/// a bidirectional override; and a file name with markup in it.
const HOSTILE: &str = "Referat\n\
Økonomiudvalget <script>alert('x')</script>\n\
Mødedato: 4. december 2012\n\
\" onmouseover=\"alert(1)\" data-x='y' & <b>fed</b>\n\
Vedtægt \u{202E}txt.exe\n\
\n\
Deltagere:\n\
Anne <img src=x onerror=alert(1)> Hansen (V)\n\
Bo Jensen (A)\n\
\n\
1. Godkendelse af dagsorden </div></main><script>alert(2)</script>\n\
Beslutning:\n\
Godkendt. Æble, øl & ål.\n";

#[test]
fn review_escapes_everything_taken_from_documents() {
    let dir = temp_dir("review-hostile");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).expect("input folder");
    let name = "møde <i x=\"1\"> & 'y'.txt";
    std::fs::write(input.join(name), HOSTILE).expect("hostile input");
    let out = dir.join("out");
    extract(&[&input], &out);
    assert_eq!(review(&out, &["--quiet"]).status.code(), Some(0));
    let index = read(&out.join("review/index.html"));
    assert_self_contained(&index, true);
    assert!(index.contains("møde &lt;i x=&quot;1&quot;&gt; &amp; &#39;y&#39;.txt"));
    let (_, _, file) = index_rows(&out).pop().expect("one row");
    let file = file.expect("a page");
    assert!(file.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'), "{file}");
    let html = read(&out.join("review").join(&file));
    assert_self_contained(&html, false);
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(
        html.contains("&quot; onmouseover=&quot;alert(1)&quot; data-x=&#39;y&#39; &amp; &lt;b&gt;")
    );
    assert!(html.contains("<span class=\"ctl\">U+202E</span>txt.exe"));
    assert!(!html.contains('\u{202E}'));
    assert!(html.contains("Godkendt. Æble, øl &amp; ål."), "Danish letters as they are");
    let page = Html::parse_document(&html);
    assert_eq!(page.select(&sel("i, img")).count(), 0, "no element from the document");
    let doc = &documents(&out)[0];
    assert_records_link_to_their_lines(&page, doc);
}

#[test]
fn a_source_gone_or_changed_is_said_and_its_records_shown_without_text() {
    let dir = temp_dir("review-gone");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).expect("input folder");
    for name in ["kkr-nordjylland-2021-01.txt", "greve-oekonomiudvalget-2023-11-16.txt"] {
        std::fs::copy(Path::new("fixtures").join(name), input.join(name)).expect("copy");
    }
    let out = dir.join("out");
    extract(&[&input], &out);
    assert_eq!(review(&out, &["--quiet"]).status.code(), Some(0));
    let changed = input.join("kkr-nordjylland-2021-01.txt");
    let mut text = read(&changed);
    text.push_str("\nEt tilføjet afsnit.\n");
    std::fs::write(&changed, text).expect("change");
    std::fs::remove_file(input.join("greve-oekonomiudvalget-2023-11-16.txt")).expect("remove");
    let output = review(&out, &[]);
    assert_eq!(output.status.code(), Some(1), "pages without their text");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("has changed since it was extracted"), "{stderr}");
    assert!(stderr.contains("cannot be read"), "{stderr}");
    for doc in documents(&out) {
        let path = doc["source"]["path"].as_str().expect("a path");
        let page = page_of(&out, path);
        assert_eq!(page.select(&sel(".no-text")).count(), 1, "{path}");
        assert_eq!(page.select(&sel("main .line")).count(), 0);
        let participants = doc["participants"].as_array().expect("participants").len();
        assert_eq!(page.select(&sel("tr.participant")).count(), participants);
        assert_eq!(page.select(&sel("aside a.src")).count(), 0, "{path}: no line to link to");
    }
    let index = read(&out.join("review/index.html"));
    assert_eq!(index.matches("not shown: the source file").count(), 2);
}

#[test]
fn pages_of_documents_no_longer_in_the_output_are_removed() {
    let dir = temp_dir("review-stale");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).expect("input folder");
    for name in ["greve-oekonomiudvalget-2023-11-16.txt", "aarhus-byraad-2025-09-24.txt"] {
        std::fs::copy(Path::new("fixtures").join(name), input.join(name)).expect("copy");
    }
    let out = dir.join("out");
    extract(&[&input], &out);
    assert_eq!(review(&out, &["--quiet"]).status.code(), Some(0));
    let own = out.join("review/notes.html");
    std::fs::write(&own, "kept").expect("a file of the archivist's");
    let count = || std::fs::read_dir(out.join("review")).expect("folder").count();
    let before = count();
    std::fs::remove_file(input.join("aarhus-byraad-2025-09-24.txt")).expect("remove");
    let output =
        run(referat().args(["extract", "--quiet", "--prune", "--out"]).arg(&out).arg(&input));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(review(&out, &["--quiet"]).status.code(), Some(0));
    assert_eq!(count(), before - 1, "the gone document's page is removed");
    assert_eq!(index_rows(&out).len(), 1);
    assert!(own.exists(), "files the review did not write are left alone");
}

#[test]
fn review_run_from_elsewhere_finds_the_sources_beside_the_output_folder() {
    let dir = temp_dir("review-elsewhere");
    std::fs::create_dir_all(dir.join("in")).expect("input folder");
    let name = "greve-oekonomiudvalget-2023-11-16.txt";
    std::fs::copy(Path::new("fixtures").join(name), dir.join("in").join(name)).expect("copy");
    let output =
        run(referat().args(["extract", "in", "--quiet", "--out", "out"]).current_dir(&dir));
    assert_eq!(output.status.code(), Some(0));
    let elsewhere = temp_dir("review-elsewhere-cwd");
    let output = run(referat().arg("review").arg(dir.join("out")).current_dir(&elsewhere));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let page = page_of(&dir.join("out"), "in/greve-oekonomiudvalget-2023-11-16.txt");
    assert_eq!(page.select(&sel(".no-text")).count(), 0);
    assert_records_link_to_their_lines(&page, &documents(&dir.join("out"))[0]);
}

#[test]
fn review_without_an_output_folder_is_a_usage_error() {
    let dir = temp_dir("review-none");
    let output = review(&dir.join("nothing-here"), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no documents.jsonl"));
}

#[test]
fn open_prints_the_index_path_without_xdg_open() {
    let out = temp_dir("review-open");
    extract(&[Path::new("fixtures/greve-oekonomiudvalget-2023-11-16.txt")], &out);
    // An empty PATH: no xdg-open to find.
    let output = run(referat().args(["review", "--quiet", "--open"]).arg(&out).env("PATH", ""));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(printed.trim(), out.join("review/index.html").to_string_lossy());
}

/// True when Tesseract with the Danish model is installed (the scan's golden needs its text).
fn tesseract_present() -> bool {
    let found = Command::new("tesseract").arg("--list-langs").output();
    let langs = found.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    let present = langs.lines().any(|l| l.trim() == "dan");
    if !present && std::env::var("REFERAT_REQUIRE_OCR").is_ok_and(|v| v == "1") {
        panic!("the scan's review needs Tesseract with the Danish model");
    }
    present
}

#[test]
fn shared_corpus_golden_structure() {
    skip_without_shared!();
    let seed = Path::new("../shared/seed/kkr-nordjylland-2021-01.txt");
    let real = Path::new(
        "../shared/real/ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04_edoc.pdf",
    );
    let scan = Path::new("../shared/seed/scanned/kkr-nordjylland-2021-01.scan.pdf");
    let ocr = tesseract_present();
    let mut inputs = vec![seed, real];
    if ocr {
        inputs.push(scan);
    } else {
        eprintln!("skipped the scan: Tesseract with the Danish model is not installed");
    }
    let out = temp_dir("review-shared");
    extract(&inputs, &out);
    assert_eq!(review(&out, &["--quiet"]).status.code(), Some(0));
    let docs = documents(&out);
    for (input, name) in [
        (seed, "seed-kkr-nordjylland-2021-01"),
        (real, "real-ballerup-referat-2012-12-04"),
        (scan, "scan-kkr-nordjylland-2021-01"),
    ] {
        let path = input.to_string_lossy();
        let Some(doc) = docs.iter().find(|d| d["source"]["path"] == *path) else {
            continue;
        };
        let page = page_of(&out, &path);
        assert_records_link_to_their_lines(&page, doc);
        assert_structure(name, &page);
        if doc["source"]["ocr_pages"] == 0 {
            assert_eq!(lines_per_page(&page), text_layer_lines(&path), "{path}: line anchors");
        } else {
            // OCR'd records show their confidence.
            let badges = page.select(&sel("tr.participant .ocr")).count();
            assert_eq!(badges, doc["participants"].as_array().map_or(0, Vec::len));
        }
    }
}

// ---- In a real browser -------------------------------------------------------------------

/// Chromium, when installed. Without it the browser tests are skipped with a message, unless
/// `REFERAT_REQUIRE_BROWSER=1` (set by `.ci/run`) makes that a failure.
fn chromium() -> Option<&'static str> {
    let found = Command::new("chromium")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found && std::env::var("REFERAT_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
        panic!("the browser tests need Chromium: apt-get install chromium");
    }
    if !found {
        eprintln!("skipped: Chromium is not installed (apt-get install chromium)");
    }
    found.then_some("chromium")
}

macro_rules! require_chromium {
    () => {
        match chromium() {
            Some(browser) => browser,
            None => return,
        }
    };
}

/// One browser at a time: the machine is small, and each instance is heavy.
static BROWSER: Mutex<()> = Mutex::new(());

/// Runs headless Chromium on `url` with `args`, within a deadline; returns stdout.
fn headless(browser: &str, url: &str, args: &[String]) -> String {
    let _one = BROWSER.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let profile = temp_dir(&format!("chromium-profile-{}", args.len()));
    let mut child = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut std::io::BufReader::new(stdout), &mut text);
        text
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = std::fs::remove_dir_all(&profile);
    reader.join().expect("reader")
}

fn file_url(path: &Path, suffix: &str) -> String {
    let path = std::fs::canonicalize(path).expect("canonical path");
    format!("file://{}{suffix}", path.display())
}

fn dump_dom(browser: &str, path: &Path, suffix: &str) -> Html {
    let dom = headless(browser, &file_url(path, suffix), &["--dump-dom".to_owned()]);
    assert!(dom.contains("</html>"), "no DOM from chromium: {dom:?}");
    Html::parse_document(&dom)
}

/// (status, hidden) of every row, in the order the browser shows them.
fn browser_rows(dom: &Html) -> Vec<(String, bool, usize)> {
    dom.select(&sel("tbody tr.doc"))
        .map(|r| {
            let warnings = r.select(&sel("td.warnings")).next().and_then(|c| c.attr("data-v"));
            (
                r.attr("data-status").unwrap_or_default().to_owned(),
                r.attr("hidden").is_some(),
                warnings.and_then(|w| w.parse().ok()).unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn browser_status_filter_applies_the_url() {
    let browser = require_chromium!();
    let index = fixtures_output().join("review/index.html");
    let dom = dump_dom(browser, &index, "#status=partial");
    let rows = browser_rows(&dom);
    assert!(rows.iter().any(|r| r.0 == "partial") && rows.iter().any(|r| r.0 != "partial"));
    for (status, hidden, _) in &rows {
        assert_eq!(*hidden, status != "partial", "a {status} row");
    }
    let body = dom.select(&sel("body")).next().expect("body");
    assert_eq!(body.attr("data-filter"), Some("partial"));
    let current: Vec<String> = dom
        .select(&sel("nav.filters a[aria-current]"))
        .filter_map(|a| a.attr("data-filter").map(str::to_owned))
        .collect();
    assert_eq!(current, ["partial"]);
    let partial = rows.iter().filter(|r| r.0 == "partial").count();
    let shown = dom.select(&sel("#shown")).next().expect("count").text().collect::<String>();
    assert_eq!(shown, format!("{partial} of {} shown", rows.len()));

    // As a query, two statuses at once, sorted by warnings, most first.
    let dom = dump_dom(browser, &index, "?status=ok,partial&sort=-warnings");
    let rows = browser_rows(&dom);
    assert!(
        rows.iter()
            .all(|(status, hidden, _)| *hidden != ["ok", "partial"].contains(&status.as_str()))
    );
    let warnings: Vec<usize> = rows.iter().filter(|r| !r.1).map(|r| r.2).collect();
    assert!(warnings.windows(2).all(|w| w[0] >= w[1]), "sorted by warnings: {warnings:?}");
    assert!(warnings[0] > 0);
}

#[test]
fn browser_document_page_links_resolve_and_it_renders() {
    let browser = require_chromium!();
    let out = fixtures_output();
    let docs = documents(out);
    let path = "fixtures/kkr-nordjylland-2021-01.txt";
    let doc = docs.iter().find(|d| d["source"]["path"] == path).expect("the fixture");
    let rows = index_rows(out);
    let file = rows.iter().find(|r| r.0 == path).and_then(|r| r.2.clone()).expect("its page");
    let page_path = out.join("review").join(&file);
    let dom = dump_dom(browser, &page_path, "");
    assert_records_link_to_their_lines(&dom, doc);
    let lang = dom.select(&sel("main.text")).next().and_then(|m| m.attr("lang"));
    assert_eq!(lang, Some("da"));
    assert!(dom.root_element().text().any(|t| t.contains("Næstfor-")), "Danish text as read");

    // A screenshot of the page is not blank: many colours, much ink.
    let shot = temp_dir("review-screenshot").join("page.png");
    let args = [format!("--screenshot={}", shot.display()), "--window-size=1280,900".to_owned()];
    headless(browser, &file_url(&page_path, ""), &args);
    let plain = image::open(&shot).expect("a PNG screenshot").to_rgb8();
    assert_eq!(plain.dimensions(), (1280, 900));
    let colours: HashSet<[u8; 3]> = plain.pixels().map(|p| p.0).collect();
    let ink = plain.pixels().filter(|p| p.0 != [255, 255, 255]).count();
    assert!(colours.len() > 100, "{} distinct colours", colours.len());
    assert!(ink * 10 > plain.pixels().len(), "{ink} pixels not white");

    // With a record's line as the fragment, that line is highlighted (the :target colour).
    // Headless Chromium paints a screenshot of a scrolled window blank, so the page is
    // framed: the frame scrolls to the line, the window does not.
    let target = |img: &image::RgbImage| img.pixels().filter(|p| p.0 == [0xff, 0xe0, 0x66]).count();
    let participant = &doc["participants"][3];
    let fragment = format!("#{}", line_id(&participant["page"], &participant["line"]));
    let frame = shot.with_file_name("frame.html");
    std::fs::write(
        &frame,
        format!(
            "<!DOCTYPE html><body style=\"margin:0\"><iframe src=\"{}\" \
             style=\"border:0;width:1280px;height:900px\"></iframe></body>",
            file_url(&page_path, &fragment)
        ),
    )
    .expect("frame");
    headless(browser, &file_url(&frame, ""), &args);
    let highlighted = image::open(&shot).expect("a PNG screenshot").to_rgb8();
    assert_eq!(target(&plain), 0);
    assert!(target(&highlighted) > 5_000, "{} highlighted pixels", target(&highlighted));
    // The highlighted line is near the top of the frame, where the browser scrolled it.
    let first_row =
        (0..900).find(|&y| (0..640).any(|x| highlighted.get_pixel(x, y).0 == [0xff, 0xe0, 0x66]));
    assert!(first_row.is_some_and(|y| y < 100), "the target line starts at {first_row:?}");
}
