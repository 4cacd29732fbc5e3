//! `cnpii scan`: reports findings per input — a count per kind by default, each finding with
//! `--show` (masked unless `--show-values`), or the JSON Lines of CONTRACT.md with `--json`.
//!
//! A binary file (a NUL byte in its first 64 KiB) is not scanned unless `--binary`: it is
//! reported as skipped, with exit status 2, and counted in the `--json` summary's `skipped`
//! field (added after `elapsed_ms`; the contract's fields are unchanged) — never as a file
//! scanned and found clean.
//!
//! Many small files are scanned side by side (`many.rs`); the report is the same, in input
//! order, whatever the thread count.

use crate::args::{Common, ScanArgs};
use crate::inputs::Input;
use crate::many::{self, Spool, Turn};
use crate::messages;
use anyhow::{Context, Result};
use cnpii::{Engine, Finding, FindingsSink, Kind, PolicySet, Sink, Summary};
use std::io::{self, Write};
use std::time::Instant;

pub fn run(common: &Common, args: &ScanArgs) -> Result<bool> {
    let engine = super::engine(common)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let inputs = super::expand_inputs(common, &args.paths, None)?;
    let total = scan_all(&engine, &inputs, args, &mut out)?;
    out.flush().context("cannot write to stdout")?;
    Ok(total.total() > 0)
}

/// Scans every input into `out`: JSON Lines and a summary line with `--json`, else a report.
fn scan_all<W: Write>(
    engine: &Engine,
    inputs: &[Input],
    args: &ScanArgs,
    out: &mut W,
) -> Result<Summary> {
    let t0 = Instant::now();
    let policies = PolicySet::default();
    let binary = if args.binary { super::Binary::Bytes } else { super::Binary::Skip };
    let scan_one = |engine: &Engine, input: &Input, out: &mut dyn Write| {
        if args.json {
            let mut sink = FindingsSink::new(out, &input.label());
            super::run_one(engine, &policies, input, binary, &mut sink)
        } else {
            report_one(engine, &policies, input, args, binary, out)
        }
    };
    let mut total = Summary::default();
    let mut skipped = 0u64;
    many::for_each(
        engine,
        inputs,
        |engine, input| {
            let mut spool = Spool::new(engine.chunk_size());
            let result = scan_one(engine, input, &mut spool);
            (result, spool)
        },
        |engine, input, turn| {
            let result = match turn {
                Turn::Here => scan_one(engine, input, &mut *out),
                Turn::Done((result, spool)) => {
                    spool.copy_to(&mut *out).context("cannot write to stdout")?;
                    result
                }
            };
            match result {
                Ok(s) => total.combine(&s),
                Err(e) if crate::is_broken_pipe(&e) => return Err(e),
                Err(e) => {
                    skipped += u64::from(e.is::<super::Skipped>());
                    messages::error(format_args!("{}: {e:#}", input.label()));
                }
            }
            Ok(())
        },
    )?;
    // Wall time of the whole run: with inputs side by side, the sum of their times is not.
    total.elapsed = t0.elapsed();
    if args.json {
        let mut line = Vec::new();
        FindingsSink::new(&mut line, "-").summary(&total, engine.kinds())?;
        out.write_all(&with_skipped(line, skipped)).context("cannot write to stdout")?;
        out.flush().context("cannot write to stdout")?;
    }
    Ok(total)
}

/// The summary line with `"skipped":N` (inputs not scanned because they are binary) added as
/// its last field when N > 0. Only added: the fields of CONTRACT.md keep their names, values
/// and order, and a run that skipped nothing prints the summary exactly as before.
fn with_skipped(mut line: Vec<u8>, skipped: u64) -> Vec<u8> {
    if skipped > 0 && line.ends_with(b"}\n") {
        line.truncate(line.len() - 2);
        line.extend_from_slice(format!(",\"skipped\":{skipped}}}\n").as_bytes());
    }
    line
}

/// Scans one input for the report: its findings with `--show`, then its count line.
fn report_one(
    engine: &Engine,
    policies: &PolicySet,
    input: &Input,
    args: &ScanArgs,
    binary: super::Binary,
    out: &mut dyn Write,
) -> Result<Summary> {
    let label = input.label();
    let mut sink = Report { out: &mut *out, label: &label, args, policies };
    let s = super::run_one(engine, policies, input, binary, &mut sink)?;
    if s.total() == 0 {
        writeln!(out, "{label}: no findings ({} bytes)", s.bytes)?;
    } else {
        let counts: Vec<String> = Kind::ALL
            .iter()
            .filter(|k| s.count(**k) > 0)
            .map(|k| format!("{k} {}", s.count(*k)))
            .collect();
        writeln!(out, "{label}: {} findings ({})", s.total(), counts.join(", "))?;
    }
    Ok(s)
}

/// Prints each finding as it comes when `--show` is given.
struct Report<'a, W: ?Sized> {
    out: &'a mut W,
    label: &'a str,
    args: &'a ScanArgs,
    policies: &'a PolicySet,
}

impl<W: Write + ?Sized> Sink for Report<'_, W> {
    fn wants_output(&self) -> bool {
        false
    }

    fn output(&mut self, _: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn finding(&mut self, f: &Finding, value: &[u8]) -> io::Result<()> {
        if !self.args.show {
            return Ok(());
        }
        let mut shown = Vec::new();
        if self.args.show_values {
            shown.extend_from_slice(value);
        } else if self.policies.get(f.kind).apply(f, value, &mut shown).is_err() {
            shown = b"***".to_vec();
        }
        writeln!(
            self.out,
            "{}:{}: {:<9} {}  [bytes {}..{}]",
            self.label,
            f.line,
            f.kind.as_str(),
            String::from_utf8_lossy(&shown),
            f.span.start,
            f.span.end
        )
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        Ok(())
    }
}
