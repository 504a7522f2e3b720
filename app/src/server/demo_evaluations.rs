//! The demo city's evaluations for a year (issue 5): realisations with evidence notes for TW I–III
//! of every signed pact, behaviour ratings (by the direct superior, or by the admin on behalf where
//! the superior has no account), a few dozen months of attendance cuts, two integrity breaches and
//! one moderate sanction; TW I and TW II run and locked, TW III run but open, TW IV untouched.
//!
//! Everything goes through the services the screens use, as the demo admin or the superior, so the
//! rules and the audit log apply. The numbers come from a hash of the official's NIP, the quarter
//! and the indicator's position, never from the clock: every demo database gets the same ones.
use super::entities::{account, evaluation, official, pact, pact_version, tpp_result, tpp_run};
use super::{discipline, evaluations, pacts, policy, tpp_run as runs};
use crate::api::auth::SessionUser;
use crate::api::discipline::{BreachInput, SanctionInput};
use crate::api::evaluations::RealisationInput;
use crate::domain::achievement::Polarity;
use crate::domain::explanation::number_id;
use crate::domain::pact::{PactIndicator, PactStatus, Target, TargetKind};
use crate::domain::predikat::Predikat;
use crate::domain::rating::Rating;
use crate::domain::tpp::Quarter;
use crate::domain::Role;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashMap;
use uuid::Uuid;

/// What the demo made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoEvaluations {
    /// Official-quarters with every realisation and a behaviour rating.
    pub sheets: usize,
    /// Realisation values entered.
    pub realisations: usize,
    pub rated_by_superior: usize,
    pub rated_on_behalf: usize,
    /// How many official-quarters got each predikat, in the order of [`Predikat::ALL`].
    pub predikat: [usize; 5],
    /// Official-months with attendance cuts.
    pub attendance_months: usize,
    pub breaches: usize,
    pub sanctions: usize,
    /// Quarters run, and of those, locked.
    pub runs: usize,
    pub locked: usize,
    /// Stored TPP results (official-months).
    pub results: usize,
}

impl DemoEvaluations {
    /// The summary `pakta demo` prints, in Indonesian.
    pub fn describe(&self, year: i32) -> String {
        let spread: Vec<String> =
            Predikat::ALL.iter().zip(self.predikat).map(|(p, n)| format!("{n} {}", p.label_id())).collect();
        format!(
            "Penilaian {year}: {} lembar realisasi TW I–III ({} nilai), rating perilaku {} oleh atasan dan \
             {} oleh admin atas nama atasan; predikat: {}. Potongan kehadiran di {} bulan-pejabat, {} \
             pelanggaran pakta integritas, {} hukuman disiplin sedang. TPP dihitung untuk {} triwulan \
             ({} dikunci, TW III belum), {} hasil bulanan.",
            self.sheets,
            self.realisations,
            self.rated_by_superior,
            self.rated_on_behalf,
            spread.join(", "),
            self.attendance_months,
            self.breaches,
            self.sanctions,
            self.runs,
            self.locked,
            self.results
        )
    }
}

/// The quarters evaluated; those before `OPEN_QUARTER` are locked after their run.
const QUARTERS: [u32; 3] = [1, 2, 3];
const OPEN_QUARTER: u32 = 3;
/// Officials with attendance cuts, and how many of them have cuts in each month.
const OFFENDERS: usize = 18;
const OFFENDERS_PER_MONTH: usize = 4;

/// 09:00 WIB and later, stated in UTC (as the pacts' demo times).
fn at(year: i32, month: u32, day: u32, hour: u32) -> Result<DateTime<Utc>, AppError> {
    Utc.with_ymd_and_hms(year, month, day, hour.saturating_sub(7), 0, 0).single().ok_or(AppError::Internal)
}

fn date(year: i32, month: u32, day: u32) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(AppError::Internal)
}

/// A well-mixed hash of (key, a, b): FNV-1a, then the splitmix64 finaliser (FNV alone clusters
/// on keys that differ in their last bytes, as NIPs do).
fn roll(key: &str, a: u32, b: u32) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in key.bytes().chain(a.to_le_bytes()).chain(b.to_le_bytes()) {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// 0–99.
fn percent(key: &str, a: u32, b: u32) -> u64 {
    roll(key, a, b) % 100
}

/// In [0, 1), in thousandths.
fn fraction(key: &str, a: u32, b: u32) -> Decimal {
    Decimal::new((roll(key, a, b) % 1000) as i64, 3)
}

/// How an official's quarter went, before the indicators' own variation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tier {
    Above,
    OnTarget,
    Below,
    WellBelow,
}

