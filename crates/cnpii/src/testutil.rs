//! Test helpers: scan a string with every detector; build synthetic valid values; random
//! inputs.

use crate::finding::Finding;
use crate::{Config, Engine, Kind};

pub(crate) fn findings(s: &str) -> Vec<Finding> {
    let engine = Engine::build(&Config::default()).expect("default engine");
    engine.scanner().scan(s.as_bytes())
}

/// `(kind, start, end)` of every finding.
pub(crate) fn find(s: &str) -> Vec<(Kind, usize, usize)> {
    findings(s).iter().map(|f| (f.kind, f.span.start as usize, f.span.end as usize)).collect()
}

/// `(kind, text)` of every finding.
pub(crate) fn spans(s: &str) -> Vec<(Kind, &str)> {
    find(s).into_iter().map(|(k, a, b)| (k, &s[a..b])).collect()
}

/// A synthetic 18-character ID: 17 digits plus the right check character.
pub(crate) fn id18(body: &str) -> String {
    let d: [u8; 17] = body.bytes().map(|b| b - b'0').collect::<Vec<_>>().try_into().unwrap();
    format!("{body}{}", crate::validate::mod11_2::check_char(&d) as char)
}

/// `prefix` plus the Luhn check digit.
pub(crate) fn luhn_complete(prefix: &str) -> String {
    (0..10)
        .map(|c| format!("{prefix}{c}"))
        .find(|s| crate::validate::luhn::valid(&s.bytes().map(|b| b - b'0').collect::<Vec<_>>()))
        .unwrap()
}

/// A synthetic USCC: 8 leading characters (authority, type, region) and 8 organisation-code
/// characters, completed with both check characters.
pub(crate) fn uscc(head8: &str, org8: &str) -> String {
    use crate::validate::gb32100;
    let org = (0..11)
        .map(|c| format!("{org8}{}", if c == 10 { 'X' } else { (b'0' + c) as char }))
        .find(|o| gb32100::org_code_valid(o.as_bytes()))
        .unwrap();
    let body: [u8; 17] = format!("{head8}{org}").into_bytes().try_into().unwrap();
    format!(
        "{}{}",
        String::from_utf8(body.to_vec()).unwrap(),
        gb32100::check_char(&body).unwrap() as char
    )
}

/// xorshift64: many small random inputs for exhaustive-ish tests, seeded, without a dependency.
pub(crate) struct XorShift(pub u64);

impl XorShift {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// `len` bytes drawn from `alphabet`.
    pub(crate) fn bytes(&mut self, len: usize, alphabet: &[u8]) -> Vec<u8> {
        (0..len).map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize]).collect()
    }
}
