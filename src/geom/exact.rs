//! Exact binary floating point of unbounded precision, enough to evaluate
//! the 3x3 determinant of any three `f64` vectors without rounding.
//!
//! A value is `±mag · 2^exp` with `mag` an unsigned integer of 32-bit limbs.
//! Only the operations the predicates need exist: product, sum, sign, and
//! rounding back to `f64`. It is the slow path (taken for about one call in
//! a million on real data), so it favours plainness over speed.

use std::cmp::Ordering;

/// An exact binary number `±mag · 2^exp`; zero has an empty `mag`.
#[derive(Clone, Debug)]
pub(crate) struct Exact {
    neg: bool,
    /// Little-endian limbs, no high zero limb.
    mag: Vec<u32>,
    exp: i64,
}

fn trim(v: &mut Vec<u32>) {
    while v.last() == Some(&0) {
        v.pop();
    }
}

fn cmp_mag(a: &[u32], b: &[u32]) -> Ordering {
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    for i in (0..a.len()).rev() {
        if a[i] != b[i] {
            return a[i].cmp(&b[i]);
        }
    }
    Ordering::Equal
}

/// `v << bits` as a new magnitude.
fn shl(v: &[u32], bits: u64) -> Vec<u32> {
    let limbs = (bits / 32) as usize;
    let r = (bits % 32) as u32;
    let mut out = vec![0u32; limbs];
    out.reserve(v.len() + 1);
    if r == 0 {
        out.extend_from_slice(v);
    } else {
        let mut carry = 0u32;
        for &x in v {
            out.push((x << r) | carry);
            carry = x >> (32 - r);
        }
        out.push(carry);
    }
    trim(&mut out);
    out
}

fn add_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(a.len() + 1);
    let mut carry = 0u64;
    for (i, &x) in a.iter().enumerate() {
        let s = u64::from(x) + u64::from(*b.get(i).unwrap_or(&0)) + carry;
        out.push(s as u32);
        carry = s >> 32;
    }
    if carry != 0 {
        out.push(carry as u32);
    }
    out
}

/// `a - b`, requiring `a >= b`.
fn sub_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for (i, &x) in a.iter().enumerate() {
        let mut d = i64::from(x) - i64::from(*b.get(i).unwrap_or(&0)) - borrow;
        borrow = 0;
        if d < 0 {
            d += 1 << 32;
            borrow = 1;
        }
        out.push(d as u32);
    }
    trim(&mut out);
    out
}

fn bit_len(v: &[u32]) -> u64 {
    match v.last() {
        None => 0,
        Some(&top) => 32 * (v.len() as u64 - 1) + u64::from(32 - top.leading_zeros()),
    }
}

fn bit(v: &[u32], i: u64) -> bool {
    let limb = (i / 32) as usize;
    limb < v.len() && (v[limb] >> (i % 32)) & 1 == 1
}

fn any_bit_below(v: &[u32], i: u64) -> bool {
    let limb = (i / 32) as usize;
    if v[..limb.min(v.len())].iter().any(|&x| x != 0) {
        return true;
    }
    limb < v.len() && v[limb] & ((1u32 << (i % 32)) - 1) != 0
}

/// `x · 2^e`, exact whenever the result is a normal double.
pub(crate) fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= f64::from_bits(((1023 + 1000) as u64) << 52);
        e -= 1000;
    }
    while e < -1000 {
        x *= f64::from_bits(((1023 - 1000) as u64) << 52);
        e += 1000;
    }
    x * f64::from_bits(((1023 + e) as u64) << 52)
}

impl Exact {
    pub(crate) fn zero() -> Self {
        Self {
            neg: false,
            mag: Vec::new(),
            exp: 0,
        }
    }

    /// The exact value of a finite double.
    pub(crate) fn from_f64(x: f64) -> Self {
        if x == 0.0 || !x.is_finite() {
            return Self::zero();
        }
        let bits = x.to_bits();
        let biased = ((bits >> 52) & 0x7ff) as i64;
        let frac = bits & ((1u64 << 52) - 1);
        let (m, e) = if biased == 0 {
            (frac, -1074)
        } else {
            (frac | (1u64 << 52), biased - 1075)
        };
        let mut mag = vec![m as u32, (m >> 32) as u32];
        trim(&mut mag);
        Self {
            neg: x < 0.0,
            mag,
            exp: e,
        }
    }

    /// -1, 0 or +1.
    pub(crate) fn sgn(&self) -> i32 {
        if self.mag.is_empty() {
            0
        } else if self.neg {
            -1
        } else {
            1
        }
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }

