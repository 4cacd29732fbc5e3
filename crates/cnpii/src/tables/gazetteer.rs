//! The address gazetteer: province, prefecture and county names with their short forms, derived
//! from `patterns/regions.tsv` (the same table the ID validator reads: one source of truth).
//!
//! Full names are taken as written (浙江省, 杭州市, 西湖区, 黔南布依族苗族自治州), current and retired.
//! Short forms drop the administrative suffix and, for autonomous areas, the ethnic names before
//! it: 浙江, 杭州, 嘉定, 黔南 (also 黔南州), 广西, 新疆. A short form must keep at least two
//! characters (沙县 has none). Placeholders (市辖区, 县, 省直辖县级行政区划) are left out.
//!
//! [`Gazetteer::at`] answers "which division name starts here" in the address detector: a
//! first-character bit set and a Bloom filter of first character pairs reject most positions,
//! and a hash map from the first two characters to the few names that start with them, longest
//! first, gives the longest name. It is built once, on first use (an anchored aho-corasick
//! automaton did the same, but took longer to build than a small input takes to scan).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// Administrative level of a division name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    Province,
    Prefecture,
    County,
}

/// The 56 ethnic groups (names as used in autonomous-area names; facts).
const ETHNIC: &[&str] = &[
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "各族",
];

/// Administrative suffixes, longest first.
const SUFFIXES: &[&str] = &[
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "林区",
    "地区",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "盟",
    "旗",
    "州",
];

/// Names that are divisions but also ordinary words, or placeholders.
const SKIP: &[&str] =
    &["市辖区", "县", "城区", "郊区", "矿区", "市中区", "新区", "开发区", "高新区", "经济开发区"];

pub(crate) struct Gazetteer {
    /// Every name, once, with its level.
    names: Vec<(String, Level)>,
    /// Indices into `names` by the name's first six bytes, longest name first.
    by_pair: HashMap<[u8; 6], Vec<usize>, BuildHasherDefault<super::Fx>>,
    /// Names shorter than six bytes (there are none; kept so that `at` stays exact), longest
    /// first.
    short: Vec<usize>,
    /// Bit set over the BMP: the first characters of the names, so that most positions are
    /// rejected without running the automaton.
    first: Vec<u64>,
    /// A Bloom filter (one hash, [`PAIR_BITS`] bits) of the first six bytes (two characters)
    /// of every name: after the first-character test, it rejects most of the positions left
    /// (東, 南, 大 start many names and far more ordinary words).
    pairs: Vec<u64>,
}

/// Size of [`Gazetteer::pairs`] in bits (a power of two).
const PAIR_BITS: usize = 1 << 16;

/// The bit of [`Gazetteer::pairs`] for the six bytes `b`.
#[inline]
fn pair_bit(b: &[u8; 6]) -> usize {
    let mut k = [0u8; 8];
    k[..6].copy_from_slice(b);
    let h = u64::from_le_bytes(k).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 48) as usize & (PAIR_BITS - 1)
}

