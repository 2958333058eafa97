//! `referat review`: static HTML pages for checking an output folder's records by hand.
//!
//! ```text
//! OUT/documents.jsonl ─┬─► per document: source file read again (hash checked) ─► text
//! OUT/errors.csv ──────┘   layer + zones ─► OUT/review/<name>-<hash>.html
//!                          all rows ─► OUT/review/index.html (written last)
//! ```
//!
//! Pages are rendered in parallel and written in the output folder's order; nothing in them
//! depends on the thread count, the time or the machine, so a review is the same file for
//! file on every run over the same output and sources. Every file is written atomically;
//! pages of documents no longer in the output are removed.

mod assets;
mod html;
mod index;
mod marks;
mod page;
mod source;

use crate::error::OutputError;
pub use crate::error::ReviewError;
use crate::ingest::Limits;
use crate::model::Document;
use crate::output::CsvDialect;
use crate::output::atomic::AtomicFile;
use index::Row;
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// What a review wrote.
#[derive(Debug, Default)]
pub struct Report {
    /// `OUT/review/index.html`.
    pub index: PathBuf,
    /// Document pages written.
    pub documents: usize,
    /// Inputs that failed in extraction, listed in the index without a page.
    pub failed: usize,
    /// Documents whose page shows their records without the text: (path, why).
    pub without_text: Vec<(String, String)>,
    /// Documents with record links to lines the text does not have: (path, how many).
    pub unresolved: Vec<(String, usize)>,
}

impl Report {
    /// True when every page shows its text and every record link points into it.
    pub fn complete(&self) -> bool {
        self.without_text.is_empty() && self.unresolved.is_empty()
    }
}

/// The folder the review is written to.
pub fn review_dir(out: &Path) -> PathBuf {
    out.join("review")
}

/// Writes `OUT/review/index.html` and one page per document of `out`.
pub fn review(out: &Path) -> Result<Report, ReviewError> {
    let documents = out.join("documents.jsonl");
    let file = File::open(&documents).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => ReviewError::NoOutput(out.to_owned()),
        _ => ReviewError::Read { path: documents.clone(), source },
    })?;
    let dir = review_dir(out);
    std::fs::create_dir_all(&dir).map_err(|source| io(&dir, source))?;
    let _lock = lock(&dir)?;
    remove_temporaries(&dir);
    let limits = Limits::default();
    let bases = source_bases(out);
    let mut report = Report { index: dir.join("index.html"), ..Report::default() };
    let mut rows = Vec::new();
    let mut records = BufReader::new(file).lines().enumerate();
    // Chunks bound memory to the documents in flight, as in extraction.
    let chunk = (rayon::current_num_threads() * 4).max(4);
    loop {
        let batch = next_documents(&mut records, chunk, &documents)?;
        if batch.is_empty() {
            break;
        }
        let rendered: Vec<(Row, String)> = {
            use rayon::prelude::*;
            batch.par_iter().map(|doc| render(doc, &bases, &limits)).collect()
        };
        for (row, html) in rendered {
            let name = row.page.clone().unwrap_or_default();
            write_file(&dir.join(&name), html.as_bytes())?;
            if let Some(problem) = &row.problem {
                report.without_text.push((row.path.clone(), problem.clone()));
            } else if row.unresolved > 0 {
                report.unresolved.push((row.path.clone(), row.unresolved));
            }
            report.documents += 1;
            rows.push(row);
        }
    }
    let failures = read_failures(&out.join("errors.csv"))?;
    report.failed = failures.len();
    rows.extend(failures);
    let written: HashSet<String> = rows.iter().filter_map(|r| r.page.clone()).collect();
    let rows = index::working_order(rows);
    // The index goes last, so it never links to a page not yet written.
    let shown = crate::pathname::display(out);
    write_file(&report.index, index::index_page(&rows, &shown).as_bytes())?;
    remove_stale_pages(&dir, &written);
    Ok(report)
}

/// The next `n` document records of `documents.jsonl`.
fn next_documents(
    records: &mut impl Iterator<Item = (usize, std::io::Result<String>)>,
    n: usize,
    path: &Path,
) -> Result<Vec<Document>, ReviewError> {
    let mut batch = Vec::with_capacity(n);
    for (number, line) in records.by_ref() {
        let line = line.map_err(|source| ReviewError::Read { path: path.to_owned(), source })?;
        if line.trim().is_empty() {
            continue;
        }
        let doc = serde_json::from_str(&line).map_err(|source| ReviewError::Record {
            path: path.to_owned(),
            line: number + 1,
            source,
        })?;
        batch.push(doc);
        if batch.len() == n {
            break;
        }
    }
    Ok(batch)
}

