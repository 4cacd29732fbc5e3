//! pg_dump plain format: `COPY … FROM stdin;` blocks and (`pg_dump --inserts` /
//! `--column-inserts`) `INSERT` statements.
//!
//! - `COPY public.users (id, name, …) FROM stdin;` names the columns; each following line up
//!   to `\.` is a row, its fields separated by tabs, each a field with [`Escape::PgCopy`]
//!   (`\N`, NULL, is skipped). Rows are records: a job ends after any whole row.
//! - `CREATE TABLE public.users (id integer NOT NULL, name text, …);` names the columns of
//!   `INSERT` statements without a column list.
//! - In `INSERT … VALUES (…)`, a standard string `'…'` (`''` for a quote, backslashes literal,
//!   as pg_dump writes with `standard_conforming_strings = on`) is a field with
//!   [`Escape::Sql`]; an `E'…'` string takes backslash escapes and is read with MySQL's
//!   escapes ([`Escape::Mysql`]: `\'`, `\\`, `\n`, `''`; octal and hex escapes are scanned as
//!   written, and a replacement is written back with `\'`/`\\`, which an `E'…'` string reads
//!   the same way). Numbers of six or more characters are number slots ([`Escape::Num`]), and so are
//!   `COPY` fields of a column whose `CREATE TABLE` type is numeric (`bigint`, `numeric`, …); `NULL`,
//!   booleans and casts (`::date`) are skipped.
//! - Comments, psql meta-commands (`\connect`), `SET`, `SELECT pg_catalog.set_config(…)`,
//!   `CREATE`, `ALTER`, `COMMENT`, `GRANT` and other DDL (dollar-quoted function bodies too)
//!   pass through untouched and unscanned. Anything else is scanned as text with a warning.
//!
//! The table in `[columns]` rules is the name without its schema, unquoted (`users`,
//! `User Name`).

use super::sql::{self, Active, Dialect, Lex, Res, Stop};
use super::{Escape, SplitCx, Splitter};
use std::collections::HashMap;

/// Where the parser is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Top,
    /// Inside an `INSERT`, after a tuple.
    Values,
    /// Inside a `COPY` block, at the start of a row.
    Copy,
}

pub(crate) struct Pgdump {
    /// Column names from `CREATE TABLE`, by table.
    tables: HashMap<String, Vec<String>>,
    /// The names of the numeric columns (`bigint`, `numeric`, …) of each `CREATE TABLE`.
    numeric: HashMap<String, Vec<String>>,
    /// Per field of the `COPY` block being read: whether its column is numeric.
    copy_numeric: Vec<bool>,
    active: Active,
    state: State,
    resync: bool,
}

impl Pgdump {
    pub(crate) fn new() -> Pgdump {
        Pgdump {
            tables: HashMap::new(),
            numeric: HashMap::new(),
            copy_numeric: Vec::new(),
            active: Active::default(),
            state: State::Top,
            resync: false,
        }
    }

    /// One statement at the top level.
    fn statement(&mut self, lex: &Lex, buf: &[u8], p: usize, cx: &mut SplitCx<'_>) -> Res<usize> {
        let p = lex.ws(buf, p);
        let Some(rest) = buf.get(p..).filter(|r| !r.is_empty()) else { return Ok(p) };
        // A comment that does not end in `buf` (`lex.ws` stops at it), or a psql meta-command.
        if rest.starts_with(b"--") || rest.starts_with(b"\\") {
            return sql::line_end(lex, buf, p);
        }
        if rest.starts_with(b"/*") {
            return match memchr::memmem::find(&rest[2..], b"*/") {
                Some(i) => Ok(p + i + 4),
                None if lex.eof => Ok(buf.len()),
                None => Err(Stop::More),
            };
        }
        if rest[0] == b';' {
            return Ok(p + 1);
        }
        let e = lex.word_end(buf, p)?;
        let word = &buf[p..e];
        let is = |w: &str| word.eq_ignore_ascii_case(w.as_bytes());
        if is("INSERT") {
            let tables = &self.tables;
            let end = sql::insert(lex, buf, e, &mut self.active, |t| tables.get(t), cx)?;
            self.state = State::Values;
            return Ok(end);
        }
        if is("COPY") {
            return self.copy(lex, buf, e);
        }
        if is("CREATE") {
            return self.create(lex, buf, e, cx);
        }
        const PASS: &[&str] = &[
            "SET",
            "SELECT",
            "ALTER",
            "COMMENT",
            "GRANT",
            "REVOKE",
            "DROP",
            "BEGIN",
            "COMMIT",
            "START",
            "END",
            "ROLLBACK",
            "REFRESH",
            "REINDEX",
            "ANALYZE",
            "VACUUM",
            "CLUSTER",
            "SECURITY",
            "LOCK",
            "TRUNCATE",
            "RESET",
            "DO",
            "CHECKPOINT",
        ];
        if PASS.iter().any(|w| is(w)) {
            return lex.statement_end(buf, e, b";");
        }
        Err(Stop::Bad)
    }

