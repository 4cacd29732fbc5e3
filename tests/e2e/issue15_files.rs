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

/// Runs `sh -c SCRIPT` in `dir` with umask `umask`, `$CNPII` naming the binary.
fn sh(dir: &Dir, umask: &str, script: &str) -> std::process::Output {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask}; {script}"))
        .env("CNPII", env!("CARGO_BIN_EXE_cnpii"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{script}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Outputs are created with the input's permission bits (less the umask), or 0644 less the
/// umask for stdin; not 0600 whatever the umask.
#[test]
fn issue_15_item_18_outputs_get_the_inputs_permissions_or_0644_less_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    let a = dir.create("in/a.log", PII);
    let b = dir.create("in/sub/b.log", PII);
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o640)).unwrap();
    sh(&dir, "022", "\"$CNPII\" redact -o o1.log in/a.log");
    assert_eq!(mode(&dir.path().join("o1.log")), 0o644);
    sh(&dir, "022", "\"$CNPII\" redact --out-dir out in");
    assert_eq!(mode(&dir.path().join("out/a.log")), 0o644);
    assert_eq!(mode(&dir.path().join("out/sub/b.log")), 0o640);
    // Stdin: 0644 less the umask.
    sh(&dir, "022", "printf '手机 13812345678\\n' | \"$CNPII\" redact -o o2.log");
    assert_eq!(mode(&dir.path().join("o2.log")), 0o644);
    sh(&dir, "077", "printf '手机 13812345678\\n' | \"$CNPII\" redact -o o3.log");
    assert_eq!(mode(&dir.path().join("o3.log")), 0o600);
    // The umask still applies to an input's bits.
    sh(&dir, "027", "\"$CNPII\" redact -o o4.log in/a.log");
    assert_eq!(mode(&dir.path().join("o4.log")), 0o640);
    // Writing over an existing output keeps that file's bits; --in-place keeps the input's.
    std::fs::set_permissions(dir.path().join("o1.log"), std::fs::Permissions::from_mode(0o604))
        .unwrap();
    sh(&dir, "022", "\"$CNPII\" redact -o o1.log in/a.log");
    assert_eq!(mode(&dir.path().join("o1.log")), 0o604);
    std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o664)).unwrap();
    sh(&dir, "077", "\"$CNPII\" redact --in-place in/sub/b.log");
    assert_eq!(mode(&b), 0o664);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

/// `--in-place` (and `--out-dir`) keep the compression found in the content, not the one the
/// name suggests: gzip or zstd content named `.log` stays compressed.
#[test]
fn issue_15_item_15_in_place_keeps_compression_sniffed_from_the_content() {
    let dir = Dir::new();
    let redacted = PII
        .replace("13812345678", "138****5678")
        .replace("11010519491231002X", "110105********002X")
        .replace("张伟", "张*");
    let g = dir.create("g.log", gzip(PII.as_bytes()));
    let z = dir.create("z.log", zstd::encode_all(PII.as_bytes(), 3).unwrap());
    let plain_gz = dir.create("plain.log.gz", PII);
    dir.cmd().args(["redact", "--out-dir", "out", "g.log", "z.log"]).assert().success();
    dir.cmd().args(["redact", "--in-place", "g.log", "z.log", "plain.log.gz"]).assert().success();
    for p in [g, dir.path().join("out/g.log")] {
        let got = std::fs::read(&p).unwrap();
        assert!(got.starts_with(&[0x1f, 0x8b]), "{} is not gzip", p.display());
        assert_eq!(String::from_utf8(gunzip(&got)).unwrap(), redacted);
    }
    for p in [z, dir.path().join("out/z.log")] {
        let got = std::fs::read(&p).unwrap();
        assert!(got.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]), "{} is not zstd", p.display());
        assert_eq!(String::from_utf8(zstd::decode_all(&got[..]).unwrap()).unwrap(), redacted);
    }
    // Plain text named .gz stays plain text.
    assert_eq!(std::fs::read_to_string(plain_gz).unwrap(), redacted);
}

