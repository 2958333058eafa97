//! Accuracy against hand-checked records: precision, recall and F1 per field.
//!
//! Gold files are `NAME.expected.json` (searched recursively); they score every output document
//! whose file name is `NAME.<ext>` or `NAME.<anything>.<ext>`. Only keys present in a gold file
//! are scored; `null` in gold means "not stated", so a value there is a false positive.
//!
//! Scoring: participants are aligned in order by name (and group); items by number. For each
//! field, a predicted value equal to a non-null gold value is a true positive; a predicted
//! non-null value that differs (or where gold is null) is a false positive; a non-null gold
//! value not predicted exactly is a false negative. Whole records missing or extra count for
//! the `participants` and `items` rows.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Counts for one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Per-field counts over all scored documents.
#[derive(Debug, Default)]
pub struct Report {
    pub fields: BTreeMap<String, Counts>,
    pub documents: usize,
    /// Gold files with no matching output document.
    pub unmatched_gold: Vec<PathBuf>,
    /// Documents in which a gold participant or item was missed.
    pub documents_with_misses: usize,
    /// Of those, the documents without any extraction warning (code `X-…`): silent misses.
    pub silent_misses: usize,
}

impl Report {
    /// The share of documents with a missed participant or item that say nothing about it.
    pub fn silent_miss_rate(&self) -> f64 {
        if self.documents_with_misses == 0 {
            0.0
        } else {
            self.silent_misses as f64 / self.documents_with_misses as f64
        }
    }
}

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    #[error("cannot read {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid JSON in {path}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

/// Scores `documents.jsonl` in `out_dir` against the gold files under `gold_dir`.
pub fn evaluate(gold_dir: &Path, out_dir: &Path) -> Result<Report, EvalError> {
    let jsonl = out_dir.join("documents.jsonl");
    let text = std::fs::read_to_string(&jsonl)
        .map_err(|source| EvalError::Io { path: jsonl.clone(), source })?;
    let mut docs = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let doc: Value = serde_json::from_str(line)
            .map_err(|source| EvalError::Json { path: jsonl.clone(), source })?;
        docs.push(doc);
    }
    let mut golds = Vec::new();
    for gold_path in gold_files(gold_dir)? {
        let text = std::fs::read_to_string(&gold_path)
            .map_err(|source| EvalError::Io { path: gold_path.clone(), source })?;
        let gold: Value = serde_json::from_str(&text)
            .map_err(|source| EvalError::Json { path: gold_path.clone(), source })?;
        let name = gold_path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".expected.json"))
            .unwrap_or_default()
            .to_owned();
        golds.push((name, gold_path, gold));
    }
    let mut report = Report::default();
    let mut used = vec![false; golds.len()];
    for doc in &docs {
        // The most specific gold: "x.scan-300dpi" wins over "x" for "x.scan-300dpi.pdf".
        let best = golds
            .iter()
            .enumerate()
            .filter(|(_, (name, _, _))| document_matches(doc, name))
            .max_by_key(|(_, (name, _, _))| name.len());
        if let Some((i, (_, _, gold))) = best {
            used[i] = true;
            report.documents += 1;
            let mut own = BTreeMap::new();
            score_document(gold, doc, &mut own);
            let missed = ["participants", "items"]
                .iter()
                .any(|f| own.get(*f).is_some_and(|c: &Counts| c.fn_ > 0));
            if missed {
                report.documents_with_misses += 1;
                let warned = doc["warnings"].as_array().is_some_and(|ws| {
                    ws.iter().any(|w| w["code"].as_str().is_some_and(|c| c.starts_with("X-")))
                });
                if !warned {
                    report.silent_misses += 1;
                }
            }
            for (field, counts) in own {
                let total = report.fields.entry(field).or_default();
                total.tp += counts.tp;
                total.fp += counts.fp;
                total.fn_ += counts.fn_;
            }
        }
    }
    report.unmatched_gold =
        golds.into_iter().zip(used).filter(|(_, u)| !u).map(|((_, path, _), _)| path).collect();
    Ok(report)
}

fn gold_files(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|source| EvalError::Io { path: dir.clone(), source })?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(".expected.json") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn document_matches(doc: &Value, name: &str) -> bool {
    let path = doc.pointer("/source/path").and_then(Value::as_str).unwrap_or("");
    let file = Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or("");
    file.strip_prefix(name)
        .is_some_and(|rest| rest.starts_with('.') && !rest.ends_with(".expected.json"))
}

/// Scores one document against its gold record.
pub fn score_document(gold: &Value, doc: &Value, fields: &mut BTreeMap<String, Counts>) {
    if let Some(Value::Object(meeting)) = gold.get("meeting") {
        for (key, gold_value) in meeting {
            let predicted = doc.pointer(&format!("/meeting/{key}")).unwrap_or(&Value::Null);
            score_value(fields.entry(format!("meeting.{key}")).or_default(), gold_value, predicted);
        }
    }
    if let Some(Value::Array(gold_people)) = gold.get("participants") {
        let predicted =
            doc.get("participants").and_then(Value::as_array).cloned().unwrap_or_default();
        let pairs = align(gold_people, &predicted, |g, p| {
            g.get("name") == p.get("name")
                && (g.get("group").is_none() || g.get("group") == p.get("group"))
        });
        score_records("participant", gold_people, &predicted, &pairs, fields);
    }
    if let Some(Value::Array(gold_items)) = gold.get("items") {
        let predicted = doc.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
        let pairs = align(gold_items, &predicted, |g, p| g.get("number") == p.get("number"));
        score_records("item", gold_items, &predicted, &pairs, fields);
    }
}

