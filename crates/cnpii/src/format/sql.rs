//! What the MySQL and PostgreSQL dump splitters share: a small SQL lexer (whitespace,
//! keywords, identifiers, string literals, statement ends), `CREATE TABLE` column lists, and
//! the parser of `INSERT … VALUES (…),(…)` tuples.
//!
//! Every function works on a byte buffer that may end anywhere: running out of bytes is
//! [`Stop::More`] (the caller waits for more input, or at the end of the input treats it as
//! [`Stop::Bad`]), and input that is not what the function expects is [`Stop::Bad`] (the caller
//! scans it as text). Nothing here panics on any input.
//!
//! GBK input: the only byte that can be read as syntax although it belongs to a character is
//! `\` (0x5C, a valid GBK trail byte); quotes, parentheses, commas and whitespace are all below
//! 0x40, which no GBK trail byte is. So only string literals are walked character by character
//! ([`codec::char_len`]); everything else is plain byte scanning.

use super::codec::char_len;
use super::{Column, Columns, Encoding, Escape, SplitCx};
use std::sync::Arc;

/// Why a parse stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The buffer ends before the construct does.
    More,
    /// Not what was expected.
    Bad,
}

pub(crate) type Res<T> = Result<T, Stop>;

/// The SQL dialect of a dump.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// MySQL: backslash escapes in `'…'` and `"…"` strings, `` `…` `` identifiers, `#` comments.
    Mysql,
    /// PostgreSQL: standard `'…'` strings, `E'…'` strings with backslashes, `"…"` identifiers,
    /// `$tag$…$tag$` bodies.
    Pg,
}

/// The lexer: a dialect, an encoding, and whether the buffer is the end of the input.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lex {
    pub dialect: Dialect,
    pub enc: Encoding,
    pub eof: bool,
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0C)
}

/// Whether whitespace or a comment may start at the byte `b`: otherwise [`Lex::ws`] has
/// nothing to skip.
#[inline]
fn starts_ws(b: u8) -> bool {
    is_ws(b) || matches!(b, b'-' | b'/' | b'#')
}

/// The first `q` (or, when `backslash`, `\\`) in `rest`. Most strings in a dump are short: the
/// first bytes are looked at one by one, before memchr's setup is worth it.
fn find_quote(q: u8, backslash: bool, rest: &[u8]) -> Option<usize> {
    const NEAR: usize = 24;
    let near = &rest[..rest.len().min(NEAR)];
    if let Some(i) = near.iter().position(|&b| b == q || (backslash && b == b'\\')) {
        return Some(i);
    }
    let far = rest.get(NEAR..)?;
    let i = if backslash { memchr::memchr2(q, b'\\', far) } else { memchr::memchr(q, far) };
    i.map(|i| NEAR + i)
}

impl Lex {
    /// Running out of bytes: more are needed, unless there are none.
    pub fn short(&self) -> Stop {
        if self.eof {
            Stop::Bad
        } else {
            Stop::More
        }
    }

    /// The byte at `p`, or [`Lex::short`].
    pub fn at(&self, buf: &[u8], p: usize) -> Res<u8> {
        buf.get(p).copied().ok_or(self.short())
    }

    /// Skips whitespace and comments (`-- …`, `/* … */`, MySQL `# …`); stops at a comment
    /// that does not end in `buf`.
    #[inline]
    pub fn ws(&self, buf: &[u8], p: usize) -> usize {
        // Between the values of a tuple there is usually nothing to skip.
        if buf.get(p).is_none_or(|&b| !starts_ws(b)) {
            return p;
        }
        self.ws_slow(buf, p)
    }

    fn ws_slow(&self, buf: &[u8], mut p: usize) -> usize {
        loop {
            while p < buf.len() && is_ws(buf[p]) {
                p += 1;
            }
            let rest = &buf[p..];
            let line = rest.starts_with(b"--")
                || (self.dialect == Dialect::Mysql && rest.starts_with(b"#"));
            if line {
                match memchr::memchr(b'\n', rest) {
                    Some(i) => p += i + 1,
                    None => return p,
                }
            } else if rest.starts_with(b"/*") && !rest.starts_with(b"/*!") {
                match memchr::memmem::find(&rest[2..], b"*/") {
                    Some(i) => p += i + 4,
                    None => return p,
                }
            } else {
                return p;
            }
        }
    }

