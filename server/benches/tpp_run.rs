//! The benchmark of issue 5: a TPP run for 10,000 synthetic officials (5 indicators each) for one
//! quarter, stored; and the Daftar Nominatif of that quarter (30,000 rows) loaded and written to
//! XLSX. Goal: the run under 2 s on SQLite and under 4 s on PostgreSQL.
//!
//! Run: `make bench` or `cargo bench -p pakta --bench tpp_run`. Each engine gets a fresh
//! database (a temporary SQLite file, then a uniquely named PostgreSQL database on
//! `PAKTA_BENCH_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`, dropped at the
//! end; skipped with a note when the server is unreachable), filled with bulk inserts (not timed):
//! 50 OPDs, the officials, a policy in force, and per official a 2026 pact with one signed version,
//! 5 indicators (weights 20, max and min), targets for every quarter and a TW II evaluation with a
//! behaviour rating and every realisation; a few hundred officials have attendance cuts. Then
//! `tpp_run::run` is timed `ROUNDS` times (each rerun replaces the results), with the process's
//! peak resident memory; the nominatif load and the XLSX (and CSV) writers are timed; and, to see
//! where the time goes, the run's bulk load is timed alone, a whole run's statements are counted
//! on a logging connection, and a sample of single sheets (`evaluations::sheet`) is timed and
//! counted for comparison.
//! `PAKTA_BENCH_OFFICIALS` changes the number of officials (default 10,000).
use app::api::auth::SessionUser;
use app::domain::achievement::Polarity;
use app::domain::pact::{PactStatus, PartySnapshot, TargetKind};
use app::domain::quarter_sheet::preview_with;
use app::domain::rating::Rating;
use app::domain::tpp::Quarter;
use app::domain::{PositionKind, Role};
use app::server::entities::tpp_run as run_row;
use app::server::entities::{
    attendance_cut, evaluation, indicator, indicator_target, official, opd, pact, pact_template,
    pact_version, realisation, tpp_result,
};
use app::server::{bulk_sheets, demo, evaluations, nominatif_xlsx, pacts, policy, tpp_run};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectOptions, ConnectionTrait, Database,
    DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::Layer;
use uuid::Uuid;

const YEAR: i32 = 2026;
const QUARTER: u32 = 2;
const OPDS: usize = 50;
const ROUNDS: usize = 3;
/// Rows per `insert_many` statement while filling the database.
const CHUNK: usize = 500;
/// Officials whose pacts, versions, indicators, targets, evaluations and realisations are built
/// and inserted together (keeps the setup's memory small).
const BATCH: usize = 100;
/// Sheets read alone, timed and with their statements counted.
const SAMPLE: usize = 200;

