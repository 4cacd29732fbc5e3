//! [`Config`]: plain serde/TOML data, every field optional. It holds no behaviour;
//! [`Engine::build`](crate::Engine::build) validates it once.

use crate::kind::Kind;
use serde::Deserialize;

/// What to detect and how to stream. The default detects every implemented kind.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Detect only these kinds (default: every kind that has a detector).
    pub kinds: Option<Vec<Kind>>,
    /// Do not detect these kinds.
    #[serde(default)]
    pub exclude_kinds: Vec<Kind>,
    /// Target bytes per chunk (default [`Config::DEFAULT_CHUNK_SIZE`]).
    pub chunk_size: Option<usize>,
    /// Worker threads (default: every core). Results never depend on it.
    pub threads: Option<usize>,
    /// Structured input: let column names add findings the text alone does not justify (a
    /// bare `张伟` in a `name` column, a wrong-checksum ID in an `id_no` column), with low
    /// confidence (default `true`).
    pub column_hints: Option<bool>,
}

impl Config {
    /// The default chunk size: 256 KiB. A chunk and the scanner's per-byte state (bitmaps of
    /// about three quarters of its size) then stay in a core's L2 cache through the passes
    /// over it; with 1 MiB chunks one thread ran up to 10 % slower (benches/README.md).
    pub const DEFAULT_CHUNK_SIZE: usize = 256 << 10;
}

/// A policy configuration: which policy rewrites each kind, with its options. Plain serde
/// data, read from TOML (`--config cnpii.toml`, or a preset in `patterns/policies/`); it is
/// compiled once into a [`PolicySet`](crate::PolicySet) by
/// [`PolicySet::build`](crate::PolicySet::build).
///
/// ```toml
/// preset = "hutool"          # optional: start from a shipped preset
///
/// [default]                  # every kind not listed under [kinds]
/// policy = "mask"
///
/// [kinds.id_card]
/// policy = "tokenize"
/// keep = ["region", "birth_year"]
///
/// [kinds.email]
/// policy = "hash"
/// length = 16
/// prefix = "h_"
///
/// [columns]                  # structured input: `table.column` globs (`*` any run, `?` one)
/// "users.id_no" = "tokenize" # a built-in policy or preset for every finding in the column
/// "*.mobile" = "mask"
/// "*.created_at" = "skip"    # never scanned
/// "users.note" = { policy = "hash", length = 12 }
/// ```
///
/// A column rule overrides the kind's policy for findings in that column. When several rules
/// match a column, a rule without wildcards wins, then the longest pattern.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PolicyConfig {
    /// A shipped preset to start from (`hutool`, `bank`, `strict`, `pseudonymize`, or a
    /// built-in policy name); `default` and `kinds` below override it.
    pub preset: Option<String>,
    /// The policy of every kind not listed in `kinds`.
    pub default: Option<toml::Spanned<PolicySpec>>,
    /// The policy of each listed kind.
    #[serde(default)]
    pub kinds: std::collections::BTreeMap<Kind, toml::Spanned<PolicySpec>>,
    /// Policies per column of structured input, by `table.column` glob.
    #[serde(default)]
    pub columns: std::collections::BTreeMap<String, toml::Spanned<ColumnSpec>>,
    /// Where the config came from and its text, so that build errors can name a line.
    #[serde(skip)]
    pub(crate) source: Option<(String, std::sync::Arc<str>)>,
}

/// One policy with its options. Options that do not belong to `policy` are errors.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PolicySpec {
    /// The policy: `mask`, `placeholder`, `hash`, `tokenize`, `fake` or `keep`.
    pub policy: PolicyKind,
    /// `mask`: a preset's rule for the kind (`default`, `hutool`, `bank`, `strict`).
    pub preset: Option<String>,
    /// `mask`: significant characters kept at the start.
    pub first: Option<usize>,
    /// `mask`: significant characters kept at the end.
    pub last: Option<usize>,
    /// `mask`: the mask character (default `*`).
    #[serde(rename = "char")]
    pub mask_char: Option<char>,
    /// `placeholder`: a template with `{kind}`, `{KIND}` or `{label}` (default `<{KIND}>`).
    pub template: Option<String>,
    /// `hash`: hex characters kept, 8 to 64 (default 16).
    pub length: Option<usize>,
    /// `hash`: text written before the hex digits.
    pub prefix: Option<String>,
    /// `tokenize` of `id_card`: parts kept unchanged.
    pub keep: Option<Vec<IdPart>>,
}

/// The rule of a column: a built-in policy or preset name (`"tokenize"`, `"hutool"`), `"skip"`
/// (the column is never scanned), or a policy with options.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum ColumnSpec {
    /// A policy or preset name, or `skip`.
    Name(String),
    /// A policy with its options.
    Spec(PolicySpec),
}

/// The policies a [`PolicySpec`] can name.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    /// Hide part of the value behind a mask character.
    #[default]
    Mask,
    /// Replace the value with a label.
    Placeholder,
    /// Keyed HMAC-SHA256 pseudonym.
    Hash,
    /// Reversible format-preserving token (FF1).
    Tokenize,
    /// Consistent realistic substitute.
    Fake,
    /// Leave the value unchanged.
    Keep,
}

