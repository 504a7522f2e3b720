//! The synthetic city the benchmarks share (`tpp_run`, `load`): 50 OPDs, `n` officials, a TPP
//! policy in force, and per official a 2026 pact with one signed version, 5 indicators (weights
//! 20, max and min), targets for every quarter and a TW II evaluation with a behaviour rating and
//! every realisation; a few hundred officials have attendance cuts. Filled with bulk inserts in
//! one transaction. Included by each bench with `#[path = "support/seed.rs"] mod seed;`.
// Each bench uses a different part of this module.
#![allow(dead_code)]

use app::domain::achievement::Polarity;
use app::domain::pact::{PactStatus, PartySnapshot, TargetKind};
use app::domain::rating::Rating;
use app::domain::PositionKind;
use app::server::entities::{
    attendance_cut, evaluation, indicator, indicator_target, official, opd, pact, pact_template,
    pact_version, realisation,
};
use app::server::{demo, evaluations, pacts, policy};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, TransactionTrait};
use uuid::Uuid;

pub const YEAR: i32 = 2026;
pub const QUARTER: u32 = 2;
pub const OPDS: usize = 50;
/// Rows per `insert_many` statement while filling the database.
pub const CHUNK: usize = 500;
/// Officials whose pacts, versions, indicators, targets, evaluations and realisations are built
/// and inserted together (keeps the setup's memory small).
pub const BATCH: usize = 100;

