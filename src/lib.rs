//! referat: Danish meeting minutes (PDF or text) into structured, traceable records.
//!
//! ```text
//! discover ─► read bytes ─► ingest (pages of positioned lines) ─► normalize (dehyphenate,
//! strip running headers) ─► segment (header, attendance, items, sections) ─► extract
//! (records) ─► output sinks (JSONL, CSV)
//! ```
//!
//! `review` reads an output folder back and writes static HTML pages that show each
//! document's text beside its records, for checking them by hand.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod discover;
pub mod error;
pub mod eval;
pub mod extract;
pub mod grammar;
pub mod ingest;
pub mod manifest;
pub mod merge;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pathname;
pub mod pipeline;
pub mod refdata;
pub mod review;
pub mod segment;
pub mod stats;
pub mod worker;
