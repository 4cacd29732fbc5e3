//! Line templates: literal text with `«slot»` placeholders filled by the generators.
//!
//! Slots that produce personal information are labelled; the rest (hard negatives, filler) are
//! plain text. Templates must put a non-alphanumeric character on both sides of every slot that
//! yields a value (the corpus tests check that no labelled value is glued to letters or digits).

use crate::gen::{self, neg, LandlineFormat};
use crate::kind;
use crate::out::Frag;
use crate::rng::Rng;

const BANKS: &[&str] =
    &["ICBC", "CCB", "ABC", "BOC", "CMB", "COMM", "SPDB", "CIB", "CITIC", "PSBC"];
const WORDS: &[&str] = &[
    "orderSync",
    "couponExpire",
    "reportDaily",
    "userTagRefresh",
    "stockCheck",
    "settlement",
    "invoicePush",
    "smsRetry",
    "cacheWarmup",
    "auditArchive",
];

/// Fills `tpl` into `f`. Unknown slots panic (caught by the crate tests).
pub(crate) fn render(f: &mut Frag, rng: &mut Rng, tpl: &str) {
    let mut rest = tpl;
    while let Some(open) = rest.find('«') {
        f.s(&rest[..open]);
        let after = &rest[open + '«'.len_utf8()..];
        let close = after.find('»').unwrap_or_else(|| panic!("unclosed slot in template {tpl:?}"));
        slot(f, rng, &after[..close]);
        rest = &after[close + '»'.len_utf8()..];
    }
    f.s(rest);
}

