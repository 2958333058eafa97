//! Any text as a web page: parsed, read into lines and extracted without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = referat::ingest::html::read_html(&text) {
        let lines = referat::normalize::normalize(&doc);
        let _ = referat::extract::extract(&lines);
    }
});
