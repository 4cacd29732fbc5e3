//! Policies: what a finding becomes in redacted output.
//!
//! A [`Policy`] rewrites one finding; a [`PolicySet`] maps each kind to a policy. Built-ins:
//! [`Mask`] (the default, with a documented Chinese convention per kind and named presets),
//! [`Placeholder`] and [`Template`], keyed [`Hash`], reversible format-preserving
//! [`Tokenize`] (FF1-AES-256), consistent [`Fake`], and [`Keep`].
//!
//! Config and compiled form are separate: a [`PolicyConfig`] is serde data read from TOML;
//! [`PolicySet::build`] validates it once (options, key presence) into immutable,
//! `Send + Sync` policies. Every policy is a pure function of (key, options, kind, value), so
//! output does not depend on chunk size or thread count.

mod fake;
mod formats;
mod fpe;
mod hash;
mod mask;
mod placeholder;
mod shape;
mod tokenize;

pub use fake::Fake;
pub use formats::IdKeep;
pub use hash::Hash;
pub use mask::{Mask, MaskPreset, MaskRule};
pub use placeholder::{label, Placeholder, Template};
pub use tokenize::{TokenSet, Tokenize};

use crate::config::{ColumnSpec, IdPart, PolicyConfig, PolicyKind, PolicySpec};
use crate::error::Error;
use crate::finding::Finding;
use crate::key::Key;
use crate::kind::Kind;
use std::sync::Arc;

/// Why a policy could not rewrite a finding. Never holds the value itself.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PolicyError(pub String);

/// Rewrites one finding.
pub trait Policy: Send + Sync {
    /// A short name for messages and audit records (`mask`, `placeholder`).
    fn name(&self) -> &'static str;

    /// Appends the replacement for `original` (the finding's bytes) to `out`.
    ///
    /// # Errors
    ///
    /// When the policy cannot produce a replacement; the message must not quote `original`.
    fn apply(
        &self,
        finding: &Finding,
        original: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<(), PolicyError>;

    /// Whether the replacement always has the original's byte length.
    fn preserves_length(&self) -> bool {
        false
    }

    /// Appends the replacement for `original` to `out` when it goes into `slot`.
    ///
    /// For [`Slot::Text`] this is [`Policy::apply`]. For [`Slot::Number`] the replacement
    /// must be a number the slot can hold: the default runs [`Policy::apply`] and turns its
    /// output into one with [`to_number`] (digits-only output, such as a token, passes
    /// unchanged). A policy with a better numeric form (a keyed hash's decimal digits)
    /// overrides this.
    ///
    /// # Errors
    ///
    /// As [`Policy::apply`].
    fn apply_in(
        &self,
        finding: &Finding,
        original: &[u8],
        slot: Slot,
        out: &mut Vec<u8>,
    ) -> Result<(), PolicyError> {
        let at = out.len();
        self.apply(finding, original, out)?;
        if slot == Slot::Number {
            to_number(original, out, at);
        }
        Ok(())
    }
}

/// Where a replacement is written, as the format knows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Slot {
    /// Text: running text, a CSV field, a JSON or SQL string. Any replacement fits (the format
    /// escapes it).
    #[default]
    Text,
    /// A number: a JSON number, an unquoted SQL number, a `COPY` field of a numeric column.
    /// The finding is a run of ASCII digits, and its replacement must be one too, so that the
    /// slot still holds a number of the same width (see [`to_number`]).
    Number,
}

/// Turns a replacement written at `out[at..]` for the digits `original` into digits, the rule
/// for [`Slot::Number`]:
///
/// 1. ASCII digits without a leading zero (or with one where `original` has one) stay as they
///    are: tokens, fakes and `keep` are unchanged, so a token still restores.
/// 2. A replacement of as many characters as `original` (a mask such as `138****5678`) keeps
///    its digits and writes `0` for every other character (`13800005678`); a masked first
///    digit becomes `1`, so that the number keeps its width without a leading zero.
/// 3. Anything else (a placeholder, a hex hash) becomes `0`.
pub fn to_number(original: &[u8], out: &mut Vec<u8>, at: usize) {
    let rep = &out[at..];
    let digits = !rep.is_empty() && rep.iter().all(u8::is_ascii_digit);
    if digits && (rep.len() == 1 || rep[0] != b'0' || original.first() == Some(&b'0')) {
        return;
    }
    let text = String::from_utf8_lossy(rep);
    let same = text.chars().count() == original.len();
    let mut num: Vec<u8> = if same {
        text.chars().map(|c| if c.is_ascii_digit() { c as u8 } else { b'0' }).collect()
    } else {
        vec![b'0']
    };
    if num.len() > 1 && num[0] == b'0' && original.first() != Some(&b'0') {
        num[0] = b'1';
    }
    out.truncate(at);
    out.extend_from_slice(&num);
}

