//! Structured input through the public API: fields found where they are, quotes and escapes
//! kept byte for byte, column hints and column policies, GBK in and out, and results that do
//! not depend on chunk size or thread count.

use cnpii::{CollectSink, Config, Encoding, Engine, Format, Input, Kind, PolicyConfig, PolicySet};

fn engine(chunk: usize, threads: usize) -> Engine {
    Engine::build(&Config { chunk_size: Some(chunk), threads: Some(threads), ..Config::default() })
        .unwrap()
}

fn input(format: Format, encoding: Encoding, table: &str) -> Input {
    Input { format, encoding, header: true, table: table.into() }
}

/// A finding as (kind, start, end, line).
type Found = (Kind, u64, u64, u64);

/// Redacts `bytes` and returns the output and the findings.
fn run(e: &Engine, p: &PolicySet, inp: &Input, bytes: &[u8]) -> (Vec<u8>, Vec<Found>) {
    let mut sink = CollectSink::with_output();
    cnpii::run_input(e, p, inp, bytes, &mut sink).unwrap();
    let found = sink.findings.iter().map(|f| (f.kind, f.span.start, f.span.end, f.line)).collect();
    (sink.output.unwrap(), found)
}

const CSV: &str = "id,姓名,mobile,id_no,note,created_at\n\
1,张伟,13812345678,110105194912310021,\"他说\"\"你好\"\"，电话 13912345678\n第二行\",2024-01-01\n\
2,\"欧阳娜娜\",13712345678,11010519491231002X,,2024-01-02\r\n\
3,李四,138 1234 5678,,\"a,b\",2024-01-03\n";

#[test]
fn csv_fields_quotes_and_hints() {
    let e = engine(1 << 20, 1);
    let inp = input(Format::Csv, Encoding::Utf8, "users");
    let (out, found) = run(&e, &PolicySet::default(), &inp, CSV.as_bytes());
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out,
        "id,姓名,mobile,id_no,note,created_at\n\
1,张*,138****5678,110105********0021,\"他说\"\"你好\"\"，电话 139****5678\n第二行\",2024-01-01\n\
2,\"欧阳**\",137****5678,110105********002X,,2024-01-02\r\n\
3,李*,138 **** 5678,,\"a,b\",2024-01-03\n"
    );
    // Offsets are offsets in the input; the hinted ID (wrong check digit) is there too.
    for &(kind, s, e, _) in &found {
        let v = &CSV.as_bytes()[s as usize..e as usize];
        assert!(!v.starts_with(b"\"") && !v.ends_with(b"\""), "{kind}: {v:?}");
    }
    let kinds: Vec<Kind> = found.iter().map(|f| f.0).collect();
    assert_eq!(
        kinds,
        [
            Kind::Name,
            Kind::Phone,
            Kind::IdCard,
            Kind::Phone,
            Kind::Name,
            Kind::Phone,
            Kind::IdCard,
            Kind::Name,
            Kind::Phone
        ]
    );
    // Lines count embedded newlines and CRLF.
    assert_eq!(found.iter().map(|f| f.3).collect::<Vec<_>>(), [2, 2, 2, 2, 4, 4, 4, 5, 5]);
}

#[test]
fn column_hints_can_be_turned_off() {
    let e = Engine::build(&Config { column_hints: Some(false), ..Config::default() }).unwrap();
    let inp = input(Format::Csv, Encoding::Utf8, "users");
    let (_, found) = run(&e, &PolicySet::default(), &inp, CSV.as_bytes());
    // The wrong-checksum ID is no longer reported.
    assert_eq!(found.iter().filter(|f| f.0 == Kind::IdCard).count(), 1);
}

#[test]
fn column_policies_override_kind_policies() {
    let config = PolicyConfig::from_toml(
        "[columns]\n\"users.mobile\" = \"placeholder\"\n\"*.note\" = \"skip\"\n\"*.姓名\" = { policy = \"mask\", first = 0, last = 0 }\n",
        "test",
    )
    .unwrap();
    let p = PolicySet::build(&config, &Default::default()).unwrap();
    let inp = input(Format::Csv, Encoding::Utf8, "users");
    let (out, _) = run(&engine(1 << 20, 1), &p, &inp, CSV.as_bytes());
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("1,**,<PHONE>,110105********0021,\"他说\"\"你好\"\"，电话 13912345678\n"));
    assert!(out.contains("2,\"****\",<PHONE>,"));
    // Another table's mobile column keeps the kind's policy.
    let other = input(Format::Csv, Encoding::Utf8, "orders");
    let (out, _) = run(&engine(1 << 20, 1), &p, &other, CSV.as_bytes());
    assert!(String::from_utf8(out).unwrap().contains("1,**,138****5678,"));
}

