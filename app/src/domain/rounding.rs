//! The one place where exact decimals are rounded (half-up, away from zero at .5).
use rust_decimal::{Decimal, RoundingStrategy};

/// Decimal places kept for capaian and scores. Decimal division keeps 28 significant digits, so a
/// repeating quotient (1/3) ends in a rounded last digit; carrying scores to 10 places removes that
/// noise while staying far below any meaningful difference (thresholds are whole percents).
pub const SCORE_DECIMALS: u32 = 10;

/// Rounds half-up (0,5 → 1) to `decimals` places.
pub fn round_half_up(value: Decimal, decimals: u32) -> Decimal {
    if value.scale() <= decimals {
        return value;
    }
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// A shown amount: rounded half-up to whole Rupiah. Saturates instead of panicking on absurd input.
pub fn to_rupiah(value: Decimal) -> i64 {
    let rounded = round_half_up(value, 0);
    i64::try_from(rounded).unwrap_or(if rounded.is_sign_negative() { i64::MIN } else { i64::MAX })
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
