//! Any text as a structured export (portal JSON, eDoc and Acadre XML): read into lines and
//! extracted, or refused as an unsupported structured format, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let limits = referat::ingest::Limits::default();
    let read = [
        referat::ingest::portal_json::read_json(&text),
        referat::ingest::esdh_xml::read_xml(&text, &limits),
    ];
    for doc in read.into_iter().flatten() {
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
