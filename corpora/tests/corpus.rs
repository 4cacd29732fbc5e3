//! Properties of generated corpora: determinism, label placement, label shapes, and that no
//! obvious personal value is left unlabelled.

use cnpii_corpora::check::{self, to_ascii};
use cnpii_corpora::gen::{self, neg};
use cnpii_corpora::{generate, kind, Corpus, Label, Rng, Style};

const SIZE: usize = 120_000;

fn corpora() -> Vec<(Style, Corpus)> {
    Style::ALL.iter().map(|&s| (s, generate(s, 20261122, SIZE))).collect()
}

#[test]
fn deterministic() {
    for style in Style::ALL {
        let a = generate(style, 7, 50_000);
        let b = generate(style, 7, 50_000);
        assert_eq!(a, b, "{style:?} not deterministic");
        let c = generate(style, 8, 50_000);
        assert_ne!(a.text, c.text, "{style:?}: seed has no effect");
    }
    let c = generate(Style::Mixed, 1, 10_000);
    assert!(c.text.len() >= 10_000 && c.text.len() < 11_000, "{}", c.text.len());
}

#[test]
fn styles_non_empty_whole_lines_utf8() {
    for (style, c) in corpora() {
        assert!(c.text.len() >= SIZE, "{style:?} too short: {}", c.text.len());
        assert!(c.text.len() < SIZE + (1 << 20), "{style:?} too long: {}", c.text.len());
        assert!(!c.labels.is_empty(), "{style:?} has no labels");
        assert_eq!(c.text.last(), Some(&b'\n'), "{style:?} does not end with a newline");
        assert!(std::str::from_utf8(&c.text).is_ok(), "{style:?} is not UTF-8");
    }
    assert!(generate(Style::Mixed, 1, 0).text.is_empty());
}

