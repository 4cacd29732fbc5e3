//! Payment card issuer prefixes (`patterns/bank_bins.tsv`), and the scheme prefixes of the
//! international networks.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

pub(crate) const TEXT: &str = include_str!("../../../../patterns/bank_bins.tsv");

struct Bin {
    prefix: &'static str,
    bank: &'static str,
    length: Option<u8>,
}

/// The rows sorted by prefix (then length), the range of rows of each prefix, and for each
/// first three digits the prefix lengths that occur (bit `n` for length `n`): most numbers
/// that reach the lookup (13-digit millisecond timestamps) start with three digits no BIN
/// starts with and need no hashing at all.
struct Table {
    rows: Vec<Bin>,
    by_prefix: HashMap<&'static [u8], (usize, usize), BuildHasherDefault<super::Fx>>,
    lengths: Vec<u16>,
}

/// The first three digits of `d` as an index (`d` has at least three ASCII digits).
fn first3(d: &[u8]) -> usize {
    d[..3].iter().fold(0, |a, &b| a * 10 + usize::from(b - b'0'))
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut rows: Vec<Bin> = super::rows(TEXT)
            .filter(|r| r[0].len() >= 3 && r[0].bytes().all(|b| b.is_ascii_digit()))
            .map(|r| Bin {
                prefix: r[0],
                bank: r.get(2).copied().unwrap_or(""),
                length: r.get(4).and_then(|s| s.parse().ok()),
            })
            .collect();
        rows.sort_by(|a, b| a.prefix.cmp(b.prefix).then(a.length.cmp(&b.length)));
        let mut by_prefix = HashMap::default();
        let mut lengths = vec![0u16; 1000];
        for (i, b) in rows.iter().enumerate() {
            by_prefix.entry(b.prefix.as_bytes()).or_insert((i, i)).1 = i + 1;
            if b.prefix.len() <= 10 {
                lengths[first3(b.prefix.as_bytes())] |= 1 << b.prefix.len();
            }
        }
        Table { rows, by_prefix, lengths }
    })
}

/// The issuer of a card number (ASCII digits), by the longest matching BIN row whose length
/// (when the table gives one) equals the number's length. Returns the bank name.
pub fn issuer(number: &[u8]) -> Option<&'static str> {
    let t = table();
    if number.len() < 3 {
        return None;
    }
    let mut lengths = t.lengths[first3(number)] & ((2 << number.len().min(10)) - 1);
    while lengths != 0 {
        let plen = 15 - lengths.leading_zeros() as usize;
        lengths &= !(1 << plen);
        if let Some(bank) = t.bank(number, plen) {
            return Some(bank);
        }
    }
    None
}

impl Table {
    /// The bank of the rows whose prefix is the first `plen` digits of `number`: the row whose
    /// length equals the number's, else the last row without a length.
    fn bank(&self, number: &[u8], plen: usize) -> Option<&'static str> {
        let &(from, to) = self.by_prefix.get(&number[..plen])?;
        let mut fallback = None;
        for b in &self.rows[from..to] {
            match b.length {
                Some(l) if usize::from(l) == number.len() => return Some(b.bank),
                None => fallback = Some(b.bank),
                Some(_) => {}
            }
        }
        fallback
    }
}

/// The international scheme whose prefix and length fit the number, if any.
pub fn scheme(number: &[u8]) -> Option<&'static str> {
    let n = number.len();
    let p = |k: usize| -> u32 {
        number[..k.min(n)].iter().fold(0, |a, &d| a * 10 + u32::from(d - b'0'))
    };
    if n < 13 {
        return None;
    }
    match number[0] {
        b'4' if n == 16 => Some("Visa"),
        b'5' if (51..=55).contains(&p(2)) && n == 16 => Some("Mastercard"),
        b'2' if (2221..=2720).contains(&p(4)) && n == 16 => Some("Mastercard"),
        b'3' if (p(2) == 34 || p(2) == 37) && n == 15 => Some("American Express"),
        b'3' if (3528..=3589).contains(&p(4)) && (16..=19).contains(&n) => Some("JCB"),
        b'6' if p(2) == 62 && (16..=19).contains(&n) => Some("UnionPay"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_and_schemes() {
        assert!(table().rows.len() > 1000);
        assert_eq!(scheme(b"4111111111111111"), Some("Visa"));
        assert_eq!(scheme(b"2221000000000009"), Some("Mastercard"));
        assert_eq!(scheme(b"378282246310005"), Some("American Express"));
        assert_eq!(scheme(b"6222020200001234562"), Some("UnionPay"));
        assert_eq!(scheme(b"9999999999999995"), None);
        // 622202 is an ICBC BIN in every public table.
        assert!(issuer(b"6222020200001234562").is_some_and(|b| b.contains("工商")));
    }

    /// The lookup by every prefix length, longest first: the oracle for `issuer`'s shortcut.
    fn issuer_by_every_length(number: &[u8]) -> Option<&'static str> {
        (3..=number.len().min(10)).rev().find_map(|plen| table().bank(number, plen))
    }

    #[test]
    fn issuer_skips_only_lengths_no_prefix_has() {
        let mut rng = crate::testutil::XorShift(0xB1_5EED);
        let mut numbers: Vec<Vec<u8>> = Vec::new();
        for b in &table().rows {
            for len in [13, 16, 19, b.prefix.len().max(3)] {
                let mut n = b.prefix.as_bytes().to_vec();
                while n.len() < len {
                    n.push(b'0' + rng.below(10) as u8);
                }
                numbers.push(n);
            }
        }
        for _ in 0..20_000 {
            let len = 3 + rng.below(17);
            numbers.push(rng.bytes(len, b"0123456789"));
        }
        for n in &numbers {
            assert_eq!(issuer(n), issuer_by_every_length(n), "{}", String::from_utf8_lossy(n));
        }
    }
}