/// A policy for each kind.
#[derive(Clone)]
pub struct PolicySet {
    by_kind: Vec<Arc<dyn Policy>>,
    /// The `tokenize` policy of each kind, if that is its policy (for `detokenize`).
    tokenizers: Vec<Option<Tokenize>>,
    /// `[columns]` rules, in config order.
    columns: Arc<[ColumnRule]>,
}

/// A compiled `[columns]` rule.
pub(crate) struct ColumnRule {
    pattern: String,
    pub skip: bool,
    /// The kind the rule says the column holds (none yet: hints come from column names).
    pub kind: Option<Kind>,
    by_kind: Vec<Arc<dyn Policy>>,
}

impl PolicySet {
    /// The same policy for every kind.
    pub fn uniform(policy: Arc<dyn Policy>) -> PolicySet {
        PolicySet {
            by_kind: Kind::ALL.iter().map(|_| policy.clone()).collect(),
            tokenizers: vec![None; Kind::ALL.len()],
            columns: Arc::new([]),
        }
    }

    /// Sets the policy of one kind.
    pub fn set(&mut self, kind: Kind, policy: Arc<dyn Policy>) {
        self.by_kind[kind.index()] = policy;
        self.tokenizers[kind.index()] = None;
    }

    /// Whether any kind's policy is `tokenize`.
    pub fn uses_tokenize(&self) -> bool {
        self.tokenizers.iter().any(Option::is_some)
    }

    /// How many values the `tokenize` policies could not tokenise and masked instead (see
    /// [`Tokenize::masked`]); 0 when nothing is tokenised.
    pub fn tokenize_masked(&self) -> u64 {
        // Every tokenizer of a set shares one counter (one key schedule, cloned).
        self.tokenizers.iter().flatten().next().map_or(0, Tokenize::masked)
    }

    /// The policy of `kind`.
    pub fn get(&self, kind: Kind) -> &dyn Policy {
        &*self.by_kind[kind.index()]
    }

    /// The same policies, made to keep every finding's byte length (`redact --binary`): a
    /// replacement of another length becomes `*`s over the original's letters and digits.
    pub fn same_length(&self) -> PolicySet {
        let wrap = |p: &Arc<dyn Policy>| -> Arc<dyn Policy> {
            if p.preserves_length() {
                p.clone()
            } else {
                Arc::new(SameLength(p.clone()))
            }
        };
        PolicySet {
            by_kind: self.by_kind.iter().map(wrap).collect(),
            tokenizers: self.tokenizers.clone(),
            columns: self
                .columns
                .iter()
                .map(|r| ColumnRule {
                    pattern: r.pattern.clone(),
                    skip: r.skip,
                    kind: r.kind,
                    by_kind: r.by_kind.iter().map(wrap).collect(),
                })
                .collect(),
        }
    }

    /// The `[columns]` rule for a qualified column name (`table.column`), with its index: an
    /// exact pattern first, then the longest matching glob.
    pub(crate) fn column_rule(&self, qualified: &str) -> Option<(usize, &ColumnRule)> {
        let exact = self.columns.iter().position(|r| r.pattern == qualified);
        let best = exact.or_else(|| {
            (0..self.columns.len())
                .filter(|&i| glob_match(&self.columns[i].pattern, qualified))
                .max_by_key(|&i| (self.columns[i].pattern.len(), std::cmp::Reverse(i)))
        })?;
        Some((best, &self.columns[best]))
    }

