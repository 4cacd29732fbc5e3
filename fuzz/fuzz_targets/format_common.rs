//! Shared by the format targets: arbitrary bytes through `cnpii::run_input` in a format, at a
//! chunk size, thread count, encoding (UTF-8 or GBK) and CSV header choice the first byte
//! makes. Checks: no panic; with `keep`, the output is the input byte for byte; with
//! placeholders, findings are sorted, disjoint, inside the input, with correct line numbers,
//! and the output is the input with each finding replaced by `<KIND>` (or, in a SQL dump,
//! `'<KIND>'` where the value was a bare number) and nothing else changed; and the same
//! findings and output as one whole-input job.

use cnpii::{CollectSink, Config, Engine, Format, Input, Keep, Placeholder, PolicySet};
use std::sync::{Arc, OnceLock};

const CHUNKS: [usize; 4] = [1, 7, 64, 4096];

fn engines() -> &'static [Engine] {
    static ENGINES: OnceLock<Vec<Engine>> = OnceLock::new();
    ENGINES.get_or_init(|| {
        let mut v = Vec::new();
        for t in 1..=2 {
            for c in CHUNKS {
                let config = Config { chunk_size: Some(c), threads: Some(t), ..Config::default() };
                v.push(Engine::build(&config).unwrap());
            }
        }
        let whole = Config { chunk_size: Some(1 << 20), threads: Some(1), ..Config::default() };
        v.push(Engine::build(&whole).unwrap());
        v
    })
}

type Key = Vec<(cnpii::Kind, u64, u64, u64)>;

fn run(engine: &Engine, policies: &PolicySet, input: &Input, data: &[u8]) -> (Vec<u8>, Key) {
    let mut sink = CollectSink::with_output();
    cnpii::run_input(engine, policies, input, data, &mut sink).unwrap();
    let key = sink.findings.iter().map(|f| (f.kind, f.span.start, f.span.end, f.line)).collect();
    (sink.output.unwrap(), key)
}

pub fn check(format: Format, data: &[u8]) {
    let Some((&sel, data)) = data.split_first() else { return };
    let all = engines();
    let engine = &all[usize::from(sel) % (all.len() - 1)];
    let whole = &all[all.len() - 1];
    let gbk = sel & 0x80 != 0;
    let input = Input {
        format,
        encoding: if gbk { cnpii::Encoding::Gbk } else { cnpii::Encoding::Utf8 },
        header: sel & 0x40 == 0,
        ..Input::default()
    };
    let sql = matches!(format, Format::Mysql | Format::Pgdump);

    let (out, _) = run(engine, &PolicySet::uniform(Arc::new(Keep)), &input, data);
    assert!(out == data, "keep is the identity");

    let placeholders = PolicySet::uniform(Arc::new(Placeholder));
    let (out, found) = run(engine, &placeholders, &input, data);
    let (mut at, mut o) = (0usize, 0usize);
    for &(kind, s, e, line) in &found {
        let (s, e) = (s as usize, e as usize);
        assert!(at <= s && s < e && e <= data.len(), "sorted, disjoint, inside");
        assert_eq!(line, 1 + data[..s].iter().filter(|&&b| b == b'\n').count() as u64);
        assert!(out[o..].starts_with(&data[at..s]), "bytes outside findings unchanged");
        o += s - at;
        let rep = format!("<{}>", kind.as_str().to_uppercase());
        let quoted = format!("'{rep}'");
        if out[o..].starts_with(rep.as_bytes()) {
            o += rep.len();
        } else {
            assert!(sql && out[o..].starts_with(quoted.as_bytes()), "replacement");
            o += quoted.len();
        }
        at = e;
    }
    assert!(out[o..] == data[at..], "tail unchanged");

    let (wout, wfound) = run(whole, &placeholders, &input, data);
    assert_eq!(wfound, found, "findings do not depend on chunk size or threads");
    assert!(wout == out, "output does not depend on chunk size or threads");
}
