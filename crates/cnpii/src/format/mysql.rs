//! mysqldump output: `CREATE TABLE` statements name the columns; the values of `INSERT`
//! (and `INSERT IGNORE`, `REPLACE`) statements, extended (`VALUES (…),(…)`) or not, with or
//! without a column list, are the fields.
//!
//! - Each string literal (`'…'` or `"…"`, MySQL escapes: `\'`, `\\`, `\n`, `''`; a
//!   `_binary`/`_utf8mb4` introducer is ignored) is a field with [`Escape::Mysql`]; each
//!   unquoted number of six or more characters is a number slot, [`Escape::Num`] (a mobile
//!   stored as `BIGINT`); `NULL`, hex and bit literals are skipped.
//! - Comments, `SET`, `LOCK TABLES`, `DROP`, `ALTER`, `CREATE` (other than the column names of
//!   `CREATE TABLE`) and other DDL pass through untouched and unscanned; `DELIMITER` is
//!   followed.
//! - Anything else (a statement that is not SQL, an `INSERT … SELECT`, an `ON DUPLICATE KEY`
//!   clause) is scanned as text, with a warning: the rest of the line at the top level, the
//!   rest of the statement inside an `INSERT`.
//!
//! Extended `INSERT` lines can be hundreds of megabytes: the splitter consumes them a tuple at
//! a time and keeps its place (table, columns, inside `VALUES`) between calls, so a job ends
//! after any complete tuple and memory stays bounded by the chunk size.
//!
//! The table in `[columns]` rules is the bare table name (`users`, not `shop.users`).

use super::sql::{self, Active, Dialect, Lex, Res, Stop};
use super::{SplitCx, Splitter};
use std::collections::HashMap;

pub(crate) struct Mysql {
    /// Column names from `CREATE TABLE`, by table.
    tables: HashMap<String, Vec<String>>,
    active: Active,
    /// Inside an `INSERT`, after a tuple.
    in_values: bool,
    /// The statement delimiter (`DELIMITER ;;`).
    delim: Vec<u8>,
    resync: bool,
}

impl Mysql {
    pub(crate) fn new() -> Mysql {
        Mysql {
            tables: HashMap::new(),
            active: Active::default(),
            in_values: false,
            delim: b";".to_vec(),
            resync: false,
        }
    }

    /// One statement at the top level.
    fn statement(&mut self, lex: &Lex, buf: &[u8], p: usize, cx: &mut SplitCx<'_>) -> Res<usize> {
        let p = lex.ws(buf, p);
        let Some(rest) = buf.get(p..).filter(|r| !r.is_empty()) else { return Ok(p) };
        // A comment that does not end in `buf` (`lex.ws` stops at it), or a versioned one.
        if rest.starts_with(b"--") || rest.starts_with(b"#") {
            return sql::line_end(lex, buf, p);
        }
        if rest.starts_with(b"/*") {
            return match memchr::memmem::find(&rest[2..], b"*/") {
                Some(i) => Ok(p + i + 4),
                None if lex.eof => Ok(buf.len()),
                None => Err(Stop::More),
            };
        }
        if rest.starts_with(&self.delim) {
            return Ok(p + self.delim.len());
        }
        if rest[0] == b';' {
            return Ok(p + 1);
        }
        let e = lex.word_end(buf, p)?;
        let word = &buf[p..e];
        let is = |w: &str| word.eq_ignore_ascii_case(w.as_bytes());
        if is("INSERT") || is("REPLACE") {
            let tables = &self.tables;
            let end = sql::insert(lex, buf, e, &mut self.active, |t| tables.get(t), cx)?;
            self.in_values = true;
            return Ok(end);
        }
        if is("CREATE") {
            return self.create(lex, buf, e, cx);
        }
        if is("DELIMITER") {
            let end = sql::line_end(lex, buf, e)?;
            let d = buf[e..end].trim_ascii();
            if d.is_empty() {
                return Err(Stop::Bad);
            }
            self.delim = d.to_vec();
            return Ok(end);
        }
        const PASS: &[&str] = &[
            "SET",
            "LOCK",
            "UNLOCK",
            "DROP",
            "USE",
            "ALTER",
            "COMMIT",
            "BEGIN",
            "START",
            "ROLLBACK",
            "FLUSH",
            "GRANT",
            "REVOKE",
            "TRUNCATE",
            "ANALYZE",
            "OPTIMIZE",
            "SAVEPOINT",
            "RELEASE",
            "RENAME",
            "CHANGE",
            "RESET",
            "PURGE",
        ];
        if PASS.iter().any(|w| is(w)) {
            return lex.statement_end(buf, e, &self.delim);
        }
        Err(Stop::Bad)
    }

    /// `CREATE …` after its first word (at `p`): the column names of a `CREATE TABLE`; any
    /// other `CREATE` passes through.
    fn create(&mut self, lex: &Lex, buf: &[u8], p: usize, cx: &mut SplitCx<'_>) -> Res<usize> {
        let mut q = p;
        if let Some(e) = lex.keyword(buf, q, "TEMPORARY")? {
            q = e;
        }
        let Some(mut q) = lex.keyword(buf, q, "TABLE")? else {
            return lex.statement_end(buf, p, &self.delim);
        };
        if let Some(e) = lex.keyword(buf, q, "IF")? {
            q = lex.keyword(buf, e, "NOT")?.ok_or(Stop::Bad)?;
            q = lex.keyword(buf, q, "EXISTS")?.ok_or(Stop::Bad)?;
        }
        let (table, q) = lex.qualified(buf, q)?;
        let q = lex.ws_in(buf, q)?;
        if lex.at(buf, q)? != b'(' {
            return lex.statement_end(buf, q, &self.delim);
        }
        match lex.table_body(buf, q) {
            Ok((names, _, after)) => {
                let end = lex.statement_end(buf, after, &self.delim)?;
                self.active.forget(&table);
                self.tables.insert(table, names);
                Ok(end)
            }
            Err(Stop::More) => Err(Stop::More),
            Err(Stop::Bad) => {
                let end = lex.statement_end(buf, q, &self.delim)?;
                cx.warn(q, "a CREATE TABLE this parser does not follow; columns named by position");
                Ok(end)
            }
        }
    }
}

