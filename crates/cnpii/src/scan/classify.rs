//! The prefilter's first step: one pass that turns a haystack into bitmaps, one bit per byte,
//! 64 bytes at a time (simdjson's stage 1, in miniature).
//!
//! The classes: ASCII word bytes (letters, digits, `_`), ASCII digits, `@`, `0xEF` (the lead
//! byte of full-width digits and letters, and of full-width punctuation, which is common in
//! Chinese text), and the few bytes `hot.rs` looks at around a word (separators, `.`, `:`,
//! `+`, `)`, non-ASCII bytes, the last bytes of `＋` and `·`, `0`, `8`); from those, each
//! block's `visit` bits. A fix-up pass over the `0xEF` bits then marks full-width word units
//! (`１`, `Ａ`) as word bytes, and their first byte as a digit when they are digits, and
//! records where they start, so that everything after this step is bit arithmetic and never
//! reads a byte of the haystack again except at the few words a detector wants.
//!
//! The text detectors' shared pass (`name::mark`) reads other classes of the same kind
//! ([`Text`]: lead and continuation bytes, the bytes of `·`, `-`, the separators after a cue
//! word) and the bit planes of a block of per-character flags ([`planes`]).
//!
//! On x86_64 the classes and planes come from SSE2 compares, shifts and `movemask` (SSE2 is
//! part of every x86_64 target; one `unsafe` call in each of `classify`, `text` and `planes`
//! says so); elsewhere from portable loops. The tests compare the two on every byte value at
//! several offsets and on random blocks. The 16-byte loads go through `u64::from_le_bytes`
//! (the compiler emits one unaligned load), so no raw pointer is involved.

use crate::text::{digit_at, word_unit_at};

/// The bitmaps of one haystack: bit `i % 64` of word `i / 64` describes byte `i`.
#[derive(Debug, Default)]
pub(crate) struct Bitmaps {
    /// Bytes of word units: ASCII letters, digits and `_`, and all three bytes of full-width
    /// digits and letters.
    pub word: Vec<u64>,
    /// The first byte of each digit unit (ASCII or full-width).
    pub digit: Vec<u64>,
    /// The first byte of each full-width word unit.
    pub wide: Vec<u64>,
    /// `@` bytes.
    pub at: Vec<u64>,
    /// At least one byte of every word some detector may want (`hot.rs`): the prefilter
    /// visits only these words.
    pub visit: Vec<u64>,
    /// Tests: visit every word, to check that `hot.rs` skips no word that matters.
    #[cfg(test)]
    pub visit_all: bool,
}

/// Which classes [`classify`] computes: those every block needs, or those `hot.rs` reads
/// around digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Classes {
    /// `word`, `digit`, `at`, `ef`.
    Basic,
    /// The rest.
    Near,
}

/// The classes of 64 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Block {
    pub word: u64,
    pub digit: u64,
    pub at: u64,
    pub ef: u64,
    /// A space or `-`: what separates the groups of a grouped number.
    pub sep: u64,
    pub dot: u64,
    pub colon: u64,
    pub plus: u64,
    pub rparen: u64,
    /// Bytes ≥ 0x80 (the bytes of every non-ASCII character).
    pub high: u64,
    /// 0x8B and 0xB7, the last bytes of `＋` and `·`.
    pub mark: u64,
    /// `0` and `8`: the first digits of area codes and of `86`/`800`.
    pub zero: u64,
    pub eight: u64,
}

/// The classes of 64 bytes that the text detectors' shared pass reads (`name::mark`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Text {
    /// Bytes `E0`–`FF`: what may lead a three-byte sequence (as the text detectors decode).
    pub lead: u64,
    /// Bytes `F0`–`FF`, which lead no three-byte character.
    pub lead4: u64,
    /// Continuation bytes, `80`–`BF`.
    pub cont: u64,
    /// Bytes `E4`–`E9`, the leads of the Han characters the name scan steps over.
    pub han_lead: u64,
    /// `C2` and `B7`, the two bytes of `·`.
    pub c2: u64,
    pub b7: u64,
    pub dash: u64,
    /// The ASCII separators a cue word may be followed by (`name.rs`): space, tab, `:`, `=`,
    /// `"`, `'`.
    pub name_sep: u64,
}

