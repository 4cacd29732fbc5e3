//! Generators for single synthetic values. Every positive value is valid for its kind (checksums
//! computed here, prefixes from `patterns/`) and is *only* valid for its kind: a generated ID
//! number is never also a Luhn-valid card number with a known prefix, and so on, so a label is
//! never ambiguous. All values are synthetic; none belongs to a real person.
//!
//! Functions in [`neg`] return hard negatives: text that looks like personal information but is
//! not a finding under CONTRACT.md. They are safe to insert anywhere a value may stand (between
//! non-alphanumeric neighbours).

use crate::check;
use crate::rng::Rng;
use crate::tables::tables;

/// City letters on plates and the letter in `E` + letter passports: A–Z except I and O.
pub const PLATE_LETTERS: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Characters allowed in the serial part of a plate.
pub const PLATE_SERIAL: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

// ───────────────────────────── helpers ─────────────────────────────

/// ASCII digits and `X` → full-width (U+FF10–FF19, U+FF38); other characters unchanged.
pub fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0xFF10 + (c as u32 - '0' as u32)).unwrap_or(c),
            'X' | 'x' => '\u{FF38}',
            _ => c,
        })
        .collect()
}

/// `digits` split into groups of 4 joined by `sep` (`6222 0202 0000 1234 567`).
pub fn group4(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 4);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Whether an ASCII digit string is a plausible ID number (known region, valid date, right check
/// for 18 digits; known region and valid 19YYMMDD for 15 digits).
pub fn id_like(s: &str) -> bool {
    let s = check::to_ascii(s);
    let t = tables();
    match s.len() {
        18 => t.known_region(&s[..6]) && check::id18_checksum_and_date_ok(&s),
        15 => {
            s.bytes().all(|b| b.is_ascii_digit())
                && t.known_region(&s[..6])
                && check::valid_yyyymmdd(&format!("19{}", &s[6..12]))
        }
        _ => false,
    }
}

/// Whether a digit string starts with an issuer prefix a card detector may know: any prefix in
/// bank_bins.tsv, UnionPay 62/81, Visa 4, Mastercard 51–55/22–27, Amex 34/37, JCB 35,
/// Diners 30/36/38/39, Discover 60/64/65.
pub fn known_card_prefix(d: &str) -> bool {
    const WELL_KNOWN: [&str; 18] = [
        "62", "81", "4", "51", "52", "53", "54", "55", "22", "23", "24", "25", "26", "27", "34",
        "37", "35", "6",
    ];
    const MORE: [&str; 4] = ["30", "36", "38", "39"];
    WELL_KNOWN.iter().chain(MORE.iter()).any(|p| d.starts_with(p)) || tables().has_bin_prefix(d)
}

/// Whether an ASCII digit string could be taken for a card number without a cue: 13–19 digits,
/// Luhn-valid, known issuer prefix.
pub fn card_like(d: &str) -> bool {
    (13..=19).contains(&d.len())
        && d.bytes().all(|b| b.is_ascii_digit())
        && check::luhn_valid(d)
        && known_card_prefix(d)
}

fn random_birth(rng: &mut Rng, from: (u32, u32, u32), to: (u32, u32, u32)) -> (u32, u32, u32) {
    let a = check::days_from_civil(from.0, from.1, from.2);
    let b = check::days_from_civil(to.0, to.1, to.2);
    let d = a + rng.below((b - a + 1) as u64) as i64;
    check::civil_from_days(d)
}

fn region_county(rng: &mut Rng) -> u32 {
    let t = tables();
    if rng.percent(70) {
        *rng.pick(&t.county_current)
    } else {
        *rng.pick(&t.county_retired)
    }
}

/// The plate province abbreviations from plate_provinces.txt.
pub fn plate_provinces() -> &'static [&'static str] {
    &tables().plate_provinces
}

/// Whether `code` is a six-digit code in regions.tsv (current or retired, any level).
pub fn known_region(code: &str) -> bool {
    tables().known_region(code)
}

// ───────────────────────────── id_card ─────────────────────────────

/// The 17-digit body of an 18-digit ID: county region + birth date 1930-01-01..2012-12-31 + sequence.
fn id18_body(rng: &mut Rng) -> String {
    let region = region_county(rng);
    let (y, m, d) = random_birth(rng, (1930, 1, 1), (2012, 12, 31));
    let seq = rng.range(1, 999);
    format!("{region:06}{y:04}{m:02}{d:02}{seq:03}")
}

/// An 18-digit resident ID number, ASCII, check `X` upper-case.
pub fn id18(rng: &mut Rng) -> String {
    loop {
        let body = id18_body(rng);
        let Some(c) = check::id_check_char(&body) else { continue };
        let s = format!("{body}{c}");
        if !card_like(&s) {
            return s;
        }
    }
}

/// A 15-digit legacy ID: county region + YYMMDD (1930–1999) + 3-digit sequence.
pub fn id15(rng: &mut Rng) -> String {
    loop {
        let region = region_county(rng);
        let (y, m, d) = random_birth(rng, (1930, 1, 1), (1999, 12, 31));
        let seq = rng.range(1, 999);
        let s = format!("{region:06}{:02}{m:02}{d:02}{seq:03}", y % 100);
        if !card_like(&s) {
            return s;
        }
    }
}

