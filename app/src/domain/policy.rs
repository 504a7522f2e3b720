//! The local TPP policy (Perwali): every number the city may change without a code change.
//!
//! As JSON (the `policy` key of a case file, and what the database stores per version) a partial
//! object overrides the defaults of domain.md: `cap`, `breach_forces_below` and `factor_bands`
//! replace the default; `rating_thresholds` and `split` override the fields given; `cuts`,
//! `predikat_caps` and `sanction_levels` override or add the codes given (`null` removes a predikat
//! cap). Unknown keys and impossible values are rejected with the key named.
use super::json::{self, index, join};
use super::predikat::Predikat;
use super::DomainError;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Rating hasil kerja thresholds (score, percent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingThresholds {
    /// S at or above this → Di Atas Ekspektasi.
    pub above: Decimal,
    /// S at or above this (and below `above`) → Sesuai Ekspektasi.
    pub as_expected: Decimal,
}

/// Pembagian TPP: percent of the ceiling for each component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub discipline: Decimal,
    pub productivity: Decimal,
}

/// One band of the performance factor: a score at or above `from` earns `factor` percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorBand {
    pub from: Decimal,
    pub factor: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Batas atas capaian per indikator, percent.
    pub cap: Decimal,
    pub rating_thresholds: RatingThresholds,
    pub split: Split,
    /// Potongan kehadiran: percent of the discipline component per occurrence, by code.
    pub cuts: BTreeMap<String, Decimal>,
    /// Descending by `from`; below the last band the factor is 0.
    pub factor_bands: Vec<FactorBand>,
    /// Highest factor a predikat may receive.
    pub predikat_caps: BTreeMap<Predikat, Decimal>,
    /// Hukuman disiplin levels and their cut, percent of the month's TPP.
    pub sanction_levels: BTreeMap<String, Decimal>,
    /// Whether an integrity breach or a sanction taking effect forces behaviour "below".
    pub breach_forces_below: bool,
}

fn dec(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale)
}

impl Default for Policy {
    fn default() -> Self {
        let mut cuts = BTreeMap::new();
        for (suffix, pct) in [("1", dec(5, 1)), ("2", dec(1, 0)), ("3", dec(125, 2)), ("4", dec(15, 1))] {
            cuts.insert(format!("TL{suffix}"), pct);
            cuts.insert(format!("PSW{suffix}"), pct);
        }
        cuts.insert("TA".into(), dec(2, 0));
        cuts.insert("TK".into(), dec(4, 0));
        let factor_bands = [100, 90, 80, 70, 60, 50]
            .into_iter()
            .map(|b| FactorBand { from: dec(b, 0), factor: dec(b, 0) })
            .collect();
        Policy {
            cap: dec(120, 0),
            rating_thresholds: RatingThresholds { above: dec(110, 0), as_expected: dec(90, 0) },
            split: Split { discipline: dec(40, 0), productivity: dec(60, 0) },
            cuts,
            factor_bands,
            predikat_caps: BTreeMap::from([
                (Predikat::Kurang, dec(50, 0)),
                (Predikat::SangatKurang, dec(0, 0)),
            ]),
            sanction_levels: BTreeMap::from([
                ("light".to_string(), dec(0, 0)),
                ("moderate".to_string(), dec(25, 0)),
                ("heavy".to_string(), dec(100, 0)),
            ]),
            breach_forces_below: true,
        }
    }
}

const KEYS: [&str; 8] = [
    "cap",
    "rating_thresholds",
    "split",
    "cuts",
    "factor_bands",
    "predikat_caps",
    "sanction_levels",
    "breach_forces_below",
];

fn decimal_map(value: &Value, field: &str, into: &mut BTreeMap<String, Decimal>) -> Result<(), DomainError> {
    let map = value.as_object().ok_or_else(|| DomainError::new(field, "Harus berupa objek JSON."))?;
    for (code, v) in map {
        if code.trim().is_empty() || code.trim() != code {
            return Err(DomainError::new(&join(field, code), "Kode tidak boleh kosong atau berspasi."));
        }
        into.insert(code.clone(), json::decimal(v, &join(field, code))?);
    }
    Ok(())
}

fn percent_in_range(value: Decimal, field: &str) -> Result<(), DomainError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(DomainError::new(field, "Persentase tidak boleh negatif."));
    }
    if value > Decimal::ONE_HUNDRED {
        return Err(DomainError::new(field, "Persentase tidak boleh lebih dari 100."));
    }
    Ok(())
}

impl Policy {
    /// The defaults overridden by `value` (see the module doc), then validated. `path` prefixes the
    /// field names of errors ("policy" in a case file).
    pub fn from_json(value: &Value, path: &str) -> Result<Policy, DomainError> {
        let mut policy = Policy::default();
        policy.apply(value, path)?;
        policy.validate(path)?;
        Ok(policy)
    }

