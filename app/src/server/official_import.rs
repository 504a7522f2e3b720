//! CSV import of officials (admin). The whole file is checked first, every bad line reported
//! with its line number; only a clean file is written, in one transaction.
use super::audit::action;
use super::entities::{official, opd};
use super::official_input::{validate_with, SupervisorCheck, ValidOfficial};
use super::officials::{audit_change, create};
use crate::api::officials::{
    ImportLineError, ImportReport, OfficialInput, IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS,
};
use crate::domain::PositionKind;
use crate::error::AppError;
use crate::format::group_thousands;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{DatabaseConnection, EntityTrait};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// One record of the file: the line it starts on and its fields.
type Record = (usize, Vec<String>);

/// `;` when the header has more semicolons than commas (Indonesian Excel), else `,`.
pub(super) fn detect_delimiter(text: &str) -> char {
    let header = text.lines().next().unwrap_or("");
    let count = |d: char| header.chars().filter(|c| *c == d).count();
    if count(';') > count(',') {
        ';'
    } else {
        ','
    }
}

/// RFC 4180 records: quoted fields may hold the delimiter, `""` and line breaks.
pub(super) fn parse_csv(text: &str, delim: char) -> Vec<Record> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut in_quotes, mut line, mut start_line) = (false, 1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => in_quotes = true,
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                records.push((start_line, std::mem::take(&mut fields)));
                line += 1;
                start_line = line;
            }
            _ if c == delim => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push((start_line, fields));
    }
    records
}

/// `YYYY-MM-DD` stays; `DD-MM-YYYY` (or with `/`) becomes `YYYY-MM-DD`; anything else is left for
/// the validation to refuse.
fn normalise_date(s: &str) -> String {
    let s = s.trim();
    for format in ["%d-%m-%Y", "%d/%m/%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, format) {
            return d.format("%Y-%m-%d").to_string();
        }
    }
    s.to_string()
}

/// The file column for a field of the official form.
fn column_of(field: &str) -> &'static str {
    match field {
        "nip" => "nip",
        "name" => "nama",
        "rank" => "pangkat",
        "grade" => "golongan",
        "position_title" => "jabatan",
        "position_kind" => "jenis_jabatan",
        "job_class" => "kelas_jabatan",
        "opd_id" => "kode_opd",
        "supervisor_id" => "nip_atasan",
        "position_start" => "tmt_jabatan",
        _ => "pagu_tpp",
    }
}

fn line_error(line: usize, column: Option<&str>, message: impl Into<String>) -> ImportLineError {
    ImportLineError { line, column: column.map(str::to_string), message: message.into() }
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where a row's atasan langsung is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Boss {
    Existing(Uuid),
    InFile(String),
}

struct Row {
    line: usize,
    nip: String,
    official: ValidOfficial,
    boss: Boss,
}

/// Checks the header: every column known, every required column present. Returns the index of
/// each column by name.
fn header_columns(header: &[String]) -> Result<HashMap<&'static str, usize>, Vec<ImportLineError>> {
    let mut index = HashMap::new();
    let mut errors = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim().to_lowercase();
        match IMPORT_COLUMNS.iter().find(|c| c.0 == name) {
            Some(c) if index.insert(c.0, i).is_some() => {
                errors.push(line_error(1, Some(c.0), format!("Kolom {} muncul dua kali.", c.0)))
            }
            Some(_) => {}
            None => errors.push(line_error(1, None, format!("Kolom \"{name}\" tidak dikenal."))),
        }
    }
    for (name, required, ..) in IMPORT_COLUMNS {
        if required && !index.contains_key(name) {
            errors.push(line_error(1, Some(name), format!("Kolom {name} tidak ada di baris judul.")));
        }
    }
    if errors.is_empty() {
        Ok(index)
    } else {
        Err(errors)
    }
}

