//! The Luhn (mod 10) check of payment card numbers (ISO/IEC 7812-1).

/// Whether digit values `digits` pass the Luhn check.
pub(crate) fn valid(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &d) in digits.iter().rev().enumerate() {
        let d = u32::from(d);
        sum += if i % 2 == 1 {
            let x = d * 2;
            if x > 9 {
                x - 9
            } else {
                x
            }
        } else {
            d
        };
    }
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<u8> {
        s.bytes().map(|b| b - b'0').collect()
    }

    #[test]
    fn vectors() {
        for ok in ["4111111111111111", "5500000000000004", "378282246310005", "6222020200001234562"]
        {
            assert!(valid(&v(ok)), "{ok}");
        }
        for bad in ["4111111111111112", "6222020200001234567", "1234567812345678"] {
            assert!(!valid(&v(bad)), "{bad}");
        }
    }

    #[test]
    fn catches_every_single_digit_error() {
        let good = v("6222020200001234562");
        for i in 0..good.len() {
            for d in 0..10 {
                if d != good[i] {
                    let mut x = good.clone();
                    x[i] = d;
                    assert!(!valid(&x));
                }
            }
        }
    }
}
