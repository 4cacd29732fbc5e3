//! `address`: Chinese postal addresses, from the first administrative or road component to the
//! last house-level component (CONTRACT.md).
//!
//! # What counts
//!
//! An address is a run of components, written without spaces or punctuation between them:
//!
//! * **administrative**: a province, prefecture or county name from the gazetteer
//!   (`tables::gazetteer`, built from `patterns/regions.tsv`), full or short (浙江省 / 浙江,
//!   嘉定区 / 嘉定, 黔南州);
//! * **named**: up to ten name characters and a suffix — a road (路 街 大街 大道 道 巷 弄 胡同 里),
//!   a township (街道 镇 乡 苏木), a village (村 社区 嘎查 屯) or an estate or building (小区 花园
//!   大厦 广场 公寓 苑 园 中心 城 …);
//! * **number**: a numeral (Arabic, full-width, Chinese `三`, a letter `A`, `12-3-401`) and a
//!   marker: house-level 号 号楼 号院 栋 幢 座 单元 层 楼 室 房 户 组, or intermediate 弄 巷 期 区
//!   排 段; a bare room number right after 座/栋/幢/单元/楼/号 (`A座1201`), and a dashed
//!   `12-3-401` after a named component, are house-level too.
//!
//! It must **start** with an administrative component, or with a road when no administrative
//! part precedes it (科苑路15号); it must hold a named component before its first house-level
//! one, and it **ends** at its last house-level component. So `在北京开会`, `浙江省杭州市西湖区`,
//! `籍贯：湖南长沙`, `文三路` (no number), `浙江大学`, `北京市第一人民医院`, `上海6号` and
//! `王庄村` are not addresses, while `浙江杭州西湖区文三路478号华星科技大厦5楼502室` is one,
//! whole. A road name starts after punctuation, a non-CJK character or a function word
//! (住在, 位于, 寄到, 地址：). `#` (`3#楼`) is a chunk breaker (`chunk.rs`) and never part of
//! a finding: such an address ends before it.
//!
//! # Search
//!
//! House-level markers (号, 室, 栋 …, and `-` between digits) are the anchors. The scanner's
//! shared pass over the haystack ([`super::name::mark`], which also marks where names may
//! start) lists them; called without it, the detector finds them with [`anchors`]: a SWAR skip
//! over ASCII and one table test per three-byte character (an automaton here cost a fifth of
//! a log scan, since it has to step through every ASCII byte).
//! For an anchor after a numeral, the detector tries each CJK character start in the
//! [`WINDOW`] bytes before it, earliest first, and keeps the first whose parse reaches past the
//! anchor. Starts before the last byte that no address holds (punctuation, a space) cannot
//! reach the anchor and are not tried ([`units_before`]). That makes the result a function of the bytes around
//! the anchor alone, whatever the haystack's edges: an anchor inside the address found for an
//! earlier anchor gets the same address, so it is skipped when that address also starts in its
//! window.

use super::name::{cjk_at, cjk_before, is_han, prefix};
use super::{Candidate, Ctx, Detector, Trigger, MAX_LEN};
use crate::finding::Hit;
use crate::kind::Kind;
use crate::tables::gazetteer;
use crate::text::{
    decode3, digit_at, glued_after, letter_at, skip_ascii_except, word_unit_at, CharSet,
};
use std::sync::OnceLock;

pub(crate) struct Address;

/// How far before an anchor an address may start.
const WINDOW: usize = 192;

/// Longest name part of a named component, in characters.
const MAX_NAME: usize = 10;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Named {
    Road,
    Township,
    Village,
    Estate,
}

