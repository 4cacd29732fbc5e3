//! Database dumps that real servers load: the same synthetic shop data written as a MariaDB /
//! MySQL `mysqldump`, a PostgreSQL `pg_dump` plain dump with `COPY … FROM stdin;` blocks, or a
//! `pg_dump --inserts` dump (issue #6, structured input).
//!
//! Three tables:
//!
//! ```text
//! users    (id, name, id_no, mobile, email, address, note, created_at)     id_no UNIQUE
//! orders   (id, user_id_no, amount, ship_phone, ship_address, created_at)  user_id_no → users.id_no
//! products (id, sku, title, descr, price)                                   no personal data
//! ```
//!
//! `orders.user_id_no` holds the very strings of `users.id_no` (or NULL), so a join on them
//! works, and keeps working after a deterministic pseudonymisation. `users.note`,
//! `products.title` and `products.descr` carry quotes, backslashes, `\N`, newlines, CR, tabs,
//! empty strings, NULLs and non-ASCII text (CJK, 4-byte emoji) so every escape of every dialect
//! is exercised; `products` holds no personal data at all and must come out of a redaction
//! byte for byte. Values are synthetic ([`crate::gen`], [`crate::people`]): ID numbers have a
//! valid region, date and MOD 11-2 check, mobiles a real segment.
//!
//! No labels are produced: the database tests compare query results, not spans. Output depends
//! only on `(seed, users)`; the three dialects of one seed hold the same rows.

use crate::rng::{splitmix64, Rng};
use crate::{gen, people};

/// Output dialect of [`DbData::write`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// `mysqldump` / `mariadb-dump`: backticks, extended `INSERT INTO `t` VALUES (…),(…);`,
    /// backslash escapes. Loads into MariaDB ≥ 10.3 and MySQL ≥ 5.7.
    Mysql,
    /// `pg_dump` plain format: `COPY public.t (cols) FROM stdin;` blocks in COPY text format
    /// (tab-separated, `\N` for NULL, `\t \n \r \\` escapes, ended by `\.`).
    PgCopy,
    /// `pg_dump --inserts`: one `INSERT INTO public.t VALUES (…);` per row,
    /// standard-conforming strings (`''` is the only escape; newlines stay raw).
    PgInserts,
    /// Not a dump: the `users` table as a CSV export with a header row (RFC 4180: fields with
    /// `,`, `"`, CR or LF quoted, `""` for a quote; NULL as an empty field).
    Csv,
}

impl Dialect {
    /// Every SQL dialect (the ones a server loads).
    pub const ALL: [Dialect; 3] = [Dialect::Mysql, Dialect::PgCopy, Dialect::PgInserts];

    /// Command-line name: `mysql`, `pgdump`, `pginserts`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Mysql => "mysql",
            Dialect::PgCopy => "pgdump",
            Dialect::PgInserts => "pginserts",
            Dialect::Csv => "csv",
        }
    }

    /// Parses a command-line name (`mariadb`/`mysqldump`, `pgcopy`/`pg_dump`, `pg-inserts` too).
    pub fn from_name(s: &str) -> Option<Dialect> {
        match s.to_ascii_lowercase().as_str() {
            "mysql" | "mysqldump" | "mariadb" => Some(Dialect::Mysql),
            "pgdump" | "pg_dump" | "pgcopy" | "pg" => Some(Dialect::PgCopy),
            "pginserts" | "pg-inserts" | "pg_inserts" => Some(Dialect::PgInserts),
            "csv" => Some(Dialect::Csv),
            _ => None,
        }
    }

    /// Whether the dump is for PostgreSQL.
    pub fn is_postgres(self) -> bool {
        matches!(self, Dialect::PgCopy | Dialect::PgInserts)
    }
}

/// One `users` row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: u64,
    pub name: String,
    /// An 18-character resident ID (unique).
    pub id_no: String,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub note: Option<String>,
    /// `YYYY-MM-DD hh:mm:ss`.
    pub created_at: String,
}

