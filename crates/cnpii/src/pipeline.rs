//! The pipeline: Chunker → Scanner → Rewriter → Sink, in input order. The only module that
//! spawns threads.
//!
//! The calling thread reads chunks and sends them over a bounded channel to worker threads,
//! each with its own [`Scanner`]; workers scan and rewrite a chunk ([`process`]) and send the
//! result back; the calling thread puts results back in chunk order (a reorder buffer) and
//! drives the sink. Reader and sink therefore need not be `Send`. At most
//! `2 × threads` chunks are in flight, so memory stays at about chunk size × 4 × threads
//! (a chunk's input and output), whatever the input size. Chunk and output buffers are
//! recycled. With one thread the same steps run in line, without channels; a test holds that
//! both paths give identical output.

use crate::chunk::{Chunk, Chunker};
use crate::engine::Engine;
use crate::error::Error;
use crate::finding::{Finding, Span};
use crate::policy::PolicySet;
use crate::scan::{Edges, Scanner};
use crate::sink::{Sink, Summary};
use std::collections::BTreeMap;
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
    let want = sink.wants_output();
    let mut ordered = Ordered::new(sink);
    if engine.threads() <= 1 || chunker.fits_one_chunk()? {
        run_inline(engine, policies, chunker, want, &mut ordered)?;
    } else {
        run_parallel(engine, policies, chunker, want, &mut ordered)?;
    }
    let mut summary = ordered.summary;
    summary.elapsed = t0.elapsed();
    ordered.sink.finish(&summary)?;
    Ok(summary)
}

fn run_inline<R: Read, S: Sink>(
    engine: &Engine,
    policies: &PolicySet,
    mut chunker: Chunker<R>,
    want: bool,
    ordered: &mut Ordered<'_, S>,
) -> Result<(), Error> {
    let mut scanner = engine.scanner();
    let mut processed = Processed::default();
    let mut buf = Vec::new();
    while let Some(chunk) = chunker.next_chunk(buf)? {
        process(&mut scanner, policies, &chunk, want, &mut processed)?;
        ordered.summary.bytes += (chunk.own.end - chunk.own.start) as u64;
        ordered.push(&mut processed)?;
        buf = chunk.bytes;
    }
    Ok(())
}

/// What a worker sends back: the result, the chunk's buffer for reuse, its own length.
type Done = (Result<Processed, Error>, Vec<u8>, u64);

fn run_parallel<R: Read, S: Sink>(
    engine: &Engine,
    policies: &PolicySet,
    chunker: Chunker<R>,
    want: bool,
    ordered: &mut Ordered<'_, S>,
) -> Result<(), Error> {
    let threads = engine.threads();
    let depth = 2 * threads;
    let (work_tx, work_rx) = crossbeam_channel::bounded::<Chunk>(depth);
    let (done_tx, done_rx) = crossbeam_channel::bounded::<Done>(depth);
    // Spent output buffers go back to the workers.
    let (free_tx, free_rx) = crossbeam_channel::unbounded::<Processed>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (work_rx, done_tx, free_rx) = (work_rx.clone(), done_tx.clone(), free_rx.clone());
            scope.spawn(move || {
                let mut scanner = engine.scanner();
                for chunk in work_rx {
                    let mut p = free_rx.try_recv().unwrap_or_default();
                    // A panic in a detector or policy must not leave the feeder waiting for a
                    // result that never comes: it becomes this chunk's error. (Release builds
                    // abort on panic anyway; this matters to library users who unwind.)
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        process(&mut scanner, policies, &chunk, want, &mut p)
                    }))
                    .unwrap_or_else(|_| Err(Error::internal(chunk.base)))
                    .map(|()| p);
                    let own = (chunk.own.end - chunk.own.start) as u64;
                    if done_tx.send((r, chunk.bytes, own)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((work_rx, done_tx));
        // `feed` owns the sending end of the work queue and the receiving end of the results:
        // however it returns, both close, the workers finish, and the scope can join them.
        feed(chunker, depth, work_tx, done_rx, &free_tx, ordered)
    })
}

/// Reads chunks into the work queue and writes results out in order.
fn feed<R: Read, S: Sink>(
    mut chunker: Chunker<R>,
    depth: usize,
    work_tx: crossbeam_channel::Sender<Chunk>,
    done_rx: crossbeam_channel::Receiver<Done>,
    free_tx: &crossbeam_channel::Sender<Processed>,
    ordered: &mut Ordered<'_, S>,
) -> Result<(), Error> {
    // Reorder buffer: results by sequence number, written out strictly in order.
    let mut pending: BTreeMap<u64, (Processed, u64)> = BTreeMap::new();
    let mut free_bufs: Vec<Vec<u8>> = Vec::new();
    let mut in_flight = 0usize;
    let mut next_out = 0u64;
    let mut eof = false;
    loop {
        while !eof && in_flight < depth {
            match chunker.next_chunk(free_bufs.pop().unwrap_or_default())? {
                Some(chunk) => {
                    work_tx.send(chunk).expect("workers outlive the work queue");
                    in_flight += 1;
                }
                None => eof = true,
            }
        }
        if in_flight == 0 {
            return Ok(());
        }
        let (result, bytes, own) = done_rx.recv().expect("a worker answers every chunk");
        in_flight -= 1;
        free_bufs.push(bytes);
        let p = result?;
        pending.insert(p.seq, (p, own));
        while let Some((mut p, own)) = pending.remove(&next_out) {
            ordered.summary.bytes += own;
            ordered.push(&mut p)?;
            next_out += 1;
            // The workers may have exited already; then the buffer is simply dropped.
            let _ = free_tx.send(p);
        }
    }
}
