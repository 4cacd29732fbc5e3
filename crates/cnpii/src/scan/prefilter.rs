//! The prefilter: one pass that finds digit-bearing words and `@`s.
//!
//! Every numeric kind contains a digit (ASCII or full-width), and every e-mail an `@`, so the
//! prefilter looks only for those bytes and expands each digit to the maximal run of word units
//! around it (`text.rs`). Words without a digit are never touched beyond the bytes that skip
//! over them. It may report words no detector wants (false positives); it never misses a word
//! that holds a finding (no false negatives).
//!
//! A word that touches a cut edge of the haystack (`Edges`) may continue outside it; it is
//! dropped, which is safe because the chunker's context is longer than any finding.

use super::Edges;
use crate::detect::Candidate;
use crate::text::{digit_at, letter_at, word_unit_at, word_unit_before};

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

/// Pushes the candidates of `hay` onto `out`, in order of their start.
pub(crate) fn candidates(hay: &[u8], edges: Edges, want_at: bool, out: &mut Vec<Candidate>) {
    let mut i = 0;
    let n = hay.len();
    while i < n {
        // Skip uninteresting bytes.
        match hay[i..].iter().position(|&b| INTERESTING[b as usize]) {
            Some(p) => i += p,
            None => break,
        }
        let b = hay[i];
        if b == b'@' {
            if want_at {
                out.push(Candidate::At { pos: i });
            }
            i += 1;
            continue;
        }
        if digit_at(hay, i).is_none() {
            i += 1;
            continue;
        }
        // Expand to the whole word, noting its shape on the way.
        let mut shape = Shape { units: 0, digits: 0, ascii: true, first: 0, before: 0, after: 0 };
        let mut s = i;
        loop {
            let l = word_unit_before(hay, s);
            if l == 0 {
                break;
            }
            s -= l;
            shape.add(hay, s, l);
        }
        let mut e = i;
        loop {
            let l = word_unit_at(hay, e);
            if l == 0 {
                break;
            }
            shape.add(hay, e, l);
            e += l;
        }
        let cut = (s == 0 && edges.cut_start) || (e == n && edges.cut_end);
        if !cut {
            shape.first = match (digit_at(hay, s), letter_at(hay, s)) {
                (Some((d, _)), _) => b'0' + d,
                (_, Some((c, _))) => c,
                _ => b'_',
            };
            shape.before = if s > 0 { hay[s - 1] } else { 0 };
            shape.after = hay.get(e).copied().unwrap_or(0);
            out.push(Candidate::Word { start: s, end: e, shape });
        }
        i = e;
    }
}

/// What a word looks like, measured once by the prefilter so that each detector can decline
/// a word without reading it ([`Detector::wants`](crate::detect::Detector::wants)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Shape {
    /// Word units (characters), saturating.
    pub units: u16,
    /// Digits among them (ASCII or full-width), saturating.
    pub digits: u16,
    /// Every unit is one ASCII byte.
    pub ascii: bool,
    /// The first unit: an ASCII digit or letter (full-width folded), or `_`.
    pub first: u8,
    /// The byte before the word (0 at the start of the haystack).
    pub before: u8,
    /// The byte after the word (0 at the end of the haystack).
    pub after: u8,
}

impl Shape {
    #[inline]
    fn add(&mut self, hay: &[u8], at: usize, len: usize) {
        self.units = self.units.saturating_add(1);
        if len == 1 {
            self.digits = self.digits.saturating_add(u16::from(hay[at].is_ascii_digit()));
        } else {
            self.ascii = false;
            self.digits = self.digits.saturating_add(u16::from(digit_at(hay, at).is_some()));
        }
    }

    /// Whether every unit is a digit.
    pub fn all_digits(&self) -> bool {
        self.digits == self.units
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str, edges: Edges) -> Vec<&str> {
        let mut out = Vec::new();
        candidates(s.as_bytes(), edges, true, &mut out);
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
        candidates("(１３8a-".as_bytes(), Edges::default(), true, &mut out);
        let Candidate::Word { shape, .. } = out[0] else { panic!() };
        assert_eq!((shape.units, shape.digits, shape.ascii), (4, 3, false));
        assert_eq!((shape.first, shape.before, shape.after), (b'1', b'(', b'-'));
        assert!(!shape.all_digits());
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
