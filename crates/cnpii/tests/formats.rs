//! Structured input through the public API: fields found where they are, quotes and escapes
//! kept byte for byte, column hints and column policies, GBK in and out, and results that do
//! not depend on chunk size or thread count.

mod common;

use cnpii::{CollectSink, Config, Encoding, Engine, Format, Input, Kind, PolicyConfig, PolicySet};
use common::{assert_placeholder_contract, key, Found};

fn engine(chunk: usize, threads: usize) -> Engine {
    Engine::build(&Config { chunk_size: Some(chunk), threads: Some(threads), ..Config::default() })
        .unwrap()
}

fn input(format: Format, encoding: Encoding, table: &str) -> Input {
    Input { format, encoding, header: true, table: table.into() }
}

/// Redacts `bytes` and returns the output and the findings.
fn run(e: &Engine, p: &PolicySet, inp: &Input, bytes: &[u8]) -> (Vec<u8>, Vec<Found>) {
    let mut sink = CollectSink::with_output();
    cnpii::run_input(e, p, inp, bytes, &mut sink).unwrap();
    (sink.output.unwrap(), key(&sink.findings))
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

// ---- SQL dumps ----

const MYSQL: &str = "-- MySQL dump 10.13  Distrib 8.0.36\n\
/*!40101 SET NAMES utf8mb4 */;\n\
DROP TABLE IF EXISTS `users`;\n\
CREATE TABLE `users` (\n  `id` bigint NOT NULL,\n  `name` varchar(32) DEFAULT NULL COMMENT '姓名',\n  `mobile` varchar(20) DEFAULT NULL,\n  `note` text,\n  `backup_tel` bigint DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `k_mobile` (`mobile`)\n) ENGINE=InnoDB;\n\
LOCK TABLES `users` WRITE;\n\
INSERT INTO `users` VALUES (1,'张伟','13812345678','他说\\'13912345678\\\\\\'，),(;',13712345678),(2,'欧阳娜娜','13612345678',NULL,NULL);\n\
INSERT INTO `orders` (`mobile`,`id`) VALUES ('13512345678',1);\n\
UNLOCK TABLES;\n";

/// The input with each finding replaced by its placeholder (`<PHONE>`, or `'<PHONE>'` where
/// the value was a bare SQL number): the redaction contract, checked on `out`.
fn placeholders() -> PolicySet {
    PolicySet::uniform(std::sync::Arc::new(cnpii::Placeholder))
}

#[test]
fn mysql_fields_escapes_and_bare_numbers() {
    let inp = input(Format::Mysql, Encoding::Utf8, "-");
    let (out, found) = run(&engine(1 << 20, 1), &PolicySet::default(), &inp, MYSQL.as_bytes());
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("(1,'张*','138****5678','他说\\'139****5678\\\\\\'，),(;',13700005678),(2,'欧阳**','136****5678',NULL,NULL);\n"),
        "{out}"
    );
    assert!(out.contains("VALUES ('135****5678',1);\n"));
    // DDL, comments and the other statements are untouched.
    let cut = MYSQL.find("INSERT").unwrap();
    assert_eq!(out[..cut], MYSQL[..cut]);
    assert!(out.ends_with("UNLOCK TABLES;\n"));
    for &(_, s, e, _) in &found {
        let v = &MYSQL.as_bytes()[s as usize..e as usize];
        assert!(!v.contains(&b'\'') && !v.contains(&b'\\'), "{:?}", String::from_utf8_lossy(v));
    }
    assert_eq!(found.len(), 7);
    let (out, found) = run(&engine(1 << 20, 1), &placeholders(), &inp, MYSQL.as_bytes());
    assert_placeholder_contract(MYSQL.as_bytes(), &found, &out);
}

#[test]
fn mysql_column_policies_apply_to_their_table_only() {
    let config =
        PolicyConfig::from_toml("[columns]\n\"users.mobile\" = \"placeholder\"\n", "t").unwrap();
    let p = PolicySet::build(&config, &Default::default()).unwrap();
    let inp = input(Format::Mysql, Encoding::Utf8, "-");
    let (out, _) = run(&engine(1 << 20, 1), &p, &inp, MYSQL.as_bytes());
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("(1,'张*','<PHONE>','他说\\'139****5678"), "{out}");
    assert!(out.contains("(2,'欧阳**','<PHONE>',NULL,NULL)"));
    // `orders.mobile` keeps the kind's policy.
    assert!(out.contains("VALUES ('135****5678',1);"));
}