impl Bitmaps {
    /// Classifies `hay`, reusing the buffers.
    pub fn fill(&mut self, hay: &[u8]) {
        let blocks = hay.len().div_ceil(64);
        for v in [&mut self.word, &mut self.digit, &mut self.wide, &mut self.at, &mut self.visit] {
            v.clear();
            v.resize(blocks, 0);
        }
        let block = |k: usize, classes: Classes| match hay[64 * k..].first_chunk::<64>() {
            Some(c) => classify(c, classes),
            None => {
                // Zero bytes belong to no class, so padding changes nothing.
                let mut pad = [0u8; 64];
                pad[..hay.len() - 64 * k].copy_from_slice(&hay[64 * k..]);
                classify(&pad, classes)
            }
        };
        let mut ef = false;
        for k in 0..blocks {
            let b = block(k, Classes::Basic);
            self.store(k, b);
            ef |= b.ef != 0;
        }
        // A block's `visit` bits look a few bytes into its neighbours, and matter only for
        // words with a digit (of at most 57 bytes), so a block with no digit in it or next to
        // it has none: its other classes are not even computed. A block with at most two
        // runs of digits (most of Chinese text) visits them all: the rules of `hot.rs` cost
        // more than they would save there.
        let mut carry = super::hot::Carry::default();
        let mut near = [(usize::MAX, Block::default()); 3];
        for k in 0..blocks {
            let digit = |j: usize| self.digit.get(j).copied().unwrap_or(0);
            if digit(k.wrapping_sub(1)) | digit(k) | digit(k + 1) == 0 {
                carry = super::hot::Carry::default();
                continue;
            }
            let d = digit(k);
            if (d & !(d << 1)).count_ones() <= 2 {
                self.visit[k] = d;
                carry = super::hot::Carry::ALL;
                continue;
            }
            let mut lane = |j: usize| {
                if j >= blocks {
                    return Block::default();
                }
                let slot = &mut near[j % 3];
                if slot.0 != j {
                    *slot = (j, block(j, Classes::Near));
                }
                Block { word: self.word[j], digit: self.digit[j], ..slot.1 }
            };
            let (prev, cur, next) = (lane(k.wrapping_sub(1)), lane(k), lane(k + 1));
            self.visit[k] = super::hot::visit(&prev, &cur, &next, &mut carry);
        }
        if ef {
            self.widen(hay);
        }
        #[cfg(test)]
        if self.visit_all {
            self.visit.copy_from_slice(&self.word);
        }
    }

    fn store(&mut self, k: usize, b: Block) {
        self.word[k] = b.word;
        self.digit[k] = b.digit;
        self.at[k] = b.at;
        // `wide` holds the 0xEF bytes until `widen` replaces them with unit starts.
        self.wide[k] = b.ef;
    }

    /// Replaces the `0xEF` bits in `wide` with the starts of full-width word units, and marks
    /// those units' bytes in `word` (and `digit`). Every word in and next to a block with a
    /// full-width unit is visited: `hot.rs` reasons about ASCII bytes only.
    fn widen(&mut self, hay: &[u8]) {
        for k in 0..self.wide.len() {
            let mut ef = std::mem::take(&mut self.wide[k]);
            while ef != 0 {
                let i = k * 64 + ef.trailing_zeros() as usize;
                ef &= ef - 1;
                if word_unit_at(hay, i) == 3 {
                    set(&mut self.wide, i);
                    for j in i..i + 3 {
                        set(&mut self.word, j);
                    }
                    if digit_at(hay, i).is_some() {
                        set(&mut self.digit, i);
                    }
                }
            }
        }
        for k in 0..self.wide.len() {
            if self.wide[k] != 0 {
                for j in k.saturating_sub(1)..(k + 2).min(self.wide.len()) {
                    self.visit[j] |= self.word[j];
                }
            }
        }
    }
}

