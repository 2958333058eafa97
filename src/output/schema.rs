//! The tables of the research package (#13): every CSV file and SQLite table, its columns with
//! their types, keys and allowed values. One definition drives the CSV header, the SQLite DDL
//! and `datapackage.json` (a Frictionless Table Schema per CSV), so they cannot drift apart.

/// A column's type, as Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Type {
    String,
    Integer,
    Number,
    Boolean,
    /// ISO `YYYY-MM-DD`.
    Date,
    /// `HH:MM`.
    Time,
    Year,
}

impl Type {
    pub(crate) fn table_schema(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Integer => "integer",
            Type::Number => "number",
            Type::Boolean => "boolean",
            Type::Date => "date",
            Type::Time => "time",
            Type::Year => "year",
        }
    }

    pub(crate) fn sqlite(self) -> &'static str {
        match self {
            Type::String | Type::Date | Type::Time => "TEXT",
            Type::Integer | Type::Boolean | Type::Year => "INTEGER",
            Type::Number => "REAL",
        }
    }
}

/// One column.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) ty: Type,
    pub(crate) required: bool,
    pub(crate) description: &'static str,
    /// The allowed values (empty: any).
    pub(crate) values: &'static [&'static str],
    pub(crate) pattern: Option<&'static str>,
}

const fn col(name: &'static str, ty: Type, description: &'static str) -> Field {
    Field { name, ty, required: false, description, values: &[], pattern: None }
}

const fn req(name: &'static str, ty: Type, description: &'static str) -> Field {
    Field { required: true, ..col(name, ty, description) }
}

const fn one_of(field: Field, values: &'static [&'static str]) -> Field {
    Field { values, ..field }
}

const fn pattern(field: Field, pattern: &'static str) -> Field {
    Field { pattern: Some(pattern), ..field }
}

/// A foreign key: `fields` of this table name a row of `table`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ForeignKey {
    pub(crate) fields: &'static [&'static str],
    pub(crate) table: &'static str,
    pub(crate) reference: &'static [&'static str],
}

const fn fk(fields: &'static [&'static str], table: &'static str) -> ForeignKey {
    // Both sides name the column the same way.
    ForeignKey { fields, table, reference: fields }
}

/// One table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Table {
    pub(crate) name: &'static str,
    pub(crate) description: &'static str,
    pub(crate) fields: &'static [Field],
    pub(crate) primary_key: &'static [&'static str],
    pub(crate) foreign_keys: &'static [ForeignKey],
}

impl Table {
    pub(crate) fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }

    pub(crate) fn header(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }
}

const HEX16: &str = "^[0-9a-f]{16}$";
const MUNICIPALITY_CODE: &str = "^[0-9]{3}$";
const FORMATS: &[&str] = &["text", "pdf", "image", "docx", "odt", "html", "json", "xml"];
const KINDS: &[&str] = &["referat", "dagsorden", "bilag", "unknown"];
const STATUSES: &[&str] = &["ok", "partial", "empty", "not_minutes"];
const OUTCOMES: &[&str] = &["approved", "rejected", "noted", "postponed", "discussed", "referred"];
const SIDES: &[&str] = &["for", "against", "abstain"];
pub(crate) const BASES: &[&str] = &[
    "body_municipality_date_time",
    "body_municipality_date",
    "body_municipality_case_numbers",
    "document",
];
pub(crate) const EVIDENCE: &[&str] =
    &["canonical", "normalised", "initials", "middle_names", "party_not_stated"];

const DOCUMENT_ID: Field = pattern(
    req("document_id", Type::String, "the content's id: the first 16 hex digits of sha256"),
    HEX16,
);
const MEETING_ID: Field = pattern(
    req(
        "meeting_id",
        Type::String,
        "the meeting's id (a hash of body, municipality, date and start time; see meetings.identified_by)",
    ),
    HEX16,
);
const ITEM_ID: Field =
    req("item_id", Type::String, "the item's id: meeting_id, '-', the item number");
const PERSON_ID: Field = pattern(
    col("person_id", Type::String, "the person's id (people.csv); null when not resolved"),
    HEX16,
);
const PAGE: Field = col("page", Type::Integer, "the page the record starts on");
const LINE: Field = col("line", Type::Integer, "the line on that page");

