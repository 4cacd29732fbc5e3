//! Structured input: the **Format** step beside the Chunker (DESIGN.md).
//!
//! A format knows where each value sits (its column) and how it is quoted, so that detectors
//! can take the column as a hint, policies can be set per column, and every quote and escape
//! survives byte for byte.
//!
//! ```text
//! bytes ─▶ Records (reader thread)          ─▶ worker: process()                        ─▶ Sink
//!          Splitter cuts at record ends;        decode each field (escapes, GBK) into
//!          one Segment per field: raw range,    one haystack, `column=` before it, scan
//!          column, escape style                 once; map hits back to raw bytes; column
//!                                               hints; rewrite, re-escaping replacements
//! ```
//!
//! Chunks end at record ends, so they need no overlap: a finding never crosses a field. A
//! record longer than the largest job is the exception: it is scanned as text, in pieces that
//! overlap as text chunks do ([`TextPiece`]), with one warning for the record.
//! Whatever a splitter does not understand becomes a [`Escape::Raw`] segment without a
//! column — scanned as text — and a warning that names the offset, never the data.
//! Offsets in findings are always offsets in the input as stored (before transcoding).

mod codec;
mod csv;
mod hints;
mod jsonl;
mod mysql;
mod number;
mod pgdump;
mod process;
mod sql;
mod text;

pub use hints::column_kind;
pub(crate) use process::{process, Scratch};

use crate::chunk::CONTEXT;
use crate::error::Error;
use crate::kind::Kind;
use crate::policy::PolicySet;
use std::io::{self, Read};
use std::sync::Arc;

/// How the input is structured (`--format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// Running text: logs, free text. Every byte is scanned as text.
    #[default]
    Text,
    /// Comma-separated values (RFC 4180: `"` quoting, `""` escapes, embedded newlines).
    Csv,
    /// Tab-separated values (same quoting rules as CSV, tab delimiter).
    Tsv,
    /// JSON Lines: one JSON value per line; keys at any depth name the column.
    Jsonl,
    /// mysqldump output: `CREATE TABLE` names the columns of extended `INSERT` tuples.
    Mysql,
    /// pg_dump plain format: `COPY … FROM stdin` blocks and `INSERT` statements.
    Pgdump,
}

impl Format {
    /// Every format, in `--format` order.
    pub const ALL: [Format; 6] =
        [Format::Text, Format::Csv, Format::Tsv, Format::Jsonl, Format::Mysql, Format::Pgdump];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Mysql => "mysql",
            Format::Pgdump => "pgdump",
        }
    }

    /// The format a file name implies (`.csv`, `.tsv`, `.jsonl`/`.ndjson`, `.sql` → `None`:
    /// the content decides), looking through `.gz`/`.zst`.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").or_else(|| name.strip_suffix(".zst")).unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        match ext {
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "log" | "txt" => Some(Format::Text),
            _ => None,
        }
    }

    /// The format the first bytes of an input suggest: a dump's header or first statement, or
    /// JSON objects on the first lines. CSV is never guessed from content (any text with commas
    /// would pass); name the file `.csv` or say `--format csv`.
    pub fn sniff(head: &[u8]) -> Format {
        let text = String::from_utf8_lossy(&head[..head.len().min(64 * 1024)]);
        let lines = || text.lines().map(str::trim_start).filter(|l| !l.is_empty());
        if text.contains("-- MySQL dump")
            || text.contains("-- MariaDB dump")
            || lines().any(|l| l.starts_with("INSERT INTO `") || l.starts_with("CREATE TABLE `"))
        {
            return Format::Mysql;
        }
        if text.contains("-- PostgreSQL database dump")
            || lines().any(|l| l.starts_with("COPY ") && l.ends_with("FROM stdin;"))
        {
            return Format::Pgdump;
        }
        let mut firsts = lines().take(4).peekable();
        if firsts.peek().is_some()
            && firsts.all(|l| l.starts_with('{') && (l.ends_with('}') || l.len() > 4096))
        {
            return Format::Jsonl;
        }
        Format::Text
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        let s = s.to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.as_str() == s).ok_or_else(|| {
            format!("unknown format '{s}' (expected text, csv, tsv, jsonl, mysql or pgdump)")
        })
    }
}

