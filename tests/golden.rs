//! Golden tests: every fixture's records equal its hand-checked `*.expected.json`, field by field.

mod common;

use common::{assert_all_golden, assert_golden, expected_files, extract_json, fixture_pairs};
use std::path::{Path, PathBuf};

const SEED_EXPECTED: &str = "../shared/seed/kkr-nordjylland-2021-01.expected.json";

#[test]
fn seed_text_gives_the_expected_records() {
    skip_without_shared!();
    assert_golden(
        Path::new("../shared/seed/kkr-nordjylland-2021-01.txt"),
        Path::new(SEED_EXPECTED),
    );
}

#[test]
fn seed_counts_and_provenance() {
    skip_without_shared!();
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
    assert_all_golden(&pairs, "fixtures");
}

/// The seed rendered by one PDF producer gives exactly the seed's records.
fn seed_pdf(producer: &str) {
    let pdf = format!("../shared/seed/pdf/kkr-nordjylland-2021-01.{producer}.pdf");
    assert_golden(Path::new(&pdf), Path::new(SEED_EXPECTED));
}

#[test]
fn seed_pdf_reportlab_helvetica() {
    skip_without_shared!();
    seed_pdf("rl-helvetica");
}

#[test]
fn seed_pdf_reportlab_truetype() {
    skip_without_shared!();
    seed_pdf("rl-dejavu");
}

#[test]
fn seed_pdf_fpdf2_type0() {
    skip_without_shared!();
    seed_pdf("fpdf-dejavu");
}

#[test]
fn seed_pdf_libreoffice() {
    skip_without_shared!();
    seed_pdf("libreoffice");
}

#[test]
fn seed_pdf_chromium() {
    skip_without_shared!();
    seed_pdf("chromium");
}

#[test]
fn seed_pdf_cairo() {
    skip_without_shared!();
    seed_pdf("cairo");
}

#[test]
fn seed_pdf_groff_ghostscript() {
    skip_without_shared!();
    seed_pdf("groff");
}

/// Hand-checked records of the real minutes in ../shared/real (see fixtures/real/NOTES.md).
#[test]
fn real_minutes_match_their_hand_checked_records() {
    skip_without_shared!();
    let pairs = real_pairs("fixtures/real", "pdf");
    assert!(pairs.len() >= 5, "expected the five real referater");
    assert_all_golden(&pairs, "real minutes");
}

/// Each expected file in `dir` with the real document of its name and extension in
/// `../shared/real`.
fn real_pairs(dir: &str, ext: &str) -> Vec<(PathBuf, PathBuf)> {
    expected_files(Path::new(dir))
        .into_iter()
        .map(|(name, expected)| {
            (Path::new("../shared/real").join(format!("{name}.{ext}")), expected)
        })
        .collect()
}

/// Saved web pages of real minutes (FirstAgenda's publication page, Aarhus Teknisk Udvalg: an
/// agenda table whose rows hold the items), checked by hand against the page.
#[test]
fn real_html_minutes_match_their_hand_checked_records() {
    skip_without_shared!();
    let pairs = real_pairs("fixtures/real/html", "html");
    assert!(!pairs.is_empty(), "expected the Aarhus Teknisk Udvalg page");
    assert_all_golden(&pairs, "real web pages");
}

/// Greve's portal JSON exports: meeting, attendance, items, closed flags and case numbers as
/// the export states them (`fixtures/real/json/`, written from the JSON's own fields: Dato,
/// Sted, Moededeltagere with Absent/ParticipationCancelled, Number, Caption, CaseNumber).
#[test]
fn greve_portal_json_matches_records_written_from_the_json() {
    skip_without_shared!();
    let pairs = real_pairs("fixtures/real/json", "json");
    assert_eq!(pairs.len(), 8, "expected the eight Greve exports");
    assert_all_golden(&pairs, "Greve portal JSON");
}

/// Text fixtures typeset as PDFs by other producers (reportlab Helvetica and TrueType, a
/// two-column member list, enscript/groff): the same records as the text.
#[test]
fn pdf_fixtures_match_their_text_records() {
    let pairs = fixture_pairs(Path::new("fixtures/pdf"));
    assert!(pairs.len() >= 4, "expected four PDF fixtures");
    assert_all_golden(&pairs, "PDF fixtures");
}

/// Asserts that another form of a real referat gives the records of its PDF, field for field
/// (only the source format differs).
fn assert_same_record_as_its_pdf(input: &str, pdf_expected: &str, format: &str) {
    let mut expected = common::expected_json(Path::new(pdf_expected));
    assert_eq!(expected["source"]["format"], "pdf");
    expected["source"]["format"] = format.into();
    let actual = common::extract_json(Path::new(input));
    let mut diffs = Vec::new();
    common::differences(&expected, &actual, "", &mut diffs);
    assert!(diffs.is_empty(), "{input} differs from its PDF's record:\n  {}", diffs.join("\n  "));
}

