//! Finding the input files (on `walkdir`): files as given, folders walked recursively in name
//! order. Symbolic links are not followed unless asked (then with loop detection); FIFOs,
//! sockets and devices are skipped and counted (opening a FIFO blocks forever); hidden entries
//! and the output folder are never read.

use crate::pathname::display;
use crate::pipeline::{Failure, Stage};
use std::path::{Path, PathBuf};

/// How to walk.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Follow symbolic links (a link back into its own ancestry is a loop, reported once).
    pub follow_links: bool,
    /// The output folder, never read as input even when it lies inside an input folder.
    pub exclude: Option<PathBuf>,
}

/// What was skipped, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skipped {
    pub symlinks: usize,
    /// FIFOs, sockets and device files.
    pub special: usize,
    /// Entries inside the output folder.
    pub output: usize,
    /// Files beside the inputs that are not minutes by name (expected records, notes,
    /// scripts, data tables).
    pub not_minutes: usize,
}

impl Skipped {
    pub fn total(&self) -> usize {
        self.symlinks + self.special + self.output + self.not_minutes
    }
}

/// The inputs of a run.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Input files, sorted by their shown names.
    pub files: Vec<PathBuf>,
    /// Folders (inside a root) that could not be listed, link loops.
    pub failures: Vec<Failure>,
    pub skipped: Skipped,
    /// Paths under which every file was seen: the previous records of files not found under
    /// them are gone. A folder that could not be listed is not among them.
    pub complete: Vec<PathBuf>,
    /// Folders that could not be listed: previous records under them are kept.
    pub incomplete: Vec<PathBuf>,
}

impl Discovery {
    /// Whether the previous record of `path` (a shown name) belongs to a place this run saw
    /// completely, so that not finding it now means the file is gone.
    pub fn covers(&self, shown: &str) -> bool {
        let path = Path::new(shown);
        let under =
            |roots: &[PathBuf]| roots.iter().any(|r| path.starts_with(Path::new(&display(r))));
        under(&self.complete) && !under(&self.incomplete)
    }
}

/// A root that cannot be opened: the run must not touch its outputs.
#[derive(Debug, thiserror::Error)]
#[error("cannot open input {path}: {source}")]
pub struct MissingInput {
    pub path: String,
    #[source]
    pub source: std::io::Error,
}

/// Walks the inputs. Any root that cannot be opened is an error (nothing is discovered).
pub fn discover(inputs: &[PathBuf], options: &Options) -> Result<Discovery, MissingInput> {
    for input in inputs {
        if let Err(source) = std::fs::metadata(input) {
            return Err(MissingInput { path: display(input), source });
        }
    }
    let excluded = options.exclude.as_ref().and_then(|d| std::fs::canonicalize(d).ok());
    let mut found = Discovery::default();
    for input in inputs {
        walk(input, options, excluded.as_deref(), &mut found);
        found.complete.push(input.clone());
    }
    // One order for every run and every shard.
    found.files.sort_by_cached_key(|p| PathBuf::from(display(p)));
    found.files.dedup();
    Ok(found)
}

