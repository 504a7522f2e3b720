//! TPP policy (Perwali) versions for the HR admin: the versions with the one in force, and a new
//! version from JSON overrides with an effective date. Admin only, checked first.
use crate::domain::explanation::{level_in, number_id};
use crate::domain::policy::Policy;
use crate::domain::predikat::Predikat;
use crate::error::AppError;
use crate::i18n::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Longest accepted note (catatan), in characters.
pub const NOTE_MAX_CHARS: usize = 500;
/// Longest accepted policy text, in bytes: the full default policy is under 1 KiB.
pub const BODY_MAX_BYTES: usize = 64 * 1024;

/// One part of a policy as a two-column table: (ketentuan, nilai) rows in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyTable {
    pub caption: String,
    pub key_header: String,
    pub value_header: String,
    pub rows: Vec<(String, String)>,
}

/// A policy version as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyVersionView {
    pub version: i32,
    pub effective_from: NaiveDate,
    pub note: Option<String>,
    /// The version calculations for today (WIB) use.
    pub in_force: bool,
    /// Effective after today (WIB): not used by any calculation yet.
    pub upcoming: bool,
    pub created_at: DateTime<Utc>,
    /// Umum, potongan kehadiran, faktor produktivitas, batas predikat, hukuman disiplin.
    pub tables: Vec<PolicyTable>,
    /// The complete policy, pretty-printed: what a new version's form starts from.
    pub json: String,
}

fn pct(d: Decimal) -> String {
    format!("{}%", number_id(d))
}

fn table(caption: &str, key_header: &str, value_header: &str, rows: Vec<(String, String)>) -> PolicyTable {
    PolicyTable {
        caption: caption.into(),
        key_header: key_header.into(),
        value_header: value_header.into(),
        rows,
    }
}

/// What the default attendance codes mean (domain.md section 4); other codes show as recorded.
const CUT_CODES: [(&str, &str, &str); 10] = [
    ("TL1", "terlambat masuk 1–30 menit", "late arrival 1–30 minutes"),
    ("TL2", "terlambat masuk 31–60 menit", "late arrival 31–60 minutes"),
    ("TL3", "terlambat masuk 61–90 menit", "late arrival 61–90 minutes"),
    (
        "TL4",
        "terlambat masuk lebih dari 90 menit atau tanpa catatan",
        "late arrival over 90 minutes or unrecorded",
    ),
    ("PSW1", "pulang sebelum waktunya 1–30 menit", "early departure 1–30 minutes"),
    ("PSW2", "pulang sebelum waktunya 31–60 menit", "early departure 31–60 minutes"),
    ("PSW3", "pulang sebelum waktunya 61–90 menit", "early departure 61–90 minutes"),
    (
        "PSW4",
        "pulang sebelum waktunya lebih dari 90 menit atau tanpa catatan",
        "early departure over 90 minutes or unrecorded",
    ),
    ("TA", "tidak mengikuti apel", "absent from roll call"),
    ("TK", "tidak masuk tanpa keterangan, per hari", "absent without notice, per day"),
];

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn general_rows(p: &Policy, l: Lang) -> Vec<(String, String)> {
    use crate::domain::rating::Rating;
    let t = &p.rating_thresholds;
    let breach = match (p.breach_forces_below, l) {
        (true, Lang::Id) => format!("Rating perilaku kerja menjadi {}", Rating::Below.label_id()),
        (true, Lang::En) => format!("Behaviour rating becomes {}", Rating::Below.label_in(l)),
        (false, _) => {
            l.pick("Tidak mengubah rating perilaku kerja", "Does not change the behaviour rating").to_string()
        }
    };
    let rating = |r: Rating| match l {
        Lang::Id => format!("Rating hasil kerja {}", r.label_id()),
        Lang::En => format!("Work rating {}", r.label_in(l)),
    };
    let score = l.pick("nilai", "score");
    let of_ceiling = l.pick("dari pagu TPP", "of the TPP ceiling");
    vec![
        (
            l.pick("Batas atas capaian per indikator", "Cap on each indicator's achievement").to_string(),
            pct(p.cap),
        ),
        (rating(Rating::Above), format!("{score} ≥ {}", number_id(t.above))),
        (
            rating(Rating::AsExpected),
            format!("{} ≤ {score} < {}", number_id(t.as_expected), number_id(t.above)),
        ),
        (rating(Rating::Below), format!("{score} < {}", number_id(t.as_expected))),
        (
            l.pick("Komponen disiplin kerja", "Work discipline component").to_string(),
            format!("{} {of_ceiling}", pct(p.split.discipline)),
        ),
        (
            l.pick("Komponen produktivitas kerja", "Work productivity component").to_string(),
            format!("{} {of_ceiling}", pct(p.split.productivity)),
        ),
        (
            l.pick(
                "Pelanggaran pakta integritas atau hukuman disiplin yang mulai berlaku",
                "A breach of the integrity pact or a disciplinary sanction taking effect",
            )
            .to_string(),
            breach,
        ),
    ]
}

