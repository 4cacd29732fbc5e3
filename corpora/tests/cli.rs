//! The `cnpii-corpus` binary: arguments, exit codes, output files.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cnpii-corpus"))
}

#[test]
fn bad_arguments_exit_2() {
    let cases: &[&[&str]] = &[
        &[],
        &["--style", "csv", "--seed", "1", "--bytes", "10", "--out", "x"],
        &["--style", "mixed", "--seed", "-1", "--bytes", "10", "--out", "x"],
        &["--style", "mixed", "--seed", "1", "--bytes", "ten", "--out", "x"],
        &["--style", "mixed", "--seed", "1", "--bytes", "10"],
        &["--style", "mixed", "--seed", "1", "--bytes", "10", "--out"],
        &["--style", "mixed", "--seed", "1", "--bytes", "10", "--out", "x", "--frobnicate"],
    ];
    for args in cases {
        let o = bin().args(*args).output().expect("run cnpii-corpus");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("cnpii-corpus:") && err.contains("usage:"), "{args:?}: {err}");
    }
}

#[test]
fn writes_corpus_and_labels() {
    let dir = std::env::temp_dir().join(format!("cnpii-corpus-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let out = dir.join("a.log");
    let labels = dir.join("a.jsonl");
    let o = bin()
        .args(["--style", "nginx", "--seed", "0x2a", "--bytes", "8K", "--out"])
        .arg(&out)
        .arg("--labels")
        .arg(&labels)
        .args(["--label-path", "a.log"])
        .output()
        .expect("run cnpii-corpus");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read(&out).expect("corpus");
    let c = cnpii_corpora::generate(cnpii_corpora::Style::Nginx, 42, 8 << 10);
    assert_eq!(text, c.text);
    let j = std::fs::read_to_string(&labels).expect("labels");
    assert_eq!(j, c.labels_jsonl("a.log"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dbdump_writes_each_dialect_and_rejects_bad_arguments() {
    let dbdump = || Command::new(env!("CARGO_BIN_EXE_cnpii-dbdump"));
    for args in [&["--dialect", "oracle", "--seed", "1", "--out", "-"][..], &["--seed", "1"]] {
        let o = dbdump().args(args).output().expect("run cnpii-dbdump");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("usage:"));
    }
    for (dialect, marker) in [
        ("mysql", "INSERT INTO `users` VALUES (1,'"),
        ("pgdump", "COPY public.orders (id, user_id_no, amount"),
        ("pginserts", "INSERT INTO public.products VALUES (1, 'SKU-0001', "),
    ] {
        let o = dbdump()
            .args(["--dialect", dialect, "--seed", "3", "--users", "5", "--out", "-"])
            .output()
            .expect("run cnpii-dbdump");
        assert!(o.status.success(), "{dialect}");
        assert!(String::from_utf8_lossy(&o.stdout).contains(marker), "{dialect}");
    }
}

/// The checked-in samples are exactly what the generator writes with the arguments that
/// corpora/README.md gives, labels included (issue 15: the newcomer's path).
#[test]
fn checked_in_samples_are_what_the_generator_writes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample");
    for (style, bytes, name, labels) in [
        (cnpii_corpora::Style::Mixed, 200_000, "app.log", "app.labels.jsonl"),
        (cnpii_corpora::Style::FreeText, 40_000, "posts.txt", "posts.labels.jsonl"),
    ] {
        let c = cnpii_corpora::generate(style, 20261122, bytes);
        let text = std::fs::read(dir.join(name)).expect("sample");
        assert!(text == c.text, "sample/{name} differs from the generator's output: regenerate it");
        let j = std::fs::read_to_string(dir.join(labels)).expect("labels");
        assert_eq!(j, c.labels_jsonl(&format!("corpora/sample/{name}")), "sample/{labels}");
        assert!(text.len() < 1 << 20);
    }
}
