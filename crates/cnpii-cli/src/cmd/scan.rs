//! `cnpii scan`: reports findings per input — a count per kind by default, each finding with
//! `--show` (masked unless `--show-values`), or the JSON Lines of CONTRACT.md with `--json`.

use crate::args::{Common, ScanArgs};
use crate::inputs::Input;
use crate::messages;
use anyhow::{Context, Result};
use cnpii::{Engine, Finding, FindingsSink, Kind, PolicySet, Sink, Summary};
use std::io::{self, Write};

pub fn run(common: &Common, args: &ScanArgs) -> Result<bool> {
    let engine = super::engine(common)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let inputs = super::expand_inputs(common, &args.paths)?;
    let total = if args.json {
        scan_json(&engine, &inputs, &mut out)?
    } else {
        scan_report(&engine, &inputs, args, &mut out)?
    };
    out.flush().context("cannot write to stdout")?;
    Ok(total.total() > 0)
}

fn scan_json<W: Write>(engine: &Engine, inputs: &[Input], out: W) -> Result<Summary> {
    let policies = PolicySet::default();
    let mut sink = FindingsSink::new(out, "-");
    let mut total = Summary::default();
    for input in inputs {
        let label = input.label();
        sink.set_path(&label);
        let result = super::run_one(engine, &policies, input, super::Binary::Skip, &mut sink);
        match result {
            Ok(s) => total.combine(&s),
            Err(e) if crate::is_broken_pipe(&e) => return Err(e),
            Err(e) => messages::error(format_args!("{label}: {e:#}")),
        }
    }
    sink.summary(&total, engine.kinds()).context("cannot write to stdout")?;
    Ok(total)
}

fn scan_report<W: Write>(
    engine: &Engine,
    inputs: &[Input],
    args: &ScanArgs,
    out: &mut W,
) -> Result<Summary> {
    let policies = PolicySet::default();
    let mut total = Summary::default();
    for input in inputs {
        let label = input.label();
        let mut sink = Report { out: &mut *out, label: &label, args, policies: &policies };
        let result = super::run_one(engine, &policies, input, super::Binary::Skip, &mut sink);
        let s = match result {
            Ok(s) => s,
            Err(e) if crate::is_broken_pipe(&e) => return Err(e),
            Err(e) => {
                messages::error(format_args!("{label}: {e:#}"));
                continue;
            }
        };
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
        total.combine(&s);
    }
    Ok(total)
}

/// Prints each finding as it comes when `--show` is given.
struct Report<'a, W> {
    out: &'a mut W,
    label: &'a str,
    args: &'a ScanArgs,
    policies: &'a PolicySet,
}

impl<W: Write> Sink for Report<'_, W> {
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