fn cut_rows(p: &Policy, l: Lang) -> Vec<(String, String)> {
    let known = CUT_CODES.iter().filter_map(|(code, id, en)| {
        p.cuts.get(*code).map(|v| (format!("{code} ({})", l.pick(id, en)), pct(*v)))
    });
    let others = p
        .cuts
        .iter()
        .filter(|(code, _)| !CUT_CODES.iter().any(|(c, _, _)| c == code))
        .map(|(code, v)| (code.clone(), pct(*v)));
    known.chain(others).collect()
}

fn factor_rows(p: &Policy, l: Lang) -> Vec<(String, String)> {
    let score = l.pick("nilai", "score");
    let mut out: Vec<(String, String)> = p
        .factor_bands
        .iter()
        .enumerate()
        .map(|(i, band)| {
            let range = match i.checked_sub(1).map(|j| p.factor_bands[j].from) {
                None => format!("{score} ≥ {}", number_id(band.from)),
                Some(upper) => format!("{} ≤ {score} < {}", number_id(band.from), number_id(upper)),
            };
            (range, pct(band.factor))
        })
        .collect();
    if let Some(last) = p.factor_bands.last().filter(|b| !b.from.is_zero()) {
        out.push((format!("{score} < {}", number_id(last.from)), pct(Decimal::ZERO)));
    }
    out
}

fn predikat_rows(p: &Policy, l: Lang) -> Vec<(String, String)> {
    Predikat::ALL
        .iter()
        .map(|pr| {
            let cap = p
                .predikat_caps
                .get(pr)
                .map_or_else(|| l.pick("tidak dibatasi", "no cap").to_string(), |c| pct(*c));
            (pr.label_in(l).to_string(), cap)
        })
        .collect()
}

fn sanction_rows(p: &Policy, l: Lang) -> Vec<(String, String)> {
    const ORDER: [&str; 3] = ["light", "moderate", "heavy"];
    let known = ORDER.iter().filter_map(|l| p.sanction_levels.get(*l).map(|v| (*l, v)));
    let others =
        p.sanction_levels.iter().filter(|(l, _)| !ORDER.contains(&l.as_str())).map(|(l, v)| (l.as_str(), v));
    known.chain(others).map(|(level, v)| (capitalised(&level_in(level, l)), pct(*v))).collect()
}

/// The policy as readable tables, in `l`.
pub fn policy_tables(p: &Policy, l: Lang) -> Vec<PolicyTable> {
    vec![
        table(
            l.pick("Ketentuan umum", "General rules"),
            l.pick("Ketentuan", "Rule"),
            l.pick("Nilai", "Value"),
            general_rows(p, l),
        ),
        table(
            l.pick(
                "Potongan kehadiran: persen komponen disiplin kerja per kejadian (paling banyak 100% sebulan)",
                "Attendance cuts: percent of the work discipline component per occurrence (at most 100% a month)",
            ),
            l.pick("Kode", "Code"),
            l.pick("Potongan", "Cut"),
            cut_rows(p, l),
        ),
        table(
            l.pick("Faktor produktivitas kerja menurut nilai triwulan", "Work productivity factor by quarterly score"),
            l.pick("Nilai triwulan", "Quarterly score"),
            l.pick("Faktor", "Factor"),
            factor_rows(p, l),
        ),
        table(
            l.pick("Batas faktor produktivitas menurut predikat kinerja", "Productivity factor cap by performance grade"),
            l.pick("Predikat kinerja", "Performance grade"),
            l.pick("Faktor paling tinggi", "Highest factor"),
            predikat_rows(p, l),
        ),
        table(
            l.pick(
                "Hukuman disiplin: potongan TPP setiap bulan selama hukuman berlaku",
                "Disciplinary sanctions: TPP cut each month while the sanction is in force",
            ),
            l.pick("Tingkat hukuman", "Sanction level"),
            l.pick("Potongan", "Cut"),
            sanction_rows(p, l),
        ),
    ]
}

/// The complete policy as the form's pretty JSON.
pub fn policy_json(p: &Policy) -> String {
    serde_json::to_string_pretty(&p.to_json()).unwrap_or_default()
}

