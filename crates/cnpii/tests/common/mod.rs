//! Shared by the integration tests: the redaction contract under the placeholder policy.

#![allow(dead_code)] // each test crate uses part of it

use cnpii::{Finding, Kind};

/// A finding as (kind, start, end, line).
pub type Found = (Kind, u64, u64, u64);

/// The findings as [`Found`] tuples.
pub fn key(findings: &[Finding]) -> Vec<Found> {
    findings.iter().map(|f| (f.kind, f.span.start, f.span.end, f.line)).collect()
}

/// What the placeholder policy must write for `input` with these findings: the input with each
/// finding replaced by `<KIND>`, every other byte unchanged and in order. Asserts that the
/// findings are sorted, disjoint and inside the input, and that each line is the 1-based line
/// of its start.
pub fn placeholder_output(input: &[u8], found: &[Found]) -> Vec<u8> {
    let mut want = Vec::with_capacity(input.len());
    let mut at = 0usize;
    for &(kind, s, e, line) in found {
        let (s, e) = (s as usize, e as usize);
        assert!(at <= s && s < e && e <= input.len(), "sorted, disjoint, inside");
        assert_eq!(line, 1 + input[..s].iter().filter(|&&b| b == b'\n').count() as u64);
        want.extend_from_slice(&input[at..s]);
        want.extend_from_slice(format!("<{}>", kind.as_str().to_uppercase()).as_bytes());
        at = e;
    }
    want.extend_from_slice(&input[at..]);
    want
}

/// The contract for structured input, where a replacement may also be `0` (a placeholder in a
/// number slot: a JSON number, a bare SQL number, an integer spelled as a float): `out` is
/// `input` with each finding replaced and nothing else changed.
pub fn assert_placeholder_contract(input: &[u8], found: &[Found], out: &[u8]) {
    let (mut at, mut o) = (0usize, 0usize);
    for &(kind, s, e, _) in found {
        let (s, e) = (s as usize, e as usize);
        assert!(at <= s && s < e && e <= input.len(), "sorted, disjoint, inside");
        assert_eq!(&out[o..o + s - at], &input[at..s], "bytes before {s} unchanged");
        o += s - at;
        let rep = format!("<{}>", kind.as_str().to_uppercase());
        if out[o..].starts_with(rep.as_bytes()) {
            o += rep.len();
        } else {
            let number = |b: &u8| b.is_ascii_digit() || b".eE+-".contains(b);
            assert!(input[s..e].iter().all(number), "a number slot at {s}");
            assert!(out[o..].starts_with(b"0"), "replacement at {s}");
            o += 1;
        }
        at = e;
    }
    assert_eq!(&out[o..], &input[at..], "tail unchanged");
}