/// (objective, indicator, unit, polarity, jenis target, annual target, TW I–IV targets).
type Catalogue = (&'static str, &'static str, &'static str, Polarity, TargetKind, i64, [i64; 4]);

const INDICATORS: [Catalogue; 5] = [
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

/// Statements seen on connections opened with logging on (only the profiling connection).
static STATEMENTS: AtomicU64 = AtomicU64::new(0);

struct CountStatements;

impl<S: tracing::Subscriber> Layer<S> for CountStatements {
    fn on_event(&self, _: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        STATEMENTS.fetch_add(1, Ordering::Relaxed);
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A line of `/proc/self/status` in kB (`VmHWM`: peak resident set, `VmRSS`: current).
fn proc_status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mib(kb: Option<u64>) -> String {
    kb.map_or_else(|| "n/a".to_string(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
extern "C" {
    fn malloc_trim(pad: usize) -> i32;
}

/// Returns the heap's free memory to the system (glibc), then resets the peak resident set to the
/// current one (Linux ≥ 4.0), so that what follows is measured rather than what came before.
fn reset_peak() -> bool {
    // SAFETY: glibc's malloc_trim only releases free memory; it takes no pointers.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        malloc_trim(0);
    }
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// CPU time of this process so far (all threads, SQLite's workers included), from
/// `/proc/self/stat` (`utime` + `stime`, in ticks of 1/100 s): unlike wall time, not lengthened
/// when other processes compete for the CPU.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which is in parentheses and may contain spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "n/a".into())
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn min_median(times: &mut [Duration]) -> (Duration, Duration) {
    times.sort();
    (times[0], times[times.len() / 2])
}

/// An 18-digit NIP: birth date, appointment month, gender, sequence; unique for `k` < 30,000.
fn nip(k: usize) -> String {
    let year = 1965 + (k / 1000) % 30;
    let month = 1 + k % 12;
    let day = 1 + k % 28;
    format!("{year}{month:02}{day:02}{}{month:02}{}{:03}", year + 23, 1 + k % 2, k % 1000)
}

/// The officials: one head per OPD (no superior), the others under their OPD's head, except
/// every tenth, left without a superior (the link is optional).
fn officials(n: usize, opd_ids: &[Uuid], now: DateTime<Utc>) -> Vec<official::ActiveModel> {
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
                name: Set(format!("Pegawai Sintetis {k:05}, S.E.")),
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

fn party(o: &official::ActiveModel, opd_code: &str) -> PartySnapshot {
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
fn realisation_value(target: i64, k: usize, i: usize) -> String {
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

/// Reads a whole table, timed.
macro_rules! time_read {
    ($db:expr, $entity:ty, $what:expr) => {{
        let start = Instant::now();
        let rows = <$entity>::find().all($db).await.expect($what).len();
        println!("profile: reading all {rows} {} rows: {:.3} s", $what, secs(start.elapsed()));
    }};
}

struct Seeded {
    pact_ids: Vec<Uuid>,
    rows: usize,
}

/// Fills the database in one transaction with bulk inserts.
async fn seed(db: &DatabaseConnection, n: usize) -> Seeded {
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
    Seeded { pact_ids, rows }
}

/// A second connection to the same database with statement logging on (counted by
/// [`CountStatements`]), for the profile.
async fn logging_connection(url: &str) -> DatabaseConnection {
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(true).max_connections(2);
    Database::connect(opts).await.expect("profiling connection")
}

async fn bench(engine: &str, url: &str, n: usize) {
    println!("\n=== {engine}: {n} officials × {} indicators, TW {QUARTER} {YEAR} ===", INDICATORS.len());
    let settings = pakta_server::config::Settings::new(url.to_string(), "127.0.0.1:0".parse().expect("addr"));
    let state = pakta_server::startup::prepare(&settings).await.expect("database");
    let db = &state.db;
    let setup = Instant::now();
    let seeded = seed(db, n).await;
    println!("setup (not timed): {} rows in {:.1} s", seeded.rows, secs(setup.elapsed()));
    println!(
        "memory after setup: VmRSS {}, VmHWM {}",
        mib(proc_status_kb("VmRSS:")),
        mib(proc_status_kb("VmHWM:"))
    );

    // The run.
    let reset = reset_peak();
    let hwm_before = proc_status_kb("VmHWM:");
    println!("load average before the runs: {} (2 cores; other work lengthens wall times)", load_average());
    let mut times = Vec::new();
    let mut cpu_times = Vec::new();
    let mut last = None;
    for round in 1..=ROUNDS {
        let cpu = cpu_time();
        let start = Instant::now();
        let report = tpp_run::run(db, YEAR, QUARTER, None, None, Utc::now()).await.expect("TPP run");
        let took = start.elapsed();
        let cpu = cpu.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a));
        assert_eq!(report.computed, n, "every official computed");
        assert!(report.skipped.is_empty(), "nothing skipped: {:?}", report.skipped.first());
        println!(
            "run {round}: {:.3} s ({:.0} officials/s), this process's CPU {}, total gross Rp{}",
            secs(took),
            n as f64 / secs(took),
            cpu.map_or_else(|| "n/a".into(), |c| format!("{:.2} s", secs(c))),
            report.total
        );
        times.push(took);
        cpu_times.extend(cpu);
        last = Some(report);
    }
    let hwm_after = proc_status_kb("VmHWM:");
    let report = last.expect("a run");
    let stored = tpp_result::Entity::find().count(db).await.expect("count results");
    let of_last = tpp_result::Entity::find()
        .filter(tpp_result::Column::RunId.eq(report.run_id))
        .count(db)
        .await
        .expect("count results");
    assert_eq!(of_last, 3 * n as u64, "three months per official");
    assert_eq!(stored, of_last, "each rerun replaced the earlier results");
    let (min, median) = min_median(&mut times);
    let goal = if engine == "SQLite" { 2.0 } else { 4.0 };
    println!(
        "TPP run: min {:.3} s, median {:.3} s, {:.0} officials/s (median); goal < {goal} s: {}",
        secs(min),
        secs(median),
        n as f64 / secs(median),
        match (n, secs(median) < goal) {
            (10_000, true) => "met",
            (10_000, false) => "NOT met",
            _ => "(for 10,000 officials)",
        }
    );
    if !cpu_times.is_empty() {
        let (cmin, cmed) = min_median(&mut cpu_times);
        println!(
            "TPP run CPU time of this process: min {:.2} s, median {:.2} s; load average after: {}",
            secs(cmin),
            secs(cmed),
            load_average()
        );
    }
    println!(
        "peak resident memory (VmHWM): {} before the runs{}, {} after; VmRSS now {}",
        mib(hwm_before),
        if reset { " (free heap released and peak reset after setup)" } else { " (peak includes the setup)" },
        mib(hwm_after),
        mib(proc_status_kb("VmRSS:"))
    );

    // The Daftar Nominatif and its exports.
    reset_peak();
    let mut loads = Vec::new();
    let mut xlsx_times = Vec::new();
    let mut csv_times = Vec::new();
    let (mut xlsx_size, mut csv_size, mut row_count) = (0, 0, 0);
    let title = nominatif_xlsx::title(YEAR, QUARTER, None);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let rows = tpp_run::nominatif(db, YEAR, QUARTER, None).await.expect("nominatif");
        loads.push(start.elapsed());
        row_count = rows.len();
        let start = Instant::now();
        let xlsx = nominatif_xlsx::nominatif_xlsx(&rows, &title).expect("XLSX");
        xlsx_times.push(start.elapsed());
        xlsx_size = xlsx.len();
        let start = Instant::now();
        let csv = tpp_run::nominatif_csv(&rows);
        csv_times.push(start.elapsed());
        csv_size = csv.len();
    }
    assert_eq!(row_count, 3 * n);
    let (lmin, lmed) = min_median(&mut loads);
    let (xmin, xmed) = min_median(&mut xlsx_times);
    let (cmin, cmed) = min_median(&mut csv_times);
    println!("nominatif load ({row_count} rows): min {:.3} s, median {:.3} s", secs(lmin), secs(lmed));
    println!(
        "XLSX write: min {:.3} s, median {:.3} s, {} bytes ({:.1} MiB)",
        secs(xmin),
        secs(xmed),
        xlsx_size,
        xlsx_size as f64 / 1048576.0
    );
    println!(
        "CSV write: min {:.3} s, median {:.3} s, {} bytes ({:.1} MiB)",
        secs(cmin),
        secs(cmed),
        csv_size,
        csv_size as f64 / 1048576.0
    );
    println!(
        "peak resident memory during the nominatif and exports: {}{}",
        mib(proc_status_kb("VmHWM:")),
        if reset { " (peak reset before them)" } else { "" }
    );

    // Where the time goes: the bulk load of every sheet's inputs alone (the rest of the run is the
    // engine per official and storing the months); the statements of a whole run, counted on a
    // logging connection; and, for comparison, the single sheet (`evaluations::sheet`, what the
    // realisation screen reads per official) on a sample.
    let pacts_of_year =
        pact::Entity::find().filter(pact::Column::Year.eq(YEAR)).all(db).await.expect("pacts");
    let qt = Quarter::new(QUARTER).expect("quarter");
    let mut loads = Vec::new();
    let mut load_cpu = Vec::new();
    let mut inputs = None;
    for _ in 0..ROUNDS {
        let cpu = cpu_time();
        let start = Instant::now();
        let loaded = bulk_sheets::load(db, &pacts_of_year, YEAR, qt).await.expect("bulk load");
        loads.push(start.elapsed());
        load_cpu.extend(cpu.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a)));
        assert_eq!(loaded.len(), n);
        inputs = Some(loaded);
    }
    let inputs = inputs.expect("a load");
    let (_, load_median) = min_median(&mut loads);
    let load_cpu = (!load_cpu.is_empty()).then(|| min_median(&mut load_cpu).1);
    // The engine alone over the loaded inputs, as the run calls it.
    let ceilings: HashMap<Uuid, i64> = official::Entity::find()
        .all(db)
        .await
        .expect("officials")
        .into_iter()
        .map(|o| (o.id, o.monthly_ceiling))
        .collect();
    let policy =
        policy::in_force(db, date(YEAR, 4, 1)).await.expect("policy").expect("policy in force").policy;
    let cpu = cpu_time();
    let start = Instant::now();
    for p in &pacts_of_year {
        let Some(Ok(s)) = inputs.get(&p.id) else { panic!("inputs of every pact") };
        let preview = preview_with(
            &s.indicators,
            &s.values,
            s.rating,
            ceilings[&p.official_id],
            YEAR,
            qt,
            &policy,
            &s.discipline,
        )
        .expect("preview");
        assert!(preview.total.is_some());
    }
    let engine = start.elapsed();
    let engine_cpu = cpu.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a));
    drop(inputs);
    let cpu_text = |c: Option<Duration>| c.map_or_else(|| "n/a".into(), |c| format!("{:.2} s", secs(c)));
    println!(
        "profile: bulk load of the {n} sheets' inputs (bulk_sheets::load) median {:.3} s (CPU of this process {}); \
         the engine alone (preview_with × {n}) {:.3} s (CPU {}); the rest of the median run (reading officials \
         and pacts, deleting the earlier results, storing {} months, progress, audit) ≈ {:.3} s",
        secs(load_median),
        cpu_text(load_cpu),
        secs(engine),
        cpu_text(engine_cpu),
        3 * n,
        secs(median.saturating_sub(load_median).saturating_sub(engine))
    );
    // What the bulk load reads, table by table (whole tables: the same rows, without the IN lists).
    time_read!(db, official::Entity, "official (the run reads them all)");
    time_read!(db, pact_version::Entity, "pact_version (with the snapshot and the integrity text)");
    time_read!(db, indicator::Entity, "indicator");
    time_read!(db, indicator_target::Entity, "indicator_target (all four quarters)");
    let start = Instant::now();
    let of_quarter = indicator_target::Entity::find()
        .filter(indicator_target::Column::Quarter.eq(QUARTER as i16))
        .all(db)
        .await
        .expect("targets of the quarter")
        .len();
    println!(
        "profile: reading the {of_quarter} indicator_target rows of TW {QUARTER} only: {:.3} s",
        secs(start.elapsed())
    );
    time_read!(db, evaluation::Entity, "evaluation");
    time_read!(db, realisation::Entity, "realisation");
    // The same targets as the bulk load reads them: IN lists of 500 indicator ids.
    let indicator_ids: Vec<Uuid> =
        indicator::Entity::find().all(db).await.expect("indicators").into_iter().map(|i| i.id).collect();
    let start = Instant::now();
    let mut read = 0;
    for chunk in indicator_ids.chunks(CHUNK) {
        read += indicator_target::Entity::find()
            .filter(indicator_target::Column::IndicatorId.is_in(chunk.to_vec()))
            .all(db)
            .await
            .expect("targets")
            .len();
    }
    println!(
        "profile: reading the {read} indicator_target rows by IN lists of {CHUNK} indicator ids ({} statements, as the bulk load does): {:.3} s",
        indicator_ids.len().div_ceil(CHUNK),
        secs(start.elapsed())
    );
    let logged = logging_connection(url).await;
    STATEMENTS.store(0, Ordering::Relaxed);
    let start = Instant::now();
    let logged_report = tpp_run::run(&logged, YEAR, QUARTER, None, None, Utc::now()).await.expect("run");
    let logged_took = start.elapsed();
    let run_statements = STATEMENTS.load(Ordering::Relaxed);
    assert_eq!(logged_report.computed, n);
    println!(
        "profile: one whole run with statement logging on: {run_statements} statements ({:.3} per official), {:.3} s",
        run_statements as f64 / n as f64,
        secs(logged_took)
    );
    // The run's writes alone, in a transaction rolled back: deleting a run's 30,000 results and
    // inserting them again in statements of 500 rows; and 50 progress updates, each committed.
    let results = tpp_result::Entity::find()
        .filter(tpp_result::Column::RunId.eq(logged_report.run_id))
        .all(db)
        .await
        .expect("results");
    let txn = db.begin().await.expect("transaction");
    let start = Instant::now();
    tpp_result::Entity::delete_many()
        .filter(tpp_result::Column::RunId.eq(logged_report.run_id))
        .exec(&txn)
        .await
        .expect("delete results");
    let deleting = start.elapsed();
    let start = Instant::now();
    for chunk in results.chunks(CHUNK) {
        tpp_result::Entity::insert_many(chunk.iter().map(|r| {
            let mut row = tpp_result::ActiveModel::from(r.clone()).reset_all();
            row.id = Set(Uuid::new_v4());
            row
        }))
        .exec(&txn)
        .await
        .expect("insert results");
    }
    let inserting = start.elapsed();
    txn.rollback().await.expect("rollback");
    let start = Instant::now();
    for i in 0..50 {
        run_row::Entity::update_many()
            .set(run_row::ActiveModel { processed: Set(i), ..Default::default() })
            .filter(run_row::Column::Id.eq(logged_report.run_id))
            .exec(db)
            .await
            .expect("progress");
    }
    println!(
        "profile: deleting {} stored results {:.3} s; inserting them in statements of {CHUNK} rows {:.3} s; \
         50 progress updates, each committed, {:.3} s",
        results.len(),
        secs(deleting),
        secs(inserting),
        secs(start.elapsed())
    );
    let admin = SessionUser {
        account_id: Uuid::nil(),
        username: "bench".into(),
        role: Role::Admin,
        official_id: None,
        display_name: "Bench".into(),
    };
    let sample: Vec<Uuid> =
        seeded.pact_ids.iter().step_by((n / SAMPLE).max(1)).take(SAMPLE).copied().collect();
    let start = Instant::now();
    for id in &sample {
        evaluations::sheet(db, &admin, *id, QUARTER).await.expect("sheet");
    }
    let per_sheet = start.elapsed() / sample.len() as u32;
    STATEMENTS.store(0, Ordering::Relaxed);
    for id in &sample {
        evaluations::sheet(&logged, &admin, *id, QUARTER).await.expect("sheet");
    }
    let per_sheet_statements = STATEMENTS.load(Ordering::Relaxed) as f64 / sample.len() as f64;
    logged.close().await.expect("close the profiling connection");
    println!(
        "profile, for comparison: one sheet read alone (evaluations::sheet) {:.3} ms and \
         {per_sheet_statements:.1} statements (mean of {}); a run of {n} sheets so would take ≈ {:.1} s",
        per_sheet.as_secs_f64() * 1000.0,
        sample.len(),
        secs(per_sheet * n as u32),
    );
    state.db.close_by_ref().await.expect("close the database");
}

/// The temporary SQLite database, removed with its WAL files when dropped (also on a panic).
struct SqliteFile(std::path::PathBuf);

impl Drop for SqliteFile {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Counts the statements of logging connections; shows the app's warnings and errors.
    let counting =
        CountStatements.with_filter(tracing_subscriber::filter::filter_fn(|m| m.target() == "sqlx::query"));
    let errors = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(tracing_subscriber::filter::LevelFilter::WARN);
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(counting).with(errors))
        .expect("subscriber");
    let n: usize = std::env::var("PAKTA_BENCH_OFFICIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    assert!((OPDS..30_000).contains(&n), "PAKTA_BENCH_OFFICIALS must be 50 to 29,999");
    println!(
        "peak resident memory at start: {} (process-wide; the runs' peak is measured after a reset)",
        mib(proc_status_kb("VmHWM:"))
    );

    let id = Uuid::new_v4().simple().to_string();
    let file = SqliteFile(std::env::temp_dir().join(format!("pakta-bench-tpp-{id}.db")));
    bench("SQLite", &format!("sqlite://{}?mode=rwc", file.0.display()), n).await;
    drop(file);

    let admin_url = std::env::var("PAKTA_BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let mut opts = ConnectOptions::new(admin_url.clone());
    opts.sqlx_logging(false).connect_timeout(Duration::from_secs(5)).max_connections(1);
    let admin = match Database::connect(opts).await {
        Ok(db) => db,
        Err(e) => {
            println!("\n=== PostgreSQL: SKIPPED, server unreachable at {admin_url}: {e} ===");
            return;
        }
    };
    let name = format!("pakta_bench_{id}");
    admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create bench database");
    let base = admin_url.rsplit_once('/').map_or(admin_url.clone(), |(b, _)| b.to_string());
    // Dropped even when the bench panics.
    let result =
        tokio::task::spawn(async move { bench("PostgreSQL", &format!("{base}/{name}"), n).await }).await;
    let name = format!("pakta_bench_{id}");
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await
        .expect("drop bench database");
    match result {
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => panic!("PostgreSQL bench stopped: {e}"),
        Ok(()) => {}
    }
}
