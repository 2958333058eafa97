//! Process isolation: documents are extracted in `referat worker` processes (the same binary,
//! re-executed), each with an address-space limit, so what a per-document budget misses (an
//! allocation that fails, a loop in a dependency, a stage without a deadline check) costs one
//! document, never the batch. One worker per batch thread; a worker that dies or overruns its
//! hard deadline is killed and replaced, and its document gets an error row at stage `worker`.
//!
//! The protocol is one JSON line each way per document: a [`Request`] on the worker's stdin,
//! a [`Response`] on its stdout. The worker's stderr is kept (its last lines name the reason
//! of an abort, e.g. "memory allocation of … bytes failed").

use crate::ingest::{Limits, OcrMode};
use crate::pipeline::{self, Extracted};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How workers are started.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The `referat` executable.
    pub exe: PathBuf,
    /// Address-space limit of each worker, in bytes.
    pub memory_bytes: u64,
    pub ocr: OcrMode,
}

/// One document to extract.
#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    /// The input's shown name ([`crate::pathname::display`]), decoded back to its path.
    pub path: String,
    /// The sha256 of the content the previous record was extracted from.
    pub known_sha256: Option<String>,
    /// The cooperative document timeout, in seconds.
    pub timeout: Option<f64>,
}

/// The worker's answer.
pub type Response = Extracted;

/// Serves requests from `input` until it closes: the worker side of the protocol.
pub fn serve(
    input: impl BufRead,
    mut output: impl Write,
    limits: &Limits,
    ocr: OcrMode,
) -> std::io::Result<()> {
    for line in input.lines() {
        let line = line?;
        let response = match serde_json::from_str::<Request>(&line) {
            Ok(request) => {
                let path = crate::pathname::to_path(&request.path);
                let timeout = request.timeout.map(Duration::from_secs_f64);
                pipeline::extract_file(&path, request.known_sha256.as_deref(), limits, ocr, timeout)
            }
            Err(e) => Extracted::failed(pipeline::Stage::Worker, format!("bad request: {e}")),
        };
        serde_json::to_writer(&mut output, &response)?;
        output.write_all(b"\n")?;
        output.flush()?;
    }
    Ok(())
}

/// A running worker process.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<std::io::Result<String>>,
    stderr_tail: Arc<Mutex<Vec<String>>>,
}

impl Worker {
    fn spawn(settings: &Settings) -> std::io::Result<Worker> {
        let ocr = match settings.ocr {
            OcrMode::Auto => "auto",
            OcrMode::Never => "never",
            OcrMode::Always => "always",
        };
        let mut child = Command::new(&settings.exe)
            .args(["worker", "--memory-bytes", &settings.memory_bytes.to_string(), "--ocr", ocr])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take().ok_or_else(|| std::io::Error::other("no worker stdin"))?;
        let stdout =
            child.stdout.take().ok_or_else(|| std::io::Error::other("no worker stdout"))?;
        let stderr =
            child.stderr.take().ok_or_else(|| std::io::Error::other("no worker stderr"))?;
        let (send, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr_tail);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut tail = tail.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                tail.push(line);
                if tail.len() > 4 {
                    tail.remove(0);
                }
            }
        });
        Ok(Worker { child, stdin, lines, stderr_tail })
    }

    /// Sends a request and waits for the answer until `deadline`.
    fn ask(
        &mut self,
        request: &Request,
        hard_limit: Option<Duration>,
        memory_bytes: u64,
    ) -> Result<Response, String> {
        let deadline = hard_limit.map(|d| Instant::now() + d);
        let mut line = serde_json::to_string(request).map_err(|e| e.to_string())?;
        line.push('\n');
        if self.stdin.write_all(line.as_bytes()).and_then(|()| self.stdin.flush()).is_err() {
            return Err(self.death(memory_bytes));
        }
        let answer = match deadline {
            Some(at) => self.lines.recv_timeout(at.saturating_duration_since(Instant::now())),
            None => self.lines.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match answer {
            Ok(Ok(text)) => {
                serde_json::from_str(&text).map_err(|e| format!("bad worker answer: {e}"))
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(self.death(memory_bytes)),
            Err(RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                let after = hard_limit.map_or(0.0, |d| d.as_secs_f64());
                Err(format!(
                    "killed at the hard deadline after {after:.1} s (--doc-timeout plus grace)"
                ))
            }
        }
    }

    /// Why the worker is gone: its exit status and the last thing it said.
    fn death(&mut self, memory_bytes: u64) -> String {
        let _ = self.child.kill();
        let status = self.child.wait().map(|s| describe(&s)).unwrap_or_else(|e| e.to_string());
        // The stderr reader may still be draining the dying worker's last words.
        std::thread::sleep(Duration::from_millis(20));
        let tail = self.stderr_tail.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let said: Vec<&str> =
            tail.iter().map(String::as_str).filter(|l| !l.contains("backtrace")).collect();
        let limit = format!("worker memory limit {} MiB", memory_bytes >> 20);
        match said.last() {
            Some(said) => format!("worker died ({status}): {said} ({limit})"),
            None => format!("worker died ({status}; {limit})"),
        }
    }
}

fn describe(status: &std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                6 => "SIGABRT".to_owned(),
                9 => "SIGKILL".to_owned(),
                11 => "SIGSEGV".to_owned(),
                other => format!("signal {other}"),
            };
            return name;
        }
    }
    status.to_string()
}

thread_local! {
    /// The worker owned by this batch thread.
    static WORKER: std::cell::RefCell<Option<Worker>> = const { std::cell::RefCell::new(None) };
}

/// Extracts one document in this thread's worker, starting (or replacing) it as needed.
/// A worker that fails is discarded; the next document gets a fresh one.
pub fn extract(
    settings: &Settings,
    request: &Request,
    hard_limit: Option<Duration>,
) -> Result<Response, String> {
    WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot =
                Some(Worker::spawn(settings).map_err(|e| format!("cannot start a worker: {e}"))?);
        }
        let worker = slot.as_mut().ok_or("no worker")?;
        let answer = worker.ask(request, hard_limit, settings.memory_bytes);
        if answer.is_err() {
            *slot = None;
        }
        answer
    })
}
