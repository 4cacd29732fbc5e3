//! Inputs: stdin, files, and directories walked recursively in sorted order, filtered by
//! `--glob`; `.gz` and `.zst` decompressed transparently (recognised by their magic bytes, so
//! stdin works too). Offsets in reports are offsets in the decompressed input.

use anyhow::{Context, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One input to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File {
        /// The path as the user named it (joined below a named directory).
        path: PathBuf,
        /// The path relative to the directory it was found in (for --out-dir).
        rel: PathBuf,
    },
}

/// A compression format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// The format a file name asks for, by its extension.
    pub fn for_path(path: &Path) -> Compression {
        match path.extension().and_then(|e| e.to_str()) {
            Some("gz") => Compression::Gzip,
            Some("zst") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// The format of `input`'s content, by its magic bytes (not its name): what
    /// `--in-place` and `--out-dir` write back, so that a gzip file named `.log` stays gzip.
    /// Stdin is `None`.
    ///
    /// # Errors
    ///
    /// When the file cannot be opened or read.
    pub fn of_input(input: &Input) -> Result<Compression> {
        let Input::File { path, .. } = input else { return Ok(Compression::None) };
        let mut head = Vec::with_capacity(4);
        File::open(path)
            .and_then(|f| f.take(4).read_to_end(&mut head))
            .with_context(|| format!("cannot read {}", path.display()))?;
        Ok(Compression::sniff(&head))
    }

    fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

impl Input {
    /// The label used in reports: the path, or `-` for stdin.
    pub fn label(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::File { path, .. } => path.display().to_string(),
        }
    }

    /// The size on disk, if known (for the progress bar).
    pub fn size(&self) -> Option<u64> {
        match self {
            Input::Stdin => None,
            Input::File { path, .. } => std::fs::metadata(path).ok().map(|m| m.len()),
        }
    }

    /// Opens the input for reading, decompressing it if it is gzip or zstd. The progress bar
    /// (see [`start_progress`]) is told of every raw byte read.
    pub fn open(&self) -> Result<Box<dyn Read>> {
        let progress = PROGRESS.get_or_init(indicatif::ProgressBar::hidden);
        let raw: Box<dyn Read> = match self {
            Input::Stdin => Box::new(io::stdin()),
            Input::File { path, .. } => Box::new(
                File::open(path).with_context(|| format!("cannot open {}", path.display()))?,
            ),
        };
        let mut buf = BufReader::with_capacity(64 * 1024, progress.wrap_read(raw));
        let head = buf.fill_buf().with_context(|| format!("cannot read {}", self.label()))?;
        Ok(match Compression::sniff(head) {
            Compression::None => Box::new(buf),
            Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(buf)),
            Compression::Zstd => Box::new(
                zstd::stream::read::Decoder::with_buffer(buf)
                    .context("cannot start zstd decompression")?,
            ),
        })
    }
}

/// `--glob` patterns, ripgrep style: a file found in a directory is taken if it matches any
/// pattern without `!` (or there is none) and no pattern with `!`. Paths named on the command
/// line are always taken.
#[derive(Debug, Default)]
pub struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Filter {
    pub fn new(globs: &[String]) -> Result<Filter> {
        let (mut inc, mut exc) = (GlobSetBuilder::new(), GlobSetBuilder::new());
        let (mut n_inc, mut n_exc) = (0, 0);
        for g in globs {
            let (neg, pat) = match g.strip_prefix('!') {
                Some(p) => (true, p),
                None => (false, g.as_str()),
            };
            let glob = Glob::new(pat).with_context(|| format!("invalid --glob {g:?}"))?;
            if neg {
                exc.add(glob);
                n_exc += 1;
            } else {
                inc.add(glob);
                n_inc += 1;
            }
        }
        Ok(Filter {
            include: (n_inc > 0).then(|| inc.build()).transpose()?,
            exclude: (n_exc > 0).then(|| exc.build()).transpose()?,
        })
    }

    fn takes(&self, rel: &Path) -> bool {
        let name = rel.file_name().map(Path::new).unwrap_or(rel);
        let hit = |set: &GlobSet| set.is_match(rel) || set.is_match(name);
        self.include.as_ref().is_none_or(hit) && !self.exclude.as_ref().is_some_and(hit)
    }
}

/// Expands the command line's paths: files as named, directories walked (see [`walk`]).
/// `out_dir` (`--out-dir`), when it lies inside a directory walked, is not walked: its files
/// are cnpii's own output, and reading them again would redact the last run's output into
/// `out_dir/out_dir/…` on every run.
pub fn expand(paths: &[PathBuf], filter: &Filter, out_dir: Option<&Path>) -> Vec<Input> {
    if paths.is_empty() {
        return vec![Input::Stdin];
    }
    let mut seen = Seen::new(out_dir);
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            walk(p, filter, &mut seen, &mut out);
        } else {
            let rel = p.file_name().map(PathBuf::from).unwrap_or_else(|| p.clone());
            seen.take(p);
            out.push(Input::File { path: p.clone(), rel });
        }
    }
    out
}

