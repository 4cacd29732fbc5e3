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
        let first = match hay[s] {
            b if b.is_ascii_alphanumeric() || b == b'_' => b,
            _ => match (digit_at(hay, s), letter_at(hay, s)) {
                (Some((d, _)), _) => b'0' + d,
                (_, Some((c, _))) => c,
                _ => b'_',
            },
        };
        let shape = Shape {
            units: sat16(units),
            all_digits,
            ascii,
            first,
            before: if s > 0 { hay[s - 1] } else { 0 },
            before2: if s > 1 { hay[s - 2] } else { 0 },
            after: hay.get(e).copied().unwrap_or(0),
            next_len: if e + 1 < n && matches!(hay[e], b' ' | b'-' | b'.') {
                sat16(classify::next_clear(word, e + 1).min(n) - (e + 1))
            } else {
                0
            },
        };
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
    /// Whether every unit is a digit.
    pub fn all_digits(&self) -> bool {
        self.all_digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::word_unit_before;

    // The scalar prefilter this module replaced: a byte-at-a-time SWAR skip and a word walk.
    // It is the oracle for the bitmap version.
    /// Bytes that can start something interesting: ASCII digits, `@`, and 0xEF (the lead byte of
    /// full-width digits).
    static INTERESTING: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = b'0';
        while b <= b'9' {
            t[b as usize] = true;
            b += 1;
        }
        t[b'@' as usize] = true;
        t[0xEF] = true;
        t
    };

    /// Byte classes for the word walk: an ASCII word unit (letter, digit, `_`), and a digit.
    const WORD: u8 = 1;
    const DIGIT: u8 = 2;
    static CLASS: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0;
        while b < 128 {
            let c = b as u8;
            if c.is_ascii_alphanumeric() || c == b'_' {
                t[b] = WORD;
            }
            if c.is_ascii_digit() {
                t[b] |= DIGIT;
            }
            b += 1;
        }
        t
    };

    /// The first position at or after `i` whose byte is [`INTERESTING`], or `hay.len()`.
    ///
    /// SWAR, eight bytes a step, in safe code: an ASCII digit is a byte below 0x80 that is at
    /// least 0x30 and below 0x3A (its low seven bits plus 0x50, resp. 0x46, carry into the high
    /// bit, and cannot carry further); `@` and 0xEF are found with the zero-byte test
    /// `(x - 0x01…) & !x & 0x80…` on `x = w ^ pattern`, whose lowest flag is always exact (a
    /// borrow can only flag bytes above a true zero byte).
    #[inline]
    fn next_interesting(hay: &[u8], mut i: usize) -> usize {
        const LO: u64 = 0x0101_0101_0101_0101;
        const HI: u64 = 0x8080_8080_8080_8080;
        while let Some(w) = hay.get(i..i + 8) {
            let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
            let low = w & !HI;
            let digit = (low + LO * 0x50) & !(low + LO * 0x46) & !w;
            let at = w ^ (LO * u64::from(b'@'));
            let ef = w ^ (LO * 0xEF);
            let m = (digit | (at.wrapping_sub(LO) & !at) | (ef.wrapping_sub(LO) & !ef)) & HI;
            if m != 0 {
                return i + (m.trailing_zeros() / 8) as usize;
            }
            i += 8;
        }
        while i < hay.len() && !INTERESTING[usize::from(hay[i])] {
            i += 1;
        }
        i.min(hay.len())
    }

    /// Pushes the candidates of `hay` onto `out`, in order of their start.
    fn reference(hay: &[u8], edges: Edges, want_at: bool, out: &mut Vec<Candidate>) {
        let n = hay.len();
        let mut i = 0;
        loop {
            i = next_interesting(hay, i);
            if i >= n {
                break;
            }
            let b = hay[i];
            if b == b'@' {
                if want_at {
                    out.push(Candidate::At { pos: i });
                }
                i += 1;
                continue;
            }
            if b == 0xEF && digit_at(hay, i).is_none() {
                i += 1;
                continue;
            }
            // Expand to the whole word, noting its shape on the way: ASCII units through the class
            // table, full-width ones (rare) through `text.rs`.
            let (mut units, mut digits, mut ascii) = (0usize, 0usize, true);
            let mut s = i;
            loop {
                if s > 0 && CLASS[usize::from(hay[s - 1])] & WORD != 0 {
                    s -= 1;
                    units += 1;
                    digits += usize::from(CLASS[usize::from(hay[s])] >> 1);
                    continue;
                }
                // Full-width units start with 0xEF; anything else ends the word.
                let l = if s >= 3 && hay[s - 3] == 0xEF { word_unit_before(hay, s) } else { 0 };
                if l == 0 {
                    break;
                }
                s -= l;
                units += 1;
                ascii = false;
                digits += usize::from(digit_at(hay, s).is_some());
            }
            let mut e = i;
            loop {
                if e < n && CLASS[usize::from(hay[e])] & WORD != 0 {
                    units += 1;
                    digits += usize::from(CLASS[usize::from(hay[e])] >> 1);
                    e += 1;
                    continue;
                }
                let l = if e < n && hay[e] == 0xEF { word_unit_at(hay, e) } else { 0 };
                if l == 0 {
                    break;
                }
                units += 1;
                ascii = false;
                digits += usize::from(digit_at(hay, e).is_some());
                e += l;
            }
            let cut = (s == 0 && edges.cut_start) || (e == n && edges.cut_end);
            if !cut {
                let first = match (digit_at(hay, s), letter_at(hay, s)) {
                    (Some((d, _)), _) => b'0' + d,
                    (_, Some((c, _))) => c,
                    _ => b'_',
                };
                let shape = Shape {
                    units: sat16(units),
                    all_digits: digits == units,
                    ascii,
                    first,
                    before: if s > 0 { hay[s - 1] } else { 0 },
                    before2: if s > 1 { hay[s - 2] } else { 0 },
                    after: hay.get(e).copied().unwrap_or(0),
                    next_len: if e + 1 < n && matches!(hay[e], b' ' | b'-' | b'.') {
                        let mut j = e + 1;
                        while j < n && word_unit_at(hay, j) > 0 {
                            j += word_unit_at(hay, j);
                        }
                        sat16(j - (e + 1))
                    } else {
                        0
                    },
                };
                out.push(Candidate::Word { start: s, end: e, shape, want: KindSet::all() });
            }
            i = e;
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
        assert!(!shape.all_digits());
    }

    #[test]
    fn swar_skip_matches_the_table() {
        let naive = |h: &[u8], i: usize| {
            (i..h.len()).find(|&j| INTERESTING[usize::from(h[j])]).unwrap_or(h.len())
        };
        let alphabet =
            [b'a', b'/', b'0', b'9', b':', b'@', b'?', 0xEF, 0xEE, 0x6F, 0xB0, 0xC0, 0xFF, 0];
        let mut rng = crate::testutil::XorShift(0x2545_F491_4F6C_DD1D);
        for len in 0..48 {
            for _ in 0..60 {
                let h = rng.bytes(len, &alphabet);
                for i in 0..=len {
                    assert_eq!(next_interesting(&h, i), naive(&h, i), "{h:?} {i}");
                }
            }
        }
        // Every byte value, alone in a run of letters, at every offset of a word.
        for b in 0..=255u8 {
            for at in 0..9 {
                let mut h = vec![b'x'; 20];
                h[at] = b;
                assert_eq!(next_interesting(&h, 0), naive(&h, 0), "{b:#x} at {at}");
            }
        }
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
