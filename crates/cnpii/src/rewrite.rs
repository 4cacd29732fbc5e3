//! The rewriter: copies every byte outside findings verbatim and asks the policy for each
//! finding. One pass per chunk, whatever the number of kinds.

use crate::error::{Error, ErrorKind};
use crate::finding::Finding;
use crate::policy::{Policy, PolicySet, Slot};

/// Appends `bytes[from..to]` to `out` with each finding (absolute spans; `base` is the input
/// offset of `bytes[0]`) replaced by its policy's output. Findings are sorted, disjoint and
/// inside `from..to`.
pub(crate) fn rewrite(
    bytes: &[u8],
    base: u64,
    from: usize,
    to: usize,
    findings: &[Finding],
    policies: &PolicySet,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    let mut at = from;
    for f in findings {
        let s = (f.span.start - base) as usize;
        let e = (f.span.end - base) as usize;
        out.extend_from_slice(&bytes[at..s]);
        apply(policies.get(f.kind), f, &bytes[s..e], out)?;
        at = e;
    }
    out.extend_from_slice(&bytes[at..to]);
    Ok(())
}

/// Appends `policy`'s replacement for finding `f` (whose bytes are `value`) to `out`; a
/// failure becomes an error naming the policy, kind and offset, never the value.
pub(crate) fn apply(
    policy: &dyn Policy,
    f: &Finding,
    value: &[u8],
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    apply_in(policy, f, value, Slot::Text, out)
}

/// [`apply`] for a replacement that goes into `slot` ([`Policy::apply_in`]).
pub(crate) fn apply_in(
    policy: &dyn Policy,
    f: &Finding,
    value: &[u8],
    slot: Slot,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    policy.apply_in(f, value, slot, out).map_err(|err| {
        Error::from(ErrorKind::Policy {
            policy: policy.name(),
            kind: f.kind,
            offset: f.span.start,
            reason: err.0,
        })
    })
}
