//! The demo city's pacts for a year: every official with a superior gets one with 3–6 realistic
//! indicators (mixed polarities and jenis target). Most are signed in January; some await
//! signatures, a few are drafts, and two are superseded after a mutasi in July. Made through the
//! same services the app uses, so the demo holds nothing the app could not have produced.
use super::entities::{official, pact_version};
use super::pacts;
use super::transfer;
use crate::api::officials::TransferInput;
use crate::domain::pact::{IndicatorInput, Party};
use crate::domain::PositionKind;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// (objective, indicator, unit, polarity, jenis target, annual, TW I–IV, program, budget).
type Catalogue = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    [&'static str; 4],
    &'static str,
    &'static str,
);

const INDICATORS: &[Catalogue] = &[
    (
        "Meningkatnya kualitas pelayanan publik",
        "Indeks Kepuasan Masyarakat (IKM)",
        "indeks",
        "max",
        "end_position",
        "85",
        ["", "82", "", "85"],
        "Program Peningkatan Pelayanan Publik",
        "",
    ),
    (
        "Meningkatnya akuntabilitas kinerja",
        "Nilai SAKIP perangkat daerah",
        "nilai",
        "max",
        "end_position",
        "75",
        ["", "", "", "75"],
        "",
        "",
    ),
    (
        "Meningkatnya kualitas pengelolaan keuangan",
        "Persentase realisasi anggaran",
        "%",
        "max",
        "cumulative",
        "95",
        ["20", "45", "70", "95"],
        "Program Penunjang Urusan Pemerintahan Daerah",
        "1.250.000.000",
    ),
    (
        "Meningkatnya tata kelola pemerintahan",
        "Jumlah rekomendasi BPK yang belum ditindaklanjuti",
        "rekomendasi",
        "min",
        "end_position",
        "2",
        ["4", "3", "3", "2"],
        "",
        "",
    ),
    (
        "Meningkatnya kinerja aparatur",
        "Persentase pegawai dengan predikat kinerja minimal Baik",
        "%",
        "max",
        "end_position",
        "90",
        ["85", "87", "88", "90"],
        "",
        "",
    ),
    (
        "Terlaksananya program prioritas daerah",
        "Jumlah kegiatan prioritas yang terlaksana",
        "kegiatan",
        "max",
        "periodic",
        "12",
        ["3", "3", "3", "3"],
        "Program Prioritas Wali Kota",
        "850.000.000",
    ),
    (
        "Meningkatnya kecepatan layanan",
        "Rata-rata waktu penyelesaian layanan",
        "hari",
        "min",
        "end_position",
        "3",
        ["5", "4", "4", "3"],
        "",
        "",
    ),
    (
        "Terkendalinya harga kebutuhan pokok",
        "Laju inflasi daerah",
        "%",
        "range",
        "end_position",
        "2–4",
        ["2–4,5", "2–4,5", "2–4", "2–4"],
        "",
        "",
    ),
    (
        "Meningkatnya pendapatan daerah",
        "Realisasi pendapatan asli daerah",
        "miliar rupiah",
        "max",
        "cumulative",
        "250",
        ["50", "120", "185", "250"],
        "Program Pengelolaan Pendapatan Daerah",
        "2.100.000.000",
    ),
    (
        "Menurunnya keluhan masyarakat",
        "Jumlah pengaduan yang tidak terselesaikan",
        "pengaduan",
        "min",
        "periodic",
        "8",
        ["2", "2", "2", "2"],
        "",
        "",
    ),
    (
        "Meningkatnya kualitas perencanaan",
        "Persentase dokumen perencanaan yang tepat waktu",
        "%",
        "max",
        "end_position",
        "100",
        ["100", "100", "100", "100"],
        "",
        "",
    ),
    (
        "Meningkatnya layanan berbasis elektronik",
        "Jumlah layanan yang terintegrasi secara daring",
        "layanan",
        "max",
        "cumulative",
        "20",
        ["5", "10", "15", "20"],
        "Program Pengelolaan Aplikasi Informatika",
        "600.000.000",
    ),
];

/// 3–6 indicators for the official at `i`, weights summing to 100.
fn indicators_for(i: usize) -> Vec<IndicatorInput> {
    let n = 3 + i % 4;
    let base = 100 / n;
    let extra = 100 % n;
    (0..n)
        .map(|k| {
            let (objective, name, unit, polarity, kind, annual, tw, program, budget) =
                INDICATORS[(i * 5 + k * 7) % INDICATORS.len()];
            IndicatorInput {
                objective: objective.into(),
                name: name.into(),
                unit: unit.into(),
                polarity: polarity.into(),
                target_kind: kind.into(),
                weight: (base + usize::from(k < extra)).to_string(),
                annual: annual.into(),
                tw1: tw[0].into(),
                tw2: tw[1].into(),
                tw3: tw[2].into(),
                tw4: tw[3].into(),
                program: program.into(),
                budget: budget.into(),
            }
        })
        .collect()
}

