//! Scanning and rewriting one [`Job`]: decode every field into one haystack, scan it once, map
//! the hits back to raw bytes, add column-hint findings, and rewrite.
//!
//! The haystack holds each record on a line of its own, its fields as `key=value` joined by
//! `;`: the detectors' evidence then reads a field's own key (clauses end at `;`), a name may
//! draw on a phone number in the same record, and nothing reaches across a line end into
//! another record — so results do not depend on where jobs are cut.

use super::codec::{decode, encode, verbatim, Class};
use super::hints::{fallback, HINT_CONFIDENCE};
use super::number::Spelling;
use super::{Escape, Job, Segment};
use crate::error::Error;
use crate::finding::{Finding, Hit, Span};
use crate::kind::Kind;
use crate::pipeline::{Lines, Processed};
use crate::policy::{to_number, Policy, PolicySet, Slot};
use crate::scan::{Edges, Scanner};

/// Per-worker scratch space, reused from job to job.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    hay: Vec<u8>,
    /// Raw offsets of decoded bytes, for fields that are not their raw bytes.
    map: Vec<u32>,
    fields: Vec<Field>,
    /// Per finding: the field it lies in, and its decoded bytes in `hay`.
    owners: Vec<(usize, usize, usize)>,
    hint_hits: Vec<Hit>,
    rep: Vec<u8>,
}

/// Where one segment went in the haystack.
#[derive(Clone, Copy, Debug)]
struct Field {
    seg: usize,
    hay_start: usize,
    hay_end: usize,
    /// Index in `Scratch::map` of the segment's first entry, when decoding changed bytes.
    map_at: Option<usize>,
    /// An integer spelled as a float (`13812345678.0`): scanned as its integer digits, which
    /// a finding must cover whole, and rewritten in the same spelling.
    spelled: Option<Spelling>,
}

impl Field {
    /// The raw offset (relative to the segment's start) of haystack offset `at`.
    fn raw(&self, map: &[u32], at: usize) -> usize {
        match self.map_at {
            None => at - self.hay_start,
            Some(m) => map[m + at - self.hay_start] as usize,
        }
    }
}