    fn apply(&mut self, value: &Value, path: &str) -> Result<(), DomainError> {
        let map = json::object(value, path, &KEYS)?;
        for (key, v) in map {
            let field = join(path, key);
            match key.as_str() {
                "cap" => self.cap = json::decimal(v, &field)?,
                "breach_forces_below" => self.breach_forces_below = json::boolean(v, &field)?,
                "rating_thresholds" => {
                    let m = json::object(v, &field, &["above", "as_expected"])?;
                    if let Some(x) = m.get("above") {
                        self.rating_thresholds.above = json::decimal(x, &join(&field, "above"))?;
                    }
                    if let Some(x) = m.get("as_expected") {
                        self.rating_thresholds.as_expected = json::decimal(x, &join(&field, "as_expected"))?;
                    }
                }
                "split" => {
                    let m = json::object(v, &field, &["discipline", "productivity"])?;
                    if let Some(x) = m.get("discipline") {
                        self.split.discipline = json::decimal(x, &join(&field, "discipline"))?;
                    }
                    if let Some(x) = m.get("productivity") {
                        self.split.productivity = json::decimal(x, &join(&field, "productivity"))?;
                    }
                }
                "cuts" => decimal_map(v, &field, &mut self.cuts)?,
                "sanction_levels" => decimal_map(v, &field, &mut self.sanction_levels)?,
                "predikat_caps" => {
                    let m = json::object(v, &field, &Predikat::ALL.map(Predikat::as_str))?;
                    for (k, x) in m {
                        let Some(p) = Predikat::parse(k) else { continue };
                        if x.is_null() {
                            self.predikat_caps.remove(&p);
                        } else {
                            self.predikat_caps.insert(p, json::decimal(x, &join(&field, k))?);
                        }
                    }
                }
                "factor_bands" => {
                    let list = json::array(v, &field)?;
                    self.factor_bands = list
                        .iter()
                        .enumerate()
                        .map(|(i, b)| {
                            let at = index(&field, i);
                            let m = json::object(b, &at, &["from", "factor"])?;
                            Ok(FactorBand {
                                from: json::decimal(json::required(m, &at, "from")?, &join(&at, "from"))?,
                                factor: json::decimal(
                                    json::required(m, &at, "factor")?,
                                    &join(&at, "factor"),
                                )?,
                            })
                        })
                        .collect::<Result<_, DomainError>>()?;
                }
                // json::object admitted only KEYS.
                _ => {}
            }
        }
        Ok(())
    }

    /// Rejects values no Perwali could mean.
    pub fn validate(&self, path: &str) -> Result<(), DomainError> {
        let field = |key: &str| join(path, key);
        if self.cap < Decimal::ONE_HUNDRED || self.cap > Decimal::ONE_THOUSAND {
            return Err(DomainError::new(&field("cap"), "Batas capaian harus antara 100 dan 1000."));
        }
        let t = &self.rating_thresholds;
        if t.as_expected.is_sign_negative() && !t.as_expected.is_zero() {
            return Err(DomainError::new(
                &field("rating_thresholds.as_expected"),
                "Ambang tidak boleh negatif.",
            ));
        }
        if t.above <= t.as_expected {
            return Err(DomainError::new(
                &field("rating_thresholds.above"),
                "Ambang \"above\" harus lebih besar dari ambang \"as_expected\".",
            ));
        }
        percent_in_range(self.split.discipline, &field("split.discipline"))?;
        percent_in_range(self.split.productivity, &field("split.productivity"))?;
        let total = self.split.discipline + self.split.productivity;
        if total != Decimal::ONE_HUNDRED {
            return Err(DomainError::new(
                &field("split"),
                format!("Disiplin + produktivitas berjumlah {}, harus 100.", total.normalize()),
            ));
        }
        for (code, pct) in &self.cuts {
            percent_in_range(*pct, &field(&format!("cuts.{code}")))?;
        }
        for (level, pct) in &self.sanction_levels {
            percent_in_range(*pct, &field(&format!("sanction_levels.{level}")))?;
        }
        for (p, cap) in &self.predikat_caps {
            percent_in_range(*cap, &field(&format!("predikat_caps.{}", p.as_str())))?;
        }
        if self.factor_bands.is_empty() {
            return Err(DomainError::new(&field("factor_bands"), "Paling sedikit satu pita faktor."));
        }
        for (i, band) in self.factor_bands.iter().enumerate() {
            let at = field(&format!("factor_bands[{i}]"));
            if band.from.is_sign_negative() && !band.from.is_zero() {
                return Err(DomainError::new(&format!("{at}.from"), "Batas pita tidak boleh negatif."));
            }
            percent_in_range(band.factor, &format!("{at}.factor"))?;
            if let Some(prev) = i.checked_sub(1).map(|j| self.factor_bands[j]) {
                if band.from >= prev.from {
                    return Err(DomainError::new(
                        &format!("{at}.from"),
                        "Pita faktor harus menurun: batas bawah harus lebih kecil dari pita sebelumnya.",
                    ));
                }
                if band.factor > prev.factor {
                    return Err(DomainError::new(
                        &format!("{at}.factor"),
                        "Pita faktor harus menurun: faktor tidak boleh lebih besar dari pita sebelumnya.",
                    ));
                }
            }
        }
        Ok(())
    }

