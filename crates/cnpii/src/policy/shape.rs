//! The shape of a value: where its significant characters (digits and letters, ASCII or
//! full-width) sit, so that a policy can change them and keep every separator, prefix and
//! character width where it was.

use crate::text::{digit_at, letter_at};

/// One significant character of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Byte offset in the value.
    pub at: usize,
    /// Byte length: 1 (ASCII) or 3 (full-width).
    pub len: u8,
    /// The character, folded to ASCII (`'0'..='9'`, `'A'..='Z'`, `'a'..='z'`).
    pub ch: u8,
}

impl Unit {
    pub fn is_digit(&self) -> bool {
        self.ch.is_ascii_digit()
    }

    pub fn digit(&self) -> u8 {
        self.ch - b'0'
    }
}

/// The significant characters of `value`, in order. Other bytes (separators, CJK, invalid
/// UTF-8) are not units and are copied unchanged by [`write`].
pub(crate) fn units(value: &[u8]) -> Vec<Unit> {
    let mut out = Vec::with_capacity(value.len());
    let mut i = 0;
    while i < value.len() {
        if let Some((d, l)) = digit_at(value, i) {
            out.push(Unit { at: i, len: l as u8, ch: b'0' + d });
            i += l;
        } else if let Some((c, l)) = letter_at(value, i) {
            out.push(Unit { at: i, len: l as u8, ch: c });
            i += l;
        } else {
            i += 1;
        }
    }
    out
}

/// Appends `value` to `out` with unit `k` replaced by `chars[k]` (ASCII), each written in its
/// unit's width (full-width where the original was full-width).
pub(crate) fn write(value: &[u8], units: &[Unit], chars: &[u8], out: &mut Vec<u8>) {
    debug_assert_eq!(units.len(), chars.len());
    let mut at = 0;
    for (u, &c) in units.iter().zip(chars) {
        out.extend_from_slice(&value[at..u.at]);
        if u.len == 3 {
            push_full_width(c, out);
        } else {
            out.push(c);
        }
        at = u.at + usize::from(u.len);
    }
    out.extend_from_slice(&value[at..]);
}

/// The full-width form of an ASCII digit or letter.
fn push_full_width(c: u8, out: &mut Vec<u8>) {
    let (b1, b2) = match c {
        b'0'..=b'9' => (0xBC, 0x90 + (c - b'0')),
        b'A'..=b'Z' => (0xBC, 0xA1 + (c - b'A')),
        b'a'..=b'z' => (0xBD, 0x81 + (c - b'a')),
        _ => {
            out.push(c);
            return;
        }
    };
    out.extend_from_slice(&[0xEF, b1, b2]);
}

/// The digits of `units` as values.
pub(crate) fn digit_values(units: &[Unit]) -> Vec<u8> {
    units.iter().filter(|u| u.is_digit()).map(Unit::digit).collect()
}

/// Number from digit values.
pub(crate) fn number(d: &[u8]) -> u64 {
    d.iter().fold(0u64, |a, &v| a * 10 + u64::from(v))
}

/// Writes `n` as exactly `width` digit values into `out`.
pub(crate) fn put_number(mut n: u64, out: &mut [u8]) {
    for o in out.iter_mut().rev() {
        *o = (n % 10) as u8;
        n /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_round_trip() {
        let v = "１３８-1234 ｘ".as_bytes();
        let u = units(v);
        assert_eq!(u.len(), 8);
        let chars: Vec<u8> = u.iter().map(|u| u.ch).collect();
        let mut out = Vec::new();
        write(v, &u, &chars, &mut out);
        assert_eq!(out, v);
        let mut out = Vec::new();
        write(v, &u, b"99900000", &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "９９９-0000 ０");
    }
}
