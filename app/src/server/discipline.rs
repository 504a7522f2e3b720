//! Attendance cuts (potongan kehadiran), integrity breaches and disciplinary sanctions (hukuman
//! disiplin), entered by the admin. They feed the quarterly TPP calculation, so they are checked
//! against the TPP policy that applies to them: attendance codes against the version in force on
//! the first day of the month, sanction levels against the version in force at the TMT (the
//! default policy before any version). Every write is audited in its own transaction.
use super::audit::{self, action};
use super::entities::{attendance_cut, integrity_breach, official, sanction};
use super::official_import::{detect_delimiter, parse_csv};
use super::policy::{self, PolicyVersion};
use crate::api::discipline::{
    month_index, month_label, sort_codes, BreachInput, BreachRow, DisciplineRecord, LevelOption, MonthCuts,
    SanctionInput, SanctionRow, DECREE_MAX_CHARS, IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS,
    MAX_COUNT, MAX_SANCTION_MONTHS, NOTE_MAX_CHARS, POINT_MAX_CHARS,
};
use crate::api::officials::{ImportLineError, ImportReport};
use crate::domain::explanation::{level_id, number_id};
use crate::domain::json::parse_number_id;
use crate::domain::policy::Policy;
use crate::domain::Nip;
use crate::error::AppError;
use crate::format::{group_thousands, wib};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use uuid::Uuid;

/// Audit `entity` values (table names).
const ENTITY_ATTENDANCE: &str = "attendance_cut";
const ENTITY_BREACH: &str = "integrity_breach";
const ENTITY_SANCTION: &str = "sanction";
/// Years accepted anywhere here.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// One official-month: (official, year, month).
type MonthKey = (Uuid, i32, u32);

/// An official's id from a form field; an unreadable id is an unknown official.
pub fn official_id(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text.trim()).map_err(|_| AppError::NotFound)
}

fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&wib()).date_naive()
}

/// A month as `YYYY-MM`, as `<input type="month">` sends it.
pub fn parse_month(text: &str, field: &str) -> Result<(i32, u32), AppError> {
    let bad = || AppError::validation(field, "Bulan harus ditulis TTTT-BB, misalnya 2026-03.");
    let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || !(1..=2).contains(&m.len()) {
        return Err(bad());
    }
    let year: i32 = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) || !YEARS.contains(&year) {
        return Err(bad());
    }
    Ok((year, month))
}

fn first_day(year: i32, month: u32) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(year, month, 1).ok_or(AppError::Internal)
}

/// Attendance is recorded for months that have begun.
fn check_month_begun(year: i32, month: u32, today: NaiveDate, field: &str) -> Result<(), AppError> {
    if first_day(year, month)? > today {
        return Err(AppError::validation(
            field,
            format!(
                "Bulan {} belum berjalan; kehadiran dicatat setelah bulannya dimulai.",
                month_label(year, month)
            ),
        ));
    }
    Ok(())
}

/// The form's counts by code: empty means 0; anything else must be a whole number.
pub fn parse_counts(counts: &BTreeMap<String, String>) -> Result<Vec<(String, i32)>, AppError> {
    counts
        .iter()
        .map(|(code, text)| {
            let text = text.trim();
            if text.is_empty() {
                return Ok((code.clone(), 0));
            }
            text.parse::<i32>().map(|n| (code.clone(), n)).map_err(|_| {
                AppError::validation(
                    &format!("counts[{code}]"),
                    format!("Jumlah {code} harus bilangan bulat 0 sampai {MAX_COUNT}."),
                )
            })
        })
        .collect()
}

/// The policy in force on `date`, from all versions newest first; the default before any.
fn policy_on(history: &[PolicyVersion], date: NaiveDate) -> Policy {
    policy::version_on(history, date).map(|v| v.policy.clone()).unwrap_or_default()
}