impl Tier {
    /// Capaian band: (lowest, width), percent.
    fn band(self) -> (i64, i64) {
        match self {
            Tier::Above => (111, 9),
            Tier::OnTarget => (93, 14),
            Tier::Below => (76, 12),
            Tier::WellBelow => (45, 25),
        }
    }
}

/// Most officials are steady, some strong, a few struggle; a quarter mostly follows the person.
fn tier(nip: &str, q: u32) -> Tier {
    let r = percent(nip, q, 1);
    match percent(nip, 0, 0) {
        0..=15 if r < 70 => Tier::Above,
        0..=15 => Tier::OnTarget,
        16..=83 => match r {
            0..=6 => Tier::Above,
            7..=91 => Tier::OnTarget,
            92..=98 => Tier::Below,
            _ => Tier::WellBelow,
        },
        84..=94 => match r {
            0..=34 => Tier::OnTarget,
            35..=84 => Tier::Below,
            _ => Tier::WellBelow,
        },
        _ if r < 30 => Tier::Below,
        _ => Tier::WellBelow,
    }
}

/// The superior's rating: mostly as expected, "above" mostly for strong quarters, a few "below".
fn behaviour(nip: &str, q: u32, t: Tier) -> Rating {
    let r = percent(nip, q, 2);
    let (above, as_expected) = match t {
        Tier::Above => (60, 98),
        Tier::OnTarget => (12, 97),
        Tier::Below | Tier::WellBelow => (4, 88),
    };
    if r < above {
        Rating::Above
    } else if r < as_expected {
        Rating::AsExpected
    } else {
        Rating::Below
    }
}

fn behaviour_note(r: Rating, nip: &str, q: u32) -> &'static str {
    const ABOVE: [&str; 3] = [
        "Menjadi teladan dalam orientasi pelayanan dan kolaborasi lintas bidang.",
        "Inisiatif tinggi; membimbing staf baru dengan baik.",
        "Sangat adaptif dan tuntas dalam penugasan tambahan.",
    ];
    const BELOW: [&str; 3] = [
        "Perlu pembinaan: beberapa tenggat laporan terlewat.",
        "Kurang hadir dalam rapat koordinasi; perlu perbaikan komunikasi.",
        "Perlu meningkatkan kedisiplinan dan tanggung jawab atas tugas.",
    ];
    let i = (roll(nip, q, 3) % 3) as usize;
    match r {
        Rating::Above => ABOVE[i],
        Rating::Below => BELOW[i],
        Rating::AsExpected => "",
    }
}

/// Counts are whole, days to one decimal, the rest to two.
fn decimals(unit: &str) -> u32 {
    match unit {
        "rekomendasi" | "kegiatan" | "pengaduan" | "layanan" => 0,
        "hari" => 1,
        _ => 2,
    }
}

/// The realisation giving capaian `c` (percent) against the quarter's target. For a range, a
/// capaian below 100 lies above the range when `above_range`, else below it; 100 or more lies
/// inside it at `u` of its width.
fn realisation(polarity: Polarity, target: Target, c: Decimal, u: Decimal, above_range: bool) -> Decimal {
    let hundred = Decimal::ONE_HUNDRED;
    let two_hundred = Decimal::from(200);
    match (polarity, target) {
        (Polarity::Min, Target::Value { value }) => value * (two_hundred - c).max(Decimal::ZERO) / hundred,
        (_, Target::Value { value }) => value * c / hundred,
        (_, Target::Range { low, high }) if c >= hundred => low + (high - low) * u,
        (_, Target::Range { high, .. }) if above_range => high * (two_hundred - c) / hundred,
        (_, Target::Range { low, .. }) => low * c / hundred,
    }
}

