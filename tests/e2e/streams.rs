//! Compressed inputs and outputs, directory filters, thread counts.

use crate::util::{json_lines, Dir, SAMPLE};
use std::io::Write;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn findings(out: &[u8]) -> Vec<(String, u64, u64)> {
    json_lines(out)
        .iter()
        .filter(|l| l["type"] == "finding")
        .map(|l| {
            (
                l["kind"].as_str().unwrap().to_string(),
                l["start"].as_u64().unwrap(),
                l["end"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn gzip_and_zstd_inputs_report_decompressed_offsets() {
    let dir = Dir::new();
    dir.create("a.log", SAMPLE);
    dir.create("a.log.gz", gzip(SAMPLE.as_bytes()));
    dir.create("a.log.zst", zstd::encode_all(SAMPLE.as_bytes(), 3).unwrap());
    let plain =
        dir.cmd().args(["scan", "--json", "a.log"]).assert().success().get_output().stdout.clone();
    for f in ["a.log.gz", "a.log.zst"] {
        let out =
            dir.cmd().args(["scan", "--json", f]).assert().success().get_output().stdout.clone();
        assert_eq!(findings(&out), findings(&plain), "{f}");
    }
    // Stdin is sniffed by its magic bytes.
    let out = dir
        .cmd()
        .args(["scan", "--json"])
        .write_stdin(gzip(SAMPLE.as_bytes()))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(findings(&out), findings(&plain));
    // A multi-member gzip file (cat a.gz b.gz) is read to its end.
    let mut two = gzip(b"first 13812345678\n");
    two.extend(gzip(b"second 13912345678\n"));
    let out =
        dir.cmd().args(["redact"]).write_stdin(two).assert().success().get_output().stdout.clone();
    assert_eq!(out, b"first 138****5678\nsecond 139****5678\n");
}

#[test]
fn output_compression_follows_the_file_name() {
    let dir = Dir::new();
    dir.create("a.log", SAMPLE);
    dir.cmd().args(["redact", "a.log", "-o", "b.log.gz"]).assert().success();
    let gz = std::fs::read(dir.path().join("b.log.gz")).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut text).unwrap();
    assert!(text.contains("138****5678") && !text.contains("13812345678"));
    dir.cmd().args(["redact", "a.log", "-o", "c.log.zst"]).assert().success();
    let zst = zstd::decode_all(&std::fs::read(dir.path().join("c.log.zst")).unwrap()[..]).unwrap();
    assert_eq!(String::from_utf8(zst).unwrap(), text);
}

#[test]
fn corrupt_compressed_input_is_an_error() {
    let dir = Dir::new();
    let mut gz = gzip(SAMPLE.as_bytes());
    gz.truncate(gz.len() / 2);
    dir.create("bad.log.gz", gz);
    let a = dir.cmd().args(["redact", "bad.log.gz", "-o", "out.log"]).assert().code(2);
    assert!(!String::from_utf8_lossy(&a.get_output().stderr).contains("panicked"));
    assert!(!dir.path().join("out.log").exists(), "no half-written output");
}

#[test]
fn globs_filter_directory_walks() {
    let dir = Dir::new();
    dir.create("logs/a.log", "手机 13812345678\n");
    dir.create("logs/b.txt", "手机 13912345678\n");
    dir.create("logs/sub/c.log", "手机 13712345678\n");
    let run = |args: &[&str]| {
        let out = dir.cmd().args(args).assert().get_output().stdout.clone();
        let mut paths: Vec<String> = json_lines(&out)
            .iter()
            .filter_map(|l| l["path"].as_str().map(|p| p.rsplit('/').next().unwrap().to_string()))
            .collect();
        paths.dedup();
        paths
    };
    assert_eq!(run(&["scan", "--json", "-g", "*.log", "logs"]), vec!["a.log", "c.log"]);
    assert_eq!(run(&["scan", "--json", "-g", "!sub/**", "logs"]), vec!["a.log", "b.txt"]);
    dir.cmd().args(["scan", "-g", "[", "logs"]).assert().code(2);
}

#[test]
fn thread_counts_give_identical_output() {
    let dir = Dir::new();
    let big = SAMPLE.repeat(3000);
    dir.create("big.log", &big);
    let one = dir
        .cmd()
        .args(["redact", "-j", "1", "--chunk-size", "4096", "big.log"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let many = dir
        .cmd()
        .args(["redact", "-j", "4", "--chunk-size", "4096", "big.log"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(one == many);
    // The default masks keep the length of ASCII values, and every one was masked.
    assert_eq!(one.len(), big.len());
    assert!(!String::from_utf8_lossy(&one).contains("13812345678"));
    dir.cmd().args(["scan", "-j", "0", "big.log"]).assert().code(2);
}
