//! Deterministic generator of labelled synthetic corpora for cnpii.
//!
//! [`generate`] writes text in one of several [`Style`]s (application logs, nginx access logs,
//! free Chinese text, a mix of the three, mysqldump output) with synthetic personal
//! information and hard negatives, and returns the exact byte span and kind of every value a
//! correct detector must report under `CONTRACT.md`. Output depends only on
//! `(style, seed, approx_bytes)`: the PRNG ([`Rng`]) and every generator are fixed.
//!
//! The check-digit code in [`check`] is written independently of the `cnpii` library, so the
//! accuracy test cross-checks the detectors. All values are synthetic.

pub mod check;
pub mod dbdump;
pub mod gen;
mod out;
pub mod people;
mod rng;
mod style;
mod tables;
mod tpl;

pub use rng::{splitmix64, Rng};

/// Entity kind names as in CONTRACT.md.
pub mod kind {
    pub const ID_CARD: &str = "id_card";
    pub const PHONE: &str = "phone";
    pub const BANK_CARD: &str = "bank_card";
    pub const ADDRESS: &str = "address";
    pub const NAME: &str = "name";
    pub const EMAIL: &str = "email";
    pub const IP: &str = "ip";
    pub const PASSPORT: &str = "passport";
    pub const PLATE: &str = "plate";
    pub const USCC: &str = "uscc";
    /// Every kind, in CONTRACT.md order.
    pub const ALL: [&str; 10] =
        [ID_CARD, PHONE, BANK_CARD, ADDRESS, NAME, EMAIL, IP, PASSPORT, PLATE, USCC];
}

/// One labelled value: `text[start..end]` (byte offsets, end exclusive) is a `kind`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
}

/// Generated text and its labels (sorted by `start`, non-overlapping).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corpus {
    pub text: Vec<u8>,
    pub labels: Vec<Label>,
}

/// The kind of text to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Application log lines: timestamp, level, thread, logger, `key=value` pairs, JSON bodies,
    /// Chinese messages, stack traces; some records are JSON lines.
    AppLog,
    /// nginx access log (combined format, sometimes with forwarded-for and upstream fields).
    Nginx,
    /// Free Chinese text: posts, comments, classified ads.
    FreeText,
    /// AppLog, Nginx and FreeText lines interleaved; about one value per ~500 bytes.
    Mixed,
    /// mysqldump output: `CREATE TABLE` and extended `INSERT` lines up to ~1 MiB; dense.
    MysqlDump,
}

impl Style {
    /// Every style.
    pub const ALL: [Style; 5] =
        [Style::AppLog, Style::Nginx, Style::FreeText, Style::Mixed, Style::MysqlDump];

    /// The name used on the command line (`applog`, `nginx`, `freetext`, `mixed`, `mysql`).
    pub fn name(self) -> &'static str {
        match self {
            Style::AppLog => "applog",
            Style::Nginx => "nginx",
            Style::FreeText => "freetext",
            Style::Mixed => "mixed",
            Style::MysqlDump => "mysql",
        }
    }

    /// Parses a command-line name (case-insensitive; `mysqldump` is accepted too).
    pub fn from_name(s: &str) -> Option<Style> {
        match s.to_ascii_lowercase().as_str() {
            "applog" | "app" => Some(Style::AppLog),
            "nginx" => Some(Style::Nginx),
            "freetext" | "text" => Some(Style::FreeText),
            "mixed" | "mix" => Some(Style::Mixed),
            "mysql" | "mysqldump" => Some(Style::MysqlDump),
            _ => None,
        }
    }
}

impl std::str::FromStr for Style {
    type Err = String;
    fn from_str(s: &str) -> Result<Style, String> {
        Style::from_name(s).ok_or_else(|| {
            format!("unknown style {s:?} (expected mixed, applog, nginx, freetext or mysql)")
        })
    }
}

/// Generates a corpus of about `approx_bytes` bytes (whole lines only: it stops after the line
/// that reaches `approx_bytes`; mysqldump lines may be up to ~1 MiB). Deterministic for
/// `(style, seed, approx_bytes)`.
pub fn generate(style: Style, seed: u64, approx_bytes: usize) -> Corpus {
    // Mix the style into the seed so styles with the same seed do not share a stream.
    let style_salt = match style {
        Style::AppLog => 0x01,
        Style::Nginx => 0x02,
        Style::FreeText => 0x03,
        Style::Mixed => 0x04,
        Style::MysqlDump => 0x05,
    };
    let mut sm = seed ^ (style_salt << 56);
    let mut rng = Rng::new(splitmix64(&mut sm));
    let mut out = out::Out::with_capacity(approx_bytes + (approx_bytes / 8).min(2 << 20));
    style::write(&mut out, style, &mut rng, approx_bytes);
    Corpus { text: out.text, labels: out.labels }
}

fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

impl Corpus {
    /// The labels as CONTRACT.md finding objects, one JSON object per line:
    /// `{"type":"finding","path":PATH,"kind":K,"start":S,"end":E,"line":L}` (`line` is the
    /// 1-based line of `start`). No summary line.
    pub fn labels_jsonl(&self, path: &str) -> String {
        let mut p = String::new();
        json_str(&mut p, path);
        let mut out = String::with_capacity(self.labels.len() * (80 + p.len()));
        let mut line = 1usize;
        let mut pos = 0usize;
        for l in &self.labels {
            line += self.text[pos..l.start].iter().filter(|&&b| b == b'\n').count();
            pos = l.start;
            out.push_str(&format!(
                "{{\"type\":\"finding\",\"path\":{p},\"kind\":\"{}\",\"start\":{},\"end\":{},\"line\":{line}}}\n",
                l.kind, l.start, l.end
            ));
        }
        out
    }

    /// How many labels of each kind (kinds in CONTRACT.md order, zero counts omitted).
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        kind::ALL
            .iter()
            .map(|k| (*k, self.labels.iter().filter(|l| l.kind == *k).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// The labelled value (lossy UTF-8 only if a label were mis-placed, which tests rule out).
    pub fn value(&self, l: &Label) -> &str {
        std::str::from_utf8(&self.text[l.start..l.end]).unwrap_or("")
    }
}