/// The character encoding of the input (`--encoding`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8 (invalid sequences pass through untouched).
    #[default]
    Utf8,
    /// GBK / GB18030: decoded for scanning, replacements encoded back; every other byte is
    /// copied from the input as it was.
    Gbk,
}

impl Encoding {
    /// The encoding the first bytes of an input suggest: GBK when they are not UTF-8 but
    /// decode as GB18030 without error.
    pub fn sniff(head: &[u8]) -> Encoding {
        let head = &head[..head.len().min(64 * 1024)];
        let valid = match std::str::from_utf8(head) {
            Ok(_) => true,
            // A character cut by the end of the sample does not count against UTF-8.
            Err(e) => e.error_len().is_none(),
        };
        if valid {
            return Encoding::Utf8;
        }
        // Do not count a double-byte character cut by the end of the sample either.
        let mut end = head.len();
        let mut i = 0;
        while i < head.len() {
            let n = codec::gbk_char_len(head, i);
            if i + n > head.len() {
                end = i;
                break;
            }
            i += n;
        }
        match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(&head[..end])
        {
            Some(_) => Encoding::Gbk,
            None => Encoding::Utf8,
        }
    }
}

impl std::str::FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Encoding, String> {
        match s.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "utf8" => Ok(Encoding::Utf8),
            "gbk" | "gb18030" | "gb2312" | "cp936" => Ok(Encoding::Gbk),
            _ => Err(format!("unknown encoding '{s}' (expected utf-8 or gbk)")),
        }
    }
}

/// How an input is laid out: its format, encoding and naming. [`Input::default`] is UTF-8 text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The format.
    pub format: Format,
    /// The encoding.
    pub encoding: Encoding,
    /// CSV/TSV: the first record names the columns (default `true`).
    pub header: bool,
    /// The table name of CSV/TSV/JSON Lines columns in `[columns]` rules (`users.mobile`):
    /// usually the file's stem. Dumps name their own tables.
    pub table: String,
}

impl Default for Input {
    fn default() -> Input {
        Input { format: Format::Text, encoding: Encoding::Utf8, header: true, table: "-".into() }
    }
}

impl Input {
    /// Whether this input takes the structured path (anything but UTF-8 text).
    pub(crate) fn structured(&self) -> bool {
        self.format != Format::Text || self.encoding != Encoding::Utf8
    }
}

/// How a field's bytes are escaped in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Escape {
    /// As they are: running text.
    Raw,
    /// An unquoted CSV/TSV field: a replacement must not bring in the delimiter, a quote or a
    /// line end (they become spaces).
    Bare { delim: u8 },
    /// Inside `"…"` with `""` for a quote (CSV/TSV).
    Quoted,
    /// A JSON string's contents: `\"`, `\\`, `\n`, `\uXXXX` (surrogate pairs too).
    Json,
    /// A MySQL string literal's contents: backslash escapes and `''`.
    Mysql,
    /// A PostgreSQL COPY text-format field: `\\`, `\t`, `\n`, octal and hex escapes.
    PgCopy,
    /// A standard SQL string literal's contents: `''` for a quote, backslashes literal.
    Sql,
    /// A number slot ([`crate::policy::Slot::Number`]): a JSON number, an unquoted SQL number
    /// (a mobile stored as `BIGINT`), a `COPY` field of a numeric column. Scanned as it is;
    /// a replacement is always ASCII digits (the policy's numeric form), written as it is, so
    /// that the slot still holds a number: never quoted, never text.
    Num,
}

/// What is known about a column, resolved once per column name.
#[derive(Debug)]
pub(crate) struct Column {
    /// The leaf name and `=`, written before the value in the haystack so that the detectors'
    /// key-name evidence applies (`uid=` vetoes, `phone=` supports).
    pub key: Box<[u8]>,
    /// The kind the column's name (or its rule) says it holds.
    pub hint: Option<Kind>,
    /// The `[columns]` rule that matched, as an index into the policy set's column rules.
    pub rule: Option<usize>,
    /// Never scanned (`"*.created_at" = "skip"`).
    pub skip: bool,
}

