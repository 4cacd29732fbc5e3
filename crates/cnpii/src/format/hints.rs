//! Column hints: what a column's name says it holds, and what a hinted column's value must
//! look like to be reported when no detector confirmed it.
//!
//! A hint never overrides a detector: values the detectors confirm are reported as they
//! are. It adds findings the text alone cannot justify — a bare `张伟` in a `name` column, a
//! number from an unassigned mobile segment in a `phone` column, an ID with a wrong check
//! digit in an `id_no` column — with a low confidence (`HINT_CONFIDENCE`) and the detail
//! `"column hint"`, so reports can tell them apart.

use crate::detect::name::{cjk_at, is_han, name_column};
use crate::kind::Kind;
use crate::tables::keys::{self, Reader, Says};

/// Confidence of a finding that rests on the column alone.
pub(crate) const HINT_CONFIDENCE: f32 = 0.5;

/// The kind a column of this name holds, if its name says so: `mobile`, `phone`, `tel`,
/// `手机号` → phone (`tel` as a word: `tel_no`, `mobileTel`, not `hotel_name`); `id_no`, `id_card`, `idcard`, `身份证号` → id_card; `name`,
/// `real_name`, `contact`, `姓名` → name; `card_no`, `bank_card` → bank_card; `email`,
/// `邮箱` → email; `address`, `addr`, `地址` → address; `*_ip`, `ip` → ip; `passport` →
/// passport; `plate`, `车牌` → plate; `uscc`, `credit_code` → uscc.
///
/// The vocabulary is the column rows of `patterns/key_vocabulary.tsv`; the first row that
/// matches decides, and a `never` row (identifiers, counters, times) means no kind.
pub fn column_kind(name: &str) -> Option<Kind> {
    let lower = name.to_lowercase();
    let k: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    if k.is_empty() {
        return None;
    }
    let first = keys::says(Reader::Column, k.as_bytes(), name.as_bytes()).next();
    match first {
        Some(Says::Kind(kind)) => Some(kind),
        Some(_) => None,
        None => name_column(name.as_bytes()).then_some(Kind::Name),
    }
}

/// The span of `value` (trimmed of spaces) that a column hinted `kind` reports when no
/// detector found anything in it, or `None` when the value does not have the kind's shape.
pub(crate) fn fallback(kind: Kind, value: &[u8]) -> Option<(usize, usize)> {
    let start = value.iter().position(|b| !b.is_ascii_whitespace())?;
    let end = value.iter().rposition(|b| !b.is_ascii_whitespace())? + 1;
    let v = &value[start..end];
    let digits = v.iter().filter(|b| b.is_ascii_digit()).count();
    let ok = match kind {
        Kind::IdCard => {
            (v.len() == 18
                && v[..17].iter().all(u8::is_ascii_digit)
                && (v[17].is_ascii_digit() || v[17] == b'X' || v[17] == b'x'))
                || (v.len() == 15 && digits == 15)
        }
        Kind::Phone => {
            (7..=14).contains(&digits)
                && v.iter().all(|&b| b.is_ascii_digit() || b"+-() ".contains(&b))
                && v.iter().rposition(u8::is_ascii_digit) == Some(v.len() - 1)
        }
        Kind::BankCard => {
            (12..=19).contains(&digits)
                && v.iter().all(|&b| b.is_ascii_digit() || b"- ".contains(&b))
        }
        Kind::Email => {
            let at = memchr::memchr(b'@', v);
            at.is_some_and(|a| a > 0 && a + 1 < v.len()) && !v.contains(&b' ') && !v.contains(&b'*')
        }
        Kind::Name => looks_like_name(v),
        Kind::Address => {
            let han = han_count(v);
            han >= 6 && !v.contains(&b'*')
        }
        Kind::Passport | Kind::Plate | Kind::Uscc | Kind::Ip => false,
    };
    ok.then_some((start, end))
}

/// Two to four Han characters, or Han runs joined by a middle dot (`阿依古丽·买买提`).
fn looks_like_name(v: &[u8]) -> bool {
    let s = match std::str::from_utf8(v) {
        Ok(s) => s,
        Err(_) => return false,
    };
    let parts: Vec<&str> = s.split(['·', '•', '・']).collect();
    if parts.len() > 1 {
        return parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| is_han(c as u32)));
    }
    let n = s.chars().count();
    (2..=4).contains(&n) && s.chars().all(|c| is_han(c as u32))
}

fn han_count(v: &[u8]) -> usize {
    let mut i = 0;
    let mut n = 0;
    while i < v.len() {
        match cjk_at(v, i) {
            Some(cp) => {
                n += usize::from(is_han(cp));
                i += 3;
            }
            None => i += 1,
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        for (col, kind) in [
            ("mobile", Some(Kind::Phone)),
            ("contact_phone", Some(Kind::Phone)),
            ("手机号", Some(Kind::Phone)),
            ("id_no", Some(Kind::IdCard)),
            ("idCard", Some(Kind::IdCard)),
            ("身份证号", Some(Kind::IdCard)),
            ("real_name", Some(Kind::Name)),
            ("姓名", Some(Kind::Name)),
            ("card_no", Some(Kind::BankCard)),
            ("email", Some(Kind::Email)),
            ("ship_address", Some(Kind::Address)),
            ("reg_ip", Some(Kind::Ip)),
            ("id", None),
            ("user_id", None),
            ("created_at", None),
            ("phone_type", None),
            ("nickname", None),
            ("company_name", None),
        ] {
            assert_eq!(column_kind(col), kind, "{col}");
        }
    }

    /// Issue 16: `tel` inside a word (`hotel`) made `hotel_name` a phone column; `tel` is now
    /// matched as a word of the column name.
    #[test]
    fn issue_16_hotel_name_is_not_a_phone_column() {
        assert_eq!(column_kind("hotel_name"), None);
        assert_eq!(column_kind("hotelName"), None);
        assert_eq!(column_kind("hotel"), None);
        for col in ["tel", "tel_no", "TelNo", "mobileTel", "contact-tel", "tel2", "telno", "电话"]
        {
            assert_eq!(column_kind(col), Some(Kind::Phone), "{col}");
        }
    }

    #[test]
    fn fallbacks() {
        let f = |k, v: &str| fallback(k, v.as_bytes());
        // A wrong check digit, still an ID in an id column.
        assert_eq!(f(Kind::IdCard, " 110105194912310021 "), Some((1, 19)));
        assert_eq!(f(Kind::IdCard, "11010519491231"), None);
        assert_eq!(f(Kind::Phone, "14012345678"), Some((0, 11)));
        assert_eq!(f(Kind::Phone, "138****5678"), None);
        assert_eq!(f(Kind::Name, "张伟"), Some((0, 6)));
        assert_eq!(f(Kind::Name, "阿卜杜热合曼·买买提"), Some((0, 29)));
        assert_eq!(f(Kind::Name, "张*"), None);
        assert_eq!(f(Kind::Name, "Jack"), None);
        assert_eq!(f(Kind::Email, "a@b"), Some((0, 3)));
        assert_eq!(f(Kind::Plate, "京A12345"), None);
    }
}