pub(crate) const DOCUMENTS: Table = Table {
    name: "documents",
    description: "One row per input document (content): where it was read and how far it can be trusted. Identical files are one document.",
    fields: &[
        DOCUMENT_ID,
        pattern(req("sha256", Type::String, "sha256 of the file's bytes"), "^[0-9a-f]{64}$"),
        req(
            "path",
            Type::String,
            "the input path as given to this run (not an id: the same file under another path is the same document)",
        ),
        one_of(req("format", Type::String, "the input format, decided from the content"), FORMATS),
        one_of(req("kind", Type::String, "what the document is"), KINDS),
        one_of(
            req(
                "status",
                Type::String,
                "ok: records, no warnings; partial: records and warnings; empty: nothing found; not_minutes: an agenda or attachment",
            ),
            STATUSES,
        ),
        req("pages", Type::Integer, "pages read"),
        req("ocr_pages", Type::Integer, "pages read by OCR"),
        pattern(
            col(
                "meeting_id",
                Type::String,
                "the meeting the document is a rendering of; null for an attachment",
            ),
            HEX16,
        ),
        req(
            "meeting_source",
            Type::Boolean,
            "true for the document the meeting's rows (participants, items, votes) come from",
        ),
        req("participants", Type::Integer, "participant listings found in this document"),
        req("items", Type::Integer, "agenda items found in this document"),
        req("warnings", Type::Integer, "rows in warnings.csv"),
        req("referat_version", Type::String, "the referat release that extracted it"),
        req("rules", Type::String, "hash of the extraction code and reference data"),
    ],
    primary_key: &["document_id"],
    foreign_keys: &[fk(&["meeting_id"], "meetings")],
};

pub(crate) const MEETINGS: Table = Table {
    name: "meetings",
    description: "One row per meeting, however many documents carry it (text, PDF, scan, agenda); fields from its source document.",
    fields: &[
        MEETING_ID,
        one_of(
            req(
                "identified_by",
                Type::String,
                "what the id is derived from: body, municipality, date and start time; without a start time; for an undated meeting, its items' case numbers; or nothing that tells it from others (one document, one meeting)",
            ),
            BASES,
        ),
        pattern(
            col(
                "body_id",
                Type::String,
                "derived: a hash of the normalised body name and municipality, to count per body",
            ),
            HEX16,
        ),
        col("body", Type::String, "the meeting body as written"),
        col("municipality", Type::String, "the municipality as written"),
        pattern(
            col(
                "municipality_code",
                Type::String,
                "official 3-digit municipality code (a string: 101, not 101.0)",
            ),
            MUNICIPALITY_CODE,
        ),
        col("date", Type::Date, "meeting date as stated; null when the document does not state it"),
        col("year", Type::Year, "derived from date"),
        col("start_time", Type::Time, "start time as stated"),
        col("end_time", Type::Time, "end time as stated"),
        col("location", Type::String, "where the meeting was held"),
        req("extraordinary", Type::Boolean, "an extraordinary meeting"),
        DOCUMENT_ID_SOURCE,
        req(
            "documents",
            Type::Integer,
            "documents that carry this meeting (rows of documents.csv with this meeting_id)",
        ),
        req(
            "disagreements",
            Type::Integer,
            "rows in meeting_disagreements.csv: where another document of the meeting says otherwise than the source",
        ),
        req("participants", Type::Integer, "participant listings"),
        req("present", Type::Integer, "listings present"),
        req("absent", Type::Integer, "listings absent"),
        req("items", Type::Integer, "agenda items"),
    ],
    primary_key: &["meeting_id"],
    foreign_keys: &[ForeignKey {
        fields: &["source_document_id"],
        table: "documents",
        reference: &["document_id"],
    }],
};

const DOCUMENT_ID_SOURCE: Field = pattern(
    req(
        "source_document_id",
        Type::String,
        "the document the row comes from: minutes before an agenda, born-digital before OCR, then status, then format (structured export, office, web, PDF, text, image)",
    ),
    HEX16,
);

pub(crate) const DISAGREEMENTS: Table = Table {
    name: "meeting_disagreements",
    description: "Where a document of a meeting says otherwise than the meeting's source document (a scan's misreading, a later version).",
    fields: &[
        MEETING_ID,
        Field { description: "the document that disagrees with the source", ..DOCUMENT_ID },
        one_of(
            req("field", Type::String, "what differs"),
            &["start_time", "end_time", "location", "extraordinary", "participants", "items"],
        ),
        col(
            "source_value",
            Type::String,
            "the source document's value (for participants and items: how many)",
        ),
        col(
            "other_value",
            Type::String,
            "this document's value (for participants and items: how many)",
        ),
        col(
            "differing",
            Type::Integer,
            "for participants and items: records of this document not found as such in the source",
        ),
    ],
    primary_key: &["meeting_id", "document_id", "field"],
    foreign_keys: &[fk(&["meeting_id"], "meetings"), fk(&["document_id"], "documents")],
};