    /// [`Lex::ws`] inside a statement: a comment (or what may become one) cut by the end of
    /// the buffer asks for more bytes instead of being read as a value, so that the same bytes
    /// parse the same way wherever a job ends.
    #[inline]
    pub fn ws_in(&self, buf: &[u8], p: usize) -> Res<usize> {
        if buf.get(p).is_some_and(|&b| !starts_ws(b)) {
            return Ok(p);
        }
        self.ws_in_slow(buf, p)
    }

    fn ws_in_slow(&self, buf: &[u8], p: usize) -> Res<usize> {
        let q = self.ws(buf, p);
        let rest = &buf[q..];
        let comment = rest.starts_with(b"--")
            || (rest.starts_with(b"/*") && !rest.starts_with(b"/*!"))
            || (self.dialect == Dialect::Mysql && rest.starts_with(b"#"))
            || matches!(rest, b"-" | b"/");
        if comment && !self.eof {
            Err(Stop::More)
        } else {
            Ok(q)
        }
    }

    /// The end of the word (identifier or keyword characters) at `p`.
    pub fn word_end(&self, buf: &[u8], p: usize) -> Res<usize> {
        let n = buf[p.min(buf.len())..].iter().position(|&b| !is_word(b));
        match n {
            Some(n) => Ok(p + n),
            None if self.eof => Ok(buf.len()),
            None => Err(Stop::More),
        }
    }

    /// If the word at `p` (after whitespace) is `kw` (upper case), the position after it.
    pub fn keyword(&self, buf: &[u8], p: usize, kw: &str) -> Res<Option<usize>> {
        let p = self.ws_in(buf, p)?;
        self.at(buf, p)?;
        let e = self.word_end(buf, p)?;
        Ok(buf[p..e].eq_ignore_ascii_case(kw.as_bytes()).then_some(e))
    }

    /// Skips the string literal opening at `buf[open]` (its quote byte); returns the position
    /// of the closing quote. `backslash`: a `\` escapes the next character. A doubled quote
    /// is a quote in every dialect.
    pub fn string(&self, buf: &[u8], open: usize, backslash: bool) -> Res<usize> {
        let q = buf[open];
        let mut i = open + 1;
        loop {
            let rest = buf.get(i..).ok_or(self.short())?;
            let found = if self.enc == Encoding::Gbk {
                let mut j = 0;
                loop {
                    match rest.get(j) {
                        None => break None,
                        Some(&b) if b == q || (backslash && b == b'\\') => break Some(j),
                        Some(_) => j += char_len(self.enc, rest, j),
                    }
                }
            } else {
                find_quote(q, backslash, rest)
            };
            // A string that never closes is no string, even at the end of the input.
            i += found.ok_or(if self.eof { Stop::Bad } else { Stop::More })?;
            if buf[i] == b'\\' && q != b'`' && backslash {
                if i + 1 >= buf.len() {
                    return Err(if self.eof { Stop::Bad } else { Stop::More });
                }
                i += 1 + char_len(self.enc, buf, i + 1);
                continue;
            }
            match buf.get(i + 1) {
                Some(&b) if b == q => i += 2,
                Some(_) => return Ok(i),
                None if self.eof => return Ok(i),
                None => return Err(Stop::More),
            }
        }
    }

    /// An identifier at `p` (after whitespace): `` `a` ``, `"a"` or a bare word, unquoted;
    /// and the position after it.
    pub fn ident(&self, buf: &[u8], p: usize) -> Res<(String, usize)> {
        let mut name = String::new();
        let e = self.ident_into(buf, p, &mut name)?;
        Ok((name, e))
    }

