//! Any bytes → the PDF text layer: must return Ok or Err, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referat::ingest::{pdf::read_pdf, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_decompressed_bytes: 16 << 20,
        max_operators: 200_000,
        deadline: Some(std::time::Instant::now() + std::time::Duration::from_secs(5)),
        ..Limits::default()
    };
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend_from_slice(data);
    let _ = read_pdf(&bytes, &limits);
});
