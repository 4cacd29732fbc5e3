//! [`Service`]: the engine and policies, built once at start-up, and the one function that
//! runs a text through them ([`Service::process`]) the way `cnpii scan`/`cnpii redact` run
//! their standard input.
//!
//! Same answers as the command line: a text goes through [`cnpii::run_input`] with the
//! layout the command would give the same bytes on stdin — the format from `--format`, else
//! sniffed from the first bytes ([`Format::sniff`]); UTF-8; the table name `-` — so findings
//! and redacted text are byte for byte those of `cnpii scan --json` and `cnpii redact`.
//!
//! A `column` (the field the text came from) is a column hint: the text is scanned as the
//! value of that key in a one-line JSON Lines record, `{"COLUMN":"TEXT"}` — exactly what
//! `cnpii scan --format jsonl` does with such a line — and offsets are mapped back into the
//! text.

use cnpii::{
    CollectSink, Config, Encoding, Engine, Finding, Format, Input, Kind, KindSet, PolicySet,
};
use cnpii::{Error, Summary};
use std::collections::HashMap;
use std::io;
use std::ops::Range;
use std::sync::Mutex;

/// At most this many engines for per-request kind subsets are kept; others are built per
/// request.
const MAX_CACHED_ENGINES: usize = 64;

/// Texts up to this size run with engines whose chunk size is this (unless the configured
/// chunk size is smaller).
///
/// Design rationale: a run allocates and clears a buffer of about the chunk size however
/// small its input; with the default 256 KiB chunks that was 40 % of the library's time for a
/// 1 KB post (24 µs against 15 µs, release build). Results never depend on the chunk size
/// (the library's property tests hold that, and the e2e tests compare with the CLI).
const SMALL_CHUNK: usize = 16 << 10;

/// The engines of one kind set: one for small texts, one for the rest.
#[derive(Clone, Debug)]
pub struct Engines {
    full: Engine,
    small: Engine,
}

impl Engines {
    fn build(config: &Config) -> Result<Engines, Error> {
        let full = Engine::build(config)?.with_threads(1);
        Ok(Engines::from_full(full, config))
    }

    fn from_full(full: Engine, config: &Config) -> Engines {
        let full = full.with_threads(1);
        let small = if full.chunk_size() <= SMALL_CHUNK {
            full.clone()
        } else {
            let c = Config { chunk_size: Some(SMALL_CHUNK), threads: Some(1), ..config.clone() };
            // The same config with a smaller chunk size builds; if not, the full engine serves.
            Engine::build(&c).map_or_else(|_| full.clone(), |e| e.with_threads(1))
        };
        Engines { full, small }
    }

    /// The engine for a text of `len` bytes.
    pub fn for_len(&self, len: usize) -> &Engine {
        if len <= SMALL_CHUNK {
            &self.small
        } else {
            &self.full
        }
    }

    /// The kinds they detect.
    pub fn kinds(&self) -> KindSet {
        self.full.kinds()
    }
}

/// What the service runs: engines, policies, and what requests may choose.
pub struct Service {
    engine: Engines,
    base: Config,
    engines: Mutex<HashMap<KindSet, Engines>>,
    policy_name: String,
    policies: PolicySet,
    overrides: Vec<(String, PolicySet)>,
    detokenize: Option<PolicySet>,
    format: Option<Format>,
    header: bool,
    allow_values: bool,
}

impl std::fmt::Debug for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service")
            .field("engine", &self.engine)
            .field("policy", &self.policy_name)
            .field("detokenize", &self.detokenize.is_some())
            .field("allow_values", &self.allow_values)
            .finish_non_exhaustive()
    }
}

/// One finding of one text, placed in the text.
#[derive(Clone, Debug)]
pub struct Found {
    /// The finding; its span and line are offsets into the text.
    pub finding: Finding,
    /// The span in characters (Unicode scalar values) instead of bytes.
    pub chars: Range<u64>,
}

