//! The command-line edge: turns arguments into library calls and results into text and exit codes.

mod args;
mod progress;

pub use args::Args;
use args::{Command, ExtractArgs, ReviewArgs};
use referat::ingest::{self, Limits, OcrMode};
use referat::manifest::{self, Manifest};
use referat::output::OutputSet;
use referat::output::generation::Generation;
use referat::pipeline::{self, RunContext, error_chain};
use referat::{discover, pathname};
use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Runs a parsed command and returns the process exit code.
pub fn run(args: Args) -> ExitCode {
    let result = match args.command {
        Command::Extract(a) => extract(&a),
        Command::Text { file } => text(&file),
        Command::Eval { gold, out_dir } => eval(&gold, &out_dir),
        Command::Review(a) => review(&a),
        Command::Stats { dir, by, from, to, output, svg } => {
            let period = referat::stats::Period { from, to };
            stats(&dir, by.into(), period, output.as_deref(), svg.as_deref())
        }
        Command::Merge { shards, out, csv_dialect, roster } => {
            merge(&shards, &out, csv_dialect.into(), roster.as_deref())
        }
        Command::Worker { memory_bytes, ocr } => worker(memory_bytes, ocr.into()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("referat: {message}");
            ExitCode::from(2)
        }
    }
}

fn extract(args: &ExtractArgs) -> Result<ExitCode, String> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs.unwrap_or(0)).build_global();
    if let Err(e) = pool {
        return Err(format!("cannot start worker threads: {e}"));
    }
    let options = discover::Options { follow_links: args.follow, exclude: Some(args.out.clone()) };
    // A root that cannot be opened stops the run before the output folder is touched.
    let found = discover::discover(&args.inputs, &options).map_err(|e| e.to_string())?;
    let mut files = found.files.clone();
    if let Some((k, n)) = args.shard {
        files = pipeline::shard(files, k, n);
    }
    let generation = Generation::begin(&args.out).map_err(|e| error_chain(&e))?;
    let previous = Manifest::load(&args.out);
    let plan = Plan::new(&previous, &found, &files);
    if plan.refuses_without_prune(previous.entries.len()) && !args.prune {
        return Err(format!(
            "this run would drop {} of the {} records in {} (their inputs are gone from the \
             folders walked); nothing was changed. Pass --prune to drop them",
            plan.dropped.len(),
            previous.entries.len(),
            pathname::display(&args.out)
        ));
    }
    let roster = args.roster.as_deref().map(read_roster).transpose()?;
    let journal = manifest::Journal::open(&args.out).map_err(|e| error_chain(&e))?;
    let options = referat::output::Options { dialect: args.csv_dialect.into(), roster };
    let mut out = OutputSet::create(generation.dir(), options).map_err(|e| error_chain(&e))?;
    let log = Log::new(args);
    let ctx = RunContext {
        out_dir: args.out.clone(),
        limits: Limits::default(),
        doc_timeout: (args.doc_timeout > 0.0).then(|| Duration::from_secs_f64(args.doc_timeout)),
        force: args.force,
        ocr: args.ocr.into(),
        journal: Some(std::sync::Arc::new(journal)),
        isolation: match args.isolation {
            args::IsolationArg::None => None,
            args::IsolationArg::Process => Some(referat::worker::Settings {
                exe: std::env::current_exe()
                    .map_err(|e| format!("cannot find the referat executable for workers: {e}"))?,
                memory_bytes: args.worker_memory.saturating_mul(1 << 20),
                ocr: args.ocr.into(),
            }),
        },
    };
    let work = pipeline::work_list(files, plan.kept.clone());
    let progress = progress::Progress::new(work.len(), args.quiet || log.json);
    let mut summary = Summary { dropped: plan.dropped.len(), ..Summary::default() };
    summary.kept = plan.kept.len();
    for failure in &found.failures {
        progress.println(&log.failure(failure, 0.0));
        out.write_failure(failure).map_err(|e| error_chain(&e))?;
        summary.failed += 1;
    }
    let mut entries = Vec::with_capacity(work.len());
    // What each kept record added to the summary, taken back if it is superseded.
    let mut kept_counts: std::collections::HashMap<String, (usize, usize, &'static str)> =
        std::collections::HashMap::new();
    pipeline::run_batch(&work, &previous, &ctx, &progress, |processed| {
        entries.extend(processed.entry);
        if processed.reused {
            summary.unchanged += 1;
        }
        match processed.outcome {
            Ok(doc) => {
                let doc = match args.kinds {
                    args::KindsArg::Minutes => doc.restricted_to_kind(),
                    args::KindsArg::All => doc,
                };
                summary.documents += 1;
                *summary.statuses.entry(doc.source.status.as_str()).or_default() += 1;
                summary.participants += doc.participants.len();
                summary.items += doc.items.len();
                if let Some(line) = log.document(&doc, processed.seconds, processed.reused) {
                    progress.println(&line);
                }
                if processed.kept {
                    let counts =
                        (doc.participants.len(), doc.items.len(), doc.source.status.as_str());
                    kept_counts.insert(doc.source.path.clone(), counts);
                    out.write_kept_document(&doc)
                } else {
                    out.write_document(&doc)
                }
            }
            Err(failure) => {
                summary.failed += 1;
                progress.println(&log.failure(&failure, processed.seconds));
                out.write_failure(&failure)
            }
        }
    })
    .map_err(|e| error_chain(&e))?;
    let report = out.finish().map_err(|e| error_chain(&e))?;
    // A kept record whose content was found at a walked path was moved or renamed: the walked
    // path stands for it now.
    let superseded: std::collections::HashSet<&str> =
        report.superseded.iter().map(String::as_str).collect();
    entries.retain(|e| !superseded.contains(e.path.as_str()));
    Manifest::save(generation.dir(), &entries).map_err(|e| error_chain(&e))?;
    generation.publish().map_err(|e| error_chain(&e))?;
    manifest::prune_cache(&args.out, &entries);
    progress.finish();
    for warning in &report.roster_warnings {
        log.note(&format!("roster: {warning}"));
    }
    for path in &report.superseded {
        if let Some((participants, items, status)) = kept_counts.get(path) {
            summary.kept -= 1;
            summary.documents -= 1;
            summary.unchanged -= 1;
            summary.participants -= participants;
            summary.items -= items;
            if let Some(n) = summary.statuses.get_mut(status) {
                *n -= 1;
            }
        }
    }
    if log.json && !args.quiet {
        eprintln!("{}", log.summary(&summary, &report, started.elapsed().as_secs_f64(), &args.out));
    } else if !args.quiet {
        eprintln!(
            "{} documents ({} unchanged), {} participants, {} items, {} errors in {:.2}s -> {}",
            summary.documents,
            summary.unchanged,
            summary.participants,
            summary.items,
            summary.failed,
            started.elapsed().as_secs_f64(),
            pathname::display(&args.out)
        );
        let mut notes = Vec::new();
        notes.push(summary.by_status());
        notes.push(format!(
            "{} meetings, {} people in the tables ({} documents)",
            report.meetings, report.people, report.documents
        ));
        if !report.superseded.is_empty() {
            notes.push(format!(
                "{} kept records replaced by the same content at a walked path (moved or renamed)",
                report.superseded.len()
            ));
        }
        if summary.kept > 0 {
            notes.push(format!("{} records kept from inputs not walked this run", summary.kept));
        }
        if summary.dropped > 0 {
            notes.push(format!("{} records dropped (inputs gone)", summary.dropped));
        }
        let skipped = found.skipped;
        if skipped.total() > 0 {
            notes.push(format!(
                "skipped {} symbolic links (not followed; --follow), {} FIFOs/sockets/devices, {} \
                 entries of the output folder, {} files not minutes by name (.json, .md, .csv, \
                 scripts)",
                skipped.symlinks, skipped.special, skipped.output, skipped.not_minutes
            ));
        }
        for note in notes {
            eprintln!("referat: {note}");
        }
    }
    Ok(if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// How the run is reported on stderr (`-q`, `-v`, `--log-format`).
struct Log {
    json: bool,
    quiet: bool,
    verbose: bool,
}

impl Log {
    fn new(args: &ExtractArgs) -> Self {
        Log {
            json: args.log_format == args::LogFormatArg::Json,
            quiet: args.quiet,
            verbose: args.verbose > 0,
        }
    }

    /// The line for a finished document, if this level reports it.
    fn document(
        &self,
        doc: &referat::model::Document,
        seconds: f64,
        reused: bool,
    ) -> Option<String> {
        if self.quiet || !(self.json || self.verbose) {
            return None;
        }
        let warnings: Vec<String> = doc.warnings.iter().map(|w| w.code.clone()).collect();
        if self.json {
            let line = serde_json::json!({
                "event": "document",
                "path": doc.source.path,
                "document_id": doc.source.document_id,
                "status": doc.source.status.as_str(),
                "kind": doc.source.kind.as_str(),
                "format": doc.source.format.as_str(),
                "participants": doc.participants.len(),
                "items": doc.items.len(),
                "warnings": warnings.len(),
                "warning_codes": warnings,
                "reused": reused,
                "seconds": (seconds * 1000.0).round() / 1000.0,
            });
            return Some(line.to_string());
        }
        Some(format!(
            "referat: {}: {}, {} participants, {} items, {} warnings{}, {:.3} s",
            doc.source.path,
            doc.source.status.as_str(),
            doc.participants.len(),
            doc.items.len(),
            warnings.len(),
            if reused { ", unchanged" } else { "" },
            seconds
        ))
    }

    /// The line for an input that failed (always reported).
    fn failure(&self, failure: &pipeline::Failure, seconds: f64) -> String {
        if self.json {
            return serde_json::json!({
                "event": "document",
                "path": failure.path,
                "status": "failed",
                "stage": failure.stage.as_str(),
                "reason": failure.reason,
                "seconds": (seconds * 1000.0).round() / 1000.0,
            })
            .to_string();
        }
        format!("referat: {}: {}", failure.path, failure.reason)
    }

    /// A note about the run (a roster name not matched).
    fn note(&self, text: &str) {
        if self.json {
            eprintln!("{}", serde_json::json!({"event": "warning", "message": text}));
        } else if !self.quiet {
            eprintln!("referat: {text}");
        }
    }

    fn summary(
        &self,
        summary: &Summary,
        report: &referat::output::Report,
        seconds: f64,
        out: &std::path::Path,
    ) -> String {
        serde_json::json!({
            "event": "summary",
            "documents": summary.documents,
            "unchanged": summary.unchanged,
            "participants": summary.participants,
            "items": summary.items,
            "errors": summary.failed,
            "statuses": summary.statuses,
            "meetings": report.meetings,
            "people": report.people,
            "kept": summary.kept,
            "dropped": summary.dropped,
            "seconds": (seconds * 1000.0).round() / 1000.0,
            "out": pathname::display(out),
        })
        .to_string()
    }
}

fn read_roster(
    path: &std::path::Path,
) -> Result<Vec<referat::output::people::RosterEntry>, String> {
    referat::output::people::read_roster(path).map_err(|e| error_chain(&e))
}

/// What a run does with the previous run's records.
struct Plan {
    /// Records of inputs outside the folders walked now: emitted again as they were.
    kept: Vec<manifest::Entry>,
    /// Records of inputs gone from the folders walked.
    dropped: Vec<String>,
}

impl Plan {
    fn new(previous: &Manifest, found: &discover::Discovery, files: &[std::path::PathBuf]) -> Self {
        let now: std::collections::HashSet<String> =
            files.iter().map(|p| pathname::display(p)).collect();
        let mut kept = Vec::new();
        let mut dropped = Vec::new();
        for (path, entry) in &previous.entries {
            if now.contains(path) {
                continue;
            }
            if found.covers(path) {
                dropped.push(path.clone());
            } else {
                kept.push(entry.clone());
            }
        }
        dropped.sort();
        Plan { kept, dropped }
    }

    /// Dropping more than half of a previous run is more likely a mistake than a clean-up.
    fn refuses_without_prune(&self, previous: usize) -> bool {
        self.dropped.len() * 2 > previous
    }
}

#[derive(Default)]
struct Summary {
    kept: usize,
    dropped: usize,
    documents: usize,
    unchanged: usize,
    participants: usize,
    items: usize,
    failed: usize,
    statuses: std::collections::BTreeMap<&'static str, usize>,
}

impl Summary {
    /// "12 ok, 3 partial, 1 empty, 2 not minutes, 1 failed": where an archivist starts.
    fn by_status(&self) -> String {
        let count = |s: &str| self.statuses.get(s).copied().unwrap_or(0);
        format!(
            "status: {} ok, {} partial (check the warnings), {} empty, {} not minutes, {} failed",
            count("ok"),
            count("partial"),
            count("empty"),
            count("not_minutes"),
            self.failed
        )
    }
}

/// The worker side of `--isolation process`: limits its own address space, then serves.
fn worker(memory_bytes: u64, ocr: OcrMode) -> Result<ExitCode, String> {
    // A limit set from outside (ulimit -v, a cluster's cgroup-less --mem) may already be lower.
    #[cfg(unix)]
    {
        let (_, hard) = rlimit::getrlimit(rlimit::Resource::AS)
            .map_err(|e| format!("cannot read the memory limit: {e}"))?;
        let limit = memory_bytes.min(hard);
        rlimit::setrlimit(rlimit::Resource::AS, limit, hard)
            .map_err(|e| format!("cannot set the worker memory limit: {e}"))?;
    }
    #[cfg(not(unix))]
    let _ = memory_bytes;
    let stdin = std::io::stdin().lock();
    let stdout = std::io::BufWriter::new(std::io::stdout().lock());
    referat::worker::serve(stdin, stdout, &Limits::default(), ocr)
        .map_err(|e| format!("worker: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

fn text(file: &std::path::Path) -> Result<ExitCode, String> {
    let bytes =
        std::fs::read(file).map_err(|e| format!("{}: cannot read file: {e}", file.display()))?;
    let (_, doc) = ingest::read_document(&bytes, &Limits::default(), OcrMode::Auto)
        .map_err(|e| format!("{}: {}", file.display(), error_chain(&e)))?;
    for warning in &doc.warnings {
        eprintln!("referat: {}: {}", file.display(), warning.display());
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(doc.to_text().as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(format!("cannot write to stdout: {e}")),
    }
}

fn review(args: &ReviewArgs) -> Result<ExitCode, String> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs.unwrap_or(0)).build_global();
    if let Err(e) = pool {
        return Err(format!("cannot start worker threads: {e}"));
    }
    let report = referat::review::review(&args.out).map_err(|e| error_chain(&e))?;
    for (path, why) in &report.without_text {
        eprintln!("referat: {path}: text not shown: {why}");
    }
    for (path, n) in &report.unresolved {
        eprintln!("referat: {path}: {n} record links point to lines the text does not have");
    }
    if !args.quiet {
        eprintln!(
            "{} document pages ({} without their text), {} failed inputs listed in {:.2}s -> {}",
            report.documents,
            report.without_text.len(),
            report.failed,
            started.elapsed().as_secs_f64(),
            pathname::display(&report.index)
        );
    }
    if args.open {
        open_in_browser(&report.index);
    }
    Ok(if report.complete() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Opens `file` with xdg-open when it is installed; otherwise prints its path, so it can be
/// opened by hand (or on another machine).
fn open_in_browser(file: &std::path::Path) {
    let opened = find_on_path("xdg-open").is_some_and(|opener| {
        std::process::Command::new(opener)
            .arg(file)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if !opened {
        println!("{}", pathname::display(file));
    }
}

/// The first executable called `name` on PATH.
fn find_on_path(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|candidate| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            candidate.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        }
        #[cfg(not(unix))]
        {
            candidate.is_file()
        }
    })
}

fn eval(gold: &std::path::Path, out_dir: &std::path::Path) -> Result<ExitCode, String> {
    let report = referat::eval::evaluate(gold, out_dir).map_err(|e| error_chain(&e))?;
    println!("{} documents scored against {}", report.documents, gold.display());
    println!(
        "{:<28} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7}",
        "field", "tp", "fp", "fn", "precision", "recall", "F1"
    );
    for (field, c) in &report.fields {
        println!(
            "{field:<28} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>7.3}",
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    println!(
        "silent misses: {} of {} documents with a missed participant or item have no warning ({:.1}%)",
        report.silent_misses,
        report.documents_with_misses,
        100.0 * report.silent_miss_rate()
    );
    for gold in &report.unmatched_gold {
        eprintln!("referat: no output document for {}", gold.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn stats(
    dir: &std::path::Path,
    by: referat::stats::By,
    period: referat::stats::Period,
    output: Option<&std::path::Path>,
    svg: Option<&std::path::Path>,
) -> Result<ExitCode, String> {
    use referat::stats::{self, By, Stats};
    let db = Stats::open(dir).map_err(|e| error_chain(&e))?;
    let q = |e: stats::StatsError| error_chain(&e);
    let meetings = db.meetings(period).map_err(q)?;
    let attendance = db.attendance(by, period).map_err(q)?;
    let mut text = format!(
        "{meetings} meetings in {} ({}), each counted once\n\n",
        pathname::display(dir),
        period.label()
    );
    let title = match by {
        By::Party => "Attendance by party",
        By::Year => "Attendance by party and year",
        By::Body => "Attendance by party and body",
    };
    text.push_str(&stats::attendance_table(title, by, &attendance));
    text.push_str("\nVotes against the majority, by party and year\n");
    text.push_str(&format!(
        "{:<6} {:>6} {:>11} {:>16} {:>6}\n",
        "party", "year", "items voted", "against majority", "rate"
    ));
    for r in db.against_majority(period).map_err(q)? {
        let rate =
            if r.items_voted == 0 { 0.0 } else { r.against_majority as f64 / r.items_voted as f64 };
        let year = r.year.map_or("-".to_owned(), |y| y.to_string());
        text.push_str(&format!(
            "{:<6} {year:>6} {:>11} {:>16} {rate:>6.3}\n",
            r.party, r.items_voted, r.against_majority
        ));
    }
    text.push_str("\nAbsent most (person_id, name, party, meetings, absent)\n");
    for r in db.absent_most(period, 10).map_err(q)? {
        text.push_str(&format!(
            "{} {} ({}) {} {}\n",
            r.person_id,
            r.name,
            r.party.as_deref().unwrap_or("-"),
            r.meetings,
            r.absent
        ));
    }
    text.push_str("\nMeetings by body and year\n");
    for r in db.meetings_per_body(period).map_err(q)? {
        let year = r.year.map_or("(undated)".to_owned(), |y| y.to_string());
        let body = match &r.municipality {
            Some(m) => format!("{}, {m}", r.body),
            None => r.body.clone(),
        };
        text.push_str(&format!("{body:<50} {year:>9} {:>5}\n", r.meetings));
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(format!("cannot write to stdout: {e}")),
    }
    if let Some(path) = output {
        write_atomically(path, stats::attendance_csv(&attendance).as_bytes())?;
    }
    if let Some(path) = svg {
        let overall = if by == By::Party {
            attendance
        } else {
            db.attendance(By::Party, period).map_err(q)?
        };
        let caption = format!(
            "Source: referat tables in {}, {meetings} meetings ({}), each counted once; rate = present / listed",
            pathname::display(dir),
            period.label()
        );
        write_atomically(path, stats::svg_bars(&overall, &caption).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    let mut file =
        referat::output::atomic::AtomicFile::create(path).map_err(|e| error_chain(&e))?;
    file.write_all(bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    file.commit().map_err(|e| error_chain(&e))
}

fn merge(
    shards: &[std::path::PathBuf],
    out: &std::path::Path,
    dialect: referat::output::CsvDialect,
    roster: Option<&std::path::Path>,
) -> Result<ExitCode, String> {
    let roster = roster.map(read_roster).transpose()?;
    let options = referat::output::Options { dialect, roster };
    let summary = referat::merge::merge(shards, out, options).map_err(|e| error_chain(&e))?;
    eprintln!(
        "merged {} shards: {} documents, {} errors -> {}",
        shards.len(),
        summary.documents,
        summary.errors,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
