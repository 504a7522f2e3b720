//! Summary figures of a group (the DPRD view): mean and median nilai, shares. Exact decimals,
//! rounded half-up once, where they are published.
use super::rounding::round_half_up;
use rust_decimal::Decimal;

/// Places of a published mean or median nilai (104,62).
pub const SCORE_PLACES: u32 = 2;
/// Places of a published share in percent (33,3%).
pub const SHARE_PLACES: u32 = 1;

/// The mean, rounded to [`SCORE_PLACES`]; `None` for no values.
pub fn mean(values: &[Decimal]) -> Option<Decimal> {
    if values.is_empty() {
        return None;
    }
    let sum: Decimal = values.iter().sum();
    Some(round_half_up(sum / Decimal::from(values.len() as u64), SCORE_PLACES))
}

/// The median (the mean of the two middle values for an even count), rounded to
/// [`SCORE_PLACES`]; `None` for no values.
pub fn median(values: &[Decimal]) -> Option<Decimal> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort();
    let mid = sorted.len() / 2;
    let m = if sorted.len() % 2 == 1 { sorted[mid] } else { (sorted[mid - 1] + sorted[mid]) / Decimal::TWO };
    Some(round_half_up(m, SCORE_PLACES))
}

/// `part` of `whole` in percent, rounded to [`SHARE_PLACES`]; `None` when `whole` is 0.
pub fn share_percent(part: u64, whole: u64) -> Option<Decimal> {
    (whole > 0).then(|| {
        round_half_up(Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole), SHARE_PLACES)
    })
}

/// `part` of `whole` (Rupiah) in percent, rounded to [`SHARE_PLACES`]; `None` when `whole` ≤ 0.
pub fn share_of_amount(part: i64, whole: i64) -> Option<Decimal> {
    (whole > 0).then(|| {
        round_half_up(Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole), SHARE_PLACES)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn mean_and_median() {
        assert_eq!(mean(&[]), None);
        assert_eq!(median(&[]), None);
        let v = [d("104.6"), d("87.5"), d("107.2")];
        assert_eq!(mean(&v), Some(d("99.77")), "299.3 / 3 = 99.7666…");
        assert_eq!(median(&v), Some(d("104.6")));
        assert_eq!(median(&[d("90"), d("100"), d("80"), d("120")]), Some(d("95")));
        assert_eq!(mean(&[d("100.005")]), Some(d("100.01")), "half-up");
    }

    #[test]
    fn shares() {
        assert_eq!(share_percent(1, 3), Some(d("33.3")));
        assert_eq!(share_percent(2, 3), Some(d("66.7")));
        assert_eq!(share_percent(0, 0), None);
        assert_eq!(share_of_amount(47_936_000, 48_000_000), Some(d("99.9")));
        assert_eq!(share_of_amount(5, 0), None);
    }
}
