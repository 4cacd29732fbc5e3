//! The pipeline: Chunker → Scanner → Rewriter → Sink, in input order.
//!
//! [`run`] reads chunks, scans and rewrites each one ([`process`]), and hands the results to the
//! sink strictly in chunk order. Memory stays at about chunk size × chunks in flight.

use crate::chunk::{Chunk, Chunker};
use crate::engine::Engine;
use crate::error::Error;
use crate::finding::{Finding, Span};
use crate::policy::PolicySet;
use crate::scan::{Edges, Scanner};
use crate::sink::{Sink, Summary};
use std::io::Read;
use std::time::Instant;

/// What one chunk produced.
#[derive(Debug, Default)]
pub(crate) struct Processed {
    pub seq: u64,
    /// Input range `[in_start, in_end)` that `out` stands for (redacted mode) and that the
    /// chunk's findings lie in.
    pub in_start: u64,
    pub in_end: u64,
    /// Redacted bytes, when the sink wants them.
    pub out: Vec<u8>,
    /// Findings; `line` counts newlines from `in_start` (0 = the line of `in_start`).
    pub findings: Vec<Finding>,
    /// The bytes of each finding, concatenated in order.
    pub values: Vec<u8>,
    /// Newlines in `[in_start, in_end)`.
    pub newlines: u64,
}

/// Scans one chunk and rewrites its own range.
pub(crate) fn process(
    scanner: &mut Scanner,
    policies: &PolicySet,
    chunk: &Chunk,
    want_output: bool,
    out: &mut Processed,
) -> Result<(), Error> {
    let edges = Edges { cut_start: chunk.cut_start, cut_end: chunk.cut_end };
    let hits = scanner.scan_hay(&chunk.bytes, edges);
    let own = chunk.own.clone();
    // A hit that starts before the own range and reaches into it was written by the previous
    // chunk; one that starts inside and reaches past it is written by this one.
    let mut from = own.start;
    let mut to = own.end;
    out.findings.clear();
    out.out.clear();
    out.values.clear();
    let mut line = 0u64;
    let mut at = own.start;
    for h in hits {
        if h.start < own.start {
            from = from.max(h.end);
            continue;
        }
        if h.start >= own.end {
            break;
        }
        to = to.max(h.end);
        // Resolved hits are disjoint, so hits here start at or after `from`.
        at = at.max(from);
        line += memchr::memchr_iter(b'\n', &chunk.bytes[at..h.start]).count() as u64;
        at = h.start;
        out.values.extend_from_slice(&chunk.bytes[h.start..h.end]);
        out.findings.push(Finding {
            kind: h.kind,
            span: Span { start: chunk.base + h.start as u64, end: chunk.base + h.end as u64 },
            line,
            confidence: h.confidence,
            detail: h.detail,
        });
    }
    // A finding from an earlier chunk may cover this whole own range.
    to = to.max(from);
    out.seq = chunk.seq;
    out.in_start = chunk.base + from as u64;
    out.in_end = chunk.base + to as u64;
    out.newlines = memchr::memchr_iter(b'\n', &chunk.bytes[from..to]).count() as u64;
    if want_output {
        crate::rewrite::rewrite(
            &chunk.bytes,
            chunk.base,
            from,
            to,
            &out.findings,
            policies,
            &mut out.out,
        )?;
    }
    Ok(())
}

/// Hands processed chunks to the sink in order, fixing up line numbers.
pub(crate) struct Ordered<'s, S> {
    sink: &'s mut S,
    next_in: u64,
    line: u64,
    pub summary: Summary,
}

impl<'s, S: Sink> Ordered<'s, S> {
    pub fn new(sink: &'s mut S) -> Self {
        Ordered { sink, next_in: 0, line: 1, summary: Summary::default() }
    }

    pub fn push(&mut self, p: &mut Processed) -> Result<(), Error> {
        if p.in_start != self.next_in {
            return Err(Error::config(format_args!(
                "chunks disagree about a finding at input offset {}; rerun with a larger chunk size",
                self.next_in.min(p.in_start)
            )));
        }
        self.next_in = p.in_end;
        let mut v = 0;
        for f in &mut p.findings {
            f.line += self.line;
            self.summary.findings[f.kind.index()] += 1;
            let len = f.span.len() as usize;
            self.sink.finding(f, &p.values[v..v + len])?;
            v += len;
        }
        if self.sink.wants_output() {
            self.sink.output(&p.out)?;
        }
        self.line += p.newlines;
        Ok(())
    }
}

/// Runs `input` through the engine into `sink`, rewriting findings with `policies` when the
/// sink wants output.
///
/// # Errors
///
/// Read and write errors, and policy failures. Bytes already handed to the sink stay there.
pub fn run<R: Read, S: Sink>(
    engine: &Engine,
    policies: &PolicySet,
    input: R,
    sink: &mut S,
) -> Result<Summary, Error> {
    let t0 = Instant::now();
    let mut chunker = Chunker::new(input, engine.chunk_size());
    let mut scanner = engine.scanner();
    let want = sink.wants_output();
    let mut ordered = Ordered::new(sink);
    let mut processed = Processed::default();
    while let Some(chunk) = chunker.next_chunk()? {
        process(&mut scanner, policies, &chunk, want, &mut processed)?;
        ordered.summary.bytes += (chunk.own.end - chunk.own.start) as u64;
        ordered.push(&mut processed)?;
    }
    let mut summary = ordered.summary;
    summary.elapsed = t0.elapsed();
    sink.finish(&summary)?;
    Ok(summary)
}