pub(crate) const PARTICIPANTS: Table = Table {
    name: "participants",
    description: "One row per listing of a person in a meeting's attendance, from the meeting's source document.",
    fields: &[
        MEETING_ID,
        req("listing", Type::Integer, "the listing's place in the attendance, 1-based"),
        DOCUMENT_ID,
        PERSON_ID,
        req("name", Type::String, "the name as listed"),
        col("role", Type::String, "role as listed (formand, borgmester, …)"),
        col(
            "municipality",
            Type::String,
            "the person's municipality as listed or derived from the body",
        ),
        pattern(
            col("municipality_code", Type::String, "official 3-digit municipality code"),
            MUNICIPALITY_CODE,
        ),
        col("party", Type::String, "canonical party letter"),
        col("party_name", Type::String, "the party's name"),
        col("group", Type::String, "the heading the person is listed under"),
        one_of(
            req("attendance", Type::String, "present or absent for the meeting"),
            &["present", "absent"],
        ),
        col("organisation", Type::String, "organisation of a guest or staff member"),
        col("represents", Type::String, "what a member represents"),
        col("substitute_for", Type::String, "the member a substitute stands in for"),
        req("ocr", Type::Boolean, "read by OCR from a scan"),
        col("ocr_confidence", Type::Number, "mean OCR word confidence, 0-100"),
        PAGE,
        LINE,
    ],
    primary_key: &["meeting_id", "listing"],
    foreign_keys: &[
        fk(&["meeting_id"], "meetings"),
        fk(&["document_id"], "documents"),
        fk(&["person_id"], "people"),
    ],
};

pub(crate) const POSITIONS: Table = Table {
    name: "positions",
    description: "One row per position a listing names (formand, næstformand, …).",
    fields: &[
        MEETING_ID,
        req("listing", Type::Integer, "participants.listing"),
        PERSON_ID,
        req("position", Type::String, "the position as written"),
    ],
    primary_key: &["meeting_id", "listing", "position"],
    foreign_keys: &[fk(&["meeting_id"], "meetings"), fk(&["person_id"], "people")],
};

pub(crate) const ITEMS: Table = Table {
    name: "items",
    description: "One row per agenda item of a meeting, from the meeting's source document, with its decision.",
    fields: &[
        ITEM_ID,
        MEETING_ID,
        DOCUMENT_ID,
        req("number", Type::String, "the item number as a string (2.1 stays 2.1)"),
        col("title", Type::String, "the item's title"),
        col("case_number", Type::String, "the case number (sagsnummer) as written"),
        col("case_handler", Type::String, "the case handler"),
        req("closed", Type::Boolean, "a closed (lukket) item"),
        col("recommendation", Type::String, "the recommendation (indstilling)"),
        col("decision", Type::String, "the decision text"),
        one_of(
            col("outcome", Type::String, "the decision's outcome, when stated plainly"),
            OUTCOMES,
        ),
        col("votes_for", Type::Integer, "votes for, as stated"),
        col("votes_against", Type::Integer, "votes against, as stated"),
        col("votes_abstain", Type::Integer, "abstentions, as stated"),
        one_of(
            col(
                "majority_side",
                Type::String,
                "derived: the side that carried the vote, from the stated counts, else from the outcome (approved: for, rejected: against); null without a vote",
            ),
            &["for", "against"],
        ),
        one_of(
            col("majority_basis", Type::String, "what majority_side is derived from"),
            &["counts", "outcome"],
        ),
        req("ocr", Type::Boolean, "read by OCR from a scan"),
        col("ocr_confidence", Type::Number, "mean OCR word confidence, 0-100"),
        PAGE,
        LINE,
    ],
    primary_key: &["item_id"],
    foreign_keys: &[fk(&["meeting_id"], "meetings"), fk(&["document_id"], "documents")],
};

pub(crate) const VOTES: Table = Table {
    name: "votes",
    description: "One row per item, side and voter (a party letter or a named person) of a recorded vote.",
    fields: &[
        ITEM_ID,
        one_of(req("side", Type::String, "for, against or abstain"), SIDES),
        req("voter", Type::Integer, "the voter's place on the side, 1-based"),
        MEETING_ID,
        col("party", Type::String, "the party letter (of the party, or of the named person)"),
        col("name", Type::String, "the person named, when a person and not a party is listed"),
        PERSON_ID,
    ],
    primary_key: &["item_id", "side", "voter"],
    foreign_keys: &[
        fk(&["item_id"], "items"),
        fk(&["meeting_id"], "meetings"),
        fk(&["person_id"], "people"),
    ],
};