/// Resolves column names to [`Column`]s: built-in hints from the name, then the policy set's
/// `[columns]` rules.
#[derive(Clone)]
pub(crate) struct Columns {
    policies: PolicySet,
    hints: bool,
}

impl Columns {
    pub fn new(policies: &PolicySet, hints: bool) -> Columns {
        Columns { policies: policies.clone(), hints }
    }

    /// The column `name` (a leaf name, or a dotted JSON path whose last part is the leaf) of
    /// `table`.
    pub fn resolve(&self, table: &str, path: &str) -> Arc<Column> {
        let leaf = path.rsplit('.').next().unwrap_or(path);
        let qualified = format!("{table}.{path}");
        let rule = self.policies.column_rule(&qualified);
        let (rule_index, skip, rule_kind) = match rule {
            Some((i, r)) => (Some(i), r.skip, r.kind),
            None => (None, false, None),
        };
        let hint = rule_kind.or(if self.hints { column_kind(leaf) } else { None });
        let mut key = Vec::with_capacity(leaf.len() + 1);
        // Keys longer than the detectors' look-behind would only push the value's own context out.
        key.extend(leaf.bytes().filter(|b| !matches!(b, b'\n' | b'\r')).take(48));
        key.push(b'=');
        Arc::new(Column { key: key.into(), hint, rule: rule_index, skip })
    }
}

/// Cuts a stream into record-aligned pieces and lists their fields.
pub(crate) trait Splitter: Send {
    /// Parses `buf`, which starts where the previous call's consumed bytes ended, and pushes
    /// one [`Segment`] per field of every complete record (offsets into `buf`). Returns the
    /// number of bytes consumed: whole records only, unless `eof` (no bytes follow `buf`),
    /// when everything must be consumed. Bytes between fields (delimiters, quotes, SQL) are
    /// copied to the output as they are.
    fn split(&mut self, buf: &[u8], eof: bool, cx: &mut SplitCx<'_>) -> usize;

    /// The reader gave up waiting for a record end (a record longer than the largest chunk)
    /// and passed bytes through as text; the next call starts at an arbitrary position.
    fn lost(&mut self);
}

/// What a splitter works with besides its bytes.
pub(crate) struct SplitCx<'a> {
    pub columns: &'a Columns,
    /// Splitters that read backslash escapes step over whole characters with
    /// `codec::char_len` (a GBK trail byte may be `\`).
    pub encoding: Encoding,
    /// Input offset of `buf[0]`, for warnings.
    pub base: u64,
    pub segs: &'a mut Vec<Segment>,
    /// The columns the job's segments refer to.
    pub cols: &'a mut Vec<Arc<Column>>,
    pub warnings: &'a mut Vec<(u64, String)>,
    /// The next segment pushed starts a record.
    pub record_start: bool,
    /// Where in `cols` to look first for the next segment's column: after the last one
    /// (a record's fields come in column order).
    pub col_next: usize,
}

