//! [`Fake`]: a consistent, realistic substitute, deterministic for a key.
//!
//! The substitute for a value is drawn from a random stream seeded by
//! HMAC-SHA256(fake subkey, kind ‖ 0x00 ‖ canonical value) (the same canonical form as `hash`),
//! so one person gets the same fake in every file and run, and nobody without the key can
//! link the fake back. Unlike `tokenize` it cannot be reversed, even with the key (two values
//! may, rarely, share a fake).
//!
//! | kind | substitute |
//! |---|---|
//! | `name` | a surname drawn by population frequency (`patterns/surnames.tsv`) and 1–2 given-name characters common at the end of names (`patterns/name_chars.tsv`); same length |
//! | `id_card` | a valid ID: a county-level region from the table, a birth date 1950–2005, any sequence, a correct check character of the original's class (a digit for a digit; `X` for `X`, in its case) |
//! | `phone` | a mobile of a real segment (prefix kept); a landline keeps its area code |
//! | `bank_card` | issuer prefix (first 6) kept, random digits, correct Luhn digit |
//! | `email` | the local part's digits and letters random, each keeping its class (digit, lower or upper case); the domain kept |
//! | `ip` | random octets with the original's digit counts (IPv4); random hex digits (IPv6), digits for digits and letters for letters in their case |
//! | `passport`, `plate` | letters kept, digits random |
//! | `uscc` | first 8 kept, organisation code random, both check characters correct |
//! | `address` | the same administrative levels as the original (province, prefecture, county: whichever it names, full or short) taken from a random current county of the region table; the road name replaced by a common stem, its suffix (路, 街, 大道 …) kept; house numbers random |
//!
//! Separators, prefixes and full-width characters keep their places.

use super::formats;
use super::hash::canonical;
use super::shape::{self, Unit};
use super::{Policy, PolicyError};
use crate::finding::Finding;
use crate::key::{Key, Purpose};
use crate::kind::Kind;
use crate::tables::gazetteer::{self, Level};
use crate::tables::phone::{mobile_segment, MobileClass};
use crate::tables::regions;
use crate::tables::{self, name_chars, surnames};
use crate::validate::date::days;
use crate::validate::mod11_2;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::OnceLock;
use zeroize::Zeroizing;

/// The fake-data policy.
#[derive(Clone)]
pub struct Fake {
    key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for Fake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fake").finish_non_exhaustive()
    }
}

/// A deterministic random stream: HMAC-SHA256(seed, counter) blocks.
struct Stream {
    seed: [u8; 32],
    block: [u8; 32],
    used: usize,
    counter: u64,
}

impl Stream {
    fn next(&mut self) -> u64 {
        if self.used == 32 {
            let mut mac =
                <Hmac<Sha256> as Mac>::new_from_slice(&self.seed).expect("any key length");
            mac.update(&self.counter.to_be_bytes());
            self.block.copy_from_slice(&mac.finalize().into_bytes());
            self.counter += 1;
            self.used = 0;
        }
        let v = u64::from_be_bytes(self.block[self.used..self.used + 8].try_into().expect("8"));
        self.used += 8;
        v
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A random character of `u`'s class: a digit for a digit, else one of the first
    /// `letters` letters of the alphabet in `u`'s case.
    fn like(&mut self, u: &Unit, letters: u64) -> u8 {
        if u.is_digit() {
            self.digit()
        } else if u.ch.is_ascii_uppercase() {
            b'A' + self.below(letters) as u8
        } else {
            b'a' + self.below(letters) as u8
        }
    }

    fn digit(&mut self) -> u8 {
        b'0' + self.below(10) as u8
    }
}

struct Names {
    /// Single-character surnames with cumulative weights (per 10⁴ %).
    single: Vec<(&'static str, u64)>,
    compound: Vec<&'static str>,
    given: Vec<&'static str>,
}

fn names() -> &'static Names {
    static T: OnceLock<Names> = OnceLock::new();
    T.get_or_init(|| {
        let mut single = Vec::new();
        let mut compound = Vec::new();
        let mut total = 0u64;
        for r in tables::rows(surnames::TEXT) {
            let s = r[0];
            let w = r.get(1).and_then(|f| f.parse::<f64>().ok());
            match (s.chars().count(), w) {
                (1, Some(w)) if w > 0.0 => {
                    total += (w * 10_000.0) as u64 + 1;
                    single.push((s, total));
                }
                (2, _) => compound.push(s),
                _ => {}
            }
        }
        let mut given: Vec<(&str, f64)> = tables::rows(name_chars::TEXT)
            .filter(|r| r[0] == "E")
            .filter_map(|r| Some((*r.get(1)?, r.get(2)?.parse().ok()?)))
            .collect();
        given.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let given = given.into_iter().take(400).map(|g| g.0).collect();
        Names { single, compound, given }
    })
}

impl Fake {
    /// A fake-data policy under `key` (its `fake` subkey).
    pub fn new(key: &Key) -> Fake {
        Fake { key: key.subkey(Purpose::Fake) }
    }

