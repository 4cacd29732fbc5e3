//! `passport`: PRC passports and Mainland Travel Permits.
//!
//! Shapes: `E`/`G` + 8 digits and `E` + a letter (not I/O) + 7 digits are passports on their
//! own. Diplomatic, service and public-affairs passports (`D`/`S`/`P` + 8 digits) and the
//! Hong Kong/Macau permits (`H`/`M` + 8 digits) share their shape with too many codes, and the
//! Taiwan residents' permit is a bare 8-digit number, so those need a cue word or key (护照,
//! 通行证, 回乡证, `passport=`; 台胞证 for Taiwan).

use super::{Candidate, Ctx, Detector, Shape, Trigger};
use crate::finding::Hit;
use crate::kind::Kind;
use crate::text::{glued_after, glued_before};

pub(crate) struct Passport;

impl Detector for Passport {
    fn kind(&self) -> Kind {
        Kind::Passport
    }

    fn trigger(&self) -> Trigger {
        Trigger::Word
    }

    fn wants(&self, shape: &Shape) -> bool {
        (shape.units == 8 || shape.units == 9) && shape.ascii
    }

    fn confirm(&self, hay: &[u8], cand: Candidate, ctx: &Ctx<'_>, out: &mut Vec<Hit>) {
        let Candidate::Word { start, end, .. } = cand else { return };
        let w = &hay[start..end];
        if w.len() < 8 || w.len() > 9 || glued_before(hay, start) || glued_after(hay, end) {
            return;
        }
        let letters = w.iter().take_while(|b| b.is_ascii_uppercase()).count();
        if !w[letters..].iter().all(u8::is_ascii_digit) {
            return;
        }
        let digits = w.len() - letters;
        enum Need {
            Nothing,
            Cue,
            Taiwan,
        }
        let need = match (letters, digits, w[0]) {
            (1, 8, b'E' | b'G') => Need::Nothing,
            (2, 7, b'E') if !matches!(w[1], b'I' | b'O') => Need::Nothing,
            (1, 8, b'D' | b'S' | b'P' | b'H' | b'M') => Need::Cue,
            (0, 8, _) => Need::Taiwan,
            _ => return,
        };
        let ev = ctx.evidence(hay, start);
        let cue = ev.pos.contains(Kind::Passport);
        let conf = match need {
            _ if ev.neg => return,
            Need::Nothing if cue => 0.99,
            Need::Nothing => 0.9,
            Need::Cue if cue => 0.95,
            Need::Taiwan if ev.taiwan => 0.95,
            _ => return,
        };
        out.push(Hit::new(Kind::Passport, start, end, conf));
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::{find, spans};
    use crate::Kind;

    #[test]
    fn passports() {
        assert_eq!(spans("护照号：E12345678。"), vec![(Kind::Passport, "E12345678")]);
        assert_eq!(spans("持 G87654321 入境"), vec![(Kind::Passport, "G87654321")]);
        assert_eq!(spans("EA1234567"), vec![(Kind::Passport, "EA1234567")]);
        assert_eq!(spans("港澳通行证：H12345678"), vec![(Kind::Passport, "H12345678")]);
        assert_eq!(spans("passport=D12345678"), vec![(Kind::Passport, "D12345678")]);
        assert_eq!(spans("台胞证：12345678"), vec![(Kind::Passport, "12345678")]);
    }

    #[test]
    fn not_passports() {
        for s in [
            "H12345678",
            "E1234567",
            "E123456789",
            "EO1234567",
            "12345678",
            "xE12345678",
            "Q1234567",
            "e12345678",
        ] {
            assert!(find(s).iter().all(|f| f.0 != Kind::Passport), "{s}");
        }
    }
}
