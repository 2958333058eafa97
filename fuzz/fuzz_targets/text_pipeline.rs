//! Any bytes as text minutes → decode, normalise, segment, extract: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referat::ingest::{text::read_text, Limits, OcrMode};

fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = read_text(data) {
        let lines = referat::normalize::normalize(&raw);
        let _ = referat::extract::extract(&lines);
    }
    let _ = referat::pipeline::process_bytes("fuzz.txt", data, &Limits::default(), OcrMode::Never);
});