/// What one text gave.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings in order.
    pub found: Vec<Found>,
    /// The rewritten text, when asked for.
    pub output: Option<Vec<u8>>,
    /// Counts.
    pub summary: Summary,
}

impl Service {
    /// A service running `engine` (its worker count is set to one: requests run side by side,
    /// each on one thread) with `policies` under the name `policy_name`. `base` is the config
    /// the engine was built from; requests that ask for fewer kinds get an engine built from
    /// it with those kinds.
    pub fn new(engine: Engine, base: Config, policy_name: &str, policies: PolicySet) -> Service {
        let base = Config { threads: Some(1), ..base };
        Service {
            engine: Engines::from_full(engine, &base),
            base,
            engines: Mutex::new(HashMap::new()),
            policy_name: policy_name.to_string(),
            policies,
            overrides: Vec::new(),
            detokenize: None,
            format: None,
            header: true,
            allow_values: false,
        }
    }

    /// Lets requests choose the policy `name` (`"policy": "NAME"`).
    pub fn allow_policy(&mut self, name: &str, policies: PolicySet) {
        self.overrides.retain(|(n, _)| n != name);
        self.overrides.push((name.to_string(), policies));
    }

    /// Enables `POST /v1/detokenize` with these (inverse) policies.
    pub fn enable_detokenize(&mut self, policies: PolicySet) {
        self.detokenize = Some(policies);
    }

    /// Sets the format of every text (`--format`); default: sniffed per text, as for stdin.
    pub fn set_format(&mut self, format: Option<Format>) {
        self.format = format;
    }

    /// CSV/TSV texts: whether the first record names the columns (default `true`).
    pub fn set_header(&mut self, header: bool) {
        self.header = header;
    }

    /// Lets answers carry the values found (`--allow-values`).
    pub fn set_allow_values(&mut self, allow: bool) {
        self.allow_values = allow;
    }

    /// Whether answers may carry values.
    pub fn allow_values(&self) -> bool {
        self.allow_values
    }

    /// The kinds the server detects.
    pub fn kinds(&self) -> KindSet {
        self.engine.kinds()
    }

    /// The default policy's name.
    pub fn policy_name(&self) -> &str {
        &self.policy_name
    }

    /// The names requests may choose as `policy`, the default first.
    pub fn policy_names(&self) -> Vec<&str> {
        let mut v = vec![self.policy_name.as_str()];
        v.extend(self.overrides.iter().map(|(n, _)| n.as_str()).filter(|n| *n != self.policy_name));
        v
    }

    /// The policies called `name`, if requests may choose them.
    pub fn policies(&self, name: Option<&str>) -> Option<&PolicySet> {
        match name {
            None => Some(&self.policies),
            Some(n) if n == self.policy_name => Some(&self.policies),
            Some(n) => self.overrides.iter().find(|(o, _)| o == n).map(|(_, p)| p),
        }
    }

    /// The detokenize policies, when enabled.
    pub fn detokenize(&self) -> Option<&PolicySet> {
        self.detokenize.as_ref()
    }

    /// The engines for `kinds` (a subset of [`Service::kinds`]), the server's own when
    /// `None` or the same set.
    ///
    /// # Errors
    ///
    /// When the engine cannot be built (an empty set).
    pub fn engine(&self, kinds: Option<KindSet>) -> Result<Engines, Error> {
        let Some(kinds) = kinds.filter(|k| *k != self.engine.kinds()) else {
            return Ok(self.engine.clone());
        };
        if let Some(e) = self.engines.lock().unwrap_or_else(|p| p.into_inner()).get(&kinds) {
            return Ok(e.clone());
        }
        let config = Config {
            kinds: Some(kinds.iter().collect()),
            exclude_kinds: Vec::new(),
            ..self.base.clone()
        };
        let engine = Engines::build(&config)?;
        let mut cache = self.engines.lock().unwrap_or_else(|p| p.into_inner());
        if cache.len() < MAX_CACHED_ENGINES {
            cache.insert(kinds, engine.clone());
        }
        Ok(engine)
    }

