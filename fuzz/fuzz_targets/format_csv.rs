//! Arbitrary bytes as CSV, TSV (with or without a header) or GBK text, at a chunk size and
//! thread count the fuzzer chooses. Checks: no panic; findings sorted, disjoint, inside the
//! input; the redaction contract (with placeholders, the output is the input with each finding
//! replaced by `<KIND>` and nothing else changed — `<KIND>` needs no quoting or escaping in any
//! field); and the same findings as one large chunk on one thread.

#![no_main]

use cnpii::{CollectSink, Config, Encoding, Engine, Format, Input, Placeholder, PolicySet};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

const CHUNKS: [usize; 6] = [1, 3, 7, 64, 700, 1 << 20];

fn engine(chunk: usize, threads: usize) -> Engine {
    static ENGINES: OnceLock<Vec<Engine>> = OnceLock::new();
    let all = ENGINES.get_or_init(|| {
        let mut v = Vec::new();
        for t in 1..=3 {
            for c in CHUNKS {
                let config = Config { chunk_size: Some(c), threads: Some(t), ..Config::default() };
                v.push(Engine::build(&config).unwrap());
            }
        }
        v
    });
    all[(threads - 1) * CHUNKS.len() + chunk].clone()
}

fn run(engine: &Engine, input: &Input, data: &[u8]) -> CollectSink {
    let policies = PolicySet::uniform(Arc::new(Placeholder));
    let mut sink = CollectSink::with_output();
    cnpii::run_input(engine, &policies, input, data, &mut sink).unwrap();
    sink
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let (format, encoding) = match data[0] % 5 {
        0 => (Format::Csv, Encoding::Utf8),
        1 => (Format::Tsv, Encoding::Utf8),
        2 => (Format::Csv, Encoding::Gbk),
        3 => (Format::Text, Encoding::Gbk),
        _ => (Format::Tsv, Encoding::Gbk),
    };
    let header = data[0] & 0x80 == 0;
    let chunk = usize::from(data[1]) % CHUNKS.len();
    let threads = 1 + usize::from(data[1] / 16 % 3);
    let input = Input { format, encoding, header, table: "t".into() };
    let bytes = &data[2..];
    let sink = run(&engine(chunk, threads), &input, bytes);
    let out = sink.output.unwrap();

    let mut want = Vec::with_capacity(bytes.len());
    let mut at = 0usize;
    for f in &sink.findings {
        let (s, e) = (f.span.start as usize, f.span.end as usize);
        assert!(at <= s && s < e && e <= bytes.len());
        want.extend_from_slice(&bytes[at..s]);
        want.extend_from_slice(format!("<{}>", f.kind.as_str().to_uppercase()).as_bytes());
        at = e;
    }
    want.extend_from_slice(&bytes[at..]);
    assert!(out == want, "redaction contract");

    let whole = run(&engine(CHUNKS.len() - 1, 1), &input, bytes);
    let key = |v: &[cnpii::Finding]| v.iter().map(|f| (f.kind, f.span, f.line)).collect::<Vec<_>>();
    assert_eq!(key(&whole.findings), key(&sink.findings), "chunked == one chunk");
});
