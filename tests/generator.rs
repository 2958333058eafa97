//! Property-style test: seeded generated minutes (tests/generator/) against the records the
//! rules say they must give.
//!
//! `cargo test --test generator` checks 2000 documents built only from the forms in
//! [`SUPPORTED`], the forms the library gets right today. The other forms stay in the
//! generator: `bench/generator.sh` (the ignored test `report_all_forms`) measures every form,
//! and a form whose isolated failure rate reaches zero can be added to `SUPPORTED`.
//!
//! To look at one document: `GENERATOR_SEED=17 [GENERATOR_FORM=item:ad | GENERATOR_ALL=1]
//! cargo test --test generator -- --ignored --nocapture show_document`.

mod common;
#[path = "generator/mod.rs"]
mod generator;

use generator::{Dims, Doc, all_forms, generate, generate_doc};
use referat::ingest::{Limits, OcrMode};
use referat::pipeline::process_bytes;
use serde_json::Value;
use std::collections::BTreeMap;

/// The forms the library extracts correctly today, alone and together. Keep each dimension
/// with at least one form (the generator needs a value for every dimension).
/// A form left out of this list fails today; bench/generator.sh measures it alone and says
/// which fields differ.
const SUPPORTED: &[&str] = &[
    // Meeting header.
    "municipality:none",
    "municipality:above",
    "title:none",
    "title:referat-above",
    "title:referat-below",
    "body:line",
    "body:caps",
    "body:referat-fra",
    "header:labelled-lines",
    "header:labelled-one-line",
    "header:labelled-date-time",
    "header:block",
    "header:block-date-time",
    "header:sentence",
    "label-date:dato",
    "label-date:moededato",
    "label-time:tidspunkt",
    "label-time:moedetidspunkt",
    "label-place:sted",
    "label-place:moedested",
    "label-place:lokale",
    "order:standard",
    "order:shuffled",
    "date:den-long",
    "date:d-long",
    "date:dotted",
    "date:dotted-short",
    "date:dashed",
    "date:iso",
    "date:slash",
    "weekday:none",
    "weekday:lower",
    "weekday:capital",
    "time:kl-dot",
    "time:kl-colon",
    "time:kl-hour",
    "time:range",
    "time:fra-til",
    "place:single",
    "place:comma",
    "end:none",
    "end:haevet",
    "end:moede-slut",
    // Attendance.
    "present:deltagere",
    "present:til-stede",
    "present:tilstede",
    "present:fremmoedte",
    "present:medlemmer",
    "present:moedt",
    "present:deltagende",
    "absent:none",
    "absent:afbud",
    "absent:fravaerende",
    "absent:forfald",
    "absent:meldt-afbud",
    "absent:ikke-til-stede",
    "absent:fravaerende-med-afbud",
    "colon:yes",
    "colon:no",
    "list:lines",
    "list:sentence",
    "list:table",
    "list:party-groups",
    "entry:name-paren",
    "entry:name-comma-paren",
    "entry:name-comma-letter",
    "entry:letter-colon-name",
    "entry:paren-name",
    "entry:name-party-full",
    "entry:name-comma-party-full",
    "entry:name-dash-full-letter",
    "remark:none",
    "remark:arrival-paren",
    "remark:remote-dash",
    "remark:partly-absent",
    "remark:leaves-paren",
    "role:none",
    "role:dash-after",
    "role:comma-after",
    "role:before",
    "role:between",
    "role:column-after",
    // Agenda items.
    "item:dot",
    "item:punkt-colon",
    "item:pkt-dot",
    "item:punkt-own-line",
    "item:paren",
    "item:sag-colon",
    "item:ad",
    "item:paragraph",
    "item:table-row",
    "start:one",
    "start:running",
    "sub:none",
    "sub:dotted",
    "sub:plain",
    "case:none",
    "case:sagsnr-colon",
    "case:sagsnr-space",
    "case:sag-nr",
    "case:jnr",
    "case:journalnr",
    "case:emn",
    "case-gap:tight",
    "case-gap:blank",
    "doknr:none",
    "doknr:same-line",
    "doknr:own-line",
    "sections:none",
    "sections:classic",
    "sections:decision-first",
    "decision:beslutning",
    "decision:beslutning-colon",
    "decision:udvalgets",
    "decision:body-genitive",
    "decision:dated",
    "outcome:godkendt",
    "outcome:efterretning",
    "outcome:udsat",
    "outcome:droeftet",
    "outcome:oversendes",
    "outcome:forkastet",
    "vote:none",
    "vote:for-imod",
    "vote:for-imod-undlod",
    "vote:count-mod",
    "vote:stemte-imod-after",
    "vote:stacked-counts",
    "vote:count-words",
    "vote:amendment-then-final",
    "vote:full-names-mens",
    "vote:table",
    "vote:oevrige",
];

