//! A quarter's realisation sheet (lembar realisasi triwulan): the indicators with the quarter's
//! targets, the values as typed, and the preview of capaian → nilai → rating → predikat → faktor
//! → TPP. The page runs [`preview`] in the browser as values are typed; the server runs the same
//! function over the stored values, and its result is the authority.
use super::achievement::{Goal, Polarity};
use super::evaluation::{evaluate, Assessment, Indicator, QuarterInput};
use super::explanation::{explain, Explanation};
use super::json::parse_number_id;
use super::pact::Target;
use super::policy::Policy;
use super::predikat::Predikat;
use super::rating::Rating;
use super::tpp::{Quarter, Sanction};
use super::DomainError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Shown where the predikat, the factor and the TPP wait for the superior's rating.
pub const AWAITING_BEHAVIOUR: &str = "menunggu rating perilaku";
/// The largest realisation accepted; far above any real figure, far inside the engine's range.
const MAX_REALISATION: i64 = 1_000_000_000_000_000;
const MAX_DECIMALS: u32 = 10;

/// An indicator of the signed pact as the sheet shows it, with its target for the quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetIndicator {
    pub indicator_id: Uuid,
    pub name: String,
    /// Satuan.
    pub unit: String,
    pub polarity: Polarity,
    /// Bobot, percent.
    pub weight: Decimal,
    /// The quarter's target; `None`: not assessed this quarter.
    pub target: Option<Target>,
}

/// What the discipline records add to a quarter: attendance cuts per month, an integrity breach,
/// sanctions. Empty until the discipline records feed it (see `server::evaluations`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisciplineInputs {
    pub attendance: BTreeMap<u32, Vec<String>>,
    pub integrity_breach: bool,
    pub sanctions: Vec<Sanction>,
}

/// One indicator in the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorPreview {
    /// Has a target this quarter.
    pub assessed: bool,
    /// A realisation has been entered.
    pub entered: bool,
    /// Capaian before the cap, percent.
    pub raw: Option<Decimal>,
    /// Capaian after the cap, percent.
    pub achievement: Option<Decimal>,
}

/// One month's TPP in the preview, whole Rupiah.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthPreview {
    pub month: u32,
    pub discipline: i64,
    pub productivity: i64,
    pub sanction_cut: i64,
    pub gross: i64,
}

/// The preview: everything that can be computed from what has been entered so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewResult {
    /// In the order of the sheet's indicators.
    pub indicators: Vec<IndicatorPreview>,
    /// How many assessed indicators still have no realisation.
    pub missing: usize,
    /// Nilai capaian; `None` while a realisation is missing.
    pub score: Option<Decimal>,
    pub work_rating: Option<Rating>,
    /// The behaviour rating used (after a breach or a sanction forced it below).
    pub behaviour: Option<Rating>,
    /// `None` while the score is incomplete or the behaviour rating is awaited.
    pub predikat: Option<Predikat>,
    pub factor: Option<Decimal>,
    pub months: Vec<MonthPreview>,
    pub total: Option<i64>,
}

impl PreviewResult {
    pub fn complete(&self) -> bool {
        self.missing == 0
    }

    /// Why the score, or the predikat and TPP, are not shown yet; `None` when everything is.
    pub fn pending_note(&self) -> Option<String> {
        if self.missing > 0 {
            Some(format!("Nilai belum lengkap: {} indikator belum diisi realisasinya.", self.missing))
        } else if self.predikat.is_none() {
            Some(format!("Predikat, faktor dan TPP {AWAITING_BEHAVIOUR}."))
        } else {
            None
        }
    }
}

/// The form field of the i-th realisation's value, as errors name it.
pub fn value_field(i: usize) -> String {
    format!("realisations[{i}].value")
}

/// A realisation as typed ("1.234,5" accepted); `None` when empty (not yet entered).
pub fn parse_realisation(i: usize, text: &str) -> Result<Option<Decimal>, DomainError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let d = parse_number_id(t).ok_or_else(|| {
        DomainError::new(&value_field(i), "Realisasi harus berupa angka, misalnya 1.234,5 atau 95.")
    })?;
    // Realisations may be negative (growth rates, inflation, balances): domain.md section 3.
    if d.scale() > MAX_DECIMALS || d.abs() > Decimal::from(MAX_REALISATION) {
        return Err(DomainError::new(&value_field(i), "Angka di luar batas yang wajar."));
    }
    Ok(Some(d.normalize()))
}

