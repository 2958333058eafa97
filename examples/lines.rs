//! Prints a document's normalised lines with page:line provenance (for debugging extraction).
use referat::ingest::{Limits, OcrMode, read_document};

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
            for line in referat::normalize::normalize(&raw) {
                println!("{:>3}:{:<3} {}", line.page, line.line, line.text);
            }
        }
        Err(e) => eprintln!("{path}: {e}"),
    }
}
