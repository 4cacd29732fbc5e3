//! JSON Lines: one JSON value per line. Every string value becomes a segment with
//! [`Escape::Json`] and every number a number slot, [`Escape::Num`] (`"mobile":13812345678`), named
//! by its key path: keys at any depth joined with `.` (`user.contact.phone`); array elements
//! take their parent's path (`phones` for `{"phones":["…","…"]}`). Keys are scanned too
//! (a segment without a column, when they hold a digit, `@`, an escape or a non-ASCII
//! character); literals and punctuation are copied as they are and never scanned. A value at the top level (a bare
//! string or number line) has no column and is scanned as text.
//!
//! Records end at `\n`: a JSON string cannot hold a raw line end, so a line is always whole.
//! A line that is not JSON (truncated, garbage, nested deeper than [`MAX_DEPTH`]) is passed
//! through as one raw segment without a column, scanned as text, with a warning naming its
//! offset. Blank lines, CRLF and a byte-order mark at the start of a line are accepted.
//!
//! Design rationale: the parser is a loop over an explicit stack (no recursion that a deeply
//! nested line could overflow) that validates the structure and pushes segments as it goes;
//! if the line turns out to be invalid the segments it pushed are taken back. It allocates
//! nothing per line or value: the stack, the key path and the decoded key live in the
//! splitter, and columns are resolved once per key path (a bounded cache), so a value costs a
//! hash lookup and a reference count. Closing quotes are found with memchr and the count of
//! backslashes before them; in GBK input the parser steps over whole characters instead,
//! because a GBK trail byte may be `\` (0x5C).

use super::codec::{char_len, decode};
use super::{Column, Encoding, Escape, SplitCx, Splitter};
use std::collections::HashMap;
use std::sync::Arc;

/// Lines nested deeper than this are not parsed (scanned as text, with a warning).
pub(crate) const MAX_DEPTH: usize = 128;
/// The most key paths whose columns are kept; the cache starts again when it is full.
const CACHE_MAX: usize = 4096;
/// Longer key paths are resolved every time rather than cached.
const CACHE_KEY_MAX: usize = 256;

pub(crate) struct Jsonl {
    table: String,
    /// Columns by key path.
    cache: HashMap<Box<[u8]>, Arc<Column>>,
    /// Open objects and arrays of the line being parsed.
    stack: Vec<Frame>,
    /// The key path of the value being parsed (UTF-8 when the keys are).
    path: Vec<u8>,
    /// Scratch for decoding escaped or GBK keys.
    key: Vec<u8>,
    key_map: Vec<u32>,
    /// The next call starts somewhere inside a line: pass up to the next line end as text.
    resync: bool,
}

/// An open object or array.
#[derive(Clone, Copy, Debug)]
struct Frame {
    object: bool,
    /// Length of `Jsonl::path` naming this container: its keys or elements extend it.
    base: usize,
}

/// Why a line is not parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Invalid {
    Syntax,
    Depth,
}

impl Jsonl {
    pub(crate) fn new(table: &str) -> Jsonl {
        Jsonl {
            table: table.to_string(),
            cache: HashMap::new(),
            stack: Vec::new(),
            path: Vec::new(),
            key: Vec::new(),
            key_map: Vec::new(),
            resync: false,
        }
    }

    /// Parses the line `buf[s..e]` (without its `\n`) and pushes its segments.
    fn line(&mut self, buf: &[u8], s: usize, e: usize, cx: &mut SplitCx<'_>) {
        let mark = cx.segs.len();
        if let Err(why) = self.parse(buf, s, e, cx) {
            cx.segs.truncate(mark);
            // The taken-back segments may have used up the record start.
            cx.record();
            cx.push(s, e, None, Escape::Raw);
            match why {
                Invalid::Syntax => cx.warn(s, "line is not valid JSON; scanned as text"),
                Invalid::Depth => {
                    cx.warn(s, format!("JSON nested deeper than {MAX_DEPTH}; scanned as text"))
                }
            }
        }
    }