pub(crate) const ABSENCES: Table = Table {
    name: "item_absences",
    description: "One row per member recorded as not taking part in an item.",
    fields: &[
        ITEM_ID,
        req("absentee", Type::Integer, "place in the item's list, 1-based"),
        MEETING_ID,
        req("name", Type::String, "the name as written"),
        PERSON_ID,
    ],
    primary_key: &["item_id", "absentee"],
    foreign_keys: &[
        fk(&["item_id"], "items"),
        fk(&["meeting_id"], "meetings"),
        fk(&["person_id"], "people"),
    ],
};

pub(crate) const PEOPLE: Table = Table {
    name: "people",
    description: "One row per person, resolved across meetings within a municipality and an election term (person_names.csv gives the evidence for every name merged).",
    fields: &[
        pattern(
            req(
                "person_id",
                Type::String,
                "the person's id: a hash of municipality, term, name and party",
            ),
            HEX16,
        ),
        req("name", Type::String, "the fullest name the person is listed under"),
        col("party", Type::String, "party letter"),
        col("municipality", Type::String, "municipality"),
        pattern(
            col("municipality_code", Type::String, "official 3-digit municipality code"),
            MUNICIPALITY_CODE,
        ),
        col(
            "term",
            Type::String,
            "the election term of the meetings (e.g. 2022-2025); null for undated meetings",
        ),
        col("first_date", Type::Date, "the first dated meeting listing the person"),
        col("last_date", Type::Date, "the last dated meeting listing the person"),
        req("meetings", Type::Integer, "meetings listing the person"),
        req("present", Type::Integer, "meetings present"),
        req("absent", Type::Integer, "meetings absent"),
        col("roster_id", Type::String, "external id from --roster"),
        col("roster_name", Type::String, "the name in --roster"),
    ],
    primary_key: &["person_id"],
    foreign_keys: &[],
};

pub(crate) const PERSON_NAMES: Table = Table {
    name: "person_names",
    description: "Every name (and party) a person was resolved from, with the evidence for the merge.",
    fields: &[
        pattern(req("person_id", Type::String, "people.person_id"), HEX16),
        req("variant", Type::Integer, "1-based"),
        req("name", Type::String, "the name as listed"),
        col("party", Type::String, "the party as listed"),
        one_of(
            req(
                "evidence",
                Type::String,
                "canonical: the person's name; normalised: the same after NFC, case, hyphens and dots; initials: an initial for a first or middle name; middle_names: middle names left out; party_not_stated: the same name without a party",
            ),
            EVIDENCE,
        ),
        req("listings", Type::Integer, "listings under this name"),
    ],
    primary_key: &["person_id", "variant"],
    foreign_keys: &[fk(&["person_id"], "people")],
};

pub(crate) const AMBIGUITIES: Table = Table {
    name: "person_ambiguities",
    description: "Names that could be more than one person (never merged): one row per name and candidate.",
    fields: &[
        pattern(req("person_id", Type::String, "the person the name was kept as"), HEX16),
        pattern(req("candidate_person_id", Type::String, "a person it could also be"), HEX16),
        req("reason", Type::String, "why it was not merged"),
    ],
    primary_key: &["person_id", "candidate_person_id"],
    foreign_keys: &[
        fk(&["person_id"], "people"),
        ForeignKey { fields: &["candidate_person_id"], table: "people", reference: &["person_id"] },
    ],
};

pub(crate) const WARNINGS: Table = Table {
    name: "warnings",
    description: "One row per extraction warning (codes in docs/extraction-rules.md).",
    fields: &[
        DOCUMENT_ID,
        req("code", Type::String, "warning code"),
        req("message", Type::String, "what was not read or understood"),
        PAGE,
        LINE,
    ],
    primary_key: &[],
    foreign_keys: &[fk(&["document_id"], "documents")],
};

pub(crate) const ERRORS: Table = Table {
    name: "errors",
    description: "Inputs that could not be processed.",
    fields: &[
        req("path", Type::String, "the input path"),
        one_of(
            req("stage", Type::String, "where it failed"),
            &["discover", "read", "ingest", "worker", "internal"],
        ),
        req("reason", Type::String, "why"),
    ],
    primary_key: &[],
    foreign_keys: &[],
};

/// Every table, in the order they are written and listed in `datapackage.json`.
pub(crate) const ALL: &[Table] = &[
    DOCUMENTS,
    MEETINGS,
    DISAGREEMENTS,
    PARTICIPANTS,
    POSITIONS,
    ITEMS,
    VOTES,
    ABSENCES,
    PEOPLE,
    PERSON_NAMES,
    AMBIGUITIES,
    WARNINGS,
    ERRORS,
];
