//! Per-kind structure shared by `tokenize` and `fake`: how a value splits into parts that may
//! change (and within which sets of valid values) and parts that stay, and how a changed value
//! is reassembled so that it passes the same validation as the original.
//!
//! * `id_card`: region index within its class (county-level codes, or province/prefecture
//!   codes) × birth day within 1900-01-01 … [`ID_DATE_MAX`] × 3-digit sequence; the MOD 11-2
//!   check character is recomputed. Options keep the region, the birth year or the sex (the
//!   sequence's parity).
//! * `phone`: a mobile keeps its 3-digit network code and any `+86`/`0086`/`86-` prefix; its
//!   last 8 digits change within the same segment class (mobile / MVNO / IoT), so the token is
//!   a number of a real segment. A landline keeps its area code and the subscriber number's
//!   first digit; a 400/800 number its first 4 digits.
//! * `bank_card`: keeps the first 6 (issuer prefix); the middle digits change and the Luhn
//!   check digit is recomputed.
//! * `email`: keeps the domain; the local part's letters and digits change, each within its
//!   class (digit, lower-case, upper-case letter), its punctuation stays.

use super::shape::{self, Unit};
use crate::tables::phone::mobile_segment;
use crate::tables::regions;
use crate::validate::date::days;
use crate::validate::{gb32100, luhn, mod11_2, Date};
use std::sync::OnceLock;

/// The last birth date a changed ID can carry. Fixed, so that a token made today and one made
/// next year agree; IDs born later keep their birth date (and still change region and
/// sequence).
pub(crate) const ID_DATE_MAX: (u32, u32, u32) = (2024, 12, 31);

/// The region codes of the table, split into county-level codes (`[1]`, not ending in `00`)
/// and province/prefecture codes (`[0]`), each sorted. A changed ID keeps its code's class.
pub(crate) fn region_codes() -> &'static [Vec<u32>; 2] {
    static T: OnceLock<[Vec<u32>; 2]> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = [Vec::new(), Vec::new()];
        for code in regions::codes() {
            t[usize::from(code % 100 != 0)].push(code);
        }
        t
    })
}

/// What an ID change keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IdKeep {
    /// Keep the six-digit region code.
    pub region: bool,
    /// Keep the birth year (the day within the year still changes).
    pub birth_year: bool,
    /// Keep the sex (the parity of the sequence number).
    pub sex: bool,
}

/// An ID number body (17 digits, or 15 for the legacy form) split into the parts that change:
/// a mixed-radix integer `x < n` and the information needed to put it back. The check
/// character is not part of it: `tokenize.rs` carries it separately.
pub(crate) struct IdParts {
    legacy: bool,
    class: usize,
    region: u32,
    day: i64,
    seq: u64,
    keep: IdKeep,
    date_kept: bool,
    range: (i64, i64),
    d: u64,
    s: u64,
    /// The changing part as one integer, and its domain size.
    pub x: u64,
    pub n: u64,
}

impl IdParts {
    /// Parses the body digits (values) of an 18-character ID (17 digits) or a 15-digit one.
    ///
    /// # Errors
    ///
    /// When the body has another length, an impossible birth date or a region code that is not
    /// in the table. Which bodies parse depends on the digits only, never on `keep`.
    pub fn parse(d: &[u8], keep: IdKeep) -> Result<IdParts, &'static str> {
        let legacy = match d.len() {
            17 => false,
            15 => true,
            _ => return Err("not an 18- or 15-character ID number"),
        };
        let region = shape::number(&d[..6]) as u32;
        let (y, m, dd, seq_at) = if legacy {
            (1900 + shape::number(&d[6..8]) as u32, d[8..10].to_vec(), d[10..12].to_vec(), 12)
        } else {
            (shape::number(&d[6..10]) as u32, d[10..12].to_vec(), d[12..14].to_vec(), 14)
        };
        let (m, dd) = (shape::number(&m) as u32, shape::number(&dd) as u32);
        Date::new(y, m, dd).ok_or("an ID number with an impossible birth date")?;
        let day = days(y, m, dd);
        let seq = shape::number(&d[seq_at..seq_at + 3]);
        let lo = days(1900, 1, 1);
        let hi = if legacy {
            days(1999, 12, 31)
        } else {
            days(ID_DATE_MAX.0, ID_DATE_MAX.1, ID_DATE_MAX.2)
        };
        let date_kept = day < lo || day > hi;
        let range = if keep.birth_year {
            (days(y, 1, 1).max(lo), days(y, 12, 31).min(hi))
        } else {
            (lo, hi)
        };
        let class = usize::from(region % 100 != 0);
        let codes = &region_codes()[class];
        let ri = codes.binary_search(&region).map_err(|_| "an ID region code not in the table")?;
        let (r, ri) = if keep.region { (1, 0) } else { (codes.len() as u64, ri as u64) };
        let (dn, di) = if date_kept {
            (1, 0)
        } else {
            ((range.1 - range.0 + 1) as u64, (day - range.0) as u64)
        };
        let (s, si) = if keep.sex { (500, seq / 2) } else { (1000, seq) };
        Ok(IdParts {
            legacy,
            class,
            region,
            day,
            seq,
            keep,
            date_kept,
            range,
            d: dn,
            s,
            x: (ri * dn + di) * s + si,
            n: r * dn * s,
        })
    }

    /// The FF1 tweak: everything that is kept, so that values differing in kept parts get
    /// independent permutations.
    pub fn tweak(&self) -> Vec<u8> {
        let mut t = b"cnpii id_card v1".to_vec();
        t.extend_from_slice(&[
            u8::from(self.legacy),
            self.class as u8,
            u8::from(self.keep.region),
            u8::from(self.keep.birth_year),
            u8::from(self.keep.sex),
            u8::from(self.date_kept),
        ]);
        if self.keep.region {
            t.extend_from_slice(&self.region.to_be_bytes());
        }
        if self.date_kept {
            t.extend_from_slice(&self.day.to_be_bytes());
        } else if self.keep.birth_year {
            t.extend_from_slice(&self.range.0.to_be_bytes());
        }
        if self.keep.sex {
            t.push((self.seq % 2) as u8);
        }
        t
    }

    /// The body digits (values) for the changing part `y < n`.
    pub fn assemble(&self, y: u64) -> Vec<u8> {
        let si = y % self.s;
        let t = y / self.s;
        let di = t % self.d;
        let ri = t / self.d;
        let region =
            if self.keep.region { self.region } else { region_codes()[self.class][ri as usize] };
        let day = if self.date_kept { self.day } else { self.range.0 + di as i64 };
        let seq = if self.keep.sex { si * 2 + self.seq % 2 } else { si };
        let date = Date::from_days_since_epoch(day);
        let mut d = vec![0u8; if self.legacy { 15 } else { 17 }];
        shape::put_number(u64::from(region), &mut d[..6]);
        let seq_at = if self.legacy {
            shape::put_number(u64::from(date.year % 100), &mut d[6..8]);
            8
        } else {
            shape::put_number(u64::from(date.year), &mut d[6..10]);
            10
        };
        shape::put_number(u64::from(date.month), &mut d[seq_at..seq_at + 2]);
        shape::put_number(u64::from(date.day), &mut d[seq_at + 2..seq_at + 4]);
        shape::put_number(seq, &mut d[seq_at + 4..seq_at + 7]);
        d
    }
}

