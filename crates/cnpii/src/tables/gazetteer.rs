//! The address gazetteer: province, prefecture and county names with their short forms, derived
//! from `patterns/regions.tsv` (the same table the ID validator reads: one source of truth).
//!
//! Full names are taken as written (浙江省, 杭州市, 西湖区, 黔南布依族苗族自治州), current and retired.
//! Short forms drop the administrative suffix and, for autonomous areas, the ethnic names before
//! it: 浙江, 杭州, 嘉定, 黔南 (also 黔南州), 广西, 新疆. A short form must keep at least two
//! characters (沙县 has none). Placeholders (市辖区, 县, 省直辖县级行政区划) are left out.
//!
//! [`Gazetteer::at`] answers "which division name starts here" in the address detector (and in
//! the name detector, for names inside place names) with one walk down a character trie. Every
//! name has two characters at least: an 8 KiB filter of first character pairs rejects most
//! positions, a small open-addressing table of the pairs gives the node after two characters,
//! and each further character is looked up among the node's children, a short sorted run of
//! code points stored right after the node's header (so a step reads one or two cache lines,
//! the trie being too large for the nearest caches). No string comparison per probe; the
//! longest name is the deepest name node on the path. It is built once, on first use (an
//! anchored aho-corasick automaton did the same, but took longer to build than a small input
//! takes to scan).

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
    /// Every name, once, with its level (for the tests, which check the trie against it).
    #[cfg(test)]
    names: Vec<(String, Level)>,
    /// The trie node of each first two characters of a name (all have two at least): an open
    /// addressing table ([`Gazetteer::second`]) of `(pair key, position in cells)`, key 0 for
    /// an empty slot (no key is 0: the first character is a Han character).
    second: Vec<(u32, u32)>,
    /// The trie below: one record per distinct name prefix of at least two characters, in
    /// depth-first order. A record is a header ([`header`]: the number of children and the
    /// level of the name the prefix is, if it is one) and then one cell per child, sorted: the
    /// next character in the high half, the child's position in the low half.
    cells: Vec<u64>,
    /// The first two characters of every name (all have two at least), by [`pair_key`]: it
    /// rejects most positions before the walk touches the larger trie (most probes are at
    /// characters that start some name, 大, 东, 新, and far more ordinary words).
    pairs: super::PairFilter,
}

/// The characters `a b` as one key: of [`Gazetteer::pairs`], and of [`Gazetteer::second`].
#[inline]
fn pair_key(a: u16, b: u16) -> u32 {
    u32::from(a) << 16 | u32::from(b)
}

/// The header of a trie record: `children` in the low 32 bits, the level (1 + its index; 0
/// when the prefix is not a name) above.
fn header(children: usize, level: Option<Level>) -> u64 {
    children as u64 | (level.map_or(0, |l| 1 + l as u64) << 32)
}

/// The level of a record's header.
#[inline]
fn level_of(header: u64) -> Option<Level> {
    match header >> 32 {
        1 => Some(Level::Province),
        2 => Some(Level::Prefecture),
        3 => Some(Level::County),
        _ => None,
    }
}

/// The code point of the three-byte UTF-8 character at `i` if it ends by `limit`.
///
/// Every division name is made of three-byte characters, and on bytes of that shape (a lead
/// byte `E0`–`EF` and two continuation bytes) decoding is one-to-one: equal code points mean
/// equal bytes, so the trie walk compares exactly what a byte comparison would.
#[inline]
fn char3(hay: &[u8], i: usize, limit: usize) -> Option<u16> {
    if i + 3 > limit {
        return None;
    }
    let [b0, b1, b2] = *hay.get(i..i + 3)?.first_chunk::<3>()?;
    if b0 & 0xF0 != 0xE0 || b1 & 0xC0 != 0x80 || b2 & 0xC0 != 0x80 {
        return None;
    }
    Some(crate::text::decode3(b0, b1, b2) as u16)
}

/// The characters of `name` as code points, `None` when one is not a three-byte character.
fn chars3(name: &str) -> Option<Vec<u16>> {
    name.chars().map(|c| (c.len_utf8() == 3).then_some(c as u32 as u16)).collect()
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
    let g = trie(&pats);
    // For the tests: one entry per name, with its highest level.
    #[cfg(test)]
    let g = {
        pats.sort();
        pats.dedup_by(|a, b| a.0 == b.0);
        Gazetteer { names: pats, ..g }
    };
    g
}