#[test]
fn keep_returns_dumps_byte_for_byte() {
    let keep = PolicySet::uniform(std::sync::Arc::new(cnpii::Keep));
    for (format, dump) in [(Format::Mysql, MYSQL), (Format::Pgdump, PGDUMP)] {
        let inp = input(format, Encoding::Utf8, "-");
        let (out, found) = run(&engine(64, 2), &keep, &inp, dump.as_bytes());
        assert!(found.len() >= 5);
        assert!(out == dump.as_bytes(), "{format}");
    }
}

/// A dump with many long extended INSERT lines.
fn big_mysql() -> String {
    let mut s = String::from(
        "CREATE TABLE `t` (\n  `id` int,\n  `name` varchar(8),\n  `mobile` bigint,\n  `note` text\n);\n",
    );
    for line in 0..6 {
        s.push_str("INSERT INTO `t` VALUES ");
        for i in 0..80 {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&format!(
                "({i},'王芳',1381234{:04},'备注\\'{i}\\\\ 邮箱 u{i}@example.com\\n),(;')",
                line * 100 + i
            ));
        }
        s.push_str(";\n");
    }
    s
}

const PGDUMP: &str = "--\n-- PostgreSQL database dump\n--\n\nSET client_encoding = 'UTF8';\n\
CREATE TABLE public.users (\n    id integer NOT NULL,\n    name text,\n    mobile text,\n    \"Home Tel\" bigint\n);\n\
COPY public.users (id, name, mobile, \"Home Tel\") FROM stdin;\n\
1\t张伟\t13812345678\t13712345678\n\
2\t\\N\t电话\\t13912345678\\\\\t\\N\n\
\\.\n\
INSERT INTO public.users VALUES (3, '欧阳娜娜', 'it''s 13612345678', 13512345678);\n\
INSERT INTO public.users (mobile, id) VALUES (E'\\'13412345678\\\\', 4);\n";

#[test]
fn pgdump_copy_rows_and_inserts() {
    let inp = input(Format::Pgdump, Encoding::Utf8, "-");
    let (out, found) = run(&engine(1 << 20, 1), &PolicySet::default(), &inp, PGDUMP.as_bytes());
    let out = String::from_utf8(out).unwrap();
    // "Home Tel" is a bigint: a number slot.
    assert!(out.contains("1\t张*\t138****5678\t13700005678\n"), "{out}");
    assert!(out.contains("2\t\\N\t电话\\t139****5678\\\\\t\\N\n"), "{out}");
    assert!(out.contains("VALUES (3, '欧阳**', 'it''s 136****5678', 13500005678);"), "{out}");
    assert!(out.contains("VALUES (E'\\'134****5678\\\\', 4);"), "{out}");
    assert_eq!(found.len(), 8);
    let config =
        PolicyConfig::from_toml("[columns]\n\"users.Home Tel\" = \"placeholder\"\n", "t").unwrap();
    let p = PolicySet::build(&config, &Default::default()).unwrap();
    let (out, _) = run(&engine(1 << 20, 1), &p, &inp, PGDUMP.as_bytes());
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("1\t张*\t138****5678\t0\n"), "{out}");
    assert!(out.contains("'it''s 136****5678', 0);"), "{out}");
    let (out, found) = run(&engine(1 << 20, 1), &placeholders(), &inp, PGDUMP.as_bytes());
    assert_placeholder_contract(PGDUMP.as_bytes(), &found, &out);
}

