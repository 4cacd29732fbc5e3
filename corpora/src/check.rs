//! Check-digit and date arithmetic, written independently of the `cnpii` library so that the
//! accuracy test cross-checks two implementations.

/// ISO 7064 MOD 11-2 weights for the 17 body digits of an 18-digit resident ID.
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character by `sum mod 11`.
const ID_CHECK: &[u8; 11] = b"10X98765432";

/// ISO 7064 MOD 11-2 check character (`0`–`9` or upper-case `X`) for 17 ASCII digits.
/// Returns `None` when `body` is not exactly 17 ASCII digits.
pub fn id_check_char(body: &str) -> Option<char> {
    let b = body.as_bytes();
    if b.len() != 17 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = b.iter().zip(ID_WEIGHTS).map(|(&d, w)| u32::from(d - b'0') * w).sum();
    Some(ID_CHECK[(sum % 11) as usize] as char)
}

/// Converts full-width digits, `Ｘ`/`ｘ` and full-width `（）` to ASCII; everything else is kept.
pub fn to_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
            '\u{FF38}' => 'X',
            '\u{FF58}' => 'x',
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .collect()
}

/// Whether `y-m-d` is a real Gregorian date.
pub fn valid_date(y: u32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Days in month `m` of year `y` (Gregorian).
pub fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Gregorian leap year.
pub fn is_leap(y: u32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days since 1970-01-01 → (year, month, day). (Howard Hinnant's `civil_from_days`.)
pub fn civil_from_days(days: i64) -> (u32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (y as u32, m as u32, d as u32)
}

/// (year, month, day) → days since 1970-01-01. (Howard Hinnant's `days_from_civil`.)
pub fn days_from_civil(y: u32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses `YYYYMMDD` and checks it is a real date.
pub fn valid_yyyymmdd(s: &str) -> bool {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let y: u32 = s[0..4].parse().unwrap_or(0);
    let m: u32 = s[4..6].parse().unwrap_or(0);
    let d: u32 = s[6..8].parse().unwrap_or(0);
    valid_date(y, m, d)
}

/// An 18-character ID (ASCII after [`to_ascii`]): 17 digits, valid `YYYYMMDD` at 7..15, right
/// check character (either case of `X`). Region is *not* checked here (see `tables`).
pub fn id18_checksum_and_date_ok(s: &str) -> bool {
    let s = to_ascii(s);
    if s.len() != 18 || !s.is_char_boundary(17) {
        return false;
    }
    let (body, last) = s.split_at(17);
    let Some(expect) = id_check_char(body) else { return false };
    last.eq_ignore_ascii_case(&expect.to_string()) && valid_yyyymmdd(&body[6..14])
}

/// Luhn (mod 10) check digit for an ASCII digit string `body` (the digits before the check).
pub fn luhn_check_digit(body: &str) -> Option<char> {
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut sum = 0u32;
    // The check digit will sit to the right: the rightmost body digit is doubled.
    for (i, b) in body.bytes().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    Some(char::from(b'0' + ((10 - sum % 10) % 10) as u8))
}

/// Whether an ASCII digit string passes the Luhn check (separators are not allowed here).
pub fn luhn_valid(digits: &str) -> bool {
    if digits.len() < 2 {
        return false;
    }
    let (body, last) = digits.split_at(digits.len() - 1);
    luhn_check_digit(body).is_some_and(|c| last.starts_with(c))
}

/// The GB 32100 alphabet: digits and upper-case letters except I, O, S, V, Z (31 symbols).
pub const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

fn uscc_value(c: u8) -> Option<u32> {
    USCC_ALPHABET.bytes().position(|a| a == c).map(|p| p as u32)
}

/// GB 11714 organisation code check character for 8 body characters (digits / upper-case
/// letters, A=10 … Z=35; weights 3 7 9 10 5 8 4 2; `11 - sum mod 11`, 10 → `X`, 11 → `0`).
pub fn org_code_check_char(body: &str) -> Option<char> {
    const W: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let b = body.as_bytes();
    if b.len() != 8 {
        return None;
    }
    let mut sum = 0;
    for (&c, w) in b.iter().zip(W) {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            _ => return None,
        };
        sum += v * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        v => char::from(b'0' + v as u8),
    })
}

/// GB 32100 check character for the first 17 characters of a USCC (weights `3^i mod 31`,
/// `31 - sum mod 31`, 31 → `0`).
pub fn uscc_check_char(body: &str) -> Option<char> {
    let b = body.as_bytes();
    if b.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    let mut w = 1u32;
    for &c in b {
        sum += uscc_value(c)? * w;
        w = w * 3 % 31;
    }
    let v = (31 - sum % 31) % 31;
    Some(USCC_ALPHABET.as_bytes()[v as usize] as char)
}

/// Whether an 18-character string passes both the GB 32100 check and the embedded GB 11714
/// organisation code check.
pub fn uscc_valid(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 || !b.iter().all(|&c| uscc_value(c).is_some()) {
        return false;
    }
    uscc_gb32100_ok(s) && org_code_check_char(&s[8..16]).is_some_and(|c| b[16] == c as u8)
}

/// Only the GB 32100 check (the last character).
pub fn uscc_gb32100_ok(s: &str) -> bool {
    s.len() == 18 && uscc_check_char(&s[..17]).is_some_and(|c| s.as_bytes()[17] == c as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod11_2_vectors() {
        // GB 11643-1999 worked example.
        assert_eq!(id_check_char("11010519491231002"), Some('X'));
        assert!(id18_checksum_and_date_ok("11010519491231002X"));
        assert!(id18_checksum_and_date_ok("11010519491231002x"));
        assert!(!id18_checksum_and_date_ok("110105194912310021"));
        // Hand-computed: 44030419900101001? sum = 4*7+4*9+0*10+3*5+0*8+4*4+1*2+9*1+9*6+0*3+0*7+1*9
        // +0*10+1*5+0*8+0*4+1*2 = 28+36+0+15+0+16+2+9+54+0+0+9+0+5+0+0+2 = 176; 176 mod 11 = 0 → '1'.
        assert_eq!(id_check_char("44030419900101001"), Some('1'));
        assert!(id18_checksum_and_date_ok("１１０１０５１９４９１２３１００２Ｘ"));
        assert!(!id18_checksum_and_date_ok("110105194902300028")); // Feb 30
    }

    #[test]
    fn luhn_vectors() {
        assert!(luhn_valid("4111111111111111"));
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("79927398710"));
        assert!(!luhn_valid("4111111111111112"));
        assert_eq!(luhn_check_digit("411111111111111"), Some('1'));
        assert_eq!(luhn_check_digit("7992739871"), Some('3'));
        assert!(luhn_valid("5500000000000004"));
    }

    #[test]
    fn gb11714_vectors() {
        // Hand-computed: body "12345678": 1*3+2*7+3*9+4*10+5*5+6*8+7*4+8*2 = 3+14+27+40+25+48+28+16
        // = 201; 201 mod 11 = 3; 11-3 = 8.
        assert_eq!(org_code_check_char("12345678"), Some('8'));
        // "MA01B2C3": M=22 A=10 0 1 B=11 2 C=12 3 → 66+70+0+10+55+16+48+6 = 271; 271 mod 11 = 7; 11-7 = 4.
        assert_eq!(org_code_check_char("MA01B2C3"), Some('4'));
        // "00000000" → sum 0 → 11 → '0'.
        assert_eq!(org_code_check_char("00000000"), Some('0'));
    }

    #[test]
    fn gb32100_vectors() {
        // Hand-computed for body "91110108123456788" (weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28):
        // 9*1+1*3+1*9+1*27+0*19+1*26+0*16+8*17+1*20+2*29+3*25+4*13+5*8+6*24+7*10+8*30+8*28
        // = 9+3+9+27+0+26+0+136+20+58+75+52+40+144+70+240+224 = 1133; 1133 mod 31 = 17;
        // 31-17 = 14 → alphabet[14] = 'E'.
        assert_eq!(uscc_check_char("91110108123456788"), Some('E'));
        assert!(uscc_valid("91110108123456788E"));
        assert!(!uscc_valid("91110108123456788F"));
        // Widely published sample code (check characters 3 and 4 pass).
        assert!(uscc_gb32100_ok("91350100M000100Y43"));
        assert!(!uscc_valid("91110108123456787E")); // org check broken
    }

    #[test]
    fn civil_roundtrip() {
        for days in [-14_610i64, -1, 0, 1, 11_016, 15_340, 19_783] {
            let (y, m, d) = civil_from_days(days);
            assert!(valid_date(y, m, d));
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
