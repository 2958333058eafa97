//! Any bytes as text minutes → decode, normalise, segment, extract: never panics. Inputs are
//! also repeated into a large document (long lines, many pages) to reach the size-dependent
//! paths of the text stage.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referat::ingest::{Limits, OcrMode, text::read_text};

fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = read_text(data) {
        let lines = referat::normalize::normalize(&raw);
        let _ = referat::extract::extract(&lines);
    }
    let _ = referat::pipeline::process_bytes("fuzz.txt", data, &Limits::default(), OcrMode::Never);
    if !data.is_empty() && data.len() < 4096 {
        let large = data.repeat(256 * 1024 / data.len());
        let _ =
            referat::pipeline::process_bytes("large.txt", &large, &Limits::default(), OcrMode::Never);
    }
});