/// An ID number as people write it: mostly 18 ASCII digits (a final `X` sometimes lower-case),
/// ~5% full-width, ~8% the 15-digit legacy form.
pub fn id_card(rng: &mut Rng) -> String {
    let r = rng.below(100);
    if r < 8 {
        return id15(rng);
    }
    let s = id18(rng);
    if r < 13 {
        fullwidth(&s)
    } else if s.ends_with('X') && rng.percent(30) {
        s.to_ascii_lowercase()
    } else {
        s
    }
}

// ───────────────────────────── phone ─────────────────────────────

/// Ways of writing a mobile number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MobileFormat {
    /// `13812345678`
    Plain,
    /// `138 1234 5678`
    Spaced,
    /// `138-1234-5678`
    Dashed,
    /// `+86 138-1234-5678`
    Plus86Dashed,
    /// `+8613812345678`
    Plus86,
    /// `0086 13812345678`
    Intl0086,
    /// `86-13812345678`
    Dash86,
    /// `１３８１２３４５６７８`
    FullWidth,
}

impl MobileFormat {
    /// All formats.
    pub const ALL: [MobileFormat; 8] = [
        MobileFormat::Plain,
        MobileFormat::Spaced,
        MobileFormat::Dashed,
        MobileFormat::Plus86Dashed,
        MobileFormat::Plus86,
        MobileFormat::Intl0086,
        MobileFormat::Dash86,
        MobileFormat::FullWidth,
    ];
}

/// 11 ASCII digits of a mainland mobile number (prefix class `mobile`, ~4% `mvno`).
pub fn mobile_digits(rng: &mut Rng) -> String {
    let t = tables();
    let prefix =
        if !t.mvno.is_empty() && rng.percent(4) { rng.pick(&t.mvno) } else { rng.pick(&t.mobile) };
    let mut s = String::with_capacity(11);
    s.push_str(prefix);
    rng.push_digits(&mut s, 11 - prefix.len());
    s
}

/// A mobile number in the given format.
pub fn mobile(rng: &mut Rng, fmt: MobileFormat) -> String {
    let d = mobile_digits(rng);
    let (a, b, c) = (&d[..3], &d[3..7], &d[7..]);
    match fmt {
        MobileFormat::Plain => d,
        MobileFormat::Spaced => format!("{a} {b} {c}"),
        MobileFormat::Dashed => format!("{a}-{b}-{c}"),
        MobileFormat::Plus86Dashed => format!("+86 {a}-{b}-{c}"),
        MobileFormat::Plus86 => format!("+86{d}"),
        MobileFormat::Intl0086 => format!("0086 {d}"),
        MobileFormat::Dash86 => format!("86-{d}"),
        MobileFormat::FullWidth => fullwidth(&d),
    }
}

/// A mobile number in a random format (plain most of the time).
pub fn mobile_any(rng: &mut Rng) -> String {
    let fmt = *rng.weighted(&[
        (MobileFormat::Plain, 62),
        (MobileFormat::Spaced, 8),
        (MobileFormat::Dashed, 8),
        (MobileFormat::Plus86Dashed, 4),
        (MobileFormat::Plus86, 6),
        (MobileFormat::Intl0086, 4),
        (MobileFormat::Dash86, 4),
        (MobileFormat::FullWidth, 4),
    ]);
    mobile(rng, fmt)
}

/// Ways of writing a landline number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LandlineFormat {
    /// `010-12345678`
    Dashed,
    /// `(0755)87654321`
    Paren,
    /// `（0755）8765 4321`
    FullWidthParen,
    /// `0571 8888 6666`
    Spaced,
    /// `02112345678` — only directly after a phone key (`tel=`, `电话：`).
    Contiguous,
}

/// (area code, subscriber number) with a real area code and an allowed subscriber length.
pub fn landline_parts(rng: &mut Rng) -> (&'static str, String) {
    let t = tables();
    let ac = rng.pick(&t.area_codes);
    let len = *rng.pick(&ac.lengths);
    let mut sub = String::with_capacity(len);
    sub.push(rng.digit_in(2, 8));
    rng.push_digits(&mut sub, len - 1);
    (ac.code, sub)
}

fn split_sub(sub: &str) -> (&str, &str) {
    // 8 digits → 4+4, 7 digits → 3+4.
    sub.split_at(sub.len() - 4)
}

