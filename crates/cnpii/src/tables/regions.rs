//! GB/T 2260 division codes, current and retired (`patterns/regions.tsv`).
//!
//! One source of truth: the ID validator, the USCC validator and (later) the address
//! gazetteer all read this table.

use std::sync::OnceLock;

pub(crate) const TEXT: &str = include_str!("../../../../patterns/regions.tsv");

/// One division code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// The six-digit code.
    pub code: u32,
    /// The newest name known for the code.
    pub name: &'static str,
    /// First year the code is seen in the sources.
    pub first_year: u16,
    /// Last year the code is seen in the sources.
    pub last_year: u16,
    /// Whether the code is in the current (2025) list.
    pub current: bool,
}

fn table() -> &'static [Region] {
    static T: OnceLock<Vec<Region>> = OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<Region> = super::rows(TEXT)
            .filter_map(|r| {
                let code: u32 = r.first()?.parse().ok()?;
                (100_000..1_000_000).contains(&code).then_some(())?;
                Some(Region {
                    code,
                    name: r.get(1).copied().unwrap_or(""),
                    first_year: r.get(2).and_then(|s| s.parse().ok()).unwrap_or(0),
                    last_year: r.get(3).and_then(|s| s.parse().ok()).unwrap_or(0),
                    current: r.get(4) == Some(&"1"),
                })
            })
            .collect();
        v.sort_by_key(|r| r.code);
        v.dedup_by_key(|r| r.code);
        v
    })
}

/// The region with this six-digit code, current or retired.
pub fn lookup(code: u32) -> Option<&'static Region> {
    let t = table();
    t.binary_search_by_key(&code, |r| r.code).ok().map(|i| &t[i])
}

/// Whether the table has this code: one bit test (the validators ask for every candidate,
/// and a binary search over the table was a tenth of ID validation on a dump).
pub(crate) fn known(code: u32) -> bool {
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    let bits = BITS.get_or_init(|| {
        let mut b = vec![0u64; 1_000_000 / 64 + 1];
        for r in table() {
            b[r.code as usize / 64] |= 1 << (r.code % 64);
        }
        b
    });
    bits.get(code as usize / 64).is_some_and(|w| w >> (code % 64) & 1 == 1)
}

/// Every code in the table, ascending.
pub(crate) fn codes() -> impl Iterator<Item = u32> {
    table().iter().map(|r| r.code)
}

/// The full name of a code: province, prefecture and county names joined (`浙江省杭州市西湖区`).
pub fn full_name(code: u32) -> String {
    let mut out = String::new();
    let prov = code / 10_000 * 10_000;
    let pref = code / 100 * 100;
    for c in [prov, pref, code] {
        if let Some(r) = lookup(c) {
            if !out.ends_with(r.name) && !r.name.is_empty() && !is_placeholder(r.name) {
                out.push_str(r.name);
            }
        }
        if c == code {
            break;
        }
    }
    out
}

/// Whether a name is a placeholder row (市辖区, 县 …) rather than a division's name.
pub(crate) fn is_placeholder(name: &str) -> bool {
    matches!(name, "市辖区" | "县" | "省直辖县级行政区划" | "自治区直辖县级行政区划")
}

/// Number of codes in the table.
#[cfg(test)]
pub(crate) fn len() -> usize {
    table().len()
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_agrees_with_lookup() {
        for code in (0..1_100_000).step_by(7).chain(super::codes()) {
            assert_eq!(super::known(code), super::lookup(code).is_some(), "{code}");
        }
    }

    use super::*;

    #[test]
    fn current_and_retired_codes() {
        assert!(len() > 7000, "{}", len());
        let xihu = lookup(330106).expect("西湖区");
        assert!(xihu.name.contains("西湖") && xihu.current);
        // 东城区 110101 is current; 崇文区 110103 was merged into 东城 in 2010.
        assert!(lookup(110101).unwrap().current);
        let chongwen = lookup(110103).expect("retired 崇文区");
        assert!(!chongwen.current);
        assert!(lookup(999999).is_none());
        assert!(full_name(330106).starts_with("浙江省杭州市"));
    }
}