    /// [`Lex::ident`] into `name` (its old contents replaced; left unspecified on an error),
    /// reusing its allocation.
    pub fn ident_into(&self, buf: &[u8], p: usize, name: &mut String) -> Res<usize> {
        let p = self.ws_in(buf, p)?;
        let b = self.at(buf, p)?;
        name.clear();
        let quoted = b == b'"' || (b == b'`' && self.dialect == Dialect::Mysql);
        if quoted {
            let close = self.string(buf, p, false)?;
            let raw = String::from_utf8_lossy(&buf[p + 1..close]);
            // A doubled quote stands for one.
            let qq = if b == b'"' { "\"\"" } else { "``" };
            let mut rest: &str = &raw;
            while let Some(i) = rest.find(qq) {
                name.push_str(&rest[..i]);
                name.push(b as char);
                rest = &rest[i + 2..];
            }
            name.push_str(rest);
            return Ok(close + 1);
        }
        let e = self.word_end(buf, p)?;
        if e == p {
            return Err(Stop::Bad);
        }
        name.push_str(&String::from_utf8_lossy(&buf[p..e]));
        Ok(e)
    }

    /// A possibly qualified name (`db.t`, `public."T"`): its last part, and the position after.
    pub fn qualified(&self, buf: &[u8], p: usize) -> Res<(String, usize)> {
        let mut name = String::new();
        let e = self.qualified_into(buf, p, &mut name)?;
        Ok((name, e))
    }

    /// [`Lex::qualified`] into `name`, as [`Lex::ident_into`].
    pub fn qualified_into(&self, buf: &[u8], p: usize, name: &mut String) -> Res<usize> {
        let mut p = self.ident_into(buf, p, name)?;
        while self.at(buf, p)? == b'.' {
            p = self.ident_into(buf, p + 1, name)?;
        }
        Ok(p)
    }

    /// A (qualified) table name and its optional `(column, …)` list at `p`, into `out`
    /// (reusing its buffers: a dump of one-row `INSERT`s allocates nothing per row); returns
    /// the position after them.
    pub fn table_columns(&self, buf: &[u8], p: usize, out: &mut Named) -> Res<usize> {
        out.list = false;
        let q = self.qualified_into(buf, p, &mut out.table)?;
        let q = self.ws_in(buf, q)?;
        if self.at(buf, q)? != b'(' {
            return Ok(q);
        }
        // The parenthesised list of identifiers.
        out.n = 0;
        let mut p = q + 1;
        loop {
            if out.n == out.cols.len() {
                out.cols.push(String::new());
            }
            let q = self.ident_into(buf, p, &mut out.cols[out.n])?;
            out.n += 1;
            p = self.ws_in(buf, q)?;
            match self.at(buf, p)? {
                b',' => p += 1,
                b')' => {
                    out.list = true;
                    return Ok(p + 1);
                }
                _ => return Err(Stop::Bad),
            }
        }
    }

    /// Whether a string opening at `buf[p]` takes backslash escapes.
    fn backslashes(&self, buf: &[u8], p: usize) -> bool {
        match self.dialect {
            Dialect::Mysql => buf[p] != b'`',
            Dialect::Pg => {
                buf[p] == b'\''
                    && p > 0
                    && matches!(buf[p - 1], b'E' | b'e')
                    && (p < 2 || !is_word(buf[p - 2]))
            }
        }
    }

    /// The end of the statement starting at or before `p`: the byte after its `delim`, past
    /// the rest of that line when only blanks follow. Skips strings, quoted identifiers,
    /// comments and (PostgreSQL) dollar-quoted bodies. At the end of the input, a statement
    /// without its delimiter runs to the end.
    pub fn statement_end(&self, buf: &[u8], mut p: usize, delim: &[u8]) -> Res<usize> {
        let more = || if self.eof { Ok(buf.len()) } else { Err(Stop::More) };
        while p < buf.len() {
            let b = buf[p];
            let rest = &buf[p..];
            if b == b'\'' || b == b'"' || (b == b'`' && self.dialect == Dialect::Mysql) {
                match self.string(buf, p, self.backslashes(buf, p)) {
                    Ok(close) => p = close + 1,
                    Err(_) => return more(),
                }
            } else if rest.starts_with(b"--") || (b == b'#' && self.dialect == Dialect::Mysql) {
                match memchr::memchr(b'\n', rest) {
                    Some(i) => p += i + 1,
                    None => return more(),
                }
            } else if rest.starts_with(b"/*") {
                match memchr::memmem::find(&rest[2..], b"*/") {
                    Some(i) => p += i + 4,
                    None => return more(),
                }
            } else if b == b'$' && self.dialect == Dialect::Pg && (p == 0 || !is_word(buf[p - 1])) {
                let tag_len =
                    rest[1..].iter().position(|&c| !(c.is_ascii_alphanumeric() || c == b'_'));
                match tag_len {
                    Some(n) if rest[1 + n] == b'$' => {
                        let tag = &rest[..n + 2];
                        match memchr::memmem::find(&rest[n + 2..], tag) {
                            Some(i) => p += n + 2 + i + tag.len(),
                            None => return more(),
                        }
                    }
                    Some(_) => p += 1,
                    None => return more(),
                }
            } else if !delim.is_empty() && rest.starts_with(delim) {
                p += delim.len();
                let blanks =
                    buf[p..].iter().take_while(|&&c| matches!(c, b' ' | b'\t' | b'\r')).count();
                if buf.get(p + blanks) == Some(&b'\n') {
                    p += blanks + 1;
                }
                return Ok(p);
            } else if !delim.is_empty() && delim.starts_with(rest) {
                return more();
            } else {
                p += 1;
            }
        }
        more()
    }