    fn stream(&self, kind: Kind, value: &[u8]) -> Stream {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key[..]).expect("any key length");
        mac.update(kind.as_str().as_bytes());
        mac.update(&[0]);
        mac.update(&canonical(kind, value));
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&mac.finalize().into_bytes());
        Stream { seed, block: [0; 32], used: 32, counter: 0 }
    }

    /// The fake for one value.
    pub fn fake(&self, kind: Kind, value: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(value.len());
        let mut rng = self.stream(kind, value);
        let units = shape::units(value);
        match kind {
            Kind::Name => name(value, &mut rng, &mut out),
            Kind::Address => address(value, &mut rng, &mut out),
            Kind::IdCard if units.len() == 18 || units.len() == 15 => {
                let legacy = units.len() == 15;
                let codes = &formats::region_codes()[1];
                let region = codes[rng.below(codes.len() as u64) as usize];
                let (lo, hi) = if legacy {
                    (days(1930, 1, 1), days(1999, 12, 31))
                } else {
                    (days(1950, 1, 1), days(2005, 12, 31))
                };
                let day = lo + rng.below((hi - lo + 1) as u64) as i64;
                let date = crate::validate::Date::from_days_since_epoch(day);
                let mut s = format!("{region}");
                if legacy {
                    s.push_str(&format!("{:02}", date.year % 100));
                } else {
                    s.push_str(&format!("{:04}", date.year));
                }
                s.push_str(&format!("{:02}{:02}", date.month, date.day));
                // The check character keeps its class: a digit for a digit (so a digits-only
                // ID stays digits-only), `X` for `X` in the original's case.
                let want_x = !legacy && matches!(units[17].ch, b'X' | b'x');
                let chars = loop {
                    let mut chars = format!("{s}{:03}", rng.below(1000)).into_bytes();
                    if legacy {
                        break chars;
                    }
                    let body: Vec<u8> = chars.iter().map(|c| c - b'0').collect();
                    let body: &[u8; 17] = body[..].try_into().expect("17 digits");
                    let c = mod11_2::check_char(body);
                    if (c == b'X') == want_x {
                        chars.push(if c == b'X' { units[17].ch } else { c });
                        break chars;
                    }
                };
                shape::write(value, &units, &chars, &mut out);
            }
            Kind::Phone => {
                let digits: Vec<Unit> = units.into_iter().filter(Unit::is_digit).collect();
                let mut chars: Vec<u8> = digits.iter().map(|u| u.ch).collect();
                match formats::phone_parts(value, &digits) {
                    Ok(p) if p.mobile => {
                        // A real ordinary-mobile segment, then 6 random digits.
                        let start = p.keep - 3;
                        loop {
                            let first5 = 13_000 + rng.below(7_000) as u32;
                            if let Some((MobileClass::Mobile, _)) = mobile_segment(first5) {
                                let s = first5.to_string();
                                chars[start..start + 5].copy_from_slice(s.as_bytes());
                                break;
                            }
                        }
                        for c in &mut chars[start + 5..] {
                            *c = rng.digit();
                        }
                    }
                    Ok(p) => {
                        chars[p.keep - 1] = b'2' + rng.below(7) as u8;
                        for c in &mut chars[p.keep..] {
                            *c = rng.digit();
                        }
                    }
                    Err(_) => chars.iter_mut().for_each(|c| *c = rng.digit()),
                }
                shape::write(value, &digits, &chars, &mut out);
            }
            Kind::BankCard if units.len() >= 13 && units.iter().all(Unit::is_digit) => {
                let mut d: Vec<u8> = units[..units.len() - 1].iter().map(Unit::digit).collect();
                for v in &mut d[6..] {
                    *v = rng.below(10) as u8;
                }
                d.push(formats::luhn_digit(&d));
                let chars: Vec<u8> = d.iter().map(|v| b'0' + v).collect();
                shape::write(value, &units, &chars, &mut out);
            }
            Kind::Email => {
                let at = value.iter().rposition(|&b| b == b'@').unwrap_or(value.len());
                let (local, domain) = value.split_at(at);
                let lu: Vec<Unit> =
                    shape::units(local).into_iter().filter(|u| u.len == 1).collect();
                // Each character keeps its class: digit, lower-case or upper-case letter.
                let chars: Vec<u8> = lu.iter().map(|u| rng.like(u, 26)).collect();
                shape::write(local, &lu, &chars, &mut out);
                out.extend_from_slice(domain);
            }
            Kind::Ip if !value.contains(&b':') => {
                let parts: Vec<&[u8]> = value.split(|&b| b == b'.').collect();
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        out.push(b'.');
                    }
                    let v = match p.len() {
                        1 => rng.below(10),
                        2 => 10 + rng.below(90),
                        _ => 100 + rng.below(156),
                    };
                    out.extend_from_slice(v.to_string().as_bytes());
                }
            }
            Kind::Ip => {
                let hex: Vec<Unit> =
                    units.into_iter().filter(|u| u.len == 1 && u.ch.is_ascii_hexdigit()).collect();
                // Digits stay digits, hex letters stay letters in their case.
                let chars: Vec<u8> = hex.iter().map(|u| rng.like(u, 6)).collect();
                shape::write(value, &hex, &chars, &mut out);
            }
            Kind::Uscc if units.len() == 18 => {
                let mut c: Vec<u8> = units.iter().map(|u| u.ch.to_ascii_uppercase()).collect();
                loop {
                    for o in &mut c[8..16] {
                        *o = formats::USCC_ALPHABET[rng.below(31) as usize];
                    }
                    if let Some(full) = formats::uscc_complete(&c[..16]) {
                        c.copy_from_slice(&full);
                        break;
                    }
                }
                shape::write(value, &units, &c, &mut out);
            }
            _ => {
                // Letters kept, digits random: passports, plates, addresses' house numbers.
                let digits: Vec<Unit> = units.into_iter().filter(Unit::is_digit).collect();
                let chars: Vec<u8> = digits.iter().map(|_| rng.digit()).collect();
                shape::write(value, &digits, &chars, &mut out);
            }
        }
        out
    }
}

