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
pub(crate) mod keys;
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

/// A Bloom filter with one hash over 2¹⁶ bits: 8 KiB that stay in cache and say "not in the
/// set" for most keys before a larger table (the gazetteer's trie, the common-word set) is
/// probed. The keys are a table entry's first two characters.
pub(crate) struct PairFilter(Box<[u64; PairFilter::BITS / 64]>);

impl PairFilter {
    const BITS: usize = 1 << 16;

    pub(crate) fn new() -> PairFilter {
        PairFilter(Box::new([0; PairFilter::BITS / 64]))
    }

    #[inline]
    fn bit(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize & (PairFilter::BITS - 1)
    }

    pub(crate) fn insert(&mut self, key: u64) {
        let bit = PairFilter::bit(key);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// False when `key` was never inserted; true when it was, and for a few keys that were not.
    #[inline]
    pub(crate) fn may_contain(&self, key: u64) -> bool {
        let bit = PairFilter::bit(key);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The share of bits still clear: the share of absent keys the filter rejects.
    #[cfg(test)]
    pub(crate) fn clear_share(&self) -> f64 {
        self.0.iter().map(|w| w.count_zeros()).sum::<u32>() as f64 / PairFilter::BITS as f64
    }
}

/// The data rows of a table: lines that are neither empty nor comments, split at tabs.
///
/// Lines and fields are cut at their ASCII separators by a plain byte search, which is a
/// character boundary: `str::lines` and `str::split` were most of the time the tables took
/// to load (their searcher is built for long haystacks, the lines are a few bytes).
pub(crate) fn rows(text: &'static str) -> impl Iterator<Item = Row> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, after) = cut(rest, b'\n');
        rest = after.unwrap_or("");
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
    .filter(|l| !l.is_empty() && !l.starts_with('#'))
    .map(Row::split)
}

/// `s` up to the first `sep` (an ASCII byte), and what follows it, if `sep` occurs.
fn cut(s: &'static str, sep: u8) -> (&'static str, Option<&'static str>) {
    match s.bytes().position(|b| b == sep) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    }
}

/// The fields of a table row ([`rows`]), a slice of up to [`Row::MAX`]. Held inline: the
/// tables have tens of thousands of rows, and a vector per row was most of the time the
/// larger ones took to load.
pub(crate) struct Row {
    fields: [&'static str; Row::MAX],
    n: usize,
}

impl Row {
    /// More fields than any table has; the rest of a longer line is dropped.
    const MAX: usize = 8;

    fn split(line: &'static str) -> Row {
        let mut row = Row { fields: [""; Row::MAX], n: 0 };
        let mut rest = Some(line);
        while let (Some(r), true) = (rest, row.n < Row::MAX) {
            let (field, after) = cut(r, b'\t');
            row.fields[row.n] = field;
            row.n += 1;
            rest = after;
        }
        row
    }
}

impl std::ops::Deref for Row {
    type Target = [&'static str];

    fn deref(&self) -> &[&'static str] {
        &self.fields[..self.n]
    }
}

#[cfg(test)]
mod tests {
    /// Rows are the non-empty, non-comment lines, cut at tabs, like `str::lines` and
    /// `str::split` would (a `\r\n` line end included).
    #[test]
    fn rows_split_like_lines_and_split() {
        for text in [
            "",
            "\n\n",
            "# header\na\tb\tc\n\nd\n",
            "x\t\ty\r\n#c\n张\t王\t\nlast",
            "\t\n\t\t\n",
            "a\tb\tc\td\te\tf\tg\th",
        ] {
            let want: Vec<Vec<&str>> = text
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| l.split('\t').collect())
                .collect();
            let got: Vec<Vec<&str>> = super::rows(text).map(|r| r.to_vec()).collect();
            assert_eq!(got, want, "{text:?}");
        }
        // Fields past the most any table has are dropped.
        let long = super::rows("0\t1\t2\t3\t4\t5\t6\t7\t8\t9").next().map(|r| r.len());
        assert_eq!(long, Some(super::Row::MAX));
    }

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
            ("key_vocabulary.tsv", super::keys::TEXT),
        ] {
            let first = text.lines().next().unwrap_or("");
            assert!(first.starts_with("# ") && first.contains("source"), "{name}: {first}");
            assert!(first.contains("date"), "{name}: {first}");
        }
    }
}
