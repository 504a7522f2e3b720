//! TPP per month: the discipline and productivity components, the sanction cut and the gross.
use super::policy::Split;
use super::rounding::to_rupiah;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Triwulan I–IV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Quarter(u32);

impl Quarter {
    pub fn new(number: u32) -> Option<Quarter> {
        (1..=4).contains(&number).then_some(Quarter(number))
    }

    pub fn number(self) -> u32 {
        self.0
    }

    /// The calendar months (1–12) of the quarter.
    pub fn months(self) -> [u32; 3] {
        let first = (self.0 - 1) * 3 + 1;
        [first, first + 1, first + 2]
    }

    pub fn contains_month(self, month: u32) -> bool {
        self.months().contains(&month)
    }

    pub fn roman(self) -> &'static str {
        ["I", "II", "III", "IV"][(self.0 - 1) as usize]
    }
}

impl TryFrom<u32> for Quarter {
    type Error = String;
    fn try_from(n: u32) -> Result<Self, String> {
        Quarter::new(n).ok_or_else(|| format!("triwulan {n} tidak ada (1–4)"))
    }
}

impl From<Quarter> for u32 {
    fn from(q: Quarter) -> u32 {
        q.0
    }
}

/// Quarters counted from year 0, so that steps cross year ends.
fn quarter_index(year: i32, q: Quarter) -> i64 {
    i64::from(year) * 4 + i64::from(q.0) - 1
}

fn from_quarter_index(i: i64) -> (i32, Quarter) {
    (i.div_euclid(4) as i32, Quarter((i.rem_euclid(4) + 1) as u32))
}

/// The quarter containing `day`.
pub fn quarter_of(day: NaiveDate) -> (i32, Quarter) {
    (day.year(), Quarter((day.month() - 1) / 3 + 1))
}

/// The period the admin's quarter pages open on (TPP run, realisations, closing): the quarter
/// being closed, i.e. the one after the latest locked quarter, once it has ended; with nothing
/// locked yet, the latest quarter that has ended; otherwise (the next one to close has not
/// ended) the current quarter. In December with TW I–II locked that is TW III; with TW III
/// locked too, TW IV.
pub fn working_quarter(today: NaiveDate, latest_locked: Option<(i32, Quarter)>) -> (i32, Quarter) {
    let (year, q) = quarter_of(today);
    let current = quarter_index(year, q);
    let previous = current - 1;
    let next_to_close = latest_locked.map(|(y, q)| quarter_index(y, q) + 1);
    from_quarter_index(match next_to_close {
        Some(next) if next <= previous => next,
        Some(_) => current,
        None => previous,
    })
}

/// Hukuman disiplin: in force in every calendar month from the month of `start` (TMT) for `months`
/// months, crossing year boundaries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sanction {
    pub level: String,
    /// Cut, percent of the month's TPP (discipline + productivity).
    pub percent: Decimal,
    pub start: NaiveDate,
    pub months: u32,
}

/// Months counted from year 0, so that ranges cross year ends.
fn month_index(year: i32, month: u32) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

impl Sanction {
    pub fn in_force(&self, year: i32, month: u32) -> bool {
        let start = month_index(self.start.year(), self.start.month());
        let m = month_index(year, month);
        m >= start && m < start + i64::from(self.months)
    }

    /// The last month in force, as (year, month).
    pub fn last_month(&self) -> (i32, u32) {
        let last = month_index(self.start.year(), self.start.month()) + i64::from(self.months.max(1)) - 1;
        (last.div_euclid(12) as i32, (last.rem_euclid(12) + 1) as u32)
    }
}

/// The sanction that applies in a month: the largest cut in force (sanctions do not stack); the
/// first listed wins a tie. Returns its index.
pub fn sanction_in_force(sanctions: &[Sanction], year: i32, month: u32) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, s) in sanctions.iter().enumerate() {
        if s.in_force(year, month) && best.is_none_or(|b| s.percent > sanctions[b].percent) {
            best = Some(i);
        }
    }
    best
}

