//! Context evidence: the key a value is written under (`phone=`, `"idCard":`, `uid=`) and the
//! cue words shortly before it (手机, 身份证号, 卡号 …).
//!
//! Key names are the strongest signal in logs: `uid=13812345678` is a user id that happens to
//! look like a mobile number, and `order_id=6212…` a snowflake id that happens to pass Luhn.

use super::LOOK_BEHIND;
use crate::finding::Hit;
use crate::kind::{Kind, KindSet};
use crate::tables::keys::{self, Reader, Says};
use crate::validate::Date;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::cell::Cell;

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

/// Cue words, matched with one automaton over the short window before a candidate, and only
/// when a detector asks ([`Ctx::evidence`]): most digit words are rejected before anyone asks,
/// and searching a whole chunk up front cost a tenth of a log scan (Chinese text is full of
/// the lead bytes cue words start with, so a SIMD prefilter helps little).
pub(crate) struct Cues {
    ac: AhoCorasick,
    tags: Vec<Tag>,
}

#[derive(Clone, Copy, Debug)]
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
        // A DFA: windows are at most `LOOK_BEHIND` bytes, too short for a prefilter to pay.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(false)
            .build(CUES.iter().map(|c| c.0))
            .expect("cue words form a valid automaton");
        Cues { ac, tags: CUES.iter().map(|c| c.1).collect() }
    }

    /// The tags of the cue words in `window`, in order.
    fn tags<'a>(&'a self, window: &'a [u8]) -> impl Iterator<Item = Tag> + 'a {
        self.ac.find_iter(window).map(|m| self.tags[m.pattern().as_usize()])
    }
}

/// What a detector may consult besides the haystack.
pub(crate) struct Ctx<'a> {
    /// The cue words, searched for near a value when its evidence is asked for.
    pub cues: &'a Cues,
    /// The latest birth date an ID may carry.
    pub today: Date,
    /// The last evidence computed, by position: several detectors ask about the same value.
    memo: Cell<Option<(usize, Evidence)>>,
    /// For `Trigger::Text` detectors: the hits of the other detectors in this haystack,
    /// unresolved and unsorted (a name next to a phone number is likely a name).
    pub found: &'a [Hit],
    /// For `Trigger::Text` detectors: the Chinese-text pass over this haystack that they share
    /// ([`super::name::Marks`]); `None` makes each detector walk the haystack itself.
    pub marks: Option<&'a super::name::Marks>,
}

