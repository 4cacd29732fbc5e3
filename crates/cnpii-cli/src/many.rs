//! Many inputs at once: small files run side by side on a pool of workers, and every input's
//! results still come out whole and in input order.
//!
//! # Design
//!
//! The library parallelises *within* an input: its pipeline cuts a file into chunks (1 MiB by
//! default) and scans them on every thread. A file that fits in one chunk therefore runs on
//! one thread, and a directory of a thousand 100 KiB logs used one core. Here each input is
//! put on one of two paths:
//!
//! * **Pooled**: a regular file of at most [`POOLED_CHUNKS`] chunks (by its size on disk). A
//!   worker runs it with a single-threaded engine ([`cnpii::Engine::with_threads`]), writing
//!   everything it produces into [`Spool`]s: output bytes, audit lines, and the messages it
//!   would print (held back by [`messages::capture`]).
//! * **In line**: stdin, a large file, anything that is not a regular file. The calling
//!   thread runs it when its turn comes, with the full engine, straight into the real outputs
//!   — exactly as when inputs were processed one after another — so that a large input is
//!   never held anywhere and still gets every thread.
//!
//! The calling thread walks the inputs in order. It hands pooled inputs up to [`WINDOW`] ×
//! threads positions ahead to the workers, waits for the result of the input whose turn it
//! is (a reorder buffer keyed by input index, as `pipeline.rs` does with chunks), then writes
//! it out: messages first, then the spooled bytes. The output is thus the same bytes, in the
//! same order, whatever the thread count, and the same as running each input alone.
//!
//! ripgrep does it differently: its workers write each file's output into an in-memory
//! buffer and print that buffer as soon as the file is done, so files come out in whichever
//! order they finish (`--sort` falls back to one thread). cnpii promises input order
//! (CONTRACT.md's findings stream, and redacted files concatenated on stdout), hence the
//! reorder buffer.
//!
//! # Memory
//!
//! At most `WINDOW × threads` pooled results exist at once. A result's bytes stay in memory
//! up to one chunk size and go on to an anonymous temporary file beyond that (a compressed
//! file, a redacted file of a few chunks, or a scan dense with findings can produce more).
//! Pooled results therefore hold at most `WINDOW × threads × chunk size` bytes of memory —
//! the pipeline's own bound (chunk size × 4 × threads) — however many or however large the
//! inputs are; with an in-line input running meanwhile, about twice that.
//!
//! # Errors
//!
//! The per-input work returns whatever its command needs (a `Result` among it); the command
//! decides, when writing it out, whether an error is reported and the run goes on (`scan`,
//! `--out-dir`) or the run stops (`redact` to stdout). A worker that panics is reported as an
//! internal error for its input and ends the run; results are never waited for in vain.

use crate::inputs::Input;
use crate::messages::{self, Message};
use anyhow::{bail, Result};
use cnpii::Engine;
use crossbeam_channel::{bounded, Receiver, Sender};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};

/// A regular file of at most this many chunks is pooled. One chunk's worth would be enough
/// to lose nothing (the pipeline runs such a file on one thread anyway); a few more also
/// pools the files the pipeline could only split in two or three.
pub const POOLED_CHUNKS: u64 = 4;

/// How many inputs, per thread, the workers may run ahead of the one being written out.
pub const WINDOW: usize = 4;

/// Whose job an input is, as told to the caller of [`for_each`].
pub enum Turn<T> {
    /// Run it now, on this thread, with the engine given, straight into the real outputs.
    Here,
    /// A worker ran it: what the work produced. Its messages have been printed already.
    Done(T),
}