impl SplitCx<'_> {
    /// Starts a record: the fields pushed from now on belong together (a name next to a phone
    /// number in the same row counts as evidence; nothing crosses into another record).
    pub fn record(&mut self) {
        self.record_start = true;
    }

    /// After [`Splitter::lost`]: passes `buf` up to its first line end through as a text
    /// record and returns how many bytes that is (all of them at `eof`), or `None` when no
    /// line end is in `buf` yet.
    pub fn pass_line(&mut self, buf: &[u8], eof: bool) -> Option<usize> {
        let n = match memchr::memchr(b'\n', buf) {
            Some(i) => i + 1,
            None if eof => buf.len(),
            None => return None,
        };
        self.record();
        self.push(0, n, None, Escape::Raw);
        Some(n)
    }

    /// Pushes the field `buf[start..end]` (unless it is empty or its column is skipped).
    pub fn push(&mut self, start: usize, end: usize, col: Option<&Arc<Column>>, esc: Escape) {
        if start < end && !col.is_some_and(|c| c.skip) {
            let first = std::mem::take(&mut self.record_start);
            // Columns are few: find this one among the job's (a pointer comparison each),
            // first where the record's previous field leads us to expect it.
            let col = match col {
                None => NO_COLUMN,
                Some(c) => {
                    let guess = self.col_next;
                    let found = if self.cols.get(guess).is_some_and(|k| Arc::ptr_eq(k, c)) {
                        Some(guess)
                    } else {
                        self.cols.iter().rposition(|k| Arc::ptr_eq(k, c))
                    };
                    let i = found.unwrap_or_else(|| {
                        self.cols.push(c.clone());
                        self.cols.len() - 1
                    });
                    self.col_next = i + 1;
                    i as u32
                }
            };
            self.segs.push(Segment { start, end, col, esc, first });
        }
    }

    /// A warning about the input at `buf[at]`. Never quote the input in `msg`.
    pub fn warn(&mut self, at: usize, msg: impl Into<String>) {
        if self.warnings.len() < 100 {
            self.warnings.push((self.base + at as u64, msg.into()));
        }
    }
}

/// [`Segment::col`] of a segment without a column.
pub(crate) const NO_COLUMN: u32 = u32::MAX;

/// One field to scan: `bytes[start..end]` of a job.
#[derive(Clone, Debug)]
pub(crate) struct Segment {
    pub start: usize,
    pub end: usize,
    /// Index into [`Job::columns`], or [`NO_COLUMN`].
    pub col: u32,
    pub esc: Escape,
    /// The first field pushed for its record.
    pub first: bool,
}

/// A record-aligned piece of the input and its fields.
#[derive(Debug, Default)]
pub(crate) struct Job {
    pub seq: u64,
    /// Input offset of `bytes[0]`.
    pub base: u64,
    pub bytes: Vec<u8>,
    pub segs: Vec<Segment>,
    /// The columns of `segs`.
    pub columns: Vec<Arc<Column>>,
    pub encoding: Encoding,
    /// Warnings raised while splitting, with input offsets.
    pub warnings: Vec<(u64, String)>,
    /// Part of a record too long for a job, scanned as text with the text chunks' overlap
    /// rule: `bytes` is look-behind, the own range, look-ahead (UTF-8: no segments, the text
    /// path scans it; GBK: one [`Escape::Raw`] segment, decoded and scanned by
    /// [`process`], which keeps the findings that start in the own range).
    pub text: Option<TextPiece>,
}

/// The own range and edges of a [`Job`] that is a piece of an over-long record
/// ([`crate::chunk`]'s boundary rule: a finding belongs to the piece whose own range holds
/// its start, and context on both sides lets every detector see what it would see in one
/// piece).
#[derive(Clone, Debug)]
pub(crate) struct TextPiece {
    pub own: std::ops::Range<usize>,
    pub cut_start: bool,
    pub cut_end: bool,
}

/// The splitter for `input`.
pub(crate) fn splitter(input: &Input) -> Box<dyn Splitter> {
    match input.format {
        Format::Text => Box::new(text::Lines),
        Format::Csv => Box::new(csv::Csv::new(b',', input.header, &input.table)),
        Format::Tsv => Box::new(csv::Csv::new(b'\t', input.header, &input.table)),
        Format::Jsonl => Box::new(jsonl::Jsonl::new(&input.table)),
        Format::Mysql => Box::new(mysql::Mysql::new()),
        Format::Pgdump => Box::new(pgdump::Pgdump::new()),
    }
}