fn name(value: &[u8], rng: &mut Stream, out: &mut Vec<u8>) {
    let n = std::str::from_utf8(value).map(|s| s.chars().count()).unwrap_or(3).clamp(2, 4);
    let t = names();
    let (surname, given_len) = if n == 4 && !t.compound.is_empty() {
        (t.compound[rng.below(t.compound.len() as u64) as usize], 2)
    } else {
        let total = t.single.last().map_or(1, |s| s.1);
        let r = rng.below(total);
        let i = t.single.partition_point(|s| s.1 <= r).min(t.single.len().saturating_sub(1));
        (t.single.get(i).map_or("王", |s| s.0), n - 1)
    };
    out.extend_from_slice(surname.as_bytes());
    for _ in 0..given_len.min(2) {
        let g = t.given.get(rng.below(t.given.len() as u64) as usize).copied().unwrap_or("明");
        out.extend_from_slice(g.as_bytes());
    }
}

/// Common road-name stems (everyday Chinese street naming, not any real address). Stems that
/// are also division names (和平, 朝阳, 中山 …) are dropped at first use ([`road_stems`]): a fake
/// road must not read as another administrative level.
const ROAD_STEMS: &[&str] = &[
    "人民", "解放", "中山", "建设", "和平", "新华", "胜利", "文化", "友谊", "光明", "长江", "黄河",
    "东风", "幸福", "青年", "朝阳", "复兴", "振兴", "滨江", "育才", "学院", "银河", "枫林", "春晖",
    "翠微", "锦绣", "紫荆", "丰收", "健康", "兴业", "明珠", "星光", "金桥", "创业", "科技", "工业",
];

fn road_stems() -> &'static [&'static str] {
    static T: OnceLock<Vec<&'static str>> = OnceLock::new();
    T.get_or_init(|| {
        let g = gazetteer::get();
        ROAD_STEMS.iter().copied().filter(|s| g.at(s.as_bytes(), 0, s.len()).is_none()).collect()
    })
}

/// Road suffixes, longest first so that 大道 wins over 道-less forms.
const ROAD_SUFFIXES: &[&str] = &["大道", "大街", "胡同", "路", "街", "巷", "弄", "道"];

/// Current county-level codes whose own row is a real name (not 市辖区 …).
fn current_counties() -> &'static [u32] {
    static T: OnceLock<Vec<u32>> = OnceLock::new();
    T.get_or_init(|| {
        formats::region_codes()[1]
            .iter()
            .copied()
            .filter(|&c| {
                regions::lookup(c).is_some_and(|r| r.current && !regions::is_placeholder(r.name))
            })
            .collect()
    })
}