/// A short bukti dukung note for the indicator, in the words an OPD would write.
fn evidence_note(name: &str, q: Quarter, year: i32, h: u64) -> String {
    let tw = q.roman();
    let last = ["Maret", "Juni", "September", "Desember"][(q.number() - 1) as usize];
    let lower = name.to_lowercase();
    let n = 80 + h % 240;
    if lower.contains("kepuasan") {
        format!("Hasil survei kepuasan masyarakat TW {tw} {year}, {n} responden.")
    } else if lower.contains("sakip") {
        format!("Hasil evaluasi internal SAKIP oleh Inspektorat, {last} {year}.")
    } else if lower.contains("realisasi anggaran") {
        format!("Laporan realisasi anggaran SIPD per akhir {last} {year}.")
    } else if lower.contains("rekomendasi bpk") {
        format!("Rekap tindak lanjut LHP BPK per akhir {last} {year}.")
    } else if lower.contains("predikat kinerja") {
        format!("Rekap penilaian kinerja pegawai (e-Kinerja) TW {tw} {year}.")
    } else if lower.contains("kegiatan prioritas") {
        format!("Laporan pelaksanaan kegiatan TW {tw} beserta dokumentasi dan daftar hadir.")
    } else if lower.contains("waktu penyelesaian") {
        format!("Rekap aplikasi layanan TW {tw}: rata-rata dari {n} permohonan.")
    } else if lower.contains("inflasi") {
        format!("Rilis BPS Kota Batu bulan {last} {year}.")
    } else if lower.contains("pendapatan asli") {
        format!("Laporan realisasi PAD dari Bapenda per akhir {last} {year}.")
    } else if lower.contains("pengaduan") {
        format!("Rekap pengaduan SP4N-LAPOR! TW {tw} {year}.")
    } else if lower.contains("dokumen perencanaan") {
        format!("Daftar dokumen perencanaan TW {tw} dengan tanggal penyampaiannya.")
    } else if lower.contains("daring") {
        format!("Daftar layanan daring yang terintegrasi per akhir {last} {year}.")
    } else {
        format!("Laporan capaian kinerja TW {tw} {year}.")
    }
}

/// (obstacle, follow-up) for an indicator well short of its target.
fn shortfall(h: u64) -> (&'static str, &'static str) {
    const NOTES: [(&str, &str); 4] = [
        (
            "Proses pengadaan barang/jasa terlambat dari jadwal.",
            "Percepatan lelang dan pemantauan mingguan oleh PPK.",
        ),
        (
            "Keterbatasan SDM pelaksana di lapangan.",
            "Penugasan staf tambahan dan pembagian ulang beban kerja.",
        ),
        (
            "Data dari OPD mitra belum lengkap saat pelaporan.",
            "Rapat koordinasi data dan batas waktu penyampaian yang tegas.",
        ),
        ("Gangguan aplikasi layanan selama beberapa hari.", "Koordinasi perbaikan dengan Diskominfo."),
    ];
    NOTES[(h % NOTES.len() as u64) as usize]
}

/// A signed pact of the year and whose it is.
struct Signed {
    pact_id: Uuid,
    official: official::Model,
    /// The key of every demo roll: the NIP (the id where there is none).
    key: String,
    /// Revised after a mutasi: left out of the discipline picks, to keep those plain.
    revised: bool,
}

/// The signed pacts of `year`, by NIP.
async fn signed_pacts(db: &DatabaseConnection, year: i32) -> Result<Vec<Signed>, AppError> {
    let pacts = pact::Entity::find().filter(pact::Column::Year.eq(year)).all(db).await?;
    let mut signed_versions: HashMap<Uuid, usize> = HashMap::new();
    for chunk in pacts.chunks(500) {
        for v in pact_version::Entity::find()
            .filter(pact_version::Column::PactId.is_in(chunk.iter().map(|p| p.id)))
            .filter(
                pact_version::Column::Status
                    .is_in([PactStatus::Signed.as_str(), PactStatus::Superseded.as_str()]),
            )
            .all(db)
            .await?
        {
            *signed_versions.entry(v.pact_id).or_default() += 1;
        }
    }
    let officials: HashMap<Uuid, official::Model> =
        official::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    let mut out: Vec<Signed> = pacts
        .into_iter()
        .filter_map(|p| {
            let n = *signed_versions.get(&p.id)?;
            let o = officials.get(&p.official_id)?.clone();
            let key = o.nip.clone().unwrap_or_else(|| o.id.to_string());
            Some(Signed { pact_id: p.id, official: o, key, revised: n > 1 })
        })
        .collect();
    out.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(out)
}

