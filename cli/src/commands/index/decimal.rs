//! Plain decimals (`-40.494723`), the way coordinates are written in CSV,
//! parsed without the general float parser.
//!
//! A decimal of at most 15 digits is an integer m < 2^53 over 10^k with
//! k ≤ 15: both are exact doubles, and IEEE division rounds their exact
//! quotient once, so m / 10^k is the correctly rounded value, bit for bit
//! what `str::parse::<f64>` and `fast-float2` give (Clinger's fast path).
//! Anything else (exponents, more digits, `inf`, a bare `.5`) goes to
//! `fast-float2`.
//!
//! Inside a CSV chunk the digits are read eight at a time (SWAR: one
//! 8-byte load and three multiplies per run of digits) from the bytes
//! around the field, with no branch on the sign or on the length of the
//! integer part, the two that change from row to row. On six-decimal
//! lat/lng this parses a number in about half of fast-float2's time (a
//! byte loop did less well, its exits mispredicted); the figures, and
//! what it did for `index`, are in BENCHMARKS.md, "What each trick
//! bought".

/// Exact powers of ten, 10^0 to 10^15.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// Most digits for which the fast path is exact: 10^15 < 2^53.
const MAX_DIGITS: usize = 15;

/// 10^0 to 10^8 as integers.
const POW10_INT: [u64; 9] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
];

/// The value of `s`, a float in any form `fast-float2` reads; `None` if it
/// is not one.
#[inline]
pub(super) fn parse_f64(s: &[u8]) -> Option<f64> {
    match simple(s) {
        Some(x) => Some(x),
        None => fast_float2::parse::<f64, _>(s).ok(),
    }
}

/// `[+-]?D+(.D+)?` with at most 15 digits D in all, or `None`.
#[inline]
fn simple(s: &[u8]) -> Option<f64> {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut m: u64 = 0;
    let mut i = 0;
    while i < digits.len() && digits[i].is_ascii_digit() {
        m = m.wrapping_mul(10).wrapping_add(u64::from(digits[i] - b'0'));
        i += 1;
    }
    // Past 15 digits m may have wrapped: it is not used then.
    let int_digits = i;
    if int_digits == 0 || int_digits > MAX_DIGITS {
        return None;
    }
    let mut frac = 0;
    if i < digits.len() {
        if digits[i] != b'.' {
            return None;
        }
        i += 1;
        let start = i;
        while i < digits.len() && digits[i].is_ascii_digit() {
            m = m.wrapping_mul(10).wrapping_add(u64::from(digits[i] - b'0'));
            i += 1;
        }
        frac = i - start;
        // A trailing dot or anything after the digits: the general parser
        // decides.
        if frac == 0 || i < digits.len() || int_digits + frac > MAX_DIGITS {
            return None;
        }
    }
    let x = m as f64 / POW10[frac];
    Some(if neg { -x } else { x })
}

/// The 8 bytes at `at`, little-endian: the first byte is the low one.
#[inline(always)]
fn load(buf: &[u8], at: usize) -> Option<u64> {
    let bytes: [u8; 8] = buf.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(bytes))
}

/// The value of the last `n` (0..=8) bytes of `word` as decimal digits,
/// or `None` if one of them is not a digit.
#[inline(always)]
fn last_digits(word: u64, n: usize) -> Option<u64> {
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    // The bytes before the n digits read as '0'.
    let keep = u64::MAX.checked_shl(8 * (8 - n as u32)).unwrap_or(0);
    let v = (word & keep) | (ZEROS & !keep);
    // A byte above '9' overflows into its top bit when 0x46 is added, one
    // below '0' when 0x30 is taken away.
    if (v.wrapping_add(0x4646_4646_4646_4646) | v.wrapping_sub(ZEROS)) & 0x8080_8080_8080_8080 != 0
    {
        return None;
    }
    // Pairs, then fours, then the eight (fast_float's eight-digit step).
    let v = v - ZEROS;
    let v = v.wrapping_mul(10).wrapping_add(v >> 8);
    let v = (v & 0x0000_00ff_0000_00ff)
        .wrapping_mul(100 + (1_000_000 << 32))
        .wrapping_add(((v >> 16) & 0x0000_00ff_0000_00ff).wrapping_mul(1 + (10_000 << 32)))
        >> 32;
    Some(v)
}

