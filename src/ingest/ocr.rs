//! OCR of page images with the `tesseract` program (Debian packages `tesseract-ocr` and
//! `tesseract-ocr-dan`). Tesseract's TSV output keeps every word's box and confidence; words
//! are grouped into lines as Tesseract found them, with positions in the image's pixel space
//! (y flipped to grow upwards, as in PDF), so the same normalisation and extraction run on OCR
//! text as on a PDF text layer.

use super::LineGeometry;
use super::image::{ImageError, checked_for_ocr};
use crate::error::IngestError;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::LazyLock;
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
    /// What Tesseract said on stderr, routine chatter left out ("Empty page!!" …).
    pub messages: Vec<String>,
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

/// OCRs one image (PNG, JPEG, TIFF, GIF or PNM bytes). The image is decoded in full first
/// ([`super::image::checked_for_ocr`]) and Tesseract reads only an image that decoded, from its
/// stdin: no file is written, and bytes that are no image never reach Tesseract.
pub fn ocr_image(
    image: &[u8],
    dpi: Option<u32>,
    max_pixels: u64,
    deadline: Option<Instant>,
) -> Result<OcrPage, IngestError> {
    if let Err(reason) = availability() {
        return Err(IngestError::Ocr(reason.clone()));
    }
    let checked = checked_for_ocr(image, max_pixels).map_err(|e| match e {
        ImageError::TooLarge { .. } => IngestError::Limit(e.to_string()),
        ImageError::Undecodable(_) => IngestError::Ocr(e.to_string()),
    })?;
    let mut command = Command::new("tesseract");
    command.args(["stdin", "stdout", "-l", languages(), "--psm", "3"]);
    if let Some(dpi) = dpi {
        command.args(["--dpi", &dpi.to_string()]);
    }
    let mut child = command
        .arg("tsv")
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(IngestError::Io)?;
    let no_pipe = || IngestError::Ocr("cannot talk to tesseract".to_owned());
    let mut stdin = child.stdin.take().ok_or_else(no_pipe)?;
    let stdout = child.stdout.take().ok_or_else(no_pipe)?;
    let stderr = child.stderr.take().ok_or_else(no_pipe)?;
    // Writing and reading in threads: a pipe that fills would otherwise block both sides.
    let writer = std::thread::spawn(move || stdin.write_all(&checked));
    let out_reader = std::thread::spawn(move || read_all(stdout));
    let err_reader = std::thread::spawn(move || read_all(stderr));
    let status = loop {
        match child.try_wait().map_err(IngestError::Io)? {
            Some(status) => break status,
            None if deadline.is_some_and(|d| Instant::now() > d) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(IngestError::Limit("document timeout reached during OCR".to_owned()));
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    let _ = writer.join();
    let joined = |h: std::thread::JoinHandle<std::io::Result<String>>| {
        h.join()
            .map_err(|_| IngestError::Ocr("tesseract output could not be read".to_owned()))?
            .map_err(IngestError::Io)
    };
    let tsv = joined(out_reader)?;
    let messages = tesseract_messages(&joined(err_reader)?);
    if !status.success() {
        let said =
            if messages.is_empty() { String::new() } else { format!(": {}", messages.join("; ")) };
        return Err(IngestError::Ocr(format!("tesseract failed ({status}){said}")));
    }
    let mut page = parse_tsv(&tsv);
    page.messages = messages;
    Ok(page)
}

fn read_all(mut from: impl Read) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    from.read_to_end(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Tesseract's stderr without its routine chatter (resolution guesses, diacritics counts).
fn tesseract_messages(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty()
                && !l.starts_with("Estimating resolution")
                && !l.starts_with("Detected ")
                && !l.contains("Invalid resolution")
        })
        .map(|l| l.chars().take(200).collect())
        .collect()
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
    OcrPage { lines, height: page_height, messages: Vec::new() }
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