    /// `COPY [ONLY] table [(columns)] FROM stdin;` after `COPY` (at `p`); any other `COPY`
    /// passes through.
    fn copy(&mut self, lex: &Lex, buf: &[u8], p: usize) -> Res<usize> {
        let end = lex.statement_end(buf, p, b";")?;
        let mut q = p;
        if let Some(e) = lex.keyword(buf, q, "ONLY")? {
            q = e;
        }
        let q = lex.table_columns(buf, q, &mut self.active.named)?;
        let from = lex.keyword(buf, q, "FROM")?;
        let stdin = match from {
            Some(f) => lex.keyword(buf, f, "STDIN")?.is_some(),
            None => false,
        };
        if stdin {
            self.active.set(self.tables.get(&self.active.named.table));
            let numeric = self.numeric.get(&self.active.named.table);
            self.copy_numeric.clear();
            let mut i = 0;
            while let Some(name) = self.active.name(i) {
                self.copy_numeric.push(numeric.is_some_and(|n| n.iter().any(|c| c == name)));
                i += 1;
            }
            self.state = State::Copy;
        }
        Ok(end)
    }

    /// `CREATE …` after its first word (at `p`): the column names of a `CREATE TABLE`; any
    /// other `CREATE` passes through.
    fn create(&mut self, lex: &Lex, buf: &[u8], p: usize, cx: &mut SplitCx<'_>) -> Res<usize> {
        let mut q = p;
        for w in ["UNLOGGED", "TEMPORARY", "TEMP", "FOREIGN"] {
            if let Some(e) = lex.keyword(buf, q, w)? {
                q = e;
            }
        }
        let Some(mut q) = lex.keyword(buf, q, "TABLE")? else {
            return lex.statement_end(buf, p, b";");
        };
        if let Some(e) = lex.keyword(buf, q, "IF")? {
            q = lex.keyword(buf, e, "NOT")?.ok_or(Stop::Bad)?;
            q = lex.keyword(buf, q, "EXISTS")?.ok_or(Stop::Bad)?;
        }
        let (table, q) = lex.qualified(buf, q)?;
        let q = lex.ws_in(buf, q)?;
        if lex.at(buf, q)? != b'(' {
            return lex.statement_end(buf, q, b";");
        }
        match lex.table_body(buf, q) {
            Ok((names, numeric, after)) => {
                let end = lex.statement_end(buf, after, b";")?;
                self.active.forget(&table);
                let nums = names.iter().zip(numeric).filter(|c| c.1).map(|c| c.0.clone());
                self.numeric.insert(table.clone(), nums.collect());
                self.tables.insert(table, names);
                Ok(end)
            }
            Err(Stop::More) => Err(Stop::More),
            Err(Stop::Bad) => {
                let end = lex.statement_end(buf, q, b";")?;
                cx.warn(q, "a CREATE TABLE this parser does not follow; columns named by position");
                Ok(end)
            }
        }
    }

    /// One `COPY` row at `p`, or the `\.` that ends the block.
    fn row(&mut self, lex: &Lex, buf: &[u8], p: usize, cx: &mut SplitCx<'_>) -> Res<usize> {
        let end = sql::line_end(lex, buf, p)?;
        let line = &buf[p..end];
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        if line == b"\\." || line == b"\\.\r" {
            self.state = State::Top;
            return Ok(end);
        }
        let mut start = p;
        let stops = memchr::memchr_iter(b'\t', line).map(|t| p + t).chain(Some(p + line.len()));
        for (i, stop) in stops.enumerate() {
            if &buf[start..stop] != b"\\N" {
                // A field of a numeric column is a number slot, unless it is not a plain
                // number after all (then it is text, as COPY reads it).
                let num = self.copy_numeric.get(i) == Some(&true)
                    && buf[start..stop]
                        .iter()
                        .all(|&b| b.is_ascii_digit() || b"+-.eE".contains(&b));
                let esc = if num { Escape::Num } else { Escape::PgCopy };
                cx.push(start, stop, Some(self.active.col(i, cx.columns)), esc);
            }
            start = stop + 1;
        }
        Ok(end)
    }
}

