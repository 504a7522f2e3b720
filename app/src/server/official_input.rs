//! Turning the official form as typed (`OfficialInput`) into checked values, one Indonesian
//! message per field. The database checks (OPD, supervisor, NIP taken) need a connection.
use super::entities::{official, opd};
use crate::api::officials::OfficialInput;
use crate::domain::{Nip, PositionKind};
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

const MAX_TEXT: usize = 200;
/// A monthly TPP far above any real one is a typing error (Rp1 triliun).
const MAX_CEILING: i64 = 1_000_000_000_000;

/// An official's fields after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidOfficial {
    pub nip: Option<Nip>,
    pub name: String,
    pub rank: Option<String>,
    pub grade: Option<String>,
    pub position_title: String,
    pub position_kind: PositionKind,
    pub job_class: i32,
    pub opd_id: Uuid,
    pub supervisor_id: Option<Uuid>,
    pub position_start: NaiveDate,
    pub monthly_ceiling: i64,
}

fn invalid<T>(field: &str, message: impl Into<String>) -> Result<T, AppError> {
    Err(AppError::validation(field, message))
}

pub fn text(field: &str, label: &str, value: &str, required: bool) -> Result<Option<String>, AppError> {
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.is_empty() {
        return if required { invalid(field, format!("{label} wajib diisi.")) } else { Ok(None) };
    }
    if v.chars().count() > MAX_TEXT {
        return invalid(field, format!("{label} terlalu panjang (paling banyak {MAX_TEXT} karakter)."));
    }
    Ok(Some(v))
}

/// Golongan ruang "I/a" … "IV/e", normalised to that spelling.
pub fn parse_grade(input: &str) -> Result<Option<String>, AppError> {
    let v: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if v.is_empty() {
        return Ok(None);
    }
    let bad = || invalid("grade", "Golongan ruang ditulis seperti III/a atau IV/c.");
    let Some((roman, letter)) = v.split_once('/') else { return bad() };
    let roman = roman.to_ascii_uppercase();
    let letter = letter.to_ascii_lowercase();
    if !matches!(roman.as_str(), "I" | "II" | "III" | "IV")
        || !matches!(letter.as_str(), "a" | "b" | "c" | "d" | "e")
    {
        return bad();
    }
    Ok(Some(format!("{roman}/{letter}")))
}

/// Integer Rupiah as typed in Indonesia: "16.000.000", "Rp16.000.000", "16000000", "16.000.000,00".
pub fn parse_rupiah(field: &str, label: &str, input: &str) -> Result<i64, AppError> {
    let mut v: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(rest) = v.strip_prefix("Rp").or_else(|| v.strip_prefix("rp")) {
        v = rest.to_string();
    }
    if v.is_empty() {
        return invalid(field, format!("{label} wajib diisi."));
    }
    if v.starts_with('-') {
        return invalid(field, format!("{label} tidak boleh negatif."));
    }
    let (whole, cents) = match v.split_once(',') {
        Some((w, c)) => (w, c),
        None => (v.as_str(), ""),
    };
    let format_error =
        || invalid(field, format!("{label} harus bilangan bulat Rupiah, misalnya 16.000.000."));
    if !cents.chars().all(|c| c == '0') {
        return format_error();
    }
    // Dots group thousands: each group after the first has exactly three digits.
    let groups: Vec<&str> = whole.split('.').collect();
    let grouped_ok = groups.len() == 1
        || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !grouped_ok || !whole.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return format_error();
    }
    let digits: String = groups.concat();
    match digits.parse::<i64>() {
        Ok(n) if n <= MAX_CEILING => Ok(n),
        Ok(_) => invalid(field, format!("{label} terlalu besar.")),
        Err(_) => format_error(),
    }
}

fn parse_uuid(field: &str, value: &str, message: &str) -> Result<Option<Uuid>, AppError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    Uuid::parse_str(v).map(Some).or_else(|_| invalid(field, message))
}

/// Whether `validate` checks the atasan langsung against the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupervisorCheck {
    /// The supervisor must be an active official, not the official, not below them.
    Database,
    /// The caller resolves the supervisor itself (the CSV import, where the atasan may be a row
    /// of the same file); `supervisor_id` is left as given.
    Caller,
}

/// Checks every field in form order and returns the first error. `id` is the official being
/// edited (`None` when new).
pub async fn validate<C: ConnectionTrait>(
    db: &C,
    input: &OfficialInput,
    id: Option<Uuid>,
) -> Result<ValidOfficial, AppError> {
    validate_with(db, input, id, SupervisorCheck::Database).await
}