    pub(crate) fn neg(mut self) -> Self {
        if !self.mag.is_empty() {
            self.neg = !self.neg;
        }
        self
    }

    pub(crate) fn mul(&self, o: &Self) -> Self {
        if self.is_zero() || o.is_zero() {
            return Self::zero();
        }
        let mut out = vec![0u32; self.mag.len() + o.mag.len()];
        for (i, &a) in self.mag.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in o.mag.iter().enumerate() {
                let t = u64::from(a) * u64::from(b) + u64::from(out[i + j]) + carry;
                out[i + j] = t as u32;
                carry = t >> 32;
            }
            out[i + o.mag.len()] = carry as u32;
        }
        trim(&mut out);
        Self {
            neg: self.neg != o.neg,
            mag: out,
            exp: self.exp + o.exp,
        }
    }

    pub(crate) fn add(&self, o: &Self) -> Self {
        if self.is_zero() {
            return o.clone();
        }
        if o.is_zero() {
            return self.clone();
        }
        let exp = self.exp.min(o.exp);
        let a = shl(&self.mag, (self.exp - exp) as u64);
        let b = shl(&o.mag, (o.exp - exp) as u64);
        let (neg, mag) = if self.neg == o.neg {
            (self.neg, add_mag(&a, &b))
        } else {
            match cmp_mag(&a, &b) {
                Ordering::Equal => return Self::zero(),
                Ordering::Greater => (self.neg, sub_mag(&a, &b)),
                Ordering::Less => (o.neg, sub_mag(&b, &a)),
            }
        };
        Self { neg, mag, exp }
    }

    pub(crate) fn sub(&self, o: &Self) -> Self {
        self.add(&o.clone().neg())
    }

    /// The exponent `e` with `2^(e-1) <= |self| < 2^e` (`ExactFloat::exp()`).
    pub(crate) fn exponent(&self) -> i64 {
        self.exp + bit_len(&self.mag) as i64
    }

    /// `self · 2^e`.
    pub(crate) fn scaled(&self, e: i64) -> Self {
        let mut r = self.clone();
        r.exp += e;
        r
    }

    /// Rounded to the nearest double, ties to even (correct unless the
    /// result is subnormal, where it may round twice).
    pub(crate) fn to_f64(&self) -> f64 {
        if self.is_zero() {
            return 0.0;
        }
        let len = bit_len(&self.mag);
        let m = if len <= 53 {
            let mut m = 0u64;
            for (i, &l) in self.mag.iter().enumerate() {
                m |= u64::from(l) << (32 * i);
            }
            ldexp(m as f64, self.exp)
        } else {
            // Keep 53 bits, round on the next bit and the sticky rest.
            let drop = len - 53;
            let mut m = 0u64;
            for k in 0..53 {
                if bit(&self.mag, drop + k) {
                    m |= 1 << k;
                }
            }
            let half = bit(&self.mag, drop - 1);
            let sticky = any_bit_below(&self.mag, drop - 1);
            if half && (sticky || m & 1 == 1) {
                m += 1;
            }
            ldexp(m as f64, self.exp + drop as i64)
        };
        if self.neg { -m } else { m }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_arithmetic() {
        let a = Exact::from_f64(1.0 + f64::EPSILON);
        let b = Exact::from_f64(1.0 - f64::EPSILON);
        // (1+e)(1-e) - 1 = -e^2, not representable next to 1 in f64.
        let d = a.mul(&b).sub(&Exact::from_f64(1.0));
        assert_eq!(d.sgn(), -1);
        assert_eq!(d.to_f64(), -(f64::EPSILON * f64::EPSILON));
        let tiny = Exact::from_f64(5e-324);
        let big = Exact::from_f64(1e300);
        assert_eq!(big.add(&tiny).sub(&big).to_f64(), 5e-324);
        assert_eq!(Exact::from_f64(-3.5).to_f64(), -3.5);
        assert_eq!(
            Exact::from_f64(0.1).add(&Exact::from_f64(0.2)).to_f64(),
            0.1 + 0.2
        );
        assert_eq!(Exact::from_f64(2.0).exponent(), 2);
        assert!(Exact::from_f64(1.0).sub(&Exact::from_f64(1.0)).is_zero());
        assert_eq!(ldexp(1.0, -1074), 5e-324);
        assert_eq!(ldexp(1.0, 1023), 2f64.powi(1023));
    }
}
