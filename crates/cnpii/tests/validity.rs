//! The validity oracle (issue 15): on generated records in every structured format × every
//! built-in policy and preset, the redacted output
//!
//! - parses with an independent parser (serde_json for JSON Lines, the `csv` crate for CSV and
//!   TSV, a small structural reader for SQL, written here and sharing nothing with the
//!   engine's splitters);
//! - has the input's shape: the same lines, records, field counts, JSON types and container
//!   sizes, SQL statements, tuples and fields, and every number slot still a number;
//! - holds none of the planted values (except under `keep`).
//!
//! Run with `PROPTEST_CASES=N` for more cases (CI: 64). The database tests (`tests/e2e/db.rs`)
//! load dumps into real servers; this oracle runs everywhere.

use cnpii::{BuildOptions, CollectSink, Config, Encoding, Engine, Format, Input, Key};
use cnpii::{PolicyConfig, PolicySet, POLICY_NAMES};
use proptest::prelude::*;
use std::sync::OnceLock;

/// Every built-in policy and shipped preset, compiled once.
fn policies() -> &'static [(&'static str, PolicySet)] {
    static P: OnceLock<Vec<(&'static str, PolicySet)>> = OnceLock::new();
    P.get_or_init(|| {
        let key = Key::from_bytes(b"validity oracle key, synthetic data").unwrap();
        POLICY_NAMES
            .into_iter()
            .map(|name| {
                let config = PolicyConfig::preset(name).unwrap();
                let opts = BuildOptions { key: Some(&key), record_tokens: None };
                (name, PolicySet::build(&config, &opts).unwrap())
            })
            .collect()
    })
}

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::build(&Config { threads: Some(1), ..Config::default() }).unwrap())
}

fn redact(format: Format, header: bool, p: &PolicySet, bytes: &[u8]) -> String {
    let input = Input { format, encoding: Encoding::Utf8, header, table: "t".into() };
    let mut sink = CollectSink::with_output();
    cnpii::run_input(engine(), p, &input, bytes, &mut sink).unwrap();
    String::from_utf8(sink.output.unwrap()).unwrap()
}

/// A valid 18-digit ID number (MOD 11-2) with a digit check character, so that it can be
/// stored as a number.
fn id_number(date: &str, seq: u32) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let mut s = seq;
    loop {
        let body = format!("110105{date}{:03}", s % 1000);
        let sum: u32 = body.bytes().zip(W).map(|(b, w)| u32::from(b - b'0') * w).sum();
        let check = b"10X98765432"[(sum % 11) as usize];
        if check != b'X' {
            return format!("{body}{}", check as char);
        }
        s += 1;
    }
}

/// A planted value: its digits or text, and its kind of column.
#[derive(Clone, Debug)]
enum Plant {
    Phone(String),
    Id(String),
    Name(&'static str),
    Email(&'static str),
}

impl Plant {
    fn text(&self) -> &str {
        match self {
            Plant::Phone(s) | Plant::Id(s) => s,
            Plant::Name(s) | Plant::Email(s) => s,
        }
    }
}

/// A mobile whose four masked digits are not all `0`: in a number slot a mask writes `0` for a
/// masked digit, so `13800000000` would come out as written (README: "A replacement fits its
/// slot").
fn phone() -> impl Strategy<Value = String> {
    (prop::sample::select(vec!["138", "139", "150", "186", "177"]), 10_000..100_000_000u32)
        .prop_map(|(p, n)| format!("{p}{n:08}"))
}

fn id() -> impl Strategy<Value = String> {
    (prop::sample::select(vec!["19491231", "19800101", "19991009", "20000229"]), 0..999u32)
        .prop_map(|(d, s)| id_number(d, s))
}

fn plant() -> impl Strategy<Value = Plant> {
    prop_oneof![
        phone().prop_map(Plant::Phone),
        id().prop_map(Plant::Id),
        prop::sample::select(vec!["欧阳娜娜", "上官婉儿", "皇甫嵩岳"]).prop_map(Plant::Name),
        prop::sample::select(vec!["li.si@example.com", "wang_fang+x@example.cn"])
            .prop_map(Plant::Email),
    ]
}

/// Text that is no personal data: letters, digits too short to be a value, punctuation that
/// needs quoting or escaping.
fn filler() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{0,8}",
        "[0-9]{1,4}",
        Just("a,b".to_string()),
        Just("say \"hi\"".to_string()),
        Just("it's".to_string()),
        Just("back\\slash".to_string()),
        Just("tab\there".to_string()),
        Just("无".to_string()),
    ]
}

