//! Calculation case files (domain.md section 6): the format of `pakta calc`, HR's simulation and
//! the golden tests. Parse and validate a case, run it, and write the result JSON.
//!
//! Besides the keys of domain.md, a case may carry `note` (free text, ignored). Optional keys:
//! `policy` (default policy), `integrity_breach` (false), `attendance` ({}), `sanctions` ([]); an
//! indicator's `name`. A sanction without `percent` takes its level's percentage from the policy.
use super::achievement::{Goal, Polarity};
use super::evaluation::{evaluate, Assessment, Evaluation, Indicator, QuarterInput};
use super::explanation;
use super::json::{self, index, join};
use super::policy::Policy;
use super::rating::Rating;
use super::tpp::{Quarter, Sanction};
use super::DomainError;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

const CASE_KEYS: [&str; 10] = [
    "year",
    "quarter",
    "monthly_ceiling",
    "policy",
    "indicators",
    "behaviour",
    "integrity_breach",
    "attendance",
    "sanctions",
    "note",
];
const INDICATOR_KEYS: [&str; 7] =
    ["name", "polarity", "weight", "target", "target_low", "target_high", "realisation"];
const SANCTION_KEYS: [&str; 4] = ["level", "percent", "start", "months"];

/// A parsed case: the quarter and the policy it runs under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub input: QuarterInput,
    pub policy: Policy,
}

/// Parses case-file text. Errors name the JSON field at fault.
pub fn parse(text: &str) -> Result<Case, DomainError> {
    // A byte-order mark, as Windows Notepad saves UTF-8, is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text)
        .map_err(|e| DomainError::new("case", format!("Bukan JSON yang sah: {e}.")))?;
    from_json(&value)
}

fn positive_u32(value: &Value, field: &str, what: &str) -> Result<u32, DomainError> {
    let n = json::integer(value, field)?;
    if n <= 0 {
        return Err(DomainError::new(field, format!("{what} harus lebih dari 0.")));
    }
    u32::try_from(n)
        .map_err(|_| DomainError::new(field, format!("{what} terlalu besar (paling besar {}).", u32::MAX)))
}

/// A case from a JSON value.
pub fn from_json(value: &Value) -> Result<Case, DomainError> {
    if !value.is_object() {
        return Err(DomainError::new(
            "case",
            "Berkas kasus harus berupa satu objek JSON ({ \"year\": ..., \"quarter\": ..., ... }).",
        ));
    }
    let map = json::object(value, "", &CASE_KEYS)?;
    let year = json::integer(json::required(map, "", "year")?, "year")?;
    let year = i32::try_from(year)
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| DomainError::new("year", "Tahun harus antara 1900 dan 2200."))?;
    let quarter = json::integer(json::required(map, "", "quarter")?, "quarter")?;
    let quarter = u32::try_from(quarter)
        .ok()
        .and_then(Quarter::new)
        .ok_or_else(|| DomainError::new("quarter", "Triwulan harus 1, 2, 3 atau 4."))?;
    let monthly_ceiling = json::integer(json::required(map, "", "monthly_ceiling")?, "monthly_ceiling")?;
    let policy = match json::optional(map, "policy") {
        Some(v) => Policy::from_json(v, "policy")?,
        None => Policy::default(),
    };
    let list = json::array(json::required(map, "", "indicators")?, "indicators")?;
    let indicators = list
        .iter()
        .enumerate()
        .map(|(i, v)| indicator(v, &index("indicators", i)))
        .collect::<Result<_, _>>()?;
    let behaviour = json::string(json::required(map, "", "behaviour")?, "behaviour")?;
    let behaviour = Rating::parse(behaviour).ok_or_else(|| {
        DomainError::new(
            "behaviour",
            format!("Rating perilaku tidak dikenal: \"{behaviour}\" (above, as_expected, below)."),
        )
    })?;
    let integrity_breach = match json::optional(map, "integrity_breach") {
        Some(v) => json::boolean(v, "integrity_breach")?,
        None => false,
    };
    let attendance = match json::optional(map, "attendance") {
        Some(v) => attendance(v)?,
        None => BTreeMap::new(),
    };
    let sanctions = match json::optional(map, "sanctions") {
        Some(v) => json::array(v, "sanctions")?
            .iter()
            .enumerate()
            .map(|(i, s)| sanction(s, &index("sanctions", i), &policy))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let input = QuarterInput {
        year,
        quarter,
        monthly_ceiling,
        indicators,
        behaviour,
        integrity_breach,
        attendance,
        sanctions,
    };
    Ok(Case { input, policy })
}

