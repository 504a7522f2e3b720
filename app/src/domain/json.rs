//! Reading exact decimals and checked objects from JSON, naming the field at fault.
//!
//! serde_json (without `arbitrary_precision`) holds non-integer numbers as binary floats. A float's
//! shortest round-trip text ("84.46") is the decimal that was typed for up to 15 significant digits,
//! so numbers are read through that text and never through float arithmetic.
use super::DomainError;
use rust_decimal::Decimal;
use serde_json::{Map, Number, Value};
use std::str::FromStr;

/// Largest magnitude accepted for any input number; keeps every product in the engine in range.
const MAX_INPUT: i64 = 1_000_000_000_000_000;
/// Most decimal places accepted for any input number.
const MAX_INPUT_DECIMALS: u32 = 10;

/// `parent.key`, or `key` at the top level.
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// `parent[i]`.
pub fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// Parses a decimal string: "1234.5", "-3", "1e3", or Indonesian "1.234,5" / "1.234.567".
pub fn parse_decimal_str(text: &str) -> Option<Decimal> {
    let s = text.trim();
    if s.is_empty() {
        return None;
    }
    if s.contains(',') {
        // Indonesian: dots group thousands, the comma is the decimal separator.
        let (int, frac) = s.split_once(',')?;
        if frac.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let int = ungroup(int)?;
        return Decimal::from_str(&format!("{int}.{frac}")).ok();
    }
    if s.matches('.').count() > 1 {
        return Decimal::from_str(&ungroup(s)?).ok();
    }
    if s.contains(['e', 'E']) {
        return Decimal::from_scientific(s).ok();
    }
    Decimal::from_str(s).ok()
}

/// A number typed in an Indonesian form: the comma is the decimal separator and dots group
/// thousands ("1.234,5", "1.200" = 1200). A dot not followed by groups of exactly three digits
/// ("84.46", "2.5") is read as a decimal point, for those who type the English way.
pub fn parse_number_id(text: &str) -> Option<Decimal> {
    let s = text.trim();
    if !s.contains(',') && s.contains('.') {
        let grouped = s.split('.').skip(1).all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
        if grouped {
            return Decimal::from_str(&ungroup(s)?).ok();
        }
    }
    parse_decimal_str(s)
}

/// "1.234.567" → "1234567", checking that groups after the first have three digits.
fn ungroup(s: &str) -> Option<String> {
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s),
    };
    let mut groups = digits.split('.');
    let first = groups.next()?;
    if first.is_empty()
        || first.len() > 3 && digits.contains('.')
        || !first.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut out = format!("{sign}{first}");
    for g in groups {
        if g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

fn too_large(field: &str) -> DomainError {
    DomainError::new(field, "Angka terlalu besar (di luar jangkauan): paling besar 1.000.000.000.000.000.")
}

fn too_many_decimals(field: &str) -> DomainError {
    DomainError::new(field, format!("Paling banyak {MAX_INPUT_DECIMALS} angka desimal."))
}

/// A decimal from a JSON number or a decimal string. A number too large or too fine for a decimal
/// ("1e30", 1e30, 1e-30) gets the same message whether written as a number or as a string.
pub fn decimal(value: &Value, field: &str) -> Result<Decimal, DomainError> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return Err(DomainError::new(field, "Harus berupa angka (number).")),
    };
    let Some(d) = parse_decimal_str(&text) else {
        // Read as a float, the text is a number after all: it does not fit a decimal.
        return Err(match text.trim().parse::<f64>() {
            Ok(x) if x.is_finite() && x.abs() >= 1.0 => too_large(field),
            Ok(x) if x.is_finite() && x != 0.0 => too_many_decimals(field),
            _ => DomainError::new(field, "Harus berupa angka (number)."),
        });
    };
    if d.abs() > Decimal::from(MAX_INPUT) {
        return Err(too_large(field));
    }
    let d = d.normalize();
    if d.scale() > MAX_INPUT_DECIMALS {
        return Err(too_many_decimals(field));
    }
    Ok(d)
}

/// A whole number (JSON integer, or a decimal without fraction).
pub fn integer(value: &Value, field: &str) -> Result<i64, DomainError> {
    let d = decimal(value, field)?;
    if !d.fract().is_zero() {
        return Err(DomainError::new(field, "Harus berupa bilangan bulat."));
    }
    i64::try_from(d).map_err(|_| DomainError::new(field, "Angka terlalu besar."))
}

pub fn boolean(value: &Value, field: &str) -> Result<bool, DomainError> {
    value.as_bool().ok_or_else(|| DomainError::new(field, "Harus true atau false."))
}

pub fn string<'a>(value: &'a Value, field: &str) -> Result<&'a str, DomainError> {
    value.as_str().ok_or_else(|| DomainError::new(field, "Harus berupa teks (string)."))
}

pub fn array<'a>(value: &'a Value, field: &str) -> Result<&'a Vec<Value>, DomainError> {
    value.as_array().ok_or_else(|| DomainError::new(field, "Harus berupa daftar (array)."))
}

/// A JSON object whose keys are all among `known`.
pub fn object<'a>(
    value: &'a Value,
    field: &str,
    known: &[&str],
) -> Result<&'a Map<String, Value>, DomainError> {
    let map = value.as_object().ok_or_else(|| DomainError::new(field, "Harus berupa objek JSON."))?;
    if let Some(key) = map.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(DomainError::new(
            &join(field, key),
            format!("Kunci tidak dikenal (yang dikenal: {}).", known.join(", ")),
        ));
    }
    Ok(map)
}

