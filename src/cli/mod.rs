//! The command-line edge: turns arguments into library calls and results into text and exit codes.

mod args;
mod progress;

pub use args::Args;
use args::{Command, ExtractArgs};
use referat::ingest::{self, Limits};
use referat::output::OutputSet;
use referat::pipeline::{self, error_chain};
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

/// Runs a parsed command and returns the process exit code.
pub fn run(args: Args) -> ExitCode {
    let result = match args.command {
        Command::Extract(a) => extract(&a),
        Command::Text { file } => text(&file),
        Command::Eval { gold, out_dir } => eval(&gold, &out_dir),
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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build_global();
    if let Err(e) = pool {
        return Err(format!("cannot start worker threads: {e}"));
    }
    let (files, discover_failures) = pipeline::discover(&args.inputs);
    let mut out = OutputSet::create(&args.out).map_err(|e| error_chain(&e))?;
    let progress = progress::Progress::new(files.len(), args.quiet);
    let (mut docs, mut participants, mut items, mut failed) = (0usize, 0usize, 0usize, 0usize);
    for failure in &discover_failures {
        progress.println(&format!("referat: {}: {}", failure.path, failure.reason));
        out.write_failure(failure).map_err(|e| error_chain(&e))?;
        failed += 1;
    }
    let limits = Limits::default();
    pipeline::run_batch(&files, &limits, &progress, |outcome| match outcome {
        Ok(doc) => {
            docs += 1;
            participants += doc.participants.len();
            items += doc.items.len();
            out.write_document(&doc)
        }
        Err(failure) => {
            failed += 1;
            progress.println(&format!("referat: {}: {}", failure.path, failure.reason));
            out.write_failure(&failure)
        }
    })
    .map_err(|e| error_chain(&e))?;
    out.finish().map_err(|e| error_chain(&e))?;
    progress.finish();
    if !args.quiet {
        eprintln!(
            "{docs} documents, {participants} participants, {items} items, {failed} errors in {:.2}s -> {}",
            started.elapsed().as_secs_f64(),
            args.out.display()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn text(file: &std::path::Path) -> Result<ExitCode, String> {
    let bytes =
        std::fs::read(file).map_err(|e| format!("{}: cannot read file: {e}", file.display()))?;
    let (_, doc) = ingest::read_document(&bytes, &Limits::default())
        .map_err(|e| format!("{}: {}", file.display(), error_chain(&e)))?;
    for warning in &doc.warnings {
        eprintln!("referat: {}: {warning}", file.display());
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(doc.to_text().as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(format!("cannot write to stdout: {e}")),
    }
}

fn eval(gold: &std::path::Path, out_dir: &std::path::Path) -> Result<ExitCode, String> {
    let report = referat::eval::evaluate(gold, out_dir).map_err(|e| error_chain(&e))?;
    println!(
        "{} documents scored against {}",
        report.documents,
        gold.display()
    );
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
    for gold in &report.unmatched_gold {
        eprintln!("referat: no output document for {}", gold.display());
    }
    Ok(ExitCode::SUCCESS)
}