    /// The body of `CREATE TABLE name (…)` at `p` (which is `(`): the column names (the first
    /// word of each definition that is not a constraint or index), and the position after `)`.
    /// Also says, per column, whether its type is numeric ([`numeric_type`]).
    pub fn table_body(&self, buf: &[u8], p: usize) -> Res<(Vec<String>, Vec<bool>, usize)> {
        const NOT_COLUMNS: &[&str] = &[
            "KEY",
            "PRIMARY",
            "UNIQUE",
            "CONSTRAINT",
            "INDEX",
            "FULLTEXT",
            "SPATIAL",
            "FOREIGN",
            "CHECK",
            "EXCLUDE",
            "LIKE",
            "PERIOD",
        ];
        let mut names = Vec::new();
        let mut numeric = Vec::new();
        let mut p = p + 1;
        loop {
            // One definition.
            let start = self.ws_in(buf, p)?;
            let b = self.at(buf, start)?;
            if b == b')' {
                return Ok((names, numeric, start + 1));
            }
            let bare = b != b'`' && b != b'"';
            let (name, mut q) = self.ident(buf, start)?;
            if !(bare && NOT_COLUMNS.iter().any(|k| k.eq_ignore_ascii_case(&name))) {
                names.push(name);
                let t = self.ws_in(buf, q)?;
                let te = self.word_end(buf, t)?;
                numeric.push(numeric_type(&buf[t..te]));
                q = te;
            }
            // To the ',' or ')' that ends it.
            let mut depth = 0usize;
            loop {
                let b = self.at(buf, q)?;
                match b {
                    b'\'' | b'"' | b'`' => q = self.string(buf, q, self.backslashes(buf, q))? + 1,
                    b'(' => {
                        depth += 1;
                        q += 1;
                    }
                    b')' if depth == 0 => return Ok((names, numeric, q + 1)),
                    b')' => {
                        depth -= 1;
                        q += 1;
                    }
                    b',' if depth == 0 => {
                        p = q + 1;
                        break;
                    }
                    _ => q += 1,
                }
            }
        }
    }
}

/// Whether a column type (its first word, `bigint`, `numeric`, `int`) holds numbers: the
/// values of such a column are number slots.
pub(crate) fn numeric_type(ty: &[u8]) -> bool {
    const NUMERIC: &[&str] = &[
        "int",
        "integer",
        "bigint",
        "smallint",
        "tinyint",
        "mediumint",
        "int2",
        "int4",
        "int8",
        "numeric",
        "decimal",
        "dec",
        "number",
        "real",
        "float",
        "float4",
        "float8",
        "double",
        "serial",
        "bigserial",
        "smallserial",
        "serial4",
        "serial8",
    ];
    NUMERIC.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(ty))
}

/// A table name and its optional column list as a statement names them
/// ([`Lex::table_columns`]), in buffers reused from statement to statement.
#[derive(Debug, Default)]
pub(crate) struct Named {
    pub table: String,
    /// The column list's names in `cols[..n]`, when `list`; the strings past `n` are spares.
    cols: Vec<String>,
    n: usize,
    list: bool,
}

impl Named {
    /// The explicit column list, if the statement has one.
    pub fn list(&self) -> Option<&[String]> {
        self.list.then(|| &self.cols[..self.n])
    }
}

