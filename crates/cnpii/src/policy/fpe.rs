//! The format-preserving cipher under [`Tokenize`](super::Tokenize): NIST SP 800-38G FF1 over
//! AES-256 (the `fpe` crate), plus the two standard ways of fitting it to an arbitrary set of
//! valid values.
//!
//! * **Cycle walking** (Black & Rogaway): to permute a subset `S` of FF1's domain, apply FF1
//!   until the result lands in `S`. The walk is a permutation of `S` and inverts by walking
//!   with FF1⁻¹. Used for "a real mobile segment of the same class", "an e-mail local part
//!   that still has a letter", and for mixed-radix integer domains (ID region index × birth
//!   day × sequence) packed into the smallest binary FF1 domain that holds them.
//! * **Small domains.** FF1 (SP 800-38G Rev. 1, as the `fpe` crate enforces) needs at least
//!   10⁶ values. Between 4,097 and 10⁶ values the walk runs in a 2²⁰ domain (at most 256
//!   steps on average). At most 4,096 values (a 3-digit plate tail, a 2-letter e-mail local
//!   part) are permuted by a keyed Fisher–Yates shuffle whose randomness is HMAC-SHA256 of the
//!   tokenize subkey, the tweak and a counter. Such tiny domains give little protection by
//!   nature, whatever the cipher: the README says so.
//!
//! Every operation is a pure function of (key, tweak, input): no state, no caches, so results
//! do not depend on chunking or threads.

use aes::Aes256;
use fpe::ff1::{FlexibleNumeralString, NumeralString, Operations, FF1};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

/// FF1's smallest domain (NIST SP 800-38G Rev. 1).
const MIN_DOMAIN: u128 = 1_000_000;
/// Domains up to this size are shuffled instead of walked.
const SHUFFLE_MAX: u64 = 4096;
/// Radixes with a prepared FF1 instance.
const RADIXES: [u32; 8] = [2, 6, 10, 16, 26, 31, 36, 62];

/// Which way to run the cipher.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dir {
    Encrypt,
    Decrypt,
}

/// FF1-AES-256 under one key, for each radix in use.
pub(crate) struct Fpe {
    ff1: Vec<FF1<Aes256>>,
    /// The FF1 key, for radixes without a prepared instance (the name tables' sizes).
    key: Zeroizing<[u8; 32]>,
    shuffle_key: Zeroizing<[u8; 32]>,
}

impl Fpe {
    /// A cipher under a 32-byte key.
    pub fn new(key: &[u8; 32]) -> Fpe {
        let ff1 = RADIXES
            .iter()
            .map(|&r| FF1::<Aes256>::new(key, r).expect("radixes in 2..=2^16"))
            .collect();
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
        mac.update(b"cnpii shuffle v1");
        let mut shuffle_key = Zeroizing::new([0u8; 32]);
        shuffle_key.copy_from_slice(&mac.finalize().into_bytes());
        Fpe { ff1, key: Zeroizing::new(*key), shuffle_key }
    }

    /// The FF1 instance of `radix`: a prepared one, or one made for this call (an AES key
    /// schedule; radixes outside [`RADIXES`] serve names only).
    fn with_ff1<R>(&self, radix: u32, f: impl FnOnce(&FF1<Aes256>) -> R) -> R {
        match RADIXES.iter().position(|&r| r == radix) {
            Some(i) => f(&self.ff1[i]),
            None => f(&FF1::<Aes256>::new(&self.key[..], radix).expect("radixes in 2..=2^16")),
        }
    }

    /// One FF1 pass over numerals of `radix` (domain at least 10⁶). Numeral strings whose
    /// halves fit in a `u64` (every ID, phone, card and IP domain) take [`SmallNs`], with
    /// machine-integer arithmetic; longer ones the `fpe` crate's big-integer
    /// `FlexibleNumeralString`. Both compute the same FF1 (tested against each other and the
    /// NIST vectors).
    fn pass(&self, radix: u32, tweak: &[u8], ns: Vec<u16>, dir: Dir) -> Vec<u16> {
        let half = ns.len() - ns.len() / 2;
        if u128::from(radix).checked_pow(half as u32).is_some_and(|m| m <= u128::from(u64::MAX)) {
            self.pass_small(radix, tweak, ns, dir)
        } else {
            self.pass_flexible(radix, tweak, ns, dir)
        }
    }

