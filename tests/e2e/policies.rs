//! Policies end to end: presets, keyed policies, keys from a file or `CNPII_KEY`, config
//! errors, `--audit`, `--token-map` and `detokenize` (issue #4).

use crate::util::{json_lines, Dir, SAMPLE};

const KEY: &str = "an example key for tests only, never for data\n";

fn out(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

#[test]
fn mask_presets() {
    let dir = Dir::new();
    let run = |p: &str| {
        out(&dir
            .cmd()
            .args(["redact", "--policy", p])
            .write_stdin("手机 13812345678 卡 6222 0202 0000 1234 562\n")
            .assert()
            .success())
    };
    assert_eq!(run("hutool"), "手机 138****5678 卡 6222 **** **** ***4 562\n");
    assert_eq!(run("bank"), "手机 138****5678 卡 **** **** **** ***4 562\n");
    assert_eq!(run("strict"), "手机 *********** 卡 **** **** **** **** ***\n");
}

#[test]
fn keyed_policies_refuse_to_run_without_a_key() {
    let dir = Dir::new();
    for p in ["hash", "tokenize", "fake", "pseudonymize"] {
        let a = dir
            .cmd()
            .env_remove("CNPII_KEY")
            .args(["redact", "--policy", p])
            .write_stdin(SAMPLE)
            .assert()
            .code(2);
        let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
        assert!(err.contains("needs a key") && err.contains("CNPII_KEY"), "{p}: {err}");
        assert!(a.get_output().stdout.is_empty());
    }
    // A short key is refused, and never echoed.
    dir.create("short.key", "hunter2\n");
    let a = dir
        .cmd()
        .args(["redact", "--policy", "hash", "--key-file", "short.key"])
        .write_stdin(SAMPLE)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(err.contains("too short") && !err.contains("hunter2"), "{err}");
}

#[test]
fn key_file_and_env_agree_and_output_is_deterministic() {
    let dir = Dir::new();
    dir.create("k.key", KEY);
    let by_file = out(&dir
        .cmd()
        .env_remove("CNPII_KEY")
        .args(["redact", "--policy", "tokenize", "--key-file", "k.key"])
        .write_stdin(SAMPLE)
        .assert()
        .success());
    let by_env = out(&dir
        .cmd()
        .env("CNPII_KEY", KEY.trim_end())
        .args(["redact", "--policy", "tokenize"])
        .write_stdin(SAMPLE)
        .assert()
        .success());
    assert_eq!(by_file, by_env);
    assert!(!by_file.contains("13812345678") && !by_file.contains("11010519491231002X"));
    // Bytes outside findings are unchanged.
    assert!(
        by_file.contains("uid=13900001111 ok\r\n")
            && by_file.contains("订单 20240305123045123456 ")
    );
    // Chunk size and thread count change nothing.
    for chunk in ["7", "64", "4096"] {
        for threads in ["1", "2"] {
            let o = out(&dir
                .cmd()
                .env("CNPII_KEY", KEY.trim_end())
                .args([
                    "redact",
                    "--policy",
                    "tokenize",
                    "--chunk-size",
                    chunk,
                    "--threads",
                    threads,
                ])
                .write_stdin(SAMPLE.repeat(50))
                .assert()
                .success());
            assert_eq!(o, by_file.repeat(50), "chunk {chunk} threads {threads}");
        }
    }
}

#[test]
fn token_map_and_detokenize_restore_exactly_the_tokens() {
    let dir = Dir::new();
    dir.create("k.key", KEY);
    // A real phone number that is *not* a token sits in the tokenised file later on.
    dir.create("in.log", SAMPLE);
    dir.cmd()
        .args([
            "redact",
            "--policy",
            "tokenize",
            "--key-file",
            "k.key",
            "--token-map",
            "map.tsv",
            "--audit",
            "audit.jsonl",
            "in.log",
            "-o",
            "tok.log",
        ])
        .assert()
        .success();
    let tok = std::fs::read_to_string(dir.path().join("tok.log")).unwrap();
    let mixed = format!("{tok}新来的 13912345678\n");
    dir.create("mixed.log", &mixed);
    let back = out(&dir
        .cmd()
        .args(["detokenize", "--key-file", "k.key", "--token-map", "map.tsv", "mixed.log"])
        .assert()
        .success());
    assert_eq!(back, format!("{SAMPLE}新来的 13912345678\n"));
    // Without a token map, --all is required.
    dir.cmd().args(["detokenize", "--key-file", "k.key", "mixed.log"]).assert().code(2);
    let all = out(&dir
        .cmd()
        .args(["detokenize", "--key-file", "k.key", "--all", "tok.log"])
        .assert()
        .success());
    assert_eq!(all, SAMPLE);
    // The audit names kinds, offsets and the policy, never a value.
    let audit = std::fs::read_to_string(dir.path().join("audit.jsonl")).unwrap();
    assert!(!audit.contains("13812345678") && !audit.contains("li.si"));
    let lines = json_lines(audit.as_bytes());
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["kind"], "phone");
    assert_eq!(lines[0]["policy"], "tokenize");
    assert_eq!(lines[0]["start"], SAMPLE.find("13812345678").unwrap() as u64);
}