/// The number in `buf[start..end]` when it is a plain decimal that the
/// bytes of `buf` around it let be read eight digits at a time:
/// `-?D{1,7}(.D{1,8})?` or `-?D{1,8}`, with at least 8 bytes of `buf`
/// from its start and up to its end. `None` means "use [`parse_f64`]",
/// not "not a number".
#[inline(always)]
pub(super) fn plain_in(buf: &[u8], start: usize, end: usize) -> Option<f64> {
    let neg = *buf.get(start)? == b'-';
    let start = start + usize::from(neg);
    let len = end.checked_sub(start)?;
    if len == 0 || len > 16 {
        return None;
    }
    // The dot's place among the first 8 bytes (8 when there is none):
    // a zero byte of head ^ "........" found with the usual bit trick.
    let x = load(buf, start)? ^ 0x2e2e_2e2e_2e2e_2e2e;
    let dots = x.wrapping_sub(0x0101_0101_0101_0101) & !x & 0x8080_8080_8080_8080;
    let dot = (dots.trailing_zeros() / 8) as usize;
    let (m, frac) = if dot >= len.min(8) {
        // No dot in the field (8: none among its first 8 bytes; a longer
        // integer part is left to the byte loop).
        if len > 8 {
            return None;
        }
        (last_digits(load(buf, end.checked_sub(8)?)?, len)?, 0)
    } else {
        let frac = len - dot - 1;
        if dot == 0 || frac == 0 || frac > 8 {
            return None;
        }
        let int = last_digits(load(buf, (start + dot).checked_sub(8)?)?, dot)?;
        let f = last_digits(load(buf, end.checked_sub(8)?)?, frac)?;
        (int * POW10_INT[frac] + f, frac)
    };
    // At most 7 + 8 digits: m < 2^53, exact as a double.
    let x = m as i64 as f64 / POW10[frac];
    Some(f64::from_bits(x.to_bits() | (u64::from(neg) << 63)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(s: &str) {
        let want = s.parse::<f64>().ok();
        let got = parse_f64(s.as_bytes());
        assert_eq!(
            got.map(f64::to_bits),
            want.map(f64::to_bits),
            "{s:?}: {got:?} vs {want:?}"
        );
    }

    #[test]
    fn plain_decimals_match_std_bit_for_bit() {
        for s in [
            "0",
            "-0",
            "-0.0",
            "+1.5",
            "90",
            "-90.000000",
            "180.0",
            "-179.999999",
            "25.096824",
            "-40.494723",
            "0.1",
            "0.3",
            "1.000000000000001",
            "123456789012345",
            "1234567890.12345",
            "9007199254740993",
            "0.0000000000000001",
            "1e5",
            "1.5e-3",
            "inf",
            "-inf",
            "nan",
            ".5",
            "5.",
            "-",
            "",
            "1.2.3",
            "1,5",
            " 1",
            "00000000000000000000001.5",
            "1_0",
            "-.5",
            "--1",
            "-+1",
            "1.",
            "12345678",
            "123456789",
            "1234567.12345678",
            "12345678.1",
            "1234567.123456789",
            "0.12345678",
            "-0.000000",
            "9.9999999",
            "1/5",
            "1:5",
            "12.3:",
            "9.99/",
            "/1.5",
            ":1.5",
            "1.5-",
            "1-5",
        ] {
            same_in_context(s);
        }
    }

    /// `s` alone, and inside a buffer at every offset from the start to
    /// the end, between other bytes.
    fn same_in_context(s: &str) {
        same(s);
        let want = s.parse::<f64>().ok().map(f64::to_bits);
        for before in 0..10 {
            for after in [0, 1, 7, 8, 12] {
                let mut buf = vec![b'7'; before];
                if before > 0 {
                    buf[before - 1] = b',';
                }
                buf.extend_from_slice(s.as_bytes());
                buf.extend(std::iter::repeat_n(b'9', after));
                let got = plain_in(&buf, before, before + s.len())
                    .or_else(|| parse_f64(s.as_bytes()))
                    .map(f64::to_bits);
                assert_eq!(got, want, "{s:?} after {before} bytes, before {after}");
            }
        }
    }

    #[test]
    fn random_decimals_match_std_bit_for_bit() {
        // splitmix64: every digit count and split, both signs.
        let mut state = 0x5eed_u64;
        let mut next = move || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        for _ in 0..200_000 {
            let r = next();
            let int_digits = 1 + (r % 9) as usize;
            let frac_digits = ((r >> 8) % 12) as usize;
            let mut s = String::new();
            if r & (1 << 20) != 0 {
                s.push('-');
            }
            let mut d = next();
            for k in 0..int_digits + frac_digits {
                if k == int_digits {
                    s.push('.');
                }
                s.push(char::from(b'0' + (d % 10) as u8));
                d /= 10;
                if d == 0 {
                    d = next();
                }
            }
            if r & (7 << 21) == 0 {
                same_in_context(&s);
            } else {
                same(&s);
            }
        }
    }
}
