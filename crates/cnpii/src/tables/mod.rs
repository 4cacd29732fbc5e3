//! The pattern tables of `patterns/`, compiled into the binary and parsed once.
//!
//! Each table lives once, as plain TSV with a `# source …; date …` header, and is read here
//! through `include_str!`. Parsing happens on first use behind a `OnceLock`: the data is a
//! compile-time constant, so this is lazy initialisation of a constant, not a cache.
//!
//! Malformed rows are a build-time defect of the repository, caught by the tests in this
//! module, so the parsers skip what they cannot read instead of failing at run time.

pub(crate) mod bins;
pub(crate) mod common_words;
pub(crate) mod gazetteer;
pub(crate) mod given_chars;
pub(crate) mod name_chars;
pub(crate) mod phone;
pub(crate) mod plates;
pub(crate) mod regions;
pub(crate) mod surnames;
pub(crate) mod tail_words;

/// A fast, non-cryptographic hasher (FxHash) for the word tables: their keys are a few bytes of
/// compile-time data, looked up once per name candidate, where SipHash's cost shows.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A hash set with [`Fx`].
pub(crate) type FastSet<T> = std::collections::HashSet<T, std::hash::BuildHasherDefault<Fx>>;

/// The data rows of a table: lines that are neither empty nor comments, split at tabs.
pub(crate) fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    /// Every table names its source and date in its first line.
    #[test]
    fn headers_name_source_and_date() {
        for (name, text) in [
            ("regions.tsv", super::regions::TEXT),
            ("mobile_prefixes.tsv", super::phone::MOBILE_TEXT),
            ("area_codes.tsv", super::phone::AREA_TEXT),
            ("bank_bins.tsv", super::bins::TEXT),
            ("plate_provinces.txt", super::plates::TEXT),
            ("surnames.tsv", super::surnames::TEXT),
            ("given_chars.tsv", super::given_chars::TEXT),
            ("common_words.tsv", super::common_words::TEXT),
            ("name_chars.tsv", super::name_chars::TEXT),
            ("tail_words.tsv", super::tail_words::TEXT),
        ] {
            let first = text.lines().next().unwrap_or("");
            assert!(first.starts_with("# ") && first.contains("source"), "{name}: {first}");
            assert!(first.contains("date"), "{name}: {first}");
        }
    }
}
