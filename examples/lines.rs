//! Prints a document's normalised lines with page:line provenance (for debugging extraction).
use referat::ingest::{Limits, OcrMode, read_document};
use std::io::Write;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: lines FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    match read_document(&bytes, &Limits::default(), OcrMode::Auto) {
        Ok((_, raw)) => {
            let mut out = std::io::stdout().lock();
            for line in referat::normalize::normalize(&raw) {
                // A closed pipe (`| head`) ends the listing quietly.
                if writeln!(out, "{:>3}:{:<3} {}", line.page, line.line, line.text).is_err() {
                    return;
                }
            }
        }
        Err(e) => eprintln!("{path}: {e}"),
    }
}
