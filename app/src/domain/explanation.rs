//! "Mengapa TPP saya Rp X?": the steps that produced a quarter's result, for the UI (step by
//! step) and for `pakta calc --explain` (as text). Every text is built in both languages at once,
//! from the same figures, so that the page shows it in the reader's language whoever computed it;
//! the figures keep the Indonesian format in both (Rp16.000.000, 104,6).
use super::achievement::Goal;
use super::evaluation::{Evaluation, Indicator, IndicatorResult, MonthResult};
use super::exact;
use super::rating::{ForcedBelow, Rating};
use crate::format::{group_thousands, rupiah};
use crate::i18n::{date_in, month_name_in, Lang};
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

/// A text of the explanation in Indonesian and in English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Text {
        Text { id: id.into(), en: en.into() }
    }

    /// The text in `lang`.
    pub fn in_lang(&self, lang: Lang) -> &str {
        lang.pick(&self.id, &self.en)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub topic: Topic,
    pub title: Text,
    pub lines: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub heading: Text,
    pub steps: Vec<Step>,
}

impl Explanation {
    /// Plain text in Indonesian, one step per paragraph.
    pub fn render(&self) -> String {
        self.render_in(Lang::Id)
    }

    /// Plain text in `lang`, one step per paragraph.
    pub fn render_in(&self, lang: Lang) -> String {
        let mut out = format!("{}\n", self.heading.in_lang(lang));
        for step in &self.steps {
            out.push_str(&format!("\n{}\n", step.title.in_lang(lang)));
            for line in &step.lines {
                out.push_str(&format!("  {}\n", line.in_lang(lang)));
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
    level_in(level, Lang::Id)
}

/// The name of the default sanction levels in `lang`; other levels as recorded.
pub fn level_in(level: &str, lang: Lang) -> String {
    match level {
        "light" => lang.pick("ringan", "light").to_string(),
        "moderate" => lang.pick("sedang", "moderate").to_string(),
        "heavy" => lang.pick("berat", "heavy").to_string(),
        other => other.to_string(),
    }
}

fn pct(d: Decimal) -> String {
    format!("{}%", number_id(d))
}

fn month_name(year: i32, month: u32, lang: Lang) -> String {
    let name = Some(month_name_in(lang, month)).filter(|n| !n.is_empty()).unwrap_or("?");
    format!("{name} {year}")
}

/// A text built by `f` in each language.
fn both(f: impl Fn(Lang) -> String) -> Text {
    Text { id: f(Lang::Id), en: f(Lang::En) }
}

/// "=", or "≈" where the value shown is rounded (capaian and scores are shown to 10 places and
/// compared exactly: domain.md section 3, "Exactness").
fn equals(rounded: bool) -> &'static str {
    if rounded {
        "≈"
    } else {
        "="
    }
}

/// Which shown values are rounded: each indicator's capaian before the cap, and the score.
struct Rounded {
    raw: Vec<bool>,
    score: bool,
}

fn rounded(e: &Evaluation) -> Rounded {
    let exact_raw: Vec<_> = e
        .input
        .indicators
        .iter()
        .map(|ind| ind.assessment.as_ref().map(|a| exact::achievement(&a.goal, a.realisation)))
        .collect();
    let raw = exact_raw
        .iter()
        .zip(&e.indicators)
        .map(|(x, r)| matches!((x, r.raw), (Some(x), Some(shown)) if !exact::is_exactly(shown, x)))
        .collect();
    let capped: Vec<_> = exact_raw.into_iter().map(|x| x.map(|x| exact::capped(x, e.policy.cap))).collect();
    let score = exact::score(e.input.indicators.iter().zip(&capped).map(|(i, c)| (i.weight, c.as_ref())))
        .is_some_and(|s| !exact::is_exactly(e.score, &s));
    Rounded { raw, score }
}

/// The score as the rating and factor lines show it: "104,6", or "≈ 89,9999999999".
fn score_text(e: &Evaluation, rounded: &Rounded) -> String {
    if rounded.score {
        format!("≈ {}", number_id(e.score))
    } else {
        number_id(e.score)
    }
}

fn achievement_line(ind: &Indicator, r: &IndicatorResult, rounded: bool, lang: Lang) -> String {
    let polarity = ind.polarity.label_in(lang);
    let head = match lang {
        Lang::Id => format!("{} ({polarity}, bobot {})", ind.name, pct(ind.weight)),
        Lang::En => format!("{} ({polarity}, weight {})", ind.name, pct(ind.weight)),
    };
    let (Some(a), Some(raw), Some(c)) = (&ind.assessment, r.raw, r.achievement) else {
        return match lang {
            Lang::Id => {
                format!("{head}: tidak dinilai pada triwulan ini (target kosong); bobotnya tidak dihitung.")
            }
            Lang::En => format!("{head}: not assessed this quarter (no target); its weight is not counted."),
        };
    };
    let rr = number_id(a.realisation);
    let n = number_id;
    let eq = equals(rounded);
    let at_least_0 = lang.pick("paling rendah 0", "at least 0");
    let formula = match a.goal {
        Goal::Max { target } => format!("C = R / T × 100 = {rr} / {} × 100 {eq} {}", n(target), pct(raw)),
        Goal::Min { target } if target.is_zero() && a.realisation.is_zero() => lang
            .pick("target 0 dan realisasi 0 → C = 100%", "target 0 and realisation 0 → C = 100%")
            .to_string(),
        Goal::Min { target } if target.is_zero() => match lang {
            Lang::Id => format!("target 0 dan realisasi {rr} di atas 0 → C = 0%"),
            Lang::En => format!("target 0 and realisation {rr} above 0 → C = 0%"),
        },
        Goal::Min { target } => {
            format!(
                "C = (2 − R / T) × 100 = (2 − {rr} / {}) × 100 {eq} {} ({at_least_0})",
                n(target),
                pct(raw)
            )
        }
        Goal::Range { low, high } if a.realisation >= low && a.realisation <= high => match lang {
            Lang::Id => format!("realisasi {rr} di dalam rentang [{}; {}] → C = 100%", n(low), n(high)),
            Lang::En => format!("realisation {rr} within the range [{}; {}] → C = 100%", n(low), n(high)),
        },
        Goal::Range { low, .. } if a.realisation < low => format!(
            "{}: C = R / L × 100 = {rr} / {} × 100 {eq} {}",
            lang.pick("realisasi di bawah rentang", "realisation below the range"),
            n(low),
            pct(raw)
        ),
        Goal::Range { high, .. } => format!(
            "{}: C = (2 − R / U) × 100 = (2 − {rr} / {}) × 100 {eq} {} ({at_least_0})",
            lang.pick("realisasi di atas rentang", "realisation above the range"),
            n(high),
            pct(raw)
        ),
    };
    if c < raw {
        format!("{head}: {formula}, {} {}.", lang.pick("dibatasi menjadi", "capped at"), pct(c))
    } else {
        format!("{head}: {formula}.")
    }
}

fn score_step(e: &Evaluation, rounded: &Rounded) -> Step {
    let terms: Vec<String> = e
        .input
        .indicators
        .iter()
        .zip(&e.indicators)
        .filter_map(|(ind, r)| r.achievement.map(|c| format!("{} × {}", number_id(ind.weight), number_id(c))))
        .collect();
    let (terms, assessed, score) = (terms.join(" + "), number_id(e.assessed_weight), number_id(e.score));
    let eq = equals(rounded.score);
    let mut lines = vec![Text::new(
        format!("S = Σ(bobot × capaian) / Σ bobot = ({terms}) / {assessed} {eq} {score}."),
        format!("S = Σ(weight × achievement) / Σ weight = ({terms}) / {assessed} {eq} {score}."),
    )];
    if rounded.score || rounded.raw.iter().any(|r| *r) {
        lines.push(Text::new(
            "≈: nilai yang ditampilkan dibulatkan (10 angka desimal); batas atas, rating dan faktor memakai nilai persisnya.",
            "≈: the value shown is rounded (10 decimal places); the cap, the rating and the factor use the exact value.",
        ));
    }
    if e.indicators.iter().any(|r| r.achievement.is_none()) {
        lines.push(Text::new(
            format!(
                "Indikator yang tidak dinilai tidak dihitung; bobot lainnya dinormalkan ulang (jumlah bobot yang dinilai {assessed})."
            ),
            format!(
                "Indicators not assessed are left out; the other weights are renormalised (assessed weights total {assessed})."
            ),
        ));
    }
    Step { topic: Topic::Score, title: Text::new("2. Nilai capaian", "2. Achievement score"), lines }
}

fn work_rating_line(e: &Evaluation, rounded: &Rounded, lang: Lang) -> String {
    let t = &e.policy.rating_thresholds;
    let s = score_text(e, rounded);
    let (above, expected) = (number_id(t.above), number_id(t.as_expected));
    match e.work_rating {
        Rating::Above => format!("{s} ≥ {above} → {}.", Rating::Above.label_in(lang)),
        Rating::AsExpected if rounded.score => {
            format!("{expected} ≤ S < {above} (S {s}) → {}.", Rating::AsExpected.label_in(lang))
        }
        Rating::AsExpected => format!("{expected} ≤ {s} < {above} → {}.", Rating::AsExpected.label_in(lang)),
        Rating::Below => format!("{s} < {expected} → {}.", Rating::Below.label_in(lang)),
    }
}

fn behaviour_lines(e: &Evaluation) -> Vec<Text> {
    let b = &e.behaviour;
    let mut lines = vec![both(|l| {
        format!("{}: {}.", l.pick("Rating dari atasan", "Rating by the superior"), b.entered.label_in(l))
    })];
    for reason in &b.forced_by {
        lines.push(match reason {
            ForcedBelow::IntegrityBreach => Text::new(
                "Tercatat pelanggaran pakta integritas pada triwulan ini.",
                "A breach of the integrity pact was recorded this quarter.",
            ),
            ForcedBelow::SanctionTakingEffect => Text::new(
                "Hukuman disiplin mulai berlaku (TMT) pada triwulan ini.",
                "A disciplinary sanction takes effect this quarter.",
            ),
        });
    }
    for reason in &b.not_forcing {
        lines.push(match reason {
            ForcedBelow::IntegrityBreach => both(|l| match l {
                Lang::Id => format!(
                    "Tercatat pelanggaran pakta integritas pada triwulan ini, tetapi kebijakan TPP yang berlaku tidak membuatnya memaksa rating perilaku menjadi {} (breach_forces_below: false).",
                    Rating::Below.label_in(l)
                ),
                Lang::En => format!(
                    "A breach of the integrity pact was recorded this quarter, but the TPP policy in force does not let it force the behaviour rating to {} (breach_forces_below: false).",
                    Rating::Below.label_in(l)
                ),
            }),
            ForcedBelow::SanctionTakingEffect => both(|l| match l {
                Lang::Id => format!(
                    "Hukuman disiplin mulai berlaku (TMT) pada triwulan ini, tetapi kebijakan TPP yang berlaku tidak membuatnya memaksa rating perilaku menjadi {} (breach_forces_below: false).",
                    Rating::Below.label_in(l)
                ),
                Lang::En => format!(
                    "A disciplinary sanction takes effect this quarter, but the TPP policy in force does not let it force the behaviour rating to {} (breach_forces_below: false).",
                    Rating::Below.label_in(l)
                ),
            }),
        });
    }
    if !b.forced_by.is_empty() {
        lines.push(both(|l| {
            format!(
                "{} {}.",
                l.pick(
                    "Menurut kebijakan, rating perilaku menjadi",
                    "Under the policy, the behaviour rating becomes"
                ),
                Rating::Below.label_in(l)
            )
        }));
    }
    lines
}

fn factor_lines(e: &Evaluation, rounded: &Rounded) -> Vec<Text> {
    let f = &e.factor;
    let s = score_text(e, rounded);
    let mut lines = vec![match &f.band {
        Some(b) => {
            let (from, factor) = (number_id(b.from), pct(f.band_factor));
            Text::new(
                format!("Nilai {s} ≥ {from} → faktor {factor}."),
                format!("Score {s} ≥ {from} → factor {factor}."),
            )
        }
        None => Text::new(
            format!("Nilai {s} di bawah pita terendah → faktor 0%."),
            format!("Score {s} is below the lowest band → factor 0%."),
        ),
    }];
    if let Some(cap) = f.predikat_cap {
        let formula =
            format!("F = min({}, {}) = {}", number_id(f.band_factor), number_id(cap), pct(f.factor));
        lines.push(both(|l| match l {
            Lang::Id => {
                format!("Predikat {}: faktor paling tinggi {} → {formula}.", e.predikat.label_in(l), pct(cap))
            }
            Lang::En => format!("Grade {}: factor at most {} → {formula}.", e.predikat.label_in(l), pct(cap)),
        }));
    }
    lines
}

/// "= 398.497,5, dibulatkan menjadi Rp398.498" when rounding changed the amount.
fn shown(exact: Decimal, rounded: i64, lang: Lang) -> String {
    if exact == Decimal::from(rounded) {
        rupiah(rounded)
    } else {
        format!(
            "{} → {} {}",
            number_id(exact),
            lang.pick("dibulatkan menjadi", "rounded to"),
            rupiah(rounded)
        )
    }
}

/// The TPP of a month; `number` is its place in the quarter (1, 2, 3).
fn month_step(e: &Evaluation, m: &MonthResult, number: usize) -> Step {
    let t = &m.tpp;
    let p = rupiah(e.input.monthly_ceiling);
    let split = &e.policy.split;
    let mut lines = Vec::new();
    let codes = e.input.attendance.get(&t.month).map(Vec::as_slice).unwrap_or_default();
    if codes.is_empty() {
        lines.push(Text::new("Potongan kehadiran: tidak ada.", "Attendance deductions: none."));
    } else {
        // Repeated codes grouped, in the order each first occurs: "TK 4% × 26".
        let mut groups: Vec<(&str, usize)> = Vec::new();
        for code in codes {
            match groups.iter_mut().find(|(c, _)| *c == code.as_str()) {
                Some((_, n)) => *n += 1,
                None => groups.push((code, 1)),
            }
        }
        let parts: Vec<String> = groups
            .iter()
            .map(|(code, n)| {
                let cut = pct(e.policy.cuts.get(*code).copied().unwrap_or_default());
                if *n > 1 {
                    format!("{code} {cut} × {n}")
                } else {
                    format!("{code} {cut}")
                }
            })
            .collect();
        lines.push(both(|l| {
            let mut line = format!(
                "{}: {} = {}",
                l.pick("Potongan kehadiran", "Attendance deductions"),
                parts.join(" + "),
                pct(m.cut_sum)
            );
            if m.cut_sum > t.deduction {
                line.push_str(&format!(", {} {}", l.pick("dibatasi menjadi", "capped at"), pct(t.deduction)));
            }
            line.push('.');
            line
        }));
    }
    lines.push(both(|l| {
        format!(
            "{}: {} × {p} × (100 − {}) / 100 = {}.",
            l.pick("Disiplin kerja", "Work discipline"),
            pct(split.discipline),
            number_id(t.deduction),
            shown(t.discipline_exact, t.discipline, l)
        )
    }));
    lines.push(both(|l| {
        format!(
            "{}: {} × {p} × {} / 100 = {}.",
            l.pick("Produktivitas kerja", "Work productivity"),
            pct(split.productivity),
            number_id(e.factor.factor),
            shown(t.productivity_exact, t.productivity, l)
        )
    }));
    match m.sanction.and_then(|i| e.input.sanctions.get(i)) {
        Some(s) => {
            let (ly, lm) = s.last_month();
            let formula = |l| {
                format!(
                    "{} × ({} + {}) = {}",
                    pct(s.percent),
                    rupiah(t.discipline),
                    rupiah(t.productivity),
                    shown(t.sanction_cut_exact, t.sanction_cut, l)
                )
            };
            lines.push(both(|l| match l {
                Lang::Id => format!(
                    "Hukuman disiplin {} {} (TMT {}, {} bulan, berlaku sampai {}): {}.",
                    level_in(&s.level, l),
                    pct(s.percent),
                    date_in(l, s.start),
                    s.months,
                    month_name(ly, lm, l),
                    formula(l)
                ),
                Lang::En => format!(
                    "Disciplinary sanction, {} {} (from {}, {} {}, until {}): {}.",
                    level_in(&s.level, l),
                    pct(s.percent),
                    date_in(l, s.start),
                    s.months,
                    if s.months == 1 { "month" } else { "months" },
                    month_name(ly, lm, l),
                    formula(l)
                ),
            }));
            let others = e.input.sanctions.iter().filter(|o| o.in_force(t.year, t.month)).count();
            if others > 1 {
                lines.push(Text::new(
                    "Beberapa hukuman berlaku; yang diterapkan hanya potongan terbesar (tidak ditumpuk).",
                    "Several sanctions are in force; only the largest deduction applies (they do not add up).",
                ));
            }
        }
        None => lines.push(Text::new(
            "Hukuman disiplin: tidak ada yang berlaku.",
            "Disciplinary sanctions: none in force.",
        )),
    }
    let gross = format!(
        "{} + {} − {} = {}.",
        rupiah(t.discipline),
        rupiah(t.productivity),
        rupiah(t.sanction_cut),
        rupiah(t.gross)
    );
    lines.push(Text::new(format!("TPP bruto: {gross}"), format!("Gross TPP: {gross}")));
    Step {
        topic: Topic::Month(t.month),
        title: both(|l| format!("7.{number}. TPP {}", month_name(t.year, t.month, l))),
        lines,
    }
}

/// The explanation of an evaluation, in both languages.
pub fn explain(e: &Evaluation) -> Explanation {
    let (quarter, year, ceiling) = (e.input.quarter.roman(), e.input.year, rupiah(e.input.monthly_ceiling));
    let heading = Text::new(
        format!("Perhitungan TPP Triwulan {quarter} {year} — pagu TPP bulanan {ceiling}"),
        format!("TPP calculation for Quarter {quarter} {year} — monthly TPP ceiling {ceiling}"),
    );
    let cap = pct(e.policy.cap);
    let rounded = rounded(e);
    let mut steps = vec![Step {
        topic: Topic::Achievement(0),
        title: Text::new(
            format!("1. Capaian indikator (batas atas {cap})"),
            format!("1. Indicator achievement (capped at {cap})"),
        ),
        lines: e
            .input
            .indicators
            .iter()
            .zip(&e.indicators)
            .enumerate()
            .map(|(i, (ind, r))| {
                let rounded = rounded.raw.get(i).copied().unwrap_or_default();
                both(|l| format!("{}) {}", i + 1, achievement_line(ind, r, rounded, l)))
            })
            .collect(),
    }];
    steps.push(score_step(e, &rounded));
    steps.push(Step {
        topic: Topic::WorkRating,
        title: Text::new("3. Rating hasil kerja", "3. Work results rating"),
        lines: vec![both(|l| work_rating_line(e, &rounded, l))],
    });
    steps.push(Step {
        topic: Topic::Behaviour,
        title: Text::new("4. Rating perilaku kerja", "4. Work behaviour rating"),
        lines: behaviour_lines(e),
    });
    steps.push(Step {
        topic: Topic::Predikat,
        title: Text::new("5. Predikat kinerja", "5. Performance grade"),
        lines: vec![both(|l| {
            format!(
                "{} {} × {} {} → {}.",
                l.pick("Hasil kerja", "Work results"),
                e.work_rating.label_in(l),
                l.pick("perilaku", "behaviour"),
                e.behaviour.rating.label_in(l),
                e.predikat.label_in(l)
            )
        })],
    });
    steps.push(Step {
        topic: Topic::Factor,
        title: Text::new("6. Faktor kinerja (F)", "6. Performance factor (F)"),
        lines: factor_lines(e, &rounded),
    });
    steps.extend(e.months.iter().enumerate().map(|(i, m)| month_step(e, m, i + 1)));
    let grosses: Vec<String> = e.months.iter().map(|m| rupiah(m.tpp.gross)).collect();
    let sum = format!("{} = {}", grosses.join(" + "), rupiah(e.total));
    let mut total_lines = vec![Text::new(
        format!("{sum} (jumlah angka yang sudah dibulatkan)."),
        format!("{sum} (the sum of the rounded amounts)."),
    )];
    if let Some(last) = e.months.last() {
        for s in &e.input.sanctions {
            let (ly, lm) = s.last_month();
            if (ly, lm) > (last.tpp.year, last.tpp.month) && s.percent > Decimal::ZERO {
                total_lines.push(both(|l| match l {
                    Lang::Id => format!(
                        "Potongan hukuman disiplin {} {} berlanjut sampai {}.",
                        level_in(&s.level, l),
                        pct(s.percent),
                        month_name(ly, lm, l)
                    ),
                    Lang::En => format!(
                        "The disciplinary deduction ({} {}) continues until {}.",
                        level_in(&s.level, l),
                        pct(s.percent),
                        month_name(ly, lm, l)
                    ),
                }));
            }
        }
    }
    steps.push(Step {
        topic: Topic::Total,
        title: Text::new("8. TPP bruto triwulan", "8. Gross TPP for the quarter"),
        lines: total_lines,
    });
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

    /// Worked example C of domain.md as a case file.
    const EXAMPLE_C: &str = r#"{"year": 2026, "quarter": 4, "monthly_ceiling": 5500000,
      "indicators": [
        {"name": "Izin tepat waktu", "polarity": "max", "weight": 40, "target": 95, "realisation": 97.85},
        {"name": "Rata-rata hari proses", "polarity": "min", "weight": 30, "target": 5, "realisation": 4},
        {"name": "Pengaduan belum selesai", "polarity": "min", "weight": 30, "target": 0, "realisation": 0}],
      "behaviour": "as_expected", "integrity_breach": true,
      "sanctions": [{"level": "moderate", "percent": 25, "start": "2026-11-01", "months": 6}]}"#;

    #[test]
    fn explains_example_c() {
        let case = parse(EXAMPLE_C).unwrap();
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

    #[test]
    fn explains_example_c_in_english() {
        let case = parse(EXAMPLE_C).unwrap();
        let explanation = explain(&case.evaluate().unwrap());
        let en = explanation.render_in(Lang::En);
        for needle in [
            "TPP calculation for Quarter IV 2026 — monthly TPP ceiling Rp5.500.000",
            "1) Izin tepat waktu (maximise, weight 40%): C = R / T × 100 = 97,85 / 95 × 100 = 103%",
            "target 0 and realisation 0 → C = 100%",
            "S = Σ(weight × achievement) / Σ weight = (40 × 103 + 30 × 120 + 30 × 100) / 100 = 107,2.",
            "A breach of the integrity pact was recorded this quarter.",
            "Poor/Misconduct",
            "F = min(100, 50) = 50%",
            "Disciplinary sanction, moderate 25% (from 1 November 2026, 6 months, until April 2027)",
            "25% × (Rp2.200.000 + Rp1.650.000) = Rp962.500",
            "7.3. TPP December 2026",
            "Gross TPP: Rp2.200.000 + Rp1.650.000 − Rp0 = Rp3.850.000.",
            "Rp3.850.000 + Rp2.887.500 + Rp2.887.500 = Rp9.625.000 (the sum of the rounded amounts).",
            "continues until April 2027",
        ] {
            assert!(en.contains(needle), "missing {needle:?} in\n{en}");
        }
        // The English has no Indonesian step left, and the two texts have the same shape.
        for word in ["Capaian", "bobot", "Hukuman", "bulan", "Desember", "dibulatkan"] {
            assert!(!en.contains(word), "Indonesian {word:?} in\n{en}");
        }
        assert_eq!(en.lines().count(), explanation.render().lines().count());
        assert_eq!(explanation.render(), explanation.render_in(Lang::Id));
    }

    fn explained(case: &str) -> Explanation {
        explain(&parse(case).unwrap().evaluate().unwrap())
    }

    #[test]
    fn rounded_values_are_marked_and_exact_ones_are_not() {
        let e = explained(
            r#"{"year": 2026, "quarter": 2, "monthly_ceiling": 10000000, "behaviour": "as_expected",
              "indicators": [{"name": "A", "polarity": "max", "weight": 100, "target": 1000000000009, "realisation": 900000000008}]}"#,
        );
        let (id, en) = (e.render(), e.render_in(Lang::En));
        for needle in [
            "900.000.000.008 / 1.000.000.000.009 × 100 ≈ 89,9999999999%",
            "/ 100 ≈ 89,9999999999.",
            "≈ 89,9999999999 < 90 → Di Bawah Ekspektasi.",
            "Nilai ≈ 89,9999999999 ≥ 80 → faktor 80%.",
            "≈: nilai yang ditampilkan dibulatkan",
        ] {
            assert!(id.contains(needle), "missing {needle:?} in\n{id}");
        }
        assert!(en.contains("≈ 89,9999999999 < 90 → Below Expectations."), "{en}");
        assert!(en.contains("≈: the value shown is rounded"), "{en}");
        // Example C is exact throughout: no mark.
        let c = explained(EXAMPLE_C).render();
        assert!(!c.contains('≈'), "{c}");
        // A repeating capaian (1/3) is marked, its exactly computed neighbours are not.
        let e = explained(
            r#"{"year": 2026, "quarter": 2, "monthly_ceiling": 1000000, "behaviour": "as_expected",
              "indicators": [{"name": "A", "polarity": "max", "weight": 50, "target": 3, "realisation": 1},
                             {"name": "B", "polarity": "max", "weight": 50, "target": 4, "realisation": 1}]}"#,
        )
        .render();
        assert!(e.contains("1 / 3 × 100 ≈ 33,3333333333%"), "{e}");
        assert!(e.contains("1 / 4 × 100 = 25%"), "{e}");
        assert!(e.contains("≈ 29,1666666667"), "{e}");
    }

