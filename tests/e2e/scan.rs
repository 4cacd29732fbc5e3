use crate::util::{json_lines, Dir, SAMPLE};

#[test]
fn json_follows_the_contract() {
    let dir = Dir::new();
    dir.create("app.log", SAMPLE);
    let out = dir
        .cmd()
        .args(["scan", "--json", "app.log"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    let (last, findings) = lines.split_last().unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["bytes"], SAMPLE.len());
    assert_eq!(last["findings"]["phone"], 1);
    assert!(last["elapsed_ms"].is_u64());
    let got: Vec<(String, &str, u64)> = findings
        .iter()
        .map(|f| {
            assert_eq!(f["type"], "finding");
            assert_eq!(f["path"], "app.log");
            let (s, e) =
                (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
            (f["kind"].as_str().unwrap().to_string(), &SAMPLE[s..e], f["line"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("phone".into(), "13812345678", 1),
            ("id_card".into(), "11010519491231002X", 1),
            ("email".into(), "li.si@example.com", 3),
            ("bank_card".into(), "4111111111111111", 3),
        ]
    );
}

#[test]
fn stdin_is_dash_and_exit_codes_follow_grep() {
    let dir = Dir::new();
    let out = dir
        .cmd()
        .args(["scan", "--json"])
        .write_stdin(SAMPLE)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_lines(&out)[0]["path"], "-");
    dir.cmd().args(["scan"]).write_stdin("nothing to see, uid=13812345678\n").assert().code(1);
    dir.cmd().args(["scan", "missing.log"]).assert().code(2);
    dir.cmd().args(["scan", "--kinds", "nonsense"]).assert().code(2);
}

#[test]
fn human_output_masks_unless_asked() {
    let dir = Dir::new();
    dir.create("a.log", SAMPLE);
    let out =
        dir.cmd().args(["scan", "--show", "a.log"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("138****5678") && !text.contains("13812345678"), "{text}");
    assert!(text.contains("a.log: 4 findings"), "{text}");
    let raw = dir
        .cmd()
        .args(["scan", "--show", "--show-values", "a.log"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(raw).unwrap().contains("13812345678"));
}

#[test]
fn kinds_filter_and_directories() {
    let dir = Dir::new();
    dir.create("logs/a.log", SAMPLE);
    dir.create("logs/sub/b.log", "手机 13912345678\n");
    let out = dir
        .cmd()
        .args(["scan", "--json", "--kinds", "phone", "logs"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    let kinds: Vec<&str> = lines.iter().filter_map(|l| l["kind"].as_str()).collect();
    assert_eq!(kinds, vec!["phone", "phone"]);
    let paths: Vec<&str> = lines.iter().filter_map(|l| l["path"].as_str()).collect();
    assert!(paths[0].ends_with("a.log") && paths[1].ends_with("b.log"), "{paths:?}");
    let summary = lines.last().unwrap();
    assert!(summary["findings"].get("id_card").is_none());
}

#[test]
fn a_missing_file_does_not_stop_the_others() {
    let dir = Dir::new();
    dir.create("a.log", SAMPLE);
    let a = dir.cmd().args(["scan", "--json", "missing.log", "a.log"]).assert().code(2);
    let out = a.get_output();
    assert_eq!(json_lines(&out.stdout).last().unwrap()["findings"]["phone"], 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.log"), "{err}");
}