/// A fake address at the same level of detail as `value`.
fn address(value: &[u8], rng: &mut Stream, out: &mut Vec<u8>) {
    // The administrative levels the original names, in order.
    let g = gazetteer::get();
    let mut levels = Vec::new();
    let mut p = 0;
    while let Some((e, level)) = g.at(value, p, value.len()) {
        levels.push(level);
        p = e;
    }
    if !levels.is_empty() {
        let counties = current_counties();
        let code = counties[rng.below(counties.len() as u64) as usize];
        for level in levels {
            let c = match level {
                Level::Province => code / 10_000 * 10_000,
                Level::Prefecture => code / 100 * 100,
                Level::County => code,
            };
            if let Some(r) = regions::lookup(c).filter(|r| !regions::is_placeholder(r.name)) {
                out.extend_from_slice(r.name.as_bytes());
            }
        }
    }
    let mut rest = &value[p..];
    // The road: a run of CJK characters up to the first road suffix gets a common stem.
    let road = ROAD_SUFFIXES
        .iter()
        .filter_map(|s| rest.windows(s.len()).position(|w| w == s.as_bytes()))
        .min()
        .filter(|&at| {
            at > 0 && std::str::from_utf8(&rest[..at]).is_ok_and(|t| t.chars().all(is_cjk))
        });
    if let Some(at) = road {
        let stems = road_stems();
        out.extend_from_slice(stems[rng.below(stems.len() as u64) as usize].as_bytes());
        rest = &rest[at..];
    }
    // House numbers: digits random, everything else kept.
    let digits: Vec<Unit> = shape::units(rest).into_iter().filter(Unit::is_digit).collect();
    let chars: Vec<u8> = digits.iter().map(|_| rng.digit()).collect();
    shape::write(rest, &digits, &chars, out);
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

impl Policy for Fake {
    fn name(&self) -> &'static str {
        "fake"
    }

    fn apply(&self, f: &Finding, original: &[u8], out: &mut Vec<u8>) -> Result<(), PolicyError> {
        out.extend_from_slice(&self.fake(f.kind, original));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::find;

    fn fake(kind: Kind, v: &str) -> String {
        let key = Key::from_bytes(b"an example key for fake tests").unwrap();
        String::from_utf8(Fake::new(&key).fake(kind, v.as_bytes())).unwrap()
    }

    /// Issue 15 (tokenizer property, for numeric slots): a fake keeps each character's
    /// class: digit check characters stay digits, `x` stays `x`, letters keep their case.
    #[test]
    fn fakes_keep_each_characters_class() {
        let mut rng = crate::testutil::XorShift(11);
        for _ in 0..200 {
            let body = format!(
                "1101051980{:02}{:02}{:03}",
                1 + rng.below(12),
                1 + rng.below(28),
                rng.below(1000)
            );
            let id = crate::testutil::id18(&body);
            let f = fake(Kind::IdCard, &id);
            assert_eq!(
                f.as_bytes()[17].is_ascii_digit(),
                id.as_bytes()[17].is_ascii_digit(),
                "{id} → {f}"
            );
            if id.ends_with('X') {
                let lower = format!("{}x", &id[..17]);
                assert!(fake(Kind::IdCard, &lower).ends_with('x'));
                let wide: String =
                    id.chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap()).collect();
                assert!(fake(Kind::IdCard, &wide).ends_with('Ｘ'), "{wide}");
            }
        }
        let e = fake(Kind::Email, "Li.Si99@example.com");
        let class = |c: char| (c.is_ascii_digit(), c.is_ascii_uppercase(), c.is_ascii_lowercase());
        assert_eq!(
            e.chars().map(class).collect::<Vec<_>>(),
            "Li.Si99@example.com".chars().map(class).collect::<Vec<_>>(),
            "{e}"
        );
        let ip = fake(Kind::Ip, "2001:DB8::ab:1");
        assert_eq!(
            ip.chars().map(class).collect::<Vec<_>>(),
            "2001:DB8::ab:1".chars().map(class).collect::<Vec<_>>(),
            "{ip}"
        );
    }

    #[test]
    fn road_stems_are_not_division_names() {
        assert!(road_stems().len() >= 15, "{:?}", road_stems());
        assert!(!road_stems().contains(&"朝阳") && road_stems().contains(&"幸福"));
    }

    #[test]
    fn addresses_keep_their_level_of_detail_and_stay_addresses() {
        for original in [
            "浙江省杭州市西湖区文三路478号华星科技大厦5楼502室",
            "北京市朝阳区建国路88号",
            "南山区科苑路15号",
            "广东深圳南山区科技园科苑路15号3栋1201",
        ] {
            let f = fake(Kind::Address, original);
            assert_ne!(f, original);
            assert_eq!(f, fake(Kind::Address, original), "deterministic");
            // The fake is itself one address, whole.
            assert_eq!(find(&f), vec![(Kind::Address, 0, f.len())], "{original} -> {f}");
            // As many administrative names as the original.
            let levels = |s: &str| {
                let (g, b) = (gazetteer::get(), s.as_bytes());
                let (mut n, mut p) = (0, 0);
                while let Some((e, _)) = g.at(b, p, b.len()) {
                    n += 1;
                    p = e;
                }
                n
            };
            assert_eq!(levels(&f), levels(original), "{original} -> {f}");
        }
    }
}
