//! `name`: Chinese person names — surname (single or compound) + one or two given characters,
//! and transliterated / minority names written with a middle dot (阿卜杜热合曼·买买提).
//!
//! # Candidates
//!
//! One pass over the haystack decodes each CJK character and looks it up in a dense table
//! (one entry per code point, built once from `patterns/`): every surname character starts a
//! candidate, except a weak one (rare, or mostly a function word: 于, 和) with neither a cue
//! before it nor a title after it, and the first character of a compound surname (上, 东)
//! with no second one after it, which could not pass. A table lookup per character is the
//! cheapest exact prefilter for a set of ~500 one-character patterns. The scanner runs that
//! pass once for this detector and the address detector together ([`mark`], [`Marks`]);
//! called without it, the detector walks the haystack itself and tries every surname.
//!
//! # Score
//!
//! A candidate `surname + g1 [g2]` is scored, and reported when the score reaches
//! [`THRESHOLD`]:
//!
//! * **surname prior**: +1.5 for the ~20 most common surnames (≥ 1 % of the population),
//!   +1 (≥ 0.1 %), +0.5 otherwise or for a compound surname; +0.5 for jionlp's "unambiguous"
//!   surname characters;
//! * **given characters**: the sum of their log-likelihood ratios (`given_chars.tsv`, clamped to
//!   −4…4); a character never seen in a given name rejects the candidate;
//! * **boundary**: +1 when the name is followed by punctuation, a non-CJK character, a title
//!   or a function word (张伟，/ 张伟说 / 张伟先生);
//! * **evidence**: +4 for a cue word or key just before it (姓名：, 收件人, 联系人, `name=`,
//!   `"realName":` …), +3 for a title right after it (张伟先生, 李娜老师), +3 for a phone
//!   number, ID or card within a few characters in the same record ([`Ctx::found`]);
//! * **veto**: −5 when the surname and the first given character (or the whole name) are an
//!   ordinary word (`common_words.tsv`: 王国, 张开, 高兴, 马上), so only a strong cue keeps it.
//!
//! Never names: a surname followed by a title or kinship word (王先生, 张总, 陈老师, 李哥),
//! nicknames (小王, 老李), `姓王`, `张某`, place words (王庄村, 李家镇), and already-masked
//! values (`张*`).
//!
//! With one given character the choice between `张伟` and `张伟明` rests on the boundary and
//! on a short list of words that often follow a name (明天, 一起, 已经 …).
//!
//! The column hint of structured data (a CSV/JSON/SQL column named 姓名, `name`, `real_name`,
//! `contact`, from `patterns/key_vocabulary.tsv`) will feed [`name_column`] once formats supply column names.

use super::{Candidate, Ctx, Detector, Trigger, LOOK_BEHIND};
use crate::finding::Hit;
use crate::kind::Kind;
use crate::scan::classify::{self, Text};
use crate::tables::keys::{self, Reader, Says};
use crate::tables::{common_words, given_chars, name_chars, surnames, tail_words};
use crate::text::{decode3, seq_len, skip_ascii_except, CharSet};
use std::sync::OnceLock;

pub(crate) struct Name;

/// The score a candidate needs (module docs).
pub(crate) const THRESHOLD: f32 = 4.5;

/// The log-likelihood ratio of a given-name character that `given_chars.tsv` lacks.
const UNSEEN: f32 = -1.0;

const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;

/// The CJK character at `i` (U+3000–U+9FFF, three UTF-8 bytes) and its code point.
#[inline]
pub(crate) fn cjk_at(hay: &[u8], i: usize) -> Option<u32> {
    let b0 = *hay.get(i)?;
    if !(0xE3..=0xE9).contains(&b0) {
        return None;
    }
    let (b1, b2) = (*hay.get(i + 1)?, *hay.get(i + 2)?);
    if b1 & 0xC0 != 0x80 || b2 & 0xC0 != 0x80 {
        return None;
    }
    Some(decode3(b0, b1, b2))
}

/// The CJK character ending at `i`.
#[inline]
pub(crate) fn cjk_before(hay: &[u8], i: usize) -> Option<u32> {
    if i < 3 {
        return None;
    }
    cjk_at(hay, i - 3)
}

/// Whether `cp` is a CJK ideograph.
#[inline]
pub(crate) fn is_han(cp: u32) -> bool {
    (FIRST..=LAST).contains(&cp)
}

const SURNAME: u8 = 1;
const COMPOUND: u8 = 2;
/// A function word or verb that ends a name (说, 是, 的, 在 …).
const STOP: u8 = 4;
/// Occurs in transliterated names (for `·` names).
const TRANSLIT: u8 = 8;
/// First character of a word of [`TITLES`], [`NOT_GIVEN`], [`FOLLOW`]; last character of a
/// word of [`CUES`] or [`WEAK_CUES`]: the word lists are searched only where these are set.
const TITLE_F: u8 = 16;
const NOT_GIVEN_F: u8 = 32;
const FOLLOW_F: u8 = 64;
const CUE_L: u8 = 128;

#[derive(Clone, Copy, Default)]
struct Info {
    flags: u8,
    /// Given-name log-likelihood ratio ×8, `i8::MIN` when never seen in a given name.
    llr: i8,
    /// Surname prior ×2 (a multiple of 0.5: see [`Info::prior`]).
    prior: i8,
}

impl Info {
    /// The surname prior. Halving is exact in floating point, where dividing a stored ×10
    /// value was not free: the division's latency showed on every candidate.
    #[inline]
    fn prior(self) -> f32 {
        f32::from(self.prior) * 0.5
    }
}

struct Model {
    info: Vec<Info>,
    place: CharSet,
    not_before: CharSet,
    titles: Words,
    not_given: Words,
    follow: Words,
    cues: Tails,
    weak_cues: Tails,
    /// What [`mark`] looks for, by code point (`M_*` flags).
    marks: Box<[u8; 0x10000]>,
}

/// A word list sorted by bytes, so that the words starting with a given character are one
/// run, found through [`Runs`] (a linear scan of [`TITLES`] per candidate was a tenth of a
/// free-text scan).
struct Words {
    words: Vec<(u32, &'static [u8])>,
    /// Every word starts with a Han character.
    han_only: bool,
    /// The words by their key.
    runs: Runs,
}

/// The first character of `b` (up to its first three bytes) as a number that sorts like the
/// bytes; 0 for an empty slice.
#[inline]
fn first_key(b: &[u8]) -> u32 {
    let Some(&b0) = b.first() else { return 0 };
    let n = match b0 {
        0xC0..=0xDF => 2,
        0xE0..=0xFF => 3,
        _ => 1,
    };
    let byte = |k: usize| if k < n { u32::from(b.get(k).copied().unwrap_or(0)) } else { 0 };
    (byte(0) << 16) | (byte(1) << 8) | byte(2)
}

/// The runs of a sorted word list whose words share a key, found by the key in a small
/// open-addressing table (the lists have a few dozen keys). A binary search per lookup took a
/// sixth of the name score: its steps are branch-free but serial.
struct Runs(Box<[(u32, u16, u16); Runs::SLOTS]>);

impl Runs {
    const SLOTS: usize = 256;

    #[inline]
    fn slot(k: u32) -> usize {
        (k.wrapping_mul(0x9E37_79B1) >> 24) as usize
    }