    fn pass_small(&self, radix: u32, tweak: &[u8], ns: Vec<u16>, dir: Dir) -> Vec<u16> {
        let ns = SmallNs { radix, digits: ns };
        let r = self.with_ff1(radix, |f| match dir {
            Dir::Encrypt => f.encrypt(tweak, &ns),
            Dir::Decrypt => f.decrypt(tweak, &ns),
        });
        r.expect("valid numeral string").digits
    }

    fn pass_flexible(&self, radix: u32, tweak: &[u8], ns: Vec<u16>, dir: Dir) -> Vec<u16> {
        let ns = FlexibleNumeralString::from(ns);
        let r = self.with_ff1(radix, |f| match dir {
            Dir::Encrypt => f.encrypt(tweak, &ns),
            Dir::Decrypt => f.decrypt(tweak, &ns),
        });
        // Numerals are < radix and the domain is at least 10⁶ (checked by callers).
        Vec::from(r.expect("valid numeral string"))
    }

    /// Permutes the numeral strings of `radix` and length `ns.len()` that satisfy `accept`
    /// (which `ns` must satisfy). A length whose domain is below 10⁶ goes through
    /// [`Fpe::int`].
    pub fn numerals(
        &self,
        radix: u32,
        tweak: &[u8],
        ns: Vec<u16>,
        dir: Dir,
        accept: impl Fn(&[u16]) -> bool,
    ) -> Vec<u16> {
        let len = ns.len();
        let domain = u128::from(radix).checked_pow(len as u32);
        if domain.is_some_and(|d| d < MIN_DOMAIN) {
            let n = domain.unwrap_or(0) as u64;
            let x = ns.iter().fold(0u64, |a, &v| a * u64::from(radix) + u64::from(v));
            let to_ns = |mut y: u64| {
                let mut v = vec![0u16; len];
                for o in v.iter_mut().rev() {
                    *o = (y % u64::from(radix)) as u16;
                    y /= u64::from(radix);
                }
                v
            };
            let y = self.int(n, tweak, x, dir, |y| accept(&to_ns(y)));
            return to_ns(y);
        }
        let mut y = self.pass(radix, tweak, ns, dir);
        while !accept(&y) {
            y = self.pass(radix, tweak, y, dir);
        }
        y
    }

    /// A keyed permutation of the integers `x < n` that satisfy `accept` (`x` must).
    pub fn int(&self, n: u64, tweak: &[u8], x: u64, dir: Dir, accept: impl Fn(u64) -> bool) -> u64 {
        debug_assert!(x < n);
        if n <= SHUFFLE_MAX {
            let perm = self.shuffle(n, tweak);
            let step = |y: u64| match dir {
                Dir::Encrypt => perm[y as usize],
                Dir::Decrypt => perm.iter().position(|&p| p == y).unwrap_or(0) as u64,
            };
            let mut y = step(x);
            while !accept(y) {
                y = step(y);
            }
            return y;
        }
        let bits = (64 - (n - 1).leading_zeros()).max(20) as usize;
        let to_bits = |v: u64| (0..bits).rev().map(|i| ((v >> i) & 1) as u16).collect::<Vec<_>>();
        let from_bits = |b: &[u16]| b.iter().fold(0u64, |a, &d| (a << 1) | u64::from(d));
        let mut y = from_bits(&self.pass(2, tweak, to_bits(x), dir));
        while !(y < n && accept(y)) {
            y = from_bits(&self.pass(2, tweak, to_bits(y), dir));
        }
        y
    }

    /// A keyed Fisher–Yates shuffle of `0..n`.
    fn shuffle(&self, n: u64, tweak: &[u8]) -> Vec<u64> {
        let mut perm: Vec<u64> = (0..n).collect();
        let mut block = [0u8; 32];
        let mut used = 32;
        let mut counter = 0u64;
        for i in (1..n as usize).rev() {
            if used == 32 {
                let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.shuffle_key[..])
                    .expect("any key length");
                mac.update(&n.to_be_bytes());
                mac.update(&(tweak.len() as u64).to_be_bytes());
                mac.update(tweak);
                mac.update(&counter.to_be_bytes());
                block.copy_from_slice(&mac.finalize().into_bytes());
                counter += 1;
                used = 0;
            }
            let r = u64::from_be_bytes(block[used..used + 8].try_into().expect("8 bytes"));
            used += 8;
            let j = (r % (i as u64 + 1)) as usize;
            perm.swap(i, j);
        }
        perm
    }
}

