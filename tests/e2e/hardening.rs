//! Nothing lost, nothing leaked: in-place rewrites that survive SIGKILL, binary files,
//! permissions, and error paths that never print the data.

use crate::util::Dir;
use std::time::Duration;

const PII: &str = "客户 张伟 手机 13812345678 身份证 11010519491231002X 邮箱 li.si@example.com\n";

#[test]
fn in_place_replaces_files_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    let a = dir.create("logs/a.log", PII);
    let b = dir.create("logs/b.log", "nothing here\n");
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink(&b, dir.path().join("link.log")).unwrap();
    dir.cmd().args(["redact", "--in-place", "logs", "link.log"]).assert().success();
    let got = std::fs::read_to_string(&a).unwrap();
    assert!(got.contains("138****5678") && !got.contains("13812345678"), "{got}");
    assert_eq!(std::fs::metadata(&a).unwrap().permissions().mode() & 0o777, 0o640);
    assert_eq!(std::fs::read_to_string(&b).unwrap(), "nothing here\n");
    // The link still is a link.
    assert!(std::fs::symlink_metadata(dir.path().join("link.log"))
        .unwrap()
        .file_type()
        .is_symlink());
    // No temporary files left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("logs")).unwrap().collect();
    assert_eq!(names.len(), 2);
    dir.cmd().args(["redact", "--in-place"]).write_stdin(PII).assert().code(2);
    dir.cmd().args(["redact", "--in-place", "-o", "x", "logs/a.log"]).assert().code(2);
}

#[test]
fn sigkill_leaves_every_file_whole_or_fully_redacted() {
    let dir = Dir::new();
    let big: String = PII.repeat(60_000); // ~5 MB: long enough to be killed mid-run
    let redacted = {
        let out = dir.cmd().arg("redact").write_stdin(big.clone()).assert().success();
        out.get_output().stdout.clone()
    };
    for round in 0..12u64 {
        let f = dir.create(&format!("k{round}.log"), &big);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cnpii"))
            .args(["redact", "--in-place", "-j2"])
            .arg(&f)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(5 + round * 9));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = std::fs::read(&f).unwrap();
        assert!(
            now == big.as_bytes() || now == redacted,
            "round {round}: the file is neither the original nor the redacted copy ({} bytes)",
            now.len()
        );
    }
}

#[test]
fn binary_files_are_skipped_by_scan_and_refused_by_redact() {
    let dir = Dir::new();
    let mut bin = b"\x7fELF\x00\x01".to_vec();
    bin.extend_from_slice(PII.as_bytes());
    let f = dir.create("blob.bin", &bin);
    // Not read, so not called clean: an error, exit 2 (issue 15 item 4).
    let a = dir.cmd().args(["scan"]).arg(&f).assert().code(2);
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("binary file, skipped"));
    let a = dir.cmd().args(["redact", "-o", "out.bin"]).arg(&f).assert().code(2);
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("--binary"));
    assert!(!dir.path().join("out.bin").exists());
    // With --binary: processed, and every offset stays where it was.
    dir.cmd().args(["redact", "--binary", "-o", "out.bin"]).arg(&f).assert().success();
    let out = std::fs::read(dir.path().join("out.bin")).unwrap();
    assert_eq!(out.len(), bin.len());
    let text = String::from_utf8_lossy(&out);
    assert!(!text.contains("13812345678") && !text.contains("张伟"), "{text}");
}

#[test]
fn world_readable_key_files_are_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    let key = dir.create("k.key", "0123456789abcdef0123456789abcdef");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let a = dir
        .cmd()
        .args(["redact", "--policy", "hash", "--key-file", "k.key"])
        .write_stdin(PII)
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("readable by every user"));
}