fn walk(root: &Path, options: &Options, excluded: Option<&Path>, found: &mut Discovery) {
    let is_excluded = |path: &Path| {
        excluded.is_some_and(|ex| std::fs::canonicalize(path).is_ok_and(|c| c.starts_with(ex)))
    };
    let walker = walkdir::WalkDir::new(root)
        .follow_links(options.follow_links)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    let mut walker = walker;
    loop {
        let entry = match walker.next() {
            None => break,
            Some(Ok(entry)) => entry,
            Some(Err(e)) => {
                let path = e.path().map(Path::to_owned).unwrap_or_else(|| root.to_owned());
                let reason = if e.loop_ancestor().is_some() {
                    "symbolic link loop (not followed)".to_owned()
                } else {
                    format!(
                        "cannot list directory: {}",
                        e.io_error().map_or(e.to_string(), |io| io.to_string())
                    )
                };
                if e.loop_ancestor().is_none() {
                    found.incomplete.push(path.clone());
                }
                found.failures.push(Failure {
                    path: display(&path),
                    stage: Stage::Discover,
                    reason,
                });
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            if entry.depth() > 0 && is_excluded(entry.path()) {
                found.skipped.output += 1;
                walker.skip_current_dir();
            }
        } else if kind.is_symlink() {
            found.skipped.symlinks += 1;
        } else if !kind.is_file() {
            found.skipped.special += 1;
        } else if entry.depth() > 0 && !is_input_candidate(entry.path()) {
            found.skipped.not_minutes += 1;
        } else if entry.depth() == 0 && is_excluded(entry.path()) {
            // Files deeper down are only reached through folders, which were checked.
            found.skipped.output += 1;
        } else {
            found.files.push(entry.into_path());
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Expected files, notes and scripts beside the inputs are not minutes (a file named like
/// minutes is still typed by its content).
fn is_input_candidate(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    const NOT_MINUTES: &[&str] =
        &[".expected.json", ".md", ".sh", ".py", ".toml", ".yml", ".yaml", ".csv"];
    !NOT_MINUTES.iter().any(|ext| name.ends_with(ext))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("referat-discover-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        dir
    }

    fn names(found: &Discovery, root: &Path) -> Vec<String> {
        found.files.iter().map(|p| display(p.strip_prefix(root).expect("under root"))).collect()
    }

    #[test]
    fn links_are_skipped_unless_followed_and_loops_reported() {
        use std::os::unix::fs::symlink;
        let root = temp("links");
        std::fs::create_dir_all(root.join("a")).expect("dir");
        std::fs::write(root.join("a/m.txt"), "x").expect("write");
        symlink("/etc/passwd", root.join("a/passwd.txt")).expect("link");
        symlink("..", root.join("a/up")).expect("link");
        symlink("loop2", root.join("loop1")).expect("link");
        symlink("loop1", root.join("loop2")).expect("link");
        let found = discover(std::slice::from_ref(&root), &Options::default()).expect("walk");
        assert_eq!(names(&found, &root), ["a/m.txt"]);
        assert_eq!(found.skipped.symlinks, 4);
        assert!(found.failures.is_empty());

        let follow = Options { follow_links: true, ..Options::default() };
        let found = discover(std::slice::from_ref(&root), &follow).expect("walk");
        assert_eq!(names(&found, &root), ["a/m.txt", "a/passwd.txt"]);
        assert!(found.failures.iter().any(|f| f.reason.contains("loop")), "{:?}", found.failures);
    }

    #[test]
    fn fifos_are_counted_not_opened_and_the_output_folder_is_not_read() {
        let root = temp("fifo");
        std::fs::write(root.join("m.txt"), "x").expect("write");
        let status = std::process::Command::new("mkfifo").arg(root.join("pipe.txt")).status();
        std::fs::create_dir_all(root.join("out")).expect("dir");
        std::fs::write(root.join("out/documents.txt"), "x").expect("write");
        let options = Options { exclude: Some(root.join("out")), ..Options::default() };
        let found = discover(std::slice::from_ref(&root), &options).expect("walk");
        assert_eq!(names(&found, &root), ["m.txt"]);
        assert_eq!(found.skipped.output, 1);
        if status.is_ok_and(|s| s.success()) {
            assert_eq!(found.skipped.special, 1);
        }
    }

    #[test]
    fn non_utf8_names_are_kept_apart() {
        use std::os::unix::ffi::OsStrExt;
        let root = temp("names");
        let latin1 = root.join(std::ffi::OsStr::from_bytes(b"m\xf8de.txt"));
        let utf8 = root.join("m\u{f8}de.txt");
        if std::fs::write(&latin1, "a").is_err() {
            return; // a file system that refuses such names cannot hold them either
        }
        std::fs::write(&utf8, "b").expect("write");
        let found = discover(std::slice::from_ref(&root), &Options::default()).expect("walk");
        assert_eq!(found.files.len(), 2);
        assert_eq!(names(&found, &root), ["m\\xf8de.txt", "møde.txt"]);
    }

    #[test]
    fn a_missing_root_is_an_error_and_coverage_follows_roots() {
        let root = temp("missing");
        assert!(discover(&[root.join("nope")], &Options::default()).is_err());
        let found = discover(std::slice::from_ref(&root), &Options::default()).expect("walk");
        assert!(found.covers(&display(&root.join("a.txt"))));
        assert!(!found.covers("elsewhere/a.txt"));
    }
}
