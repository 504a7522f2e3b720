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

/// A capaian or score as stored and shown beside its rating: `value` (within far less than one
/// unit of the last place of its exact value) rounded half-up to [`SCORE_DECIMALS`] places, then
/// kept on the side of each threshold that the exact value is on (`at_least(t)`: exact ≥ t), so
/// that 89,99999999999 is shown 89,9999999999 beside "below", never 90. Thresholds have at most
/// [`SCORE_DECIMALS`] places (the policy's inputs).
pub fn round_beside(
    value: Decimal,
    at_least: impl Fn(Decimal) -> bool,
    thresholds: impl IntoIterator<Item = Decimal>,
) -> Decimal {
    let mut shown = round_half_up(value, SCORE_DECIMALS);
    if shown == value {
        // Nothing rounded (105, 104,6): nothing to keep beside a threshold.
        return shown;
    }
    for t in thresholds {
        if at_least(t) {
            if shown < t {
                shown = t;
            }
        } else if shown >= t {
            shown = round_half_up(t - Decimal::new(1, SCORE_DECIMALS), SCORE_DECIMALS);
        }
    }
    shown
}

/// A capaian or score shown with `places` decimals (2 on the pages: "89,99"): rounded half-up,
/// except that a value below a whole number is never shown as that whole number (it is cut
/// instead), since thresholds, bands and the cap are whole numbers in practice and the shown
/// value sits beside the rating decided by the exact one.
pub fn round_shown(value: Decimal, places: u32) -> Decimal {
    let rounded = round_half_up(value, places);
    if rounded > value && rounded.fract().is_zero() {
        value.round_dp_with_strategy(places, RoundingStrategy::ToNegativeInfinity)
    } else {
        rounded
    }
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
    fn shown_values_stay_beside_their_threshold() {
        let below_90 = |t: Decimal| t < d("89");
        assert_eq!(round_beside(d("89.99999999999"), below_90, [d("90"), d("110")]), d("89.9999999999"));
        let at_least_90 = |t: Decimal| t <= d("90");
        assert_eq!(round_beside(d("89.99999999999999999"), at_least_90, [d("90")]), d("90"));
        assert_eq!(round_beside(d("33.33333333333333"), |_| false, [d("90")]), d("33.3333333333"));
        assert_eq!(round_shown(d("89.9999999999"), 2), d("89.99"));
        assert_eq!(round_shown(d("89.995"), 2), d("89.99"));
        assert_eq!(round_shown(d("66.6666666667"), 2), d("66.67"));
        assert_eq!(round_shown(d("104.6"), 2), d("104.6"));
        assert_eq!(round_shown(d("90"), 2), d("90"));
    }

    #[test]
    fn scores_keep_ten_places() {
        assert_eq!(round_half_up(d("33.333333333333333333333333333"), SCORE_DECIMALS), d("33.3333333333"));
        assert_eq!(round_half_up(d("89.99999999999999999999999999"), SCORE_DECIMALS), d("90"));
    }
}
