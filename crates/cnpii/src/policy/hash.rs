//! [`Hash`]: a keyed, irreversible pseudonym: `prefix` + hex of HMAC-SHA256.
//!
//! Never unkeyed: an 18-digit ID has about 10¹¹ plausible values, so an unkeyed hash is
//! reversed by enumeration in minutes. The construction, so that other systems can compute the
//! same pseudonym and join on it:
//!
//! ```text
//! K    = HKDF-SHA256(salt = "cnpii key v1", ikm = key material, info = "hash")   (32 bytes)
//! hash = lowercase_hex(HMAC-SHA256(K, kind ‖ 0x00 ‖ canonical value))[..length]
//! ```
//!
//! The canonical value makes spellings of one value hash alike: full-width letters and digits
//! folded to ASCII; IDs, cards and phones reduced to their digits (ID check `x` upper-cased,
//! a phone's `+86`/`0086`/`86-` prefix dropped); e-mail addresses lower-cased; separators of
//! passports, plates and USCCs dropped, letters upper-cased.
//!
//! Why HMAC-SHA256 rather than keyed BLAKE3: it is the keyed hash every database, language and
//! HSM already has (`hmac.new(k, msg, 'sha256')` in Python, `HMAC` in Java, pgcrypto's
//! `hmac()`), so a data team can recompute a pseudonym outside cnpii; the cost per finding is
//! far below the cost of finding it.

use super::shape::{self, Unit};
use super::{Policy, PolicyError, Slot};
use crate::finding::Finding;
use crate::key::{Key, Purpose};
use crate::kind::Kind;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

/// The keyed-hash policy.
#[derive(Clone)]
pub struct Hash {
    key: Zeroizing<[u8; 32]>,
    length: usize,
    prefix: String,
}

impl std::fmt::Debug for Hash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hash")
            .field("length", &self.length)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl Hash {
    /// The default number of hex characters (64 bits).
    pub const DEFAULT_LENGTH: usize = 16;

    /// A hash under `key` (its `hash` subkey), [`Hash::DEFAULT_LENGTH`] hex characters, no
    /// prefix.
    pub fn new(key: &Key) -> Hash {
        Hash { key: key.subkey(Purpose::Hash), length: Hash::DEFAULT_LENGTH, prefix: String::new() }
    }

    /// Sets the number of hex characters kept, 8 to 64.
    ///
    /// # Errors
    ///
    /// Outside 8..=64.
    pub fn length(mut self, length: usize) -> Result<Hash, PolicyError> {
        if !(8..=64).contains(&length) {
            return Err(PolicyError(format!(
                "hash length must be 8 to 64 hex characters, not {length}"
            )));
        }
        self.length = length;
        Ok(self)
    }

    /// Sets a prefix written before the hex digits (`h_`, `ID:`).
    pub fn prefix(mut self, prefix: &str) -> Hash {
        self.prefix = prefix.to_string();
        self
    }

    /// The full hex digest of one value of `kind`.
    pub fn digest(&self, kind: Kind, value: &[u8]) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key[..]).expect("any key length");
        mac.update(kind.as_str().as_bytes());
        mac.update(&[0]);
        mac.update(&canonical(kind, value));
        let tag = mac.finalize().into_bytes();
        let mut s = String::with_capacity(64);
        for b in tag {
            s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            s.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        }
        s
    }
}

/// The canonical form of a value (module docs).
pub(crate) fn canonical(kind: Kind, value: &[u8]) -> Vec<u8> {
    match kind {
        Kind::IdCard | Kind::BankCard => {
            shape::units(value).iter().map(|u| u.ch.to_ascii_uppercase()).collect()
        }
        Kind::Phone => {
            let digits: Vec<Unit> =
                shape::units(value).into_iter().filter(Unit::is_digit).collect();
            let d: Vec<u8> = digits.iter().map(|u| u.ch).collect();
            let plus = value.first() == Some(&b'+') || value.starts_with("＋".as_bytes());
            let cp = if plus && d.starts_with(b"86") {
                2
            } else if d.starts_with(b"0086") {
                4
            } else if d.starts_with(b"86")
                && digits.len() > 2
                && digits[2].at > digits[1].at + usize::from(digits[1].len)
            {
                2
            } else {
                0
            };
            let body = &d[cp..];
            let mobile = body.len() == 11 && body[0] == b'1';
            let mut out = Vec::with_capacity(body.len() + 1);
            if cp > 0 && !mobile && body.first() != Some(&b'0') {
                out.push(b'0');
            }
            out.extend_from_slice(body);
            out
        }
        Kind::Email => value.to_ascii_lowercase(),
        Kind::Passport | Kind::Plate | Kind::Uscc => {
            let mut out = Vec::with_capacity(value.len());
            let units = shape::units(value);
            let mut at = 0;
            for u in &units {
                // Keep non-separator bytes between units (the plate's province character).
                out.extend(value[at..u.at].iter().filter(|b| !matches!(b, b' ' | b'-')));
                out.push(u.ch.to_ascii_uppercase());
                at = u.at + usize::from(u.len);
            }
            out.extend_from_slice(&value[at..]);
            // `·` between the city letter and the tail of a plate.
            let dot = "·".as_bytes();
            let mut clean = Vec::with_capacity(out.len());
            let mut i = 0;
            while i < out.len() {
                if out[i..].starts_with(dot) {
                    i += dot.len();
                } else {
                    clean.push(out[i]);
                    i += 1;
                }
            }
            clean
        }
        Kind::Ip => value.to_ascii_lowercase(),
        _ => value.to_vec(),
    }
}