/// One `orders` row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    pub id: u64,
    /// Some `users.id_no`, or NULL (a guest order).
    pub user_id_no: Option<String>,
    /// `decimal(12,2)` as text, e.g. `129.90`.
    pub amount: String,
    pub ship_phone: Option<String>,
    pub ship_address: Option<String>,
    pub created_at: String,
}

/// One `products` row (no personal data).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    pub id: u64,
    pub sku: String,
    pub title: String,
    pub descr: Option<String>,
    pub price: String,
}

/// The rows of one synthetic shop database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbData {
    pub users: Vec<User>,
    pub orders: Vec<Order>,
    pub products: Vec<Product>,
}

/// Notes on a user: escapes of every dialect, sometimes a phone or e-mail. `{m}` is replaced
/// by a mobile number, `{e}` by an e-mail address.
const NOTES: &[&str] = &[
    "It's urgent! 联系人电话 {m}",
    "客户说\"尽快发货\"，周末不在家",
    "路径 C:\\data\\export 已清理",
    "第一行\n第二行\n第三行",
    "备用电话：{m}\r\n晚上打",
    "列一\t列二\t列三",
    "\\N is a string here, not NULL",
    "ends with a backslash \\",
    "\\.",
    "O'Brien's 'quoted' text",
    "VIP客户，邮件抄送 {e}",
    "emoji 😀 ✓ naïve café",
    "",
    "50% off_sale; DROP TABLE users; --",
    "tab\tthen {m}\tand quote '",
];

const PRODUCTS: &[(&str, Option<&str>)] = &[
    ("保温杯 500ml", Some("不锈钢内胆\n保温12小时")),
    ("Tom's \"best\" mug", Some("It's a mug.")),
    ("Windows path C:\\temp\\new", Some("backslash \\ and \\\\ double")),
    ("\\N", Some("a product literally named \\N")),
    ("制表\t分隔", None),
    ("🍵 茶具套装", Some("emoji 4-byte: 🍵🍶")),
    ("'; DELETE FROM products; --", Some("")),
    ("CRLF line\r\nend", Some("\\.")),
    ("普通商品", None),
    ("100% cotton T-shirt (L)", Some("color: \"navy\"; size: L")),
];

fn datetime(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = crate::check::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60
    )
}

fn opt<T>(rng: &mut Rng, pct_null: u32, f: impl FnOnce(&mut Rng) -> T) -> Option<T> {
    if rng.percent(pct_null) {
        None
    } else {
        Some(f(rng))
    }
}

fn ship_phone(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => gen::mobile(rng, gen::MobileFormat::Plus86Dashed),
        1 => gen::landline(rng, gen::LandlineFormat::Dashed, false),
        _ => gen::mobile_digits(rng),
    }
}

impl DbData {
    /// The rows for `seed`: `users` users, about 2.5 orders per user, and the fixed products.
    pub fn generate(seed: u64, users: usize) -> DbData {
        let mut sm = seed ^ (0x06 << 56);
        let mut rng = Rng::new(splitmix64(&mut sm));
        let mut clock = crate::check::days_from_civil(2023, 1, 1) * 86_400_000
            + rng.below(700 * 86_400_000) as i64;
        let mut seen = std::collections::HashSet::new();
        let mut us = Vec::with_capacity(users);
        for i in 0..users {
            let id_no = loop {
                let v = gen::id18(&mut rng);
                if seen.insert(v.clone()) {
                    break v;
                }
            };
            clock += rng.range(1_000, 3_600_000) as i64;
            let note = opt(&mut rng, 40, |rng| {
                let t = *rng.pick(NOTES);
                let m = gen::mobile_digits(rng);
                let e = gen::email(rng);
                t.replace("{m}", &m).replace("{e}", &e)
            });
            us.push(User {
                id: i as u64 + 1,
                name: if rng.percent(5) {
                    people::minority_name(&mut rng)
                } else {
                    people::name(&mut rng)
                },
                id_no,
                mobile: opt(&mut rng, 8, gen::mobile_digits),
                email: opt(&mut rng, 20, gen::email),
                address: opt(&mut rng, 10, people::address),
                note,
                created_at: datetime(clock),
            });
        }
        let n_orders = users * 5 / 2;
        let mut orders = Vec::with_capacity(n_orders);
        for i in 0..n_orders {
            clock += rng.range(1_000, 1_800_000) as i64;
            let user_id_no = if us.is_empty() || rng.percent(6) {
                None
            } else {
                Some(us[rng.index(us.len())].id_no.clone())
            };
            orders.push(Order {
                id: 100_000 + i as u64,
                user_id_no,
                amount: format!("{}.{:02}", rng.range(1, 99_999), rng.below(100)),
                ship_phone: opt(&mut rng, 5, ship_phone),
                ship_address: opt(&mut rng, 5, people::address),
                created_at: datetime(clock),
            });
        }
        let products = PRODUCTS
            .iter()
            .enumerate()
            .map(|(i, (title, descr))| Product {
                id: i as u64 + 1,
                sku: format!("SKU-{:04}", i + 1),
                title: (*title).to_string(),
                descr: descr.map(str::to_string),
                price: format!("{}.{:02}", rng.range(1, 999), rng.below(100)),
            })
            .collect();
        DbData { users: us, orders, products }
    }

