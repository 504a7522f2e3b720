//! Faktor kinerja: the percentage of the productivity component paid for a quarter.
use super::policy::{FactorBand, Policy};
use super::predikat::Predikat;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How the factor was reached: the score band, then the predikat cap if one applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Factor {
    /// The band the score fell in; `None` below the lowest band (factor 0).
    pub band: Option<FactorBand>,
    pub band_factor: Decimal,
    /// The predikat's cap, when it lowered the factor or is in force for that predikat.
    pub predikat_cap: Option<Decimal>,
    pub factor: Decimal,
}

/// F: the first band (bands descend) whose lower bound the score reaches, then capped by predikat.
pub fn performance_factor(score: Decimal, predikat: Predikat, policy: &Policy) -> Factor {
    performance_factor_by(|t| score >= t, predikat, policy)
}

/// [`performance_factor`] of a score known through `at_least(t)`: whether it is at least `t`
/// (the exact comparison, see [`super::exact`]). Below the lowest band's `from`: factor 0.
pub fn performance_factor_by(
    at_least: impl Fn(Decimal) -> bool,
    predikat: Predikat,
    policy: &Policy,
) -> Factor {
    let band = policy.factor_bands.iter().find(|b| at_least(b.from)).cloned();
    let band_factor = band.as_ref().map_or(Decimal::ZERO, |b| b.factor);
    let predikat_cap = policy.predikat_caps.get(&predikat).copied();
    let factor = predikat_cap.map_or(band_factor, |cap| band_factor.min(cap));
    Factor { band, band_factor, predikat_cap, factor }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(score: i64, p: Predikat) -> Decimal {
        performance_factor(Decimal::new(score, 1), p, &Policy::default()).factor
    }

    #[test]
    fn default_bands() {
        assert_eq!(f(1046, Predikat::Baik), Decimal::from(100));
        assert_eq!(f(1000, Predikat::Baik), Decimal::from(100));
        assert_eq!(f(999, Predikat::Baik), Decimal::from(90));
        assert_eq!(f(900, Predikat::Baik), Decimal::from(90));
        assert_eq!(f(875, Predikat::ButuhPerbaikan), Decimal::from(80));
        assert_eq!(f(800, Predikat::ButuhPerbaikan), Decimal::from(80));
        assert_eq!(f(799, Predikat::ButuhPerbaikan), Decimal::from(70));
        assert_eq!(f(600, Predikat::ButuhPerbaikan), Decimal::from(60));
        assert_eq!(f(500, Predikat::ButuhPerbaikan), Decimal::from(50));
        assert_eq!(f(499, Predikat::ButuhPerbaikan), Decimal::ZERO);
        assert_eq!(f(0, Predikat::SangatKurang), Decimal::ZERO);
    }

    #[test]
    fn predikat_caps() {
        let r = performance_factor(Decimal::new(1072, 1), Predikat::Kurang, &Policy::default());
        assert_eq!(
            (r.band_factor, r.predikat_cap, r.factor),
            (Decimal::from(100), Some(Decimal::from(50)), Decimal::from(50))
        );
        assert_eq!(f(1200, Predikat::SangatKurang), Decimal::ZERO);
        assert_eq!(f(450, Predikat::Kurang), Decimal::ZERO);
    }
}