impl Policy for Hash {
    fn name(&self) -> &'static str {
        "hash"
    }

    fn apply(&self, f: &Finding, original: &[u8], out: &mut Vec<u8>) -> Result<(), PolicyError> {
        out.extend_from_slice(self.prefix.as_bytes());
        out.extend_from_slice(&self.digest(f.kind, original).as_bytes()[..self.length]);
        Ok(())
    }

    /// In a number slot: as many decimal digits as `original` has, taken from the same keyed
    /// digest (a byte each, modulo 10; the first 1–9), without the prefix.
    fn apply_in(
        &self,
        f: &Finding,
        original: &[u8],
        slot: Slot,
        out: &mut Vec<u8>,
    ) -> Result<(), PolicyError> {
        if slot != Slot::Number {
            return self.apply(f, original, out);
        }
        let hex = self.digest(f.kind, original);
        let bytes: Vec<u8> = hex
            .as_bytes()
            .chunks(2)
            .map(|p| {
                let v = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
                v(p[0]) << 4 | v(p[1])
            })
            .collect();
        for i in 0..original.len().max(1) {
            let b = bytes[i % bytes.len()].wrapping_add((i / bytes.len()) as u8);
            out.push(if i == 0 { b'1' + b % 9 } else { b'0' + b % 10 });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key::from_bytes(b"an example key, never use it").unwrap()
    }

    #[test]
    fn spellings_of_one_value_hash_alike() {
        let h = Hash::new(&key());
        let same = |k, a: &str, b: &str| {
            assert_eq!(h.digest(k, a.as_bytes()), h.digest(k, b.as_bytes()), "{a} {b}")
        };
        same(Kind::Phone, "13812345678", "+86 138-1234-5678");
        same(Kind::Phone, "13812345678", "１３８１２３４５６７８");
        same(Kind::Phone, "0086 13812345678", "138 1234 5678");
        same(Kind::Phone, "+86 10 12345678", "010-12345678");
        same(Kind::IdCard, "11010519491231002x", "11010519491231002X");
        same(Kind::BankCard, "6222 0202 0000 1234 562", "6222020200001234562");
        same(Kind::Email, "Li.Si@Example.com", "li.si@example.com");
        same(Kind::Plate, "京A·12345", "京A12345");
        assert_ne!(h.digest(Kind::Phone, b"13812345678"), h.digest(Kind::Phone, b"13812345679"));
        // The kind separates domains.
        assert_ne!(h.digest(Kind::Phone, b"13812345678"), h.digest(Kind::BankCard, b"13812345678"));
    }

    #[test]
    fn construction_is_documented_hmac_sha256() {
        // Recompute by hand from the documented construction.
        let k = key();
        let sub = k.subkey(Purpose::Hash);
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&sub[..]).unwrap();
        mac.update(b"phone\x0013812345678");
        let want: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(Hash::new(&k).digest(Kind::Phone, b"138 1234 5678"), want);
    }

    #[test]
    fn length_and_prefix() {
        let h = Hash::new(&key()).length(12).unwrap().prefix("h_");
        let f = Finding {
            kind: Kind::Email,
            span: crate::Span { start: 0, end: 1 },
            line: 1,
            confidence: 1.0,
            detail: None,
        };
        let mut out = Vec::new();
        h.apply(&f, b"a@b.cn", &mut out).unwrap();
        assert_eq!(out.len(), 14);
        assert!(out.starts_with(b"h_"));
        assert!(Hash::new(&key()).length(4).is_err());
        assert!(Hash::new(&key()).length(65).is_err());
    }
}