/// Renders one slot.
pub(crate) fn slot(f: &mut Frag, rng: &mut Rng, name: &str) {
    match name {
        // ── personal information ──
        "id" => f.pii(kind::ID_CARD, &gen::id_card(rng)),
        "id18" => f.pii(kind::ID_CARD, &gen::id18(rng)),
        "mobile" => f.pii(kind::PHONE, &gen::mobile_any(rng)),
        "mob" => f.pii(kind::PHONE, &gen::mobile_digits(rng)),
        "tel" => f.pii(kind::PHONE, &gen::landline_any(rng)),
        "tel_dash" => f.pii(kind::PHONE, &gen::landline(rng, LandlineFormat::Dashed, false)),
        "tel_key" => f.pii(kind::PHONE, &gen::landline(rng, LandlineFormat::Contiguous, false)),
        "svc" => f.pii(kind::PHONE, &gen::service(rng)),
        "phone" => {
            let v = match rng.below(10) {
                0..=6 => gen::mobile_any(rng),
                7..=8 => gen::landline_any(rng),
                _ => gen::service(rng),
            };
            f.pii(kind::PHONE, &v);
        }
        "card" => f.pii(kind::BANK_CARD, &gen::bank_card(rng)),
        "cardd" => f.pii(kind::BANK_CARD, &gen::bank_card_digits(rng)),
        "card_cue" | "card_cue_zh" => {
            // a card cue, then (sometimes) a number whose prefix no table knows
            let cue = if name == "card_cue" {
                *rng.pick(&["卡号：", "银行卡 ", "card_no=", "银行卡号：", "cardNo="])
            } else {
                *rng.pick(&["卡号：", "银行卡 ", "银行卡号："])
            };
            f.s(cue);
            let v = if rng.percent(60) {
                gen::bank_card_unknown_prefix(rng)
            } else {
                gen::bank_card_digits(rng)
            };
            f.pii(kind::BANK_CARD, &v);
        }
        "email" => f.pii(kind::EMAIL, &gen::email(rng)),
        "ip" => f.pii(kind::IP, &gen::ipv4(rng)),
        "ip_pub" => f.pii(kind::IP, &gen::ipv4_public(rng)),
        "ip6" => f.pii(kind::IP, &gen::ipv6(rng)),
        "ipx" => {
            if rng.percent(85) {
                f.pii(kind::IP, &gen::ipv4(rng))
            } else {
                f.pii(kind::IP, &gen::ipv6(rng))
            }
        }
        "url_ip" => {
            // http://10.2.3.4:8080/path or http://[2001:db8::1]:443/path — span is the address only
            let scheme = if rng.percent(70) { "http://" } else { "https://" };
            f.s(scheme);
            if rng.percent(85) {
                f.pii(kind::IP, &gen::ipv4(rng));
            } else {
                f.c('[');
                f.pii(kind::IP, &gen::ipv6(rng));
                f.c(']');
            }
            if rng.percent(80) {
                f.s(&format!(":{}", rng.pick(&["8080", "8443", "9090", "443", "3000", "8000"])));
            }
            f.s(rng.pick::<&str>(&[
                "/",
                "/admin/",
                "/api/health",
                "/actuator/info",
                "/index.html",
            ]));
        }
        "passport" => f.pii(kind::PASSPORT, &gen::passport(rng)),
        "passport_cued" | "passport_cued_zh" => {
            let (cue, v) = if name == "passport_cued" {
                gen::passport_cued(rng)
            } else {
                gen::passport_cued_zh(rng)
            };
            f.s(cue);
            f.pii(kind::PASSPORT, &v);
        }
        "plate" => f.pii(kind::PLATE, &gen::plate(rng)),
        "uscc" => f.pii(kind::USCC, &gen::uscc(rng)),
        "tel_keyed" | "tel_keyed_zh" => {
            // a phone key, then a contiguous landline
            let key = if name == "tel_keyed" {
                *rng.pick(&["tel=", "电话：", "联系电话：", "phone=", "固定电话："])
            } else {
                *rng.pick(&["电话：", "联系电话：", "固定电话："])
            };
            f.s(key);
            f.pii(kind::PHONE, &gen::landline(rng, LandlineFormat::Contiguous, false));
        }

        "name" => f.pii(kind::NAME, &crate::people::name(rng)),
        "minority" => f.pii(kind::NAME, &crate::people::minority_name(rng)),
        "addr" => f.pii(kind::ADDRESS, &crate::people::address(rng)),

        // ── hard negatives ──
        "neg_admin" => f.s(&crate::people::admin_chain(rng)),
        "neg_road" => f.s(&crate::people::bare_road(rng)),
        "neg_village" => f.s(&crate::people::village(rng)),
        "neg_form" => f.s(&crate::people::address_form(rng)),
        "neg" => f.s(&neg::any(rng)),
        "neg_ts20" => f.s(&neg::timestamp20(rng)),
        "neg_bad_id" => f.s(&neg::id18_bad_check(rng)),
        "neg_1012" => f.s(&neg::eleven_10_12(rng)),
        "neg_run" => f.s(&neg::mobile_like_run(rng)),
        "neg_epoch" => f.s(&neg::epoch_ms(rng)),
        "neg_qq" => f.s(&neg::qq(rng)),
        "neg_l62" => f.s(&neg::luhn_fail_62(rng)),
        "neg_glued" => f.s(&neg::glued(rng)),
        "neg_masked" => f.s(&neg::masked(rng)),
        "neg_keyed" => f.s(&neg::keyed_mobile(rng)),
        // a bare mobile-like number: only after a negative key written in the template
        "neg_mob" => f.s(&gen::mobile_digits(rng)),
        "neg_snow" => f.s(&neg::snowflake_62(rng)),
        "neg_ver" => f.s(&neg::version(rng)),
        "neg_oid" => f.s(&neg::oid(rng)),
        "neg_mac" => f.s(&neg::mac(rng)),
        "neg_clock" => f.s(&neg::clock(rng)),
        "neg_quad" => f.s(&neg::bad_quad(rng)),
        "neg_email" => f.s(&neg::email_like(rng)),
        "neg_eg" => f.s(&neg::eg_wrong_len(rng)),
        "neg_code" => f.s(&neg::letter_code(rng)),
        "neg_uscc" => f.s(&neg::uscc_bad(rng)),
        "waybill" => {
            let v = match rng.below(3) {
                0 => format!("SF{}{}", gen::mobile_digits(rng), rng.digits(2)),
                1 => format!("YT{}", rng.digits(13)),
                _ => format!("JT{}{}", rng.digits(2), gen::mobile_digits(rng)),
            };
            f.s(&v);
        }

        "neg_ver4" => f.s(&format!(
            "{}.{}.{}.{}",
            rng.range(1, 9),
            rng.range(0, 20),
            rng.range(0, 30),
            rng.range(0, 200)
        )),
        "neg_chrome" => f.s(&format!("Chrome/{}.0.0.0", rng.range(100, 131))),
        "neg_snow_v" => {
            let s = neg::snowflake_62(rng);
            f.s(s.rsplit(['=', ':']).next().unwrap_or(""));
        }
        "neg_qq_v" => f.s(&gen::qq_number(rng)),

        // ── filler ──
        "n1" => f.s(&rng.range(1, 9).to_string()),
        "n2" => f.s(&rng.range(10, 99).to_string()),
        "n3" => f.s(&rng.range(100, 999).to_string()),
        "n4" => f.s(&rng.range(1000, 9999).to_string()),
        "n5" => f.s(&rng.range(10_000, 99_999).to_string()),
        "n6" => f.s(&rng.range(100_000, 999_999).to_string()),
        "n7" => f.s(&rng.range(1_000_000, 9_999_999).to_string()),
        "ms" => {
            let v = if rng.percent(80) { rng.range(1, 300) } else { rng.range(300, 9000) };
            f.s(&v.to_string());
        }
        "amt" => f.s(&format!("{}.{:02}", rng.range(1, 9999), rng.below(100))),
        "code6" => f.s(&rng.digits(6)),
        "port" => f.s(&rng.range(1025, 65000).to_string()),
        "hex" => f.s(&gen::trace_id(rng)),
        "hex16" => f.s(&crate::gen::hex_id(rng, 16)),
        "uuid" => f.s(&gen::uuid(rng)),
        "bank" => f.s(rng.pick::<&str>(BANKS)),
        "task" => f.s(rng.pick::<&str>(WORDS)),
        "date" => {
            let (y, m, d) = crate::check::civil_from_days(rng.range(19_000, 20_500) as i64);
            f.s(&format!("{y:04}-{m:02}-{d:02}"));
        }
        "pct" => f.s(&format!("0.{:02}", rng.below(100))),
        "status" => f.s(rng.pick::<&str>(&[
            "200", "200", "200", "200", "201", "204", "301", "302", "400", "404", "500",
        ])),
        other => panic!("unknown template slot «{other}»"),
    }
}

