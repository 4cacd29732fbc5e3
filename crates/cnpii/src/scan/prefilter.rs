//! The prefilter: one pass that finds digit-bearing words and `@`s.
//!
//! Every numeric kind contains a digit (ASCII or full-width), and every e-mail an `@`, so the
//! prefilter looks only for those and expands each digit to the maximal run of word units
//! around it (`text.rs`). `classify.rs` reads every byte once, into bitmaps; after that, words
//! without a digit are never visited, and a digit-bearing word is measured with bit tests and
//! dropped unless some enabled detector wants its shape. It may report words no detector
//! confirms (false positives); it never misses a word that holds a finding (no false
//! negatives).
//!
//! A word that touches a cut edge of the haystack (`Edges`) may continue outside it; it is
//! dropped, which is safe because the chunker's context is longer than any finding.

use super::classify;
pub(crate) use super::classify::Bitmaps;
use super::Edges;
use crate::detect::Candidate;
use crate::kind::KindSet;
use crate::text::{digit_at, letter_at, word_unit_at};

/// Pushes the candidates of `hay` onto `out`, in order of their start: each `@` (when
/// `want_at`) and each digit-bearing word for which `wants` names a kind (most words are
/// dates, times and counters no detector wants; dropping them here keeps the list short).
///
/// Everything is read from the bitmaps of [`Bitmaps::fill`]: a word is the run of word bits
/// around a digit bit, and its shape is a few bit tests. Only the bytes just outside a word
/// (and its first unit) are read from the haystack.
pub(crate) fn candidates(
    hay: &[u8],
    edges: Edges,
    want_at: bool,
    wants: impl Fn(&Shape) -> KindSet,
    maps: &mut Bitmaps,
    out: &mut Vec<Candidate>,
) {
    maps.fill(hay);
    let n = hay.len();
    let Bitmaps { word, digit, wide, at } = &*maps;
    let mut i = 0;
    // The next `@` at or after `i`, found once and kept until the walk passes it.
    let mut next_at = if want_at { classify::next_set(at, 0) } else { None };
    while let Some(p) = classify::next_set(digit, i) {
        if let Some(a) = next_at.filter(|&a| a < p) {
            out.push(Candidate::At { pos: a });
            next_at = classify::next_set(at, a + 1);
            continue;
        }
        let s = classify::run_start(word, p);
        let e = classify::next_clear(word, p).min(n);
        i = e;
        if (s == 0 && edges.cut_start) || (e == n && edges.cut_end) {
            continue;
        }
        // Full-width units are rare: count them byte by byte.
        let (units, all_digits, ascii) = if classify::any(wide, s, e) {
            let (mut units, mut digits, mut j) = (0, 0, s);
            while j < e {
                units += 1;
                digits += usize::from(digit_at(hay, j).is_some());
                j += word_unit_at(hay, j).max(1);
            }
            (units, digits == units, false)
        } else {
            (e - s, classify::all(digit, s, e), true)
        };
        let next_len = if e + 1 < n && matches!(hay[e], b' ' | b'-' | b'.') {
            classify::next_clear(word, e + 1).min(n) - (e + 1)
        } else {
            0
        };
        let shape = Shape::of(hay, s, e, units, all_digits, ascii, next_len);
        let want = wants(&shape);
        if !want.is_empty() {
            out.push(Candidate::Word { start: s, end: e, shape, want });
        }
    }
    while let Some(a) = next_at {
        out.push(Candidate::At { pos: a });
        next_at = classify::next_set(at, a + 1);
    }
}

fn sat16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// What a word looks like, measured once by the prefilter so that each detector can decline
/// a word without reading it ([`Detector::wants`](crate::detect::Detector::wants)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Shape {
    /// Word units (characters), saturating.
    pub units: u16,
    /// Every unit is a digit (ASCII or full-width).
    pub all_digits: bool,
    /// Every unit is one ASCII byte.
    pub ascii: bool,
    /// The first unit: an ASCII digit or letter (full-width folded), or `_`.
    pub first: u8,
    /// The byte before the word (0 at the start of the haystack).
    pub before: u8,
    /// The byte before that (0 where there is none).
    pub before2: u8,
    /// The byte after the word (0 at the end of the haystack).
    pub after: u8,
    /// When `after` is a space, `-` or `.`: the length in bytes of the word that follows it
    /// (0 when none does), so that the first group of `6222 0202 …` or `10.2.…` can be told
    /// from a year in `2023-07-20` or a time in `13:49:52.288` without reading the bytes.
    pub next_len: u16,
}