/// The columns of the `INSERT` being parsed, resolved once and reused by the statements that
/// follow while they name the same table and column list.
#[derive(Default)]
pub(crate) struct Active {
    /// What the statement being parsed names; [`Active::set`] makes it active.
    pub named: Named,
    table: String,
    /// The explicit column list, if the statement has one.
    list: Option<Vec<String>>,
    names: Vec<String>,
    cols: Vec<Arc<Column>>,
}

impl Active {
    /// Makes the table in [`Active::named`] (with its explicit column list, or else the
    /// `known` names from its `CREATE TABLE`) the active table. Allocates only when that is
    /// another table or list than before.
    pub fn set(&mut self, known: Option<&Vec<String>>) {
        let list = self.named.list();
        let same = match (list, known) {
            (Some(l), _) => self.list.as_deref() == Some(l),
            (None, Some(k)) => self.list.is_none() && *k == self.names,
            (None, None) => self.list.is_none() && self.names.is_empty(),
        };
        if same && self.table == self.named.table {
            return;
        }
        self.names = match (list, known) {
            (Some(l), _) => l.to_vec(),
            (None, Some(k)) => k.clone(),
            (None, None) => Vec::new(),
        };
        self.list = list.map(<[String]>::to_vec);
        self.table.clone_from(&self.named.table);
        self.cols.clear();
    }

    /// The name of the `i`th column, when known.
    pub fn name(&self, i: usize) -> Option<&str> {
        self.names.get(i).map(String::as_str)
    }

    /// Forgets the columns of `table` (its `CREATE TABLE` was seen again).
    pub fn forget(&mut self, table: &str) {
        if self.table == table {
            self.table.clear();
            self.list = None;
            self.names.clear();
            self.cols.clear();
        }
    }

    /// The `i`th column (named by its 1-based position when no name is known).
    pub fn col(&mut self, i: usize, columns: &Columns) -> &Arc<Column> {
        while self.cols.len() <= i {
            let n = self.cols.len();
            let col = match self.names.get(n) {
                Some(name) => columns.resolve(&self.table, name),
                None => columns.resolve(&self.table, &(n + 1).to_string()),
            };
            self.cols.push(col);
        }
        &self.cols[i]
    }
}

/// The shortest unquoted number worth scanning: nothing shorter can be personal data.
const MIN_NUMBER: usize = 6;

/// Parses one `(…)` tuple at `p` (which is `(`), pushing a segment per string literal and per
/// long enough number; returns the position after `)`.
pub(crate) fn tuple(
    lex: &Lex,
    buf: &[u8],
    p: usize,
    active: &mut Active,
    cx: &mut SplitCx<'_>,
) -> Res<usize> {
    let mut p = lex.ws_in(buf, p + 1)?;
    if lex.at(buf, p)? == b')' {
        return Ok(p + 1);
    }
    let mut i = 0;
    loop {
        p = value(lex, buf, p, i, active, cx)?;
        p = lex.ws_in(buf, p)?;
        match lex.at(buf, p)? {
            b',' => {
                i += 1;
                p = lex.ws_in(buf, p + 1)?;
            }
            b')' => return Ok(p + 1),
            _ => return Err(Stop::Bad),
        }
    }
}