#[test]
fn dumps_do_not_depend_on_chunk_size_or_threads() {
    let big = big_mysql();
    let mut pg = String::from("CREATE TABLE public.t (\n    id integer,\n    name text,\n    mobile bigint\n);\nCOPY public.t (id, name, mobile) FROM stdin;\n");
    for i in 0..500 {
        pg.push_str(&format!("{i}\t王芳\\t邮箱 u{i}@example.com\t1381234{i:04}\n"));
    }
    pg.push_str("\\.\n");
    let p = PolicySet::default();
    for (format, dump) in [(Format::Mysql, big.as_str()), (Format::Pgdump, pg.as_str())] {
        let inp = input(format, Encoding::Utf8, "-");
        let want = run(&engine(1 << 20, 1), &p, &inp, dump.as_bytes());
        assert!(want.1.len() >= 1400, "{format}: {}", want.1.len());
        for (chunk, threads) in [(1, 1), (7, 2), (64, 3), (4096, 1), (4096, 2), (1 << 20, 3)] {
            let got = run(&engine(chunk, threads), &p, &inp, dump.as_bytes());
            assert!(got == want, "{format}: chunk {chunk} threads {threads}");
        }
    }
}

#[test]
fn truncated_dumps_come_out_whole() {
    let big = big_mysql();
    for format in [Format::Mysql, Format::Pgdump] {
        let inp = input(format, Encoding::Utf8, "-");
        for cut in [1, 100, 4000, big.len() / 2 + 3, big.len() - 2] {
            let bytes = &big.as_bytes()[..cut];
            for (chunk, threads) in [(7, 1), (4096, 2)] {
                let (out, found) = run(&engine(chunk, threads), &placeholders(), &inp, bytes);
                assert_placeholder_contract(bytes, &found, &out);
            }
        }
    }
}

#[test]
fn gbk_dump_trail_backslash_is_not_an_escape() {
    // `\x81\x5c` is one GBK character whose trail byte is `\`.
    let (head, _, _) = encoding_rs::GBK.encode("INSERT INTO `t` (`name`,`mobile`) VALUES ('张伟");
    let mut bytes = head.into_owned();
    bytes.extend_from_slice(b"\x81\x5c','13812345678');\n");
    let inp = input(Format::Mysql, Encoding::Gbk, "-");
    let (out, found) = run(&engine(1 << 20, 1), &PolicySet::default(), &inp, &bytes);
    assert_eq!(found.len(), 2);
    assert!(out.ends_with(b"','138****5678');\n"));
}

mod dump_props {
    use super::*;
    use proptest::prelude::*;

    /// One value of a tuple, as SQL.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            (0..100_000_000u32).prop_map(|n| format!("'138{n:08}'")),
            (0..100_000_000u32).prop_map(|n| format!("139{n:08}")),
            Just("NULL".to_string()),
            Just("'张伟'".to_string()),
            Just("'a\\'b\\\\c''d),(;'".to_string()),
            Just("0x1F".to_string()),
            "[a-z0-9 @.,;()'\\\\]{0,12}"
                .prop_map(|s| format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))),
            // Noise the parser must survive.
            "[a-z0-9 ,;()'\\\\\n]{0,6}",
        ]
    }

    fn dump() -> impl Strategy<Value = Vec<u8>> {
        let tuple = prop::collection::vec(value(), 1..5).prop_map(|v| format!("({})", v.join(",")));
        let insert = prop::collection::vec(tuple, 1..6)
            .prop_map(|t| format!("INSERT INTO `users` VALUES {};\n", t.join(",")));
        let stmt = prop_oneof![
            4 => insert,
            1 => Just("CREATE TABLE `users` (\n  `id` int,\n  `mobile` bigint,\n  `name` text\n);\n".to_string()),
            1 => Just("-- comment 13812345678\n".to_string()),
            1 => "[a-z0-9 ;'\n]{0,20}",
        ];
        (prop::collection::vec(stmt, 0..8), any::<bool>(), 0..30usize).prop_map(|(s, cut, n)| {
            let mut b = s.concat().into_bytes();
            if cut {
                b.truncate(b.len().saturating_sub(n));
            }
            b
        })
    }

    proptest! {
        #[test]
        fn keep_is_identity_and_placeholders_touch_only_findings(
            bytes in dump(),
            pg in any::<bool>(),
            chunk in prop_oneof![1..64usize, Just(4096)],
            threads in 1..4usize,
        ) {
            let format = if pg { Format::Pgdump } else { Format::Mysql };
            let inp = input(format, Encoding::Utf8, "-");
            let keep = PolicySet::uniform(std::sync::Arc::new(cnpii::Keep));
            let (out, _) = run(&engine(chunk, threads), &keep, &inp, &bytes);
            prop_assert!(out == bytes);
            let (out, found) = run(&engine(chunk, threads), &placeholders(), &inp, &bytes);
            assert_placeholder_contract(&bytes, &found, &out);
            let whole = run(&engine(1 << 20, 1), &placeholders(), &inp, &bytes);
            prop_assert!(whole == (out, found));
        }
    }
}