fn indicator(value: &Value, at: &str) -> Result<Indicator, DomainError> {
    let map = json::object(value, at, &INDICATOR_KEYS)?;
    let name = match json::optional(map, "name") {
        Some(v) => json::string(v, &join(at, "name"))?.to_string(),
        None => String::new(),
    };
    let polarity_text = json::string(json::required(map, at, "polarity")?, &join(at, "polarity"))?;
    let polarity = Polarity::parse(polarity_text).ok_or_else(|| {
        DomainError::new(
            &join(at, "polarity"),
            format!("Polaritas tidak dikenal: \"{polarity_text}\" (max, min, range)."),
        )
    })?;
    let weight = json::decimal(json::required(map, at, "weight")?, &join(at, "weight"))?;
    let number = |key: &str| json::optional(map, key).map(|v| json::decimal(v, &join(at, key))).transpose();
    let misplaced = |key: &str, message: &str| match map.get(key) {
        Some(_) => Err(DomainError::new(&join(at, key), message)),
        None => Ok(()),
    };
    let goal = match polarity {
        Polarity::Max | Polarity::Min => {
            misplaced("target_low", "Hanya untuk polaritas range; gunakan target.")?;
            misplaced("target_high", "Hanya untuk polaritas range; gunakan target.")?;
            json::required(map, at, "target")?;
            number("target")?.map(|target| match polarity {
                Polarity::Max => Goal::Max { target },
                _ => Goal::Min { target },
            })
        }
        // Not assessed: `"target": null` (with no bounds, or null ones), or both bounds null.
        Polarity::Range if map.contains_key("target") => {
            if json::optional(map, "target").is_some() {
                misplaced("target", "Polaritas range memakai target_low dan target_high.")?;
            }
            for key in ["target_low", "target_high"] {
                if json::optional(map, key).is_some() {
                    misplaced(
                        key,
                        "Indikator dengan \"target\": null tidak dinilai; batas rentang harus kosong.",
                    )?;
                }
            }
            None
        }
        Polarity::Range => {
            json::required(map, at, "target_low")?;
            json::required(map, at, "target_high")?;
            match (number("target_low")?, number("target_high")?) {
                (Some(low), Some(high)) => Some(Goal::Range { low, high }),
                (None, None) => None,
                (None, Some(_)) => {
                    return Err(DomainError::new(
                        &join(at, "target_low"),
                        "Wajib diisi bila target_high diisi.",
                    ))
                }
                (Some(_), None) => {
                    return Err(DomainError::new(
                        &join(at, "target_high"),
                        "Wajib diisi bila target_low diisi.",
                    ))
                }
            }
        }
    };
    let assessment = match goal {
        Some(goal) => {
            let realisation = number("realisation")?.ok_or_else(|| {
                DomainError::new(
                    &join(at, "realisation"),
                    "Wajib diisi untuk indikator yang dinilai (target terisi).",
                )
            })?;
            Some(Assessment { goal, realisation })
        }
        None => {
            number("realisation")?;
            None
        }
    };
    Ok(Indicator { name, polarity, weight, assessment })
}

fn attendance(value: &Value) -> Result<BTreeMap<u32, Vec<String>>, DomainError> {
    let map: &Map<String, Value> = value
        .as_object()
        .ok_or_else(|| DomainError::new("attendance", "Harus berupa objek JSON (bulan → kode)."))?;
    let mut out = BTreeMap::new();
    for (key, codes) in map {
        let field = join("attendance", key);
        // "5" or "05": digits only (no sign, no spaces).
        let month = Some(key)
            .filter(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|k| k.parse::<u32>().ok())
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| DomainError::new(&field, "Kunci harus nomor bulan 1–12."))?;
        let codes = json::array(codes, &field)?
            .iter()
            .enumerate()
            .map(|(j, c)| json::string(c, &index(&field, j)).map(str::to_string))
            .collect::<Result<Vec<_>, _>>()?;
        out.entry(month).or_insert_with(Vec::new).extend(codes);
    }
    Ok(out)
}

