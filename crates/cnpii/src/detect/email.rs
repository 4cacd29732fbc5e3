//! `email`: e-mail addresses, found from their `@` (memchr-fast in the prefilter).
//!
//! The local part is taken as written (dots, `_`, `%`, `+tag`, digits-only QQ mail), at most 64
//! bytes, no leading, trailing or doubled dot. The domain, at most 253 bytes, has at least two
//! labels of letters, digits and inner hyphens, and an alphabetic top-level label of two or
//! more letters (or `xn--`). Not e-mails (CONTRACT.md): `icon@2x.png` (a file-extension "TLD"),
//! `lodash@4.17.21` (numeric TLD), `git@github.com:org/repo.git` (scp-style path).

use super::{Candidate, Ctx, Detector, Trigger};
use crate::finding::Hit;
use crate::kind::Kind;
use crate::text::{glued_after, glued_before};

pub(crate) struct Email;

const MAX_LOCAL: usize = 64;
const MAX_DOMAIN: usize = 253;

/// Top-level labels that are really file extensions or code, not domains.
const NOT_TLDS: &[&[u8]] = &[
    b"png", b"jpg", b"jpeg", b"gif", b"svg", b"webp", b"bmp", b"ico", b"js", b"css", b"ts", b"map",
    b"json", b"txt", b"log", b"md", b"html", b"htm", b"php", b"py", b"rs", b"go", b"java", b"zip",
    b"gz", b"tgz", b"tar", b"pdf", b"mp3", b"mp4", b"jsx", b"tsx", b"vue", b"git", b"lock", b"yml",
    b"yaml", b"xml", b"exe", b"dll", b"so", b"woff", b"woff2", b"ttf",
];

fn local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn domain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

impl Detector for Email {
    fn kind(&self) -> Kind {
        Kind::Email
    }

    fn trigger(&self) -> Trigger {
        Trigger::At
    }

    fn confirm(&self, hay: &[u8], cand: Candidate, _ctx: &Ctx<'_>, out: &mut Vec<Hit>) {
        let Candidate::At { pos } = cand else { return };
        // Local part, backwards.
        let lo = pos.saturating_sub(MAX_LOCAL + 1);
        let mut s = pos;
        while s > lo && local_char(hay[s - 1]) {
            s -= 1;
        }
        if pos - s > MAX_LOCAL {
            return;
        }
        let local = &hay[s..pos];
        if local.is_empty()
            || local[0] == b'.'
            || local[local.len() - 1] == b'.'
            || local.windows(2).any(|w| w == b"..")
            || glued_before(hay, s)
        {
            return;
        }
        // Domain, forwards.
        let d0 = pos + 1;
        let hi = (d0 + MAX_DOMAIN + 1).min(hay.len());
        let mut e = d0;
        while e < hi && domain_char(hay[e]) {
            e += 1;
        }
        if e == hi && hi < hay.len() && domain_char(hay[e]) {
            return;
        }
        while e > d0 && matches!(hay[e - 1], b'.' | b'-') {
            e -= 1;
        }
        let domain = &hay[d0..e];
        if domain.len() > MAX_DOMAIN {
            return;
        }
        let mut labels = domain.split(|&b| b == b'.');
        let mut n = 0;
        let mut last: &[u8] = b"";
        for l in labels.by_ref() {
            if l.is_empty() || l[0] == b'-' || l[l.len() - 1] == b'-' || l.len() > 63 {
                return;
            }
            n += 1;
            last = l;
        }
        let tld_ok = (last.len() >= 2 && last.iter().all(u8::is_ascii_alphabetic))
            || (last.len() > 4 && last[..4].eq_ignore_ascii_case(b"xn--"));
        if n < 2 || !tld_ok || NOT_TLDS.iter().any(|t| last.eq_ignore_ascii_case(t)) {
            return;
        }
        if glued_after(hay, e) || hay.get(e) == Some(&b'@') || scp_path(hay, e) {
            return;
        }
        out.push(Hit::new(Kind::Email, s, e, 0.97));
    }
}

/// `host:path/…` after the domain, as in `git@github.com:org/repo.git`.
fn scp_path(hay: &[u8], e: usize) -> bool {
    if hay.get(e) != Some(&b':') {
        return false;
    }
    let rest = &hay[e + 1..hay.len().min(e + 1 + 128)];
    let word = rest.iter().position(|&b| !(b.is_ascii_graphic())).map_or(rest, |p| &rest[..p]);
    !word.is_empty() && word[0] != b'/' && word.contains(&b'/')
}

#[cfg(test)]
mod tests {
    use crate::testutil::{find, spans};
    use crate::Kind;

    #[test]
    fn emails() {
        for s in
            ["zhang.san@example.com", "li_si+news@mail.example.cn", "12345678@qq.com", "a@b.co"]
        {
            assert_eq!(spans(&format!("邮箱：{s}。")), vec![(Kind::Email, s)], "{s}");
        }
        assert_eq!(spans("mailto:wang@163.com>"), vec![(Kind::Email, "wang@163.com")]);
        assert_eq!(spans("end wang@163.com."), vec![(Kind::Email, "wang@163.com")]);
    }

    #[test]
    fn not_emails() {
        for s in [
            "icon@2x.png",
            "git@github.com:org/repo.git",
            "lodash@4.17.21",
            "@foo.com",
            "a..b@c.com",
            "x@localhost",
        ] {
            assert!(find(s).iter().all(|f| f.0 != Kind::Email), "{s}");
        }
    }

    #[test]
    fn length_limits() {
        let local = "a".repeat(64);
        let domain = format!("{}.{}.{}.{}", "b".repeat(63), "c".repeat(63), "d".repeat(63), "ef");
        assert_eq!(domain.len(), 194);
        let ok = format!("{local}@{domain}");
        assert_eq!(spans(&format!("to {ok}.")), vec![(Kind::Email, ok.as_str())]);
        assert!(find(&format!("to a{ok}")).is_empty(), "65-byte local part");
        let long = format!("{}.{domain}", "g".repeat(58));
        assert_eq!(long.len(), 253);
        let ok = format!("x@{long}");
        assert_eq!(spans(&format!("{ok}.")), vec![(Kind::Email, ok.as_str())]);
        assert!(find(&format!("x@h{long}")).is_empty(), "254-byte domain");
    }

    #[test]
    fn phone_inside_an_email_is_the_email() {
        assert_eq!(spans("13812345678@163.com"), vec![(Kind::Email, "13812345678@163.com")]);
    }
}