#[test]
fn csv_exports_join_on_tokenised_ids() {
    let dir = Dir::new();
    dir.create("k.key", KEY);
    dir.create("users.csv", "user,身份证\n1,11010519491231002X\n2,440305199001010011\n");
    dir.create(
        "orders.csv",
        "order,id_card,amount\nA7,440305199001010011,12.50\nA8,11010519491231002X,3.00\n",
    );
    for f in ["users.csv", "orders.csv"] {
        dir.cmd()
            .args([
                "redact",
                "--policy",
                "pseudonymize",
                "--key-file",
                "k.key",
                f,
                "-o",
                &format!("p_{f}"),
            ])
            .assert()
            .success();
    }
    let users = std::fs::read_to_string(dir.path().join("p_users.csv")).unwrap();
    let orders = std::fs::read_to_string(dir.path().join("p_orders.csv")).unwrap();
    let id_of = |line: &str, col: usize| line.split(',').nth(col).unwrap().to_string();
    let u: Vec<&str> = users.lines().skip(1).collect();
    let o: Vec<&str> = orders.lines().skip(1).collect();
    assert_eq!(id_of(u[0], 1), id_of(o[1], 1));
    assert_eq!(id_of(u[1], 1), id_of(o[0], 1));
    assert_ne!(id_of(u[0], 1), "11010519491231002X");
    // The tokens are IDs in their own right.
    let scan = json_lines(
        &dir.cmd().args(["scan", "--json", "p_users.csv"]).assert().success().get_output().stdout,
    );
    assert_eq!(scan[0]["kind"], "id_card");
}

#[test]
fn config_file_with_options_and_errors_naming_the_line() {
    let dir = Dir::new();
    dir.create("k.key", KEY);
    dir.create(
        "cnpii.toml",
        "preset = \"hutool\"\n\n[kinds.id_card]\npolicy = \"tokenize\"\nkeep = [\"region\", \"birth_year\"]\n\n[kinds.email]\npolicy = \"hash\"\nlength = 12\nprefix = \"h_\"\n\n[kinds.phone]\npolicy = \"placeholder\"\ntemplate = \"[{label}]\"\n",
    );
    let o = out(&dir
        .cmd()
        .args(["redact", "--config", "cnpii.toml", "--key-file", "k.key"])
        .write_stdin(SAMPLE)
        .assert()
        .success());
    assert!(o.contains("收件人手机 [电话号码]"), "{o}");
    let id = &o[o.find("身份证 ").unwrap() + "身份证 ".len()..][..18];
    assert!(id.starts_with("1101051949") && id != "11010519491231002X", "{id}");
    assert!(o.contains("邮箱 h_") && !o.contains("li.si"), "{o}");
    assert!(o.contains("卡号 4111********1111"), "hutool card rule: {o}");
    // Errors name the file and the line.
    for (text, line, what) in [
        ("[kinds.phone]\npolicy = \"mask\"\nfrist = 3\n", 3, "unknown field"),
        ("[kinds.phone]\npolicy = \"scramble\"\n", 2, "unknown variant"),
        ("[kinds.fone]\npolicy = \"mask\"\n", 1, "unknown variant"),
        // At the option itself, not at the table (issue 15 item 19).
        ("[kinds.phone]\npolicy = \"mask\"\nlength = 3\n", 3, "does not apply"),
        ("\n[kinds.email]\npolicy = \"hash\"\nlength = 3\n", 2, "8 to 64"),
    ] {
        dir.create("bad.toml", text);
        let a = dir
            .cmd()
            .args(["redact", "--config", "bad.toml", "--key-file", "k.key"])
            .write_stdin(SAMPLE)
            .assert()
            .code(2);
        let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
        assert!(
            err.contains(&format!("bad.toml: line {line}")) && err.contains(what),
            "{text:?}: {err}"
        );
    }
}