fn strip_ethnic(mut s: &str) -> &str {
    loop {
        let before = s.len();
        for e in ETHNIC {
            if let Some(t) = s.strip_suffix("族").unwrap_or(s).strip_suffix(e) {
                if t.chars().count() >= 2 {
                    s = t;
                    break;
                }
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The short forms of a division name.
fn short_forms(name: &str, out: &mut Vec<String>) {
    for suf in SUFFIXES {
        if let Some(stem) = name.strip_suffix(suf) {
            let stem = if suf.starts_with("自治") { strip_ethnic(stem) } else { stem };
            if stem.chars().count() >= 2 {
                out.push(stem.to_string());
                if *suf == "自治州" {
                    out.push(format!("{stem}州"));
                }
            }
            return;
        }
    }
}

fn build() -> Gazetteer {
    let mut pats: Vec<(String, Level)> = Vec::new();
    let mut shorts = Vec::new();
    for r in super::rows(super::regions::TEXT) {
        let (Some(code), Some(&name)) = (r.first().and_then(|c| c.parse::<u32>().ok()), r.get(1))
        else {
            continue;
        };
        if name.contains("直辖") || SKIP.contains(&name) || name.chars().count() < 2 {
            continue;
        }
        let level = if code % 10_000 == 0 {
            Level::Province
        } else if code % 100 == 0 {
            Level::Prefecture
        } else {
            Level::County
        };
        pats.push((name.to_string(), level));
        shorts.clear();
        short_forms(name, &mut shorts);
        for s in shorts.drain(..) {
            if !SKIP.contains(&s.as_str()) {
                pats.push((s, level));
            }
        }
    }
    // One entry per name; the highest level wins (吉林 the province before 吉林 the city).
    pats.sort();
    pats.dedup_by(|a, b| a.0 == b.0);
    let mut first = vec![0u64; 1024];
    for (name, _) in &pats {
        if let Some(c) = name.chars().next() {
            let c = c as usize & 0xFFFF;
            first[c / 64] |= 1 << (c % 64);
        }
    }
    let mut pairs = vec![0u64; PAIR_BITS / 64];
    for (name, _) in &pats {
        // Shorter names are looked up without the filter (`short`).
        if let Some(six) = name.as_bytes().first_chunk::<6>() {
            let bit = pair_bit(six);
            pairs[bit / 64] |= 1 << (bit % 64);
        }
    }
    let mut by_pair: HashMap<[u8; 6], Vec<usize>, BuildHasherDefault<super::Fx>> =
        HashMap::default();
    let mut short = Vec::new();
    for (k, (name, _)) in pats.iter().enumerate() {
        match name.as_bytes().first_chunk::<6>() {
            Some(six) => by_pair.entry(*six).or_default().push(k),
            None => short.push(k),
        }
    }
    for list in by_pair.values_mut().chain([&mut short]) {
        list.sort_by_key(|&k| std::cmp::Reverse(pats[k].0.len()));
    }
    Gazetteer { names: pats, by_pair, short, first, pairs }
}

/// The gazetteer, built on first use.
pub(crate) fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(build)
}

impl Gazetteer {
    /// The longest division name starting exactly at `at` and ending by `limit`: its end and
    /// level.
    pub(crate) fn at(&self, hay: &[u8], at: usize, limit: usize) -> Option<(usize, Level)> {
        // Every name starts with a three-byte character.
        let (b0, b1, b2) = (*hay.get(at)?, *hay.get(at + 1)?, *hay.get(at + 2)?);
        let c =
            (usize::from(b0 & 0x0F) << 12) | (usize::from(b1 & 0x3F) << 6) | usize::from(b2 & 0x3F);
        if b0 & 0xF0 != 0xE0 || self.first[c / 64] & (1 << (c % 64)) == 0 {
            return None;
        }
        let rest = hay.get(at..limit.min(hay.len()))?;
        let name_at = |k: usize| {
            let (name, level) = &self.names[k];
            let name = name.as_bytes();
            // Names are a few characters long: a byte loop beats a call to memcmp.
            let same = rest.len() >= name.len() && name.iter().zip(rest).all(|(a, b)| a == b);
            same.then_some((at + name.len(), *level))
        };
        // A name's first six bytes are in `pairs`; the longest name that `rest` starts with is
        // the first of its list that it starts with.
        if let Some(six) = rest.first_chunk::<6>() {
            let bit = pair_bit(six);
            if self.pairs[bit / 64] & (1 << (bit % 64)) != 0 {
                if let Some(found) =
                    self.by_pair.get(six).and_then(|l| l.iter().find_map(|&k| name_at(k)))
                {
                    return Some(found);
                }
            }
        }
        self.short.iter().find_map(|&k| name_at(k))
    }

    /// Number of names.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Option<(&str, Level)> {
        get().at(s.as_bytes(), 0, s.len()).map(|(e, l)| (&s[..e], l))
    }

    #[test]
    fn full_and_short_names() {
        assert!(get().len() > 5000, "{}", get().len());
        // Every name is at least two three-byte characters long: all go through the filter.
        assert!(get().short.is_empty());
        assert_eq!(at("浙江省杭州市"), Some(("浙江省", Level::Province)));
        assert_eq!(at("浙江杭州"), Some(("浙江", Level::Province)));
        assert_eq!(at("杭州市西湖区"), Some(("杭州市", Level::Prefecture)));
        assert_eq!(at("西湖区文三路").map(|x| x.0), Some("西湖区"));
        assert_eq!(at("嘉定区").map(|x| x.0), Some("嘉定区"));
        assert_eq!(at("嘉定").map(|x| x.0), Some("嘉定"));
        assert_eq!(at("黔南州都匀").map(|x| x.0), Some("黔南州"));
        assert_eq!(at("广西南宁").map(|x| x.0), Some("广西"));
        assert_eq!(at("新疆乌鲁木齐").map(|x| x.0), Some("新疆"));
        assert_eq!(at("延边朝鲜族自治州").map(|x| x.0), Some("延边朝鲜族自治州"));
        assert_eq!(at("市辖区"), None);
        assert_eq!(at("今天"), None);
    }
}