    /// Runs `text` through `engines`: findings, and the text rewritten by `policies` when
    /// given. `column` is a column hint (see the module docs).
    ///
    /// # Errors
    ///
    /// Policy failures (such as a token that does not decode).
    pub fn process(
        &self,
        engines: &Engines,
        policies: Option<&PolicySet>,
        text: &str,
        column: Option<&str>,
    ) -> Result<Outcome, Error> {
        let mut sink = CollectSink {
            findings: Vec::new(),
            output: policies.map(|_| Vec::with_capacity(text.len() + 16)),
        };
        let run_with = policies.unwrap_or(&self.policies);
        let engine = engines.for_len(text.len() + column.map_or(0, |c| c.len() + 8));
        let mut out = Outcome::default();
        match column {
            None => {
                let format = self.format.unwrap_or_else(|| Format::sniff(text.as_bytes()));
                let input = Input {
                    format,
                    encoding: Encoding::Utf8,
                    header: self.header,
                    table: "-".into(),
                };
                out.summary =
                    cnpii::run_input(engine, run_with, &input, text.as_bytes(), &mut sink)?;
                out.found = place(text, sink.findings, |f| f);
                out.output = sink.output;
            }
            Some(col) => {
                let wrapped = Wrapped::new(col, text);
                let input = Input { format: Format::Jsonl, ..Input::default() };
                out.summary =
                    cnpii::run_input(engine, run_with, &input, &wrapped.line[..], &mut sink)?;
                out.summary.bytes = text.len() as u64;
                let findings = sink.findings.into_iter().filter_map(|f| wrapped.unwrap(text, f));
                out.found = place(text, findings.collect(), |f| f);
                if let Some(line) = sink.output {
                    out.output = Some(Wrapped::value(&line).ok_or_else(|| {
                        Error::from(io::Error::other("the rewritten record is not JSON"))
                    })?);
                }
            }
        }
        Ok(out)
    }
}

/// Adds character offsets to findings in text order.
fn place(text: &str, findings: Vec<Finding>, map: impl Fn(Finding) -> Finding) -> Vec<Found> {
    let bytes = text.as_bytes();
    let (mut at, mut chars) = (0usize, 0u64);
    let mut advance = |to: u64| -> u64 {
        let to = (to as usize).min(bytes.len());
        if to >= at {
            chars += bytes[at..to].iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64;
            at = to;
        } else {
            // Not in order (never for the library's findings): count from the start.
            at = to;
            chars = bytes[..to].iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64;
        }
        chars
    };
    findings
        .into_iter()
        .map(map)
        .map(|finding| {
            let start = advance(finding.span.start);
            let end = advance(finding.span.end);
            Found { finding, chars: start..end }
        })
        .collect()
}

/// A text as the value of `column` in a one-line JSON record, with the way back.
struct Wrapped {
    line: Vec<u8>,
    /// Where the value starts in `line`.
    base: usize,
    /// `pos[i]`: where byte `i` of the text is in the escaped value; `pos[len]` its end.
    pos: Vec<u32>,
}

