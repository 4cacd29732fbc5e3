//! Ordinary words that begin with a surname character (`patterns/common_words.tsv`, jieba):
//! 王国, 张开, 高兴, 马上 … veto a name unless a strong cue says otherwise.

use std::sync::OnceLock;

pub(crate) const TEXT: &str = include_str!("../../../../patterns/common_words.tsv");

struct Table {
    words: super::FastSet<&'static [u8]>,
    /// The first six bytes (two characters) of every word that has six, by [`pair_key`]: it
    /// answers most lookups, as most names begin with no word of the list, before the set,
    /// larger than the nearest caches, is probed.
    pairs: super::PairFilter,
}

/// A word's first six bytes as a key of [`Table::pairs`].
fn pair_key(head: &[u8; 6]) -> u64 {
    let mut k = [0u8; 8];
    k[..6].copy_from_slice(head);
    u64::from_le_bytes(k)
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let words: super::FastSet<&'static [u8]> =
            super::rows(TEXT).map(|r| r[0].as_bytes()).collect();
        let mut pairs = super::PairFilter::new();
        for head in words.iter().filter_map(|w| w.first_chunk::<6>()) {
            pairs.insert(pair_key(head));
        }
        Table { words, pairs }
    })
}

/// Whether `w` (UTF-8 bytes) is a common word of the table.
pub(crate) fn contains(w: &[u8]) -> bool {
    let t = table();
    // A word as long as `w` (six bytes or more) begins with `w`'s first six bytes.
    if w.first_chunk::<6>().is_some_and(|head| !t.pairs.may_contain(pair_key(head))) {
        return false;
    }
    t.words.contains(w)
}

#[cfg(test)]
mod tests {
    #[test]
    fn words() {
        for w in ["王国", "张开", "高兴", "马上", "方面"] {
            assert!(super::contains(w.as_bytes()), "{w}");
        }
        assert!(!super::contains("王伟".as_bytes()));
    }

    /// The filter rejects no word: every word and every longer text it begins is found as the
    /// set alone finds it.
    #[test]
    fn the_filter_rejects_no_word() {
        let t = super::table();
        for w in &t.words {
            assert!(super::contains(w), "{}", String::from_utf8_lossy(w));
            let mut longer = w.to_vec();
            longer.extend_from_slice("伟".as_bytes());
            assert_eq!(super::contains(&longer), t.words.contains(&longer[..]));
        }
        let rejected = t.pairs.clear_share();
        assert!(rejected > 0.5, "{rejected}");
    }
}
