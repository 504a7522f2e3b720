//! One official's quarter: capaian → score → ratings → predikat → factor → monthly TPP.
//! Used by the services (authoritative), the live preview and `pakta calc` alike.
use super::achievement::{approximate_achievement, Goal, Polarity};
use super::exact::{self, MARGIN};
use super::factor::{performance_factor_by, Factor};
use super::policy::Policy;
use super::predikat::{predikat, Predikat};
use super::rating::{behaviour, work_rating_by, Behaviour, Rating};
use super::rounding::round_beside;
use super::score::score_quotient;
use super::tpp::{
    discipline_component, month_tpp, productivity_component, sanction_in_force, MonthTpp, Quarter, Sanction,
};
use super::DomainError;
use chrono::Datelike;
use num_rational::BigRational;
use num_traits::Zero;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The quarter's target and realisation of an assessed indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub goal: Goal,
    pub realisation: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub name: String,
    pub polarity: Polarity,
    /// Bobot, percent of the pact.
    pub weight: Decimal,
    /// `None`: no target this quarter, so not assessed (weight left out).
    pub assessment: Option<Assessment>,
}

/// Everything the engine needs for one official and one quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterInput {
    pub year: i32,
    pub quarter: Quarter,
    /// Pagu TPP bulanan, Rupiah.
    pub monthly_ceiling: i64,
    pub indicators: Vec<Indicator>,
    /// Rating perilaku kerja entered by the superior.
    pub behaviour: Rating,
    /// A recorded breach of the integrity pact in the quarter.
    pub integrity_breach: bool,
    /// Attendance cut codes per calendar month of the quarter, one entry per occurrence.
    pub attendance: BTreeMap<u32, Vec<String>>,
    pub sanctions: Vec<Sanction>,
}

/// The capaian of the indicator at the same index of `QuarterInput::indicators`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorResult {
    /// Capaian before the cap; `None` when not assessed.
    pub raw: Option<Decimal>,
    /// Capaian after the cap; `None` when not assessed.
    pub achievement: Option<Decimal>,
}

/// A month's TPP with the attendance cuts and the sanction that produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthResult {
    /// Σ cuts (`QuarterInput::attendance` of the month, priced by the policy) before the 100% cap.
    pub cut_sum: Decimal,
    /// Index into `QuarterInput::sanctions` of the sanction applied.
    pub sanction: Option<usize>,
    pub tpp: MonthTpp,
}

/// The result, with every intermediate step kept for the explanation. Borrows its input and
/// policy so that evaluating many officials copies nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation<'a> {
    pub input: &'a QuarterInput,
    pub policy: &'a Policy,
    pub indicators: Vec<IndicatorResult>,
    pub assessed_weight: Decimal,
    /// Nilai capaian.
    pub score: Decimal,
    pub work_rating: Rating,
    pub behaviour: Behaviour,
    pub predikat: Predikat,
    pub factor: Factor,
    /// The quarter's three months, in order.
    pub months: [MonthResult; 3],
    /// Sum of the months' gross amounts.
    pub total: i64,
}

/// Rp1.000 triliun a month: more than any allowance, small enough that no product overflows.
const MAX_CEILING: i64 = 1_000_000_000_000_000;

fn err<T>(field: &str, message: impl Into<String>) -> Result<T, DomainError> {
    Err(DomainError::new(field, message))
}

/// d < 0, from the sign and zero bits (a decimal may be a negative zero, which is not below 0).
fn negative(d: Decimal) -> bool {
    d.is_sign_negative() && !d.is_zero()
}

/// |value − threshold| ≤ MARGIN: too close for a decimal to decide the comparison.
fn near(value: Decimal, threshold: Decimal) -> bool {
    value.checked_sub(threshold).is_some_and(|d| d.abs() <= MARGIN)
}

/// A cut code's percentage. A policy has a handful of short codes: comparing lengths, then bytes
/// in place, finds one faster than the map's ordered search (the same entry: keys are unique).
fn cut_percent<'p>(cuts: &'p BTreeMap<String, Decimal>, code: &str) -> Option<&'p Decimal> {
    if cuts.len() <= 16 {
        let code = code.as_bytes();
        cuts.iter().find_map(|(k, v)| {
            let k = k.as_bytes();
            (k.len() == code.len() && k.iter().zip(code).all(|(a, b)| a == b)).then_some(v)
        })
    } else {
        cuts.get(code)
    }
}

