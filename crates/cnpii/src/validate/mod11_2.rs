//! ISO 7064 MOD 11-2, the check character of the 18-character resident ID (GB 11643).

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character (`b'0'..=b'9'` or `b'X'`) for 17 digit values.
pub(crate) fn check_char(digits: &[u8; 17]) -> u8 {
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(&d, w)| u32::from(d) * w).sum();
    b"10X98765432"[(sum % 11) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> [u8; 17] {
        let mut d = [0u8; 17];
        for (o, b) in d.iter_mut().zip(s.bytes()) {
            *o = b - b'0';
        }
        d
    }

    #[test]
    fn known_vectors() {
        // The GB 11643 standard's own worked example and hand-computed synthetic values.
        assert_eq!(check_char(&digits("11010519491231002")), b'X');
        assert_eq!(check_char(&digits("44030419900101001")), b'1');
        assert_eq!(check_char(&digits("33010619850715123")), b'5');
        assert_eq!(check_char(&digits("00000000000000000")), b'1');
    }

    #[test]
    fn every_single_digit_change_moves_the_check() {
        let base = digits("11010519491231002");
        let c = check_char(&base);
        for i in 0..17 {
            for v in 0..10 {
                if v == base[i] {
                    continue;
                }
                let mut d = base;
                d[i] = v;
                assert_ne!(check_char(&d), c, "position {i} value {v}");
            }
        }
    }
}