impl PolicyKind {
    /// Every built-in policy, in the order [`POLICY_NAMES`] lists them.
    pub const ALL: [PolicyKind; 6] = [
        PolicyKind::Mask,
        PolicyKind::Placeholder,
        PolicyKind::Hash,
        PolicyKind::Tokenize,
        PolicyKind::Fake,
        PolicyKind::Keep,
    ];

    /// The name as written in a config: the one place a built-in policy's name is spelt.
    pub const fn as_str(self) -> &'static str {
        match self {
            PolicyKind::Mask => "mask",
            PolicyKind::Placeholder => "placeholder",
            PolicyKind::Hash => "hash",
            PolicyKind::Tokenize => "tokenize",
            PolicyKind::Fake => "fake",
            PolicyKind::Keep => "keep",
        }
    }

    /// Whether the policy needs a key.
    pub fn needs_key(self) -> bool {
        matches!(self, PolicyKind::Hash | PolicyKind::Tokenize | PolicyKind::Fake)
    }
}

/// A part of an ID number that `tokenize` can keep.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum IdPart {
    /// The six-digit region code.
    Region,
    /// The birth year.
    BirthYear,
    /// The sex (parity of the sequence number).
    Sex,
}

/// The presets shipped in `patterns/policies/`, by name.
pub(crate) const PRESETS: [(&str, &str); 4] = [
    ("hutool", include_str!("../../../patterns/policies/hutool.toml")),
    ("bank", include_str!("../../../patterns/policies/bank.toml")),
    ("strict", include_str!("../../../patterns/policies/strict.toml")),
    ("pseudonymize", include_str!("../../../patterns/policies/pseudonymize.toml")),
];

/// Every policy name a config, `--policy` or a column rule may give: the built-in policies
/// ([`PolicyKind::as_str`]), then the shipped presets (`patterns/policies/`). The one list of
/// policy names; the CLI and [`PolicyConfig::preset_names`] read it.
pub const POLICY_NAMES: [&str; PolicyKind::ALL.len() + PRESETS.len()] = {
    let mut names = [""; PolicyKind::ALL.len() + PRESETS.len()];
    let mut i = 0;
    while i < PolicyKind::ALL.len() {
        names[i] = PolicyKind::ALL[i].as_str();
        i += 1;
    }
    while i < names.len() {
        names[i] = PRESETS[i - PolicyKind::ALL.len()].0;
        i += 1;
    }
    names
};

impl PolicyConfig {
    /// Parses a TOML policy config. `origin` names it in errors (a path or a preset name).
    ///
    /// # Errors
    ///
    /// Syntax errors, unknown keys, unknown kinds or policies, and values of the wrong type,
    /// each naming the line.
    pub fn from_toml(text: &str, origin: &str) -> Result<PolicyConfig, crate::Error> {
        let mut config: PolicyConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            let msg = e.message().trim_end();
            match line {
                Some(l) => crate::Error::config(format_args!("{origin}: line {l}: {msg}")),
                None => crate::Error::config(format_args!("{origin}: {msg}")),
            }
        })?;
        config.source = Some((origin.to_string(), text.into()));
        Ok(config)
    }

    /// Where a span of this config is, for messages: `ORIGIN: line N`.
    pub(crate) fn locate(&self, span: std::ops::Range<usize>) -> String {
        match &self.source {
            Some((origin, text)) if span.end > 0 => {
                format!("{origin}: line {}", line_of(text, span.start))
            }
            Some((origin, _)) => origin.clone(),
            None => "policy config".into(),
        }
    }

    /// Where the key `key` of the table or inline table at `span` is, for messages:
    /// `ORIGIN: line N, column C` (1-based; the column counts characters). Falls back to
    /// [`PolicyConfig::locate`] of the span when the key is not found there.
    pub(crate) fn locate_key(&self, span: std::ops::Range<usize>, key: &str) -> String {
        if let Some((origin, text)) = &self.source {
            if let Some(at) = find_key(text, span.clone(), key) {
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let column = 1 + text[line_start..at].chars().count();
                return format!("{origin}: line {}, column {column}", line_of(text, at));
            }
        }
        self.locate(span)
    }

    /// A shipped preset (`hutool`, `bank`, `strict`, `pseudonymize`) or a built-in policy
    /// applied to every kind (`mask`, `placeholder`, `hash`, `tokenize`, `fake`, `keep`).
    pub fn preset(name: &str) -> Option<PolicyConfig> {
        if let Some((_, text)) = PRESETS.iter().find(|p| p.0 == name) {
            return PolicyConfig::from_toml(text, name).ok();
        }
        let policy = PolicyKind::ALL.into_iter().find(|p| p.as_str() == name)?;
        let spec = PolicySpec { policy, ..PolicySpec::default() };
        Some(PolicyConfig {
            default: Some(toml::Spanned::new(0..0, spec)),
            source: Some((format!("policy {name}"), "".into())),
            ..Default::default()
        })
    }

    /// The names [`PolicyConfig::preset`] knows: the shipped presets, then the built-in
    /// policies (the order of messages; [`POLICY_NAMES`] lists the built-ins first).
    pub fn preset_names() -> Vec<&'static str> {
        let (builtin, presets) = POLICY_NAMES.split_at(PolicyKind::ALL.len());
        presets.iter().chain(builtin).copied().collect()
    }
}

