//! Province abbreviations of licence plates (`patterns/plate_provinces.txt`).

use std::sync::OnceLock;

pub(crate) const TEXT: &str = include_str!("../../../../patterns/plate_provinces.txt");

fn table() -> &'static Vec<[u8; 3]> {
    static T: OnceLock<Vec<[u8; 3]>> = OnceLock::new();
    T.get_or_init(|| {
        super::rows(TEXT).filter_map(|r| r[0].as_bytes().try_into().ok()).collect::<Vec<[u8; 3]>>()
    })
}

/// Whether the three bytes ending at `end` are a plate province abbreviation (京, 粤, …).
pub(crate) fn province_before(hay: &[u8], end: usize) -> bool {
    end >= 3 && table().iter().any(|p| &hay[end - 3..end] == p)
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