/// A landline number in `fmt`, optionally with an extension (`-8023`, `转8023`, ` ext.8023`;
/// not for the spaced or contiguous forms).
pub fn landline(rng: &mut Rng, fmt: LandlineFormat, with_ext: bool) -> String {
    let (ac, sub) = landline_parts(rng);
    let mut s = match fmt {
        LandlineFormat::Dashed => format!("{ac}-{sub}"),
        LandlineFormat::Paren => format!("({ac}){sub}"),
        LandlineFormat::FullWidthParen => {
            if rng.coin() {
                let (x, y) = split_sub(&sub);
                format!("（{ac}）{x} {y}")
            } else {
                format!("（{ac}）{sub}")
            }
        }
        LandlineFormat::Spaced => {
            let (x, y) = split_sub(&sub);
            format!("{ac} {x} {y}")
        }
        LandlineFormat::Contiguous => format!("{ac}{sub}"),
    };
    if with_ext && !matches!(fmt, LandlineFormat::Spaced | LandlineFormat::Contiguous) {
        let n = rng.between(2, 4);
        let ext = rng.digits(n);
        let ext = ext.trim_start_matches('0');
        let ext = if ext.is_empty() { "8" } else { ext };
        match rng.below(3) {
            0 => s.push('-'),
            1 => s.push('转'),
            _ => s.push_str(" ext."),
        }
        s.push_str(ext);
    }
    s
}

/// A landline in a random separated format (never the contiguous one), ~15% with an extension.
pub fn landline_any(rng: &mut Rng) -> String {
    let fmt = *rng.weighted(&[
        (LandlineFormat::Dashed, 55),
        (LandlineFormat::Paren, 15),
        (LandlineFormat::FullWidthParen, 10),
        (LandlineFormat::Spaced, 20),
    ]);
    let ext = rng.percent(15);
    landline(rng, fmt, ext)
}

/// A 400/800 service number: `400-123-4567`, `4001234567`, `800-123-4567`.
pub fn service(rng: &mut Rng) -> String {
    let head = if rng.percent(75) { "400" } else { "800" };
    let mut rest = String::with_capacity(7);
    rest.push(rng.digit_in(1, 9));
    rng.push_digits(&mut rest, 6);
    if rng.percent(60) {
        format!("{head}-{}-{}", &rest[..3], &rest[3..])
    } else {
        format!("{head}{rest}")
    }
}

// ───────────────────────────── bank_card ─────────────────────────────

fn luhn_complete(body: String) -> String {
    let c = check::luhn_check_digit(&body).unwrap_or('0');
    let mut s = body;
    s.push(c);
    s
}

/// A Luhn-valid card number (ASCII digits) with a known prefix: a bank_bins.tsv BIN (length from
/// the table, 16 or 19 when empty), Visa 4… (16) or Mastercard 51–55… (16). Never ID-like.
pub fn bank_card_digits(rng: &mut Rng) -> String {
    let t = tables();
    loop {
        let (prefix, len): (String, usize) = match rng.below(100) {
            0..=69 => {
                let bin = rng.pick(&t.bins);
                let len = bin.length.unwrap_or(if rng.coin() { 16 } else { 19 });
                (bin.prefix.to_string(), len)
            }
            70..=84 => (format!("4{}", rng.digits(5)), 16),
            _ => (format!("5{}{}", rng.digit_in(1, 5), rng.digits(4)), 16),
        };
        let mut body = prefix;
        let need = len - 1 - body.len();
        rng.push_digits(&mut body, need);
        let s = luhn_complete(body);
        if !id_like(&s) {
            return s;
        }
    }
}

/// A card number written contiguously (~60%) or in groups of 4 separated by spaces or dashes.
pub fn bank_card(rng: &mut Rng) -> String {
    let d = bank_card_digits(rng);
    match rng.below(100) {
        0..=59 => d,
        60..=84 => group4(&d, ' '),
        _ => group4(&d, '-'),
    }
}

/// A Luhn-valid 16–19 digit number whose prefix no card table knows (starts 31–33 or 9x but
/// not a bank_bins.tsv prefix). A card only directly after a card cue (`卡号：`, `card_no=`).
pub fn bank_card_unknown_prefix(rng: &mut Rng) -> String {
    let t = tables();
    loop {
        let head = if rng.coin() {
            rng.pick(&["31", "32", "33"]).to_string()
        } else {
            format!("9{}", rng.digit())
        };
        let len = rng.between(16, 19);
        let mut body = head;
        let need = len - 1 - body.len();
        rng.push_digits(&mut body, need);
        let s = luhn_complete(body);
        if !t.has_bin_prefix(&s) && !known_card_prefix(&s) && !id_like(&s) {
            return s;
        }
    }
}

// ───────────────────────────── email ─────────────────────────────

const SYLLABLES: &[&str] = &[
    "an", "bo", "chen", "da", "fang", "fei", "gang", "hai", "hao", "hong", "hua", "hui", "jia",
    "jian", "jie", "jing", "jun", "kai", "lan", "lei", "li", "lin", "ling", "long", "mei", "min",
    "ming", "na", "ning", "peng", "ping", "qi", "qiang", "qing", "rui", "shan", "tao", "ting",
    "wei", "wen", "xia", "xin", "xue", "yan", "yang", "yi", "ying", "yu", "yun", "zhen", "zhi",
];
const MAIL_WORDS: &[&str] = &[
    "admin", "service", "kefu", "hr", "info", "sales", "support", "finance", "dev", "ops",
    "contact", "market", "noreply", "billing",
];
const MAIL_DOMAINS: &[(&str, u32)] = &[
    ("qq.com", 30),
    ("163.com", 16),
    ("126.com", 8),
    ("sina.com", 5),
    ("sina.cn", 2),
    ("sohu.com", 3),
    ("foxmail.com", 5),
    ("139.com", 3),
    ("aliyun.com", 3),
    ("yeah.net", 2),
    ("outlook.com", 3),
    ("gmail.com", 3),
    ("hotmail.com", 2),
];
const COMPANY_WORDS: &[&str] = &[
    "huaxin",
    "zhongke",
    "tianyu",
    "xinghe",
    "jinqiao",
    "hengtai",
    "ruida",
    "boyuan",
    "kunlun",
    "shengshi",
    "yuanfang",
    "dongfang",
    "haina",
    "lianchuang",
];
const COMPANY_SUFFIX: &[&str] =
    &["tech", "soft", "logistics", "data", "cloud", "group", "net", "info", "trade", "health"];
