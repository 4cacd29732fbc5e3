//! How typical a character is of given names (`patterns/given_chars.tsv`, from jieba's
//! dictionary): a log-likelihood ratio against its frequency in running text.

use std::collections::HashMap;
use std::sync::OnceLock;

pub(crate) const TEXT: &str = include_str!("../../../../patterns/given_chars.tsv");

fn table() -> &'static HashMap<char, f32> {
    static T: OnceLock<HashMap<char, f32>> = OnceLock::new();
    T.get_or_init(|| {
        super::rows(TEXT)
            .filter_map(|r| {
                let c = r.first()?.chars().next()?;
                Some((c, r.get(2)?.parse().ok()?))
            })
            .collect()
    })
}

#[cfg(test)]
/// The log-likelihood ratio of `c` in a given name (> 0: more typical of names than of text),
/// or `None` for a character never seen in a given name.
pub(crate) fn llr(c: char) -> Option<f32> {
    table().get(&c).copied()
}

/// Every character of the table.
pub(crate) fn all() -> impl Iterator<Item = (char, f32)> {
    table().iter().map(|(&c, &v)| (c, v))
}

#[cfg(test)]
mod tests {
    #[test]
    fn typical_and_untypical() {
        assert!(super::llr('伟').unwrap() > 2.0);
        assert!(super::llr('的').unwrap() < -2.0);
        assert!(super::all().count() > 3000);
    }
}