#[test]
fn labels_sorted_non_overlapping_on_boundaries() {
    for (style, c) in corpora() {
        let text = std::str::from_utf8(&c.text).expect("utf-8");
        let mut prev_end = 0;
        for l in &c.labels {
            assert!(l.start < l.end, "{style:?} empty label {l:?}");
            assert!(l.start >= prev_end, "{style:?} overlapping/unsorted at {l:?}");
            assert!(l.end <= c.text.len());
            assert!(text.is_char_boundary(l.start) && text.is_char_boundary(l.end), "{l:?}");
            assert!(kind::ALL.contains(&l.kind));
            prev_end = l.end;
        }
    }
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

#[test]
fn labels_not_glued() {
    for (style, c) in corpora() {
        check_not_glued(style, &c);
    }
}

fn check_not_glued(style: Style, c: &Corpus) {
    {
        let t = &c.text;
        for l in &c.labels {
            let v = c.value(l);
            if l.start > 0 {
                let p = t[l.start - 1];
                assert!(!is_alnum(p), "{style:?} {v:?} glued on the left");
                if p == b'.' && l.start >= 2 {
                    assert!(!is_alnum(t[l.start - 2]), "{style:?} {v:?} after <alnum>.");
                }
                if l.kind == kind::IP {
                    assert!(p != b':', "{style:?} {v:?} after ':'");
                }
            }
            if l.end < t.len() {
                let n = t[l.end];
                assert!(!is_alnum(n), "{style:?} {v:?} glued on the right");
                if matches!(n, b'.' | b'-' | b'@') && l.end + 1 < t.len() {
                    assert!(
                        !is_alnum(t[l.end + 1]),
                        "{style:?} {v:?} continues with {}",
                        n as char
                    );
                }
                if l.kind == kind::IP && v.contains(':') {
                    assert!(n != b':', "{style:?} IPv6 {v:?} followed by ':'");
                }
            }
        }
    }
}

// ───────────── shapes ─────────────

const PASSPORT_CUES: &[&str] = &[
    "护照号：",
    "passport=",
    "护照号码：",
    "passport_no=",
    "护照：",
    "港澳通行证：",
    "回乡证号：",
    "回乡证 ",
    "港澳通行证号码：",
    "台胞证：",
    "台湾居民来往大陆通行证：",
    "台胞证号码：",
];
const CARD_CUES: &[&str] = &["卡号：", "银行卡 ", "card_no=", "银行卡号：", "cardNo="];
const PHONE_KEYS: &[&str] = &["tel=", "电话：", "联系电话：", "phone=", "固定电话："];

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn mobile_ok(s: &str) -> bool {
    let d: String = if s.len() == 13 && (s.as_bytes()[3] == b' ' || s.as_bytes()[3] == b'-') {
        let sep = s.as_bytes()[3];
        if s.as_bytes()[8] != sep {
            return false;
        }
        s.chars().filter(|c| c.is_ascii_digit()).collect()
    } else {
        s.to_string()
    };
    d.len() == 11
        && all_digits(&d)
        && d.starts_with('1')
        && (b'3'..=b'9').contains(&d.as_bytes()[1])
}

fn subscriber_ok(s: &str) -> bool {
    let d: String = match s.split_once(' ') {
        Some((a, b)) if all_digits(a) && all_digits(b) => format!("{a}{b}"),
        Some(_) => return false,
        None => s.to_string(),
    };
    (7..=8).contains(&d.len()) && all_digits(&d) && (b'2'..=b'8').contains(&d.as_bytes()[0])
}

fn area_ok(a: &str) -> bool {
    (3..=4).contains(&a.len()) && all_digits(a) && a.starts_with('0')
}

fn landline_ok(s: &str, before: &str) -> bool {
    // strip an extension
    let mut main = s;
    for sep in ["转", " ext."] {
        if let Some((m, e)) = s.split_once(sep) {
            if !all_digits(e) {
                return false;
            }
            main = m;
        }
    }
    if let Some(rest) = main.strip_prefix('(') {
        let Some((area, sub)) = rest.split_once(')') else { return false };
        let sub = match sub.split_once('-') {
            Some((x, e)) if all_digits(e) => x,
            Some(_) => return false,
            None => sub,
        };
        return area_ok(area) && subscriber_ok(sub);
    }
    if all_digits(main) {
        // contiguous: only directly after a phone key
        return PHONE_KEYS.iter().any(|k| before.ends_with(k))
            && main.starts_with('0')
            && (10..=12).contains(&main.len());
    }
    let parts: Vec<&str> = main.split(['-', ' ']).collect();
    match parts.as_slice() {
        [a, b] => area_ok(a) && subscriber_ok(b),
        [a, b, c] if main.contains(' ') && !main.contains('-') => {
            area_ok(a) && subscriber_ok(&format!("{b} {c}"))
        }
        [a, b, e] => area_ok(a) && subscriber_ok(b) && all_digits(e),
        _ => false,
    }
}

fn phone_ok(v: &str, before: &str) -> bool {
    let a = to_ascii(v);
    for p in ["+86 ", "+86", "0086 ", "86-"] {
        if let Some(rest) = a.strip_prefix(p) {
            return mobile_ok(rest);
        }
    }
    if mobile_ok(&a) {
        return true;
    }
    let d: String = a.chars().filter(|c| *c != '-').collect();
    if (a.starts_with("400") || a.starts_with("800"))
        && d.len() == 10
        && all_digits(&d)
        && (a.len() == 10 || a.len() == 12)
    {
        return true;
    }
    landline_ok(&a, before)
}

fn card_ok(v: &str, before: &str) -> bool {
    let sep = v.bytes().find(|b| *b == b' ' || *b == b'-');
    let d: String = v.chars().filter(|c| c.is_ascii_digit()).collect();
    if let Some(sep) = sep {
        // groups of 4, last group 1-4
        let groups: Vec<&str> = v.split(sep as char).collect();
        let (last, full) = groups.split_last().expect("non-empty");
        if !full.iter().all(|g| g.len() == 4) || last.is_empty() || last.len() > 4 {
            return false;
        }
    }
    let shape = (13..=19).contains(&d.len()) && all_digits(&d) && check::luhn_valid(&d);
    shape && (gen::known_card_prefix(&d) || CARD_CUES.iter().any(|c| before.ends_with(c)))
}

fn email_ok(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else { return false };
    let local_ok = !local.is_empty()
        && local.bytes().all(|b| b.is_ascii_alphanumeric() || b"._+-".contains(&b))
        && !local.starts_with('.')
        && !local.ends_with('.');
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && labels.last().is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_lowercase()));
    local_ok && domain_ok
}

