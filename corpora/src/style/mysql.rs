//! mysqldump-style output: header, `CREATE TABLE`, extended `INSERT INTO … VALUES (…),(…);` lines
//! of up to ~1 MiB, footer. String literals use mysqldump's escapes (`\'`, `\"`, `\\`, `\n`, `\r`).
//!
//! Travel documents that need a cue (D/S/P passports, H/M permits, Taiwan permits) only appear
//! inside remark strings after their cue; the column name alone is not a cue.

use crate::out::{Escape, Frag, Out};
use crate::rng::Rng;
use crate::tpl::{frag, Clock};

/// One column value.
enum Val {
    Num(String),
    Str(Frag),
    Null,
}

fn s(rng: &mut Rng, tpl: &str) -> Val {
    Val::Str(frag(rng, tpl))
}

fn num(v: impl ToString) -> Val {
    Val::Num(v.to_string())
}

fn dt(clock: &mut Clock, rng: &mut Rng) -> Val {
    clock.tick(rng);
    let mut f = Frag::new();
    f.s(&clock.sql());
    Val::Str(f)
}

fn opt(rng: &mut Rng, pct_null: u32, v: impl FnOnce(&mut Rng) -> Val) -> Val {
    if rng.percent(pct_null) {
        Val::Null
    } else {
        v(rng)
    }
}

const NICKNAMES: &[&str] = &[
    "快乐的鱼",
    "小王",
    "老李",
    "追风少年",
    "momo",
    "Sunny",
    "一只猫",
    "晴天",
    "不吃香菜",
    "路人甲",
    "Jack",
    "静待花开",
    "奋斗ing",
    "",
];
const BRANDS: &[&str] =
    &["比亚迪", "大众", "丰田", "本田", "吉利", "特斯拉", "五菱", "长安", "蔚来", "理想"];
const BANK_CODES: &[&str] =
    &["ICBC", "CCB", "ABC", "BOC", "CMB", "COMM", "SPDB", "CIB", "CITIC", "PSBC"];
const ORG_WORDS: &[&str] =
    &["云帆", "恒通", "瑞达", "博远", "星河", "华信", "中科", "天宇", "金桥", "海纳"];
const ORG_INDUSTRY: &[&str] =
    &["信息科技", "物流", "贸易", "网络技术", "餐饮管理", "建筑工程", "医疗器械", "文化传媒"];
const ORG_CITY: &[&str] = &["杭州", "深圳", "成都", "武汉", "苏州", "南京", "西安", "厦门"];

const REMARKS: &[&str] = &[
    "",
    "",
    "周末不在家，请放门卫室\r\n备用电话：«mob»",
    "It's urgent! 联系人电话 «mobile»",
    "{\"mobile\":\"«mob»\",\"email\":\"«email»\",\"source\":\"app\"}",
    "客户说\"尽快发货\"，«passport_cued»",
    "旧卡已注销\t新卡 «card»",
    "路径 C:\\data\\export 已清理",
    "已电话确认«tel»，勿重复拨打",
    "手机号«neg_masked»已脱敏",
    "订单«neg_ts20»合并发货",
    "发票抬头税号«uscc»",
    "VIP客户，邮件抄送«email»",
    "登录设备 mac=«neg_mac» «neg_ver»",
    "第二联系人 «tel_keyed»",
];

struct Table {
    name: &'static str,
    comment: &'static str,
    ddl: &'static str,
    row: fn(&mut Rng, &mut Clock, u64) -> Vec<Val>,
}