    /// The policy of `kind` in the column of rule `rule`.
    pub(crate) fn column_policy(&self, rule: usize, kind: Kind) -> &dyn Policy {
        &*self.columns[rule].by_kind[kind.index()]
    }
}

/// Whether `text` matches `pattern`, where `*` matches any run of characters (dots too) and
/// `?` one character.
fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Iterative matching with backtracking to the last `*` (linear in practice).
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Makes a policy keep byte lengths (for binary files, where offsets must not move): the inner
/// policy's output when it has the original's length, else the original with every byte that
/// is not ASCII punctuation or a space replaced by `*`.
struct SameLength(Arc<dyn Policy>);

impl Policy for SameLength {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn apply(&self, f: &Finding, original: &[u8], out: &mut Vec<u8>) -> Result<(), PolicyError> {
        let at = out.len();
        self.0.apply(f, original, out)?;
        if out.len() - at != original.len() {
            out.truncate(at);
            out.extend(original.iter().map(|&b| {
                if b.is_ascii_punctuation() || b == b' ' {
                    b
                } else {
                    b'*'
                }
            }));
        }
        Ok(())
    }

    fn preserves_length(&self) -> bool {
        true
    }
}

/// Detokenize with a token map: restores exactly the values the map lists, each as the kind
/// the map records for it (whatever kind the detectors found it as); passes every other value
/// unchanged.
struct MapInverse {
    inverses: Vec<Option<Tokenize>>,
    only: TokenSet,
}

impl Policy for MapInverse {
    fn name(&self) -> &'static str {
        "detokenize"
    }

    fn apply(&self, f: &Finding, original: &[u8], out: &mut Vec<u8>) -> Result<(), PolicyError> {
        let kind = if self.only.contains(f.kind, original) {
            Some(f.kind)
        } else {
            self.only.kind_of(original)
        };
        match kind.and_then(|k| self.inverses[k.index()].as_ref().map(|t| (k, t))) {
            Some((k, t)) => match t.token(k, original) {
                Ok(v) => out.extend_from_slice(&v),
                Err(_) => out.extend_from_slice(original),
            },
            None => out.extend_from_slice(original),
        }
        Ok(())
    }
}

/// Leaves the value unchanged (`policy = "keep"`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keep;

impl Policy for Keep {
    fn name(&self) -> &'static str {
        "keep"
    }

    fn apply(&self, _f: &Finding, original: &[u8], out: &mut Vec<u8>) -> Result<(), PolicyError> {
        out.extend_from_slice(original);
        Ok(())
    }

    fn preserves_length(&self) -> bool {
        true
    }
}

/// Options for [`PolicySet::build`].
#[derive(Clone, Debug, Default)]
pub struct BuildOptions<'k> {
    /// The key for `hash`, `tokenize` and `fake`.
    pub key: Option<&'k Key>,
    /// Record every token written by `tokenize` here (`redact --token-map`).
    pub record_tokens: Option<TokenSet>,
}

