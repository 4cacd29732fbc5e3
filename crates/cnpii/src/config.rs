//! [`Config`]: plain serde/TOML data, every field optional. It holds no behaviour;
//! [`Engine::build`](crate::Engine::build) validates it once.

use crate::kind::Kind;
use serde::Deserialize;

/// What to detect and how to stream. The default detects every implemented kind.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Detect only these kinds (default: every kind that has a detector).
    pub kinds: Option<Vec<Kind>>,
    /// Do not detect these kinds.
    #[serde(default)]
    pub exclude_kinds: Vec<Kind>,
    /// Target bytes per chunk (default [`Config::DEFAULT_CHUNK_SIZE`]).
    pub chunk_size: Option<usize>,
    /// Worker threads (default: every core). Results never depend on it.
    pub threads: Option<usize>,
}

impl Config {
    /// The default chunk size: 1 MiB.
    pub const DEFAULT_CHUNK_SIZE: usize = 1 << 20;
}
