//! `ip`: IPv4 and IPv6 host addresses, inside URLs too; a port is not part of the span.
//!
//! IPv4: four decimal octets 0–255 without leading zeros. Not IPs (CONTRACT.md): 4-part version
//! numbers (`version=5.4.8.84`, `Chrome/116.0.0.0`; a quad after a path segment such as
//! `/hosts/10.0.0.1` is a host), OIDs and other dotted runs of more than four parts,
//! out-of-range quads. IPv6: hex groups with `::` compression (at most once), eight
//! groups without it, an optional trailing dotted IPv4; MAC addresses and times
//! (`00:1a:2b:3c:4d:5e`, `12:30:45`) have neither eight groups nor `::` and do not parse.

use super::{Candidate, Ctx, Detector, Shape, Trigger};
use crate::finding::Hit;
use crate::kind::Kind;
use crate::text::{glued_after, glued_before, word_unit_at, word_unit_before};

pub(crate) struct Ip;

/// An octet at `i`: its value and end.
fn octet(hay: &[u8], i: usize) -> Option<(u32, usize)> {
    let mut v = 0u32;
    let mut e = i;
    while e < hay.len() && hay[e].is_ascii_digit() && e - i < 4 {
        v = v * 10 + u32::from(hay[e] - b'0');
        e += 1;
    }
    let n = e - i;
    let ok = (1..=3).contains(&n) && v <= 255 && !(n > 1 && hay[i] == b'0');
    ok.then_some((v, e))
}

/// A dotted quad at `i`; returns its end.
pub(crate) fn ipv4(hay: &[u8], i: usize) -> Option<usize> {
    let mut e = i;
    for k in 0..4 {
        if k > 0 {
            if hay.get(e) != Some(&b'.') {
                return None;
            }
            e += 1;
        }
        e = octet(hay, e)?.1;
    }
    Some(e)
}

fn hex(b: u8) -> bool {
    b.is_ascii_hexdigit()
}

/// Parses an IPv6 address over all of `s` (hex digits, colons, dots).
fn ipv6(s: &[u8]) -> bool {
    let colons = s.iter().filter(|&&b| b == b':').count();
    if s.len() < 2 || colons < 2 {
        return false;
    }
    let (head, tail, compressed) = match s.windows(2).position(|w| w == b"::") {
        Some(p) => (&s[..p], &s[p + 2..], true),
        None => (s, &b""[..], false),
    };
    // Without `::` it takes eight groups, the last of which may be a dotted quad (two): so six
    // or seven colons (`12:30:45` and MACs stop here).
    if !compressed && !(6..=7).contains(&colons) {
        return false;
    }
    if compressed && tail.windows(2).any(|w| w == b"::") {
        return false;
    }
    let count = |part: &[u8], last: bool| -> Option<usize> {
        if part.is_empty() {
            return Some(0);
        }
        let groups = part.iter().filter(|&&b| b == b':').count() + 1;
        let mut n = 0;
        for (k, g) in part.split(|&b| b == b':').enumerate() {
            if last && k == groups - 1 && g.contains(&b'.') {
                ipv4(g, 0).filter(|&e| e == g.len())?;
                n += 2;
            } else if (1..=4).contains(&g.len()) && g.iter().all(|&b| hex(b)) {
                n += 1;
            } else {
                return None;
            }
        }
        Some(n)
    };
    let Some(h) = count(head, !compressed) else { return false };
    let Some(t) = count(tail, true) else { return false };
    if compressed {
        h + t <= 7
    } else {
        h == 8
    }
}