impl sql::Steps for Pgdump {
    const DIALECT: Dialect = Dialect::Pg;

    fn step(&mut self, lex: &Lex, buf: &[u8], p: usize, cx: &mut SplitCx<'_>) -> Res<usize> {
        match self.state {
            State::Top => self.statement(lex, buf, p, cx),
            State::Copy => self.row(lex, buf, p, cx),
            State::Values => {
                let (end, done) = sql::next_tuple(lex, buf, p, b";", &mut self.active, cx)?;
                if done {
                    self.state = State::Top;
                }
                Ok(end)
            }
        }
    }

    fn bad_end(&self, lex: &Lex, buf: &[u8], p: usize) -> Res<usize> {
        match self.state {
            State::Values => lex.statement_end(buf, p, b";"),
            State::Top | State::Copy => sql::line_end(lex, buf, p),
        }
    }

    fn reset(&mut self) {
        self.state = State::Top;
    }
}

impl Splitter for Pgdump {
    fn split(&mut self, buf: &[u8], eof: bool, cx: &mut SplitCx<'_>) -> usize {
        let mut resync = self.resync;
        let n = sql::drive(self, &mut resync, buf, eof, cx);
        self.resync = resync;
        n
    }

    fn lost(&mut self) {
        // Inside a COPY block, the next line is still a row: stay there.
        self.resync = true;
        if self.state == State::Values {
            self.state = State::Top;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::testing::split_text;

    fn split(input: &[u8], eof: bool) -> (Vec<(String, String, Escape)>, usize, usize) {
        split_text(&mut Pgdump::new(), input, eof)
    }

    const DUMP: &str = "--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\n\
SELECT pg_catalog.set_config('search_path', '', false);\n\
CREATE FUNCTION public.f() RETURNS text\n    LANGUAGE sql\n    AS $$ select 'a;b' $$;\n\
CREATE TABLE public.users (\n    id integer NOT NULL,\n    \"User Name\" text,\n    mobile bigint\n);\n\
COPY public.users (id, \"User Name\", mobile) FROM stdin;\n\
1\t张伟\\t\\\\\t13812345678\n\
2\t\\N\t\\N\n\
\\.\n\
INSERT INTO public.users VALUES (3, 'it''s', 13912345678);\n\
INSERT INTO public.users (mobile, id) VALUES (13712345678, 4), (E'a\\'b', 5);\n";

    #[test]
    fn fields_get_their_columns() {
        let (fields, n, warnings) = split(DUMP.as_bytes(), true);
        assert_eq!((n, warnings), (DUMP.len(), 0));
        let num = Escape::Num;
        assert_eq!(
            fields,
            [
                ("1".into(), "id=".into(), num),
                ("张伟\\t\\\\".into(), "User Name=".into(), Escape::PgCopy),
                ("13812345678".into(), "mobile=".into(), num),
                ("2".into(), "id=".into(), num),
                ("it''s".into(), "User Name=".into(), Escape::Sql),
                ("13912345678".into(), "mobile=".into(), num),
                ("13712345678".into(), "mobile=".into(), num),
                ("a\\'b".into(), "mobile=".into(), Escape::Mysql),
            ]
        );
    }

    #[test]
    fn rows_are_records() {
        let dump = "COPY t (a) FROM stdin;\nx\ny";
        let (fields, n, _) = split(dump.as_bytes(), false);
        assert_eq!((fields.len(), &dump[n..]), (1, "y"));
        let (fields, n, _) = split(dump.as_bytes(), true);
        assert_eq!((fields.len(), n), (2, dump.len()));
    }

    #[test]
    fn what_is_not_understood_is_text() {
        let (fields, _, warnings) = split(b"UPDATE t SET a='13812345678';\n", true);
        assert_eq!(warnings, 1);
        assert_eq!(fields[0].2, Escape::Raw);
        let (fields, _, warnings) = split(b"INSERT INTO t VALUES ('a', now());\n", true);
        assert_eq!((fields.len(), warnings), (1, 1));
    }
}
