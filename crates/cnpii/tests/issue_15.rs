//! Regression tests of issue 15 ("Nothing leaks, nothing breaks"), format side: each test is
//! named after the item it covers and failed before its fix.

mod common;

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
    let toml = match name {
        "hutool" | "bank" | "strict" | "pseudonymize" => format!("preset = \"{name}\"\n"),
        _ => format!("[default]\npolicy = \"{name}\"\n"),
    };
    let config = PolicyConfig::from_toml(&toml, "-").unwrap();
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