/// Who rates each official: the superior's session where the superior has an account.
async fn superiors(db: &DatabaseConnection) -> Result<HashMap<Uuid, SessionUser>, AppError> {
    let officials: HashMap<Uuid, official::Model> =
        official::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    let accounts = account::Entity::find()
        .filter(account::Column::Role.eq(Role::Official.as_str()))
        .filter(account::Column::Active.eq(true))
        .all(db)
        .await?;
    Ok(accounts
        .into_iter()
        .filter_map(|a| {
            let o = officials.get(&a.official_id?)?;
            let user = SessionUser {
                account_id: a.id,
                username: a.username,
                role: Role::Official,
                official_id: Some(o.id),
                display_name: o.name.clone(),
                must_change_password: false,
            };
            Some((o.id, user))
        })
        .collect())
}

/// `n` distinct positions in `0..len`, picked by hash of `label`.
fn picks(label: &str, n: usize, len: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut k = 0;
    while out.len() < n.min(len) {
        let i = (roll(label, k, 0) % len as u64) as usize;
        if !out.contains(&i) {
            out.push(i);
        }
        k += 1;
    }
    out
}

/// The three officials with discipline records: (breach in TW I, breach in TW III, sanction).
fn discipline_picks(pool: &[&Signed]) -> Result<[Uuid; 3], AppError> {
    match picks("pelanggaran-dan-hukuman", 3, pool.len())[..] {
        [a, b, c] => Ok([pool[a].official.id, pool[b].official.id, pool[c].official.id]),
        _ => Err(AppError::Conflict("Terlalu sedikit pakta yang ditandatangani untuk data demo.".into())),
    }
}

/// Attendance cuts for one official-month: (code, count), from the codes the policy has.
fn month_cuts(codes: &[String], key: &str, month: u32) -> Vec<(String, i32)> {
    // Late arrivals and leaving early are common, a missed assembly now and then, absence rare.
    const USUAL: [&str; 8] = ["TL1", "TL1", "TL2", "PSW1", "TL1", "TA", "TL3", "PSW2"];
    let known = |c: &str| codes.iter().any(|k| k == c);
    let pick = |slot: u32| -> Option<String> {
        let h = roll(key, month, 20 + slot);
        let usual = USUAL[(h % USUAL.len() as u64) as usize];
        if known(usual) {
            Some(usual.to_string())
        } else {
            codes.get((h % codes.len().max(1) as u64) as usize).cloned()
        }
    };
    let mut out: Vec<(String, i32)> = Vec::new();
    let entries = 1 + roll(key, month, 30) % 2;
    for slot in 0..entries as u32 {
        let Some(code) = pick(slot) else { continue };
        let count = 1 + (roll(key, month, 40 + slot) % 3) as i32;
        match out.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += count,
            None => out.push((code, count)),
        }
    }
    if percent(key, month, 50) < 15 && known("TK") && !out.iter().any(|(c, _)| c == "TK") {
        out.push(("TK".into(), 1));
    }
    out
}

/// The annex of the signed version in force for a quarter: each indicator's id, in the sheet's
/// order, with its content (all four quarters' targets and the jenis target).
struct Annex {
    version_id: Uuid,
    indicators: Vec<(Uuid, PactIndicator)>,
}

/// The annex for the quarter, read through the realisation sheet (which picks the version in
/// force) and kept: a pact with one signed version has it for every quarter, so only a pact
/// revised after a mutasi is read again.
async fn annex<'a>(
    db: &DatabaseConnection,
    admin: &SessionUser,
    s: &Signed,
    q: Quarter,
    cache: &'a mut HashMap<Uuid, Annex>,
) -> Result<&'a Annex, AppError> {
    if s.revised || !cache.contains_key(&s.pact_id) {
        let sheet = evaluations::sheet(db, admin, s.pact_id, q.number()).await?;
        let content = pacts::indicators_of(db, sheet.version_id).await?;
        let same = content.len() == sheet.indicators.len()
            && content.iter().zip(&sheet.indicators).all(|(c, i)| c.name == i.name);
        if !same {
            tracing::error!(version = %sheet.version_id, "sheet and annex differ");
            return Err(AppError::Internal);
        }
        let ids = sheet.indicators.iter().map(|i| i.indicator_id);
        cache.insert(
            s.pact_id,
            Annex { version_id: sheet.version_id, indicators: ids.zip(content).collect() },
        );
    }
    cache.get(&s.pact_id).ok_or(AppError::Internal)
}

