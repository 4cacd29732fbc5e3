//! `bank_card`: payment card numbers.
//!
//! 13–19 digits, contiguous or grouped (4-4-4-4[-1..4], Amex 4-6-5, Diners 4-6-4) by one kind of
//! separator; a group that continues a longer grouped number starts none, a date or time before
//! it does not count (`text::continues_group`). Every finding passes Luhn. A number with a known issuer — a BIN row of
//! `patterns/bank_bins.tsv` or an international scheme prefix (UnionPay 62, Visa, Mastercard,
//! Amex, JCB) — is a card on its own; any other Luhn-valid number only next to a card key or
//! cue word (卡号, 银行卡, `card_no=` …).
//!
//! Evidence: a contiguous number under an identifier key (`order_id=`, `traceId=`, `seq=`) is
//! not a card: 19-digit snowflake ids pass Luhn one time in ten.

use super::{Candidate, Ctx, Detector, Shape, Trigger};
use crate::finding::Hit;
use crate::kind::Kind;
use crate::tables::bins;
use crate::text::{continues_group, digit_at, glued_after, glued_before, Digits};
use crate::validate::luhn;

pub(crate) struct BankCard;

fn sep_at(hay: &[u8], i: usize) -> Option<u8> {
    match hay.get(i) {
        Some(&b @ (b' ' | b'-')) => Some(b),
        _ => None,
    }
}

/// The card number at `start`: its digits, end, and whether it was grouped.
fn number(hay: &[u8], start: usize) -> Option<(Digits, usize, bool)> {
    let (d, e, more) = Digits::read(hay, start, 19);
    if more {
        return None;
    }
    if (13..=19).contains(&d.n) {
        return Some((d, e, false));
    }
    if d.n != 4 {
        return None;
    }
    let s = sep_at(hay, e)?;
    if continues_group(hay, start, s) {
        return None;
    }
    let mut all = d;
    let mut lens = [4usize; 5];
    let mut groups = 1;
    let mut end = e;
    while hay.get(end) == Some(&s) && groups < 5 {
        let (g, ge, more) = Digits::read(hay, end + 1, 6);
        if g.n == 0 || more {
            break;
        }
        lens[groups] = g.n;
        groups += 1;
        all.extend(&g);
        end = ge;
        // Only 4-digit groups are followed by more, and the 6-digit middle group of Amex
        // and Diners numbers (4-6-5, 4-6-4).
        if g.n != 4 && !(groups == 2 && g.n == 6) {
            break;
        }
    }
    if hay.get(end) == Some(&s) && digit_at(hay, end + 1).is_some() {
        return None;
    }
    let shape_ok = match &lens[..groups] {
        [4, 6, 5] | [4, 6, 4] => true,
        l => l.len() >= 4 && l[..l.len() - 1].iter().all(|&n| n == 4) && l[l.len() - 1] <= 4,
    };
    (shape_ok && (13..=19).contains(&all.n)).then_some((all, end, true))
}

impl Detector for BankCard {
    fn kind(&self) -> Kind {
        Kind::BankCard
    }

    fn trigger(&self) -> Trigger {
        Trigger::Word
    }

    fn wants(&self, shape: &Shape) -> bool {
        shape.all_digits
            && ((13..=19).contains(&shape.units)
                || (shape.units == 4
                    && matches!(shape.after, b' ' | b'-')
                    && shape.next_len >= 4
                    && shape.next_digit))
    }

    fn confirm(&self, hay: &[u8], cand: Candidate, ctx: &Ctx<'_>, out: &mut Vec<Hit>) {
        let Candidate::Word { start, .. } = cand else { return };
        if digit_at(hay, start).is_none() || glued_before(hay, start) {
            return;
        }
        let Some((d, end, grouped)) = number(hay, start) else { return };
        if glued_after(hay, end) || !luhn::valid(d.digits()) {
            return;
        }
        let mut buf = [0u8; 24];
        let ascii = d.ascii(&mut buf);
        let issuer = bins::issuer(ascii).or_else(|| bins::scheme(ascii));
        let ev = ctx.evidence(hay, start);
        let cue = ev.pos.contains(Kind::BankCard);
        let conf = match (issuer.is_some(), cue) {
            (_, true) => 0.99,
            (true, false) if ev.neg && !grouped => return,
            (true, false) => 0.93,
            (false, false) => return,
        };
        out.push(Hit::new(Kind::BankCard, start, end, conf).with_detail(issuer));
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::{find, luhn_complete, spans};
    use crate::Kind;

    #[test]
    fn cards() {
        let unionpay = luhn_complete("622202020000123456");
        let visa = luhn_complete("411111111111111");
        let grouped = format!(
            "{} {} {} {} {}",
            &unionpay[..4],
            &unionpay[4..8],
            &unionpay[8..12],
            &unionpay[12..16],
            &unionpay[16..]
        );
        let dashed = grouped.replace(' ', "-");
        for s in [&unionpay, &visa, &grouped, &dashed] {
            let text = format!("付款 {s} 成功");
            assert_eq!(spans(&text), vec![(Kind::BankCard, s.as_str())], "{s}");
        }
        let f = crate::testutil::findings(&format!("卡 {unionpay}"));
        assert!(f[0].detail.is_some_and(|b| b.contains("工商")), "{:?}", f[0].detail);
    }

    #[test]
    fn amex_and_diners_groups() {
        let amex = luhn_complete("37828224631000");
        let grouped = format!("{} {} {}", &amex[..4], &amex[4..10], &amex[10..]);
        assert_eq!(spans(&format!("AE {grouped}")), vec![(Kind::BankCard, grouped.as_str())]);
        let diners = luhn_complete("3056930902590");
        let grouped = format!("{}-{}-{}", &diners[..4], &diners[4..10], &diners[10..]);
        assert_eq!(spans(&format!("卡号 {grouped}")), vec![(Kind::BankCard, grouped.as_str())]);
    }

    #[test]
    fn grouped_after_a_date() {
        let card = luhn_complete("622202020000123456");
        let grouped = format!(
            "{} {} {} {} {}",
            &card[..4],
            &card[4..8],
            &card[8..12],
            &card[12..16],
            &card[16..]
        );
        let text = format!("2024-01-01 {grouped}");
        assert_eq!(spans(&text), vec![(Kind::BankCard, grouped.as_str())]);
        // A group inside a longer grouped number starts no card.
        assert!(find(&format!("1234 {grouped}")).is_empty());
    }

    #[test]
    fn unknown_prefix_needs_a_cue() {
        let odd = luhn_complete("990000000000123");
        assert!(find(&format!("x {odd} y")).is_empty());
        assert_eq!(spans(&format!("卡号：{odd}")), vec![(Kind::BankCard, odd.as_str())]);
        assert_eq!(spans(&format!("card_no={odd}")), vec![(Kind::BankCard, odd.as_str())]);
    }

    #[test]
    fn not_cards() {
        let snowflake = luhn_complete("621234567890123456");
        let mut bad = luhn_complete("622202020000123456").into_bytes();
        bad[18] = b'0' + (bad[18] - b'0' + 1) % 10;
        let bad = String::from_utf8(bad).unwrap();
        for s in [
            format!("order_id={snowflake}"),
            format!("traceId={snowflake}"),
            bad,
            format!("x{snowflake}"),
            format!("{snowflake}0"),
            "6222********1234".to_string(),
        ] {
            assert!(find(&s).iter().all(|f| f.0 != Kind::BankCard), "{s}");
        }
    }
}