/// Runs `work` over `inputs` and hands each input's result to `emit`, in input order.
///
/// `work` runs on a worker with a single-threaded engine, for pooled inputs (see the module
/// docs); `emit` runs on the calling thread for every input, with [`Turn::Done`] and the
/// work's result for a pooled input, or with [`Turn::Here`] (and the full engine) for an
/// input it must run itself. An error from `emit` ends the run and is returned.
///
/// # Errors
///
/// What `emit` returns, and an internal error if a worker panicked.
pub fn for_each<T, W, E>(engine: &Engine, inputs: &[Input], work: W, mut emit: E) -> Result<()>
where
    T: Send,
    W: Fn(&Engine, &Input) -> T + Sync,
    E: FnMut(&Engine, &Input, Turn<T>) -> Result<()>,
{
    let threads = engine.threads();
    let limit = engine.chunk_size() as u64 * POOLED_CHUNKS;
    let pooled: Vec<bool> = if threads > 1 {
        inputs.iter().map(|i| is_pooled(i, limit)).collect()
    } else {
        vec![false; inputs.len()]
    };
    // With fewer than two pooled inputs the pool cannot win anything.
    if pooled.iter().filter(|&&p| p).count() < 2 {
        for input in inputs {
            emit(engine, input, Turn::Here)?;
        }
        return Ok(());
    }
    let window = WINDOW * threads;
    let single = engine.with_threads(1);
    // Both queues hold at most `window` items (see `in_order`), so no send ever blocks.
    let (job_tx, job_rx) = bounded::<usize>(window);
    let (done_tx, done_rx) = bounded::<(usize, Outcome<T>)>(window);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (job_rx, done_tx) = (job_rx.clone(), done_tx.clone());
            let (single, work) = (&single, &work);
            scope.spawn(move || {
                for i in job_rx {
                    let input = &inputs[i];
                    // A panic becomes this input's outcome, so that the calling thread is
                    // never left waiting. (Release builds abort on panic; tests unwind.)
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        messages::capture(|| work(single, input))
                    }))
                    .ok();
                    if done_tx.send((i, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((job_rx, done_tx));
        // The queues' other ends are moved in: however `in_order` returns, they close, the
        // workers stop after at most one more input each, and the scope joins them.
        in_order(engine, inputs, &pooled, window, job_tx, done_rx, &mut emit)
    })
}

/// A pooled input's result and the messages it held back; `None` if its worker panicked.
type Outcome<T> = Option<(T, Vec<Message>)>;

/// Walks `inputs` in order: feeds pooled ones to the workers up to `window` ahead, and hands
/// every input to `emit` in turn.
fn in_order<T, E>(
    engine: &Engine,
    inputs: &[Input],
    pooled: &[bool],
    window: usize,
    job_tx: Sender<usize>,
    done_rx: Receiver<(usize, Outcome<T>)>,
    emit: &mut E,
) -> Result<()>
where
    E: FnMut(&Engine, &Input, Turn<T>) -> Result<()>,
{
    // Results that came back before their turn.
    let mut early: BTreeMap<usize, Outcome<T>> = BTreeMap::new();
    let mut fed = 0;
    for (i, input) in inputs.iter().enumerate() {
        // Inputs fed but not yet written out stay below `window`: the queues never fill.
        while fed < inputs.len() && fed < i + window {
            if pooled[fed] {
                job_tx.send(fed).expect("the workers outlive the job queue");
            }
            fed += 1;
        }
        if !pooled[i] {
            emit(engine, input, Turn::Here)?;
            continue;
        }
        let outcome = loop {
            if let Some(o) = early.remove(&i) {
                break o;
            }
            match done_rx.recv() {
                Ok((j, o)) => {
                    early.insert(j, o);
                }
                Err(_) => bail!("{}: internal error: the workers stopped", input.label()),
            }
        };
        let Some((value, held)) = outcome else {
            bail!("{}: internal error while processing it", input.label());
        };
        for m in held {
            m.emit();
        }
        emit(engine, input, Turn::Done(value))?;
    }
    Ok(())
}

/// Whether `input` is a regular file of at most `limit` bytes.
fn is_pooled(input: &Input, limit: u64) -> bool {
    match input {
        Input::Stdin => false,
        Input::File { path, .. } => {
            std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= limit)
        }
    }
}

/// Bytes held for later: in memory up to a limit, then in an anonymous temporary file
/// (removed by the system when closed, even if cnpii is killed).
#[derive(Debug)]
pub struct Spool {
    memory: Vec<u8>,
    limit: usize,
    file: Option<BufWriter<File>>,
}

impl Spool {
    /// A spool keeping up to `limit` bytes in memory (commands give the chunk size).
    pub fn new(limit: usize) -> Spool {
        Spool { memory: Vec::new(), limit, file: None }
    }