/// Documents checked by the default test: enough to meet every pair of supported forms
/// many times. The time is the extractor's: about 10 ms a document in a debug build.
/// `GENERATOR_TEST_DOCS=N` checks more (a release build does some 1000 a second).
const DOCS: u64 = 2000;

/// A generated document and how the library's record differs from the expected one.
#[derive(Clone)]
struct Checked {
    doc: Doc,
    diffs: Vec<String>,
}

/// The library's record for a generated text, as JSON (a failure or panic is an error).
fn extract(text: &str) -> Result<Value, String> {
    let run =
        || process_bytes("generated.txt", text.as_bytes(), &Limits::default(), OcrMode::Never);
    match std::panic::catch_unwind(run) {
        Err(_) => Err("the pipeline panicked".to_owned()),
        Ok(Err(failure)) => Err(format!("the pipeline failed: {}", failure.reason)),
        Ok(Ok(doc)) => Ok(serde_json::to_value(doc).expect("documents serialise")),
    }
}

fn check(doc: Doc) -> Checked {
    let mut diffs = Vec::new();
    match extract(&doc.text) {
        Ok(actual) => common::differences(&doc.expected, &actual, "", &mut diffs),
        Err(e) => diffs.push(e),
    }
    Checked { doc, diffs }
}

/// Generates and checks one document per seed, spread over the cores; results in seed order.
fn run_many(seeds: &[u64], dims: &Dims) -> Vec<Checked> {
    let threads =
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(seeds.len().max(1));
    let chunk = seeds.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = seeds
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter().map(|&seed| check(generate_doc(seed, dims))).collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("generator thread")).collect()
    })
}