fn sanction(value: &Value, at: &str, policy: &Policy) -> Result<Sanction, DomainError> {
    let map = json::object(value, at, &SANCTION_KEYS)?;
    let level = json::string(json::required(map, at, "level")?, &join(at, "level"))?;
    let level_percent = policy.sanction_levels.get(level).copied().ok_or_else(|| {
        let known: Vec<&str> = policy.sanction_levels.keys().map(String::as_str).collect();
        DomainError::new(
            &join(at, "level"),
            format!("Tingkat hukuman tidak dikenal: \"{level}\" ({}).", known.join(", ")),
        )
    })?;
    let percent = match json::optional(map, "percent") {
        Some(v) => json::decimal(v, &join(at, "percent"))?,
        None => level_percent,
    };
    let start_text = json::string(json::required(map, at, "start")?, &join(at, "start"))?;
    let start = NaiveDate::parse_from_str(start_text, "%Y-%m-%d")
        .map_err(|_| DomainError::new(&join(at, "start"), "Tanggal harus berformat YYYY-MM-DD."))?;
    let months = positive_u32(json::required(map, at, "months")?, &join(at, "months"), "Lama hukuman")?;
    Ok(Sanction { level: level.to_string(), percent, start, months })
}

/// A decimal written as a JSON number without trailing zeros.
fn number<S: serde::Serializer>(d: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    json::decimal_to_json(*d).serialize(serializer)
}

fn numbers<S: serde::Serializer>(list: &[Option<Decimal>], serializer: S) -> Result<S::Ok, S::Error> {
    let values: Vec<Value> = list.iter().map(|c| c.map_or(Value::Null, json::decimal_to_json)).collect();
    values.serialize(serializer)
}

/// One month of the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthOutput {
    pub month: u32,
    pub discipline: i64,
    pub productivity: i64,
    pub sanction_cut: i64,
    pub gross: i64,
}

/// The result of domain.md section 6, fields in the order shown there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseResult {
    /// Capaian after the cap, in indicator order, `null` where not assessed.
    #[serde(serialize_with = "numbers")]
    pub achievements: Vec<Option<Decimal>>,
    #[serde(serialize_with = "number")]
    pub score: Decimal,
    pub work_rating: &'static str,
    pub behaviour: &'static str,
    pub predikat: &'static str,
    #[serde(serialize_with = "number")]
    pub factor: Decimal,
    pub months: Vec<MonthOutput>,
    pub total: i64,
}

pub fn result(e: &Evaluation) -> CaseResult {
    CaseResult {
        achievements: e.indicators.iter().map(|r| r.achievement).collect(),
        score: e.score,
        work_rating: e.work_rating.as_str(),
        behaviour: e.behaviour.rating.as_str(),
        predikat: e.predikat.as_str(),
        factor: e.factor.factor,
        months: e
            .months
            .iter()
            .map(|m| MonthOutput {
                month: m.tpp.month,
                discipline: m.tpp.discipline,
                productivity: m.tpp.productivity,
                sanction_cut: m.tpp.sanction_cut,
                gross: m.tpp.gross,
            })
            .collect(),
        total: e.total,
    }
}

/// The result as a JSON value.
pub fn result_json(e: &Evaluation) -> Value {
    serde_json::to_value(result(e)).unwrap_or_default()
}

impl Case {
    pub fn evaluate(&self) -> Result<Evaluation<'_>, DomainError> {
        evaluate(&self.input, &self.policy)
    }
}

