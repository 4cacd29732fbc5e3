//! `cnpii detokenize`: restores the originals of `tokenize` tokens, with the key (and the
//! policy config, for its `tokenize` options) that made them.
//!
//! Tokens look like real values (that is their point), so the detectors find them as they
//! found the originals. What keeps a real value from being "restored" into a wrong one: with
//! `--token-map FILE` (written by `redact --token-map`) only the listed tokens are restored
//! and everything else passes unchanged; without it, `--all` must be given, saying that the
//! input is known to hold tokens only.
//!
//! A token map records the fingerprint of the key that made its tokens
//! ([`cnpii::Key::fingerprint`]); detokenize refuses another key. Without a map (`--all`)
//! nothing records the key, so a wrong key cannot be detected: its output is wrong but valid.

use crate::args::{Common, DetokenizeArgs};
use crate::cmd::redact::{
    load_config, load_key, read_token_map, refuse_overwrite, to_file, to_writer,
};
use crate::many::{self, Spool, Turn};
use anyhow::{bail, Context, Result};
use cnpii::{Key, PolicySet, TokenSet};
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// The tokens of the map at `path`, after checking that `key` made them.
///
/// The map names the key that made its tokens: another key would "restore" every token to a
/// wrong, valid-looking value.
///
/// # Errors
///
/// When the map cannot be read, or records another key's fingerprint.
pub fn checked_token_map(path: &Path, key: &Key) -> Result<TokenSet> {
    let map = read_token_map(path)?;
    match &map.fingerprint {
        Some(fp) if *fp != key.fingerprint() => bail!(
            "the token map {} was made with another key (key fingerprint {fp}); give \
             the key that made the tokens",
            path.display()
        ),
        Some(_) => {}
        None => crate::messages::warn(format_args!(
            "the token map {} records no key fingerprint (an older cnpii wrote it): \
             the key cannot be checked",
            path.display()
        )),
    }
    Ok(map.tokens)
}

pub fn run(common: &Common, args: &DetokenizeArgs) -> Result<bool> {
    let engine = super::engine(common)?;
    let config = load_config(args.config.as_deref(), "tokenize")?;
    let Some(key) = load_key(&args.key)? else {
        bail!("detokenize needs the key the tokens were made with: --key-file PATH or CNPII_KEY");
    };
    let only = match &args.token_map {
        Some(p) => Some(checked_token_map(p, &key)?),
        None => None,
    };
    let policies = PolicySet::detokenize(&config, &key, only)?;
    let inputs = super::expand_inputs(common, &args.paths, None)?;
    if let Some(out) = &args.output {
        if inputs.len() != 1 {
            bail!("-o takes exactly one input ({} given)", inputs.len());
        }
        refuse_overwrite(&inputs, out)?;
        let compression = crate::inputs::Compression::for_path(out);
        to_file(&engine, &policies, &inputs[0], out, compression, super::Binary::Refuse, None)?;
        return Ok(true);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let binary = super::Binary::Refuse;
    // Many small files side by side, written out in input order (`many.rs`).
    many::for_each(
        &engine,
        &inputs,
        |engine, input| {
            let mut spool = Spool::new(engine.chunk_size());
            let result = to_writer(engine, &policies, input, binary, &mut spool, None);
            (result, spool)
        },
        |engine, input, turn| {
            let result = match turn {
                Turn::Here => to_writer(engine, &policies, input, binary, &mut out, None),
                Turn::Done((result, spool)) => {
                    spool.copy_to(&mut out).context("cannot write to stdout")?;
                    result
                }
            };
            result.map_err(|e| e.context(format!("while detokenizing {}", input.label())))
        },
    )?;
    out.flush().context("cannot write to stdout")?;
    Ok(true)
}
