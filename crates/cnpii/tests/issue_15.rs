//! Regression tests of issue 15 ("Nothing leaks, nothing breaks"), format side: each test is
//! named after the item it covers and failed before its fix.

mod common;

use cnpii::POLICY_NAMES;
use cnpii::{CollectSink, Config, Encoding, Engine, Format, Input, Key, PolicyConfig, PolicySet};

fn engine() -> Engine {
    Engine::build(&Config { threads: Some(1), ..Config::default() }).unwrap()
}

fn input(format: Format) -> Input {
    Input { format, encoding: Encoding::Utf8, header: true, table: "t".into() }
}

fn key() -> Key {
    Key::from_bytes(b"an example key for tests only!!!").unwrap()
}

/// The built-in policy or preset `name` for every kind.
fn policies(name: &str) -> PolicySet {
    let config = PolicyConfig::preset(name).unwrap();
    let k = key();
    PolicySet::build(&config, &cnpii::BuildOptions { key: Some(&k), record_tokens: None }).unwrap()
}

/// Redacts `bytes` laid out as `inp` under `p`: the output and the warnings.
fn redact_with(e: &Engine, p: &PolicySet, inp: &Input, bytes: &[u8]) -> (Vec<u8>, usize) {
    let mut sink = CollectSink::with_output();
    let summary = cnpii::run_input(e, p, inp, bytes, &mut sink).unwrap();
    (sink.output.unwrap(), summary.warnings as usize)
}

fn redact(format: Format, policy: &str, text: &str) -> String {
    let (out, _) = redact_with(&engine(), &policies(policy), &input(format), text.as_bytes());
    String::from_utf8(out).unwrap()
}

const PHONE: &str = "13812345678";
const ID: &str = "110105194912310021";

#[test]
fn issue_15_item_1_csv_first_record_without_header_is_scanned() {
    for (format, text) in [(Format::Csv, "1,13812345678\n"), (Format::Tsv, "1\t13812345678\n")] {
        let (out, warnings) =
            redact_with(&engine(), &policies("mask"), &input(format), text.as_bytes());
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains(PHONE), "{format}: {out}");
        assert_eq!(warnings, 1, "a first record of values is named in a warning");
    }
    // Only a header line: its cells are data too.
    let out = redact(Format::Csv, "mask", "name,13812345678\n");
    assert_eq!(out, "name,138****5678\n");
    // A real header still names the columns (the hint finds the bare name in row 2).
    let out = redact(Format::Csv, "mask", "姓名,mobile\n张伟,13812345678\n");
    assert_eq!(out, "姓名,mobile\n张*,138****5678\n");
}

#[test]
fn issue_15_item_3_json_keys_are_scanned() {
    for policy in ["mask", "placeholder", "hash", "tokenize", "fake"] {
        let out = redact(
            Format::Jsonl,
            policy,
            "{\"13812345678\":1,\"a\":{\"11010519491231002X\":[]}}\n",
        );
        assert!(!out.contains(PHONE) && !out.contains("11010519491231002X"), "{policy}: {out}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v.as_object().unwrap().len(), 2, "{policy}: {out}");
        assert_eq!(v["a"].as_object().unwrap().len(), 1, "{policy}: {out}");
    }
}

#[test]
fn issue_15_item_6_json_numbers_stay_numbers() {
    let text = "{\"mobile\":13812345678,\"neg\":-13812345678,\"id_no\":110105194912310021,\"n\":[13912345678]}\n";
    for policy in POLICY_NAMES {
        let out = redact(Format::Jsonl, policy, text);
        let v: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{policy}: {out}: {e}"));
        for k in ["mobile", "neg", "id_no"] {
            assert!(v[k].is_number(), "{policy}: {out}");
        }
        assert!(v["n"][0].is_number(), "{policy}: {out}");
        if policy != "keep" {
            assert!(!out.contains(PHONE) && !out.contains(ID), "{policy}: {out}");
        }
    }
    assert_eq!(
        redact(Format::Jsonl, "mask", "{\"mobile\":13812345678,\"m\":-13812345678}\n"),
        "{\"mobile\":13800005678,\"m\":-13800005678}\n"
    );
    assert_eq!(
        redact(Format::Jsonl, "placeholder", "{\"mobile\":-13812345678}\n"),
        "{\"mobile\":-0}\n"
    );
    let hashed = redact(Format::Jsonl, "hash", "{\"mobile\":13812345678}\n");
    let digits = &hashed["{\"mobile\":".len()..hashed.len() - 2];
    assert!(digits.len() == 11 && digits.bytes().all(|b| b.is_ascii_digit()), "{hashed}");
    assert_ne!(&digits[..1], "0");
}

#[test]
fn issue_15_item_7_sql_numeric_slots_get_numbers() {
    let mysql = "CREATE TABLE `u` (\n  `id` int NOT NULL,\n  `mobile` bigint,\n  `note` varchar(20)\n) ENGINE=InnoDB;\n\
INSERT INTO `u` VALUES (1,13812345678,'x'),(2,-13812345678,'110105194912310021');\n";
    let pg = "CREATE TABLE public.u (\n    id integer NOT NULL,\n    mobile bigint,\n    note text\n);\n\
COPY public.u (id, mobile, note) FROM stdin;\n1\t13812345678\tx\n2\t-13812345678\t\\N\n\\.\n\
INSERT INTO public.u VALUES (3, 13812345678, 'a');\n";
    for policy in POLICY_NAMES {
        for (format, text) in [(Format::Mysql, mysql), (Format::Pgdump, pg)] {
            let out = redact(format, policy, text);
            if policy != "keep" {
                assert!(!out.contains(PHONE), "{format} {policy}: {out}");
            }
            // Numeric slots hold numbers: no quote, no letter, no `*` where a number was.
            for line in out.lines().filter(|l| l.starts_with("INSERT") || l.starts_with(['1', '2']))
            {
                let nums: Vec<&str> = line
                    .split(['(', ')', ',', '\t'])
                    .map(str::trim)
                    .filter(|f| f.trim_start_matches('-').starts_with(|c: char| c.is_ascii_digit()))
                    .collect();
                for n in nums {
                    assert!(
                        n.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()),
                        "{format} {policy}: {line}"
                    );
                }
                assert!(!line.contains("-'"), "{format} {policy}: {line}");
            }
        }
    }
    assert!(redact(Format::Mysql, "mask", mysql).contains("(1,13800005678,'x'),(2,-13800005678,"));
    let out = redact(Format::Pgdump, "placeholder", pg);
    assert!(out.contains("1\t0\tx\n2\t-0\t\\N\n"), "{out}");
    assert!(out.contains("VALUES (3, 0, 'a')"), "{out}");
}