/// The month's attendance cuts: (Σ cuts, d = min(100, Σ cuts)).
pub fn attendance_deduction(cuts: impl IntoIterator<Item = Decimal>) -> (Decimal, Decimal) {
    let sum: Decimal = cuts.into_iter().sum();
    (sum, sum.min(Decimal::ONE_HUNDRED))
}

/// One month's TPP, exact amounts beside the shown (rounded) ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthTpp {
    pub year: i32,
    pub month: u32,
    /// d, percent, after the 100% cap.
    pub deduction: Decimal,
    pub discipline_exact: Decimal,
    pub discipline: i64,
    pub productivity_exact: Decimal,
    pub productivity: i64,
    /// h, percent, of the sanction in force (0 when none).
    pub sanction_percent: Decimal,
    pub sanction_cut_exact: Decimal,
    pub sanction_cut: i64,
    /// TPP bruto = discipline + productivity − sanction cut (of the rounded amounts).
    pub gross: i64,
}

/// x / 10^places, exactly, by moving the decimal point (a percent of a percent is x / 10^4);
/// divides when the scale would pass 28 digits.
fn shift_point(x: Decimal, places: u32) -> Decimal {
    Decimal::try_from_i128_with_scale(x.mantissa(), x.scale() + places)
        .unwrap_or_else(|_| x / Decimal::from(10i64.pow(places)))
}

/// Disiplin kerja, exact: split × P × (100 − d) / 100.
pub fn discipline_component(ceiling: i64, split: &Split, deduction: Decimal) -> Decimal {
    shift_point(Decimal::from(ceiling) * split.discipline * (Decimal::ONE_HUNDRED - deduction), 4)
}

/// Produktivitas kerja, exact: split × P × F / 100. The quarter's F applies to its three months.
pub fn productivity_component(ceiling: i64, split: &Split, factor: Decimal) -> Decimal {
    shift_point(Decimal::from(ceiling) * split.productivity * factor, 4)
}

