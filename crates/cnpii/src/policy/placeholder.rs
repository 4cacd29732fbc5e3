//! [`Placeholder`]: replace a finding with a label such as `<ID_CARD>`.

use super::{Policy, PolicyError};
use crate::finding::Finding;

/// Writes `<KIND>` (the kind's name in capitals) in place of the value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Placeholder;

impl Policy for Placeholder {
    fn name(&self) -> &'static str {
        "placeholder"
    }

    fn apply(&self, f: &Finding, _original: &[u8], out: &mut Vec<u8>) -> Result<(), PolicyError> {
        out.push(b'<');
        out.extend(f.kind.as_str().bytes().map(|b| b.to_ascii_uppercase()));
        out.push(b'>');
        Ok(())
    }
}