fn passport_ok(v: &str, before: &str) -> bool {
    let b = v.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let cue_free = b.len() == 9
        && ((b[0] == b'E' || b[0] == b'G') && digits(&b[1..])
            || b[0] == b'E' && gen::PLATE_LETTERS.as_bytes().contains(&b[1]) && digits(&b[2..]));
    if cue_free {
        return true;
    }
    let cued = (b.len() == 9 && b"DSPHM".contains(&b[0]) && digits(&b[1..]))
        || (b.len() == 8 && digits(b));
    cued && PASSPORT_CUES.iter().any(|c| before.ends_with(c))
}

fn plate_ok(v: &str) -> bool {
    let mut chars = v.chars();
    let Some(p) = chars.next() else { return false };
    if !gen::plate_provinces().contains(&p.to_string().as_str()) {
        return false;
    }
    let Some(city) = chars.next() else { return false };
    if !gen::PLATE_LETTERS.contains(city) {
        return false;
    }
    let mut rest: String = chars.collect();
    if let Some(r) = rest.strip_prefix('·').or_else(|| rest.strip_prefix(' ')) {
        rest = r.to_string();
    }
    let serial_ok = |s: &str| s.chars().all(|c| gen::PLATE_SERIAL.contains(c));
    let ndig = |s: &str| s.bytes().filter(u8::is_ascii_digit).count();
    let n = rest.chars().count();
    if let Some(body) = rest.strip_suffix(['警', '学', '挂']) {
        return body.len() == 4 && serial_ok(body) && ndig(body) >= 3;
    }
    match n {
        5 => serial_ok(&rest) && ndig(&rest) >= 3,
        6 => {
            let b = rest.as_bytes();
            let small = (b[0] == b'D' || b[0] == b'F')
                && gen::PLATE_SERIAL.as_bytes().contains(&b[1])
                && all_digits(&rest[2..]);
            let large = all_digits(&rest[..5]) && (b[5] == b'D' || b[5] == b'F');
            small || large
        }
        _ => false,
    }
}

fn shape_ok(c: &Corpus, l: &Label) -> bool {
    let v = c.value(l);
    let from = l.start.saturating_sub(64);
    let before = String::from_utf8_lossy(&c.text[from..l.start]).into_owned();
    match l.kind {
        kind::ID_CARD => gen::id_like(v),
        kind::PHONE => phone_ok(v, &before),
        kind::BANK_CARD => card_ok(v, &before),
        kind::EMAIL => email_ok(v),
        kind::IP => {
            let ok = v.parse::<std::net::IpAddr>().is_ok();
            // IPv4 never with leading zeros
            ok && (v.contains(':') || v.split('.').all(|o| o == "0" || !o.starts_with('0')))
        }
        kind::PASSPORT => passport_ok(v, &before),
        kind::PLATE => plate_ok(v),
        kind::USCC => check::uscc_valid(v),
        kind::NAME => name_ok(v),
        kind::ADDRESS => address_ok(v),
        _ => false,
    }
}

fn han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Surname + 1–2 given characters (2–4 Han characters), or two transliterated parts around `·`.
fn name_ok(v: &str) -> bool {
    match v.split_once('·') {
        Some((a, b)) => [a, b].iter().all(|p| !p.is_empty() && p.chars().all(han)),
        None => (2..=4).contains(&v.chars().count()) && v.chars().all(han),
    }
}

/// Starts with a Han character, ends with a house-level component (a marker or a room number),
/// holds no breaker byte (`chunk.rs`) and fits in a detector's reach.
fn address_ok(v: &str) -> bool {
    let last = v.chars().last().unwrap_or(' ');
    v.chars().next().is_some_and(han)
        && ("号栋幢座元层楼室房户组".contains(last) || last.is_ascii_digit())
        && v.bytes().all(|b| !b.is_ascii() || b.is_ascii_alphanumeric() || b == b'-')
        && v.len() <= 320
}

#[test]
fn label_shapes() {
    for (style, c) in corpora() {
        check_shapes(style, &c);
    }
}

fn check_shapes(style: Style, c: &Corpus) {
    for l in &c.labels {
        assert!(shape_ok(c, l), "{style:?}: bad {} {:?}", l.kind, c.value(l));
    }
}