/// Where relative source paths are looked for: the folder the review runs in (where extract
/// ran, usually), then the folder holding the output folder (a review run from elsewhere).
fn source_bases(out: &Path) -> Vec<PathBuf> {
    let mut bases = vec![PathBuf::new()];
    let here = std::env::current_dir().ok();
    let above = std::fs::canonicalize(out).ok().and_then(|o| o.parent().map(Path::to_owned));
    if let Some(above) = above.filter(|a| here.as_ref() != Some(a)) {
        bases.push(above);
    }
    bases
}

/// A document's page and its index row.
fn render(doc: &Document, bases: &[PathBuf], limits: &Limits) -> (Row, String) {
    let text = source::read_source(&doc.source, bases, limits);
    let rendered = page::document_page(doc, &text, crate::manifest::RULES_VERSION);
    let mut row = Row::of_document(doc, page_name(&doc.source.path));
    row.problem = text.err().map(|why| why.describe());
    row.unresolved = rendered.unresolved;
    (row, rendered.html)
}

/// Hex digits of the path's hash in a page name: names stay the same from run to run, and
/// two inputs with the same file name in different folders get different pages.
const NAME_HASH: usize = 10;

/// The page of the input shown as `path`: its file name made safe for a URL and a file
/// system, and a hash of the whole path ("kkr-nordjylland-2021-01-txt-3f2a9c1b0d.html").
pub(crate) fn page_name(path: &str) -> String {
    let hash = crate::manifest::sha256_hex(path.as_bytes());
    format!("{}-{}.html", slug(&page::file_name(path)), &hash[..NAME_HASH])
}

/// Lowercase ASCII letters and digits joined by single hyphens (æ, ø, å spelt out).
fn slug(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars().flat_map(char::to_lowercase) {
        let spelt = match ch {
            'æ' => "ae",
            'ø' => "oe",
            'å' => "aa",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if spelt == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(spelt);
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { "document".to_owned() } else { out.to_owned() }
}

/// True for a name [`page_name`] gives.
fn is_page_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".html") else {
        return false;
    };
    let Some((slug, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    !slug.is_empty()
        && hash.len() == NAME_HASH
        && hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Pages of documents that are no longer in the output folder.
fn remove_stale_pages(dir: &Path, written: &HashSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if is_page_name(name) && !written.contains(name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Temporary files of a review that was killed (the lock says none is running).
fn remove_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.contains(".html.tmp-") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Holds `OUT/review/.lock` for the review: two reviews of one folder would remove each
/// other's pages and temporary files.
fn lock(dir: &Path) -> Result<File, ReviewError> {
    let path = dir.join(".lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| io(&path, source))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(ReviewError::Busy(dir.to_owned())),
        Err(std::fs::TryLockError::Error(source)) => Err(io(&path, source)),
    }
}

fn io(path: &Path, source: std::io::Error) -> ReviewError {
    ReviewError::Output(OutputError::Io { path: path.to_owned(), source })
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ReviewError> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|source| io(path, source))?;
    Ok(file.commit()?)
}

/// The rows of `errors.csv` (either dialect), or none when there is no such file.
fn read_failures(path: &Path) -> Result<Vec<Row>, ReviewError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(ReviewError::Read { path: path.to_owned(), source }),
    };
    // The Excel dialect starts with a byte-order mark and separates cells with ';'.
    let (dialect, body) = match bytes.strip_prefix("\u{feff}".as_bytes()) {
        Some(rest) => (CsvDialect::Excel, rest),
        None => (CsvDialect::Standard, &bytes[..]),
    };
    let delimiter = if dialect == CsvDialect::Excel { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(body);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|source| ReviewError::Failures { path: path.to_owned(), source })?;
        let cell = |i: usize| dialect.value(record.get(i).unwrap_or("")).to_owned();
        rows.push(Row::of_failure(cell(0), &cell(1), &cell(2)));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_are_safe_stable_and_distinct() {
        let a = page_name("fixtures/kkr-nordjylland-2021-01.txt");
        assert!(a.starts_with("kkr-nordjylland-2021-01-txt-"), "{a}");
        assert!(is_page_name(&a));
        assert_eq!(a, page_name("fixtures/kkr-nordjylland-2021-01.txt"));
        assert_ne!(a, page_name("other/kkr-nordjylland-2021-01.txt"));
        let odd = page_name("x/Møde <script>\"'&.pdf");
        assert!(odd.starts_with("moede-script-pdf-"), "{odd}");
        assert!(is_page_name(&odd));
        assert!(page_name("x/...").starts_with("document-"));
        assert!(!is_page_name("index.html"));
        assert!(!is_page_name("notes-by-hand.html"));
    }
}