    /// The dump in `dialect`, as a server's own dump tool would write it.
    pub fn write(&self, dialect: Dialect) -> String {
        let mut out = String::with_capacity(256 * (self.users.len() + self.orders.len()) + 8192);
        match dialect {
            Dialect::Mysql => self.write_mysql(&mut out),
            Dialect::PgCopy | Dialect::PgInserts => self.write_pg(&mut out, dialect),
            Dialect::Csv => self.write_csv(&mut out),
        }
        out
    }

    fn write_csv(&self, out: &mut String) {
        let [_, _, users] = self.tables();
        debug_assert_eq!(users.name, "users");
        out.push_str(&users.cols.join(","));
        out.push('\n');
        for row in &users.rows {
            for (j, v) in row.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                match v {
                    V::Num(n) => out.push_str(n),
                    V::Str(x) if x.contains([',', '"', '\r', '\n']) => {
                        out.push('"');
                        out.push_str(&x.replace('"', "\"\""));
                        out.push('"');
                    }
                    V::Str(x) => out.push_str(x),
                    V::Null => {}
                }
            }
            out.push('\n');
        }
    }
}

/// A column value before quoting.
enum V<'a> {
    Num(String),
    Str(&'a str),
    Null,
}

fn s(v: &str) -> V<'_> {
    V::Str(v)
}

fn o(v: &Option<String>) -> V<'_> {
    v.as_deref().map_or(V::Null, V::Str)
}

struct Table<'a> {
    name: &'static str,
    cols: &'static [&'static str],
    rows: Vec<Vec<V<'a>>>,
}

impl DbData {
    fn tables(&self) -> [Table<'_>; 3] {
        // pg_dump order (alphabetical); mysqldump sorts by name too.
        let orders = Table {
            name: "orders",
            cols: &["id", "user_id_no", "amount", "ship_phone", "ship_address", "created_at"],
            rows: self
                .orders
                .iter()
                .map(|r| {
                    vec![
                        V::Num(r.id.to_string()),
                        o(&r.user_id_no),
                        V::Num(r.amount.clone()),
                        o(&r.ship_phone),
                        o(&r.ship_address),
                        s(&r.created_at),
                    ]
                })
                .collect(),
        };
        let products = Table {
            name: "products",
            cols: &["id", "sku", "title", "descr", "price"],
            rows: self
                .products
                .iter()
                .map(|r| {
                    vec![
                        V::Num(r.id.to_string()),
                        s(&r.sku),
                        s(&r.title),
                        o(&r.descr),
                        V::Num(r.price.clone()),
                    ]
                })
                .collect(),
        };
        let users = Table {
            name: "users",
            cols: &["id", "name", "id_no", "mobile", "email", "address", "note", "created_at"],
            rows: self
                .users
                .iter()
                .map(|r| {
                    vec![
                        V::Num(r.id.to_string()),
                        s(&r.name),
                        s(&r.id_no),
                        o(&r.mobile),
                        o(&r.email),
                        o(&r.address),
                        o(&r.note),
                        s(&r.created_at),
                    ]
                })
                .collect(),
        };
        [orders, products, users]
    }
}