async fn find_official(db: &impl ConnectionTrait, id: Uuid) -> Result<official::Model, AppError> {
    official::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// The counts stored for one official-month, by code.
async fn month_counts(db: &impl ConnectionTrait, key: MonthKey) -> Result<BTreeMap<String, i32>, AppError> {
    let (official_id, year, month) = key;
    Ok(attendance_cut::Entity::find()
        .filter(attendance_cut::Column::OfficialId.eq(official_id))
        .filter(attendance_cut::Column::Year.eq(year))
        .filter(attendance_cut::Column::Month.eq(month as i16))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.count))
        .collect())
}

fn month_json(key: MonthKey, counts: &BTreeMap<String, i32>) -> serde_json::Value {
    let (official_id, year, month) = key;
    serde_json::json!({ "official_id": official_id, "year": year, "month": month, "counts": counts })
}

/// Replaces an official-month's rows with `counts` (zeros left out) and audits the change.
async fn write_month(
    txn: &DatabaseTransaction,
    key: MonthKey,
    counts: &BTreeMap<String, i32>,
    audit_action: &str,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (official_id, year, month) = key;
    let before = month_counts(txn, key).await?;
    attendance_cut::Entity::delete_many()
        .filter(attendance_cut::Column::OfficialId.eq(official_id))
        .filter(attendance_cut::Column::Year.eq(year))
        .filter(attendance_cut::Column::Month.eq(month as i16))
        .exec(txn)
        .await?;
    let after: BTreeMap<String, i32> =
        counts.iter().filter(|(_, n)| **n > 0).map(|(c, n)| (c.clone(), *n)).collect();
    let rows: Vec<attendance_cut::ActiveModel> = after
        .iter()
        .map(|(code, count)| attendance_cut::ActiveModel {
            id: Set(Uuid::new_v4()),
            official_id: Set(official_id),
            year: Set(year),
            month: Set(month as i16),
            code: Set(code.clone()),
            count: Set(*count),
            created_at: Set(now),
        })
        .collect();
    if !rows.is_empty() {
        attendance_cut::Entity::insert_many(rows).exec(txn).await?;
    }
    let entry = audit::Entry {
        actor,
        action: audit_action,
        entity: ENTITY_ATTENDANCE,
        record_id: Some(format!("{official_id}/{year}-{month:02}")),
        before: Some(month_json(key, &before)),
        after: Some(month_json(key, &after)),
    };
    audit::record(txn, entry, now).await?;
    Ok(())
}

/// Sets an official's attendance cuts for a month, replacing what was stored: `counts` are
/// (code, occurrences); a code left out or at 0 has none. Errors name the field `counts[CODE]`.
pub async fn set_month(
    db: &DatabaseConnection,
    official_id: Uuid,
    year: i32,
    month: u32,
    counts: &[(String, i32)],
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !YEARS.contains(&year) || !(1..=12).contains(&month) {
        return Err(AppError::validation("month", "Bulan harus ditulis TTTT-BB, misalnya 2026-03."));
    }
    check_month_begun(year, month, today(now), "month")?;
    let policy = policy_on(&policy::history(db).await?, first_day(year, month)?);
    let mut clean = BTreeMap::new();
    for (raw, count) in counts {
        let field = format!("counts[{}]", raw.trim());
        let code = raw.trim().to_uppercase();
        if !policy.cuts.contains_key(&code) {
            return Err(AppError::validation(
                &field,
                format!(
                    "Kode {code} tidak ada dalam kebijakan TPP yang berlaku bulan {}.",
                    month_label(year, month)
                ),
            ));
        }
        if !(0..=MAX_COUNT).contains(count) {
            return Err(AppError::validation(
                &field,
                format!("Jumlah {code} harus bilangan bulat 0 sampai {MAX_COUNT}."),
            ));
        }
        if clean.insert(code.clone(), *count).is_some() {
            return Err(AppError::validation(&field, format!("Kode {code} diisi dua kali.")));
        }
    }
    let txn = super::begin_write(db).await?;
    find_official(&txn, official_id).await?;
    write_month(&txn, (official_id, year, month), &clean, action::UPDATE, actor, now).await?;
    txn.commit().await?;
    Ok(())
}

