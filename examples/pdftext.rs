//! Prints the text layer of a PDF (pages separated by form feeds) and its warnings on stderr.
//! A stand-in for `referat text FILE` used by the benchmark.

use std::io::Write;

use referat::ingest::{Limits, pdf::read_pdf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: pdftext FILE.pdf")?;
    let bytes = std::fs::read(&path)?;
    let doc = read_pdf(&bytes, &Limits::default())?;
    std::io::stdout().lock().write_all(doc.to_text().as_bytes())?;
    for warning in &doc.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(())
}
