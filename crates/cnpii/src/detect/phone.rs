//! `phone`: mainland mobile numbers, landlines with an area code, and 400/800 numbers.
//!
//! Forms (CONTRACT.md): mobiles of a real segment (`patterns/mobile_prefixes.tsv`), contiguous
//! or grouped 3-4-4 by one kind of separator, with an optional `+86` (also `＋86`), `0086` or
//! `86-` prefix; landlines with a real area code (`patterns/area_codes.tsv`) and a 7- or 8-digit
//! subscriber number, the area code set off by `-`, a space or parentheses (ASCII or
//! full-width), the subscriber number optionally grouped 4-4, and an optional extension
//! (`-8023`, `转8023`, ` ext.8023`), also after a country prefix, with or without the trunk 0
//! (`+86 10 …`, `+86 (0755) …`); 10-digit 400/800 numbers, contiguous or grouped.
//!
//! A group that continues a longer grouped number (`6222 138 1234 5678`) starts no grouped
//! phone; a date, time or decimal before it (`2024-01-01 138 1234 5678`) is not such a group
//! (`text::continues_group`).
//!
//! Evidence: a contiguous mobile under an identifier key (`uid=`, `order_id=`, …) or a QQ cue is
//! not a phone. A contiguous landline (`02112345678`) needs a phone key or cue, since a bare
//! 11–12 digit run starting with 0 is as often an account or order number.

use super::{Candidate, Ctx, Detector, Shape, Trigger};
use crate::finding::Hit;
use crate::kind::Kind;
use crate::tables::phone::{area_code, mobile_segment, MobileClass};
use crate::text::{continues_group, digit_at, glued_after, glued_before, Digits};

pub(crate) struct Phone;

const FW_OPEN: &[u8] = "（".as_bytes();
const FW_CLOSE: &[u8] = "）".as_bytes();
const FW_PLUS: &[u8] = "＋".as_bytes();

fn sep_at(hay: &[u8], i: usize) -> Option<u8> {
    match hay.get(i) {
        Some(&b @ (b' ' | b'-')) => Some(b),
        _ => None,
    }
}

/// Byte offset after `n` digits starting at `i`.
fn skip_digits(hay: &[u8], mut i: usize, n: usize) -> usize {
    for _ in 0..n {
        i += digit_at(hay, i).map_or(0, |d| d.1);
    }
    i
}

/// A digit group of exactly `n` digits at `i`: its digits and end.
fn group(hay: &[u8], i: usize, n: usize) -> Option<(Digits, usize)> {
    let (d, e, more) = Digits::read(hay, i, n);
    (d.n == n && !more).then_some((d, e))
}

/// An 11-digit mobile body at `i`: contiguous or 3-4-4 with one separator.
/// Returns the end, whether it was grouped, and the first five digits.
fn mobile_body(hay: &[u8], i: usize) -> Option<(usize, bool, u32)> {
    let (d, e, more) = Digits::read(hay, i, 11);
    if more {
        return None;
    }
    match d.n {
        11 => Some((e, false, d.number(0, 5))),
        3 => {
            let s = sep_at(hay, e)?;
            let (g2, e2) = group(hay, e + 1, 4)?;
            (hay.get(e2) == Some(&s)).then_some(())?;
            let (_, e3) = group(hay, e2 + 1, 4)?;
            if hay.get(e3) == Some(&s) && digit_at(hay, e3 + 1).is_some() {
                return None;
            }
            Some((e3, true, d.number(0, 3) * 100 + g2.number(0, 2)))
        }
        _ => None,
    }
}

/// How the area code of a landline is set off.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    /// No parenthesis: a separator, or nothing when `contiguous_ok`.
    Plain { contiguous_ok: bool },
    /// An opening parenthesis stands before the area code; a closing one must follow it.
    Paren,
}

