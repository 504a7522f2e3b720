//! Capaian (achievement, percent) of one indicator, by polarity, and the cap.
use super::rounding::{round_half_up, SCORE_DECIMALS};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Polaritas: which direction of the realisation is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// Maksimal: higher is better.
    Max,
    /// Minimal: lower is better.
    Min,
    /// Rentang: inside [low, high] is best.
    Range,
}

impl Polarity {
    pub const ALL: [Polarity; 3] = [Polarity::Max, Polarity::Min, Polarity::Range];

    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Max => "max",
            Polarity::Min => "min",
            Polarity::Range => "range",
        }
    }

    pub fn parse(s: &str) -> Option<Polarity> {
        Polarity::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Polarity::Max => "maksimal",
            Polarity::Min => "minimal",
            Polarity::Range => "rentang",
        }
    }

    /// The label in `lang` (Indonesian is `label_id`).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(
            self.label_id(),
            match self {
                Polarity::Max => "maximise",
                Polarity::Min => "minimise",
                Polarity::Range => "range",
            },
        )
    }
}

/// The quarter's target of an assessed indicator, with its polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "polarity")]
pub enum Goal {
    Max { target: Decimal },
    Min { target: Decimal },
    Range { low: Decimal, high: Decimal },
}

impl Goal {
    pub fn polarity(&self) -> Polarity {
        match self {
            Goal::Max { .. } => Polarity::Max,
            Goal::Min { .. } => Polarity::Min,
            Goal::Range { .. } => Polarity::Range,
        }
    }
}

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;
const TWO_HUNDRED: Decimal = Decimal::from_parts(200, 0, 0, false, 0);

/// R / T × 100. An overflowing quotient (tiny target) stands for "more than any cap" (or, for a
/// negative realisation, less than 0).
fn percent_of(realisation: Decimal, target: Decimal) -> Decimal {
    realisation.checked_mul(HUNDRED).and_then(|x| x.checked_div(target)).unwrap_or(
        if realisation.is_sign_negative() != target.is_sign_negative() { Decimal::MIN } else { Decimal::MAX },
    )
}

/// (2 − R / T) × 100 floored at 0.
fn inverse_percent_of(realisation: Decimal, target: Decimal) -> Decimal {
    let p = percent_of(realisation, target);
    TWO_HUNDRED
        .checked_sub(p)
        .unwrap_or(if p.is_sign_negative() { Decimal::MAX } else { Decimal::ZERO })
        .max(Decimal::ZERO)
}

/// Capaian before the cap, in decimal arithmetic, not rounded: exact unless a quotient repeats,
/// then within far less than [`super::exact::MARGIN`] of the exact value (see there). Every C is
/// floored at 0 (realisations may be negative). Inputs are validated by the caller (max: T > 0;
/// targets non-negative); a zero divisor here yields 0 rather than a panic.
pub fn approximate_achievement(goal: &Goal, realisation: Decimal) -> Decimal {
    let r = realisation;
    let c = match *goal {
        Goal::Max { target } if target > Decimal::ZERO => percent_of(r, target),
        Goal::Max { .. } => Decimal::ZERO,
        // Nothing was allowed: full marks only for nothing.
        Goal::Min { target } if target.is_zero() => {
            if r.is_zero() {
                HUNDRED
            } else {
                Decimal::ZERO
            }
        }
        Goal::Min { target } => inverse_percent_of(r, target),
        Goal::Range { low, high } if r >= low && r <= high => HUNDRED,
        // Below a range that starts at 0 (so R < 0): nothing achieved.
        Goal::Range { low, .. } if r < low && low <= Decimal::ZERO => Decimal::ZERO,
        Goal::Range { low, .. } if r < low => percent_of(r, low),
        Goal::Range { high, .. } if high <= Decimal::ZERO => Decimal::ZERO,
        Goal::Range { high, .. } => inverse_percent_of(r, high),
    };
    c.max(Decimal::ZERO)
}

