//! Exact round trips through `redact --policy tokenize` and `detokenize` (issue 15, items 8,
//! 9, 10, 12, 13, 14): every value comes back byte for byte, a token map belongs to one key,
//! and a value the tokenizer has no main scheme for never stops the run.

use crate::util::Dir;

const KEY: &str = "an example key for tests only, never for data\n";
const OTHER_KEY: &str = "another example key for tests only, never for data\n";

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stderr.clone()).unwrap()
}

/// A CSV export whose hinted columns hold values no detector confirms: an ID with a region
/// not in the table, IDs with a lower-case and a full-width check `x`, cards with a wrong
/// Luhn digit. All synthetic.
const EXPORT: &str = "id,id_no,card_no,mobile\n\
    1,99010519491231002X,6222020200001234560,13812345678\n\
    2,11010519491231002x,6222020200001234567,１３８１２３４５６７８\n\
    3,１１０１０５１９４９１２３１００２ｘ,4111111111111112,14012345678\n";

fn tokenize(dir: &Dir, input: &str, output: &str, key: &str) -> assert_cmd::assert::Assert {
    dir.cmd()
        .args(["redact", "--policy", "tokenize", "--key-file", key, "--token-map", "map.tsv"])
        .args([input, "-o", output])
        .assert()
}

fn detokenize(dir: &Dir, input: &str, key: &str) -> assert_cmd::assert::Assert {
    dir.cmd().args(["detokenize", "--key-file", key, "--token-map", "map.tsv", input]).assert()
}

/// Item 8: a hinted value the ID scheme cannot take (region not in the table) no longer
/// aborts the file; it gets a fallback token that comes back.
#[test]
fn issue_15_item_8_csv_with_unmappable_hint_values_is_tokenised_not_aborted() {
    let dir = Dir::new();
    dir.create("k.key", KEY);
    dir.create("in.csv", EXPORT);
    tokenize(&dir, "in.csv", "tok.csv", "k.key").success();
    let tok = std::fs::read_to_string(dir.path().join("tok.csv")).unwrap();
    assert!(!tok.contains("99010519491231002X") && !tok.contains("13812345678"), "{tok}");
    assert_eq!(tok.lines().count(), 4);
    assert_eq!(stdout(&detokenize(&dir, "tok.csv", "k.key").success()), EXPORT);
}

/// Item 9: the case and width of a check `x` come back.
#[test]
fn issue_15_item_9_lower_case_and_full_width_x_come_back() {
    let dir = Dir::new();
    dir.create("k.key", KEY);
    let text = "身份证 11010519491231002x 和 １１０１０５１９４９１２３１００２ｘ 还有 11010519491231002X\n";
    dir.create("in.log", text);
    tokenize(&dir, "in.log", "tok.log", "k.key").success();
    let tok = std::fs::read_to_string(dir.path().join("tok.log")).unwrap();
    assert!(tok.contains("x 和") && tok.contains("ｘ 还有") && tok.ends_with("X\n"), "{tok}");
    assert_eq!(stdout(&detokenize(&dir, "tok.log", "k.key").success()), text);
    let all = dir.cmd().args(["detokenize", "--key-file", "k.key", "--all", "tok.log"]).assert();
    assert_eq!(stdout(&all.success()), text);
}

/// Item 10: a card whose Luhn digit is wrong (reported by the `card_no` column) gets a token
/// that is wrong by the same amount, and comes back as itself, not as a valid neighbour.
#[test]
fn issue_15_item_10_wrong_luhn_cards_come_back_exactly() {
    let dir = Dir::new();
    dir.create("k.key", KEY);
    let csv = "card_no\n6222020200001234560\n6222020200001234567\n";
    dir.create("in.csv", csv);
    tokenize(&dir, "in.csv", "tok.csv", "k.key").success();
    let tok = std::fs::read_to_string(dir.path().join("tok.csv")).unwrap();
    assert_ne!(tok, csv);
    assert_eq!(stdout(&detokenize(&dir, "tok.csv", "k.key").success()), csv);
}