/// Suffixes of named components, longest first where one is a prefix of another.
const SUFFIXES: &[(&str, Named)] = &[
    ("街道", Named::Township),
    ("大道", Named::Road),
    ("大街", Named::Road),
    ("胡同", Named::Road),
    ("路", Named::Road),
    ("街", Named::Road),
    ("巷", Named::Road),
    ("弄", Named::Road),
    ("道", Named::Road),
    ("里", Named::Road),
    ("镇", Named::Township),
    ("乡", Named::Township),
    ("苏木", Named::Township),
    ("社区", Named::Village),
    ("嘎查", Named::Village),
    ("村", Named::Village),
    ("屯", Named::Village),
    ("小区", Named::Estate),
    ("花园", Named::Estate),
    ("大厦", Named::Estate),
    ("广场", Named::Estate),
    ("公寓", Named::Estate),
    ("家园", Named::Estate),
    ("新村", Named::Estate),
    ("大楼", Named::Estate),
    ("中心", Named::Estate),
    ("公馆", Named::Estate),
    ("山庄", Named::Estate),
    ("别墅", Named::Estate),
    ("商城", Named::Estate),
    ("写字楼", Named::Estate),
    ("大院", Named::Estate),
    ("校区", Named::Estate),
    ("大学", Named::Estate),
    ("宿舍", Named::Estate),
    ("工业区", Named::Estate),
    ("开发区", Named::Estate),
    ("园区", Named::Estate),
    ("基地", Named::Estate),
    ("市场", Named::Estate),
    ("酒店", Named::Estate),
    ("宾馆", Named::Estate),
    ("苑", Named::Estate),
    ("园", Named::Estate),
    ("城", Named::Estate),
    ("府", Named::Estate),
    ("院", Named::Estate),
    ("湾", Named::Estate),
    ("居", Named::Estate),
];

/// Markers after a numeral, longest first: (marker, house-level, a bare room number may follow).
const MARKERS: &[(&str, bool, bool)] = &[
    ("号楼", true, true),
    ("号院", true, true),
    ("号房", true, false),
    ("单元", true, true),
    ("号", true, true),
    ("栋", true, true),
    ("幢", true, true),
    ("座", true, true),
    ("层", true, true),
    ("楼", true, true),
    ("室", true, false),
    ("房", true, false),
    ("户", true, false),
    ("组", true, false),
    ("弄", false, false),
    ("巷", false, false),
    ("期", false, false),
    ("区", false, false),
    ("排", false, false),
    ("段", false, false),
];

/// What may not follow 号 for it to be a house number (3号线, 5号床, 2号码).
const NOT_AFTER_HAO: &str = "线码机字称召外位床人选文令球车口";

/// Characters that never occur inside a place name: function words and verbs around
/// addresses (住在, 位于, 寄到, 地址).
const STOPS: &str = "的了是在我你他她它们与及或到去来住从往于对把被给让向说要会能就也还又很最这那哪什么吗呢吧啊呀着过请您有没不址位寄送搬为将已但并如若即等号";

const NUMERALS: &str = "零〇一二两三四五六七八九十百千";

/// The characters that may be anchors: 号 栋 幢 座 层 楼 室 房 户 组, and 单 as the start of 单元
/// (also read by the shared pass, [`super::name::mark`]).
pub(crate) const ANCHOR_CHARS: &str = "号栋幢座层楼室房户组单";

const STOP: u8 = 1;
const SUFFIX_FIRST: u8 = 2;
const CN_NUM: u8 = 4;
/// The last character of a suffix or of a marker: what stands before the numeral of an
/// address's first house-level component.
const BEFORE_NUM: u8 = 8;

struct Model {
    flags: Vec<u8>,
    /// The anchors of [`anchors`] and the first character of 单元.
    anchors: CharSet,
}

fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let mut flags = vec![0u8; 0x10000];
        let mut set = |s: &str, f: u8| {
            for c in s.chars() {
                flags[c as usize & 0xFFFF] |= f;
            }
        };
        set(STOPS, STOP);
        set(NUMERALS, CN_NUM);
        for (s, _) in SUFFIXES {
            set(&s[..3], SUFFIX_FIRST);
            set(&s[s.len() - 3..], BEFORE_NUM);
        }
        for (s, ..) in MARKERS {
            set(&s[s.len() - 3..], BEFORE_NUM);
        }
        Model { flags, anchors: CharSet::of(ANCHOR_CHARS) }
    })
}

