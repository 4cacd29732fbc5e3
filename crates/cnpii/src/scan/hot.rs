//! Which words the prefilter visits: a few bit operations per 64-byte block that pass every
//! word some detector's `wants` may accept and skip most of the rest without looking at them.
//!
//! A log has a digit-bearing word every 15 bytes or so: the parts of dates and times, counters,
//! durations, ports. Almost none can start a finding, and the reason is visible in the bytes
//! around them, which the classification has already turned into bits. A word is visited when
//! its first byte (`ws`) or its last byte (`wl`) has one of these neighbourhoods; each line says
//! which `wants` it covers:
//!
//! - 7 to 19 word bytes: every long form (IDs, cards, USCCs, passports, whole phones; no
//!   detector wants a longer word, such as the 32 hex digits of a trace id);
//! - a `+`, `＋` or `·` before it: `+86…`, `＋86…`, a plate's tail after its city letter; or a
//!   non-ASCII byte before it and no digit first: a plate's city letter after its province
//!   (most numbers in Chinese text follow a Chinese character and are not visited for that);
//! - a `:` before it, with a letter, `:` or `.` before that: an IPv6 group that can be the first
//!   digit-bearing word of its run (`ef01` of `abcd:ef01::`, `1` of `::1`);
//! - a separator, a word and a non-ASCII byte before it: a plate `京A 12345`;
//! - `0`, three or four bytes, then a separator, `)` or non-ASCII byte: an area code or `0086`;
//! - `8`, two bytes, then a separator: `86 138…`;
//! - after it, a separator and a group of three or more bytes starting with a digit: the
//!   groups of a card, of `138 1234 5678`, of `400-123-4567`;
//! - after it, `.`, one to three word bytes starting with a digit, and another `.`: an IPv4;
//! - after it, `::`, or a chain of three colons each at most five bytes after the last: an
//!   IPv6 that starts with this word (`fe80::1`, or eight groups; a time `13:49:52` has two).
//!
//! A word wanted for its start is visited at its first digit, found with carries (`fill`), so
//! words without a digit (`HikariPool`, `INFO`) are not visited for their start; carries across
//! block boundaries are kept in [`Carry`].
//!
//! Words with a full-width unit are always visited (see `Bitmaps::widen`); here, `word` and
//! `digit` are ASCII only. The conditions are necessary, not sufficient: the prefilter still
//! measures each visited word's `Shape` and asks `wants`. The prefilter's tests compare the
//! visited words with a byte-by-byte walk over every word and `wants`, on random text made of
//! the bytes these rules look at.

use super::classify::Block;

/// What a block's visit bits carry into the next block: whether the word running across the
/// boundary is already known to be wanted, and whether it has shown no digit yet.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Carry {
    wanted: bool,
    no_digit_yet: bool,
}

impl Carry {
    /// After a block whose visit bits did not come from [`visit`]: the word running on is
    /// taken as wanted and its first digit in the next block is visited (a word already
    /// visited is skipped by the prefilter's walk).
    pub(super) const ALL: Carry = Carry { wanted: true, no_digit_yet: true };
}

/// Bit `i` of the result: bit `i + k` of the stream `cur`, `next`.
#[inline(always)]
fn ahead(cur: u64, next: u64, k: u32) -> u64 {
    ((u128::from(next) << 64 | u128::from(cur)) >> k) as u64
}

/// Bit `i` of the result: bit `i - k` of the stream `prev`, `cur` (`0 < k < 64`).
#[inline(always)]
fn behind(prev: u64, cur: u64, k: u32) -> u64 {
    (cur << k) | (prev >> (64 - k))
}

/// Runs of set bits of `w` from each bit of `from` to the run's end, with a carry in at bit 0
/// and out of bit 63: adding a bit at a run's start carries it through the run.
#[inline(always)]
fn fill(w: u64, from: u64, carry: bool) -> (u64, bool) {
    let (sum, o1) = w.overflowing_add(from);
    let (sum, o2) = sum.overflowing_add(u64::from(carry));
    ((sum ^ w) & w, o1 || o2)
}

