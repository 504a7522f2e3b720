//! Issue 7, bad input: the parsers of what people type or upload, fed arbitrary text and JSON
//! (proptest). None may panic, and every refusal carries a message for the user (and, where the
//! parser names one, the field it belongs to).
use super::discipline::{parse_counts, parse_month};
use super::official_import::{detect_delimiter, parse_csv};
use crate::domain::json::{parse_decimal_str, parse_number_id};
use crate::domain::policy::Policy;
use crate::domain::{case, Nip};
use crate::error::AppError;
use proptest::prelude::*;
use serde_json::Value;

/// Text that looks like what people type into number, date and NIP fields, and anything else.
fn typed_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9.,\\- eE+]{0,24}",
        "[0-9]{0,4}-[0-9]{0,3}(-[0-9]{0,3})?",
        "[0-9 ]{0,30}",
        any::<String>(),
    ]
}

/// Arbitrary JSON, a few levels deep, with the keys the parsers look for among random ones.
fn any_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("year".to_string()),
        Just("quarter".to_string()),
        Just("indicators".to_string()),
        Just("cuts".to_string()),
        Just("factor_bands".to_string()),
        Just("sanction_levels".to_string()),
        "[a-z_]{1,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        typed_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// CSV-like text: fields, delimiters, quotes and line breaks in any order.
fn csv_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[A-Za-z0-9 .-]{0,8}",
            Just(",".into()),
            Just(";".into()),
            Just("\"".into()),
            Just("\n".into()),
            Just("\r\n".into())
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

fn told(e: &AppError) -> bool {
    match e {
        AppError::Validation { message, .. } | AppError::Conflict(message) => !message.trim().is_empty(),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn numbers_parse_or_are_refused_without_panic(text in typed_text()) {
        let _ = parse_number_id(&text);
        let _ = parse_decimal_str(&text);
    }

    /// A number written the Indonesian way ("1.234,5") reads back as itself.
    #[test]
    fn indonesian_numbers_read_back(units in -1_000_000_000_000i64..1_000_000_000_000, scale in 0u32..4) {
        let value = rust_decimal::Decimal::new(units, scale);
        let text = crate::domain::explanation::number_id(value);
        prop_assert_eq!(parse_number_id(&text), Some(value), "{}", text);
    }

    #[test]
    fn nips_are_read_or_refused_with_a_message(text in typed_text()) {
        if let Err(e) = Nip::parse(&text) {
            prop_assert!(!e.message.trim().is_empty());
        }
    }

    #[test]
    fn months_and_counts_are_read_or_refused_with_a_message(
        month in typed_text(),
        counts in prop::collection::btree_map("[A-Z0-9]{0,4}", typed_text(), 0..5),
    ) {
        if let Err(e) = parse_month(&month, "month") {
            prop_assert!(told(&e), "{:?}", e);
        }
        if let Err(e) = parse_counts(&counts) {
            prop_assert!(told(&e), "{:?}", e);
        }
    }

    #[test]
    fn policy_json_is_read_or_refused_with_a_message(value in any_json()) {
        if let Err(e) = Policy::from_json(&value, "policy") {
            prop_assert!(!e.message.trim().is_empty());
        }
    }

    #[test]
    fn case_files_are_read_or_refused_with_a_message(value in any_json()) {
        if let Err(e) = case::from_json(&value) {
            prop_assert!(!e.message.trim().is_empty());
        }
    }

    /// Every character of the file ends up in a field, a delimiter, a quote or a line break: the
    /// reader never drops or invents data, whatever the quoting.
    #[test]
    fn csv_files_are_split_without_panic(text in csv_text()) {
        let delim = detect_delimiter(&text);
        let records = parse_csv(&text, delim);
        let mut last_line = 0;
        for (line, fields) in &records {
            prop_assert!(*line >= 1 && *line >= last_line, "lines in order");
            last_line = *line;
            let kept: usize = fields.iter().map(|f| f.chars().filter(|c| c.is_ascii_alphanumeric()).count()).sum();
            prop_assert!(kept <= text.chars().filter(|c| c.is_ascii_alphanumeric()).count());
        }
        let letters_in: usize = text.chars().filter(|c| c.is_ascii_alphanumeric()).count();
        let letters_out: usize = records.iter().flat_map(|(_, f)| f).map(|f| f.chars().filter(|c| c.is_ascii_alphanumeric()).count()).sum();
        prop_assert_eq!(letters_in, letters_out, "no letter lost: {:?}", text);
    }
}

#[test]
fn an_unbalanced_quote_keeps_its_text() {
    let records = parse_csv("nip,nama\n\"1980,Budi\n", ',');
    let joined: String = records.iter().flat_map(|(_, f)| f.iter().cloned()).collect();
    assert!(joined.contains("Budi"), "{records:?}");
}
