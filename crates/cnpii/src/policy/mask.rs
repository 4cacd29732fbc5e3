//! [`Mask`]: hide part of a value behind `*`, keeping its shape.
//!
//! Masking counts *characters*, not bytes, and only *significant* characters (letters, digits
//! and CJK, full-width included); separators (` `, `-`, `(`, `+`, `.`, `@` …) stay where they
//! are. Each masked character becomes one `*`.
//!
//! The default rule per kind follows common Chinese practice:
//!
//! | kind | rule | example |
//! |---|---|---|
//! | `id_card` | keep first 6 and last 4 | `110105********002X` |
//! | `phone` | mask the 4 before the last 4 | `138****5678`, `+86 138-****-5678`, `010-****5678` |
//! | `bank_card` | keep first 6 and last 4 | `622202*********4562` |
//! | `email` | keep the first character of the local part and the domain | `z*******@example.com` |
//! | `ip` | keep the first two groups | `192.168.*.**`, `2001:db8:*:****:***:****` |
//! | `passport` | keep first 1 and last 3 | `E*****678` |
//! | `plate` | keep first 2 and last 2 | `京A***45` |
//! | `uscc` | keep first 2 and last 4 | `91************3K4L` |
//! | `name` | keep the first character | `张*`, `欧**` |
//! | `address` | keep the first 6 characters | `浙江省杭州市******` |

use super::{Policy, PolicyError};
use crate::finding::Finding;
use crate::kind::Kind;

/// Which characters a [`Mask`] keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaskRule {
    /// Keep the first `first` and last `last` significant characters.
    Ends {
        /// Characters kept at the start.
        first: usize,
        /// Characters kept at the end.
        last: usize,
    },
    /// Mask `count` significant characters just before the last `last`.
    BeforeLast {
        /// Characters masked.
        count: usize,
        /// Characters kept at the end.
        last: usize,
    },
    /// Keep the first character of an e-mail's local part and its whole domain.
    EmailLocal,
    /// Keep everything up to the `n`-th separator; mask the significant characters after it.
    AfterGroups(usize),
}

/// The mask policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mask {
    rule: MaskRule,
    ch: char,
}

impl Mask {
    /// A mask with `rule` and mask character `ch`.
    pub fn new(rule: MaskRule, ch: char) -> Mask {
        Mask { rule, ch }
    }

    /// The default rule for `kind` (module docs).
    pub fn default_for(kind: Kind) -> Mask {
        let rule = match kind {
            Kind::IdCard | Kind::BankCard => MaskRule::Ends { first: 6, last: 4 },
            Kind::Phone => MaskRule::BeforeLast { count: 4, last: 4 },
            Kind::Email => MaskRule::EmailLocal,
            Kind::Ip => MaskRule::AfterGroups(2),
            Kind::Passport => MaskRule::Ends { first: 1, last: 3 },
            Kind::Plate => MaskRule::Ends { first: 2, last: 2 },
            Kind::Uscc => MaskRule::Ends { first: 2, last: 4 },
            Kind::Name => MaskRule::Ends { first: 1, last: 0 },
            Kind::Address => MaskRule::Ends { first: 6, last: 0 },
        };
        Mask { rule, ch: '*' }
    }
}

fn significant(c: char) -> bool {
    c.is_alphanumeric()
}

impl Policy for Mask {
    fn name(&self) -> &'static str {
        "mask"
    }

    fn apply(&self, _f: &Finding, original: &[u8], out: &mut Vec<u8>) -> Result<(), PolicyError> {
        let s = std::str::from_utf8(original)
            .map_err(|_| PolicyError("the value is not valid UTF-8".into()))?;
        let n = s.chars().filter(|&c| significant(c)).count();
        // Index range (in significant characters) that is masked.
        let (lo, hi) = match self.rule {
            MaskRule::Ends { first, last } => {
                if first + last < n {
                    (first, n - last)
                } else {
                    (n.min(1), n)
                }
            }
            MaskRule::BeforeLast { count, last } => {
                (n.saturating_sub(last + count), n.saturating_sub(last))
            }
            MaskRule::EmailLocal => (0, 0),
            MaskRule::AfterGroups(g) => {
                let mut seps = 0;
                let mut k = 0;
                for c in s.chars() {
                    if seps >= g {
                        break;
                    }
                    if significant(c) {
                        k += 1;
                    } else {
                        seps += 1;
                    }
                }
                (k, n)
            }
        };
        let mut buf = [0u8; 4];
        if self.rule == MaskRule::EmailLocal {
            // Every character of the local part after the first, separators included: the
            // local part's structure (dots, tags) is as telling as its letters.
            let at = s.find('@').unwrap_or(s.len());
            for (i, c) in s[..at].chars().enumerate() {
                let c = if i == 0 { c } else { self.ch };
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            out.extend_from_slice(&s.as_bytes()[at..]);
            return Ok(());
        }
        let mut k = 0;
        for c in s.chars() {
            let masked = significant(c) && k >= lo && k < hi;
            if significant(c) {
                k += 1;
            }
            let c = if masked { self.ch } else { c };
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Span;

    fn mask(kind: Kind, s: &str) -> String {
        let f = Finding {
            kind,
            span: Span { start: 0, end: 0 },
            line: 1,
            confidence: 1.0,
            detail: None,
        };
        let mut out = Vec::new();
        Mask::default_for(kind).apply(&f, s.as_bytes(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn defaults() {
        assert_eq!(mask(Kind::IdCard, "11010519491231002X"), "110105********002X");
        assert_eq!(mask(Kind::Phone, "13812345678"), "138****5678");
        assert_eq!(mask(Kind::Phone, "+86 138-1234-5678"), "+86 138-****-5678");
        assert_eq!(mask(Kind::Phone, "010-12345678"), "010-****5678");
        assert_eq!(mask(Kind::Phone, "１３８１２３４５６７８"), "１３８****５６７８");
        assert_eq!(mask(Kind::BankCard, "6222 0202 0000 1234 562"), "6222 02** **** ***4 562");
        assert_eq!(mask(Kind::Email, "zhangsan@example.com"), "z*******@example.com");
        assert_eq!(mask(Kind::Email, "li.si+x@example.com"), "l******@example.com");
        assert_eq!(mask(Kind::Ip, "192.168.1.20"), "192.168.*.**");
        assert_eq!(mask(Kind::Passport, "E12345678"), "E*****678");
        assert_eq!(mask(Kind::Plate, "京A·12345"), "京A·***45");
        assert_eq!(mask(Kind::Name, "欧阳娜娜"), "欧***");
    }
}