/// Aligns gold and predicted records in order: each gold record takes the first unused
/// predicted record that `same` accepts.
fn align(
    gold: &[Value],
    predicted: &[Value],
    same: impl Fn(&Value, &Value) -> bool,
) -> Vec<(usize, Option<usize>)> {
    let mut used = vec![false; predicted.len()];
    gold.iter()
        .enumerate()
        .map(|(gi, g)| {
            let found = predicted.iter().enumerate().position(|(pi, p)| !used[pi] && same(g, p));
            if let Some(pi) = found {
                used[pi] = true;
            }
            (gi, found)
        })
        .collect()
}

fn score_records(
    kind: &str,
    gold: &[Value],
    predicted: &[Value],
    pairs: &[(usize, Option<usize>)],
    fields: &mut BTreeMap<String, Counts>,
) {
    let matched = pairs.iter().filter(|(_, p)| p.is_some()).count();
    let records = fields.entry(format!("{kind}s")).or_default();
    records.tp += matched;
    records.fn_ += gold.len() - matched;
    records.fp += predicted.len() - matched;
    for &(gi, pi) in pairs {
        let Value::Object(g) = &gold[gi] else {
            continue;
        };
        let p = pi.map(|i| &predicted[i]);
        for (key, gold_value) in g {
            if key == "sections" {
                let headings = |v: &Value| -> Value {
                    v.as_array()
                        .map(|a| {
                            a.iter()
                                .map(|s| s.get("heading").cloned().unwrap_or(Value::Null))
                                .collect()
                        })
                        .unwrap_or(Value::Null)
                };
                let predicted = p.and_then(|p| p.get(key)).map(headings).unwrap_or(Value::Null);
                score_value(
                    fields.entry(format!("{kind}.section_headings")).or_default(),
                    &headings(gold_value),
                    &predicted,
                );
                continue;
            }
            if key == "decision" {
                score_decision(
                    gold_value,
                    p.and_then(|p| p.get("decision")).unwrap_or(&Value::Null),
                    fields,
                );
                continue;
            }
            let predicted = p.and_then(|p| p.get(key)).unwrap_or(&Value::Null);
            score_value(fields.entry(format!("{kind}.{key}")).or_default(), gold_value, predicted);
        }
    }
}

fn score_decision(gold: &Value, predicted: &Value, fields: &mut BTreeMap<String, Counts>) {
    match gold {
        Value::Object(g) => {
            for (key, gold_value) in g {
                let p = predicted.get(key).unwrap_or(&Value::Null);
                score_value(fields.entry(format!("decision.{key}")).or_default(), gold_value, p);
            }
        }
        _ => score_value(
            fields.entry("decision.text".to_owned()).or_default(),
            &Value::Null,
            predicted.get("text").unwrap_or(&Value::Null),
        ),
    }
}

fn is_empty(v: &Value) -> bool {
    matches!(v, Value::Null) || v.as_array().is_some_and(Vec::is_empty)
}

fn score_value(counts: &mut Counts, gold: &Value, predicted: &Value) {
    let (g_empty, p_empty) = (is_empty(gold), is_empty(predicted));
    if gold == predicted || (g_empty && p_empty) {
        if !g_empty {
            counts.tp += 1;
        }
        return;
    }
    if !p_empty {
        counts.fp += 1;
    }
    if !g_empty {
        counts.fn_ += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scores_fields_and_records() {
        let gold = json!({"meeting": {"date": null, "body": "Byrådet"},
            "participants": [{"name": "A B", "party": "V"}, {"name": "C D", "party": "A"}]});
        let doc = json!({"meeting": {"date": "2020-01-01", "body": "Byrådet"},
            "participants": [{"name": "A B", "party": "V"}, {"name": "E F", "party": "A"}]});
        let mut fields = BTreeMap::new();
        score_document(&gold, &doc, &mut fields);
        assert_eq!(fields["meeting.date"], Counts { tp: 0, fp: 1, fn_: 0 });
        assert_eq!(fields["meeting.body"], Counts { tp: 1, fp: 0, fn_: 0 });
        assert_eq!(fields["participants"], Counts { tp: 1, fp: 1, fn_: 1 });
        assert_eq!(fields["participant.party"], Counts { tp: 1, fp: 0, fn_: 1 });
    }

    #[test]
    fn document_name_matching() {
        let doc =
            json!({"source": {"path": "../shared/seed/pdf/kkr-nordjylland-2021-01.cairo.pdf"}});
        assert!(document_matches(&doc, "kkr-nordjylland-2021-01"));
        assert!(!document_matches(&doc, "kkr-nordjylland"));
    }
}
