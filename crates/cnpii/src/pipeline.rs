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
use crate::format::{Columns, Input, Job, Records};
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
    /// The bytes of each finding (decoded, for structured input), concatenated in order.
    pub values: Vec<u8>,
    /// The length of each finding's bytes in `values`.
    pub value_lens: Vec<usize>,
    /// Warnings about the input, with input offsets.
    pub warnings: Vec<(u64, String)>,
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
    let piece = Piece {
        seq: chunk.seq,
        base: chunk.base,
        bytes: &chunk.bytes,
        own: chunk.own.clone(),
        cut_start: chunk.cut_start,
        cut_end: chunk.cut_end,
    };
    process_piece(scanner, policies, &piece, want_output, out)
}

/// A chunk's view: text with context on both sides of its own range ([`Chunk`], or a piece of
/// an over-long structured record).
pub(crate) struct Piece<'a> {
    pub seq: u64,
    pub base: u64,
    pub bytes: &'a [u8],
    pub own: std::ops::Range<usize>,
    pub cut_start: bool,
    pub cut_end: bool,
}

/// [`process`] on a [`Piece`].
pub(crate) fn process_piece(
    scanner: &mut Scanner,
    policies: &PolicySet,
    chunk: &Piece<'_>,
    want_output: bool,
    out: &mut Processed,
) -> Result<(), Error> {
    let edges = Edges { cut_start: chunk.cut_start, cut_end: chunk.cut_end };
    let hits = scanner.scan_hay(chunk.bytes, edges);
    let own = chunk.own.clone();
    // A hit that starts before the own range and reaches into it was written by the previous
    // chunk; one that starts inside and reaches past it is written by this one.
    let mut from = own.start;
    let mut to = own.end;
    out.findings.clear();
    out.out.clear();
    out.values.clear();
    out.value_lens.clear();
    // Started at the first hit in the own range, once `from` is known.
    let mut lines: Option<Lines> = None;
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
        let line =
            lines.get_or_insert_with(|| Lines::new(chunk.bytes, from)).upto(chunk.bytes, h.start);
        out.values.extend_from_slice(&chunk.bytes[h.start..h.end]);
        out.value_lens.push(h.end - h.start);
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
    out.newlines = lines.unwrap_or_else(|| Lines::new(chunk.bytes, from)).upto(chunk.bytes, to);
    if want_output {
        crate::rewrite::rewrite(
            chunk.bytes,
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
        for (at, msg) in p.warnings.drain(..) {
            self.summary.warnings += 1;
            self.sink.warning(at, &msg)?;
        }
        let mut v = 0;
        for (f, &len) in p.findings.iter_mut().zip(&p.value_lens) {
            f.line += self.line;
            self.summary.findings[f.kind.index()] += 1;
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

/// A unit of work: a text chunk or a structured job.
pub(crate) trait Work: Send {
    fn seq(&self) -> u64;
    fn base(&self) -> u64;
    /// The input bytes it stands for.
    fn own_len(&self) -> u64;
    fn process(&self, w: &mut Worker, cx: &RunCx<'_>, out: &mut Processed) -> Result<(), Error>;
    /// Its buffer back, for reuse.
    fn into_bytes(self) -> Vec<u8>;
}

/// Where work comes from, on the calling thread.
pub(crate) trait Feed {
    type W: Work;
    /// The next piece of work; `buf` is a recycled buffer.
    fn next_work(&mut self, buf: Vec<u8>) -> Result<Option<Self::W>, Error>;
    /// Whether the whole input is one piece of work (reads ahead to find out).
    fn fits_one(&mut self) -> Result<bool, Error>;
}

/// A worker's state: its scanner and scratch space.
pub(crate) struct Worker {
    scanner: Scanner,
    scratch: crate::format::Scratch,
}

impl Worker {
    fn new(engine: &Engine) -> Worker {
        Worker { scanner: engine.scanner(), scratch: Default::default() }
    }
}

/// What every worker shares.
pub(crate) struct RunCx<'a> {
    policies: &'a PolicySet,
    want: bool,
    hints: bool,
}

impl Work for Chunk {
    fn seq(&self) -> u64 {
        self.seq
    }
    fn base(&self) -> u64 {
        self.base
    }
    fn own_len(&self) -> u64 {
        (self.own.end - self.own.start) as u64
    }
    fn process(&self, w: &mut Worker, cx: &RunCx<'_>, out: &mut Processed) -> Result<(), Error> {
        process(&mut w.scanner, cx.policies, self, cx.want, out)
    }
    fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl<R: Read> Feed for Chunker<R> {
    type W = Chunk;
    fn next_work(&mut self, buf: Vec<u8>) -> Result<Option<Chunk>, Error> {
        Ok(self.next_chunk(buf)?)
    }
    fn fits_one(&mut self) -> Result<bool, Error> {
        Ok(self.fits_one_chunk()?)
    }
}

impl Work for Job {
    fn seq(&self) -> u64 {
        self.seq
    }
    fn base(&self) -> u64 {
        self.base
    }
    fn own_len(&self) -> u64 {
        self.text.as_ref().map_or(self.bytes.len(), |t| t.own.len()) as u64
    }
    fn process(&self, w: &mut Worker, cx: &RunCx<'_>, out: &mut Processed) -> Result<(), Error> {
        if let Some(t) = self.text.as_ref().filter(|_| self.segs.is_empty()) {
            let piece = Piece {
                seq: self.seq,
                base: self.base,
                bytes: &self.bytes,
                own: t.own.clone(),
                cut_start: t.cut_start,
                cut_end: t.cut_end,
            };
            process_piece(&mut w.scanner, cx.policies, &piece, cx.want, out)?;
            out.warnings.clone_from(&self.warnings);
            return Ok(());
        }
        crate::format::process(
            &mut w.scanner,
            &mut w.scratch,
            cx.policies,
            cx.hints,
            self,
            cx.want,
            out,
        )
    }
    fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl<R: Read> Feed for Records<R> {
    type W = Job;
    fn next_work(&mut self, buf: Vec<u8>) -> Result<Option<Job>, Error> {
        self.next_job(buf)
    }
    fn fits_one(&mut self) -> Result<bool, Error> {
        Ok(self.fits_one_job()?)
    }
}

/// Runs `input` (UTF-8 text) through the engine into `sink`, rewriting findings with
/// `policies` when the sink wants output.
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
    run_input(engine, policies, &Input::default(), input, sink)
}

/// Runs `reader`, laid out as `input` says (format, encoding), through the engine into `sink`.
///
/// # Errors
///
/// As [`run`]. Input the format's parser does not understand is not an error: it is scanned
/// as text and reported through [`Sink::warning`].
pub fn run_input<R: Read, S: Sink>(
    engine: &Engine,
    policies: &PolicySet,
    input: &Input,
    reader: R,
    sink: &mut S,
) -> Result<Summary, Error> {
    let t0 = Instant::now();
    let cx = RunCx { policies, want: sink.wants_output(), hints: engine.column_hints() };
    let mut ordered = Ordered::new(sink);
    if input.structured() {
        let columns = Columns::new(policies, engine.column_hints());
        // Structured jobs carry a segment per field besides their bytes (about 20 bytes of
        // bookkeeping per field): a quarter of the chunk size keeps their memory near a text
        // chunk's.
        let size = (engine.chunk_size() / 4).max(1);
        let records = Records::new(reader, input, columns, size);
        drive(engine, &cx, records, &mut ordered)?;
    } else {
        drive(engine, &cx, Chunker::new(reader, engine.chunk_size()), &mut ordered)?;
    }
    let mut summary = ordered.summary;
    summary.elapsed = t0.elapsed();
    ordered.sink.finish(&summary)?;
    Ok(summary)
}

fn drive<F: Feed, S: Sink>(
    engine: &Engine,
    cx: &RunCx<'_>,
    mut feed: F,
    ordered: &mut Ordered<'_, S>,
) -> Result<(), Error> {
    if engine.threads() <= 1 || feed.fits_one()? {
        run_inline(engine, cx, feed, ordered)
    } else {
        run_parallel(engine, cx, feed, ordered)
    }
}

fn run_inline<F: Feed, S: Sink>(
    engine: &Engine,
    cx: &RunCx<'_>,
    mut feed: F,
    ordered: &mut Ordered<'_, S>,
) -> Result<(), Error> {
    let mut worker = Worker::new(engine);
    let mut processed = Processed::default();
    let mut buf = Vec::new();
    while let Some(work) = feed.next_work(buf)? {
        work.process(&mut worker, cx, &mut processed)?;
        ordered.summary.bytes += work.own_len();
        ordered.push(&mut processed)?;
        buf = work.into_bytes();
    }
    Ok(())
}

/// What a worker sends back: the result, the work's buffer for reuse, its own length.
type Done = (Result<Processed, Error>, Vec<u8>, u64);

fn run_parallel<F: Feed, S: Sink>(
    engine: &Engine,
    cx: &RunCx<'_>,
    feed: F,
    ordered: &mut Ordered<'_, S>,
) -> Result<(), Error> {
    let threads = engine.threads();
    let depth = 2 * threads;
    let (work_tx, work_rx) = crossbeam_channel::bounded::<F::W>(depth);
    let (done_tx, done_rx) = crossbeam_channel::bounded::<Done>(depth);
    // Spent output buffers go back to the workers.
    let (free_tx, free_rx) = crossbeam_channel::unbounded::<Processed>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (work_rx, done_tx, free_rx) = (work_rx.clone(), done_tx.clone(), free_rx.clone());
            scope.spawn(move || {
                let mut worker = Worker::new(engine);
                for work in work_rx {
                    let mut p = free_rx.try_recv().unwrap_or_default();
                    // A panic in a detector or policy must not leave the feeder waiting for a
                    // result that never comes: it becomes this chunk's error. (Release builds
                    // abort on panic anyway; this matters to library users who unwind.)
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        work.process(&mut worker, cx, &mut p)
                    }))
                    .unwrap_or_else(|_| Err(Error::internal(work.base())))
                    .map(|()| p);
                    let own = work.own_len();
                    if done_tx.send((r, work.into_bytes(), own)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((work_rx, done_tx));
        // `feed` owns the sending end of the work queue and the receiving end of the results:
        // however it returns, both close, the workers finish, and the scope can join them.
        feed_ordered(feed, depth, work_tx, done_rx, &free_tx, ordered)
    })
}

/// Reads work into the queue and writes results out in order.
fn feed_ordered<F: Feed, S: Sink>(
    mut feed: F,
    depth: usize,
    work_tx: crossbeam_channel::Sender<F::W>,
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
            match feed.next_work(free_bufs.pop().unwrap_or_default())? {
                Some(work) => {
                    debug_assert_eq!(work.seq(), next_out + (in_flight + pending.len()) as u64);
                    work_tx.send(work).expect("workers outlive the work queue");
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
            // A result with an unusual number of findings (one every few bytes) is not kept
            // for reuse: recycled buffers would hold that much for the rest of the run.
            if p.findings.capacity() > 1 << 14 {
                p = Processed { out: std::mem::take(&mut p.out), ..Processed::default() };
            }
            // The workers may have exited already; then the buffer is simply dropped.
            let _ = free_tx.send(p);
        }
    }
}

/// Counts the newlines before a series of ever later positions in one buffer. It looks for the next
/// newline only once it has passed the last one, so positions on one long line (a dump's
/// `INSERT`) cost a comparison each, and the whole buffer is searched at most once.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lines {
    /// Newlines before `next`.
    pub count: u64,
    /// The next newline not yet counted (the buffer's length when there is none).
    next: usize,
}

impl Lines {
    /// Starts counting at `from` in `bytes`.
    pub fn new(bytes: &[u8], from: usize) -> Lines {
        Lines { count: 0, next: next_newline(bytes, from) }
    }

    /// Counts the newlines up to `to` (exclusive; `to` never decreases) and returns the
    /// number counted since the start.
    pub fn upto(&mut self, bytes: &[u8], to: usize) -> u64 {
        while self.next < to {
            self.count += 1;
            self.next = next_newline(bytes, self.next + 1);
        }
        self.count
    }
}

fn next_newline(bytes: &[u8], from: usize) -> usize {
    // Short gaps (records a line each) without memchr's call and setup.
    let near = &bytes[from.min(bytes.len())..(from + 32).min(bytes.len())];
    match near.iter().position(|&b| b == b'\n') {
        Some(i) => from + i,
        None if from + 32 >= bytes.len() => bytes.len(),
        None => memchr::memchr(b'\n', &bytes[from + 32..]).map_or(bytes.len(), |i| from + 32 + i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_newlines_before_each_position() {
        let bytes = b"a\nbb\n\n\nccc\n0123456789012345678901234567890123456789\nx\n\n";
        for from in 0..=bytes.len() {
            let mut lines = Lines::new(bytes, from);
            for to in from..=bytes.len() {
                let naive = bytes[from..to].iter().filter(|&&b| b == b'\n').count() as u64;
                assert_eq!(lines.upto(bytes, to), naive, "from {from} to {to}");
            }
            // Skipping ahead counts the same.
            let naive = bytes[from..].iter().filter(|&&b| b == b'\n').count() as u64;
            assert_eq!(Lines::new(bytes, from).upto(bytes, bytes.len()), naive);
        }
    }
}
