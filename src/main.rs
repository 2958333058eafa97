//! referat's command-line entry point: parse, run, exit code.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run(cli::Args::parse())
}
