//! What can go wrong in a command, and which exit status it gives.
//!
//! Usage mistakes exit 2 (as clap's own parse errors do), bad input data
//! exits 1, and a closed output pipe (`s2cells ... | head`) ends the
//! command quietly with status 0.

use std::fmt;
use std::io;

/// A command's failure.
#[derive(Debug)]
pub enum CliError {
    /// The command line asks for something impossible (exit 2).
    Usage(String),
    /// The input data is wrong; the message names where and what (exit 1).
    Data(String),
    /// Reading or writing failed (exit 1; a broken pipe exits 0 quietly).
    Io(io::Error),
}

impl CliError {
    /// The process exit status for this error, and whether to print it.
    pub fn exit_status(&self) -> (i32, bool) {
        match self {
            Self::Usage(_) => (2, true),
            Self::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => (0, false),
            Self::Data(_) | Self::Io(_) => (1, true),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(m) | Self::Data(m) => f.write_str(m),
            Self::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// A `Result` of a command.
pub type CliResult<T = ()> = Result<T, CliError>;