impl sql::Steps for Mysql {
    const DIALECT: Dialect = Dialect::Mysql;

    fn step(&mut self, lex: &Lex, buf: &[u8], p: usize, cx: &mut SplitCx<'_>) -> Res<usize> {
        if self.in_values {
            let (end, done) = sql::next_tuple(lex, buf, p, &self.delim, &mut self.active, cx)?;
            self.in_values = !done;
            Ok(end)
        } else {
            self.statement(lex, buf, p, cx)
        }
    }

    fn bad_end(&self, lex: &Lex, buf: &[u8], p: usize) -> Res<usize> {
        if self.in_values {
            lex.statement_end(buf, p, &self.delim)
        } else {
            sql::line_end(lex, buf, p)
        }
    }

    fn reset(&mut self) {
        self.in_values = false;
    }
}

impl Splitter for Mysql {
    fn split(&mut self, buf: &[u8], eof: bool, cx: &mut SplitCx<'_>) -> usize {
        let mut resync = self.resync;
        let n = sql::drive(self, &mut resync, buf, eof, cx);
        self.resync = resync;
        n
    }

    fn lost(&mut self) {
        self.resync = true;
        self.in_values = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::testing::{columns, split_steps, split_text};
    use crate::format::{Encoding, Escape};

    fn split(input: &[u8], eof: bool) -> (Vec<(String, String, Escape)>, usize, usize) {
        split_text(&mut Mysql::new(), input, eof)
    }

    const DUMP: &str = "-- MySQL dump 10.13\n/*!40101 SET NAMES utf8mb4 */;\n\
DROP TABLE IF EXISTS `users`;\n\
CREATE TABLE `users` (\n  `id` int NOT NULL,\n  `name` varchar(20) COMMENT 'a,b)',\n  `mobile` bigint,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n\
LOCK TABLES `users` WRITE;\n\
INSERT INTO `users` VALUES (1,'张\\'伟\\\\',13812345678),(2,NULL,0x1F),(3,_binary 'x),(y',-1.5);\n\
UNLOCK TABLES;\n";

    #[test]
    fn fields_get_their_columns() {
        let (fields, n, warnings) = split(DUMP.as_bytes(), true);
        assert_eq!(n, DUMP.len());
        assert_eq!(warnings, 0);
        let m = Escape::Mysql;
        let num = Escape::Num;
        assert_eq!(
            fields,
            [
                ("张\\'伟\\\\".into(), "name=".into(), m),
                ("13812345678".into(), "mobile=".into(), num),
                ("x),(y".into(), "name=".into(), m),
            ]
        );
    }

    #[test]
    fn consumes_whole_tuples_only() {
        let line = "INSERT INTO t (`a`,b) VALUES ('x'),('y;),(z'),('w";
        let (fields, n, _) = split(line.as_bytes(), false);
        assert_eq!(&line[n..], ",('w");
        assert_eq!(fields.len(), 2);
        assert_eq!(fields[1].1, "a=");
        // Nothing complete: nothing consumed.
        assert_eq!(split(b"INSERT INTO t VALUES ('x", false).1, 0);
        assert_eq!(split(b"CREATE TABLE `t` (\n `a` int,", false).1, 0);
    }

    #[test]
    fn state_survives_between_calls() {
        let input = DUMP.as_bytes();
        // Feed the dump 5 bytes at a time, growing the window as the reader does.
        let (got, warnings) = split_steps(&mut Mysql::new(), &columns(), Encoding::Utf8, input, 5);
        assert!(warnings.is_empty());
        let (whole, _, _) = split(input, true);
        assert_eq!(got.len(), whole.len());
    }

    #[test]
    fn what_is_not_understood_is_text() {
        let (fields, n, warnings) = split(b"garbage 13812345678\nINSERT INTO t SELECT 1;\n", true);
        assert_eq!(n, 44);
        assert_eq!(warnings, 2);
        assert!(fields.iter().all(|f| f.1.is_empty() && f.2 == Escape::Raw));
        // A truncated dump: the cut tuple is text.
        let (fields, _, warnings) = split(b"INSERT INTO t VALUES ('a'),('13812345678", true);
        assert_eq!(warnings, 1);
        assert_eq!(fields.last().unwrap().0, ",('13812345678");
        // ON DUPLICATE KEY: the clause is text, the tuples before it fields.
        let (fields, _, _) =
            split(b"REPLACE t VALUES ('a') ON DUPLICATE KEY UPDATE a='b';\nSET x=1;\n", true);
        assert_eq!(fields.len(), 2);
        assert_eq!(fields[1].0, "ON DUPLICATE KEY UPDATE a='b';\n");
    }

    #[test]
    fn delimiter_and_routines_pass() {
        let dump = b"DELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET @a='1;'; END ;;\nDELIMITER ;\nINSERT INTO x VALUES ('a');\n";
        let (fields, n, warnings) = split(dump, true);
        assert_eq!((n, warnings), (dump.len(), 0));
        assert_eq!(fields.len(), 1);
    }
}