/// The [`Text`] classes of block `k` of `hay` (bytes `64 * k..64 * k + 64`); past the end of
/// `hay` no byte belongs to any class.
#[inline]
pub(crate) fn text_block(hay: &[u8], k: usize) -> Text {
    match hay.get(64 * k..) {
        Some(rest) => match rest.first_chunk::<64>() {
            Some(c) => text(c),
            None => {
                let mut pad = [0u8; 64];
                pad[..rest.len()].copy_from_slice(rest);
                text(&pad)
            }
        },
        None => Text::default(),
    }
}

fn set(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

/// Whether bit `i` is set (false past the end).
#[inline(always)]
pub(crate) fn is_set(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|&w| w >> (i % 64) & 1 == 1)
}

/// The first set bit at or after `i`, if any.
#[inline(always)]
pub(crate) fn next_set(bits: &[u64], i: usize) -> Option<usize> {
    let mut k = i / 64;
    let mut w = *bits.get(k)? & (!0u64 << (i % 64));
    loop {
        if w != 0 {
            return Some(k * 64 + w.trailing_zeros() as usize);
        }
        k += 1;
        w = *bits.get(k)?;
    }
}

/// The first clear bit at or after `i` (`bits.len() * 64` when there is none).
#[inline(always)]
pub(crate) fn next_clear(bits: &[u64], i: usize) -> usize {
    let mut k = i / 64;
    let Some(&first) = bits.get(k) else { return i };
    let mut w = !first & (!0u64 << (i % 64));
    loop {
        if w != 0 {
            return k * 64 + w.trailing_zeros() as usize;
        }
        k += 1;
        match bits.get(k) {
            Some(&b) => w = !b,
            None => return k * 64,
        }
    }
}

/// One past the last clear bit before `i` (0 when every bit before `i` is set): where a run of
/// set bits that ends at `i` begins.
#[inline(always)]
pub(crate) fn run_start(bits: &[u64], i: usize) -> usize {
    let mut k = i / 64;
    let below = (1u64 << (i % 64)) - 1;
    let mut w = !bits.get(k).copied().unwrap_or(0) & below;
    loop {
        if w != 0 {
            return k * 64 + 64 - w.leading_zeros() as usize;
        }
        if k == 0 {
            return 0;
        }
        k -= 1;
        w = !bits[k];
    }
}

/// Whether any bit in `[a, b)` is set.
#[inline(always)]
pub(crate) fn any(bits: &[u64], a: usize, b: usize) -> bool {
    if a >= b {
        return false;
    }
    let (ka, kb) = (a / 64, (b - 1) / 64);
    let lo = !0u64 << (a % 64);
    let hi = !0u64 >> (63 - (b - 1) % 64);
    if ka == kb {
        return bits[ka] & lo & hi != 0;
    }
    bits[ka] & lo != 0 || bits[kb] & hi != 0 || bits[ka + 1..kb].iter().any(|&w| w != 0)
}

/// Whether every bit in `[a, b)` is set.
#[inline(always)]
pub(crate) fn all(bits: &[u64], a: usize, b: usize) -> bool {
    next_clear(bits, a) >= b
}

/// What `classify_sse2`, `text_sse2` and `planes_sse2` share. Each function enables SSE2, so
/// calling one from those (which enable it too) needs no `unsafe`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_set1_epi8,
        _mm_set_epi64x,
    };

    /// The 16 bytes of `q` as a vector: two `from_le_bytes` loads, so no raw pointer is
    /// involved (the compiler emits one unaligned load).
    #[target_feature(enable = "sse2")]
    #[inline]
    pub(super) fn load(q: &[u8]) -> __m128i {
        let lo = i64::from_le_bytes(q[..8].try_into().unwrap_or([0; 8]));
        let hi = i64::from_le_bytes(q[8..].try_into().unwrap_or([0; 8]));
        _mm_set_epi64x(hi, lo)
    }

    /// The top bit of each byte of `v`, as the low 16 bits.
    #[target_feature(enable = "sse2")]
    #[inline]
    pub(super) fn mask(v: __m128i) -> u64 {
        u64::from(_mm_movemask_epi8(v) as u16)
    }

    /// The bytes of `v` equal to `c`, as bits.
    #[target_feature(enable = "sse2")]
    #[inline]
    pub(super) fn eq(v: __m128i, c: u8) -> u64 {
        mask(_mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8)))
    }

    /// The bytes of `v` in `lo..lo + n`, as a vector mask. Signed compares: `x + (0x80 - lo)`
    /// maps `lo..lo + n` onto `-128..-128 + n`, and only bytes in the range compare below
    /// `-128 + n`.
    #[target_feature(enable = "sse2")]
    #[inline]
    pub(super) fn in_range(v: __m128i, lo: u8, n: u8) -> __m128i {
        let shifted = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
        _mm_cmplt_epi8(shifted, _mm_set1_epi8((0x80u8.wrapping_add(n)) as i8))
    }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[allow(unsafe_code)] // see the SAFETY comment