/// A numeral string whose halves fit in a `u64`: FF1's arithmetic on machine integers.
struct SmallNs {
    radix: u32,
    digits: Vec<u16>,
}

/// One half of a [`SmallNs`] as a number.
struct SmallOps {
    radix: u32,
    len: usize,
    value: u64,
}

impl SmallOps {
    fn of(radix: u32, digits: &[u16]) -> SmallOps {
        let value = digits.iter().fold(0u64, |a, &d| a * u64::from(radix) + u64::from(d));
        SmallOps { radix, len: digits.len(), value }
    }

    fn push_digits(&self, out: &mut Vec<u16>) {
        let at = out.len();
        out.resize(at + self.len, 0);
        let mut v = self.value;
        for o in out[at..].iter_mut().rev() {
            *o = (v % u64::from(self.radix)) as u16;
            v /= u64::from(self.radix);
        }
    }

    /// `radix^m` and `NUM(other) mod radix^m`.
    fn modulus_and(other: impl Iterator<Item = u8>, radix: u32, m: usize) -> (u128, u128) {
        let modulus = u128::from(radix).pow(m as u32);
        let y = other.fold(0u128, |a, b| (a * 256 + u128::from(b)) % modulus);
        (modulus, y)
    }
}

impl Operations for SmallOps {
    type Bytes = Vec<u8>;

    fn numeral_count(&self) -> usize {
        self.len
    }

    fn to_be_bytes(&self, _radix: u32, b: usize) -> Vec<u8> {
        let mut out = vec![0u8; b];
        let v = self.value.to_be_bytes();
        let n = b.min(8);
        out[b - n..].copy_from_slice(&v[8 - n..]);
        out
    }

    fn add_mod_exp(self, other: impl Iterator<Item = u8>, radix: u32, m: usize) -> Self {
        let (modulus, y) = SmallOps::modulus_and(other, radix, m);
        let value = ((u128::from(self.value) + y) % modulus) as u64;
        SmallOps { radix, len: m, value }
    }

    fn sub_mod_exp(self, other: impl Iterator<Item = u8>, radix: u32, m: usize) -> Self {
        let (modulus, y) = SmallOps::modulus_and(other, radix, m);
        let value = ((u128::from(self.value) + modulus - y) % modulus) as u64;
        SmallOps { radix, len: m, value }
    }
}

impl NumeralString for SmallNs {
    type Ops = SmallOps;

    fn is_valid(&self, radix: u32) -> bool {
        radix == self.radix && self.digits.iter().all(|&d| u32::from(d) < radix)
    }

    fn numeral_count(&self) -> usize {
        self.digits.len()
    }

    fn split(&self) -> (SmallOps, SmallOps) {
        let u = self.digits.len() / 2;
        (SmallOps::of(self.radix, &self.digits[..u]), SmallOps::of(self.radix, &self.digits[u..]))
    }

