//! Structured input from the command line: formats chosen by name, flag or content, column
//! rules, GBK round trips, and warnings that name offsets, never data.

use crate::util::{json_lines, Dir};

const CSV: &str =
    "id,姓名,mobile,note\n1,张伟,13812345678,\"回电 13912345678\"\n2,王芳,15012345678,\n";

#[test]
fn csv_by_extension_with_column_rules() {
    let dir = Dir::new();
    dir.create("users.csv", CSV);
    dir.create(
        "cols.toml",
        "[columns]\n\"users.mobile\" = \"placeholder\"\n\"*.note\" = \"skip\"\n",
    );
    let out = dir
        .cmd()
        .args(["redact", "--config", "cols.toml", "users.csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "id,姓名,mobile,note\n1,张*,<PHONE>,\"回电 13912345678\"\n2,王*,<PHONE>,\n"
    );
    // The same bytes as text: no columns, so no column rules and no skipped column.
    let out = dir
        .cmd()
        .args(["redact", "--format", "text", "--config", "cols.toml", "users.csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("139****5678") && !text.contains("<PHONE>"), "{text}");
}

#[test]
fn stdin_needs_format_flag_for_csv() {
    let dir = Dir::new();
    let out = dir
        .cmd()
        .args(["scan", "--json", "--format", "csv"])
        .write_stdin("姓名,电话\n李娜,13812345678\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines[0]["kind"], "name");
    assert_eq!(lines[0]["path"], "-");
    assert_eq!(lines[1]["kind"], "phone");
    assert_eq!(lines[2]["type"], "summary");
}

#[test]
fn gbk_files_round_trip_and_report_gbk_offsets() {
    let dir = Dir::new();
    let (gbk, _, bad) = encoding_rs::GBK.encode("客户：赵磊，手机13812345678，备注无\n");
    assert!(!bad);
    let path = dir.create("gbk.log", &gbk[..]);
    let out = dir
        .cmd()
        .args(["scan", "--json"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let phone = json_lines(&out).into_iter().find(|l| l["kind"] == "phone").unwrap();
    let (s, e) =
        (phone["start"].as_u64().unwrap() as usize, phone["end"].as_u64().unwrap() as usize);
    assert_eq!(&gbk[s..e], b"13812345678");
    let out = dir.cmd().arg("redact").arg(&path).assert().success().get_output().stdout.clone();
    let (want, _, _) = encoding_rs::GBK.encode("客户：赵*，手机138****5678，备注无\n");
    assert_eq!(out, &want[..]);
}

#[test]
fn unparsable_input_warns_without_data_and_is_still_redacted() {
    let dir = Dir::new();
    dir.create("bad.csv", "a,b\n1,\"13812345678 never closed\n");
    let a = dir.cmd().args(["redact", "bad.csv"]).assert().success();
    let out = a.get_output();
    assert_eq!(out.stdout, b"a,b\n1,\"138****5678 never closed\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning") && err.contains("bad.csv: byte"), "{err}");
    assert!(!err.contains("13812345678"), "{err}");
}

#[test]
fn unknown_format_or_encoding_is_a_usage_error() {
    let dir = Dir::new();
    dir.cmd().args(["scan", "--format", "xml"]).write_stdin("x").assert().code(2);
    dir.cmd().args(["scan", "--encoding", "latin9"]).write_stdin("x").assert().code(2);
}
