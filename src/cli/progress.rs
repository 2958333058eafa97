//! The progress bar: indicatif on stderr, shown only when stderr is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use referat::pipeline::{Observer, Processed};
use std::io::IsTerminal;

pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    pub fn new(total: usize, quiet: bool) -> Self {
        let bar = ProgressBar::new(total as u64);
        if quiet || !std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} documents {elapsed} ({eta} left)")
        {
            bar.set_style(style);
        }
        Progress { bar }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    /// Prints a line above the bar.
    pub fn println(&self, text: &str) {
        self.bar.suspend(|| eprintln!("{text}"));
    }
}

impl Observer for Progress {
    fn file_done(&self, _processed: &Processed) {
        self.bar.inc(1);
    }
}
