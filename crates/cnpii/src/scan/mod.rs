//! [`Scanner`]: one pass over a haystack → candidates → detectors → resolved hits.
//!
//! A scanner owns its scratch space (candidate and hit buffers), like regex-automata's
//! `Cache`: create one per thread with [`Engine::scanner`] and reuse it, and scanning
//! allocates nothing once the buffers have grown.

mod classify;
pub(crate) mod prefilter;

use crate::detect::{self, Candidate, Ctx, Trigger};
use crate::engine::Engine;
use crate::finding::{Finding, Hit, Span};

/// Per-thread scanning state for an [`Engine`].
pub struct Scanner {
    engine: Engine,
    cands: Vec<Candidate>,
    maps: prefilter::Bitmaps,
    hits: Vec<Hit>,
    text_hits: Vec<Hit>,
    marks: detect::name::Marks,
}

/// Where a haystack sits in the input: whether the bytes just outside it exist.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Edges {
    /// `hay[0]` is not the first byte of the input: a word touching it may be cut.
    pub cut_start: bool,
    /// `hay[len]` is not the end of the input: a word touching it may be cut.
    pub cut_end: bool,
}

impl Scanner {
    pub(crate) fn new(engine: Engine) -> Scanner {
        Scanner {
            engine,
            cands: Vec::new(),
            maps: prefilter::Bitmaps::default(),
            hits: Vec::new(),
            text_hits: Vec::new(),
            marks: detect::name::Marks::default(),
        }
    }

    /// The kinds the scanner detects.
    pub(crate) fn kinds(&self) -> crate::kind::KindSet {
        self.engine.kinds()
    }

    /// Scans `hay` and returns its findings, resolved, in order, with 1-based line numbers.
    ///
    /// This is the whole-buffer entry point; for streams use the pipeline, which feeds the
    /// scanner chunk by chunk.
    pub fn scan(&mut self, hay: &[u8]) -> Vec<Finding> {
        let hits = self.scan_hay(hay, Edges::default());
        let mut line = 1;
        let mut at = 0;
        hits.iter()
            .map(|h| {
                line += memchr::memchr_iter(b'\n', &hay[at..h.start]).count() as u64;
                at = h.start;
                Finding {
                    kind: h.kind,
                    span: Span { start: h.start as u64, end: h.end as u64 },
                    line,
                    confidence: h.confidence,
                    detail: h.detail,
                }
            })
            .collect()
    }

    /// Finds, validates and resolves every hit in `hay`.
    pub(crate) fn scan_hay(&mut self, hay: &[u8], edges: Edges) -> &[Hit] {
        self.cands.clear();
        self.hits.clear();
        let inner = self.engine.inner();
        let wants = |s: &detect::Shape| detect::word_wants(s).intersection(inner.word_kinds);
        prefilter::candidates(hay, edges, inner.wants_at, wants, &mut self.maps, &mut self.cands);
        if self.cands.is_empty() && !inner.wants_text {
            return &self.hits;
        }
        let ctx = Ctx::new(&inner.cues, inner.today);
        for &cand in &self.cands {
            let trigger = match cand {
                Candidate::Word { .. } => Trigger::Word,
                Candidate::At { .. } => Trigger::At,
                Candidate::Text => Trigger::Text,
            };
            match cand {
                Candidate::Word { shape, want, .. } => {
                    for &(k, kind) in &inner.word_detectors {
                        let d = &inner.detectors[k];
                        debug_assert_eq!(want.contains(kind), d.wants(&shape), "{kind}");
                        if want.contains(kind) {
                            d.confirm(hay, cand, &ctx, &mut self.hits);
                        }
                    }
                }
                _ => {
                    for d in inner.detectors.iter().filter(|d| d.trigger() == trigger) {
                        d.confirm(hay, cand, &ctx, &mut self.hits);
                    }
                }
            }
        }
        if inner.wants_text {
            let mut text_hits = std::mem::take(&mut self.text_hits);
            text_hits.clear();
            // One pass over the Chinese text, shared by the name and address detectors.
            detect::name::mark(hay, &mut self.marks);
            let ctx =
                Ctx::new(&inner.cues, inner.today).with_found(&self.hits).with_marks(&self.marks);
            for d in inner.detectors.iter().filter(|d| d.trigger() == Trigger::Text) {
                d.confirm(hay, Candidate::Text, &ctx, &mut text_hits);
            }
            self.hits.extend_from_slice(&text_hits);
            self.text_hits = text_hits;
        }
        crate::resolve::resolve(&mut self.hits);
        &self.hits
    }
}
