//! The prefilter: one pass that finds digit-bearing words and `@`s.
//!
//! Every numeric kind contains a digit (ASCII or full-width), and every e-mail an `@`, so the
//! prefilter looks only for those and expands each digit to the maximal run of word units
//! around it (`text.rs`). `classify.rs` reads every byte once, into bitmaps; `hot.rs` marks,
//! with bit operations per block, the digit-bearing words some detector may want (most dates,
//! times and counters are never visited); a visited word is measured with bit tests and
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
/// around a visit bit, and its shape is a few bit tests. Only the bytes just around a word
/// (and its first two units) are read from the haystack.
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
    let Bitmaps { word, digit, wide, at, visit, .. } = &*maps;
    let mut i = 0;
    // The next `@` at or after `i`, found once and kept until the walk passes it.
    let mut next_at = if want_at { classify::next_set(at, 0) } else { None };
    while let Some(p) = classify::next_set(visit, i) {
        if let Some(a) = next_at.filter(|&a| a < p) {
            out.push(Candidate::At { pos: a });
            next_at = classify::next_set(at, a + 1);
            continue;
        }
        let s = classify::run_start(word, p);
        let e = classify::next_clear(word, p).min(n);
        i = e;
        if (s == 0 && edges.cut_start) || (e == n && edges.cut_end) || !classify::any(digit, s, e) {
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
        let next = if e + 1 < n && matches!(hay[e], b' ' | b'-' | b'.') {
            let len = classify::next_clear(word, e + 1).min(n) - (e + 1);
            Next { len, digit: classify::is_set(digit, e + 1) }
        } else {
            Next::default()
        };
        let shape = Shape::of(hay, s, e, units, all_digits, ascii, next);
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

/// The word after a word's `after` byte, when that byte is a space, `-` or `.`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Next {
    /// Its length in bytes (0 when no word follows the separator).
    pub len: usize,
    /// Its first unit is a digit.
    pub digit: bool,
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
    /// The second unit, folded like `first` (0 when the word has one unit).
    pub second: u8,
    /// The three bytes before the word, nearest first (0 where there is none).
    pub before: u8,
    pub before2: u8,
    pub before3: u8,
    /// The byte after the word (0 at the end of the haystack).
    pub after: u8,
    /// When `after` is a space, `-` or `.`: the length in bytes of the word that follows it
    /// (0 when none does), so that the first group of `6222 0202 …` or `10.2.…` can be told
    /// from a year in `2023-07-20` or a time in `13:49:52.288` without reading the bytes.
    pub next_len: u16,
    /// That next word starts with a digit.
    pub next_digit: bool,
    /// The byte after that next word (0 when there is no next word): the second `.` of
    /// `10.2.…`, the second separator of `138 1234 5678`.
    pub after_next: u8,
    /// The word may be where an IPv6 address starts to parse: four or fewer ASCII units
    /// beside a `:`, with the colons around it that every address has
    /// ([`ip::v6_run`](crate::detect::ip::v6_run)); a time such as `13:49:52` has too few.
    pub v6: bool,
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
        next: Next,
    ) -> Shape {
        let byte = |i: Option<usize>| i.and_then(|i| hay.get(i)).copied().unwrap_or(0);
        let first_len = word_unit_at(hay, s).max(1);
        let before = byte(s.checked_sub(1));
        let after = byte(Some(e));
        let v6 = units <= 4 && ascii && crate::detect::ip::v6_run(hay, s, e);
        Shape {
            units: sat16(units),
            all_digits,
            ascii,
            first: fold(hay, s),
            second: if units > 1 { fold(hay, s + first_len) } else { 0 },
            before,
            before2: byte(s.checked_sub(2)),
            before3: byte(s.checked_sub(3)),
            after,
            next_len: sat16(next.len),
            next_digit: next.digit,
            after_next: if next.len > 0 { byte(Some(e + 1 + next.len)) } else { 0 },
            v6,
        }
    }
}

