//! `cnpii redact`: rewrites findings under a policy; every other byte comes out unchanged, in
//! order. Stdin goes to stdout; files go to stdout, to `-o FILE`, or under `--out-dir DIR`.
//!
//! Files are written to a temporary file beside the target and renamed into place only when
//! the whole input was processed, so a failed run never leaves a half-written file; one
//! interrupted by SIGINT or SIGTERM removes it (`tempfiles.rs`). cnpii never writes over one
//! of its inputs (except with `--in-place`, which replaces each input by its redacted copy).
//!
//! The policy comes from `--policy NAME` (a built-in policy or a shipped preset) or
//! `--config FILE` (TOML); keyed policies take the key from `--key-file` or `CNPII_KEY`.
//! `--audit FILE` records what was rewritten (never the values); `--token-map FILE` lists the
//! tokens written, for `cnpii detokenize --token-map`.

use crate::args::{Common, KeyArgs, RedactArgs};
use crate::inputs::{Compression, Input};
use crate::many::{self, Spool, Turn};
use crate::messages;
use crate::output::Out;
use crate::tempfiles::TempOut;
use anyhow::{bail, Context, Result};
use cnpii::{
    BuildOptions, Engine, Finding, Key, PolicyConfig, PolicySet, RedactSink, Sink, Summary,
    TokenSet,
};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The key from `--key-file`, else from `CNPII_KEY`, else none.
pub fn load_key(args: &KeyArgs) -> Result<Option<Key>> {
    match &args.key_file {
        Some(p) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                if std::fs::metadata(p).is_ok_and(|m| m.permissions().mode() & 0o004 != 0) {
                    messages::warn(format_args!(
                        "the key file {} is readable by every user; chmod 600 it",
                        p.display()
                    ));
                }
            }
            Ok(Some(Key::from_file(p)?))
        }
        None => Ok(Key::from_env()?),
    }
}

/// The policy config of `--config FILE`, or the preset or built-in policy `name`.
pub fn load_config(config: Option<&Path>, name: &str) -> Result<PolicyConfig> {
    match config {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read the policy config {}", p.display()))?;
            Ok(PolicyConfig::from_toml(&text, &p.display().to_string())?)
        }
        None => PolicyConfig::preset(name).with_context(|| format!("unknown policy {name:?}")),
    }
}

pub fn run(common: &Common, args: &RedactArgs) -> Result<bool> {
    let engine = super::engine(common)?;
    let config = load_config(args.config.as_deref(), &args.policy)?;
    let key = load_key(&args.key)?;
    // An existing token map is extended, never replaced: it must be the same key's.
    let tokens = match &args.token_map {
        Some(p) => Some(open_token_map(p, key.as_ref())?),
        None => None,
    };
    let fingerprint = key.as_ref().map(Key::fingerprint);
    let policies = PolicySet::build(
        &config,
        &BuildOptions { key: key.as_ref(), record_tokens: tokens.clone() },
    )?;
    drop(key);
    if args.token_map.is_some() && !policies.uses_tokenize() {
        bail!("--token-map needs a policy that tokenises (tokenize, pseudonymize, or a config)");
    }
    let mut audit = match &args.audit {
        Some(p) => Some(BufWriter::new(
            std::fs::File::create(p)
                .with_context(|| format!("cannot create the audit file {}", p.display()))?,
        )),
        None => None,
    };
    let inputs = super::expand_inputs(common, &args.paths, args.out_dir.as_deref())?;
    redact_all(&engine, &policies, args, &inputs, audit.as_mut().map(|w| w as &mut dyn Write))?;
    if let (Some(mut w), Some(p)) = (audit, &args.audit) {
        w.flush().with_context(|| format!("cannot write the audit file {}", p.display()))?;
    }
    if let (Some(set), Some(p), Some(fp)) = (tokens, &args.token_map, &fingerprint) {
        write_token_map(&set, fp, p)?;
    }
    let masked = policies.tokenize_masked();
    if masked > 0 {
        messages::warn(format_args!(
            "{masked} value(s) had no reversible token and were masked instead (tokenize)"
        ));
    }
    Ok(true)
}

/// The line of a token map that names its key's fingerprint.
const FINGERPRINT_LINE: &str = "# key-fingerprint: ";

