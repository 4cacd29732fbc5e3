//! One module per subcommand.

pub mod check;
pub mod detokenize;
pub mod redact;
pub mod scan;
pub mod serve;

use crate::args::Common;
use crate::inputs::{self, Filter, Input};
use anyhow::{Context, Result};
use cnpii::{Encoding, Engine, Finding, Format, PolicySet, Sink, Summary};
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;
use std::sync::OnceLock;

/// How inputs are laid out, from the command line: one per process, set by [`engine`].
#[derive(Debug, Default)]
struct Layout {
    format: Option<Format>,
    encoding: Option<Encoding>,
    no_header: bool,
}

static LAYOUT: OnceLock<Layout> = OnceLock::new();

/// What to do with a binary file (a NUL byte in its first 64 KiB, as ripgrep decides).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binary {
    /// Report it as skipped (`scan` without `--binary`): [`run_one`] fails with [`Skipped`],
    /// so that the file is named in an error and never counted as scanned and clean.
    Skip,
    /// Refuse it: an error for this input (`redact` without `--binary`).
    Refuse,
    /// Process it as bytes, as text, with every replacement as long as the original.
    Bytes,
}

/// Runs one input through the engine into `sink`: opens it, decides its format (`--format`,
/// else the file name, else the first bytes) and encoding (`--encoding`, else the first
/// bytes), and prints the format's warnings.
pub fn run_one<S: Sink>(
    engine: &Engine,
    policies: &PolicySet,
    input: &Input,
    binary: Binary,
    sink: &mut S,
) -> Result<Summary> {
    let label = input.label();
    let mut reader = BufReader::with_capacity(1 << 16, input.open()?);
    let head = reader.fill_buf().with_context(|| format!("cannot read {label}"))?;
    if head.contains(&0) {
        match binary {
            Binary::Skip => return Err(Skipped.into()),
            Binary::Refuse => anyhow::bail!(
                "binary file (a NUL byte in the first 64 KiB): not redacted; --binary processes \
                 it as bytes with replacements as long as the originals"
            ),
            Binary::Bytes => {
                let same = policies.same_length();
                let mut sink = Warned { inner: sink, label: &label };
                return Ok(cnpii::run(engine, &same, reader, &mut sink)?);
            }
        }
    }
    let layout = LAYOUT.get_or_init(Layout::default);
    let path = match input {
        Input::File { path, .. } => Some(path.as_path()),
        Input::Stdin => None,
    };
    let format = layout
        .format
        .or_else(|| path.and_then(Format::from_path))
        .unwrap_or_else(|| Format::sniff(head));
    let encoding = layout.encoding.unwrap_or_else(|| Encoding::sniff(head));
    let table = path
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .map(|n| n.split('.').next().unwrap_or(n).to_string())
        .unwrap_or_else(|| "-".into());
    let layout = cnpii::Input { format, encoding, header: !layout.no_header, table };
    let mut sink = Warned { inner: sink, label: &label };
    Ok(cnpii::run_input(engine, policies, &layout, reader, &mut sink)?)
}

/// The error of an input that was not read because it is a binary file (`scan` without
/// `--binary`). It is an error, not a warning: a file that was not read must not pass for a
/// clean one, so the run exits 2 and the file is counted as skipped, never as scanned.
#[derive(Debug)]
pub struct Skipped;

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "binary file, skipped (a NUL byte in the first 64 KiB): not scanned, so not known \
             to be clean; --binary scans it as bytes",
        )
    }
}

impl std::error::Error for Skipped {}

/// Passes everything on to `inner` and prints warnings about the input on stderr.
struct Warned<'a, S> {
    inner: &'a mut S,
    label: &'a str,
}

impl<S: Sink> Sink for Warned<'_, S> {
    fn wants_output(&self) -> bool {
        self.inner.wants_output()
    }
    fn output(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.output(bytes)
    }
    fn finding(&mut self, f: &Finding, value: &[u8]) -> io::Result<()> {
        self.inner.finding(f, value)
    }
    fn warning(&mut self, at: u64, message: &str) -> io::Result<()> {
        crate::messages::warn(format_args!("{}: byte {at}: {message}", self.label));
        Ok(())
    }
    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.inner.finish(summary)
    }
}

/// The inputs named on the command line, filtered by `--glob`, with the progress bar set up.
/// `out_dir` (`redact --out-dir`) is left out of directory walks.
pub fn expand_inputs(
    common: &Common,
    paths: &[PathBuf],
    out_dir: Option<&std::path::Path>,
) -> Result<Vec<Input>> {
    let filter = Filter::new(&common.globs)?;
    let inputs = inputs::expand(paths, &filter, out_dir);
    inputs::start_progress(&inputs);
    Ok(inputs)
}

/// Builds the engine from the shared options.
pub fn engine(common: &Common) -> Result<cnpii::Engine> {
    let config = engine_config(common);
    let _ = LAYOUT.set(Layout {
        format: common.format,
        encoding: common.encoding,
        no_header: common.no_header,
    });
    Ok(cnpii::Engine::build(&config)?)
}

/// The engine's config from the flags every command shares.
pub fn engine_config(common: &Common) -> cnpii::Config {
    cnpii::Config {
        kinds: (!common.kinds.is_empty()).then(|| common.kinds.clone()),
        exclude_kinds: common.exclude_kinds.clone(),
        chunk_size: common.chunk_size,
        threads: common.threads,
        column_hints: Some(!common.no_column_hints),
    }
}
