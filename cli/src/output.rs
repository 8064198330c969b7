//! Buffered output to stdout without a per-line system call.

use std::io::{self, Write};

/// Bytes are appended to `buf` and handed to stdout in large writes: with
/// `println!` per row, `index` ran at a third of its speed (one `write`
/// per line through the line-buffered stdout).
pub struct Output {
    pub buf: Vec<u8>,
    out: io::StdoutLock<'static>,
}

/// How full the buffer gets before it is written out.
const FLUSH_AT: usize = 1 << 20;

impl Output {
    pub fn stdout() -> Self {
        Self {
            buf: Vec::with_capacity(FLUSH_AT + (64 << 10)),
            out: io::stdout().lock(),
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
        self.buf.clear();
        self.out.flush()
    }

    pub fn line(&mut self, s: &str) -> io::Result<()> {
        self.buf.extend_from_slice(s.as_bytes());
        self.buf.push(b'\n');
        self.maybe_flush()
    }
}
