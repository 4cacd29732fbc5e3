//! Province abbreviations of licence plates (`patterns/plate_provinces.txt`).

use std::sync::OnceLock;

pub(crate) const TEXT: &str = include_str!("../../../../patterns/plate_provinces.txt");

/// The abbreviations' UTF-8 bytes as sorted `u32`s: a lookup is a binary search over 31
/// integers, not 31 slice comparisons.
fn table() -> &'static Vec<u32> {
    static T: OnceLock<Vec<u32>> = OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<u32> = super::rows(TEXT)
            .filter_map(|r| <[u8; 3]>::try_from(r[0].as_bytes()).ok())
            .map(key)
            .collect();
        v.sort_unstable();
        v
    })
}

fn key(b: [u8; 3]) -> u32 {
    u32::from_be_bytes([0, b[0], b[1], b[2]])
}

/// Whether the three bytes ending at `end` are a plate province abbreviation (京, 粤, …).
pub(crate) fn province_before(hay: &[u8], end: usize) -> bool {
    // Every abbreviation is a three-byte CJK character: its last byte is a continuation byte.
    if end < 3 || hay[end - 1] & 0xC0 != 0x80 {
        return false;
    }
    table().binary_search(&key([hay[end - 3], hay[end - 2], hay[end - 1]])).is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn provinces() {
        assert_eq!(super::table().len(), 31);
        assert!(super::province_before("京".as_bytes(), 3));
        assert!(!super::province_before("中".as_bytes(), 3));
    }
}