/// (objective, indicator, unit, polarity, jenis target, annual target, TW I–IV targets).
pub type Catalogue = (&'static str, &'static str, &'static str, Polarity, TargetKind, i64, [i64; 4]);

pub const INDICATORS: [Catalogue; 5] = [
    (
        "Meningkatnya kualitas pengelolaan keuangan",
        "Persentase realisasi anggaran",
        "%",
        Polarity::Max,
        TargetKind::Cumulative,
        95,
        [20, 45, 70, 95],
    ),
    (
        "Meningkatnya kualitas pelayanan publik",
        "Rata-rata waktu penyelesaian layanan",
        "hari",
        Polarity::Min,
        TargetKind::EndPosition,
        5,
        [8, 7, 6, 5],
    ),
    (
        "Meningkatnya kualitas pelayanan publik",
        "Jumlah dokumen layanan yang diselesaikan",
        "dokumen",
        Polarity::Max,
        TargetKind::Periodic,
        400,
        [100, 100, 100, 100],
    ),
    (
        "Meningkatnya akuntabilitas kinerja",
        "Jumlah temuan pemeriksaan yang belum ditindaklanjuti",
        "temuan",
        Polarity::Min,
        TargetKind::EndPosition,
        2,
        [6, 4, 3, 2],
    ),
    (
        "Meningkatnya akuntabilitas kinerja",
        "Indeks Kepuasan Masyarakat (IKM)",
        "indeks",
        Polarity::Max,
        TargetKind::EndPosition,
        85,
        [80, 82, 84, 85],
    ),
];

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// An 18-digit NIP: birth date, appointment month, gender, sequence; unique for `k` < 30,000.
pub fn nip(k: usize) -> String {
    let year = 1965 + (k / 1000) % 30;
    let month = 1 + k % 12;
    let day = 1 + k % 28;
    format!("{year}{month:02}{day:02}{}{month:02}{}{:03}", year + 23, 1 + k % 2, k % 1000)
}

/// The name of official `k`.
pub fn name(k: usize) -> String {
    format!("Pegawai Sintetis {k:05}, S.E.")
}

/// The officials: one head per OPD (no superior), the others under their OPD's head, except
/// every tenth, left without a superior (the link is optional).
pub fn officials(n: usize, opd_ids: &[Uuid], now: DateTime<Utc>) -> Vec<official::ActiveModel> {
    let ids: Vec<Uuid> = (0..n).map(|_| Uuid::new_v4()).collect();
    (0..n)
        .map(|k| {
            let opd = k % OPDS;
            let (kind, class, title, rank, grade) = if k < OPDS {
                (
                    PositionKind::JptPratama,
                    14,
                    format!("Kepala OPD Sintetis {opd:02}"),
                    "Pembina Utama Muda",
                    "IV/c",
                )
            } else if k < 10 * OPDS {
                (
                    PositionKind::Administrator,
                    11 + (k % 2) as i32,
                    format!("Kepala Bidang {k:05}"),
                    "Pembina",
                    "IV/a",
                )
            } else {
                (
                    PositionKind::Pengawas,
                    7 + (k % 3) as i32,
                    format!("Kepala Seksi {k:05}"),
                    "Penata Tingkat I",
                    "III/d",
                )
            };
            let supervisor = (k >= OPDS && k % 10 != 0).then(|| ids[opd]);
            official::ActiveModel {
                id: Set(ids[k]),
                nip: Set(Some(nip(k))),
                name: Set(name(k)),
                rank: Set(Some(rank.into())),
                grade: Set(Some(grade.into())),
                position_title: Set(title),
                position_kind: Set(kind.as_str().into()),
                job_class: Set(class),
                opd_id: Set(opd_ids[opd]),
                supervisor_id: Set(supervisor),
                position_start: Set(date(2024, 1, 2)),
                // Rp5.000.000 to Rp20.000.000 in steps of Rp100.000.
                monthly_ceiling: Set(5_000_000 + ((k * 7919) % 151) as i64 * 100_000),
                active: Set(true),
                created_at: Set(now),
                row_version: Set(1),
            }
        })
        .collect()
}

pub fn party(o: &official::ActiveModel, opd_code: &str) -> PartySnapshot {
    PartySnapshot {
        official_id: *o.id.as_ref(),
        name: o.name.as_ref().clone(),
        nip: o.nip.as_ref().clone(),
        rank: o.rank.as_ref().clone(),
        grade: o.grade.as_ref().clone(),
        position_title: o.position_title.as_ref().clone(),
        opd_code: opd_code.to_string(),
        opd_name: format!("Dinas Sintetis {opd_code}"),
    }
}

/// A realisation near the target (70 % to 129 %), with one decimal.
pub fn realisation_value(target: i64, k: usize, i: usize) -> String {
    let percent = 70 + ((k * 13 + i * 7) % 60) as i64;
    let tenths = target * percent / 10;
    format!("{}.{}", tenths / 10, tenths % 10)
}

macro_rules! insert_chunked {
    ($db:expr, $entity:ty, $rows:expr) => {
        for chunk in $rows.chunks(CHUNK) {
            <$entity>::insert_many(chunk.to_vec())
                .exec($db)
                .await
                .expect(concat!("insert ", stringify!($entity)));
        }
    };
}

pub struct Seeded {
    /// The pact of official `k` is `pact_ids[k]`.
    pub pact_ids: Vec<Uuid>,
    /// The id of official `k`.
    pub official_ids: Vec<Uuid>,
    /// Rows inserted.
    pub rows: usize,
}

/// Fills the database in one transaction with bulk inserts.
pub async fn seed(db: &DatabaseConnection, n: usize) -> Seeded {
    let now = Utc::now();
    let signed_at = Utc.with_ymd_and_hms(2026, 1, 9, 2, 0, 0).single().expect("valid time");
    policy::add_version(
        db,
        date(YEAR, 1, 1),
        &serde_json::json!({}),
        Some("Kebijakan bawaan (benchmark)".into()),
        None,
    )
    .await
    .expect("policy version");
    let txn = db.begin().await.expect("transaction");
    let template_id = Uuid::new_v4();
    pact_template::Entity::insert(pact_template::ActiveModel {
        id: Set(template_id),
        version: Set(1),
        title: Set(demo::PACT_TEMPLATE_TITLE.into()),
        body: Set(demo::PACT_TEMPLATE_BODY.into()),
        effective_from: Set(date(YEAR, 1, 1)),
        created_at: Set(now),
        created_by: Set(None),
    })
    .exec(&txn)
    .await
    .expect("template");
    let opd_ids: Vec<Uuid> = (0..OPDS).map(|_| Uuid::new_v4()).collect();
    let opd_codes: Vec<String> = (0..OPDS).map(|i| format!("SIN{i:02}")).collect();
    let opds: Vec<opd::ActiveModel> = (0..OPDS)
        .map(|i| opd::ActiveModel {
            id: Set(opd_ids[i]),
            code: Set(opd_codes[i].clone()),
            name: Set(format!("Dinas Sintetis {}", opd_codes[i])),
            kind: Set("dinas".into()),
            active: Set(true),
            created_at: Set(now),
            row_version: Set(1),
        })
        .collect();
    insert_chunked!(&txn, opd::Entity, opds);
    // Heads first: the superior link is a foreign key.
    let people = officials(n, &opd_ids, now);
    insert_chunked!(&txn, official::Entity, people);
    let mut rows = OPDS + n + 1;
    let mut pact_ids = Vec::with_capacity(n);
    let ratings = [Rating::AsExpected, Rating::AsExpected, Rating::Above, Rating::AsExpected, Rating::Below];
    for start in (0..n).step_by(BATCH) {
        let (mut ps, mut vs, mut is, mut ts, mut es, mut rs) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (k, o) in people.iter().enumerate().skip(start).take(BATCH) {
            let official_id = *o.id.as_ref();
            let supervisor = *o.supervisor_id.as_ref();
            let code = &opd_codes[k % OPDS];
            let pact_id = Uuid::new_v4();
            let version_id = Uuid::new_v4();
            let evaluation_id = Uuid::new_v4();
            pact_ids.push(pact_id);
            ps.push(pact::ActiveModel {
                id: Set(pact_id),
                official_id: Set(official_id),
                year: Set(YEAR),
                created_at: Set(now),
            });
            let snapshot = pacts::Snapshot {
                document_number: format!("800/{k:05}/SIN/{YEAR}"),
                first_party: party(o, code),
                // The superior is the head of the OPD, the OPD's first official.
                second_party: supervisor.map(|_| party(&people[k % OPDS], code)),
                consequences: vec!["Bersedia menerima sanksi sesuai ketentuan.".into()],
            };
            vs.push(pact_version::ActiveModel {
                id: Set(version_id),
                pact_id: Set(pact_id),
                version_no: Set(1),
                status: Set(PactStatus::Signed.as_str().into()),
                revision_reason: Set(None),
                revision_note: Set(None),
                position_snapshot: Set(serde_json::to_string(&snapshot).expect("snapshot")),
                template_id: Set(template_id),
                integrity_text: Set(demo::PACT_TEMPLATE_BODY.into()),
                second_party_id: Set(supervisor),
                content_hash: Set(Some(format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple()))),
                verification_code: Set(Some(format!("BNCH-{:04}-{:04}", k / 10_000, k % 10_000))),
                valid_from: Set(Some(date(YEAR, 1, 1))),
                valid_until: Set(None),
                created_at: Set(now),
                created_by: Set(None),
                frozen_at: Set(Some(signed_at)),
                signed_at: Set(Some(signed_at)),
                closed_at: Set(None),
                row_version: Set(1),
            });
            es.push(evaluation::ActiveModel {
                id: Set(evaluation_id),
                pact_version_id: Set(version_id),
                year: Set(YEAR),
                quarter: Set(QUARTER as i16),
                revision: Set(1),
                behaviour: Set(Some(ratings[k % ratings.len()].as_str().into())),
                behaviour_rated_by: Set(None),
                behaviour_on_behalf: Set(false),
                behaviour_note: Set(None),
                status: Set(evaluations::STATUS_OPEN.into()),
                correction_reason: Set(None),
                row_version: Set(1),
                created_at: Set(now),
            });
            for (i, (objective, name, unit, polarity, kind, annual, quarters)) in
                INDICATORS.iter().enumerate()
            {
                let indicator_id = Uuid::new_v4();
                is.push(indicator::ActiveModel {
                    id: Set(indicator_id),
                    pact_version_id: Set(version_id),
                    position: Set(i as i32 + 1),
                    objective: Set(objective.to_string()),
                    name: Set(name.to_string()),
                    unit: Set(unit.to_string()),
                    polarity: Set(polarity.as_str().into()),
                    target_kind: Set(kind.as_str().into()),
                    weight: Set("20".into()),
                    annual_target: Set(Some(annual.to_string())),
                    annual_target_low: Set(None),
                    annual_target_high: Set(None),
                    program: Set(Some("Program Penunjang Urusan Pemerintahan Daerah".into())),
                    budget: Set((i == 0).then_some(150_000_000)),
                });
                for (q, target) in quarters.iter().enumerate() {
                    ts.push(indicator_target::ActiveModel {
                        id: Set(Uuid::new_v4()),
                        indicator_id: Set(indicator_id),
                        quarter: Set(q as i16 + 1),
                        target: Set(Some(target.to_string())),
                        target_low: Set(None),
                        target_high: Set(None),
                    });
                }
                rs.push(realisation::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    evaluation_id: Set(evaluation_id),
                    indicator_id: Set(indicator_id),
                    value: Set(Some(realisation_value(quarters[QUARTER as usize - 1], k, i))),
                    value_low: Set(None),
                    evidence_note: Set(Some("Laporan capaian TW II".into())),
                    evidence_link: Set(None),
                    evidence_file_id: Set(None),
                    obstacles: Set(None),
                    follow_up: Set(None),
                    row_version: Set(1),
                    updated_at: Set(now),
                    updated_by: Set(None),
                });
            }
        }
        rows += ps.len() + vs.len() + is.len() + ts.len() + es.len() + rs.len();
        insert_chunked!(&txn, pact::Entity, ps);
        insert_chunked!(&txn, pact_version::Entity, vs);
        insert_chunked!(&txn, indicator::Entity, is);
        insert_chunked!(&txn, indicator_target::Entity, ts);
        insert_chunked!(&txn, evaluation::Entity, es);
        insert_chunked!(&txn, realisation::Entity, rs);
    }
    // Attendance cuts for one official in 25 (400 of 10,000), one or two months of TW II.
    let codes = ["TL1", "PSW2", "TK", "TA", "TL3"];
    let mut cuts = Vec::new();
    for (k, o) in people.iter().enumerate().filter(|(k, _)| k % 25 == 7) {
        for (j, month) in [4i16, 6].into_iter().enumerate().take(1 + k % 2) {
            cuts.push(attendance_cut::ActiveModel {
                id: Set(Uuid::new_v4()),
                official_id: Set(*o.id.as_ref()),
                year: Set(YEAR),
                month: Set(month),
                code: Set(codes[(k + j) % codes.len()].into()),
                count: Set(1 + (k % 3) as i32),
                created_at: Set(now),
            });
        }
    }
    rows += cuts.len();
    insert_chunked!(&txn, attendance_cut::Entity, cuts);
    txn.commit().await.expect("commit");
    let official_ids = people.iter().map(|o| *o.id.as_ref()).collect();
    Seeded { pact_ids, official_ids, rows }
}
