//! `uscc`: Unified Social Credit Codes (GB 32100-2015).
//!
//! 18 characters of the GB 32100 alphabet (digits and capitals without I, O, S, V, Z):
//! registration authority (1–9, A, N, Y), entity type, a six-digit GB/T 2260 region code that
//! the region table knows (or 100000 for central authorities), a nine-character GB 11714
//! organisation code whose own check character is right, and the GB 32100 check character.

use super::{Candidate, Ctx, Detector, Shape, Trigger};
use crate::finding::Hit;
use crate::kind::Kind;
use crate::tables::regions;
use crate::text::{glued_after, glued_before};
use crate::validate::gb32100;

pub(crate) struct Uscc;

/// Whether 18 ASCII bytes are a valid USCC.
pub(crate) fn valid(w: &[u8]) -> bool {
    if w.len() != 18 || !matches!(w[0], b'1'..=b'9' | b'A' | b'N' | b'Y') {
        return false;
    }
    let body: &[u8; 17] = w[..17].try_into().expect("18 bytes");
    if gb32100::check_char(body) != Some(w[17]) {
        return false;
    }
    if !w[2..8].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let region = w[2..8].iter().fold(0u32, |a, &b| a * 10 + u32::from(b - b'0'));
    (region == 100_000 || regions::known(region)) && gb32100::org_code_valid(&w[8..17])
}

impl Detector for Uscc {
    fn kind(&self) -> Kind {
        Kind::Uscc
    }

    fn trigger(&self) -> Trigger {
        Trigger::Word
    }

    fn wants(&self, shape: &Shape) -> bool {
        shape.units == 18 && shape.ascii
    }

    fn confirm(&self, hay: &[u8], cand: Candidate, _ctx: &Ctx<'_>, out: &mut Vec<Hit>) {
        let Candidate::Word { start, end, .. } = cand else { return };
        if end - start == 18
            && !glued_before(hay, start)
            && !glued_after(hay, end)
            && valid(&hay[start..end])
        {
            out.push(Hit::new(Kind::Uscc, start, end, 0.97));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::{find, spans, uscc};
    use crate::Kind;

    #[test]
    fn codes() {
        let c = uscc("91330106", "MA2H3K4L");
        assert_eq!(spans(&format!("统一社会信用代码：{c}")), vec![(Kind::Uscc, c.as_str())]);
        let n = uscc("12110000", "40000711");
        assert_eq!(spans(&format!("{n} 单位")), vec![(Kind::Uscc, n.as_str())]);
    }

    #[test]
    fn not_codes() {
        let c = uscc("91330106", "MA2H3K4L");
        let mut bad = c.clone().into_bytes();
        bad[17] = if bad[17] == b'0' { b'1' } else { b'0' };
        let bad = String::from_utf8(bad).unwrap();
        let unknown_region = uscc("91999999", "MA2H3K4L");
        for s in [bad, unknown_region, format!("X{c}"), c.to_lowercase()] {
            assert!(find(&s).iter().all(|f| f.0 != Kind::Uscc), "{s}");
        }
    }
}
