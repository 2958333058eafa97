//! The PDF text layer on real files: the feature cases in `../shared/pdf-cases/`, the seed
//! minutes from seven producers, and real municipal minutes, compared with `pdftotext`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use referat::error::IngestError;
use referat::ingest::pdf::read_pdf;
use referat::ingest::{Limits, RawDocument};

const CASES: &str = "../shared/pdf-cases";
const SEED: &str = "../shared/seed/pdf";
const REAL: &str = "../shared/real";

/// Files not compared with pdftotext: no text to compare (password, unmappable glyphs), or
/// pdftotext is wrong: in `encoding-plus-tounicode` the /ToUnicode space (code 5) has no
/// width under WinAnsi, and pdftotext drops it ("Æbleø"); the README wants ToUnicode to win.
const NOT_COMPARABLE: [&str; 3] = [
    "aes256-userpw-secret.pdf",
    "type0-identity-h-no-tounicode.pdf",
    "encoding-plus-tounicode.pdf",
];

fn read(path: impl AsRef<Path>) -> Result<RawDocument, IngestError> {
    let path = path.as_ref();
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    read_pdf(&bytes, &Limits::default())
}

fn text_of(path: impl AsRef<Path>) -> RawDocument {
    let path = path.as_ref();
    read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn pdfs_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    files
}

fn all_test_pdfs() -> Vec<PathBuf> {
    let mut files = pdfs_in(SEED);
    for dir in [CASES.to_string(), format!("{CASES}/robustness"), format!("{CASES}/synthetic")] {
        files.extend(pdfs_in(&dir));
    }
    files.extend(pdfs_in(REAL));
    files
}

fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn lines(doc: &RawDocument) -> Vec<&str> {
    doc.pages.iter().flat_map(|p| p.lines.iter().map(|l| l.text.as_str())).collect()
}