/// The effective date as typed (`YYYY-MM-DD`, what a date input sends).
pub fn parse_effective_from(text: &str) -> Result<NaiveDate, AppError> {
    let text = text.trim();
    let message = if text.is_empty() {
        "Tanggal berlaku wajib diisi (YYYY-MM-DD)."
    } else {
        "Tanggal berlaku harus berformat YYYY-MM-DD, misalnya 2026-07-01."
    };
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| AppError::validation("effective_from", message))?;
    if !(2000..=2100).contains(&chrono::Datelike::year(&date)) {
        return Err(AppError::validation("effective_from", "Tahun berlaku harus antara 2000 dan 2100."));
    }
    Ok(date)
}

/// The policy text as typed: JSON overrides of the defaults, checked by the engine. Every error
/// is on the field `body`, naming the line and column (syntax) or the policy key (engine).
pub fn parse_body(text: &str) -> Result<serde_json::Value, AppError> {
    use serde_json::error::Category;
    if text.trim().is_empty() {
        return Err(AppError::validation(
            "body",
            "Isi kebijakan (JSON) wajib diisi; {} berarti kebijakan bawaan.",
        ));
    }
    if text.len() > BODY_MAX_BYTES {
        return Err(AppError::validation(
            "body",
            format!("Isi kebijakan paling banyak {} KiB.", BODY_MAX_BYTES / 1024),
        ));
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let what = match e.classify() {
            Category::Eof => "teks berakhir sebelum JSON lengkap (kurung atau tanda kutip belum ditutup?)",
            _ => "penulisan JSON salah (periksa koma, tanda kutip dan kurung)",
        };
        AppError::validation(
            "body",
            format!("Bukan JSON yang sah pada baris {}, kolom {}: {what}.", e.line(), e.column()),
        )
    })?;
    Policy::from_json(&value, "").map_err(|e| {
        let message = if e.field.is_empty() { e.message } else { format!("{}: {}", e.field, e.message) };
        AppError::validation("body", message)
    })?;
    Ok(value)
}

/// The optional note: trimmed, empty means none.
pub fn parse_note(text: &str) -> Result<Option<String>, AppError> {
    let note = text.trim();
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(AppError::validation(
            "note",
            format!("Catatan paling banyak {NOTE_MAX_CHARS} karakter."),
        ));
    }
    Ok((!note.is_empty()).then(|| note.to_string()))
}

/// Every version, the latest effective date first, marking the one in force today (WIB).
#[server(endpoint = "admin/policy/list")]
pub async fn list_policy_versions() -> Result<Vec<PolicyVersionView>, AppError> {
    use crate::domain::Role;
    use crate::server::{context, policy};
    context::require_role(Role::Admin)?;
    let db = &context::app_state()?.db;
    let today = Utc::now().with_timezone(&crate::format::wib()).date_naive();
    let current = policy::in_force(db, today).await?.map(|v| v.id);
    let versions = policy::history(db).await?;
    // The reader's language (the request's cookie): the tables are text, not figures.
    let lang = crate::i18n::lang();
    Ok(versions
        .into_iter()
        .map(|v| PolicyVersionView {
            version: v.version,
            effective_from: v.effective_from,
            note: v.note,
            in_force: Some(v.id) == current,
            upcoming: v.effective_from > today,
            created_at: v.created_at,
            tables: policy_tables(&v.policy, lang),
            json: policy_json(&v.policy),
        })
        .collect())
}