impl PolicySet {
    /// Compiles a policy config: resolves its preset, validates every option and checks that
    /// a key is there when a policy needs one.
    ///
    /// A `default` policy that cannot serve some kind (`tokenize` for addresses)
    /// falls back to `hash` for that kind; naming such a pair under `[kinds]` is an error.
    ///
    /// # Errors
    ///
    /// Unknown presets, bad options (naming the config line), a keyed policy without a key.
    pub fn build(config: &PolicyConfig, opts: &BuildOptions<'_>) -> Result<PolicySet, Error> {
        let base = match &config.preset {
            Some(name) => Some(PolicyConfig::preset(name).ok_or_else(|| {
                Error::config(format_args!(
                    "{}: unknown preset {name:?} (known: {})",
                    config.locate(0..0),
                    PolicyConfig::preset_names().join(", ")
                ))
            })?),
            None => None,
        };
        let mut set = PolicySet::default();
        let mut tok: Option<Tokenize> = None;
        for kind in Kind::ALL {
            let (spec, from, explicit) = if let Some(s) = config.kinds.get(&kind) {
                (s, config, true)
            } else if let Some(s) = &config.default {
                (s, config, false)
            } else if let Some((s, b, e)) = base.as_ref().and_then(|b| {
                b.kinds
                    .get(&kind)
                    .map(|s| (s, b, true))
                    .or(b.default.as_ref().map(|s| (s, b, false)))
            }) {
                (s, b, e)
            } else {
                continue;
            };
            let at = || locate(from, spec.span(), spec.get_ref());
            let (policy, t) = compile(kind, spec.get_ref(), explicit, opts, &mut tok)
                .map_err(|e| Error::config(format_args!("{}: {kind}: {e}", at())))?;
            set.set(kind, policy);
            set.tokenizers[kind.index()] = t;
        }
        let mut rules = Vec::new();
        for (pattern, spec) in &config.columns {
            let at = || match spec.get_ref() {
                ColumnSpec::Spec(s) => locate(config, spec.span(), s),
                ColumnSpec::Name(_) => config.locate(spec.span()),
            };
            let fail = |e: String| Error::config(format_args!("{}: column {pattern:?}: {e}", at()));
            let (skip, by_kind) = match spec.get_ref() {
                ColumnSpec::Name(n) if n == "skip" => (true, set.by_kind.clone()),
                ColumnSpec::Name(n) => {
                    let preset = PolicyConfig::preset(n).ok_or_else(|| {
                        fail(format!(
                            "unknown policy or preset {n:?} (known: skip, {})",
                            PolicyConfig::preset_names().join(", ")
                        ))
                    })?;
                    (false, PolicySet::build(&preset, opts)?.by_kind)
                }
                ColumnSpec::Spec(spec) => {
                    let mut by_kind = Vec::new();
                    for kind in Kind::ALL {
                        by_kind.push(compile(kind, spec, false, opts, &mut tok).map_err(fail)?.0);
                    }
                    (false, by_kind)
                }
            };
            rules.push(ColumnRule { pattern: pattern.clone(), skip, kind: None, by_kind });
        }
        set.columns = rules.into();
        Ok(set)
    }

    /// The inverse of the `tokenize` policies of `config`: a set that restores tokens and
    /// leaves every other finding unchanged. With `only`, restores only the tokens in it.
    ///
    /// # Errors
    ///
    /// As [`PolicySet::build`]; and when the config tokenises nothing.
    pub fn detokenize(
        config: &PolicyConfig,
        key: &Key,
        only: Option<TokenSet>,
    ) -> Result<PolicySet, Error> {
        let forward =
            PolicySet::build(config, &BuildOptions { key: Some(key), record_tokens: None })?;
        let inverses: Vec<Option<Tokenize>> =
            forward.tokenizers.iter().map(|t| t.as_ref().map(Tokenize::inverse)).collect();
        if inverses.iter().all(Option::is_none) {
            return Err(Error::config(
                "the policy config tokenises no kind: nothing to detokenize",
            ));
        }
        let mut set = PolicySet::uniform(Arc::new(Keep));
        match only {
            // With a token map, the map's kind decides: a token that is also a valid value of
            // another kind (an ID token that happens to pass as a card number) is found as
            // that kind, and still comes back as what it was.
            Some(only) => {
                let by_map: Arc<dyn Policy> = Arc::new(MapInverse { inverses, only });
                for kind in Kind::ALL {
                    set.set(kind, by_map.clone());
                }
            }
            None => {
                for (kind, inv) in Kind::ALL.iter().zip(inverses) {
                    if let Some(inv) = inv {
                        set.set(*kind, Arc::new(inv));
                    }
                }
            }
        }
        Ok(set)
    }
}

/// Where an error in `spec` (at `span` of `config`) is: at the option that does not belong to
/// the policy when there is one (the error is then about it: [`compile`] checks that first),
/// else at the spec.
fn locate(config: &PolicyConfig, span: std::ops::Range<usize>, spec: &PolicySpec) -> String {
    match misplaced_option(spec) {
        Some(option) => config.locate_key(span, option),
        None => config.locate(span),
    }
}