fn line_error(line: usize, column: Option<&str>, message: impl Into<String>) -> ImportLineError {
    ImportLineError { line, column: column.map(str::to_string), message: message.into() }
}

/// The index of each known column; other columns are ignored (attendance systems export more).
fn header_columns(header: &[String]) -> Result<HashMap<&'static str, usize>, Vec<ImportLineError>> {
    let mut index = HashMap::new();
    let mut errors = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim().to_lowercase();
        if let Some(c) = IMPORT_COLUMNS.iter().find(|c| c.0 == name) {
            if index.insert(c.0, i).is_some() {
                errors.push(line_error(1, Some(c.0), format!("Kolom {} muncul dua kali.", c.0)));
            }
        }
    }
    for (name, ..) in IMPORT_COLUMNS {
        if !index.contains_key(name) {
            errors.push(line_error(1, Some(name), format!("Kolom {name} tidak ada di baris judul.")));
        }
    }
    if errors.is_empty() {
        Ok(index)
    } else {
        Err(errors)
    }
}

/// A good line of the file.
#[derive(Debug)]
struct Line {
    key: MonthKey,
    code: String,
    count: i32,
}

/// Checks the lines of an attendance file against the officials and the policies in force.
struct LineChecker {
    /// Official id by NIP.
    officials: HashMap<String, Uuid>,
    /// Every policy version, newest first.
    history: Vec<PolicyVersion>,
    today: NaiveDate,
    policies: HashMap<(i32, u32), Policy>,
}

impl LineChecker {
    /// The line, or every problem in it (one per column). The outer error is an internal one.
    fn check(
        &mut self,
        line: usize,
        nip: &str,
        month: &str,
        code: &str,
        count: &str,
    ) -> Result<Result<Line, Vec<ImportLineError>>, AppError> {
        let mut errors = Vec::new();
        let official = match Nip::parse(nip) {
            Err(e) => Err(e.message),
            Ok(nip) => self
                .officials
                .get(nip.as_str())
                .copied()
                .ok_or(format!("NIP {} tidak terdaftar.", nip.spaced())),
        };
        let official = official.map_err(|m| errors.push(line_error(line, Some("nip"), m))).ok();
        let month = parse_month(month, "bulan")
            .and_then(|(y, m)| check_month_begun(y, m, self.today, "bulan").map(|_| (y, m)))
            .map_err(|e| errors.push(line_error(line, Some("bulan"), e.to_string())))
            .ok();
        let code = code.to_uppercase();
        if code.is_empty() {
            errors.push(line_error(line, Some("kode"), "Kode potongan wajib diisi."));
        } else if let Some((y, m)) = month {
            let policy = match self.policies.entry((y, m)) {
                std::collections::hash_map::Entry::Occupied(p) => p.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(policy_on(&self.history, first_day(y, m)?))
                }
            };
            if !policy.cuts.contains_key(&code) {
                let message = format!(
                    "Kode {code} tidak ada dalam kebijakan TPP yang berlaku bulan {}.",
                    month_label(y, m)
                );
                errors.push(line_error(line, Some("kode"), message));
            }
        }
        let count = count.parse::<i32>().ok().filter(|n| (0..=MAX_COUNT).contains(n));
        if count.is_none() {
            let message = format!("Jumlah harus bilangan bulat 0 sampai {MAX_COUNT}.");
            errors.push(line_error(line, Some("jumlah"), message));
        }
        Ok(match (official, month, count) {
            (Some(official), Some((year, month)), Some(count)) if errors.is_empty() => {
                Ok(Line { key: (official, year, month), code, count })
            }
            _ => Err(errors),
        })
    }
}