/// One value of a tuple at `p`, the `i`th; returns the position after it.
fn value(
    lex: &Lex,
    buf: &[u8],
    p: usize,
    i: usize,
    active: &mut Active,
    cx: &mut SplitCx<'_>,
) -> Res<usize> {
    let b = lex.at(buf, p)?;
    let end = match b {
        b'\'' | b'"' => {
            if b == b'"' && lex.dialect == Dialect::Pg {
                return Err(Stop::Bad);
            }
            let backslash = lex.dialect == Dialect::Mysql;
            let close = lex.string(buf, p, backslash)?;
            let esc = if backslash { Escape::Mysql } else { Escape::Sql };
            cx.push(p + 1, close, Some(active.col(i, cx.columns)), esc);
            close + 1
        }
        b'0' if matches!(buf.get(p + 1), Some(b'x' | b'X')) => lex.word_end(buf, p)?,
        b'0'..=b'9' | b'-' | b'+' | b'.' => {
            let n = buf[p..].iter().position(|&c| {
                !(c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'-' | b'+'))
            });
            let e = match n {
                Some(n) => p + n,
                None if lex.eof => buf.len(),
                None => return Err(Stop::More),
            };
            if e - p >= MIN_NUMBER {
                cx.push(p, e, Some(active.col(i, cx.columns)), Escape::Num);
            }
            e
        }
        b if is_word(b) => {
            let e = lex.word_end(buf, p)?;
            let word = &buf[p..e];
            let q = lex.ws_in(buf, e)?;
            let next = lex.at(buf, q)?;
            if next == b'\'' {
                let hex = matches!(word, b"x" | b"X" | b"b" | b"B");
                let estr = lex.dialect == Dialect::Pg && matches!(word, b"e" | b"E") && q == e;
                let introducer = lex.dialect == Dialect::Mysql && word.starts_with(b"_");
                if hex {
                    lex.string(buf, q, false)? + 1
                } else if estr {
                    let close = lex.string(buf, q, true)?;
                    cx.push(q + 1, close, Some(active.col(i, cx.columns)), Escape::Mysql);
                    close + 1
                } else if introducer {
                    // `_binary '…'`, `_utf8mb4'…'`: the string is the value.
                    return value(lex, buf, q, i, active, cx);
                } else {
                    return Err(Stop::Bad);
                }
            } else if next == b'(' {
                // A function call: not something a dump writes.
                return Err(Stop::Bad);
            } else {
                // NULL, TRUE, FALSE, DEFAULT.
                e
            }
        }
        _ => return Err(Stop::Bad),
    };
    // PostgreSQL casts: `'…'::date`, `'{}'::text[]`.
    let mut e = end;
    while lex.dialect == Dialect::Pg && buf[e.min(buf.len())..].starts_with(b"::") {
        e = lex.word_end(buf, lex.ws_in(buf, e + 2)?)?;
        while buf[e.min(buf.len())..].starts_with(b"[]") {
            e += 2;
        }
    }
    if lex.dialect == Dialect::Pg && e + 1 >= buf.len() && buf.get(e) == Some(&b':') && !lex.eof {
        return Err(Stop::More);
    }
    Ok(e)
}

/// A dump parser, one step at a time: a step is one whole statement, one tuple of an
/// `INSERT`, or one `COPY` row. A step changes the parser's state only when it succeeds.
pub(crate) trait Steps {
    const DIALECT: Dialect;

