//! The corpus styles.

pub(crate) mod applog;
pub(crate) mod freetext;
pub(crate) mod mysql;
pub(crate) mod nginx;

use crate::out::Out;
use crate::rng::Rng;
use crate::tpl::Clock;
use crate::Style;

/// Chance (per mille) that a line of a text style ends with `\r\n`.
const CRLF_PER_MILLE: u64 = 15;

/// Per-style knobs: percentage of lines / sentences that carry personal information.
struct Density {
    applog: u32,
    nginx: u32,
    /// Share of nginx lines with the forwarded-for / upstream fields (each holds addresses).
    nginx_ext: u32,
    freetext: u32,
}

/// Standalone styles are denser than Mixed (which aims at ~1 value per 500 bytes).
const STANDALONE: Density = Density { applog: 45, nginx: 30, nginx_ext: 40, freetext: 45 };
const MIXED: Density = Density { applog: 15, nginx: 10, nginx_ext: 10, freetext: 22 };
/// Line mix of the Mixed style (AppLog, Nginx, FreeText).
const MIXED_WEIGHTS: [(Style, u32); 3] =
    [(Style::AppLog, 74), (Style::Nginx, 10), (Style::FreeText, 16)];

pub(crate) fn write(out: &mut Out, style: Style, rng: &mut Rng, approx_bytes: usize) {
    if style == Style::MysqlDump {
        if approx_bytes > 0 {
            mysql::dump(out, rng, approx_bytes);
        }
        return;
    }
    let mut clock = Clock::new(rng);
    let d = if style == Style::Mixed { MIXED } else { STANDALONE };
    while out.len() < approx_bytes {
        let crlf = rng.ratio(CRLF_PER_MILLE, 1000);
        let which = match style {
            Style::AppLog => Style::AppLog,
            Style::Nginx => Style::Nginx,
            Style::FreeText => Style::FreeText,
            _ => *rng.weighted(&MIXED_WEIGHTS),
        };
        match which {
            Style::AppLog => applog::line(out, rng, &mut clock, d.applog, crlf),
            Style::Nginx => nginx::line(out, rng, &mut clock, d.nginx, d.nginx_ext, crlf),
            _ => freetext::line(out, rng, d.freetext, crlf, style == Style::FreeText),
        }
    }
}