#[test]
fn every_kind_and_format_appears() {
    let c = generate(Style::Mixed, 20261122, 600_000);
    let vals =
        |k: &str| c.labels.iter().filter(|l| l.kind == k).map(|l| c.value(l)).collect::<Vec<_>>();
    for k in ["id_card", "phone", "bank_card", "email", "ip", "passport", "plate", "uscc"] {
        assert!(!vals(k).is_empty(), "no {k}");
    }
    let ids = vals(kind::ID_CARD);
    assert!(ids.iter().any(|v| v.len() == 15), "no 15-digit ID");
    assert!(ids.iter().any(|v| v.len() == 54), "no full-width ID");
    let phones = vals(kind::PHONE);
    for needle in ["+86", "0086 ", "86-", "（", "(", "转", " ext.", "400", "800"] {
        assert!(phones.iter().any(|v| v.contains(needle)), "no phone with {needle:?}");
    }
    assert!(phones.iter().any(|v| v.starts_with('\u{FF11}')), "no full-width mobile");
    let cards = vals(kind::BANK_CARD);
    assert!(cards.iter().any(|v| v.contains(' ')) && cards.iter().any(|v| v.contains('-')));
    assert!(vals(kind::IP).iter().any(|v| v.contains("::")));
    let plates = vals(kind::PLATE);
    assert!(plates.iter().any(|v| v.contains('·')));
    assert!(plates.iter().any(|v| v.chars().count() == 8 && !v.contains('·') && !v.contains(' ')));
    let text = String::from_utf8_lossy(&c.text);
    assert!(text.contains("\r\n"), "no CRLF line");
}

#[test]
fn density() {
    let per = |c: &Corpus| c.text.len() as f64 / c.labels.len() as f64;
    let mixed = generate(Style::Mixed, 20261122, 400_000);
    let m = per(&mixed);
    assert!((350.0..700.0).contains(&m), "Mixed: one value per {m:.0} bytes");
    let dump = generate(Style::MysqlDump, 20261122, 400_000);
    let d = per(&dump);
    assert!((25.0..65.0).contains(&d), "MysqlDump: one value per {d:.0} bytes");
    let app = generate(Style::AppLog, 20261122, 400_000);
    let digits =
        app.text.iter().filter(|b| b.is_ascii_digit()).count() as f64 / app.text.len() as f64;
    assert!((0.24..0.36).contains(&digits), "AppLog digits {digits:.3}");
}

#[test]
fn mysql_lines_and_quotes() {
    let c = generate(Style::MysqlDump, 3, 8 << 20);
    let text = std::str::from_utf8(&c.text).expect("utf-8");
    let mut inserts = 0;
    for line in text.lines() {
        if line.starts_with("INSERT INTO `") {
            inserts += 1;
            assert!(line.ends_with(");"), "unterminated INSERT");
            assert!(line.len() <= (1 << 20) + 4096, "INSERT line of {} bytes", line.len());
            // quotes balance once escapes are removed
            let mut in_str = false;
            let mut esc = false;
            for b in line.bytes() {
                if esc {
                    esc = false;
                } else if in_str && b == b'\\' {
                    esc = true;
                } else if b == b'\'' {
                    in_str = !in_str;
                }
            }
            assert!(!in_str, "unbalanced quotes");
        }
    }
    assert!(inserts >= 7);
    assert!(text.contains("\\'") && text.contains("\\\"") && text.contains("\\r\\n"));
    // several INSERT lines close to 1 MiB
    assert!(text.lines().any(|l| l.len() > 700 << 10));
}

#[test]
fn labels_jsonl_format() {
    let c = generate(Style::Mixed, 5, 30_000);
    let j = c.labels_jsonl("dir/app \"x\".log");
    let lines: Vec<&str> = j.lines().collect();
    assert_eq!(lines.len(), c.labels.len());
    for (line, l) in lines.iter().zip(&c.labels) {
        let want_line = c.text[..l.start].iter().filter(|&&b| b == b'\n').count() + 1;
        let want = format!(
            "{{\"type\":\"finding\",\"path\":\"dir/app \\\"x\\\".log\",\"kind\":\"{}\",\"start\":{},\"end\":{},\"line\":{want_line}}}",
            l.kind, l.start, l.end
        );
        assert_eq!(*line, want);
    }
}

// ───────────── nothing obvious left unlabelled ─────────────

