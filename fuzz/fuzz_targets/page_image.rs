//! Any bytes as a page image for OCR: decoded (with the pixel cap) or refused, never a panic
//! or an allocation past the cap.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = referat::ingest::image::checked_for_ocr(data, 4_000_000);
});