/// How a planted number is written in a number slot.
#[derive(Clone, Copy, Debug)]
enum Spell {
    Plain,
    Negative,
    Fraction,
    Exponent,
}

fn spell() -> impl Strategy<Value = Spell> {
    prop_oneof![
        4 => Just(Spell::Plain),
        1 => Just(Spell::Negative),
        1 => Just(Spell::Fraction),
        1 => Just(Spell::Exponent),
    ]
}

fn spelled(digits: &str, s: Spell) -> String {
    match s {
        Spell::Plain => digits.to_string(),
        Spell::Negative => format!("-{digits}"),
        Spell::Fraction => format!("{digits}.0"),
        Spell::Exponent => format!("{}.{}e+{}", &digits[..1], &digits[1..], digits.len() - 1),
    }
}

/// Whether `out` still holds a planted value: as text, or as the number it spells.
fn leaks(out: &str, plants: &[Plant], numbers: &[f64]) -> Option<String> {
    for p in plants {
        if out.contains(p.text()) {
            return Some(p.text().to_string());
        }
        if let Plant::Phone(d) | Plant::Id(d) = p {
            let v: f64 = d.parse().unwrap();
            if numbers.iter().any(|&n| n.abs() == v) {
                return Some(d.clone());
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

/// A JSON value with planted values in hinted keys, as text, and its plants.
#[derive(Clone, Debug)]
struct Json {
    text: String,
    plants: Vec<Plant>,
}

fn json_string(s: &str, escape_all: bool) -> String {
    if escape_all {
        let mut out = String::from("\"");
        for u in s.encode_utf16() {
            out.push_str(&format!("\\u{u:04x}"));
        }
        out.push('"');
        out
    } else {
        serde_json::to_string(s).unwrap()
    }
}

/// A member of an object: a key and a value holding at most one planted value, the key in
/// its column's name (or the planted value itself as the key).
fn member() -> impl Strategy<Value = (String, Json)> {
    prop_oneof![
        (phone(), spell(), any::<bool>(), any::<bool>()).prop_map(|(d, s, num, esc)| {
            let text = if num { spelled(&d, s) } else { json_string(&d, esc) };
            ("mobile".to_string(), Json { text, plants: vec![Plant::Phone(d)] })
        }),
        (id(), any::<bool>(), any::<bool>()).prop_map(|(d, num, esc)| {
            let text = if num { d.clone() } else { json_string(&d, esc) };
            ("id_no".to_string(), Json { text, plants: vec![Plant::Id(d)] })
        }),
        (plant(), any::<bool>()).prop_map(|(p, esc)| {
            let key = match p {
                Plant::Phone(_) => "phone",
                Plant::Id(_) => "idcard",
                Plant::Name(_) => "name",
                Plant::Email(_) => "email",
            };
            let text = json_string(p.text(), esc);
            (key.to_string(), Json { text, plants: vec![p] })
        }),
        // A planted value as a key.
        (phone(), filler()).prop_map(|(d, f)| {
            (d.clone(), Json { text: json_string(&f, false), plants: vec![Plant::Phone(d)] })
        }),
        (filler(), any::<bool>()).prop_map(|(f, esc)| (
            "note".to_string(),
            Json { text: json_string(&f, esc), plants: vec![] }
        )),
        Just(("n".to_string(), Json { text: "-1.5e3".into(), plants: vec![] })),
        Just(("ok".to_string(), Json { text: "true".into(), plants: vec![] })),
        Just(("z".to_string(), Json { text: "null".into(), plants: vec![] })),
    ]
}

fn json() -> impl Strategy<Value = Json> {
    let leaf = prop::collection::vec(member(), 0..5).prop_map(object);
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(|v| {
                let text = format!(
                    "[{}]",
                    v.iter().map(|j| j.text.as_str()).collect::<Vec<_>>().join(",")
                );
                Json { text, plants: v.into_iter().flat_map(|j| j.plants).collect() }
            }),
            (prop::collection::vec(member(), 0..3), inner).prop_map(|(mut m, j)| {
                m.push(("user".to_string(), j));
                object(m)
            }),
        ]
    })
}

/// An object of `members`: a key that is already there is left out, and so is a second
/// planted key (two masked keys may be written alike, and an object holds each key once).
fn object(members: Vec<(String, Json)>) -> Json {
    let mut seen = std::collections::HashSet::new();
    let mut planted_key = false;
    let mut parts = Vec::new();
    let mut plants = Vec::new();
    for (k, v) in members {
        let planted = k.bytes().all(|b| b.is_ascii_digit());
        if (planted && planted_key) || !seen.insert(k.clone()) {
            continue;
        }
        planted_key |= planted;
        plants.extend(v.plants);
        parts.push(format!("{}:{}", serde_json::to_string(&k).unwrap(), v.text));
    }
    Json { text: format!("{{{}}}", parts.join(",")), plants }
}

/// The shape of a JSON value: types and sizes, keys left out (a key may be a redacted value).
fn shape(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => "z".into(),
        Value::Bool(_) => "b".into(),
        Value::Number(_) => "n".into(),
        Value::String(_) => "s".into(),
        Value::Array(a) => format!("[{}]", a.iter().map(shape).collect::<Vec<_>>().join(",")),
        Value::Object(o) => {
            let mut m: Vec<String> = o.values().map(shape).collect();
            m.sort();
            format!("{{{}}}", m.join(","))
        }
    }
}