    /// Parses one JSON value (or nothing) surrounded by whitespace in `buf[s..e]`.
    fn parse(
        &mut self,
        buf: &[u8],
        s: usize,
        e: usize,
        cx: &mut SplitCx<'_>,
    ) -> Result<(), Invalid> {
        let line = &buf[..e];
        let enc = cx.encoding;
        self.stack.clear();
        self.path.clear();
        let mut p = s;
        if line[p..].starts_with(b"\xEF\xBB\xBF") {
            p += 3;
        }
        p = skip_ws(line, p);
        if p == e {
            return Ok(()); // a blank line
        }
        'value: loop {
            // A value starts at p (after whitespace).
            p = skip_ws(line, p);
            match line.get(p) {
                Some(b'{') => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(Invalid::Depth);
                    }
                    self.stack.push(Frame { object: true, base: self.path.len() });
                    p = skip_ws(line, p + 1);
                    if line.get(p) == Some(&b'}') {
                        self.stack.pop();
                        p += 1;
                    } else {
                        p = self.key(line, p, enc, cx)?;
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(Invalid::Depth);
                    }
                    self.stack.push(Frame { object: false, base: self.path.len() });
                    p = skip_ws(line, p + 1);
                    if line.get(p) == Some(&b']') {
                        self.stack.pop();
                        p += 1;
                    } else {
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    let close = string_end(line, p + 1, enc).ok_or(Invalid::Syntax)?;
                    self.emit(p + 1, close, Escape::Json, cx);
                    p = close + 1;
                }
                Some(b'-' | b'0'..=b'9') => {
                    let end = number_end(line, p).ok_or(Invalid::Syntax)?;
                    self.emit(p, end, Escape::Num, cx);
                    p = end;
                }
                Some(b't') if line[p..].starts_with(b"true") => p += 4,
                Some(b'f') if line[p..].starts_with(b"false") => p += 5,
                Some(b'n') if line[p..].starts_with(b"null") => p += 4,
                _ => return Err(Invalid::Syntax),
            }
            // After a value: a separator, the end of containers, or the end of the line.
            loop {
                p = skip_ws(line, p);
                let Some(frame) = self.stack.last().copied() else {
                    return if p == e { Ok(()) } else { Err(Invalid::Syntax) };
                };
                match line.get(p) {
                    Some(b',') if frame.object => {
                        self.path.truncate(frame.base);
                        p = self.key(line, skip_ws(line, p + 1), enc, cx)?;
                        continue 'value;
                    }
                    Some(b',') => {
                        self.path.truncate(frame.base);
                        p += 1;
                        continue 'value;
                    }
                    Some(b'}') if frame.object => {}
                    Some(b']') if !frame.object => {}
                    _ => return Err(Invalid::Syntax),
                }
                self.stack.pop();
                self.path.truncate(frame.base);
                p += 1;
            }
        }
    }

    /// Reads the key at `line[p..]` (`"…"` then `:`) into the path after the innermost
    /// object's own path; returns where its value starts.
    /// A key that may hold a value (a digit, an `@`, an escape or a non-ASCII character) is
    /// pushed as a segment of its own, without a column: keys are data too.
    fn key(
        &mut self,
        line: &[u8],
        p: usize,
        enc: Encoding,
        cx: &mut SplitCx<'_>,
    ) -> Result<usize, Invalid> {
        if line.get(p) != Some(&b'"') {
            return Err(Invalid::Syntax);
        }
        let close = string_end(line, p + 1, enc).ok_or(Invalid::Syntax)?;
        if line[p + 1..close]
            .iter()
            .any(|&b| b.is_ascii_digit() || b == b'@' || b == b'\\' || b >= 0x80)
        {
            cx.push(p + 1, close, None, Escape::Json);
        }
        let base = self.stack.last().map_or(0, |f| f.base);
        self.path.truncate(base);
        if base > 0 {
            self.path.push(b'.');
        }
        let raw = &line[p + 1..close];
        let plain = memchr::memchr(b'\\', raw).is_none();
        if plain && (enc == Encoding::Utf8 || raw.is_ascii()) {
            self.path.extend_from_slice(raw);
        } else {
            self.key.clear();
            self.key_map.clear();
            decode(Escape::Json, enc, raw, &mut self.key, &mut self.key_map);
            self.path.extend_from_slice(&self.key);
        }
        let colon = skip_ws(line, close + 1);
        if line.get(colon) != Some(&b':') {
            return Err(Invalid::Syntax);
        }
        Ok(colon + 1)
    }

    /// Pushes the value `buf[s..e]` as a segment of the current path's column.
    fn emit(&mut self, s: usize, e: usize, esc: Escape, cx: &mut SplitCx<'_>) {
        if s >= e {
            return;
        }
        if self.path.is_empty() {
            cx.push(s, e, None, esc);
        } else if let Some(col) = self.cache.get(&self.path[..]) {
            cx.push(s, e, Some(col), esc);
        } else {
            let col = cx.columns.resolve(&self.table, &String::from_utf8_lossy(&self.path));
            cx.push(s, e, Some(&col), esc);
            if self.path.len() <= CACHE_KEY_MAX {
                if self.cache.len() >= CACHE_MAX {
                    self.cache.clear();
                }
                self.cache.insert(self.path.as_slice().into(), col);
            }
        }
    }
}

