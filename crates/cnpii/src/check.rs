//! `cnpii check VALUE`: what a single value is, and why (or why not).
//!
//! [`explain`] runs every detector on the value alone and, for the kinds with structure,
//! decodes it: an ID's region, birth date, sex and check character; a mobile's carrier; a
//! landline's city; a card's issuer; a USCC's region.

use crate::engine::Engine;
use crate::kind::Kind;
use crate::tables::{bins, phone, regions};
use crate::text::{digit_at, letter_at};
use crate::validate::{gb32100, luhn, mod11_2, Date};
use crate::Config;

/// The verdict on one value.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The kind the value is, if it is one as a whole.
    pub kind: Option<Kind>,
    /// Human-readable facts and reasons, one per line.
    pub facts: Vec<String>,
}

/// Folds full-width digits and letters to ASCII and drops separators (` `, `-`).
fn normalise(v: &str) -> String {
    let b = v.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        if let Some((d, l)) = digit_at(b, i) {
            out.push((b'0' + d) as char);
            i += l;
        } else if let Some((c, l)) = letter_at(b, i) {
            out.push(c as char);
            i += l;
        } else {
            let c = v[i..].chars().next().unwrap_or(' ');
            if c != ' ' && c != '-' {
                out.push(c);
            }
            i += c.len_utf8().max(1);
        }
    }
    out
}

/// Explains `value`.
pub fn explain(value: &str) -> Explanation {
    let engine = Engine::build(&Config::default()).expect("the default config is valid");
    let found = engine.scanner().scan(value.as_bytes());
    let whole = found
        .iter()
        .find(|f| f.span.start == 0 && f.span.end == value.len() as u64)
        .map(|f| f.kind);
    let mut facts = Vec::new();
    let n = normalise(value);
    let digits: Vec<u8> = n.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
    if n.len() == 18 && n[..17].bytes().all(|b| b.is_ascii_digit()) {
        id_facts(&n, &mut facts);
    }
    let phone_like = whole == Some(Kind::Phone) || (digits.len() == 11 && digits[0] == 1);
    if phone_like && digits.len() >= 11 {
        let d = &digits[digits.len() - 11..];
        let first5 = d[..5].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
        match phone::mobile_segment(first5) {
            Some((class, carrier)) => facts.push(format!(
                "mobile segment {}: {carrier} ({class:?})",
                &n[n.len() - 11..n.len() - 8]
            )),
            None => facts.push("no mobile segment starts this way".into()),
        }
    }
    if (13..=19).contains(&digits.len()) && digits.len() == n.len() {
        let ok = luhn::valid(&digits);
        facts.push(format!("Luhn check {}", if ok { "passes" } else { "fails" }));
        let issuer = bins::issuer(n.as_bytes()).or_else(|| bins::scheme(n.as_bytes()));
        facts.push(match issuer {
            Some(b) => format!("issuer: {b}"),
            None => "issuer prefix unknown".into(),
        });
    }
    if n.len() == 18 && n.as_bytes()[..17].iter().any(u8::is_ascii_uppercase) {
        let body: &[u8; 17] = n.as_bytes()[..17].try_into().expect("18 bytes");
        match gb32100::check_char(body) {
            Some(c) if c == n.as_bytes()[17] => facts.push("GB 32100 check character OK".into()),
            Some(c) => facts.push(format!("GB 32100 check character should be {}", c as char)),
            None => facts.push("characters outside the GB 32100 alphabet".into()),
        }
    }
    if let Some(k) = whole {
        facts.insert(0, format!("{k}: yes"));
    } else {
        facts.insert(0, "not a finding as a whole value".into());
        for f in &found {
            facts.push(format!("contains a {} at bytes {}..{}", f.kind, f.span.start, f.span.end));
        }
    }
    Explanation { kind: whole, facts }
}

fn id_facts(n: &str, facts: &mut Vec<String>) {
    let d: Vec<u8> = n.bytes().map(|b| b.wrapping_sub(b'0')).collect();
    let num = |a: usize, b: usize| d[a..b].iter().fold(0u32, |x, &y| x * 10 + u32::from(y));
    let region = num(0, 6);
    match regions::lookup(region) {
        Some(r) => facts.push(format!(
            "region {region:06}: {} ({})",
            regions::full_name(region),
            if r.current {
                "current code".to_string()
            } else {
                format!("retired, last seen {}", r.last_year)
            }
        )),
        None => facts.push(format!("region {region:06}: not in the GB/T 2260 table")),
    }
    match Date::new(num(6, 10), num(10, 12), num(12, 14)) {
        Some(b) if b <= Date::today() && b.year >= 1900 => {
            facts.push(format!("birth date {:04}-{:02}-{:02}", b.year, b.month, b.day))
        }
        _ => facts.push("birth date impossible or in the future".into()),
    }
    facts.push(format!("sex: {}", if d[16] % 2 == 1 { "male" } else { "female" }));
    let body: [u8; 17] = d[..17].try_into().expect("17 digits");
    let want = mod11_2::check_char(&body);
    let got = n.as_bytes()[17].to_ascii_uppercase();
    if want == got {
        facts.push("check character OK".into());
    } else {
        facts.push(format!("check character should be {}", want as char));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_an_id() {
        let e = explain("11010519491231002X");
        assert_eq!(e.kind, Some(Kind::IdCard));
        let all = e.facts.join("\n");
        assert!(
            all.contains("北京") && all.contains("1949-12-31") && all.contains("female"),
            "{all}"
        );
        let bad = explain("110105194912310021");
        assert_eq!(bad.kind, None);
        assert!(bad.facts.join("\n").contains("should be X"));
    }

    #[test]
    fn explains_a_phone_and_a_card() {
        let e = explain("138 1234 5678");
        assert_eq!(e.kind, Some(Kind::Phone));
        assert!(e.facts.join("\n").contains("中国移动"), "{:?}", e.facts);
        let c = explain("4111111111111111");
        assert_eq!(c.kind, Some(Kind::BankCard));
        assert!(c.facts.join("\n").contains("Visa"));
    }
}
