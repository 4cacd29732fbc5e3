//! One module per subcommand.

pub mod check;
pub mod redact;
pub mod scan;

use crate::args::Common;
use anyhow::Result;

/// Builds the engine from the shared options.
pub fn engine(common: &Common) -> Result<cnpii::Engine> {
    let config = cnpii::Config {
        kinds: (!common.kinds.is_empty()).then(|| common.kinds.clone()),
        exclude_kinds: common.exclude_kinds.clone(),
        chunk_size: common.chunk_size,
    };
    Ok(cnpii::Engine::build(&config)?)
}