/// Imports attendance cuts from CSV text (`nip,bulan,kode,jumlah`, comma or semicolon, header
/// first). Every line is checked and every bad one reported; only a clean file is written, in
/// one transaction, each line replacing the stored count of its official, month and code (0
/// removes it). One audit entry per official-month changed.
pub async fn import_attendance(
    db: &DatabaseConnection,
    csv: &str,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<ImportReport, AppError> {
    if csv.len() > IMPORT_MAX_BYTES {
        return Err(AppError::validation(
            "csv",
            format!(
                "Berkas terlalu besar ({} KB); paling besar {} KB. Bagi menjadi beberapa berkas.",
                group_thousands(csv.len().div_ceil(1024) as i64),
                IMPORT_MAX_BYTES / 1024
            ),
        ));
    }
    let text = csv.strip_prefix('\u{feff}').unwrap_or(csv);
    let mut records: Vec<(usize, Vec<String>)> = parse_csv(text, detect_delimiter(text))
        .into_iter()
        .filter(|(_, f)| f.iter().any(|v| !v.trim().is_empty()))
        .collect();
    if records.is_empty() {
        return Err(AppError::validation(
            "csv",
            "Berkas kosong: tempel isi berkas CSV, mulai dari baris judul.",
        ));
    }
    let (_, header) = records.remove(0);
    let columns = match header_columns(&header) {
        Ok(c) => c,
        Err(errors) => return Ok(ImportReport { imported: 0, errors }),
    };
    if records.is_empty() {
        return Err(AppError::validation("csv", "Berkas hanya berisi baris judul, tanpa data kehadiran."));
    }
    if records.len() > IMPORT_MAX_ROWS {
        return Err(AppError::validation(
            "csv",
            format!(
                "Berkas berisi {} baris data; paling banyak {} baris sekali impor. Bagi menjadi beberapa berkas.",
                group_thousands(records.len() as i64),
                group_thousands(IMPORT_MAX_ROWS as i64)
            ),
        ));
    }

    let txn = super::begin_write(db).await?;
    let history = policy::history(&txn).await?;
    let officials: HashMap<String, Uuid> =
        official::Entity::find().all(&txn).await?.into_iter().filter_map(|o| Some((o.nip?, o.id))).collect();
    let mut checker = LineChecker { officials, history, today: today(now), policies: HashMap::new() };
    let get = |fields: &[String], name: &str| -> String {
        columns.get(name).and_then(|&i| fields.get(i)).map(|v| v.trim().to_string()).unwrap_or_default()
    };
    let mut first_line_of: HashMap<(MonthKey, String), usize> = HashMap::new();
    let mut errors = Vec::new();
    let mut lines = Vec::new();
    for (line, fields) in &records {
        let line = *line;
        if fields.len() != header.len() {
            let message = format!(
                "Baris berisi {} kolom, seharusnya {} seperti baris judul.",
                fields.len(),
                header.len()
            );
            errors.push(line_error(line, None, message));
            continue;
        }
        let checked = checker.check(
            line,
            &get(fields, "nip"),
            &get(fields, "bulan"),
            &get(fields, "kode"),
            &get(fields, "jumlah"),
        )?;
        match checked {
            Err(line_errors) => errors.extend(line_errors),
            Ok(l) => match first_line_of.get(&(l.key, l.code.clone())) {
                Some(first) => {
                    let message = format!("NIP, bulan dan kode sama dengan baris {first}.");
                    errors.push(line_error(line, Some("kode"), message));
                }
                None => {
                    first_line_of.insert((l.key, l.code.clone()), line);
                    lines.push(l);
                }
            },
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Ok(ImportReport { imported: 0, errors });
    }
    let imported = lines.len();
    let mut by_month: BTreeMap<MonthKey, Vec<(String, i32)>> = BTreeMap::new();
    for l in lines {
        by_month.entry(l.key).or_default().push((l.code, l.count));
    }
    for (key, changes) in by_month {
        let mut counts = month_counts(&txn, key).await?;
        counts.extend(changes);
        write_month(&txn, key, &counts, action::IMPORT, actor, now).await?;
    }
    txn.commit().await?;
    Ok(ImportReport { imported, errors: Vec::new() })
}

/// Required text, trimmed, at most `max` characters.
fn required_text(text: &str, field: &str, label: &str, max: usize) -> Result<String, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AppError::validation(field, format!("{label} wajib diisi.")));
    }
    optional_text(t, field, label, max).map(|t| t.unwrap_or_default())
}

