//! Many files at once (issue 3): small files run side by side on a worker pool, large ones in
//! line; every output must be the bytes of a one-thread run, in input order, and the same as
//! running each file alone.

use crate::util::{json_lines, Dir};
use cnpii_corpora::{generate, Style};
use std::io::Write;
use std::path::Path;

/// Chunk size for these tests: files above 4 chunks (16 KiB) run in line.
const CHUNK: &str = "4096";

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A tree of small files of every style (some structured, one gzip, one zstd, one empty) and
/// two large ones; returns the paths in the order a directory walk gives them.
fn tree(dir: &Dir) -> Vec<String> {
    let mut names = Vec::new();
    for i in 0..36u64 {
        let style = Style::ALL[i as usize % Style::ALL.len()];
        let text = generate(style, 100 + i, 500 + 300 * i as usize).text;
        let name = match i {
            5 => format!("logs/sub/f{i:02}.log.gz"),
            9 => format!("logs/f{i:02}.log.zst"),
            13 => format!("logs/f{i:02}.jsonl"),
            _ if i % 7 == 0 => format!("logs/sub/f{i:02}.log"),
            _ => format!("logs/f{i:02}.log"),
        };
        let bytes = match i {
            5 => gzip(&text),
            9 => zstd::encode_all(&text[..], 3).unwrap(),
            _ => text,
        };
        dir.create(&name, bytes);
        names.push(name);
    }
    dir.create("logs/empty.log", "");
    names.push("logs/empty.log".into());
    for (i, size) in [(0u64, 60_000), (1, 200_000)] {
        let name = format!("logs/big{i}.log");
        dir.create(&name, generate(Style::Mixed, 7 + i, size).text);
        names.push(name);
    }
    names.sort();
    names
}

