//! [`Values`]: one value at a time, in memory — a post, one field of a column — through the
//! same steps as a file.
//!
//! Front ends that hold values rather than streams (the Python package's Arrow columns, a
//! service checking one post) call this, so that they give the CLI's answer byte for byte
//! without re-implementing a step:
//!
//! * without a column, a value is scanned as text, exactly as one whole input of
//!   `cnpii redact` (the pipeline's chunk path, on one chunk holding the value);
//! * with a column, it is scanned as one field of that column in a CSV file whose table is
//!   `table` (the structured path): the column name's hints and the policy set's `[columns]`
//!   rules apply as they do to `table.column` there, `skip` included.
//!
//! Offsets in findings are byte offsets into the value. A [`Values`] owns its scanner's
//! scratch space: make one per thread (cloning one gives a new scratch space, sharing the
//! compiled engine and policies).

use crate::chunk::Chunk;
use crate::engine::Engine;
use crate::error::Error;
use crate::finding::Finding;
use crate::format::{self, Column, Columns, Encoding, Escape, Job, Scratch, Segment};
use crate::pipeline::{self, Processed};
use crate::policy::PolicySet;
use crate::scan::Scanner;
use std::sync::Arc;

/// Redacts and scans single values with one engine, one policy set and one column.
///
/// # Example
///
/// ```
/// use cnpii::{Config, Engine, PolicySet, Values};
///
/// let engine = Engine::build(&Config::default())?;
/// let policies = PolicySet::default();
/// let mut text = Values::new(&engine, &policies, "-", None);
/// let mut out = Vec::new();
/// text.redact("手机 13812345678".as_bytes(), &mut out)?;
/// assert_eq!(String::from_utf8(out).unwrap(), "手机 138****5678");
///
/// // As a field of a column named `name`, a bare name is a finding (a column hint).
/// let mut names = Values::new(&engine, &policies, "users", Some("name"));
/// assert_eq!(names.scan("张伟".as_bytes())?.len(), 1);
/// # Ok::<(), cnpii::Error>(())
/// ```
pub struct Values {
    engine: Engine,
    policies: PolicySet,
    column: Option<Arc<Column>>,
    scanner: Scanner,
    scratch: Scratch,
    processed: Processed,
    /// The value's bytes, in a reused buffer (a chunk or a job owns its bytes).
    buf: Vec<u8>,
}

impl Values {
    /// Values of `column` of `table` (a column name as a CSV header gives it, or a dotted JSON
    /// path), or running text when `column` is `None` (then `table` is not used).
    pub fn new(engine: &Engine, policies: &PolicySet, table: &str, column: Option<&str>) -> Values {
        let column =
            column.map(|c| Columns::new(policies, engine.column_hints()).resolve(table, c));
        Values {
            engine: engine.clone(),
            policies: policies.clone(),
            column,
            scanner: engine.scanner(),
            scratch: Scratch::default(),
            processed: Processed::default(),
            buf: Vec::new(),
        }
    }

    /// Whether the column is never scanned (a `[columns]` rule `skip`): its values come out
    /// unchanged and have no findings.
    pub fn skipped(&self) -> bool {
        self.column.as_ref().is_some_and(|c| c.skip)
    }

    /// Appends the redacted `value` to `out`.
    ///
    /// # Errors
    ///
    /// A policy that cannot rewrite a finding (the message names the policy, kind and offset,
    /// never the value).
    pub fn redact(&mut self, value: &[u8], out: &mut Vec<u8>) -> Result<(), Error> {
        self.process(value, true)?;
        out.extend_from_slice(&self.processed.out);
        Ok(())
    }

    /// The findings in `value`, in order, with offsets into `value` and 1-based line numbers
    /// within it.
    ///
    /// # Errors
    ///
    /// None today; the signature leaves room for the structured path's errors.
    pub fn scan(&mut self, value: &[u8]) -> Result<&[Finding], Error> {
        self.process(value, false)?;
        Ok(&self.processed.findings)
    }

    /// Redacts `value` into `out` and returns its findings, in one pass.
    ///
    /// # Errors
    ///
    /// As [`Values::redact`].
    pub fn redact_scan(&mut self, value: &[u8], out: &mut Vec<u8>) -> Result<&[Finding], Error> {
        self.process(value, true)?;
        out.extend_from_slice(&self.processed.out);
        Ok(&self.processed.findings)
    }

    fn process(&mut self, value: &[u8], want_output: bool) -> Result<(), Error> {
        let mut bytes = std::mem::take(&mut self.buf);
        bytes.clear();
        bytes.extend_from_slice(value);
        let p = &mut self.processed;
        let result = match &self.column {
            None => {
                let own = 0..bytes.len();
                let chunk = Chunk { seq: 0, base: 0, bytes, own, cut_start: false, cut_end: false };
                let r =
                    pipeline::process(&mut self.scanner, &self.policies, &chunk, want_output, p);
                self.buf = chunk.bytes;
                r
            }
            Some(col) => {
                let segs = if col.skip || value.is_empty() {
                    Vec::new()
                } else {
                    vec![Segment {
                        start: 0,
                        end: value.len(),
                        col: 0,
                        esc: Escape::Raw,
                        first: true,
                    }]
                };
                let job = Job {
                    seq: 0,
                    base: 0,
                    bytes,
                    segs,
                    columns: vec![col.clone()],
                    encoding: Encoding::Utf8,
                    warnings: Vec::new(),
                    text: None,
                };
                let r = format::process(
                    &mut self.scanner,
                    &mut self.scratch,
                    &self.policies,
                    self.engine.column_hints(),
                    &job,
                    want_output,
                    p,
                );
                self.buf = job.bytes;
                r
            }
        };
        for f in &mut p.findings {
            f.line += 1;
        }
        result
    }
}

impl Clone for Values {
    /// The same engine, policies and column, with a scratch space of its own.
    fn clone(&self) -> Values {
        Values {
            engine: self.engine.clone(),
            policies: self.policies.clone(),
            column: self.column.clone(),
            scanner: self.engine.scanner(),
            scratch: Scratch::default(),
            processed: Processed::default(),
            buf: Vec::new(),
        }
    }
}

impl std::fmt::Debug for Values {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Values")
            .field("engine", &self.engine)
            .field("policies", &self.policies)
            .field("column", &self.column.as_ref().map(|c| String::from_utf8_lossy(&c.key)))
            .finish()
    }
}
