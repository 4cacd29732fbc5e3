//! `cnpii check VALUE`: prints what the value is and why, one fact per line.

#![allow(clippy::print_stdout)]

use crate::args::CheckArgs;
use anyhow::Result;

pub fn run(args: &CheckArgs) -> Result<bool> {
    let e = cnpii::check::explain(&args.value);
    for f in &e.facts {
        println!("{f}");
    }
    Ok(e.kind.is_some())
}
