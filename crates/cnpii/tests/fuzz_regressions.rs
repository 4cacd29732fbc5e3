//! Inputs the fuzzer (`fuzz/`) once crashed on, kept as regression tests: each file in
//! `tests/data/fuzz/pipeline/` runs through the pipeline at several chunk sizes and thread
//! counts, and must obey the redaction contract and agree with the whole-buffer scanner.
//! (The fuzz target reads its configuration from the first three bytes; here the whole file is
//! input and every configuration is tried.)

mod common;

use cnpii::{CollectSink, Config, Engine, Placeholder, PolicySet};
use common::{assert_placeholder_contract, key, placeholder_output};
use std::sync::Arc;

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
                    let want = placeholder_output(input, &key(&sink.findings));
                    assert!(sink.output.unwrap() == want, "redaction contract");
                }
            }
        }
    }
    assert!(files > 0);
}

/// Crash inputs and seeds of the format targets
/// (`tests/data/fuzz/format_{mysql,pgdump,jsonl,csv}/`): the whole file is the input (the target's
/// selector byte is tried both ways), at several chunk sizes and thread counts, in UTF-8 and
/// GBK. `keep` gives the input back; placeholders change only findings; results do not
/// depend on the configuration.
#[test]
fn format_crashes_stay_fixed() {
    use cnpii::{Encoding, Format, Input, Keep};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/fuzz");
    for (dir, format) in [
        ("format_mysql", Format::Mysql),
        ("format_pgdump", Format::Pgdump),
        ("format_jsonl", Format::Jsonl),
        ("format_csv", Format::Csv),
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        for entry in entries {
            let data = std::fs::read(entry.unwrap().path()).unwrap();
            for input in [&data[..], &data[1.min(data.len())..]] {
                for encoding in [Encoding::Utf8, Encoding::Gbk] {
                    let inp = Input { format, encoding, ..Input::default() };
                    let mut want = None;
                    for (chunk, threads) in [(1 << 20, 1), (1, 1), (7, 2), (64, 1), (4096, 2)] {
                        let config = Config {
                            chunk_size: Some(chunk),
                            threads: Some(threads),
                            ..Config::default()
                        };
                        let engine = Engine::build(&config).unwrap();
                        let mut sink = CollectSink::with_output();
                        let keep = PolicySet::uniform(Arc::new(Keep));
                        cnpii::run_input(&engine, &keep, &inp, input, &mut sink).unwrap();
                        assert!(sink.output.unwrap() == input, "keep is the identity");
                        let mut sink = CollectSink::with_output();
                        let policies = PolicySet::uniform(Arc::new(Placeholder));
                        cnpii::run_input(&engine, &policies, &inp, input, &mut sink).unwrap();
                        let (out, found) = (sink.output.unwrap(), key(&sink.findings));
                        assert_placeholder_contract(input, &found, &out);
                        match &want {
                            None => want = Some((out, found)),
                            Some(w) => assert!(*w == (out, found), "chunk {chunk} {threads}"),
                        }
                    }
                }
            }
        }
    }
}