/// The tokens of an existing token map at `path` (to be extended), or an empty set when there
/// is none.
///
/// # Errors
///
/// When the map was written with another key, records no key (written before cnpii recorded
/// one), or cannot be read or parsed.
fn open_token_map(path: &Path, key: Option<&Key>) -> Result<TokenSet> {
    if !path.exists() {
        return Ok(TokenSet::new());
    }
    let map = read_token_map(path)?;
    match (&map.fingerprint, key) {
        (Some(fp), Some(k)) if *fp != k.fingerprint() => bail!(
            "the token map {} was written with another key (key fingerprint {fp}); give that \
             key, or another --token-map path",
            path.display()
        ),
        (None, _) => bail!(
            "the token map {} records no key fingerprint (an older cnpii wrote it), so cnpii \
             cannot tell whether it belongs to this key; give another --token-map path",
            path.display()
        ),
        _ => Ok(map.tokens),
    }
}

/// Writes a token map through a temporary file: a header, the key's fingerprint, then one
/// `kind<TAB>token` a line, sorted.
fn write_token_map(set: &TokenSet, fingerprint: &str, target: &Path) -> Result<()> {
    let mut text = Vec::new();
    text.extend_from_slice(b"# cnpii token map: kind<TAB>token, one a line\n");
    text.extend_from_slice(FINGERPRINT_LINE.as_bytes());
    text.extend_from_slice(fingerprint.as_bytes());
    text.push(b'\n');
    for (kind, token) in set.to_vec() {
        text.extend_from_slice(kind.as_str().as_bytes());
        text.push(b'\t');
        text.extend_from_slice(&token);
        text.push(b'\n');
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = TempOut::create_in(tempfile::Builder::new().prefix(".cnpii-"), &dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(&text).context("cannot write the token map")?;
    tmp.persist(target).with_context(|| format!("cannot write {}", target.display()))?;
    Ok(())
}

/// A token map as read: its tokens and the fingerprint of the key that made them (none in
/// maps written before cnpii recorded it).
pub struct TokenMap {
    pub tokens: TokenSet,
    pub fingerprint: Option<String>,
}

/// Reads a token map written by `redact --token-map`.
pub fn read_token_map(path: &Path) -> Result<TokenMap> {
    let text = std::fs::read(path)
        .with_context(|| format!("cannot read the token map {}", path.display()))?;
    let set = TokenSet::new();
    let mut fingerprint = None;
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if let Some(fp) = line.strip_prefix(FINGERPRINT_LINE.as_bytes()) {
            fingerprint = Some(String::from_utf8_lossy(fp).trim().to_string());
            continue;
        }
        if line.is_empty() || line.starts_with(b"#") {
            continue;
        }
        let tab = line.iter().position(|&b| b == b'\t');
        let kind = tab
            .and_then(|t| std::str::from_utf8(&line[..t]).ok())
            .and_then(|k| k.parse::<cnpii::Kind>().ok());
        match (tab, kind) {
            (Some(t), Some(k)) => set.insert(k, &line[t + 1..]),
            _ => bail!("{}: line {}: expected kind<TAB>token", path.display(), i + 1),
        }
    }
    Ok(TokenMap { tokens: set, fingerprint })
}

/// Redacts every input: to `-o FILE`, under `--out-dir`, or to stdout.
///
/// Many small files are redacted side by side (`many.rs`): each worker writes its file's
/// output (to stdout: held in a spool) and audit lines, and the calling thread writes them
/// out in input order, so every output and the audit file are the same bytes whatever the
/// thread count.
pub fn redact_all(
    engine: &Engine,
    policies: &PolicySet,
    args: &RedactArgs,
    inputs: &[Input],
    mut audit: Option<&mut dyn Write>,
) -> Result<()> {
    let binary = if args.binary { super::Binary::Bytes } else { super::Binary::Refuse };
    let audited = audit.is_some();
    if let Some(out) = &args.output {
        if inputs.len() != 1 {
            bail!("-o takes exactly one input ({} given); use --out-dir for several", inputs.len());
        }
        refuse_overwrite(inputs, out)?;
        to_file(engine, policies, &inputs[0], out, Compression::for_path(out), binary, audit)?;
        return Ok(());
    }
    if args.in_place || args.out_dir.is_some() {
        let ids = InputIds::new(inputs);
        // One file each: the target of `input`, its output written there directly.
        let one_file = |engine: &Engine, input: &Input, audit: Option<&mut dyn Write>| {
            let target = match (input, &args.out_dir) {
                (Input::Stdin, Some(_)) => bail!("--out-dir needs file inputs, not stdin"),
                (Input::Stdin, None) => bail!("--in-place needs file inputs, not stdin"),
                (Input::File { rel, .. }, Some(dir)) => {
                    let target = dir.join(rel);
                    ids.refuse(&target)?;
                    target
                }
                // Replace the file a symlink points to, not the link.
                (Input::File { path, .. }, None) => {
                    let target = std::fs::canonicalize(path)
                        .with_context(|| format!("cannot resolve {}", path.display()))?;
                    warn_hard_links(&target);
                    target
                }
            };
            // Compression as found in the content, whatever the name says.
            let compression = Compression::of_input(input)?;
            to_file(engine, policies, input, &target, compression, binary, audit)
        };
        return many::for_each(
            engine,
            inputs,
            |engine, input| {
                let mut spool = Spool::new(engine.chunk_size());
                let result =
                    one_file(engine, input, audited.then_some(&mut spool as &mut dyn Write));
                (result, spool)
            },
            |engine, input, turn| {
                let result = match turn {
                    Turn::Here => one_file(engine, input, reborrow(&mut audit)),
                    Turn::Done((result, spool)) => {
                        if let Some(w) = audit.as_deref_mut() {
                            spool.copy_to(w).context("cannot write the audit file")?;
                        }
                        result
                    }
                };
                match result {
                    Err(e) if input == &Input::Stdin => messages::error(format_args!("{e:#}")),
                    Err(e) => messages::error(format_args!("{}: {e:#}", input.label())),
                    Ok(()) => {}
                }
                Ok(())
            },
        );
    }
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    many::for_each(
        engine,
        inputs,
        |engine, input| {
            let (mut spool, mut audit) =
                (Spool::new(engine.chunk_size()), Spool::new(engine.chunk_size()));
            let audit_to = audited.then_some(&mut audit as &mut dyn Write);
            let result = to_writer(engine, policies, input, binary, &mut spool, audit_to);
            (result, spool, audit)
        },
        |engine, input, turn| {
            let result = match turn {
                Turn::Here => {
                    to_writer(engine, policies, input, binary, &mut out, reborrow(&mut audit))
                }
                Turn::Done((result, spool, spooled_audit)) => {
                    spool.copy_to(&mut out).context("cannot write to stdout")?;
                    if let Some(w) = audit.as_deref_mut() {
                        spooled_audit.copy_to(w).context("cannot write the audit file")?;
                    }
                    result
                }
            };
            match result {
                Ok(()) => Ok(()),
                Err(e) if crate::is_broken_pipe(&e) => Err(e),
                // Output already written for this input cannot be taken back: stop here
                // rather than concatenate the next input after a partial one.
                Err(e) => Err(e.context(format!("while redacting {}", input.label()))),
            }
        },
    )?;
    out.flush().context("cannot write to stdout")?;
    Ok(())
}

/// A shorter borrow of an optional writer.
fn reborrow<'s>(w: &'s mut Option<&mut dyn Write>) -> Option<&'s mut dyn Write> {
    match w {
        Some(w) => Some(&mut **w),
        None => None,
    }
}