const COMPANY_TLD: &[&str] = &["com", "com.cn", "cn", "net", "cn"];

/// A QQ number: 5–10 digits, not starting with 0, never `400…`/`800…` (service-number-like).
pub fn qq_number(rng: &mut Rng) -> String {
    loop {
        let len = *rng.weighted(&[(5, 3), (6, 5), (7, 8), (8, 20), (9, 40), (10, 24)]);
        let mut s = String::with_capacity(len);
        s.push(rng.digit_in(1, 9));
        rng.push_digits(&mut s, len - 1);
        if !(len == 10 && (s.starts_with("400") || s.starts_with("800"))) {
            return s;
        }
    }
}

fn company_domain(rng: &mut Rng) -> String {
    let w = rng.pick(COMPANY_WORDS);
    let suffix = rng.pick(COMPANY_SUFFIX);
    let tld = rng.pick(COMPANY_TLD);
    match rng.below(3) {
        0 => format!("{w}-{suffix}.{tld}"),
        1 => format!("{w}{suffix}.{tld}"),
        _ => format!("mail.{w}.{tld}"),
    }
}

/// An e-mail address: pinyin-ish local parts with dots, `_`, digits, `+tag`, digits-only QQ
/// mail, common Chinese mail domains and company domains.
pub fn email(rng: &mut Rng) -> String {
    let domain: String =
        if rng.percent(18) { company_domain(rng) } else { rng.weighted(MAIL_DOMAINS).to_string() };
    if domain == "qq.com" && rng.percent(60) {
        return format!("{}@qq.com", qq_number(rng));
    }
    let a = rng.pick(SYLLABLES);
    let b = rng.pick(SYLLABLES);
    let local = match rng.below(9) {
        0 => format!("{a}{b}"),
        1 => format!("{a}.{b}"),
        2 => format!("{a}_{b}{}", rng.range(1, 99)),
        3 => format!("{a}{b}{}", rng.range(1970, 2010)),
        4 => format!("{a}.{b}+{}", rng.pick(&["shop", "jd", "news", "work", "2024"])),
        5 => {
            let n = rng.between(3, 6);
            format!("{}{}{}", &a[..1], &b[..1], rng.digits(n))
        }
        6 if domain.contains('-') || domain.starts_with("mail.") => {
            rng.pick(MAIL_WORDS).to_string()
        }
        6 => format!("{b}{a}"),
        7 => format!("{a}{}", rng.range(100, 9999)),
        _ => format!("{a}.{b}.{}", rng.range(1, 9)),
    };
    format!("{local}@{domain}")
}

// ───────────────────────────── ip ─────────────────────────────

/// An IPv4 host address (decimal, no leading zeros). First octet ≥ 11 (never version-like
/// `1.2.3.4`), never 127.x or multicast; ~40% private ranges.
pub fn ipv4(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=1 => format!("10.{}.{}.{}", rng.below(256), rng.below(256), rng.range(1, 254)),
        2 => format!("172.{}.{}.{}", rng.range(16, 31), rng.below(256), rng.range(1, 254)),
        3 => format!("192.168.{}.{}", rng.below(256), rng.range(1, 254)),
        _ => {
            let a = loop {
                let a = rng.range(11, 223);
                if a != 127 && a != 100 {
                    break a;
                }
            };
            format!("{a}.{}.{}.{}", rng.below(256), rng.below(256), rng.range(1, 254))
        }
    }
}

/// A public IPv4 address (no private ranges).
pub fn ipv4_public(rng: &mut Rng) -> String {
    loop {
        let a = rng.range(11, 223);
        if matches!(a, 127 | 100 | 10 | 172 | 192 | 169) {
            continue;
        }
        return format!("{a}.{}.{}.{}", rng.below(256), rng.below(256), rng.range(1, 254));
    }
}

