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

const EXIT_CODES: &str = "Exit codes:\n  0  every input was processed\n  1  the run finished, but some inputs failed (see errors.csv)\n  2  usage or fatal error";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract records from minutes into an output folder.
    Extract(ExtractArgs),
    /// Print a document's text layer (pages separated by form feed).
    Text {
        /// The PDF or text file.
        file: PathBuf,
    },
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn args_are_consistent() {
        Args::command().debug_assert();
    }
}
