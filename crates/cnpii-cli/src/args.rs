//! Command-line arguments (clap derive). Parsing only validates shapes; commands open files
//! and build the engine.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Exit status: 0 success (scan/check: something found), 1 nothing found (scan/check), 2 error.

Kinds: id_card phone bank_card email ip passport plate uscc";

/// Find Chinese personal information in text and rewrite it under a policy.
#[derive(Debug, Parser)]
#[command(name = "cnpii", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command.
#[derive(Debug, Args)]
pub struct Common {
    /// Detect only these kinds (comma-separated).
    #[arg(long, global = true, value_delimiter = ',', value_name = "KIND,...")]
    pub kinds: Vec<cnpii::Kind>,
    /// Do not detect these kinds (comma-separated).
    #[arg(long, global = true, value_delimiter = ',', value_name = "KIND,...")]
    pub exclude_kinds: Vec<cnpii::Kind>,
    /// Take only files (found in directories) matching GLOB; `!GLOB` excludes. Repeatable.
    #[arg(short = 'g', long = "glob", global = true, value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Worker threads (default: every core; results never depend on it).
    #[arg(short = 'j', long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    /// Bytes per chunk (results never depend on it).
    #[arg(long, global = true, value_name = "BYTES", hide = true)]
    pub chunk_size: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report personal information found in files or stdin.
    Scan(ScanArgs),
    /// Rewrite personal information; every other byte passes through unchanged.
    Redact(RedactArgs),
    /// Say what a single value is, and why.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Write JSON Lines findings (the format of CONTRACT.md) instead of a report.
    #[arg(long)]
    pub json: bool,
    /// List each finding with its line and a masked preview.
    #[arg(long)]
    pub show: bool,
    /// With --show, print the raw values instead of masked previews.
    #[arg(long, requires = "show")]
    pub show_values: bool,
    /// Files or directories (recursive); stdin when none or `-`. `.gz` and `.zst` inputs
    /// are decompressed; offsets are offsets in the decompressed text.
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PolicyName {
    /// Mask part of each value by a Chinese convention per kind (138****5678).
    Mask,
    /// Replace each value with `<KIND>`.
    Placeholder,
}

#[derive(Debug, Args)]
pub struct RedactArgs {
    /// How findings are rewritten.
    #[arg(long, value_enum, default_value = "mask")]
    pub policy: PolicyName,
    /// Write the output to FILE (one input only). It is written to a temporary file first and
    /// renamed into place, so a failed run never leaves a half-written file. A FILE ending in
    /// `.gz` or `.zst` is compressed.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write each input's output under DIR, keeping its relative path (and its compression).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Files or directories; stdin when none or `-`.
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The value to explain.
    pub value: String,
}