/// The MOD 11-2 check value (0–10, 10 for `X`) of 17 body digits (values).
pub(crate) fn id_check_value(body: &[u8]) -> u8 {
    let body: &[u8; 17] = body.try_into().expect("17 digits");
    match mod11_2::check_char(body) {
        b'X' => 10,
        c => c - b'0',
    }
}

/// How a phone number's digits split: `keep` leading digits stay; the rest change. For a
/// mobile, `mobile_class` is the segment class the changed number must keep.
pub(crate) struct PhoneParts {
    pub keep: usize,
    pub mobile: bool,
    /// Digits of the country prefix (`+86`, `0086`, `86-`).
    pub cp: usize,
}

/// Splits a phone number given its digit units and the value's bytes.
pub(crate) fn phone_parts(value: &[u8], digits: &[Unit]) -> Result<PhoneParts, &'static str> {
    let d: Vec<u8> = digits.iter().map(Unit::digit).collect();
    if d.len() < 7 {
        return Err("too few digits for a phone number");
    }
    let plus = value.first() == Some(&b'+') || value.starts_with("＋".as_bytes());
    let cp = if plus && d[..2] == [8, 6] {
        2
    } else if d[..4] == [0, 0, 8, 6] {
        4
    } else if d[..2] == [8, 6] && digits[2].at > digits[1].at + usize::from(digits[1].len) {
        2
    } else {
        0
    };
    let body = &d[cp..];
    if body.len() == 11 && body[0] == 1 {
        let first5 = shape::number(&body[..5]) as u32;
        if mobile_segment(first5).is_some() {
            return Ok(PhoneParts { keep: cp + 3, mobile: true, cp });
        }
    }
    let z = usize::from(body[0] == 0);
    let area = if matches!(body.get(z), Some(1 | 2)) { 2 } else { 3 };
    let keep = cp + z + area + 1;
    if keep >= d.len() {
        return Err("too few digits after the area code");
    }
    Ok(PhoneParts { keep, mobile: false, cp })
}

/// The segment class of a mobile number whose first three digits are `prefix3` and whose
/// next two are `next2`.
pub(crate) fn mobile_class(prefix3: u32, next2: u32) -> Option<crate::tables::phone::MobileClass> {
    mobile_segment(prefix3 * 100 + next2).map(|c| c.0)
}

/// The Luhn check digit that completes `digits` (values, without the check digit).
pub(crate) fn luhn_digit(digits: &[u8]) -> u8 {
    let mut v = digits.to_vec();
    v.push(0);
    for c in 0..10 {
        *v.last_mut().expect("non-empty") = c;
        if luhn::valid(&v) {
            return c;
        }
    }
    0
}

/// Completes 16 characters of a USCC: the GB 11714 organisation check character (position 17)
/// and the GB 32100 check character (position 18).
pub(crate) fn uscc_complete(first16: &[u8]) -> Option<[u8; 18]> {
    let mut c = [0u8; 18];
    c[..16].copy_from_slice(first16);
    let mut found = false;
    for &k in b"0123456789X" {
        c[16] = k;
        if gb32100::org_code_valid(&c[8..17]) {
            found = true;
            break;
        }
    }
    if !found {
        return None;
    }
    let body: &[u8; 17] = c[..17].try_into().expect("17 characters");
    c[17] = gb32100::check_char(body)?;
    Some(c)
}

/// Whether 18 characters are a USCC with both check characters right (upper case only).
pub(crate) fn uscc_valid(c: &[u8]) -> bool {
    c.len() == 18
        && c.iter().all(|&ch| gb32100::value(ch).is_some())
        && uscc_complete(&c[..16]).is_some_and(|full| full[..] == c[..])
}

/// The GB 32100 alphabet, for USCC organisation codes.
pub(crate) const USCC_ALPHABET: &[u8; 31] = gb32100::ALPHABET;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_classes() {
        let t = region_codes();
        assert!(t[1].len() > 5000 && t[0].len() > 300, "{} {}", t[0].len(), t[1].len());
        assert!(t[1].binary_search(&110105).is_ok());
        assert!(t[0].binary_search(&110000).is_ok());
    }
}