/// Scans `job` and writes its findings (and, when `want_output`, its rewritten bytes) to `out`.
pub(crate) fn process(
    scanner: &mut Scanner,
    scratch: &mut Scratch,
    policies: &PolicySet,
    hints: bool,
    job: &Job,
    want_output: bool,
    out: &mut Processed,
) -> Result<(), Error> {
    let Scratch { hay, map, fields, owners, hint_hits, rep } = scratch;
    hay.clear();
    map.clear();
    fields.clear();
    let mut record_open = false;
    for (i, seg) in job.segs.iter().enumerate() {
        record_open &= !seg.first;
        let raw = &job.bytes[seg.start..seg.end];
        // Every finding holds a digit, an `@` or a non-ASCII character (a JSON `\u` escape
        // stands for one): other fields cannot hold one, nor a hinted value. A short field is
        // classified in one pass; a long one is searched, stopping at the first such byte.
        let class = (raw.len() <= 64).then(|| Class::of(raw));
        let wanted = match class {
            Some(c) => c.wanted(),
            None => Class::any_wanted(raw),
        };
        if !wanted {
            continue;
        }
        hay.push(if record_open { b';' } else { b'\n' });
        record_open = true;
        if let Some(col) = job.columns.get(seg.col as usize) {
            hay.extend_from_slice(&col.key);
        }
        let hay_start = hay.len();
        let map_start = map.len();
        // Any field (not running text): a float spelling holds no byte an escape changes.
        let spelled = if seg.esc != Escape::Raw { Spelling::parse(raw, hay) } else { None };
        let same = if let Some(sp) = spelled {
            // Every digit maps to the number's start, its end to the number's end: a finding
            // covers the whole spelling.
            map.extend(std::iter::repeat_n(sp.start() as u32, sp.len()));
            map.push(raw.len() as u32);
            false
        } else if class.is_some_and(|c| c.plain(seg.esc, job.encoding)) {
            hay.extend_from_slice(raw);
            true
        } else {
            decode(seg.esc, job.encoding, raw, hay, map)
        };
        fields.push(Field {
            seg: i,
            hay_start,
            hay_end: hay.len(),
            map_at: (!same).then_some(map_start),
            spelled,
        });
    }
    hay.push(b'\n');
    let kinds = scanner.kinds();
    let hits = scanner.scan_hay(hay, Edges::default());

    // Hits inside one field, in order; then each hinted field without any.
    out.findings.clear();
    out.values.clear();
    out.value_lens.clear();
    out.out.clear();
    owners.clear();
    hint_hits.clear();
    let mut h = 0;
    for (fi, f) in fields.iter().enumerate() {
        let seg = &job.segs[f.seg];
        while h < hits.len() && hits[h].start < f.hay_start {
            h += 1;
        }
        let first = h;
        let pushed = hint_hits.len();
        while h < hits.len() && hits[h].end <= f.hay_end {
            let whole = hits[h].start == f.hay_start && hits[h].end == f.hay_end;
            if hits[h].start >= f.hay_start && (f.spelled.is_none() || whole) {
                hint_hits.push(hits[h]);
            }
            h += 1;
        }
        // A name column whose value has a name's shape holds one name: a part the detector
        // found (`陈磊` of `陈磊静`, where it read `静` as a word) stands for the whole value.
        // Else the rest stays in clear, and a name's token could be found in another part
        // than its name was, and not come back (issue 15, round trips).
        if hints && hint_hits.len() > pushed {
            let hint = job.columns.get(seg.col as usize).and_then(|c| c.hint);
            let found = &hint_hits[pushed..];
            if hint == Some(Kind::Name) && found.iter().all(|x| x.kind == Kind::Name) {
                if let Some((s, e)) = fallback(Kind::Name, &hay[f.hay_start..f.hay_end]) {
                    let (s, e) = (f.hay_start + s, f.hay_start + e);
                    if found.iter().all(|x| s <= x.start && x.end <= e) {
                        let c = found.iter().map(|x| x.confidence).fold(0.0, f32::max);
                        hint_hits.truncate(pushed);
                        hint_hits.push(Hit::new(Kind::Name, s, e, c));
                    }
                }
            }
        }
        if hint_hits.is_empty() && (h == first || f.spelled.is_some()) && hints {
            let hint = job.columns.get(seg.col as usize).and_then(|c| c.hint);
            if let Some(kind) = hint.filter(|&k| kinds.contains(k)) {
                if let Some((s, e)) = fallback(kind, &hay[f.hay_start..f.hay_end]) {
                    hint_hits.push(
                        Hit::new(kind, f.hay_start + s, f.hay_start + e, HINT_CONFIDENCE)
                            .with_detail(Some("column hint")),
                    );
                }
            }
        }
        for hit in hint_hits.drain(..) {
            let start = seg.start + f.raw(map, hit.start);
            let end = seg.start + f.raw(map, hit.end);
            out.values.extend_from_slice(&hay[hit.start..hit.end]);
            out.value_lens.push(hit.len());
            out.findings.push(Finding {
                kind: hit.kind,
                span: Span { start: job.base + start as u64, end: job.base + end as u64 },
                line: 0,
                confidence: hit.confidence,
                detail: hit.detail,
            });
            owners.push((fi, hit.start, hit.end));
        }
    }

    // A piece of an over-long record (GBK input: decoded like any field) owns the findings
    // that start in its own range; one that starts before it and reaches into it was written
    // by the previous piece (the text chunks' boundary rule).
    let (mut from, mut to) = (0, job.bytes.len());
    if let Some(t) = &job.text {
        (from, to) = (t.own.start, t.own.end);
        let (mut w, mut v_read, mut v_write) = (0, 0, 0);
        for r in 0..out.findings.len() {
            let len = out.value_lens[r];
            let s = (out.findings[r].span.start - job.base) as usize;
            let e = (out.findings[r].span.end - job.base) as usize;
            if s < t.own.start {
                from = from.max(e);
            } else if s < t.own.end {
                to = to.max(e);
                out.findings.swap(w, r);
                out.value_lens[w] = len;
                owners[w] = owners[r];
                out.values.copy_within(v_read..v_read + len, v_write);
                v_write += len;
                w += 1;
            }
            v_read += len;
        }
        out.findings.truncate(w);
        out.value_lens.truncate(w);
        owners.truncate(w);
        out.values.truncate(v_write);
        to = to.max(from);
    }

    // Line numbers, relative to the line of `from`.
    let mut lines = Lines::new(&job.bytes, from);
    for f in &mut out.findings {
        f.line = lines.upto(&job.bytes, (f.span.start - job.base) as usize);
    }
    out.seq = job.seq;
    out.in_start = job.base + from as u64;
    out.in_end = job.base + to as u64;
    out.newlines = lines.upto(&job.bytes, to);
    out.warnings.clone_from(&job.warnings);
    if !want_output {
        return Ok(());
    }

    let mut at = from;
    for (f, &(fi, hs, he)) in out.findings.iter().zip(owners.iter()) {
        let seg: &Segment = &job.segs[fields[fi].seg];
        let s = (f.span.start - job.base) as usize;
        let e = (f.span.end - job.base) as usize;
        out.out.extend_from_slice(&job.bytes[at..s]);
        let policy: &dyn Policy = match job.columns.get(seg.col as usize).and_then(|c| c.rule) {
            Some(r) => policies.column_policy(r, f.kind),
            None => policies.get(f.kind),
        };
        // The replacement goes straight to the output; it is moved aside only when it is
        // the value itself or must be escaped or transcoded.
        let written = out.out.len();
        // A replacement fits its slot: in a number slot it is digits (the policy's numeric
        // form; `to_number` again for a policy whose own form is not).
        let spelled = fields[fi].spelled;
        let slot =
            if seg.esc == Escape::Num || spelled.is_some() { Slot::Number } else { Slot::Text };
        crate::rewrite::apply_in(policy, f, &hay[hs..he], slot, &mut out.out)?;
        if slot == Slot::Number {
            to_number(&hay[hs..he], &mut out.out, written);
        }
        let raw = &job.bytes[s..e];
        if let Some(sp) = spelled {
            // `raw` is the spelling after its sign.
            rep.clear();
            rep.extend_from_slice(&out.out[written..]);
            out.out.truncate(written);
            let whole = &job.bytes[s - sp.start()..e];
            sp.write(whole, rep, &mut out.out);
        } else if same(&out.out[written..], &hay[hs..he]) {
            // Unchanged (`keep`): the value's own bytes, however they were escaped or encoded
            // (`\u5F20`, `\/`), rather than a re-encoding of them.
            out.out.truncate(written);
            out.out.extend_from_slice(raw);
        } else if !verbatim(seg.esc, job.encoding, &out.out[written..], raw) {
            rep.clear();
            rep.extend_from_slice(&out.out[written..]);
            out.out.truncate(written);
            encode(seg.esc, job.encoding, rep, raw, &mut out.out);
        }
        at = e;
    }
    out.out.extend_from_slice(&job.bytes[at..to]);
    Ok(())
}

/// `a == b`, inline: a replacement usually differs from its value within the first few bytes,
/// sooner than a call to `memcmp` returns.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}
