//! The records referat produces: one [`Document`] per input file.
//!
//! These types *are* the output contract of `documents.jsonl` (see
//! `schemas/documents.schema.json`); field names and order are stable.

use serde::{Deserialize, Serialize};

/// Everything extracted from one input document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub source: Source,
    pub meeting: Meeting,
    pub participants: Vec<Participant>,
    pub items: Vec<Item>,
    pub warnings: Vec<Warning>,
}

impl Document {
    /// The records a document of its kind gives by default: minutes keep everything, an
    /// agenda its meeting and items without decisions, other kinds nothing. What is withheld
    /// is said in a `K-WITHHELD` warning (`--kinds all` keeps it).
    pub fn restricted_to_kind(mut self) -> Document {
        let (participants, items, decisions) = (
            self.participants.len(),
            self.items.len(),
            self.items.iter().filter(|i| i.decision.is_some()).count(),
        );
        let withheld = match self.source.kind {
            Kind::Referat => return self,
            Kind::Dagsorden => {
                self.participants.clear();
                for item in &mut self.items {
                    item.decision = None;
                }
                format!("{participants} participants and {decisions} decisions")
            }
            Kind::Bilag | Kind::Unknown => {
                let page = self.meeting.page;
                self.meeting = Meeting { page, ..Meeting::default() };
                self.participants.clear();
                self.items.clear();
                format!("the meeting fields, {participants} participants and {items} items")
            }
        };
        if participants + items > 0 {
            self.warnings.push(Warning::document(
                "K-WITHHELD",
                format!(
                    "{withheld} found but not written: a {} is not minutes (--kinds all keeps them)",
                    self.source.kind.as_str()
                ),
            ));
        }
        self
    }
}

/// A problem that did not stop the document: what was not read, or not understood, and where.
/// Codes are listed in `docs/extraction-rules.md` ("Warning codes").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub code: String,
    pub message: String,
    pub page: Option<usize>,
    pub line: Option<usize>,
}

impl Warning {
    /// A warning about the document as a whole.
    pub fn document(code: &str, message: impl Into<String>) -> Self {
        Warning { code: code.to_owned(), message: message.into(), page: None, line: None }
    }

    /// A warning about one page.
    pub fn page(code: &str, page: usize, message: impl Into<String>) -> Self {
        Warning { page: Some(page), ..Warning::document(code, message) }
    }

    /// A warning about one line.
    pub fn line(code: &str, page: usize, line: usize, message: impl Into<String>) -> Self {
        Warning { page: Some(page), line: Some(line), ..Warning::document(code, message) }
    }

    /// "CODE page 3 line 12: message", for people.
    pub fn display(&self) -> String {
        let at = match (self.page, self.line) {
            (Some(p), Some(l)) => format!(" page {p} line {l}"),
            (Some(p), None) => format!(" page {p}"),
            _ => String::new(),
        };
        format!("{}{at}: {}", self.code, self.message)
    }
}

/// Where the record came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub path: String,
    pub sha256: String,
    pub format: Format,
    pub pages: usize,
    /// Pages whose text came from OCR.
    pub ocr_pages: usize,
    /// What the document is (minutes, an agenda, an attachment), from its structure and wording.
    pub kind: Kind,
    /// Whether its records can be trusted as they are (`docs/extraction-rules.md`, "Status").
    pub status: Status,
    /// The referat release that wrote the record.
    pub referat_version: String,
    /// The hash of the extraction code and reference data that produced it.
    pub rules: String,
}

/// What a document is. Only minutes give meeting, participant and item records by default;
/// an agenda gives its meeting and items without decisions; the others give none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Minutes (referat, beslutningsprotokol).
    Referat,
    /// An agenda: items, no decisions.
    Dagsorden,
    /// An attachment: a note, letter, invitation, table or list.
    Bilag,
    /// Too little text to tell.
    Unknown,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Referat => "referat",
            Kind::Dagsorden => "dagsorden",
            Kind::Bilag => "bilag",
            Kind::Unknown => "unknown",
        }
    }
}

/// How far a document's records can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Minutes with records and no warnings.
    Ok,
    /// Minutes with records and warnings: check the warnings.
    Partial,
    /// A readable document in which nothing was found (its warnings say what was looked for).
    Empty,
    /// An agenda or an attachment.
    NotMinutes,
    /// Not read (the reason is in `errors.csv`).
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Partial => "partial",
            Status::Empty => "empty",
            Status::NotMinutes => "not_minutes",
            Status::Failed => "failed",
        }
    }

    /// The status of a document read without error.
    pub fn of(kind: Kind, records: usize, warnings: &[Warning]) -> Status {
        match kind {
            Kind::Dagsorden | Kind::Bilag => Status::NotMinutes,
            _ if records == 0 => Status::Empty,
            Kind::Unknown => Status::Empty,
            Kind::Referat if warnings.is_empty() => Status::Ok,
            Kind::Referat => Status::Partial,
        }
    }
}