/// Item 12: the token map records the key's fingerprint; detokenize refuses another key.
#[test]
fn issue_15_item_12_detokenize_refuses_another_key() {
    let dir = Dir::new();
    dir.create("k.key", KEY);
    dir.create("other.key", OTHER_KEY);
    dir.create("in.log", "手机 13812345678\n");
    tokenize(&dir, "in.log", "tok.log", "k.key").success();
    let map = std::fs::read_to_string(dir.path().join("map.tsv")).unwrap();
    assert!(map.contains("# key-fingerprint: "), "{map}");
    assert!(!map.contains("an example key"), "{map}");
    let a = detokenize(&dir, "tok.log", "other.key").code(2);
    assert!(stdout(&a).is_empty());
    let e = stderr(&a);
    assert!(e.contains("another key") && !e.contains("an example"), "{e}");
    assert_eq!(stdout(&detokenize(&dir, "tok.log", "k.key").success()), "手机 13812345678\n");
}

/// Item 13: a second run with the same key adds to the token map (no duplicates); another
/// key's run is refused and the map is left as it was.
#[test]
fn issue_15_item_13_token_map_is_extended_not_overwritten() {
    let dir = Dir::new();
    dir.create("k.key", KEY);
    dir.create("other.key", OTHER_KEY);
    dir.create("a.log", "手机 13812345678\n");
    dir.create("b.log", "手机 13812345678 和 13912345678\n");
    tokenize(&dir, "a.log", "ta.log", "k.key").success();
    tokenize(&dir, "b.log", "tb.log", "k.key").success();
    let map = std::fs::read_to_string(dir.path().join("map.tsv")).unwrap();
    assert_eq!(map.lines().filter(|l| l.starts_with("phone\t")).count(), 2, "{map}");
    // The first run's tokens still restore with the extended map.
    for (tok, orig) in [("ta.log", "a.log"), ("tb.log", "b.log")] {
        let want = std::fs::read_to_string(dir.path().join(orig)).unwrap();
        assert_eq!(stdout(&detokenize(&dir, tok, "k.key").success()), want);
    }
    let a = tokenize(&dir, "a.log", "tc.log", "other.key").code(2);
    assert!(stderr(&a).contains("another key"), "{}", stderr(&a));
    assert_eq!(std::fs::read_to_string(dir.path().join("map.tsv")).unwrap(), map);
    assert!(!dir.path().join("tc.log").exists());
}

/// Item 14: names get a reversible token that is a name again (compound surnames and `·`
/// names too) and comes back through a CSV export; addresses are still hashed.
#[test]
fn issue_15_item_14_names_round_trip_through_a_csv_export() {
    let dir = Dir::new();
    dir.create("k.key", KEY);
    let csv = "id,real_name,mobile\n1,张伟,13812345678\n2,欧阳娜娜,13912345678\n\
               3,阿依古丽·买买提,13712345678\n4,陈磊静,13612345678\n";
    dir.create("in.csv", csv);
    tokenize(&dir, "in.csv", "tok.csv", "k.key").success();
    let tok = std::fs::read_to_string(dir.path().join("tok.csv")).unwrap();
    for name in ["张伟", "欧阳娜娜", "阿依古丽", "买买提", "陈磊静"] {
        assert!(!tok.contains(name), "{tok}");
    }
    // Each token is a name again: Han characters, the same length, `·` kept.
    let names: Vec<&str> = tok.lines().skip(1).map(|l| l.split(',').nth(1).unwrap()).collect();
    for (t, n) in names.iter().zip(["张伟", "欧阳娜娜", "阿依古丽·买买提", "陈磊静"])
    {
        assert_eq!(t.chars().count(), n.chars().count(), "{t}");
        assert_eq!(t.contains('·'), n.contains('·'), "{t}");
    }
    assert_eq!(stdout(&detokenize(&dir, "tok.csv", "k.key").success()), csv);
}
