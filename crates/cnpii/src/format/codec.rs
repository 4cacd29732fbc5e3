//! Field codecs: escaped, possibly GBK-encoded field bytes → UTF-8 haystack bytes with a map
//! back to raw offsets, and replacements back the other way.

use super::{Encoding, Escape};

/// Length of the GBK/GB18030 character starting at `buf[i]`: 1 (ASCII or a stray byte), 2, or
/// 4 (`lead, 0x30..=0x39, lead, 0x30..=0x39`). May run past the end of `buf` when the
/// character is cut.
#[inline]
pub(crate) fn gbk_char_len(buf: &[u8], i: usize) -> usize {
    let b = buf[i];
    if !(0x81..=0xFE).contains(&b) {
        1
    } else if buf.get(i + 1).is_some_and(|b| b.is_ascii_digit()) {
        4
    } else {
        2
    }
}

/// The length of a character in `enc` at `buf[i]` (splitters step over whole characters, so
/// that a GBK trail byte such as `\` (0x5C) is never read as syntax).
#[inline]
pub(crate) fn char_len(enc: Encoding, buf: &[u8], i: usize) -> usize {
    match enc {
        Encoding::Utf8 => 1,
        Encoding::Gbk => gbk_char_len(buf, i),
    }
}

/// The byte that starts an escape in `esc`, if any.
fn trigger(esc: Escape) -> Option<u8> {
    match esc {
        Escape::Raw | Escape::Bare { .. } | Escape::Num => None,
        Escape::Quoted => Some(b'"'),
        Escape::Json | Escape::PgCopy => Some(b'\\'),
        Escape::Sql => Some(b'\''),
        Escape::Mysql => Some(b'\\'),
    }
}

/// What one pass over a field's raw bytes tells: whether it can hold a finding at all, and
/// whether it decodes to itself.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Class(u8);

const WANTED: u8 = 1;
const BACKSLASH: u8 = 2;
const QUOTE: u8 = 4;
const DQUOTE: u8 = 8;
const HIGH: u8 = 16;

/// `CLASS[b]`: the flags of the byte `b`. Every finding holds a digit, an `@` or a non-ASCII
/// character (a JSON `\u` escape stands for one): `WANTED`.
static CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut f = 0;
        if c.is_ascii_digit() || c == b'@' || c == b'\\' || c >= 0x80 {
            f |= WANTED;
        }
        f |= match c {
            b'\\' => BACKSLASH,
            b'\'' => QUOTE,
            b'"' => DQUOTE,
            _ => 0,
        };
        if c >= 0x80 {
            f |= HIGH;
        }
        t[b] = f;
        b += 1;
    }
    t
};

impl Class {
    /// The class of `raw`, in one pass.
    pub fn of(raw: &[u8]) -> Class {
        Class(raw.iter().fold(0, |f, &b| f | CLASS[usize::from(b)]))
    }

    /// Whether the field may hold a finding (or a hinted value).
    pub fn wanted(self) -> bool {
        self.0 & WANTED != 0
    }

    /// [`Class::of`]`(raw).`[`wanted`](Class::wanted)`()`, stopping at the first byte that
    /// decides it (for long fields).
    pub fn any_wanted(raw: &[u8]) -> bool {
        raw.iter().any(|&b| CLASS[usize::from(b)] & WANTED != 0)
    }

    /// Whether [`decode`] would append the raw bytes as they are (and return `true`).
    pub fn plain(self, esc: Escape, enc: Encoding) -> bool {
        let escapes = match esc {
            Escape::Raw | Escape::Bare { .. } | Escape::Num => 0,
            Escape::Quoted => DQUOTE,
            Escape::Json | Escape::PgCopy => BACKSLASH,
            Escape::Sql => QUOTE,
            Escape::Mysql => BACKSLASH | QUOTE,
        };
        self.0 & escapes == 0 && (enc == Encoding::Utf8 || self.0 & HIGH == 0)
    }
}