pub async fn validate_with<C: ConnectionTrait>(
    db: &C,
    input: &OfficialInput,
    id: Option<Uuid>,
    supervisor_check: SupervisorCheck,
) -> Result<ValidOfficial, AppError> {
    let kind = PositionKind::parse(input.position_kind.trim());
    let is_head_of_region = kind == Some(PositionKind::HeadOfRegion);
    // The Wali Kota is not an ASN and has no NIP.
    let nip =
        if input.nip.trim().is_empty() && is_head_of_region { None } else { Some(Nip::parse(&input.nip)?) };
    let name = text("name", "Nama", &input.name, true)?.unwrap_or_default();
    let rank = text("rank", "Pangkat", &input.rank, false)?;
    let grade = parse_grade(&input.grade)?;
    let position_title = text("position_title", "Jabatan", &input.position_title, true)?.unwrap_or_default();
    let Some(position_kind) = kind else { return invalid("position_kind", "Pilih jenis jabatan.") };
    let job_class = match input.job_class.trim() {
        "" if is_head_of_region => 0,
        v => match v.parse::<i32>() {
            Ok(n) if (1..=17).contains(&n) => n,
            _ => return invalid("job_class", "Kelas jabatan harus bilangan bulat 1 sampai 17."),
        },
    };
    let opd_message = "Pilih perangkat daerah.";
    let Some(opd_id) = parse_uuid("opd_id", &input.opd_id, opd_message)? else {
        return invalid("opd_id", opd_message);
    };
    if opd::Entity::find_by_id(opd_id).one(db).await?.is_none() {
        return invalid("opd_id", opd_message);
    }
    let supervisor_id =
        parse_uuid("supervisor_id", &input.supervisor_id, "Atasan langsung harus pejabat yang aktif.")?;
    if supervisor_check == SupervisorCheck::Database {
        check_supervisor(db, id, supervisor_id, is_head_of_region).await?;
    }
    let position_start = match NaiveDate::parse_from_str(input.position_start.trim(), "%Y-%m-%d") {
        Ok(d) if (1950..=2100).contains(&chrono::Datelike::year(&d)) => d,
        _ => return invalid("position_start", "TMT jabatan wajib diisi dengan tanggal yang sah."),
    };
    let monthly_ceiling = parse_rupiah("monthly_ceiling", "Pagu TPP bulanan", &input.monthly_ceiling)?;
    if let Some(nip) = &nip {
        check_nip_free(db, nip, id).await?;
    }
    Ok(ValidOfficial {
        nip,
        name,
        rank,
        grade,
        position_title,
        position_kind,
        job_class,
        opd_id,
        supervisor_id,
        position_start,
        monthly_ceiling,
    })
}

/// The NIP belongs to no other official.
pub async fn check_nip_free<C: ConnectionTrait>(db: &C, nip: &Nip, id: Option<Uuid>) -> Result<(), AppError> {
    let mut q = official::Entity::find().filter(official::Column::Nip.eq(nip.as_str()));
    if let Some(id) = id {
        q = q.filter(official::Column::Id.ne(id));
    }
    match q.one(db).await? {
        Some(other) => Err(nip_taken(nip, Some(&other.name))),
        None => Ok(()),
    }
}

pub fn nip_taken(nip: &Nip, owner: Option<&str>) -> AppError {
    let owner = owner.map(|n| format!(" atas nama {n}")).unwrap_or_default();
    AppError::validation("nip", format!("NIP {} sudah terdaftar{owner}.", nip.spaced()))
}

/// Atasan langsung: required except for the Wali Kota; an active official; not the official
/// themselves; and not someone below them (that would make a loop in the signing chain).
async fn check_supervisor<C: ConnectionTrait>(
    db: &C,
    id: Option<Uuid>,
    supervisor_id: Option<Uuid>,
    is_head_of_region: bool,
) -> Result<(), AppError> {
    const FIELD: &str = "supervisor_id";
    let Some(sup) = supervisor_id else {
        return if is_head_of_region { Ok(()) } else { invalid(FIELD, "Atasan langsung wajib dipilih.") };
    };
    if Some(sup) == id {
        return invalid(FIELD, "Pejabat tidak dapat menjadi atasan langsung dirinya sendiri.");
    }
    let Some(boss) = official::Entity::find_by_id(sup).one(db).await? else {
        return invalid(FIELD, "Atasan langsung harus pejabat yang aktif.");
    };
    if !boss.active {
        return invalid(FIELD, format!("{} tidak aktif; pilih atasan langsung yang aktif.", boss.name));
    }
    let Some(id) = id else { return Ok(()) };
    // Walk up from the chosen supervisor; meeting the official means a loop.
    let mut next = boss.supervisor_id;
    let mut steps = 0;
    while let Some(current) = next {
        if current == id {
            return invalid(
                FIELD,
                format!("{} berada di bawah pejabat ini, sehingga tidak dapat menjadi atasannya.", boss.name),
            );
        }
        steps += 1;
        if steps > 1_000 {
            break;
        }
        next = official::Entity::find_by_id(current).one(db).await?.and_then(|o| o.supervisor_id);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupiah_as_typed_in_indonesia() {
        let p = |s: &str| parse_rupiah("m", "Pagu", s);
        assert_eq!(p("16.000.000"), Ok(16_000_000));
        assert_eq!(p("Rp16.000.000"), Ok(16_000_000));
        assert_eq!(p("Rp 16.000.000,00"), Ok(16_000_000));
        assert_eq!(p("16000000"), Ok(16_000_000));
        assert_eq!(p("0"), Ok(0));
        assert!(p("-1").unwrap_err().to_string().contains("negatif"));
        assert!(p("").unwrap_err().to_string().contains("wajib"));
        assert!(p("16.00.000").is_err());
        assert!(p("16,5").is_err());
        assert!(p("abc").is_err());
    }

    #[test]
    fn grades() {
        assert_eq!(parse_grade("iv/C"), Ok(Some("IV/c".into())));
        assert_eq!(parse_grade(""), Ok(None));
        assert!(parse_grade("V/a").is_err());
        assert!(parse_grade("IV").is_err());
    }
}