/// Whether the dotted quad at `start` is the version of a product token (`Chrome/116.0.0.0`,
/// `nginx/1.2.3.4`): a name and `/` before it. A path segment (`/hosts/10.0.0.1`,
/// `//example.com/10.0.0.1`) is not a product name.
fn product_token(hay: &[u8], start: usize) -> bool {
    if start < 2 || hay[start - 1] != b'/' || !hay[start - 2].is_ascii_alphanumeric() {
        return false;
    }
    let lo = start.saturating_sub(super::LOOK_BEHIND);
    let mut i = start - 1;
    while i > lo && (hay[i - 1].is_ascii_alphanumeric() || matches!(hay[i - 1], b'.' | b'-' | b'_'))
    {
        i -= 1;
    }
    !(i > 0 && hay[i - 1] == b'/')
}

impl Ip {
    fn v4(&self, hay: &[u8], start: usize, ctx: &Ctx<'_>, out: &mut Vec<Hit>) {
        if glued_before(hay, start) {
            return;
        }
        if product_token(hay, start) {
            return;
        }
        let Some(end) = ipv4(hay, start) else { return };
        if glued_after(hay, end)
            || (hay.get(end) == Some(&b'.') && hay.get(end + 1).is_some_and(u8::is_ascii_digit))
        {
            return;
        }
        if ctx.evidence(hay, start).neg {
            return;
        }
        out.push(Hit::new(Kind::Ip, start, end, 0.95));
    }

    fn v6(&self, hay: &[u8], start: usize, end: usize, out: &mut Vec<Hit>) {
        if !hay[start..end].iter().all(|&b| hex(b)) {
            return;
        }
        let Some((mut s, mut e)) = v6_bounds(hay, start, end) else { return };
        while s < e && hay[s] == b'.' {
            s += 1;
        }
        while e > s && (hay[e - 1] == b'.' || (hay[e - 1] == b':' && hay[e - 2] != b':')) {
            e -= 1;
        }
        if word_unit_before(hay, s) > 0 || word_unit_at(hay, e) > 0 || !hay[s..e].contains(&b':') {
            return;
        }
        if ipv6(&hay[s..e]) {
            out.push(Hit::new(Kind::Ip, s, e, 0.95));
        }
    }
}

/// The run of hex digits, colons and dots around the word `hay[start..end]` (within the
/// look-behind and the longest finding), or `None` when a digit comes before the word in it:
/// only the run's first digit-bearing word parses it (`49` of `13:49:52` stops at the `3`).
fn v6_bounds(hay: &[u8], start: usize, end: usize) -> Option<(usize, usize)> {
    let ok = |b: u8| hex(b) || b == b':' || b == b'.';
    let lo = start.saturating_sub(super::LOOK_BEHIND);
    let mut s = start;
    while s > lo && ok(hay[s - 1]) {
        if hay[s - 1].is_ascii_digit() {
            return None;
        }
        s -= 1;
    }
    let hi = (start + super::MAX_LEN).min(hay.len());
    let mut e = end;
    while e < hi && ok(hay[e]) {
        e += 1;
    }
    Some((s, e))
}

/// Whether an IPv6 address can start parsing at the word `hay[start..end]`, which has a `:`
/// before or after it. The prefilter asks this (`Shape::v6`) so that the hours of timestamps
/// never become candidates; `scan/hot.rs` relies on its exact form.
///
/// - After a `:`: the run must start before that `:` (a lone `:` starts no address, and `ipv6`
///   finds an empty group), and hold `::` or six colons, as every address does.
/// - Otherwise the word starts its run (after any dots), so the colons after it are those of
///   the address: `::` right after it, or three colons each at most five bytes after the last
///   (groups have at most four digits; eight groups have seven colons, and `::` after the second
///   group makes the third). A time `13:49:52` has two.
pub(crate) fn v6_run(hay: &[u8], start: usize, end: usize) -> bool {
    if start > 0 && hay[start - 1] == b':' {
        let Some((s, e)) = v6_bounds(hay, start, end) else { return false };
        let run = &hay[s..e];
        let mut colons = 0;
        for (i, &b) in run.iter().enumerate() {
            if b == b':' {
                if run.get(i + 1) == Some(&b':') {
                    return s + 1 < start;
                }
                colons += 1;
            }
        }
        return s + 1 < start && colons >= 6;
    }
    if hay.get(end) != Some(&b':') {
        return false;
    }
    if hay.get(end + 1) == Some(&b':') {
        return true;
    }
    let (mut last, mut colons) = (end, 1);
    for (i, &b) in hay.iter().enumerate().take(end + 11).skip(end + 1) {
        if i - last > 5 {
            return false;
        }
        if b == b':' {
            (last, colons) = (i, colons + 1);
            if colons == 3 {
                return true;
            }
        }
    }
    false
}