// ───────────────────────────── MySQL / MariaDB ─────────────────────────────

const MYSQL_DDL: &[(&str, &str)] = &[
    (
        "orders",
        "  `id` bigint(20) NOT NULL,\n  `user_id_no` varchar(18) DEFAULT NULL COMMENT '下单人身份证号',\n  `amount` decimal(12,2) NOT NULL,\n  `ship_phone` varchar(32) DEFAULT NULL,\n  `ship_address` varchar(255) DEFAULT NULL,\n  `created_at` datetime NOT NULL,\n  PRIMARY KEY (`id`),\n  KEY `idx_user_id_no` (`user_id_no`),\n  CONSTRAINT `fk_orders_user` FOREIGN KEY (`user_id_no`) REFERENCES `users` (`id_no`)",
    ),
    (
        "products",
        "  `id` int(11) NOT NULL,\n  `sku` varchar(32) NOT NULL,\n  `title` varchar(255) NOT NULL,\n  `descr` text DEFAULT NULL,\n  `price` decimal(10,2) NOT NULL,\n  PRIMARY KEY (`id`)",
    ),
    (
        "users",
        "  `id` int(11) NOT NULL,\n  `name` varchar(64) NOT NULL COMMENT '姓名',\n  `id_no` varchar(18) NOT NULL COMMENT '身份证号',\n  `mobile` varchar(32) DEFAULT NULL,\n  `email` varchar(128) DEFAULT NULL,\n  `address` varchar(255) DEFAULT NULL,\n  `note` text DEFAULT NULL,\n  `created_at` datetime NOT NULL,\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `uk_id_no` (`id_no`)",
    ),
];

/// mysqldump's escapes inside a single-quoted literal: `\0 \' \" \\ \n \r \Z`.
fn mysql_str(out: &mut String, v: &str) {
    out.push('\'');
    for c in v.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\x1a' => out.push_str("\\Z"),
            c => out.push(c),
        }
    }
    out.push('\'');
}

/// Rows per extended INSERT (mysqldump cuts at `net_buffer_length`; a row count keeps several
/// statements per table even in small dumps).
const MYSQL_ROWS_PER_INSERT: usize = 64;

impl DbData {
    fn write_mysql(&self, out: &mut String) {
        out.push_str("-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n--\n-- Host: localhost    Database: shop\n-- ------------------------------------------------------\n-- Server version\t10.11.6-MariaDB-0+deb12u1\n\n");
        out.push_str("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;\n/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;\n/*!40101 SET NAMES utf8mb4 */;\n/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;\n/*!40103 SET TIME_ZONE='+00:00' */;\n/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;\n");
        for (t, (name, ddl)) in self.tables().iter().zip(MYSQL_DDL) {
            debug_assert_eq!(t.name, *name);
            out.push_str(&format!(
                "\n--\n-- Table structure for table `{name}`\n--\n\nDROP TABLE IF EXISTS `{name}`;\n/*!40101 SET @saved_cs_client     = @@character_set_client */;\n/*!40101 SET character_set_client = utf8 */;\nCREATE TABLE `{name}` (\n{ddl}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n/*!40101 SET character_set_client = @saved_cs_client */;\n\n--\n-- Dumping data for table `{name}`\n--\n\nLOCK TABLES `{name}` WRITE;\n/*!40000 ALTER TABLE `{name}` DISABLE KEYS */;\n"
            ));
            for chunk in t.rows.chunks(MYSQL_ROWS_PER_INSERT) {
                out.push_str(&format!("INSERT INTO `{name}` VALUES "));
                for (i, row) in chunk.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push('(');
                    for (j, v) in row.iter().enumerate() {
                        if j > 0 {
                            out.push(',');
                        }
                        match v {
                            V::Num(n) => out.push_str(n),
                            V::Str(x) => mysql_str(out, x),
                            V::Null => out.push_str("NULL"),
                        }
                    }
                    out.push(')');
                }
                out.push_str(";\n");
            }
            out.push_str(&format!(
                "/*!40000 ALTER TABLE `{name}` ENABLE KEYS */;\nUNLOCK TABLES;\n"
            ));
        }
        out.push_str("/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n\n/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;\n/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;\n/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;\n/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;\n/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;\n\n-- Dump completed on 2025-06-01 12:00:00\n");
    }
}

