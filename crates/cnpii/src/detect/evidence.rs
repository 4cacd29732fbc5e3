//! Context evidence: the key a value is written under (`phone=`, `"idCard":`, `uid=`) and the
//! cue words shortly before it (手机, 身份证号, 卡号 …).
//!
//! Key names are the strongest signal in logs: `uid=13812345678` is a user id that happens to
//! look like a mobile number, and `order_id=6212…` a snowflake id that happens to pass Luhn.

use super::LOOK_BEHIND;
use crate::kind::{Kind, KindSet};
use crate::validate::Date;
use aho_corasick::{AhoCorasick, MatchKind};

/// What the context says about a value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Evidence {
    /// Kinds that a key name or cue word points to.
    pub pos: KindSet,
    /// A key name that marks the value as an identifier, counter or time (`uid`, `order_id`,
    /// `traceId`, `ts`, `seq`, `version`, `qq`).
    pub neg: bool,
    /// A Taiwan-permit cue (台胞证) was seen: an 8-digit number is then a permit.
    pub taiwan: bool,
}

/// Cue words, matched with one automaton over a short window before a candidate.
pub(crate) struct Cues {
    ac: AhoCorasick,
    tags: Vec<Tag>,
}

#[derive(Clone, Copy)]
enum Tag {
    Pos(Kind),
    Neg,
    Taiwan,
}

const CUES: &[(&str, Tag)] = &[
    ("手机", Tag::Pos(Kind::Phone)),
    ("电话", Tag::Pos(Kind::Phone)),
    ("联系方式", Tag::Pos(Kind::Phone)),
    ("座机", Tag::Pos(Kind::Phone)),
    ("固话", Tag::Pos(Kind::Phone)),
    ("致电", Tag::Pos(Kind::Phone)),
    ("拨打", Tag::Pos(Kind::Phone)),
    ("来电", Tag::Pos(Kind::Phone)),
    ("身份证", Tag::Pos(Kind::IdCard)),
    ("证件号", Tag::Pos(Kind::IdCard)),
    ("卡号", Tag::Pos(Kind::BankCard)),
    ("银行卡", Tag::Pos(Kind::BankCard)),
    ("账号", Tag::Pos(Kind::BankCard)),
    ("帐号", Tag::Pos(Kind::BankCard)),
    ("账户", Tag::Pos(Kind::BankCard)),
    ("借记卡", Tag::Pos(Kind::BankCard)),
    ("信用卡", Tag::Pos(Kind::BankCard)),
    ("储蓄卡", Tag::Pos(Kind::BankCard)),
    ("card", Tag::Pos(Kind::BankCard)),
    ("Card", Tag::Pos(Kind::BankCard)),
    ("CARD", Tag::Pos(Kind::BankCard)),
    ("护照", Tag::Pos(Kind::Passport)),
    ("passport", Tag::Pos(Kind::Passport)),
    ("Passport", Tag::Pos(Kind::Passport)),
    ("PASSPORT", Tag::Pos(Kind::Passport)),
    ("通行证", Tag::Pos(Kind::Passport)),
    ("回乡证", Tag::Pos(Kind::Passport)),
    ("港澳", Tag::Pos(Kind::Passport)),
    ("台胞证", Tag::Taiwan),
    ("台湾居民", Tag::Taiwan),
    ("订单号", Tag::Neg),
    ("单号", Tag::Neg),
    ("流水号", Tag::Neg),
    ("QQ", Tag::Neg),
    ("qq号", Tag::Neg),
    ("版本", Tag::Neg),
];

impl Cues {
    pub(crate) fn new() -> Cues {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(CUES.iter().map(|c| c.0))
            .expect("cue words form a valid automaton");
        Cues { ac, tags: CUES.iter().map(|c| c.1).collect() }
    }
}

/// What a detector may consult besides the haystack.
pub(crate) struct Ctx<'a> {
    pub cues: &'a Cues,
    /// The latest birth date an ID may carry.
    pub today: Date,
}

impl Ctx<'_> {
    /// The evidence for a value starting at `start`: its key, and cue words in the
    /// [`LOOK_BEHIND`] bytes before it on the same line.
    pub fn evidence(&self, hay: &[u8], start: usize) -> Evidence {
        let mut ev = Evidence::default();
        key_evidence(hay, start, &mut ev);
        let lo = start.saturating_sub(LOOK_BEHIND);
        let lo = memchr::memrchr(b'\n', &hay[lo..start]).map_or(lo, |p| lo + p + 1);
        for m in self.cues.ac.find_iter(&hay[lo..start]) {
            match self.cues.tags[m.pattern().as_usize()] {
                Tag::Pos(k) => ev.pos.insert(k),
                Tag::Neg => ev.neg = true,
                Tag::Taiwan => {
                    ev.taiwan = true;
                    ev.pos.insert(Kind::Passport);
                }
            }
        }
        ev
    }
}

