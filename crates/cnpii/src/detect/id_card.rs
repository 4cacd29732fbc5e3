//! `id_card`: PRC resident identity card numbers (GB 11643).
//!
//! 18 characters: a GB/T 2260 region code (current or retired), a birth date `YYYYMMDD`
//! between 1900-01-01 and today, a 3-digit sequence and an ISO 7064 MOD 11-2 check character
//! (`X` in either case, full-width too). The 15-digit legacy form: region, `YYMMDD` read as
//! 19YY, sequence. Every check must pass: a right checksum with an unknown region or an
//! impossible date is not an ID.

use super::{Candidate, Ctx, Detector, Shape, Trigger};
use crate::finding::Hit;
use crate::kind::Kind;
use crate::tables::regions;
use crate::text::{glued_after, glued_before, letter_at, Digits};
use crate::validate::{mod11_2, Date};

pub(crate) struct IdCard;

impl Detector for IdCard {
    fn kind(&self) -> Kind {
        Kind::IdCard
    }

    fn trigger(&self) -> Trigger {
        Trigger::Word
    }

    fn wants(&self, shape: &Shape) -> bool {
        shape.units == 15 || shape.units == 18
    }

    fn confirm(&self, hay: &[u8], cand: Candidate, ctx: &Ctx<'_>, out: &mut Vec<Hit>) {
        let Candidate::Word { start, end, .. } = cand else { return };
        if glued_before(hay, start) || glued_after(hay, end) {
            return;
        }
        let (d, i, more) = Digits::read(hay, start, 18);
        if more {
            return;
        }
        let valid = match d.n {
            18 if i == end => check18(&d, None, ctx.today),
            17 => match letter_at(hay, i) {
                Some((b'X' | b'x', l)) if i + l == end => check18(&d, Some(b'X'), ctx.today),
                _ => false,
            },
            15 if i == end => check15(&d),
            _ => false,
        };
        if valid {
            out.push(Hit::new(Kind::IdCard, start, end, 0.99));
        }
    }
}

/// Checks 18 characters: 17 digits in `d` (18 when the check is a digit) and the check
/// character `x` when it is a letter.
pub(crate) fn check18(d: &Digits, x: Option<u8>, today: Date) -> bool {
    let body: &[u8; 17] = d.vals[..17].try_into().expect("17 digits");
    let want = mod11_2::check_char(body);
    let got = x.unwrap_or_else(|| b'0' + d.vals[17]);
    if want != got {
        return false;
    }
    let Some(birth) = Date::new(d.number(6, 10), d.number(10, 12), d.number(12, 14)) else {
        return false;
    };
    birth.year >= 1900 && birth <= today && regions::known(d.number(0, 6))
}

/// Checks the 15-digit legacy form.
pub(crate) fn check15(d: &Digits) -> bool {
    Date::new(1900 + d.number(6, 8), d.number(8, 10), d.number(10, 12)).is_some()
        && regions::known(d.number(0, 6))
}

#[cfg(test)]
mod tests {
    use crate::testutil::{find, id18};
    use crate::Kind;

    #[test]
    fn valid_and_invalid() {
        assert_eq!(find("身份证 11010519491231002X。"), vec![(Kind::IdCard, 10, 28)]);
        assert_eq!(find("id=11010519491231002x"), vec![(Kind::IdCard, 3, 21)]);
        // Wrong check digit, impossible date, unknown region, glued, too long.
        assert!(find("11010519491231002Y 110105194912310021 11010519491331002X").is_empty());
        assert!(find("99010519491231002X A11010519491231002X 11010519491231002X1").is_empty());
        // A correct check digit does not rescue a future birth date or an unknown region.
        assert!(find(&id18("11010520990101001")).is_empty());
        assert!(find(&id18("99999919900101001")).is_empty());
        assert_eq!(find(&id18("11010519900101001")).len(), 1);
        // Legacy 15-digit form.
        assert_eq!(find("旧证 110105491231002 ok"), vec![(Kind::IdCard, 7, 22)]);
        assert!(find("110105491331002").is_empty());
    }

    #[test]
    fn full_width() {
        let s = "证件：１１０１０５１９４９１２３１００２Ｘ";
        let f = find(s);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].1, f[0].2), (9, s.len()));
    }

    #[test]
    fn masked_is_not_an_id() {
        assert!(find("110101********1234").is_empty());
    }
}
