//! Attendance cuts, integrity breaches and disciplinary sanctions over HTTP (admin): a month set
//! by form, the CSV import (all or nothing, every bad line reported), breaches and sanctions with
//! the policy's default percentage, the audit trail, and who may do it.
use crate::common::{Reply, TestApp, TestDb};
use crate::DEMO_PW;
use app::api::discipline::DisciplineRecord;
use app::api::officials::ImportReport;
use app::error::AppError;
use app::server::entities::{attendance_cut, audit_log, official};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;

crate::on_both_engines!(
    admin_sets_and_reads_a_month,
    attendance_errors_name_their_field,
    import_with_bad_lines_imports_nothing_and_reports_each,
    clean_import_then_a_second_replaces_counts,
    breaches_and_sanctions_are_recorded_and_listed,
    discipline_endpoints_are_admin_only,
    discipline_page_and_import_page_render,
);

const RECORD: &str = "/api/admin/discipline/record";
const ATTENDANCE: &str = "/api/admin/discipline/attendance";
const IMPORT: &str = "/api/admin/discipline/import";
const BREACH: &str = "/api/admin/discipline/breach";
const SANCTION: &str = "/api/admin/discipline/sanction";

/// Two demo officials with a NIP, in a stable order.
async fn two_officials(app: &TestApp) -> (official::Model, official::Model) {
    let mut list = official::Entity::find()
        .filter(official::Column::Nip.is_not_null())
        .filter(official::Column::PositionKind.eq("pengawas"))
        .order_by_asc(official::Column::Nip)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter();
    (list.next().expect("a demo official"), list.next().expect("a second demo official"))
}