fn optional_text(text: &str, field: &str, label: &str, max: usize) -> Result<Option<String>, AppError> {
    let t = text.trim();
    if t.chars().count() > max {
        return Err(AppError::validation(
            field,
            format!("{label} terlalu panjang; paling banyak {max} karakter."),
        ));
    }
    Ok((!t.is_empty()).then(|| t.to_string()))
}

fn parse_date(text: &str, field: &str, label: &str) -> Result<NaiveDate, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AppError::validation(field, format!("{label} wajib diisi.")));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().filter(|d| YEARS.contains(&d.year())).ok_or_else(|| {
        AppError::validation(field, format!("{label} harus tanggal TTTT-BB-HH, misalnya 2026-03-15."))
    })
}

/// Records a breach of the integrity pact (e.g. a finding of the Inspektorat); returns its id.
pub async fn record_breach(
    db: &DatabaseConnection,
    official_id: Uuid,
    input: &BreachInput,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let occurred_on = parse_date(&input.occurred_on, "occurred_on", "Tanggal pelanggaran")?;
    if occurred_on > today(now) {
        return Err(AppError::validation("occurred_on", "Tanggal pelanggaran tidak boleh di masa depan."));
    }
    let pact_point =
        required_text(&input.pact_point, "pact_point", "Butir pakta integritas", POINT_MAX_CHARS)?;
    let source = required_text(&input.source, "source", "Sumber", POINT_MAX_CHARS)?;
    let note = optional_text(&input.note, "note", "Catatan", NOTE_MAX_CHARS)?;
    let txn = super::begin_write(db).await?;
    find_official(&txn, official_id).await?;
    let model = integrity_breach::Model {
        id: Uuid::new_v4(),
        official_id,
        occurred_on,
        pact_point,
        source,
        note,
        created_at: now,
        created_by: actor,
    };
    integrity_breach::Entity::insert(model.clone().into_active_model().reset_all()).exec(&txn).await?;
    let entry = audit::Entry {
        actor,
        action: action::CREATE,
        entity: ENTITY_BREACH,
        record_id: Some(model.id.to_string()),
        before: None,
        after: Some(audit::row_json(&model)?),
    };
    audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(model.id)
}

/// Records a disciplinary sanction; returns its id. Without a percentage of its own the cut is
/// the policy's for the level (the record keeps none, so the level's percentage is looked up
/// when it is applied).
pub async fn record_sanction(
    db: &DatabaseConnection,
    official_id: Uuid,
    input: &SanctionInput,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let start_date = parse_date(&input.start_date, "start_date", "TMT hukuman disiplin")?;
    let policy = policy_on(&policy::history(db).await?, start_date);
    let level = input.level.trim().to_lowercase();
    if !policy.sanction_levels.contains_key(&level) {
        let known: Vec<String> = levels(&policy).into_iter().map(|l| l.label).collect();
        return Err(AppError::validation(
            "level",
            format!("Pilih tingkat hukuman disiplin: {}.", known.join(", ")),
        ));
    }
    let months = input
        .months
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|m| (1..=MAX_SANCTION_MONTHS).contains(m))
        .ok_or_else(|| {
            AppError::validation(
                "months",
                format!("Lama hukuman harus bilangan bulat 1 sampai {MAX_SANCTION_MONTHS} bulan."),
            )
        })?;
    let percent = match input.percent.trim() {
        "" => None,
        text => {
            let p = parse_number_id(text.trim_end_matches('%'))
                .filter(|p| *p >= Decimal::ZERO && *p <= Decimal::ONE_HUNDRED && p.normalize().scale() <= 2);
            let p = p.ok_or_else(|| {
                AppError::validation(
                    "percent",
                    "Persentase potongan harus angka 0 sampai 100, misalnya 25 atau 12,5.",
                )
            })?;
            Some(p.normalize().to_string())
        }
    };
    let decree_number = optional_text(&input.decree_number, "decree_number", "Nomor SK", DECREE_MAX_CHARS)?;
    let note = optional_text(&input.note, "note", "Catatan", NOTE_MAX_CHARS)?;
    let txn = super::begin_write(db).await?;
    find_official(&txn, official_id).await?;
    let model = sanction::Model {
        id: Uuid::new_v4(),
        official_id,
        level,
        percent,
        start_date,
        months,
        decree_number,
        note,
        created_at: now,
        created_by: actor,
    };
    sanction::Entity::insert(model.clone().into_active_model().reset_all()).exec(&txn).await?;
    let entry = audit::Entry {
        actor,
        action: action::CREATE,
        entity: ENTITY_SANCTION,
        record_id: Some(model.id.to_string()),
        before: None,
        after: Some(audit::row_json(&model)?),
    };
    audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(model.id)
}

