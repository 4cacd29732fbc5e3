//! Criterion benches of the whole pipeline, `cnpii::run` (Chunker → Scanner → Rewriter →
//! Sink), from an in-memory reader: `redact` writes the redacted bytes through a `RedactSink` into
//! `io::sink()`, `findings` writes the JSON Lines report through a `FindingsSink` into
//! `io::sink()`; each with one worker thread (`j1`, `Config::threads = Some(1)`) and with the
//! default, every core (`all`).
//!
//! Before timing, one run through a `CollectSink` is checked against the corpus labels; every
//! timed run then asserts the finding count of its `Summary`. Run with
//! `cargo bench -p cnpii --bench pipeline`; see `benches/README.md`.

mod common;

use cnpii::{CollectSink, Config, Engine, FindingsSink, PolicySet, RedactSink};
use cnpii_corpora::Style;
use common::{assert_findings, Expected};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use std::hint::black_box;
use std::io;
use std::time::Duration;

const MIB: usize = 1 << 20;

fn run(c: &mut Criterion) {
    let policies = PolicySet::default();
    // One worker thread (the inline path) and the default, every core.
    let engines = [("j1", Some(1)), ("all", None)].map(|(name, threads)| {
        (name, Engine::build(&Config { threads, ..Config::default() }).expect("engine builds"))
    });
    for (name, style) in [("applog", Style::AppLog), ("mysql", Style::MysqlDump)] {
        let corpus = common::corpus(style, 8 * MIB);
        let text = &corpus.text[..];
        let expected = Expected::from_labels(&corpus, None);
        let mut g = c.benchmark_group("run");
        g.throughput(Throughput::Bytes(text.len() as u64)).sampling_mode(SamplingMode::Flat);
        for (threads, engine) in &engines {
            let mut collect = CollectSink::with_output();
            cnpii::run(engine, &policies, text, &mut collect).expect("run");
            let id = format!("{name}/{threads}");
            let n = assert_findings(&format!("run/{id}"), text, &collect.findings, &expected);
            assert_eq!(collect.output.map(|o| o.is_empty()), Some(false), "run/{id}: no output");
            g.bench_function(format!("redact/{id}"), |b| {
                b.iter(|| {
                    let mut sink = RedactSink::new(io::sink());
                    let s = cnpii::run(engine, &policies, black_box(text), &mut sink).expect("run");
                    assert_eq!(s.total(), n, "run/redact/{id}: finding count changed");
                })
            });
            g.bench_function(format!("findings/{id}"), |b| {
                b.iter(|| {
                    let mut sink = FindingsSink::new(io::sink(), "bench");
                    let s = cnpii::run(engine, &policies, black_box(text), &mut sink).expect("run");
                    assert_eq!(s.total(), n, "run/findings/{id}: finding count changed");
                })
            });
        }
        g.finish();
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = benches;
    config = config();
    targets = run
}
criterion_main!(benches);