#[test]
fn issue_15_item_5_float_spellings_in_hinted_columns() {
    let text = "{\"mobile\":13812345678.0,\"phone\":1.3812345678e+10,\"tel\":-1.3812345678E10}\n";
    for policy in POLICY_NAMES {
        let out = redact(Format::Jsonl, policy, text);
        let v: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{policy}: {out}: {e}"));
        for k in ["mobile", "phone", "tel"] {
            assert!(v[k].is_number(), "{policy}: {out}");
            if policy != "keep" {
                let n = v[k].as_f64().unwrap().abs();
                assert_ne!(n, 13812345678.0, "{policy}: {out}");
            }
        }
    }
    assert_eq!(
        redact(Format::Jsonl, "mask", text),
        "{\"mobile\":13800005678.0,\"phone\":1.3800005678e+10,\"tel\":-1.3800005678E10}\n"
    );
    // CSV cells and SQL numbers too.
    let out = redact(Format::Csv, "mask", "id,mobile\n1,13812345678.0\n2,1.3812345678e+10\n");
    assert_eq!(out, "id,mobile\n1,13800005678.0\n2,1.3800005678e+10\n");
    let out = redact(
        Format::Mysql,
        "mask",
        "CREATE TABLE `u` (`mobile` double);\nINSERT INTO `u` VALUES (1.3812345678e10);\n",
    );
    assert!(out.contains("VALUES (1.3800005678e10);"), "{out}");
    // In any column the detectors decide on the integer: a mobile is found, other floats stay.
    let text = "{\"x\":1.3812345678e+10,\"y\":1.2345678901e+10,\"z\":-1.5e+3}\n";
    assert_eq!(
        redact(Format::Jsonl, "mask", text),
        "{\"x\":1.3800005678e+10,\"y\":1.2345678901e+10,\"z\":-1.5e+3}\n"
    );
}

/// Tokenizes `text` and restores it; returns the tokenised text and the restored one.
fn round_trip(format: Format, text: &str) -> (String, String) {
    let config = PolicyConfig::from_toml("[default]\npolicy = \"tokenize\"\n", "-").unwrap();
    let k = key();
    let fwd =
        PolicySet::build(&config, &cnpii::BuildOptions { key: Some(&k), record_tokens: None })
            .unwrap();
    let inv = PolicySet::detokenize(&config, &k, None).unwrap();
    let (tok, _) = redact_with(&engine(), &fwd, &input(format), text.as_bytes());
    let (back, _) = redact_with(&engine(), &inv, &input(format), &tok);
    (String::from_utf8(tok).unwrap(), String::from_utf8(back).unwrap())
}