impl<'a> Ctx<'a> {
    pub fn new(cues: &'a Cues, today: Date) -> Ctx<'a> {
        Ctx { cues, today, memo: Cell::new(None), found: &[], marks: None }
    }

    /// This context, with the hits of the other detectors for `Trigger::Text` detectors.
    pub fn with_found(self, found: &'a [Hit]) -> Ctx<'a> {
        Ctx { found, ..self }
    }

    /// This context, with the shared Chinese-text pass over the haystack.
    pub fn with_marks(self, marks: &'a super::name::Marks) -> Ctx<'a> {
        Ctx { marks: Some(marks), ..self }
    }

    /// [`Ctx::compute`], remembered for the last position asked about.
    pub fn evidence(&self, hay: &[u8], start: usize) -> Evidence {
        if let Some((at, ev)) = self.memo.get() {
            if at == start {
                return ev;
            }
        }
        let ev = self.compute(hay, start);
        self.memo.set(Some((start, ev)));
        ev
    }

    /// The evidence for a value starting at `start`: its key, and cue words in the
    /// [`LOOK_BEHIND`] bytes before it in the same clause (see [`clause_start`]).
    fn compute(&self, hay: &[u8], start: usize) -> Evidence {
        let mut ev = Evidence::default();
        key_evidence(hay, start, &mut ev);
        let lo = clause_start(hay, start);
        for tag in self.cues.tags(&hay[lo..start]) {
            match tag {
                // The key a value is written under is closer and more specific than a cue
                // word further back: `卡号 … ts=1706883379514` is a timestamp.
                Tag::Pos(_) if ev.neg => {}
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

/// Where the clause holding `start` begins, at most [`LOOK_BEHIND`] bytes back: just after
/// the last line end or clause punctuation (`。，；！？` and ASCII `,;`). A cue word in an earlier
/// sentence (`…订单号 … 。服务器 10.8.2.1`) says nothing about this value.
fn clause_start(hay: &[u8], start: usize) -> usize {
    let lo = start.saturating_sub(LOOK_BEHIND);
    let ascii = memchr::memrchr3(b'\n', b',', b';', &hay[lo..start]).map_or(lo, |p| lo + p + 1);
    // 。 is E3 80 82; ，；！？ are EF BC 8C / 9B / 81 / 9F. The last one after `ascii` that
    // ends by `start` wins (none can straddle `ascii`: the byte before it is ASCII).
    let mut end = start;
    while let Some(p) = memchr::memrchr2(0xE3, 0xEF, &hay[ascii..end]) {
        let i = ascii + p;
        let punct = matches!(
            hay.get(i..i + 3),
            Some([0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x8C | 0x9B | 0x81 | 0x9F])
        );
        if punct && i + 3 <= start {
            return i + 3;
        }
        end = i;
    }
    ascii
}

/// Reads the key a value is written under: `key=v`, `key: v`, `"key":"v"`, `key：v`, and
/// `key v` (a word and a space: `version 5.4.8.84`, `tel 13812345678`).
fn key_evidence(hay: &[u8], start: usize, ev: &mut Evidence) {
    let mut i = start;
    let lo = start.saturating_sub(LOOK_BEHIND);
    let skip = |i: &mut usize| {
        let from = *i;
        while *i > lo && matches!(hay[*i - 1], b' ' | b'"' | b'\'' | b'\t' | b'\\') {
            *i -= 1;
        }
        from - *i
    };
    let skipped = skip(&mut i);
    if i > lo && matches!(hay[i - 1], b'=' | b':') {
        i -= 1;
    } else if i >= lo + 3 && &hay[i - 3..i] == "：".as_bytes() {
        i -= 3;
    } else if skipped == 0 {
        return;
    }
    skip(&mut i);
    let end = i;
    let word = |i: &mut usize| {
        while *i > lo
            && (hay[*i - 1].is_ascii_alphanumeric() || matches!(hay[*i - 1], b'_' | b'-' | b'.'))
        {
            *i -= 1;
        }
    };
    word(&mut i);
    // Two-word keys: `Card No`, `Passport No.`, `Order No`, `ID Number` — only when the last
    // word is a generic one, so that `x@qq.com smtp=` does not read as one key.
    let generic = |w: &[u8]| {
        let w = w.strip_suffix(b".").unwrap_or(w);
        [&b"no"[..], b"num", b"number", b"id", b"code"].iter().any(|g| w.eq_ignore_ascii_case(g))
    };
    if generic(&hay[i..end])
        && i >= lo + 2
        && hay[i - 1] == b' '
        && hay[i - 2].is_ascii_alphabetic()
    {
        i -= 1;
        word(&mut i);
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

/// What a key written before a value says, from the text rows of
/// `patterns/key_vocabulary.tsv`: every kind it matches supports the value; with none, a
/// `never` row marks the value an identifier, counter or time.
fn classify_key(k: &[u8], ev: &mut Evidence) {
    if k.is_empty() {
        return;
    }
    let mut pos = KindSet::EMPTY;
    let mut neg = false;
    for says in keys::says(Reader::Text, k, k) {
        match says {
            Says::Kind(kind) => pos.insert(kind),
            Says::Never => neg = true,
            Says::Contact | Says::NotName | Says::NotContact => {}
        }
    }
    if !pos.is_empty() {
        ev.pos = pos;
    } else if neg {
        ev.neg = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 16: the three key lists became one table. Every word of the table and the compound
    /// keys of `tests/data/key_vocabulary_before.tsv` still say what the old lists said, but for
    /// the column names where `tel` was matched inside another word (`hotel_name`): those hold
    /// no kind now, and `hotel` joined the words that make a `…name` key not a person's name.
    #[test]
    fn key_vocabulary_says_what_the_three_old_lists_said() {
        const BEFORE: &str = include_str!("../../../../tests/data/key_vocabulary_before.tsv");
        // Column names that read as phone columns only because `tel` stood inside a word.
        const TEL_INSIDE: &[&str] = &["hotel_name", "hotel", "hostel", "intel_code", "cartel"];
        let mut rows = 0;
        for line in BEFORE.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            let (key, text, column, name) = (f[0], f[1], f[2], f[3]);
            let flat: Vec<u8> = key
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase())
                .take(48)
                .collect();
            let mut ev = Evidence::default();
            classify_key(&flat, &mut ev);
            let got: Vec<&str> = ev.pos.iter().map(Kind::as_str).collect();
            let got = match (ev.neg, got.is_empty()) {
                (true, _) => "never".to_owned(),
                (false, true) => "-".to_owned(),
                (false, false) => got.join(","),
            };
            assert_eq!(got, text, "text key {key}");
            let col = crate::format::column_kind(key).map_or("-", Kind::as_str);
            if TEL_INSIDE.contains(&key) {
                assert_eq!((column, col), ("phone", "-"), "column {key}");
            } else {
                assert_eq!(col, column, "column {key}");
            }
            let got = crate::detect::name::name_column(key.as_bytes());
            if key.starts_with("hotel") {
                assert!(!got, "name column {key}");
            } else {
                assert_eq!(got.to_string(), name, "name column {key}");
            }
            rows += 1;
        }
        assert!(rows > 150);
    }

    #[test]
    fn clause_start_agrees_with_a_byte_walk() {
        let naive = |hay: &[u8], start: usize| {
            let lo = start.saturating_sub(LOOK_BEHIND);
            let mut i = start;
            while i > lo {
                match hay[i - 1] {
                    b'\n' | b',' | b';' => return i,
                    0x82 if i >= lo + 3 && hay[i - 3..i - 1] == [0xE3, 0x80] => return i,
                    0x8C | 0x9B | 0x81 | 0x9F
                        if i >= lo + 3 && hay[i - 3..i - 1] == [0xEF, 0xBC] =>
                    {
                        return i
                    }
                    _ => i -= 1,
                }
            }
            lo
        };
        let pieces: [&[u8]; 9] = [
            b"a",
            b"\n",
            b",",
            b";",
            "。".as_bytes(),
            "，".as_bytes(),
            "！".as_bytes(),
            "中".as_bytes(),
            &[0xEF, 0xBC],
        ];
        let mut rng = crate::testutil::XorShift(99);
        for _ in 0..3000 {
            let mut hay = Vec::new();
            for _ in 0..rng.below(60) {
                hay.extend_from_slice(pieces[rng.below(pieces.len())]);
            }
            for start in 0..=hay.len() {
                assert_eq!(clause_start(&hay, start), naive(&hay, start), "{hay:?} {start}");
            }
        }
    }

    fn ev(s: &str) -> Evidence {
        let hay = format!("{s}13812345678");
        let cues = Cues::new();
        let ctx = Ctx::new(&cues, Date::today());
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
        assert!(ev("{\\\"userId\\\":").neg, "escaped JSON inside a log line");
        assert!(ev("银行卡 ts=").neg && ev("银行卡 ts=").pos.is_empty());
        assert!(ev("order_id=").neg);
        assert!(ev("traceId=").neg);
        assert!(ev("ts=").neg);
        assert!(ev("version=").neg);
        assert!(ev("version ").neg);
        assert!(ev("tel ").pos.contains(Kind::Phone));
        assert!(ev("Card No.: ").pos.contains(Kind::BankCard));
        assert!(ev("Passport No: ").pos.contains(Kind::Passport));
        assert!(ev("Order No: ").neg);
        assert!(!ev("No: ").neg && ev("No: ").pos.is_empty());
        // An unrelated word before the key is not part of it.
        assert!(!ev("rcpt=x@qq.com smtp=").neg);
        assert!(!ev("call me at ").neg);
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
        // Cues on an earlier line or in an earlier clause do not count.
        assert!(ev("手机\n").pos.is_empty());
        assert!(ev("订单号 5。服务器 ").pos.is_empty() && !ev("订单号 5。服务器 ").neg);
        assert!(ev("护照丢了，编号").pos.is_empty());
    }
}
