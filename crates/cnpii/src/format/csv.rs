//! CSV and TSV (RFC 4180): fields separated by a delimiter, records by `\n` or `\r\n`; a field
//! in double quotes may hold delimiters, line ends and `""` for a quote. The header record
//! (unless `--no-header`) names the columns; without one, columns are named by their 1-based
//! position (`users.3`).
//!
//! Lenient where files are not: bytes after a closing quote up to the delimiter stay in the
//! field (`"a"b` is scanned as `a` then `b`); a record may have more fields than the header
//! (they are named by position); a quote that never closes makes the rest of the input text,
//! with a warning.

use super::{Column, Escape, SplitCx, Splitter};
use std::sync::Arc;

pub(crate) struct Csv {
    delim: u8,
    /// The next record is the header.
    header: bool,
    table: String,
    /// Columns by position, resolved once.
    columns: Vec<Arc<Column>>,
    /// Names from the header.
    names: Vec<String>,
    /// The next call starts somewhere inside a record: pass up to the next line end as text.
    resync: bool,
}

/// One field of a record being parsed.
struct Field {
    start: usize,
    end: usize,
    quoted: bool,
    /// Bytes after the closing quote, before the delimiter.
    tail: Option<(usize, usize)>,
}

impl Csv {
    pub(crate) fn new(delim: u8, header: bool, table: &str) -> Csv {
        Csv {
            delim,
            header,
            table: table.to_string(),
            columns: Vec::new(),
            names: Vec::new(),
            resync: false,
        }
    }

    /// Resolves the columns up to position `n` (once each).
    fn resolve_columns(&mut self, n: usize, cx: &SplitCx<'_>) {
        while self.columns.len() < n {
            let i = self.columns.len();
            let name = self.names.get(i).cloned().unwrap_or_else(|| (i + 1).to_string());
            self.columns.push(cx.columns.resolve(&self.table, &name));
        }
    }

    /// Parses one record at `buf[at..]` into `fields`; returns where the next record starts,
    /// or `None` when the record is not complete in `buf` (and `eof` is false).
    fn record(&self, buf: &[u8], at: usize, eof: bool, fields: &mut Vec<Field>) -> Option<usize> {
        fields.clear();
        let mut p = at;
        loop {
            // One field starting at p.
            if buf.get(p) == Some(&b'"') {
                let open = p + 1;
                let mut q = open;
                let close = loop {
                    match memchr::memchr(b'"', &buf[q..]) {
                        Some(i) if buf.get(q + i + 1) == Some(&b'"') => q += i + 2,
                        Some(i) if q + i + 1 == buf.len() && !eof => return None,
                        Some(i) => break q + i,
                        None if eof => break buf.len(),
                        None => return None,
                    }
                };
                let after = (close + 1).min(buf.len());
                let end = memchr::memchr2(self.delim, b'\n', &buf[after..]).map(|i| after + i);
                let stop = match end {
                    Some(e) => e,
                    None if eof => buf.len(),
                    None => return None,
                };
                let tail_end = if buf[..stop].ends_with(b"\r") && buf.get(stop) == Some(&b'\n') {
                    stop - 1
                } else {
                    stop
                };
                let tail = (after < tail_end).then_some((after, tail_end));
                fields.push(Field { start: open, end: close, quoted: true, tail });
                p = stop;
            } else {
                let stop = match memchr::memchr2(self.delim, b'\n', &buf[p..]) {
                    Some(i) => p + i,
                    None if eof => buf.len(),
                    None => return None,
                };
                let mut end = stop;
                if buf.get(stop) == Some(&b'\n') && end > p && buf[end - 1] == b'\r' {
                    end -= 1;
                }
                fields.push(Field { start: p, end, quoted: false, tail: None });
                p = stop;
            }
            match buf.get(p) {
                Some(&b) if b == self.delim => p += 1,
                Some(_) => return Some(p + 1), // '\n'
                None => return Some(p),        // eof
            }
        }
    }
}

/// Whether a cell looks like a value rather than a column name: digits, with at most signs,
/// separators and parentheses around them (`1`, `13812345678`, `-1.5`, `010-12345678`), or an
/// e-mail address.
fn value_shaped(cell: &[u8]) -> bool {
    let cell = cell.trim_ascii();
    let numeric = cell.first().is_some_and(|&b| b.is_ascii_digit() || b"+-.(".contains(&b))
        && cell.iter().any(u8::is_ascii_digit)
        && cell.iter().all(|&b| b.is_ascii_digit() || b"+-.() eE".contains(&b));
    numeric || (memchr::memchr(b'@', cell).is_some() && !cell.contains(&b' '))
}

impl Splitter for Csv {
    fn split(&mut self, buf: &[u8], eof: bool, cx: &mut SplitCx<'_>) -> usize {
        let mut at = 0;
        if self.resync {
            match cx.pass_line(buf, eof) {
                Some(n) => at = n,
                None => return 0,
            }
            self.resync = false;
        }
        let mut fields = Vec::new();
        while at < buf.len() {
            let Some(next) = self.record(buf, at, eof, &mut fields) else { break };
            if fields.last().is_some_and(|f| f.quoted && f.end == buf.len()) {
                cx.warn(fields.last().map_or(at, |f| f.start), "a quoted field never closes");
            }
            if self.header && fields.iter().any(|f| value_shaped(&buf[f.start..f.end])) {
                // A header line holds names, not numbers: this file has none.
                self.header = false;
                cx.warn(
                    at,
                    "the first record holds values, not column names; columns named by position",
                );
            }
            if self.header {
                self.header = false;
                self.names = fields
                    .iter()
                    .map(|f| {
                        let raw = String::from_utf8_lossy(&buf[f.start..f.end]);
                        if f.quoted { raw.replace("\"\"", "\"") } else { raw.into_owned() }
                            .trim()
                            .to_string()
                    })
                    .collect();
                self.columns.clear();
                // Header cells are data too: scanned as text, without a column.
                cx.record();
                for f in &fields {
                    let esc =
                        if f.quoted { Escape::Quoted } else { Escape::Bare { delim: self.delim } };
                    cx.push(f.start, f.end, None, esc);
                    if let Some((s, e)) = f.tail {
                        cx.push(s, e, None, Escape::Bare { delim: self.delim });
                    }
                }
            } else {
                cx.record();
                self.resolve_columns(fields.len(), cx);
                for (f, col) in fields.iter().zip(&self.columns) {
                    let esc =
                        if f.quoted { Escape::Quoted } else { Escape::Bare { delim: self.delim } };
                    cx.push(f.start, f.end, Some(col), esc);
                    if let Some((s, e)) = f.tail {
                        cx.push(s, e, Some(col), Escape::Bare { delim: self.delim });
                    }
                }
            }
            at = next;
        }
        at
    }

    fn lost(&mut self) {
        self.resync = true;
    }
}
