//! Key and column vocabulary (`patterns/key_vocabulary.tsv`): which key or column names
//! support, veto or hint which kind.
//!
//! One table for the three readers that used to keep their own lists: the key before a value
//! in text (`detect/evidence.rs`), the column hints of structured input (`format/hints.rs`) and
//! the name keys (`detect/name.rs`). [`says`] is the one way to read it.

use crate::kind::Kind;
use std::sync::OnceLock;

pub(crate) const TEXT: &str = include_str!("../../../../patterns/key_vocabulary.tsv");

/// Who reads a row: the table's `reader` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reader {
    /// An ASCII key written before a value in text (`tel=`, `"idNo":`).
    Text,
    /// A column or field name of structured input; the first row that matches decides.
    Column,
    /// A key or column that holds a person's name.
    Name,
}

/// What a matching row says: the table's `says` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Says {
    /// The key supports this kind.
    Kind(Kind),
    /// A contact word (`contact`, `receiver`): a name key unless a [`Says::NotContact`] word
    /// is there too.
    Contact,
    /// An identifier, counter or time: never personal data.
    Never,
    /// Vetoes a `name` suffix match (`filename`, `hostname`).
    NotName,
    /// Vetoes a contact-word match (`contact_phone`).
    NotContact,
}

/// How a row's word matches a key: the table's `match` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Match {
    Whole,
    Prefix,
    Suffix,
    /// Anywhere in the key; a word `a&b` needs both parts.
    Part,
    /// A suffix of a key of at most [`SHORT`] bytes.
    ShortSuffix,
    /// One of the words the raw name splits into ([`tokens`]).
    Token,
}

/// The longest key a `short_suffix` row matches: `client_ip` is an address column,
/// `membership` is not.
const SHORT: usize = 12;

struct Rule {
    reader: Reader,
    says: Says,
    how: Match,
    word: &'static str,
    /// The `&`-separated parts of a `part` row's word, split once here rather than at every
    /// lookup: a lookup runs for every key before a value in text, so it stays a few
    /// byte compares per row.
    parts: Box<[&'static [u8]]>,
    /// The [`pairs`] of all `parts`: a key whose pairs lack one of these cannot match.
    need: u64,
}

/// The rows of the table, in table order, and for each reader the indices of its rows.
struct Table {
    rows: Vec<Rule>,
    by_reader: [Vec<usize>; 3],
}

#[cfg(test)]
fn table() -> &'static [Rule] {
    &compiled().rows
}

fn compiled() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let rows: Vec<Rule> = super::rows(TEXT)
            .filter_map(|r| {
                let reader = match *r.first()? {
                    "text" => Reader::Text,
                    "column" => Reader::Column,
                    "name" => Reader::Name,
                    _ => return None,
                };
                let says = match *r.get(1)? {
                    "never" => Says::Never,
                    "contact" => Says::Contact,
                    "not_name" => Says::NotName,
                    "not_contact" => Says::NotContact,
                    k => Says::Kind(k.parse().ok()?),
                };
                let how = match *r.get(2)? {
                    "whole" => Match::Whole,
                    "prefix" => Match::Prefix,
                    "suffix" => Match::Suffix,
                    "part" => Match::Part,
                    "short_suffix" => Match::ShortSuffix,
                    "token" => Match::Token,
                    _ => return None,
                };
                let word: &'static str = r.get(3)?;
                let parts: Box<[&[u8]]> = word.split('&').map(str::as_bytes).collect();
                let need = parts.iter().fold(0, |m, p| m | pairs(p));
                Some(Rule { reader, says, how, word, parts, need })
            })
            .collect();
        let of = |reader: Reader| -> Vec<usize> {
            (0..rows.len()).filter(|&i| rows[i].reader == reader).collect()
        };
        let by_reader = [of(Reader::Text), of(Reader::Column), of(Reader::Name)];
        Table { rows, by_reader }
    })
}