/// Redacts `input` into `out`, which is flushed at the end of the input.
pub fn to_writer(
    engine: &Engine,
    policies: &PolicySet,
    input: &Input,
    binary: super::Binary,
    out: &mut dyn Write,
    audit: Option<&mut dyn Write>,
) -> Result<()> {
    let mut sink = Audited { inner: RedactSink::new(out), audit, path: input.label(), policies };
    super::run_one(engine, policies, input, binary, &mut sink)?;
    Ok(())
}

/// A sink that also writes an audit line per finding: what was rewritten, where, and by which
/// policy; never the value.
pub struct Audited<'a, 'p, S> {
    pub inner: S,
    pub audit: Option<&'a mut dyn Write>,
    pub path: String,
    pub policies: &'p PolicySet,
}

impl<S: Sink> Sink for Audited<'_, '_, S> {
    fn wants_output(&self) -> bool {
        self.inner.wants_output()
    }

    fn output(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.output(bytes)
    }

    fn finding(&mut self, f: &Finding, value: &[u8]) -> io::Result<()> {
        if let Some(w) = self.audit.as_deref_mut() {
            writeln!(
                w,
                "{{\"path\":{},\"kind\":\"{}\",\"start\":{},\"end\":{},\"line\":{},\"policy\":\"{}\"}}",
                json_string(&self.path),
                f.kind.as_str(),
                f.span.start,
                f.span.end,
                f.line,
                self.policies.get(f.kind).name()
            )?;
        }
        self.inner.finding(f, value)
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.inner.finish(summary)
    }
}

