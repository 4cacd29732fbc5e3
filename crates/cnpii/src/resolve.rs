//! The resolver: overlapping hits → one.
//!
//! One sort key decides every overlap, as in DataDog's `sort_and_remove_overlapping_rules`:
//! **kind priority** ([`Kind::priority`](crate::Kind::priority): a kind that can contain
//! another wins, e-mail first), then **length** (longer wins: `+86 138…` over `138…`), then
//! **start** (earlier wins), then **confidence**. Hits are taken greedily in that order; a hit
//! that overlaps one already taken is dropped. The result is sorted by start.

use crate::finding::Hit;
use std::cmp::Ordering;

/// Resolves `hits` in place.
///
/// Hits that overlap nothing pass through. Overlapping hits form *groups* (runs in start order
/// where each hit starts before the furthest end so far); no hit of one group can overlap a hit
/// of another, so the greedy rule runs on each group alone. That gives the same result as one
/// global pass, at a cost linear in the number of hits plus the small groups' sorting.
pub(crate) fn resolve(hits: &mut Vec<Hit>) {
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    hits.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.kind == b.kind);
    // Fast path: nothing overlaps (the common case).
    if hits.windows(2).all(|w| w[0].end <= w[1].start) {
        return;
    }
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    let mut group: Vec<Hit> = Vec::new();
    let mut i = 0;
    while i < hits.len() {
        let mut j = i + 1;
        let mut end = hits[i].end;
        while j < hits.len() && hits[j].start < end {
            end = end.max(hits[j].end);
            j += 1;
        }
        if j == i + 1 {
            out.push(hits[i]);
        } else {
            group.clear();
            group.extend_from_slice(&hits[i..j]);
            resolve_group(&mut group, &mut out);
        }
        i = j;
    }
    *hits = out;
}

/// The sort key that decides every overlap: kind priority, then length (longer first), then
/// start (earlier first), then confidence (higher first).
fn rank(a: &Hit, b: &Hit) -> Ordering {
    a.kind
        .priority()
        .cmp(&b.kind.priority())
        .then(b.len().cmp(&a.len()))
        .then(a.start.cmp(&b.start))
        .then(b.confidence.total_cmp(&a.confidence))
}

/// The greedy rule on one group of overlapping hits; appends the survivors, sorted by start.
fn resolve_group(group: &mut [Hit], out: &mut Vec<Hit>) {
    group.sort_by(rank);
    let first = out.len();
    for &h in group.iter() {
        let taken = &out[first..];
        let i = taken.partition_point(|t| t.start < h.start);
        let clash_prev = i > 0 && taken[i - 1].end > h.start;
        let clash_next = i < taken.len() && taken[i].start < h.end;
        if !clash_prev && !clash_next {
            out.insert(first + i, h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    fn h(kind: Kind, start: usize, end: usize) -> Hit {
        Hit::new(kind, start, end, 0.9)
    }

    #[test]
    fn priority_then_length() {
        let mut v = vec![h(Kind::Phone, 4, 15), h(Kind::IdCard, 0, 18), h(Kind::Phone, 20, 31)];
        resolve(&mut v);
        assert_eq!(v, vec![h(Kind::IdCard, 0, 18), h(Kind::Phone, 20, 31)]);
        let mut v = vec![h(Kind::Phone, 4, 15), h(Kind::Phone, 0, 15)];
        resolve(&mut v);
        assert_eq!(v, vec![h(Kind::Phone, 0, 15)]);
        let mut v = vec![h(Kind::Phone, 0, 11), h(Kind::Email, 0, 19)];
        resolve(&mut v);
        assert_eq!(v, vec![h(Kind::Email, 0, 19)]);
    }

    /// The grouped resolver chooses exactly what one global greedy pass chooses.
    #[test]
    fn groups_agree_with_one_global_pass() {
        fn global(hits: &[Hit]) -> Vec<Hit> {
            let mut v = hits.to_vec();
            v.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            v.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.kind == b.kind);
            v.sort_by(rank);
            let mut taken: Vec<Hit> = Vec::new();
            for h in v {
                if !taken.iter().any(|t| t.start < h.end && h.start < t.end) {
                    taken.push(h);
                }
            }
            taken.sort_by_key(|t| t.start);
            taken
        }
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as usize
        };
        for _ in 0..300 {
            let n = 1 + next(40);
            let hits: Vec<Hit> = (0..n)
                .map(|_| {
                    let s = next(200);
                    Hit::new(Kind::ALL[next(10)], s, s + 1 + next(20), 0.5 + next(5) as f32 / 10.0)
                })
                .collect();
            let mut v = hits.clone();
            resolve(&mut v);
            assert_eq!(v, global(&hits));
        }
    }

    #[test]
    fn result_is_sorted_and_disjoint() {
        let mut v: Vec<Hit> =
            (0..50).map(|i| h(Kind::ALL[i % 10], (i * 7) % 60, (i * 7) % 60 + 3 + i % 9)).collect();
        resolve(&mut v);
        assert!(v.windows(2).all(|w| w[0].end <= w[1].start));
        assert!(!v.is_empty());
    }
}