/// Calls `f` with the start of every anchor in `hay`, in order: 号 栋 幢 座 单元 层 楼 室 房 户 组
/// and `-`.
///
/// The same positions as a leftmost-first, non-overlapping search for them: no anchor
/// can start inside another (a UTF-8 lead byte is never a continuation byte, and 元 starts no
/// anchor), so every position where one starts is a match. All but `-` start with E5–E7.
fn anchors(m: &Model, hay: &[u8], mut f: impl FnMut(usize)) {
    let mut i = 0;
    while let Some(&b0) = hay.get(i) {
        if b0 < 0x80 {
            if b0 == b'-' {
                f(i);
                i += 1;
            } else {
                i = skip_ascii_except(hay, i, b'-');
            }
            continue;
        }
        // A whole three-byte character is stepped over at once: its second and third bytes
        // are continuation bytes, where no anchor starts. Anything else steps one byte.
        let (b1, b2) = match hay.get(i + 1..i + 3) {
            Some(&[b1, b2]) if b0 >= 0xE0 && b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 => (b1, b2),
            _ => {
                i += 1;
                continue;
            }
        };
        let cp = decode3(b0, b1, b2);
        if anchor_char(m, hay, i, cp) {
            f(i);
        }
        i += 3;
    }
}

/// Whether the three-byte character `cp` at `i` (decoded as [`anchors`] does, from the low
/// bits of each byte) is an anchor: one table test, as anchors are a few characters in a
/// hundred; 单 only as the start of 单元.
#[inline]
fn anchor_char(m: &Model, hay: &[u8], i: usize, cp: u32) -> bool {
    m.anchors.contains(cp)
        && (cp != u32::from('单') || hay.get(i + 3..i + 6) == Some("元".as_bytes()))
}

/// The anchors of `hay` by [`anchors`]' own walk (for the tests of the shared pass).
#[cfg(test)]
pub(crate) fn anchor_walk(hay: &[u8]) -> Vec<u32> {
    let mut v = Vec::new();
    anchors(model(), hay, |a| v.push(a as u32));
    v
}

/// The earliest position in `lo..=a` from which the bytes up to the anchor at `a` are all
/// units an address is made of: Han characters, ASCII letters and digits, `-`, full-width
/// digits and letters.
///
/// Every component (division names, name characters and suffixes, numerals and markers) is a
/// run of such units, and `a` starts one (it holds a lead byte or `-`). So an address that
/// starts before the returned position cannot reach `a`: the window search skips those
/// starts. Walking back is exact because the unit that ends at a position is known from its
/// last byte: one ASCII byte, or else three bytes.
fn units_before(hay: &[u8], lo: usize, a: usize) -> usize {
    let mut j = a;
    while j > lo {
        let b = hay[j - 1];
        let l = if b < 0x80 {
            usize::from(b.is_ascii_alphanumeric() || b == b'-')
        } else if j >= lo + 3
            && (cjk_before(hay, j).is_some_and(is_han) || word_unit_at(hay, j - 3) == 3)
        {
            3
        } else {
            0
        };
        if l == 0 {
            break;
        }
        j -= l;
    }
    j
}

impl Model {
    fn flags(&self, cp: u32) -> u8 {
        self.flags[cp as usize & 0xFFFF]
    }

    /// Whether the character at `i` can be part of a place name; its length.
    fn name_char(&self, hay: &[u8], i: usize) -> usize {
        match cjk_at(hay, i) {
            Some(cp) if is_han(cp) && self.flags(cp) & STOP == 0 => 3,
            _ if hay.get(i).is_some_and(|b| b.is_ascii_alphabetic()) => 1,
            _ => 0,
        }
    }
}

/// The suffix of a named component at `i`.
fn suffix_at(m: &Model, hay: &[u8], i: usize) -> Option<(usize, Named)> {
    let cp = cjk_at(hay, i)?;
    if m.flags(cp) & SUFFIX_FIRST == 0 {
        return None;
    }
    let rest = &hay[i..];
    SUFFIXES.iter().find(|s| prefix(rest, s.0.as_bytes())).map(|s| (i + s.0.len(), s.1))
}

