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
    /// Run an HTTP service: POST /v1/scan, /v1/redact (and /v1/detokenize when allowed),
    /// GET /healthz, /metrics. Same engine, flags and config as `scan`/`redact`.
    Serve(ServeArgs),
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

// Policy names `--policy` accepts: built-in policies and shipped presets, from the library.
use cnpii::POLICY_NAMES;

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

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on (`127.0.0.1:0` picks a free port; the address bound is logged
    /// on stderr). Without a token, only loopback addresses are accepted.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// The policy of /v1/redact: a built-in policy or a shipped preset, as for `redact`.
    #[arg(long, value_name = "NAME", default_value = "mask",
          value_parser = clap::builder::PossibleValuesParser::new(POLICY_NAMES),
          conflicts_with = "config")]
    pub policy: String,
    /// A TOML policy config (see README), as for `redact`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Let requests choose these policies with `"policy": NAME` (comma-separated; built at
    /// start-up with the same key).
    #[arg(long, value_name = "NAME,...", value_delimiter = ',',
          value_parser = clap::builder::PossibleValuesParser::new(POLICY_NAMES))]
    pub allow_policy: Vec<String>,
    /// Require `Authorization: Bearer TOKEN` on /v1/scan, /v1/redact and /metrics, with the
    /// token read from FILE (one trailing newline ignored). Without it the token is taken from
    /// CNPII_SERVE_TOKEN; with neither, the service has no authentication and listens on
    /// loopback only.
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
    /// Answers carry the values found (`"value"`); by default only kinds and offsets.
    #[arg(long)]
    pub allow_values: bool,
    /// Enable POST /v1/detokenize (needs the key and --detokenize-token-file).
    #[arg(long, requires = "detokenize_token_file")]
    pub allow_detokenize: bool,
    /// The bearer token of /v1/detokenize, read from FILE; it must differ from the main token.
    #[arg(long, value_name = "PATH", requires = "allow_detokenize")]
    pub detokenize_token_file: Option<PathBuf>,
    /// /v1/detokenize restores only the tokens listed in FILE (written by `redact
    /// --token-map`); without it, every value found is treated as a token.
    #[arg(long, value_name = "FILE", requires = "allow_detokenize")]
    pub token_map: Option<PathBuf>,
    /// The largest request body in bytes (413 above it).
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    pub max_body: usize,
    /// The most texts in one `texts` batch (413 above it).
    #[arg(long, value_name = "N", default_value_t = 1024)]
    pub max_batch: usize,
    /// The time a request may take, body upload included, in milliseconds (408 after it).
    /// Also the time a client has to send a request's head, and the longest a kept-alive
    /// connection may stay idle (closed after it).
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub timeout_ms: u64,
    /// The most open connections; more are closed as soon as they are accepted.
    #[arg(long, value_name = "N", default_value_t = 1024)]
    pub max_connections: usize,
    /// The most API requests answered at once; more are refused at once with 503.
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub max_concurrency: usize,
    /// On SIGTERM/SIGINT, wait at most this many seconds for requests in flight.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub shutdown_timeout: u64,
    /// Do not write the access log (one JSON line per request on stderr).
    #[arg(long)]
    pub no_access_log: bool,
}