/// The goal of a quarter target for the indicator's polarity.
fn goal(i: usize, polarity: Polarity, target: Target) -> Result<Goal, DomainError> {
    match (polarity, target) {
        (Polarity::Max, Target::Value { value }) => Ok(Goal::Max { target: value }),
        (Polarity::Min, Target::Value { value }) => Ok(Goal::Min { target: value }),
        (Polarity::Range, Target::Range { low, high }) => Ok(Goal::Range { low, high }),
        _ => Err(DomainError::new(
            &format!("indicators[{i}].target"),
            "Target triwulan tidak sesuai dengan polaritas indikator.",
        )),
    }
}

/// [`preview_with`] without discipline records.
pub fn preview(
    sheet: &[SheetIndicator],
    values: &[String],
    behaviour: Option<Rating>,
    monthly_ceiling: i64,
    year: i32,
    quarter: Quarter,
    policy: &Policy,
) -> Result<PreviewResult, DomainError> {
    preview_with(
        sheet,
        values,
        behaviour,
        monthly_ceiling,
        year,
        quarter,
        policy,
        &DisciplineInputs::default(),
    )
}

/// The sheet's values as the engine's [`QuarterInput`] (an indicator without a target this
/// quarter, or without a value yet, has no assessment), the per-indicator preview skeleton, and
/// how many assessed indicators still lack a value.
#[allow(clippy::too_many_arguments)]
fn quarter_input(
    sheet: &[SheetIndicator],
    values: &[String],
    behaviour: Option<Rating>,
    monthly_ceiling: i64,
    year: i32,
    quarter: Quarter,
    discipline: &DisciplineInputs,
) -> Result<(QuarterInput, Vec<IndicatorPreview>, usize), DomainError> {
    let mut indicators = Vec::with_capacity(sheet.len());
    let mut previews = Vec::with_capacity(sheet.len());
    let mut missing = 0;
    for (i, s) in sheet.iter().enumerate() {
        let value = parse_realisation(i, values.get(i).map_or("", String::as_str))?;
        let assessment = match (s.target, value) {
            (Some(t), Some(realisation)) => Some(Assessment { goal: goal(i, s.polarity, t)?, realisation }),
            _ => None,
        };
        if s.target.is_some() && value.is_none() {
            missing += 1;
        }
        previews.push(IndicatorPreview {
            assessed: s.target.is_some(),
            entered: value.is_some(),
            raw: None,
            achievement: None,
        });
        indicators.push(Indicator {
            name: s.name.clone(),
            polarity: s.polarity,
            weight: s.weight,
            assessment,
        });
    }
    let input = QuarterInput {
        year,
        quarter,
        monthly_ceiling,
        indicators,
        // Stands in while the rating is awaited; nothing that depends on it is reported then.
        behaviour: behaviour.unwrap_or(Rating::AsExpected),
        integrity_breach: discipline.integrity_breach,
        attendance: discipline.attendance.clone(),
        sanctions: discipline.sanctions.clone(),
    };
    Ok((input, previews, missing))
}

/// "Mengapa TPP Rp X?": the engine's step-by-step explanation of the quarter, over the same inputs
/// as [`preview_with`]; `None` until every assessed realisation and the behaviour rating are in.
#[allow(clippy::too_many_arguments)]
pub fn explanation_with(
    sheet: &[SheetIndicator],
    values: &[String],
    behaviour: Option<Rating>,
    monthly_ceiling: i64,
    year: i32,
    quarter: Quarter,
    policy: &Policy,
    discipline: &DisciplineInputs,
) -> Result<Option<Explanation>, DomainError> {
    let (input, _, missing) =
        quarter_input(sheet, values, behaviour, monthly_ceiling, year, quarter, discipline)?;
    if missing > 0 || behaviour.is_none() {
        return Ok(None);
    }
    Ok(Some(explain(&evaluate(&input, policy)?)))
}

