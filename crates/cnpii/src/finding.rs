//! [`Span`] and [`Finding`]: what a detector reports.
//!
//! Offsets are absolute byte offsets into the input as stored (after decompression), end
//! exclusive; CONTRACT.md fixes that meaning.

use crate::kind::Kind;

/// A half-open byte range `[start, end)` into the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte of the value.
    pub start: u64,
    /// One past the last byte of the value.
    pub end: u64,
}

impl Span {
    /// The span's length in bytes.
    pub fn len(&self) -> u64 {
        self.end - self.start
    }

    /// Whether the span is empty (never true for a finding).
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// Whether two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One piece of personal information found in the input.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// What it is.
    pub kind: Kind,
    /// Where it is.
    pub span: Span,
    /// 1-based line number of `span.start`.
    pub line: u64,
    /// How sure the detector is, in `(0, 1]`.
    pub confidence: f32,
    /// Enrichment from a table, such as the issuing bank of a card. Never the value itself.
    pub detail: Option<&'static str>,
}

/// A finding inside one haystack, before it is placed in the input.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Hit {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
    pub detail: Option<&'static str>,
}

impl Hit {
    pub fn new(kind: Kind, start: usize, end: usize, confidence: f32) -> Hit {
        Hit { kind, start, end, confidence, detail: None }
    }

    pub fn with_detail(mut self, detail: Option<&'static str>) -> Hit {
        self.detail = detail;
        self
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }
}
