//! The shared detector suite: every row of `tests/data/detect/<kind>.toml` under every
//! configuration (after regex's `testdata/*.toml` and regex-automata's `tests/meta/suite.rs`).
//!
//! A row is `name`, `input` and `findings = [[kind, start, end], …]`: byte offsets into
//! `input`, end exclusive, `[]` for a hard negative. Each row runs
//!
//! * as a whole buffer through [`cnpii::Scanner::scan`];
//! * through [`cnpii::run`] at chunk sizes 1, 7, 4 KiB and 1 MiB;
//! * through [`cnpii::run`] from a reader that hands out one byte per `read`;
//! * embedded in [`padded`] input longer than a chunk's context, so that chunk edges fall
//!   around and inside it.
//!
//! Every configuration must report exactly the row's findings (kind, span and 1-based line),
//! and the redacted output must be the input with each finding replaced by what its policy
//! makes of it: the same bytes before the first finding, between findings and after the last.
//!
//! Rows the detectors do not pass yet are listed in [`SKIP`] with the reason; a skipped row
//! that starts passing fails the suite, so the list cannot go stale.

use cnpii::{CollectSink, Config, Engine, Finding, PolicySet};
use serde::Deserialize;
use std::io::Read;

/// The data files, by kind.
const FILES: &[(&str, &str)] = &[
    ("id_card", include_str!("../../../tests/data/detect/id_card.toml")),
    ("phone", include_str!("../../../tests/data/detect/phone.toml")),
    ("bank_card", include_str!("../../../tests/data/detect/bank_card.toml")),
    ("email", include_str!("../../../tests/data/detect/email.toml")),
    ("ip", include_str!("../../../tests/data/detect/ip.toml")),
    ("passport", include_str!("../../../tests/data/detect/passport.toml")),
    ("plate", include_str!("../../../tests/data/detect/plate.toml")),
    ("uscc", include_str!("../../../tests/data/detect/uscc.toml")),
    ("name", include_str!("../../../tests/data/detect/name.toml")),
    ("address", include_str!("../../../tests/data/detect/address.toml")),
];

/// Rows not expected to pass, as `("<file>/<name>", "reason")`.
const SKIP: &[(&str, &str)] = &[];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    test: Vec<Row>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    name: String,
    input: String,
    findings: Vec<(String, u64, u64)>,
}

/// `(kind, start, end, line)` of a finding.
type Got = (String, u64, u64, u64);

/// A reader that returns at most one byte per call.
struct OneByte<'a>(&'a [u8]);