/// What validating the input already computed, for [`evaluate`] to reuse.
struct Checked {
    /// Σ bobot of all indicators (100 once valid), summed in input order.
    total_weight: Decimal,
    /// Σ cuts of each month of the quarter (priced by the policy, in input order), before the cap.
    cut_sums: [Decimal; 3],
}

/// Checks the input against the rules of domain.md section 2–4 and the policy.
pub fn validate(input: &QuarterInput, policy: &Policy) -> Result<(), DomainError> {
    checked(input, policy).map(|_| ())
}

/// [`validate`], keeping the sums it made so that [`evaluate`] sums and looks up each thing once.
fn checked(input: &QuarterInput, policy: &Policy) -> Result<Checked, DomainError> {
    if input.monthly_ceiling < 0 {
        return err("monthly_ceiling", "Pagu TPP tidak boleh negatif.");
    }
    // Keeps every product of the month's arithmetic far inside the decimal range.
    if input.monthly_ceiling > MAX_CEILING {
        return err("monthly_ceiling", "Pagu TPP terlalu besar.");
    }
    if input.indicators.is_empty() {
        return err("indicators", "Paling sedikit satu indikator.");
    }
    for (i, ind) in input.indicators.iter().enumerate() {
        let at = |key: &str| format!("indicators[{i}].{key}");
        if ind.weight.is_zero() || ind.weight.is_sign_negative() {
            return err(&at("weight"), "Bobot harus lebih dari 0.");
        }
        let Some(a) = &ind.assessment else { continue };
        if a.goal.polarity() != ind.polarity {
            return err(&at("polarity"), "Polaritas tidak sesuai dengan target.");
        }
        match a.goal {
            Goal::Max { target } | Goal::Min { target } if negative(target) => {
                return err(&at("target"), "Target tidak boleh negatif.");
            }
            Goal::Max { target } if target.is_zero() => {
                return err(&at("target"), "Target indikator polaritas max harus lebih dari 0.");
            }
            Goal::Range { low, .. } if negative(low) => {
                return err(&at("target_low"), "Target tidak boleh negatif.")
            }
            Goal::Range { low, high } if low > high => {
                return err(&at("target_low"), "target_low tidak boleh lebih besar dari target_high.");
            }
            _ => {}
        }
        // Realisations may be negative (growth rates, inflation): every capaian is floored at 0.
    }
    let total: Decimal = input.indicators.iter().map(|i| i.weight).sum();
    if total != Decimal::ONE_HUNDRED {
        return err(
            "indicators",
            format!("Jumlah bobot (weight) semua indikator {}, harus 100.", total.normalize()),
        );
    }
    let first_month = input.quarter.months()[0];
    let mut cut_sums = [Decimal::ZERO; 3];
    for (month, codes) in &input.attendance {
        if !input.quarter.contains_month(*month) {
            let [a, _, c] = input.quarter.months();
            return err(
                &format!("attendance.{month}"),
                format!("Bulan {month} di luar triwulan {} (bulan {a}–{c}).", input.quarter.roman()),
            );
        }
        let mut sum = Decimal::ZERO;
        for (j, code) in codes.iter().enumerate() {
            let Some(cut) = cut_percent(&policy.cuts, code) else {
                let known: Vec<&str> = policy.cuts.keys().map(String::as_str).collect();
                return err(
                    &format!("attendance.{month}[{j}]"),
                    format!("Kode potongan tidak dikenal: \"{code}\" ({}).", known.join(", ")),
                );
            };
            sum += cut;
        }
        cut_sums[(month - first_month) as usize] = sum;
    }
    for (i, s) in input.sanctions.iter().enumerate() {
        if s.months == 0 {
            return err(&format!("sanctions[{i}].months"), "Lama hukuman paling sedikit 1 bulan.");
        }
        if negative(s.percent) || s.percent > Decimal::ONE_HUNDRED {
            return err(&format!("sanctions[{i}].percent"), "Persentase harus antara 0 dan 100.");
        }
    }
    Ok(Checked { total_weight: total, cut_sums })
}

