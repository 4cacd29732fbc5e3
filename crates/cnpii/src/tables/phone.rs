//! Mobile segments and landline area codes (`patterns/mobile_prefixes.tsv`,
//! `patterns/area_codes.tsv`).

use std::sync::OnceLock;

pub(crate) const MOBILE_TEXT: &str = include_str!("../../../../patterns/mobile_prefixes.tsv");
pub(crate) const AREA_TEXT: &str = include_str!("../../../../patterns/area_codes.tsv");

/// The class of a mobile segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MobileClass {
    /// An ordinary mobile segment.
    Mobile,
    /// A virtual-operator (MVNO) segment.
    Mvno,
    /// A data/IoT segment: valid, lower confidence.
    Iot,
}

struct Mobile {
    /// Indexed by the 2nd–5th digits of an 11-digit number (the first is always 1): 0 for
    /// none, else 1 + an index into `segments`. Two bytes a slot keep the table in 20 KB of
    /// cache; every mobile-shaped candidate reads it.
    slot: Vec<u16>,
    segments: Vec<(MobileClass, &'static str)>,
}

fn mobile() -> &'static Mobile {
    static T: OnceLock<Mobile> = OnceLock::new();
    T.get_or_init(|| {
        let mut slot = vec![0u16; 10_000];
        let mut segments = Vec::new();
        let mut rows: Vec<_> = super::rows(MOBILE_TEXT).collect();
        // Shorter prefixes first, so that a longer, more specific row overrides them.
        rows.sort_by_key(|r| r[0].len());
        for r in rows {
            let p = r[0];
            if !(3..=5).contains(&p.len()) || !p.starts_with('1') {
                continue;
            }
            let Ok(n) = p[1..].parse::<usize>() else { continue };
            let c = match r.get(2).copied() {
                Some("mvno") => MobileClass::Mvno,
                Some("iot") => MobileClass::Iot,
                _ => MobileClass::Mobile,
            };
            let carrier = r.get(1).copied().unwrap_or("");
            let span = 10usize.pow(5 - p.len() as u32);
            let base = n * span;
            let id = match segments.iter().position(|&s| s == (c, carrier)) {
                Some(i) => i,
                None => {
                    segments.push((c, carrier));
                    segments.len() - 1
                }
            };
            let id = u16::try_from(id + 1).expect("fewer than 65535 carrier classes");
            slot[base..base + span].fill(id);
        }
        Mobile { slot, segments }
    })
}

/// The segment class and carrier of an 11-digit mobile number given by its first five digits.
pub fn mobile_segment(first5: u32) -> Option<(MobileClass, &'static str)> {
    if !(10_000..20_000).contains(&first5) {
        return None;
    }
    let m = mobile();
    match m.slot[(first5 - 10_000) as usize] {
        0 => None,
        id => Some(m.segments[usize::from(id) - 1]),
    }
}

/// A landline area code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AreaCode {
    /// City or region name.
    pub city: &'static str,
    /// Allowed subscriber-number lengths: bit 7 and/or bit 8 set.
    pub lengths: u16,
}

impl AreaCode {
    /// Whether a subscriber number of `n` digits fits this area code.
    pub fn allows(&self, n: usize) -> bool {
        n < 16 && self.lengths & (1 << n) != 0
    }
}

fn areas() -> &'static Vec<Option<AreaCode>> {
    static T: OnceLock<Vec<Option<AreaCode>>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = vec![None; 1000];
        for r in super::rows(AREA_TEXT) {
            let code = r[0];
            if !code.starts_with('0') || !(3..=4).contains(&code.len()) {
                continue;
            }
            let Ok(n) = code[1..].parse::<usize>() else { continue };
            let mut lengths = 0u16;
            for l in r.get(2).copied().unwrap_or("7,8").split(',') {
                if let Ok(l @ 5..=8) = l.trim().parse::<u16>() {
                    lengths |= 1 << l;
                }
            }
            if lengths == 0 {
                lengths = (1 << 7) | (1 << 8);
            }
            t[n] = Some(AreaCode { city: r.get(1).copied().unwrap_or(""), lengths });
        }
        t
    })
}

/// The area code written with `digits` digits after the leading 0 (`10` for 010, `755` for
/// 0755), if it exists.
pub fn area_code(number: u32, digits: usize) -> Option<AreaCode> {
    // Two-digit codes start with 1 or 2 (010, 020–029); three-digit codes with 3–9.
    let ok = match digits {
        2 => (10..30).contains(&number),
        3 => (300..1000).contains(&number),
        _ => false,
    };
    if !ok {
        return None;
    }
    areas()[number as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments() {
        assert_eq!(mobile_segment(13812).map(|s| s.0), Some(MobileClass::Mobile));
        assert!(mobile_segment(19912).is_some());
        assert!(mobile_segment(15412).is_none(), "154 is unassigned");
        assert!(mobile_segment(12012).is_none());
        assert!(mobile_segment(10000).is_none());
    }

    #[test]
    fn area_codes() {
        assert!(area_code(10, 2).unwrap().allows(8));
        assert!(area_code(755, 3).is_some());
        assert!(area_code(571, 3).is_some());
        assert!(area_code(100, 3).is_none());
        assert!(area_code(11, 2).is_none());
    }
}