/// Reads the key a value is written under: `key=v`, `key: v`, `"key":"v"`, `key：v`.
fn key_evidence(hay: &[u8], start: usize, ev: &mut Evidence) {
    let mut i = start;
    let lo = start.saturating_sub(LOOK_BEHIND);
    let skip = |i: &mut usize| {
        while *i > lo && matches!(hay[*i - 1], b' ' | b'"' | b'\'' | b'\t') {
            *i -= 1;
        }
    };
    skip(&mut i);
    if i > lo && matches!(hay[i - 1], b'=' | b':') {
        i -= 1;
    } else if i >= lo + 3 && &hay[i - 3..i] == "：".as_bytes() {
        i -= 3;
    } else {
        return;
    }
    skip(&mut i);
    let end = i;
    while i > lo && (hay[i - 1].is_ascii_alphanumeric() || matches!(hay[i - 1], b'_' | b'-' | b'.'))
    {
        i -= 1;
    }
    let mut key = [0u8; 48];
    let mut n = 0;
    for &b in &hay[i..end] {
        if b.is_ascii_alphanumeric() && n < key.len() {
            key[n] = b.to_ascii_lowercase();
            n += 1;
        }
    }
    classify_key(&key[..n], ev);
}

fn classify_key(k: &[u8], ev: &mut Evidence) {
    if k.is_empty() {
        return;
    }
    let has = |s: &str| k.windows(s.len()).any(|w| w == s.as_bytes());
    let ends = |s: &str| k.ends_with(s.as_bytes());
    let starts = |s: &str| k.starts_with(s.as_bytes());
    let mut pos = KindSet::EMPTY;
    if has("phone") || has("mobile") || starts("tel") || ends("tel") || k == b"mob" {
        pos.insert(Kind::Phone);
    }
    if has("idcard")
        || has("idno")
        || has("idnum")
        || has("certno")
        || has("sfz")
        || has("identity")
    {
        pos.insert(Kind::IdCard);
    }
    if has("card") || has("acct") || has("account") {
        pos.insert(Kind::BankCard);
    }
    if has("passport") {
        pos.insert(Kind::Passport);
    }
    if has("mail") {
        pos.insert(Kind::Email);
    }
    if has("ip") && (ends("ip") || has("addr")) {
        pos.insert(Kind::Ip);
    }
    if !pos.is_empty() {
        ev.pos = pos;
        return;
    }
    const NEG: &[&str] = &[
        "ts",
        "seq",
        "sn",
        "no",
        "num",
        "time",
        "timestamp",
        "ms",
        "v",
        "ver",
        "version",
        "count",
    ];
    if ends("id")
        || ends("ids")
        || has("qq")
        || starts("order")
        || starts("trace")
        || starts("span")
        || starts("request")
        || has("version")
        || NEG.iter().any(|n| k == n.as_bytes())
    {
        ev.neg = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(s: &str) -> Evidence {
        let cues = Cues::new();
        let ctx = Ctx { cues: &cues, today: Date::today() };
        let hay = format!("{s}13812345678");
        ctx.evidence(hay.as_bytes(), s.len())
    }

    #[test]
    fn keys() {
        assert!(ev("phone=").pos.contains(Kind::Phone));
        assert!(ev("\"receiverMobile\":\"").pos.contains(Kind::Phone));
        assert!(ev("tel: ").pos.contains(Kind::Phone));
        assert!(ev("id_no=").pos.contains(Kind::IdCard));
        assert!(ev("bankCardNo=").pos.contains(Kind::BankCard));
        assert!(ev("uid=").neg);
        assert!(ev("\"userId\": ").neg);
        assert!(ev("order_id=").neg);
        assert!(ev("traceId=").neg);
        assert!(ev("ts=").neg);
        assert!(ev("version=").neg);
        assert!(!ev("x ").neg && ev("x ").pos.is_empty());
        assert!(ev("手机号：").pos.contains(Kind::Phone));
    }

    #[test]
    fn cues() {
        assert!(ev("收件人手机 ").pos.contains(Kind::Phone));
        assert!(ev("银行卡号 ").pos.contains(Kind::BankCard));
        assert!(ev("QQ:").neg);
        let t = ev("台胞证：");
        assert!(t.taiwan && t.pos.contains(Kind::Passport));
        // Cues on an earlier line do not count.
        assert!(ev("手机\n").pos.is_empty());
    }
}