/// Evaluates a quarter under `policy` (the version in force for that period, as built by
/// [`Policy::from_json`] or checked by [`Policy::validate`]).
pub fn evaluate<'a>(input: &'a QuarterInput, policy: &'a Policy) -> Result<Evaluation<'a>, DomainError> {
    let Checked { total_weight, cut_sums } = checked(input, policy)?;
    // One pass: each capaian in decimals, and the score's two sums (over the assessed indicators,
    // in order, from 0). With every indicator assessed, the assessed weight is the sum validation
    // already made, in the same order.
    let all_assessed = input.indicators.iter().all(|i| i.assessment.is_some());
    let cap = policy.cap;
    // The thresholds a score is compared with. A capaian is kept on their side too when shown (in
    // a quarter of one indicator, the capaian is the score).
    let score_thresholds = || {
        let t = &policy.rating_thresholds;
        [t.above, t.as_expected].into_iter().chain(policy.factor_bands.iter().map(|b| b.from))
    };
    let achievement_thresholds = || std::iter::once(cap).chain(score_thresholds());
    let (mut weighted_sum, mut assessed) = (Decimal::ZERO, Decimal::ZERO);
    let mut near_threshold = false;
    let approximate: Vec<Option<Decimal>> = input
        .indicators
        .iter()
        .map(|ind| {
            let c = ind.assessment.as_ref().map(|a| approximate_achievement(&a.goal, a.realisation));
            if let Some(c) = c {
                near_threshold |= achievement_thresholds().any(|t| near(c, t));
                weighted_sum += ind.weight * c.min(cap);
                if !all_assessed {
                    assessed += ind.weight;
                }
            }
            c
        })
        .collect();
    if all_assessed {
        assessed = total_weight;
    }
    let approximate_score = score_quotient(weighted_sum, assessed)?;
    near_threshold |= score_thresholds().any(|t| near(approximate_score, t));
    // Comparisons use the exact values (domain.md section 3, "Exactness"). A decimal farther than
    // exact::MARGIN from every threshold decides them as the exact value would; otherwise the
    // quarter is recomputed in rationals.
    let exact_values = near_threshold.then(|| {
        let raw: Vec<Option<BigRational>> = input
            .indicators
            .iter()
            .map(|ind| ind.assessment.as_ref().map(|a| exact::achievement(&a.goal, a.realisation)))
            .collect();
        let capped: Vec<Option<BigRational>> =
            raw.iter().map(|c| c.clone().map(|c| exact::capped(c, cap))).collect();
        let score = exact::score(input.indicators.iter().zip(&capped).map(|(i, c)| (i.weight, c.as_ref())));
        (raw, score.unwrap_or_else(BigRational::zero))
    });
    let indicators: Vec<IndicatorResult> = approximate
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let Some(c) = *c else { return IndicatorResult { raw: None, achievement: None } };
            let reaches = |t: Decimal| match &exact_values {
                Some((raw, _)) => raw[i].as_ref().is_some_and(|x| exact::at_least(x, t)),
                None => c >= t,
            };
            let raw = round_beside(c, reaches, achievement_thresholds());
            // Below the cap, C* is C and shown alike (on the same side of every threshold).
            let achievement = if reaches(cap) { cap } else { raw };
            IndicatorResult { raw: Some(raw), achievement: Some(achievement) }
        })
        .collect();
    let score_reaches = |t: Decimal| match &exact_values {
        Some((_, s)) => exact::at_least(s, t),
        None => approximate_score >= t,
    };
    let score = round_beside(approximate_score, score_reaches, score_thresholds());
    let work = work_rating_by(score_reaches, &policy.rating_thresholds);
    let sanction_taking_effect = input
        .sanctions
        .iter()
        .any(|s| s.start.year() == input.year && input.quarter.contains_month(s.start.month()));
    let behaviour = behaviour(
        input.behaviour,
        input.integrity_breach,
        sanction_taking_effect,
        policy.breach_forces_below,
    );
    let predikat = predikat(work, behaviour.rating);
    let factor = performance_factor_by(score_reaches, predikat, policy);

    let productivity = productivity_component(input.monthly_ceiling, &policy.split, factor.factor);
    // Most months have no cut: their discipline component is computed once (the same function of
    // the same arguments; bit-identical zero only, so that the exact amount keeps its scale).
    let full_discipline = discipline_component(input.monthly_ceiling, &policy.split, Decimal::ZERO);
    let [first, ..] = input.quarter.months();
    let month_result = |i: usize| {
        let month = first + i as u32;
        // As `attendance_deduction` of the month's priced codes: d = min(100, Σ cuts).
        let cut_sum = cut_sums[i];
        let deduction = cut_sum.min(Decimal::ONE_HUNDRED);
        let sanction = sanction_in_force(&input.sanctions, input.year, month);
        let h = sanction.map_or(Decimal::ZERO, |i| input.sanctions[i].percent);
        let discipline = if deduction.serialize() == Decimal::ZERO.serialize() {
            full_discipline
        } else {
            discipline_component(input.monthly_ceiling, &policy.split, deduction)
        };
        let tpp = month_tpp(input.year, month, deduction, discipline, productivity, h);
        MonthResult { cut_sum, sanction, tpp }
    };
    let months: [MonthResult; 3] = [month_result(0), month_result(1), month_result(2)];
    let total = months.iter().map(|m| m.tpp.gross).sum();
    Ok(Evaluation {
        input,
        policy,
        assessed_weight: assessed,
        indicators,
        score,
        work_rating: work,
        behaviour,
        predikat,
        factor,
        months,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(units: i64, scale: u32) -> Decimal {
        Decimal::new(units, scale)
    }

    fn max(name: &str, weight: i64, target: Decimal, realisation: Decimal) -> Indicator {
        Indicator {
            name: name.into(),
            polarity: Polarity::Max,
            weight: Decimal::from(weight),
            assessment: Some(Assessment { goal: Goal::Max { target }, realisation }),
        }
    }

    fn example_c() -> QuarterInput {
        let min = |name: &str, t: i64, r: i64| Indicator {
            name: name.into(),
            polarity: Polarity::Min,
            weight: Decimal::from(30),
            assessment: Some(Assessment { goal: Goal::Min { target: t.into() }, realisation: r.into() }),
        };
        QuarterInput {
            year: 2026,
            quarter: Quarter::new(4).unwrap(),
            monthly_ceiling: 5_500_000,
            indicators: vec![
                max("Izin tepat waktu", 40, d(95, 0), d(9785, 2)),
                min("Rata-rata hari proses", 5, 4),
                min("Pengaduan belum selesai", 0, 0),
            ],
            behaviour: Rating::AsExpected,
            integrity_breach: true,
            attendance: BTreeMap::new(),
            sanctions: vec![Sanction {
                level: "moderate".into(),
                percent: d(25, 0),
                start: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                months: 6,
            }],
        }
    }

    #[test]
    fn worked_example_c() {
        let (input, policy) = (example_c(), Policy::default());
        let e = evaluate(&input, &policy).unwrap();
        let achievements: Vec<_> = e.indicators.iter().map(|r| r.achievement.unwrap()).collect();
        assert_eq!(achievements, vec![d(103, 0), d(120, 0), d(100, 0)]);
        assert_eq!(e.score, d(1072, 1));
        assert_eq!(e.work_rating, Rating::AsExpected);
        assert_eq!(e.behaviour.rating, Rating::Below);
        assert_eq!(e.predikat, Predikat::Kurang);
        assert_eq!(e.factor.factor, d(50, 0));
        let gross: Vec<i64> = e.months.iter().map(|m| m.tpp.gross).collect();
        assert_eq!(gross, vec![3_850_000, 2_887_500, 2_887_500]);
        assert_eq!(e.total, 9_625_000);
    }

    #[test]
    fn validation_names_the_field() {
        let policy = Policy::default();
        let mut bad = example_c();
        bad.indicators[1].weight = Decimal::from(20);
        let e = evaluate(&bad, &policy).unwrap_err();
        assert_eq!(e.field, "indicators");
        assert!(e.message.contains("90"), "{e}");

        let mut bad = example_c();
        bad.indicators[2].weight = Decimal::ZERO;
        assert_eq!(evaluate(&bad, &policy).unwrap_err().field, "indicators[2].weight");

        let mut bad = example_c();
        bad.indicators[0].assessment =
            Some(Assessment { goal: Goal::Max { target: d(-1, 0) }, realisation: d(1, 0) });
        assert_eq!(evaluate(&bad, &policy).unwrap_err().field, "indicators[0].target");

        let mut bad = example_c();
        bad.attendance.insert(7, vec!["TL1".into()]);
        assert_eq!(evaluate(&bad, &policy).unwrap_err().field, "attendance.7");

        let mut bad = example_c();
        bad.attendance.insert(10, vec!["TL1".into(), "XX".into()]);
        assert_eq!(evaluate(&bad, &policy).unwrap_err().field, "attendance.10[1]");

        let mut bad = example_c();
        for ind in &mut bad.indicators {
            ind.assessment = None;
        }
        assert_eq!(evaluate(&bad, &policy).unwrap_err().field, "indicators");
    }

    fn one_indicator(target: Decimal, realisation: Decimal) -> QuarterInput {
        QuarterInput {
            year: 2026,
            quarter: Quarter::new(2).unwrap(),
            monthly_ceiling: 10_000_000,
            indicators: vec![max("A", 100, target, realisation)],
            behaviour: Rating::AsExpected,
            integrity_breach: false,
            attendance: BTreeMap::new(),
            sanctions: Vec::new(),
        }
    }

    #[test]
    fn a_score_a_hair_below_a_threshold_is_below_it() {
        // Exactly 100 × 900000000008 / 1000000000009 = 89,99999999999000…: below 90.
        let policy = Policy::default();
        let input = one_indicator(d(1_000_000_000_009, 0), d(900_000_000_008, 0));
        let e = evaluate(&input, &policy).unwrap();
        assert_eq!(e.work_rating, Rating::Below);
        assert_eq!(e.predikat, Predikat::ButuhPerbaikan);
        assert_eq!(e.factor.factor, d(80, 0));
        assert_eq!(e.total, 26_400_000);
        // Shown to 10 places on its side of 90, never rounded up to it.
        assert_eq!(e.score, d(899_999_999_999, 10));
        assert_eq!(e.indicators[0].achievement, Some(d(899_999_999_999, 10)));
        // A hair above (90,00000000009): as expected.
        let input = one_indicator(d(1_000_000_000_009, 0), d(900_000_000_009, 0));
        let e = evaluate(&input, &policy).unwrap();
        assert_eq!((e.work_rating, e.factor.factor, e.total), (Rating::AsExpected, d(90, 0), 28_200_000));
        // The cap: a hair below 120 is not capped (and shown below it), a hair above is.
        let input = one_indicator(d(1_000_000_000_009, 0), d(1_200_000_000_010, 0));
        let e = evaluate(&input, &policy).unwrap();
        assert_eq!(e.indicators[0].raw, Some(d(1_199_999_999_999, 10)));
        assert_eq!(e.indicators[0].achievement, Some(d(1_199_999_999_999, 10)));
        let input = one_indicator(d(1_000_000_000_009, 0), d(1_200_000_000_011, 0));
        let e = evaluate(&input, &policy).unwrap();
        assert_eq!(e.indicators[0].achievement, Some(d(120, 0)));
        assert!(e.indicators[0].raw.unwrap() >= d(120, 0));
    }

    #[test]
    fn negative_realisations_are_floored_at_zero() {
        let policy = Policy::default();
        let input = one_indicator(d(5, 0), d(-15, 1));
        let e = evaluate(&input, &policy).unwrap();
        assert_eq!(e.indicators[0].achievement, Some(Decimal::ZERO));
        assert_eq!(e.score, Decimal::ZERO);
        // Targets keep their rule.
        let input = one_indicator(d(-5, 0), d(1, 0));
        let e = evaluate(&input, &policy).unwrap_err();
        assert_eq!(e.field, "indicators[0].target");
    }

    #[test]
    fn sanction_started_in_an_earlier_quarter_does_not_force_below() {
        let mut input = example_c();
        input.integrity_breach = false;
        input.sanctions[0].start = NaiveDate::from_ymd_opt(2026, 9, 15).unwrap();
        let policy = Policy::default();
        let e = evaluate(&input, &policy).unwrap();
        assert_eq!(e.behaviour.rating, Rating::AsExpected);
        assert_eq!(e.predikat, Predikat::Baik);
        assert!(e.months.iter().all(|m| m.sanction == Some(0)));
    }
}