/// Appends the decoded text of `raw` to `hay`. Returns `true` when the decoded bytes are the
/// raw bytes (no escape, UTF-8): offsets then map one to one. Otherwise pushes onto `map`, for
/// every byte appended, the offset in `raw` of the character or escape it came from, and then
/// `raw.len()`.
pub(crate) fn decode(
    esc: Escape,
    enc: Encoding,
    raw: &[u8],
    hay: &mut Vec<u8>,
    map: &mut Vec<u32>,
) -> bool {
    let plain = match trigger(esc) {
        None => true,
        // MySQL also doubles quotes. Most fields are short: a plain loop beats memchr's setup.
        Some(t) if esc == Escape::Mysql && raw.len() < 32 => {
            !raw.iter().any(|&b| b == t || b == b'\'')
        }
        Some(t) if esc == Escape::Mysql => memchr::memchr2(t, b'\'', raw).is_none(),
        Some(t) if raw.len() < 32 => !raw.contains(&t),
        Some(t) => memchr::memchr(t, raw).is_none(),
    };
    if plain && (enc == Encoding::Utf8 || raw.is_ascii()) {
        hay.extend_from_slice(raw);
        return true;
    }
    let mut i = 0;
    let push = |hay: &mut Vec<u8>, map: &mut Vec<u32>, bytes: &[u8], at: usize| {
        hay.extend_from_slice(bytes);
        map.extend(std::iter::repeat_n(at as u32, bytes.len()));
    };
    while i < raw.len() {
        let b = raw[i];
        if enc == Encoding::Gbk && b >= 0x80 {
            let n = gbk_char_len(raw, i).min(raw.len() - i);
            let dec = encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(&raw[i..i + n]);
            match dec {
                Some(s) if !s.is_empty() => {
                    push(hay, map, s.as_bytes(), i);
                    i += n;
                }
                _ => {
                    push(hay, map, "\u{FFFD}".as_bytes(), i);
                    i += 1;
                }
            }
            continue;
        }
        let (n, out) = if Some(b) == trigger(esc) || (esc == Escape::Mysql && b == b'\'') {
            unescape(esc, &raw[i..])
        } else {
            (1, Out::Byte(b))
        };
        match out {
            Out::Byte(c) => push(hay, map, &[c], i),
            Out::Two(a, c) => push(hay, map, &[a, c], i),
            Out::Char(c) => push(hay, map, c.encode_utf8(&mut [0; 4]).as_bytes(), i),
        }
        i += n;
    }
    map.push(raw.len() as u32);
    false
}

enum Out {
    Byte(u8),
    Two(u8, u8),
    Char(char),
}

/// Decodes the escape at the start of `s` (which starts with the escape's trigger byte):
/// the bytes it consumes and what it stands for. Malformed escapes stand for themselves.
fn unescape(esc: Escape, s: &[u8]) -> (usize, Out) {
    let next = s.get(1).copied();
    match esc {
        Escape::Quoted | Escape::Sql => match next {
            Some(q) if q == s[0] => (2, Out::Byte(q)),
            _ => (1, Out::Byte(s[0])),
        },
        Escape::Mysql if s[0] == b'\'' => match next {
            Some(b'\'') => (2, Out::Byte(b'\'')),
            _ => (1, Out::Byte(b'\'')),
        },
        Escape::Mysql => match next {
            None => (1, Out::Byte(b'\\')),
            Some(b'0') => (2, Out::Byte(0)),
            Some(b'b') => (2, Out::Byte(8)),
            Some(b'n') => (2, Out::Byte(b'\n')),
            Some(b'r') => (2, Out::Byte(b'\r')),
            Some(b't') => (2, Out::Byte(b'\t')),
            Some(b'Z') => (2, Out::Byte(0x1A)),
            // Kept as written outside LIKE patterns.
            Some(c @ (b'%' | b'_')) => (2, Out::Two(b'\\', c)),
            Some(c) if c.is_ascii() => (2, Out::Byte(c)),
            Some(_) => (1, Out::Byte(b'\\')),
        },
        Escape::PgCopy => match next {
            None => (1, Out::Byte(b'\\')),
            Some(b'b') => (2, Out::Byte(8)),
            Some(b'f') => (2, Out::Byte(0x0C)),
            Some(b'n') => (2, Out::Byte(b'\n')),
            Some(b'r') => (2, Out::Byte(b'\r')),
            Some(b't') => (2, Out::Byte(b'\t')),
            Some(b'v') => (2, Out::Byte(0x0B)),
            Some(b'0'..=b'7') => {
                let n = s[1..].iter().take(3).take_while(|c| (b'0'..=b'7').contains(c)).count();
                let v = s[1..=n].iter().fold(0u32, |v, &c| v * 8 + u32::from(c - b'0'));
                (1 + n, Out::Byte(v as u8))
            }
            Some(b'x') if s.get(2).is_some_and(u8::is_ascii_hexdigit) => {
                let n = s[2..].iter().take(2).take_while(|c| c.is_ascii_hexdigit()).count();
                let hex = std::str::from_utf8(&s[2..2 + n]).unwrap_or("0");
                (2 + n, Out::Byte(u8::from_str_radix(hex, 16).unwrap_or(0)))
            }
            Some(c) if c.is_ascii() => (2, Out::Byte(c)),
            Some(_) => (1, Out::Byte(b'\\')),
        },
        Escape::Json => match next {
            Some(b'"') => (2, Out::Byte(b'"')),
            Some(b'\\') => (2, Out::Byte(b'\\')),
            Some(b'/') => (2, Out::Byte(b'/')),
            Some(b'b') => (2, Out::Byte(8)),
            Some(b'f') => (2, Out::Byte(0x0C)),
            Some(b'n') => (2, Out::Byte(b'\n')),
            Some(b'r') => (2, Out::Byte(b'\r')),
            Some(b't') => (2, Out::Byte(b'\t')),
            Some(b'u') => match hex4(&s[2..]) {
                Some(hi @ 0xD800..=0xDBFF) => {
                    match (s.get(6..8), hex4(s.get(8..).unwrap_or(&[]))) {
                        (Some(b"\\u"), Some(lo @ 0xDC00..=0xDFFF)) => {
                            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            (12, Out::Char(char::from_u32(c).unwrap_or('\u{FFFD}')))
                        }
                        _ => (6, Out::Char('\u{FFFD}')),
                    }
                }
                Some(v) => (6, Out::Char(char::from_u32(v).unwrap_or('\u{FFFD}'))),
                None => (1, Out::Byte(b'\\')),
            },
            _ => (1, Out::Byte(b'\\')),
        },
        Escape::Raw | Escape::Bare { .. } | Escape::Num => (1, Out::Byte(s[0])),
    }
}

