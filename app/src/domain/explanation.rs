//! "Mengapa TPP saya Rp X?": the steps that produced a quarter's result, in Indonesian, for the UI
//! (step by step) and for `pakta calc --explain` (as text).
use super::achievement::Goal;
use super::evaluation::{Evaluation, Indicator, IndicatorResult, MonthResult};
use super::rating::{ForcedBelow, Rating};
use crate::format::{group_thousands, rupiah, MONTHS_ID};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a step explains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "at")]
pub enum Topic {
    /// Capaian of the indicator at this index.
    Achievement(usize),
    Score,
    WorkRating,
    Behaviour,
    Predikat,
    Factor,
    /// TPP of this calendar month.
    Month(u32),
    Total,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub topic: Topic,
    pub title: String,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub heading: String,
    pub steps: Vec<Step>,
}

impl Explanation {
    /// Plain text, one step per paragraph.
    pub fn render(&self) -> String {
        let mut out = format!("{}\n", self.heading);
        for step in &self.steps {
            out.push_str(&format!("\n{}\n", step.title));
            for line in &step.lines {
                out.push_str(&format!("  {line}\n"));
            }
        }
        out
    }
}

/// A decimal the Indonesian way: 3.200.000; 104,6.
pub fn number_id(d: Decimal) -> String {
    let d = d.normalize();
    let text = d.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let int = int.parse::<i64>().map(group_thousands).unwrap_or_else(|_| int.to_string());
    let sign = if d.is_sign_negative() && !d.is_zero() { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int},{frac}")
    }
}

/// The Indonesian name of the default sanction levels (PP 94/2021); other levels as recorded.
pub fn level_id(level: &str) -> String {
    match level {
        "light" => "ringan".to_string(),
        "moderate" => "sedang".to_string(),
        "heavy" => "berat".to_string(),
        other => other.to_string(),
    }
}

fn pct(d: Decimal) -> String {
    format!("{}%", number_id(d))
}

fn month_name(year: i32, month: u32) -> String {
    let name = MONTHS_ID.get(month.saturating_sub(1) as usize).copied().unwrap_or("?");
    format!("{name} {year}")
}

fn achievement_line(ind: &Indicator, r: &IndicatorResult) -> String {
    let head = format!("{} ({}, bobot {})", ind.name, ind.polarity.label_id(), pct(ind.weight));
    let (Some(a), Some(raw), Some(c)) = (&ind.assessment, r.raw, r.achievement) else {
        return format!("{head}: tidak dinilai pada triwulan ini (target kosong); bobotnya tidak dihitung.");
    };
    let rr = number_id(a.realisation);
    let n = number_id;
    let formula = match a.goal {
        Goal::Max { target } => format!("C = R / T × 100 = {rr} / {} × 100 = {}", n(target), pct(raw)),
        Goal::Min { target } if target.is_zero() && a.realisation.is_zero() => {
            "target 0 dan realisasi 0 → C = 100%".to_string()
        }
        Goal::Min { target } if target.is_zero() => format!("target 0 dan realisasi {rr} di atas 0 → C = 0%"),
        Goal::Min { target } => {
            format!(
                "C = (2 − R / T) × 100 = (2 − {rr} / {}) × 100 = {} (paling rendah 0)",
                n(target),
                pct(raw)
            )
        }
        Goal::Range { low, high } if a.realisation >= low && a.realisation <= high => {
            format!("realisasi {rr} di dalam rentang [{}; {}] → C = 100%", n(low), n(high))
        }
        Goal::Range { low, .. } if a.realisation < low => {
            format!("realisasi di bawah rentang: C = R / L × 100 = {rr} / {} × 100 = {}", n(low), pct(raw))
        }
        Goal::Range { high, .. } => format!(
            "realisasi di atas rentang: C = (2 − R / U) × 100 = (2 − {rr} / {}) × 100 = {} (paling rendah 0)",
            n(high),
            pct(raw)
        ),
    };
    if c < raw {
        format!("{head}: {formula}, dibatasi menjadi {}.", pct(c))
    } else {
        format!("{head}: {formula}.")
    }
}

fn score_step(e: &Evaluation) -> Step {
    let terms: Vec<String> = e
        .input
        .indicators
        .iter()
        .zip(&e.indicators)
        .filter_map(|(ind, r)| r.achievement.map(|c| format!("{} × {}", number_id(ind.weight), number_id(c))))
        .collect();
    let mut lines = vec![format!(
        "S = Σ(bobot × capaian) / Σ bobot = ({}) / {} = {}.",
        terms.join(" + "),
        number_id(e.assessed_weight),
        number_id(e.score)
    )];
    if e.indicators.iter().any(|r| r.achievement.is_none()) {
        lines.push(format!(
            "Indikator yang tidak dinilai tidak dihitung; bobot lainnya dinormalkan ulang (jumlah bobot yang dinilai {}).",
            number_id(e.assessed_weight)
        ));
    }
    Step { topic: Topic::Score, title: "2. Nilai capaian".into(), lines }
}