const TABLES: &[Table] = &[
    Table {
        name: "t_user",
        comment: "用户",
        ddl: "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n  `user_no` varchar(32) NOT NULL,\n  `mobile` varchar(20) DEFAULT NULL COMMENT '手机号',\n  `id_card` varchar(18) DEFAULT NULL COMMENT '身份证号',\n  `email` varchar(128) DEFAULT NULL,\n  `nickname` varchar(64) DEFAULT NULL,\n  `gender` tinyint DEFAULT NULL,\n  `reg_ip` varchar(45) DEFAULT NULL,\n  `status` tinyint NOT NULL DEFAULT '1',\n  `created_at` datetime NOT NULL,\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `uk_mobile` (`mobile`)",
        row: |rng, clock, id| {
            let nick = *rng.pick(NICKNAMES);
            vec![
                num(id),
                s(rng, "U«n7»"),
                s(rng, "«mob»"),
                opt(rng, 10, |rng| s(rng, "«id»")),
                opt(rng, 15, |rng| s(rng, "«email»")),
                s(rng, nick),
                num(rng.below(3)),
                s(rng, "«ipx»"),
                num(rng.range(0, 2)),
                dt(clock, rng),
            ]
        },
    },
    Table {
        name: "t_bank_card",
        comment: "绑定银行卡",
        ddl: "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n  `user_id` bigint NOT NULL,\n  `card_no` varchar(32) NOT NULL COMMENT '卡号',\n  `bank_code` varchar(16) DEFAULT NULL,\n  `reserved_mobile` varchar(20) DEFAULT NULL COMMENT '预留手机号',\n  `card_type` tinyint DEFAULT NULL,\n  `remark` varchar(255) DEFAULT NULL,\n  `created_at` datetime NOT NULL,\n  PRIMARY KEY (`id`)",
        row: |rng, clock, id| {
            let bank = *rng.pick(BANK_CODES);
            let remark = *rng.pick(REMARKS);
            vec![
                num(id),
                num(rng.range(100_000, 9_999_999)),
                s(rng, "«card»"),
                s(rng, bank),
                s(rng, "«mob»"),
                num(rng.range(1, 2)),
                opt(rng, 30, |rng| s(rng, remark)),
                dt(clock, rng),
            ]
        },
    },
    Table {
        name: "t_company",
        comment: "企业客户",
        ddl: "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n  `company_name` varchar(128) NOT NULL,\n  `uscc` char(18) DEFAULT NULL COMMENT '统一社会信用代码',\n  `contact_tel` varchar(32) DEFAULT NULL,\n  `contact_mobile` varchar(20) DEFAULT NULL,\n  `contact_email` varchar(128) DEFAULT NULL,\n  `remark` varchar(255) DEFAULT NULL,\n  `created_at` datetime NOT NULL,\n  PRIMARY KEY (`id`)",
        row: |rng, clock, id| {
            let name =
                format!("{}{}{}有限公司", rng.pick(ORG_CITY), rng.pick(ORG_WORDS), rng.pick(ORG_INDUSTRY));
            let remark = *rng.pick(REMARKS);
            vec![
                num(id),
                s(rng, &name),
                s(rng, "«uscc»"),
                s(rng, "«tel»"),
                s(rng, "«mob»"),
                s(rng, "«email»"),
                opt(rng, 40, |rng| s(rng, remark)),
                dt(clock, rng),
            ]
        },
    },
    Table {
        name: "t_vehicle",
        comment: "车辆",
        ddl: "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n  `plate_no` varchar(16) NOT NULL COMMENT '车牌号',\n  `owner_mobile` varchar(20) DEFAULT NULL,\n  `owner_id_card` varchar(18) DEFAULT NULL,\n  `vin` char(17) DEFAULT NULL,\n  `brand` varchar(32) DEFAULT NULL,\n  `created_at` datetime NOT NULL,\n  PRIMARY KEY (`id`)",
        row: |rng, clock, id| {
            let vin: String = std::iter::once('L')
                .chain((0..16).map(|_| rng.char_from("ABCDEFGHJKLMNPRSTUVWXYZ0123456789")))
                .collect();
            let brand = *rng.pick(BRANDS);
            vec![
                num(id),
                s(rng, "«plate»"),
                s(rng, "«mob»"),
                opt(rng, 20, |rng| s(rng, "«id18»")),
                s(rng, &vin),
                s(rng, brand),
                dt(clock, rng),
            ]
        },
    },
    Table {
        name: "t_travel_doc",
        comment: "出行证件",
        ddl: "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n  `user_id` bigint NOT NULL,\n  `passport_no` varchar(16) DEFAULT NULL COMMENT '护照号',\n  `contact_mobile` varchar(32) DEFAULT NULL,\n  `doc_remark` varchar(255) DEFAULT NULL,\n  `expire_date` date DEFAULT NULL,\n  PRIMARY KEY (`id`)",
        row: |rng, _clock, id| {
            vec![
                num(id),
                num(rng.range(100_000, 9_999_999)),
                s(rng, "«passport»"),
                s(rng, "«mobile»"),
                opt(rng, 30, |rng| s(rng, "«passport_cued»")),
                s(rng, "«date»"),
            ]
        },
    },
    Table {
        name: "t_login_log",
        comment: "登录日志",
        ddl: "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n  `user_id` bigint NOT NULL,\n  `login_ip` varchar(45) NOT NULL,\n  `user_agent` varchar(255) DEFAULT NULL,\n  `result` varchar(16) NOT NULL,\n  `created_at` datetime NOT NULL,\n  PRIMARY KEY (`id`),\n  KEY `idx_user` (`user_id`)",
        row: |rng, clock, id| {
            let ua = *rng.pick(&[
                "okhttp/4.9.3",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) MicroMessenger/8.0.«n2»",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) «neg_chrome» Safari/537.36",
            ]);
            let result = *rng.pick(&["SUCCESS", "SUCCESS", "SUCCESS", "BAD_PASSWORD", "LOCKED"]);
            vec![
                num(id),
                num(rng.range(100_000, 9_999_999)),
                s(rng, "«ipx»"),
                s(rng, ua),
                s(rng, result),
                dt(clock, rng),
            ]
        },
    },
    Table {
        name: "t_order",
        comment: "订单",
        ddl: "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n  `order_no` varchar(32) NOT NULL,\n  `receiver_mobile` varchar(32) NOT NULL,\n  `receiver_email` varchar(128) DEFAULT NULL,\n  `amount` decimal(12,2) NOT NULL,\n  `pay_card` varchar(32) DEFAULT NULL,\n  `remark` text,\n  `created_at` datetime NOT NULL,\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `uk_order_no` (`order_no`)",
        row: |rng, clock, id| {
            let remark = *rng.pick(REMARKS);
            let card = if rng.percent(50) { "«card»" } else { "«neg_masked»" };
            vec![
                num(id),
                s(rng, "«neg_ts20»"),
                s(rng, "«mobile»"),
                opt(rng, 20, |rng| s(rng, "«email»")),
                num(format!("{}.{:02}", rng.range(1, 99_999), rng.below(100))),
                opt(rng, 10, |rng| s(rng, card)),
                s(rng, remark),
                dt(clock, rng),
            ]
        },
    },
];