    /// The runs of `keys` (sorted; no key is 0).
    fn new(keys: impl Iterator<Item = u32>) -> Runs {
        let keys: Vec<u32> = keys.collect();
        let mut t = Box::new([(0u32, 0u16, 0u16); Runs::SLOTS]);
        let mut lo = 0;
        while lo < keys.len() {
            let k = keys[lo];
            let hi = lo + keys[lo..].iter().take_while(|&&x| x == k).count();
            assert!(k != 0 && hi < usize::from(u16::MAX) && keys.len() < Runs::SLOTS / 2);
            let mut i = Runs::slot(k);
            while t[i].0 != 0 {
                i = (i + 1) % Runs::SLOTS;
            }
            t[i] = (k, lo as u16, hi as u16);
            lo = hi;
        }
        Runs(t)
    }

    /// The range of the words with key `k` (empty when there are none).
    #[inline]
    fn get(&self, k: u32) -> std::ops::Range<usize> {
        let mut i = Runs::slot(k);
        loop {
            let (key, lo, hi) = self.0[i];
            if key == k && k != 0 {
                return usize::from(lo)..usize::from(hi);
            }
            if key == 0 {
                return 0..0;
            }
            i = (i + 1) % Runs::SLOTS;
        }
    }
}

impl Words {
    fn new(list: &[&'static str]) -> Words {
        let mut v: Vec<(u32, &'static [u8])> =
            list.iter().map(|w| (first_key(w.as_bytes()), w.as_bytes())).collect();
        v.sort_unstable();
        let han_only = list.iter().all(|w| w.chars().next().is_some_and(|c| is_han(c as u32)));
        let runs = Runs::new(v.iter().map(|w| w.0));
        Words { words: v, han_only, runs }
    }

    /// Whether a word of the list starts at `i`, where `c` is the Han character at `i` (`None`
    /// for any other) and `flag` marks the first characters of the list's words.
    #[inline]
    fn at(&self, hay: &[u8], i: usize, c: Option<Ch>, flag: u8) -> bool {
        match c {
            Some(c) if c.info.flags & flag == 0 => false,
            None if self.han_only => false,
            _ => self.starts(&hay[i.min(hay.len())..]),
        }
    }

    /// Whether a word of the list starts `rest`. Only the words that begin with the first
    /// character of `rest` can: a run of the list, found by its key.
    fn starts(&self, rest: &[u8]) -> bool {
        self.words[self.runs.get(first_key(rest))].iter().any(|w| prefix(rest, w.1))
    }
}

/// Function words and verbs that end a name and never start a given name.
const STOPS: &str = "有的了是在和与及或也都就又还把被给对向跟同去来到要会能让请叫问打回找告带已再才这那从为于吗呢吧啊着过说讲称道想看听用将并而但却很更最所其之此每各某该我你他她它们收";

/// Title words: right after a surname they make it a form of address, not a name (王先生,
/// 张总经理); right after a full name they are strong evidence (张伟先生).
const TITLES: &[&str] = &[
    "先生",
    "女士",
    "小姐",
    "老师",
    "同学",
    "经理",
    "警官",
    "医生",
    "大夫",
    "护士",
    "律师",
    "师傅",
    "阿姨",
    "叔叔",
    "大爷",
    "大妈",
    "大姐",
    "大哥",
    "总监",
    "总经理",
    "总裁",
    "主任",
    "局长",
    "处长",
    "科长",
    "书记",
    "董事长",
    "董事",
    "教授",
    "博士",
    "院长",
    "校长",
    "部长",
    "厂长",
    "县长",
    "市长",
    "省长",
    "同志",
    "老板",
    "记者",
    "班长",
    "所长",
    "站长",
    "队长",
    "组长",
    "会计",
    "工程师",
];

/// Characters that, right after a surname, make it anything but a name: short titles and
/// kinship (张总, 李哥, 王某, 陈家), place words (王庄, 李村), masks (张*).
const NOT_GIVEN: &[&str] = &[
    "总", "工", "哥", "姐", "弟", "妹", "叔", "伯", "姨", "婶", "爷", "奶", "某", "家", "氏", "董",
    "老", "嫂", "姓", "村", "庄", "镇", "乡", "县", "市", "省", "区", "路", "街", "屯", "寨", "店",
    "记", "*", "＊", "×", "x", "X",
];

/// Cue words and keys that announce a name.
const CUES: &[&str] = &[
    "姓名",
    "联系人",
    "收件人",
    "收货人",
    "寄件人",
    "发件人",
    "签收人",
    "客户",
    "患者",
    "病人",
    "乘客",
    "旅客",
    "法定代表人",
    "法人代表",
    "法人",
    "经办人",
    "申请人",
    "负责人",
    "户主",
    "持卡人",
    "户名",
    "开户名",
    "开户人",
    "业主",
    "房东",
    "租客",
    "承租人",
    "出租人",
    "被告人",
    "被告",
    "原告",
    "当事人",
    "嫌疑人",
    "监护人",
    "家长",
    "司机",
    "骑手",
    "快递员",
    "收款人",
    "付款人",
    "借款人",
    "担保人",
    "投保人",
    "被保险人",
    "受益人",
    "委托人",
    "代理人",
    "名叫",
    "叫做",
    "我叫",
    "我是",
    "本人",
    "学生",
    "员工",
    "职工",
    "作者",
    "主治医生",
    "医生",
    "老师",
    "同学",
    "学员",
    "会员",
    "用户名",
    "真实姓名",
    "紧急联系人",
    "介绍人",
    "推荐人",
    "署名",
    "签名",
];

/// Words that often stand before a person: weak evidence (+1.5).
const WEAK_CUES: &[&str] = &[
    "交给", "告诉", "通知", "联系", "感谢", "谢谢", "和", "跟", "与", "找", "问", "由", "请", "让",
    "叫", "给", "是", "见", "陪", "派", "委托",
];

/// Words that often follow a name: a name before them ends with the character before.
const FOLLOW: &[&str] = &[
    "明天", "今天", "昨天", "后天", "前天", "上午", "下午", "晚上", "早上", "中午", "现在", "已经",
    "一起", "一直", "正在", "立即", "马上", "不在", "没有", "可以", "应该", "需要", "同意", "认为",
    "觉得", "负责", "表示", "指出", "介绍", "出生", "年龄", "性别", "今年", "曾经", "目前", "主持",
    "记录", "来电", "发言", "出席", "参加", "签字", "签收", "收到", "获得", "同学", "一家",
];

/// Place suffixes: a "name" followed by one is part of a place name (赵营村, 李家庄).
const PLACES: &str = "村庄镇乡县市省区路街屯寨营湾桥坝沟岭";

/// Characters before a surname that make it a nickname (小王, 老李), a mention (姓王) or a
/// measure word after a numeral or demonstrative (这张卡, 一张纸).
const NOT_BEFORE: &str = "小老姓阿这那哪一二两三四五六七八九十几每整半多";

/// Keys that hold a name: `name`, `real_name`, `contact`, `姓名` … (not `filename`,
/// `hostname`, `username`, `appName` …), from the name rows of
/// `patterns/key_vocabulary.tsv`. `key` is lowercased, with ASCII punctuation dropped.
fn name_key(key: &[u8]) -> bool {
    let (mut contact, mut not_contact, mut name, mut not_name) = (false, false, false, false);
    for says in keys::says(Reader::Name, key, key) {
        match says {
            Says::Contact => contact = true,
            Says::Kind(_) => name = true,
            Says::NotContact => not_contact = true,
            Says::NotName => not_name = true,
            Says::Never => {}
        }
    }
    if contact {
        !not_contact
    } else {
        name && !not_name
    }
}

/// Whether a column name marks a column of person names (read by the column hints of
/// structured input, `format/hints.rs`).
pub(crate) fn name_column(col: &[u8]) -> bool {
    let mut k = [0u8; 32];
    let n = col.len().min(k.len());
    for (o, b) in k.iter_mut().zip(col) {
        *o = b.to_ascii_lowercase();
    }
    let k: Vec<u8> =
        k[..n].iter().copied().filter(|b| !b.is_ascii() || b.is_ascii_alphanumeric()).collect();
    name_key(&k)
}

fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let mut info = vec![Info { flags: 0, llr: i8::MIN, prior: 0 }; (LAST - FIRST + 1) as usize];
        let slot = |c: char| (c as u32).checked_sub(FIRST).map(|i| i as usize);
        for c in surnames::singles() {
            if let (Some(i), Some(s)) = (slot(c).filter(|&i| i < info.len()), surnames::single(c)) {
                info[i].flags |= SURNAME;
                let mut p = if s.pct >= 1.0 {
                    1.5
                } else if s.pct >= 0.1 {
                    1.0
                } else {
                    0.5
                };
                if s.unambiguous {
                    p += 0.5;
                }
                if STOPS.contains(c) {
                    p -= 2.0; // 于, 和, 有 …: far more often a function word
                }
                info[i].prior = (p * 2.0) as i8;
            }
        }
        for c in surnames::compound_firsts() {
            if let Some(i) = slot(c).filter(|&i| i < info.len()) {
                info[i].flags |= COMPOUND;
            }
        }
        for (c, v) in given_chars::all() {
            if let Some(i) = slot(c).filter(|&i| i < info.len()) {
                info[i].llr = (v.clamp(-4.0, 4.0) * 8.0) as i8;
            }
        }
        for c in STOPS.chars() {
            if let Some(i) = slot(c).filter(|&i| i < info.len()) {
                info[i].flags |= STOP;
            }
        }
        let mut mark = |words: &[&str], flag: u8, last: bool| {
            for w in words {
                let c = if last { w.chars().last() } else { w.chars().next() };
                if let Some(i) = c.and_then(slot).filter(|&i| i < info.len()) {
                    info[i].flags |= flag;
                }
            }
        };
        mark(TITLES, TITLE_F, false);
        mark(NOT_GIVEN, NOT_GIVEN_F, false);
        mark(FOLLOW, FOLLOW_F, false);
        mark(CUES, CUE_L, true);
        mark(WEAK_CUES, CUE_L, true);
        for cp in FIRST..=LAST {
            if char::from_u32(cp).is_some_and(name_chars::in_names) {
                info[(cp - FIRST) as usize].flags |= TRANSLIT;
            }
        }
        let mut marks = Box::new([0u8; 0x10000]);
        for (cp, i) in (FIRST..).zip(&info) {
            if i.flags & SURNAME != 0 {
                marks[cp as usize] |= if weak(i.prior()) { M_WEAK } else { M_START };
            }
            if i.flags & COMPOUND != 0 {
                marks[cp as usize] |= M_COMPOUND;
            }
            if i.flags & CUE_L != 0 {
                marks[cp as usize] |= M_CUE;
            }
            if i.flags & TITLE_F != 0 {
                marks[cp as usize] |= M_NEXT;
            }
        }
        for c in surnames::compound_seconds() {
            marks[c as usize] |= M_NEXT;
        }
        for c in SEPS3.iter().flat_map(|s| s.chars()) {
            marks[c as usize] |= M_CUE;
        }
        for cp in DOTS3 {
            marks[cp as usize] |= M_START;
        }
        for c in super::address::ANCHOR_CHARS.chars() {
            marks[c as usize] |= if c == '单' { M_DAN } else { M_ANCHOR };
        }
        marks['元' as usize] |= M_YUAN;
        Model {
            info,
            place: CharSet::of(PLACES),
            not_before: CharSet::of(NOT_BEFORE),
            titles: Words::new(TITLES),
            not_given: Words::new(NOT_GIVEN),
            follow: Words::new(FOLLOW),
            cues: Tails::new(CUES),
            weak_cues: Tails::new(WEAK_CUES),
            marks,
        }
    })
}