fn work_rating_line(e: &Evaluation) -> String {
    let t = &e.policy.rating_thresholds;
    let s = number_id(e.score);
    let (above, expected) = (number_id(t.above), number_id(t.as_expected));
    match e.work_rating {
        Rating::Above => format!("{s} ≥ {above} → {}.", Rating::Above.label_id()),
        Rating::AsExpected => format!("{expected} ≤ {s} < {above} → {}.", Rating::AsExpected.label_id()),
        Rating::Below => format!("{s} < {expected} → {}.", Rating::Below.label_id()),
    }
}

fn behaviour_lines(e: &Evaluation) -> Vec<String> {
    let b = &e.behaviour;
    let mut lines = vec![format!("Rating dari atasan: {}.", b.entered.label_id())];
    for reason in &b.forced_by {
        lines.push(match reason {
            ForcedBelow::IntegrityBreach => {
                "Tercatat pelanggaran pakta integritas pada triwulan ini.".to_string()
            }
            ForcedBelow::SanctionTakingEffect => {
                "Hukuman disiplin mulai berlaku (TMT) pada triwulan ini.".to_string()
            }
        });
    }
    if !b.forced_by.is_empty() {
        lines.push(format!("Menurut kebijakan, rating perilaku menjadi {}.", Rating::Below.label_id()));
    }
    lines
}

fn factor_lines(e: &Evaluation) -> Vec<String> {
    let f = &e.factor;
    let s = number_id(e.score);
    let mut lines = vec![match &f.band {
        Some(b) => format!("Nilai {s} ≥ {} → faktor {}.", number_id(b.from), pct(f.band_factor)),
        None => format!("Nilai {s} di bawah pita terendah → faktor 0%."),
    }];
    if let Some(cap) = f.predikat_cap {
        lines.push(format!(
            "Predikat {}: faktor paling tinggi {} → F = min({}, {}) = {}.",
            e.predikat.label_id(),
            pct(cap),
            number_id(f.band_factor),
            number_id(cap),
            pct(f.factor)
        ));
    }
    lines
}

/// "= 398.497,5, dibulatkan menjadi Rp398.498" when rounding changed the amount.
fn shown(exact: Decimal, rounded: i64) -> String {
    if exact == Decimal::from(rounded) {
        rupiah(rounded)
    } else {
        format!("{} → dibulatkan menjadi {}", number_id(exact), rupiah(rounded))
    }
}

fn month_step(e: &Evaluation, m: &MonthResult) -> Step {
    let t = &m.tpp;
    let p = rupiah(e.input.monthly_ceiling);
    let split = &e.policy.split;
    let mut lines = Vec::new();
    let codes = e.input.attendance.get(&t.month).map(Vec::as_slice).unwrap_or_default();
    if codes.is_empty() {
        lines.push("Potongan kehadiran: tidak ada.".to_string());
    } else {
        let parts: Vec<String> = codes
            .iter()
            .map(|code| format!("{code} {}", pct(e.policy.cuts.get(code).copied().unwrap_or_default())))
            .collect();
        let mut line = format!("Potongan kehadiran: {} = {}", parts.join(" + "), pct(m.cut_sum));
        if m.cut_sum > t.deduction {
            line.push_str(&format!(", dibatasi menjadi {}", pct(t.deduction)));
        }
        line.push('.');
        lines.push(line);
    }
    lines.push(format!(
        "Disiplin kerja: {} × {p} × (100 − {}) / 100 = {}.",
        pct(split.discipline),
        number_id(t.deduction),
        shown(t.discipline_exact, t.discipline)
    ));
    lines.push(format!(
        "Produktivitas kerja: {} × {p} × {} / 100 = {}.",
        pct(split.productivity),
        number_id(e.factor.factor),
        shown(t.productivity_exact, t.productivity)
    ));
    match m.sanction.and_then(|i| e.input.sanctions.get(i)) {
        Some(s) => {
            let (ly, lm) = s.last_month();
            lines.push(format!(
                "Hukuman disiplin {} {} (TMT {}, {} bulan, berlaku sampai {}): {} × ({} + {}) = {}.",
                level_id(&s.level),
                pct(s.percent),
                crate::format::date_id(s.start),
                s.months,
                month_name(ly, lm),
                pct(s.percent),
                rupiah(t.discipline),
                rupiah(t.productivity),
                shown(t.sanction_cut_exact, t.sanction_cut)
            ));
            let others = e.input.sanctions.iter().filter(|o| o.in_force(t.year, t.month)).count();
            if others > 1 {
                lines.push(
                    "Beberapa hukuman berlaku; yang diterapkan hanya potongan terbesar (tidak ditumpuk)."
                        .into(),
                );
            }
        }
        None => lines.push("Hukuman disiplin: tidak ada yang berlaku.".to_string()),
    }
    lines.push(format!(
        "TPP bruto: {} + {} − {} = {}.",
        rupiah(t.discipline),
        rupiah(t.productivity),
        rupiah(t.sanction_cut),
        rupiah(t.gross)
    ));
    Step { topic: Topic::Month(t.month), title: format!("7. TPP {}", month_name(t.year, t.month)), lines }
}