    fn concat(a: SmallOps, b: SmallOps) -> SmallNs {
        let mut digits = Vec::with_capacity(a.len + b.len);
        a.push_digits(&mut digits);
        b.push_digits(&mut digits);
        SmallNs { radix: a.radix, digits }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NIST_KEY_256: [u8; 32] = [
        0x2B, 0x7E, 0x15, 0x16, 0x28, 0xAE, 0xD2, 0xA6, 0xAB, 0xF7, 0x15, 0x88, 0x09, 0xCF, 0x4F,
        0x3C, 0xEF, 0x43, 0x59, 0xD8, 0xD5, 0x80, 0xAA, 0x4F, 0x7F, 0x03, 0x6D, 0x6F, 0x04, 0xFC,
        0x6A, 0x94,
    ];

    /// NIST SP 800-38G FF1 sample vectors for AES-256 (FF1samples.pdf, samples 7–9).
    #[test]
    fn nist_ff1_aes256_samples() {
        let fpe = Fpe::new(&NIST_KEY_256);
        type Sample = (u32, &'static [u8], Vec<u16>, Vec<u16>);
        let samples: [Sample; 3] = [
            (10, b"", (0..10).collect(), vec![6, 6, 5, 7, 6, 6, 7, 0, 0, 9]),
            (10, b"9876543210", (0..10).collect(), vec![1, 0, 0, 1, 6, 2, 3, 4, 6, 3]),
            (
                36,
                &[0x37, 0x37, 0x37, 0x37, 0x70, 0x71, 0x72, 0x73, 0x37, 0x37, 0x37],
                (0..19).collect(),
                // "xs8a0azh2avyalyzuwd"
                vec![33, 28, 8, 10, 0, 10, 35, 17, 2, 10, 31, 34, 10, 21, 34, 35, 30, 32, 13],
            ),
        ];
        for (radix, tweak, pt, ct) in samples {
            for pass in [Fpe::pass_small, Fpe::pass_flexible] {
                assert_eq!(pass(&fpe, radix, tweak, pt.clone(), Dir::Encrypt), ct, "{radix}");
                assert_eq!(pass(&fpe, radix, tweak, ct.clone(), Dir::Decrypt), pt, "{radix}");
            }
        }
    }

    #[test]
    fn machine_integer_ff1_agrees_with_big_integer_ff1() {
        let fpe = Fpe::new(&[9; 32]);
        let mut rng = crate::testutil::XorShift(0x9E37_79B9_7F4A_7C15);
        for (radix, len) in [
            (2u32, 20usize),
            (2, 38),
            (2, 64),
            (10, 6),
            (10, 12),
            (10, 19),
            (16, 16),
            (31, 8),
            (36, 19),
            (62, 10),
        ] {
            for _ in 0..20 {
                let ns: Vec<u16> =
                    (0..len).map(|_| (rng.next() % u64::from(radix)) as u16).collect();
                for dir in [Dir::Encrypt, Dir::Decrypt] {
                    assert_eq!(
                        fpe.pass_small(radix, b"tw", ns.clone(), dir),
                        fpe.pass_flexible(radix, b"tw", ns.clone(), dir),
                        "radix {radix} len {len}"
                    );
                }
            }
        }
    }

    #[test]
    fn integer_domains_are_permutations() {
        let fpe = Fpe::new(&[7; 32]);
        // Shuffled domains, whole.
        for n in [1u64, 2, 10, 1000, 4096] {
            let mut seen = vec![false; n as usize];
            for x in 0..n {
                let y = fpe.int(n, b"t", x, Dir::Encrypt, |_| true);
                assert!(y < n && !seen[y as usize], "n={n} x={x}");
                seen[y as usize] = true;
                assert_eq!(fpe.int(n, b"t", y, Dir::Decrypt, |_| true), x);
            }
        }
        // Walked domains, sampled: injective and inverted.
        for n in [4097u64, 300_000, 1 << 32] {
            let mut seen = std::collections::HashSet::new();
            for i in 0..300u64 {
                let x = i * (n / 300);
                let y = fpe.int(n, b"t", x, Dir::Encrypt, |_| true);
                assert!(y < n && seen.insert(y), "n={n} x={x}");
                assert_eq!(fpe.int(n, b"t", y, Dir::Decrypt, |_| true), x);
            }
        }
        // A walk restricted to even numbers stays a permutation of them.
        let n = 600_000;
        let mut seen = std::collections::HashSet::new();
        for x in (0..n).step_by(2000) {
            let y = fpe.int(n, b"e", x, Dir::Encrypt, |y| y % 2 == 0);
            assert!(y % 2 == 0 && seen.insert(y));
            assert_eq!(fpe.int(n, b"e", y, Dir::Decrypt, |y| y % 2 == 0), x);
        }
    }

    #[test]
    fn tweaks_and_keys_matter() {
        let a = Fpe::new(&[1; 32]);
        let b = Fpe::new(&[2; 32]);
        let x: Vec<u16> = vec![1, 2, 3, 4, 5, 6, 7, 8];
        let ea = a.numerals(10, b"x", x.clone(), Dir::Encrypt, |_| true);
        assert_ne!(ea, a.numerals(10, b"y", x.clone(), Dir::Encrypt, |_| true));
        assert_ne!(ea, b.numerals(10, b"x", x.clone(), Dir::Encrypt, |_| true));
        assert_eq!(a.numerals(10, b"x", ea, Dir::Decrypt, |_| true), x);
    }
}
