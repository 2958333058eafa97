//! Any bytes as a Word or OpenDocument file (and as the XML inside one): never panics, never
//! allocates past the caps.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referat::ingest::Limits;
use referat::ingest::office::{Office, read_office};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_decompressed_bytes: 8 << 20, max_text_bytes: 1 << 20, ..Limits::default() };
    for kind in [Office::Docx, Office::Odt] {
        let _ = read_office(data, kind, &limits);
    }
    let _ = referat::pipeline::process_bytes("fuzz.docx", data, &limits, referat::ingest::OcrMode::Never);
});
