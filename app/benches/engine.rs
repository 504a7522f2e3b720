//! The benchmark of issue 3: 10,000 officials × 5 indicators × 4 quarters, each quarter with its
//! monthly TPP, through `app::domain::evaluation::evaluate` (the function the services, the live
//! preview and `pakta calc` call). Goal: under 50 ms on one core.
//!
//! Run: `make bench` or `cargo bench -p app --bench engine`. No criterion: a warm-up, then
//! `REPETITIONS` timed runs over the whole data set; prints min and median. Inputs are built
//! deterministically before timing; building them is not part of the figure.
use app::domain::achievement::{Goal, Polarity};
use app::domain::evaluation::{evaluate, Assessment, Indicator, QuarterInput};
use app::domain::policy::Policy;
use app::domain::rating::Rating;
use app::domain::tpp::{Quarter, Sanction};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

const OFFICIALS: u64 = 10_000;
const WARM_UP: usize = 3;
const REPETITIONS: usize = 21;

/// A small deterministic generator (SplitMix64), so every run measures the same inputs.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
}

const WEIGHTS: [i64; 5] = [30, 25, 20, 15, 10];
const CODES: [&str; 10] = ["TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4", "TA", "TK"];

/// One indicator: polarity by position (max, max, min, range, and a mix for the last), targets
/// with decimals, realisations around the target; now and then not assessed this quarter.
fn indicator(rng: &mut Mix, i: usize) -> Indicator {
    let polarity = match i {
        0 | 1 => Polarity::Max,
        2 => Polarity::Min,
        3 => Polarity::Range,
        _ => Polarity::ALL[rng.below(3) as usize],
    };
    let target = Decimal::new(rng.range(1_000, 5_000_000), 2);
    // 60%–140% of the target, to two places.
    let realisation = target * Decimal::new(rng.range(60, 140), 2);
    let goal = match polarity {
        Polarity::Max => Goal::Max { target },
        Polarity::Min if rng.below(20) == 0 => Goal::Min { target: Decimal::ZERO },
        Polarity::Min => Goal::Min { target },
        Polarity::Range => Goal::Range { low: target, high: target * Decimal::new(12, 1) },
    };
    let assessment = (i == 0 || rng.below(10) != 0).then_some(Assessment { goal, realisation });
    Indicator {
        name: format!("Indikator {}", i + 1),
        polarity,
        weight: Decimal::from(WEIGHTS[i]),
        assessment,
    }
}

/// The four quarters of 2026 of one official.
fn official(rng: &mut Mix, n: u64) -> Vec<QuarterInput> {
    let ceiling = rng.range(2_000_000, 20_000_000);
    // About one official in 25 has a sanction, some starting in the previous year.
    let sanctions: Vec<Sanction> = if n.is_multiple_of(25) {
        let year = if rng.below(3) == 0 { 2025 } else { 2026 };
        let (level, percent) = [("light", 0), ("moderate", 25), ("heavy", 100)][rng.below(3) as usize];
        let start = NaiveDate::from_ymd_opt(year, rng.range(1, 12) as u32, rng.range(1, 28) as u32).unwrap();
        let months = [6, 9, 12][rng.below(3) as usize];
        vec![Sanction { level: level.into(), percent: Decimal::from(percent), start, months }]
    } else {
        Vec::new()
    };
    (1..=4)
        .map(|q| {
            let quarter = Quarter::new(q).unwrap();
            let mut attendance = BTreeMap::new();
            for month in quarter.months() {
                // Two months in five have cuts; now and then more than 100%.
                let count = match rng.below(50) {
                    0 => 30,
                    k if k < 20 => 1 + k % 4,
                    _ => 0,
                };
                if count > 0 {
                    let codes = (0..count).map(|_| CODES[rng.below(CODES.len() as u64) as usize].to_string());
                    attendance.insert(month, codes.collect());
                }
            }
            QuarterInput {
                year: 2026,
                quarter,
                monthly_ceiling: ceiling,
                indicators: (0..5).map(|i| indicator(rng, i)).collect(),
                behaviour: [Rating::Above, Rating::AsExpected, Rating::AsExpected, Rating::Below]
                    [rng.below(4) as usize],
                integrity_breach: rng.below(100) == 0,
                attendance,
                sanctions: sanctions.clone(),
            }
        })
        .collect()
}

/// One pass over every official and quarter; returns the sum of the quarters' totals.
fn run(inputs: &[QuarterInput], policy: &Policy) -> i64 {
    inputs.iter().map(|input| evaluate(black_box(input), policy).expect("valid input").total).sum()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let policy = Policy::default();
    let mut rng = Mix(2026);
    let inputs: Vec<QuarterInput> = (0..OFFICIALS).flat_map(|n| official(&mut rng, n)).collect();

    let expected = run(&inputs, &policy);
    for _ in 0..WARM_UP {
        assert_eq!(black_box(run(&inputs, &policy)), expected);
    }
    let mut times: Vec<Duration> = (0..REPETITIONS)
        .map(|_| {
            let start = Instant::now();
            let total = run(black_box(&inputs), &policy);
            let elapsed = start.elapsed();
            assert_eq!(total, expected);
            elapsed
        })
        .collect();
    times.sort_unstable();
    let (min, median) = (times[0], times[times.len() / 2]);
    println!(
        "engine: {OFFICIALS} officials × 5 indicators × 4 quarters = {} quarter evaluations (with monthly TPP)",
        inputs.len()
    );
    println!(
        "engine: min {:.2} ms, median {:.2} ms over {REPETITIONS} runs ({:.2} µs per quarter; goal < 50 ms)",
        ms(min),
        ms(median),
        ms(median) * 1e3 / inputs.len() as f64
    );
    println!("engine: checksum Rp{expected}");
}