/// Adds a version effective from `effective_from` (`YYYY-MM-DD`); `body` is JSON overriding the
/// defaults (the form starts from the complete policy in force). Versions already stored never
/// change. Returns the new version number; the page reloads with `?disimpan=1`.
#[server(endpoint = "admin/policy/create")]
pub async fn create_policy_version(
    #[server(default)] effective_from: String,
    #[server(default)] body: String,
    #[server(default)] note: String,
) -> Result<i32, AppError> {
    use crate::domain::Role;
    use crate::server::{context, policy};
    let admin = context::require_role(Role::Admin)?;
    let date = parse_effective_from(&effective_from)?;
    let value = parse_body(&body)?;
    let note = parse_note(&note)?;
    let created = policy::add_version(&context::app_state()?.db, date, &value, note, Some(admin.account_id))
        .await
        .map_err(|e| match e {
            // Checked above already; should the service's check differ, the error stays on the form.
            AppError::Validation { field, message } if field.starts_with("policy") => AppError::validation(
                "body",
                format!("{}: {message}", field.trim_start_matches("policy").trim_start_matches('.')),
            ),
            other => other,
        })?;
    leptos_axum::redirect("/admin/kebijakan-tpp?disimpan=1");
    Ok(created.version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field_and_message(e: AppError) -> (String, String) {
        match e {
            AppError::Validation { field, message } => (field, message),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn default_policy_reads_as_indonesian_tables() {
        let tables = policy_tables(&Policy::default(), Lang::Id);
        assert_eq!(tables.len(), 5);
        let general = &tables[0].rows;
        assert!(general.contains(&("Batas atas capaian per indikator".into(), "120%".into())));
        assert!(general.iter().any(|(_, v)| v == "90 ≤ nilai < 110"));
        assert!(general.iter().any(|(_, v)| v == "40% dari pagu TPP"));
        let cuts = &tables[1].rows;
        assert_eq!(cuts[0], ("TL1 (terlambat masuk 1–30 menit)".into(), "0,5%".into()));
        assert!(cuts.iter().any(|(k, v)| k.starts_with("TL3 ") && v == "1,25%"));
        assert_eq!(cuts.len(), 10);
        let factors = &tables[2].rows;
        assert_eq!(factors[0], ("nilai ≥ 100".into(), "100%".into()));
        assert_eq!(factors[1], ("90 ≤ nilai < 100".into(), "90%".into()));
        assert_eq!(factors.last().unwrap(), &("nilai < 50".into(), "0%".into()));
        let caps = &tables[3].rows;
        assert!(caps.contains(&("Kurang/Misconduct".into(), "50%".into())));
        assert!(caps.contains(&("Sangat Baik".into(), "tidak dibatasi".into())));
        let sanctions: Vec<_> = tables[4].rows.iter().map(|(k, v)| format!("{k} {v}")).collect();
        assert_eq!(sanctions, ["Ringan 0%", "Sedang 25%", "Berat 100%"]);
    }

    #[test]
    fn added_codes_and_levels_are_listed_after_the_known_ones() {
        let p = Policy::from_json(&json!({"cuts": {"DL": "0,75"}, "sanction_levels": {"khusus": 50}}), "")
            .unwrap();
        let tables = policy_tables(&p, Lang::Id);
        assert_eq!(tables[1].rows.last().unwrap(), &("DL".into(), "0,75%".into()));
        assert_eq!(tables[4].rows.last().unwrap(), &("Khusus".into(), "50%".into()));
    }

    #[test]
    fn the_pretty_json_reads_back_as_the_same_policy() {
        let p = Policy::from_json(&json!({"cap": 110}), "").unwrap();
        let back: serde_json::Value = serde_json::from_str(&policy_json(&p)).unwrap();
        assert_eq!(Policy::from_json(&back, "").unwrap(), p);
        assert!(policy_json(&p).contains('\n'), "pretty");
    }

    #[test]
    fn body_errors_say_where() {
        let (field, message) = field_and_message(parse_body("{\n  \"cap\": 110,\n}").unwrap_err());
        assert_eq!(field, "body");
        assert!(message.contains("baris 3"), "{message}");
        let (_, message) = field_and_message(parse_body("{\"cap\": ").unwrap_err());
        assert!(message.contains("baris 1"), "{message}");
        let (field, message) = field_and_message(parse_body("{\"cap\": -5}").unwrap_err());
        assert_eq!(field, "body");
        assert!(message.starts_with("cap: "), "{message}");
        let (_, message) = field_and_message(parse_body("{\"split\": {\"disiplin\": 40}}").unwrap_err());
        assert!(message.starts_with("split.disiplin: "), "{message}");
        let (_, message) = field_and_message(parse_body("[]").unwrap_err());
        assert!(!message.starts_with(':'), "{message}");
        assert_eq!(field_and_message(parse_body("  ").unwrap_err()).0, "body");
        assert_eq!(parse_body("{}").unwrap(), json!({}));
    }

    #[test]
    fn dates_and_notes() {
        assert_eq!(
            parse_effective_from(" 2026-07-01 ").unwrap(),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
        for bad in ["", "01-07-2026", "2026-02-30", "1999-12-31"] {
            assert_eq!(
                field_and_message(parse_effective_from(bad).unwrap_err()).0,
                "effective_from",
                "{bad}"
            );
        }
        assert_eq!(parse_note("  ").unwrap(), None);
        assert_eq!(parse_note(" Perwali 12/2026 ").unwrap().as_deref(), Some("Perwali 12/2026"));
        assert!(parse_note(&"é".repeat(NOTE_MAX_CHARS)).is_ok(), "characters, not bytes");
        assert_eq!(field_and_message(parse_note(&"a".repeat(NOTE_MAX_CHARS + 1)).unwrap_err()).0, "note");
    }
}