/// A JSON string literal.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Redacts `input` into `target` through a temporary file in the same directory, compressed
/// as `compression` says.
///
/// The file's permissions: those of `target` when it exists (`--in-place`, or a run writing
/// over its earlier output); else those of the input file, less the umask (as `cp` creates a
/// copy: a mirrored file is never readable by more users than its original); else, for stdin,
/// `0644` less the umask. The temporary file is created with these bits, so the output is
/// never readable by more users than they allow, not even while it is being written.
pub fn to_file(
    engine: &Engine,
    policies: &PolicySet,
    input: &Input,
    target: &Path,
    compression: Compression,
    binary: super::Binary,
    audit: Option<&mut dyn Write>,
) -> Result<()> {
    // A device, FIFO or socket (`-o /dev/null`, `-o /dev/stdout`) is written to directly:
    // renaming a file over it would replace the device node.
    if std::fs::metadata(target).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(target)
            .with_context(|| format!("cannot open {}", target.display()))?;
        let out = Out::new(BufWriter::with_capacity(1 << 20, file), compression)?;
        let mut sink =
            Audited { inner: RedactSink::new(out), audit, path: input.label(), policies };
        super::run_one(engine, policies, input, binary, &mut sink)?;
        sink.inner.into_inner().finish()?.flush().context("cannot write the output")?;
        return Ok(());
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let existing = std::fs::metadata(target).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".cnpii-");
    if let Some(perms) = new_file_permissions(input) {
        builder.permissions(perms);
    }
    let tmp = TempOut::create_in(&builder, &dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    let out = Out::new(BufWriter::with_capacity(1 << 20, tmp), compression)?;
    let mut sink = Audited { inner: RedactSink::new(out), audit, path: input.label(), policies };
    super::run_one(engine, policies, input, binary, &mut sink)?;
    let tmp = sink.inner.into_inner().finish()?.into_inner().map_err(|e| e.into_error())?;
    // Replacing a file keeps its permissions.
    if let Some(perms) = existing {
        tmp.as_file()
            .set_permissions(perms)
            .with_context(|| format!("cannot set permissions like {}", target.display()))?;
    }
    tmp.as_file().sync_all().context("cannot sync the output")?;
    tmp.persist(target).with_context(|| format!("cannot write {}", target.display()))?;
    // The rename itself is durable once the directory is synced.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The permission bits a new output file is created with (the system then takes the umask
/// off): the input file's, or `0644` for stdin. `None` where there are no such bits.
fn new_file_permissions(input: &Input) -> Option<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match input {
            Input::File { path, .. } => {
                std::fs::metadata(path).map(|m| m.permissions().mode() & 0o777).unwrap_or(0o644)
            }
            Input::Stdin => 0o644,
        };
        Some(std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = input;
        None
    }
}

/// Warns when `path` has other hard links: they keep the original bytes after an in-place
/// rename.
fn warn_hard_links(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(path) {
            if m.nlink() > 1 {
                messages::warn(format_args!(
                    "{} has {} hard links; the other names keep the original contents",
                    path.display(),
                    m.nlink()
                ));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Errors if `target` is one of the inputs (same path, a symlink to it, or a hard link).
pub fn refuse_overwrite(inputs: &[Input], target: &Path) -> Result<()> {
    InputIds::new(inputs).refuse(target)
}

/// The inputs' file identities (device and inode), gathered once: checking each of many
/// `--out-dir` targets against every input took a `stat` per pair, seconds for a directory
/// of a few thousand files.
pub struct InputIds {
    #[cfg(unix)]
    ids: std::collections::HashMap<(u64, u64), PathBuf>,
}

impl InputIds {
    pub fn new(inputs: &[Input]) -> InputIds {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let mut ids = std::collections::HashMap::new();
            for input in inputs {
                if let Input::File { path, .. } = input {
                    if let Ok(m) = std::fs::metadata(path) {
                        ids.entry((m.dev(), m.ino())).or_insert_with(|| path.clone());
                    }
                }
            }
            InputIds { ids }
        }
        #[cfg(not(unix))]
        {
            let _ = inputs;
            InputIds {}
        }
    }

    /// Errors if `target` is one of the inputs.
    pub fn refuse(&self, target: &Path) -> Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let Ok(t) = std::fs::metadata(target) else { return Ok(()) };
            if let Some(path) = self.ids.get(&(t.dev(), t.ino())) {
                bail!("refusing to write over the input {}", path.display());
            }
        }
        #[cfg(not(unix))]
        let _ = target;
        Ok(())
    }
}
