//! Property tests of keyed policies (issue #4): tokenize round-trips for every kind, tokens
//! validate (the detectors find them where the originals were), and keyed output does not
//! depend on chunk size or thread count.

use cnpii::{
    BuildOptions, CollectSink, Config, Engine, Key, Kind, PolicyConfig, PolicySet, Tokenize,
};
use proptest::prelude::*;

fn key() -> Key {
    Key::from_bytes(b"an example key for tests only, never for data").unwrap()
}

fn id18(body: &str) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.bytes().zip(W).map(|(b, w)| u32::from(b - b'0') * w).sum();
    format!("{body}{}", b"10X98765432"[(sum % 11) as usize] as char)
}

fn luhn(prefix: &str) -> String {
    (0..10)
        .map(|c| format!("{prefix}{c}"))
        .find(|s| {
            let sum: u32 = s
                .bytes()
                .rev()
                .enumerate()
                .map(|(i, b)| {
                    let d = u32::from(b - b'0');
                    if i % 2 == 1 {
                        if d * 2 > 9 {
                            d * 2 - 9
                        } else {
                            d * 2
                        }
                    } else {
                        d
                    }
                })
                .sum();
            sum % 10 == 0
        })
        .unwrap()
}

fn value() -> impl Strategy<Value = (Kind, String)> {
    prop_oneof![
        (0..4usize, 0..20_000u32, 0..1000u32).prop_map(|(r, d, s)| {
            let region = ["110105", "330106", "440305", "110000"][r];
            // Birth days from 1950 on.
            let days = 7305 + i64::from(d) - 25_567;
            let (y, m, dd) = civil(days);
            (Kind::IdCard, id18(&format!("{region}{y:04}{m:02}{dd:02}{s:03}")))
        }),
        (0..5usize, 0..100_000_000u32, 0..3usize).prop_map(|(p, n, sep)| {
            let pre = ["138", "139", "150", "186", "199"][p];
            let s = format!("{pre}{n:08}");
            let s = match sep {
                0 => s,
                1 => format!("{} {} {}", &s[..3], &s[3..7], &s[7..]),
                _ => format!("+86 {}-{}-{}", &s[..3], &s[3..7], &s[7..]),
            };
            (Kind::Phone, s)
        }),
        (0..1_000_000_000u64).prop_map(|n| (Kind::BankCard, luhn(&format!("622202{n:09}00")))),
        ("[a-z][a-z0-9._]{0,10}[a-z0-9]", 0..2usize)
            .prop_filter("no double dots", |(l, _)| !l.contains(".."))
            .prop_map(|(l, d)| (Kind::Email, format!("{l}@{}", ["example.com", "qq.com"][d]))),
        (0..1000u32).prop_map(|n| (Kind::Email, format!("{}@qq.com", 10_000_000 + n * 7919))),
        any::<u32>().prop_map(|n| (Kind::Ip, std::net::Ipv4Addr::from(n).to_string())),
    ]
}

fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

proptest! {
    #[test]
    fn tokenize_round_trips_and_tokens_validate((kind, v) in value()) {
        let t = Tokenize::new(&key());
        let token = t.token(kind, v.as_bytes()).unwrap();
        prop_assert_eq!(&t.token(kind, v.as_bytes()).unwrap(), &token);
        let back = t.inverse().token(kind, &token).unwrap();
        prop_assert_eq!(String::from_utf8(back).unwrap(), v.clone());
        // The detectors find the token (in the same context) exactly as they find the value.
        let engine = Engine::build(&Config::default()).unwrap();
        let text = |x: &[u8]| [b"value: ".as_slice(), x, b" ok\n"].concat();
        let want: Vec<_> = engine.scanner().scan(&text(v.as_bytes())).iter().map(|f| f.kind).collect();
        // A generated value may also be a valid value of another kind (an 18-digit card
        // number with a correct USCC check character): its token keeps the first kind's
        // format only, so the two cannot be compared.
        prop_assume!(want.iter().all(|&k| k == kind));
        let got = engine.scanner().scan(&text(&token));
        prop_assert_eq!(got.iter().map(|f| f.kind).collect::<Vec<_>>(), want);
        if let Some(f) = got.first() {
            prop_assert_eq!((f.span.start, f.span.end), (7, 7 + token.len() as u64));
        }
    }

    #[test]
    fn keyed_output_is_independent_of_chunking(
        values in prop::collection::vec(value(), 1..12),
        chunk in prop_oneof![1..64usize, Just(4096)],
        threads in 1..4usize,
        policy in prop_oneof![Just("tokenize"), Just("hash"), Just("fake"), Just("pseudonymize")],
    ) {
        let input: String = values.iter().map(|(_, v)| format!("x {v} 。\n")).collect();
        let k = key();
        let cfg = PolicyConfig::preset(policy).unwrap();
        let policies = PolicySet::build(&cfg, &BuildOptions { key: Some(&k), record_tokens: None }).unwrap();
        let run = |chunk: usize, threads: usize| {
            let engine = Engine::build(&Config {
                chunk_size: Some(chunk),
                threads: Some(threads),
                ..Config::default()
            })
            .unwrap();
            let mut sink = CollectSink::with_output();
            cnpii::run(&engine, &policies, input.as_bytes(), &mut sink).unwrap();
            sink.output.unwrap()
        };
        prop_assert_eq!(run(chunk, threads), run(1 << 20, 1));
    }
}
