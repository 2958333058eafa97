//! Any text as a structured export (portal JSON; XML is refused by name): read into lines and
//! extracted, or refused as an unsupported structured format, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = referat::ingest::portal_json::read_json(&text) {
        let lines = referat::normalize::normalize(&doc);
        let _ = referat::extract::extract(&lines);
    }
    let _ = referat::pipeline::process_bytes(
        "fuzz.json",
        data,
        &referat::ingest::Limits::default(),
        referat::ingest::OcrMode::Never,
    );
});
