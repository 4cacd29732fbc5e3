//! [`Scanner`]: one pass over a haystack → candidates → detectors → resolved hits.
//!
//! A scanner owns its scratch space (candidate and hit buffers), like regex-automata's
//! `Cache`: create one per thread with [`Engine::scanner`] and reuse it, and scanning
//! allocates nothing once the buffers have grown.

pub(crate) mod classify;
mod hot;
pub(crate) mod prefilter;

use crate::detect::{self, Candidate, Ctx, Trigger};
use crate::engine::Engine;
use crate::finding::{Finding, Hit, Span};
use crate::kind::KindSet;

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
        let mut lines = crate::pipeline::Lines::new(hay, 0);
        hits.iter()
            .map(|h| {
                let line = 1 + lines.upto(hay, h.start);
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
        self.scan_hay_with(hay, edges, detect::word_wants)
    }

    /// [`scan_hay`](Self::scan_hay) with the choice of which detectors see a word of a given
    /// shape: the tests offer every word to every detector, to check that the detectors'
    /// `wants` decline no word they would confirm.
    fn scan_hay_with(
        &mut self,
        hay: &[u8],
        edges: Edges,
        word_wants: impl Fn(&detect::Shape) -> KindSet,
    ) -> &[Hit] {
        self.cands.clear();
        self.hits.clear();
        let inner = self.engine.inner();
        let wants = |s: &detect::Shape| word_wants(s).intersection(inner.word_kinds);
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
                        debug_assert!(want.contains(kind) || !d.wants(&shape), "{kind}");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;
    use cnpii_corpora::{generate, Style};

    /// Text with the forms whose first word is easy to decline by mistake: grouped and
    /// international phones, area codes in parentheses, service numbers in every grouping,
    /// grouped cards, IPv4 after text and IPv6 whose first digit-bearing word comes late,
    /// plates with a separate city letter, full-width digits.
    const FORMS: &str = "电话 4007-123-456，400 712 3456，800-1234-567，4001234567；\
        ＋8610 87654321 +8610 87654321 +86 (0755) 8765 4321 0086 (0755)87654321 \
        86-13812345678 86 138 1234 5678 ＋86 13812345678 ＋８６ １３８１２３４５６７８ \
        (010)12345678 （0755）8765 4321 0571 8888 6666 021-12345678转8023 \
        卡号 6222 0202 0000 0000 006 ６２２２ ０２０２ ０００ ip=10.2.3.4 \
        aaaa:bbbb:cccc:dddd:eeee:ffff:aaaa:e1 abcd:ef01::1 ::ffff:10.0.0.1 fe80::1%eth0 \
        车牌 京A 12345 粤B·D12345 沪AD12345 2023-07-20T13:49:52.288+08:00 \
        idCard=11010519491231002X 护照 E12345678 tel 0123456 02112345678 8613812345678";

    /// The prefilter visits only some words (`hot.rs`) and offers each to the detectors that
    /// want its shape; offering every word to every detector finds the same.
    #[test]
    fn wants_decline_no_word_a_detector_confirms() {
        let engine = Engine::build(&Config::default()).expect("default engine");
        let mut scanner = engine.scanner();
        let mut texts = vec![FORMS.as_bytes().to_vec()];
        for (k, style) in Style::ALL.into_iter().enumerate() {
            texts.push(generate(style, 0x5EED + k as u64, 300_000).text);
        }
        for hay in &texts {
            scanner.maps.visit_all = false;
            let chosen = scanner.scan_hay(hay, Edges::default()).to_vec();
            scanner.maps.visit_all = true;
            let every = scanner.scan_hay_with(hay, Edges::default(), |_| KindSet::all());
            assert_eq!(chosen, every, "{}", String::from_utf8_lossy(&hay[..80]));
            assert!(!chosen.is_empty());
        }
    }
}