fn hex4(s: &[u8]) -> Option<u32> {
    let h = s.get(..4)?;
    if !h.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u32::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()
}

/// Whether [`encode`] writes `rep` as it is (`false` when unsure: [`encode`] is the rule).
pub(crate) fn verbatim(esc: Escape, enc: Encoding, rep: &[u8], orig: &[u8]) -> bool {
    if enc != Encoding::Utf8
        || (esc == Escape::Json && memchr::memmem::find(orig, b"\\u").is_some())
    {
        return false;
    }
    match esc {
        Escape::Raw => true,
        Escape::Num => true,
        _ => !rep.iter().any(|&b| SPECIAL[usize::from(b)]),
    }
}

/// Appends `rep` (a policy's UTF-8 output) to `out`, encoded in `enc` and escaped for `esc`.
/// `orig` is the raw span it replaces: a JSON value written with `\uXXXX` escapes gets its
/// non-ASCII characters back the same way.
pub(crate) fn encode(esc: Escape, enc: Encoding, rep: &[u8], orig: &[u8], out: &mut Vec<u8>) {
    if esc == Escape::Json && memchr::memmem::find(orig, b"\\u").is_some() {
        let style = UStyle::of(orig);
        for c in String::from_utf8_lossy(rep).chars() {
            if c.is_ascii() && !(style.ascii && (' '..='~').contains(&c)) {
                escape_byte(esc, c as u8, out);
            } else {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    if style.upper {
                        out.extend_from_slice(format!("\\u{u:04X}").as_bytes());
                    } else {
                        out.extend_from_slice(format!("\\u{u:04x}").as_bytes());
                    }
                }
            }
        }
        return;
    }
    let transcoded;
    let bytes = match enc {
        Encoding::Utf8 => rep,
        Encoding::Gbk => {
            transcoded = encoding_rs::GB18030.encode(&String::from_utf8_lossy(rep)).0.into_owned();
            &transcoded[..]
        }
    };
    if matches!(esc, Escape::Raw | Escape::Num) || !bytes.iter().any(|&b| SPECIAL[usize::from(b)]) {
        out.extend_from_slice(bytes);
        return;
    }
    for &b in bytes {
        escape_byte(esc, b, out);
    }
}

/// How a JSON value wrote its `\uXXXX` escapes, so that a replacement is written the same
/// way (and a token restores to the original bytes): whether printable ASCII characters were
/// escaped too (`\u0031\u0033…`), and whether the hex digits are upper case (`\u5F20`).
#[derive(Clone, Copy, Debug, Default)]
struct UStyle {
    ascii: bool,
    upper: bool,
}

impl UStyle {
    fn of(orig: &[u8]) -> UStyle {
        let mut style = UStyle::default();
        let mut i = 0;
        while let Some(p) = memchr::memmem::find(&orig[i..], b"\\u") {
            let at = i + p;
            // `\u` after an escaped backslash is text, not an escape.
            let backslashes = orig[..at].iter().rev().take_while(|&&b| b == b'\\').count();
            if backslashes % 2 == 0 {
                if let Some(v) = hex4(&orig[at + 2..]) {
                    style.ascii |= (0x20..0x7F).contains(&v);
                    style.upper |= orig[at + 2..at + 6].iter().any(u8::is_ascii_uppercase);
                }
            }
            i = at + 2;
        }
        style
    }
}