#[test]
fn unknown_column_policy_is_an_error_naming_the_line() {
    let config = PolicyConfig::from_toml("[columns]\n\"a.b\" = \"shred\"\n", "cols.toml").unwrap();
    let err = PolicySet::build(&config, &Default::default()).unwrap_err().to_string();
    assert!(err.contains("cols.toml: line 2") && err.contains("shred"), "{err}");
}

#[test]
fn csv_without_header_names_columns_by_position() {
    let config = PolicyConfig::from_toml("[columns]\n\"t.3\" = \"placeholder\"\n", "t").unwrap();
    let p = PolicySet::build(&config, &Default::default()).unwrap();
    let inp = Input { header: false, ..input(Format::Csv, Encoding::Utf8, "t") };
    let (out, _) = run(&engine(1 << 20, 1), &p, &inp, b"x,13812345678,13912345678\n");
    assert_eq!(out, b"x,138****5678,<PHONE>\n");
}

#[test]
fn gbk_text_round_trips_every_other_byte() {
    let (gbk, _, bad) = encoding_rs::GBK.encode("收件人张伟，手机13812345678，地址未知\n");
    assert!(!bad);
    let mut bytes = gbk.into_owned();
    bytes.extend_from_slice(b"\xff\xfe stray bytes\n");
    let inp = input(Format::Text, Encoding::Gbk, "-");
    let (out, found) = run(&engine(1 << 20, 1), &PolicySet::default(), &inp, &bytes);
    let (text, _, _) = encoding_rs::GBK.decode(&out);
    assert!(text.starts_with("收件人张*，手机138****5678，"), "{text}");
    // Offsets are GBK byte offsets.
    let phone = found.iter().find(|f| f.0 == Kind::Phone).unwrap();
    assert_eq!(&bytes[phone.1 as usize..phone.2 as usize], b"13812345678");
    assert!(out.ends_with(b"\xff\xfe stray bytes\n"));
}

#[test]
fn results_do_not_depend_on_chunk_size_or_threads() {
    let mut big = String::from("id,name,mobile,note\n");
    for i in 0..400 {
        big.push_str(&format!(
            "{i},王芳,1381234{:04},\"备注 \"\"{i}\"\"\n邮箱 u{i}@example.com\"\n",
            i % 10_000
        ));
    }
    let inp = input(Format::Csv, Encoding::Utf8, "t");
    let p = PolicySet::default();
    let want = run(&engine(1 << 20, 1), &p, &inp, big.as_bytes());
    assert!(want.1.len() >= 1200);
    for (chunk, threads) in [(1, 1), (7, 2), (100, 3), (4096, 2)] {
        assert_eq!(
            run(&engine(chunk, threads), &p, &inp, big.as_bytes()),
            want,
            "{chunk} {threads}"
        );
    }
}

#[test]
fn a_quote_that_never_closes_is_scanned_as_text_with_a_warning() {
    let inp = input(Format::Csv, Encoding::Utf8, "t");
    let bytes = b"a,b\n1,\"13812345678 never closed\n2,13912345678\n";
    let mut sink = CollectSink::with_output();
    let s =
        cnpii::run_input(&engine(1 << 20, 1), &PolicySet::default(), &inp, &bytes[..], &mut sink)
            .unwrap();
    assert_eq!(s.warnings, 1);
    assert_eq!(sink.output.unwrap(), b"a,b\n1,\"138****5678 never closed\n2,139****5678\n");
}

#[test]
fn sniffing() {
    assert_eq!(Format::sniff(b"-- MySQL dump 10.13  Distrib 8.0\n"), Format::Mysql);
    let (gbk, _, _) = encoding_rs::GBK.encode("姓名,手机\n张三,13812345678\n");
    assert_eq!(Encoding::sniff(&gbk), Encoding::Gbk);
}
