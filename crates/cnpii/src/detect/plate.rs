//! `plate`: motor vehicle licence plates.
//!
//! A province abbreviation (`patterns/plate_provinces.txt`), the city letter (A–Z but I and O),
//! optionally `·` or a space (inside the span), then: five characters of letters and digits
//! with at least three digits (`京A12345`); six for new-energy plates, `D`/`F` first followed by
//! a letter or digit and four digits, or five digits then `D`/`F` (`粤BD12345`, `粤B12345D`); or
//! four characters and a category character 警/学/挂/港/澳/领/试/超 (`京A1234警`). A plate glued
//! to an ASCII letter or digit on either side (`x京A12345`, `京A12345x`) is not a finding.

use super::{Candidate, Ctx, Detector, Shape, Trigger};
use crate::finding::Hit;
use crate::kind::Kind;
use crate::tables::plates::province_before;
use crate::text::{glued_after, glued_before};

pub(crate) struct Plate;

const ENDINGS: [&str; 8] = ["警", "学", "挂", "港", "澳", "领", "试", "超"];
const MIDDLE_DOT: &[u8] = "·".as_bytes();

fn plate_letter(b: u8) -> bool {
    b.is_ascii_uppercase() && b != b'I' && b != b'O'
}

fn tail_ok(t: &[u8]) -> bool {
    if !t.iter().all(|&b| b.is_ascii_digit() || plate_letter(b)) {
        return false;
    }
    let digits = t.iter().filter(|b| b.is_ascii_digit()).count();
    match t.len() {
        5 => digits >= 3,
        6 => {
            let small = matches!(t[0], b'D' | b'F') && t[2..].iter().all(u8::is_ascii_digit);
            let large = matches!(t[5], b'D' | b'F') && t[..5].iter().all(u8::is_ascii_digit);
            small || large
        }
        _ => false,
    }
}

impl Detector for Plate {
    fn kind(&self) -> Kind {
        Kind::Plate
    }

    fn trigger(&self) -> Trigger {
        Trigger::Word
    }

    fn wants(&self, shape: &Shape) -> bool {
        // The city letter is the word's first unit with the province character (its last
        // byte a UTF-8 continuation byte) before it, or stands alone, after the province,
        // before a space or `·`.
        let continuation = |b: u8| b & 0xC0 == 0x80;
        (4..=7).contains(&shape.units)
            && shape.ascii
            && ((shape.first.is_ascii_uppercase() && continuation(shape.before))
                || (shape.before == b' '
                    && shape.before2.is_ascii_uppercase()
                    && continuation(shape.before3))
                || shape.before == 0xB7)
    }

    fn confirm(&self, hay: &[u8], cand: Candidate, _ctx: &Ctx<'_>, out: &mut Vec<Hit>) {
        let Candidate::Word { start, end, .. } = cand else { return };
        // Where the city letter and the province are, and where the tail starts.
        let (pstart, tail) = if plate_letter(hay[start]) && province_before(hay, start) {
            (start - 3, start + 1)
        } else {
            let l = if start >= 1 && hay[start - 1] == b' ' {
                start - 1
            } else if start >= 2 && &hay[start - 2..start] == MIDDLE_DOT {
                start - 2
            } else {
                return;
            };
            if l == 0 || !plate_letter(hay[l - 1]) || !province_before(hay, l - 1) {
                return;
            }
            (l - 4, start)
        };
        if glued_before(hay, pstart) {
            return;
        }
        let t = &hay[tail..end];
        let ending = ENDINGS.iter().find(|e| hay[end..].starts_with(e.as_bytes()));
        let stop = match ending {
            Some(e) if t.len() == 4 && t.iter().all(|&b| b.is_ascii_digit() || plate_letter(b)) => {
                end + e.len()
            }
            _ if tail_ok(t) => end,
            _ => return,
        };
        if glued_after(hay, stop) {
            return;
        }
        out.push(Hit::new(Kind::Plate, pstart, stop, 0.95));
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::{find, spans};
    use crate::Kind;

    #[test]
    fn plates() {
        for s in [
            "京A12345",
            "京A·12345",
            "沪B 6G8K2",
            "粤BD12345",
            "粤B12345D",
            "京A1234警",
            "浙A0234学",
        ] {
            assert_eq!(spans(&format!("车牌{s}的车")), vec![(Kind::Plate, s)], "{s}");
        }
    }

    #[test]
    fn not_plates() {
        for s in [
            "中A12345",
            "京a12345",
            "京I12345",
            "京A123456",
            "京AABC12",
            "京A1234",
            "x京A12345",
            "1京A12345",
            "SN.京A12345",
        ] {
            assert!(find(s).iter().all(|f| f.0 != Kind::Plate), "{s}");
        }
    }
}
