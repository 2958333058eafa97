//! Command-line arguments (parsing only; meaning is resolved in `cli::run`).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Turn Danish meeting minutes (PDF or text) into structured, traceable records.
#[derive(Debug, Parser)]
#[command(name = "referat", version, after_long_help = EXIT_CODES)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

const EXIT_CODES: &str = "Exit codes:\n  0  every input was processed\n  1  the run finished, but some inputs failed (see errors.csv)\n  2  usage or fatal error (a missing input, a locked output folder, a refused prune);\n     the previous outputs are untouched";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract records from minutes into an output folder.
    Extract(ExtractArgs),
    /// Print a document's text layer (pages separated by form feed).
    Text {
        /// The PDF or text file.
        file: PathBuf,
    },
    /// Print attendance per party and per municipality for an output folder.
    Stats {
        /// Output folder of `referat extract`.
        dir: PathBuf,
        /// Also draw a bar chart of attendance by party into this SVG file.
        #[arg(long)]
        svg: Option<PathBuf>,
    },
    /// Combine shard output folders into one, as if one run had processed every input.
    Merge {
        /// Shard output folders.
        #[arg(required = true)]
        shards: Vec<PathBuf>,
        /// The merged output folder.
        #[arg(long, short)]
        out: PathBuf,
        /// CSV dialect of the merged tables.
        #[arg(long, value_enum, default_value_t = DialectArg::Standard)]
        csv_dialect: DialectArg,
    },
    /// Serve extraction requests on stdin (the isolated worker process; internal).
    #[command(hide = true)]
    Worker {
        /// Address-space limit of this process, in bytes.
        #[arg(long)]
        memory_bytes: u64,
        #[arg(long, value_enum, default_value_t = OcrArg::Auto)]
        ocr: OcrArg,
    },
    /// Write static HTML pages for checking an output folder by hand: OUT/review/index.html
    /// lists the documents, one page per document shows its text beside its records.
    Review(ReviewArgs),
    /// Score an output folder against hand-checked records (NAME.expected.json).
    Eval {
        /// Folder with NAME.expected.json files (searched recursively).
        #[arg(long)]
        gold: PathBuf,
        /// Output folder of `referat extract` (reads documents.jsonl).
        out_dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files and folders (recursive) to read; file type is decided by content.
    #[arg(default_value = "fixtures")]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, short, default_value = "output")]
    pub out: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Re-extract every input, even those unchanged since the last run.
    #[arg(long)]
    pub force: bool,
    /// Process only shard K of N (0-based K), a stable partition of the inputs by path hash.
    #[arg(long, value_parser = parse_shard, value_name = "K/N")]
    pub shard: Option<(usize, usize)>,
    /// When to read scanned pages by OCR (Tesseract): pages without a text layer when
    /// Tesseract is installed, never, or every page.
    #[arg(long, value_enum, default_value_t = OcrArg::Auto)]
    pub ocr: OcrArg,
    /// Follow symbolic links inside input folders (loops are detected and reported).
    #[arg(long)]
    pub follow: bool,
    /// Allow a run to drop more than half of the previous run's records (inputs gone from
    /// the folders walked).
    #[arg(long)]
    pub prune: bool,
    /// CSV dialect: RFC 4180 with `,` (standard), or for Danish Excel: UTF-8 with BOM, `;`,
    /// and cells that Excel would evaluate as formulas prefixed with `'` (excel).
    #[arg(long, value_enum, default_value_t = DialectArg::Standard)]
    pub csv_dialect: DialectArg,
    /// Where documents are extracted: in worker processes with a memory limit and a hard
    /// deadline (a crash or hang costs one document), or in this process.
    #[arg(long, value_enum, default_value_t = IsolationArg::Process)]
    pub isolation: IsolationArg,
    /// Memory (address space) limit of each worker process, in MiB.
    #[arg(long, default_value_t = 2048, value_name = "MIB")]
    pub worker_memory: u64,
    /// Which documents give records: minutes only (an agenda gives its meeting and items
    /// without decisions, attachments nothing), or every kind, flagged by `source.kind`.
    #[arg(long, value_enum, default_value_t = KindsArg::Minutes)]
    pub kinds: KindsArg,
    /// Wall-clock budget per document in seconds; a document over it gets an error row.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub doc_timeout: f64,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = REVIEW_EXIT_CODES)]
pub struct ReviewArgs {
    /// Output folder of `referat extract`. Each document's source is read again from the path
    /// it records (a relative path from this folder, else from the one holding OUT) and shown
    /// only when its content is still the one extracted.
    #[arg(default_value = "output")]
    pub out: PathBuf,
    /// Open the index in the browser (xdg-open), or print its path where there is none.
    #[arg(long)]
    pub open: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// No summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

const REVIEW_EXIT_CODES: &str = "Exit codes:\n  0  every page shows its document's text beside its records\n  1  pages were written, but some show their records without the text (the source is gone,\n     changed or unreadable) or link to lines the text does not have\n  2  usage or fatal error (no documents.jsonl, an unwritable folder)";

/// `--kinds` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindsArg {
    Minutes,
    All,
}

/// `--csv-dialect` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DialectArg {
    Standard,
    Excel,
}

impl From<DialectArg> for referat::output::CsvDialect {
    fn from(arg: DialectArg) -> Self {
        match arg {
            DialectArg::Standard => Self::Standard,
            DialectArg::Excel => Self::Excel,
        }
    }
}

/// `--isolation` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IsolationArg {
    Process,
    None,
}

/// `--ocr` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OcrArg {
    Auto,
    Never,
    Always,
}

impl From<OcrArg> for referat::ingest::OcrMode {
    fn from(arg: OcrArg) -> Self {
        match arg {
            OcrArg::Auto => Self::Auto,
            OcrArg::Never => Self::Never,
            OcrArg::Always => Self::Always,
        }
    }
}

/// "2/8" → (2, 8), with K < N.
fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let (k, n) = text.split_once('/').ok_or_else(|| format!("expected K/N, got {text:?}"))?;
    let k: usize = k.trim().parse().map_err(|_| format!("shard index {k:?} is not a number"))?;
    let n: usize = n.trim().parse().map_err(|_| format!("shard count {n:?} is not a number"))?;
    if n == 0 || k >= n {
        return Err(format!("shard {k}/{n}: K must be in 0..N"));
    }
    Ok((k, n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn shard_values() {
        assert_eq!(parse_shard("0/4"), Ok((0, 4)));
        assert!(parse_shard("4/4").is_err());
        assert!(parse_shard("x").is_err());
    }

    #[test]
    fn args_are_consistent() {
        Args::command().debug_assert();
    }
}