/// A required key of an object.
pub fn required<'a>(map: &'a Map<String, Value>, parent: &str, key: &str) -> Result<&'a Value, DomainError> {
    map.get(key).ok_or_else(|| DomainError::new(&join(parent, key), "Wajib diisi."))
}

/// An optional key; `null` counts as absent.
pub fn optional<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

/// A decimal as a JSON number without trailing zeros: 105, 104.6, 47936000. A number a JSON float
/// cannot carry exactly (more than 15 significant digits) is written as a decimal string instead,
/// which [`decimal`] reads back to the same value.
pub fn decimal_to_json(d: Decimal) -> Value {
    let d = d.normalize();
    if d.scale() == 0 {
        if let Ok(i) = i64::try_from(d) {
            return Value::from(i);
        }
    }
    let text = d.to_string();
    match Number::from_str(&text) {
        Ok(n) if parse_decimal_str(&n.to_string()) == Some(d) => Value::Number(n),
        _ => Value::String(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(decimal(&json!(84.46), "x").unwrap(), d("84.46"));
        assert_eq!(decimal(&json!(40.5), "x").unwrap(), d("40.5"));
        assert_eq!(decimal(&json!(0.1), "x").unwrap(), d("0.1"));
        assert_eq!(decimal(&json!(3200000), "x").unwrap(), d("3200000"));
        assert_eq!(decimal(&json!(60000000000u64), "x").unwrap(), d("60000000000"));
        assert_eq!(decimal(&json!(1e-7), "x").unwrap(), d("0.0000001"));
        assert_eq!(decimal(&json!(-2.5), "x").unwrap(), d("-2.5"));
    }

    #[test]
    fn strings_read_plain_and_indonesian() {
        assert_eq!(decimal(&json!("97.85"), "x").unwrap(), d("97.85"));
        assert_eq!(decimal(&json!("1.234,5"), "x").unwrap(), d("1234.5"));
        assert_eq!(parse_number_id("1.200"), Some(d("1200")));
        assert_eq!(parse_number_id("1.234.567"), Some(d("1234567")));
        assert_eq!(parse_number_id("1.234,5"), Some(d("1234.5")));
        assert_eq!(parse_number_id("84.46"), Some(d("84.46")));
        assert_eq!(parse_number_id("2,5"), Some(d("2.5")));
        assert_eq!(parse_number_id("95"), Some(d("95")));
        assert_eq!(parse_number_id("1.2.3"), None);
        assert_eq!(decimal(&json!("84,46"), "x").unwrap(), d("84.46"));
        assert_eq!(decimal(&json!("3.200.000"), "x").unwrap(), d("3200000"));
        assert_eq!(decimal(&json!(" 12 "), "x").unwrap(), d("12"));
    }

    #[test]
    fn non_numbers_name_the_field() {
        for bad in
            [json!("abc"), json!(""), json!(true), json!(null), json!([1]), json!("1.23.4"), json!("1,2,3")]
        {
            let e = decimal(&bad, "indicators[0].target").unwrap_err();
            assert_eq!(e.field, "indicators[0].target", "{bad}");
        }
        assert!(decimal(&json!(1e30), "x").unwrap_err().message.contains("jangkauan"));
        // The same number as a JSON number or a string: the same message.
        for (a, b) in
            [(json!(1e30), json!("1e30")), (json!(1e20), json!("1e20")), (json!(1e-30), json!("1e-30"))]
        {
            let (a, b) = (decimal(&a, "x").unwrap_err(), decimal(&b, "x").unwrap_err());
            assert_eq!(a, b);
        }
        assert!(decimal(&json!("1e30"), "x").unwrap_err().message.contains("terlalu besar"));
        assert!(decimal(&json!(-1e30), "x").unwrap_err().message.contains("terlalu besar"));
        assert!(decimal(&json!("1e-30"), "x").unwrap_err().message.contains("desimal"));
        assert!(decimal(&json!("inf"), "x").unwrap_err().message.contains("Harus berupa angka"));
        assert!(decimal(&json!(1e20), "x").unwrap_err().message.contains("terlalu besar"));
        assert!(decimal(&json!("0.00000000001"), "x").unwrap_err().message.contains("desimal"));
        assert!(integer(&json!(1.5), "monthly_ceiling").unwrap_err().message.contains("bulat"));
    }

    #[test]
    fn decimals_print_without_trailing_zeros() {
        assert_eq!(decimal_to_json(d("105.000")).to_string(), "105");
        assert_eq!(decimal_to_json(d("104.60")).to_string(), "104.6");
        assert_eq!(decimal_to_json(d("47936000")).to_string(), "47936000");
        assert_eq!(decimal_to_json(d("33.3333333333")).to_string(), "33.3333333333");
        // Beyond what a float carries: a string, read back exactly.
        let wide = d("123456789.0123456789");
        assert_eq!(decimal_to_json(wide), Value::String("123456789.0123456789".into()));
        assert_eq!(decimal(&decimal_to_json(wide), "x").unwrap(), wide);
    }

    #[test]
    fn unknown_keys_are_named() {
        let e = object(&json!({"cap": 1, "capx": 2}), "policy", &["cap"]).unwrap_err();
        assert_eq!(e.field, "policy.capx");
    }
}
