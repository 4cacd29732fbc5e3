//! Integers written as floats: `13812345678.0`, `1.3812345678e+10`, `1.3812345678E10` (a
//! spreadsheet's or a JSON encoder's spelling of a mobile stored as a number). A field of
//! structured input (a bare number, or a CSV, JSON or SQL string) spelled so is scanned as its
//! integer digits — the detectors decide, and in a column whose name hints a kind the hint
//! applies — and a replacement (always digits there: the slot is a number) is written back in
//! the same spelling, so the output still parses as a number and a token restores to the
//! original bytes.

/// Where the parts of a float spelling lie in its raw bytes (after any sign).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Spelling {
    /// Length of the sign (`-`/`+`) before the digits.
    sign: usize,
    /// Digits before the point.
    int: usize,
    /// Digits after the point (`None`: no point).
    frac: Option<usize>,
    /// Where the exponent (`e…`) starts, and its value; `None`: no exponent.
    exp: Option<(usize, usize)>,
}

/// The most digits an integer spelled this way may have to be taken as one.
const MAX_DIGITS: usize = 24;

impl Spelling {
    /// If `raw` is a float spelling of an integer (not plain digits), appends the integer's
    /// digits to `digits` and returns the spelling.
    pub(crate) fn parse(raw: &[u8], digits: &mut Vec<u8>) -> Option<Spelling> {
        let count =
            |p: usize| raw[p.min(raw.len())..].iter().take_while(|b| b.is_ascii_digit()).count();
        let sign = usize::from(matches!(raw.first(), Some(b'-' | b'+')));
        let int = count(sign);
        if int == 0 || raw[sign] == b'0' {
            return None;
        }
        let mut p = sign + int;
        let frac = if raw.get(p) == Some(&b'.') {
            let n = count(p + 1);
            p += 1 + n;
            Some(n)
        } else {
            None
        };
        let exp = if matches!(raw.get(p), Some(b'e' | b'E')) {
            let at = p;
            let mut q = p + 1;
            if matches!(raw.get(q), Some(b'+')) {
                q += 1;
            }
            let n = count(q);
            if n == 0 || n > 2 {
                return None;
            }
            let v = raw[q..q + n].iter().fold(0usize, |v, &b| v * 10 + usize::from(b - b'0'));
            p = q + n;
            Some((at, v))
        } else {
            None
        };
        if p != raw.len() || (frac.is_none() && exp.is_none()) {
            return None;
        }
        let fdigits = match frac {
            Some(f) => &raw[sign + int + 1..sign + int + 1 + f],
            None => &[],
        };
        let e = exp.map_or(0, |x| x.1);
        // An integer: the fraction digits beyond the exponent are zeros.
        if fdigits.iter().skip(e).any(|&b| b != b'0') || int + e > MAX_DIGITS {
            return None;
        }
        digits.extend_from_slice(&raw[sign..sign + int]);
        for i in 0..e {
            digits.push(fdigits.get(i).copied().unwrap_or(b'0'));
        }
        Some(Spelling { sign, int, frac, exp })
    }

    /// How many integer digits [`Spelling::parse`] gave.
    pub(crate) fn len(&self) -> usize {
        self.int + self.exp.map_or(0, |x| x.1)
    }

    /// The raw offset where the digits start (after the sign).
    pub(crate) fn start(&self) -> usize {
        self.sign
    }

    /// Writes `rep` (digits; the sign is not part of the replacement) in this spelling of
    /// `raw`. A replacement of another length (`0`) is written as it is: a number too.
    pub(crate) fn write(&self, raw: &[u8], rep: &[u8], out: &mut Vec<u8>) {
        if rep.len() != self.len() || !rep.iter().all(u8::is_ascii_digit) {
            out.extend_from_slice(rep);
            return;
        }
        out.extend_from_slice(&rep[..self.int]);
        match self.exp {
            None => {
                // `D.000`: the zeros as written.
                out.extend_from_slice(&raw[self.sign + self.int..]);
            }
            Some((at, _)) => {
                let tail = &rep[self.int..];
                let significant = tail.iter().rposition(|&b| b != b'0').map_or(0, |i| i + 1);
                let f = self.frac.unwrap_or(0).max(significant);
                if self.frac.is_some() || f > 0 {
                    out.push(b'.');
                    for i in 0..f {
                        out.push(tail.get(i).copied().unwrap_or(b'0'));
                    }
                }
                out.extend_from_slice(&raw[at..]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<(String, Spelling)> {
        let mut d = Vec::new();
        Spelling::parse(s.as_bytes(), &mut d).map(|sp| (String::from_utf8(d).unwrap(), sp))
    }

    fn respell(s: &str, rep: &str) -> String {
        let (_, sp) = parse(s).unwrap();
        let mut out = Vec::new();
        sp.write(s.as_bytes(), rep.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn float_spellings_of_integers() {
        for (s, want) in [
            ("13812345678.0", Some("13812345678")),
            ("-13812345678.00", Some("13812345678")),
            ("1.3812345678e+10", Some("13812345678")),
            ("1.3812345678E10", Some("13812345678")),
            ("1.38e10", Some("13800000000")),
            ("13812345678", None),
            ("13812345678.5", None),
            ("1.3812345678e+5", None),
            ("0.5", None),
            ("1.5e-3", None),
            ("1e", None),
            ("1.0e999", None),
        ] {
            assert_eq!(parse(s).map(|p| p.0), want.map(str::to_string), "{s}");
        }
    }

    #[test]
    fn replacements_keep_the_spelling() {
        assert_eq!(respell("13812345678.0", "13800005678"), "13800005678.0");
        assert_eq!(respell("-1.3812345678e+10", "13898765432"), "1.3898765432e+10");
        assert_eq!(respell("1.38e10", "13800005678"), "1.3800005678e10");
        assert_eq!(respell("1.38e10", "13900000000"), "1.39e10");
        assert_eq!(respell("1.3812345678E10", "0"), "0");
    }
}
