//! Messages to stderr, and the global "an error was reported" flag that sets the exit code.
//!
//! Messages name files, kinds and offsets, never the personal data being scanned.

#![allow(clippy::print_stderr)]

use std::fmt::Arguments;
use std::sync::atomic::{AtomicBool, Ordering};

static ERRORED: AtomicBool = AtomicBool::new(false);

/// Reports an error and marks the run as failed (exit code 2 at the end).
pub fn error(msg: Arguments<'_>) {
    ERRORED.store(true, Ordering::Relaxed);
    eprintln!("cnpii: error: {msg}");
}

/// Reports a warning (the exit code is unchanged).
pub fn warn(msg: Arguments<'_>) {
    eprintln!("cnpii: warning: {msg}");
}

/// Whether any error was reported.
pub fn errored() -> bool {
    ERRORED.load(Ordering::Relaxed)
}
