//! Policies: what a finding becomes in redacted output.
//!
//! A [`Policy`] rewrites one finding; a [`PolicySet`] maps each kind to a policy. This version
//! ships [`Mask`] (the default, with a documented Chinese convention per kind) and
//! [`Placeholder`]; keyed hashes, format-preserving tokens and fakes plug into the same trait.

mod mask;
mod placeholder;

pub use mask::{Mask, MaskRule};
pub use placeholder::Placeholder;

use crate::finding::Finding;
use crate::kind::Kind;
use std::sync::Arc;

/// Why a policy could not rewrite a finding. Never holds the value itself.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PolicyError(pub String);

/// Rewrites one finding.
pub trait Policy: Send + Sync {
    /// A short name for messages and audit records (`mask`, `placeholder`).
    fn name(&self) -> &'static str;

    /// Appends the replacement for `original` (the finding's bytes) to `out`.
    ///
    /// # Errors
    ///
    /// When the policy cannot produce a replacement; the message must not quote `original`.
    fn apply(
        &self,
        finding: &Finding,
        original: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<(), PolicyError>;

    /// Whether the replacement always has the original's byte length.
    fn preserves_length(&self) -> bool {
        false
    }
}

/// A policy for each kind.
#[derive(Clone)]
pub struct PolicySet {
    by_kind: Vec<Arc<dyn Policy>>,
}

impl PolicySet {
    /// The same policy for every kind.
    pub fn uniform(policy: Arc<dyn Policy>) -> PolicySet {
        PolicySet { by_kind: Kind::ALL.iter().map(|_| policy.clone()).collect() }
    }

    /// Sets the policy of one kind.
    pub fn set(&mut self, kind: Kind, policy: Arc<dyn Policy>) {
        self.by_kind[kind.index()] = policy;
    }

    /// The policy of `kind`.
    pub fn get(&self, kind: Kind) -> &dyn Policy {
        &*self.by_kind[kind.index()]
    }
}

impl Default for PolicySet {
    /// [`Mask`] with each kind's default rule.
    fn default() -> PolicySet {
        PolicySet {
            by_kind: Kind::ALL.iter().map(|&k| Arc::new(Mask::default_for(k)) as _).collect(),
        }
    }
}

impl std::fmt::Debug for PolicySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(Kind::ALL.iter().map(|k| (k.as_str(), self.get(*k).name()))).finish()
    }
}