    /// Writes everything held to `out`, in order.
    pub fn copy_to<W: Write + ?Sized>(self, out: &mut W) -> io::Result<()> {
        match self.file {
            None => out.write_all(&self.memory),
            Some(f) => {
                let mut f = f.into_inner().map_err(io::IntoInnerError::into_error)?;
                f.seek(SeekFrom::Start(0))?;
                io::copy(&mut f, out)?;
                Ok(())
            }
        }
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if let Some(f) = &mut self.file {
            return f.write_all(buf);
        }
        if self.memory.len() + buf.len() <= self.limit {
            self.memory.extend_from_slice(buf);
            return Ok(());
        }
        let mut f = BufWriter::with_capacity(1 << 16, tempfile::tempfile()?);
        f.write_all(&self.memory)?;
        f.write_all(buf)?;
        self.memory = Vec::new();
        self.file = Some(f);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Held bytes are written out by `copy_to`; there is nothing to push further now.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spool_keeps_order_across_the_move_to_a_file() {
        let mut s = Spool::new(64 << 10);
        let mut want = Vec::new();
        for i in 0..5000u32 {
            let line = format!("line {i} {}\n", "x".repeat((i % 97) as usize));
            s.write_all(line.as_bytes()).unwrap();
            want.extend_from_slice(line.as_bytes());
        }
        assert!(want.len() > 64 << 10 && s.file.is_some());
        let mut got = Vec::new();
        s.copy_to(&mut got).unwrap();
        assert_eq!(got, want);
        let mut small = Spool::new(64 << 10);
        small.write_all(b"abc").unwrap();
        let mut got = Vec::new();
        small.copy_to(&mut got).unwrap();
        assert_eq!(got, b"abc");
    }

    fn files(dir: &std::path::Path, n: usize) -> Vec<Input> {
        (0..n)
            .map(|i| {
                let path = dir.join(format!("f{i:03}"));
                // Every fifth input is large enough to run in line.
                let size = if i % 5 == 3 { 5000 } else { 10 + i };
                std::fs::write(&path, vec![b'a'; size]).unwrap();
                Input::File { path, rel: format!("f{i:03}").into() }
            })
            .collect()
    }

    fn engine(threads: usize) -> Engine {
        let config =
            cnpii::Config { threads: Some(threads), chunk_size: Some(1000), ..Default::default() };
        Engine::build(&config).unwrap()
    }

    #[test]
    fn results_come_in_input_order_on_the_right_path() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = files(dir.path(), 60);
        for threads in [1, 2, 4] {
            let mut seen = Vec::new();
            let work = |e: &Engine, input: &Input| {
                assert_eq!(e.threads(), 1);
                std::fs::metadata(match input {
                    Input::File { path, .. } => path,
                    Input::Stdin => unreachable!(),
                })
                .unwrap()
                .len()
            };
            for_each(&engine(threads), &inputs, work, |e, input, turn| {
                let len = std::fs::metadata(match input {
                    Input::File { path, .. } => path,
                    Input::Stdin => unreachable!(),
                })
                .unwrap()
                .len();
                match turn {
                    Turn::Here => assert!(threads == 1 || len == 5000, "{len}"),
                    Turn::Done(l) => {
                        assert!(threads > 1 && l == len && len < 5000);
                        assert_eq!(e.threads(), threads);
                    }
                }
                seen.push(input.label());
                Ok(())
            })
            .unwrap();
            let want: Vec<String> = inputs.iter().map(Input::label).collect();
            assert_eq!(seen, want, "threads {threads}");
        }
    }

    #[test]
    fn an_error_from_emit_stops_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = files(dir.path(), 200);
        let mut n = 0;
        let r = for_each(
            &engine(3),
            &inputs,
            |_, _| (),
            |_, _, _| {
                n += 1;
                if n == 7 {
                    bail!("stop");
                }
                Ok(())
            },
        );
        assert_eq!(r.unwrap_err().to_string(), "stop");
        assert_eq!(n, 7);
    }

    #[test]
    fn a_panicking_worker_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = files(dir.path(), 30);
        let bad = inputs[7].label();
        let r = for_each(
            &engine(2),
            &inputs,
            |_, input| {
                if input.label() == bad {
                    panic!("boom");
                }
            },
            |_, _, _| Ok(()),
        );
        assert!(r.unwrap_err().to_string().contains("internal error"));
    }

    #[test]
    fn held_messages_are_printed_with_their_input() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = files(dir.path(), 10);
        let (r, held) = messages::capture(|| {
            for_each(
                &engine(2),
                &inputs,
                |_, input| messages::warn(format_args!("w {}", input.label())),
                |_, input, _| {
                    messages::warn(format_args!("e {}", input.label()));
                    Ok(())
                },
            )
        });
        r.unwrap();
        // The calling thread captures too here, so the workers' messages, re-emitted on it,
        // land in its list: each pooled input's warning right before its own `emit`.
        let texts: Vec<String> = held
            .into_iter()
            .map(|m| match m {
                Message::Warning(t) | Message::Error(t) => t,
            })
            .collect();
        let mut want = Vec::new();
        for (i, input) in inputs.iter().enumerate() {
            if i % 5 != 3 {
                want.push(format!("w {}", input.label()));
            }
            want.push(format!("e {}", input.label()));
        }
        assert_eq!(texts, want);
    }
}