    /// The full policy as the JSON object `from_json` reads.
    pub fn to_json(&self) -> Value {
        let decimals = |m: &BTreeMap<String, Decimal>| -> Value {
            Value::Object(m.iter().map(|(k, v)| (k.clone(), json::decimal_to_json(*v))).collect())
        };
        let mut out = Map::new();
        out.insert("cap".into(), json::decimal_to_json(self.cap));
        out.insert(
            "rating_thresholds".into(),
            serde_json::json!({
                "above": json::decimal_to_json(self.rating_thresholds.above),
                "as_expected": json::decimal_to_json(self.rating_thresholds.as_expected),
            }),
        );
        out.insert(
            "split".into(),
            serde_json::json!({
                "discipline": json::decimal_to_json(self.split.discipline),
                "productivity": json::decimal_to_json(self.split.productivity),
            }),
        );
        out.insert("cuts".into(), decimals(&self.cuts));
        out.insert(
            "factor_bands".into(),
            Value::Array(
                self.factor_bands
                    .iter()
                    .map(|b| {
                        serde_json::json!({"from": json::decimal_to_json(b.from), "factor": json::decimal_to_json(b.factor)})
                    })
                    .collect(),
            ),
        );
        out.insert(
            "predikat_caps".into(),
            // Every predikat, `null` where there is no cap, so that a removed default stays removed.
            Value::Object(
                Predikat::ALL
                    .iter()
                    .map(|p| {
                        let cap =
                            self.predikat_caps.get(p).map_or(Value::Null, |v| json::decimal_to_json(*v));
                        (p.as_str().to_string(), cap)
                    })
                    .collect(),
            ),
        );
        out.insert("sanction_levels".into(), decimals(&self.sanction_levels));
        out.insert("breach_forces_below".into(), Value::Bool(self.breach_forces_below));
        Value::Object(out)
    }
}

impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Policy::from_json(&value, "policy").map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(v: Value) -> DomainError {
        Policy::from_json(&v, "policy").unwrap_err()
    }

    #[test]
    fn empty_object_is_the_default() {
        assert_eq!(Policy::from_json(&json!({}), "policy").unwrap(), Policy::default());
        Policy::default().validate("policy").unwrap();
    }

    #[test]
    fn partial_objects_override() {
        let p = Policy::from_json(
            &json!({"cap": 110, "rating_thresholds": {"above": 105}, "cuts": {"TL1": "0,75", "DL": 3},
                    "predikat_caps": {"kurang": null}, "split": {"discipline": 30, "productivity": 70}}),
            "policy",
        )
        .unwrap();
        assert_eq!(p.cap, dec(110, 0));
        assert_eq!(p.rating_thresholds, RatingThresholds { above: dec(105, 0), as_expected: dec(90, 0) });
        assert_eq!(p.cuts["TL1"], dec(75, 2));
        assert_eq!(p.cuts["DL"], dec(3, 0));
        assert_eq!(p.cuts["TK"], dec(4, 0));
        assert!(!p.predikat_caps.contains_key(&Predikat::Kurang));
        assert_eq!(p.split.productivity, dec(70, 0));
    }

    #[test]
    fn unknown_keys_are_rejected_by_name() {
        assert_eq!(err(json!({"caps": 120})).field, "policy.caps");
        assert_eq!(err(json!({"split": {"disiplin": 40}})).field, "policy.split.disiplin");
        assert_eq!(err(json!({"predikat_caps": {"cukup": 50}})).field, "policy.predikat_caps.cukup");
        assert_eq!(
            err(json!({"factor_bands": [{"from": 50, "factor": 50, "to": 60}]})).field,
            "policy.factor_bands[0].to"
        );
    }

    #[test]
    fn impossible_values_are_rejected_by_name() {
        let e = err(json!({"split": {"discipline": 50}}));
        assert_eq!(e.field, "policy.split");
        assert!(e.message.contains("110"), "{e}");
        assert_eq!(err(json!({"cuts": {"TL1": -1}})).field, "policy.cuts.TL1");
        assert_eq!(
            err(json!({"sanction_levels": {"moderate": 125}})).field,
            "policy.sanction_levels.moderate"
        );
        assert_eq!(
            err(json!({"split": {"discipline": -10, "productivity": 110}})).field,
            "policy.split.discipline"
        );
        assert_eq!(err(json!({"cap": 90})).field, "policy.cap");
        assert_eq!(err(json!({"cap": "abc"})).field, "policy.cap");
        assert_eq!(err(json!({"rating_thresholds": {"above": 80}})).field, "policy.rating_thresholds.above");
        let e = err(json!({"factor_bands": [{"from": 50, "factor": 50}, {"from": 60, "factor": 40}]}));
        assert_eq!(e.field, "policy.factor_bands[1].from");
        assert!(e.message.contains("menurun"));
        let e = err(json!({"factor_bands": [{"from": 90, "factor": 50}, {"from": 60, "factor": 60}]}));
        assert_eq!(e.field, "policy.factor_bands[1].factor");
        assert_eq!(err(json!({"factor_bands": []})).field, "policy.factor_bands");
        assert_eq!(err(json!({"breach_forces_below": "yes"})).field, "policy.breach_forces_below");
        assert_eq!(err(json!([])).field, "policy");
    }
}
