//! The resolver: overlapping hits → one.
//!
//! One sort key decides every overlap, as in DataDog's `sort_and_remove_overlapping_rules`:
//! **kind priority** ([`Kind::priority`](crate::Kind::priority): a kind that can contain
//! another wins, e-mail first), then **length** (longer wins: `+86 138…` over `138…`), then
//! **start** (earlier wins), then **confidence**. Hits are taken greedily in that order; a hit
//! that overlaps one already taken is dropped. The result is sorted by start.

use crate::finding::Hit;

/// Resolves `hits` in place.
pub(crate) fn resolve(hits: &mut Vec<Hit>) {
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    hits.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.kind == b.kind);
    // Fast path: nothing overlaps (the common case).
    if hits.windows(2).all(|w| w[0].end <= w[1].start) {
        return;
    }
    hits.sort_by(|a, b| {
        a.kind
            .priority()
            .cmp(&b.kind.priority())
            .then(b.len().cmp(&a.len()))
            .then(a.start.cmp(&b.start))
            .then(b.confidence.total_cmp(&a.confidence))
    });
    // `taken` stays sorted by start; a binary search finds the neighbours of a new hit.
    let mut taken: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits.drain(..) {
        let i = taken.partition_point(|t| t.start < h.start);
        let clash_prev = i > 0 && taken[i - 1].end > h.start;
        let clash_next = i < taken.len() && taken[i].start < h.end;
        if !clash_prev && !clash_next {
            taken.insert(i, h);
        }
    }
    *hits = taken;
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

    #[test]
    fn result_is_sorted_and_disjoint() {
        let mut v: Vec<Hit> =
            (0..50).map(|i| h(Kind::ALL[i % 10], (i * 7) % 60, (i * 7) % 60 + 3 + i % 9)).collect();
        resolve(&mut v);
        assert!(v.windows(2).all(|w| w[0].end <= w[1].start));
        assert!(!v.is_empty());
    }
}
