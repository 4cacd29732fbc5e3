//! `cnpii-dbdump`: write a synthetic database dump that MariaDB/MySQL or PostgreSQL loads.
//!
//! ```text
//! cnpii-dbdump --dialect mysql|pgdump|pginserts|csv --seed N [--users N] --out FILE
//! ```

use std::io::Write;
use std::process::ExitCode;

use cnpii_corpora::dbdump::{DbData, Dialect};

const USAGE: &str =
    "usage: cnpii-dbdump --dialect mysql|pgdump|pginserts|csv --seed N [--users N] --out FILE

  --dialect  mysql: mysqldump / mariadb-dump (extended INSERTs, backslash escapes)
             pgdump: pg_dump plain format (COPY ... FROM stdin blocks)
             pginserts: pg_dump --inserts (one INSERT per row, '' escapes)
             csv: the users table as a CSV export (header row, RFC 4180 quoting)
  --seed     64-bit seed (same seed and --users -> same rows in every dialect)
  --users    number of users rows (default 200; orders = 2.5 x users)
  --out      where to write the dump ('-' = stdout)

Tables: users, orders (orders.user_id_no joins users.id_no), products. Synthetic values only.";

fn parse(argv: &[String]) -> Result<(Dialect, u64, usize, String), String> {
    let (mut dialect, mut seed, mut users, mut out) = (None, None, 200usize, None);
    let mut i = 0;
    while i < argv.len() {
        let arg = argv[i].as_str();
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg, None),
        };
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        if !["--dialect", "--seed", "--users", "--out"].contains(&flag) {
            return Err(format!("unknown argument {arg:?}"));
        }
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                argv.get(i).cloned().ok_or_else(|| format!("{flag} needs a value"))?
            }
        };
        match flag {
            "--dialect" => {
                dialect = Some(Dialect::from_name(&value).ok_or_else(|| {
                    format!("unknown dialect {value:?} (expected mysql, pgdump, pginserts or csv)")
                })?)
            }
            "--seed" => {
                seed =
                    Some(value.parse::<u64>().map_err(|_| {
                        format!("--seed: {value:?} is not an unsigned 64-bit integer")
                    })?)
            }
            "--users" => {
                users = value
                    .parse::<usize>()
                    .map_err(|_| format!("--users: {value:?} is not a number"))?
            }
            _ => out = Some(value),
        }
        i += 1;
    }
    Ok((
        dialect.ok_or("--dialect is required")?,
        seed.ok_or("--seed is required")?,
        users,
        out.ok_or("--out is required")?,
    ))
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut stderr = std::io::stderr();
    let (dialect, seed, users, out) = match parse(&argv) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let _ = writeln!(stderr, "cnpii-dbdump: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let data = DbData::generate(seed, users);
    let text = data.write(dialect);
    let res = if out == "-" {
        let mut so = std::io::stdout().lock();
        so.write_all(text.as_bytes()).and_then(|()| so.flush())
    } else {
        let tmp = format!("{out}.tmp");
        std::fs::write(&tmp, &text).and_then(|()| std::fs::rename(&tmp, &out))
    };
    if let Err(e) = res {
        let _ = writeln!(stderr, "cnpii-dbdump: cannot write {out}: {e}");
        return ExitCode::FAILURE;
    }
    let _ = writeln!(
        stderr,
        "cnpii-dbdump: {} bytes, {} users, {} orders, {} products ({})",
        text.len(),
        data.users.len(),
        data.orders.len(),
        data.products.len(),
        dialect.name()
    );
    ExitCode::SUCCESS
}
