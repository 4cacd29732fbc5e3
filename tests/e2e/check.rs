use crate::util::Dir;

#[test]
fn explains_values() {
    let dir = Dir::new();
    let out = dir
        .cmd()
        .args(["check", "11010519491231002X"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("id_card: yes") && text.contains("1949-12-31"), "{text}");
    let out = dir
        .cmd()
        .args(["check", "110105194912310021"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("check character should be X"));
}