/// A landline at `i`: area code (with its leading 0 when `zero`), subscriber number, optional
/// extension. Returns the end.
fn landline(hay: &[u8], i: usize, zero: bool, open: Open) -> Option<usize> {
    let z = usize::from(zero);
    let (r, e, more) = Digits::read(hay, i, 13);
    // At least the shortest area code: `10` after `+86 `, `010` otherwise.
    if more || r.n < z + 2 {
        return None;
    }
    if zero && r.vals[0] != 0 {
        return None;
    }
    let c = if matches!(r.vals[z], 1 | 2) { 2 } else { 3 };
    let area = area_code(r.number(z, z + c), c)?;
    let acode = z + c;
    if r.n < acode {
        return None;
    }
    let (sub_len, sub_first, sub_end) = if r.n == acode {
        // The area code stands alone: a separator or a closing parenthesis follows.
        let mut p = e;
        match open {
            Open::Paren => {
                if hay.get(p) == Some(&b')') {
                    p += 1;
                } else if hay.get(p..p + 3) == Some(FW_CLOSE) {
                    p += 3;
                } else {
                    return None;
                }
                if hay.get(p) == Some(&b' ') {
                    p += 1;
                }
            }
            Open::Plain { .. } => {
                sep_at(hay, p)?;
                p += 1;
            }
        }
        let (s1, e1, more1) = Digits::read(hay, p, 8);
        if more1 {
            return None;
        }
        match s1.n {
            7 | 8 => (s1.n, s1.vals[0], e1),
            3 | 4 => {
                let s = sep_at(hay, e1)?;
                let (_, e2) = group(hay, e1 + 1, 4)?;
                if hay.get(e2) == Some(&s) && group(hay, e2 + 1, 4).is_some() {
                    return None;
                }
                (s1.n + 4, s1.vals[0], e2)
            }
            _ => return None,
        }
    } else {
        match open {
            Open::Plain { contiguous_ok: true } if matches!(r.n - acode, 7 | 8) => {
                (r.n - acode, r.vals[acode], e)
            }
            _ => return None,
        }
    };
    if !area.allows(sub_len) || sub_first == 0 {
        return None;
    }
    Some(extension(hay, sub_end).unwrap_or(sub_end))
}

/// An extension after a subscriber number ending at `i`: `-8023`, `转8023`, `分机8023`,
/// `ext.8023`, ` ext 8023`. Returns the end.
fn extension(hay: &[u8], i: usize) -> Option<usize> {
    let mut p = i;
    if hay.get(p) == Some(&b'-') {
        p += 1;
    } else {
        if hay.get(p) == Some(&b' ') {
            p += 1;
        }
        let rest = hay.get(p..)?;
        let word: &[u8] = if rest.starts_with("转".as_bytes()) {
            "转".as_bytes()
        } else if rest.starts_with("分机".as_bytes()) {
            "分机".as_bytes()
        } else if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(b"ext") {
            if rest.get(3) == Some(&b'.') {
                &rest[..4]
            } else {
                &rest[..3]
            }
        } else {
            return None;
        };
        p += word.len();
        if hay.get(p) == Some(&b' ') {
            p += 1;
        }
    }
    let (d, e, more) = Digits::read(hay, p, 6);
    (d.n >= 1 && !more && !glued_after(hay, e)).then_some(e)
}

/// A 10-digit 400/800 number at `i`: contiguous or grouped 3-3-4, 3-4-3, 4-3-3 or 3-7.
fn service(hay: &[u8], i: usize) -> Option<(usize, bool)> {
    let (d, e, more) = Digits::read(hay, i, 10);
    if more {
        return None;
    }
    let (all, end, grouped) = if d.n == 10 {
        (d, e, false)
    } else {
        let s = sep_at(hay, e)?;
        let mut all = d;
        let mut lens = [d.n, 0, 0];
        let (d2, e2, _) = Digits::read(hay, e + 1, 8);
        lens[1] = d2.n;
        all.extend(&d2);
        let mut end = e2;
        if hay.get(e2) == Some(&s) {
            let (d3, e3, _) = Digits::read(hay, e2 + 1, 5);
            if d3.n > 0 {
                lens[2] = d3.n;
                all.extend(&d3);
                end = e3;
            }
        }
        if !matches!(lens, [3, 3, 4] | [3, 4, 3] | [4, 3, 3] | [3, 7, 0]) {
            return None;
        }
        if hay.get(end) == Some(&s) && digit_at(hay, end + 1).is_some() {
            return None;
        }
        (all, end, true)
    };
    matches!(all.number(0, 3), 400 | 800).then_some((end, grouped))
}

/// Whether the byte after an area code can set it off: a separator, or a closing parenthesis
/// (the first byte of `）`).
fn opens_area_code(after: u8) -> bool {
    matches!(after, b' ' | b'-' | b')' | 0xEF)
}