/// `SPECIAL[b]`: whether some escape style may have to escape the byte `b` (controls, quotes,
/// backslash, comma, DEL); a replacement without any is written as it is.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b < 0x20 || matches!(b as u8, b'"' | b'\'' | b'\\' | b',' | b'\t' | b'\x7f');
        b += 1;
    }
    t
};

fn escape_byte(esc: Escape, b: u8, out: &mut Vec<u8>) {
    let escaped: &[u8] = match (esc, b) {
        (Escape::Bare { delim }, _) if b == delim || matches!(b, b'"' | b'\r' | b'\n') => b" ",
        (Escape::Quoted, b'"') => b"\"\"",
        (Escape::Sql, b'\'') => b"''",
        (Escape::Json, b'"') => b"\\\"",
        (Escape::Json, b'\\') => b"\\\\",
        (Escape::Json, b'\n') => b"\\n",
        (Escape::Json, b'\r') => b"\\r",
        (Escape::Json, b'\t') => b"\\t",
        (Escape::Json, 0..=0x1F) => {
            out.extend_from_slice(format!("\\u{b:04x}").as_bytes());
            return;
        }
        (Escape::Mysql, 0) => b"\\0",
        (Escape::Mysql, b'\'') => b"\\'",
        (Escape::Mysql, b'"') => b"\\\"",
        (Escape::Mysql, b'\\') => b"\\\\",
        (Escape::Mysql, b'\n') => b"\\n",
        (Escape::Mysql, b'\r') => b"\\r",
        (Escape::Mysql, b'\t') => b"\\t",
        (Escape::Mysql, 0x1A) => b"\\Z",
        (Escape::PgCopy, b'\\') => b"\\\\",
        (Escape::PgCopy, b'\n') => b"\\n",
        (Escape::PgCopy, b'\r') => b"\\r",
        (Escape::PgCopy, b'\t') => b"\\t",
        (Escape::PgCopy, 8) => b"\\b",
        (Escape::PgCopy, 0x0B) => b"\\v",
        (Escape::PgCopy, 0x0C) => b"\\f",
        _ => {
            out.push(b);
            return;
        }
    };
    out.extend_from_slice(escaped);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every escaping, for the tests that compare the fast paths with `encode`/`decode`.
    const ESCAPES: [Escape; 8] = [
        Escape::Raw,
        Escape::Bare { delim: b',' },
        Escape::Quoted,
        Escape::Json,
        Escape::Mysql,
        Escape::PgCopy,
        Escape::Sql,
        Escape::Num,
    ];

    #[test]
    fn verbatim_agrees_with_encode() {
        let reps: [&[u8]; 9] = [
            b"138****5678",
            b"13812345678",
            b"-42",
            b"-",
            b"<PHONE>",
            b"a'b",
            b"a\\b",
            "张*".as_bytes(),
            b"",
        ];
        let origs: [&[u8]; 2] = [b"13812345678", b"\\u5f20\\u4e09"];
        let mut verbatims = 0;
        for rep in reps {
            for orig in origs {
                for esc in ESCAPES {
                    for enc in [Encoding::Utf8, Encoding::Gbk] {
                        if verbatim(esc, enc, rep, orig) {
                            let mut out = Vec::new();
                            encode(esc, enc, rep, orig, &mut out);
                            assert_eq!(out, rep, "{rep:?} {orig:?} {esc:?} {enc:?}");
                            verbatims += 1;
                        }
                    }
                }
            }
        }
        assert!(verbatims > 40, "{verbatims}");
    }

    #[test]
    fn class_agrees_with_decode() {
        let raws: [&[u8]; 12] = [
            b"13812345678",
            b"abc",
            b"a'b",
            b"a''b",
            b"a\\nb",
            b"say \"hi\"",
            "张三".as_bytes(),
            b"\xd5\xc5\xc8\xfd",
            b"x@y",
            b"",
            b"plain text",
            b"\\u5f20",
        ];
        for raw in raws {
            let c = Class::of(raw);
            let wanted =
                raw.iter().any(|&b| b.is_ascii_digit() || b == b'@' || b == b'\\' || b >= 0x80);
            assert_eq!(c.wanted(), wanted, "{raw:?}");
            for esc in ESCAPES {
                for enc in [Encoding::Utf8, Encoding::Gbk] {
                    let (mut hay, mut map) = (Vec::new(), Vec::new());
                    let same = decode(esc, enc, raw, &mut hay, &mut map);
                    if c.plain(esc, enc) {
                        assert!(same && hay == raw, "{raw:?} {esc:?} {enc:?}");
                    } else {
                        assert!(!same, "{raw:?} {esc:?} {enc:?}");
                    }
                }
            }
        }
    }

    fn dec(esc: Escape, enc: Encoding, raw: &[u8]) -> (Vec<u8>, Vec<u32>) {
        let (mut hay, mut map) = (Vec::new(), Vec::new());
        let same = decode(esc, enc, raw, &mut hay, &mut map);
        assert_eq!(same, map.is_empty());
        if !same {
            assert_eq!(map.len(), hay.len() + 1);
            assert!(map.windows(2).all(|w| w[0] <= w[1]));
        }
        (hay, map)
    }

    fn enc(esc: Escape, e: Encoding, rep: &str, orig: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        encode(esc, e, rep.as_bytes(), orig, &mut out);
        out
    }

    #[test]
    fn escapes_round_trip() {
        let cases: &[(Escape, &[u8], &str)] = &[
            (Escape::Quoted, b"say \"\"hi\"\"", "say \"hi\""),
            (Escape::Sql, b"it''s", "it's"),
            (Escape::Mysql, b"it\\'s\\n\\\\ ok''", "it's\n\\ ok'"),
            (Escape::PgCopy, b"a\\tb\\nc\\\\d\\101\\x42", "a\tb\nc\\dAB"),
            (Escape::Json, b"\\\"\\u5f20\\u4e09\\\" \\ud83d\\ude00", "\"张三\" 😀"),
        ];
        for &(esc, raw, want) in cases {
            let (hay, _) = dec(esc, Encoding::Utf8, raw);
            assert_eq!(String::from_utf8(hay).unwrap(), want, "{esc:?}");
            // Encoding the decoded text gives bytes that decode to it again.
            let back = enc(esc, Encoding::Utf8, want, raw);
            assert_eq!(String::from_utf8(dec(esc, Encoding::Utf8, &back).0).unwrap(), want);
        }
        // Non-ASCII in a JSON value written with \u escapes is written back the same way.
        assert_eq!(enc(Escape::Json, Encoding::Utf8, "张*", b"\\u5f20\\u4e09"), b"\\u5f20*");
        // ... in the same case, and ASCII too when the value escaped its ASCII characters.
        assert_eq!(enc(Escape::Json, Encoding::Utf8, "张*", b"\\u5F20\\u4E09"), b"\\u5F20*");
        assert_eq!(enc(Escape::Json, Encoding::Utf8, "15", b"\\u0031\\u0033"), b"\\u0031\\u0035");
        assert_eq!(enc(Escape::Json, Encoding::Utf8, "1", b"\\\\u0031"), b"1");
        assert_eq!(enc(Escape::Json, Encoding::Utf8, "张*", "张三".as_bytes()), "张*".as_bytes());
        assert_eq!(enc(Escape::Bare { delim: b',' }, Encoding::Utf8, "a,b\"c", b""), b"a b c");
        // A number slot's replacement (always digits: the policy's numeric form) is written as
        // it is, never quoted.
        assert_eq!(enc(Escape::Num, Encoding::Utf8, "13800000000", b"1"), b"13800000000");
    }

    #[test]
    fn maps_point_at_escapes() {
        let (hay, map) = dec(Escape::Json, Encoding::Utf8, b"x\\u5f20y");
        assert_eq!(hay, "x张y".as_bytes());
        assert_eq!(map, [0, 1, 1, 1, 7, 8]);
    }

    #[test]
    fn gbk_decodes_by_character() {
        // 张三 13812345678 in GBK; then a character whose trail byte is 0x5C (`\`), which must
        // not start an escape.
        let raw = b"\xd5\xc5\xc8\xfd 138\x81\x5c\\n";
        let (hay, map) = dec(Escape::Mysql, Encoding::Gbk, raw);
        let text = String::from_utf8(hay).unwrap();
        assert!(text.starts_with("张三 138"), "{text}");
        assert!(text.ends_with('\n'));
        assert_eq!(map[0], 0);
        assert_eq!(map[3], 2);
        assert_eq!(enc(Escape::Raw, Encoding::Gbk, "张*", b""), b"\xd5\xc5*");
        assert_eq!(dec(Escape::Raw, Encoding::Gbk, b"plain").0, b"plain");
    }
}
