//! Messages to stderr, and the global "an error was reported" flag that sets the exit code.
//!
//! Messages name files, kinds and offsets, never the personal data being scanned.
//!
//! A worker processing one of many inputs (see `many.rs`) *captures* its messages instead of
//! printing them: they are printed, in input order, when that input's results are written
//! out, so that stderr does not depend on which worker finished first.

#![allow(clippy::print_stderr)]

use std::cell::RefCell;
use std::fmt::Arguments;
use std::sync::atomic::{AtomicBool, Ordering};

static ERRORED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Messages held back on this thread, while capturing.
    static CAPTURED: RefCell<Option<Vec<Message>>> = const { RefCell::new(None) };
}

/// A message held back by [`capture`].
#[derive(Debug)]
pub enum Message {
    Error(String),
    Warning(String),
}

impl Message {
    /// Prints it now (and marks the run as failed if it is an error).
    pub fn emit(self) {
        match self {
            Message::Error(m) => error(format_args!("{m}")),
            Message::Warning(m) => warn(format_args!("{m}")),
        }
    }
}

/// Runs `f`, holding back the messages it reports on this thread; returns them in order.
pub fn capture<T>(f: impl FnOnce() -> T) -> (T, Vec<Message>) {
    let outer = CAPTURED.with(|c| c.replace(Some(Vec::new())));
    // Restored even if `f` unwinds, so that a caught panic leaves no capture behind.
    struct Restore(Option<Option<Vec<Message>>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(outer) = self.0.take() {
                CAPTURED.with(|c| *c.borrow_mut() = outer);
            }
        }
    }
    let mut restore = Restore(Some(outer));
    let value = f();
    let outer = restore.0.take().unwrap_or_default();
    let held = CAPTURED.with(|c| c.replace(outer)).unwrap_or_default();
    (value, held)
}

/// Holds `m` back if this thread is capturing; gives it back otherwise.
fn held(m: impl FnOnce() -> Message) -> bool {
    CAPTURED.with(|c| match c.borrow_mut().as_mut() {
        Some(v) => {
            v.push(m());
            true
        }
        None => false,
    })
}

/// Reports an error and marks the run as failed (exit code 2 at the end).
pub fn error(msg: Arguments<'_>) {
    if held(|| Message::Error(msg.to_string())) {
        return;
    }
    ERRORED.store(true, Ordering::Relaxed);
    eprintln!("cnpii: error: {msg}");
}

/// Reports a warning (the exit code is unchanged).
pub fn warn(msg: Arguments<'_>) {
    if held(|| Message::Warning(msg.to_string())) {
        return;
    }
    eprintln!("cnpii: warning: {msg}");
}

/// Whether any error was reported.
pub fn errored() -> bool {
    ERRORED.load(Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captured_messages_come_back_in_order() {
        let ((), held) = capture(|| {
            warn(format_args!("one"));
            error(format_args!("two"));
        });
        assert!(
            matches!(&held[..], [Message::Warning(a), Message::Error(b)] if a == "one" && b == "two")
        );
        let (_, none) = capture(|| ());
        assert!(none.is_empty());
    }
}