impl Detector for Ip {
    fn kind(&self) -> Kind {
        Kind::Ip
    }

    fn trigger(&self) -> Trigger {
        Trigger::Word
    }

    fn wants(&self, shape: &Shape) -> bool {
        // IPv4: the first octet, with a second octet and another dot after it (`10.2.`, not
        // the `52.288` of a time).
        (shape.units <= 3
            && shape.all_digits
            && shape.after == b'.'
            && (1..=3).contains(&shape.next_len)
            && shape.next_digit
            && shape.after_next == b'.')
            // IPv6: the first digit-bearing word of a run with `::` or six colons: `fe80` of
            // `fe80::1`, `1` of `::1`, `ef01` of `abcd:ef01::`.
            || shape.v6
    }

    fn confirm(&self, hay: &[u8], cand: Candidate, ctx: &Ctx<'_>, out: &mut Vec<Hit>) {
        let Candidate::Word { start, end, .. } = cand else { return };
        let before = if start > 0 { hay[start - 1] } else { b' ' };
        let after = hay.get(end).copied().unwrap_or(b' ');
        if hay[start].is_ascii_digit() && after == b'.' && end - start <= 3 {
            self.v4(hay, start, ctx, out);
        }
        if before == b':' || after == b':' {
            let n = out.len();
            self.v6(hay, start, end, out);
            if out.len() > n && ctx.evidence(hay, out[n].start).neg {
                out.truncate(n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::{find, spans};
    use crate::Kind;

    #[test]
    fn v4() {
        assert_eq!(spans("client 192.168.1.20 -"), vec![(Kind::Ip, "192.168.1.20")]);
        assert_eq!(spans("http://10.2.3.4:8080/x"), vec![(Kind::Ip, "10.2.3.4")]);
        assert_eq!(spans("ip=0.0.0.0"), vec![(Kind::Ip, "0.0.0.0")]);
        assert_eq!(spans("访问来自255.255.255.255。"), vec![(Kind::Ip, "255.255.255.255")]);
        assert_eq!(spans("GET /api/hosts/10.0.0.1/x"), vec![(Kind::Ip, "10.0.0.1")]);
        assert_eq!(spans("https://example.com/10.0.0.1"), vec![(Kind::Ip, "10.0.0.1")]);
    }

    #[test]
    fn v6() {
        for s in [
            "2001:db8::8a2e:370:7334",
            "fe80::1",
            "::1",
            "2001:0db8:0000:0000:0000:ff00:0042:8329",
            "::ffff:192.0.2.1",
        ] {
            assert_eq!(spans(&format!("addr {s} ok")), vec![(Kind::Ip, s)], "{s}");
        }
        assert_eq!(spans("http://[2001:db8::1]:443/"), vec![(Kind::Ip, "2001:db8::1")]);
    }

    #[test]
    fn not_ips() {
        for s in [
            "version=5.4.8.84",
            "Chrome/116.0.0.0",
            "Server: nginx/1.2.3.4",
            "1.3.6.1.4.1.311.21.7",
            "00:1a:2b:3c:4d:5e",
            "12:30:45",
            "300.1.2.3",
            "01.2.3.4",
            "v1.2.3.4",
            "1.2.3",
        ] {
            assert!(find(s).iter().all(|f| f.0 != Kind::Ip), "{s}: {:?}", find(s));
        }
    }
}
