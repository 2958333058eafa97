//! What a batch reads back from its own output folder and its workers, when a crash, a disk
//! error or a hostile user has changed it: manifest and journal lines, worker requests, shown
//! names. Never panics; shown names round-trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referat::ingest::{Limits, OcrMode};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for line in text.lines().take(16) {
        let _ = serde_json::from_str::<referat::manifest::Entry>(line);
        let _ = serde_json::from_str::<referat::pipeline::Extracted>(line);
        let path = referat::pathname::to_path(line);
        assert_eq!(referat::pathname::to_path(&referat::pathname::display(&path)), path);
    }
    // Requests naming files that mostly do not exist: the worker answers every line.
    let mut answers = Vec::new();
    let requests: String = text.lines().take(4).map(|l| format!("{l}\n")).collect();
    referat::worker::serve(requests.as_bytes(), &mut answers, &Limits::default(), OcrMode::Never)
        .expect("serving from memory cannot fail");
    assert_eq!(answers.iter().filter(|&&b| b == b'\n').count(), requests.lines().count());
});