impl Read for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((&b, rest)), Some(slot)) => {
                *slot = b;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

fn got(findings: &[Finding]) -> Vec<Got> {
    findings.iter().map(|f| (f.kind.to_string(), f.span.start, f.span.end, f.line)).collect()
}

/// The expected findings with their 1-based line numbers.
fn want(row: &Row) -> Vec<Got> {
    let input = row.input.as_bytes();
    row.findings
        .iter()
        .map(|(k, s, e)| {
            let line = 1 + input[..*s as usize].iter().filter(|&&b| b == b'\n').count();
            (k.clone(), *s, *e, line as u64)
        })
        .collect()
}

/// The redacted output `findings` must produce: untouched bytes verbatim, each finding as its
/// policy rewrites it.
fn redacted(input: &[u8], findings: &[Finding], policies: &PolicySet) -> Vec<u8> {
    let mut out = Vec::new();
    let mut at = 0;
    for f in findings {
        let (s, e) = (f.span.start as usize, f.span.end as usize);
        out.extend_from_slice(&input[at..s]);
        policies.get(f.kind).apply(f, &input[s..e], &mut out).expect("policy applies");
        at = e;
    }
    out.extend_from_slice(&input[at..]);
    out
}

/// How a case is run.
#[derive(Clone, Copy, Debug)]
enum Mode {
    /// [`cnpii::Scanner::scan`] over the whole input.
    Scan,
    /// [`cnpii::run`] at a chunk size, reading the input at once or one byte per `read`.
    Stream { chunk_size: usize, one_byte: bool },
}

/// The configurations every row runs under: the whole buffer; chunk sizes 1 (the minimum), 7
/// (cuts inside multi-byte characters), 4 KiB and 1 MiB (the default); 1-byte reads.
const PLAIN: &[Mode] = &[
    Mode::Scan,
    Mode::Stream { chunk_size: 1, one_byte: false },
    Mode::Stream { chunk_size: 7, one_byte: false },
    Mode::Stream { chunk_size: 4096, one_byte: false },
    Mode::Stream { chunk_size: 1 << 20, one_byte: false },
    Mode::Stream { chunk_size: 7, one_byte: true },
    Mode::Stream { chunk_size: 1 << 20, one_byte: true },
];

/// The configurations for a row embedded in [`padded`] input, where chunks no longer hold the
/// whole input: their context edges fall before, inside and after the row.
const PADDED: &[Mode] = &[
    Mode::Scan,
    Mode::Stream { chunk_size: 61, one_byte: false },
    Mode::Stream { chunk_size: 1024, one_byte: false },
];

/// A row moved past more than one chunk context (`chunk.rs`): earlier lines, then a long
/// stretch of the row's own line, both free of findings and cue words; after it the rest of
/// that line and more lines. `;` ends a clause, so the padding lends the row no evidence.
fn padded(row: &Row) -> (String, Vec<Got>) {
    let before = format!("{}{}", "lorem ipsum dolor;\n".repeat(40), "lorem ipsum; ".repeat(90));
    let after = format!("{}\n{}", "; lorem ipsum".repeat(90), "lorem ipsum dolor;\n".repeat(40));
    let shift = before.len() as u64;
    let lines = before.matches('\n').count() as u64;
    let want =
        want(row).into_iter().map(|(k, s, e, l)| (k, s + shift, e + shift, l + lines)).collect();
    (format!("{before}{}{after}", row.input), want)
}

/// Runs `input` under `modes`; pushes a description of each failure onto `errors`.
fn check(
    label: &str,
    input: &[u8],
    want: &[Got],
    modes: &[Mode],
    engines: &mut Engines,
    errors: &mut Vec<String>,
) {
    let policies = PolicySet::default();
    for &mode in modes {
        let (found, output) = match mode {
            Mode::Scan => (engines.get(1 << 20).scanner().scan(input), None),
            Mode::Stream { chunk_size, one_byte } => {
                let engine = engines.get(chunk_size);
                let mut sink = CollectSink::with_output();
                let result = if one_byte {
                    cnpii::run(engine, &policies, OneByte(input), &mut sink)
                } else {
                    cnpii::run(engine, &policies, input, &mut sink)
                };
                if let Err(e) = result {
                    errors.push(format!("{label} {mode:?}: error {e}"));
                    continue;
                }
                (sink.findings, sink.output)
            }
        };
        if got(&found) != want {
            errors.push(format!("{label} {mode:?}: got {:?}, want {want:?}", got(&found)));
            continue;
        }
        if let Some(output) = output {
            let expected = redacted(input, &found, &policies);
            if output != expected {
                errors.push(format!(
                    "{label} {mode:?}: output {:?}, want {:?}",
                    String::from_utf8_lossy(&output),
                    String::from_utf8_lossy(&expected)
                ));
            }
        }
    }
}

/// Runs one row under every configuration; returns a description of each failure.
fn check_row(row: &Row, engines: &mut Engines) -> Vec<String> {
    let mut errors = Vec::new();
    check("plain", row.input.as_bytes(), &want(row), PLAIN, engines, &mut errors);
    let (input, want) = padded(row);
    check("padded", input.as_bytes(), &want, PADDED, engines, &mut errors);
    errors
}

/// One engine per chunk size, built once.
#[derive(Default)]
struct Engines(Vec<(usize, Engine)>);

impl Engines {
    fn get(&mut self, chunk_size: usize) -> &Engine {
        let i = match self.0.iter().position(|e| e.0 == chunk_size) {
            Some(i) => i,
            None => {
                let config = Config { chunk_size: Some(chunk_size), ..Default::default() };
                self.0.push((chunk_size, Engine::build(&config).expect("engine")));
                self.0.len() - 1
            }
        };
        &self.0[i].1
    }
}

/// Checks a row's own data: unique name, ordered, disjoint spans on character boundaries.
fn lint(file: &str, row: &Row, seen: &mut std::collections::HashSet<String>) -> Vec<String> {
    let mut errors = Vec::new();
    if !seen.insert(format!("{file}/{}", row.name)) {
        errors.push("duplicate row name".to_string());
    }
    let mut prev = 0;
    for (k, s, e) in &row.findings {
        let (s, e) = (*s as usize, *e as usize);
        if k.parse::<cnpii::Kind>().is_err() {
            errors.push(format!("unknown kind {k:?}"));
        }
        if s < prev || s >= e || e > row.input.len() {
            errors.push(format!("bad span {s}..{e}"));
        } else if !row.input.is_char_boundary(s) || !row.input.is_char_boundary(e) {
            errors.push(format!("span {s}..{e} cuts a character"));
        }
        prev = e;
    }
    errors
}

#[test]
fn suite() {
    let mut failures = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut rows = 0;
    let mut engines = Engines::default();
    for (file, text) in FILES {
        let data: File = toml::from_str(text).unwrap_or_else(|e| panic!("{file}.toml: {e}"));
        assert!(!data.test.is_empty(), "{file}.toml has no rows");
        for row in &data.test {
            rows += 1;
            let id = format!("{file}/{}", row.name);
            let lint = lint(file, row, &mut seen);
            if !lint.is_empty() {
                failures.push(format!("{id}: {}", lint.join("; ")));
                continue;
            }
            let errors = check_row(row, &mut engines);
            match SKIP.iter().find(|s| s.0 == id) {
                Some(_) if errors.is_empty() => {
                    failures.push(format!("{id}: passes now; remove it from SKIP"));
                }
                Some(_) => {}
                None if errors.is_empty() => {}
                None => failures.push(format!(
                    "{id}: input {:?}\n    {}",
                    row.input,
                    errors.join("\n    ")
                )),
            }
        }
    }
    for (id, _) in SKIP {
        if !seen.contains(*id) {
            failures.push(format!("{id}: in SKIP but not in any data file"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {rows} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
