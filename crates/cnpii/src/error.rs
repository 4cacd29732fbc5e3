//! [`Error`]: the library's one error type.
//!
//! Messages carry kinds, offsets and paths, never matched text, keys or config secrets.

use std::fmt;
use std::io;

/// An error from building an engine or running a scan.
#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading the input or writing the output failed.
    #[error("I/O error: {0}")]
    Io(#[from] io::Error),
    /// A configuration value is invalid.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A bug: a detector or policy panicked while processing the chunk starting at this input
    /// offset. The run stops; nothing after the chunk is written.
    #[error("internal error while scanning the chunk at input offset {0}; please report it")]
    Internal(u64),
    /// A policy could not rewrite a finding.
    #[error("policy {policy} failed on a {kind} finding at byte {offset}: {reason}")]
    Policy {
        /// The policy's name.
        policy: &'static str,
        /// The finding's kind.
        kind: crate::Kind,
        /// The finding's start offset.
        offset: u64,
        /// Why, without the value.
        reason: String,
    },
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub(crate) fn internal(offset: u64) -> Error {
        Error { kind: ErrorKind::Internal(offset) }
    }

    pub(crate) fn config(msg: impl fmt::Display) -> Error {
        Error { kind: ErrorKind::Config(msg.to_string()) }
    }

    /// Whether this error is a broken pipe on output (a reader went away: not a failure).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(&self.kind, ErrorKind::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error { kind }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error { kind: ErrorKind::Io(e) }
    }
}