/// The first option given in `spec` that does not belong to its policy.
fn misplaced_option(spec: &PolicySpec) -> Option<&'static str> {
    let allowed: &[&str] = match spec.policy {
        PolicyKind::Mask => &["preset", "first", "last", "char"],
        PolicyKind::Placeholder => &["template"],
        PolicyKind::Hash => &["length", "prefix"],
        PolicyKind::Tokenize => &["keep"],
        PolicyKind::Fake | PolicyKind::Keep => &[],
    };
    let given = [
        ("preset", spec.preset.is_some()),
        ("first", spec.first.is_some()),
        ("last", spec.last.is_some()),
        ("char", spec.mask_char.is_some()),
        ("template", spec.template.is_some()),
        ("length", spec.length.is_some()),
        ("prefix", spec.prefix.is_some()),
        ("keep", spec.keep.is_some()),
    ];
    given.into_iter().find(|&(name, set)| set && !allowed.contains(&name)).map(|(name, _)| name)
}

fn compile(
    kind: Kind,
    spec: &PolicySpec,
    explicit: bool,
    opts: &BuildOptions<'_>,
    tok: &mut Option<Tokenize>,
) -> Result<(Arc<dyn Policy>, Option<Tokenize>), String> {
    let p = spec.policy;
    if let Some(name) = misplaced_option(spec) {
        return Err(format!("option `{name}` does not apply to policy {}", p.as_str()));
    }
    let key = || {
        opts.key.ok_or_else(|| {
            format!("policy {} needs a key: give --key-file PATH or set CNPII_KEY", p.as_str())
        })
    };
    let policy: Arc<dyn Policy> = match p {
        PolicyKind::Mask => {
            let preset = match &spec.preset {
                Some(n) => MaskPreset::from_name(n).ok_or_else(|| {
                    format!("unknown mask preset {n:?} (default, hutool, bank, strict)")
                })?,
                None => MaskPreset::Default,
            };
            let ch = spec.mask_char.unwrap_or('*');
            let mask = match (spec.first, spec.last) {
                (None, None) => Mask::preset(preset, kind, ch),
                (first, last) => {
                    if spec.preset.is_some() {
                        return Err("give either `preset` or `first`/`last`, not both".into());
                    }
                    Mask::new(
                        MaskRule::Ends { first: first.unwrap_or(0), last: last.unwrap_or(0) },
                        ch,
                    )
                }
            };
            Arc::new(mask)
        }
        PolicyKind::Placeholder => match &spec.template {
            Some(t) => Arc::new(Template::new(t).map_err(|e| e.0)?),
            None => Arc::new(Placeholder),
        },
        PolicyKind::Hash => {
            let mut h = Hash::new(key()?);
            if let Some(l) = spec.length {
                h = h.length(l).map_err(|e| e.0)?;
            }
            if let Some(pfx) = &spec.prefix {
                h = h.prefix(pfx);
            }
            Arc::new(h)
        }
        PolicyKind::Tokenize if !Tokenize::supports(kind) => {
            if explicit {
                return Err(
                    "tokenize has no reversible token for this kind yet (use hash or fake)".into(),
                );
            }
            Arc::new(Hash::new(key()?))
        }
        PolicyKind::Tokenize => {
            let mut keep = IdKeep::default();
            for part in spec.keep.iter().flatten() {
                if kind != Kind::IdCard {
                    return Err("`keep` applies to id_card only".into());
                }
                match part {
                    IdPart::Region => keep.region = true,
                    IdPart::BirthYear => keep.birth_year = true,
                    IdPart::Sex => keep.sex = true,
                }
            }
            // One FF1 key schedule shared by every kind.
            let base = match tok {
                Some(t) => t.clone(),
                None => {
                    let t = Tokenize::new(key()?);
                    *tok = Some(t.clone());
                    t
                }
            };
            let mut t = base.keep_id_parts(keep);
            if let Some(rec) = &opts.record_tokens {
                t = t.record(rec.clone());
            }
            return Ok((Arc::new(t.clone()), Some(t)));
        }
        PolicyKind::Fake => Arc::new(Fake::new(key()?)),
        PolicyKind::Keep => Arc::new(Keep),
    };
    Ok((policy, None))
}