// JSON Lines (issue #6).

fn jsonl(table: &str) -> Input {
    input(Format::Jsonl, Encoding::Utf8, table)
}

#[test]
fn jsonl_nested_keys_arrays_and_numbers() {
    let text = "{\"id\":7,\"user\":{\"name\":\"张伟\",\"contact\":{\"phone\":\"13812345678\"}},\
\"phones\":[\"13912345678\",[\"13712345678\"]],\"mobile\":15012345678,\"uid\":13612345678,\
\"ok\":true,\"n\":null}\n\
{\"orders\":[{\"addr\":\"无\",\"name\":\"欧阳娜娜\"}],\"13812345678\":\"x\"}\r\n";
    let (out, found) =
        run(&engine(1 << 20, 1), &PolicySet::default(), &jsonl("t"), text.as_bytes());
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\"id\":7,\"user\":{\"name\":\"张*\",\"contact\":{\"phone\":\"138****5678\"}},\
\"phones\":[\"139****5678\",[\"137****5678\"]],\"mobile\":15000005678,\"uid\":13612345678,\
\"ok\":true,\"n\":null}\n\
{\"orders\":[{\"addr\":\"无\",\"name\":\"欧阳**\"}],\"138****5678\":\"x\"}\r\n"
    );
    let kinds: Vec<Kind> = found.iter().map(|f| f.0).collect();
    assert_eq!(
        kinds,
        [Kind::Name, Kind::Phone, Kind::Phone, Kind::Phone, Kind::Phone, Kind::Name, Kind::Phone]
    );
    // Spans cover the value, not its quotes; lines count from 1.
    for &(_, s, e, _) in &found {
        let v = &text.as_bytes()[s as usize..e as usize];
        assert!(!v.starts_with(b"\"") && !v.ends_with(b"\""), "{v:?}");
    }
    assert_eq!(found.iter().map(|f| f.3).collect::<Vec<_>>(), [1, 1, 1, 1, 1, 2, 2]);
}

#[test]
fn jsonl_unicode_escapes_are_found_and_written_back() {
    let text = br#"{"name":"\u5f20\u4e09","note":"\u8054\u7cfb\u4eba\u738b\u82b3 \u0031\u0033\u0038\u0031\u0032\u0033\u0034\u0035\u0036\u0037\u0038"}
"#;
    let (out, found) = run(&engine(1 << 20, 1), &PolicySet::default(), &jsonl("t"), &text[..]);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        // Each replacement in its value's escaping: the phone escaped its ASCII digits.
        r#"{"name":"\u5f20*","note":"\u8054\u7cfb\u4eba\u738b* \u0031\u0033\u0038\u002a\u002a\u002a\u002a\u0035\u0036\u0037\u0038"}
"#
    );
    assert_eq!(
        found.iter().map(|f| f.0).collect::<Vec<_>>(),
        [Kind::Name, Kind::Name, Kind::Phone]
    );
    // The span of 张三 is its two escapes.
    assert_eq!(&text[found[0].1 as usize..found[0].2 as usize], br"\u5f20\u4e09");
    // With `keep`, escapes come out as written, upper-case hex too.
    let upper = br#"{"name":"\u5F20\u4E09","tel":"13812345678\/"}"#;
    let keep = PolicySet::uniform(std::sync::Arc::new(cnpii::Keep));
    let (out, found) = run(&engine(1 << 20, 1), &keep, &jsonl("t"), &upper[..]);
    assert_eq!(found.len(), 2);
    assert_eq!(out, upper);
}