/// A named component at `p`: name characters, then a suffix. Of several suffixes within
/// [`MAX_NAME`] characters (科技园科苑路15号), the first one a numeral follows wins, else the
/// first one.
fn named_at(m: &Model, hay: &[u8], p: usize, limit: usize) -> Option<(usize, Named, usize)> {
    let mut q = p;
    let mut n = 0;
    let mut first = None;
    while n <= MAX_NAME && q < limit {
        if n >= 1 {
            if let Some((e, k)) = suffix_at(m, hay, q) {
                if e <= limit {
                    let numeral = digit_at(hay, e).is_some()
                        || letter_at(hay, e).is_some()
                        || cjk_at(hay, e).is_some_and(|cp| m.flags(cp) & CN_NUM != 0);
                    if numeral {
                        return Some((e, k, n));
                    }
                    first = first.or(Some((e, k, n)));
                }
            }
        }
        let l = m.name_char(hay, q);
        if l == 0 {
            break;
        }
        q += l;
        n += 1;
    }
    first
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Num {
    Digits { dash: bool },
    Chinese,
    Letter,
}

/// A numeral at `p`: its end and form.
fn numeral_at(m: &Model, hay: &[u8], p: usize) -> Option<(usize, Num)> {
    let mut q = p;
    if hay[q.min(hay.len())..].starts_with("第".as_bytes()) {
        q += 3;
    }
    if digit_at(hay, q).is_some() {
        let mut dash = false;
        loop {
            while let Some((_, l)) = digit_at(hay, q) {
                q += l;
            }
            if hay.get(q) == Some(&b'-') && digit_at(hay, q + 1).is_some() {
                dash = true;
                q += 1;
            } else {
                break;
            }
        }
        // 12B室, 3A栋
        if let Some((_, l)) = letter_at(hay, q) {
            if letter_at(hay, q + l).is_none() && digit_at(hay, q + l).is_none() {
                q += l;
            }
        }
        return Some((q, Num::Digits { dash }));
    }
    let mut n = 0;
    while let Some(cp) = cjk_at(hay, q) {
        if m.flags(cp) & CN_NUM == 0 || n == 5 {
            break;
        }
        q += 3;
        n += 1;
    }
    if n > 0 {
        return Some((q, Num::Chinese));
    }
    let (_, l) = letter_at(hay, q)?;
    // A1座, B2栋
    let mut e = q + l;
    while let Some((_, l)) = digit_at(hay, e) {
        e += l;
    }
    if letter_at(hay, e).is_some() {
        return None;
    }
    Some((e, if e == q + l { Num::Letter } else { Num::Digits { dash: false } }))
}

/// A number component at `p`: its end, whether it is house-level, whether a bare room number
/// may follow.
fn number_at(
    m: &Model,
    hay: &[u8],
    p: usize,
    roomable: bool,
    named: bool,
) -> Option<(usize, bool, bool)> {
    let (q, num) = numeral_at(m, hay, p)?;
    let rest = &hay[q..];
    if let Some(&(mk, house, room)) = MARKERS.iter().find(|mk| prefix(rest, mk.0.as_bytes())) {
        let e = q + mk.len();
        if mk == "号"
            && cjk_at(hay, e).and_then(char::from_u32).is_some_and(|c| NOT_AFTER_HAO.contains(c))
        {
            return None;
        }
        if num == Num::Letter && !matches!(mk, "座" | "栋" | "幢" | "区" | "单元" | "号楼" | "楼")
        {
            return None;
        }
        return Some((e, house, room));
    }
    match num {
        Num::Digits { dash } if (roomable || (dash && named)) && !glued_after(hay, q) => {
            let len = hay[p..q].iter().filter(|b| b.is_ascii_digit()).count();
            (dash || (2..=6).contains(&len)).then_some((q, true, false))
        }
        _ => None,
    }
}

/// Whether a road name may start at `s`: after punctuation, a non-CJK character or a function
/// word.
fn road_start_ok(m: &Model, hay: &[u8], s: usize) -> bool {
    match cjk_before(hay, s) {
        Some(cp) if is_han(cp) => m.flags(cp) & STOP != 0,
        _ => s == 0 || !hay[s - 1].is_ascii_alphanumeric(),
    }
}

/// Parses an address starting at `s`; returns its end (the end of its last house-level
/// component).
fn parse(m: &Model, hay: &[u8], s: usize, memo: &mut Admin) -> Option<usize> {
    let limit = hay.len().min(s + MAX_LEN);
    // An administrative start; failing that, a road (中山巷931号: 中山 is also a city).
    if let Some(e) = memo.at(hay, s, limit) {
        if let Some(end) = components(m, hay, e, limit, false, memo) {
            return Some(end);
        }
    }
    if !road_start_ok(m, hay, s) {
        return None;
    }
    let (e, kind, n) = named_at(m, hay, s, limit)?;
    if kind != Named::Road || n < 2 {
        return None;
    }
    components(m, hay, e, limit, true, memo)
}

/// The division names of one haystack, remembered by position: the window search parses the
/// same stretch from many starts, and each parse asks the gazetteer about the same positions.
/// Direct-mapped (a slot per position modulo its size), so a miss only costs a lookup.
struct Admin {
    /// `(position, end of the longest name there within the haystack)`; `usize::MAX` = empty.
    slots: Vec<(usize, Option<usize>)>,
}

impl Admin {
    const SLOTS: usize = 1024;

    fn new() -> Admin {
        Admin { slots: vec![(usize::MAX, None); Admin::SLOTS] }
    }

    /// Forgets an earlier haystack before one of `len` bytes: only the slots its positions
    /// `0..=len` map to (a short haystack, one value of an Arrow column, must not pay for
    /// clearing all of them; a slot above `len` is never looked up for it).
    fn clear(&mut self, len: usize) {
        let n = len.saturating_add(1).min(Admin::SLOTS);
        self.slots[..n].fill((usize::MAX, None));
    }

    /// [`gazetteer::Gazetteer::at`]'s end for `p` and `limit`.
    fn at(&mut self, hay: &[u8], p: usize, limit: usize) -> Option<usize> {
        let slot = &mut self.slots[p % Admin::SLOTS];
        if slot.0 != p {
            *slot = (p, gazetteer::get().at(hay, p, hay.len()).map(|(e, _)| e));
        }
        match slot.1 {
            // The longest name in the whole haystack ends by `limit`: it is the answer. None
            // there means none by `limit` either.
            Some(e) if e <= limit => Some(e),
            None => None,
            Some(_) => gazetteer::get().at(hay, p, limit).map(|(e, _)| e),
        }
    }
}

thread_local! {
    /// Per-thread scratch for [`Admin`], cleared for each haystack.
    static ADMIN: std::cell::RefCell<Admin> = std::cell::RefCell::new(Admin::new());
}

/// The components after the first, from `p`; returns the end of the last house-level one.
fn components(
    m: &Model,
    hay: &[u8],
    mut p: usize,
    limit: usize,
    mut named: bool,
    memo: &mut Admin,
) -> Option<usize> {
    let mut last = None;
    let mut roomable = false;
    while p < limit {
        if let Some((e, house, room)) = number_at(m, hay, p, roomable, named) {
            if house && named {
                last = Some(e);
            }
            roomable = room;
            p = e;
            continue;
        }
        roomable = false;
        // Administrative names first while no named component has been seen (盐城市盐都区…,
        // 安顺市镇宁布依族苗族自治县…); a short form right before a suffix is the start of a
        // named component instead (广州市北京路, 晋安区凤凰城: 北京, 凤凰 are division names too).
        if !named {
            if let Some(e) = memo.at(hay, p, limit) {
                let full = cjk_before(hay, e)
                    .and_then(char::from_u32)
                    .is_some_and(|c| "省市区县旗州盟".contains(c));
                if full || suffix_at(m, hay, e).is_none() {
                    p = e;
                    continue;
                }
            }
        }
        if let Some((e, _, _)) = named_at(m, hay, p, limit) {
            named = true;
            p = e;
            continue;
        }
        break;
    }
    last
}

/// Whether the numeral before the anchor at `a` follows a suffix or a marker (路15号, 园12-3-401,
/// 栋2单元): every address has such an anchor, the first house-level component after its first
/// named one, while most numbered words in running text (3月5号, 3号线) have none. Skipping the
/// others keeps the result a function of each anchor (module docs).
fn plausible(m: &Model, hay: &[u8], a: usize) -> bool {
    let lo = a.saturating_sub(24);
    let mut i = a;
    // Back over the numeral: digits, letters, `-`, Chinese numerals, 第.
    loop {
        if i > lo && (hay[i - 1].is_ascii_alphanumeric() || hay[i - 1] == b'-') {
            i -= 1;
        } else if i >= lo + 3
            && (digit_at(hay, i - 3).is_some() || letter_at(hay, i - 3).is_some_and(|l| l.1 == 3))
        {
            i -= 3;
        } else if cjk_before(hay, i).is_some_and(|cp| m.flags(cp) & CN_NUM != 0 || cp == 0x7B2C) {
            // a Chinese numeral or 第
            if i < lo + 3 {
                return false;
            }
            i -= 3;
        } else {
            break;
        }
    }
    i < a && cjk_before(hay, i).is_some_and(|cp| m.flags(cp) & BEFORE_NUM != 0)
}

/// Whether the anchor at `a` follows a numeral (or, for `-`, sits between digits).
fn anchored(m: &Model, hay: &[u8], a: usize) -> bool {
    if hay[a] == b'-' {
        return a > 0 && hay[a - 1].is_ascii_digit() && digit_at(hay, a + 1).is_some();
    }
    if a == 0 {
        return false;
    }
    let b = hay[a - 1];
    if b.is_ascii_alphanumeric() {
        return true;
    }
    if a >= 3 && (digit_at(hay, a - 3).is_some() || letter_at(hay, a - 3).is_some()) {
        return true;
    }
    cjk_before(hay, a).is_some_and(|cp| m.flags(cp) & CN_NUM != 0)
}

/// The byte length of the administrative components an address value starts with
/// (`浙江省杭州市西湖区`…): what a mask down to the district keeps, by the gazetteer (short
/// forms included: `浙江杭州西湖区`).
#[allow(dead_code)] // for policy/mask.rs, which has its own suffix-based rule today
pub(crate) fn admin_prefix(v: &[u8]) -> usize {
    let g = gazetteer::get();
    let mut p = 0;
    while let Some((e, _)) = g.at(v, p, v.len()) {
        p = e;
    }
    p
}

impl Detector for Address {
    fn kind(&self) -> Kind {
        Kind::Address
    }

    fn trigger(&self) -> Trigger {
        Trigger::Text
    }

    fn confirm(&self, hay: &[u8], cand: Candidate, ctx: &Ctx<'_>, out: &mut Vec<Hit>) {
        if cand != Candidate::Text {
            return;
        }
        let marks = ctx.marks.and_then(|mk| mk.anchors(hay));
        find(model(), hay, marks, units_before, out);
    }
}

/// The addresses of `hay`, by the window search of the module docs. `marks` holds the anchors
/// when the shared pass found them (else [`anchors`] walks the haystack); `first(hay, lo, a)` is
/// the earliest start tried for the anchor at `a` ([`units_before`]; the tests compare it with
/// `lo`).
fn find(
    m: &Model,
    hay: &[u8],
    marks: Option<&[u64]>,
    first: impl Fn(&[u8], usize, usize) -> usize,
    out: &mut Vec<Hit>,
) {
    ADMIN.with(|memo| {
        let mut memo = memo.borrow_mut();
        memo.clear(hay.len());
        find_with(m, hay, marks, first, &mut memo, out);
    });
}

fn find_with(
    m: &Model,
    hay: &[u8],
    marks: Option<&[u64]>,
    first: impl Fn(&[u8], usize, usize) -> usize,
    memo: &mut Admin,
    out: &mut Vec<Hit>,
) {
    // The last address found: (start, end).
    let mut last: Option<(usize, usize)> = None;
    let mut on_anchor = |a: usize| {
        if let Some((s, e)) = last {
            if a < e && s + WINDOW >= a {
                return;
            }
        }
        if !anchored(m, hay, a) || !plausible(m, hay, a) {
            return;
        }
        let lo = a.saturating_sub(WINDOW);
        let mut s = first(hay, lo, a);
        while s < a {
            let l = match cjk_at(hay, s) {
                Some(cp) if is_han(cp) => {
                    if let Some(e) = parse(m, hay, s, memo).filter(|&e| e > a) {
                        out.push(Hit::new(Kind::Address, s, e, 0.85));
                        last = Some((s, e));
                        break;
                    }
                    3
                }
                _ => 1,
            };
            s += l;
        }
    };
    match marks {
        Some(marks) => {
            for (k, &w) in marks.iter().enumerate() {
                let mut w = w;
                while w != 0 {
                    on_anchor(64 * k + w.trailing_zeros() as usize);
                    w &= w - 1;
                }
            }
        }
        None => anchors(m, hay, on_anchor),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::evidence::Cues;
    use crate::validate::Date;

    fn found(s: &str) -> Vec<&str> {
        let cues = Cues::new();
        let ctx = Ctx::new(&cues, Date::today());
        let mut out = Vec::new();
        Address.confirm(s.as_bytes(), Candidate::Text, &ctx, &mut out);
        out.iter().map(|h| &s[h.start..h.end]).collect()
    }

    #[test]
    fn addresses() {
        assert_eq!(
            found("收件人：欧阳娜娜 18612345678 浙江省杭州市西湖区文三路478号华星科技大厦5楼502室"),
            ["浙江省杭州市西湖区文三路478号华星科技大厦5楼502室"]
        );
        assert_eq!(found("地址：南山区科技园科苑路15号，"), ["南山区科技园科苑路15号"]);
        assert_eq!(found("我住在科苑路15号。"), ["科苑路15号"]);
        assert_eq!(found("浙江杭州西湖区文三路478号"), ["浙江杭州西湖区文三路478号"]);
        assert_eq!(
            found("北京市朝阳区建国路88号SOHO现代城A座1201"),
            ["北京市朝阳区建国路88号SOHO现代城A座1201"]
        );
        assert_eq!(
            found("幸福小区三号楼二单元501室"),
            Vec::<&str>::new(),
            "no admin or road start"
        );
        assert_eq!(
            found("上海市浦东新区幸福小区三号楼二单元501室"),
            ["上海市浦东新区幸福小区三号楼二单元501室"]
        );
        assert_eq!(found("杭州市余杭区阳光花园12-3-401"), ["杭州市余杭区阳光花园12-3-401"]);
        assert_eq!(found("河南省周口市郸城县王庄村3组"), ["河南省周口市郸城县王庄村3组"]);
        assert_eq!(found("广州市北京路5号"), ["广州市北京路5号"]);
        assert_eq!(
            found("江苏省盐城市盐都区兴华路603弄17号1004室"),
            ["江苏省盐城市盐都区兴华路603弄17号1004室"]
        );
        assert_eq!(
            found("贵州省安顺市镇宁布依族苗族自治县锦绣家园七号楼三单元2403室"),
            ["贵州省安顺市镇宁布依族苗族自治县锦绣家园七号楼三单元2403室"]
        );
        assert_eq!(found("四川省成都市武侯区人民南路4段9号"), ["四川省成都市武侯区人民南路4段9号"]);
        assert_eq!(
            found("湖北省十堰市丹江口市凤凰城十号楼一单元2803室"),
            ["湖北省十堰市丹江口市凤凰城十号楼一单元2803室"]
        );
    }

    #[test]
    fn not_addresses() {
        for s in [
            "在北京开会",
            "浙江省杭州市西湖区",
            "籍贯：湖南长沙",
            "浙江大学",
            "北京市第一人民医院",
            "上海6号开始",
            "王庄村",
            "文三路",
            "坐地铁3号线到人民路",
            "上海的天气",
            "杭州市政府发布",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }

    #[test]
    fn anchors_as_an_automaton_finds_them() {
        use aho_corasick::{AhoCorasick, MatchKind};
        const ANCHORS: [&str; 12] =
            ["号", "栋", "幢", "座", "单元", "层", "楼", "室", "房", "户", "组", "-"];
        let ac =
            AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(ANCHORS).unwrap();
        // Bytes of the anchors, of their neighbours, and ASCII; valid UTF-8 or not.
        let alphabet: Vec<u8> = "号单元组户-a1 ".bytes().chain([0xE5, 0xE6, 0x88, 0xBF]).collect();
        let mut rng = crate::testutil::XorShift(0x9E37_79B9_7F4A_7C15);
        for len in [0, 1, 2, 3, 5, 8, 13, 30, 100, 400] {
            for _ in 0..300 {
                let h = rng.bytes(len, &alphabet);
                let want: Vec<usize> = ac.find_iter(&h).map(|m| m.start()).collect();
                let mut got = Vec::new();
                anchors(model(), &h, |a| got.push(a));
                assert_eq!(got, want, "{h:?}");
            }
        }
        let s = "幢座层室栋楼房户组号单元-单".repeat(3);
        let mut got = Vec::new();
        anchors(model(), s.as_bytes(), |a| got.push(a));
        assert_eq!(got.len(), 36);
    }

    #[test]
    fn skipped_starts_never_reach_the_anchor() {
        // Random text made of address parts, punctuation and stray bytes: trying only the
        // starts from `units_before` on finds what trying every start in the window finds.
        let parts: &[&[u8]] = &[
            "浙江省".as_bytes(),
            "杭州".as_bytes(),
            "西湖区".as_bytes(),
            "文三路".as_bytes(),
            "幸福小区".as_bytes(),
            "华星科技大厦".as_bytes(),
            "我住在".as_bytes(),
            "地址：".as_bytes(),
            "，".as_bytes(),
            "、".as_bytes(),
            "５".as_bytes(),
            "Ａ".as_bytes(),
            "号".as_bytes(),
            "楼".as_bytes(),
            "单元".as_bytes(),
            "室".as_bytes(),
            "三".as_bytes(),
            b"478",
            b"12-3-401",
            b"A",
            b" ",
            b"-",
            b"#",
            &[0xE5],
            &[0x8F],
            &[0xB7],
        ];
        let mut rng = crate::testutil::XorShift(0x5DEE_CE66_D1CE_4E5B);
        let m = model();
        let mut hits = 0;
        for _ in 0..3000 {
            let n = rng.below(40);
            let hay: Vec<u8> =
                (0..n).flat_map(|_| parts[rng.below(parts.len())]).copied().collect();
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            find(m, &hay, None, units_before, &mut fast);
            find(m, &hay, None, |_, lo, _| lo, &mut slow);
            let spans = |v: &[Hit]| v.iter().map(|h| (h.start, h.end)).collect::<Vec<_>>();
            assert_eq!(spans(&fast), spans(&slow), "{}", String::from_utf8_lossy(&hay));
            hits += fast.len();
        }
        assert!(hits > 100, "{hits}");
    }

    #[test]
    fn admin_prefixes() {
        let v = "浙江省杭州市西湖区文三路478号";
        assert_eq!(&v[..admin_prefix(v.as_bytes())], "浙江省杭州市西湖区");
        assert_eq!(admin_prefix("科苑路15号".as_bytes()), 0);
    }
}
