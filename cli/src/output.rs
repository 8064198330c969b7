//! Buffered output to stdout (or a file) without a per-line system call;
//! Parquet and Arrow IPC tables in [`table`].

pub mod table;

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use crate::error::{CliError, CliResult};

/// Bytes are appended to `buf` and handed to stdout in large writes: with
/// `println!` per row, `index` ran at a third of its speed (one `write`
/// per line through the line-buffered stdout).
pub struct Output {
    pub buf: Vec<u8>,
    out: Box<dyn Write>,
    /// Bytes handed to the output so far.
    written: u64,
}

/// How full the buffer gets before it is written out.
const FLUSH_AT: usize = 1 << 20;

impl Output {
    pub fn stdout() -> Self {
        Self::new(Box::new(io::stdout().lock()))
    }

    /// Output to `path` (created or truncated), or stdout for `None` or `-`.
    pub fn create(path: Option<&Path>) -> CliResult<Self> {
        match path.filter(|p| p.as_os_str() != "-") {
            None => Ok(Self::stdout()),
            Some(p) => Ok(Self::new(Box::new(create_file(p)?))),
        }
    }

    fn new(out: Box<dyn Write>) -> Self {
        Self {
            buf: Vec::with_capacity(FLUSH_AT + (64 << 10)),
            out,
            written: 0,
        }
    }

    /// Writes the buffer out once it is full enough.
    #[inline]
    pub fn maybe_flush(&mut self) -> io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.written += self.buf.len() as u64;
        self.buf.clear();
        self.out.flush()
    }

    /// Drops what was not written yet (a command that fails writes no
    /// more) and returns how many bytes were.
    pub fn discard(&mut self) -> u64 {
        self.buf.clear();
        self.written
    }

    /// A command's error, with what became of its output: what was not
    /// written yet is dropped, and the message says whether anything was.
    pub fn fail(&mut self, e: CliError) -> CliError {
        let written = self.discard();
        match e {
            CliError::Data(m) if written > 0 => CliError::Data(format!(
                "{m} (the output is partial: {written} bytes were written before this error)"
            )),
            CliError::Data(m) => CliError::Data(format!("{m} (nothing was written)")),
            e => e,
        }
    }

    pub fn line(&mut self, s: &str) -> io::Result<()> {
        self.buf.extend_from_slice(s.as_bytes());
        self.buf.push(b'\n');
        self.maybe_flush()
    }
}

/// A command's error from before it wrote anything: the message says so,
/// as [`Output::fail`] does.
pub fn nothing_written(e: CliError) -> CliError {
    match e {
        CliError::Data(m) => CliError::Data(format!("{m} (nothing was written)")),
        e => e,
    }
}

/// Creates (or truncates) an output file, naming it in the error.
pub fn create_file(path: &Path) -> CliResult<File> {
    File::create(path)
        .map_err(|e| CliError::Data(format!("{}: cannot create: {e}", path.display())))
}
