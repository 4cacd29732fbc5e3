//! Inputs the fuzzer (`fuzz/`) once crashed on, kept as regression tests: each file in
//! `tests/data/fuzz/pipeline/` runs through the pipeline at several chunk sizes and thread
//! counts, and must obey the redaction contract and agree with the whole-buffer scanner.
//! (The fuzz target reads its configuration from the first three bytes; here the whole file is
//! input and every configuration is tried.) Inputs of the `format_jsonl` target live in
//! `tests/data/fuzz/format_jsonl/` and run as JSON Lines.

use cnpii::{CollectSink, Config, Engine, Finding, Placeholder, PolicySet};
use std::sync::Arc;

fn key(f: &[Finding]) -> Vec<(cnpii::Kind, u64, u64, u64)> {
    f.iter().map(|f| (f.kind, f.span.start, f.span.end, f.line)).collect()
}

#[test]
fn fuzz_crashes_stay_fixed() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/fuzz/pipeline");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("the regression directory exists") {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        files += 1;
        for input in [&data[..], &data[3.min(data.len())..]] {
            let whole = Engine::build(&Config::default()).unwrap().scanner().scan(input);
            for chunk in [1, 2, 3, 7, 64, 700, 1500, 4096] {
                for threads in [1, 3] {
                    let config = Config {
                        chunk_size: Some(chunk),
                        threads: Some(threads),
                        ..Config::default()
                    };
                    let engine = Engine::build(&config).unwrap();
                    let mut sink = CollectSink::with_output();
                    let policies = PolicySet::uniform(Arc::new(Placeholder));
                    cnpii::run(&engine, &policies, input, &mut sink).unwrap();
                    assert_eq!(key(&sink.findings), key(&whole), "chunk {chunk} threads {threads}");
                    let mut want = Vec::new();
                    let mut at = 0;
                    for f in &sink.findings {
                        want.extend_from_slice(&input[at..f.span.start as usize]);
                        want.extend_from_slice(
                            format!("<{}>", f.kind.as_str().to_uppercase()).as_bytes(),
                        );
                        at = f.span.end as usize;
                    }
                    want.extend_from_slice(&input[at..]);
                    assert!(sink.output.unwrap() == want, "redaction contract");
                }
            }
        }
    }
    assert!(files > 0);
}

/// Inputs of the `format_jsonl` target (`tests/data/fuzz/format_jsonl/`): the whole file as
/// JSON Lines, in UTF-8 and GBK, at several chunk sizes and thread counts; the redaction
/// contract, `keep` as the identity, and the same result at every size.
#[test]
fn jsonl_fuzz_inputs_stay_fixed() {
    use cnpii::{Encoding, Format, Input, Keep};
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/fuzz/format_jsonl");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("the regression directory exists") {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        files += 1;
        for input in [&data[..], &data[1.min(data.len())..]] {
            for encoding in [Encoding::Utf8, Encoding::Gbk] {
                let inp =
                    Input { format: Format::Jsonl, encoding, header: true, table: "t".into() };
                let mut first = None;
                for chunk in [1, 2, 7, 64, 4096, 1 << 20] {
                    for threads in [1, 3] {
                        let config = Config {
                            chunk_size: Some(chunk),
                            threads: Some(threads),
                            ..Config::default()
                        };
                        let engine = Engine::build(&config).unwrap();
                        let mut sink = CollectSink::with_output();
                        let policies = PolicySet::uniform(Arc::new(Placeholder));
                        cnpii::run_input(&engine, &policies, &inp, input, &mut sink).unwrap();
                        let mut want = Vec::new();
                        let mut at = 0;
                        for f in &sink.findings {
                            assert!(at <= f.span.start as usize, "sorted, disjoint");
                            want.extend_from_slice(&input[at..f.span.start as usize]);
                            want.extend_from_slice(
                                format!("<{}>", f.kind.as_str().to_uppercase()).as_bytes(),
                            );
                            at = f.span.end as usize;
                        }
                        want.extend_from_slice(&input[at..]);
                        let out = sink.output.unwrap();
                        assert!(out == want, "redaction contract");
                        let got = (key(&sink.findings), out);
                        match &first {
                            None => first = Some(got),
                            Some(f) => assert!(*f == got, "chunk {chunk} threads {threads}"),
                        }
                        let mut sink = CollectSink::with_output();
                        let keep = PolicySet::uniform(Arc::new(Keep));
                        cnpii::run_input(&engine, &keep, &inp, input, &mut sink).unwrap();
                        assert!(sink.output.unwrap() == input, "keep is the identity");
                    }
                }
            }
        }
    }
    assert!(files > 0);
}