/// Builds the trie of `names`. A name listed more than once gets its highest level (吉林 the
/// province before 吉林 the city).
fn trie(names: &[(String, Level)]) -> Gazetteer {
    // Children while building: (next character, child) per node.
    let mut kids: Vec<Vec<(u16, u32)>> = Vec::new();
    let mut levels: Vec<Option<Level>> = Vec::new();
    // The node of each first character + 1 (0: none), by code point.
    let mut first_node = vec![0u32; 0x10000];
    let mut pairs = super::PairFilter::new();
    for (name, level) in names {
        let Some(cs) = chars3(name) else {
            // Not reachable for regions.tsv (a test checks every name); such a name could not
            // be found by the walk, so it is left out rather than mis-stored.
            continue;
        };
        if let [a, b, ..] = cs[..] {
            pairs.insert(pair_key(a, b).into());
        }
        let Some((&c0, rest)) = cs.split_first() else { continue };
        let mut node = match first_node[usize::from(c0)] {
            0 => {
                kids.push(Vec::new());
                levels.push(None);
                let n = (kids.len() - 1) as u32;
                first_node[usize::from(c0)] = n + 1;
                n
            }
            n => n - 1,
        };
        for &c in rest {
            node = match kids[node as usize].iter().find(|k| k.0 == c) {
                Some(k) => k.1,
                None => {
                    kids.push(Vec::new());
                    levels.push(None);
                    let n = (kids.len() - 1) as u32;
                    kids[node as usize].push((c, n));
                    n
                }
            };
        }
        let l = &mut levels[node as usize];
        *l = Some(l.map_or(*level, |l| l.min(*level)));
    }
    // Records of the prefixes of two characters and more, in depth-first order, so that a
    // walk moves forward through the table.
    let mut at = vec![0usize; kids.len()];
    let mut order = Vec::with_capacity(kids.len());
    // The nodes of the first two characters, by key.
    let mut seconds: Vec<(u32, u32)> = Vec::new();
    for (c0, &n) in (0u16..=u16::MAX).zip(&first_node) {
        if let Some(n) = n.checked_sub(1) {
            let k = &mut kids[n as usize];
            k.sort_unstable();
            seconds.extend(k.iter().map(|&(c1, n2)| (pair_key(c0, c1), n2)));
        }
    }
    let mut stack: Vec<u32> = seconds.iter().rev().map(|s| s.1).collect();
    while let Some(n) = stack.pop() {
        order.push(n as usize);
        let k = &mut kids[n as usize];
        k.sort_unstable();
        stack.extend(k.iter().rev().map(|e| e.1));
    }
    let mut size = 0;
    for &n in &order {
        at[n] = size;
        size += 1 + kids[n].len();
    }
    let mut cells = Vec::with_capacity(size);
    for &n in &order {
        cells.push(header(kids[n].len(), levels[n]));
        cells.extend(kids[n].iter().map(|e| u64::from(e.0) << 32 | at[e.1 as usize] as u64));
    }
    // At most half full.
    let slots = (2 * seconds.len()).next_power_of_two().max(2);
    let mut second = vec![(0u32, 0u32); slots];
    for &(key, n) in &seconds {
        let mut h = second_slot(key, slots);
        while second[h].0 != 0 {
            h = (h + 1) & (slots - 1);
        }
        second[h] = (key, at[n as usize] as u32);
    }
    Gazetteer {
        #[cfg(test)]
        names: Vec::new(),
        second,
        cells,
        pairs,
    }
}

/// The first slot of [`Gazetteer::second`] to look at for a key.
#[inline]
fn second_slot(key: u32, slots: usize) -> usize {
    (u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & (slots - 1)
}

/// The gazetteer, built on first use.
pub(crate) fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(build)
}

impl Gazetteer {
    /// The longest division name starting exactly at `at` and ending by `limit`: its end and
    /// level.
    ///
    /// A filter of first character pairs rejects most positions; the table of pairs gives the
    /// node after the first two characters; then one walk down the trie, a character at a
    /// time, each looked up among the few children of the node reached (a short sorted run,
    /// binary-searched when long).
    #[inline]
    pub(crate) fn at(&self, hay: &[u8], at: usize, limit: usize) -> Option<(usize, Level)> {
        let limit = limit.min(hay.len());
        let c0 = char3(hay, at, limit)?;
        // Every name has two characters at least.
        let c1 = char3(hay, at + 3, limit)?;
        let key = pair_key(c0, c1);
        if !self.pairs.may_contain(key.into()) {
            return None;
        }
        let mut node = self.second(key)?;
        let mut p = at + 6;
        let mut best = None;
        loop {
            let h = self.cells[node];
            if let Some(level) = level_of(h) {
                best = Some((p, level));
            }
            let n = h as u32 as usize;
            if n == 0 {
                return best;
            }
            let Some(c) = char3(hay, p, limit) else { return best };
            let kids = &self.cells[node + 1..node + 1 + n];
            let c = u64::from(c);
            let k = if n <= 8 {
                kids.iter().position(|&e| e >> 32 == c)
            } else {
                kids.binary_search_by_key(&c, |&e| e >> 32).ok()
            };
            let Some(k) = k else { return best };
            node = kids[k] as u32 as usize;
            p += 3;
        }
    }