/// The Word original of a real referat gives the records of its PDF.
#[test]
fn real_docx_matches_the_record_of_its_pdf() {
    skip_without_shared!();
    assert_same_record_as_its_pdf(
        "../shared/real/syddjurs_puk_referat_2013-06-20_acadre-docx.docx",
        "fixtures/real/syddjurs_puk_referat_2013-06-20_acadre.expected.json",
        "docx",
    );
}

/// The ESDH exports give the records of their meetings' PDFs: eDoc's agenda publishing XML
/// (Ballerup) and Acadre's meeting XML (Syddjurs), fields the export states taken as stated
/// (never its timestamps: Acadre's producedate 15:11 is not the 10:30 start).
#[test]
fn esdh_xml_exports_match_the_records_of_their_pdfs() {
    skip_without_shared!();
    assert_same_record_as_its_pdf(
        "../shared/real/ballerup_sundheds-forebyggelsesudvalget_2012-12-04_eDocAgendaPublishing.xml",
        "fixtures/real/ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04_edoc.expected.json",
        "xml",
    );
    assert_same_record_as_its_pdf(
        "../shared/real/syddjurs_puk_referat_2013-06-20_acadre-meeting.xml",
        "fixtures/real/syddjurs_puk_referat_2013-06-20_acadre.expected.json",
        "xml",
    );
    // The publishing manifest lists documents; it is no minutes and says so.
    let manifest = std::fs::read("../shared/real/syddjurs_puk_2013-06-20_acadre-manifest.xml")
        .expect("manifest");
    let failure = referat::pipeline::process_bytes(
        "manifest.xml",
        &manifest,
        &referat::ingest::Limits::default(),
        referat::ingest::OcrMode::Never,
    )
    .expect_err("a manifest is not minutes");
    assert!(failure.reason.contains("unsupported structured format"), "{}", failure.reason);
}

/// Greve's portal JSON: the meeting fields, the attendance and the agenda the export states
/// come out as the export states them (date and time as written, never a timestamp of the
/// export; "Lukket: " titles are closed items).
#[test]
fn greve_portal_json_gives_the_meeting_and_attendance_it_states() {
    skip_without_shared!();
    let files: Vec<PathBuf> = std::fs::read_dir("../shared/real")
        .expect("real")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("greve_")))
        .collect();
    assert_eq!(files.len(), 8);
    for path in files {
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
        let doc = common::extract_json(&path);
        let shown = path.display();
        assert_eq!(doc["source"]["format"], "json", "{shown}");
        let meeting = &json["Moede"];
        let stamp = meeting["Dato"].as_str().expect("Dato");
        assert_eq!(doc["meeting"]["date"], stamp[..10], "{shown}");
        assert_eq!(doc["meeting"]["start_time"], stamp[11..16], "{shown}");
        assert_eq!(doc["meeting"]["location"], meeting["Sted"], "{shown}");
        let extraordinary =
            meeting["Navn"].as_str().is_some_and(|n| n.starts_with("Ekstraordinær"));
        assert_eq!(doc["meeting"]["extraordinary"], extraordinary, "{shown}");
        let expected: Vec<(String, &str)> = meeting["Moededeltagere"]
            .as_array()
            .expect("Moededeltagere")
            .iter()
            .map(|p| {
                let absent = p["Absent"] == true || p["ParticipationCancelled"] == true;
                (
                    p["Name"].as_str().unwrap_or("").to_owned(),
                    if absent { "absent" } else { "present" },
                )
            })
            .collect();
        let mut actual: Vec<(String, &str)> = doc["participants"]
            .as_array()
            .expect("participants")
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap_or("").to_owned(),
                    p["attendance"].as_str().unwrap_or(""),
                )
            })
            .collect();
        let mut expected = expected;
        expected.sort();
        actual.sort();
        assert_eq!(actual, expected, "{shown}");
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let stated: Vec<(String, String, bool, Option<String>)> = json["Dagsordenpunkter"]
            .as_array()
            .expect("Dagsordenpunkter")
            .iter()
            .map(|i| {
                let caption = i["Caption"].as_str().unwrap_or("").trim();
                let title = caption.strip_prefix("Lukket: ").unwrap_or(caption);
                let case = i["CaseNumber"].as_str().filter(|c| !c.is_empty()).map(str::to_owned);
                let number = i["Number"].as_str().unwrap_or("").to_owned();
                (number, words(title), caption.starts_with("Lukket: "), case)
            })
            .collect();
        let items: Vec<(String, String, bool, Option<String>)> = doc["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| {
                (
                    i["number"].as_str().unwrap_or("").to_owned(),
                    words(i["title"].as_str().unwrap_or("")),
                    i["closed"] == true,
                    i["case_number"].as_str().map(str::to_owned),
                )
            })
            .collect();
        assert_eq!(items, stated, "{shown}");
    }
}