impl Wrapped {
    fn new(column: &str, text: &str) -> Wrapped {
        let mut line = Vec::with_capacity(text.len() + column.len() + 8);
        line.push(b'{');
        json_str(&mut line, column);
        line.extend_from_slice(b":\"");
        let base = line.len();
        let mut pos = Vec::with_capacity(text.len() + 1);
        for &b in text.as_bytes() {
            pos.push((line.len() - base) as u32);
            match b {
                b'"' => line.extend_from_slice(b"\\\""),
                b'\\' => line.extend_from_slice(b"\\\\"),
                b'\n' => line.extend_from_slice(b"\\n"),
                b'\r' => line.extend_from_slice(b"\\r"),
                b'\t' => line.extend_from_slice(b"\\t"),
                b if b < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    line.extend_from_slice(b"\\u00");
                    line.push(HEX[usize::from(b >> 4)]);
                    line.push(HEX[usize::from(b & 15)]);
                }
                b => line.push(b),
            }
        }
        pos.push((line.len() - base) as u32);
        line.extend_from_slice(b"\"}");
        Wrapped { line, base, pos }
    }

    /// The finding with its span in the text, or `None` if it lies outside the value (the
    /// column name itself).
    fn unwrap(&self, text: &str, mut f: Finding) -> Option<Finding> {
        let start = (f.span.start as usize).checked_sub(self.base)?;
        let end = (f.span.end as usize).checked_sub(self.base)?;
        let to_text = |e: usize| self.pos.partition_point(|&p| (p as usize) < e) as u64;
        f.span.start = to_text(start);
        f.span.end = to_text(end).max(f.span.start);
        if f.span.end as usize > text.len() {
            return None;
        }
        f.line =
            1 + text.as_bytes()[..f.span.start as usize].iter().filter(|&&b| b == b'\n').count()
                as u64;
        Some(f)
    }

    /// The value of the one-key record `line`.
    fn value(line: &[u8]) -> Option<Vec<u8>> {
        let map: HashMap<String, String> = serde_json::from_slice(line).ok()?;
        map.into_values().next().map(String::into_bytes)
    }
}

/// Appends `s` as a JSON string.
pub(crate) fn json_str(out: &mut Vec<u8>, s: &str) {
    // Writing into a Vec cannot fail, and a &str always serialises.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// The kinds `names` name.
///
/// # Errors
///
/// The position of the first name that is not a kind.
pub fn parse_kinds<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<KindSet, usize> {
    let mut set = KindSet::EMPTY;
    for (i, n) in names.into_iter().enumerate() {
        set.insert(n.parse::<Kind>().map_err(|_| i)?);
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service() -> Service {
        let engine = Engine::build(&Config::default()).unwrap();
        Service::new(engine, Config::default(), "mask", PolicySet::default())
    }

    #[test]
    fn offsets_in_bytes_and_chars() {
        let s = service();
        let text = "手机 13812345678";
        let out = s.process(&s.engine(None).unwrap(), None, text, None).unwrap();
        assert_eq!(out.found.len(), 1);
        let f = &out.found[0];
        assert_eq!((f.finding.span.start, f.finding.span.end), (7, 18));
        assert_eq!(f.chars, 3..14);
    }

    #[test]
    fn column_offsets_map_back() {
        let s = service();
        let text = "a\"\\\n\t 13812345678 \"x";
        let out = s
            .process(&s.engine(None).unwrap(), Some(&PolicySet::default()), text, Some("mobile"))
            .unwrap();
        assert_eq!(out.found.len(), 1);
        let f = &out.found[0].finding;
        assert_eq!(&text[f.span.start as usize..f.span.end as usize], "13812345678");
        assert_eq!(f.line, 2);
        assert_eq!(out.output.unwrap(), "a\"\\\n\t 138****5678 \"x".as_bytes());
    }

    #[test]
    fn column_hint_adds_a_bare_name() {
        let s = service();
        let e = s.engine(None).unwrap();
        let hinted = s.process(&e, None, "张伟", Some("real_name")).unwrap();
        assert_eq!(hinted.found.len(), 1);
        assert_eq!(hinted.found[0].finding.kind, Kind::Name);
        assert_eq!(hinted.found[0].chars, 0..2);
    }

    #[test]
    fn kind_subsets_get_their_own_engine() {
        let s = service();
        let e = s.engine(Some(parse_kinds(["email"]).unwrap())).unwrap();
        let out = s.process(&e, None, "手机 13812345678 a@example.com", None).unwrap();
        assert_eq!(out.found.len(), 1);
        assert_eq!(out.found[0].finding.kind, Kind::Email);
        assert_eq!(parse_kinds(["phone", "nope"]), Err(1));
    }
}
