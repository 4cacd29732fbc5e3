//! Arbitrary bytes as JSON Lines through the structured pipeline, at a chunk size, thread count
//! and encoding (UTF-8 or GBK) taken from the first byte. Checks: no panic; findings sorted,
//! disjoint and inside the input, with correct line numbers; the redaction contract (with
//! placeholders, the output is the input with each finding replaced by `<KIND>` and nothing
//! else changed); with `keep`, the output is the input; and the same result at a 1 MiB chunk
//! on one thread.

#![no_main]

use cnpii::{CollectSink, Config, Encoding, Engine, Format, Input, Keep, Placeholder, PolicySet};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

/// Chunk sizes to try: the minimum, small odd sizes, a page, and the default scale.
const CHUNKS: [usize; 6] = [1, 2, 7, 64, 4096, 1 << 20];

/// Engines are built once per (chunk size, threads).
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

fn run(
    engine: &Engine,
    policies: &PolicySet,
    input: &Input,
    data: &[u8],
) -> (Vec<u8>, Vec<cnpii::Finding>) {
    let mut sink = CollectSink::with_output();
    cnpii::run_input(engine, policies, input, data, &mut sink).unwrap();
    (sink.output.unwrap(), sink.findings)
}

fuzz_target!(|data: &[u8]| {
    let Some((&cfg, data)) = data.split_first() else { return };
    let chunk = usize::from(cfg & 7) % CHUNKS.len();
    let threads = 1 + usize::from((cfg >> 3) & 3) % 3;
    let encoding = if cfg & 0x20 != 0 { Encoding::Gbk } else { Encoding::Utf8 };
    let input = Input { format: Format::Jsonl, encoding, header: true, table: "t".into() };
    let chunked = engine(chunk, threads);
    let placeholders = PolicySet::uniform(Arc::new(Placeholder));
    let (out, findings) = run(&chunked, &placeholders, &input, data);

    let mut want = Vec::with_capacity(data.len());
    let mut at = 0usize;
    for f in &findings {
        let (s, e) = (f.span.start as usize, f.span.end as usize);
        assert!(at <= s && s < e && e <= data.len(), "sorted, disjoint, inside");
        let line = 1 + data[..s].iter().filter(|&&b| b == b'\n').count() as u64;
        assert_eq!(f.line, line);
        want.extend_from_slice(&data[at..s]);
        want.extend_from_slice(format!("<{}>", f.kind.as_str().to_uppercase()).as_bytes());
        at = e;
    }
    want.extend_from_slice(&data[at..]);
    assert!(out == want, "redaction contract");

    let key = |v: &[cnpii::Finding]| v.iter().map(|f| (f.kind, f.span, f.line)).collect::<Vec<_>>();
    let whole = engine(CHUNKS.len() - 1, 1);
    let (whole_out, whole_findings) = run(&whole, &placeholders, &input, data);
    assert_eq!(key(&findings), key(&whole_findings), "chunked == whole");
    assert!(out == whole_out, "chunked output == whole output");

    let (kept, _) = run(&chunked, &PolicySet::uniform(Arc::new(Keep)), &input, data);
    assert!(kept == data, "keep is the identity");
});