fn ipv6_groups(rng: &mut Rng) -> [u16; 8] {
    let mut g = [0u16; 8];
    match rng.below(6) {
        0 => {
            // documentation prefix with a zero run
            g[0] = 0x2001;
            g[1] = 0x0db8;
            g[2] = rng.below(0x10000) as u16;
            let zeros = rng.between(2, 3);
            for x in g.iter_mut().skip(3 + zeros) {
                *x = rng.below(0x10000) as u16;
            }
        }
        1 => {
            // link-local: fe80::xxxx:xxxx:xxxx:xxxx or fe80::1
            g[0] = 0xfe80;
            if rng.coin() {
                g[7] = rng.range(1, 0xff) as u16;
            } else {
                for x in g.iter_mut().skip(4) {
                    *x = rng.below(0x10000) as u16;
                }
            }
        }
        2 => {
            g[0] = 0x240e;
            for x in g.iter_mut().skip(1) {
                *x = rng.below(0x10000) as u16;
            }
            if rng.coin() {
                g[4] = 0;
                g[5] = 0;
            }
        }
        3 => {
            g[0] = 0x2408;
            for x in g.iter_mut().skip(1) {
                *x = rng.below(0x1000) as u16;
            }
        }
        4 => {
            g[0] = 0x2409;
            g[1] = 0x8a00 | rng.below(0x100) as u16;
            for x in g.iter_mut().skip(2) {
                *x = rng.below(0x10000) as u16;
            }
            g[3] = 0;
            g[4] = 0;
        }
        _ => {
            g[0] = 0x2400 | rng.below(0x100) as u16;
            g[1] = rng.below(0x10000) as u16;
            g[6] = rng.below(0x10000) as u16;
            g[7] = rng.below(0x10000) as u16;
        }
    }
    if g[7] == 0 {
        g[7] = rng.range(1, 0xffff) as u16;
    }
    g
}

/// Full form, 8 zero-padded groups.
pub fn ipv6_full(g: &[u16; 8]) -> String {
    g.iter().map(|x| format!("{x:04x}")).collect::<Vec<_>>().join(":")
}