/// Input kind, decided from the file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Pdf,
    /// An image file (scan), read by OCR.
    Image,
    /// A Word document.
    Docx,
    /// An OpenDocument text.
    Odt,
    /// A saved web page.
    Html,
    /// A meeting portal's JSON export.
    Json,
    /// An ESDH system's XML export (eDoc, Acadre).
    Xml,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Image => "image",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Html => "html",
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }
}

/// The meeting header. A field the document does not state is `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub body: Option<String>,
    pub municipality: Option<String>,
    pub municipality_code: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `HH:MM`.
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub location: Option<String>,
    pub extraordinary: bool,
    pub page: Option<usize>,
}

/// Meeting-level attendance as listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attendance {
    Present,
    Absent,
}

impl Attendance {
    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Absent => "absent",
        }
    }
}

/// One listing of a person in an attendance block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    pub role: Option<String>,
    pub municipality: Option<String>,
    pub municipality_code: Option<String>,
    pub party: Option<String>,
    pub party_name: Option<String>,
    /// The heading of the attendance block the person is listed under.
    pub group: Option<String>,
    pub attendance: Attendance,
    pub organisation: Option<String>,
    pub represents: Option<String>,
    pub positions: Vec<String>,
    /// For a substitute: the member they stand in for.
    pub substitute_for: Option<String>,
    /// True when the listing was read by OCR from a scan.
    pub ocr: bool,
    /// Mean OCR word confidence (0–100) of the listing's line.
    pub ocr_confidence: Option<f32>,
    pub page: usize,
    pub line: usize,
    /// Codes of the rules that produced the record's fields (`docs/extraction-rules.md`,
    /// "Rule codes"); `E-MUNI-BODY` marks a municipality derived from the meeting's body.
    #[serde(default)]
    pub rules: Vec<String>,
}

/// One agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub number: String,
    pub title: String,
    pub case_number: Option<String>,
    pub case_handler: Option<String>,
    pub closed: bool,
    pub sections: Vec<Section>,
    pub recommendation: Option<String>,
    pub decision: Option<Decision>,
    /// Members recorded as not taking part in this item.
    pub absent: Vec<String>,
    /// True when the item was read by OCR from a scan.
    pub ocr: bool,
    /// Mean OCR word confidence (0–100) of the item's lines.
    pub ocr_confidence: Option<f32>,
    pub page: usize,
    pub line: usize,
    /// Codes of the rules that produced the record's fields (`docs/extraction-rules.md`,
    /// "Rule codes").
    #[serde(default)]
    pub rules: Vec<String>,
}

/// A headed section of an item (Baggrund, Indstilling, Beslutning, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub text: String,
    pub page: usize,
    pub line: usize,
}

/// What the meeting decided on an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub text: String,
    pub outcome: Option<Outcome>,
    pub votes: Option<Votes>,
    pub page: usize,
    pub line: usize,
}

/// The kind of decision, when the text states it plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Approved,
    Rejected,
    Noted,
    Postponed,
    Discussed,
    Referred,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::Rejected => "rejected",
            Outcome::Noted => "noted",
            Outcome::Postponed => "postponed",
            Outcome::Discussed => "discussed",
            Outcome::Referred => "referred",
        }
    }
}

/// A recorded vote, by side.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Votes {
    #[serde(rename = "for")]
    pub for_: VoteSide,
    pub against: VoteSide,
    pub abstain: VoteSide,
}

/// One side of a vote: a stated count and/or the voters named.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VoteSide {
    pub count: Option<u32>,
    pub voters: Vec<Voter>,
}

/// A party (letter) or a named person with their party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Voter {
    pub party: Option<String>,
    pub name: Option<String>,
}

impl Voter {
    /// "V", "Liselott Blixt (UP)", "Viggo Jonasen".
    pub fn label(&self) -> String {
        match (&self.name, &self.party) {
            (Some(n), Some(p)) => format!("{n} ({p})"),
            (Some(n), None) => n.clone(),
            (None, Some(p)) => p.clone(),
            (None, None) => String::new(),
        }
    }
}