fn classify(c: &[u8; 64], classes: Classes) -> Block {
    // SAFETY: `classify_sse2` needs SSE2, and this function exists only when the target
    // enables SSE2 at compile time (`cfg(target_feature = "sse2")`, part of every x86_64
    // target), so the CPU running this code has it.
    unsafe { classify_sse2(c, classes) }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn classify_sse2(c: &[u8; 64], classes: Classes) -> Block {
    use sse2::{eq, in_range, load, mask};
    use std::arch::x86_64::{_mm_and_si128, _mm_cmpeq_epi8, _mm_or_si128, _mm_set1_epi8};
    // The intrinsics are safe to call here (this function enables SSE2).
    let mut b = Block::default();
    for (k, q) in c.chunks_exact(16).enumerate() {
        let v = load(q);
        let eq = |c: u8| eq(v, c);
        let s = 16 * k;
        if classes == Classes::Near {
            b.sep |= (eq(b' ') | eq(b'-')) << s;
            b.dot |= eq(b'.') << s;
            b.colon |= eq(b':') << s;
            b.plus |= eq(b'+') << s;
            b.rparen |= eq(b')') << s;
            b.high |= mask(v) << s;
            b.mark |= (eq(0x8B) | eq(0xB7)) << s;
            b.zero |= eq(b'0') << s;
            b.eight |= eq(b'8') << s;
            continue;
        }
        let digit = in_range(v, b'0', 10);
        // Setting bit 5 folds upper case onto lower case, and nothing else onto a-z.
        let letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26);
        let under = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
        let word = _mm_or_si128(_mm_or_si128(digit, letter), under);
        b.word |= mask(word) << s;
        b.digit |= mask(_mm_and_si128(digit, word)) << s;
        b.at |= eq(b'@') << s;
        b.ef |= eq(0xEF) << s;
    }
    b
}