impl Shape {
    /// The shape of the word `hay[s..e]`, given what only a walk over it can tell.
    fn of(
        hay: &[u8],
        s: usize,
        e: usize,
        units: usize,
        all_digits: bool,
        ascii: bool,
        next_len: usize,
    ) -> Shape {
        let first = match hay[s] {
            b if b.is_ascii_alphanumeric() || b == b'_' => b,
            _ => match (digit_at(hay, s), letter_at(hay, s)) {
                (Some((d, _)), _) => b'0' + d,
                (_, Some((c, _))) => c,
                _ => b'_',
            },
        };
        Shape {
            units: sat16(units),
            all_digits,
            ascii,
            first,
            before: if s > 0 { hay[s - 1] } else { 0 },
            before2: if s > 1 { hay[s - 2] } else { 0 },
            after: hay.get(e).copied().unwrap_or(0),
            next_len: sat16(next_len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::word_unit_before;

    /// The obvious walk, byte by byte over `text.rs`'s word units: the oracle for the
    /// bitmap version.
    fn reference(hay: &[u8], edges: Edges, want_at: bool, out: &mut Vec<Candidate>) {
        let n = hay.len();
        let mut i = 0;
        while i < n {
            if hay[i] == b'@' && want_at {
                out.push(Candidate::At { pos: i });
            }
            if digit_at(hay, i).is_none() {
                i += 1;
                continue;
            }
            let mut s = i;
            while word_unit_before(hay, s) > 0 {
                s -= word_unit_before(hay, s);
            }
            let (mut e, mut units, mut digits, mut ascii) = (s, 0, 0, true);
            while word_unit_at(hay, e) > 0 {
                units += 1;
                digits += usize::from(digit_at(hay, e).is_some());
                ascii &= word_unit_at(hay, e) == 1;
                e += word_unit_at(hay, e);
            }
            i = e;
            if (s == 0 && edges.cut_start) || (e == n && edges.cut_end) {
                continue;
            }
            let mut next = e + 1;
            if e + 1 < n && matches!(hay[e], b' ' | b'-' | b'.') {
                while word_unit_at(hay, next) > 0 {
                    next += word_unit_at(hay, next);
                }
            }
            let next_len = next - (e + 1);
            let shape = Shape::of(hay, s, e, units, digits == units, ascii, next_len);
            out.push(Candidate::Word { start: s, end: e, shape, want: KindSet::all() });
        }
    }

    fn words(s: &str, edges: Edges) -> Vec<&str> {
        let mut out = Vec::new();
        candidates(
            s.as_bytes(),
            edges,
            true,
            |_| KindSet::all(),
            &mut Bitmaps::default(),
            &mut out,
        );
        out.iter()
            .map(|c| match *c {
                Candidate::Word { start, end, .. } => &s[start..end],
                Candidate::At { pos } => &s[pos..pos + 1],
                Candidate::Text => "",
            })
            .collect()
    }

    #[test]
    fn shapes() {
        let mut out = Vec::new();
        candidates(
            "(１３8a-".as_bytes(),
            Edges::default(),
            true,
            |_| KindSet::all(),
            &mut Bitmaps::default(),
            &mut out,
        );
        let Candidate::Word { shape, .. } = out[0] else { panic!() };
        assert_eq!((shape.units, shape.all_digits, shape.ascii), (4, false, false));
        assert_eq!((shape.first, shape.before, shape.after), (b'1', b'(', b'-'));
        assert!(!shape.all_digits);
    }

    #[test]
    fn bitmaps_agree_with_the_scalar_walk() {
        let alphabet = "0189aZ_@ .-:+，１３Ａｚ中·\n".chars().collect::<Vec<_>>();
        let mut rng = crate::testutil::XorShift(0x5DEE_CE66_D1CE_4E5B);
        let mut maps = Bitmaps::default();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for len in 0..200 {
            for _ in 0..30 {
                let s: String = (0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect();
                for (cut_start, cut_end) in [(false, false), (true, true)] {
                    let e = Edges { cut_start, cut_end };
                    for want_at in [false, true] {
                        a.clear();
                        b.clear();
                        candidates(s.as_bytes(), e, want_at, |_| KindSet::all(), &mut maps, &mut a);
                        reference(s.as_bytes(), e, want_at, &mut b);
                        assert_eq!(a, b, "{s:?} {e:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn finds_digit_words_and_ats() {
        let e = Edges::default();
        assert_eq!(words("abc x1y 手机１３８ a@b 22", e), vec!["x1y", "１３８", "@", "22"]);
        assert_eq!(words("no digits here", e), Vec::<&str>::new());
        let cut = Edges { cut_start: true, cut_end: true };
        assert_eq!(words("12 34 56", cut), vec!["34"]);
    }
}