/// Reads a stream and hands out record-aligned [`Job`]s (the structured Chunker).
pub(crate) struct Records<R> {
    reader: R,
    splitter: Box<dyn Splitter>,
    columns: Columns,
    encoding: Encoding,
    /// Target bytes per job, and the most a job may grow to while waiting for a record end.
    size: usize,
    max: usize,
    /// `data[..filled]`: up to [`CONTEXT`] bytes already handed out (the look-behind of a
    /// text piece), `behind` of them, then the bytes from input offset `base` on.
    data: Vec<u8>,
    filled: usize,
    behind: usize,
    base: u64,
    seq: u64,
    eof: bool,
    /// Inside a record longer than the largest job: handing out overlapping text pieces
    /// until one ends at a line end.
    lost: bool,
    /// The most segments a job had so far: the next job's list starts that large instead of
    /// growing (and copying itself) by doubling.
    segs_hint: usize,
}

impl<R: Read> Records<R> {
    pub fn new(reader: R, input: &Input, columns: Columns, size: usize) -> Records<R> {
        let size = size.max(1);
        Records {
            reader,
            splitter: splitter(input),
            columns,
            encoding: input.encoding,
            size,
            max: size.saturating_mul(4).max(4 << 20),
            data: Vec::new(),
            filled: 0,
            behind: 0,
            base: 0,
            seq: 0,
            eof: false,
            lost: false,
            segs_hint: 0,
        }
    }

    /// Reads until `want` bytes from `base` on are buffered (or the input ends).
    fn fill(&mut self, want: usize) -> io::Result<()> {
        // No further than `want`: what is read beyond a job is copied down after it.
        let want = self.behind + want;
        let Records { reader, data, filled, eof, .. } = self;
        crate::chunk::fill(reader, data, filled, eof, want, want)
    }

    /// The bytes from `base` on that are buffered.
    fn avail(&self) -> usize {
        self.filled - self.behind
    }

    /// Whether the whole input fits in one job (reads ahead to find out).
    pub fn fits_one_job(&mut self) -> io::Result<bool> {
        self.fill(self.size + 1)?;
        Ok(self.eof && self.avail() <= self.size)
    }

    /// The next job, or `None` at the end of the input. `buf` is a recycled buffer.
    pub fn next_job(&mut self, buf: Vec<u8>) -> Result<Option<Job>, Error> {
        if self.lost {
            return self.text_piece(buf, Vec::new());
        }
        let mut want = self.size;
        let mut segs = Vec::with_capacity(self.segs_hint);
        let mut cols = Vec::new();
        let mut warnings = Vec::new();
        loop {
            self.fill(want)?;
            if self.avail() == 0 {
                return Ok(None);
            }
            segs.clear();
            cols.clear();
            // The splitter sees at most `want` bytes, even when more are buffered (after a
            // fallback to text, a window's worth is): jobs stay near the target size.
            let avail = self.avail().min(want);
            let eof = self.eof && avail == self.avail();
            let data = &self.data[self.behind..self.behind + avail];
            let mut cx = SplitCx {
                columns: &self.columns,
                encoding: self.encoding,
                base: self.base,
                segs: &mut segs,
                cols: &mut cols,
                warnings: &mut warnings,
                record_start: true,
                col_next: 0,
            };
            let n = self.splitter.split(data, eof, &mut cx);
            debug_assert!(n <= data.len() && (!eof || n == data.len()));
            if n == 0 && self.avail() >= want && want < self.max {
                want = (want * 2).min(self.max);
                continue;
            }
            if n == 0 {
                // No record ends within the largest job: the record is scanned as text, in
                // pieces that overlap as text chunks do, until a piece ends at a line end;
                // the splitter finds its feet again after it. One warning per record.
                warnings.push((
                    self.base,
                    format!(
                        "a record runs past {} bytes; scanned as text up to the next line end",
                        self.max
                    ),
                ));
                self.splitter.lost();
                self.lost = true;
                return self.text_piece(buf, warnings);
            }
            self.segs_hint = self.segs_hint.max(segs.len());
            return Ok(Some(self.take(n, buf, segs, cols, warnings)));
        }
    }