// ───────────────────────────── PostgreSQL ─────────────────────────────

const PG_DDL: &[(&str, &str)] = &[
    (
        "orders",
        "    id bigint NOT NULL,\n    user_id_no character varying(18),\n    amount numeric(12,2) NOT NULL,\n    ship_phone character varying(32),\n    ship_address character varying(255),\n    created_at timestamp without time zone NOT NULL",
    ),
    (
        "products",
        "    id integer NOT NULL,\n    sku character varying(32) NOT NULL,\n    title character varying(255) NOT NULL,\n    descr text,\n    price numeric(10,2) NOT NULL",
    ),
    (
        "users",
        "    id integer NOT NULL,\n    name character varying(64) NOT NULL,\n    id_no character varying(18) NOT NULL,\n    mobile character varying(32),\n    email character varying(128),\n    address character varying(255),\n    note text,\n    created_at timestamp without time zone NOT NULL",
    ),
];

/// COPY text format: `\\`, `\b \f \n \r \t \v`; everything else raw.
fn pg_copy_field(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c => out.push(c),
        }
    }
}

/// A standard-conforming string literal: `'` doubled, nothing else escaped.
fn pg_literal(out: &mut String, v: &str) {
    out.push('\'');
    for c in v.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
}

impl DbData {
    fn write_pg(&self, out: &mut String, dialect: Dialect) {
        out.push_str("--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 15.8 (Debian 15.8-0+deb12u1)\n-- Dumped by pg_dump version 15.8 (Debian 15.8-0+deb12u1)\n\nSET statement_timeout = 0;\nSET lock_timeout = 0;\nSET idle_in_transaction_session_timeout = 0;\nSET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nSELECT pg_catalog.set_config('search_path', '', false);\nSET check_function_bodies = false;\nSET xmloption = content;\nSET client_min_messages = warning;\nSET row_security = off;\n\nSET default_tablespace = '';\n\nSET default_table_access_method = heap;\n");
        let tables = self.tables();
        for (t, (name, ddl)) in tables.iter().zip(PG_DDL) {
            debug_assert_eq!(t.name, *name);
            out.push_str(&format!(
                "\n--\n-- Name: {name}; Type: TABLE; Schema: public; Owner: -\n--\n\nCREATE TABLE public.{name} (\n{ddl}\n);\n\n"
            ));
        }
        for t in &tables {
            let name = t.name;
            out.push_str(&format!(
                "--\n-- Data for Name: {name}; Type: TABLE DATA; Schema: public; Owner: -\n--\n\n"
            ));
            match dialect {
                Dialect::PgCopy => {
                    out.push_str(&format!(
                        "COPY public.{name} ({}) FROM stdin;\n",
                        t.cols.join(", ")
                    ));
                    for row in &t.rows {
                        for (j, v) in row.iter().enumerate() {
                            if j > 0 {
                                out.push('\t');
                            }
                            match v {
                                V::Num(n) => out.push_str(n),
                                V::Str(x) => pg_copy_field(out, x),
                                V::Null => out.push_str("\\N"),
                            }
                        }
                        out.push('\n');
                    }
                    out.push_str("\\.\n\n\n");
                }
                _ => {
                    for row in &t.rows {
                        out.push_str(&format!("INSERT INTO public.{name} VALUES ("));
                        for (j, v) in row.iter().enumerate() {
                            if j > 0 {
                                out.push_str(", ");
                            }
                            match v {
                                V::Num(n) => out.push_str(n),
                                V::Str(x) => pg_literal(out, x),
                                V::Null => out.push_str("NULL"),
                            }
                        }
                        out.push_str(");\n");
                    }
                    out.push_str("\n\n");
                }
            }
        }
        for (name, cons) in [
            ("orders", "orders_pkey PRIMARY KEY (id)"),
            ("products", "products_pkey PRIMARY KEY (id)"),
            ("users", "users_id_no_key UNIQUE (id_no)"),
            ("users", "users_pkey PRIMARY KEY (id)"),
        ] {
            let cname = cons.split(' ').next().unwrap_or(cons);
            out.push_str(&format!("--\n-- Name: {name} {cname}; Type: CONSTRAINT; Schema: public; Owner: -\n--\n\nALTER TABLE ONLY public.{name}\n    ADD CONSTRAINT {cons};\n\n\n"));
        }
        out.push_str("--\n-- Name: idx_orders_user_id_no; Type: INDEX; Schema: public; Owner: -\n--\n\nCREATE INDEX idx_orders_user_id_no ON public.orders USING btree (user_id_no);\n\n\n");
        out.push_str("--\n-- Name: orders orders_user_id_no_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -\n--\n\nALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_user_id_no_fkey FOREIGN KEY (user_id_no) REFERENCES public.users(id_no);\n\n\n");
        out.push_str("--\n-- PostgreSQL database dump complete\n--\n\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_joinable() {
        let a = DbData::generate(7, 50);
        assert_eq!(a, DbData::generate(7, 50));
        assert_ne!(a, DbData::generate(8, 50));
        let ids: std::collections::HashSet<_> = a.users.iter().map(|u| &u.id_no).collect();
        assert_eq!(ids.len(), a.users.len());
        assert!(a.orders.iter().filter_map(|o| o.user_id_no.as_ref()).all(|i| ids.contains(i)));
        assert!(a.orders.iter().any(|o| o.user_id_no.is_none()));
        for u in &a.users {
            assert_eq!(u.id_no.len(), 18);
            assert!(crate::check::id18_checksum_and_date_ok(&u.id_no), "{}", u.id_no);
        }
        for d in Dialect::ALL {
            assert_eq!(a.write(d), a.write(d));
            assert_eq!(Dialect::from_name(d.name()), Some(d));
        }
    }

    #[test]
    fn escapes() {
        let mut s = String::new();
        mysql_str(&mut s, "a'b\"c\\d\ne\rf\tg");
        assert_eq!(s, "'a\\'b\\\"c\\\\d\\ne\\rf\tg'");
        s.clear();
        pg_copy_field(&mut s, "a'b\\c\nd\te\\N");
        assert_eq!(s, "a'b\\\\c\\nd\\te\\\\N");
        s.clear();
        pg_literal(&mut s, "it's \\ \n");
        assert_eq!(s, "'it''s \\ \n'");
    }

    #[test]
    fn dumps_have_their_dialects_shape() {
        let d = DbData::generate(1, 20);
        let my = d.write(Dialect::Mysql);
        assert!(my.contains("INSERT INTO `users` VALUES (1,'"));
        let copy = d.write(Dialect::PgCopy);
        assert!(copy.contains("COPY public.users (id, name, id_no, mobile, email, address, note, created_at) FROM stdin;\n1\t"));
        assert_eq!(copy.matches("\n\\.\n").count(), 3);
        let ins = d.write(Dialect::PgInserts);
        assert_eq!(ins.matches("INSERT INTO public.users VALUES (").count(), 20);
        assert_eq!(ins.matches("INSERT INTO public.orders VALUES (").count(), 50);
        let csv = d.write(Dialect::Csv);
        assert!(csv.starts_with("id,name,id_no,mobile,email,address,note,created_at\n1,"));
        // Records end at line ends outside quotes: a header and one per user.
        let mut quoted = false;
        let mut records = 0;
        for c in csv.chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' if !quoted => records += 1,
                _ => {}
            }
        }
        assert_eq!(records, 21);
    }
}