/// Symbolic link loops are detected (walkdir): each file is read once and the walk ends,
/// with a warning naming the loop.
#[test]
fn issue_15_item_16_symlink_loops_are_not_followed() {
    let dir = Dir::new();
    dir.create("t/a.log", PII);
    dir.create("t/sub/b.log", "nothing here\n");
    std::os::unix::fs::symlink(".", dir.path().join("t/loop")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("t/sub/up")).unwrap();
    // Two links to one directory: its file is still read once.
    std::os::unix::fs::symlink("sub", dir.path().join("t/again")).unwrap();
    // A link to nothing: a warning, not an error.
    std::os::unix::fs::symlink("gone", dir.path().join("t/dangling.log")).unwrap();
    let a = dir
        .cmd()
        .args(["scan", "--json", "t"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(0);
    let out = a.get_output();
    let lines = json_lines(&out.stdout);
    let phones: Vec<&str> = lines
        .iter()
        .filter(|l| l["kind"] == "phone")
        .map(|l| l["path"].as_str().unwrap())
        .collect();
    assert_eq!(phones, vec!["t/a.log"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("t/loop: a symbolic link loop"), "{err}");
    assert!(err.contains("t/sub/up: a symbolic link loop"), "{err}");
    assert!(err.contains("t/dangling.log: a broken symbolic link, skipped"), "{err}");
    let report = dir.cmd().args(["scan", "t"]).assert().code(0);
    let text = String::from_utf8_lossy(&report.get_output().stdout).to_string();
    assert_eq!(text.lines().count(), 2, "{text}");
    // --in-place through the loops: every file rewritten once, no leftovers.
    dir.cmd().args(["redact", "--in-place", "t"]).assert().success();
    let got = std::fs::read_to_string(dir.path().join("t/a.log")).unwrap();
    assert!(got.contains("138****5678") && got.contains("张*"), "{got}");
}

/// An `--out-dir` inside the input tree is not read again on the next run.
#[test]
fn issue_15_item_16_the_output_directory_is_not_walked() {
    let dir = Dir::new();
    dir.create("logs/a.log", PII);
    dir.create("logs/sub/b.log", PII);
    for _ in 0..2 {
        dir.cmd().args(["redact", "--out-dir", "logs/clean", "logs"]).assert().success();
    }
    let mut found: Vec<String> = Vec::new();
    let mut stack = vec![dir.path().join("logs")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                found.push(p.strip_prefix(dir.path()).unwrap().display().to_string());
            }
        }
    }
    found.sort();
    assert_eq!(found, ["logs/a.log", "logs/clean/a.log", "logs/clean/sub/b.log", "logs/sub/b.log"]);
    // Scanning the tree still reads everything in it: only --out-dir is left out.
    let a = dir.cmd().args(["scan", "logs"]).assert().code(0);
    assert_eq!(String::from_utf8_lossy(&a.get_output().stdout).lines().count(), 4);
}

/// SIGINT and SIGTERM during `--in-place` remove the temporary file and exit 130 / 143; the
/// file is left whole (the original, or the redacted copy if the rename came first).
#[test]
fn issue_15_item_17_signals_remove_temporary_files() {
    let dir = Dir::new();
    let big: String = PII.repeat(60_000); // ~4 MB: the signal lands while it is written
    let redacted = dir.cmd().arg("redact").write_stdin(big.clone()).assert().success();
    let redacted = redacted.get_output().stdout.clone();
    for (round, (signal, code)) in
        [("INT", 130), ("TERM", 143), ("INT", 130), ("TERM", 143)].into_iter().enumerate()
    {
        let sub = dir.path().join(format!("r{round}"));
        std::fs::create_dir(&sub).unwrap();
        let f = sub.join("big.log");
        std::fs::write(&f, &big).unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cnpii"))
            .args(["redact", "--in-place", "-j2"])
            .arg(&f)
            .spawn()
            .unwrap();
        // Wait until the temporary file exists, then signal.
        let t0 = std::time::Instant::now();
        let temp = || {
            std::fs::read_dir(&sub)
                .unwrap()
                .filter_map(|e| e.ok())
                .any(|e| e.file_name().to_string_lossy().starts_with(".cnpii-"))
        };
        while !temp() && t0.elapsed() < std::time::Duration::from_secs(20) {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let killed = std::process::Command::new("kill")
            .args(["-s", signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        let names: Vec<String> = std::fs::read_dir(&sub)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["big.log"], "round {round}: SIG{signal} left {names:?}");
        let now = std::fs::read(&f).unwrap();
        if now == big.as_bytes() {
            assert_eq!(status.code(), Some(code), "round {round}: SIG{signal}");
        } else {
            // The run finished before the signal came.
            assert!(now == redacted, "round {round}: the file is neither whole nor redacted");
        }
    }
}

/// Config errors about an option that does not belong to the policy point at that option's
/// line and column; key errors say "invalid configuration" once; blank or uniform keys are
/// refused; one line end at the end of a key is ignored the same way in a file and in
/// CNPII_KEY.
#[test]
fn issue_15_item_19_config_and_key_errors_point_at_the_cause() {
    let dir = Dir::new();
    let err = |args: &[&str], env: Option<&str>| {
        let mut c = dir.cmd();
        c.args(args).env_remove("CNPII_KEY").write_stdin(PII);
        if let Some(k) = env {
            c.env("CNPII_KEY", k);
        }
        let a = c.assert().code(2);
        String::from_utf8_lossy(&a.get_output().stderr).into_owned()
    };
    dir.create(
        "t1.toml",
        "# a comment\n\n[kinds.phone]\npolicy = \"mask\"\n\n  template = \"x\"\n",
    );
    let e = err(&["redact", "--config", "t1.toml"], None);
    assert!(e.contains("t1.toml: line 6, column 3: phone: option `template`"), "{e}");
    dir.create(
        "t2.toml",
        "[default]\npolicy = \"mask\"\n\n[kinds.email]\npolicy = \"placeholder\"\nlength = 12\n",
    );
    let e = err(&["redact", "--config", "t2.toml"], None);
    assert!(e.contains("t2.toml: line 6, column 1: email: option `length`"), "{e}");
    dir.create(
        "t3.toml",
        "[kinds]\nphone = { policy = \"hash\", length = 12 }\nid_card = { policy = \"mask\", template = \"x\" }\n",
    );
    let e = err(&["redact", "--config", "t3.toml"], Some("an example key for tests only"));
    assert!(e.contains("t3.toml: line 3, column 30: id_card: option `template`"), "{e}");
    dir.create("t4.toml", "[columns]\n\"*.m\" = { policy = \"hash\", \"char\" = \"#\" }\n");
    let e = err(&["redact", "--config", "t4.toml"], Some("an example key for tests only"));
    assert!(e.contains("t4.toml: line 2, column 28: column \"*.m\": option `char`"), "{e}");
    // Keys: one prefix, blank and uniform keys refused.
    for (name, body) in [
        ("short.key", "short\n"),
        ("blank.key", "                "),
        ("aaa.key", "aaaaaaaaaaaaaaaaaaaa\n"),
    ] {
        dir.create(name, body);
        let e = err(&["redact", "--policy", "hash", "--key-file", name], None);
        assert_eq!(e.matches("invalid configuration").count(), 1, "{e}");
        assert!(e.contains(name), "{e}");
    }
    let e = err(&["redact", "--policy", "hash"], Some("                "));
    assert_eq!(e.matches("invalid configuration").count(), 1, "{e}");
    assert!(e.contains("only whitespace"), "{e}");
    // The same key, whatever line end it carries, from a file or from CNPII_KEY.
    let key = "an example key for tests only";
    let hash = |file: Option<&str>, env: Option<&str>| {
        let mut c = dir.cmd();
        c.args(["redact", "--policy", "hash"])
            .env_remove("CNPII_KEY")
            .write_stdin("手机 13812345678\n");
        if let Some(f) = file {
            c.args(["--key-file", f]);
        }
        if let Some(k) = env {
            c.env("CNPII_KEY", k);
        }
        String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap()
    };
    dir.create("lf.key", format!("{key}\n"));
    dir.create("crlf.key", format!("{key}\r\n"));
    let want = hash(Some("lf.key"), None);
    assert!(!want.contains("13812345678"), "{want}");
    assert_eq!(hash(Some("crlf.key"), None), want);
    assert_eq!(hash(None, Some(key)), want);
    // `CNPII_KEY="$(cat crlf.key)"`: the shell strips the \n and keeps the \r.
    assert_eq!(hash(None, Some(&format!("{key}\r"))), want);
}