    /// Hands out `data[..n]` as a job (copied into `buf`), keeping the rest for the next one.
    fn take(
        &mut self,
        n: usize,
        mut buf: Vec<u8>,
        segs: Vec<Segment>,
        columns: Vec<Arc<Column>>,
        warnings: Vec<(u64, String)>,
    ) -> Job {
        buf.clear();
        buf.extend_from_slice(&self.data[self.behind..self.behind + n]);
        let job = Job {
            seq: self.seq,
            base: self.base,
            bytes: buf,
            segs,
            columns,
            encoding: self.encoding,
            warnings,
            text: None,
        };
        self.advance(n);
        job
    }

    /// Consumes `n` bytes from `base` on, keeping up to [`CONTEXT`] bytes before the new
    /// `base` as look-behind.
    fn advance(&mut self, n: usize) {
        let pos = self.behind + n;
        let keep = pos.min(CONTEXT);
        self.data.copy_within(pos - keep..self.filled, 0);
        self.filled -= pos - keep;
        self.behind = keep;
        self.base += n as u64;
        self.seq += 1;
    }

    /// The next piece of an over-long record, scanned as text: an own range of up to `size`
    /// bytes, cut as [`crate::chunk::Chunker`] cuts (after a line end, else after a breaker
    /// in its second half, else blind), with [`CONTEXT`] bytes on each side. A piece that ends
    /// at a line end (or the input's end) is the last.
    fn text_piece(
        &mut self,
        mut buf: Vec<u8>,
        warnings: Vec<(u64, String)>,
    ) -> Result<Option<Job>, Error> {
        self.fill(self.size + CONTEXT)?;
        if self.avail() == 0 {
            self.lost = false;
            return Ok(None);
        }
        let start = self.behind;
        let limit = (start + self.size).min(self.filled);
        let own_end = if limit == self.filled && self.eof {
            self.lost = false;
            limit
        } else {
            let window = &self.data[start..limit];
            match memchr::memrchr(b'\n', window) {
                Some(p) => {
                    self.lost = false;
                    start + p + 1
                }
                None => {
                    let half = window.len() / 2;
                    // In GBK only a byte below 0x40 is never part of a character.
                    let gbk = self.encoding == Encoding::Gbk;
                    let breaker = |b: u8| crate::chunk::is_breaker(b) && (!gbk || b < 0x40);
                    match window[half..].iter().rposition(|&b| breaker(b)) {
                        Some(p) => start + half + p + 1,
                        None => limit,
                    }
                }
            }
        };
        let end = (own_end + CONTEXT).min(self.filled);
        buf.clear();
        buf.extend_from_slice(&self.data[..end]);
        let base = self.base - start as u64;
        // GBK input is decoded before it is scanned: the piece is one field without a column,
        // scanned by the structured path, which keeps the own range's findings.
        let segs = match self.encoding {
            Encoding::Utf8 => Vec::new(),
            Encoding::Gbk => {
                vec![Segment { start: 0, end, col: NO_COLUMN, esc: Escape::Raw, first: true }]
            }
        };
        let job = Job {
            seq: self.seq,
            base,
            bytes: buf,
            segs,
            columns: Vec::new(),
            encoding: self.encoding,
            warnings,
            text: Some(TextPiece {
                own: start..own_end,
                cut_start: base > 0,
                cut_end: !(self.eof && end == self.filled),
            }),
        };
        self.advance(own_end - start);
        Ok(Some(job))
    }
}

