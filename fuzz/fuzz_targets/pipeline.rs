//! Arbitrary bytes through the whole pipeline, at a chunk size, read size and thread count the
//! fuzzer chooses. Checks: no panic; findings sorted, disjoint, inside the input; the
//! redaction contract (with placeholders, the output is the input with each finding replaced
//! by `<KIND>` and nothing else changed); and the same findings as the whole-buffer scanner.

#![no_main]

use cnpii::{CollectSink, Config, Engine, Placeholder, PolicySet};
use libfuzzer_sys::fuzz_target;
use std::io::Read;
use std::sync::{Arc, OnceLock};

struct Trickle<'a> {
    data: &'a [u8],
    n: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.n.min(buf.len()).min(self.data.len());
        buf[..k].copy_from_slice(&self.data[..k]);
        self.data = &self.data[k..];
        Ok(k)
    }
}

/// Chunk sizes to try: the minimum, small odd sizes, and sizes past the context length.
const CHUNKS: [usize; 8] = [1, 2, 3, 7, 64, 700, 1500, 4096];

/// Engines are built once per (chunk size, threads): building one per input would make the
/// fuzzer spend its time compiling automata.
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

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let chunk = usize::from(data[0]) % CHUNKS.len();
    let read = 1 + usize::from(data[1]);
    let threads = 1 + usize::from(data[2] % 3);
    let input = &data[3..];
    let engine = engine(chunk, threads);
    let policies = PolicySet::uniform(Arc::new(Placeholder));
    let mut sink = CollectSink::with_output();
    cnpii::run(&engine, &policies, Trickle { data: input, n: read }, &mut sink).unwrap();
    let out = sink.output.unwrap();

    let mut want = Vec::with_capacity(input.len());
    let mut at = 0usize;
    for f in &sink.findings {
        let (s, e) = (f.span.start as usize, f.span.end as usize);
        assert!(at <= s && s < e && e <= input.len());
        want.extend_from_slice(&input[at..s]);
        want.extend_from_slice(format!("<{}>", f.kind.as_str().to_uppercase()).as_bytes());
        at = e;
    }
    want.extend_from_slice(&input[at..]);
    assert!(out == want, "redaction contract");

    let whole = engine.scanner().scan(input);
    let key = |v: &[cnpii::Finding]| v.iter().map(|f| (f.kind, f.span, f.line)).collect::<Vec<_>>();
    assert_eq!(key(&whole), key(&sink.findings), "chunked == whole buffer");
});