/// The byte offset of the key `key` (bare or quoted) in the table at `span` of `text`: in an
/// inline table, between its braces; in a `[table]`, on the lines after its header up to the
/// next header. A key is where a key can stand: at the start of a line or after `{` or `,`,
/// followed by `=`. (toml 0.8 gives spans of values, not of the keys of a derived struct.)
fn find_key(text: &str, span: std::ops::Range<usize>, key: &str) -> Option<usize> {
    let start = span.start.min(text.len());
    let rest = &text[start..];
    let inline = rest.starts_with('{');
    let end = if inline {
        start + span.end.saturating_sub(start).min(rest.len())
    } else {
        // The table's lines: up to the next line that opens a table header.
        let mut end = text.len();
        let mut at = start;
        for (i, line) in rest.split_inclusive('\n').enumerate() {
            if i > 0 && line.trim_start().starts_with('[') {
                end = at;
                break;
            }
            at += line.len();
        }
        end
    };
    let body = text.get(start..end)?;
    let bytes = body.as_bytes();
    let quoted = format!("\"{key}\"");
    for (i, _) in body.char_indices() {
        let name_len = if body[i..].starts_with(&quoted) {
            quoted.len()
        } else if body[i..].starts_with(key) {
            key.len()
        } else {
            continue;
        };
        let before = body[..i].trim_end_matches([' ', '\t']);
        let starts = before.is_empty() || before.ends_with(['\n', '{', ',']);
        let after = body[i + name_len..].trim_start_matches([' ', '\t']);
        let is_key = after.starts_with('=')
            && !bytes.get(i + name_len).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        if starts && is_key && !in_comment(&body[..i]) {
            return Some(start + i);
        }
    }
    None
}

/// Whether the end of `before` lies in a `#` comment on its last line (outside a string; a
/// key never follows a `#` that starts a comment).
fn in_comment(before: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or("");
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (None, '#') => return true,
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
    }
    false
}

/// 1-based line number of byte `at` in `text`.
pub(crate) fn line_of(text: &str, at: usize) -> usize {
    1 + text.as_bytes()[..at.min(text.len())].iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one policy-name list: serde reads the names `as_str` writes, every name is a
    /// preset or built-in, and none is listed twice.
    #[test]
    fn policy_names_are_one_list() {
        for p in PolicyKind::ALL {
            let spec: PolicySpec = toml::from_str(&format!("policy = {:?}", p.as_str())).unwrap();
            assert_eq!(spec.policy, p);
        }
        for name in POLICY_NAMES {
            assert!(PolicyConfig::preset(name).is_some(), "{name}");
            assert_eq!(POLICY_NAMES.iter().filter(|n| **n == name).count(), 1, "{name}");
        }
        assert_eq!(POLICY_NAMES[..6], ["mask", "placeholder", "hash", "tokenize", "fake", "keep"]);
        assert_eq!(POLICY_NAMES[6..], ["hutool", "bank", "strict", "pseudonymize"]);
        assert_eq!(PolicyConfig::preset_names().len(), POLICY_NAMES.len());
        assert!(PolicyConfig::preset("nope").is_none());
    }

    fn at(text: &str, key: &str) -> Option<(usize, usize)> {
        let config = PolicyConfig::from_toml(text, "t.toml").unwrap();
        let spec = config.kinds.values().next().or(config.default.as_ref()).unwrap();
        let shown = config.locate_key(spec.span(), key);
        let rest = shown.strip_prefix("t.toml: line ")?;
        let (line, column) = rest.split_once(", column ")?;
        Some((line.parse().ok()?, column.parse().ok()?))
    }

    #[test]
    fn keys_are_found_at_their_line_and_column() {
        // A table: the key on its own line, not a mention in a comment or a string.
        let t = "[kinds.phone]\npolicy = \"mask\" # no template here\n\n  template = \"x\"\n";
        assert_eq!(at(t, "template"), Some((4, 3)));
        // Not past the next table header.
        let t = "[kinds.phone]\npolicy = \"mask\"\n[kinds.email]\npolicy = \"mask\"\nlength = 1\n";
        assert_eq!(at(t, "length"), None);
        // An inline table, a quoted key, a value that mentions the key.
        let t = "[kinds]\nphone = { policy = \"mask\", char = \"#\", \"template\" = \"template = x\" }\n";
        assert_eq!(at(t, "template"), Some((2, 40)));
        // The default table.
        let t = "# x\n[default]\npolicy = \"hash\"\ntemplate=\"y\"\n";
        assert_eq!(at(t, "template"), Some((4, 1)));
    }
}