    /// The trie node of a name's first two characters ([`pair_key`]).
    #[inline]
    fn second(&self, key: u32) -> Option<usize> {
        let mask = self.second.len() - 1;
        let mut h = second_slot(key, self.second.len());
        loop {
            match self.second[h] {
                (k, n) if k == key => return Some(n as usize),
                (0, _) => return None,
                _ => h = (h + 1) & mask,
            }
        }
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

    /// The longest name of the list that starts at `at` and ends by `limit`, by comparing every
    /// name's bytes: the plain definition the trie walk must agree with.
    fn oracle(g: &Gazetteer, hay: &[u8], at: usize, limit: usize) -> Option<(usize, Level)> {
        let rest = hay.get(at..limit.min(hay.len()))?;
        g.names
            .iter()
            .filter(|(n, _)| rest.starts_with(n.as_bytes()))
            .max_by_key(|(n, _)| n.len())
            .map(|(n, l)| (at + n.len(), *l))
    }

    #[test]
    fn every_name_is_in_the_trie() {
        let g = get();
        // The pair filter may only reject positions where no name starts.
        assert!(g.names.iter().all(|(n, _)| n.chars().count() >= 2));
        for (name, level) in &g.names {
            assert!(chars3(name).is_some(), "{name}: not all three-byte characters");
            let b = name.as_bytes();
            assert_eq!(g.at(b, 0, b.len()), Some((b.len(), *level)), "{name}");
            // Cut by `limit` or by the end of the haystack, and inside longer text.
            for cut in [b.len() - 1, b.len() - 3] {
                assert_eq!(g.at(b, 0, cut), oracle(g, b, 0, cut), "{name} cut at {cut}");
                assert_eq!(g.at(&b[..cut], 0, b.len()), oracle(g, &b[..cut], 0, b.len()));
            }
            let long = format!("x{name}路12号");
            let lb = long.as_bytes();
            for at in 0..lb.len() {
                for limit in [lb.len(), 1 + b.len(), at + 6] {
                    assert_eq!(
                        g.at(lb, at, limit),
                        oracle(g, lb, at, limit),
                        "{long} {at} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn random_text_agrees_with_the_name_list() {
        let g = get();
        // Pieces of names (so that prefixes and longer names meet), other characters, stray
        // and mangled bytes.
        let mut pieces: Vec<Vec<u8>> = Vec::new();
        for (k, (name, _)) in g.names.iter().enumerate().filter(|(k, _)| k % 7 == 0) {
            let b = name.as_bytes();
            pieces.push(b.to_vec());
            pieces.push(b[..b.len() - 3].to_vec());
            pieces.push(b[3..].to_vec());
            if k % 3 == 0 {
                pieces.push(b[..b.len() - 1].to_vec());
            }
        }
        for s in ["省", "市", "区", "县", "州", "路", "的", "，", "a", "1", " "] {
            pieces.push(s.as_bytes().to_vec());
        }
        pieces.extend([vec![0xE6], vec![0x88], vec![0xF0, 0x9F, 0x98, 0x80], vec![0xEF, 0xBC]]);
        let mut rng = crate::testutil::XorShift(0x2545_F491_4F6C_DD1D);
        let mut found = 0;
        for _ in 0..4000 {
            let n = 1 + rng.below(6);
            let hay: Vec<u8> =
                (0..n).flat_map(|_| pieces[rng.below(pieces.len())].iter().copied()).collect();
            for at in 0..hay.len() {
                let limit = if rng.below(2) == 0 { hay.len() } else { at + rng.below(20) };
                let want = oracle(g, &hay, at, limit);
                assert_eq!(g.at(&hay, at, limit), want, "{:?} {at} {limit}", hay);
                found += usize::from(want.is_some());
            }
        }
        assert!(found > 5000, "{found}");
    }
}
