//! OCR of page images with the `tesseract` program (Debian packages `tesseract-ocr` and
//! `tesseract-ocr-dan`). Tesseract's TSV output keeps every word's box and confidence; words
//! are grouped into lines as Tesseract found them, with positions in the image's pixel space
//! (y flipped to grow upwards, as in PDF), so the same normalisation and extraction run on OCR
//! text as on a PDF text layer.

use super::LineGeometry;
use crate::error::IngestError;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// One OCR'd line.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    pub text: String,
    pub geometry: LineGeometry,
    /// Mean word confidence, 0–100.
    pub confidence: f32,
}

/// One OCR'd page image.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OcrPage {
    pub lines: Vec<OcrLine>,
    pub height: f32,
}

/// Whether OCR can run here: `Ok(())`, or the reason (naming the missing package).
pub fn availability() -> &'static Result<(), String> {
    static AVAILABLE: LazyLock<Result<(), String>> = LazyLock::new(|| {
        let output = Command::new("tesseract").arg("--list-langs").stdin(Stdio::null()).output();
        match output {
            Err(_) => {
                Err("OCR needs the tesseract program (Debian package tesseract-ocr)".to_owned())
            }
            Ok(out) => {
                let langs = String::from_utf8_lossy(&out.stdout).to_string()
                    + &String::from_utf8_lossy(&out.stderr);
                if langs.lines().any(|l| l.trim() == "dan") {
                    Ok(())
                } else {
                    Err("OCR needs Tesseract's Danish model (Debian package tesseract-ocr-dan)"
                        .to_owned())
                }
            }
        }
    });
    &AVAILABLE
}

/// Danish, with English beside it when installed: the pair reads Danish names with fewer
/// spurious å/ø than the Danish model alone (measured on the scanned seed).
fn languages() -> &'static str {
    static LANGS: LazyLock<&'static str> = LazyLock::new(|| {
        let out = Command::new("tesseract").arg("--list-langs").stdin(Stdio::null()).output();
        let has_eng = out
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).lines().any(|l| l.trim() == "eng"));
        if has_eng { "dan+eng" } else { "dan" }
    });
    &LANGS
}

/// OCRs one image (PNG, JPEG, TIFF, PNM …; `extension` names its format for Tesseract).
pub fn ocr_image(
    image: &[u8],
    extension: &str,
    deadline: Option<Instant>,
) -> Result<OcrPage, IngestError> {
    if let Err(reason) = availability() {
        return Err(IngestError::Ocr(reason.clone()));
    }
    let input = TempFile::new(extension, image).map_err(IngestError::Io)?;
    let mut child = Command::new("tesseract")
        .arg(&input.0)
        .args(["stdout", "-l", languages(), "--psm", "3", "tsv"])
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(IngestError::Io)?;
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| IngestError::Ocr("no output from tesseract".to_owned()))?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    loop {
        match child.try_wait().map_err(IngestError::Io)? {
            Some(_) => break,
            None if deadline.is_some_and(|d| Instant::now() > d) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(IngestError::Limit("document timeout reached during OCR".to_owned()));
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let tsv = reader
        .join()
        .map_err(|_| IngestError::Ocr("tesseract output could not be read".to_owned()))?
        .map_err(IngestError::Io)?;
    Ok(parse_tsv(&tsv))
}

/// Groups Tesseract's TSV word rows into lines.
pub fn parse_tsv(tsv: &str) -> OcrPage {
    struct Word<'a> {
        key: (u32, u32, u32),
        left: f32,
        top: f32,
        width: f32,
        height: f32,
        conf: f32,
        text: &'a str,
    }
    let mut page_height = 0.0f32;
    let mut words: Vec<Word<'_>> = Vec::new();
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 {
            continue;
        }
        let num = |i: usize| cols[i].trim().parse::<f32>().unwrap_or(0.0);
        match cols[0] {
            "1" => page_height = num(9),
            "5" if !cols[11].trim().is_empty() => words.push(Word {
                key: (num(2) as u32, num(3) as u32, num(4) as u32),
                left: num(6),
                top: num(7),
                width: num(8),
                height: num(9),
                conf: num(10),
                text: cols[11].trim(),
            }),
            _ => {}
        }
    }
    let mut lines: Vec<OcrLine> = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let end = words[start..]
            .iter()
            .position(|w| w.key != words[start].key)
            .map_or(words.len(), |n| start + n);
        let group = &words[start..end];
        let bottom = group.iter().map(|w| w.top + w.height).fold(0.0, f32::max);
        let mut heights: Vec<f32> = group.iter().map(|w| w.height).collect();
        heights.sort_by(f32::total_cmp);
        let height = heights[heights.len() / 2];
        // Tesseract reads side-by-side columns as one line; a gap of several letter heights
        // between two words is a column gap, kept as three spaces (as in text exports).
        let mut text = String::new();
        for (i, word) in group.iter().enumerate() {
            if i > 0 {
                let previous = &group[i - 1];
                let gap = word.left - (previous.left + previous.width);
                text.push_str(if gap > 2.5 * height { "   " } else { " " });
            }
            text.push_str(word.text);
        }
        let confidences: Vec<f32> = group.iter().map(|w| w.conf).filter(|c| *c >= 0.0).collect();
        let confidence = if confidences.is_empty() {
            0.0
        } else {
            confidences.iter().sum::<f32>() / confidences.len() as f32
        };
        lines.push(OcrLine {
            text,
            geometry: LineGeometry {
                x: group.iter().map(|w| w.left).fold(f32::MAX, f32::min),
                y: page_height - bottom,
                x_end: group.iter().map(|w| w.left + w.width).fold(0.0, f32::max),
                size: height,
            },
            confidence,
        });
        start = end;
    }
    OcrPage { lines, height: page_height }
}

/// A temporary file removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(extension: &str, bytes: &[u8]) -> std::io::Result<Self> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir()
            .join(format!("referat-ocr-{}-{n}.{extension}", std::process::id()));
        std::fs::write(&path, bytes)?;
        Ok(TempFile(path))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t
4\t1\t1\t1\t1\t0\t156\t85\t626\t27\t-1\t
5\t1\t1\t1\t1\t1\t156\t88\t55\t18\t96.7\tHans
5\t1\t1\t1\t1\t2\t219\t87\t60\t25\t93.3\tEjner
5\t1\t1\t1\t2\t1\t156\t160\t87\t24\t90.0\t(V)
5\t1\t1\t1\t2\t2\t700\t160\t87\t24\t90.0\tØle
";

    #[test]
    fn words_group_into_lines_with_confidence() {
        let page = parse_tsv(TSV);
        assert_eq!(page.height, 2339.0);
        assert_eq!(page.lines.len(), 2);
        assert_eq!(page.lines[0].text, "Hans Ejner");
        assert_eq!(page.lines[1].text, "(V)   Øle");
        assert!((page.lines[0].confidence - 95.0).abs() < 0.01);
        assert_eq!(page.lines[0].geometry.y, 2339.0 - 112.0);
        assert!(page.lines[0].geometry.y > page.lines[1].geometry.y);
    }
}