fn header(out: &mut Out, clock: &Clock) {
    let _ = clock;
    out.s("-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: shop\n-- ------------------------------------------------------\n-- Server version\t8.0.36\n\n");
    out.s("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;\n/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;\n/*!50503 SET NAMES utf8mb4 */;\n/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;\n/*!40103 SET TIME_ZONE='+00:00' */;\n/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;\n");
}

fn footer(out: &mut Out, clock: &Clock) {
    out.s("/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n\n/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;\n/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;\n/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;\n/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;\n/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;\n\n");
    out.s(&format!("-- Dump completed on {}\n", clock.sql()));
}

fn ddl(out: &mut Out, name: &str, table: &Table, next_id: u64) {
    out.s(&format!(
        "\n--\n-- Table structure for table `{name}`\n--\n\nDROP TABLE IF EXISTS `{name}`;\n/*!40101 SET @saved_cs_client     = @@character_set_client */;\n/*!50503 SET character_set_client = utf8mb4 */;\nCREATE TABLE `{name}` (\n{}\n) ENGINE=InnoDB AUTO_INCREMENT={next_id} DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='{}';\n/*!40101 SET character_set_client = @saved_cs_client */;\n\n--\n-- Dumping data for table `{name}`\n--\n\nLOCK TABLES `{name}` WRITE;\n/*!40000 ALTER TABLE `{name}` DISABLE KEYS */;\n",
        table.ddl, table.comment
    ));
}

fn write_row(out: &mut Out, vals: &[Val]) {
    out.s("(");
    for (i, v) in vals.iter().enumerate() {
        if i > 0 {
            out.s(",");
        }
        match v {
            Val::Num(n) => out.s(n),
            Val::Null => out.s("NULL"),
            Val::Str(f) => {
                out.s("'");
                out.frag(f, Escape::Sql);
                out.s("'");
            }
        }
    }
    out.s(")");
}

/// Writes a whole dump of about `approx_bytes` bytes.
pub(crate) fn dump(out: &mut Out, rng: &mut Rng, approx_bytes: usize) {
    let mut clock = Clock::new(rng);
    header(out, &clock);
    let per_table = (approx_bytes / TABLES.len()).max(1024);
    let mut round = 0usize;
    'outer: loop {
        for table in TABLES {
            if out.len() >= approx_bytes {
                break 'outer;
            }
            let name = if round == 0 {
                table.name.to_string()
            } else {
                format!("{}_{round:02}", table.name)
            };
            let first_id = rng.range(1, 50_000);
            let mut id = first_id;
            // rows are generated first so AUTO_INCREMENT can be right; keep DDL short instead
            ddl(out, &name, table, first_id + (per_table as u64 / 40).max(1));
            let section_end = (out.len() + per_table).min(approx_bytes.max(out.len() + 1));
            while out.len() < section_end {
                let line_target = rng.between(768 << 10, 1 << 20).min(section_end - out.len());
                let line_start = out.len();
                out.s(&format!("INSERT INTO `{name}` VALUES "));
                let mut first = true;
                loop {
                    if !first {
                        out.s(",");
                    }
                    first = false;
                    let vals = (table.row)(rng, &mut clock, id);
                    id += 1;
                    write_row(out, &vals);
                    if out.len() - line_start >= line_target {
                        break;
                    }
                }
                out.s(";");
                out.eol(false);
            }
            out.s(&format!("/*!40000 ALTER TABLE `{name}` ENABLE KEYS */;\nUNLOCK TABLES;\n"));
        }
        round += 1;
    }
    out.s("\n");
    footer(out, &clock);
}
