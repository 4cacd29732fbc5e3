//! One module per subcommand.

pub mod check;
pub mod detokenize;
pub mod redact;
pub mod scan;

use crate::args::Common;
use crate::inputs::{self, Filter, Input};
use anyhow::Result;
use std::path::PathBuf;

/// The inputs named on the command line, filtered by `--glob`, with the progress bar set up.
pub fn expand_inputs(common: &Common, paths: &[PathBuf]) -> Result<Vec<Input>> {
    let filter = Filter::new(&common.globs)?;
    let inputs = inputs::expand(paths, &filter);
    inputs::start_progress(&inputs);
    Ok(inputs)
}

/// Builds the engine from the shared options.
pub fn engine(common: &Common) -> Result<cnpii::Engine> {
    let config = cnpii::Config {
        kinds: (!common.kinds.is_empty()).then(|| common.kinds.clone()),
        exclude_kinds: common.exclude_kinds.clone(),
        chunk_size: common.chunk_size,
        threads: common.threads,
    };
    Ok(cnpii::Engine::build(&config)?)
}