/// The bits of `cur` at which the prefilter visits a word: word bytes whose word may be
/// wanted. Looks at most 3 bytes back into `prev` and 20 bytes ahead into `next`.
#[inline(always)]
pub(super) fn visit(prev: &Block, cur: &Block, next: &Block, carry: &mut Carry) -> u64 {
    let a = |f: fn(&Block) -> u64, k: u32| ahead(f(cur), f(next), k);
    let b = |f: fn(&Block) -> u64, k: u32| behind(f(prev), f(cur), k);
    let word = |x: &Block| x.word;
    let digit = |x: &Block| x.digit;
    let sep = |x: &Block| x.sep;
    let dot = |x: &Block| x.dot;
    let colon = |x: &Block| x.colon;
    let high = |x: &Block| x.high;

    let w = cur.word;
    let ws = w & !b(word, 1);
    let wl = w & !a(word, 1);

    // Conditions on the bytes before a word and at its start. `long`: 7 to 19 word bytes
    // (`runs[k]`: bit `i` set when bytes `i..i + 2^k` are all word bytes).
    let w128 = u128::from(next.word) << 64 | u128::from(w);
    let mut runs = [w128; 5];
    for k in 1..5 {
        runs[k] = runs[k - 1] & runs[k - 1] >> (1 << (k - 1));
    }
    let at_least = |n: u32| (runs[2] & runs[2] >> (n - 4)) as u64; // for 4 <= n <= 8
    let at_least_20 = (runs[4] & runs[2] >> 16) as u64;
    let long = at_least(7) & !at_least_20;
    let plus = b(|x| x.plus | x.mark, 1) | (b(high, 1) & !cur.digit);
    let v6_group = b(colon, 1) & b(|x| (x.word & !x.digit) | x.colon | x.dot, 2);
    let plate = b(sep, 1) & b(word, 2) & b(high, 3);
    let opens = |k| a(|x| x.sep | x.rparen | x.high, k);
    let area = cur.zero & a(word, 2) & (opens(3) | opens(4));
    let eighty_six = cur.eight & a(word, 1) & !a(word, 2) & a(sep, 2);
    let start = long | plus | v6_group | plate | area | eighty_six;

    // Conditions on the bytes after a word, from its last byte `l` (so `e = l + 1`).
    let group = a(sep, 1) & a(digit, 2) & a(word, 3) & a(word, 4);
    let quad = a(dot, 1)
        & a(digit, 2)
        & (a(dot, 3) | (a(word, 3) & (a(dot, 4) | (a(word, 4) & a(dot, 5)))));
    // Colons with another colon one to five bytes later, then chains of three such (in the
    // 128 bits of `cur` and `next`: exact for the bits read here).
    let spread = |x: u128| {
        let near = x >> 1 | x >> 2;
        near | near >> 2 | x >> 5
    };
    let colons = u128::from(next.colon) << 64 | u128::from(cur.colon);
    let pairs = colons & spread(colons);
    let chains = colons & spread(pairs);
    let v6 = (a(colon, 1) & a(colon, 2)) | (chains >> 1) as u64;
    let end = group | quad | v6;

    // A word wanted by its start is visited at its first digit (words without one are not
    // visited): the start's bit carried to the end of the word, and, from the word's non-digit
    // bytes plus its start, the carry that stops at its first digit.
    let (wanted, wanted_out) = fill(w, ws & start, carry.wanted);
    let other = w & !cur.digit;
    let (sum, no_digit_out) = {
        let (s1, o1) = other.overflowing_add(ws);
        let (s2, o2) = s1.overflowing_add(u64::from(carry.no_digit_yet));
        (s2, o1 || o2)
    };
    let first_digit = sum & !other & w;
    *carry = Carry { wanted: wanted_out, no_digit_yet: no_digit_out };
    (wanted & first_digit) | (wl & end)
}