/// A 64-bit set of the byte pairs in `s` (none for a one-byte `s`): a cheap filter that
/// rejects most `part` rows before any compare, since a part's pairs are all pairs of a key
/// that holds it.
fn pairs(s: &[u8]) -> u64 {
    let bit = |a: u8, b: u8| 1u64 << ((a as u32).wrapping_mul(31).wrapping_add(b as u32) % 64);
    s.windows(2).fold(0, |m, w| m | bit(w[0], w[1]))
}

/// Whether `needle` (never empty) occurs in `hay`: a first-byte check before each compare,
/// since keys are short and most positions fail on their first byte.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return true };
    if needle.len() > hay.len() {
        return false;
    }
    (0..=hay.len() - needle.len()).any(|i| hay[i] == first && &hay[i + 1..i + needle.len()] == rest)
}

/// What the rows of `reader` say about a key, in table order.
///
/// `flat` is the key lowercased with everything but letters and digits dropped; `raw` is the
/// key as written, split into words for `token` rows ([`tokens`]).
pub(crate) fn says<'a>(
    reader: Reader,
    flat: &'a [u8],
    raw: &'a [u8],
) -> impl Iterator<Item = Says> + 'a {
    let t = compiled();
    let idx = match reader {
        Reader::Text => &t.by_reader[0],
        Reader::Column => &t.by_reader[1],
        Reader::Name => &t.by_reader[2],
    };
    let have = pairs(flat);
    idx.iter().map(|&i| &t.rows[i]).filter_map(move |r| {
        let w = r.word.as_bytes();
        let hit = match r.how {
            Match::Whole => flat == w,
            Match::Prefix => flat.starts_with(w),
            Match::Suffix => flat.ends_with(w),
            Match::ShortSuffix => flat.len() <= SHORT && flat.ends_with(w),
            Match::Part => r.need & !have == 0 && r.parts.iter().all(|p| contains(flat, p)),
            Match::Token => tokens(raw).any(|t| t.eq_ignore_ascii_case(w)),
        };
        hit.then_some(r.says)
    })
}

/// The words of a name: cut at anything but ASCII letters and digits, between a lower-case
/// letter and an upper-case one (`mobileTel`), and between letters and digits (`tel2`).
/// Non-ASCII bytes cut too: CJK names are matched as `part`s of the flat key.
pub(crate) fn tokens(raw: &[u8]) -> impl Iterator<Item = &[u8]> {
    let class = |b: u8| match b {
        b'a'..=b'z' => 1,
        b'A'..=b'Z' => 2,
        b'0'..=b'9' => 3,
        _ => 0,
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < raw.len() && class(raw[i]) == 0 {
            i += 1;
        }
        if i == raw.len() {
            return None;
        }
        let start = i;
        i += 1;
        while i < raw.len() {
            let (a, b) = (class(raw[i - 1]), class(raw[i]));
            // `URLName` keeps `URL` whole until the last capital starts `Name`.
            let upper_run_ends = a == 2 && b == 2 && raw.get(i + 1).is_some_and(|&c| class(c) == 1);
            if b == 0 || (a == 3) != (b == 3) || (a == 1 && b == 2) || upper_run_ends {
                break;
            }
            i += 1;
        }
        Some(&raw[start..i])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_parses() {
        let rows = super::super::rows(TEXT).count();
        assert_eq!(table().len(), rows);
        assert!(TEXT.starts_with("# source: hand-written, cnpii maintainers; date: 2026-12-07"));
    }

    #[test]
    fn tokens_split_at_separators_case_and_digits() {
        let t = |s: &str| {
            tokens(s.as_bytes())
                .map(|t| std::str::from_utf8(t).unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(t("hotel_name"), ["hotel", "name"]);
        assert_eq!(t("mobileTel"), ["mobile", "Tel"]);
        assert_eq!(t("tel2-no"), ["tel", "2", "no"]);
        assert_eq!(t("URLName"), ["URL", "Name"]);
        assert_eq!(t("联系tel"), ["tel"]);
        assert_eq!(t(""), Vec::<String>::new());
    }
}