/// Walks `root` with `walkdir`, in sorted order, following symbolic links.
///
/// A link back to a directory being walked (`ln -s . loop`) is a loop: walkdir detects it,
/// and it is reported with a warning and not followed, so each file is read once and the
/// walk ends. A file reached twice by other links (two links to one directory) is taken the
/// first time only (by device and inode), so `--in-place` never rewrites a file twice.
/// Unreadable directories are reported as errors and skipped; the walk goes on. A broken
/// symbolic link is named in a warning.
fn walk(root: &Path, filter: &Filter, seen: &mut Seen, out: &mut Vec<Input>) {
    let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name();
    let mut it = walker.into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(root).display();
                if let Some(ancestor) = e.loop_ancestor() {
                    crate::messages::warn(format_args!(
                        "{path}: a symbolic link loop (back to {}), not followed",
                        ancestor.display()
                    ));
                } else if e.path().is_some_and(is_broken_link) {
                    // As before walkdir: a link to nothing holds no data; named, not an error.
                    crate::messages::warn(format_args!("{path}: a broken symbolic link, skipped"));
                } else {
                    let why = e.io_error().map_or_else(|| e.to_string(), |io| io.to_string());
                    crate::messages::error(format_args!("cannot read {path}: {why}"));
                }
                continue;
            }
        };
        if entry.file_type().is_dir() {
            // Below the root only: `--out-dir logs logs` walks `logs`, and every file is then
            // refused as a target that is its own input.
            if entry.depth() > 0 && seen.is_out_dir(&entry) {
                crate::messages::warn(format_args!(
                    "{}: the output directory, not read as input",
                    entry.path().display()
                ));
                it.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let p = entry.into_path();
        let rel = p.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| p.clone());
        if filter.takes(&rel) && seen.take(&p) {
            out.push(Input::File { path: p, rel });
        }
    }
}

/// Whether `path` is a symbolic link whose target does not exist.
fn is_broken_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_err_and(|e| e.kind() == io::ErrorKind::NotFound)
}

/// The files taken so far and the output directory, by identity (device and inode).
struct Seen {
    #[cfg(unix)]
    files: std::collections::HashSet<(u64, u64)>,
    #[cfg(unix)]
    out_dir: Option<(u64, u64)>,
}

impl Seen {
    fn new(out_dir: Option<&Path>) -> Seen {
        #[cfg(unix)]
        {
            Seen {
                files: Default::default(),
                out_dir: out_dir.and_then(|d| std::fs::metadata(d).ok()).map(|m| id(&m)),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = out_dir;
            Seen {}
        }
    }

    /// Whether `entry` (a directory) is the output directory.
    fn is_out_dir(&self, entry: &walkdir::DirEntry) -> bool {
        #[cfg(unix)]
        {
            self.out_dir.is_some() && entry.metadata().ok().map(|m| id(&m)) == self.out_dir
        }
        #[cfg(not(unix))]
        {
            let _ = entry;
            false
        }
    }

    /// Records the file at `path`; false if it was taken before.
    fn take(&mut self, path: &Path) -> bool {
        #[cfg(unix)]
        {
            match std::fs::metadata(path) {
                Ok(m) => self.files.insert(id(&m)),
                Err(_) => true,
            }
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            true
        }
    }
}

#[cfg(unix)]
fn id(m: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

/// The run's progress bar: one per process, since a run is one command.
static PROGRESS: std::sync::OnceLock<indicatif::ProgressBar> = std::sync::OnceLock::new();

/// Sets up the progress bar for `inputs`: on stderr when it is a terminal, hidden otherwise.
pub fn start_progress(inputs: &[Input]) {
    use std::io::IsTerminal;
    let bar = if io::stderr().is_terminal() {
        let total: Option<u64> = inputs.iter().map(Input::size).sum();
        let bar = match total {
            Some(t) => indicatif::ProgressBar::new(t),
            None => indicatif::ProgressBar::no_length(),
        };
        let style = indicatif::ProgressStyle::with_template(
            "{bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {wide_bar}",
        )
        .expect("a valid template");
        bar.with_style(style)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let _ = PROGRESS.set(bar);
}

/// Clears the progress bar from the terminal.
pub fn finish_progress() {
    if let Some(bar) = PROGRESS.get() {
        bar.finish_and_clear();
    }
}
