//! Ordinary words that begin with a surname character (`patterns/common_words.tsv`, jieba):
//! 王国, 张开, 高兴, 马上 … veto a name unless a strong cue says otherwise.

use std::sync::OnceLock;

pub(crate) const TEXT: &str = include_str!("../../../../patterns/common_words.tsv");

struct Table {
    words: super::FastSet<&'static [u8]>,
    /// A Bloom filter (one hash, [`PAIR_BITS`] bits) of the first six bytes (two characters)
    /// of every word that has six: 8 KiB that stay in cache and answer most lookups, as most
    /// names begin with no word of the list, before the set, larger than the nearest caches,
    /// is probed.
    pairs: Vec<u64>,
}

const PAIR_BITS: usize = 1 << 16;

/// The bit of [`Table::pairs`] for a word's first six bytes.
fn pair_bit(head: &[u8; 6]) -> usize {
    let mut k = [0u8; 8];
    k[..6].copy_from_slice(head);
    let h = u64::from_le_bytes(k).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 48) as usize & (PAIR_BITS - 1)
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let words: super::FastSet<&'static [u8]> =
            super::rows(TEXT).map(|r| r[0].as_bytes()).collect();
        let mut pairs = vec![0u64; PAIR_BITS / 64];
        for w in &words {
            if let Some(head) = w.first_chunk::<6>() {
                let bit = pair_bit(head);
                pairs[bit / 64] |= 1 << (bit % 64);
            }
        }
        Table { words, pairs }
    })
}

/// Whether `w` (UTF-8 bytes) is a common word of the table.
pub(crate) fn contains(w: &[u8]) -> bool {
    let t = table();
    // A word as long as `w` (six bytes or more) begins with `w`'s first six bytes.
    if let Some(head) = w.first_chunk::<6>() {
        let bit = pair_bit(head);
        if t.pairs[bit / 64] & (1 << (bit % 64)) == 0 {
            return false;
        }
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
        let rejected = t.pairs.iter().map(|w| w.count_zeros()).sum::<u32>();
        assert!(rejected > (super::PAIR_BITS / 2) as u32, "{rejected}");
    }
}