/// The quarter's realisations of one signed pact, as the admin types them from the OPD's report.
/// `previous` holds each cumulative indicator's last value, which a year-to-date figure never
/// falls below.
fn realisation_rows(
    annex: &Annex,
    s: &Signed,
    q: Quarter,
    year: i32,
    previous: &mut HashMap<(Uuid, String), Decimal>,
) -> Vec<RealisationInput> {
    let n = q.number();
    let (low, width) = tier(&s.key, n).band();
    let mut rows = Vec::new();
    for (pos, (id, ind)) in annex.indicators.iter().enumerate() {
        let Some(target) = ind.quarters[(n - 1) as usize] else { continue };
        let slot = 10 + pos as u32;
        let c = Decimal::from(low) + Decimal::from(width) * fraction(&s.key, n, slot);
        let u = fraction(&s.key, n, slot + 100);
        let above_range = percent(&s.key, n, slot + 200) < 50;
        let mut r = realisation(ind.polarity, target, c, u, above_range)
            .round_dp_with_strategy(decimals(&ind.unit), RoundingStrategy::MidpointAwayFromZero);
        if ind.unit == "%" {
            r = r.min(Decimal::ONE_HUNDRED);
        }
        if ind.target_kind == TargetKind::Cumulative {
            let last = previous.entry((s.official.id, ind.name.clone())).or_insert(r);
            r = r.max(*last);
            *last = r;
        }
        let h = roll(&s.key, n, slot + 300);
        let (obstacles, follow_up) = if c < Decimal::from(90) { shortfall(h) } else { ("", "") };
        rows.push(RealisationInput {
            indicator_id: id.to_string(),
            value: number_id(r),
            row_version: String::new(),
            evidence_note: evidence_note(&ind.name, q, year, h),
            evidence_link: String::new(),
            obstacles: obstacles.into(),
            follow_up: follow_up.into(),
        });
    }
    rows
}

/// The quarter's behaviour rating by `user` (the superior, or the admin on their behalf); returns
/// the predikat the sheet then shows. Where a breach or a sanction forces "below" (`forced`), the
/// superior's own rating is kept above it, so that the sheet shows the forcing.
async fn rate(
    db: &DatabaseConnection,
    user: &SessionUser,
    s: &Signed,
    q: Quarter,
    forced: bool,
    now: DateTime<Utc>,
) -> Result<Predikat, AppError> {
    let n = q.number();
    let mut rating = behaviour(&s.key, n, tier(&s.key, n));
    if forced && rating == Rating::Below {
        rating = Rating::AsExpected;
    }
    let note = behaviour_note(rating, &s.key, n);
    let sheet = evaluations::rate_behaviour(db, user, s.pact_id, n, rating.as_str(), note, now).await?;
    sheet.preview.as_ref().and_then(|p| p.predikat).ok_or_else(|| {
        let error = sheet.preview_error.unwrap_or_default();
        tracing::error!(pact = %s.pact_id, quarter = n, error, "demo sheet without a predikat");
        AppError::Internal
    })
}