/// The seed, forms, differences and text excerpt of one failing document.
fn describe(c: &Checked, indent: &str) -> String {
    let mut out = format!("{indent}seed {}\n{indent}forms: ", c.doc.seed);
    out.push_str(&c.doc.forms.iter().cloned().collect::<Vec<_>>().join(" "));
    out.push_str(&format!("\n{indent}differences:\n"));
    for d in c.diffs.iter().take(8) {
        out.push_str(&format!("{indent}  {d}\n"));
    }
    if c.diffs.len() > 8 {
        out.push_str(&format!("{indent}  … {} more\n", c.diffs.len() - 8));
    }
    out.push_str(&format!("{indent}excerpt:\n"));
    let excerpt = c.doc.excerpt_for(c.diffs.first().map_or("", String::as_str));
    for line in excerpt.lines().take(24) {
        out.push_str(&format!("{indent}  | {line}\n"));
    }
    out
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn supported_forms_are_in_the_catalogue() {
    // Dims::only panics on a name the generator does not know.
    let dims = Dims::only(SUPPORTED);
    assert!(
        dims.empty_dimensions().is_empty(),
        "no supported form in {:?}",
        dims.empty_dimensions()
    );
}

#[test]
fn the_same_seed_gives_the_same_document() {
    let dims = Dims::all();
    for seed in [0, 1, 99, u64::MAX] {
        assert_eq!(generate(seed, &dims), generate(seed, &dims), "seed {seed}");
    }
}

#[test]
fn generated_documents_with_supported_forms_match() {
    let count = env_u64("GENERATOR_TEST_DOCS", DOCS);
    let seeds: Vec<u64> = (0..count).collect();
    let results = run_many(&seeds, &Dims::only(SUPPORTED));
    let failing: Vec<&Checked> = results.iter().filter(|c| !c.diffs.is_empty()).collect();
    let shown: Vec<String> = failing.iter().take(3).map(|c| describe(c, "  ")).collect();
    assert!(
        failing.is_empty(),
        "{} of {count} generated documents differ from their expected records:\n{}",
        failing.len(),
        shown.join("\n")
    );
}

/// Per form: documents generated and failing, and the first failing document.
#[derive(Default)]
struct Tally {
    generated: usize,
    failing: usize,
    example: Option<Checked>,
    /// Differing fields with list indexes removed (".items[].title"), by count.
    fields: BTreeMap<String, usize>,
    /// Per form used alongside: documents generated and failing, to tell which neighbours a
    /// failure goes with (`doknr:own-line` only failing with `case:none`, say).
    with: BTreeMap<String, (usize, usize)>,
}

impl Tally {
    fn add(&mut self, c: &Checked) {
        self.generated += 1;
        let failed = !c.diffs.is_empty();
        for form in &c.doc.forms {
            let (generated, failing) = self.with.entry(form.clone()).or_default();
            *generated += 1;
            *failing += usize::from(failed);
        }
        if !failed {
            return;
        }
        self.failing += 1;
        for d in &c.diffs {
            *self.fields.entry(field_of(d)).or_default() += 1;
        }
        if self.example.is_none() {
            self.example = Some(c.clone());
        }
    }

    fn rate(&self) -> String {
        rate(self.generated, self.failing)
    }

    /// The neighbouring forms with the highest failure rate (seen in 10+ documents), apart
    /// from those that occur in every document.
    fn worst_neighbours(&self) -> String {
        let mut rates: Vec<(f64, &String, usize, usize)> = self
            .with
            .iter()
            .filter(|(_, (g, _))| *g >= 10 && *g < self.generated)
            .map(|(form, &(g, f))| (f as f64 / g as f64, form, g, f))
            .collect();
        rates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let top = rates
            .iter()
            .take(4)
            .map(|(r, form, g, f)| format!("{form} {:.0}% ({f}/{g})", 100.0 * r));
        top.collect::<Vec<_>>().join(", ")
    }

    fn top_fields(&self) -> String {
        let mut fields: Vec<_> = self.fields.iter().collect();
        fields.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        fields.iter().take(4).map(|(f, n)| format!("{f} ({n})")).collect::<Vec<_>>().join(", ")
    }
}

fn rate(generated: usize, failing: usize) -> String {
    if generated == 0 {
        return "-".to_owned();
    }
    format!("{:.1}%", 100.0 * failing as f64 / generated as f64)
}

/// ".items[2 \"3\"].decision.outcome: got …" → ".items[].decision.outcome".
fn field_of(diff: &str) -> String {
    let path = diff.split(':').next().unwrap_or(diff);
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => {
                depth += 1;
                out.push('[');
            }
            ']' => {
                depth -= 1;
                out.push(']');
            }
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// FNV-1a, to give each form its own stable run of seeds.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

#[test]
#[ignore = "a measurement; run by bench/generator.sh"]
fn report_all_forms() {
    let count = env_u64("GENERATOR_DOCS", 20_000);
    // Every form outside SUPPORTED is also measured alone: documents of supported forms plus
    // that one form, so that its failure rate is its own and not its neighbours'.
    let alone_count = env_u64("GENERATOR_ALONE", (count / 10).max(20));
    let started = std::time::Instant::now();

    // Documents generated and failing per form, among all forms.
    let mut mixed: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let seeds: Vec<u64> = (0..count).collect();
    let mut mixed_failing = 0;
    for c in run_many(&seeds, &Dims::all()) {
        let failed = usize::from(!c.diffs.is_empty());
        mixed_failing += failed;
        for form in &c.doc.forms {
            let (generated, failing) = mixed.entry(form.clone()).or_default();
            *generated += 1;
            *failing += failed;
        }
    }

    let mut alone: BTreeMap<String, Tally> = BTreeMap::new();
    for form in all_forms().into_iter().filter(|f| !SUPPORTED.contains(&f.as_str())) {
        let base = fnv(&form);
        let seeds: Vec<u64> = (0..alone_count).map(|i| base.wrapping_add(i)).collect();
        let tally = alone.entry(form.clone()).or_default();
        for c in run_many(&seeds, &Dims::isolating(&form, SUPPORTED)) {
            tally.add(&c);
        }
    }

    print_table(&mixed, &alone, count, mixed_failing);
    print_examples(&alone);
    let ready: Vec<&String> =
        alone.iter().filter(|(_, t)| t.generated > 0 && t.failing == 0).map(|(f, _)| f).collect();
    println!("\nForms outside SUPPORTED that never failed alone (candidates to add): {ready:?}");
    println!("({:.1} s)", started.elapsed().as_secs_f64());
}

fn print_table(
    mixed: &BTreeMap<String, (usize, usize)>,
    alone: &BTreeMap<String, Tally>,
    count: u64,
    failing: usize,
) {
    println!("\n{count} documents with all forms, {failing} failing.");
    println!(
        "'mixed': documents using the form among all forms; 'alone': the form among supported forms.\n"
    );
    println!(
        "{:<34} {:>9} {:>8} {:>7}   {:>7} {:>8} {:>7}",
        "form", "mixed", "failing", "rate", "alone", "failing", "rate"
    );
    for form in all_forms() {
        let (mg, mf) = mixed.get(&form).copied().unwrap_or_default();
        let mr = rate(mg, mf);
        let status = if SUPPORTED.contains(&form.as_str()) {
            format!("{:>7} {:>8} {:>7}", "", "", "SUPP")
        } else {
            let a = &alone[&form];
            format!("{:>7} {:>8} {:>7}", a.generated, a.failing, a.rate())
        };
        println!("{form:<34} {mg:>9} {mf:>8} {mr:>7}   {status}");
    }
}

fn print_examples(alone: &BTreeMap<String, Tally>) {
    println!("\nFirst failing document per failing form (generated alone among supported forms):");
    for (form, tally) in alone {
        let Some(example) = &tally.example else { continue };
        println!(
            "\n== {form}: {} of {} failing ({}) ==",
            tally.failing,
            tally.generated,
            tally.rate()
        );
        println!("  fields: {}", tally.top_fields());
        println!("  fails most with: {}", tally.worst_neighbours());
        println!(
            "  reproduce: GENERATOR_SEED={} GENERATOR_FORM={form} (show_document)",
            example.doc.seed
        );
        print!("{}", describe(example, "  "));
    }
}

#[test]
#[ignore = "a debugging aid: prints one document"]
fn show_document() {
    let Ok(seed) = std::env::var("GENERATOR_SEED") else {
        println!("set GENERATOR_SEED (and GENERATOR_FORM=dim:value or GENERATOR_ALL=1)");
        return;
    };
    let seed: u64 = seed.parse().expect("GENERATOR_SEED is a number");
    let dims = match std::env::var("GENERATOR_FORM") {
        Ok(form) => Dims::isolating(&form, SUPPORTED),
        Err(_) if std::env::var("GENERATOR_ALL").is_ok() => Dims::all(),
        Err(_) => Dims::only(SUPPORTED),
    };
    let c = check(generate_doc(seed, &dims));
    println!("{}\n----\nexpected: {:#}\n----", c.doc.text, c.doc.expected);
    println!("forms: {:?}", c.doc.forms);
    println!("differences:\n  {}", c.diffs.join("\n  "));
}
