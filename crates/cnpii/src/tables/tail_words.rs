//! Two-character words that end in a surname character (`patterns/tail_words.tsv`, jieba):
//! 办公, 中国, 位于 … a surname character right after such a word's first character is inside it.

use std::sync::OnceLock;

pub(crate) const TEXT: &str = include_str!("../../../../patterns/tail_words.tsv");

/// A word of at most eight bytes as one integer (two CJK characters are six).
fn key(w: &[u8]) -> Option<u64> {
    (w.len() <= 8).then(|| w.iter().fold(0u64, |k, &b| k << 8 | u64::from(b)))
}

fn table() -> &'static super::FastSet<u64> {
    static T: OnceLock<super::FastSet<u64>> = OnceLock::new();
    T.get_or_init(|| super::rows(TEXT).filter_map(|r| key(r[0].as_bytes())).collect())
}

/// Whether `w` (UTF-8 bytes) is a word of the table.
pub(crate) fn contains(w: &[u8]) -> bool {
    key(w).is_some_and(|k| table().contains(&k))
}

#[cfg(test)]
mod tests {
    #[test]
    fn words() {
        for w in ["办公", "中国", "位于"] {
            assert!(super::contains(w.as_bytes()), "{w}");
        }
        assert!(!super::contains("王伟".as_bytes()));
    }
}
