//! `datapackage.json`: a Frictionless Data package describing the CSV files beside it, one
//! Table Schema per file (types, primary and foreign keys, allowed values, missing values), so
//! pandas, R, DuckDB or `frictionless validate` read codes as strings and counts as integers.

use super::CsvDialect;
use super::schema::{ALL, Field, Table, Type};
use serde_json::{Value, json};

fn field(f: &Field) -> Value {
    let mut field = json!({
        "name": f.name,
        "type": f.ty.table_schema(),
        "description": f.description,
    });
    if f.ty == Type::Time {
        field["format"] = json!("%H:%M");
    }
    let mut constraints = serde_json::Map::new();
    if f.required {
        constraints.insert("required".into(), json!(true));
    }
    if !f.values.is_empty() {
        constraints.insert("enum".into(), json!(f.values));
    }
    if let Some(pattern) = f.pattern {
        // Table Schema patterns match the whole value (XML Schema style): no anchors.
        let bare = pattern.trim_start_matches('^').trim_end_matches('$');
        constraints.insert("pattern".into(), json!(bare));
    }
    if !constraints.is_empty() {
        field["constraints"] = Value::Object(constraints);
    }
    field
}

fn schema(table: &Table) -> Value {
    let mut schema = json!({
        "fields": table.fields.iter().map(field).collect::<Vec<_>>(),
        "missingValues": [""],
    });
    if !table.primary_key.is_empty() {
        schema["primaryKey"] = json!(table.primary_key);
    }
    if !table.foreign_keys.is_empty() {
        schema["foreignKeys"] = json!(
            table
                .foreign_keys
                .iter()
                .map(|k| json!({
                    "fields": k.fields,
                    "reference": {"resource": k.table, "fields": k.reference},
                }))
                .collect::<Vec<_>>()
        );
    }
    schema
}

/// The package descriptor for the tables written in `dialect`.
pub(crate) fn descriptor(dialect: CsvDialect) -> Value {
    let (delimiter, encoding) = match dialect {
        CsvDialect::Standard => (",", "utf-8"),
        CsvDialect::Excel => (";", "utf-8-sig"),
    };
    let resources: Vec<Value> = ALL
        .iter()
        .map(|t| {
            json!({
                "name": t.name,
                "path": t.file_name(),
                "profile": "tabular-data-resource",
                "description": t.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": encoding,
                "dialect": {"delimiter": delimiter, "doubleQuote": true, "header": true},
                "schema": schema(t),
            })
        })
        .collect();
    json!({
        "name": "referat-minutes",
        "title": "Danish meeting minutes extracted by referat",
        "description": "Meetings, attendance, items, decisions and votes read from Danish municipal minutes. A value the minutes do not state is empty (null); a derived value says so in its description. Each meeting is one row however many documents carry it; participants, items and votes come from its source document.",
        "profile": "tabular-data-package",
        "version": env!("CARGO_PKG_VERSION"),
        "resources": resources,
    })
}