async fn record(app: &TestApp, cookie: &str, o: &official::Model, year: &str) -> DisciplineRecord {
    let r = app.call(RECORD, &[("official_id", &o.id.to_string()), ("year", year)], Some(cookie)).await;
    assert!(r.status.is_success(), "record: {} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body))
}

fn counts(r: &DisciplineRecord, month: u32) -> BTreeMap<String, i32> {
    r.months[month as usize - 1].counts.clone()
}

fn map(pairs: &[(&str, i32)]) -> BTreeMap<String, i32> {
    pairs.iter().map(|(c, n)| (c.to_string(), *n)).collect()
}

async fn set_month(
    app: &TestApp,
    cookie: &str,
    o: &official::Model,
    month: &str,
    form: &[(&str, &str)],
) -> Reply {
    let id = o.id.to_string();
    let mut fields = vec![("official_id", id.as_str()), ("month", month)];
    fields.extend_from_slice(form);
    app.call(ATTENDANCE, &fields, Some(cookie)).await
}

fn ok(r: &Reply, what: &str) {
    assert!(r.status.is_success(), "{what}: {} {}", r.status, r.body);
}

fn field_of(r: Reply) -> (String, String) {
    match r.app_error() {
        AppError::Validation { field, message } => (field, message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

async fn audit_count(app: &TestApp) -> u64 {
    audit_log::Entity::find().count(&app.db).await.unwrap()
}

async fn import(app: &TestApp, cookie: &str, csv: &str) -> ImportReport {
    let r = app.call(IMPORT, &[("csv", csv)], Some(cookie)).await;
    assert!(r.status.is_success(), "import: {} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body))
}

async fn admin_sets_and_reads_a_month(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (o, _) = two_officials(&app).await;
    let audits = audit_count(&app).await;
    let r = set_month(
        &app,
        &admin,
        &o,
        "2026-03",
        &[("counts[TL1]", "2"), ("counts[TK]", "1"), ("counts[TA]", "")],
    )
    .await;
    ok(&r, "set March");
    let rec = record(&app, &admin, &o, "2026").await;
    assert_eq!(rec.year, 2026);
    assert_eq!(rec.months.len(), 12);
    assert_eq!(counts(&rec, 3), map(&[("TK", 1), ("TL1", 2)]));
    assert!(counts(&rec, 2).is_empty());
    assert_eq!(&rec.codes[..4], ["TL1", "TL2", "TL3", "TL4"]);
    assert!(rec.codes.iter().any(|c| c == "TK") && rec.codes.iter().any(|c| c == "PSW4"));
    assert_eq!(audit_count(&app).await, audits + 1, "one audit entry per month saved");

    // Saving the month again replaces it: codes left out or at 0 are gone.
    ok(
        &set_month(&app, &admin, &o, "2026-03", &[("counts[TL1]", "0"), ("counts[PSW2]", "3")]).await,
        "replace",
    );
    let rec = record(&app, &admin, &o, "2026").await;
    assert_eq!(counts(&rec, 3), map(&[("PSW2", 3)]));
    let stored =
        attendance_cut::Entity::find().filter(attendance_cut::Column::OfficialId.eq(o.id)).all(&app.db).await;
    assert_eq!(stored.unwrap().len(), 1);
    let last =
        audit_log::Entity::find().order_by_desc(audit_log::Column::Seq).one(&app.db).await.unwrap().unwrap();
    assert_eq!(last.entity, "attendance_cut");
    assert_eq!(last.record_id.as_deref(), Some(format!("{}/2026-03", o.id).as_str()));
    assert!(last.before.unwrap().contains("\"TL1\":2"), "before holds the replaced counts");
    assert_eq!(audit_count(&app).await, audits + 2);
    // Another year is empty.
    assert!(record(&app, &admin, &o, "2025").await.months.iter().all(|m| m.counts.is_empty()));
    app.finish().await;
}

async fn attendance_errors_name_their_field(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (o, _) = two_officials(&app).await;
    let audits = audit_count(&app).await;
    let (f, m) =
        field_of(set_month(&app, &admin, &o, "2026-04", &[("counts[TL1]", "1"), ("counts[XX9]", "1")]).await);
    assert_eq!(f, "counts[XX9]");
    assert!(m.contains("XX9") && m.contains("kebijakan TPP"), "{m}");
    let (f, m) = field_of(set_month(&app, &admin, &o, "2026-04", &[("counts[TL2]", "32")]).await);
    assert_eq!(f, "counts[TL2]");
    assert!(m.contains("0 sampai 31"), "{m}");
    let (f, _) = field_of(set_month(&app, &admin, &o, "2026-04", &[("counts[TA]", "dua")]).await);
    assert_eq!(f, "counts[TA]");
    for bad in ["2026-13", "April 2026", ""] {
        let (f, _) = field_of(set_month(&app, &admin, &o, bad, &[("counts[TL1]", "1")]).await);
        assert_eq!(f, "month", "{bad}");
    }
    let (f, m) = field_of(set_month(&app, &admin, &o, "2099-01", &[("counts[TL1]", "1")]).await);
    assert_eq!(f, "month");
    assert!(m.contains("belum berjalan"), "{m}");
    let r = app
        .call(
            ATTENDANCE,
            &[("official_id", &uuid::Uuid::new_v4().to_string()), ("month", "2026-04")],
            Some(&admin),
        )
        .await;
    assert_eq!(r.app_error(), AppError::NotFound);
    assert!(record(&app, &admin, &o, "2026").await.months.iter().all(|m| m.counts.is_empty()));
    assert_eq!(audit_count(&app).await, audits, "nothing written, nothing audited");
    app.finish().await;
}

async fn import_with_bad_lines_imports_nothing_and_reports_each(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (a, b) = two_officials(&app).await;
    let (na, nb) = (a.nip.clone().unwrap(), b.nip.clone().unwrap());
    let audits = audit_count(&app).await;
    let csv = format!(
        "nip;bulan;kode;jumlah\n{na};2026-01;TL1;2\n{nb};2026-01;ZZ;1\n{na};2026-02;TK;1\n{nb};2026-02;TA;40\n"
    );
    let report = import(&app, &admin, &csv).await;
    assert_eq!(report.imported, 0);
    let found: Vec<(usize, Option<&str>)> =
        report.errors.iter().map(|e| (e.line, e.column.as_deref())).collect();
    assert_eq!(found, [(3, Some("kode")), (5, Some("jumlah"))], "{:?}", report.errors);
    assert_eq!(attendance_cut::Entity::find().count(&app.db).await.unwrap(), 0);

    // Unknown NIP, bad month, duplicate line, wrong column count: each reported with its line.
    let csv = format!(
        "nip,bulan,kode,jumlah\n{na},2026-01,TL1,2\n199001012015011999,2026-01,TL1,1\n{nb},2026/01,TL1,1\n\
         {na},2026-01,tl1,3\n{nb},2026-01\n"
    );
    let report = import(&app, &admin, &csv).await;
    let found: Vec<(usize, Option<&str>)> =
        report.errors.iter().map(|e| (e.line, e.column.as_deref())).collect();
    assert_eq!(
        found,
        [(3, Some("nip")), (4, Some("bulan")), (5, Some("kode")), (6, None)],
        "{:?}",
        report.errors
    );
    assert!(report.errors[2].message.contains("baris 2"), "{}", report.errors[2].message);
    assert_eq!(attendance_cut::Entity::find().count(&app.db).await.unwrap(), 0);

    // A header without a required column.
    let report = import(&app, &admin, &format!("nip,bulan,jumlah\n{na},2026-01,1\n")).await;
    assert_eq!(report.errors[0].line, 1);
    assert_eq!(report.errors[0].column.as_deref(), Some("kode"));
    let (f, _) = field_of(app.call(IMPORT, &[("csv", "")], Some(&admin)).await);
    assert_eq!(f, "csv");
    assert_eq!(audit_count(&app).await, audits, "a refused import writes no audit entry");
    app.finish().await;
}

async fn clean_import_then_a_second_replaces_counts(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (a, b) = two_officials(&app).await;
    let (na, nb) = (a.nip.clone().unwrap(), b.nip.clone().unwrap());
    let audits = audit_count(&app).await;
    // Extra columns (a name) are ignored; spaced NIPs and lower-case codes are read.
    let spaced = format!("{} {} {} {}", &na[0..8], &na[8..14], &na[14..15], &na[15..18]);
    let csv = format!(
        "\u{feff}nip,nama,bulan,kode,jumlah\r\n\"{spaced}\",Satu,2026-01,TL1,2\r\n{na},Satu,2026-01,tk,1\r\n\
         {nb},Dua,2026-02,PSW1,4\r\n"
    );
    let report = import(&app, &admin, &csv).await;
    assert_eq!(report, ImportReport { imported: 3, errors: vec![] });
    assert_eq!(counts(&record(&app, &admin, &a, "2026").await, 1), map(&[("TK", 1), ("TL1", 2)]));
    assert_eq!(counts(&record(&app, &admin, &b, "2026").await, 2), map(&[("PSW1", 4)]));
    assert_eq!(audit_count(&app).await, audits + 2, "one entry per official-month");

    // A second import replaces the counts of its lines and leaves other codes alone; 0 removes.
    let csv = format!("nip;bulan;kode;jumlah\n{na};2026-01;TL1;5\n{nb};2026-02;PSW1;0\n");
    assert_eq!(import(&app, &admin, &csv).await.imported, 2);
    assert_eq!(counts(&record(&app, &admin, &a, "2026").await, 1), map(&[("TK", 1), ("TL1", 5)]));
    assert!(counts(&record(&app, &admin, &b, "2026").await, 2).is_empty());
    assert_eq!(attendance_cut::Entity::find().count(&app.db).await.unwrap(), 2);
    let last =
        audit_log::Entity::find().order_by_desc(audit_log::Column::Seq).one(&app.db).await.unwrap().unwrap();
    assert_eq!(last.action, "import");
    assert_eq!(audit_count(&app).await, audits + 4);
    app.finish().await;
}

async fn breaches_and_sanctions_are_recorded_and_listed(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (o, _) = two_officials(&app).await;
    let id = o.id.to_string();
    let audits = audit_count(&app).await;
    let r = app
        .call(
            BREACH,
            &[
                ("official_id", &id),
                ("occurred_on", "2026-05-12"),
                ("pact_point", "3"),
                ("source", "Temuan Inspektorat"),
                ("note", "LHP nomor 700/12/2026"),
            ],
            Some(&admin),
        )
        .await;
    ok(&r, "breach");
    let breach_id: uuid::Uuid = serde_json::from_str(&r.body).unwrap();
    // Default percentage: the policy's for the level.
    let r = app
        .call(
            SANCTION,
            &[("official_id", &id), ("level", "moderate"), ("start_date", "2026-11-01"), ("months", "6")],
            Some(&admin),
        )
        .await;
    ok(&r, "sanction");
    let fields = [
        ("official_id", id.as_str()),
        ("level", "light"),
        ("start_date", "2026-02-01"),
        ("months", "3"),
        ("percent", "12,5"),
        ("decree_number", "800/45/422.101/2026"),
    ];
    ok(&app.call(SANCTION, &fields, Some(&admin)).await, "sanction with percent");
    assert_eq!(audit_count(&app).await, audits + 3);

    let rec = record(&app, &admin, &o, "2026").await;
    assert_eq!(rec.breaches.len(), 1);
    let b = &rec.breaches[0];
    assert_eq!((b.id, b.pact_point.as_str(), b.source.as_str()), (breach_id, "3", "Temuan Inspektorat"));
    assert_eq!(b.occurred_on.to_string(), "2026-05-12");
    assert_eq!(rec.sanctions.len(), 2);
    let light = &rec.sanctions[0];
    assert_eq!(
        (light.level.as_str(), light.percent.as_deref(), light.percent_from_policy),
        ("light", Some("12,5"), false)
    );
    assert_eq!(light.decree_number.as_deref(), Some("800/45/422.101/2026"));
    let moderate = &rec.sanctions[1];
    assert_eq!(moderate.level_label, "sedang");
    assert_eq!((moderate.percent.as_deref(), moderate.percent_from_policy), (Some("25"), true));
    assert_eq!(moderate.months, 6);
    let levels: Vec<&str> = rec.levels.iter().map(|l| l.level.as_str()).collect();
    assert_eq!(levels, ["light", "moderate", "heavy"]);
    // A sanction from November runs into the next year; the breach stays in its own.
    let next = record(&app, &admin, &o, "2027").await;
    assert_eq!((next.sanctions.len(), next.breaches.len()), (1, 0));
    let last =
        audit_log::Entity::find().order_by_desc(audit_log::Column::Seq).one(&app.db).await.unwrap().unwrap();
    assert_eq!((last.entity.as_str(), last.action.as_str()), ("sanction", "create"));

    // Errors name their field and write nothing.
    let audits = audit_count(&app).await;
    let breach = |date: &'static str, point: &'static str, source: &'static str| {
        let id = id.clone();
        let admin = admin.clone();
        let app = &app;
        async move {
            let f = [
                ("official_id", id.as_str()),
                ("occurred_on", date),
                ("pact_point", point),
                ("source", source),
            ];
            field_of(app.call(BREACH, &f, Some(&admin)).await)
        }
    };
    assert_eq!(breach("2099-01-01", "3", "Inspektorat").await.0, "occurred_on");
    assert_eq!(breach("kemarin", "3", "Inspektorat").await.0, "occurred_on");
    assert_eq!(breach("2026-05-01", "  ", "Inspektorat").await.0, "pact_point");
    assert_eq!(breach("2026-05-01", "3", "").await.0, "source");
    let long = "x".repeat(201);
    let f =
        [("official_id", id.as_str()), ("occurred_on", "2026-05-01"), ("pact_point", &long), ("source", "I")];
    assert_eq!(field_of(app.call(BREACH, &f, Some(&admin)).await).0, "pact_point");
    let sanction = |level: &'static str, start: &'static str, months: &'static str, percent: &'static str| {
        let id = id.clone();
        let admin = admin.clone();
        let app = &app;
        async move {
            let f = [
                ("official_id", id.as_str()),
                ("level", level),
                ("start_date", start),
                ("months", months),
                ("percent", percent),
            ];
            field_of(app.call(SANCTION, &f, Some(&admin)).await)
        }
    };
    let (f, m) = sanction("berat sekali", "2026-03-01", "6", "").await;
    assert_eq!(f, "level");
    assert!(m.contains("sedang"), "{m}");
    assert_eq!(sanction("heavy", "", "6", "").await.0, "start_date");
    assert_eq!(sanction("heavy", "2026-03-01", "0", "").await.0, "months");
    assert_eq!(sanction("heavy", "2026-03-01", "37", "").await.0, "months");
    assert_eq!(sanction("heavy", "2026-03-01", "6", "101").await.0, "percent");
    assert_eq!(sanction("heavy", "2026-03-01", "6", "sebagian").await.0, "percent");
    assert_eq!(audit_count(&app).await, audits);
    app.finish().await;
}

async fn discipline_endpoints_are_admin_only(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let (o, _) = two_officials(&app).await;
    let official = app.login(o.nip.as_deref().unwrap(), DEMO_PW).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let id = o.id.to_string();
    let nip = o.nip.clone().unwrap();
    let csv = format!("nip,bulan,kode,jumlah\n{nip},2026-01,TL1,1\n");
    let calls: [(&str, Vec<(&str, &str)>); 5] = [
        (RECORD, vec![("official_id", id.as_str()), ("year", "2026")]),
        (ATTENDANCE, vec![("official_id", id.as_str()), ("month", "2026-01"), ("counts[TL1]", "1")]),
        (IMPORT, vec![("csv", csv.as_str())]),
        (
            BREACH,
            vec![
                ("official_id", id.as_str()),
                ("occurred_on", "2026-01-05"),
                ("pact_point", "1"),
                ("source", "X"),
            ],
        ),
        (
            SANCTION,
            vec![
                ("official_id", id.as_str()),
                ("level", "heavy"),
                ("start_date", "2026-01-01"),
                ("months", "1"),
            ],
        ),
    ];
    let audits = audit_count(&app).await;
    for (endpoint, form) in &calls {
        for (who, cookie) in [("official", Some(official.as_str())), ("dprd", Some(dprd.as_str()))] {
            assert_eq!(
                app.call(endpoint, form, cookie).await.app_error(),
                AppError::Forbidden,
                "{endpoint} {who}"
            );
        }
        assert_eq!(app.call(endpoint, form, None).await.app_error(), AppError::Unauthenticated, "{endpoint}");
    }
    assert_eq!(attendance_cut::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(audit_count(&app).await, audits);
    app.finish().await;
}

async fn discipline_page_and_import_page_render(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (o, _) = two_officials(&app).await;
    ok(&set_month(&app, &admin, &o, "2026-03", &[("counts[TL3]", "7")]).await, "set");
    let page = app.get(&format!("/admin/pejabat/{}/disiplin?tahun=2026", o.id), Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Kehadiran &amp; disiplin",
        &o.name,
        "TL3",
        "Maret",
        "Hukuman disiplin",
        "Pelanggaran pakta integritas",
    ] {
        assert!(page.body.contains(text), "{text} missing from the page");
    }
    let page = app.get("/admin/kehadiran/impor", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Impor kehadiran") && page.body.contains("jumlah"));
    let home = app.get("/admin", Some(&admin)).await;
    assert!(home.body.contains("/admin/kehadiran/impor"), "quick link on the admin home");
    app.finish().await;
}