impl Phone {
    /// `+86`, `0086` or `86-` before a mobile or a landline without its leading 0.
    fn international(&self, hay: &[u8], start: usize, out: &mut Vec<Hit>) {
        let (w, _, _) = Digits::read(hay, start, 4);
        let (pstart, digits, sep_required) = if w.n >= 2 && w.vals[..2] == [8, 6] {
            if start > 0 && hay[start - 1] == b'+' {
                (start - 1, 2, false)
            } else if start >= 3 && &hay[start - 3..start] == FW_PLUS {
                (start - 3, 2, false)
            } else {
                (start, 2, true)
            }
        } else if w.digits() == [0, 0, 8, 6] {
            (start, 4, false)
        } else {
            return;
        };
        if glued_before(hay, pstart) {
            return;
        }
        let mut p = skip_digits(hay, start, digits);
        if sep_at(hay, p).is_some() {
            p += 1;
        } else if sep_required {
            return;
        }
        if let Some((end, _, first5)) = mobile_body(hay, p) {
            if mobile_segment(first5).is_some() && !glued_after(hay, end) {
                out.push(Hit::new(Kind::Phone, pstart, end, 0.97));
                return;
            }
        }
        // A landline: the area code without its trunk 0 (`+86 10 …`), or with it as it is
        // often written (`+86 0755 …`, `+86 (0755) …`).
        let plain = Open::Plain { contiguous_ok: true };
        let end = if hay.get(p) == Some(&b'(') {
            landline(hay, p + 1, true, Open::Paren)
        } else if hay.get(p..p + 3) == Some(FW_OPEN) {
            landline(hay, p + 3, true, Open::Paren)
        } else {
            landline(hay, p, false, plain).or_else(|| landline(hay, p, true, plain))
        };
        if let Some(end) = end.filter(|&e| !glued_after(hay, e)) {
            out.push(Hit::new(Kind::Phone, pstart, end, 0.95));
        }
    }
}

impl Detector for Phone {
    fn kind(&self) -> Kind {
        Kind::Phone
    }

    fn trigger(&self) -> Trigger {
        Trigger::Word
    }

    #[inline(always)]
    fn wants(&self, shape: &Shape) -> bool {
        // Every form a phone number can start with, by its first digit and length: a whole
        // mobile or the `138` of `138 1234 5678`; an area code set off by a separator or a
        // parenthesis (`010-…`, `(0755)…`), a whole landline or `0086`; `86` of `86 138…`,
        // `+86…` and `86138…`; `400`/`800` (`4007` of `4007-123-456`) and their ten-digit forms.
        // (Other words after a `+`, such as the `08` of `+08:00`, start no phone.)
        let n = shape.units;
        let sep_after = matches!(shape.after, b' ' | b'-');
        let group_follows = sep_after && shape.next_digit && shape.next_len >= 3;
        shape.all_digits
            && match (shape.first, shape.second) {
                (b'1', _) => n == 11 || (n == 3 && group_follows && shape.next_len >= 4),
                // The longest contiguous form: `0086` and a landline with its trunk 0.
                (b'0', _) => {
                    (7..=16).contains(&n) || ((n == 3 || n == 4) && opens_area_code(shape.after))
                }
                // After `+` or `＋` (whose last byte is 0x8B), `86` may run on (`+8610 …`);
                // otherwise a separator follows it.
                (b'8', b'6') if matches!(shape.before, b'+' | 0x8B) => n <= 16,
                (b'8', b'6') if n == 2 => sep_after,
                (b'8', _) if n >= 10 => n <= 16,
                (b'4' | b'8', b'0') => n == 10 || ((n == 3 || n == 4) && group_follows),
                _ => false,
            }
    }

