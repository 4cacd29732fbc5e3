//! The `cnpii` command: argument parsing, files, and printing around the `cnpii` library.
//!
//! Exit codes (decided here, once): 0 success (for `scan` and `check`: something found),
//! 1 nothing found (`scan`, `check`), 2 an error. A broken pipe on stdout ends quietly with 0.
//! Interrupted by SIGINT, SIGTERM or SIGHUP while writing files: 128 + the signal (130, 143,
//! 129), with every temporary file removed (`tempfiles.rs`).

mod args;
mod cmd;
mod inputs;
mod many;
mod messages;
mod output;
mod tempfiles;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = args::Cli::parse();
    output::grow_stdout_pipe();
    let result = match args.command {
        args::Command::Scan(a) => cmd::scan::run(&args.common, &a),
        args::Command::Redact(a) => cmd::redact::run(&args.common, &a),
        args::Command::Check(a) => cmd::check::run(&a),
        args::Command::Detokenize(a) => cmd::detokenize::run(&args.common, &a),
        args::Command::Serve(a) => cmd::serve::run(&args.common, &a),
    };
    inputs::finish_progress();
    match result {
        Ok(found) => {
            if messages::errored() {
                ExitCode::from(2)
            } else if found {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            messages::error(format_args!("{e:#}"));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<cnpii::Error>().is_some_and(cnpii::Error::is_broken_pipe)
    })
}
