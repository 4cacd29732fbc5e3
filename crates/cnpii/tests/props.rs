//! Property tests of the pipeline's invariants (run with `PROPTEST_CASES=N` for more cases):
//!
//! (a) findings and redacted output do not depend on chunk size or read size;
//! (b) the redaction contract: every byte outside a finding comes out unchanged and in order;
//! (c) findings are sorted, disjoint, inside the input, with correct line numbers.
//!
//! Inputs are random sequences of synthetic PII values (valid checksums, computed here
//! independently of the library), look-alikes, noise, separators, line ends and invalid UTF-8,
//! so values land on every kind of chunk boundary.

mod common;

use cnpii::{CollectSink, Config, Engine, Finding, Placeholder, PolicySet};
use common::{key, placeholder_output};
use proptest::prelude::*;
use std::io::{self, Read};
use std::sync::Arc;

fn id18(region: &str, date: &str, seq: u32) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let body = format!("{region}{date}{seq:03}");
    let sum: u32 = body.bytes().zip(W).map(|(b, w)| u32::from(b - b'0') * w).sum();
    format!("{body}{}", b"10X98765432"[(sum % 11) as usize] as char)
}

fn luhn(prefix: &str) -> String {
    (0..10)
        .map(|c| format!("{prefix}{c}"))
        .find(|s| {
            let mut sum = 0;
            for (i, b) in s.bytes().rev().enumerate() {
                let d = u32::from(b - b'0');
                sum += if i % 2 == 1 {
                    if d * 2 > 9 {
                        d * 2 - 9
                    } else {
                        d * 2
                    }
                } else {
                    d
                };
            }
            sum % 10 == 0
        })
        .unwrap()
}

/// One piece of input.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        // PII values.
        (0..3usize, 0..999u32).prop_map(|(r, s)| {
            let region = ["110105", "330106", "440305"][r];
            id18(region, "19900307", s).into_bytes()
        }),
        (0..5usize, 0..100_000_000u32).prop_map(|(p, n)| format!(
            "{}{n:08}",
            ["138", "139", "150", "186", "199"][p]
        )
        .into_bytes()),
        (0..1_000_000_000u64).prop_map(|n| luhn(&format!("622202{n:09}00")).into_bytes()),
        (0..1000u32).prop_map(|n| format!("user{n}@example.com").into_bytes()),
        (0..256u32, 0..256u32).prop_map(|(a, b)| format!("10.{a}.{b}.1").into_bytes()),
        Just("京A12345".as_bytes().to_vec()),
        Just("+86 138-1234-5678".as_bytes().to_vec()),
        Just("(0755)8765 4321".as_bytes().to_vec()),
        // Look-alikes and keys.
        Just(b"uid=13812345678".to_vec()),
        Just(b"20240305123045123456".to_vec()),
        Just(b"version=5.4.8.84".to_vec()),
        // Noise.
        "[a-z ]{0,12}".prop_map(String::into_bytes),
        "[0-9 -]{0,24}".prop_map(String::into_bytes),
        Just("，手机：".as_bytes().to_vec()),
        Just("身份证号 ".as_bytes().to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b" ".to_vec()),
        prop::collection::vec(any::<u8>(), 0..6),
    ]
}

fn input() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

/// A reader that returns at most `n` bytes per call.
struct Trickle<'a> {
    data: &'a [u8],
    n: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let k = self.n.min(buf.len()).min(self.data.len());
        buf[..k].copy_from_slice(&self.data[..k]);
        self.data = &self.data[k..];
        Ok(k)
    }
}

fn run(input: &[u8], chunk: usize, read: usize, policies: &PolicySet) -> (Vec<Finding>, Vec<u8>) {
    run_threads(input, chunk, read, 1, policies)
}

fn run_threads(
    input: &[u8],
    chunk: usize,
    read: usize,
    threads: usize,
    policies: &PolicySet,
) -> (Vec<Finding>, Vec<u8>) {
    let config = Config { chunk_size: Some(chunk), threads: Some(threads), ..Config::default() };
    let engine = Engine::build(&config).unwrap();
    let mut sink = CollectSink::with_output();
    cnpii::run(&engine, policies, Trickle { data: input, n: read }, &mut sink).unwrap();
    (sink.findings, sink.output.unwrap())
}

proptest! {
    #[test]
    fn independent_of_chunk_read_size_and_threads(
        input in input(),
        chunk in prop_oneof![1..64usize, Just(4096), Just(1 << 20)],
        read in prop_oneof![Just(1usize), 1..100usize, Just(1 << 16)],
        threads in prop_oneof![Just(1usize), Just(2), Just(8)],
    ) {
        let policies = PolicySet::default();
        let (want_f, want_out) = run(&input, 1 << 20, 1 << 16, &policies);
        let (f, out) = run_threads(&input, chunk, read, threads, &policies);
        prop_assert_eq!(key(&f), key(&want_f));
        prop_assert_eq!(out, want_out);
        // The whole-buffer scanner agrees with the pipeline.
        let engine = Engine::build(&Config::default()).unwrap();
        prop_assert_eq!(key(&engine.scanner().scan(&input)), key(&want_f));
    }

    #[test]
    fn only_bytes_inside_findings_change(input in input(), chunk in 1..200usize) {
        let policies = PolicySet::uniform(Arc::new(Placeholder));
        let (findings, out) = run(&input, chunk, 1 << 16, &policies);
        prop_assert_eq!(out, placeholder_output(&input, &key(&findings)));
    }
}

/// The threaded path (many small chunks in flight) and the in-line path agree byte for byte.
#[test]
fn threads_agree_on_a_large_input() {
    let corpus = cnpii_corpora::generate(cnpii_corpora::Style::Mixed, 9, 2_000_000);
    let policies = PolicySet::default();
    let (f1, o1) = run_threads(&corpus.text, 4096, 1 << 16, 1, &policies);
    for threads in [2, 3, 8] {
        let (f, o) = run_threads(&corpus.text, 4096, 1 << 16, threads, &policies);
        assert_eq!(key(&f), key(&f1), "threads={threads}");
        assert!(o == o1, "threads={threads}: output differs");
    }
    assert!(f1.len() > 1000);
}

#[test]
fn no_findings_means_identical_output() {
    let text = "这是一段没有个人信息的文本。version 5.4.8.84, uid=13812345678\n".repeat(5000);
    let (f, out) = run(text.as_bytes(), 1000, 333, &PolicySet::default());
    assert!(f.is_empty());
    assert_eq!(out, text.as_bytes());
}
