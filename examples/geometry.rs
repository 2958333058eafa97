//! Prints a PDF page's text-layer lines with their geometry (for debugging layout rules).
use referat::ingest::{Limits, pdf::read_pdf};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(page)) = (args.get(1), args.get(2).and_then(|p| p.parse::<usize>().ok()))
    else {
        eprintln!("usage: geometry FILE PAGE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).expect("readable file");
    let doc = read_pdf(&bytes, &Limits::default()).expect("a PDF");
    let Some(p) = doc.pages.get(page.saturating_sub(1)) else { return };
    for line in &p.lines {
        let g = line.geometry.unwrap_or_default();
        println!(
            "x={:6.1} y={:6.1} x_end={:6.1} size={:4.1}  {}",
            g.x, g.y, g.x_end, g.size, line.text
        );
    }
}
