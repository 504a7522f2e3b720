//! `pakta demo`: a believable Kota Batu for 2026 (fictional people, the city's real OPD names).
use super::auth::hash_password;
use super::entities::{account, official, opd, pact_template};
use crate::api::auth::{DemoAccount, DemoHints};
use crate::domain::PositionKind;
use crate::error::AppError;
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashSet;
use uuid::Uuid;

pub const DEMO_PASSWORD: &str = "pakta-demo";

/// (code, name, kind). Kecamatan are led by a Camat (Administrator).
const OPDS: &[(&str, &str, &str)] = &[
    ("SETDA", "Sekretariat Daerah", "sekretariat"),
    ("SETWAN", "Sekretariat DPRD", "sekretariat"),
    ("INSP", "Inspektorat", "inspektorat"),
    ("BAPPELITBANGDA", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "badan"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan"),
    ("BKD", "Badan Keuangan Daerah", "badan"),
    ("BAPENDA", "Badan Pendapatan Daerah", "badan"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan"),
    ("BAKESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "badan"),
    ("DISDIK", "Dinas Pendidikan", "dinas"),
    ("DINKES", "Dinas Kesehatan", "dinas"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas"),
    ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", "dinas"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "dinas"),
    ("DINSOS", "Dinas Sosial", "dinas"),
    (
        "DP3AP2KB",
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
        "dinas",
    ),
    ("DLH", "Dinas Lingkungan Hidup", "dinas"),
    ("DISPENDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas"),
    ("DISHUB", "Dinas Perhubungan", "dinas"),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "dinas"),
    ("DISKUMDAG", "Dinas Koperasi, Usaha Mikro dan Perdagangan", "dinas"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas"),
    ("DISPAR", "Dinas Pariwisata", "dinas"),
    ("DISPORA", "Dinas Pemuda dan Olahraga", "dinas"),
    ("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", "dinas"),
    ("DISTAN", "Dinas Pertanian", "dinas"),
    ("DKP", "Dinas Ketahanan Pangan", "dinas"),
    ("DISNAKER", "Dinas Tenaga Kerja", "dinas"),
    ("KEC-BATU", "Kecamatan Batu", "kecamatan"),
    ("KEC-JUNREJO", "Kecamatan Junrejo", "kecamatan"),
    ("KEC-BUMIAJI", "Kecamatan Bumiaji", "kecamatan"),
];

const FIRST_NAMES: &[&str] = &[
    "Agus", "Budi", "Dewi", "Endang", "Fajar", "Gita", "Hadi", "Indah", "Joko", "Kartika", "Lestari",
    "Mulyono", "Nur", "Oktavia", "Purnomo", "Rina", "Sri", "Teguh", "Umi", "Wahyu", "Yuli", "Zainal",
    "Bambang", "Retno", "Heru", "Siti", "Eko", "Ratna", "Dwi", "Anik",
];
const LAST_NAMES: &[&str] = &[
    "Santoso",
    "Wulandari",
    "Prasetyo",
    "Rahayu",
    "Hidayat",
    "Susanti",
    "Wibowo",
    "Handayani",
    "Setiawan",
    "Kurniawati",
    "Nugroho",
    "Lestari",
    "Saputra",
    "Pratiwi",
    "Hartono",
    "Maharani",
    "Suryadi",
    "Anggraini",
    "Firmansyah",
    "Puspitasari",
    "Gunawan",
    "Permatasari",
    "Kusuma",
    "Yulianti",
    "Sutrisno",
];
const DEGREES: &[&str] = &[
    "S.Sos., M.Si.",
    "S.T., M.T.",
    "S.E., M.M.",
    "S.H., M.H.",
    "S.Pd., M.Pd.",
    "S.Kom., M.Kom.",
    "S.IP., M.AP.",
    "S.P., M.P.",
    "S.K.M., M.Kes.",
    "S.STP., M.Si.",
];
const DIVISIONS: &[&str] = &[
    "Perencanaan dan Evaluasi",
    "Pelayanan",
    "Pengembangan",
    "Pengendalian dan Pengawasan",
    "Pembinaan",
    "Data dan Informasi",
];

/// A deterministic sequence, so every demo database is the same city.
struct Sequence(u64);
impl Sequence {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % bound as u64) as usize
    }
}

struct Person {
    name: String,
    nip: String,
}

/// A fictional person with a structurally valid NIP not used before.
fn person(seq: &mut Sequence, used: &mut HashSet<String>, first_birth_year: i32, span: usize) -> Person {
    loop {
        let birth_year = first_birth_year + seq.next(span) as i32;
        let serial = 1 + seq.next(9);
        let p = person_candidate(seq, birth_year, serial);
        if used.insert(p.nip.clone()) {
            return p;
        }
    }
}

fn person_candidate(seq: &mut Sequence, birth_year: i32, serial: usize) -> Person {
    let sex = 1 + seq.next(2);
    let first = FIRST_NAMES[seq.next(FIRST_NAMES.len())];
    let last = LAST_NAMES[seq.next(LAST_NAMES.len())];
    let degree = DEGREES[seq.next(DEGREES.len())];
    let (month, day) = (1 + seq.next(12), 1 + seq.next(28));
    let tmt_year = birth_year + 23 + seq.next(5) as i32;
    let tmt_month = 1 + seq.next(12);
    Person {
        name: format!("{first} {last}, {degree}"),
        nip: format!("{birth_year:04}{month:02}{day:02}{tmt_year:04}{tmt_month:02}{sex}{serial:03}"),
    }
}

struct Position {
    title: String,
    kind: PositionKind,
    job_class: i32,
    ceiling: i64,
    rank: &'static str,
    grade: &'static str,
}

fn official_row(
    id: Uuid,
    p: &Person,
    pos: &Position,
    opd_id: Uuid,
    supervisor: Option<Uuid>,
    now: chrono::DateTime<Utc>,
    start: NaiveDate,
) -> official::ActiveModel {
    official::ActiveModel {
        id: Set(id),
        nip: Set(Some(p.nip.clone())),
        name: Set(p.name.clone()),
        rank: Set(Some(pos.rank.to_string())),
        grade: Set(Some(pos.grade.to_string())),
        position_title: Set(pos.title.clone()),
        position_kind: Set(pos.kind.as_str().to_string()),
        job_class: Set(pos.job_class),
        opd_id: Set(opd_id),
        supervisor_id: Set(supervisor),
        position_start: Set(start),
        monthly_ceiling: Set(pos.ceiling),
        active: Set(true),
        created_at: Set(now),
        row_version: Set(1),
    }
}

fn head_title(name: &str, kind: &str) -> String {
    match kind {
        "kecamatan" => format!("Camat {}", name.trim_start_matches("Kecamatan ")),
        "sekretariat" if name == "Sekretariat Daerah" => "Sekretaris Daerah".to_string(),
        "sekretariat" => "Sekretaris DPRD".to_string(),
        "inspektorat" => "Inspektur".to_string(),
        _ => {
            let short = name.trim_start_matches("Dinas ").trim_start_matches("Badan ");
            if name.starts_with("Satuan") {
                format!("Kepala {name}")
            } else if name.starts_with("Badan") {
                format!("Kepala Badan {short}")
            } else {
                format!("Kepala Dinas {short}")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub opds: usize,
    pub officials: usize,
    pub accounts: usize,
}

pub const PACT_TEMPLATE_TITLE: &str = "Pakta Integritas";
pub const PACT_TEMPLATE_BODY: &str = "Dalam rangka mewujudkan pemerintahan yang baik, bersih dan bebas dari korupsi, kolusi dan nepotisme, saya yang bertanda tangan di bawah ini menyatakan:\n\
1. Berperan secara pro aktif dalam upaya pencegahan dan pemberantasan korupsi, kolusi dan nepotisme serta tidak melibatkan diri dalam perbuatan tercela;\n\
2. Tidak meminta atau menerima pemberian secara langsung atau tidak langsung berupa suap, hadiah, bantuan atau bentuk lainnya yang tidak sesuai dengan ketentuan yang berlaku;\n\
3. Bersikap transparan, jujur, obyektif dan akuntabel dalam melaksanakan tugas;\n\
4. Menghindari pertentangan kepentingan (conflict of interest) dalam pelaksanaan tugas;\n\
5. Memberi contoh dalam kepatuhan terhadap peraturan perundang-undangan dalam melaksanakan tugas, terutama kepada pegawai yang berada di bawah pengawasan saya;\n\
6. Akan menyampaikan informasi penyimpangan integritas serta turut menjaga kerahasiaan saksi atas pelanggaran peraturan yang dilaporkannya;\n\
7. Bila saya melanggar hal-hal tersebut di atas, saya siap menghadapi konsekuensinya.";

/// Seeds the demo city. Refuses when the database already holds any OPD or account.
pub async fn seed(db: &DatabaseConnection) -> Result<DemoSummary, AppError> {
    if opd::Entity::find().count(db).await? > 0 || account::Entity::find().count(db).await? > 0 {
        return Err(AppError::Conflict(
            "Basis data sudah berisi data; `pakta demo` hanya mengisi basis data yang kosong.".into(),
        ));
    }
    let now = Utc::now();
    let start = NaiveDate::from_ymd_opt(2025, 1, 2).expect("valid date");
    let mut seq = Sequence(2026);
    let mut used = HashSet::new();
    let mut opds = Vec::new();
    let mut officials = Vec::new();

    let mayor_id = Uuid::new_v4();
    let mut setda_id = None;
    let mut sekda_id = None;
    for (i, (code, name, kind)) in OPDS.iter().enumerate() {
        let opd_id = Uuid::new_v4();
        opds.push(opd::ActiveModel {
            id: Set(opd_id),
            code: Set(code.to_string()),
            name: Set(name.to_string()),
            kind: Set(kind.to_string()),
            active: Set(true),
            created_at: Set(now),
            row_version: Set(1),
        });
        if i == 0 {
            setda_id = Some(opd_id);
            // The Wali Kota: pihak kedua for heads of OPD; not an ASN, so no NIP.
            officials.push(official::ActiveModel {
                id: Set(mayor_id),
                nip: Set(None),
                name: Set("Nurochman, S.H., M.H.".into()),
                rank: Set(None),
                grade: Set(None),
                position_title: Set("Wali Kota Batu".into()),
                position_kind: Set(PositionKind::HeadOfRegion.as_str().into()),
                job_class: Set(0),
                opd_id: Set(opd_id),
                supervisor_id: Set(None),
                position_start: Set(NaiveDate::from_ymd_opt(2025, 2, 20).expect("valid date")),
                monthly_ceiling: Set(0),
                active: Set(true),
                created_at: Set(now),
                row_version: Set(1),
            });
        }
        let is_kecamatan = *kind == "kecamatan";
        let head_pos = if i == 0 {
            Position {
                title: head_title(name, kind),
                kind: PositionKind::JptPratama,
                job_class: 15,
                ceiling: 20_000_000,
                rank: "Pembina Utama Madya",
                grade: "IV/d",
            }
        } else if is_kecamatan {
            Position {
                title: head_title(name, kind),
                kind: PositionKind::Administrator,
                job_class: 12,
                ceiling: 9_000_000,
                rank: "Pembina",
                grade: "IV/a",
            }
        } else {
            Position {
                title: head_title(name, kind),
                kind: PositionKind::JptPratama,
                job_class: 14,
                ceiling: 16_000_000,
                rank: "Pembina Utama Muda",
                grade: "IV/c",
            }
        };
        let head_id = Uuid::new_v4();
        let head_supervisor = if i == 0 {
            Some(mayor_id)
        } else if is_kecamatan {
            sekda_id
        } else {
            Some(mayor_id)
        };
        let p = person(&mut seq, &mut used, 1968, 6);
        officials.push(official_row(head_id, &p, &head_pos, opd_id, head_supervisor, now, start));
        if i == 0 {
            sekda_id = Some(head_id);
        }

        // Two Administrators (or, under a Camat, two Pengawas directly), each with two Pengawas.
        let middle: Vec<String> = if is_kecamatan {
            vec![]
        } else {
            let secretary = if *kind == "dinas" || *kind == "badan" {
                format!("Sekretaris {}", name)
            } else {
                format!("Kepala Bagian Umum {}", name)
            };
            let division = DIVISIONS[seq.next(DIVISIONS.len())];
            vec![secretary, format!("Kepala Bidang {division}")]
        };
        for (j, title) in middle.iter().enumerate() {
            let admin_id = Uuid::new_v4();
            let pos = Position {
                title: title.clone(),
                kind: PositionKind::Administrator,
                job_class: 12 - j as i32,
                ceiling: 9_000_000 - 1_000_000 * j as i64,
                rank: "Pembina",
                grade: "IV/a",
            };
            let p = person(&mut seq, &mut used, 1972, 8);
            officials.push(official_row(admin_id, &p, &pos, opd_id, Some(head_id), now, start));
            let subunits = if j == 0 {
                ["Kepala Sub Bagian Umum dan Kepegawaian", "Kepala Sub Bagian Keuangan"]
            } else {
                ["Kepala Seksi Perencanaan", "Kepala Seksi Pelaksanaan"]
            };
            for (k, sub) in subunits.iter().enumerate() {
                let pos = Position {
                    title: sub.to_string(),
                    kind: PositionKind::Pengawas,
                    job_class: 9 - k as i32,
                    ceiling: 5_500_000 - 500_000 * k as i64,
                    rank: "Penata Tingkat I",
                    grade: "III/d",
                };
                let p = person(&mut seq, &mut used, 1978, 10);
                officials.push(official_row(Uuid::new_v4(), &p, &pos, opd_id, Some(admin_id), now, start));
            }
        }
        if is_kecamatan {
            for sub in ["Sekretaris Camat", "Kepala Seksi Pemerintahan", "Kepala Seksi Pelayanan Umum"] {
                let pos = Position {
                    title: format!("{sub} {}", name.trim_start_matches("Kecamatan ")),
                    kind: PositionKind::Pengawas,
                    job_class: 9,
                    ceiling: 5_500_000,
                    rank: "Penata Tingkat I",
                    grade: "III/d",
                };
                let p = person(&mut seq, &mut used, 1978, 10);
                officials.push(official_row(Uuid::new_v4(), &p, &pos, opd_id, Some(head_id), now, start));
            }
        }
    }
    let _ = setda_id;

    // One hash for the one published demo password: hashing 200 times would only slow seeding.
    let hash = hash_password(DEMO_PASSWORD)?;
    let mut accounts = vec![
        demo_account("admin", "admin", None, &hash, now),
        demo_account("dprd", "dprd", None, &hash, now),
    ];
    for o in &officials {
        if let (Set(Some(nip)), Set(id)) = (&o.nip, &o.id) {
            accounts.push(demo_account(nip, "official", Some(*id), &hash, now));
        }
    }
    let summary = DemoSummary { opds: opds.len(), officials: officials.len(), accounts: accounts.len() };

    let txn = super::begin_write(db).await?;
    opd::Entity::insert_many(opds).exec(&txn).await?;
    // Supervisors are inserted before their reports: the list is built top-down.
    for chunk in officials.chunks(100) {
        official::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    for chunk in accounts.chunks(200) {
        account::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    pact_template::Entity::insert(pact_template::ActiveModel {
        id: Set(Uuid::new_v4()),
        version: Set(1),
        title: Set(PACT_TEMPLATE_TITLE.into()),
        body: Set(PACT_TEMPLATE_BODY.into()),
        effective_from: Set(NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date")),
        created_at: Set(now),
        created_by: Set(None),
    })
    .exec(&txn)
    .await?;
    super::policy::add_version(
        &txn,
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date"),
        &serde_json::json!({}),
        Some("Perwali TPP Kota Batu 2026 (nilai bawaan)".into()),
        None,
    )
    .await?;
    // One summary entry rather than ~450 per-row ones: the demo data is generated, not entered
    // by anyone, and the counts say what was added. (The policy version above has its own.)
    let entry = super::audit::Entry {
        actor: None,
        action: super::audit::action::SEED,
        entity: super::audit::entity::DATABASE,
        record_id: None,
        before: None,
        after: Some(serde_json::json!({
            "demo": true,
            "opds": summary.opds,
            "officials": summary.officials,
            "accounts": summary.accounts,
        })),
    };
    super::audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(summary)
}

fn demo_account(
    username: &str,
    role: &str,
    official_id: Option<Uuid>,
    hash: &str,
    now: chrono::DateTime<Utc>,
) -> account::ActiveModel {
    account::ActiveModel {
        id: Set(Uuid::new_v4()),
        username: Set(username.to_string()),
        password_hash: Set(hash.to_string()),
        role: Set(role.to_string()),
        official_id: Set(official_id),
        active: Set(true),
        is_demo: Set(true),
        created_at: Set(now),
        password_changed_at: Set(now),
        must_change_password: Set(false),
    }
}

/// Whether the database holds any account with the published demo password (outside demo mode
/// the server refuses to serve it).
pub async fn has_demo_accounts(db: &impl sea_orm::ConnectionTrait) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(account::Entity::find().filter(account::Column::IsDemo.eq(true)).count(db).await?)
}

/// The demo accounts to show on the login page, while the demo admin account still exists
/// with its demo password.
pub async fn hints(db: &DatabaseConnection) -> Result<Option<DemoHints>, AppError> {
    let demo_admin = account::Entity::find()
        .filter(account::Column::Username.eq("admin"))
        .filter(account::Column::IsDemo.eq(true))
        .one(db)
        .await?;
    if demo_admin.is_none() {
        return Ok(None);
    }
    let mut accounts = vec![
        DemoAccount { username: "admin".into(), description: "Admin BKPSDM".into() },
        DemoAccount { username: "dprd".into(), description: "Anggota DPRD (agregat saja)".into() },
    ];
    for (title, description) in [
        ("Kepala Dinas Pariwisata", "Kepala Dinas Pariwisata (atasan)"),
        ("Kepala Seksi Perencanaan", "Pejabat pengawas"),
    ] {
        let found =
            official::Entity::find().filter(official::Column::PositionTitle.eq(title)).one(db).await?;
        if let Some(nip) = found.and_then(|o| o.nip) {
            accounts.push(DemoAccount { username: nip, description: description.into() });
        }
    }
    Ok(Some(DemoHints { password: DEMO_PASSWORD.into(), accounts }))
}