/// The JSON Lines output without the summary's `elapsed_ms`, which is a time.
fn without_elapsed(out: &[u8]) -> String {
    let text = String::from_utf8(out.to_vec()).unwrap();
    let cut = text.rfind(r#","elapsed_ms":"#).expect("a summary line");
    text[..cut].to_string()
}

fn stdout(dir: &Dir, args: &[&str], code: i32) -> Vec<u8> {
    dir.cmd().args(args).assert().code(code).get_output().stdout.clone()
}

fn stderr(dir: &Dir, args: &[&str], code: i32) -> String {
    String::from_utf8(dir.cmd().args(args).assert().code(code).get_output().stderr.clone()).unwrap()
}

#[test]
fn scan_is_the_same_at_every_thread_count_and_file_by_file() {
    let dir = Dir::new();
    let names = tree(&dir);
    let scan =
        |j: &str| stdout(&dir, &["scan", "--json", "-j", j, "--chunk-size", CHUNK, "logs"], 0);
    let one = scan("1");
    for j in ["2", "4", "7"] {
        assert_eq!(without_elapsed(&scan(j)), without_elapsed(&one), "-j {j}");
    }
    // The same findings, in the same order, as scanning each file alone.
    let mut alone = Vec::new();
    let (mut bytes, mut count) = (0, 0);
    for n in &names {
        let out = dir.cmd().args(["scan", "--json", "--chunk-size", CHUNK, n]).assert();
        let lines = json_lines(&out.get_output().stdout);
        let (summary, findings) = lines.split_last().unwrap();
        bytes += summary["bytes"].as_u64().unwrap();
        count += summary["findings"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum::<u64>();
        alone.extend(findings.iter().cloned());
    }
    let lines = json_lines(&one);
    let (summary, findings) = lines.split_last().unwrap();
    assert!(findings.len() > 100, "the tree has findings to compare");
    assert_eq!(findings, &alone[..]);
    assert_eq!(summary["bytes"].as_u64().unwrap(), bytes);
    let total: u64 =
        summary["findings"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(total, count);
    // The report and --show, too.
    for args in [&["scan"][..], &["scan", "--show"]] {
        let run = |j: &str| {
            let mut a = args.to_vec();
            a.extend(["-j", j, "--chunk-size", CHUNK, "logs"]);
            stdout(&dir, &a, 0)
        };
        let one = run("1");
        assert_eq!(run("4"), one, "{args:?}");
        let text = String::from_utf8(one).unwrap();
        let counts = text.lines().filter(|l| l.contains(" findings (")).count();
        assert_eq!(counts, names.len(), "one count line per file");
        assert!(text.contains("logs/empty.log: no findings (0 bytes)\n"));
    }
}

fn read_tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap().display().to_string();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn redact_is_the_same_at_every_thread_count_and_file_by_file() {
    let dir = Dir::new();
    let names = tree(&dir);
    let key = dir.create("k.key", "0123456789abcdef0123456789abcdef");
    drop(key);
    let base = ["redact", "--policy", "pseudonymize", "--key-file", "k.key", "--chunk-size", CHUNK];
    let run = |j: &str, extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend(["-j", j]);
        a.extend(extra);
        stdout(&dir, &a, 0)
    };
    // To stdout: the concatenation of each file redacted alone, at any thread count.
    let one = run("1", &["--audit", "audit1.jsonl", "--token-map", "tokens1.tsv", "logs"]);
    let four = run("4", &["--audit", "audit4.jsonl", "--token-map", "tokens4.tsv", "logs"]);
    assert!(one == four, "stdout differs between -j1 and -j4");
    let mut alone = Vec::new();
    for n in &names {
        alone.extend(run("1", &[n]));
    }
    assert!(one == alone, "stdout differs from redacting each file alone");
    for f in ["audit", "tokens"] {
        let ext = if f == "audit" { "jsonl" } else { "tsv" };
        let a = std::fs::read(dir.path().join(format!("{f}1.{ext}"))).unwrap();
        let b = std::fs::read(dir.path().join(format!("{f}4.{ext}"))).unwrap();
        assert!(a.len() > 100 && a == b, "{f} differs between -j1 and -j4");
    }
    // Under --out-dir: one file each, the same trees.
    run("1", &["--out-dir", "out1", "logs"]);
    run("4", &["--out-dir", "out4", "logs"]);
    let (t1, t4) = (read_tree(&dir.path().join("out1")), read_tree(&dir.path().join("out4")));
    assert_eq!(t1.len(), names.len());
    assert!(t1 == t4, "--out-dir trees differ between -j1 and -j4");
    // --in-place on a copy: the same bytes again.
    for (rel, _) in &t1 {
        let from = dir.path().join("logs").join(rel);
        let to = dir.path().join("inplace").join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    }
    run("4", &["--in-place", "inplace"]);
    assert!(read_tree(&dir.path().join("inplace")) == t1, "--in-place differs from --out-dir");
}

#[test]
fn an_error_in_one_file_among_many() {
    let dir = Dir::new();
    let names = tree(&dir);
    // A truncated gzip file in the middle of the walk, and a binary file.
    let mut gz = gzip(&generate(Style::AppLog, 1, 3000).text);
    gz.truncate(gz.len() / 2);
    dir.create("logs/f20-bad.log.gz", gz);
    dir.create("logs/f21-blob.bin", b"\x00\x01ELF 13812345678\n");
    let scan = |j: &str| {
        let a = dir
            .cmd()
            .args(["scan", "--json", "-j", j, "--chunk-size", CHUNK, "logs"])
            .assert()
            .code(2);
        let o = a.get_output();
        (without_elapsed(&o.stdout), String::from_utf8(o.stderr.clone()).unwrap())
    };
    let (out1, err1) = scan("1");
    let (out4, err4) = scan("4");
    assert_eq!(out4, out1);
    // The same messages in the same order: the bad file named, the binary one skipped.
    assert_eq!(err4, err1);
    assert!(
        err1.contains("f20-bad.log.gz") && err1.contains("f21-blob.bin: binary file, skipped"),
        "{err1}"
    );
    assert!(!err1.contains("panicked"), "{err1}");
    // Every other file was scanned.
    let paths: std::collections::BTreeSet<String> =
        json_lines(&stdout(&dir, &["scan", "--json", "-j", "4", "--chunk-size", CHUNK, "logs"], 2))
            .iter()
            .filter_map(|l| l["path"].as_str().map(str::to_string))
            .collect();
    let with_findings: usize = names
        .iter()
        .filter(|n| {
            dir.cmd()
                .args(["scan", "--chunk-size", CHUNK, n.as_str()])
                .assert()
                .get_output()
                .status
                .code()
                == Some(0)
        })
        .count();
    assert_eq!(paths.len(), with_findings);
    // --out-dir: every good file written, the bad one reported and not written.
    let err =
        stderr(&dir, &["redact", "-j", "4", "--chunk-size", CHUNK, "--out-dir", "out", "logs"], 2);
    assert!(err.contains("f20-bad.log.gz"), "{err}");
    let written = read_tree(&dir.path().join("out"));
    assert_eq!(written.len(), names.len());
    assert!(written.iter().all(|(rel, _)| !rel.contains("bad") && !rel.contains("blob")));
    // To stdout: the run stops at the first bad file, after the files before it, as with one
    // thread.
    let run = |j: &str| {
        let a = dir.cmd().args(["redact", "-j", j, "--chunk-size", CHUNK, "logs"]).assert().code(2);
        let o = a.get_output();
        (o.stdout.clone(), String::from_utf8(o.stderr.clone()).unwrap())
    };
    let (one, e1) = run("1");
    let (four, e4) = run("4");
    assert!(one == four, "stdout differs between -j1 and -j4");
    assert_eq!(e1, e4);
    assert!(e1.contains("while redacting logs/f20-bad.log.gz"), "{e1}");
    let mut before = Vec::new();
    for n in names.iter().filter(|n| n.as_str() < "logs/f20-bad.log.gz") {
        before.extend(stdout(&dir, &["redact", "--chunk-size", CHUNK, n], 0));
    }
    assert!(four.starts_with(&before), "the files before the bad one come out whole");
}

#[test]
fn out_dir_onto_the_inputs_is_refused_for_each_file() {
    let dir = Dir::new();
    let names = tree(&dir);
    let before = read_tree(&dir.path().join("logs"));
    let err =
        stderr(&dir, &["redact", "-j", "4", "--chunk-size", CHUNK, "--out-dir", "logs", "logs"], 2);
    assert_eq!(err.matches("refusing to write over the input").count(), names.len(), "{err}");
    assert!(read_tree(&dir.path().join("logs")) == before, "no input was touched");
}
