//! Command-line arguments (clap derive). Parsing only validates shapes; commands open files
//! and build the engine.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Exit status: 0 success (scan/check: something found), 1 nothing found (scan/check), 2 error.

Kinds: id_card phone bank_card address name email ip passport plate uscc";

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
    /// Worker threads: they share the chunks of a large input, or take several small files
    /// side by side (default: every core; results never depend on it).
    #[arg(short = 'j', long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    /// How inputs are structured: text, csv, tsv, jsonl, mysql (mysqldump), pgdump (pg_dump
    /// plain format). Default: from the file name (.csv .tsv .jsonl), else from the first bytes
    /// (dump headers, JSON lines), else text.
    #[arg(long, global = true, value_name = "FORMAT")]
    pub format: Option<cnpii::Format>,
    /// The input's encoding: utf-8 or gbk (GB18030). Default: from the first bytes. GBK input
    /// is written back as GBK; offsets stay offsets in the input.
    #[arg(long, global = true, value_name = "ENCODING")]
    pub encoding: Option<cnpii::Encoding>,
    /// CSV/TSV: the first record is data, not column names (columns are then named 1, 2, …).
    #[arg(long, global = true)]
    pub no_header: bool,
    /// Structured input: do not let column names alone (name, mobile, id_no …) make findings.
    #[arg(long, global = true)]
    pub no_column_hints: bool,
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
    /// Restore the originals of `tokenize` tokens (needs the key that made them).
    Detokenize(DetokenizeArgs),
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
    /// Scan binary files (a NUL byte in the first 64 KiB) as bytes. Without it they are
    /// reported as skipped, and the run exits 2: a file not read is never called clean.
    #[arg(long)]
    pub binary: bool,
    /// Files or directories (recursive); stdin when none or `-`. `.gz` and `.zst` inputs
    /// are decompressed; offsets are offsets in the decompressed text.
    pub paths: Vec<PathBuf>,
}

/// Policy names `--policy` accepts: shipped presets and built-in policies.
pub const POLICY_NAMES: [&str; 10] = [
    "mask",
    "placeholder",
    "hash",
    "tokenize",
    "fake",
    "keep",
    "hutool",
    "bank",
    "strict",
    "pseudonymize",
];

#[derive(Debug, Args)]
pub struct RedactArgs {
    /// How findings are rewritten: a built-in policy applied to every kind (mask, placeholder,
    /// hash, tokenize, fake, keep) or a shipped preset (hutool, bank, strict, pseudonymize).
    /// hash, tokenize, fake and pseudonymize need a key.
    #[arg(long, value_name = "NAME", default_value = "mask",
          value_parser = clap::builder::PossibleValuesParser::new(POLICY_NAMES),
          conflicts_with = "config")]
    pub policy: String,
    /// A TOML policy config mapping kinds to policies and options (see README).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Write every token that `tokenize` produced to FILE (one `kind<TAB>token` a line), so
    /// that `detokenize --token-map FILE` restores exactly those and nothing else.
    #[arg(long, value_name = "FILE")]
    pub token_map: Option<PathBuf>,
    /// Write one JSON line per rewritten finding to FILE: path, kind, offsets, line, policy
    /// (never the value).
    #[arg(long, value_name = "FILE")]
    pub audit: Option<PathBuf>,
    /// Write the output to FILE (one input only). It is written to a temporary file first and
    /// renamed into place, so a failed run never leaves a half-written file. A FILE ending in
    /// `.gz` or `.zst` is compressed. A new FILE gets the input's permissions less the umask
    /// (0644 less the umask for stdin); an existing one keeps its own.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write each input's output under DIR, keeping its relative path, its compression (gzip
    /// or zstd, as found in the content) and its permissions (less the umask).
    #[arg(long, value_name = "DIR", conflicts_with = "in_place")]
    pub out_dir: Option<PathBuf>,
    /// Replace each input file with its redacted version: written to a temporary file in the
    /// same directory, synced, then renamed over the original, so a run killed at any moment
    /// leaves every file either untouched or fully redacted. Keeps the file's permissions and
    /// its compression (gzip or zstd, as found in the content, whatever the name says).
    #[arg(long, conflicts_with = "output")]
    pub in_place: bool,
    /// Process binary files (a NUL byte in the first 64 KiB) as bytes instead of refusing
    /// them; every replacement then has the original's byte length.
    #[arg(long)]
    pub binary: bool,
    /// Files or directories; stdin when none or `-`.
    pub paths: Vec<PathBuf>,
}

/// Where the key comes from: a file, or the CNPII_KEY environment variable. Never a value on
/// the command line.
#[derive(Debug, Args)]
pub struct KeyArgs {
    /// Read the key from FILE (at least 16 bytes; one trailing newline ignored). Without it,
    /// the key is taken from the CNPII_KEY environment variable.
    #[arg(long, value_name = "PATH")]
    pub key_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DetokenizeArgs {
    #[command(flatten)]
    pub key: KeyArgs,
    /// The policy config the tokens were made with (its `tokenize` options, e.g. `keep`).
    /// Default: tokenize for every kind.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Restore only the tokens listed in FILE (written by `redact --token-map`). The map
    /// names the key that made them: another key is refused.
    #[arg(long, value_name = "FILE", required_unless_present = "all")]
    pub token_map: Option<PathBuf>,
    /// Without a token map: treat every value found as a token. Real values in the input are
    /// then "restored" to wrong ones; use only on text that is known to be fully tokenised.
    /// Nothing records the key then: a wrong key gives wrong, valid-looking values.
    #[arg(long, conflicts_with = "token_map")]
    pub all: bool,
    /// Write the output to FILE (one input only), through a temporary file.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Files or directories; stdin when none or `-`.
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The value to explain.
    pub value: String,
}
