//! Every grammar recogniser on any line (and pairs of lines for header tables): never panics,
//! and what a recogniser returns is a piece of its input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use referat::grammar::{body, entry, header_fields, headings, list, numbering};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (labels, values) = text.split_once('\n').unwrap_or((&text, ""));
    for line in text.lines().take(64) {
        let _ = headings::parse(line);
        let _ = entry::parse(line);
        let _ = entry::party_token(line);
        let _ = entry::is_person_name(line);
        let _ = numbering::parse_heading(line);
        let _ = numbering::parse_bare(line);
        let _ = numbering::closed_title(line);
        let _ = numbering::ends_with_abbreviation(line);
        let _ = numbering::month_number(line);
        let _ = header_fields::fields(line);
        let _ = header_fields::is_label_row(line);
        let _ = body::parse(line);
        for item in list::split(line) {
            assert!(item.len() <= line.len(), "a list item is longer than its line");
        }
    }
    let _ = header_fields::table(labels, values);
});