/// Renders a template into a fresh fragment.
pub(crate) fn frag(rng: &mut Rng, tpl: &str) -> Frag {
    let mut f = Frag::new();
    render(&mut f, rng, tpl);
    f
}

/// A wall clock for log timestamps (UTC+8), advancing a few hundred milliseconds per line.
#[derive(Clone, Debug)]
pub(crate) struct Clock {
    /// Milliseconds since 1970-01-01 in local time (+08:00).
    ms: i64,
}

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Clock {
    /// A start somewhere in 2023–2025.
    pub fn new(rng: &mut Rng) -> Clock {
        let day = crate::check::days_from_civil(2023, 1, 1) + rng.below(3 * 365) as i64;
        Clock { ms: day * 86_400_000 + rng.below(86_400_000) as i64 }
    }

    pub fn tick(&mut self, rng: &mut Rng) {
        self.ms += rng.range(1, 1500) as i64;
    }

    fn parts(&self) -> (u32, u32, u32, i64, i64, i64, i64) {
        let days = self.ms.div_euclid(86_400_000);
        let rem = self.ms.rem_euclid(86_400_000);
        let (y, m, d) = crate::check::civil_from_days(days);
        (y, m, d, rem / 3_600_000, rem / 60_000 % 60, rem / 1000 % 60, rem % 1000)
    }

    /// `2024-03-05 12:30:45.123`
    pub fn log(&self) -> String {
        let (y, m, d, h, mi, s, ms) = self.parts();
        format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}.{ms:03}")
    }

    /// `2024-03-05 12:30:45,123`
    pub fn log_comma(&self) -> String {
        let (y, m, d, h, mi, s, ms) = self.parts();
        format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02},{ms:03}")
    }

    /// `2024-03-05T12:30:45.123+08:00`
    pub fn iso(&self) -> String {
        let (y, m, d, h, mi, s, ms) = self.parts();
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}+08:00")
    }

    /// `05/Mar/2024:12:30:45 +0800`
    pub fn nginx(&self) -> String {
        let (y, m, d, h, mi, s, _) = self.parts();
        format!("{d:02}/{}/{y:04}:{h:02}:{mi:02}:{s:02} +0800", MONTHS[(m - 1) as usize])
    }

    /// Epoch milliseconds (UTC) of the current time: a 13-digit number.
    pub fn epoch_ms(&self) -> i64 {
        self.ms - 8 * 3_600_000
    }

    /// `2024-03-05 12:30:45` (SQL DATETIME)
    pub fn sql(&self) -> String {
        let (y, m, d, h, mi, s, _) = self.parts();
        format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }
}