/// A Han character of the haystack and its entry in the model.
#[derive(Clone, Copy)]
struct Ch {
    cp: u32,
    info: Info,
}

/// The log-likelihood ratio of `c` as a given-name character; `None` for a function word or
/// verb, or when `c` is not a Han character. A Han character the table has never seen in a
/// given name (modern name characters such as 睿, 彤, 萱 are missing from jieba's dictionary)
/// counts as [`UNSEEN`].
#[inline]
fn given(c: Option<Ch>) -> Option<f32> {
    let info = c?.info;
    if info.flags & STOP != 0 {
        return None;
    }
    Some(if info.llr == i8::MIN { UNSEEN } else { f32::from(info.llr) / 8.0 })
}

impl Model {
    /// The Han character at `i`.
    #[inline]
    fn ch(&self, hay: &[u8], i: usize) -> Option<Ch> {
        let cp = cjk_at(hay, i).filter(|&cp| is_han(cp))?;
        Some(Ch { cp, info: self.info[(cp - FIRST) as usize] })
    }

    #[inline]
    fn get(&self, cp: u32) -> Info {
        if is_han(cp) {
            self.info[(cp - FIRST) as usize]
        } else {
            Info { flags: 0, llr: i8::MIN, prior: 0 }
        }
    }
}

/// Whether a word of `words` starts at `i`; `flag` marks the first characters of the list.
fn starts_with_any(hay: &[u8], i: usize, words: &Words, flag: u8) -> bool {
    if let Some(cp) = cjk_at(hay, i).filter(|&cp| is_han(cp)) {
        if model().get(cp).flags & flag == 0 {
            return false;
        }
    }
    words.starts(&hay[i.min(hay.len())..])
}

/// `rest.starts_with(w)`, byte by byte inline: the words are a few bytes long and most differ
/// from `rest` in their first or second byte (a `memcmp` call per word was a tenth of the scan).
#[inline]
pub(crate) fn prefix(rest: &[u8], w: &[u8]) -> bool {
    w.len() <= rest.len() && w.iter().zip(rest).all(|(a, b)| a == b)
}

/// Whether a word of `words` (all ending in a Han character marked [`CUE_L`]) ends at `i`.
fn ends_with_any(hay: &[u8], i: usize, words: &Tails) -> bool {
    match cjk_before(hay, i) {
        Some(cp) if is_han(cp) && model().get(cp).flags & CUE_L != 0 => {
            words.ends(&hay[..i.min(hay.len())])
        }
        _ => false,
    }
}

