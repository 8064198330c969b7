//! What the tool says on stderr besides its errors: warnings, the count of
//! what `--invalid skip` passed over, and progress bars.
//!
//! Progress shows only while stderr is a terminal and `--quiet` is off;
//! warnings print above a bar that is showing. Anything of the input that
//! is echoed back (a header, a name, a token) goes through [`escape`]
//! first, so that a control character in a file cannot move the cursor or
//! recolour the terminal.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Read};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};

static QUIET: AtomicBool = AtomicBool::new(false);

/// The bar showing now, if any: warnings print above it.
static BAR: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// Turns progress and warnings off (`--quiet`).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// The text with its control characters (C0, DEL, C1: line breaks and
/// terminal escapes among them) written as Rust escapes (`\n`, `\u{1b}`).
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            let _ = write!(out, "{}", c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Prints `line` on stderr above the progress bar, if one shows.
pub fn eprint_line(line: &str) {
    let bar = BAR.lock().ok().and_then(|b| b.clone());
    match bar {
        Some(bar) => bar.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    }
}

/// A warning on stderr (escaped), unless `--quiet`.
pub fn warn(message: &str) {
    if !quiet() {
        eprint_line(&format!("warning: {}", escape(message)));
    }
}

/// What to do with a feature or row that cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnInvalid {
    /// Stop with an error naming it (exit 1).
    #[value(alias = "error")]
    Fail,
    /// Go on without it, and say at the end how many were skipped and the
    /// first reasons.
    Skip,
}

/// What `--invalid skip` passed over: a count and the first reasons.
#[derive(Debug, Default)]
pub struct Skipped {
    count: u64,
    first: Vec<String>,
}

/// How many reasons the summary repeats.
const FIRST: usize = 5;

impl Skipped {
    /// Notes one thing skipped, and why.
    pub fn add(&mut self, reason: impl Into<String>) {
        self.count += 1;
        if self.first.len() < FIRST {
            self.first.push(reason.into());
        }
    }

    /// Prints the summary on stderr (even with `--quiet`: it says that
    /// the output is missing something): `skipped 3 features (of 10): ...`.
    pub fn report(&self, what: &str, of: Option<u64>) {
        if self.count == 0 {
            return;
        }
        let plural = if of.unwrap_or(self.count) == 1 {
            ""
        } else {
            "s"
        };
        let of = of.map_or_else(String::new, |n| format!(" of {n}"));
        let mut line = format!("warning: skipped {}{of} {what}{plural}", self.count);
        for (k, r) in self.first.iter().enumerate() {
            line.push_str(if k == 0 { ": " } else { "; " });
            line.push_str(&escape(r));
        }
        if self.count > self.first.len() as u64 {
            let _ = write!(line, "; and {} more", self.count - self.first.len() as u64);
        }
        eprint_line(&line);
    }
}

/// A progress bar on stderr, shown only while stderr is a terminal and
/// `--quiet` is off; every method does nothing otherwise.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    fn show(bar: ProgressBar) -> Self {
        if let Ok(mut b) = BAR.lock() {
            *b = Some(bar.clone());
        }
        Self(Some(bar))
    }

    fn enabled() -> bool {
        !quiet() && io::stderr().is_terminal()
    }

    /// Progress through an input of `total` bytes (a spinner when the
    /// size is unknown, as for stdin), with a message after the counts.
    pub fn bytes(total: Option<u64>) -> Self {
        if !Self::enabled() {
            return Self(None);
        }
        let bar = match total {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {bytes} read, {bytes_per_sec} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        Self::show(bar)
    }

    /// A spinner with a message (what is being counted).
    pub fn spinner() -> Self {
        if !Self::enabled() {
            return Self(None);
        }
        let bar = ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        Self::show(bar)
    }

    /// Sets the text after the counts.
    pub fn message(&self, text: impl FnOnce() -> String) {
        if let Some(bar) = &self.0 {
            bar.set_message(text());
        }
    }

    /// Wraps a reader so that the bytes read move the bar.
    pub fn reader<R: Read>(&self, inner: R) -> ProgressRead<R> {
        ProgressRead {
            inner,
            read: 0,
            bar: self.0.clone(),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
            if let Ok(mut b) = BAR.lock() {
                *b = None;
            }
        }
    }
}

/// An input that moves a progress bar by the bytes read.
pub struct ProgressRead<R> {
    inner: R,
    read: u64,
    bar: Option<ProgressBar>,
}

impl<R: Read> Read for ProgressRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if let Some(bar) = &self.bar {
            bar.set_position(self.read);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape("plain é ü 漢"), "plain é ü 漢");
        assert_eq!(
            escape("a\u{1b}[31mred\n\t\r\u{7f}\u{9b}"),
            "a\\u{1b}[31mred\\n\\t\\r\\u{7f}\\u{9b}"
        );
    }

    #[test]
    fn the_summary_counts_and_keeps_the_first_reasons() {
        let mut s = Skipped::default();
        for k in 0..7 {
            s.add(format!("r{k}"));
        }
        assert_eq!(s.count, 7);
        assert_eq!(s.first.len(), FIRST);
    }
}