/// The admin the demo acts as.
async fn demo_admin(db: &DatabaseConnection) -> Result<SessionUser, AppError> {
    let a = account::Entity::find()
        .filter(account::Column::Username.eq("admin"))
        .filter(account::Column::Role.eq(Role::Admin.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| AppError::Conflict("Akun admin demo tidak ada; jalankan `pakta demo`.".into()))?;
    Ok(SessionUser {
        account_id: a.id,
        username: a.username,
        role: Role::Admin,
        official_id: None,
        display_name: "Admin BKPSDM".into(),
        must_change_password: false,
    })
}

/// Enters the discipline records that fall in the quarter, before its realisations.
async fn enter_discipline(
    db: &DatabaseConnection,
    admin: &SessionUser,
    offenders: &[&Signed],
    special: [Uuid; 3],
    year: i32,
    q: Quarter,
    made: &mut DemoEvaluations,
) -> Result<(), AppError> {
    let actor = Some(admin.account_id);
    for month in q.months() {
        let codes: Vec<String> = policy::in_force(db, date(year, month, 1)?)
            .await?
            .map(|v| v.policy.cuts.into_keys().collect())
            .unwrap_or_default();
        if codes.is_empty() {
            continue;
        }
        for k in 0..OFFENDERS_PER_MONTH {
            let s = offenders[(month as usize * 5 + k * 7) % offenders.len()];
            let cuts = month_cuts(&codes, &s.key, month);
            // Entered from the attendance system early the next month.
            let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
            let now = at(y, m, 2 + k as u32, 9)?;
            discipline::set_month(db, s.official.id, year, month, &cuts, actor, now).await?;
            made.attendance_months += 1;
        }
    }
    let [breach_early, breach_late, sanctioned] = special;
    match q.number() {
        1 => {
            let input = BreachInput {
                occurred_on: date(year, 2, 17)?.to_string(),
                pact_point:
                    "4. Menghindari pertentangan kepentingan (conflict of interest) dalam pelaksanaan tugas"
                        .into(),
                source: "Laporan Hasil Pemeriksaan Inspektorat".into(),
                note: "Turut menilai penawaran pengadaan dari perusahaan milik kerabat.".into(),
            };
            discipline::record_breach(db, breach_early, &input, actor, at(year, 3, 23, 10)?).await?;
            made.breaches += 1;
        }
        2 => {
            let input = SanctionInput {
                level: "moderate".into(),
                start_date: date(year, 5, 1)?.to_string(),
                months: "6".into(),
                percent: String::new(),
                decree_number: format!("800.1.6.4/057/422.204/{year}"),
                note:
                    "Hukuman disiplin sedang: pemotongan tunjangan kinerja 25% selama 6 bulan (PP 94/2021)."
                        .into(),
            };
            discipline::record_sanction(db, sanctioned, &input, actor, at(year, 4, 28, 10)?).await?;
            made.sanctions += 1;
        }
        3 => {
            let input = BreachInput {
                occurred_on: date(year, 8, 12)?.to_string(),
                pact_point: "2. Tidak meminta atau menerima pemberian yang tidak sesuai dengan ketentuan"
                    .into(),
                source: "Pengaduan masyarakat melalui SP4N-LAPOR!, diverifikasi Inspektorat".into(),
                note: "Menerima bingkisan dari pemohon izin selama proses permohonan.".into(),
            };
            discipline::record_breach(db, breach_late, &input, actor, at(year, 9, 21, 10)?).await?;
            made.breaches += 1;
        }
        _ => {}
    }
    Ok(())
}

/// Enters `year`'s TW I–III evaluations of every signed pact and runs the TPP (see the module
/// doc). Refuses when the year already has an evaluation or a TPP run.
pub async fn seed_evaluations(db: &DatabaseConnection, year: i32) -> Result<DemoEvaluations, AppError> {
    let started = evaluation::Entity::find().filter(evaluation::Column::Year.eq(year)).count(db).await? > 0
        || tpp_run::Entity::find().filter(tpp_run::Column::Year.eq(year)).count(db).await? > 0;
    if started {
        return Err(AppError::Conflict(format!(
            "Penilaian {year} sudah berisi data; data demo penilaian tidak ditambahkan."
        )));
    }
    let admin = demo_admin(db).await?;
    let signed = signed_pacts(db, year).await?;
    let plain: Vec<&Signed> = signed.iter().filter(|s| !s.revised).collect();
    let special = discipline_picks(&plain)?;
    let mut by_roll = plain.clone();
    by_roll.sort_by_key(|s| roll(&s.key, 0, 3));
    let offenders: Vec<&Signed> =
        by_roll.into_iter().filter(|s| !special.contains(&s.official.id)).take(OFFENDERS).collect();
    let superiors = superiors(db).await?;
    let mut made = DemoEvaluations::default();
    let mut previous = HashMap::new();
    let mut annexes = HashMap::new();

    for q in QUARTERS {
        let qt = Quarter::new(q).ok_or(AppError::Internal)?;
        // Entered in the month after the quarter.
        let month = qt.months()[2] + 1;
        enter_discipline(db, &admin, &offenders, special, year, qt, &mut made).await?;
        for (i, s) in signed.iter().enumerate() {
            let day = 3 + (i % 8) as u32;
            let entered_at = at(year, month, day, 9 + (i % 6) as u32)?;
            let annex = annex(db, &admin, s, qt, &mut annexes).await?;
            let rows = realisation_rows(annex, s, qt, year, &mut previous);
            let saved = evaluations::save_realisations(db, &admin, s.pact_id, q, &rows, entered_at).await?;
            if saved.version_id != annex.version_id {
                tracing::error!(pact = %s.pact_id, quarter = q, "demo realisations went to another version");
                return Err(AppError::Internal);
            }
            made.realisations += rows.len();

            let rater = s.official.supervisor_id.and_then(|id| superiors.get(&id));
            let forced = special.contains(&s.official.id);
            let rated_at = at(year, month, day + 4, 14)?;
            let predikat = rate(db, rater.unwrap_or(&admin), s, qt, forced, rated_at).await?;
            if rater.is_some() {
                made.rated_by_superior += 1;
            } else {
                made.rated_on_behalf += 1;
            }
            made.sheets += 1;
            if let Some(n) = Predikat::ALL.iter().position(|p| *p == predikat) {
                made.predikat[n] += 1;
            }
        }
        runs::run(db, year, q, None, Some(admin.account_id), at(year, month, 20, 10)?).await?;
        made.runs += 1;
        if q < OPEN_QUARTER {
            runs::lock(db, year, q, Some(admin.account_id), at(year, month, 24, 15)?).await?;
            made.locked += 1;
        }
    }
    made.results =
        tpp_result::Entity::find().filter(tpp_result::Column::Year.eq(year)).count(db).await? as usize;
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::achievement::{raw_achievement, Goal};

    #[test]
    fn realisations_give_the_capaian_asked_for() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let value = |v: &str| Target::Value { value: d(v) };
        for c in ["45", "80", "100", "115"] {
            let r = realisation(Polarity::Max, value("45"), d(c), Decimal::ZERO, false);
            assert_eq!(raw_achievement(&Goal::Max { target: d("45") }, r), d(c));
            let r = realisation(Polarity::Min, value("4"), d(c), Decimal::ZERO, false);
            assert_eq!(raw_achievement(&Goal::Min { target: d("4") }, r), d(c));
        }
        let range = Target::Range { low: d("2"), high: d("4.5") };
        let goal = Goal::Range { low: d("2"), high: d("4.5") };
        for above in [false, true] {
            let r = realisation(Polarity::Range, range, d("80"), Decimal::ZERO, above);
            assert_eq!(raw_achievement(&goal, r), d("80"), "above the range: {above}");
        }
        let inside = realisation(Polarity::Range, range, d("110"), d("0.5"), false);
        assert_eq!(raw_achievement(&goal, inside), d("100"));
    }

    #[test]
    fn the_rolls_are_fixed_and_spread() {
        assert_eq!(roll("198001012005011001", 2, 7), roll("198001012005011001", 2, 7));
        let nips: Vec<String> = (0..400).map(|i| format!("1975{i:04}2000011{:03}", i % 9)).collect();
        let tiers: Vec<Tier> = nips.iter().map(|n| tier(n, 2)).collect();
        for t in [Tier::Above, Tier::OnTarget, Tier::Below, Tier::WellBelow] {
            let share = tiers.iter().filter(|x| **x == t).count();
            assert!(share > 0, "{t:?} never drawn");
        }
        let on_target = tiers.iter().filter(|t| **t == Tier::OnTarget).count();
        assert!(on_target > 200, "most quarters are around the target: {on_target} of 400");
    }

    #[test]
    fn attendance_uses_only_the_policys_codes() {
        let codes: Vec<String> = ["PSW9", "TL9"].iter().map(|s| s.to_string()).collect();
        for m in 1..=12 {
            for (code, n) in month_cuts(&codes, "197001011995031001", m) {
                assert!(codes.contains(&code) && (1..=6).contains(&n), "{code} × {n}");
            }
        }
        let defaults: Vec<String> = crate::domain::policy::Policy::default().cuts.into_keys().collect();
        assert!(!month_cuts(&defaults, "197001011995031001", 3).is_empty());
    }
}
