//! Golden calculation cases (domain.md section 6): every `tests/cases/NAME.json` must produce
//! `NAME.expected.json`, and every `tests/cases/invalid/NAME.json` must fail with a message
//! containing `NAME.error.txt`, through the same function `pakta calc` uses; then the real binary
//! on a valid and an invalid case.
use app::domain::case;
use app::domain::json::parse_decimal_str;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases")
}

/// Case files in `dir` (not the expected results), sorted.
fn case_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".json") && !name.ends_with(".expected.json")
        })
        .collect();
    files.sort();
    files
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let stem = path.file_stem().unwrap().to_string_lossy();
    path.with_file_name(format!("{stem}{suffix}"))
}

/// Numbers compared as exact decimals (105 = 105.0), tagged so they never equal a string.
fn normalise(value: Value) -> Value {
    match value {
        Value::Number(n) => {
            let d = parse_decimal_str(&n.to_string()).unwrap_or_else(|| panic!("number {n}"));
            Value::String(format!("#number {}", d.normalize()))
        }
        Value::Array(items) => Value::Array(items.into_iter().map(normalise).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, normalise(v))).collect()),
        other => other,
    }
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn valid_cases_match_their_expected_results() {
    let files = case_files(&cases_dir());
    assert!(files.len() >= 15, "golden cases missing: {files:?}");
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let expected = normalise(read_json(&sibling(file, ".expected.json")));
        match case::run(&text, false) {
            Ok(out) => {
                let actual: Value = serde_json::from_str(&out).unwrap();
                if normalise(actual.clone()) != expected {
                    failures.push(format!("{}:\n  got {actual}", file.display()));
                }
                // The explanation exists for every valid case and ends with the quarter's total.
                let explanation = case::run(&text, true).unwrap();
                let total = actual["total"].as_i64().unwrap();
                assert!(
                    explanation.contains(&app::format::rupiah(total)),
                    "{}: explanation lacks the total\n{explanation}",
                    file.display()
                );
            }
            Err(e) => failures.push(format!("{}: {e}", file.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invalid_cases_are_rejected_naming_the_field() {
    let files = case_files(&cases_dir().join("invalid"));
    assert!(files.len() >= 10, "invalid cases missing: {files:?}");
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let wanted = std::fs::read_to_string(sibling(file, ".error.txt")).unwrap();
        let wanted = wanted.trim();
        match case::run(&text, false) {
            Ok(out) => failures.push(format!("{}: accepted, printed {out}", file.display())),
            Err(e) if e.to_string().contains(wanted) => {}
            Err(e) => {
                failures.push(format!("{}: message {:?} lacks {wanted:?}", file.display(), e.to_string()))
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn pakta(args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(args)
        .env("PAKTA_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default().as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

#[test]
fn pakta_calc_prints_example_a() {
    let file = cases_dir().join("example_a.json");
    let out = pakta(&["calc", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let actual: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(normalise(actual), normalise(read_json(&cases_dir().join("example_a.expected.json"))));
}

#[test]
fn pakta_calc_explains_from_stdin() {
    let text = std::fs::read_to_string(cases_dir().join("example_c.json")).unwrap();
    let out = pakta(&["calc", "-", "--explain"], Some(&text));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Kurang/Misconduct"), "{stdout}");
    assert!(stdout.contains("= Rp9.625.000"), "{stdout}");
}

#[test]
fn pakta_calc_rejects_an_invalid_case() {
    let file = cases_dir().join("invalid/weights_not_100.json");
    let out = pakta(&["calc", file.to_str().unwrap()], None);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("indicators: Jumlah bobot (weight) semua indikator 90, harus 100"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn pakta_calc_accepts_a_byte_order_mark_from_a_file_and_from_stdin() {
    let file = cases_dir().join("byte_order_mark.json");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "the golden case must keep its byte-order mark");
    let expected = normalise(read_json(&cases_dir().join("example_a.expected.json")));
    let out = pakta(&["calc", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(normalise(serde_json::from_slice(&out.stdout).unwrap()), expected);
    let out = pakta(&["calc", "-"], Some(std::str::from_utf8(&bytes).unwrap()));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(normalise(serde_json::from_slice(&out.stdout).unwrap()), expected);
}

/// `pakta calc -` of `text`: (success, stdout, stderr).
fn calc_stdin(text: &str, explain: bool) -> (bool, String, String) {
    let args: &[&str] = if explain { &["calc", "-", "--explain"] } else { &["calc", "-"] };
    let out = pakta(args, Some(text));
    let (stdout, stderr) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.success(), stdout, stderr)
}

#[test]
fn pakta_calc_messages_say_what_is_wrong() {
    let (ok, _, stderr) = calc_stdin("[]", false);
    assert!(!ok);
    assert!(stderr.contains("case: Berkas kasus harus berupa satu objek JSON"), "{stderr}");
    let case = |realisation: &str, months: &str| {
        format!(
            r#"{{"year": 2026, "quarter": 2, "monthly_ceiling": 1000000, "behaviour": "as_expected",
                "indicators": [{{"polarity": "max", "weight": 100, "target": 10, "realisation": {realisation}}}],
                "sanctions": [{{"level": "moderate", "start": "2026-04-01", "months": {months}}}]}}"#
        )
    };
    let (ok, _, stderr) = calc_stdin(&case("10", "1000000000000"), false);
    assert!(!ok);
    assert!(stderr.contains("sanctions[0].months: Lama hukuman terlalu besar"), "{stderr}");
    assert!(!stderr.contains("lebih dari 0"), "{stderr}");
    let (_, _, as_number) = calc_stdin(&case("1e30", "6"), false);
    let (_, _, as_string) = calc_stdin(&case("\"1e30\"", "6"), false);
    assert_eq!(as_number, as_string);
    assert!(as_number.contains("indicators[0].realisation: Angka terlalu besar"), "{as_number}");
}

#[test]
fn pakta_calc_explains_exactness_months_and_grouped_codes() {
    let text = std::fs::read_to_string(cases_dir().join("score_hair_below_90.json")).unwrap();
    let (ok, stdout, stderr) = calc_stdin(&text, true);
    assert!(ok, "{stderr}");
    for needle in [
        "≈ 89,9999999999%",
        "≈ 89,9999999999 < 90 → Di Bawah Ekspektasi",
        "7.1. TPP April 2026",
        "7.2. TPP Mei 2026",
        "7.3. TPP Juni 2026",
        "= Rp26.400.000",
    ] {
        assert!(stdout.contains(needle), "missing {needle:?} in\n{stdout}");
    }
    let text = std::fs::read_to_string(cases_dir().join("attendance_over_100.json")).unwrap();
    let (ok, stdout, stderr) = calc_stdin(&text, true);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("TK 4% × 30 = 120%, dibatasi menjadi 100%"), "{stdout}");
    assert!(stdout.contains("TK 4% × 20 + TA 2% = 82%"), "{stdout}");
    let text = std::fs::read_to_string(cases_dir().join("policy_override.json")).unwrap();
    let (ok, stdout, stderr) = calc_stdin(&text, true);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("tidak membuatnya memaksa rating perilaku"), "{stdout}");
}