/// A word list sorted by the last three bytes of each word (all end in a Han character), so
/// that the words a given character ends are one run, found through [`Runs`].
struct Tails(Vec<(u32, &'static [u8])>, Runs);

impl Tails {
    fn new(list: &[&'static str]) -> Tails {
        let mut v: Vec<(u32, &'static [u8])> =
            list.iter().map(|w| (last_key(w.as_bytes()), w.as_bytes())).collect();
        v.sort_unstable();
        let runs = Runs::new(v.iter().map(|w| w.0));
        Tails(v, runs)
    }

    /// Whether a word of the list ends `head`.
    fn ends(&self, head: &[u8]) -> bool {
        self.0[self.1.get(last_key(head))].iter().any(|w| head.ends_with(w.1))
    }
}

/// The last three bytes of `b` as a number (fewer bytes: a key no Han character has).
#[inline]
fn last_key(b: &[u8]) -> u32 {
    match b {
        [.., x, y, z] => u32::from(*x) << 16 | u32::from(*y) << 8 | u32::from(*z),
        _ => 0,
    }
}

/// How a name is set off from what follows, given the Han character after it (`None` for any
/// other) and whether a title or a following word starts there: 2 for a title (strong
/// evidence), 1 for punctuation, a non-CJK character, a function word or a following word, 0
/// for another CJK character.
fn boundary(next: Option<Ch>, title: bool, follow: bool) -> u8 {
    if title {
        return 2;
    }
    match next {
        Some(c) => u8::from(c.info.flags & STOP != 0 || follow),
        None => 1,
    }
}

/// The three-byte separators a cue may be followed by.
const SEPS3: [&str; 2] = ["：", "　"];

/// Position before `i` after skipping separators a cue may be followed by (`：`, `:`, `=`,
/// spaces, quotes; [`mark`] knows the same list).
fn skip_back(hay: &[u8], mut i: usize) -> usize {
    let lo = i.saturating_sub(12);
    loop {
        if i > lo && matches!(hay[i - 1], b' ' | b'\t' | b':' | b'=' | b'"' | b'\'') {
            i -= 1;
        } else if i >= lo + 3 && SEPS3.iter().any(|c| hay[i - 3..i] == *c.as_bytes()) {
            i -= 3;
        } else {
            return i;
        }
    }
}

/// A cue word or a name key just before `start`.
fn cue_before(hay: &[u8], start: usize) -> bool {
    let i = skip_back(hay, start);
    if ends_with_any(hay, i, &model().cues) {
        return true;
    }
    if i == start || i == 0 || !hay[i - 1].is_ascii_alphanumeric() {
        return false;
    }
    // An ASCII key: `name=`, `"realName": "`, `contact_name:`.
    let lo = i.saturating_sub(32).max(start.saturating_sub(LOOK_BEHIND));
    let mut j = i;
    while j > lo && (hay[j - 1].is_ascii_alphanumeric() || hay[j - 1] == b'_' || hay[j - 1] == b'-')
    {
        j -= 1;
    }
    let mut key = [0u8; 32];
    let mut n = 0;
    for &b in &hay[j..i] {
        if b.is_ascii_alphanumeric() && n < key.len() {
            key[n] = b.to_ascii_lowercase();
            n += 1;
        }
    }
    name_key(&key[..n])
}

/// A phone number, ID or card within a few bytes of `start..end` in the same record. `nums`
/// holds the spans of those hits, sorted by start.
fn numeric_near(nums: &[(usize, usize)], hay: &[u8], start: usize, end: usize) -> bool {
    const NEAR: usize = 24;
    // The first number after the name, and the one before it.
    let i = nums.partition_point(|n| n.0 < end);
    let after = nums.get(i).is_some_and(|n| n.0 - end <= NEAR && !has_line_end(&hay[end..n.0]));
    let before = i > 0 && {
        // Hits may overlap (unresolved): look at the few that end before `start`.
        nums[..i]
            .iter()
            .rev()
            .take(4)
            .any(|n| n.1 <= start && start - n.1 <= NEAR && !has_line_end(&hay[n.1..start]))
    };
    after || before
}

fn has_line_end(b: &[u8]) -> bool {
    b.iter().any(|&c| c == b'\n' || c == b'\r') || b.windows(3).any(|w| w == "。".as_bytes())
}

/// Whether a compound surname starts at `i`.
fn compound_at(m: &Model, hay: &[u8], i: usize) -> bool {
    let Some(cp) = cjk_at(hay, i) else { return false };
    m.get(cp).flags & COMPOUND != 0
        && match (char::from_u32(cp), cjk_at(hay, i + 3).and_then(char::from_u32)) {
            (Some(a), Some(b)) => surnames::compound(a, b).is_some(),
            _ => false,
        }
}

/// The name (if any) whose surname starts at `i`: `cp` is the character there, `compound`
/// whether a compound surname starts there ([`compound_at`]).
fn candidate(
    m: &Model,
    hay: &[u8],
    i: usize,
    cp: u32,
    compound: bool,
    nums: &[(usize, usize)],
) -> Option<(usize, f32)> {
    // The surname: compound first.
    // A compound surname is never read as a single one plus a given character (诸葛师傅 is
    // not 诸葛).
    if compound {
        return score(m, hay, i, i + 6, 1.0, nums);
    }
    let info = m.get(cp);
    if info.flags & SURNAME != 0 {
        return score(m, hay, i, i + 3, info.prior(), nums);
    }
    None
}

/// Whether a surname of this prior is weak: a rare one, or one that is mostly a function word
/// (于, 和). A weak surname starts a name only after a cue or before a title ([`score`]).
#[inline]
fn weak(prior: f32) -> bool {
    prior < 1.0
}

fn score(
    m: &Model,
    hay: &[u8],
    start: usize,
    sur_end: usize,
    prior: f32,
    nums: &[(usize, usize)],
) -> Option<(usize, f32)> {
    // Each character after the surname is decoded once: the first given character, the
    // second, and the one after it.
    let c1 = m.ch(hay, sur_end);
    // The tests that reject a candidate outright come cheapest first: a first given character
    // that is not a Han character or is a function word (a quarter of all candidates).
    let l1 = given(c1)?;
    // Forms of address, nicknames, surname mentions, masked values.
    if m.titles.at(hay, sur_end, c1, TITLE_F) || m.not_given.at(hay, sur_end, c1, NOT_GIVEN_F) {
        return None;
    }
    // 小王, 老李, 姓王; a measure word after a numeral or demonstrative (这张卡, 一张纸).
    if cjk_before(hay, start).is_some_and(|prev| m.not_before.contains(prev)) {
        return None;
    }
    let e1 = sur_end + 3;
    if sur_end - start == 3 && hay[start..sur_end] == hay[sur_end..e1] {
        return None; // 谢谢, 哈哈
    }
    let c2 = m.ch(hay, e1);
    let title2 = m.titles.at(hay, e1, c2, TITLE_F);
    let follow2 = m.follow.at(hay, e1, c2, FOLLOW_F);
    let two = if title2 { None } else { given(c2) };
    // One or two given characters.
    let b1 = boundary(c2, title2, follow2);
    let (end, given, bound, last, next) = match two {
        Some(l2) if !follow2 => {
            let e2 = e1 + 3;
            let c3 = m.ch(hay, e2);
            let b2 =
                boundary(c3, m.titles.at(hay, e2, c3, TITLE_F), m.follow.at(hay, e2, c3, FOLLOW_F));
            // Prefer the longer name unless the shorter one ends cleanly and the longer not.
            if b2 == 0 && (b1 > 0 || l2 < 0.0) {
                (e1, l1, b1, c1, c2)
            } else {
                (e2, l1 + l2, b2, c2, c3)
            }
        }
        _ => (e1, l1, b1, c1, c2),
    };
    // Place words (赵营村, 李家庄): the last given character or the one after it.
    if [last, next].iter().flatten().any(|c| m.place.contains(c.cp)) {
        return None;
    }
    let titled = bound == 2;
    let mut s = prior + given + f32::from(bound.min(1)) + if titled { 3.0 } else { 0.0 };
    // A number in the same record supports a name-like candidate only.
    let weak = weak(prior);
    let name_like = !weak && given >= 0.5 * (end - e1 + 3) as f32 / 3.0;
    // Most candidates cannot pass even with the most evidence can add, a cue and a number
    // (added in the order below, so the bound is exact in floating point too).
    if s + 4.0 + if name_like { 3.0 } else { 0.0 } < THRESHOLD {
        return None;
    }
    // The evidence (cheap: a flag test, a binary search), then the table lookups only for a
    // candidate that can still pass.
    let cued = cue_before(hay, start);
    // A rare surname, or one that is mostly a function word (于, 和), needs a cue or a title
    // (tested before the other evidence, which cannot change that).
    if weak && !cued && !titled {
        return None;
    }
    if cued {
        s += 4.0;
    } else if ends_with_any(hay, start, &model().weak_cues) {
        s += 1.5;
    }
    if s < THRESHOLD && name_like && numeric_near(nums, hay, start, end) {
        s += 3.0;
    }
    if s < THRESHOLD {
        return None;
    }
    if !cued {
        // Inside a word that ends in the surname character (办公室, 中国人, 位于; but 家长江怡峰
        // after the cue 家长), or a division name (常宁, 东方, 齐齐哈尔).
        if start >= 3 && tail_words::contains(&hay[start - 3..start + 3]) {
            return None;
        }
        if inside_place(hay, start, end) {
            return None;
        }
    }
    // Ordinary words (王国, 高兴): only a strong cue keeps them.
    if common_words::contains(&hay[start..e1])
        || (end > e1 && common_words::contains(&hay[start..end]))
        || common_words::contains(&hay[start..end.min(e1 + 3)])
    {
        s -= 5.0;
    }
    (s >= THRESHOLD).then(|| (end, (0.6 + (s - THRESHOLD) * 0.05).min(0.95)))
}

/// Whether a division name from the gazetteer covers `start..end` (齐齐哈尔, 张家口).
fn inside_place(hay: &[u8], start: usize, end: usize) -> bool {
    let g = crate::tables::gazetteer::get();
    let lim = (end + 12).min(hay.len());
    [start, start.saturating_sub(3), start.saturating_sub(6)]
        .iter()
        .any(|&p| g.at(hay, p, lim).is_some_and(|(e, _)| e > start && e >= end.min(e)))
}

/// Whether `c` may stand anywhere in a transliterated (`·`) name without changing where the
/// detector ends it: a transliteration character that does not end such a name, start a
/// title or end a cue word. `tokenize` permutes these characters of `·` names among
/// themselves, so that a token is found exactly as its name was.
pub(crate) fn neutral_in_dotted(c: char) -> bool {
    const ENDS: &str = "的是在和与给叫为了把被对向从";
    name_chars::in_names(c)
        && !ENDS.contains(c)
        && !TITLES.iter().any(|w| w.starts_with(c))
        && !CUES.iter().chain(WEAK_CUES).any(|w| w.ends_with(c))
}

/// Transliterated / minority name around a middle dot at `dot..dot_end`.
fn dotted(m: &Model, hay: &[u8], dot: usize, dot_end: usize) -> Option<(usize, usize)> {
    // Transliterations use function characters too (阿不都): only a few words end them.
    const ENDS: &str = "的是在和与给叫为了把被对向从";
    let translit = |cp: u32| {
        m.get(cp).flags & TRANSLIT != 0 && char::from_u32(cp).is_some_and(|c| !ENDS.contains(c))
    };
    let mut s = dot;
    let mut n = 0;
    // Leftwards, not into a cue word (收件人阿卜杜…).
    while n < 8 && !ends_with_any(hay, s, &m.cues) {
        match cjk_before(hay, s) {
            Some(cp) if translit(cp) => {
                s -= 3;
                n += 1;
            }
            _ => break,
        }
    }
    let mut e = dot_end;
    let mut k = 0;
    while k < 8 && !starts_with_any(hay, e, &m.titles, TITLE_F) {
        match cjk_at(hay, e) {
            Some(cp) if translit(cp) => {
                e += 3;
                k += 1;
            }
            _ => break,
        }
    }
    if n < 1 || k < 1 || n + k < 3 {
        return None;
    }
    Some((s, e))
}

/// The middle dots of names: `·` U+00B7, `•` U+2022, `・` U+30FB, `．`? (no: a full stop).
fn dot_at(hay: &[u8], i: usize) -> usize {
    match hay[i] {
        0xC2 if hay.get(i + 1) == Some(&0xB7) => 2,
        0xE2 if hay.get(i + 1..i + 3) == Some(&[0x80, 0xA2]) => 3,
        0xE3 if hay.get(i + 1..i + 3) == Some(&[0x83, 0xBB]) => 3,
        _ => 0,
    }
}

impl Detector for Name {
    fn kind(&self) -> Kind {
        Kind::Name
    }

    fn trigger(&self) -> Trigger {
        Trigger::Text
    }

    fn confirm(&self, hay: &[u8], cand: Candidate, ctx: &Ctx<'_>, out: &mut Vec<Hit>) {
        if cand != Candidate::Text {
            return;
        }
        let m = model();
        let marks = ctx.marks.and_then(|mk| mk.starts(hay));
        NUMS.with(|nums| {
            let mut nums = nums.borrow_mut();
            nums.clear();
            nums.extend(
                ctx.found
                    .iter()
                    .filter(|h| matches!(h.kind, Kind::Phone | Kind::IdCard | Kind::BankCard))
                    .map(|h| (h.start, h.end)),
            );
            nums.sort_unstable();
            scan(m, hay, &nums, marks, out);
        });
    }
}

thread_local! {
    /// Per-thread scratch: the spans of the numeric hits of the haystack being scanned, sorted
    /// (like the scanner's own buffers, it grows once and is reused).
    static NUMS: std::cell::RefCell<Vec<(usize, usize)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Positions found by one pass over a haystack for both text detectors ([`mark`]): where a
/// name may start and where an address anchor is, as bitmaps (bit `i % 64` of word `i / 64`
/// for byte `i`).
///
/// # Design rationale
///
/// The name scan and the address anchor search each decoded every character of the haystack
/// and tested it against a set; on Chinese text that decoding was a third of their cost. The
/// scanner now runs [`mark`] once and hands the result to both through [`Ctx::marks`].
///
/// The anchors are exact for any bytes ([`super::address`] finds them at every position where
/// their bytes occur). The name starts are the positions the name scan would stop at
/// ([`next_start`]: a surname character or a middle dot) less the surname characters that
/// cannot start a name there ([`mark`]); that holds as long as the scan's walk visits every lead
/// byte, which it does unless a lead byte `E4`–`E9` (where it steps three bytes blindly)
/// lacks its two continuation bytes and a name start could begin in the two bytes it steps
/// over (a start is at least two bytes long, so not when the haystack ends within them, as
/// where a chunk cuts a character). [`mark`] notes such a haystack, and the name detector
/// walks that one itself.
#[derive(Default)]
pub(crate) struct Marks {
    starts: Vec<u64>,
    anchors: Vec<u64>,
    /// Whether `starts` is what the name scan would visit (see above).
    regular: bool,
    /// The length of the haystack marked, `usize::MAX` when the pass did not run (a haystack
    /// longer than [`MAX_MARKED`]).
    len: usize,
}

impl Marks {
    /// The name starts of `hay`, if the pass ran over it and they are exact.
    pub(crate) fn starts(&self, hay: &[u8]) -> Option<&[u64]> {
        debug_assert!(self.len == hay.len() || self.len == usize::MAX);
        (self.len == hay.len() && self.regular).then_some(&self.starts[..])
    }

    /// The address anchors of `hay`, if the pass ran over it.
    pub(crate) fn anchors(&self, hay: &[u8]) -> Option<&[u64]> {
        debug_assert!(self.len == hay.len() || self.len == usize::MAX);
        (self.len == hay.len()).then_some(&self.anchors[..])
    }
}

/// The longest haystack [`mark`] marks (chunks are far smaller by default); beyond it the
/// detectors walk the haystack themselves, which needs no memory.
const MAX_MARKED: usize = 16 << 20;

/// The code points of the middle dots `•` and `・` ([`dot_at`]; `·` is two bytes).
const DOTS3: [u32; 2] = [0x2022, 0x30FB];

/// Flags of [`Model::marks`], by code point ([`mark`]). A name starts at the character: a
/// surname that is not [`weak`] or a three-byte middle dot (`M_START`); a weak surname, only
/// next to a cue or a title (`M_WEAK`); the first character of a compound surname, only before
/// a second one (`M_COMPOUND`). The first character of a title or the second of a compound
/// surname (`M_NEXT`, one flag for both: each use only needs a superset). An address anchor
/// (`M_ANCHOR`); 单 and 元, for 单元 (`M_DAN`, `M_YUAN`). The last character of a cue word or
/// a three-byte separator after one (`M_CUE`).
const M_START: u8 = 1;
const M_WEAK: u8 = 2;
const M_COMPOUND: u8 = 4;
const M_NEXT: u8 = 8;
const M_ANCHOR: u8 = 16;
const M_DAN: u8 = 32;
const M_YUAN: u8 = 64;
const M_CUE: u8 = 128;

/// The three-byte sequences of one block of 64 bytes (a lead byte `E0`–`FF` and two
/// continuation bytes, decoded by [`decode3`] as the detectors' own walks do), as
/// bitmaps by position: all of them, and those whose character has each `M_*` flag.
#[derive(Clone, Copy, Default)]
struct Chars {
    seq3: u64,
    flags: [u64; 8],
}

impl Chars {
    /// The characters of block `k` of `hay`; `b` and `next` are the classes of its bytes and
    /// of the next block's.
    #[inline]
    fn of(table: &[u8; 0x10000], hay: &[u8], k: usize, b: &Text, next: &Text) -> Chars {
        let seq3 = b.lead & (b.cont >> 1 | next.cont << 63) & (b.cont >> 2 | next.cont << 62);
        // Each sequence's flags at its position, then bit planes of those.
        let mut flags = [0u8; 64];
        let mut bits = seq3;
        while bits != 0 {
            let j = bits.trailing_zeros() as usize & 63;
            bits &= bits - 1;
            let i = 64 * k + j;
            // Always there: a sequence's continuation bytes are in `hay`.
            let Some(&[b0, b1, b2]) = hay.get(i..i + 3) else { break };
            flags[j] = table[decode3(b0, b1, b2) as usize];
        }
        Chars { seq3, flags: classify::planes(&flags) }
    }

    fn get(&self, flag: u8) -> u64 {
        self.flags[flag.trailing_zeros() as usize]
    }
}

/// One pass over `hay` for both text detectors: fills `mk` with the positions where a name may
/// start and the address anchors ([`Marks`]).
///
/// What is marked depends on the bytes around each position alone, never on a walk: a `-`
/// (an anchor between digits), `C2 B7` (`·`), and a three-byte sequence ([`Chars`]) whose
/// character is a name start (lead below `F0`) or an anchor. The walk of the name scan, and
/// the anchor search's, stop at every byte that is not a continuation byte, so at each of
/// these.
///
/// A weak surname is marked only where a cue may end right before it (a character that ends a
/// cue word, or a separator [`skip_back`] skips) or a title may start at the second or third
/// character after it: [`score`] rejects it everywhere else, and weak surnames are three in
/// four of all candidates. The first character of a compound surname that is not a single
/// one (上, 东, 公, 司 are common words' characters) is marked only before a second one.
///
/// The haystack goes by blocks of 64 bytes: the byte classes come from SIMD compares
/// ([`classify::text_block`]), each three-byte sequence is decoded once and looked up in one byte
/// table of flags, and the rest is bit arithmetic on the flags of the block and its
/// neighbours. Nothing branches on what a character is: whether it is a surname is a coin
/// toss that a branch predictor loses.
#[inline(never)]
pub(crate) fn mark(hay: &[u8], mk: &mut Marks) {
    mk.starts.clear();
    mk.anchors.clear();
    mk.regular = true;
    if hay.len() > MAX_MARKED {
        mk.len = usize::MAX;
        return;
    }
    mk.len = hay.len();
    let table: &[u8; 0x10000] = &model().marks;
    let blocks = hay.len().div_ceil(64);
    let bytes = |k: usize| classify::text_block(hay, k);
    // Blocks k - 1, k and k + 1 (bytes and characters) and the bytes of k + 2.
    let (mut prev, mut cur, mut next) = (Text::default(), bytes(0), bytes(1));
    let mut prev_ch = Chars::default();
    let mut cur_ch = Chars::of(table, hay, 0, &cur, &next);
    for k in 0..blocks {
        let after = bytes(k + 2);
        let next_ch = Chars::of(table, hay, k + 1, &next, &after);
        let three = !cur.lead4;
        // A weak surname after a cue (its last character, or a separator) or before a title.
        let cue = cur_ch.get(M_CUE) << 3 | prev_ch.get(M_CUE) >> 61;
        let sep = cur.name_sep << 1 | prev.name_sep >> 63;
        let (after1, after1_next) = (cur_ch.get(M_NEXT), next_ch.get(M_NEXT));
        let titled = after1 >> 6 | after1_next << 58 | after1 >> 9 | after1_next << 55;
        let weak = cur_ch.get(M_WEAK) & (cue | sep | titled);
        // A compound surname's first character before a second one.
        let compound = cur_ch.get(M_COMPOUND) & (after1 >> 3 | after1_next << 61);
        let dot = cur.c2 & (cur.b7 >> 1 | next.b7 << 63);
        mk.starts.push((cur_ch.get(M_START) | weak | compound) & three | dot);
        // 单 before the bytes of 元.
        let yuan = cur_ch.get(M_YUAN) & three;
        let yuan_next = next_ch.get(M_YUAN) & !next.lead4;
        let dan = cur_ch.get(M_DAN) & (yuan >> 3 | yuan_next << 61);
        mk.anchors.push(cur_ch.get(M_ANCHOR) | dan | cur.dash);
        // A lead byte `E4`–`E9` without its continuation bytes, not at the very end.
        let bad = cur.han_lead & !cur_ch.seq3;
        if bad != 0 && 64 * k + bad.trailing_zeros() as usize + 2 < hay.len() {
            mk.regular = false;
        }
        (prev, cur, next) = (cur, next, after);
        (prev_ch, cur_ch) = (cur_ch, next_ch);
    }
}

/// The next position at or after `i` where a name may start (a surname character or a middle
/// dot, [`Marks`]): the character there and the dot's length (0 for a character).
#[inline]
fn next_start(m: &Model, hay: &[u8], mut i: usize) -> Option<(usize, u32, usize)> {
    while i < hay.len() {
        let b = hay[i];
        if b < 0xC2 {
            // ASCII (skipped eight bytes a step) or a stray continuation byte.
            i = if b < 0x80 { skip_ascii_except(hay, i, 0x80) } else { i + 1 };
            continue;
        }
        if (0xE4..=0xE9).contains(&b) {
            match cjk_at(hay, i) {
                Some(cp) if m.marks[cp as usize] & (M_START | M_WEAK | M_COMPOUND) != 0 => {
                    return Some((i, cp, 0))
                }
                _ => i += 3,
            }
        } else {
            match dot_at(hay, i) {
                // Its continuation bytes start nothing.
                0 => i += seq_len(hay, i),
                d => return Some((i, 0, d)),
            }
        }
    }
    None
}

/// Finds the names of `hay`; `marks` holds the positions [`next_start`] would stop at, less
/// those where no name can start, when the shared pass found them ([`Marks::starts`]).
///
/// Addresses found in the same haystack (the address detector runs first and its hits are
/// already in `out`, in order) hold no names: a name inside an address would lose to it in the
/// resolver anyway, and overlaps are what make resolution slow.
fn scan(m: &Model, hay: &[u8], nums: &[(usize, usize)], marks: Option<&[u64]>, out: &mut Vec<Hit>) {
    let n0 = out.len();
    let mut ai = 0;
    // The next address that ends after `i`, if any.
    let next_addr = |out: &Vec<Hit>, ai: &mut usize, i: usize| -> Option<(usize, usize)> {
        while *ai < n0 && (out[*ai].kind != Kind::Address || out[*ai].end <= i) {
            *ai += 1;
        }
        (*ai < n0).then(|| (out[*ai].start, out[*ai].end))
    };
    debug_assert!(out.windows(2).all(|w| w[0].start <= w[1].start), "addresses out of order");
    // The addresses that start before the end of the last dotted name: their number and the
    // largest end among them.
    let (mut fi, mut fmax) = (0, 0);
    let mut i = 0;
    let mut addr = next_addr(out, &mut ai, 0);
    loop {
        // Most characters are neither a surname nor the first of a compound one, nor a middle
        // dot: nothing starts there, and `compound_at` below is false. They are skipped before
        // the address test (nothing starts inside an address either, and stepping over a
        // character that starts nothing ends where the address skip would: at a character
        // boundary, so at the address's end or at the ASCII run after it).
        let next = match marks {
            Some(marks) => classify::next_set(marks, i).map(|p| match cjk_at(hay, p) {
                Some(cp) if (0xE4..=0xE9).contains(&hay[p]) => (p, cp, 0),
                _ => (p, 0, dot_at(hay, p)),
            }),
            None => next_start(m, hay, i),
        };
        let Some((at, cp, d)) = next else { break };
        i = at;
        let han = d == 0;
        // `i` only grows: the next address stays the same until `i` passes its end.
        if addr.is_some_and(|(_, e)| e <= i) {
            addr = next_addr(out, &mut ai, i);
        }
        if let Some((s, e)) = addr {
            if s <= i {
                i = e;
                continue;
            }
        }
        let clear = |end: usize| addr.is_none_or(|(s, _)| end <= s);
        if han {
            let compound = compound_at(m, hay, i);
            if let Some((end, conf)) =
                candidate(m, hay, i, cp, compound, nums).filter(|&(end, _)| clear(end))
            {
                out.push(Hit::new(Kind::Name, i, end, conf));
                i = end;
                continue;
            }
            // A compound surname that is not a name here does not start one at its second
            // character either (公孙洋庆 is not 孙洋庆), unless it is inside a word (家长孙彬琦:
            // 家长 + 孙彬琦).
            let skip =
                compound && !(i >= 3 && hay.get(i - 3..i + 3).is_some_and(tail_words::contains));
            i += if skip { 6 } else { 3 };
            continue;
        }
        // Not into an address on either side: no address that starts before the name's end
        // ends after its start. The addresses come with nondecreasing starts, and the ends of
        // the dotted names asked about grow (the next dot is past the end of this name), so
        // one pass over the addresses answers all.
        let mut free = |s: usize, e: usize| {
            while fi < n0 && out[fi].start < e {
                if out[fi].kind == Kind::Address {
                    fmax = fmax.max(out[fi].end);
                }
                fi += 1;
            }
            fmax <= s
        };
        if let Some((s, e)) = dotted(m, hay, i, i + d).filter(|&(s, e)| free(s, e)) {
            // Drop a Han-name hit inside the first part (收件人阿卜杜…).
            while out.len() > n0 && out.last().is_some_and(|h| h.kind == Kind::Name && h.end > s) {
                out.pop();
            }
            out.push(Hit::new(Kind::Name, s, e, 0.8));
            i = e;
            continue;
        }
        i += d;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::evidence::Cues;
    use crate::validate::Date;

    fn names(s: &str) -> Vec<&str> {
        let cues = Cues::new();
        let ctx = Ctx::new(&cues, Date::today());
        let mut out = Vec::new();
        Name.confirm(s.as_bytes(), Candidate::Text, &ctx, &mut out);
        out.iter().map(|h| &s[h.start..h.end]).collect()
    }

    #[test]
    fn cued_names() {
        assert_eq!(names("收件人：欧阳娜娜，电话"), ["欧阳娜娜"]);
        assert_eq!(names("联系人张伟，"), ["张伟"]);
        assert_eq!(names("姓名：李秀英"), ["李秀英"]);
        assert_eq!(names("name=王建国&age=3"), ["王建国"]);
        assert_eq!(names("{\"realName\":\"刘洋\"}"), ["刘洋"]);
        assert_eq!(names("张伟明先生来电"), ["张伟明"]);
        assert_eq!(names("收件人阿卜杜热合曼·买买提，"), ["阿卜杜热合曼·买买提"]);
    }

    #[test]
    fn not_names() {
        for s in [
            "王先生您好",
            "张总说",
            "陈老师好",
            "小王说",
            "老李来了",
            "王国的历史",
            "张开双臂",
            "我很高兴",
            "马上就到",
            "王庄村",
            "他姓王",
            "张某某",
            "联系人张*",
            "方面",
            "任何人",
        ] {
            assert!(names(s).is_empty(), "{s}: {:?}", names(s));
        }
    }

    #[test]
    fn sorted_word_lists() {
        for list in [TITLES, NOT_GIVEN, FOLLOW] {
            let words = Words::new(list);
            let tails = ["", "伟", "x", "，", "经理"];
            for w in list.iter().chain(&["先", "大", "总经", "x", "＊", "×", "明"]) {
                for t in tails {
                    let rest = format!("{w}{t}");
                    let want = list.iter().any(|l| rest.as_bytes().starts_with(l.as_bytes()));
                    assert_eq!(words.starts(rest.as_bytes()), want, "{rest}");
                    let cut = &rest.as_bytes()[..rest.len() - 1];
                    let want = list.iter().any(|l| cut.starts_with(l.as_bytes()));
                    assert_eq!(words.starts(cut), want, "{rest} less a byte");
                }
            }
            assert!(!words.starts(b""));
        }
    }

    #[test]
    fn sorted_cue_lists() {
        for list in [CUES, WEAK_CUES] {
            let tails = Tails::new(list);
            for w in list {
                assert!(w.chars().last().is_some_and(|c| is_han(c as u32)), "{w}");
            }
            let heads = ["", "x", "：", "张", "客户名"];
            for w in list.iter().chain(&["人", "名", "户", "件人", "真实", "x"]) {
                for h in heads {
                    let head = format!("{h}{w}");
                    let want = list.iter().any(|l| head.ends_with(l));
                    assert_eq!(tails.ends(head.as_bytes()), want, "{head}");
                }
            }
            assert!(!tails.ends(b""));
        }
    }

    /// Random haystacks of name and address parts, middle dots, punctuation, ASCII and stray or
    /// malformed bytes.
    fn random_hays(seed: u64, n: usize) -> Vec<Vec<u8>> {
        let mut parts: Vec<Vec<u8>> = [
            "王",
            "张",
            "欧阳",
            "诸葛",
            "伟",
            "明",
            "先生",
            "收件人：",
            "的",
            "，",
            "。",
            "号",
            "单元",
            "单",
            "楼",
            "室",
            "栋",
            "路",
            "浙江省",
            "杭州市",
            "文三路",
            "478",
            "-",
            "·",
            "•",
            "・",
            "阿卜杜",
            "买买提",
            "于",
            "和",
            "上",
            "官",
            "东",
            "方",
            "司",
            "万",
            "老师",
            "大",
            "姓名",
            "：",
            "　",
            "=",
            "name",
            "Ａ",
            "５",
            "a",
            " ",
            "\n",
            "1-2",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        parts.extend(
            [
                &[0xE4][..],
                &[0xE5, 0x8F],
                &[0x88],
                &[0xBF],
                &[0xC2],
                &[0xB7],
                &[0xF5, 0x8F, 0xB7],
                &[0xF5, 0x85, 0x83],
            ]
            .iter()
            .map(|b| b.to_vec()),
        );
        parts.push(vec![0xF0, 0x9F, 0x98, 0x80]);
        let mut rng = crate::testutil::XorShift(seed);
        (0..n)
            .map(|_| {
                let k = rng.below(40);
                (0..k).flat_map(|_| parts[rng.below(parts.len())].clone()).collect()
            })
            .collect()
    }

    /// The positions of the set bits of `bits`.
    fn positions(bits: &[u64]) -> Vec<u32> {
        (0..bits.len() * 64)
            .filter(|&i| bits[i / 64] >> (i % 64) & 1 == 1)
            .map(|i| i as u32)
            .collect()
    }

    #[test]
    fn marks_are_what_the_walks_find() {
        let m = model();
        let mut mk = Marks::default();
        let (mut regular, mut irregular, mut starts, mut dropped) = (0, 0, 0, 0);
        // What `score` rejects: a weak surname at `p` with no cue character or separator before
        // it and no title character at the second or third character after it, or the first
        // character of a compound surname (and no single one) that no second one follows.
        let flags_at = |hay: &[u8], p: usize| cjk_at(hay, p).map_or(0, |cp| m.get(cp).flags);
        let unstartable = |hay: &[u8], p: usize| {
            let info = cjk_at(hay, p).map(|cp| m.get(cp));
            let cue = (p >= 3 && flags_at(hay, p - 3) & CUE_L != 0)
                || (p >= 1 && matches!(hay[p - 1], b' ' | b'\t' | b':' | b'=' | b'"' | b'\''))
                || (p >= 3 && SEPS3.iter().any(|s| hay[p - 3..p] == *s.as_bytes()));
            let title = [p + 6, p + 9].iter().any(|&q| flags_at(hay, q) & TITLE_F != 0);
            // A Han character that starts no compound surname here and is no surname, or a
            // weak one alone.
            info.is_some()
                && !compound_at(m, hay, p)
                && info
                    .is_some_and(|i| i.flags & SURNAME == 0 || (weak(i.prior()) && !cue && !title))
        };
        for hay in random_hays(0x9E37_79B9_7F4A_7C15, 20_000) {
            mark(&hay, &mut mk);
            assert_eq!(
                mk.anchors(&hay).map(positions),
                Some(super::super::address::anchor_walk(&hay)),
                "{hay:?}"
            );
            // The name scan's own walk, without jumps.
            let mut walk = Vec::new();
            let mut i = 0;
            while let Some((p, _, d)) = next_start(m, &hay, i) {
                walk.push(p as u32);
                i = p + if d == 0 { 3 } else { d };
            }
            let malformed = (0..hay.len()).any(|p| {
                (0xE4..=0xE9).contains(&hay[p]) && cjk_at(&hay, p).is_none() && p + 2 < hay.len()
            });
            assert_eq!(mk.regular, !malformed, "{hay:?}");
            if malformed {
                assert_eq!(mk.starts(&hay), None);
                irregular += 1;
                continue;
            }
            regular += 1;
            // The marks are the walk's stops less starts `score` rejects (never more).
            let marked = positions(mk.starts(&hay).expect("regular"));
            let mut kept = marked.iter().peekable();
            for &p in &walk {
                if kept.peek() == Some(&&p) {
                    kept.next();
                    starts += 1;
                } else {
                    assert!(unstartable(&hay, p as usize), "{p} {}", String::from_utf8_lossy(&hay));
                    dropped += 1;
                }
            }
            assert_eq!(kept.next(), None, "{hay:?}");
        }
        assert!(regular > 5000 && irregular > 5000, "{regular} {irregular}");
        assert!(starts > 50_000 && dropped > 5_000, "{starts} {dropped}");
    }

    #[test]
    fn long_haystacks_are_not_marked() {
        let mut mk = Marks::default();
        let hay = "王".repeat(MAX_MARKED / 3 + 1);
        mark(hay.as_bytes(), &mut mk);
        assert_eq!((mk.starts(hay.as_bytes()), mk.anchors(hay.as_bytes())), (None, None));
        let hay = &hay.as_bytes()[..MAX_MARKED / 3 * 3];
        mark(hay, &mut mk);
        assert_eq!(mk.starts(hay).map(|b| positions(b).len()), Some(MAX_MARKED / 3));
    }

    #[test]
    fn marks_change_no_finding() {
        use crate::detect::address::Address;
        let cues = Cues::new();
        let mut mk = Marks::default();
        let mut found = 0;
        let mut hays = random_hays(0x5DEE_CE66_D1CE_4E5B, 20_000);
        hays.push("收件人：欧阳娜娜 浙江省杭州市西湖区文三路478号华星科技大厦5楼502室".into());
        hays.push("联系人张伟，收件人阿卜杜热合曼·买买提，幸福路3号楼2单元501室".into());
        for hay in hays {
            mark(&hay, &mut mk);
            let run = |ctx: Ctx<'_>| {
                let mut out = Vec::new();
                Address.confirm(&hay, Candidate::Text, &ctx, &mut out);
                Name.confirm(&hay, Candidate::Text, &ctx, &mut out);
                out.iter().map(|h| (h.kind, h.start, h.end)).collect::<Vec<_>>()
            };
            let plain = run(Ctx::new(&cues, Date::today()));
            let marked = run(Ctx::new(&cues, Date::today()).with_marks(&mk));
            assert_eq!(plain, marked, "{}", String::from_utf8_lossy(&hay));
            found += plain.len();
        }
        assert!(found > 2000, "{found}");
    }

    #[test]
    fn columns() {
        assert!(name_column(b"real_name"));
        assert!(name_column("姓名".as_bytes()));
        assert!(name_column(b"contactName"));
        assert!(!name_column(b"filename"));
        assert!(!name_column(b"username"));
    }
}