/// What `pakta calc` prints: the result JSON (pretty), or with `explain` the Indonesian explanation.
pub fn run(text: &str, explain: bool) -> Result<String, DomainError> {
    let case = parse(text)?;
    let evaluation = case.evaluate()?;
    if explain {
        Ok(explanation::explain(&evaluation).render())
    } else {
        Ok(serde_json::to_string_pretty(&result(&evaluation)).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const EXAMPLE_A: &str = r#"{ "year": 2026, "quarter": 2, "monthly_ceiling": 16000000, "policy": {},
      "indicators": [
        {"name": "Kunjungan wisatawan", "polarity": "max", "weight": 40, "target": 3200000, "realisation": 3360000},
        {"name": "Indeks kepuasan", "polarity": "max", "weight": 20, "target": 82, "realisation": 84.46},
        {"name": "Serapan anggaran", "polarity": "max", "weight": 20, "target": 45, "realisation": 40.5},
        {"name": "Temuan belum ditindaklanjuti", "polarity": "min", "weight": 20, "target": 4, "realisation": 3} ],
      "behaviour": "as_expected", "integrity_breach": false,
      "attendance": {"5": ["TL1", "TL1"]},
      "sanctions": [] }"#;

    #[test]
    fn example_a_result_json() {
        let case = parse(EXAMPLE_A).unwrap();
        let e = case.evaluate().unwrap();
        let expected = json!({ "achievements": [105, 103, 90, 120], "score": 104.6, "work_rating": "as_expected",
          "behaviour": "as_expected", "predikat": "baik", "factor": 100,
          "months": [{"month": 4, "discipline": 6400000, "productivity": 9600000, "sanction_cut": 0, "gross": 16000000},
                     {"month": 5, "discipline": 6336000, "productivity": 9600000, "sanction_cut": 0, "gross": 15936000},
                     {"month": 6, "discipline": 6400000, "productivity": 9600000, "sanction_cut": 0, "gross": 16000000}],
          "total": 47936000 });
        assert_eq!(result_json(&e), expected);
        let printed = serde_json::to_string(&result(&e)).unwrap();
        assert!(
            printed
                .starts_with(r#"{"achievements":[105,103,90,120],"score":104.6,"work_rating":"as_expected""#),
            "{printed}"
        );
        assert!(printed.ends_with(r#""total":47936000}"#), "{printed}");
    }

    fn field_of(text: &str) -> String {
        parse(text).and_then(|c| c.evaluate().map(|e| e.total)).unwrap_err().field
    }

    #[test]
    fn invalid_cases_name_the_field() {
        let a = EXAMPLE_A;
        assert_eq!(
            field_of(&a.replace(r#""polarity": "min""#, r#""polarity": "minimal""#)),
            "indicators[3].polarity"
        );
        assert_eq!(field_of(&a.replace(r#""target": 82"#, r#""target": "delapan""#)), "indicators[1].target");
        assert_eq!(field_of(&a.replace(r#""target": 82"#, r#""target": -82"#)), "indicators[1].target");
        assert_eq!(field_of(&a.replace(r#""weight": 40"#, r#""weight": 30"#)), "indicators");
        assert_eq!(field_of(&a.replace(r#""5": ["TL1""#, r#""7": ["TL1""#)), "attendance.7");
        assert_eq!(field_of(&a.replace(r#"["TL1", "TL1"]"#, r#"["TL1", "TL9"]"#)), "attendance.5[1]");
        assert_eq!(field_of(&a.replace(r#""quarter": 2"#, r#""quarter": 5"#)), "quarter");
        assert_eq!(
            field_of(&a.replace(r#""policy": {}"#, r#""policy": {"split": {"discipline": 50}}"#)),
            "policy.split"
        );
        assert_eq!(
            field_of(&a.replace(r#""behaviour": "as_expected""#, r#""behaviour": "good""#)),
            "behaviour"
        );
        assert_eq!(
            field_of(&a.replace(
                r#""sanctions": []"#,
                r#""sanctions": [{"level": "berat", "start": "2026-04-01", "months": 6}]"#
            )),
            "sanctions[0].level"
        );
        assert_eq!(
            field_of(&a.replace(
                r#""sanctions": []"#,
                r#""sanctions": [{"level": "heavy", "start": "1 April", "months": 6}]"#
            )),
            "sanctions[0].start"
        );
        assert_eq!(
            field_of(&a.replace(
                r#""sanctions": []"#,
                r#""sanctions": [{"level": "heavy", "start": "2026-04-01", "months": 0}]"#
            )),
            "sanctions[0].months"
        );
        assert_eq!(field_of(&a.replace(r#""year": 2026"#, r#""yaer": 2026"#)), "yaer");
        assert_eq!(field_of(&a.replace(r#", "realisation": 3}"#, "}")), "indicators[3].realisation");
        assert_eq!(field_of("{"), "case");
    }

    #[test]
    fn numbers_may_be_decimal_strings() {
        let text = EXAMPLE_A.replace("84.46", "\"84,46\"").replace("40.5", "\"40.5\"");
        assert_eq!(parse(&text).unwrap().evaluate().unwrap().total, 47_936_000);
    }
}
