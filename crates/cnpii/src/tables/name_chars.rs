//! Characters of person names by position (`patterns/name_chars.tsv`, jieba's HMM emissions
//! for the `nr` tag). The name detector uses it for transliterated and minority names written
//! with a middle dot (阿卜杜热合曼·买买提), whose characters are not those of Han given names.

use std::sync::OnceLock;

pub(crate) const TEXT: &str = include_str!("../../../../patterns/name_chars.tsv");

/// Characters seen in a name at a middle or final position with log P above this.
const MIN_LOGP: f32 = -11.0;

fn table() -> &'static super::FastSet<char> {
    static T: OnceLock<super::FastSet<char>> = OnceLock::new();
    T.get_or_init(|| {
        super::rows(TEXT)
            .filter_map(|r| {
                let c = r.get(1)?.chars().next()?;
                let lp: f32 = r.get(2)?.parse().ok()?;
                (lp > MIN_LOGP).then_some(c)
            })
            .collect()
    })
}

/// Whether `c` occurs in person names often enough to be part of a transliterated name.
pub(crate) fn in_names(c: char) -> bool {
    table().contains(&c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn transliteration() {
        for c in "阿卜杜热合曼买提迈克尔乔丹".chars() {
            assert!(super::in_names(c), "{c}");
        }
    }
}