/// A month from its exact components: each shown amount rounded half-up, potongan = h ×
/// (disiplin + produktivitas) on the rounded components, bruto = the rounded sum less the cut.
pub fn month_tpp(
    year: i32,
    month: u32,
    deduction: Decimal,
    discipline_exact: Decimal,
    productivity_exact: Decimal,
    sanction_percent: Decimal,
) -> MonthTpp {
    let discipline = to_rupiah(discipline_exact);
    let productivity = to_rupiah(productivity_exact);
    let sanction_cut_exact = shift_point(Decimal::from(discipline + productivity) * sanction_percent, 2);
    let sanction_cut = to_rupiah(sanction_cut_exact);
    MonthTpp {
        year,
        month,
        deduction,
        discipline_exact,
        discipline,
        productivity_exact,
        productivity,
        sanction_percent,
        sanction_cut_exact,
        sanction_cut,
        gross: discipline + productivity - sanction_cut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::policy::Policy;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A month of 2026 under the default split: ceiling, d, F and h.
    fn month(ceiling: i64, d: Decimal, factor: Decimal, h: Decimal) -> MonthTpp {
        let split = Policy::default().split;
        let discipline = discipline_component(ceiling, &split, d);
        month_tpp(2026, 1, d, discipline, productivity_component(ceiling, &split, factor), h)
    }

    fn sanction(pct: i64, start: NaiveDate, months: u32) -> Sanction {
        Sanction { level: "moderate".into(), percent: Decimal::from(pct), start, months }
    }

    #[test]
    fn example_a_may() {
        let m = month(16_000_000, Decimal::ONE, Decimal::ONE_HUNDRED, Decimal::ZERO);
        assert_eq!(
            (m.discipline, m.productivity, m.sanction_cut, m.gross),
            (6_336_000, 9_600_000, 0, 15_936_000)
        );
    }

    #[test]
    fn example_c_sanctioned_month() {
        let m = month(5_500_000, Decimal::ZERO, Decimal::from(50), Decimal::from(25));
        assert_eq!(
            (m.discipline, m.productivity, m.sanction_cut, m.gross),
            (2_200_000, 1_650_000, 962_500, 2_887_500)
        );
    }

    #[test]
    fn half_rupiah_rounds_up_per_amount() {
        let m = month(1_001_250, Decimal::new(5, 1), Decimal::ONE_HUNDRED, Decimal::ZERO);
        assert_eq!(m.discipline_exact, Decimal::new(3984975, 1));
        assert_eq!(m.discipline, 398_498);
        let m = month(1_001_250, Decimal::ZERO, Decimal::ONE_HUNDRED, Decimal::from(25));
        assert_eq!((m.sanction_cut_exact, m.sanction_cut), (Decimal::new(2503125, 1), 250_313));
        assert_eq!(m.gross, 400_500 + 600_750 - 250_313);
    }

    #[test]
    fn deduction_capped_at_100() {
        let cuts = vec![Decimal::from(4); 30];
        assert_eq!(attendance_deduction(cuts), (Decimal::from(120), Decimal::ONE_HUNDRED));
        let (_, d) = attendance_deduction([Decimal::new(5, 1), Decimal::from(4)]);
        assert_eq!(d, Decimal::new(45, 1));
        assert_eq!(attendance_deduction([]), (Decimal::ZERO, Decimal::ZERO));
    }

    #[test]
    fn sanctions_by_calendar_month_across_years() {
        let s = sanction(25, date(2025, 11, 20), 6);
        assert!(!s.in_force(2025, 10));
        assert!(s.in_force(2025, 11));
        assert!(s.in_force(2026, 4));
        assert!(!s.in_force(2026, 5));
        assert_eq!(s.last_month(), (2026, 4));
        assert_eq!(sanction(25, date(2026, 11, 1), 6).last_month(), (2027, 4));
        assert_eq!(sanction(25, date(2026, 1, 1), 12).last_month(), (2026, 12));
    }

    #[test]
    fn largest_sanction_in_force_applies() {
        let list = [
            sanction(25, date(2026, 1, 1), 6),
            sanction(100, date(2026, 3, 1), 1),
            sanction(25, date(2026, 2, 1), 1),
        ];
        assert_eq!(sanction_in_force(&list, 2026, 1), Some(0));
        assert_eq!(sanction_in_force(&list, 2026, 2), Some(0));
        assert_eq!(sanction_in_force(&list, 2026, 3), Some(1));
        assert_eq!(sanction_in_force(&list, 2026, 7), None);
    }

    #[test]
    fn quarters() {
        assert_eq!(Quarter::new(4).unwrap().months(), [10, 11, 12]);
        assert!(Quarter::new(0).is_none() && Quarter::new(5).is_none());
        assert!(Quarter::new(2).unwrap().contains_month(6));
        assert!(!Quarter::new(2).unwrap().contains_month(7));
    }
}

#[cfg(test)]
mod working_quarter_tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn q(n: u32) -> Quarter {
        Quarter::new(n).unwrap()
    }

    #[test]
    fn opens_on_the_quarter_being_closed() {
        // December, TW I–II locked: TW III is being closed.
        assert_eq!(working_quarter(day("2026-12-07"), Some((2026, q(2)))), (2026, q(3)));
        // TW III locked too: the current quarter.
        assert_eq!(working_quarter(day("2026-12-07"), Some((2026, q(3)))), (2026, q(4)));
        // January: last year's TW IV, once TW III was locked.
        assert_eq!(working_quarter(day("2027-01-05"), Some((2026, q(3)))), (2026, q(4)));
        // A backlog: the oldest quarter not yet locked after the latest lock.
        assert_eq!(working_quarter(day("2026-12-07"), Some((2026, q(1)))), (2026, q(2)));
        assert_eq!(working_quarter(day("2026-12-07"), Some((2025, q(4)))), (2026, q(1)));
    }

    #[test]
    fn with_nothing_locked_opens_on_the_latest_ended_quarter() {
        assert_eq!(working_quarter(day("2026-12-07"), None), (2026, q(3)));
        assert_eq!(working_quarter(day("2026-10-01"), None), (2026, q(3)));
        assert_eq!(working_quarter(day("2026-09-30"), None), (2026, q(2)));
        assert_eq!(working_quarter(day("2026-01-01"), None), (2025, q(4)));
    }
}