/// Audited as one `import` entry per official created (not one summary entry): each official
/// then has its own trail from the first entry on, found by its id like any later edit.
pub async fn import(
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
    let mut records: Vec<Record> = parse_csv(text, detect_delimiter(text))
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
        return Err(AppError::validation("csv", "Berkas hanya berisi baris judul, tanpa data pejabat."));
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
    let opds: HashMap<String, Uuid> =
        opd::Entity::find().all(&txn).await?.into_iter().map(|o| (o.code.to_uppercase(), o.id)).collect();
    let existing: HashMap<String, official::Model> = official::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .filter_map(|o| Some((o.nip.clone()?, o)))
        .collect();
    // Every NIP written in the file, bad rows included, so that a reference to a bad row is not
    // reported a second time as unknown.
    let get = |fields: &[String], name: &str| -> String {
        columns.get(name).and_then(|&i| fields.get(i)).map(|v| v.trim().to_string()).unwrap_or_default()
    };
    let file_nips: HashSet<String> = records.iter().map(|(_, f)| digits(&get(f, "nip"))).collect();

    let mut errors = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut first_line_of: HashMap<String, usize> = HashMap::new();
    for (line, fields) in &records {
        let line = *line;
        if fields.len() != header.len() {
            errors.push(line_error(
                line,
                None,
                format!(
                    "Baris berisi {} kolom, seharusnya {} seperti baris judul.",
                    fields.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let nip = digits(&get(fields, "nip"));
        if let Some(first) = first_line_of.get(&nip).filter(|_| !nip.is_empty()) {
            errors.push(line_error(line, Some("nip"), format!("NIP sama dengan baris {first}.")));
            continue;
        }
        first_line_of.insert(nip.clone(), line);
        let code = get(fields, "kode_opd");
        let Some(opd_id) = opds.get(&code.to_uppercase()) else {
            let message = if code.is_empty() {
                "Kode OPD wajib diisi.".to_string()
            } else {
                format!("Kode OPD \"{code}\" tidak dikenal.")
            };
            errors.push(line_error(line, Some("kode_opd"), message));
            continue;
        };
        let kind = get(fields, "jenis_jabatan").to_lowercase();
        if kind == PositionKind::HeadOfRegion.as_str() {
            errors.push(line_error(
                line,
                Some("jenis_jabatan"),
                "Jenis jabatan harus jpt_pratama, administrator, atau pengawas.",
            ));
            continue;
        }
        let input = OfficialInput {
            nip: get(fields, "nip"),
            name: get(fields, "nama"),
            rank: get(fields, "pangkat"),
            grade: get(fields, "golongan"),
            position_title: get(fields, "jabatan"),
            position_kind: kind,
            job_class: get(fields, "kelas_jabatan"),
            opd_id: opd_id.to_string(),
            position_start: normalise_date(&get(fields, "tmt_jabatan")),
            monthly_ceiling: get(fields, "pagu_tpp"),
            ..Default::default()
        };
        let official = match validate_with(&txn, &input, None, SupervisorCheck::Caller).await {
            Ok(v) => v,
            Err(AppError::Validation { field, message }) => {
                let message = message.replace(
                    "Pilih jenis jabatan.",
                    "Jenis jabatan harus jpt_pratama, administrator, atau pengawas.",
                );
                errors.push(line_error(line, Some(column_of(&field)), message));
                continue;
            }
            Err(other) => return Err(other),
        };
        let boss_nip = digits(&get(fields, "nip_atasan"));
        let boss = if boss_nip.is_empty() {
            Err("NIP atasan langsung wajib diisi.".to_string())
        } else if boss_nip == nip {
            Err("Pejabat tidak dapat menjadi atasan langsung dirinya sendiri.".to_string())
        } else if file_nips.contains(&boss_nip) {
            Ok(Boss::InFile(boss_nip))
        } else {
            match existing.get(&boss_nip) {
                Some(b) if b.active => Ok(Boss::Existing(b.id)),
                Some(b) => Err(format!("Atasan langsung {} tidak aktif.", b.name)),
                None => Err(format!(
                    "NIP atasan {boss_nip} tidak ditemukan, baik di berkas ini maupun di data pejabat."
                )),
            }
        };
        match boss {
            Ok(boss) => rows.push(Row { line, nip, official, boss }),
            Err(message) => errors.push(line_error(line, Some("nip_atasan"), message)),
        }
    }
    errors.extend(cycles(&rows));
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Ok(ImportReport { imported: 0, errors });
    }
    let imported = insert_supervisors_first(&txn, rows, actor, now).await?;
    txn.commit().await?;
    Ok(ImportReport { imported, errors: Vec::new() })
}

/// Rows whose chain of atasan within the file comes back to them.
fn cycles(rows: &[Row]) -> Vec<ImportLineError> {
    let by_nip: HashMap<&str, &Row> = rows.iter().map(|r| (r.nip.as_str(), r)).collect();
    let mut errors = Vec::new();
    for row in rows {
        let mut path = vec![row.line];
        let mut current = row;
        while let Boss::InFile(boss) = &current.boss {
            let Some(next) = by_nip.get(boss.as_str()) else { break };
            if next.nip == row.nip {
                let chain: Vec<String> = path.iter().chain([&row.line]).map(|l| l.to_string()).collect();
                errors.push(line_error(
                    row.line,
                    Some("nip_atasan"),
                    format!("Atasan langsung berputar kembali ke pejabat ini (baris {}).", chain.join(" → ")),
                ));
                break;
            }
            if path.len() > rows.len() {
                break;
            }
            path.push(next.line);
            current = next;
        }
    }
    errors
}

/// Inserts each row after its atasan, so the supervisor reference always points to a saved row.
async fn insert_supervisors_first(
    txn: &sea_orm::DatabaseTransaction,
    mut pending: Vec<Row>,
    actor: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut saved: HashMap<String, Uuid> = HashMap::new();
    let mut count = 0;
    while !pending.is_empty() {
        let before = pending.len();
        let mut waiting = Vec::new();
        for mut row in pending {
            let boss = match &row.boss {
                Boss::Existing(id) => Some(*id),
                Boss::InFile(nip) => saved.get(nip).copied(),
            };
            match boss {
                Some(id) => {
                    row.official.supervisor_id = Some(id);
                    let new_id = create(txn, &row.official, now).await?;
                    audit_change(txn, actor, action::IMPORT, None, new_id, now).await?;
                    saved.insert(row.nip, new_id);
                    count += 1;
                }
                None => waiting.push(row),
            }
        }
        if waiting.len() == before {
            // Cannot happen after the cycle check; refuse rather than loop.
            tracing::error!("import: unresolvable supervisor chain");
            return Err(AppError::Internal);
        }
        pending = waiting;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_quotes_and_line_numbers() {
        let text = "a;b\r\n\"x;1\";\"say \"\"hi\"\"\"\n\"multi\nline\";2\n";
        assert_eq!(detect_delimiter(text), ';');
        let r = parse_csv(text, ';');
        assert_eq!(r[0], (1, vec!["a".to_string(), "b".to_string()]));
        assert_eq!(r[1], (2, vec!["x;1".to_string(), "say \"hi\"".to_string()]));
        assert_eq!(r[2], (3, vec!["multi\nline".to_string(), "2".to_string()]));
        assert_eq!(detect_delimiter("a,b;c,d"), ',');
    }

    #[test]
    fn dates_in_both_orders() {
        assert_eq!(normalise_date("02-01-2026"), "2026-01-02");
        assert_eq!(normalise_date("2026-01-02"), "2026-01-02");
        assert_eq!(normalise_date("kemarin"), "kemarin");
    }
}
