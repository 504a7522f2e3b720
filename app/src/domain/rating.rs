//! Rating hasil kerja (from the score) and rating perilaku kerja (entered, possibly forced below).
use super::policy::RatingThresholds;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A rating of work results or behaviour (PermenPAN-RB 6/2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Di Atas Ekspektasi.
    Above,
    /// Sesuai Ekspektasi.
    AsExpected,
    /// Di Bawah Ekspektasi.
    Below,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Above, Rating::AsExpected, Rating::Below];

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Above => "above",
            Rating::AsExpected => "as_expected",
            Rating::Below => "below",
        }
    }

    pub fn parse(s: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Rating::Above => "Di Atas Ekspektasi",
            Rating::AsExpected => "Sesuai Ekspektasi",
            Rating::Below => "Di Bawah Ekspektasi",
        }
    }

    /// The label in `lang` (Indonesian is `label_id`).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(
            self.label_id(),
            match self {
                Rating::Above => "Above Expectations",
                Rating::AsExpected => "As Expected",
                Rating::Below => "Below Expectations",
            },
        )
    }
}

/// Rating hasil kerja: S ≥ above → above; as_expected ≤ S < above → as expected; else below.
pub fn work_rating(score: Decimal, thresholds: &RatingThresholds) -> Rating {
    work_rating_by(|t| score >= t, thresholds)
}

/// [`work_rating`] of a score known through `at_least(t)`: whether it is at least `t` (the exact
/// comparison, see [`super::exact`]).
pub fn work_rating_by(at_least: impl Fn(Decimal) -> bool, thresholds: &RatingThresholds) -> Rating {
    if at_least(thresholds.above) {
        Rating::Above
    } else if at_least(thresholds.as_expected) {
        Rating::AsExpected
    } else {
        Rating::Below
    }
}

/// Why the behaviour rating was forced to "below".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForcedBelow {
    /// A recorded breach of the integrity pact in the quarter.
    IntegrityBreach,
    /// A disciplinary sanction taking effect (TMT) in the quarter.
    SanctionTakingEffect,
}

/// The behaviour rating used for the predikat, and the reasons it was forced, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Behaviour {
    pub entered: Rating,
    pub forced_by: Vec<ForcedBelow>,
    /// Recorded in the quarter but not forcing "below", because the policy turns that off.
    #[serde(default)]
    pub not_forcing: Vec<ForcedBelow>,
    pub rating: Rating,
}

/// Rating perilaku kerja: the superior's rating, forced to "below" by a breach or a sanction taking
/// effect in the quarter when the policy says so (on by default).
pub fn behaviour(
    entered: Rating,
    breach: bool,
    sanction_taking_effect: bool,
    breach_forces_below: bool,
) -> Behaviour {
    let mut recorded = Vec::new();
    if breach {
        recorded.push(ForcedBelow::IntegrityBreach);
    }
    if sanction_taking_effect {
        recorded.push(ForcedBelow::SanctionTakingEffect);
    }
    let (forced_by, not_forcing) =
        if breach_forces_below { (recorded, Vec::new()) } else { (Vec::new(), recorded) };
    let rating = if forced_by.is_empty() { entered } else { Rating::Below };
    Behaviour { entered, forced_by, not_forcing, rating }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> RatingThresholds {
        RatingThresholds { above: Decimal::from(110), as_expected: Decimal::from(90) }
    }

    #[test]
    fn thresholds_are_inclusive_from_below() {
        assert_eq!(work_rating(Decimal::from(110), &t()), Rating::Above);
        assert_eq!(work_rating(Decimal::new(1099999, 4), &t()), Rating::AsExpected);
        assert_eq!(work_rating(Decimal::from(100), &t()), Rating::AsExpected);
        assert_eq!(work_rating(Decimal::from(90), &t()), Rating::AsExpected);
        assert_eq!(work_rating(Decimal::new(899999, 4), &t()), Rating::Below);
        assert_eq!(work_rating(Decimal::new(875, 1), &t()), Rating::Below);
    }

    #[test]
    fn breach_or_sanction_forces_below() {
        let b = behaviour(Rating::Above, true, false, true);
        assert_eq!(b.rating, Rating::Below);
        assert_eq!(b.forced_by, vec![ForcedBelow::IntegrityBreach]);
        let b = behaviour(Rating::AsExpected, true, true, true);
        assert_eq!(b.forced_by, vec![ForcedBelow::IntegrityBreach, ForcedBelow::SanctionTakingEffect]);
        let b = behaviour(Rating::AsExpected, true, true, false);
        assert_eq!(b.rating, Rating::AsExpected);
        assert!(b.forced_by.is_empty());
        assert_eq!(b.not_forcing, vec![ForcedBelow::IntegrityBreach, ForcedBelow::SanctionTakingEffect]);
        assert_eq!(behaviour(Rating::Above, false, false, true).rating, Rating::Above);
    }
}
