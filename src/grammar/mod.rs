//! The grammar layer: recognisers that turn a line, or a piece of one, into typed tokens —
//! heading words by kind, list items, participant entries with their name, party, role,
//! municipality and organisation in any order, item numbers. It sits below `segment` and
//! `extract` and depends on nothing above it (only on the reference data).
//!
//! Each recogniser is written like a lint rule: a code, a doc comment with accepted and
//! rejected forms, and tests beside it. Words and forms live in `data/`, once.

pub mod body;
pub mod entry;
pub mod header_fields;
pub mod headings;
pub mod list;
pub mod numbering;
pub mod numbers;
