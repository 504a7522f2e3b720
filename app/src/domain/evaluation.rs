//! One official's quarter: capaian → score → ratings → predikat → factor → monthly TPP.
//! Used by the services (authoritative), the live preview and `pakta calc` alike.
use super::achievement::{capped, raw_achievement, Goal, Polarity};
use super::factor::{performance_factor, Factor};
use super::policy::Policy;
use super::predikat::{predikat, Predikat};
use super::rating::{behaviour, work_rating, Behaviour, Rating};
use super::score::{assessed_weight, weighted_score, Weighted};
use super::tpp::{
    attendance_deduction, discipline_component, month_tpp, productivity_component, sanction_in_force,
    MonthTpp, Quarter, Sanction,
};
use super::DomainError;
use chrono::Datelike;
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

fn negative(d: Decimal) -> bool {
    d < Decimal::ZERO
}

/// Checks the input against the rules of domain.md section 2–4 and the policy.
pub fn validate(input: &QuarterInput, policy: &Policy) -> Result<(), DomainError> {
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
        if ind.weight <= Decimal::ZERO {
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
        if negative(a.realisation) {
            return err(&at("realisation"), "Realisasi tidak boleh negatif.");
        }
    }
    let total: Decimal = input.indicators.iter().map(|i| i.weight).sum();
    if total != Decimal::ONE_HUNDRED {
        return err(
            "indicators",
            format!("Jumlah bobot (weight) semua indikator {}, harus 100.", total.normalize()),
        );
    }
    for (month, codes) in &input.attendance {
        if !input.quarter.contains_month(*month) {
            let [a, _, c] = input.quarter.months();
            return err(
                &format!("attendance.{month}"),
                format!("Bulan {month} di luar triwulan {} (bulan {a}–{c}).", input.quarter.roman()),
            );
        }
        for (j, code) in codes.iter().enumerate() {
            if !policy.cuts.contains_key(code) {
                let known: Vec<&str> = policy.cuts.keys().map(String::as_str).collect();
                return err(
                    &format!("attendance.{month}[{j}]"),
                    format!("Kode potongan tidak dikenal: \"{code}\" ({}).", known.join(", ")),
                );
            }
        }
    }
    for (i, s) in input.sanctions.iter().enumerate() {
        if s.months == 0 {
            return err(&format!("sanctions[{i}].months"), "Lama hukuman paling sedikit 1 bulan.");
        }
        if negative(s.percent) || s.percent > Decimal::ONE_HUNDRED {
            return err(&format!("sanctions[{i}].percent"), "Persentase harus antara 0 dan 100.");
        }
    }
    Ok(())
}

/// Evaluates a quarter under `policy` (the version in force for that period, as built by
/// [`Policy::from_json`] or checked by [`Policy::validate`]).
pub fn evaluate<'a>(input: &'a QuarterInput, policy: &'a Policy) -> Result<Evaluation<'a>, DomainError> {
    validate(input, policy)?;
    let indicators: Vec<IndicatorResult> = input
        .indicators
        .iter()
        .map(|ind| {
            let raw = ind.assessment.as_ref().map(|a| raw_achievement(&a.goal, a.realisation));
            IndicatorResult { raw, achievement: raw.map(|c| capped(c, policy.cap)) }
        })
        .collect();
    let weighted: Vec<Weighted> = input
        .indicators
        .iter()
        .zip(&indicators)
        .map(|(ind, r)| Weighted { weight: ind.weight, achievement: r.achievement })
        .collect();
    let score = weighted_score(&weighted)?;
    let work = work_rating(score, &policy.rating_thresholds);
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
    let factor = performance_factor(score, predikat, policy);

    let productivity = productivity_component(input.monthly_ceiling, &policy.split, factor.factor);
    let months: [MonthResult; 3] = input.quarter.months().map(|month| {
        let codes = input.attendance.get(&month).map(Vec::as_slice).unwrap_or_default();
        let (cut_sum, deduction) =
            attendance_deduction(codes.iter().map(|c| policy.cuts.get(c).copied().unwrap_or_default()));
        let sanction = sanction_in_force(&input.sanctions, input.year, month);
        let h = sanction.map_or(Decimal::ZERO, |i| input.sanctions[i].percent);
        let discipline = discipline_component(input.monthly_ceiling, &policy.split, deduction);
        let tpp = month_tpp(input.year, month, deduction, discipline, productivity, h);
        MonthResult { cut_sum, sanction, tpp }
    });
    let total = months.iter().map(|m| m.tpp.gross).sum();
    Ok(Evaluation {
        input,
        policy,
        assessed_weight: assessed_weight(&weighted),
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

    /// The benchmark of issue 3: 10,000 officials × 5 indicators × 4 quarters with monthly TPP.
    /// Run with `cargo test -p app --release --lib bench_ -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn bench_ten_thousand_officials() {
        let policy = Policy::default();
        let inputs: Vec<QuarterInput> = (0..10_000i64)
            .flat_map(|official| {
                (1..=4u32).map(move |q| {
                    let mut input = example_c();
                    input.quarter = Quarter::new(q).unwrap();
                    input.monthly_ceiling = 3_000_000 + official * 997;
                    input.integrity_breach = official % 50 == 0;
                    input.indicators = (0..5i64)
                        .map(|i| max("x", 20, Decimal::from(90 + i), Decimal::from(80 + (official + i) % 30)))
                        .collect();
                    input.attendance =
                        BTreeMap::from([(q * 3 - 1, vec!["TL1".to_string(), "TK".to_string()])]);
                    input
                })
            })
            .collect();
        let start = std::time::Instant::now();
        let mut total = 0i64;
        for input in &inputs {
            total += evaluate(input, &policy).unwrap().total;
        }
        let elapsed = start.elapsed();
        println!("{} quarter evaluations in {elapsed:?} (total Rp{total})", inputs.len());
    }
}