/// A policy's sanction levels, light to heavy then any other.
fn levels(policy: &Policy) -> Vec<LevelOption> {
    const ORDER: [&str; 3] = ["light", "moderate", "heavy"];
    let rank = |l: &str| ORDER.iter().position(|o| *o == l).unwrap_or(ORDER.len());
    let mut out: Vec<LevelOption> = policy
        .sanction_levels
        .iter()
        .map(|(level, p)| LevelOption {
            level: level.clone(),
            label: level_id(level),
            percent: number_id(*p),
        })
        .collect();
    out.sort_by_key(|l| rank(&l.level));
    out
}

fn sanction_row(s: sanction::Model, history: &[PolicyVersion]) -> SanctionRow {
    let from_policy = s.percent.is_none();
    let percent = match &s.percent {
        Some(p) => p.parse::<Decimal>().ok().map(number_id),
        None => policy_on(history, s.start_date).sanction_levels.get(&s.level).map(|p| number_id(*p)),
    };
    SanctionRow {
        id: s.id,
        level_label: level_id(&s.level),
        level: s.level,
        percent,
        percent_from_policy: from_policy,
        start_date: s.start_date,
        months: s.months,
        decree_number: s.decree_number,
        note: s.note,
    }
}

/// An official's attendance per month, breaches and sanctions for `year` (0: this year, WIB).
pub async fn official_record(
    db: &DatabaseConnection,
    official_id: Uuid,
    year: i32,
    now: DateTime<Utc>,
) -> Result<DisciplineRecord, AppError> {
    let today = today(now);
    let year = if year == 0 { today.year() } else { year };
    if !YEARS.contains(&year) {
        return Err(AppError::validation("tahun", "Tahun harus antara 2000 dan 2100."));
    }
    let o = find_official(db, official_id).await?;
    let history = policy::history(db).await?;
    let mut months: Vec<MonthCuts> =
        (1..=12).map(|month| MonthCuts { month, counts: BTreeMap::new() }).collect();
    let mut codes = BTreeSet::new();
    for m in 1..=12 {
        codes.extend(policy_on(&history, first_day(year, m)?).cuts.into_keys());
    }
    let rows = attendance_cut::Entity::find()
        .filter(attendance_cut::Column::OfficialId.eq(official_id))
        .filter(attendance_cut::Column::Year.eq(year))
        .all(db)
        .await?;
    for r in rows {
        if let Some(m) = months.get_mut((r.month as usize).wrapping_sub(1)) {
            codes.insert(r.code.clone());
            m.counts.insert(r.code, r.count);
        }
    }
    let mut codes: Vec<String> = codes.into_iter().collect();
    sort_codes(&mut codes);
    let open_months = match today.year().cmp(&year) {
        std::cmp::Ordering::Less => 0,
        std::cmp::Ordering::Equal => today.month(),
        std::cmp::Ordering::Greater => 12,
    };
    let jan = first_day(year, 1)?;
    let breaches = integrity_breach::Entity::find()
        .filter(integrity_breach::Column::OfficialId.eq(official_id))
        .filter(integrity_breach::Column::OccurredOn.gte(jan))
        .filter(integrity_breach::Column::OccurredOn.lt(first_day(year + 1, 1)?))
        .order_by_asc(integrity_breach::Column::OccurredOn)
        .order_by_asc(integrity_breach::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|b| BreachRow {
            id: b.id,
            occurred_on: b.occurred_on,
            pact_point: b.pact_point,
            source: b.source,
            note: b.note,
            created_at: b.created_at,
        })
        .collect();
    let sanctions = sanction::Entity::find()
        .filter(sanction::Column::OfficialId.eq(official_id))
        .filter(sanction::Column::StartDate.lt(first_day(year + 1, 1)?))
        .order_by_asc(sanction::Column::StartDate)
        .order_by_asc(sanction::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .filter(|s| {
            let last = month_index(s.start_date.year(), s.start_date.month()) + i64::from(s.months) - 1;
            last >= month_index(year, 1)
        })
        .map(|s| sanction_row(s, &history))
        .collect();
    Ok(DisciplineRecord {
        official_id,
        name: o.name,
        nip: o.nip,
        position_title: o.position_title,
        year,
        codes,
        months,
        open_months,
        breaches,
        sanctions,
        levels: levels(&policy_on(&history, today)),
    })
}

/// What the discipline records add to one official's quarter (domain.md sections 3–4): each
/// month's attendance cut codes (one entry per occurrence), whether an integrity breach was
/// recorded in the quarter, and every sanction of the official (the engine applies those in
/// force in each month). A sanction without its own percentage takes its level's percentage
/// from the policy in force at its TMT.
pub async fn quarter_inputs(
    db: &impl ConnectionTrait,
    official_id: Uuid,
    year: i32,
    quarter: crate::domain::tpp::Quarter,
) -> Result<crate::domain::quarter_sheet::DisciplineInputs, AppError> {
    let mut inputs = quarters_inputs(db, official_id, year, &[quarter]).await?;
    inputs.pop().ok_or(AppError::Internal)
}

/// [`quarter_inputs`] for several quarters of one year, in their order, read in three queries
/// (the records of all the quarters at once, then split by quarter).
pub async fn quarters_inputs(
    db: &impl ConnectionTrait,
    official_id: Uuid,
    year: i32,
    quarters: &[crate::domain::tpp::Quarter],
) -> Result<Vec<crate::domain::quarter_sheet::DisciplineInputs>, AppError> {
    let spans = quarters
        .iter()
        .map(|q| super::evaluations::quarter_days(year, *q))
        .collect::<Result<Vec<_>, AppError>>()?;
    let (Some(first), Some(last)) = (spans.iter().map(|s| s.0).min(), spans.iter().map(|s| s.1).max()) else {
        return Ok(Vec::new());
    };
    let months: BTreeSet<i16> = quarters.iter().flat_map(|q| q.months()).map(|m| m as i16).collect();
    let attendance = attendance_cut::Entity::find()
        .filter(attendance_cut::Column::OfficialId.eq(official_id))
        .filter(attendance_cut::Column::Year.eq(year))
        .filter(attendance_cut::Column::Month.is_in(months))
        .all(db)
        .await?;
    let breaches: Vec<NaiveDate> = integrity_breach::Entity::find()
        .filter(integrity_breach::Column::OfficialId.eq(official_id))
        .filter(integrity_breach::Column::OccurredOn.between(first, last))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.occurred_on)
        .collect();
    let sanctions = sanction::Entity::find()
        .filter(sanction::Column::OfficialId.eq(official_id))
        .filter(sanction::Column::StartDate.lte(last))
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(quarters.len());
    for (q, (first, last)) in quarters.iter().zip(spans) {
        let months = q.months();
        let attendance: Vec<attendance_cut::Model> =
            attendance.iter().filter(|a| months.contains(&(a.month as u32))).cloned().collect();
        let breach = breaches.iter().any(|d| (first..=last).contains(d));
        let sanctions: Vec<sanction::Model> =
            sanctions.iter().filter(|s| s.start_date <= last).cloned().collect();
        out.push(inputs_from_rows(db, &attendance, breach, &sanctions).await?);
    }
    Ok(out)
}