/// Every string, key and number of a JSON value, for the leak check.
fn flatten(v: &serde_json::Value, text: &mut String, numbers: &mut Vec<f64>) {
    use serde_json::Value;
    match v {
        Value::Number(n) => numbers.extend(n.as_f64()),
        Value::String(s) => {
            text.push_str(s);
            text.push('\n');
        }
        Value::Array(a) => a.iter().for_each(|x| flatten(x, text, numbers)),
        Value::Object(o) => {
            for (k, x) in o {
                text.push_str(k);
                text.push('\n');
                flatten(x, text, numbers);
            }
        }
        _ => {}
    }
}

fn check_jsonl(lines: &[Json]) {
    let mut input = String::new();
    for (i, l) in lines.iter().enumerate() {
        input.push_str(&l.text);
        input.push_str(if i % 3 == 2 { "\r\n" } else { "\n" });
    }
    let plants: Vec<Plant> = lines.iter().flat_map(|l| l.plants.clone()).collect();
    for (name, p) in policies() {
        let out = redact(Format::Jsonl, true, p, input.as_bytes());
        let (ins, outs): (Vec<&str>, Vec<&str>) = (input.lines().collect(), out.lines().collect());
        assert_eq!(ins.len(), outs.len(), "{name}: lines\n{input}\n{out}");
        let (mut text, mut numbers) = (String::new(), Vec::new());
        for (a, b) in ins.iter().zip(&outs) {
            let va: serde_json::Value = serde_json::from_str(a).unwrap();
            let vb: serde_json::Value = serde_json::from_str(b)
                .unwrap_or_else(|e| panic!("{name}: output is not JSON ({e})\n{a}\n{b}"));
            assert_eq!(shape(&va), shape(&vb), "{name}: shape\n{a}\n{b}");
            flatten(&vb, &mut text, &mut numbers);
        }
        if *name != "keep" {
            let leak = leaks(&text, &plants, &numbers).or_else(|| leaks(&out, &plants, &[]));
            assert!(leak.is_none(), "{name}: {leak:?} left in\n{input}\n{out}");
        } else {
            assert_eq!(out, input);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// CSV and TSV

/// A CSV cell: its text and its plant.
fn cell(col: usize) -> BoxedStrategy<(String, Option<Plant>)> {
    match col {
        0 => (0..1000u32).prop_map(|n| (n.to_string(), None)).boxed(),
        1 => (phone(), spell()).prop_map(|(d, s)| (spelled(&d, s), Some(Plant::Phone(d)))).boxed(),
        2 => id().prop_map(|d| (d.clone(), Some(Plant::Id(d)))).boxed(),
        3 => prop::sample::select(vec!["欧阳娜娜", "上官婉儿", "皇甫嵩岳"])
            .prop_map(|n| (n.to_string(), Some(Plant::Name(n))))
            .boxed(),
        _ => prop_oneof![
            filler().prop_map(|f| (f, None)),
            phone().prop_map(|d| (format!("手机 {d}"), Some(Plant::Phone(d)))),
        ]
        .boxed(),
    }
}

fn csv_rows() -> impl Strategy<Value = Vec<Vec<(String, Option<Plant>)>>> {
    let row = (cell(0), cell(1), cell(2), cell(3), cell(4))
        .prop_map(|(a, b, c, d, e)| vec![a, b, c, d, e]);
    prop::collection::vec(row, 1..6)
}

fn write_cell(out: &mut String, s: &str, delim: char, quote: bool) {
    let needs = s.contains([delim, '"', '\n', '\r']);
    if quote || needs {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn check_csv(rows: &[Vec<(String, Option<Plant>)>], delim: u8, header: bool, quote_seed: u64) {
    let d = delim as char;
    let mut input = String::new();
    if header {
        input.push_str(&["id", "mobile", "id_no", "name", "note"].join(&d.to_string()));
        input.push('\n');
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, (text, _)) in row.iter().enumerate() {
            if c > 0 {
                input.push(d);
            }
            write_cell(&mut input, text, d, (quote_seed >> ((r * 5 + c) % 64)) & 1 == 1);
        }
        input.push_str(if r % 2 == 1 { "\r\n" } else { "\n" });
    }
    let plants: Vec<Plant> = rows.iter().flatten().filter_map(|c| c.1.clone()).collect();
    let format = if delim == b',' { Format::Csv } else { Format::Tsv };
    let read = |s: &str| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .delimiter(delim)
            .has_headers(false)
            .flexible(true)
            .from_reader(s.as_bytes())
            .records()
            .map(|r| {
                r.unwrap_or_else(|e| panic!("not CSV ({e}):\n{s}"))
                    .iter()
                    .map(String::from)
                    .collect()
            })
            .collect()
    };
    let want = read(&input);
    for (name, p) in policies() {
        let out = redact(format, header, p, input.as_bytes());
        let got = read(&out);
        assert_eq!(got.len(), want.len(), "{name}: records\n{input}\n{out}");
        for (a, b) in want.iter().zip(&got) {
            assert_eq!(a.len(), b.len(), "{name}: fields\n{input}\n{out}");
        }
        if *name == "keep" {
            assert_eq!(out, input);
            continue;
        }
        // A number spelled as a float stays a number (CSV has no types: a plain integer is a
        // text field, masked as text).
        for (r, row) in rows.iter().enumerate() {
            let (orig, got) = (&row[1].0, &got[r + usize::from(header)][1]);
            if orig.contains(['.', 'e']) {
                assert!(got.parse::<f64>().is_ok(), "{name}: {orig} became {got}\n{out}");
            }
        }
        let numbers: Vec<f64> = got.iter().flatten().filter_map(|f| f.parse().ok()).collect();
        let leak = leaks(&out, &plants, &numbers);
        assert!(leak.is_none(), "{name}: {leak:?} left in\n{input}\n{out}");
    }
}

// ---------------------------------------------------------------------------------------------
// SQL dumps

/// A field of a tuple as the structural reader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sql {
    Num,
    Str,
    Null,
}

/// Reads the tuples of `INSERT … VALUES (…),(…);` statements (one a line) and the rows of
/// `COPY` blocks: per statement or row, its fields' classes. Panics on anything malformed:
/// an unterminated string, a field that is neither a number, a string nor NULL.
fn sql_structure(dump: &str, backslash: bool) -> Vec<Vec<Vec<Sql>>> {
    let mut out = Vec::new();
    let mut copy: Option<Vec<bool>> = None;
    let mut numeric_cols: std::collections::HashMap<String, Vec<bool>> = Default::default();
    let mut create: Option<(String, Vec<bool>)> = None;
    for line in dump.split_inclusive('\n') {
        let line = line.trim_end_matches(['\n', '\r']);
        if let Some(cols) = &copy {
            if line == "\\." {
                copy = None;
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), cols.len(), "COPY row fields: {line}");
            let row = fields
                .iter()
                .zip(cols)
                .map(|(f, &num)| {
                    if *f == "\\N" {
                        Sql::Null
                    } else if num {
                        assert!(is_number(f), "COPY number field: {f:?} in {line}");
                        Sql::Num
                    } else {
                        Sql::Str
                    }
                })
                .collect();
            out.push(vec![row]);
            continue;
        }
        if let Some((table, cols)) = &mut create {
            if line.starts_with(')') {
                numeric_cols.insert(table.clone(), std::mem::take(cols));
                create = None;
            } else {
                let ty = line.split_whitespace().nth(1).unwrap_or("");
                cols.push(
                    ["int", "integer", "bigint", "decimal(20,0)", "numeric", "double"]
                        .contains(&ty.trim_end_matches(',')),
                );
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("CREATE TABLE ") {
            create = Some((rest.split_whitespace().next().unwrap().to_string(), Vec::new()));
        } else if let Some(rest) = line.strip_prefix("COPY ") {
            let table = rest.split_whitespace().next().unwrap();
            copy = Some(numeric_cols[table].clone());
        } else if line.starts_with("INSERT") {
            let at = line.find("VALUES ").expect("VALUES") + 7;
            out.push(tuples(&line[at..], backslash));
        }
    }
    out
}

fn is_number(f: &str) -> bool {
    let f = f.strip_prefix('-').unwrap_or(f);
    !f.is_empty()
        && f.starts_with(|c: char| c.is_ascii_digit())
        && f.parse::<f64>().is_ok()
        && f.bytes().all(|b| b.is_ascii_digit() || b".eE+-".contains(&b))
}

fn tuples(s: &str, backslash: bool) -> Vec<Vec<Sql>> {
    let b = s.as_bytes();
    let mut p = 0;
    let mut all = Vec::new();
    loop {
        assert_eq!(b[p], b'(', "a tuple at {p}: {s}");
        p += 1;
        let mut t = Vec::new();
        loop {
            while b[p] == b' ' {
                p += 1;
            }
            if b[p] == b'\'' {
                p += 1;
                loop {
                    match b.get(p) {
                        Some(b'\\') if backslash => p += 2,
                        Some(b'\'') if b.get(p + 1) == Some(&b'\'') => p += 2,
                        Some(b'\'') => break,
                        Some(_) => p += 1,
                        None => panic!("an unterminated string: {s}"),
                    }
                }
                p += 1;
                t.push(Sql::Str);
            } else if s[p..].starts_with("NULL") {
                p += 4;
                t.push(Sql::Null);
            } else {
                let n = s[p..].find([',', ')']).unwrap();
                let f = s[p..p + n].trim();
                assert!(is_number(f), "a number field: {f:?} in {s}");
                p += n;
                t.push(Sql::Num);
            }
            match b[p] {
                b',' => p += 1,
                b')' => {
                    p += 1;
                    break;
                }
                c => panic!("after a field: {:?} in {s}", c as char),
            }
        }
        all.push(t);
        match b.get(p) {
            Some(b',') => p += 1,
            Some(b';') => return all,
            c => panic!("after a tuple: {c:?} in {s}"),
        }
    }
}

/// A row of a dump: id, mobile (number), id_no (number), name (string), note (string).
type Row = (u32, (String, Spell), String, &'static str, (String, Option<Plant>));

fn row() -> impl Strategy<Value = Row> {
    (
        0..1000u32,
        (phone(), spell()),
        id(),
        prop::sample::select(vec!["欧阳娜娜", "上官婉儿", "皇甫嵩岳"]),
        prop_oneof![
            filler().prop_map(|f| (f, None)),
            phone().prop_map(|d| (format!("电话 {d}"), Some(Plant::Phone(d)))),
        ],
    )
}

fn row_plants(rows: &[Row]) -> Vec<Plant> {
    let mut plants = Vec::new();
    for (_, (ph, _), id, name, (_, p)) in rows {
        plants.push(Plant::Phone(ph.clone()));
        plants.push(Plant::Id(id.clone()));
        plants.push(Plant::Name(name));
        plants.extend(p.clone());
    }
    plants
}

fn sql_str(s: &str, backslash: bool) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' if backslash => out.push_str("\\'"),
            '\'' => out.push_str("''"),
            '\\' if backslash => out.push_str("\\\\"),
            '\t' if backslash => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn mysqldump(rows: &[Row]) -> String {
    let mut s = String::from(
        "-- MySQL dump 10.13\nCREATE TABLE `u` (\n  `id` int NOT NULL,\n  `mobile` bigint,\n  `id_no` decimal(20,0),\n  `name` varchar(20),\n  `note` text\n) ENGINE=InnoDB;\nINSERT INTO `u` VALUES ",
    );
    for (i, (id, (ph, sp), idn, name, (note, _))) in rows.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            "({id},{},{idn},{},{})",
            spelled(ph, *sp),
            sql_str(name, true),
            sql_str(note, true)
        ));
    }
    s.push_str(";\n");
    s
}

fn pgdump(rows: &[Row]) -> String {
    let mut s = String::from(
        "--\n-- PostgreSQL database dump\n--\n\nCREATE TABLE u (\n    id integer NOT NULL,\n    mobile bigint,\n    id_no numeric,\n    name text,\n    note text\n);\n\nCOPY u (id, mobile, id_no, name, note) FROM stdin;\n",
    );
    for (id, (ph, sp), idn, name, (note, _)) in rows {
        let note = note.replace('\\', "\\\\").replace('\t', "\\t");
        s.push_str(&format!("{id}\t{}\t{idn}\t{name}\t{note}\n", spelled(ph, *sp)));
    }
    s.push_str("\\.\n\n");
    for (id, (ph, sp), idn, name, (note, _)) in rows {
        s.push_str(&format!(
            "INSERT INTO u VALUES ({id}, {}, {idn}, {}, {});\n",
            spelled(ph, *sp),
            sql_str(name, false),
            sql_str(note, false)
        ));
    }
    s
}

fn check_sql(format: Format, dump: &str, plants: &[Plant]) {
    let backslash = format == Format::Mysql;
    let want = sql_structure(dump, backslash);
    for (name, p) in policies() {
        let out = redact(format, true, p, dump.as_bytes());
        let got = std::panic::catch_unwind(|| sql_structure(&out, backslash))
            .unwrap_or_else(|_| panic!("{name}: output does not parse\n{dump}\n{out}"));
        assert_eq!(got, want, "{name}: structure\n{dump}\n{out}");
        if *name == "keep" {
            assert_eq!(out, dump);
            continue;
        }
        let numbers: Vec<f64> = out
            .split(['(', ')', ',', '\t', ' ', '\n'])
            .filter(|f| is_number(f))
            .filter_map(|f| f.parse().ok())
            .collect();
        let leak = leaks(&out, plants, &numbers);
        assert!(leak.is_none(), "{name}: {leak:?} left in\n{dump}\n{out}");
    }
}

proptest! {
    #[test]
    fn jsonl_output_parses_keeps_its_shape_and_leaks_nothing(lines in prop::collection::vec(json(), 1..4)) {
        check_jsonl(&lines);
    }

    #[test]
    fn csv_output_parses_keeps_its_shape_and_leaks_nothing(
        rows in csv_rows(),
        header in any::<bool>(),
        tsv in any::<bool>(),
        quotes in any::<u64>(),
    ) {
        check_csv(&rows, if tsv { b'\t' } else { b',' }, header, quotes);
    }

    #[test]
    fn mysqldump_output_loads_keeps_its_shape_and_leaks_nothing(rows in prop::collection::vec(row(), 1..5)) {
        check_sql(Format::Mysql, &mysqldump(&rows), &row_plants(&rows));
    }

    #[test]
    fn pg_dump_output_loads_keeps_its_shape_and_leaks_nothing(rows in prop::collection::vec(row(), 1..5)) {
        check_sql(Format::Pgdump, &pgdump(&rows), &row_plants(&rows));
    }
}