/// Driving a [`Splitter`] by hand, for the splitters' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A field as a splitter reported it, with offsets into the whole input.
    #[derive(Clone, Debug)]
    pub(crate) struct Field {
        pub start: usize,
        pub end: usize,
        pub col: Option<Arc<Column>>,
        pub esc: Escape,
    }

    impl Field {
        /// The column's key (`mobile=`), or `None` without a column.
        pub fn key(&self) -> Option<String> {
            self.col.as_ref().map(|c| String::from_utf8_lossy(&c.key).into_owned())
        }
    }

    /// One call of `sp` on `buf`, which starts at input offset `base`: the fields, the bytes
    /// consumed and the warnings.
    pub(crate) fn split_once(
        sp: &mut dyn Splitter,
        columns: &Columns,
        encoding: Encoding,
        base: usize,
        buf: &[u8],
        eof: bool,
    ) -> (Vec<Field>, usize, Vec<(u64, String)>) {
        let (mut segs, mut cols, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
        let mut cx = SplitCx {
            columns,
            encoding,
            base: base as u64,
            segs: &mut segs,
            cols: &mut cols,
            warnings: &mut warnings,
            record_start: true,
            col_next: 0,
        };
        let n = sp.split(buf, eof, &mut cx);
        assert!(n <= buf.len() && (!eof || n == buf.len()));
        let fields = segs
            .iter()
            .map(|s| {
                assert!(s.end <= n, "segments lie in consumed bytes");
                Field {
                    start: base + s.start,
                    end: base + s.end,
                    col: cols.get(s.col as usize).cloned(),
                    esc: s.esc,
                }
            })
            .collect();
        (fields, n, warnings)
    }

    /// [`split_once`] on a whole UTF-8 input with the test columns, as text: (field text,
    /// column key, escape) per field, the bytes consumed and the number of warnings.
    pub(crate) fn split_text(
        sp: &mut dyn Splitter,
        input: &[u8],
        eof: bool,
    ) -> (Vec<(String, String, Escape)>, usize, usize) {
        let (fields, n, warnings) = split_once(sp, &columns(), Encoding::Utf8, 0, input, eof);
        let fields = fields
            .iter()
            .map(|f| {
                let text = String::from_utf8_lossy(&input[f.start..f.end]).into_owned();
                (text, f.key().unwrap_or_default(), f.esc)
            })
            .collect();
        (fields, n, warnings.len())
    }

    /// Feeds `input` to `sp` as the reader does: `step` bytes at a time, doubling the window
    /// while no record completes. Returns every field and warning.
    pub(crate) fn split_steps(
        sp: &mut dyn Splitter,
        columns: &Columns,
        encoding: Encoding,
        input: &[u8],
        step: usize,
    ) -> (Vec<Field>, Vec<(u64, String)>) {
        let (mut fields, mut warnings) = (Vec::new(), Vec::new());
        let (mut base, mut want) = (0, step);
        while base < input.len() {
            let end = (base + want).min(input.len());
            let (f, n, w) =
                split_once(sp, columns, encoding, base, &input[base..end], end == input.len());
            if n == 0 {
                assert!(f.is_empty());
                want *= 2;
                continue;
            }
            fields.extend(f);
            warnings.extend(w);
            base += n;
            want = step;
        }
        (fields, warnings)
    }

    /// Columns under the default policies, with hints.
    pub(crate) fn columns() -> Columns {
        Columns::new(&crate::policy::PolicySet::default(), true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_sniff() {
        assert_eq!("CSV".parse::<Format>(), Ok(Format::Csv));
        assert!("xml".parse::<Format>().is_err());
        let p = |s: &str| Format::from_path(std::path::Path::new(s));
        assert_eq!(p("users.csv.gz"), Some(Format::Csv));
        assert_eq!(p("a/b.JSONL"), Some(Format::Jsonl));
        assert_eq!(p("dump.sql"), None);
        assert_eq!(Format::sniff(b"-- MySQL dump 10.13\n"), Format::Mysql);
        assert_eq!(Format::sniff(b"SET x=1;\nCOPY public.t (a, b) FROM stdin;\n"), Format::Pgdump);
        assert_eq!(Format::sniff(b"{\"a\":1}\n{\"b\":2}\n"), Format::Jsonl);
        assert_eq!(Format::sniff(b"a,b,c\n1,2,3\n"), Format::Text);
    }

    #[test]
    fn encodings_sniff() {
        assert_eq!(Encoding::sniff("张三 13812345678".as_bytes()), Encoding::Utf8);
        // 张三 in GBK, then a character cut by the end of the sample.
        assert_eq!(Encoding::sniff(b"\xd5\xc5\xc8\xfd \xd5"), Encoding::Gbk);
        assert_eq!(Encoding::sniff(b"\xff\xff\xff"), Encoding::Utf8);
        assert_eq!("GB18030".parse::<Encoding>(), Ok(Encoding::Gbk));
    }
}