/// The quarter's discipline inputs from the rows [`quarter_inputs`] selects (attendance cuts of
/// the quarter's months, whether a breach fell in it, sanctions started by its last day): for
/// callers that load many officials at once.
pub(super) async fn inputs_from_rows(
    db: &impl ConnectionTrait,
    attendance_rows: &[attendance_cut::Model],
    integrity_breach: bool,
    sanction_rows: &[sanction::Model],
) -> Result<crate::domain::quarter_sheet::DisciplineInputs, AppError> {
    let mut attendance: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for row in attendance_rows {
        let codes = attendance.entry(row.month as u32).or_default();
        codes.extend(std::iter::repeat_n(row.code.clone(), row.count.max(0) as usize));
    }
    let mut sanctions = Vec::new();
    for s in sanction_rows {
        let percent = match &s.percent {
            Some(p) => Decimal::from_str_exact(p).map_err(|_| AppError::Internal)?,
            None => policy::in_force(db, s.start_date)
                .await?
                .and_then(|v| v.policy.sanction_levels.get(&s.level).copied())
                .unwrap_or_default(),
        };
        sanctions.push(crate::domain::tpp::Sanction {
            level: s.level.clone(),
            percent,
            start: s.start_date,
            months: s.months.max(0) as u32,
        });
    }
    Ok(crate::domain::quarter_sheet::DisciplineInputs { attendance, integrity_breach, sanctions })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_strictly() {
        assert_eq!(parse_month("2026-03", "m").unwrap(), (2026, 3));
        assert_eq!(parse_month(" 2026-3 ", "m").unwrap(), (2026, 3));
        for bad in ["2026-13", "2026-00", "03-2026", "2026", "", "1999-01", "2026-03-01"] {
            assert!(parse_month(bad, "m").is_err(), "{bad}");
        }
    }

    #[test]
    fn empty_counts_are_zero_and_words_are_refused() {
        let form =
            BTreeMap::from([("TL1".to_string(), " 2 ".to_string()), ("TK".to_string(), String::new())]);
        assert_eq!(parse_counts(&form).unwrap(), vec![("TK".to_string(), 0), ("TL1".to_string(), 2)]);
        let form = BTreeMap::from([("TA".to_string(), "dua".to_string())]);
        assert!(parse_counts(&form).unwrap_err().field_message("counts[TA]").is_some());
    }

    #[test]
    fn a_line_reports_every_bad_column() {
        let nip = "198001012005011001";
        let mut checker = LineChecker {
            officials: HashMap::from([(nip.to_string(), Uuid::nil())]),
            history: Vec::new(),
            today: NaiveDate::from_ymd_opt(2026, 6, 15).unwrap(),
            policies: HashMap::new(),
        };
        let good = checker.check(2, "19800101 200501 1 001", "2026-06", "tl1", "3").unwrap().unwrap();
        assert_eq!((good.key, good.code.as_str(), good.count), ((Uuid::nil(), 2026, 6), "TL1", 3));
        let bad = checker.check(3, "198001012005011002", "2026-07", "TL1", "-1").unwrap().unwrap_err();
        let columns: Vec<_> = bad.iter().map(|e| (e.line, e.column.as_deref().unwrap_or(""))).collect();
        assert_eq!(columns, [(3, "nip"), (3, "bulan"), (3, "jumlah")]);
        let bad = checker.check(4, nip, "2026-01", "XX", "1").unwrap().unwrap_err();
        assert_eq!(bad[0].column.as_deref(), Some("kode"));
    }

    #[test]
    fn policy_versions_apply_from_their_date() {
        assert!(policy_on(&[], NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).cuts.contains_key("TK"));
    }
}