/// Every error path the command line has, fed PII-laden input: stderr names files, kinds and
/// offsets, never a value.
#[test]
fn errors_never_print_the_data() {
    let dir = Dir::new();
    dir.create("in.log", PII);
    dir.create("bad.csv", format!("a,b\n1,\"{PII}"));
    dir.create("bad.gz", [&[0x1f, 0x8b, 8, 0][..], PII.as_bytes()].concat());
    dir.create("short.key", "13812345678");
    // (Config errors quote the config, which is the user's own text, not the data scanned.)
    dir.create("bad.toml", "[kinds.phone]\npolicy = \"shred\"\n");
    dir.create("cols.toml", "[columns]\n\"*.mobile\" = \"shred\"\n");
    let mut bin = vec![0u8];
    bin.extend_from_slice(PII.as_bytes());
    dir.create("bin.dat", bin);
    let runs: &[&[&str]] = &[
        &["redact", "--policy", "hash", "in.log"],
        &["redact", "--policy", "hash", "--key-file", "short.key", "in.log"],
        &["redact", "--config", "bad.toml", "in.log"],
        &["redact", "--config", "cols.toml", "in.log"],
        &["redact", "bad.gz"],
        &["scan", "bad.gz", "missing.log"],
        &["redact", "bad.csv"],
        &["redact", "bin.dat"],
        &["redact", "-o", "in.log", "in.log"],
        &["redact", "--out-dir", "/proc/nope", "in.log"],
        &["detokenize", "--all", "in.log"],
        &["check", "13812345678"],
    ];
    for args in runs {
        let out = dir.cmd().args(*args).write_stdin(PII).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        for value in ["13812345678", "11010519491231002X", "li.si@example.com", "张伟", "1381234"]
        {
            assert!(!err.contains(value), "{args:?} printed {value}: {err}");
        }
    }
}

#[test]
fn write_errors_end_the_run_with_a_message_and_exit_2() {
    let dir = Dir::new();
    let f = dir.create("in.log", PII.repeat(2000));
    // Disk full: /dev/full fails every write with ENOSPC.
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cnpii"))
        .arg("redact")
        .arg(&f)
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("No space left on device"), "{err}");
    // (A closed stdout cannot be told from /dev/null: Rust's runtime reopens closed standard
    // descriptors on /dev/null before main runs.)
    // A reader that stops early: a broken pipe ends the run quietly.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' redact '{}' | head -c 10 >/dev/null",
            env!("CARGO_BIN_EXE_cnpii"),
            f.display()
        ))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn corrupt_and_unreadable_inputs_are_per_file_errors() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    dir.create("d/a.log", PII);
    let gz = [&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3][..], b"garbage"].concat();
    dir.create("d/b.log.gz", gz);
    let zst = [&[0x28, 0xb5, 0x2f, 0xfd][..], b"garbage"].concat();
    dir.create("d/c.log.zst", zst);
    let locked = dir.create("d/locked/e.log", PII);
    let locked_dir = locked.parent().unwrap();
    std::fs::set_permissions(locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = is_root();
    let a = dir.cmd().args(["redact", "--out-dir", "out", "d"]).assert().code(2);
    std::fs::set_permissions(locked_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(err.contains("b.log.gz") && err.contains("c.log.zst"), "{err}");
    if !root {
        assert!(err.contains("locked"), "{err}");
    }
    // The good file was still processed, and no partial output exists for the bad ones.
    assert!(std::fs::read_to_string(dir.path().join("out/a.log")).unwrap().contains("138****5678"));
    assert!(!dir.path().join("out/b.log.gz").exists());
    assert!(!dir.path().join("out/c.log.zst").exists());
}

/// Whether the tests run as root (then permissions do not stop reads).
fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false)
}

#[test]
fn output_to_a_fifo_or_device_writes_to_it_instead_of_replacing_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = Dir::new();
    let f = dir.create("in.log", PII);
    // A FIFO stands in for /dev/null or /dev/stdout (a regression must not replace a real
    // device node on the test machine).
    let fifo = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = std::process::Command::new("cat")
        .arg(&fifo)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    dir.cmd().args(["redact", "-o"]).arg(&fifo).arg(&f).assert().success();
    let got = reader.wait_with_output().unwrap().stdout;
    assert_eq!(
        String::from_utf8(got).unwrap(),
        PII.replace("13812345678", "138****5678")
            .replace("11010519491231002X", "110105********002X")
            .replace("li.si@example.com", "l****@example.com")
            .replace("张伟", "张*")
    );
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}