fn covered(c: &Corpus, a: usize, b: usize) -> bool {
    let i = c.labels.partition_point(|l| l.end <= a);
    c.labels.get(i).is_some_and(|l| l.start < b)
}

fn before_str(t: &[u8], pos: usize) -> String {
    let from = pos.saturating_sub(24);
    String::from_utf8_lossy(&t[from..pos]).replace('\\', "")
}

const NEG_MOBILE_KEYS: &[&str] =
    &["uid=", "user_id=", "order_id=", "\"userId\":", "userId=", "\"uid\":"];
const NEG_SNOWFLAKE_KEYS: &[&str] = &["order_id=", "traceId=", "seq=", "orderId=", "\"order_id\":"];

/// Maximal ASCII digit runs that stand alone (not glued to letters, digits, or `<alnum>.`).
fn free_digit_runs(t: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if !t[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < t.len() && t[i].is_ascii_digit() {
            i += 1;
        }
        let glued_left = s > 0
            && (t[s - 1].is_ascii_alphabetic()
                || matches!(t[s - 1], b'.' | b'-' | b':' | b'/')
                || (t[s - 1] == b' ' && s >= 2 && t[s - 2].is_ascii_digit()));
        let glued_right = i < t.len()
            && (t[i].is_ascii_alphabetic() || matches!(t[i], b'.' | b'-' | b':' | b'@' | b'*'));
        if !glued_left && !glued_right {
            out.push((s, i));
        }
    }
    out
}

#[test]
fn no_obvious_value_left_unlabelled() {
    for (style, c) in corpora() {
        check_nothing_unlabelled(style, &c);
    }
}

/// Many seeds and sizes (slow: `cargo test -p cnpii-corpora --release -- --ignored`).
#[test]
#[ignore = "slow (40 seeds x 5 styles x 1 MiB, minutes in a debug build): cargo test -p cnpii-corpora --release -- --ignored"]
fn stress_many_seeds() {
    for seed in 0..40u64 {
        for style in Style::ALL {
            let c = generate(style, seed, 1 << 20);
            check_not_glued(style, &c);
            check_shapes(style, &c);
            check_nothing_unlabelled(style, &c);
        }
    }
}

fn check_nothing_unlabelled(style: Style, c: &Corpus) {
    {
        let t = &c.text;
        for (a, b) in free_digit_runs(t) {
            if covered(c, a, b) {
                continue;
            }
            let run = std::str::from_utf8(&t[a..b]).expect("ascii");
            let before = before_str(t, a);
            let n = run.len();
            let mobile =
                n == 11 && run.starts_with('1') && (b'3'..=b'9').contains(&run.as_bytes()[1]);
            if mobile {
                assert!(
                    NEG_MOBILE_KEYS.iter().any(|k| before.ends_with(k)),
                    "{style:?}: unlabelled mobile-like {run} after {before:?}"
                );
            }
            assert!(!gen::id_like(run), "{style:?}: unlabelled ID {run}");
            if gen::card_like(run) {
                assert!(
                    NEG_SNOWFLAKE_KEYS.iter().any(|k| before.ends_with(k)),
                    "{style:?}: unlabelled card-like {run} after {before:?}"
                );
            }
            if n == 10 && (run.starts_with("400") || run.starts_with("800")) {
                panic!("{style:?}: unlabelled service number {run}");
            }
            if run.starts_with('0') && (10..=12).contains(&n) {
                assert!(
                    !PHONE_KEYS.iter().any(|k| before.ends_with(k)),
                    "{style:?}: unlabelled landline {run}"
                );
            }
        }
        // dotted quads
        let text = String::from_utf8_lossy(t);
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit()
                || (i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.'))
            {
                i += 1;
                continue;
            }
            let s = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            let cand = text[s..i].trim_end_matches('.');
            let parts: Vec<&str> = cand.split('.').collect();
            let glued = i < bytes.len() && bytes[i].is_ascii_alphabetic();
            if parts.len() == 4
                && !glued
                && parts.iter().all(|p| {
                    !p.is_empty() && p.len() <= 3 && p.parse::<u32>().is_ok_and(|v| v <= 255)
                })
                && !covered(c, s, s + cand.len())
            {
                let before = before_str(t, s);
                let ok_neg = ["version=", "Chrome/", "appVersion=", "\"version\":\""]
                    .iter()
                    .any(|k| before.ends_with(k));
                assert!(ok_neg, "{style:?}: unlabelled IPv4 {cand} after {before:?}");
            }
        }
        // e-mail-like strings
        for (at, _) in text.match_indices('@') {
            let local_start = text[..at]
                .char_indices()
                .rev()
                .find(|(_, ch)| !(ch.is_ascii_alphanumeric() || "._+-".contains(*ch)))
                .map_or(0, |(p, ch)| p + ch.len_utf8());
            let dom_end = text[at + 1..]
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ".-".contains(ch)))
                .map_or(text.len(), |p| at + 1 + p);
            let cand = text[local_start..dom_end].trim_end_matches('.');
            if cand.len() < 3 || !email_ok(cand) || text[dom_end..].starts_with(':') {
                continue;
            }
            let tld = cand.rsplit('.').next().unwrap_or("");
            if ["png", "webp", "jpg", "gif"].contains(&tld) {
                continue;
            }
            assert!(
                covered(c, local_start, local_start + cand.len()),
                "{style:?}: unlabelled e-mail {cand}"
            );
        }
    }
}

