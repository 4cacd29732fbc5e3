//! Byte-level character helpers shared by the scanner and the detectors.
//!
//! cnpii works on bytes, not `str`: input may be invalid UTF-8. The only multi-byte characters
//! the numeric detectors care about are full-width digits and letters (U+FF10–FF19, U+FF21–FF3A,
//! U+FF41–FF5A), which UTF-8 encodes as three bytes starting `EF BC` or `EF BD`.
//!
//! A *word unit* is an ASCII letter, digit or `_`, or a full-width digit or letter. A value that
//! touches a word unit is glued to it and is not a finding (CONTRACT.md, "Spans").

/// The value of the digit at `i` and its length in bytes (1 ASCII, 3 full-width).
#[inline]
pub(crate) fn digit_at(hay: &[u8], i: usize) -> Option<(u8, usize)> {
    match hay.get(i)? {
        b @ b'0'..=b'9' => Some((b - b'0', 1)),
        0xEF => match (hay.get(i + 1), hay.get(i + 2)) {
            (Some(0xBC), Some(&b @ 0x90..=0x99)) => Some((b - 0x90, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// The ASCII letter at `i` (full-width letters folded to ASCII) and its length in bytes.
#[inline]
pub(crate) fn letter_at(hay: &[u8], i: usize) -> Option<(u8, usize)> {
    match hay.get(i)? {
        &b if b.is_ascii_alphabetic() => Some((b, 1)),
        0xEF => match (hay.get(i + 1), hay.get(i + 2)) {
            (Some(0xBC), Some(&b @ 0xA1..=0xBA)) => Some((b - 0xA1 + b'A', 3)),
            (Some(0xBD), Some(&b @ 0x81..=0x9A)) => Some((b - 0x81 + b'a', 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Length in bytes of the word unit starting at `i`, or 0.
#[inline]
pub(crate) fn word_unit_at(hay: &[u8], i: usize) -> usize {
    match hay.get(i) {
        Some(&b) if b.is_ascii_alphanumeric() || b == b'_' => 1,
        Some(0xEF) => match (hay.get(i + 1), hay.get(i + 2)) {
            (Some(0xBC), Some(0x90..=0x99 | 0xA1..=0xBA)) | (Some(0xBD), Some(0x81..=0x9A)) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

/// Length in bytes of the word unit that ends just before `i`, or 0.
#[inline]
pub(crate) fn word_unit_before(hay: &[u8], i: usize) -> usize {
    if i == 0 {
        return 0;
    }
    let b = hay[i - 1];
    if b.is_ascii_alphanumeric() || b == b'_' {
        return 1;
    }
    if i >= 3 && word_unit_at(hay, i - 3) == 3 {
        return 3;
    }
    0
}

/// Whether a value starting at `start` is glued to what stands before it: a word unit, or a
/// `.` that follows a word unit (`v1.3.18612345678`).
#[inline]
pub(crate) fn glued_before(hay: &[u8], start: usize) -> bool {
    if word_unit_before(hay, start) > 0 {
        return true;
    }
    start >= 2 && hay[start - 1] == b'.' && word_unit_before(hay, start - 1) > 0
}

/// Whether a value ending at `end` is glued to what follows: a word unit, or a `.` followed by
/// a word unit (`13812345678.jpg`).
#[inline]
pub(crate) fn glued_after(hay: &[u8], end: usize) -> bool {
    if word_unit_at(hay, end) > 0 {
        return true;
    }
    hay.get(end) == Some(&b'.') && word_unit_at(hay, end + 1) > 0
}

/// Whether a digit group starting at `start` and followed by the separator `sep` continues a
/// number grouped by `sep` (`6222 0202 …`): `sep` stands just before it, after a group of at
/// most six digits that is not the tail of a date, time, decimal or word
/// (`2024-01-01 138 1234 5678` and `SKU12 138 1234 5678` start a new number).
pub(crate) fn continues_group(hay: &[u8], start: usize, sep: u8) -> bool {
    if start == 0 || hay[start - 1] != sep {
        return false;
    }
    let mut i = start - 1;
    let mut n = 0;
    while n <= 6 {
        if i >= 1 && hay[i - 1].is_ascii_digit() {
            i -= 1;
        } else if i >= 3 && digit_at(hay, i - 3).is_some_and(|d| d.1 == 3) {
            i -= 3;
        } else {
            break;
        }
        n += 1;
    }
    let tail = i > 0
        && (word_unit_before(hay, i) > 0
            || (hay[i - 1] != sep && matches!(hay[i - 1], b'-' | b'.' | b':' | b'/')));
    (1..=6).contains(&n) && !tail
}

/// The first position at or after `i` that holds a non-ASCII byte or the byte `b`
/// (`hay.len()` if none): a SWAR skip over plain ASCII, eight bytes a step, in safe code.
///
/// Design rationale: the text detectors look only at non-ASCII bytes (and one ASCII byte at
/// most), and logs are mostly ASCII; a byte-at-a-time loop over them was a tenth of a scan.
#[inline]
pub(crate) fn skip_ascii_except(hay: &[u8], mut i: usize, b: u8) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let pat = LO * u64::from(b);
    while let Some(w) = hay.get(i..i + 8) {
        let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        // High bit of a byte: non-ASCII. `x - LO & !x & HI` flags the zero bytes of `x` (bytes
        // equal to `b`); a borrow can flag a spurious byte only above a true one, so the lowest
        // flag is always exact.
        let x = w ^ pat;
        let m = (w | (x.wrapping_sub(LO) & !x)) & HI;
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < hay.len() && hay[i] < 0x80 && hay[i] != b {
        i += 1;
    }
    i.min(hay.len())
}

/// The code point of the three-byte sequence `b0 b1 b2`, from the low bits of each byte (the
/// lead's low four, the continuation bytes' low six), without checking the bytes: the one
/// decoding of the text detectors, so that the shared pass and each detector's own walk read
/// the same character from the same bytes, malformed ones included.
#[inline]
pub(crate) fn decode3(b0: u8, b1: u8, b2: u8) -> u32 {
    (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F)
}

/// The length of the UTF-8 sequence at `i`: its lead byte's length when that many bytes follow
/// and all but the first are continuation bytes, else 1. Never more than the lead byte and the
/// continuation bytes after it, so a scan that looks only at lead bytes may step by it.
#[inline]
pub(crate) fn seq_len(hay: &[u8], i: usize) -> usize {
    let n = match hay.get(i) {
        Some(0xC2..=0xDF) => 2,
        Some(0xE0..=0xEF) => 3,
        Some(0xF0..=0xF4) => 4,
        _ => return 1,
    };
    match hay.get(i + 1..i + n) {
        Some(tail) if tail.iter().all(|&b| b & 0xC0 == 0x80) => n,
        _ => 1,
    }
}

/// A set of characters of the Basic Multilingual Plane, as a bit set.
///
/// Design rationale: the text detectors test one or two characters of every Chinese character
/// of the input against a set; at 8 KiB the bit set stays in the L1 cache, where a byte per
/// character (64 KiB) does not.
pub(crate) struct CharSet(Box<[u64; 1024]>);

impl CharSet {
    /// The empty set.
    pub fn new() -> CharSet {
        CharSet(Box::new([0; 1024]))
    }

    /// The set of the characters of `s`.
    pub fn of(s: &str) -> CharSet {
        let mut set = CharSet::new();
        for c in s.chars() {
            set.insert(c as u32);
        }
        set
    }

    /// Adds `cp` (ignored outside the BMP).
    pub fn insert(&mut self, cp: u32) {
        if cp <= 0xFFFF {
            self.0[(cp >> 6) as usize & 1023] |= 1 << (cp & 63);
        }
    }

    /// Whether `cp` is in the set.
    #[inline]
    pub fn contains(&self, cp: u32) -> bool {
        cp <= 0xFFFF && self.0[(cp >> 6) as usize & 1023] & (1 << (cp & 63)) != 0
    }
}

/// Up to 24 digit values read from the haystack: a stack buffer, so reading a candidate
/// allocates nothing.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Digits {
    pub vals: [u8; 24],
    pub n: usize,
}

impl Digits {
    /// Reads up to `max` (at most 24) consecutive digits at `i`. Returns the digits, the end
    /// offset, and whether a further digit follows.
    pub fn read(hay: &[u8], mut i: usize, max: usize) -> (Digits, usize, bool) {
        let mut d = Digits { vals: [0; 24], n: 0 };
        let max = max.min(24);
        while let Some((v, l)) = digit_at(hay, i) {
            if d.n == max {
                return (d, i, true);
            }
            d.vals[d.n] = v;
            d.n += 1;
            i += l;
        }
        (d, i, false)
    }

    /// Appends the digits of `other`, up to capacity.
    pub fn extend(&mut self, other: &Digits) {
        for &v in other.digits() {
            if self.n < 24 {
                self.vals[self.n] = v;
                self.n += 1;
            }
        }
    }

    pub fn digits(&self) -> &[u8] {
        &self.vals[..self.n]
    }

    /// Digits `from..to` as a number (for prefixes of at most 9 digits).
    pub fn number(&self, from: usize, to: usize) -> u32 {
        self.vals[from..to].iter().fold(0u32, |a, &d| a * 10 + u32::from(d))
    }

    /// The digits as ASCII, into `buf`.
    pub fn ascii<'b>(&self, buf: &'b mut [u8; 24]) -> &'b [u8] {
        for (o, v) in buf.iter_mut().zip(self.digits()) {
            *o = b'0' + v;
        }
        &buf[..self.n]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_letters() {
        let s = "１３Ｘｘ".as_bytes();
        assert_eq!(digit_at(s, 0), Some((1, 3)));
        assert_eq!(digit_at(s, 3), Some((3, 3)));
        assert_eq!(letter_at(s, 6), Some((b'X', 3)));
        assert_eq!(letter_at(s, 9), Some((b'x', 3)));
        assert_eq!(word_unit_at(s, 9), 3);
        assert_eq!(word_unit_before(s, 12), 3);
        assert_eq!(digit_at("，".as_bytes(), 0), None);
        assert_eq!(word_unit_at("，".as_bytes(), 0), 0);
    }

    #[test]
    fn glue() {
        let s = b"v1.3.18612345678 x";
        assert!(glued_before(s, 5));
        assert!(!glued_before(b" 1", 1));
        assert!(glued_after(b"1.jpg", 1));
        assert!(!glued_after(b"1. ", 1));
        assert!(!glued_after(b"1.", 1));
        assert!(glued_before("ａ1".as_bytes(), 3));
        assert!(!glued_before("号1".as_bytes(), 3));
    }

    #[test]
    fn grouped_number_continuation() {
        let at = |s: &str, group: &str| s.find(group).unwrap();
        let s = "6222 138 1234 5678";
        assert!(continues_group(s.as_bytes(), at(s, "138"), b' '));
        let s = "卡６２２２ 138 1234";
        assert!(continues_group(s.as_bytes(), at(s, "138"), b' '));
        for s in [
            "2024-01-01 138 1234 5678",
            "10:30:00 138 1234 5678",
            "SKU12 138 1234 5678",
            "13812345678 138 1234 5678",
        ] {
            assert!(!continues_group(s.as_bytes(), at(s, "138 "), b' '), "{s}");
        }
        // The separator must be the number's own.
        let s = "2024 138-1234-5678";
        assert!(!continues_group(s.as_bytes(), at(s, "138"), b'-'));
    }

    #[test]
    fn ascii_skip() {
        let naive = |h: &[u8], i: usize, b: u8| {
            (i..h.len()).find(|&j| h[j] >= 0x80 || h[j] == b).unwrap_or(h.len())
        };
        // Every offset of every short haystack over a small alphabet, and a long one.
        let alphabet = [b'a', b'-', 0x00, 0x01, 0x7F, 0x80, 0xE5, 0xFF];
        let mut rng = crate::testutil::XorShift(0x2545_F491_4F6C_DD1D);
        for len in 0..40 {
            for _ in 0..50 {
                let h = rng.bytes(len, &alphabet);
                for i in 0..=len {
                    for b in [b'-', 0x00, b'a'] {
                        assert_eq!(skip_ascii_except(&h, i, b), naive(&h, i, b), "{h:?} {i} {b}");
                    }
                }
            }
        }
        let h = "a".repeat(1000) + "号";
        assert_eq!(skip_ascii_except(h.as_bytes(), 3, b'-'), 1000);
    }

    #[test]
    fn sequence_lengths() {
        for (s, want) in [("a", 1), ("·", 2), ("，", 3), ("号", 3), ("😀", 4)] {
            assert_eq!(seq_len(s.as_bytes(), 0), want, "{s}");
            assert_eq!(seq_len(format!("{s}x").as_bytes(), 0), want, "{s}");
        }
        for b in [&[0xE5u8, 0x8F][..], &[0xE5, 0x41, 0x80], &[0x80, 0x80], &[0xC2], &[0xFF, 0x80]] {
            assert_eq!(seq_len(b, 0), 1, "{b:?}");
        }
        assert_eq!(seq_len(b"", 0), 1);
    }

    #[test]
    fn char_sets() {
        let set = CharSet::of("号楼a\u{FFFF}\u{10000}");
        for c in "号楼a\u{FFFF}".chars() {
            assert!(set.contains(c as u32), "{c}");
        }
        for cp in ['室' as u32, 'b' as u32, 0, 0x1_0000, 0x1_53F7, u32::MAX] {
            assert!(!set.contains(cp), "{cp:X}");
        }
    }

    #[test]
    fn digit_runs() {
        let (d, end, more) = Digits::read("12３4a".as_bytes(), 0, 10);
        assert_eq!(d.digits(), &[1, 2, 3, 4]);
        assert_eq!((end, more), (6, false));
        assert_eq!(d.number(0, 4), 1234);
        let (d, end, more) = Digits::read(b"123456", 0, 3);
        assert_eq!((d.n, end, more), (3, 3, true));
    }
}