impl Splitter for Jsonl {
    fn split(&mut self, buf: &[u8], eof: bool, cx: &mut SplitCx<'_>) -> usize {
        let mut at = 0;
        if self.resync {
            match cx.pass_line(buf, eof) {
                Some(n) => at = n,
                None => return 0,
            }
            self.resync = false;
        }
        while at < buf.len() {
            let end = match memchr::memchr(b'\n', &buf[at..]) {
                Some(i) => at + i,
                None if eof => buf.len(),
                None => break,
            };
            // Each line is a record of its own.
            cx.record();
            self.line(buf, at, end, cx);
            at = (end + 1).min(buf.len());
        }
        at
    }

    fn lost(&mut self) {
        self.resync = true;
    }
}

/// The first position at or after `p` that is not JSON whitespace (`\n` never occurs).
#[inline]
fn skip_ws(line: &[u8], mut p: usize) -> usize {
    while matches!(line.get(p), Some(b' ' | b'\t' | b'\r')) {
        p += 1;
    }
    p
}

/// The position of the quote that closes the string whose contents start at `line[p]`, or
/// `None` when it does not close on this line.
#[inline]
fn string_end(line: &[u8], mut p: usize, enc: Encoding) -> Option<usize> {
    let open = p;
    match enc {
        Encoding::Utf8 => loop {
            // In UTF-8 no byte of a multi-byte character is `\` or `"`: a quote is escaped
            // when an odd number of backslashes precedes it.
            let q = p + memchr::memchr(b'"', &line[p..])?;
            let backslashes = line[open..q].iter().rev().take_while(|&&b| b == b'\\').count();
            if backslashes % 2 == 0 {
                return Some(q);
            }
            p = q + 1;
        },
        Encoding::Gbk => {
            while p < line.len() {
                match line[p] {
                    b'"' => return Some(p),
                    // An escape: `\` and the ASCII byte it escapes (as the codec reads it).
                    b'\\' if line.get(p + 1).is_some_and(u8::is_ascii) => p += 2,
                    b if b >= 0x80 => p += gbk_step(line, p),
                    _ => p += 1,
                }
            }
            None
        }
    }
}

/// The length of the GBK character at `line[p]`, never taking in a byte that no GBK or GB18030
/// character can hold past its first (below 0x30: a quote, a control byte) — such a lead byte
/// is a stray byte on its own, as the codec decodes it.
#[inline]
fn gbk_step(line: &[u8], p: usize) -> usize {
    let n = char_len(Encoding::Gbk, line, p).min(line.len() - p);
    if line[p + 1..p + n].iter().any(|&b| b < 0x30) {
        1
    } else {
        n
    }
}