/// Length of the longest common subsequence of two word lists (Myers' O((N+M)·D) diff).
/// Gives up (returns a lower bound) once more than `max_edits` insertions and deletions are
/// needed.
fn common_words(a: &[&str], b: &[&str], max_edits: usize) -> usize {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let limit = max.min(max_edits) as isize;
    let offset = limit + 1;
    let mut v = vec![0isize; 2 * offset as usize + 2];
    for d in 0..=limit {
        let mut k = -d;
        while k <= d {
            let idx = (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n && y >= m {
                return ((n + m - d) / 2) as usize;
            }
            k += 2;
        }
    }
    // More edits than the limit: at most this many words are shared.
    ((n + m - limit) / 2).max(0) as usize
}

/// difflib-style ratio on words: 2·matches / (len a + len b).
fn similarity(a: &[&str], b: &[&str]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let max_edits = (a.len() + b.len()) / 10 + 50;
    2.0 * common_words(a, b, max_edits) as f64 / (a.len() + b.len()) as f64
}

fn pdftotext(path: &Path, layout: bool) -> String {
    let mut command = Command::new("pdftotext");
    if layout {
        command.arg("-layout");
    }
    let output = command.arg(path).arg("-").output().unwrap_or_else(|e| {
        panic!("cannot run pdftotext ({e}); install poppler-utils (apt-get install poppler-utils)")
    });
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn sample_words() -> Vec<String> {
    let sample = std::fs::read_to_string(format!("{CASES}/sample.txt")).expect("sample.txt");
    sample.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn producers_and_robustness_cases_give_the_sample_text() {
    skip_without_shared!();
    let sample = sample_words();
    let sample: Vec<&str> = sample.iter().map(String::as_str).collect();
    let mut files = pdfs_in(CASES);
    files.extend(pdfs_in(&format!("{CASES}/robustness")));
    for path in files {
        let name = file_name(&path);
        if matches!(
            name,
            "aes256-userpw-secret.pdf"
                | "libreoffice-inline-softhyphen.pdf"
                | "incremental-update.pdf"
        ) {
            continue;
        }
        let doc = text_of(&path);
        let text = doc.to_text();
        let ours = words(&text);
        // Producers add headings and table cells; every sample word must be there, in order.
        // enscript wraps at 80 columns inside "resultatkontrakten", so one word is split there.
        let split_words = usize::from(name == "enscript-ghostscript.pdf");
        let shared = common_words(&sample, &ours, usize::MAX);
        assert_eq!(
            shared + split_words,
            sample.len(),
            "{name}: sample words missing or out of order in:\n{text}"
        );
        // And every character, in order, with no gaps but whitespace.
        assert!(squash(&text).contains(&squash(&sample.join(" "))), "{name}: {text}");
        assert!(doc.warnings.is_empty(), "{name}: {:?}", doc.warnings);
        assert!(!text.contains('\u{FFFD}'), "{name}");
    }
}

#[test]
fn inline_labels_and_soft_hyphens() {
    skip_without_shared!();
    let doc = text_of(format!("{CASES}/libreoffice-inline-softhyphen.pdf"));
    let lines = lines(&doc);
    assert_eq!(lines[0], "Sag nr.: SAG-2021-00200 hlth");
    assert_eq!(lines[1], "Deltagere: Mogens Christen Gade (V), Birgit Stenbak Hansen (A)");
    assert_eq!(lines[2], "Beslutning: Indstillingen blev godkendt.");
    let text = doc.to_text();
    assert!(!text.contains('\u{AD}'));
    assert!(lines.iter().any(|l| l.ends_with("blandt møde-")), "{lines:#?}");
    assert!(text.contains("mødedeltagerne"));
}

#[test]
fn incremental_update_newest_revision_wins() {
    skip_without_shared!();
    let text = text_of(format!("{CASES}/robustness/incremental-update.pdf")).to_text();
    assert!(text.contains("OPDATERET: Æble Øster Ålborg æøå"), "{text}");
}

#[test]
fn user_password_is_required() {
    skip_without_shared!();
    let result = read(format!("{CASES}/robustness/aes256-userpw-secret.pdf"));
    assert!(matches!(result, Err(IngestError::PasswordRequired)), "{result:?}");
}

#[test]
fn synthetic_cases() {
    skip_without_shared!();
    let text = |name: &str| text_of(format!("{CASES}/synthetic/{name}.pdf"));
    let first_line =
        |name: &str| lines(&text(name)).first().map(|l| (*l).to_owned()).unwrap_or_default();
    assert_eq!(first_line("tj-real-gaps"), "Der var generel enighed");
    assert_eq!(lines(&text("td-positioned-words")), ["Beslutning: Godkendt", "SAG-2021-00200"]);
    assert_eq!(
        lines(&text("reversed-stream-order")),
        ["Linje 1: Mogens Christen Gade", "Linje 2: Birgit Stenbak Hansen"]
    );
    assert_eq!(first_line("differences-agl-names"), "æøå ÆØÅ");
    assert_eq!(first_line("differences-uni-names"), "Møde: æøå ÆØÅ");
    // ToUnicode wins over /Encoding (PDF 32000-1 §9.10.2).
    assert_eq!(first_line("encoding-plus-tounicode"), "Æble ø");
    assert_eq!(
        lines(&text("hyphenated-line-end")),
        ["Der var enighed blandt møde-", "deltagerne om resultat-", "kontrakten."]
    );
}

/// Every member of the Syddjurs-style two-column list comes before the "Fraværende" line.
fn assert_members_before_absentees(lines: &[&str], is_absent_heading: impl Fn(&str) -> bool) {
    let absent = lines.iter().position(|l| is_absent_heading(l)).expect("Fraværende line");
    for member in [
        "Jesper Mathiesen (A)",
        "Ole Bjerregaard (V)",
        "Ole Bollesen (A)",
        "Steen Fris (C)",
        "Niels Viderø (A)",
    ] {
        let at =
            lines.iter().position(|l| l.contains(member)).unwrap_or_else(|| panic!("{member}"));
        assert!(at < absent, "{member} after Fraværende: {:#?}", &lines[..absent + 1]);
    }
}

#[test]
fn two_column_members_come_before_absentees() {
    skip_without_shared!();
    let doc = text_of(format!("{CASES}/synthetic/two-column-members.pdf"));
    assert_members_before_absentees(&lines(&doc), |l| l == "Fraværende");
}

#[test]
fn syddjurs_members_come_before_absentees() {
    skip_without_shared!();
    let doc = text_of(format!("{REAL}/syddjurs_puk_referat_2013-06-20_acadre.pdf"));
    assert_members_before_absentees(&lines(&doc), |l| l.starts_with("Fraværende"));
}

#[test]
fn type0_without_to_unicode_reports_unmapped_glyphs() {
    skip_without_shared!();
    let doc = text_of(format!("{CASES}/synthetic/type0-identity-h-no-tounicode.pdf"));
    assert!(
        doc.warnings.iter().any(|w| w.code == "I-GLYPH"
            && w.page == Some(1)
            && w.message.contains("could not be mapped to text")),
        "{:?}",
        doc.warnings
    );
    assert_eq!(doc.warnings.len(), 1, "one warning per font per page: {:?}", doc.warnings);
    let text = doc.to_text();
    assert!(!text.chars().any(char::is_alphanumeric), "invented letters: {text:?}");
    assert!(text.contains('\u{FFFD}'));
}

#[test]
fn scanned_pages_are_reported() {
    skip_without_shared!();
    let doc = text_of("../shared/seed/scanned/kkr-nordjylland-2021-01.scan.pdf");
    assert!(doc.pages.iter().all(|p| p.lines.is_empty()));
    assert_eq!(doc.warnings.len(), doc.pages.len());
    assert_eq!(
        (doc.warnings[0].code.as_str(), doc.warnings[0].page, doc.warnings[0].message.as_str()),
        ("I-SCAN", Some(1), "page 1 has no text layer (scanned?)")
    );
}

#[test]
fn similar_to_pdftotext_on_every_file() {
    skip_without_shared!();
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for path in all_test_pdfs() {
        let name = file_name(&path);
        if NOT_COMPARABLE.contains(&name) {
            continue;
        }
        let ours = text_of(&path).to_text();
        let ours = words(&ours);
        let best = [false, true]
            .iter()
            .map(|&layout| similarity(&ours, &words(&pdftotext(&path, layout))))
            .fold(0.0, f64::max);
        report.push(format!("{best:.4} {name}"));
        if best < 0.99 {
            failures.push(format!("{best:.4} {name}"));
        }
    }
    assert!(
        failures.is_empty(),
        "similarity below 0.99:\n{}\nall:\n{}",
        failures.join("\n"),
        report.join("\n")
    );
}

#[test]
fn line_geometry_and_page_height() {
    skip_without_shared!();
    let doc = text_of(format!("{SEED}/kkr-nordjylland-2021-01.libreoffice.pdf"));
    for page in &doc.pages {
        let height = page.height.expect("page height");
        assert!((height - 841.89).abs() < 0.01, "A4 height, got {height}");
        let ys: Vec<f32> = page.lines.iter().map(|l| l.geometry.expect("geometry").y).collect();
        assert!(ys.windows(2).all(|w| w[0] >= w[1]), "lines top to bottom: {ys:?}");
        for line in &page.lines {
            let g = line.geometry.expect("geometry");
            assert!(g.x_end > g.x && g.size > 5.0 && g.size < 30.0, "{line:?}");
        }
    }
}

#[test]
fn operator_limit_is_an_error_naming_the_limit() {
    skip_without_shared!();
    let bytes =
        std::fs::read(format!("{SEED}/kkr-nordjylland-2021-01.chromium.pdf")).expect("seed");
    let limits = Limits { max_operators: 100, ..Limits::default() };
    match read_pdf(&bytes, &limits) {
        Err(IngestError::Limit(message)) => assert!(message.contains("max_operators"), "{message}"),
        other => panic!("expected a limit error, got {other:?}"),
    }
}

#[test]
fn page_limit_is_an_error() {
    skip_without_shared!();
    let bytes =
        std::fs::read(format!("{SEED}/kkr-nordjylland-2021-01.chromium.pdf")).expect("seed");
    let limits = Limits { max_pages: 2, ..Limits::default() };
    assert!(
        matches!(read_pdf(&bytes, &limits), Err(IngestError::Limit(m)) if m.contains("max_pages"))
    );
}

#[test]
fn form_depth_limit_skips_forms_with_a_warning() {
    skip_without_shared!();
    let bytes =
        std::fs::read(format!("{CASES}/robustness/form-xobject-overlay.pdf")).expect("case");
    let limits = Limits { max_form_depth: 0, ..Limits::default() };
    let doc = read_pdf(&bytes, &limits).expect("readable");
    assert!(!doc.to_text().contains("Mogens"));
    assert!(
        doc.warnings.iter().any(|w| w.message.contains("nested deeper than 0")),
        "{:?}",
        doc.warnings
    );
}

/// Damaged inputs: truncations and byte flips of real files must give Ok or Err, never panic.
#[test]
fn damaged_files_never_panic() {
    skip_without_shared!();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let files = [
        format!("{SEED}/kkr-nordjylland-2021-01.groff.pdf"),
        format!("{CASES}/chromium.pdf"),
        format!("{CASES}/robustness/form-xobject-overlay.pdf"),
        format!("{CASES}/synthetic/tj-real-gaps.pdf"),
    ];
    for file in files {
        let bytes = std::fs::read(&file).expect("file");
        for cut in [bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
            let _ = read_pdf(&bytes[..cut], &Limits::default());
        }
        for _ in 0..20 {
            let mut damaged = bytes.clone();
            for _ in 0..8 {
                let at = (next() % damaged.len() as u64) as usize;
                damaged[at] = (next() & 0xFF) as u8;
            }
            let _ = read_pdf(&damaged, &Limits::default());
        }
    }
}