/// The [`Text`] classes of 64 bytes.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[allow(unsafe_code)] // see the SAFETY comment
#[inline]
fn text(c: &[u8; 64]) -> Text {
    // SAFETY: as in `classify`: `text_sse2` needs SSE2, which this function's `cfg` makes
    // sure the target, and so the CPU running it, has.
    unsafe { text_sse2(c) }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
#[inline]
fn text_sse2(c: &[u8; 64]) -> Text {
    use sse2::{eq, in_range, load, mask};
    let mut t = Text::default();
    for (k, q) in c.chunks_exact(16).enumerate() {
        let v = load(q);
        let eq = |c: u8| eq(v, c);
        let s = 16 * k;
        t.lead |= mask(in_range(v, 0xE0, 32)) << s;
        t.lead4 |= mask(in_range(v, 0xF0, 16)) << s;
        t.cont |= mask(in_range(v, 0x80, 64)) << s;
        t.han_lead |= mask(in_range(v, 0xE4, 6)) << s;
        t.c2 |= eq(0xC2) << s;
        t.b7 |= eq(0xB7) << s;
        t.dash |= eq(b'-') << s;
        t.name_sep |= (eq(b' ') | eq(b'\t') | eq(b':') | eq(b'=') | eq(b'"') | eq(b'\'')) << s;
    }
    t
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn text(c: &[u8; 64]) -> Text {
    text_portable(c)
}

#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))] // the tests compare it with SSE2
fn text_portable(c: &[u8; 64]) -> Text {
    let mut t = Text::default();
    for (i, &byte) in c.iter().enumerate() {
        let bit = |yes: bool| u64::from(yes) << i;
        t.lead |= bit(byte >= 0xE0);
        t.lead4 |= bit(byte >= 0xF0);
        t.cont |= bit(byte & 0xC0 == 0x80);
        t.han_lead |= bit((0xE4..=0xE9).contains(&byte));
        t.c2 |= bit(byte == 0xC2);
        t.b7 |= bit(byte == 0xB7);
        t.dash |= bit(byte == b'-');
        t.name_sep |= bit(matches!(byte, b' ' | b'\t' | b':' | b'=' | b'"' | b'\''));
    }
    t
}

/// The bit planes of 64 bytes: bit `i` of plane `b` is bit `b` of byte `i`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[allow(unsafe_code)] // see the SAFETY comment
#[inline]
pub(crate) fn planes(c: &[u8; 64]) -> [u64; 8] {
    // SAFETY: as in `classify`: `planes_sse2` needs SSE2, which this function's `cfg` makes
    // sure the target, and so the CPU running it, has.
    unsafe { planes_sse2(c) }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
#[inline]
fn planes_sse2(c: &[u8; 64]) -> [u64; 8] {
    use sse2::{load, mask};
    use std::arch::x86_64::_mm_slli_epi16;
    let mut p = [0u64; 8];
    for (k, q) in c.chunks_exact(16).enumerate() {
        let v = load(q);
        // `movemask` takes the top bit of each byte. Shifting the 16-bit lanes left by
        // `7 - b` brings bit `b` of each byte there: the low byte's bits stay within it for a
        // shift of at most 7, and what crosses into the high byte lands below its top bit.
        let top = |v| mask(v) << (16 * k);
        p[7] |= top(v);
        p[6] |= top(_mm_slli_epi16::<1>(v));
        p[5] |= top(_mm_slli_epi16::<2>(v));
        p[4] |= top(_mm_slli_epi16::<3>(v));
        p[3] |= top(_mm_slli_epi16::<4>(v));
        p[2] |= top(_mm_slli_epi16::<5>(v));
        p[1] |= top(_mm_slli_epi16::<6>(v));
        p[0] |= top(_mm_slli_epi16::<7>(v));
    }
    p
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
pub(crate) fn planes(c: &[u8; 64]) -> [u64; 8] {
    planes_portable(c)
}

#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))] // the tests compare it with SSE2
fn planes_portable(c: &[u8; 64]) -> [u64; 8] {
    let mut p = [0u64; 8];
    for (i, &byte) in c.iter().enumerate() {
        for (b, plane) in p.iter_mut().enumerate() {
            *plane |= u64::from(byte >> b & 1) << i;
        }
    }
    p
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn classify(c: &[u8; 64], classes: Classes) -> Block {
    classify_portable(c, classes)
}

#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))] // the tests compare it with SSE2
fn classify_portable(c: &[u8; 64], classes: Classes) -> Block {
    let mut b = Block::default();
    for (i, &byte) in c.iter().enumerate() {
        let bit = |yes: bool| u64::from(yes) << i;
        if classes == Classes::Basic {
            b.word |= bit(byte.is_ascii_alphanumeric() || byte == b'_');
            b.digit |= bit(byte.is_ascii_digit());
            b.at |= bit(byte == b'@');
            b.ef |= bit(byte == 0xEF);
        } else {
            b.sep |= bit(byte == b' ' || byte == b'-');
            b.dot |= bit(byte == b'.');
            b.colon |= bit(byte == b':');
            b.plus |= bit(byte == b'+');
            b.rparen |= bit(byte == b')');
            b.high |= bit(byte >= 0x80);
            b.mark |= bit(byte == 0x8B || byte == 0xB7);
            b.zero |= bit(byte == b'0');
            b.eight |= bit(byte == b'8');
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::XorShift;

    #[test]
    fn classify_agrees_with_the_table_for_every_byte() {
        for byte in 0..=255u8 {
            for at in [0, 7, 15, 16, 31, 63] {
                let mut c = [b'.'; 64];
                c[at] = byte;
                for classes in [Classes::Basic, Classes::Near] {
                    let (sse, portable) = (classify(&c, classes), classify_portable(&c, classes));
                    assert_eq!(sse, portable, "{byte:#x} at {at}");
                }
                assert_eq!(text(&c), text_portable(&c), "{byte:#x} at {at}");
            }
        }
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let all: Vec<u8> = (0..=255).collect();
        for _ in 0..2000 {
            let v = rng.bytes(64, &all);
            let c: [u8; 64] = v.try_into().unwrap();
            for classes in [Classes::Basic, Classes::Near] {
                assert_eq!(classify(&c, classes), classify_portable(&c, classes));
            }
            assert_eq!(text(&c), text_portable(&c));
        }
    }

    #[test]
    fn planes_agree_with_the_bits() {
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        let all: Vec<u8> = (0..=255).collect();
        for _ in 0..2000 {
            let c: [u8; 64] = rng.bytes(64, &all).try_into().unwrap();
            let p = planes(&c);
            assert_eq!(p, planes_portable(&c));
            for (i, &byte) in c.iter().enumerate() {
                for (b, plane) in p.iter().enumerate() {
                    assert_eq!(plane >> i & 1, u64::from(byte >> b & 1), "{c:?} {i} {b}");
                }
            }
        }
    }

    fn naive_bits(n: usize, f: impl Fn(usize) -> bool) -> Vec<u64> {
        let mut v = vec![0u64; n.div_ceil(64)];
        for i in (0..n).filter(|&i| f(i)) {
            set(&mut v, i);
        }
        v
    }

    #[test]
    fn bitmaps_mark_units() {
        let alphabet = "a1_@ ，１Ａｚ中\u{EF}9-".chars().collect::<Vec<_>>();
        let mut rng = XorShift(7);
        let mut maps = Bitmaps::default();
        for len in [0, 1, 5, 63, 64, 65, 130, 300] {
            let s: String = (0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect();
            let h = s.as_bytes();
            maps.fill(h);
            let n = h.len();
            let unit_start = |i: usize| word_unit_at(h, i) > 0;
            let in_wide = |i: usize| (i.saturating_sub(2)..=i).any(|j| word_unit_at(h, j) == 3);
            let word = naive_bits(n, |i| (unit_start(i) && h[i] < 0x80) || in_wide(i));
            assert_eq!(maps.word, word, "{s:?}");
            assert_eq!(maps.digit, naive_bits(n, |i| digit_at(h, i).is_some()), "{s:?}");
            assert_eq!(maps.wide, naive_bits(n, |i| word_unit_at(h, i) == 3), "{s:?}");
            assert_eq!(maps.at, naive_bits(n, |i| h[i] == b'@'), "{s:?}");
        }
    }

    #[test]
    fn bit_walks_match_the_obvious_loops() {
        let mut rng = XorShift(11);
        for len in [1, 2, 63, 64, 65, 127, 128, 200] {
            for _ in 0..40 {
                let bits: Vec<bool> = (0..len).map(|_| rng.below(3) > 0).collect();
                let v = naive_bits(len, |i| bits[i]);
                let padded = v.len() * 64;
                let at = |i: usize| i < len && bits[i];
                for i in 0..len {
                    assert_eq!(next_set(&v, i), (i..len).find(|&j| bits[j]));
                    assert_eq!(next_clear(&v, i), (i..padded).find(|&j| !at(j)).unwrap_or(padded));
                    assert_eq!(
                        run_start(&v, i),
                        (0..i).rev().find(|&j| !bits[j]).map_or(0, |j| j + 1)
                    );
                    for j in i..=len {
                        assert_eq!(any(&v, i, j), (i..j).any(|k| bits[k]), "{i} {j}");
                        assert_eq!(all(&v, i, j), (i..j).all(|k| bits[k]), "{i} {j}");
                    }
                }
            }
        }
    }
}