/// The end of the JSON number starting at `line[p]`, or `None` when it is malformed.
#[inline]
fn number_end(line: &[u8], mut p: usize) -> Option<usize> {
    let digits = |p: usize| line[p..].iter().take_while(|b| b.is_ascii_digit()).count();
    if line[p] == b'-' {
        p += 1;
    }
    match line.get(p) {
        Some(b'0') => p += 1,
        Some(b'1'..=b'9') => p += digits(p),
        _ => return None,
    }
    if line.get(p) == Some(&b'.') {
        let n = digits(p + 1);
        if n == 0 {
            return None;
        }
        p += 1 + n;
    }
    if matches!(line.get(p), Some(b'e' | b'E')) {
        p += 1;
        if matches!(line.get(p), Some(b'+' | b'-')) {
            p += 1;
        }
        let n = digits(p);
        if n == 0 {
            return None;
        }
        p += n;
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{columns, split_once, split_steps};
    use super::super::Columns;
    use super::*;
    use crate::kind::Kind;
    use crate::policy::PolicySet;

    /// A segment as (raw bytes, column key, escape).
    type Seg = (Vec<u8>, Option<String>, Escape);

    /// Splits `input` in pieces of at most `step` bytes (as the reader hands them out) and
    /// returns each segment as (raw bytes, column key, escape), and the warnings.
    fn split_with(input: &[u8], enc: Encoding, step: usize) -> (Vec<Seg>, Vec<(u64, String)>) {
        let (fields, warnings) = split_steps(&mut Jsonl::new("t"), &columns(), enc, input, step);
        let segs =
            fields.iter().map(|f| (input[f.start..f.end].to_vec(), f.key(), f.esc)).collect();
        (segs, warnings)
    }

    fn split(input: &str) -> Vec<(String, Option<String>, Escape)> {
        let (segs, warnings) = split_with(input.as_bytes(), Encoding::Utf8, 1 << 20);
        assert!(warnings.is_empty(), "{warnings:?}");
        segs.into_iter().map(|(b, k, e)| (String::from_utf8(b).unwrap(), k, e)).collect()
    }

    fn seg(v: &str, key: &str, esc: Escape) -> (String, Option<String>, Escape) {
        (v.into(), (!key.is_empty()).then(|| format!("{key}=")), esc)
    }

    #[test]
    fn values_take_their_key_path() {
        let got = split(
            "{\"user\":{\"name\":\"张三\",\"contact\":{\"phone\":\"13812345678\"}},\
             \"phones\":[\"139\",[\"150\"],{\"tel\":186}],\"ok\":true,\"n\":null,\"e\":\"\"}\n",
        );
        assert_eq!(
            got,
            [
                seg("张三", "name", Escape::Json),
                seg("13812345678", "phone", Escape::Json),
                seg("139", "phones", Escape::Json),
                seg("150", "phones", Escape::Json),
                seg("186", "tel", Escape::Num),
            ]
        );
    }

    #[test]
    fn paths_resolve_rules_and_hints() {
        let config = crate::config::PolicyConfig::from_toml(
            "[columns]\n\"t.user.contact.phone\" = \"placeholder\"\n\"t.phones\" = \"skip\"\n",
            "test",
        )
        .unwrap();
        let policies = PolicySet::build(&config, &Default::default()).unwrap();
        let columns = Columns::new(&policies, true);
        let mut sp = Jsonl::new("t");
        let line =
            b"{\"user\":{\"contact\":{\"phone\":\"1\",\"name\":\"x\"}},\"phones\":[\"2\"]}\n";
        let mut fields = Vec::new();
        for _ in 0..3 {
            let (f, n, _) = split_once(&mut sp, &columns, Encoding::Utf8, 0, line, false);
            assert_eq!(n, line.len());
            fields.extend(f);
        }
        // The skipped column pushes nothing; the others are resolved once.
        assert_eq!(fields.len(), 6);
        let col = |i: usize| fields[i].col.clone().unwrap();
        let (phone, name) = (col(0), col(1));
        assert!(phone.rule.is_some() && phone.hint == Some(Kind::Phone));
        assert!(name.rule.is_none() && name.hint == Some(Kind::Name));
        assert!(Arc::ptr_eq(&phone, &col(4)));
        assert_eq!(sp.cache.len(), 3);
    }

    #[test]
    fn escapes_stay_inside_their_string() {
        let got = split(r#"{"a\"b":"x\"y\\","c":"\\\\","d":"\u5f20\u4e09","e\\":"\\\"q"}"#);
        assert_eq!(
            got,
            [
                // A key with an escape is scanned too, without a column.
                seg(r#"a\"b"#, "", Escape::Json),
                seg(r#"x\"y\\"#, "a\"b", Escape::Json),
                seg(r"\\\\", "c", Escape::Json),
                seg(r"\u5f20\u4e09", "d", Escape::Json),
                seg(r"e\\", "", Escape::Json),
                seg(r#"\\\"q"#, "e\\", Escape::Json),
            ]
        );
        // Escaped keys are decoded before they name the column.
        assert_eq!(
            split(r#"{"\u624b\u673a":"1"}"#),
            [seg(r"\u624b\u673a", "", Escape::Json), seg("1", "手机", Escape::Json)]
        );
    }

    #[test]
    fn numbers_and_top_level_values() {
        let got = split("{\"m\":-1.5e+3,\"z\":0}\n13812345678\n\"abc\"\n[1,\"x\"]\n");
        assert_eq!(
            got,
            [
                seg("-1.5e+3", "m", Escape::Num),
                seg("0", "z", Escape::Num),
                seg("13812345678", "", Escape::Num),
                seg("abc", "", Escape::Json),
                seg("1", "", Escape::Num),
                seg("x", "", Escape::Json),
            ]
        );
    }

    #[test]
    fn blank_lines_crlf_and_bom() {
        let got = split("\u{feff}{\"a\":\"1\"}\r\n\n  \r\n{ \"b\" : [ \"2\" , 3 ] }\r\n");
        assert_eq!(
            got,
            [seg("1", "a", Escape::Json), seg("2", "b", Escape::Json), seg("3", "b", Escape::Num)]
        );
    }

    #[test]
    fn invalid_lines_are_text_with_a_warning() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let ok_deep = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        let bad: &[&str] = &[
            "{\"a\":\"1\"",
            "{\"a\":\"1}",
            "{\"a\" \"1\"}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":1,}",
            "[1,]",
            "{\"a\":tru}",
            "{a:1}",
            "{\"a\":1}}",
            "{\"a\":1} x",
            "[1 2]",
            "{\"a\":1]",
            "garbage 13812345678",
            &deep,
        ];
        for &line in bad {
            let text = format!("{line}\n{{\"p\":\"2\"}}\n");
            let (segs, warnings) = split_with(text.as_bytes(), Encoding::Utf8, 1 << 20);
            assert_eq!(segs.len(), 2, "{line}");
            assert_eq!(segs[0], (line.as_bytes().to_vec(), None, Escape::Raw), "{line}");
            assert_eq!(segs[1].1.as_deref(), Some("p="));
            assert_eq!(warnings.len(), 1, "{line}");
            assert_eq!(warnings[0].0, 0);
            let deep_warning = warnings[0].1.contains("deeper");
            assert_eq!(deep_warning, line == deep, "{line}");
        }
        let (segs, warnings) = split_with(ok_deep.as_bytes(), Encoding::Utf8, 1 << 20);
        assert!(segs.is_empty() && warnings.is_empty());
        // Far deeper than any stack would allow recursion to go.
        let huge = "[{\"a\":".repeat(200_000);
        let (segs, warnings) = split_with(huge.as_bytes(), Encoding::Utf8, 1 << 22);
        assert_eq!((segs.len(), warnings.len()), (1, 1));
    }

    #[test]
    fn whole_lines_only() {
        let text = "{\"a\":\"13812345678\"}\n{\"b\":[\"x\",\"y\"]}\n{\"c\":1}";
        let whole = split_with(text.as_bytes(), Encoding::Utf8, 1 << 20);
        for step in [1, 2, 5, 17] {
            assert_eq!(split_with(text.as_bytes(), Encoding::Utf8, step), whole, "{step}");
        }
        assert_eq!(whole.0.len(), 4);
    }

    #[test]
    fn gbk_trail_backslash_is_not_an_escape() {
        // {"姓名":"\x81\x5c"} : the value's last character has trail byte 0x5C, which must
        // not escape the closing quote; then a stray lead byte before a quote.
        let (k, _, _) = encoding_rs::GBK.encode("姓名");
        let mut line = b"{\"".to_vec();
        line.extend_from_slice(&k);
        line.extend_from_slice(b"\":\"\xd5\xc5\x81\x5c\",\"b\":\"\x81\",\"c\":\"\\\"\"}\n");
        let (segs, warnings) = split_with(&line, Encoding::Gbk, 1 << 20);
        assert!(warnings.is_empty(), "{warnings:?}");
        let got: Vec<_> = segs.iter().map(|s| (s.0.clone(), s.1.clone())).collect();
        assert_eq!(
            got,
            [
                (k.to_vec(), None),
                (b"\xd5\xc5\x81\x5c".to_vec(), Some("姓名=".into())),
                (b"\x81".to_vec(), Some("b=".into())),
                (b"\\\"".to_vec(), Some("c=".into())),
            ]
        );
        // Read as UTF-8, the trail byte escapes the quote and the line is not JSON.
        let (_, warnings) = split_with(&line, Encoding::Utf8, 1 << 20);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn cache_is_bounded() {
        let mut text = String::new();
        for i in 0..CACHE_MAX + 10 {
            text.push_str(&format!("{{\"k{i}\":\"v\",\"{}\":\"w\"}}\n", "x".repeat(300)));
        }
        let mut sp = Jsonl::new("t");
        let (fields, n, _) =
            split_once(&mut sp, &columns(), Encoding::Utf8, 0, text.as_bytes(), true);
        assert_eq!(n, text.len());
        // Two values and the key with a digit a line.
        assert_eq!(fields.len(), 3 * (CACHE_MAX + 10));
        assert!(sp.cache.len() <= CACHE_MAX);
    }
}
