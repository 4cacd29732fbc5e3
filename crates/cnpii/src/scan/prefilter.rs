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
use crate::text::{digit_at, word_unit_at, word_unit_before};

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
        // Expand to the whole word.
        let mut s = i;
        loop {
            let l = word_unit_before(hay, s);
            if l == 0 {
                break;
            }
            s -= l;
        }
        let mut e = i;
        loop {
            let l = word_unit_at(hay, e);
            if l == 0 {
                break;
            }
            e += l;
        }
        let cut = (s == 0 && edges.cut_start) || (e == n && edges.cut_end);
        if !cut {
            out.push(Candidate::Word { start: s, end: e });
        }
        i = e;
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
                Candidate::Word { start, end } => &s[start..end],
                Candidate::At { pos } => &s[pos..pos + 1],
                Candidate::Text => "",
            })
            .collect()
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
