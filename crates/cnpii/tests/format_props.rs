//! Property tests of structured input (run with `PROPTEST_CASES=N` for more cases): on random
//! CSV/TSV records with PII in quoted and bare fields, quotes, delimiters and line ends inside
//! quotes, and invalid bytes,
//!
//! (a) the `keep` policy gives the input back byte for byte;
//! (b) with placeholders, every byte outside a finding comes out unchanged and in order (a
//!     number slot's placeholder is `0`);
//! (c) findings and output do not depend on chunk size or thread count.

mod common;

use cnpii::{CollectSink, Config, Encoding, Engine, Format, Input, Keep, Placeholder, PolicySet};
use common::{assert_placeholder_contract, key};
use proptest::prelude::*;
use std::sync::Arc;

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..100_000_000u32).prop_map(|n| format!("138{n:08}")),
        Just("11010519491231002X".to_string()),
        Just("110105194912310021".to_string()),
        Just("张伟".to_string()),
        Just("欧阳娜娜".to_string()),
        Just("li.si@example.com".to_string()),
        Just("浙江省杭州市西湖区文三路478号".to_string()),
        Just("10.2.3.4".to_string()),
        "[a-z0-9 ]{0,10}",
        Just(String::new()),
        Just("a\"b".to_string()),
        Just("x,y\tz".to_string()),
        Just("line\nbreak\r\n".to_string()),
        Just("手机 13912345678".to_string()),
    ]
}

/// A field as written: quoted (quotes doubled) or bare (when it can be).
fn field(delim: u8) -> impl Strategy<Value = Vec<u8>> {
    (value(), any::<bool>(), prop::collection::vec(any::<u8>(), 0..3), 0..8u8).prop_map(
        move |(v, quote, junk, j)| {
            let needs = v.bytes().any(|b| b == delim || b == b'"' || b == b'\n' || b == b'\r');
            let mut f = if quote || needs {
                format!("\"{}\"", v.replace('"', "\"\"")).into_bytes()
            } else {
                v.into_bytes()
            };
            // Now and then a stray byte sequence (invalid UTF-8, a lone quote).
            if j == 0 {
                f.extend(junk);
            }
            f
        },
    )
}

fn table(delim: u8) -> impl Strategy<Value = Vec<u8>> {
    let header = b"name,mobile,id_no,note\n".map(|b| if b == b',' { delim } else { b });
    prop::collection::vec(prop::collection::vec(field(delim), 1..6), 0..12).prop_map(move |rows| {
        let mut out = header.to_vec();
        for row in rows {
            for (i, f) in row.iter().enumerate() {
                if i > 0 {
                    out.push(delim);
                }
                out.extend_from_slice(f);
            }
            out.extend_from_slice(b"\n");
        }
        out
    })
}

fn run(input: &Input, chunk: usize, threads: usize, p: &PolicySet, bytes: &[u8]) -> CollectSink {
    let config = Config { chunk_size: Some(chunk), threads: Some(threads), ..Config::default() };
    let engine = Engine::build(&config).unwrap();
    let mut sink = CollectSink::with_output();
    cnpii::run_input(&engine, p, input, bytes, &mut sink).unwrap();
    sink
}

fn check(format: Format, encoding: Encoding, bytes: &[u8], chunk: usize, threads: usize) {
    let input = Input { format, encoding, header: true, table: "t".into() };
    let keep = PolicySet::uniform(Arc::new(Keep));
    assert_eq!(run(&input, chunk, threads, &keep, bytes).output.unwrap(), bytes);

    let ph = PolicySet::uniform(Arc::new(Placeholder));
    let got = run(&input, chunk, threads, &ph, bytes);
    // An integer spelled as a float is a number slot: its placeholder is `0`.
    assert_placeholder_contract(bytes, &key(&got.findings), got.output.as_deref().unwrap());

    let whole = run(&input, 1 << 20, 1, &ph, bytes);
    assert_eq!(got.findings, whole.findings);
}

proptest! {
    #[test]
    fn csv_contract_and_invariance(bytes in table(b','), chunk in 1..300usize, threads in 1..4usize) {
        check(Format::Csv, Encoding::Utf8, &bytes, chunk, threads);
    }

    #[test]
    fn tsv_contract_and_invariance(bytes in table(b'\t'), chunk in 1..300usize, threads in 1..4usize) {
        check(Format::Tsv, Encoding::Utf8, &bytes, chunk, threads);
    }

    #[test]
    fn gbk_csv_contract_and_invariance(bytes in table(b','), chunk in 1..300usize) {
        let text = String::from_utf8_lossy(&bytes);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        check(Format::Csv, Encoding::Gbk, &gbk, chunk, 2);
    }
}