    /// Parses one step at `p` (at most whitespace before it); the position after it.
    fn step(&mut self, lex: &Lex, buf: &[u8], p: usize, cx: &mut SplitCx<'_>) -> Res<usize>;

    /// Where text that a step at `p` could not parse ends: the statement's end inside a
    /// statement, else the line's end.
    fn bad_end(&self, lex: &Lex, buf: &[u8], p: usize) -> Res<usize>;

    /// Back to the top level (after bad input, or after the reader lost our place).
    fn reset(&mut self);
}

/// The end of the line at `p` (after its `\n`).
pub(crate) fn line_end(lex: &Lex, buf: &[u8], p: usize) -> Res<usize> {
    match memchr::memchr(b'\n', &buf[p..]) {
        Some(i) => Ok(p + i + 1),
        None if lex.eof => Ok(buf.len()),
        None => Err(Stop::More),
    }
}

/// Runs `steps` over `buf` as [`super::Splitter::split`] does; returns the bytes consumed.
/// `resync`: the previous bytes were passed through by the reader; the line they cut is
/// scanned as text.
pub(crate) fn drive<S: Steps>(
    steps: &mut S,
    resync: &mut bool,
    buf: &[u8],
    eof: bool,
    cx: &mut SplitCx<'_>,
) -> usize {
    let lex = Lex { dialect: S::DIALECT, enc: cx.encoding, eof };
    let mut p = 0;
    if *resync {
        match line_end(&lex, buf, 0) {
            Ok(e) => {
                cx.record();
                cx.push(0, e, None, Escape::Raw);
                p = e;
                *resync = false;
                steps.reset();
            }
            Err(_) => return 0,
        }
    }
    let (mut segs, mut warns) = (cx.segs.len(), cx.warnings.len());
    while p < buf.len() {
        // Each step (a statement, a tuple, a COPY row) is a record of its own.
        cx.record();
        match steps.step(&lex, buf, p, cx) {
            Ok(next) if next > p => p = next,
            Err(Stop::More) if !eof => break,
            _ => {
                // Not understood (or cut by the end of the input): scanned as text.
                cx.segs.truncate(segs);
                cx.warnings.truncate(warns);
                let at = lex.ws(buf, p);
                let end = match steps.bad_end(&lex, buf, at) {
                    Ok(e) if e > at => e,
                    Ok(_) => buf.len(),
                    Err(_) if !eof => break,
                    Err(_) => buf.len(),
                };
                cx.record();
                cx.push(at, end, None, Escape::Raw);
                cx.warn(at, "SQL this parser does not follow; scanned as text");
                steps.reset();
                p = end;
            }
        }
        (segs, warns) = (cx.segs.len(), cx.warnings.len());
    }
    cx.segs.truncate(segs);
    cx.warnings.truncate(warns);
    p
}

/// Parses an `INSERT`/`REPLACE` statement after its first word (at `p`) up to the end of its
/// first tuple: `[LOW_PRIORITY|DELAYED|HIGH_PRIORITY] [IGNORE] [INTO] table [(columns)]
/// VALUES (…)`. `known` gives the column names of tables whose `CREATE TABLE` was seen.
pub(crate) fn insert<'a>(
    lex: &Lex,
    buf: &[u8],
    mut p: usize,
    active: &mut Active,
    known: impl FnOnce(&str) -> Option<&'a Vec<String>>,
    cx: &mut SplitCx<'_>,
) -> Res<usize> {
    for _ in 0..4 {
        let q = lex.ws_in(buf, p)?;
        lex.at(buf, q)?;
        let e = lex.word_end(buf, q)?;
        let w = &buf[q..e];
        let modifier = ["LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE"];
        if modifier.iter().any(|m| w.eq_ignore_ascii_case(m.as_bytes())) {
            p = e;
        } else {
            if w.eq_ignore_ascii_case(b"INTO") {
                p = e;
            }
            break;
        }
    }
    let q = lex.table_columns(buf, p, &mut active.named)?;
    let q = match lex.keyword(buf, q, "VALUES")? {
        Some(e) => e,
        None => lex.keyword(buf, q, "VALUE")?.ok_or(Stop::Bad)?,
    };
    let q = lex.ws_in(buf, q)?;
    if lex.at(buf, q)? != b'(' {
        return Err(Stop::Bad);
    }
    active.set(known(&active.named.table));
    tuple(lex, buf, q, active, cx)
}