/// Capaian before the cap (PermenPAN-RB 8/2021 practice), as shown: rounded half-up to
/// [`SCORE_DECIMALS`] places. Comparisons with the cap and thresholds never use this value
/// ([`super::evaluation::evaluate`] decides them exactly).
pub fn raw_achievement(goal: &Goal, realisation: Decimal) -> Decimal {
    round_half_up(approximate_achievement(goal, realisation), SCORE_DECIMALS)
}

/// C* = min(C, cap).
pub fn capped(achievement: Decimal, cap: Decimal) -> Decimal {
    achievement.min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn max(t: &str) -> Goal {
        Goal::Max { target: d(t) }
    }
    fn min(t: &str) -> Goal {
        Goal::Min { target: d(t) }
    }
    fn range(l: &str, u: &str) -> Goal {
        Goal::Range { low: d(l), high: d(u) }
    }

    #[test]
    fn worked_examples() {
        assert_eq!(raw_achievement(&max("3200000"), d("3360000")), d("105"));
        assert_eq!(raw_achievement(&max("82"), d("84.46")), d("103"));
        assert_eq!(raw_achievement(&max("45"), d("40.5")), d("90"));
        assert_eq!(raw_achievement(&min("4"), d("3")), d("125"));
        assert_eq!(capped(d("125"), d("120")), d("120"));
        assert_eq!(raw_achievement(&max("60000000000"), d("51000000000")), d("85"));
        assert_eq!(raw_achievement(&min("12"), d("15")), d("75"));
        assert_eq!(raw_achievement(&max("95"), d("97.85")), d("103"));
        assert_eq!(raw_achievement(&min("5"), d("4")), d("120"));
    }

    #[test]
    fn min_with_zero_target() {
        assert_eq!(raw_achievement(&min("0"), d("0")), d("100"));
        assert_eq!(raw_achievement(&min("0"), d("0.01")), d("0"));
        assert_eq!(raw_achievement(&min("0"), d("7")), d("0"));
    }

    #[test]
    fn min_is_floored_at_zero() {
        assert_eq!(raw_achievement(&min("4"), d("8")), d("0"));
        assert_eq!(raw_achievement(&min("4"), d("100")), d("0"));
        assert_eq!(raw_achievement(&min("4"), d("0")), d("200"));
    }

    #[test]
    fn range_below_inside_above() {
        let g = range("10", "20");
        assert_eq!(raw_achievement(&g, d("8")), d("80"));
        assert_eq!(raw_achievement(&g, d("10")), d("100"));
        assert_eq!(raw_achievement(&g, d("15")), d("100"));
        assert_eq!(raw_achievement(&g, d("20")), d("100"));
        assert_eq!(raw_achievement(&g, d("25")), d("75"));
        assert_eq!(raw_achievement(&g, d("45")), d("0"));
        assert_eq!(raw_achievement(&range("0", "0"), d("0")), d("100"));
        assert_eq!(raw_achievement(&range("0", "0"), d("1")), d("0"));
    }

    #[test]
    fn repeating_quotients_are_carried_to_ten_places() {
        assert_eq!(raw_achievement(&max("3"), d("1")), d("33.3333333333"));
        assert_eq!(raw_achievement(&min("3"), d("4")), d("66.6666666667"));
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        assert_eq!(capped(raw_achievement(&max("0.0000000001"), d("1000000000000000")), d("120")), d("120"));
        assert_eq!(raw_achievement(&min("0.0000000001"), d("1000000000000000")), d("0"));
        assert_eq!(raw_achievement(&max("0"), d("5")), d("0"));
    }

    #[test]
    fn negative_realisations_are_floored_at_zero() {
        assert_eq!(raw_achievement(&max("4"), d("-1")), d("0"));
        assert_eq!(raw_achievement(&min("4"), d("-2")), d("250"));
        assert_eq!(raw_achievement(&range("0", "2"), d("-1")), d("0"));
        assert_eq!(raw_achievement(&range("2", "4"), d("-1")), d("0"));
        assert_eq!(raw_achievement(&range("0", "0"), d("-1")), d("0"));
        assert_eq!(raw_achievement(&max("0.0000000001"), d("-1000000000000000")), d("0"));
    }
}
