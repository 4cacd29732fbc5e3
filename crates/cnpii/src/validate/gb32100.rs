//! GB 32100-2015 Unified Social Credit Code check character, and the GB 11714 check of the
//! organisation code embedded in it (characters 9–17).

/// The 31-character alphabet of GB 32100 (no I, O, S, V, Z).
pub(crate) const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Value of a GB 32100 character, or `None` if it is outside the alphabet.
pub(crate) fn value(c: u8) -> Option<u8> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u8)
}

/// The check character for the first 17 characters, or `None` on a bad character.
pub(crate) fn check_char(code: &[u8; 17]) -> Option<u8> {
    let mut sum = 0u32;
    let mut w = 1u32;
    for &c in code {
        sum += u32::from(value(c)?) * w;
        w = w * 3 % 31;
    }
    let c = (31 - sum % 31) % 31;
    Some(ALPHABET[c as usize])
}

/// Whether 9 characters form a valid GB 11714 organisation code (8 characters + check).
pub(crate) fn org_code_valid(code: &[u8]) -> bool {
    const W: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    if code.len() != 9 {
        return false;
    }
    let mut sum = 0u32;
    for (&c, w) in code[..8].iter().zip(W) {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'A'..=b'Z' => c - b'A' + 10,
            _ => return false,
        };
        sum += u32::from(v) * w;
    }
    let expect = match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        n => b'0' + n as u8,
    };
    code[8] == expect
}

#[cfg(test)]
mod tests {
    use super::*;

    fn make(body17: &str) -> String {
        let b: [u8; 17] = body17.as_bytes().try_into().unwrap();
        format!("{body17}{}", check_char(&b).unwrap() as char)
    }

    #[test]
    fn weights_are_powers_of_three() {
        // Hand check: for "91350100M000100Y4" the weighted sum is 1640; 31 - 1640 % 31 = 3.
        let b: [u8; 17] = *b"91350100M000100Y4";
        assert_eq!(check_char(&b), Some(b'3'));
        assert!(make("91110000MA0000001").len() == 18);
    }

    #[test]
    fn rejects_letters_outside_the_alphabet() {
        let b: [u8; 17] = *b"9111000OMA0000001";
        assert_eq!(check_char(&b), None);
    }

    #[test]
    fn org_code() {
        // GB 11714 worked example: D2143569-X.
        assert!(org_code_valid(b"D2143569X"));
        assert!(!org_code_valid(b"D21435691"));
        // 00000000 → sum 0 → 11 - 0 = 11 → '0'.
        assert!(org_code_valid(b"000000000"));
    }
}