/// The explanation of an evaluation.
pub fn explain(e: &Evaluation) -> Explanation {
    let heading = format!(
        "Perhitungan TPP Triwulan {} {} — pagu TPP bulanan {}",
        e.input.quarter.roman(),
        e.input.year,
        rupiah(e.input.monthly_ceiling)
    );
    let mut steps = vec![Step {
        topic: Topic::Achievement(0),
        title: format!("1. Capaian indikator (batas atas {})", pct(e.policy.cap)),
        lines: e
            .input
            .indicators
            .iter()
            .zip(&e.indicators)
            .enumerate()
            .map(|(i, (ind, r))| format!("{}) {}", i + 1, achievement_line(ind, r)))
            .collect(),
    }];
    steps.push(score_step(e));
    steps.push(Step {
        topic: Topic::WorkRating,
        title: "3. Rating hasil kerja".into(),
        lines: vec![work_rating_line(e)],
    });
    steps.push(Step {
        topic: Topic::Behaviour,
        title: "4. Rating perilaku kerja".into(),
        lines: behaviour_lines(e),
    });
    steps.push(Step {
        topic: Topic::Predikat,
        title: "5. Predikat kinerja".into(),
        lines: vec![format!(
            "Hasil kerja {} × perilaku {} → {}.",
            e.work_rating.label_id(),
            e.behaviour.rating.label_id(),
            e.predikat.label_id()
        )],
    });
    steps.push(Step { topic: Topic::Factor, title: "6. Faktor kinerja (F)".into(), lines: factor_lines(e) });
    steps.extend(e.months.iter().map(|m| month_step(e, m)));
    let grosses: Vec<String> = e.months.iter().map(|m| rupiah(m.tpp.gross)).collect();
    let mut total_lines =
        vec![format!("{} = {} (jumlah angka yang sudah dibulatkan).", grosses.join(" + "), rupiah(e.total))];
    if let Some(last) = e.months.last() {
        for s in &e.input.sanctions {
            let (ly, lm) = s.last_month();
            if (ly, lm) > (last.tpp.year, last.tpp.month) && s.percent > Decimal::ZERO {
                total_lines.push(format!(
                    "Potongan hukuman disiplin {} {} berlanjut sampai {}.",
                    level_id(&s.level),
                    pct(s.percent),
                    month_name(ly, lm)
                ));
            }
        }
    }
    steps.push(Step { topic: Topic::Total, title: "8. TPP bruto triwulan".into(), lines: total_lines });
    Explanation { heading, steps }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::parse;

    #[test]
    fn numbers_in_indonesian() {
        assert_eq!(number_id(Decimal::new(1046, 1)), "104,6");
        assert_eq!(number_id(Decimal::from(3_200_000)), "3.200.000");
        assert_eq!(number_id(Decimal::new(84460, 3)), "84,46");
        assert_eq!(number_id(Decimal::new(-5, 1)), "-0,5");
    }

    #[test]
    fn explains_example_c() {
        let text = r#"{"year": 2026, "quarter": 4, "monthly_ceiling": 5500000,
          "indicators": [
            {"name": "Izin tepat waktu", "polarity": "max", "weight": 40, "target": 95, "realisation": 97.85},
            {"name": "Rata-rata hari proses", "polarity": "min", "weight": 30, "target": 5, "realisation": 4},
            {"name": "Pengaduan belum selesai", "polarity": "min", "weight": 30, "target": 0, "realisation": 0}],
          "behaviour": "as_expected", "integrity_breach": true,
          "sanctions": [{"level": "moderate", "percent": 25, "start": "2026-11-01", "months": 6}]}"#;
        let case = parse(text).unwrap();
        let text = explain(&case.evaluate().unwrap()).render();
        for needle in [
            "Triwulan IV 2026",
            "C = R / T × 100 = 97,85 / 95 × 100 = 103%",
            "target 0 dan realisasi 0 → C = 100%",
            "S = Σ(bobot × capaian) / Σ bobot = (40 × 103 + 30 × 120 + 30 × 100) / 100 = 107,2.",
            "pelanggaran pakta integritas",
            "Kurang/Misconduct",
            "F = min(100, 50) = 50%",
            "25% × (Rp2.200.000 + Rp1.650.000) = Rp962.500",
            "Rp3.850.000 + Rp2.887.500 + Rp2.887.500 = Rp9.625.000",
            "berlanjut sampai April 2027",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in\n{text}");
        }
    }
}