/// After a tuple (at `p`): `, (…)` → `Ok((end, false))`, or the statement's end (`;` or
/// `delim`) → `Ok((end, true))`.
pub(crate) fn next_tuple(
    lex: &Lex,
    buf: &[u8],
    p: usize,
    delim: &[u8],
    active: &mut Active,
    cx: &mut SplitCx<'_>,
) -> Res<(usize, bool)> {
    let q = lex.ws_in(buf, p)?;
    match lex.at(buf, q)? {
        b',' => {
            let r = lex.ws_in(buf, q + 1)?;
            if lex.at(buf, r)? != b'(' {
                return Err(Stop::Bad);
            }
            Ok((tuple(lex, buf, r, active, cx)?, false))
        }
        b';' => {
            let d = if delim.is_empty() { b";" as &[u8] } else { delim };
            if buf.len() - q < d.len() && d.starts_with(&buf[q..]) && !lex.eof {
                return Err(Stop::More);
            }
            let d = if buf[q..].starts_with(d) { d.len() } else { 1 };
            let mut e = q + d;
            let blanks =
                buf[e..].iter().take_while(|&&c| matches!(c, b' ' | b'\t' | b'\r')).count();
            if buf.get(e + blanks) == Some(&b'\n') {
                e += blanks + 1;
            }
            Ok((e, true))
        }
        _ => Err(Stop::Bad),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(dialect: Dialect) -> Lex {
        Lex { dialect, enc: Encoding::Utf8, eof: false }
    }

    #[test]
    fn strings_end_where_they_end() {
        let l = lex(Dialect::Mysql);
        assert_eq!(l.string(b"'a\\'b''c' x", 0, true), Ok(8));
        assert_eq!(l.string(b"'a\\'b''", 0, true), Err(Stop::More));
        assert_eq!(l.string(b"'a\\", 0, true), Err(Stop::More));
        let p = lex(Dialect::Pg);
        assert_eq!(p.string(b"'a\\' x", 0, false), Ok(3));
        // A GBK character whose trail byte is `\` does not escape the quote after it.
        let g = Lex { enc: Encoding::Gbk, ..l };
        assert_eq!(g.string(b"'\x81\x5c' x", 0, true), Ok(3));
        assert_eq!(l.string(b"'\x81\x5c' x", 0, true), Err(Stop::More));
    }

    #[test]
    fn statements_end_at_the_delimiter() {
        let l = lex(Dialect::Mysql);
        assert_eq!(l.statement_end(b"SET a='x;';  \nSET", 0, b";"), Ok(14));
        assert_eq!(l.statement_end(b"SET a='x;", 0, b";"), Err(Stop::More));
        let p = lex(Dialect::Pg);
        let f = b"CREATE FUNCTION f() AS $b$ select 1; $b$;\nX";
        assert_eq!(p.statement_end(f, 0, b";"), Ok(f.len() - 1));
    }

    #[test]
    fn table_bodies_name_columns() {
        let l = lex(Dialect::Mysql);
        let ddl = b"(\n  `id` int,\n  `a``b` decimal(10,2) COMMENT 'x,)',\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;";
        let (names, numeric, end) = l.table_body(ddl, 0).unwrap();
        assert_eq!(names, ["id", "a`b"]);
        assert_eq!(numeric, [true, true]);
        assert_eq!(&ddl[end..end + 7], b" ENGINE");
        let p = lex(Dialect::Pg);
        let (names, numeric, _) = p
            .table_body(b"(id integer, \"User Name\" text, CONSTRAINT c CHECK (id > 0))", 0)
            .unwrap();
        assert_eq!(names, ["id", "User Name"]);
        assert_eq!(numeric, [true, false]);
        assert_eq!(p.qualified(b"public.\"T\" (", 0), Ok(("T".to_string(), 10)));
    }

    #[test]
    fn table_columns_reuse_their_buffers() {
        let l = lex(Dialect::Mysql);
        let mut named = Named::default();
        let s = b"`db`.`u``x` (`a`, b, `c``d`) VALUES";
        let end = l.table_columns(s, 0, &mut named).unwrap();
        assert_eq!(&s[end..], b" VALUES");
        assert_eq!(named.table, "u`x");
        assert_eq!(named.list().unwrap(), ["a", "b", "c`d"]);
        // A shorter list, then none: nothing of the longer one is left over.
        l.table_columns(b"t (z) VALUES", 0, &mut named).unwrap();
        assert_eq!((named.table.as_str(), named.list().unwrap()), ("t", &["z".to_string()][..]));
        l.table_columns(b"v VALUES", 0, &mut named).unwrap();
        assert_eq!((named.table.as_str(), named.list()), ("v", None));
        let p = lex(Dialect::Pg);
        p.table_columns(b"public.\"A\"\"B\" (\"x y\") VALUES", 0, &mut named).unwrap();
        assert_eq!(
            (named.table.as_str(), named.list().unwrap()),
            ("A\"B", &["x y".to_string()][..])
        );
    }

    #[test]
    fn active_columns_follow_the_named_table() {
        let columns = crate::format::testing::columns();
        let l = lex(Dialect::Mysql);
        let mut active = Active::default();
        let known = vec!["id".to_string(), "mobile".to_string()];
        l.table_columns(b"users VALUES", 0, &mut active.named).unwrap();
        active.set(Some(&known));
        assert_eq!(&*active.col(1, &columns).key, b"mobile=");
        l.table_columns(b"users (mobile, id) VALUES", 0, &mut active.named).unwrap();
        active.set(Some(&known));
        assert_eq!(&*active.col(1, &columns).key, b"id=");
        l.table_columns(b"other VALUES", 0, &mut active.named).unwrap();
        active.set(None);
        assert_eq!(&*active.col(1, &columns).key, b"2=");
    }
}
