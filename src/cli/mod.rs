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
        Command::Stats { dir, svg } => stats(&dir, svg.as_deref()),
        Command::Merge { shards, out, csv_dialect } => merge(&shards, &out, csv_dialect.into()),
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
    let journal = manifest::Journal::open(&args.out).map_err(|e| error_chain(&e))?;
    let mut out = OutputSet::create(generation.dir(), args.csv_dialect.into())
        .map_err(|e| error_chain(&e))?;
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
    let progress = progress::Progress::new(work.len(), args.quiet);
    let mut summary = Summary { dropped: plan.dropped.len(), ..Summary::default() };
    summary.kept = plan.kept.len();
    for failure in &found.failures {
        progress.println(&format!("referat: {}: {}", failure.path, failure.reason));
        out.write_failure(failure).map_err(|e| error_chain(&e))?;
        summary.failed += 1;
    }
    let mut entries = Vec::with_capacity(work.len());
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
                out.write_document(&doc)
            }
            Err(failure) => {
                summary.failed += 1;
                progress.println(&format!("referat: {}: {}", failure.path, failure.reason));
                out.write_failure(&failure)
            }
        }
    })
    .map_err(|e| error_chain(&e))?;
    out.finish().map_err(|e| error_chain(&e))?;
    Manifest::save(generation.dir(), &entries).map_err(|e| error_chain(&e))?;
    generation.publish().map_err(|e| error_chain(&e))?;
    manifest::drop_gone(&args.out, &previous, &entries);
    progress.finish();
    if !args.quiet {
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
    statuses: std::collections::HashMap<&'static str, usize>,
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

fn stats(dir: &std::path::Path, svg: Option<&std::path::Path>) -> Result<ExitCode, String> {
    use referat::stats;
    let tallies = stats::attendance(dir)
        .map_err(|e| format!("{}: cannot read documents.jsonl: {e}", dir.display()))?;
    println!("{}", stats::table("Attendance by party", "party", &tallies.by_party));
    println!("{}", stats::table("Attendance by municipality", "code", &tallies.by_municipality));
    let csv_path = dir.join("attendance_by_party.csv");
    let mut csv_text = String::from("party,party_name,listed,present,absent,rate\n");
    for (party, t) in &tallies.by_party {
        csv_text.push_str(&format!(
            "{party},{},{},{},{},{:.4}\n",
            csv_field(&t.label),
            t.listed,
            t.present,
            t.absent,
            t.rate()
        ));
    }
    write_atomically(&csv_path, csv_text.as_bytes())?;
    if let Some(svg) = svg {
        write_atomically(svg, stats::svg_bars(&tallies.by_party).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
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
) -> Result<ExitCode, String> {
    let summary = referat::merge::merge(shards, out, dialect).map_err(|e| error_chain(&e))?;
    eprintln!(
        "merged {} shards: {} documents, {} errors -> {}",
        shards.len(),
        summary.documents,
        summary.errors,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
