//! Issue 15 ("Nothing leaks, nothing breaks"), files and processes: binary files that `scan`
//! skipped must not pass for clean ones, compression kept by `--in-place`, directory walks
//! that survive symlink loops and skip the output directory, temporary files removed on
//! SIGINT/SIGTERM, output permissions, and config and key errors that point at the right
//! place.

use crate::util::{json_lines, Dir};

const PII: &str = "客户 张伟 手机 13812345678 身份证 11010519491231002X\n";

/// A file with a NUL byte in its first 64 KiB is not read by `scan`: it is reported as
/// skipped with exit 2, in every output form, and never counted as scanned and clean.
#[test]
fn issue_15_item_4_scan_never_calls_a_skipped_binary_file_clean() {
    let dir = Dir::new();
    let mut bin = b"a\x00b ".to_vec();
    bin.extend_from_slice(PII.as_bytes());
    dir.create("bin.log", &bin);
    dir.create("clean.log", "nothing here\n");
    // The report: no "no findings" line for the binary file, an error naming it, exit 2.
    let a = dir.cmd().args(["scan", "bin.log", "clean.log"]).assert().code(2);
    let (out, err) = (&a.get_output().stdout, &a.get_output().stderr);
    let (out, err) = (String::from_utf8_lossy(out), String::from_utf8_lossy(err));
    assert!(!out.contains("bin.log"), "{out}");
    assert!(out.contains("clean.log: no findings"), "{out}");
    assert!(
        err.contains("error: bin.log: binary file, skipped") && err.contains("--binary"),
        "{err}"
    );
    assert!(!err.contains("13812345678"), "{err}");
    // JSON: the summary counts the skipped file; the contract's fields are unchanged.
    let a = dir.cmd().args(["scan", "--json", "bin.log"]).assert().code(2);
    let lines = json_lines(&a.get_output().stdout);
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["skipped"], 1);
    assert_eq!(summary["bytes"], 0);
    // Nothing skipped: the summary line has no `skipped` field at all.
    let a = dir.cmd().args(["scan", "--json", "clean.log"]).assert().code(1);
    assert!(json_lines(&a.get_output().stdout)[0].get("skipped").is_none());
    // --binary scans it as bytes: the values are found at their offsets.
    let a = dir.cmd().args(["scan", "--json", "--binary", "bin.log"]).assert().code(0);
    let lines = json_lines(&a.get_output().stdout);
    let phone = lines.iter().find(|l| l["kind"] == "phone").expect("the phone is found");
    let (s, e) =
        (phone["start"].as_u64().unwrap() as usize, phone["end"].as_u64().unwrap() as usize);
    assert_eq!(&bin[s..e], b"13812345678");
    assert!(lines.last().unwrap().get("skipped").is_none());
}