// ───────────── generators and negatives ─────────────

#[test]
fn generators_valid() {
    let mut r = Rng::new(99);
    for _ in 0..2000 {
        let id = gen::id18(&mut r);
        assert!(gen::id_like(&id) && check::id18_checksum_and_date_ok(&id), "{id}");
        let birth: u32 = id[6..10].parse().unwrap_or(0);
        assert!((1930..=2012).contains(&birth));
        assert!(gen::id_like(&gen::id15(&mut r)));
        let card = gen::bank_card_digits(&mut r);
        assert!(gen::card_like(&card) && !gen::id_like(&card), "{card}");
        let u = gen::uscc(&mut r);
        assert!(check::uscc_valid(&u) && !gen::id_like(&u), "{u}");
        let unk = gen::bank_card_unknown_prefix(&mut r);
        assert!(check::luhn_valid(&unk) && !gen::known_card_prefix(&unk), "{unk}");
        let m = gen::mobile_digits(&mut r);
        assert!(mobile_ok(&m), "{m}");
        assert!(email_ok(&gen::email(&mut r)));
        assert!(gen::ipv4(&mut r).parse::<std::net::Ipv4Addr>().is_ok());
        let v6 = gen::ipv6(&mut r);
        assert!(v6.parse::<std::net::Ipv6Addr>().is_ok(), "{v6}");
        assert!(plate_ok(&gen::plate(&mut r)));
        assert!(passport_ok(&gen::passport(&mut r), ""));
    }
}

#[test]
fn negatives_are_negative() {
    let mut r = Rng::new(123);
    for _ in 0..2000 {
        let s = neg::id18_bad_check(&mut r);
        assert!(
            !gen::id_like(&s) && gen::known_region(&s[..6]) && check::valid_yyyymmdd(&s[6..14])
        );
        assert!(!check::luhn_valid(&neg::luhn_fail_62(&mut r)));
        let s = neg::uscc_bad(&mut r);
        assert!(s.len() == 18 && !check::uscc_gb32100_ok(&s), "{s}");
        let s = neg::snowflake_62(&mut r);
        let v = s.rsplit(['=', ':']).next().unwrap_or("");
        assert!(v.len() == 19 && v.starts_with("62") && check::luhn_valid(v), "{s}");
        let s = neg::mobile_like_run(&mut r);
        assert!([10, 12, 13].contains(&s.len()), "{s}");
        assert_eq!(neg::timestamp20(&mut r).len(), 20);
        assert_eq!(neg::epoch_ms(&mut r).len(), 13);
        let s = neg::bad_quad(&mut r);
        assert!(s.parse::<std::net::Ipv4Addr>().is_err(), "{s}");
        let s = neg::eleven_10_12(&mut r);
        assert!(s.len() == 11 && ["10", "11", "12"].contains(&&s[..2]));
        let s = neg::eg_wrong_len(&mut r);
        assert!(s.len() == 8 || s.len() == 10);
        let q = gen::qq_number(&mut r);
        assert!((5..=10).contains(&q.len()) && !q.starts_with('0'));
    }
}