fn at(year: i32, month: u32, day: u32, hour: u32) -> DateTime<Utc> {
    // 09:00 WIB and later: office hours, stated in UTC.
    Utc.with_ymd_and_hms(year, month, day, hour.saturating_sub(7), 0, 0).single().expect("valid demo time")
}

/// What the demo made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoPacts {
    pub signed: usize,
    pub awaiting: usize,
    pub drafts: usize,
    pub superseded: usize,
}

async fn version_of(db: &DatabaseConnection, pact_id: Uuid) -> Result<pact_version::Model, AppError> {
    pact_version::Entity::find()
        .filter(pact_version::Column::PactId.eq(pact_id))
        .order_by_desc(pact_version::Column::VersionNo)
        .one(db)
        .await?
        .ok_or(AppError::Internal)
}

/// Creates, fills, freezes and signs the pacts of `year` for every active official who has a
/// superior. Refuses when any of them already has one.
pub async fn seed_pacts(db: &DatabaseConnection, year: i32) -> Result<DemoPacts, AppError> {
    let officials = official::Entity::find()
        .filter(official::Column::Active.eq(true))
        .filter(official::Column::SupervisorId.is_not_null())
        .order_by_asc(official::Column::Nip)
        .all(db)
        .await?;
    let mut made = DemoPacts::default();
    let mut transfers = Vec::new();
    for (i, o) in officials.iter().enumerate() {
        let day = 2 + (i % 10) as u32;
        let pact_id = pacts::create(db, o.id, year, None, at(year, 1, day, 9)).await?;
        let v = version_of(db, pact_id).await?;
        let rv = pacts::save_draft(db, v.id, "1", &indicators_for(i), None, at(year, 1, day, 10)).await?;
        if i % 20 == 7 {
            made.drafts += 1;
            continue;
        }
        pacts::submit(db, v.id, &rv.to_string(), None, at(year, 1, day + 1, 9)).await?;
        if i % 20 == 17 {
            made.awaiting += 1;
            continue;
        }
        pacts::sign_without_password(db, v.id, Party::First, at(year, 1, day + 2, 10)).await?;
        if i % 20 == 13 {
            made.awaiting += 1;
            continue;
        }
        pacts::sign_without_password(db, v.id, Party::Second, at(year, 1, day + 3, 14)).await?;
        made.signed += 1;
        if o.position_kind == PositionKind::Pengawas.as_str() && transfers.len() < 2 && i % 3 == 0 {
            transfers.push((o.id, pact_id));
        }
    }
    for (official_id, pact_id) in transfers {
        let o = official::Entity::find_by_id(official_id).one(db).await?.ok_or(AppError::Internal)?;
        let tmt = NaiveDate::from_ymd_opt(year, 7, 1).ok_or(AppError::Internal)?;
        let input = TransferInput {
            id: o.id.to_string(),
            row_version: o.row_version.to_string(),
            opd_id: o.opd_id.to_string(),
            position_title: format!("{} (rotasi)", o.position_title),
            position_kind: o.position_kind.clone(),
            job_class: o.job_class.to_string(),
            supervisor_id: o.supervisor_id.map(|s| s.to_string()).unwrap_or_default(),
            monthly_ceiling: o.monthly_ceiling.to_string(),
            tmt: tmt.to_string(),
            note: "Rotasi jabatan (data demo)".into(),
        };
        transfer::transfer(db, &input, None, at(year, 6, 24, 9)).await?;
        let v = version_of(db, pact_id).await?;
        pacts::submit(db, v.id, &v.row_version.to_string(), None, at(year, 7, 2, 9)).await?;
        pacts::sign_without_password(db, v.id, Party::First, at(year, 7, 3, 10)).await?;
        pacts::sign_without_password(db, v.id, Party::Second, at(year, 7, 3, 14)).await?;
        made.superseded += 1;
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pact::parse_indicators;

    #[test]
    fn every_demo_pact_is_valid() {
        for i in 0..40 {
            let rows = indicators_for(i);
            assert!((3..=6).contains(&rows.len()));
            parse_indicators(&rows).unwrap_or_else(|e| panic!("official {i}: {e:?}"));
        }
    }
}