#[test]
fn jsonl_escaped_quotes_and_backslashes_stay() {
    let text = br#"{"note":"\"13812345678\"","path":"C:\\13912345678\\x","q":"\\\"","k\"ey":"a\\"}
"#;
    let (out, found) = run(&engine(1 << 20, 1), &PolicySet::default(), &jsonl("t"), &text[..]);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        r#"{"note":"\"138****5678\"","path":"C:\\139****5678\\x","q":"\\\"","k\"ey":"a\\"}
"#
    );
    assert_eq!(found.len(), 2);
}

#[test]
fn jsonl_invalid_lines_are_scanned_as_text_with_a_warning() {
    let deep = format!("{}\"13712345678\"{}", "[".repeat(200), "]".repeat(200));
    let text = format!(
        "{{\"phone\":\"13812345678\"\n\
not json 13912345678\n\
{deep}\n\
\n\
{{\"phone\":\"15012345678\"}}\n"
    );
    let mut sink = CollectSink::with_output();
    let s = cnpii::run_input(
        &engine(1 << 20, 1),
        &PolicySet::default(),
        &jsonl("t"),
        text.as_bytes(),
        &mut sink,
    )
    .unwrap();
    assert_eq!(s.warnings, 3);
    let want = text.replace("13812345678", "138****5678").replace("13912345678", "139****5678");
    let want = want.replace("13712345678", "137****5678").replace("15012345678", "150****5678");
    assert_eq!(String::from_utf8(sink.output.unwrap()).unwrap(), want);
}

#[test]
fn jsonl_column_rules_use_the_key_path() {
    let config = PolicyConfig::from_toml(
        "[columns]\n\"t.user.phone\" = \"placeholder\"\n\"*.created_at\" = \"skip\"\n",
        "test",
    )
    .unwrap();
    let p = PolicySet::build(&config, &Default::default()).unwrap();
    let text = "{\"user\":{\"phone\":\"13812345678\"},\"phone\":\"13912345678\",\
\"created_at\":\"13712345678\"}\n";
    let (out, _) = run(&engine(1 << 20, 1), &p, &jsonl("t"), text.as_bytes());
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\"user\":{\"phone\":\"<PHONE>\"},\"phone\":\"139****5678\",\
\"created_at\":\"13712345678\"}\n"
    );
    // Another table's user.phone keeps the kind's policy.
    let (out, _) = run(&engine(1 << 20, 1), &p, &jsonl("u"), text.as_bytes());
    assert!(String::from_utf8(out).unwrap().starts_with("{\"user\":{\"phone\":\"138****5678\"}"));
}

#[test]
fn jsonl_gbk_round_trips_every_other_byte() {
    let (gbk, _, bad) =
        encoding_rs::GBK.encode("{\"姓名\":\"张伟\",\"手机\":\"13812345678\",\"备注\":\"无\"}\n");
    assert!(!bad);
    let inp = input(Format::Jsonl, Encoding::Gbk, "t");
    let (out, found) = run(&engine(1 << 20, 1), &PolicySet::default(), &inp, &gbk);
    let (text, _, _) = encoding_rs::GBK.decode(&out);
    assert_eq!(text, "{\"姓名\":\"张*\",\"手机\":\"138****5678\",\"备注\":\"无\"}\n");
    let phone = found.iter().find(|f| f.0 == Kind::Phone).unwrap();
    assert_eq!(&gbk[phone.1 as usize..phone.2 as usize], b"13812345678");
}

#[test]
fn jsonl_results_do_not_depend_on_chunk_size_or_threads() {
    let mut big = String::new();
    for i in 0..300 {
        big.push_str(&format!(
            "{{\"i\":{i},\"user\":{{\"name\":\"王芳\",\"mobile\":1381234{:04}}},\
\"mails\":[\"u{i}@example.com\"],\"note\":\"\\\"\\u5f20\\u4e09\\\" 1391234{:04}\"}}\n",
            i % 10_000,
            (i * 7) % 10_000
        ));
        if i % 50 == 0 {
            big.push_str("{\"broken\":\"13712345678\n\r\n");
        }
    }
    let p = PolicySet::default();
    let want = run(&engine(1 << 20, 1), &p, &jsonl("t"), big.as_bytes());
    assert!(want.1.len() >= 1200, "{}", want.1.len());
    for chunk in [1, 7, 4096, 1 << 20] {
        for threads in 1..=3 {
            let got = run(&engine(chunk, threads), &p, &jsonl("t"), big.as_bytes());
            assert!(got == want, "chunk {chunk} threads {threads}");
        }
    }
}

