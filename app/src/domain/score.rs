//! Nilai capaian (quarter score): the weighted mean of capped capaian over assessed indicators.
use super::rounding::{round_half_up, SCORE_DECIMALS};
use super::DomainError;
use rust_decimal::Decimal;

/// One indicator's part in the score: its bobot and its capped capaian, `None` when the indicator
/// is not assessed this quarter (its weight is left out and the others renormalised).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weighted {
    pub weight: Decimal,
    pub achievement: Option<Decimal>,
}

/// The weights of the assessed indicators; the divisor of the score.
pub fn assessed_weight(items: &[Weighted]) -> Decimal {
    items.iter().filter(|i| i.achievement.is_some()).map(|i| i.weight).sum()
}

/// S = Σ(bobot × C*) / Σ bobot over assessed indicators. A quarter without any assessed indicator
/// has no score.
pub fn weighted_score(items: &[Weighted]) -> Result<Decimal, DomainError> {
    let sum: Decimal = items.iter().filter_map(|i| i.achievement.map(|c| i.weight * c)).sum();
    score_from_sums(sum, assessed_weight(items))
}

/// [`weighted_score`] from its two sums, each taken over the assessed indicators in order from 0:
/// `sum` = Σ bobot × C*, `total` = Σ bobot (see [`assessed_weight`]).
pub(super) fn score_from_sums(sum: Decimal, total: Decimal) -> Result<Decimal, DomainError> {
    Ok(round_half_up(score_quotient(sum, total)?, SCORE_DECIMALS))
}

/// sum / total, not rounded (see [`super::exact`] for how close that is to the exact score).
pub(super) fn score_quotient(sum: Decimal, total: Decimal) -> Result<Decimal, DomainError> {
    if total <= Decimal::ZERO {
        return Err(DomainError::new(
            "indicators",
            "Tidak ada indikator yang dinilai pada triwulan ini (semua target kosong); nilai tidak dapat dihitung.",
        ));
    }
    Ok(sum / total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn w(weight: i64, c: Option<&str>) -> Weighted {
        Weighted { weight: Decimal::from(weight), achievement: c.map(|c| Decimal::from_str(c).unwrap()) }
    }

    #[test]
    fn example_a_scores_104_6() {
        let items = [w(40, Some("105")), w(20, Some("103")), w(20, Some("90")), w(20, Some("120"))];
        assert_eq!(weighted_score(&items).unwrap(), Decimal::from_str("104.6").unwrap());
    }

    #[test]
    fn weights_renormalise_over_assessed_indicators() {
        let items = [w(40, Some("100")), w(30, None), w(30, Some("80"))];
        assert_eq!(assessed_weight(&items), Decimal::from(70));
        // (40×100 + 30×80) / 70 = 91,428571...
        assert_eq!(weighted_score(&items).unwrap(), Decimal::from_str("91.4285714286").unwrap());
    }

    #[test]
    fn no_assessed_indicator_is_an_error() {
        let e = weighted_score(&[w(100, None)]).unwrap_err();
        assert_eq!(e.field, "indicators");
        assert!(weighted_score(&[]).is_err());
    }
}
