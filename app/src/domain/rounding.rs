//! The one place where exact decimals are rounded (half-up, away from zero at .5).
use rust_decimal::{Decimal, RoundingStrategy};

/// Decimal places kept for capaian and scores. Decimal division keeps 28 significant digits, so a
/// repeating quotient (1/3) ends in a rounded last digit; carrying scores to 10 places removes that
/// noise while staying far below any meaningful difference (thresholds are whole percents).
pub const SCORE_DECIMALS: u32 = 10;

/// 10^0 ..= 10^28 (a decimal's scale is at most 28).
const POWERS_OF_TEN: [u128; 29] = {
    let mut table = [1u128; 29];
    let mut i = 1;
    while i < table.len() {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// |value| / 10^places, rounded half-up, in exact integer arithmetic (the same result as
/// `round_dp_with_strategy(.., MidpointAwayFromZero)` computes word by word, several times faster:
/// this runs for every capaian, score and shown amount). `places` is 1..=28.
fn rounded_magnitude(value: Decimal, places: u32) -> u128 {
    let magnitude = value.mantissa().unsigned_abs();
    if let (Ok(m), Ok(p)) = (u64::try_from(magnitude), u64::try_from(POWERS_OF_TEN[places as usize])) {
        let (q, r) = (m / p, m % p);
        // Half-up: the remainder is at least half the divisor (r ≥ p − r ⇔ 2r ≥ p).
        return u128::from(q + u64::from(r >= p - r));
    }
    let p = POWERS_OF_TEN[places as usize];
    let (q, r) = (magnitude / p, magnitude % p);
    q + u128::from(r >= p - r)
}

/// Rounds half-up (0,5 → 1) to `decimals` places. The result has exactly `decimals` places and
/// keeps the sign (as `round_dp_with_strategy` does).
pub fn round_half_up(value: Decimal, decimals: u32) -> Decimal {
    if value.scale() <= decimals {
        return value;
    }
    let q = rounded_magnitude(value, value.scale() - decimals);
    // Fewer digits than the value had, so it fits the 96 bits of a decimal.
    Decimal::from_parts(q as u32, (q >> 32) as u32, (q >> 64) as u32, value.is_sign_negative(), decimals)
}

/// A shown amount: rounded half-up to whole Rupiah. Saturates instead of panicking on absurd input.
pub fn to_rupiah(value: Decimal) -> i64 {
    let magnitude = if value.scale() == 0 {
        value.mantissa().unsigned_abs()
    } else {
        rounded_magnitude(value, value.scale())
    };
    match i64::try_from(magnitude) {
        Ok(m) if value.is_sign_negative() => -m,
        Ok(m) => m,
        Err(_) => {
            let rounded = value.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
            i64::try_from(rounded).unwrap_or(if rounded.is_sign_negative() { i64::MIN } else { i64::MAX })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn half_rupiah_rounds_up() {
        assert_eq!(to_rupiah(d("398497.5")), 398_498);
        assert_eq!(to_rupiah(d("250312.5")), 250_313);
        assert_eq!(to_rupiah(d("400000.4")), 400_000);
        assert_eq!(to_rupiah(d("600000.6")), 600_001);
        assert_eq!(to_rupiah(d("0.5")), 1);
        assert_eq!(to_rupiah(d("0.49")), 0);
    }

    #[test]
    fn scores_keep_ten_places() {
        assert_eq!(round_half_up(d("33.333333333333333333333333333"), SCORE_DECIMALS), d("33.3333333333"));
        assert_eq!(round_half_up(d("89.99999999999999999999999999"), SCORE_DECIMALS), d("90"));
    }
}
