//! Pattern tables from `patterns/`, compiled in with `include_str!` and parsed once.

use std::collections::HashSet;
use std::sync::OnceLock;

const REGIONS: &str = include_str!("../../patterns/regions.tsv");
const MOBILE_PREFIXES: &str = include_str!("../../patterns/mobile_prefixes.tsv");
const AREA_CODES: &str = include_str!("../../patterns/area_codes.tsv");
const BANK_BINS: &str = include_str!("../../patterns/bank_bins.tsv");
const PLATE_PROVINCES: &str = include_str!("../../patterns/plate_provinces.txt");
const SURNAMES: &str = include_str!("../../patterns/surnames.tsv");

/// A landline area code and the subscriber-number lengths allowed after it.
#[derive(Debug, Clone)]
pub struct AreaCode {
    pub code: &'static str,
    pub lengths: Vec<usize>,
}

/// A card issuer prefix; `length` is `None` when the table leaves it empty.
#[derive(Debug, Clone)]
pub struct Bin {
    pub prefix: &'static str,
    pub length: Option<usize>,
}

/// Everything the generators read from `patterns/`.
#[derive(Debug)]
pub struct Tables {
    /// Every code in regions.tsv (any level, current or retired).
    pub all_regions: HashSet<u32>,
    /// County-level codes (last two digits not 00) in force today, provinces 11–65 only.
    pub county_current: Vec<u32>,
    /// Retired county-level codes, provinces 11–65 only.
    pub county_retired: Vec<u32>,
    /// Current codes of any level (for USCC region fields).
    pub any_current: Vec<u32>,
    /// Mobile prefixes of class `mobile`.
    pub mobile: Vec<&'static str>,
    /// Mobile prefixes of class `mvno`.
    pub mvno: Vec<&'static str>,
    pub area_codes: Vec<AreaCode>,
    /// Card prefixes with a usable length (13–19 or unknown).
    pub bins: Vec<Bin>,
    /// Every prefix in bank_bins.tsv.
    pub all_bin_prefixes: Vec<&'static str>,
    /// Plate province abbreviations (one CJK character each).
    pub plate_provinces: Vec<&'static str>,
    /// Region names by code (current and retired).
    pub region_names: std::collections::HashMap<u32, &'static str>,
    /// Single-character surnames with a population share, weighted in ten-thousandths.
    pub surnames: Vec<(&'static str, u32)>,
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn parse() -> Tables {
    let mut all_regions = HashSet::new();
    let mut county_current = Vec::new();
    let mut county_retired = Vec::new();
    let mut any_current = Vec::new();
    let mut region_names = std::collections::HashMap::new();
    for r in rows(REGIONS) {
        let Some(code) = r.first().and_then(|c| c.parse::<u32>().ok()) else { continue };
        if !(100_000..=999_999).contains(&code) {
            continue;
        }
        all_regions.insert(code);
        let name = r.get(1).copied().unwrap_or("");
        region_names.insert(code, name);
        let first_year: u32 = r.get(2).and_then(|y| y.parse().ok()).unwrap_or(0);
        let current = r.get(4).is_some_and(|c| c.trim() == "1");
        if current {
            any_current.push(code);
        }
        let province = code / 10_000;
        let county = code % 100;
        // Placeholders (市辖区, 县) and the NBS functional zones (xx7x, seen from 2018) never
        // appear in real ID numbers; Taiwan / HK / Macau codes are not used for resident IDs.
        let placeholder = name == "市辖区" || name == "县" || name.contains("直辖");
        let functional = (70..80).contains(&county) && first_year >= 2018;
        if county == 0 || placeholder || functional || !(11..=65).contains(&province) {
            continue;
        }
        if current {
            county_current.push(code);
        } else {
            county_retired.push(code);
        }
    }

    let mut mobile = Vec::new();
    let mut mvno = Vec::new();
    for r in rows(MOBILE_PREFIXES) {
        let (Some(&prefix), Some(&class)) = (r.first(), r.get(2)) else { continue };
        if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        match class.trim() {
            "mobile" => mobile.push(prefix),
            "mvno" => mvno.push(prefix),
            _ => {}
        }
    }

    let mut area_codes = Vec::new();
    for r in rows(AREA_CODES) {
        let Some(&code) = r.first() else { continue };
        if !code.starts_with('0') || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let lengths: Vec<usize> = r
            .get(2)
            .map(|l| l.split(',').filter_map(|x| x.trim().parse().ok()).collect())
            .unwrap_or_default();
        let lengths: Vec<usize> = lengths.into_iter().filter(|n| (7..=8).contains(n)).collect();
        let lengths = if lengths.is_empty() { vec![7, 8] } else { lengths };
        area_codes.push(AreaCode { code, lengths });
    }

    let mut bins = Vec::new();
    let mut all_bin_prefixes = Vec::new();
    for r in rows(BANK_BINS) {
        let Some(&prefix) = r.first() else { continue };
        if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        all_bin_prefixes.push(prefix);
        let length = r.get(4).and_then(|l| l.trim().parse::<usize>().ok());
        match length {
            Some(n) if (13..=19).contains(&n) && n > prefix.len() + 1 => {
                bins.push(Bin { prefix, length: Some(n) })
            }
            None => bins.push(Bin { prefix, length: None }),
            _ => {}
        }
    }

    let plate_provinces = rows(PLATE_PROVINCES)
        .filter_map(|r| r.first().copied())
        .filter(|a| a.chars().count() == 1)
        .collect();

    let surnames = rows(SURNAMES)
        .filter_map(|r| {
            let s = *r.first()?;
            let pct: f64 = r.get(1)?.trim().parse().ok()?;
            (s.chars().count() == 1).then_some((s, (pct * 10_000.0).round().max(1.0) as u32))
        })
        .collect();

    let t = Tables {
        all_regions,
        county_current,
        county_retired,
        any_current,
        mobile,
        mvno,
        area_codes,
        bins,
        all_bin_prefixes,
        plate_provinces,
        region_names,
        surnames,
    };
    assert!(
        !t.county_current.is_empty()
            && !t.county_retired.is_empty()
            && !t.any_current.is_empty()
            && !t.mobile.is_empty()
            && !t.area_codes.is_empty()
            && !t.bins.is_empty()
            && !t.plate_provinces.is_empty(),
        "patterns/ tables are empty or malformed"
    );
    t
}

/// The parsed tables (parsed on first use).
pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(parse)
}

impl Tables {
    /// Whether `code` (first six digits of an ID) is a known region code.
    pub fn known_region(&self, code: &str) -> bool {
        code.len() == 6 && code.parse::<u32>().is_ok_and(|c| self.all_regions.contains(&c))
    }

    /// Whether any bank_bins.tsv prefix starts `digits`.
    pub fn has_bin_prefix(&self, digits: &str) -> bool {
        self.all_bin_prefixes.iter().any(|p| digits.starts_with(p))
    }
}
