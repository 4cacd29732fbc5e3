//! Criterion benches of the whole-buffer scanner (`Scanner::scan`), stage by stage as far as the
//! public API reaches: the prefilter alone, every kind on realistic text, every detector kind
//! in isolation, each detector's validation on dense values, and the masking policy.
//!
//! Every bench first checks its findings against the corpus labels (`common::assert_findings`)
//! and then asserts the finding count on every timed iteration, so faster-but-wrong fails.
//! Run with `cargo bench -p cnpii --bench scan`; see `benches/README.md`.

mod common;

use cnpii::{Config, Engine, Kind, PolicySet};
use cnpii_corpora::Style;
use common::{assert_findings, Expected};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use std::hint::black_box;
use std::time::Duration;

const MIB: usize = 1 << 20;

fn engine(kinds: Option<Vec<Kind>>) -> Engine {
    Engine::build(&Config { kinds, ..Config::default() }).expect("engine builds")
}

/// Times `Scanner::scan` on `text` after checking its findings against `expected`.
fn bench_scan(
    c: &mut Criterion,
    group: &str,
    name: &str,
    engine: &Engine,
    text: &[u8],
    expected: &Expected,
    throughput: Throughput,
) {
    let mut scanner = engine.scanner();
    let found = scanner.scan(text);
    let n = assert_findings(&format!("{group}/{name}"), text, &found, expected);
    drop(found);
    let mut g = c.benchmark_group(group);
    g.throughput(throughput).sampling_mode(SamplingMode::Flat);
    g.bench_function(name, |b| {
        b.iter(|| {
            let found = scanner.scan(black_box(text));
            assert_eq!(found.len() as u64, n, "{group}/{name}: finding count changed");
            found
        })
    });
    g.finish();
}

/// Every kind on the three shapes of input: application log, Chinese free text, a mysqldump
/// with ~1 MiB lines.
fn scan(c: &mut Criterion) {
    let all = engine(None);
    for (name, style, full) in [
        ("applog", Style::AppLog, 8 * MIB),
        ("freetext", Style::FreeText, 4 * MIB),
        ("mysql", Style::MysqlDump, 8 * MIB),
    ] {
        let corpus = common::corpus(style, full);
        let expected = Expected::from_labels(&corpus, None);
        let bytes = Throughput::Bytes(corpus.text.len() as u64);
        bench_scan(c, "scan", name, &all, &corpus.text, &expected, bytes);
    }
    // Digit-dense text of hard negatives only: prefilter plus validation that rejects.
    let text = common::hard_negatives(common::size(4 * MIB));
    let bytes = Throughput::Bytes(text.len() as u64);
    bench_scan(c, "scan", "hard_negatives", &all, &text, &Expected::none(), bytes);
}

/// The prefilter's skip loop alone: the application log with its digits turned into letters
/// and its `@`s into `_`, so no candidate is ever reported (the scanner cannot be asked for its
/// prefilter directly; this is the closest the public API gets).
fn prefilter(c: &mut Criterion) {
    let all = engine(None);
    let corpus = common::corpus(Style::AppLog, 8 * MIB);
    let text = common::without_candidates(&corpus.text);
    let bytes = Throughput::Bytes(text.len() as u64);
    bench_scan(c, "prefilter", "applog_no_candidates", &all, &text, &Expected::none(), bytes);
}

/// Each detector kind in isolation (`Config { kinds: Some(vec![kind]) }`) on the mixed corpus.
fn kind(c: &mut Criterion) {
    let corpus = common::corpus(Style::Mixed, 4 * MIB);
    let bytes = Throughput::Bytes(corpus.text.len() as u64);
    for k in common::labelled_kinds(&corpus) {
        let expected = Expected::from_labels(&corpus, Some(&[k]));
        bench_scan(
            c,
            "kind",
            k.as_str(),
            &engine(Some(vec![k])),
            &corpus.text,
            &expected,
            bytes.clone(),
        );
    }
}

/// Each detector's validation: one generated value per line, every line a candidate.
fn validate(c: &mut Criterion) {
    let n = if common::bench_mode() { 20_000 } else { 500 };
    for k in common::VALUE_KINDS {
        let (text, expected) = common::values_of(k, n);
        let values = Throughput::Elements(n as u64);
        bench_scan(c, "validate", k.as_str(), &engine(Some(vec![k])), &text, &expected, values);
    }
}

/// The default masking policy applied to every finding of the application log.
fn policy(c: &mut Criterion) {
    let corpus = common::corpus(Style::AppLog, 8 * MIB);
    let found = engine(None).scanner().scan(&corpus.text);
    let n =
        assert_findings("policy/mask", &corpus.text, &found, &Expected::from_labels(&corpus, None));
    let policies = PolicySet::default();
    let mut out = Vec::with_capacity(corpus.text.len() / 4);
    let mut g = c.benchmark_group("policy");
    g.throughput(Throughput::Elements(n));
    g.bench_function("mask", |b| {
        b.iter(|| {
            out.clear();
            for f in &found {
                let value = &corpus.text[f.span.start as usize..f.span.end as usize];
                policies.get(f.kind).apply(f, value, &mut out).expect("mask applies");
            }
            black_box(out.len())
        })
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = scan, prefilter, kind, validate, policy
}
criterion_main!(benches);