/// Builds the quarter's [`QuarterInput`] from the typed values (`values[i]` for `sheet[i]`; an
/// empty or absent value is "not yet entered") and runs [`evaluate`]. Indicators without a
/// quarter target are not assessed. While a value is missing only the capaian of the filled
/// indicators are reported; without a behaviour rating, the score and work rating are.
#[allow(clippy::too_many_arguments)]
pub fn preview_with(
    sheet: &[SheetIndicator],
    values: &[String],
    behaviour: Option<Rating>,
    monthly_ceiling: i64,
    year: i32,
    quarter: Quarter,
    policy: &Policy,
    discipline: &DisciplineInputs,
) -> Result<PreviewResult, DomainError> {
    let (input, previews, missing) =
        quarter_input(sheet, values, behaviour, monthly_ceiling, year, quarter, discipline)?;
    let mut result = PreviewResult {
        indicators: previews,
        missing,
        score: None,
        work_rating: None,
        behaviour: None,
        predikat: None,
        factor: None,
        months: Vec::new(),
        total: None,
    };
    // Nothing entered yet: nothing to compute. (With nothing assessed at all, the engine says so.)
    if missing > 0 && input.indicators.iter().all(|i| i.assessment.is_none()) {
        return Ok(result);
    }
    let e = evaluate(&input, policy)?;
    for (p, r) in result.indicators.iter_mut().zip(&e.indicators) {
        p.raw = r.raw;
        p.achievement = r.achievement;
    }
    if missing > 0 {
        return Ok(result);
    }
    result.score = Some(e.score);
    result.work_rating = Some(e.work_rating);
    if behaviour.is_some() {
        result.behaviour = Some(e.behaviour.rating);
        result.predikat = Some(e.predikat);
        result.factor = Some(e.factor.factor);
        result.months = e
            .months
            .iter()
            .map(|m| MonthPreview {
                month: m.tpp.month,
                discipline: m.tpp.discipline,
                productivity: m.tpp.productivity,
                sanction_cut: m.tpp.sanction_cut,
                gross: m.tpp.gross,
            })
            .collect();
        result.total = Some(e.total);
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn ind(name: &str, polarity: Polarity, weight: i64, target: Option<Target>) -> SheetIndicator {
        SheetIndicator {
            indicator_id: Uuid::new_v4(),
            name: name.into(),
            unit: "".into(),
            polarity,
            weight: Decimal::from(weight),
            target,
        }
    }

    fn value(v: &str) -> Option<Target> {
        Some(Target::Value { value: d(v) })
    }

    /// Worked example A (domain.md section 5), TW II.
    fn example_a() -> Vec<SheetIndicator> {
        vec![
            ind("Kunjungan wisatawan", Polarity::Max, 40, value("3200000")),
            ind("Indeks kepuasan", Polarity::Max, 20, value("82")),
            ind("Serapan anggaran", Polarity::Max, 20, value("45")),
            ind("Temuan belum ditindaklanjuti", Polarity::Min, 20, value("4")),
        ]
    }

    fn typed(values: &[&str]) -> Vec<String> {
        values.iter().map(|s| s.to_string()).collect()
    }

    fn tw(n: u32) -> Quarter {
        Quarter::new(n).unwrap()
    }

    #[test]
    fn worked_example_a_through_the_sheet() {
        let values = typed(&["3.360.000", "84,46", "40,5", "3"]);
        let policy = Policy::default();
        let p = preview(&example_a(), &values, Some(Rating::AsExpected), 16_000_000, 2026, tw(2), &policy)
            .unwrap();
        let achievements: Vec<Decimal> = p.indicators.iter().map(|i| i.achievement.unwrap()).collect();
        assert_eq!(achievements, vec![d("105"), d("103"), d("90"), d("120")]);
        assert_eq!(p.indicators[3].raw, Some(d("125")));
        assert_eq!(p.score, Some(d("104.6")));
        assert_eq!(p.work_rating, Some(Rating::AsExpected));
        assert_eq!(p.predikat, Some(Predikat::Baik));
        assert_eq!(p.factor, Some(d("100")));
        // Without the discipline records yet: no attendance cut in May.
        assert_eq!(p.months.iter().map(|m| m.gross).collect::<Vec<_>>(), vec![16_000_000; 3]);
        assert_eq!(p.total, Some(48_000_000));
        assert!(p.complete() && p.pending_note().is_none());
    }

    #[test]
    fn worked_example_a_with_may_lateness_matches_the_specification() {
        let values = typed(&["3360000", "84.46", "40,5", "3"]);
        let discipline = DisciplineInputs {
            attendance: BTreeMap::from([(5, vec!["TL1".to_string(), "TL1".to_string()])]),
            ..Default::default()
        };
        let policy = Policy::default();
        let p = preview_with(
            &example_a(),
            &values,
            Some(Rating::AsExpected),
            16_000_000,
            2026,
            tw(2),
            &policy,
            &discipline,
        )
        .unwrap();
        assert_eq!(p.months[1].discipline, 6_336_000);
        assert_eq!(p.total, Some(47_936_000));
    }

    #[test]
    fn the_explanation_of_example_a_names_mays_cut_and_the_total() {
        let values = typed(&["3360000", "84.46", "40,5", "3"]);
        let discipline = DisciplineInputs {
            attendance: BTreeMap::from([(5, vec!["TL1".to_string(), "TL1".to_string()])]),
            ..Default::default()
        };
        let policy = Policy::default();
        let explain = |values: &[String], rating| {
            explanation_with(&example_a(), values, rating, 16_000_000, 2026, tw(2), &policy, &discipline)
                .unwrap()
        };
        let text = explain(&values, Some(Rating::AsExpected)).expect("complete quarter").render();
        for expected in ["104,6", "Baik", "Rp6.336.000", "Rp47.936.000", "Mei"] {
            assert!(text.contains(expected), "{expected} missing from:\n{text}");
        }
        assert_eq!(explain(&values, None), None, "no explanation while the rating is awaited");
        assert_eq!(explain(&values[..3], Some(Rating::AsExpected)), None, "nor while a value is missing");
    }

    #[test]
    fn missing_behaviour_shows_score_and_work_rating_only() {
        let values = typed(&["3.360.000", "84,46", "40,5", "3"]);
        let p = preview(&example_a(), &values, None, 16_000_000, 2026, tw(2), &Policy::default()).unwrap();
        assert_eq!(p.score, Some(d("104.6")));
        assert_eq!(p.work_rating, Some(Rating::AsExpected));
        assert_eq!((p.predikat, p.factor, p.total), (None, None, None));
        assert!(p.months.is_empty());
        assert!(p.pending_note().unwrap().contains(AWAITING_BEHAVIOUR));
    }

    #[test]
    fn missing_values_give_capaian_of_the_filled_ones_and_no_score() {
        let values = typed(&["3.360.000", "", "40,5"]);
        let p = preview(
            &example_a(),
            &values,
            Some(Rating::AsExpected),
            16_000_000,
            2026,
            tw(2),
            &Policy::default(),
        )
        .unwrap();
        assert_eq!(p.missing, 2);
        assert_eq!(p.indicators[0].achievement, Some(d("105")));
        assert_eq!(p.indicators[1].achievement, None);
        assert!(!p.indicators[1].entered && p.indicators[1].assessed);
        assert_eq!(p.indicators[2].achievement, Some(d("90")));
        assert_eq!((p.score, p.work_rating, p.predikat), (None, None, None));
        assert!(p.pending_note().unwrap().contains("2 indikator"));

        let none = preview(&example_a(), &[], None, 16_000_000, 2026, tw(2), &Policy::default()).unwrap();
        assert_eq!(none.missing, 4);
        assert!(none.indicators.iter().all(|i| i.achievement.is_none()));
    }

    #[test]
    fn indicators_without_a_quarter_target_are_left_out() {
        let mut sheet = example_a();
        sheet[2].target = None;
        // A value typed for it is ignored: it is not assessed this quarter.
        let values = typed(&["3.360.000", "84,46", "", "3"]);
        let p =
            preview(&sheet, &values, Some(Rating::AsExpected), 16_000_000, 2026, tw(2), &Policy::default())
                .unwrap();
        assert_eq!(p.missing, 0);
        assert!(!p.indicators[2].assessed);
        // (40×105 + 20×103 + 20×120) / 80 = 108,25
        assert_eq!(p.score, Some(d("108.25")));
    }

    #[test]
    fn a_range_target_takes_one_number() {
        let sheet = vec![
            ind("Inflasi", Polarity::Range, 50, Some(Target::Range { low: d("2"), high: d("4") })),
            ind("Kunjungan", Polarity::Max, 50, value("100")),
        ];
        let p = preview(
            &sheet,
            &typed(&["3,1", "100"]),
            Some(Rating::Above),
            1_000_000,
            2026,
            tw(1),
            &Policy::default(),
        )
        .unwrap();
        assert_eq!(p.indicators[0].achievement, Some(d("100")));
        assert_eq!(p.score, Some(d("100")));
    }

    #[test]
    fn bad_values_name_their_field() {
        let policy = Policy::default();
        let e = preview(&example_a(), &typed(&["1", "abc"]), None, 1, 2026, tw(2), &policy).unwrap_err();
        assert_eq!(e.field, "realisations[1].value");
        let e = preview(&example_a(), &typed(&["1", "-99999999999999999999"]), None, 1, 2026, tw(2), &policy)
            .unwrap_err();
        assert_eq!(e.field, "realisations[1].value");
        assert_eq!(parse_realisation(0, "-5").unwrap(), Some(d("-5")));
        assert_eq!(parse_realisation(0, "-1,25").unwrap(), Some(d("-1.25")));
        assert_eq!(parse_realisation(0, " 1.200 ").unwrap(), Some(d("1200")));
        assert_eq!(parse_realisation(0, "1.234,5").unwrap(), Some(d("1234.5")));
        assert_eq!(parse_realisation(0, "  ").unwrap(), None);
    }
}
