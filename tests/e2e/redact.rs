use crate::util::{Dir, SAMPLE};

#[test]
fn stdin_to_stdout_changes_only_findings() {
    let dir = Dir::new();
    let out =
        dir.cmd().arg("redact").write_stdin(SAMPLE).assert().success().get_output().stdout.clone();
    let want = SAMPLE
        .replace("13812345678", "138****5678")
        .replace("11010519491231002X", "110105********002X")
        .replace("li.si@example.com", "l****@example.com")
        .replace("4111111111111111", "411111******1111");
    assert_eq!(String::from_utf8(out).unwrap(), want);
}

#[test]
fn placeholder_policy() {
    let dir = Dir::new();
    let out = dir
        .cmd()
        .args(["redact", "--policy", "placeholder"])
        .write_stdin("手机 13812345678\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(out, "手机 <PHONE>\n".as_bytes());
}

#[test]
fn invalid_utf8_nul_and_crlf_pass_through() {
    let dir = Dir::new();
    let mut input = b"\xff\xfe\x00bin\r\n".to_vec();
    input.extend_from_slice("tel 13812345678\r\n\x00\u{0}".as_bytes());
    input.extend_from_slice(b"\xc3\x28 end");
    // NUL bytes make it a binary file: refused unless --binary (tests/e2e/hardening.rs).
    dir.cmd().arg("redact").write_stdin(input.clone()).assert().code(2);
    let out = dir
        .cmd()
        .args(["redact", "--binary"])
        .write_stdin(input.clone())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut want = b"\xff\xfe\x00bin\r\n".to_vec();
    want.extend_from_slice("tel 138****5678\r\n\x00\u{0}".as_bytes());
    want.extend_from_slice(b"\xc3\x28 end");
    assert_eq!(out, want);
}

#[test]
fn output_file_and_out_dir() {
    let dir = Dir::new();
    dir.create("in/a.log", SAMPLE);
    dir.create("in/sub/b.log", "手机 13912345678\n");
    dir.cmd().args(["redact", "in/a.log", "-o", "a.red"]).assert().success().stdout("");
    let a = std::fs::read_to_string(dir.path().join("a.red")).unwrap();
    assert!(a.contains("138****5678") && !a.contains("13812345678"));
    dir.cmd().args(["redact", "in", "--out-dir", "out"]).assert().success();
    let b = std::fs::read_to_string(dir.path().join("out/sub/b.log")).unwrap();
    assert_eq!(b, "手机 139****5678\n");
    assert!(dir.path().join("out/a.log").exists());
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".cnpii-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn never_writes_over_an_input() {
    let dir = Dir::new();
    let p = dir.create("a.log", SAMPLE);
    dir.cmd().args(["redact", "a.log", "-o", "a.log"]).assert().code(2);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), SAMPLE);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&p, dir.path().join("link.log")).unwrap();
        dir.cmd().args(["redact", "a.log", "-o", "link.log"]).assert().code(2);
        std::fs::hard_link(&p, dir.path().join("hard.log")).unwrap();
        dir.cmd().args(["redact", "a.log", "-o", "hard.log"]).assert().code(2);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), SAMPLE);
    }
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let dir = Dir::new();
    let a = dir.cmd().args(["redact", "nope.log", "-o", "x"]).assert().code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(err.contains("nope.log") && !err.contains("panicked"), "{err}");
    assert!(!dir.path().join("x").exists());
}