mod jsonl_props {
    use super::*;
    use cnpii::{Keep, Placeholder};
    use proptest::prelude::*;
    use std::sync::Arc;

    /// A JSON string's contents: PII, escapes, noise.
    fn string() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            (0..100_000_000u32).prop_map(|n| format!("138{n:08}")),
            Just("张伟".to_string()),
            Just("\\u5f20\\u4e09".to_string()),
            Just("\\u5F20\\u4E09".to_string()),
            Just("\\ud83d\\ude00".to_string()),
            Just("\\\"".to_string()),
            Just("\\\\".to_string()),
            Just("\\/\\n\\t".to_string()),
            Just("u1@example.com".to_string()),
            Just("10.2.3.4".to_string()),
            Just("浙江省杭州市西湖区文三路90号".to_string()),
            "[a-z0-9 ,:{}]{0,8}",
        ];
        prop::collection::vec(piece, 0..4).prop_map(|v| v.concat())
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("name"),
            Just("phone"),
            Just("mobile"),
            Just("user"),
            Just("note"),
            Just("id_no"),
            Just("addr"),
            Just("k\\\"q"),
            Just("\\u59d3\\u540d"),
        ]
        .prop_map(str::to_string)
    }

    fn value() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            string().prop_map(|s| format!("\"{s}\"")),
            (0..100_000_000u32).prop_map(|n| format!("139{n:08}")),
            Just("-1.5e3".to_string()),
            Just("true".to_string()),
            Just("null".to_string()),
        ];
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec((key(), inner), 0..4).prop_map(|v| {
                    let fields: Vec<String> =
                        v.into_iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
                    format!("{{{}}}", fields.join(","))
                }),
            ]
        })
    }

    /// Lines of JSON, some of them cut short or with stray bytes, joined by LF or CRLF.
    fn lines() -> impl Strategy<Value = Vec<u8>> {
        let line = (value(), 0..8u8, any::<usize>(), prop::collection::vec(any::<u8>(), 0..3))
            .prop_map(|(v, damage, at, junk)| {
                let mut b = v.into_bytes();
                match damage {
                    0 => b.truncate(at % (b.len() + 1)),
                    1 => {
                        let at = at % (b.len() + 1);
                        b.splice(at..at, junk);
                    }
                    _ => {}
                }
                b
            });
        prop::collection::vec((line, any::<bool>()), 0..8).prop_map(|v| {
            let mut out = Vec::new();
            for (l, crlf) in v {
                out.extend_from_slice(&l);
                out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            }
            out
        })
    }

    fn go(
        bytes: &[u8],
        policies: &PolicySet,
        chunk: usize,
        enc: Encoding,
    ) -> (Vec<u8>, Vec<Found>) {
        let inp = input(Format::Jsonl, enc, "t");
        run(&engine(chunk, 1), policies, &inp, bytes)
    }

    proptest! {
        #[test]
        fn keep_is_the_identity(bytes in lines(), chunk in prop_oneof![1..64usize, Just(1 << 20)]) {
            let keep = PolicySet::uniform(Arc::new(Keep));
            for enc in [Encoding::Utf8, Encoding::Gbk] {
                let (out, _) = go(&bytes, &keep, chunk, enc);
                prop_assert_eq!(out, bytes.clone());
            }
        }

        #[test]
        fn only_bytes_inside_findings_change(
            bytes in lines(),
            chunk in prop_oneof![1..64usize, Just(1 << 20)],
        ) {
            let policies = PolicySet::uniform(Arc::new(Placeholder));
            let (out, found) = go(&bytes, &policies, chunk, Encoding::Utf8);
            // A placeholder in a number slot is `0`.
            assert_placeholder_contract(&bytes, &found, &out);
            // And the same at the largest chunk size.
            prop_assert_eq!(go(&bytes, &policies, 1 << 20, Encoding::Utf8), (out, found));
        }
    }
}
