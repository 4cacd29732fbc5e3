//! README.md's examples are the tool's real output (issue 15, the newcomer's path): every
//! `$ ` command in a ```text block whose input is self-contained — text piped in with `echo`,
//! `cnpii check`, or the samples shipped in `corpora/sample/` — is run with `sh` from the
//! repository's root, `cnpii` being the binary under test, and its output must be the lines
//! README shows after it (up to the next `$ ` line or the end of the block). Only the value of
//! `"elapsed_ms"`, a time, may differ. Commands that need files or keys README does not give
//! (`in.log`, `team.key`) are not run.

use std::path::Path;

const README: &str = include_str!("../../README.md");

/// The `$ ` examples of README's ```text blocks: (line number, command, output shown).
fn examples() -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut in_text = false;
    let mut current: Option<(usize, String, String)> = None;
    for (i, line) in README.lines().enumerate() {
        if line.starts_with("```") {
            out.extend(current.take());
            in_text = !in_text && line == "```text";
            continue;
        }
        if !in_text {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.extend(current.take());
            current = Some((i + 1, cmd.to_string(), String::new()));
        } else if let Some((_, _, shown)) = &mut current {
            shown.push_str(line);
            shown.push('\n');
        }
    }
    out
}

/// Whether README gives everything `cmd` needs.
fn self_contained(cmd: &str) -> bool {
    let first = cmd.split('|').next().unwrap_or("");
    cmd.starts_with("echo ")
        || cmd.starts_with("cnpii check ")
        || (cmd.starts_with("cnpii ")
            && first.contains("corpora/sample/")
            && !first.contains('>')
            && !first.contains("--key-file"))
}

/// `"elapsed_ms":N` with the number replaced: the one field that is a time.
fn without_times(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("\"elapsed_ms\":") {
        let (head, tail) = rest.split_at(at + "\"elapsed_ms\":".len());
        out.push_str(head);
        out.push('N');
        rest = tail.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

#[test]
fn readme_examples_are_real_output() {
    let bin = Path::new(env!("CARGO_BIN_EXE_cnpii"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for (line, cmd, shown) in examples() {
        if !self_contained(&cmd) {
            continue;
        }
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(&cmd)
            .current_dir(&root)
            .env("PATH", &path)
            .env_remove("CNPII_KEY")
            .output()
            .unwrap();
        let got = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            without_times(&got),
            without_times(&shown),
            "README.md line {line}: `{cmd}` prints something else (stderr: {})",
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    // The redaction example at the top, the hutool one, `check`, and the sample scans.
    assert!(ran >= 7, "only {ran} README examples ran");
}
