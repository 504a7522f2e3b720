//! Exact capaian and scores, as rationals (domain.md section 3, "Exactness": C, S and every
//! comparison with a threshold use the exact values; rounding is for display only).
//!
//! The engine computes with decimals, whose division keeps 28 significant digits: a repeating
//! quotient ends in a rounded digit. That error is far below [`MARGIN`], so a decimal farther than
//! [`MARGIN`] from a threshold is on the same side of it as the exact value. Only a value that
//! close (89,99999999999 beside 90) is recomputed here, exactly, from the inputs.
use super::achievement::Goal;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use rust_decimal::Decimal;

/// Further than this from a threshold, a capaian or score computed in decimals decides the
/// comparison as its exact value would. The decimal error of a capaian is at most a few units of
/// its 28th significant digit (values are below 10¹⁶, thresholds below 10⁴), that of a score a few
/// such errors per indicator: both below 10⁻²⁰.
pub const MARGIN: Decimal = Decimal::from_parts(1, 0, 0, false, 12);

/// A decimal as an exact fraction.
pub fn ratio(d: Decimal) -> BigRational {
    BigRational::new(BigInt::from(d.mantissa()), BigInt::from(10u8).pow(d.scale()))
}

fn whole(n: i64) -> BigRational {
    BigRational::from_integer(BigInt::from(n))
}

/// R / T × 100 (T ≠ 0).
fn percent_of(realisation: &BigRational, target: Decimal) -> BigRational {
    realisation * whole(100) / ratio(target)
}

/// (2 − R / T) × 100 (T ≠ 0).
fn inverse_percent_of(realisation: &BigRational, target: Decimal) -> BigRational {
    whole(200) - percent_of(realisation, target)
}

/// Capaian before the cap, exactly, floored at 0: the rule of [`super::achievement`], with the
/// same guards (a zero divisor gives 0).
pub fn achievement(goal: &Goal, realisation: Decimal) -> BigRational {
    let r = ratio(realisation);
    let c = match *goal {
        Goal::Max { target } if target > Decimal::ZERO => percent_of(&r, target),
        Goal::Max { .. } => BigRational::zero(),
        Goal::Min { target } if target.is_zero() => {
            if realisation.is_zero() {
                whole(100)
            } else {
                BigRational::zero()
            }
        }
        Goal::Min { target } => inverse_percent_of(&r, target),
        Goal::Range { low, high } if realisation >= low && realisation <= high => whole(100),
        Goal::Range { low, .. } if realisation < low => {
            if low > Decimal::ZERO {
                percent_of(&r, low)
            } else {
                BigRational::zero()
            }
        }
        Goal::Range { high, .. } if high <= Decimal::ZERO => BigRational::zero(),
        Goal::Range { high, .. } => inverse_percent_of(&r, high),
    };
    if c.is_negative() {
        BigRational::zero()
    } else {
        c
    }
}

/// C* = min(C, cap), exactly.
pub fn capped(achievement: BigRational, cap: Decimal) -> BigRational {
    let cap = ratio(cap);
    if achievement > cap {
        cap
    } else {
        achievement
    }
}

/// S = Σ(bobot × C*) / Σ bobot over the assessed indicators (`None`: not assessed); `None` when
/// nothing is assessed.
pub fn score<'a>(items: impl IntoIterator<Item = (Decimal, Option<&'a BigRational>)>) -> Option<BigRational> {
    let (mut sum, mut total) = (BigRational::zero(), BigRational::zero());
    for (weight, c) in items {
        if let Some(c) = c {
            let w = ratio(weight);
            sum += &w * c;
            total += w;
        }
    }
    (!total.is_zero()).then(|| sum / total)
}

/// Whether `shown` is exactly `exact` (else it was rounded for display: "≈").
pub fn is_exactly(shown: Decimal, exact: &BigRational) -> bool {
    ratio(shown) == *exact
}

/// `value` ≥ `threshold`, exactly.
pub fn at_least(value: &BigRational, threshold: Decimal) -> bool {
    *value >= ratio(threshold)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn a_score_just_below_90_is_below_90() {
        let c = achievement(&Goal::Max { target: d("1000000000009") }, d("900000000008"));
        assert!(!at_least(&c, d("90")));
        assert!(at_least(&c, d("89.99999999998")));
        assert!(!is_exactly(d("89.9999999999"), &c));
        let s = score([(d("100"), Some(&c))]).unwrap();
        assert_eq!(s, c);
    }

    #[test]
    fn floors_and_guards() {
        assert_eq!(achievement(&Goal::Max { target: d("10") }, d("-5")), BigRational::zero());
        assert_eq!(achievement(&Goal::Min { target: d("10") }, d("-5")), whole(250));
        assert_eq!(achievement(&Goal::Range { low: d("0"), high: d("2") }, d("-1")), BigRational::zero());
        assert_eq!(achievement(&Goal::Range { low: d("0"), high: d("0") }, d("1")), BigRational::zero());
        assert_eq!(achievement(&Goal::Range { low: d("2"), high: d("4") }, d("-1")), BigRational::zero());
        assert_eq!(achievement(&Goal::Range { low: d("2"), high: d("4") }, d("1")), whole(50));
        assert_eq!(capped(whole(125), d("120")), whole(120));
        assert!(score([(d("100"), None)]).is_none());
    }
}