/// RFC 5952-style compressed form (longest run of ≥ 2 zero groups → `::`).
pub fn ipv6_compressed(g: &[u16; 8]) -> String {
    let (mut best, mut best_len) = (8, 0);
    let mut i = 0;
    while i < 8 {
        if g[i] == 0 {
            let start = i;
            while i < 8 && g[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best = start;
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    let hex = |xs: &[u16]| xs.iter().map(|x| format!("{x:x}")).collect::<Vec<_>>().join(":");
    if best_len < 2 {
        return hex(g);
    }
    format!("{}::{}", hex(&g[..best]), hex(&g[best + best_len..]))
}

/// An IPv6 address, compressed (~75%) or full; never starting or ending with `::`.
pub fn ipv6(rng: &mut Rng) -> String {
    let g = ipv6_groups(rng);
    let s = if rng.percent(75) { ipv6_compressed(&g) } else { ipv6_full(&g) };
    if rng.percent(8) {
        s.to_ascii_uppercase()
    } else {
        s
    }
}

// ───────────────────────────── passport ─────────────────────────────

/// A passport number valid without a cue: `E`+8 digits, `E`+letter (not I/O)+7 digits, `G`+8 digits.
pub fn passport(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 | 1 => format!("E{}", rng.digits(8)),
        2 => format!("E{}{}", rng.char_from(PLATE_LETTERS), rng.digits(7)),
        _ => format!("G{}", rng.digits(8)),
    }
}

/// A travel document that is only a finding after its cue: returns `(cue, value)`. Diplomatic /
/// service / public-affairs passports (`D`/`S`/`P`+8 digits) after `护照号：`/`passport=`,
/// HK/Macau permits (`H`/`M`+8 digits) after `港澳通行证：`/`回乡证号：`, Taiwan permits (8 digits)
/// after `台胞证：`/`台湾居民来往大陆通行证：`; sometimes an ordinary passport after its cue.
pub fn passport_cued(rng: &mut Rng) -> (&'static str, String) {
    passport_cued_with(rng, false)
}

/// Like [`passport_cued`], with Chinese cues only (for free text).
pub fn passport_cued_zh(rng: &mut Rng) -> (&'static str, String) {
    passport_cued_with(rng, true)
}

fn passport_cued_with(rng: &mut Rng, zh_only: bool) -> (&'static str, String) {
    let pick = |rng: &mut Rng, all: &[&'static str], zh: &[&'static str]| -> &'static str {
        let list = if zh_only { zh } else { all };
        list[rng.index(list.len())]
    };
    match rng.below(8) {
        0..=1 => {
            let cue = pick(
                rng,
                &["护照号：", "passport=", "护照号码：", "passport_no="],
                &["护照号：", "护照号码："],
            );
            (cue, format!("{}{}", rng.char_from("DSP"), rng.digits(8)))
        }
        2..=3 => {
            let cue = *rng.pick(&["港澳通行证：", "回乡证号：", "回乡证 ", "港澳通行证号码："]);
            (cue, format!("{}{}", rng.char_from("HM"), rng.digits(8)))
        }
        4..=5 => {
            let cue = *rng.pick(&["台胞证：", "台湾居民来往大陆通行证：", "台胞证号码："]);
            (cue, rng.digits(8))
        }
        _ => {
            let cue = pick(rng, &["护照号：", "passport=", "护照："], &["护照号：", "护照："]);
            (cue, passport(rng))
        }
    }
}

// ───────────────────────────── plate ─────────────────────────────

fn plate_serial(rng: &mut Rng, n: usize, min_digits: usize) -> String {
    loop {
        let s: String = (0..n)
            .map(|_| if rng.percent(85) { rng.digit() } else { rng.char_from(PLATE_LETTERS) })
            .collect();
        if s.bytes().filter(u8::is_ascii_digit).count() >= min_digits {
            return s;
        }
    }
}

/// A licence plate: ordinary (`京A12345`, ~15% with `·` or a space after the city letter),
/// new-energy (`粤BD12345`, `粤B12345D`) or special endings (`京A1234警`, `学`, `挂`).
pub fn plate(rng: &mut Rng) -> String {
    let t = tables();
    let prov = rng.pick(&t.plate_provinces);
    let city = rng.char_from(PLATE_LETTERS);
    let sep = match rng.below(100) {
        0..=9 => "·",
        10..=14 => " ",
        _ => "",
    };
    let rest = match rng.below(100) {
        0..=71 => plate_serial(rng, 5, 3),
        72..=81 => {
            let second = if rng.percent(70) { rng.digit() } else { rng.char_from(PLATE_LETTERS) };
            format!("{}{second}{}", rng.char_from("DF"), rng.digits(4))
        }
        82..=89 => format!("{}{}", rng.digits(5), rng.char_from("DF")),
        _ => {
            let end = *rng.pick(&["警", "学", "挂"]);
            format!("{}{end}", plate_serial(rng, 4, 3))
        }
    };
    format!("{prov}{city}{sep}{rest}")
}

// ───────────────────────────── uscc ─────────────────────────────

/// The 17 characters before the GB 32100 check: dept + type + region + GB 11714 org code.
fn uscc_body(rng: &mut Rng) -> String {
    let t = tables();
    let (dept, types): (char, &str) = *rng.weighted(&[
        (('9', "123"), 80),
        (('1', "1239"), 6),
        (('5', "1239"), 8),
        (('Y', "1"), 2),
    ]);
    let ty = rng.char_from(types);
    let region = if rng.percent(85) {
        *rng.pick(&t.any_current)
    } else {
        100_000 + rng.below(560_000) as u32
    };
    let region = if t.all_regions.contains(&region) { region } else { *rng.pick(&t.any_current) };
    let org_body: String = if rng.percent(60) {
        rng.digits(8)
    } else {
        let mut s = String::from("MA");
        for _ in 0..6 {
            s.push(if rng.percent(70) {
                rng.digit()
            } else {
                rng.char_from("ABCDEFGHJKLMNPQRTUWXY")
            });
        }
        s
    };
    let org_check = check::org_code_check_char(&org_body).unwrap_or('0');
    format!("{dept}{ty}{region:06}{org_body}{org_check}")
}

/// A Unified Social Credit Code (GB 32100) with a valid GB 11714 organisation code.
pub fn uscc(rng: &mut Rng) -> String {
    loop {
        let body = uscc_body(rng);
        let Some(c) = check::uscc_check_char(&body) else { continue };
        let s = format!("{body}{c}");
        if !id_like(&s) && !card_like(&s) {
            return s;
        }
    }
}

// ───────────────────────────── hard negatives ─────────────────────────────

/// Hard negatives: text shaped like personal information that is not a finding.
pub mod neg {
    use super::*;

    /// A 20-digit timestamp / order number `20240305123045123456`.
    pub fn timestamp20(rng: &mut Rng) -> String {
        let (y, m, d) = random_birth(rng, (2019, 1, 1), (2026, 12, 31));
        format!(
            "{y:04}{m:02}{d:02}{:02}{:02}{:02}{}",
            rng.below(24),
            rng.below(60),
            rng.below(60),
            rng.digits(6)
        )
    }

    /// 18 digits with a known region and a valid birth date but a wrong check digit.
    pub fn id18_bad_check(rng: &mut Rng) -> String {
        loop {
            let body = id18_body(rng);
            let Some(good) = check::id_check_char(&body) else { continue };
            let bad = loop {
                let c = rng.digit();
                if c != good {
                    break c;
                }
            };
            let s = format!("{body}{bad}");
            if !check::luhn_valid(&s) && !id_like(&s) {
                return s;
            }
        }
    }

    /// 11 digits starting 10, 11 or 12 (not a mobile segment).
    pub fn eleven_10_12(rng: &mut Rng) -> String {
        format!("1{}{}", rng.digit_in(0, 2), rng.digits(9))
    }

    /// A run of 10, 12 or 13 digits that starts like a mobile number.
    pub fn mobile_like_run(rng: &mut Rng) -> String {
        loop {
            let m = mobile_digits(rng);
            let s = match rng.below(3) {
                0 => m[..10].to_string(),
                1 => format!("{m}{}", rng.digit()),
                _ => format!("{m}{}", rng.digits(2)),
            };
            if !card_like(&s) {
                return s;
            }
        }
    }

    /// A 13-digit epoch-milliseconds value (2020–2026).
    pub fn epoch_ms(rng: &mut Rng) -> String {
        format!("{}", rng.range(1_577_836_800_000, 1_798_675_200_000))
    }

    /// A QQ number with its key: `QQ:123456789`, `QQ号 123456789`, `qq=123456789`.
    pub fn qq(rng: &mut Rng) -> String {
        let key = *rng.pick(&["QQ:", "QQ：", "QQ号 ", "qq=", "QQ号码：", "扣扣："]);
        format!("{key}{}", qq_number(rng))
    }

    /// 16 digits starting 62 that fail the Luhn check.
    pub fn luhn_fail_62(rng: &mut Rng) -> String {
        loop {
            let s = format!("62{}", rng.digits(14));
            if !check::luhn_valid(&s) {
                return s;
            }
        }
    }

    /// A value glued to letters or digits: a waybill `SF1381234567890`, a hex trace id with a
    /// mobile number inside, `v1.3.18612345678`, an ID number inside a file name, a card number
    /// inside a transaction reference.
    pub fn glued(rng: &mut Rng) -> String {
        match rng.below(6) {
            0 => format!("SF{}{}", mobile_digits(rng), rng.digits(2)),
            1 => {
                let a: String = (0..6).map(|_| rng.char_from("abcdef")).collect();
                let b: String = (0..6).map(|_| rng.char_from("abcdef")).collect();
                format!("{}{a}{}{b}{}", rng.hex(6), mobile_digits(rng), rng.hex(8))
            }
            2 => format!("v{}.{}.{}", rng.range(1, 9), rng.range(0, 9), mobile_digits(rng)),
            3 => format!("IDC{}{}", id18(rng), rng.char_from("ABFKQ")),
            4 => format!("TXN{}Z{}", bank_card_digits(rng), rng.digits(2)),
            _ => format!("JT{}{}", rng.digits(2), mobile_digits(rng)),
        }
    }

    /// An already-masked value: `138****5678`, `110101********1234`, `6222********1234`.
    pub fn masked(rng: &mut Rng) -> String {
        match rng.below(5) {
            0 | 1 => {
                let m = mobile_digits(rng);
                format!("{}****{}", &m[..3], &m[7..])
            }
            2 => {
                let id = id18(rng);
                if rng.coin() {
                    format!("{}********{}", &id[..6], &id[14..])
                } else {
                    format!("{}**************{}", &id[..1], &id[15..])
                }
            }
            3 => {
                let c = bank_card_digits(rng);
                format!("{}********{}", &c[..4], &c[c.len() - 4..])
            }
            _ => {
                let m = mobile_digits(rng);
                format!("{}*****{}", &m[..3], &m[8..])
            }
        }
    }

    /// An 11-digit mobile-like number after a key that names a user/order id:
    /// `uid=13812345678`, `user_id=…`, `order_id=…`, `"userId":…`.
    pub fn keyed_mobile(rng: &mut Rng) -> String {
        let key =
            *rng.pick(&["uid=", "user_id=", "order_id=", "\"userId\":", "userId=", "\"uid\":"]);
        format!("{key}{}", mobile_digits(rng))
    }

    /// A 19-digit Luhn-valid snowflake id starting 62 after `order_id=`, `traceId=` or `seq=`.
    pub fn snowflake_62(rng: &mut Rng) -> String {
        let key = *rng.pick(&["order_id=", "traceId=", "seq=", "orderId=", "\"order_id\":"]);
        let mut body = String::from("62");
        rng.push_digits(&mut body, 16);
        format!("{key}{}", luhn_complete(body))
    }

    /// A dotted version string after its cue: `version=5.4.8.84`, `Chrome/116.0.0.0`.
    pub fn version(rng: &mut Rng) -> String {
        match rng.below(4) {
            0 => format!("Chrome/{}.0.0.0", rng.range(100, 131)),
            1 => format!(
                "version={}.{}.{}.{}",
                rng.range(1, 9),
                rng.range(0, 20),
                rng.range(0, 30),
                rng.range(0, 200)
            ),
            2 => format!(
                "appVersion={}.{}.{}.{}",
                rng.range(1, 12),
                rng.range(0, 9),
                rng.range(0, 9),
                rng.range(1, 250)
            ),
            _ => format!(
                "\"version\":\"{}.{}.{}.{}\"",
                rng.range(1, 6),
                rng.below(10),
                rng.below(10),
                rng.below(100)
            ),
        }
    }

    /// An OID with more than four arcs: `1.3.6.1.4.1.311.21.7`.
    pub fn oid(rng: &mut Rng) -> String {
        let s = *rng.pick(&[
            "1.3.6.1.4.1.311.21.7",
            "1.2.840.113549.1.1.11",
            "1.3.6.1.4.1.2011.2.23",
            "1.3.6.1.2.1.1.3.0",
            "1.2.156.10197.1.401",
            "1.3.6.1.4.1.25506.8.35",
        ]);
        format!("oid={s}")
    }

    /// A MAC address `00:1a:2b:3c:4d:5e` (or dashed, upper-case).
    pub fn mac(rng: &mut Rng) -> String {
        let parts: Vec<String> = (0..6)
            .map(|i| {
                // keep a hex letter in most groups so digit groups never look like times
                if i % 2 == 1 {
                    format!("{}{}", rng.hex(1), rng.char_from("abcdef"))
                } else {
                    rng.hex(2)
                }
            })
            .collect();
        if rng.coin() {
            parts.join(":")
        } else {
            parts.join("-").to_ascii_uppercase()
        }
    }

    /// A time of day `12:30:45`.
    pub fn clock(rng: &mut Rng) -> String {
        format!("{:02}:{:02}:{:02}", rng.below(24), rng.below(60), rng.below(60))
    }

    /// A dotted quad with an octet out of range: `300.1.2.3`.
    pub fn bad_quad(rng: &mut Rng) -> String {
        let mut o = [rng.range(11, 223), rng.below(256), rng.below(256), rng.range(1, 254)];
        let i = rng.index(4);
        o[i] = rng.range(256, 999);
        format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3])
    }

    /// `@` strings that are not e-mail addresses.
    pub fn email_like(rng: &mut Rng) -> String {
        match rng.below(5) {
            0 => format!("icon@{}x.png", rng.range(2, 3)),
            1 => format!("logo@{}x.webp", rng.range(2, 3)),
            2 => format!(
                "git@github.com:{}/{}.git",
                rng.pick(COMPANY_WORDS),
                rng.pick(COMPANY_SUFFIX)
            ),
            3 => format!("lodash@4.17.{}", rng.range(10, 21)),
            _ => format!("vue@3.{}.{}", rng.range(0, 5), rng.range(0, 30)),
        }
    }

    /// `E`/`G` followed by 9 or 7 digits (wrong length for a passport).
    pub fn eg_wrong_len(rng: &mut Rng) -> String {
        let n = if rng.coin() { 9 } else { 7 };
        format!("{}{}", rng.char_from("EG"), rng.digits(n))
    }

    /// Letter + digits codes that are passports only after a cue: `Q1234567`, `P12345678`.
    pub fn letter_code(rng: &mut Rng) -> String {
        if rng.coin() {
            format!("{}{}", rng.char_from("ABCKLNQRTUWY"), rng.digits(7))
        } else {
            format!("{}{}", rng.char_from("DSPHM"), rng.digits(8))
        }
    }

    /// An 18-character alphanumeric string that fails GB 32100 (a corrupted USCC or an order code).
    pub fn uscc_bad(rng: &mut Rng) -> String {
        loop {
            let s = if rng.percent(70) {
                let good = uscc(rng);
                let (body, last) = good.split_at(17);
                let bad = loop {
                    let c = rng.char_from(check::USCC_ALPHABET);
                    if !last.starts_with(c) {
                        break c;
                    }
                };
                format!("{body}{bad}")
            } else {
                let mut s = format!("{}{}", rng.pick(&["ORD", "PO", "SN", "WB"]), rng.digits(8));
                while s.len() < 18 {
                    s.push(rng.char_from(check::USCC_ALPHABET));
                }
                s
            };
            let has_letter = s.bytes().any(|b| b.is_ascii_alphabetic());
            if has_letter && !check::uscc_gb32100_ok(&s) && !id_like(&s) {
                return s;
            }
        }
    }

    /// Any one hard negative (including its key where the negative needs one).
    pub fn any(rng: &mut Rng) -> String {
        match rng.below(20) {
            0 => timestamp20(rng),
            1 => id18_bad_check(rng),
            2 => eleven_10_12(rng),
            3 => mobile_like_run(rng),
            4 => epoch_ms(rng),
            5 => qq(rng),
            6 => luhn_fail_62(rng),
            7 => glued(rng),
            8 | 9 => masked(rng),
            10 => keyed_mobile(rng),
            11 => snowflake_62(rng),
            12 => version(rng),
            13 => oid(rng),
            14 => mac(rng),
            15 => bad_quad(rng),
            16 => email_like(rng),
            17 => eg_wrong_len(rng),
            18 => letter_code(rng),
            _ => uscc_bad(rng),
        }
    }
}

// ───────────────────────────── non-personal filler ─────────────────────────────

/// `n` lower-case hex digits with at least one letter (a bare digit run could pass for a card
/// or phone number).
pub fn hex_id(rng: &mut Rng, n: usize) -> String {
    loop {
        let h = rng.hex(n);
        if h.bytes().any(|b| b.is_ascii_alphabetic()) {
            return h;
        }
    }
}

/// A 32-hex trace id.
pub fn trace_id(rng: &mut Rng) -> String {
    hex_id(rng, 32)
}

/// A UUID whose five groups each contain a hex letter (so no group is a bare digit run).
pub fn uuid(rng: &mut Rng) -> String {
    let group = |rng: &mut Rng, n: usize| loop {
        let g = rng.hex(n);
        if g.bytes().any(|b| b.is_ascii_alphabetic()) {
            return g;
        }
    };
    let a = group(rng, 8);
    let b = group(rng, 4);
    let c = group(rng, 4);
    let d = group(rng, 4);
    let e = group(rng, 12);
    format!("{a}-{b}-{c}-{d}-{e}")
}