    #[test]
    fn month_steps_are_numbered_in_order() {
        let e = explained(EXAMPLE_C);
        let titles: Vec<&str> = e.steps.iter().map(|s| s.title.id.as_str()).collect();
        assert_eq!(
            &titles[6..],
            [
                "7.1. TPP Oktober 2026",
                "7.2. TPP November 2026",
                "7.3. TPP Desember 2026",
                "8. TPP bruto triwulan"
            ]
        );
        let en: Vec<&str> = e.steps.iter().map(|s| s.title.en.as_str()).collect();
        assert_eq!(en[6], "7.1. TPP October 2026");
    }

    #[test]
    fn repeated_attendance_codes_are_grouped() {
        let e = explained(
            r#"{"year": 2026, "quarter": 4, "monthly_ceiling": 10000000, "behaviour": "as_expected",
              "indicators": [{"name": "A", "polarity": "max", "weight": 100, "target": 10, "realisation": 10}],
              "attendance": {"10": ["TK","TK","TK","TK","TK","TK","TK","TK","TK","TK","TK","TK","TK",
                                    "TK","TK","TK","TK","TK","TK","TK","TK","TK","TK","TK","TK","TK"],
                             "11": ["TL1", "TA", "TL1"]}}"#,
        );
        let (id, en) = (e.render(), e.render_in(Lang::En));
        assert!(id.contains("Potongan kehadiran: TK 4% × 26 = 104%, dibatasi menjadi 100%."), "{id}");
        assert!(en.contains("Attendance deductions: TK 4% × 26 = 104%, capped at 100%."), "{en}");
        assert!(id.contains("Potongan kehadiran: TL1 0,5% × 2 + TA 2% = 3%."), "{id}");
        assert!(!id.contains("TK 4% + TK"), "{id}");
    }

    #[test]
    fn a_breach_the_policy_does_not_count_is_said_so() {
        let case = EXAMPLE_C.replace(
            r#""integrity_breach": true,"#,
            r#""integrity_breach": true, "policy": {"breach_forces_below": false},"#,
        );
        let e = explained(&case);
        let step = e.steps.iter().find(|s| s.topic == Topic::Behaviour).unwrap();
        let id: Vec<&str> = step.lines.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(id.len(), 3, "{id:?}");
        assert!(
            id[1].contains("Tercatat pelanggaran pakta integritas")
                && id[1].contains("breach_forces_below: false"),
            "{id:?}"
        );
        assert!(
            id[2].contains("Hukuman disiplin mulai berlaku") && id[2].contains("tidak membuatnya memaksa"),
            "{id:?}"
        );
        assert!(step.lines[1].en.contains(
            "but the TPP policy in force does not let it force the behaviour rating to Below Expectations"
        ));
        let text = e.render();
        assert!(text.contains("Sesuai Ekspektasi × perilaku Sesuai Ekspektasi → Baik."), "{text}");
        assert!(!text.contains("rating perilaku menjadi Di Bawah Ekspektasi."), "{text}");
    }
}