    fn confirm(&self, hay: &[u8], cand: Candidate, ctx: &Ctx<'_>, out: &mut Vec<Hit>) {
        let Candidate::Word { start, end: word_end, .. } = cand else { return };
        let Some((d0, _)) = digit_at(hay, start) else { return };
        if d0 == 8 || d0 == 0 {
            self.international(hay, start, out);
        }
        if glued_before(hay, start) {
            return;
        }
        // A group that continues a grouped number (`6222 0202 …`) starts no grouped phone.
        let continues = sep_at(hay, word_end).is_some_and(|s| continues_group(hay, start, s));
        // Evidence is computed only once a form has parsed (it is the costly part).
        let ev = || ctx.evidence(hay, start);
        let phone_cue = || ev().pos.contains(Kind::Phone);

        if d0 == 1 {
            if let Some((end, grouped, first5)) = mobile_body(hay, start) {
                if let Some((class, _)) = mobile_segment(first5) {
                    let ev = ev();
                    let phone_cue = ev.pos.contains(Kind::Phone);
                    let vetoed = !grouped && ev.neg && !phone_cue;
                    if !(vetoed || glued_after(hay, end) || (grouped && continues)) {
                        let conf = match (phone_cue, class) {
                            (true, _) => 0.99,
                            (false, MobileClass::Iot) => 0.6,
                            (false, _) if grouped => 0.95,
                            (false, _) => 0.9,
                        };
                        out.push(Hit::new(Kind::Phone, start, end, conf));
                    }
                }
            }
        }
        if d0 == 0 {
            let paren = if start >= 1 && hay[start - 1] == b'(' {
                Some(start - 1)
            } else if start >= 3 && &hay[start - 3..start] == FW_OPEN {
                Some(start - 3)
            } else {
                None
            };
            if let Some(pstart) = paren {
                if let Some(end) = landline(hay, start, true, Open::Paren) {
                    if !glued_after(hay, end) && !glued_before(hay, pstart) {
                        out.push(Hit::new(Kind::Phone, pstart, end, 0.97));
                    }
                }
            } else if !continues {
                // `contiguous_ok` needs the evidence; most words (`07` of a date) parse the same
                // either way, and then the evidence is not computed.
                let strict = landline(hay, start, true, Open::Plain { contiguous_ok: false });
                let loose = landline(hay, start, true, Open::Plain { contiguous_ok: true });
                let found = if strict == loose || !phone_cue() { strict } else { loose };
                if let Some(end) = found {
                    if !glued_after(hay, end) {
                        out.push(Hit::new(Kind::Phone, start, end, 0.95));
                    }
                }
            }
        }
        if (d0 == 4 || d0 == 8) && !continues {
            if let Some((end, grouped)) = service(hay, start) {
                if !glued_after(hay, end) && (grouped || !ev().neg || phone_cue()) {
                    out.push(Hit::new(Kind::Phone, start, end, 0.9));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::{find, spans};
    use crate::Kind;

    #[test]
    fn mobiles() {
        for s in [
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "+86 138-1234-5678",
            "+8613812345678",
            "0086 13812345678",
            "86-13812345678",
            "１３８１２３４５６７８",
            "＋86 13812345678",
            "＋８６ １３８１２３４５６７８",
            "19912345678",
        ] {
            let text = format!("电话：{s}，谢谢");
            assert_eq!(spans(&text), vec![(Kind::Phone, s)], "{s}");
        }
    }

    #[test]
    fn landlines_and_service_numbers() {
        for s in [
            "010-12345678",
            "(0755)87654321",
            "（0755）8765 4321",
            "0571 8888 6666",
            "021-12345678-8023",
            "021-12345678转8023",
            "021-12345678 ext.8023",
            "+86 10 12345678",
            "+86-21-1234-5678",
            "0086 755 87654321",
            "+86 0755 8765 4321",
            "+86 (0755) 87654321",
            "+86（0755）87654321",
            "86-010-12345678",
            "0755-8765-4321",
            "400-123-4567",
            "4001234567",
            "800-123-4567",
            "400 1234 567",
            "4007-123-456",
            "8001 234 567",
            "+8610 87654321",
            "＋8610 87654321",
            "＋86(0755)87654321",
        ] {
            let text = format!("客服 {s} 。");
            assert_eq!(spans(&text), vec![(Kind::Phone, s)], "{s}");
        }
        assert_eq!(spans("tel=02112345678&x"), vec![(Kind::Phone, "02112345678")]);
        assert!(find("n=02112345678&x").is_empty(), "contiguous landline needs a phone key");
    }

    #[test]
    fn not_phones() {
        for s in [
            "10012345678",
            "11012345678",
            "12012345678",
            "1381234567",
            "138123456789",
            "1700000000000",
            "SF1381234567890",
            "v1.3.18612345678",
            "138****5678",
            "uid=13812345678",
            "\"userId\":13812345678",
            "QQ:13812345678",
            "15412345678",
            "8613812345678",
            "138 1234 5678 9012",
        ] {
            assert!(find(s).iter().all(|f| f.0 != Kind::Phone), "{s}: {:?}", find(s));
        }
    }

    #[test]
    fn grouped_after_a_date_or_time() {
        for (text, phone) in [
            ("2024-01-01 138-1234-5678", "138-1234-5678"),
            ("2024-01-01 10:30:00 138 1234 5678", "138 1234 5678"),
            ("13812345678 139 1234 5678", "139 1234 5678"),
            ("2024-01-01 010 1234 5678", "010 1234 5678"),
        ] {
            assert_eq!(spans(text).last(), Some(&(Kind::Phone, phone)), "{text}");
        }
        // A group inside a longer grouped number is not.
        assert!(find("6222 138 1234 5678").is_empty());
    }

    #[test]
    fn two_phones_side_by_side() {
        assert_eq!(
            spans("13812345678 13912345678"),
            vec![(Kind::Phone, "13812345678"), (Kind::Phone, "13912345678")]
        );
    }
}
