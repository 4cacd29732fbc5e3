//! Chinese surnames, single and compound, with population share (`patterns/surnames.tsv`).
//!
//! Read by the name detector (candidates and their prior) and by the name mask (which keeps the
//! whole surname: `欧阳**`).

use std::sync::OnceLock;

pub(crate) const TEXT: &str = include_str!("../../../../patterns/surnames.tsv");

/// One surname.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Surname {
    /// Share of the population, in percent (0 when the table has none).
    pub pct: f32,
    /// jionlp's flag: a character that is rarely an ordinary word.
    pub unambiguous: bool,
}

type Map<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<super::Fx>>;

struct Table {
    single: Map<char, Surname>,
    compound: Map<[char; 2], Surname>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Table { single: Map::default(), compound: Map::default() };
        for r in super::rows(TEXT) {
            let s = Surname {
                pct: r.get(1).and_then(|v| v.parse().ok()).unwrap_or(0.0),
                unambiguous: r.get(2) == Some(&"1"),
            };
            let mut cs = r[0].chars();
            match (cs.next(), cs.next(), cs.next()) {
                (Some(a), None, _) => {
                    t.single.insert(a, s);
                }
                (Some(a), Some(b), None) => {
                    t.compound.insert([a, b], s);
                }
                _ => {}
            }
        }
        t
    })
}

/// The single-character surname `c`.
pub(crate) fn single(c: char) -> Option<Surname> {
    table().single.get(&c).copied()
}

/// The compound surname `a b` (欧阳, 司马 …).
pub(crate) fn compound(a: char, b: char) -> Option<Surname> {
    table().compound.get(&[a, b]).copied()
}

/// Every single surname character.
pub(crate) fn singles() -> impl Iterator<Item = char> {
    table().single.keys().copied()
}

/// Every compound surname.
pub(crate) fn compounds() -> impl Iterator<Item = [char; 2]> {
    table().compound.keys().copied()
}

/// Every first character of a compound surname.
pub(crate) fn compound_firsts() -> impl Iterator<Item = char> {
    table().compound.keys().map(|k| k[0])
}

/// Every second character of a compound surname.
pub(crate) fn compound_seconds() -> impl Iterator<Item = char> {
    table().compound.keys().map(|k| k[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames() {
        assert!(single('王').unwrap().pct > 5.0);
        assert!(single('肖').is_some(), "hand fact");
        assert!(compound('欧', '阳').is_some());
        assert!(compound('司', '马').is_some());
        assert!(single('的').is_none());
        assert!(table().single.len() > 450 && table().compound.len() >= 60);
    }
}