impl Default for PolicySet {
    /// [`Mask`] with each kind's default rule.
    fn default() -> PolicySet {
        PolicySet {
            by_kind: Kind::ALL.iter().map(|&k| Arc::new(Mask::default_for(k)) as _).collect(),
            tokenizers: vec![None; Kind::ALL.len()],
            columns: Arc::new([]),
        }
    }
}

impl std::fmt::Debug for PolicySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(Kind::ALL.iter().map(|k| (k.as_str(), self.get(*k).name()))).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `[columns]` glob semantics the README documents: `*` any run of characters (dots,
    /// slashes and line breaks too), `?` one character (a CJK one too), everything else
    /// literal. A replacement matcher must pass this first: globset's `?` is one byte, so
    /// `users.??` would not match `users.姓名` (issue 16).
    #[test]
    fn column_globs_match_characters() {
        for (pattern, text, want) in [
            ("*.mobile", "users.mobile", true),
            ("*.mobile", "db.users.mobile", true),
            ("*.mobile", "users.mobile2", false),
            ("users.*", "users.a/b", true),
            ("*.note", "a\nb.note", true),
            ("users.??", "users.姓名", true),
            ("users.?", "users.姓名", false),
            ("users.id_??", "users.id_no", true),
            ("a**b", "axyb", true),
            ("a[1]", "a[1]", true),
            ("a[1]", "a1", false),
            ("a{b,c}", "ab", false),
            ("a\\b", "a\\b", true),
            ("*", "", true),
            ("?", "", false),
        ] {
            assert_eq!(glob_match(pattern, text), want, "{pattern:?} {text:?}");
        }
    }

    fn num(original: &str, rep: &str) -> String {
        let mut out = b"x".to_vec();
        out.extend_from_slice(rep.as_bytes());
        to_number(original.as_bytes(), &mut out, 1);
        assert_eq!(out[0], b'x', "bytes before `at` stay");
        String::from_utf8(out[1..].to_vec()).unwrap()
    }

    #[test]
    fn numbers_for_number_slots() {
        // Digits pass: a token, a fake, `keep`.
        assert_eq!(num("13812345678", "13898765432"), "13898765432");
        assert_eq!(num("13812345678", "0"), "0");
        // A mask: masked digits become 0, a masked first digit 1.
        assert_eq!(num("13812345678", "138****5678"), "13800005678");
        assert_eq!(num("13812345678", "***********"), "10000000000");
        assert_eq!(num("110105194912310021", "110105********0021"), "110105000000000021");
        // Anything else: 0.
        assert_eq!(num("13812345678", "<PHONE>"), "0");
        assert_eq!(num("13812345678", "e9294b0d70560865"), "0");
        assert_eq!(num("13812345678", ""), "0");
        // A leading zero only where the original has one.
        assert_eq!(num("13812345678", "03812345678"), "13812345678");
        assert_eq!(num("01012345678", "01098765432"), "01098765432");
    }

    #[test]
    fn policies_fill_number_slots_with_digits() {
        let key = Key::from_bytes(b"an example key, never use it").unwrap();
        let f = Finding {
            kind: Kind::Phone,
            span: crate::finding::Span { start: 0, end: 11 },
            line: 1,
            confidence: 1.0,
            detail: None,
        };
        let v = b"13812345678";
        let policies: [Arc<dyn Policy>; 5] = [
            Arc::new(Mask::default_for(Kind::Phone)),
            Arc::new(Placeholder),
            Arc::new(Hash::new(&key).prefix("h_")),
            Arc::new(Tokenize::new(&key)),
            Arc::new(Keep),
        ];
        for p in policies {
            let mut out = Vec::new();
            p.apply_in(&f, v, Slot::Number, &mut out).unwrap();
            let s = String::from_utf8(out).unwrap();
            assert!(s.bytes().all(|b| b.is_ascii_digit()), "{}: {s}", p.name());
            assert!(s == "0" || (s.len() == 11 && !s.starts_with('0')), "{}: {s}", p.name());
            // Text slots are `apply`.
            let (mut a, mut b) = (Vec::new(), Vec::new());
            p.apply_in(&f, v, Slot::Text, &mut a).unwrap();
            p.apply(&f, v, &mut b).unwrap();
            assert_eq!(a, b);
        }
    }
}
