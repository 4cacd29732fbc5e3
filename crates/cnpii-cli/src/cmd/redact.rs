//! `cnpii redact`: rewrites findings under a policy; every other byte comes out unchanged, in
//! order. Stdin goes to stdout; files go to stdout, to `-o FILE`, or under `--out-dir DIR`.
//!
//! Files are written to a temporary file beside the target and renamed into place only when
//! the whole input was processed, so a failed run never leaves a half-written file. cnpii never
//! writes over one of its inputs.

use crate::args::{Common, PolicyName, RedactArgs};
use crate::inputs::{Compression, Input};
use crate::messages;
use crate::output::Out;
use anyhow::{bail, Context, Result};
use cnpii::{Engine, Placeholder, PolicySet, RedactSink};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn run(common: &Common, args: &RedactArgs) -> Result<bool> {
    let engine = super::engine(common)?;
    let policies = match args.policy {
        PolicyName::Mask => PolicySet::default(),
        PolicyName::Placeholder => PolicySet::uniform(Arc::new(Placeholder)),
    };
    let inputs = super::expand_inputs(common, &args.paths)?;
    if let Some(out) = &args.output {
        if inputs.len() != 1 {
            bail!("-o takes exactly one input ({} given); use --out-dir for several", inputs.len());
        }
        refuse_overwrite(&inputs, out)?;
        to_file(&engine, &policies, &inputs[0], out)?;
        return Ok(true);
    }
    if let Some(dir) = &args.out_dir {
        for input in &inputs {
            let Input::File { rel, .. } = input else {
                messages::error(format_args!("--out-dir needs file inputs, not stdin"));
                continue;
            };
            let target = dir.join(rel);
            let result = refuse_overwrite(&inputs, &target)
                .and_then(|()| to_file(&engine, &policies, input, &target));
            if let Err(e) = result {
                messages::error(format_args!("{}: {e:#}", input.label()));
            }
        }
        return Ok(true);
    }
    let stdout = io::stdout();
    let mut sink = RedactSink::new(BufWriter::with_capacity(1 << 20, stdout.lock()));
    for input in &inputs {
        let result = input.open().and_then(|r| Ok(cnpii::run(&engine, &policies, r, &mut sink)?));
        match result {
            Ok(_) => {}
            Err(e) if crate::is_broken_pipe(&e) => return Err(e),
            // Output already written for this input cannot be taken back: stop here rather
            // than concatenate the next input after a partial one.
            Err(e) => return Err(e.context(format!("while redacting {}", input.label()))),
        }
    }
    sink.into_inner().flush().context("cannot write to stdout")?;
    Ok(true)
}

/// Redacts `input` into `target` through a temporary file in the same directory.
fn to_file(engine: &Engine, policies: &PolicySet, input: &Input, target: &Path) -> Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let tmp = tempfile::Builder::new()
        .prefix(".cnpii-")
        .tempfile_in(&dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    let reader = input.open()?;
    let out = Out::new(BufWriter::with_capacity(1 << 20, tmp), Compression::for_path(target))?;
    let mut sink = RedactSink::new(out);
    cnpii::run(engine, policies, reader, &mut sink)?;
    let tmp = sink.into_inner().finish()?.into_inner().map_err(|e| e.into_error())?;
    tmp.as_file().sync_all().context("cannot sync the output")?;
    tmp.persist(target).with_context(|| format!("cannot write {}", target.display()))?;
    Ok(())
}

/// Errors if `target` is one of the inputs (same path, a symlink to it, or a hard link).
fn refuse_overwrite(inputs: &[Input], target: &Path) -> Result<()> {
    let Ok(t) = std::fs::metadata(target) else { return Ok(()) };
    for input in inputs {
        if let Input::File { path, .. } = input {
            if let Ok(m) = std::fs::metadata(path) {
                if same_file(&m, &t) {
                    bail!("refusing to write over the input {}", path.display());
                }
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}