#[test]
fn issue_15_item_11_escapes_and_slots_survive_a_round_trip() {
    let u = |s: &str| s.bytes().map(|b| format!("\\u{:04x}", b)).collect::<String>();
    let text = format!(
        "{{\"phone\":\"{}\",\"mobile\":13812345678,\"m\":-13912345678,\"tel\":1.3712345678e+10,\"id_no\":\"{}\"}}\n",
        u(PHONE),
        u("11010519491231002X"),
    );
    let (tok, back) = round_trip(Format::Jsonl, &text);
    assert_eq!(back, text, "tokenised: {tok}");
    let v: serde_json::Value = serde_json::from_str(&tok).unwrap();
    assert!(v["mobile"].is_number() && v["m"].is_number() && v["tel"].is_number(), "{tok}");
    assert!(!tok.contains("1.3712345678e+10"), "{tok}");
    assert_ne!(v["phone"].as_str().unwrap(), PHONE);
    assert!(tok.contains("\"phone\":\"\\u0031\\u0033\\u0038"), "same escaping: {tok}");
    let mysql = "CREATE TABLE `u` (\n  `id_no` bigint,\n  `mobile` bigint,\n  `note` varchar(9)\n);\n\
INSERT INTO `u` VALUES (110105194912310011,13812345678,'13912345678'),(110105194912310038,-13712345678,NULL);\n";
    let (tok, back) = round_trip(Format::Mysql, mysql);
    assert_eq!(back, mysql, "tokenised: {tok}");
    assert!(!tok.contains(PHONE), "{tok}");
    let values = &tok[tok.find("VALUES").unwrap()..];
    assert_eq!(values.matches('\'').count(), 2, "no quotes around numbers: {tok}");
}

/// One record of about 4.7 MB (more than the largest job) with a phone and an ID every 3 KB,
/// between letters and spaces (no byte a piece could be cut after), in `format`; then a short
/// record with a phone. Returns the input and the planted phones.
fn long_record(format: Format) -> (String, Vec<String>) {
    let mut body = String::new();
    let mut phones = Vec::new();
    let mut i = 0;
    while body.len() < 4_700_000 {
        let phone = format!("138{i:08}");
        body.push_str(&phone);
        body.push_str(" 11010519491231002X ");
        phones.push(phone);
        while body.len() % 3000 > 40 {
            body.push_str("abcd efgh ");
        }
        i += 1;
    }
    let last = "13912345678";
    phones.push(last.to_string());
    let text = match format {
        Format::Csv => format!("id,note\n1,\"{body}\"\n2,{last}\n"),
        Format::Tsv => format!("id\tnote\n1\t{body}\n2\t{last}\n"),
        Format::Jsonl => format!("{{\"note\":\"{body}\"}}\n{{\"note\":\"{last}\"}}\n"),
        Format::Mysql => format!(
            "INSERT INTO `t` VALUES (1,'{body}'),(2,'{last}');\nINSERT INTO `t` VALUES (3,'{last}');\n"
        ),
        _ => format!("COPY public.t (id, note) FROM stdin;\n1\t{body}\n2\t{last}\n\\.\n"),
    };
    (text, phones)
}

#[test]
fn issue_15_item_2_over_long_records_lose_nothing_at_piece_boundaries() {
    for format in [Format::Csv, Format::Tsv, Format::Jsonl, Format::Mysql, Format::Pgdump] {
        let (text, phones) = long_record(format);
        let p = policies("mask");
        let mut outs = Vec::new();
        for threads in [1, 3] {
            let e = Engine::build(&Config { threads: Some(threads), ..Config::default() }).unwrap();
            let mut sink = CollectSink::with_output();
            let summary =
                cnpii::run_input(&e, &p, &input(format), text.as_bytes(), &mut sink).unwrap();
            let out = String::from_utf8(sink.output.unwrap()).unwrap();
            let ids = text.matches("11010519491231002X").count();
            let left: Vec<&String> = phones.iter().filter(|ph| out.contains(ph.as_str())).collect();
            assert!(
                left.is_empty(),
                "{format}: {} phones left, e.g. {:?}",
                left.len(),
                left.first()
            );
            assert!(!out.contains("11010519491231002X"), "{format}: an ID left");
            assert_eq!(
                sink.findings.len(),
                phones.len() + ids + usize::from(format == Format::Mysql),
                "{format}"
            );
            assert_eq!(summary.warnings, 1, "{format}: one warning for the record");
            assert_eq!(out.len(), text.len(), "{format}: only findings changed");
            outs.push(out);
        }
        assert!(outs[0] == outs[1], "{format}: threads change the output");
    }
    // GBK input, whose fields are decoded before they are scanned, the same.
    let (text, phones) = long_record(Format::Csv);
    let text = text.replace("abcd efgh ", "电话 abcd ");
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let inp = Input { encoding: Encoding::Gbk, ..input(Format::Csv) };
    let (out, warnings) = redact_with(&engine(), &policies("mask"), &inp, &gbk);
    let (out, _, _) = encoding_rs::GBK.decode(&out);
    let left = phones.iter().filter(|ph| out.contains(ph.as_str())).count();
    assert_eq!(left, 0, "GBK: phones left");
    assert!(!out.contains("11010519491231002X"), "GBK: an ID left");
    assert_eq!(warnings, 1, "GBK: one warning for the record");
    assert_eq!(out.len(), text.len(), "GBK: only findings changed");
}
