//! Inputs: stdin, files, and directories walked recursively in sorted order.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{self, Read};
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

impl Input {
    /// The label used in reports: the path, or `-` for stdin.
    pub fn label(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::File { path, .. } => path.display().to_string(),
        }
    }

    /// Opens the input for reading.
    pub fn open(&self) -> Result<Box<dyn Read>> {
        Ok(match self {
            Input::Stdin => Box::new(io::stdin().lock()),
            Input::File { path, .. } => Box::new(
                File::open(path).with_context(|| format!("cannot open {}", path.display()))?,
            ),
        })
    }
}

/// Expands the command line's paths. Errors for unreadable paths are reported and skipped.
pub fn expand(paths: &[PathBuf]) -> Vec<Input> {
    if paths.is_empty() {
        return vec![Input::Stdin];
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            walk(p, p, &mut out);
        } else {
            let rel = p.file_name().map(PathBuf::from).unwrap_or_else(|| p.clone());
            out.push(Input::File { path: p.clone(), rel });
        }
    }
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            crate::messages::error(format_args!("cannot read directory {}: {e}", dir.display()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(root, &p, out);
        } else if p.is_file() {
            let rel = p.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| p.clone());
            out.push(Input::File { path: p, rel });
        }
    }
}