/// The word unit at `i` as one ASCII byte: a digit or letter (full-width folded), else `_`.
fn fold(hay: &[u8], i: usize) -> u8 {
    match hay[i] {
        b if b.is_ascii_alphanumeric() || b == b'_' => b,
        _ => match (digit_at(hay, i), letter_at(hay, i)) {
            (Some((d, _)), _) => b'0' + d,
            (_, Some((c, _))) => c,
            _ => b'_',
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::word_unit_before;

    /// The obvious walk, byte by byte over `text.rs`'s word units: the oracle for the
    /// bitmap version.
    fn reference(
        hay: &[u8],
        edges: Edges,
        want_at: bool,
        wants: impl Fn(&Shape) -> KindSet,
        out: &mut Vec<Candidate>,
    ) {
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
            let mut next = Next::default();
            if e + 1 < n && matches!(hay[e], b' ' | b'-' | b'.') {
                let mut j = e + 1;
                while word_unit_at(hay, j) > 0 {
                    j += word_unit_at(hay, j);
                }
                next = Next { len: j - (e + 1), digit: digit_at(hay, e + 1).is_some() };
            }
            let shape = Shape::of(hay, s, e, units, digits == units, ascii, next);
            let want = wants(&shape);
            if !want.is_empty() {
                out.push(Candidate::Word { start: s, end: e, shape, want });
            }
        }
    }

    fn words(s: &str, edges: Edges) -> Vec<&str> {
        let mut out = Vec::new();
        candidates(
            s.as_bytes(),
            edges,
            true,
            crate::detect::word_wants,
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
        // Weighted towards what the visiting rules (`hot.rs`) look at: digits, `0`, `8`, `6`,
        // separators, dots, colons, `+`, parentheses, hex letters, CJK, full-width units.
        let alphabet = "0000111446888889 .-:+()，１３Ａｚ中·\n0189aZ_@ .-:fE:X（）＋京"
            .chars()
            .collect::<Vec<_>>();
        let mut rng = crate::testutil::XorShift(0x5DEE_CE66_D1CE_4E5B);
        let mut maps = Bitmaps::default();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        // And words of every length up to 20 with random neighbours.
        let digits = "0123456789".chars().collect::<Vec<_>>();
        let mut texts = Vec::new();
        for len in 0..200 {
            for _ in 0..60 {
                texts.push((0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect());
            }
        }
        for n in 1..=20 {
            for _ in 0..300 {
                let mut s = String::new();
                for _ in 0..1 + rng.below(4) {
                    s.push(alphabet[rng.below(alphabet.len())]);
                }
                s.extend((0..n).map(|_| digits[rng.below(10)]));
                for _ in 0..rng.below(4) {
                    s.push(alphabet[rng.below(alphabet.len())]);
                }
                texts.push(s);
            }
        }
        // And long text with digits far apart, where whole blocks are skipped (`Bitmaps::fill`):
        // each digit group lands at a random offset among Chinese and ASCII words.
        let sparse = "中文，字。ab cd_ef. ：".chars().collect::<Vec<_>>();
        for _ in 0..400 {
            let mut s = String::new();
            for _ in 0..1 + rng.below(4) {
                for _ in 0..rng.below(150) {
                    s.push(sparse[rng.below(sparse.len())]);
                }
                for _ in 0..1 + rng.below(12) {
                    s.push(alphabet[rng.below(alphabet.len())]);
                }
            }
            texts.push(s);
        }
        for s in &texts {
            {
                for (cut_start, cut_end) in [(false, false), (true, true)] {
                    let e = Edges { cut_start, cut_end };
                    for want_at in [false, true] {
                        a.clear();
                        b.clear();
                        let w = crate::detect::word_wants;
                        candidates(s.as_bytes(), e, want_at, w, &mut maps, &mut a);
                        reference(s.as_bytes(), e, want_at, w, &mut b);
                        assert_eq!(a, b, "{s:?} {e:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn finds_wanted_words_and_ats() {
        let e = Edges::default();
        let s = "abc x1y 13812345678 a@b 22 10.0.0.1 2023-07-20 13:49:52";
        // `10` and the second `0` start a dotted quad.
        assert_eq!(words(s, e), vec!["13812345678", "@", "10", "0"]);
        assert_eq!(words("手机１３８１２３４５６７８", e), vec!["１３８１２３４５６７８"]);
        assert_eq!(words("no digits here", e), Vec::<&str>::new());
        let cut = Edges { cut_start: true, cut_end: true };
        assert_eq!(words("12345678 34567890 56789012", cut), vec!["34567890"]);
    }
}
