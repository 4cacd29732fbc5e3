//! Ordinary words that begin with a surname character (`patterns/common_words.tsv`, jieba):
//! 王国, 张开, 高兴, 马上 … veto a name unless a strong cue says otherwise.

use std::sync::OnceLock;

pub(crate) const TEXT: &str = include_str!("../../../../patterns/common_words.tsv");

fn table() -> &'static super::FastSet<&'static [u8]> {
    static T: OnceLock<super::FastSet<&'static [u8]>> = OnceLock::new();
    T.get_or_init(|| super::rows(TEXT).map(|r| r[0].as_bytes()).collect())
}

/// Whether `w` (UTF-8 bytes) is a common word of the table.
pub(crate) fn contains(w: &[u8]) -> bool {
    table().contains(w)
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
}
