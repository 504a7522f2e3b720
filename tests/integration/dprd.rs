//! DPRD's dashboard (issue 6): the figures come from the stored results of locked quarters only,
//! small groups are hidden, every view is audited, and the privacy crawl: logged in as DPRD, every
//! page, every server function and every export it can reach is fetched, and no official's name
//! or NIP may appear in any of them. The hearing pack's PDF has the figures of its XLSX, and both
//! follow the language of the request.
//!
//! The results are stored directly (the run itself is tested in `evaluation.rs`): TW I and TW II
//! locked, TW III stored but open (it must not count). One OPD has only two evaluated officials.
use crate::common::{checked_pdf_text, Reply, TestApp};
use crate::DEMO_PW;
use app::api::dprd::DprdFigures;
use app::domain::predikat::Predikat;
use app::domain::privacy::{Figure, HIDDEN_LABEL, MIN_GROUP};
use app::domain::statistics::mean;
use app::server::entities::{account, audit_log, official, opd, pact, pact_version, tpp_result, tpp_run};
use http::StatusCode;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use uuid::Uuid;

crate::on_both_engines!(
    dprd_figures_come_from_locked_quarters_and_hide_small_groups,
    dprd_privacy_crawl,
    rdp_pdf_has_the_workbooks_figures_in_both_languages,
);

/// The hidden label as HTML or XML text.
fn hidden_html() -> String {
    HIDDEN_LABEL.replace('<', "&lt;")
}

const YEAR: i32 = 2026;
/// The OPD with only two evaluated officials.
const SMALL_OPD: &str = "DISPAR";

/// What was stored, to check the figures against.
pub(crate) struct Stored {
    /// (quarter, official) → (nilai, predikat, Σ gross of the quarter's months).
    pub(crate) results: BTreeMap<(u32, Uuid), (String, Predikat, i64)>,
    /// Evaluated officials per OPD id.
    pub(crate) opd_of: HashMap<Uuid, Uuid>,
    pub(crate) small_opd: opd::Model,
    /// An official whose pact was signed after the cut-off.
    pub(crate) late: Uuid,
}

/// The officials with a signed 2026 pact (each once).
async fn signed_officials(app: &TestApp) -> Vec<official::Model> {
    let pacts: HashMap<Uuid, Uuid> = pact::Entity::find()
        .filter(pact::Column::Year.eq(YEAR))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.official_id))
        .collect();
    let signed: BTreeSet<Uuid> = pact_version::Entity::find()
        .filter(pact_version::Column::Status.eq("signed"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|v| pacts.get(&v.pact_id).copied())
        .collect();
    let mut officials: Vec<official::Model> = official::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|o| signed.contains(&o.id))
        .collect();
    officials.sort_by_key(|o| o.nip.clone());
    officials
}

/// Seeds the demo city and its 2026 pacts, then stores TW I–III results (TW I and II locked) for
/// every official with a signed pact, except all but two of DISPAR's.
pub(crate) async fn store_results(app: &TestApp) -> Stored {
    app::server::demo_pacts::seed_pacts(&app.db, YEAR).await.expect("demo pacts");
    let small_opd = opd::Entity::find()
        .filter(opd::Column::Code.eq(SMALL_OPD))
        .one(&app.db)
        .await
        .unwrap()
        .expect("DISPAR");
    let mut in_small = 0;
    let officials: Vec<official::Model> = signed_officials(app)
        .await
        .into_iter()
        .filter(|o| {
            if o.opd_id != small_opd.id {
                return true;
            }
            in_small += 1;
            in_small <= 2
        })
        .collect();
    assert!(in_small > MIN_GROUP, "DISPAR has enough signed pacts to leave some out ({in_small})");
    assert!(officials.len() > 100, "most of the city is evaluated ({})", officials.len());
    let first_day = chrono::NaiveDate::from_ymd_opt(YEAR, 1, 1).unwrap();
    let policy = app::server::policy::in_force(&app.db, first_day).await.unwrap().expect("demo policy");
    let mut results = BTreeMap::new();
    for q in 1..=3u32 {
        let run_id = Uuid::new_v4();
        tpp_run::Entity::insert(tpp_run::ActiveModel {
            id: Set(run_id),
            year: Set(YEAR),
            quarter: Set(q as i16),
            opd_id: Set(None),
            policy_id: Set(policy.id),
            status: Set("done".into()),
            started_at: Set(chrono::Utc::now()),
            finished_at: Set(Some(chrono::Utc::now())),
            run_by: Set(None),
            processed: Set(officials.len() as i32),
            total: Set(officials.len() as i32),
        })
        .exec(&app.db)
        .await
        .unwrap();
        let mut rows = Vec::new();
        for (i, o) in officials.iter().enumerate() {
            let score = format!("{}.{}", 60 + (i * 7 + q as usize * 11) % 60, i % 10);
            let predikat = Predikat::ALL[(i * 3 + q as usize) % Predikat::ALL.len()];
            let mut quarter_gross = 0;
            for m in 0..3 {
                let gross = o.monthly_ceiling * (70 + ((i + m) % 31) as i64) / 100;
                quarter_gross += gross;
                rows.push(tpp_result::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    run_id: Set(run_id),
                    official_id: Set(o.id),
                    year: Set(YEAR),
                    month: Set(((q - 1) * 3 + 1 + m as u32) as i16),
                    monthly_ceiling: Set(o.monthly_ceiling),
                    discipline_cut_percent: Set("0".into()),
                    discipline: Set(gross * 4 / 10),
                    productivity_factor: Set("100".into()),
                    productivity: Set(gross - gross * 4 / 10),
                    sanction_percent: Set("0".into()),
                    sanction_cut: Set(0),
                    gross: Set(gross),
                    policy_id: Set(policy.id),
                    explanation: Set(format!("{} {:?}", o.name, o.nip)),
                    score: Set(Some(score.clone())),
                    predikat: Set(Some(predikat.as_str().to_string())),
                });
            }
            results.insert((q, o.id), (score, predikat, quarter_gross));
        }
        for chunk in rows.chunks(300) {
            tpp_result::Entity::insert_many(chunk.to_vec()).exec(&app.db).await.unwrap();
        }
        if q < 3 {
            // Locked as the admin locks it: the lock freezes who belonged where.
            app::server::tpp_run::lock(&app.db, YEAR, q, None, chrono::Utc::now()).await.expect("lock");
        }
    }
    // One pact signed in February: late.
    let late = officials.iter().find(|o| o.opd_id != small_opd.id).unwrap().id;
    let late_pact =
        pact::Entity::find().filter(pact::Column::OfficialId.eq(late)).one(&app.db).await.unwrap().unwrap();
    pact_version::Entity::update_many()
        .col_expr(
            pact_version::Column::SignedAt,
            sea_orm::sea_query::Expr::value(Some(
                "2026-02-02T03:00:00Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap(),
            )),
        )
        .filter(pact_version::Column::PactId.eq(late_pact.id))
        .filter(pact_version::Column::SignedAt.is_not_null())
        .exec(&app.db)
        .await
        .unwrap();
    Stored { results, opd_of: officials.iter().map(|o| (o.id, o.opd_id)).collect(), small_opd, late }
}

async fn figures(app: &TestApp, cookie: &str, tahun: &str, tw: &str) -> DprdFigures {
    let r = app.call("/api/dprd/dashboard", &[("tahun", tahun), ("tw", tw)], Some(cookie)).await;
    assert!(r.status.is_success(), "dashboard {tahun}/{tw}: {} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body))
}

fn value<T: Copy + std::fmt::Debug>(f: &Figure<T>, what: &str) -> T {
    *f.value().unwrap_or_else(|| panic!("{what} should be shown, got {f:?}"))
}

async fn dprd_account_id(app: &TestApp) -> Uuid {
    account::Entity::find()
        .filter(account::Column::Username.eq("dprd"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn dprd_figures_come_from_locked_quarters_and_hide_small_groups(db: crate::common::TestDb) {
    let app = TestApp::with_demo(db).await;
    let stored = store_results(&app).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let all_officials = official::Entity::find().all(&app.db).await.unwrap();

    // TW II: one row per official in the quarter, whatever the number of months stored.
    let tw2 = figures(&app, &dprd, "2026", "2").await;
    assert_eq!((tw2.year, tw2.quarter, tw2.locked.clone()), (YEAR, Some(2), vec![1, 2]));
    let q2: Vec<_> = stored.results.iter().filter(|((q, _), _)| *q == 2).map(|(_, v)| v.clone()).collect();
    assert_eq!(value(&tw2.city.evaluated, "evaluated"), q2.len() as u64);
    assert_eq!(value(&tw2.city.evaluations, "evaluations"), q2.len() as u64);
    let scores: Vec<_> = q2.iter().map(|v| v.0.parse().unwrap()).collect();
    assert_eq!(Some(value(&tw2.city.mean_score, "mean")), mean(&scores));
    assert_eq!(value(&tw2.city.tpp_paid, "paid"), q2.iter().map(|v| v.2).sum::<i64>());
    let counted: Vec<&official::Model> =
        all_officials.iter().filter(|o| o.active && o.position_kind != "head_of_region").collect();
    assert_eq!(value(&tw2.city.officials, "headcount"), counted.len() as u64);
    assert_eq!(
        value(&tw2.city.tpp_budget, "budget"),
        counted.iter().map(|o| o.monthly_ceiling * 3).sum::<i64>()
    );
    for (i, p) in Predikat::ALL.iter().enumerate() {
        let n = q2.iter().filter(|v| v.1 == *p).count() as u64;
        assert_eq!(tw2.city.predikat[i].predikat, *p);
        assert_eq!(value(&tw2.city.predikat[i].count, p.as_str()), n, "{p:?}");
    }
    // Pacts: all demo signatures are in January, except the one moved to February.
    let pacts = pact::Entity::find().filter(pact::Column::Year.eq(YEAR)).all(&app.db).await.unwrap();
    let versions = pact_version::Entity::find().all(&app.db).await.unwrap();
    let first_signed =
        |p: &pact::Model| versions.iter().filter(|v| v.pact_id == p.id).filter_map(|v| v.signed_at).min();
    // 31 January 24:00 WIB.
    let cutoff = "2026-01-31T17:00:00Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap();
    let on_time = pacts.iter().filter(|p| first_signed(p).is_some_and(|t| t < cutoff)).count() as u64;
    let signed = pacts.iter().filter(|p| first_signed(p).is_some()).count() as u64;
    assert_eq!(value(&tw2.city.pacts, "pacts"), pacts.len() as u64);
    assert_eq!(value(&tw2.city.pacts_on_time, "on time"), on_time);
    assert!(on_time < signed && on_time > 100, "the pact signed in February is late ({on_time} of {signed})");
    assert!(stored.opd_of.contains_key(&stored.late));

    // The small OPD: every figure about its two evaluated officials is hidden.
    let small = tw2.opds.iter().find(|o| o.code == SMALL_OPD).expect("DISPAR listed");
    assert_eq!(small.name, stored.small_opd.name);
    for (what, hidden) in [
        ("evaluated", small.figures.evaluated.is_hidden()),
        ("mean", small.figures.mean_score.is_hidden()),
        ("median", small.figures.median_score.is_hidden()),
        ("paid", small.figures.tpp_paid.is_hidden()),
    ] {
        assert!(hidden, "{what} of the small OPD");
    }
    assert!(small.figures.predikat.iter().all(|p| p.count.is_hidden() && p.share.is_hidden()));
    assert!(
        matches!(small.figures.officials, Figure::Value(n) if n as usize >= MIN_GROUP),
        "its headcount is big"
    );
    // Every OPD: shown figures are right; groups of one or two are hidden; and the city total
    // minus the shown OPDs never leaves one or two officials.
    let mut per_opd: HashMap<Uuid, Vec<(String, Predikat, i64)>> = HashMap::new();
    for ((q, id), v) in &stored.results {
        if *q == 2 {
            per_opd.entry(stored.opd_of[id]).or_default().push(v.clone());
        }
    }
    let opds = opd::Entity::find().all(&app.db).await.unwrap();
    let mut shown_total = 0;
    let mut some_shown = false;
    for o in &tw2.opds {
        let id = opds.iter().find(|x| x.code == o.code).unwrap().id;
        let expected = per_opd.get(&id).cloned().unwrap_or_default();
        match o.figures.evaluated {
            Figure::Value(n) => {
                assert_eq!(n, expected.len() as u64, "{}", o.code);
                shown_total += n;
                if n > 0 {
                    some_shown = true;
                    let scores: Vec<_> = expected.iter().map(|v| v.0.parse().unwrap()).collect();
                    assert_eq!(o.figures.mean_score, Figure::Value(mean(&scores).unwrap()), "{}", o.code);
                    assert_eq!(
                        o.figures.tpp_paid,
                        Figure::Value(expected.iter().map(|v| v.2).sum()),
                        "{}",
                        o.code
                    );
                }
            }
            Figure::Hidden => {}
            Figure::Empty => panic!("{}: a count is never empty", o.code),
        }
        if (1..MIN_GROUP).contains(&expected.len()) {
            assert_eq!(o.figures.evaluated, Figure::Hidden, "{}", o.code);
        }
        for p in &o.figures.predikat {
            if let Figure::Value(n) = p.count {
                assert!(n == 0 || n as usize >= MIN_GROUP, "{} {:?}: {n}", o.code, p.predikat);
            }
        }
    }
    assert!(some_shown, "the check above can fail");
    let by_difference = q2.len() as u64 - shown_total;
    assert!(by_difference == 0 || by_difference as usize >= MIN_GROUP, "city − shown OPDs = {by_difference}");

    // The year: TW I and TW II only (TW III is stored but open); each official once per quarter.
    let year = figures(&app, &dprd, "2026", "").await;
    assert_eq!(year.quarter, None);
    let locked: Vec<_> =
        stored.results.iter().filter(|((q, _), _)| *q <= 2).map(|(_, v)| v.clone()).collect();
    assert_eq!(value(&year.city.evaluations, "evaluations"), locked.len() as u64);
    assert_eq!(value(&year.city.evaluated, "evaluated"), q2.len() as u64);
    assert_eq!(value(&year.city.tpp_paid, "paid"), locked.iter().map(|v| v.2).sum::<i64>());
    assert_eq!(year.budget_months, 6);
    assert_eq!(year.trend.iter().map(|t| t.quarter).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(year.trend[1].mean_score, tw2.city.mean_score);
    let small = year.opds.iter().find(|o| o.code == SMALL_OPD).unwrap();
    assert_eq!(small.figures.evaluated, Figure::Hidden);
    // The default period is the latest year with a locked quarter.
    assert_eq!(figures(&app, &dprd, "", "").await.year, YEAR);

    // An open quarter: nothing yet.
    let tw3 = figures(&app, &dprd, "2026", "3").await;
    assert_eq!(tw3.city.evaluated, Figure::Value(0));
    assert_eq!(tw3.city.mean_score, Figure::Empty);
    assert_eq!(tw3.city.tpp_paid, Figure::Value(0));
    // A bad quarter is a validation error on its field.
    let r = app.call("/api/dprd/dashboard", &[("tahun", "2026"), ("tw", "5")], Some(&dprd)).await;
    assert!(r.app_error().field_message("tw").is_some(), "{}", r.body);

    // The page shows the same: the small OPD's row says hidden; charts carry their tables.
    let page = app.get("/dprd?tahun=2026&tw=2", Some(&dprd)).await;
    assert_eq!(page.status, StatusCode::OK);
    let row_start = page.body.find(&format!("<th scope=\"row\">{}</th>", stored.small_opd.name)).unwrap();
    let row = &page.body[row_start..row_start + page.body[row_start..].find("</tr>").unwrap()];
    assert!(row.contains(&hidden_html()), "{row}");
    assert_eq!(
        page.body.matches("role=\"img\"").count(),
        4,
        "bars, distribution, trend line, trend distribution"
    );
    assert!(page.body.matches("<caption").count() >= 5);
    assert!(page.body.contains("href=\"/dprd/rdp.xlsx?tahun=2026&amp;tw=2\""));
    assert!(page.body.contains("href=\"/dprd/rdp.pdf?tahun=2026&amp;tw=2\""));

    // The admin and officials get no figures from the server function.
    let admin = app.login("admin", DEMO_PW).await;
    assert_eq!(
        app.call("/api/dprd/dashboard", &[], Some(&admin)).await.app_error(),
        app::error::AppError::Forbidden
    );
    // Every call above is in the audit log, as DPRD's.
    let views = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("view_dprd_dashboard"))
        .all(&app.db)
        .await
        .unwrap();
    let dprd_id = dprd_account_id(&app).await;
    assert_eq!(views.len(), 5, "four successful calls and one page view");
    assert!(views.iter().all(|v| v.account_id == Some(dprd_id)));
    assert!(views.iter().any(|v| v.record_id.as_deref() == Some("2026-TW2")));
    assert!(views.iter().any(|v| v.record_id.as_deref() == Some("2026")));
    app.finish().await;
}

/// Admin pages that show only an empty form, no data: DPRD may see the form, and its server
/// function refuses DPRD (the role × endpoint matrix in `access.rs`). Every other page must refuse.
const FORM_ONLY_PAGES: [&str; 2] = ["/admin/akun", "/admin/kehadiran/impor"];

/// Every page path of the app (`path!("...")` in app.rs), with its parameters filled with real
/// ids (each `:id` once as a pact's and once as an official's).
fn page_paths(pact_id: Uuid, official_id: Uuid) -> Vec<String> {
    let source = include_str!("../../app/src/app.rs");
    let mut paths = BTreeSet::new();
    for chunk in source.split("path!(\"").skip(1) {
        let pattern = &chunk[..chunk.find('"').unwrap()];
        for id in [pact_id, official_id] {
            let filled: Vec<String> = pattern
                .split('/')
                .map(|part| match part {
                    ":id" => id.to_string(),
                    ":pact_id" => pact_id.to_string(),
                    ":official_id" => official_id.to_string(),
                    ":quarter" => "2".into(),
                    ":year" => YEAR.to_string(),
                    ":month" => "4".into(),
                    ":code" => "KODE-TIDAK-ADA".into(),
                    p if p.starts_with(':') => panic!("fill the parameter {p} of {pattern}"),
                    p => p.to_string(),
                })
                .collect();
            paths.insert(filled.join("/"));
        }
    }
    assert!(paths.len() > 20, "{paths:?}");
    paths.into_iter().collect()
}

/// The text of every part of an XLSX (it is a zip: names would not show in its bytes).
fn xlsx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip archive");
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut s = String::new();
        part.read_to_string(&mut s).unwrap();
        all.push_str(&s);
    }
    all
}

/// The first official's name (before the degrees) or NIP found in a response, and where.
fn person_in(seen: &[(String, String)], officials: &[official::Model]) -> Option<String> {
    for o in officials {
        let given = o.name.split(',').next().unwrap_or(&o.name).trim();
        let mut needles = vec![given.to_string(), given.replace('\'', "&#x27;")];
        needles.extend(o.nip.clone());
        for (what, body) in seen {
            if let Some(needle) = needles.iter().find(|n| body.contains(n.as_str())) {
                return Some(format!("{needle:?} in {what}"));
            }
        }
    }
    None
}

async fn dprd_privacy_crawl(db: crate::common::TestDb) {
    let app = TestApp::with_demo(db).await;
    let stored = store_results(&app).await;
    // The login page's demo hints name two demo officials' NIPs while the demo admin keeps its
    // demo password; a real city has none, and neither does this one.
    account::Entity::update_many()
        .col_expr(account::Column::IsDemo, sea_orm::sea_query::Expr::value(false))
        .exec(&app.db)
        .await
        .unwrap();
    let dprd = app.login("dprd", DEMO_PW).await;
    let officials = official::Entity::find().all(&app.db).await.unwrap();
    let some_official =
        officials.iter().find(|o| o.nip.is_some() && stored.opd_of.contains_key(&o.id)).unwrap();
    let some_pact = pact::Entity::find()
        .filter(pact::Column::OfficialId.eq(some_official.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut seen: Vec<(String, String)> = Vec::new();
    let keep = |seen: &mut Vec<(String, String)>, what: String, r: &Reply| seen.push((what, r.body.clone()));

    // The dashboard for the year and each quarter, and its export.
    let dashboards = [
        "/dprd",
        "/dprd?tahun=2026",
        "/dprd?tahun=2026&tw=1",
        "/dprd?tahun=2026&tw=2",
        "/dprd?tahun=2026&tw=3",
        "/dprd?tahun=2026&tw=4",
    ];
    for path in dashboards {
        let r = app.get(path, Some(&dprd)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(r.body.contains("Dinas Pariwisata"), "{path}: OPD figures shown");
        keep(&mut seen, path.to_string(), &r);
    }
    assert!(seen[3].1.contains(&hidden_html()), "the small OPD is hidden on the TW II page");
    let exports =
        ["", "?tahun=2026", "?tahun=2026&tw=1", "?tahun=2026&tw=2", "?tahun=2026&tw=3", "?tahun=2026&tw=4"];
    for query in exports {
        let path = format!("/dprd/rdp.xlsx{query}");
        let r = app.get(&path, Some(&dprd)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        let bytes = app.get_bytes(&path, Some(&dprd)).await;
        let text = xlsx_text(&bytes);
        assert!(text.contains("Dinas Pariwisata"), "{path}: the workbook has the OPDs");
        seen.push((path, text));
    }
    let tw2_export = seen.iter().find(|(what, _)| what.ends_with("tw=2") && what.contains("rdp")).unwrap();
    assert!(tw2_export.1.contains(&hidden_html()), "the small OPD is hidden in the TW II workbook");
    // The same pack as PDF, read back as text.
    for query in exports {
        let path = format!("/dprd/rdp.pdf{query}");
        let r = app.get(&path, Some(&dprd)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        let text = checked_pdf_text(&app.get_bytes(&path, Some(&dprd)).await, false);
        assert!(text.contains("Dinas Pariwisata"), "{path}: the PDF has the OPDs");
        if query.ends_with("tw=2") {
            assert!(text.contains("disembunyikan"), "the small OPD is hidden in the TW II PDF");
        }
        seen.push((path, text));
    }

    // Every page of the app: DPRD's own are shown; the others refuse or send it elsewhere.
    for path in page_paths(some_pact.id, some_official.id) {
        if path == "/keluar" {
            continue; // a page with a logout button; logging out comes last
        }
        let r = app.get(&path, Some(&dprd)).await;
        // Their dashboard, public verification, and their own password (every account's).
        let own = path == "/dprd" || path.starts_with("/verifikasi/") || path == "/akun/sandi";
        let refused = r.status.is_redirection()
            || r.status.is_client_error()
            || r.body.contains("Anda tidak berhak")
            || r.body.contains("Data tidak ditemukan")
            || r.body.contains("Halaman tidak ditemukan");
        let form_only = FORM_ONLY_PAGES.contains(&path.as_str());
        assert!(own || refused || form_only, "{path}: DPRD got {} without a refusal", r.status);
        keep(&mut seen, path, &r);
    }

    // Every server function: DPRD's own with each period, the rest with real ids (refused).
    for (tahun, tw) in [("", ""), ("2026", ""), ("2026", "1"), ("2026", "2"), ("2026", "3"), ("2026", "4")] {
        let r = app.call("/api/dprd/dashboard", &[("tahun", tahun), ("tw", tw)], Some(&dprd)).await;
        assert!(r.status.is_success(), "{tahun}/{tw}: {}", r.body);
        keep(&mut seen, format!("/api/dprd/dashboard {tahun}/{tw}"), &r);
    }
    let r = app.call("/api/dprd/overview", &[], Some(&dprd)).await;
    assert!(r.status.is_success(), "{}", r.body);
    keep(&mut seen, "/api/dprd/overview".into(), &r);
    let (pact_id, official_id) = (some_pact.id.to_string(), some_official.id.to_string());
    let nip = some_official.nip.clone().unwrap();
    let mut endpoints: Vec<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p.to_string()).collect();
    endpoints.sort();
    endpoints.dedup();
    for endpoint in endpoints.iter().filter(|e| !e.ends_with("/logout")) {
        for id in [&pact_id, &official_id] {
            let form = [
                ("id", id.as_str()),
                ("pact_id", pact_id.as_str()),
                ("official_id", official_id.as_str()),
                ("official", official_id.as_str()),
                ("identifier", nip.as_str()),
                ("year", "2026"),
                ("quarter", "2"),
                ("month", "4"),
                ("tahun", "2026"),
                ("tw", "2"),
                ("version", "0"),
                ("code", "KODE-TIDAK-ADA"),
                ("q", ""),
            ];
            let r = app.call(endpoint, &form, Some(&dprd)).await;
            keep(&mut seen, format!("{endpoint} (id {id})"), &r);
        }
        let r = app.call(endpoint, &[], Some(&dprd)).await;
        keep(&mut seen, format!("{endpoint} (no arguments)"), &r);
    }
    // Still logged in: no call above ended the session.
    assert_eq!(app.get("/dprd", Some(&dprd)).await.status, StatusCode::OK);
    let r = app.get("/keluar", Some(&dprd)).await;
    keep(&mut seen, "/keluar".into(), &r);

    // The check itself: no name and no NIP of any official, anywhere.
    assert!(seen.len() > 150, "{} responses", seen.len());
    if let Some(leak) = person_in(&seen, &officials) {
        panic!("DPRD saw {leak}");
    }
    // The check can fail: the admin's view of an official has the name.
    let admin = app.login("admin", DEMO_PW).await;
    let r = app.get(&format!("/admin/pejabat/{}", some_official.id), Some(&admin)).await;
    assert!(person_in(&[("admin".into(), r.body)], &officials).is_some(), "the check finds a name");

    // DPRD's views and exports are in the audit log.
    let dprd_id = dprd_account_id(&app).await;
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::AccountId.eq(dprd_id))
        .all(&app.db)
        .await
        .unwrap();
    let count = |action: &str| entries.iter().filter(|e| e.action == action).count();
    // Six dashboard pages and the page crawl's /dprd, twice /dprd after it, six calls and the
    // calls with arguments (twice per id).
    assert!(count("view_dprd_dashboard") >= dashboards.len() + 6, "{}", count("view_dprd_dashboard"));
    assert_eq!(count("export_dprd_rdp"), 4 * exports.len(), "each export fetched twice, as XLSX and PDF");
    assert!(count("view_dprd_overview") >= 1);
    assert!(matches!(
        app::server::audit::verify(&app.db).await.unwrap(),
        app::server::audit::VerifyReport::Intact { .. }
    ));
    app.finish().await;
}

/// The cells of the row of sheet `sheet` (1-based) of an XLSX whose first cell is `first`, as
/// text: shared strings resolved, numbers as written.
fn xlsx_row(bytes: &[u8], sheet: usize, first: &str) -> Option<Vec<String>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip archive");
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut s).unwrap();
        s
    };
    let unescape = |s: &str| s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    let strings: Vec<String> = part("xl/sharedStrings.xml")
        .split("<si>")
        .skip(1)
        .map(|si| {
            let t = &si[si.find("<t").unwrap()..];
            let body = &t[t.find('>').unwrap() + 1..];
            unescape(&body[..body.find("</t>").unwrap()])
        })
        .collect();
    let xml = part(&format!("xl/worksheets/sheet{sheet}.xml"));
    xml.split("<row ")
        .skip(1)
        .map(|row| {
            row.split("<c ")
                .skip(1)
                .map(|c| {
                    let tag = &c[..c.find('>').unwrap()];
                    let v = c.find("<v>").map(|i| &c[i + 3..i + 3 + c[i + 3..].find("</v>").unwrap()]);
                    match v {
                        Some(v) if tag.contains("t=\"s\"") => strings[v.parse::<usize>().unwrap()].clone(),
                        Some(v) => v.to_string(),
                        None => String::new(),
                    }
                })
                .collect::<Vec<String>>()
        })
        .find(|cells| cells.first().map(String::as_str) == Some(first))
}

/// A figure of the PDF ("1.234", "101,5", "Rp16.000.000") as a number; `None` for text.
fn pdf_number(token: &str) -> Option<f64> {
    let digits = token.strip_prefix("Rp").unwrap_or(token);
    if !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    digits.replace('.', "").replace(',', ".").parse().ok()
}

/// The figures of an OPD's row in the PDF's text (the line that starts with its code): numbers,
/// hidden labels and dashes, in their columns' order.
fn pdf_row(text: &str, code: &str) -> Vec<String> {
    let line = text
        .lines()
        .find(|l| l.split_whitespace().next() == Some(code))
        .unwrap_or_else(|| panic!("no row of {code} in\n{text}"));
    line.split_whitespace()
        .skip(1)
        .filter(|t| pdf_number(t).is_some() || ["disembunyikan", "hidden", "—"].contains(t))
        .map(str::to_string)
        .collect()
}

/// The RDP as PDF: DPRD gets it (named after the period) with, OPD by OPD, the figures of the
/// XLSX of the same period, hidden groups hidden and no official in it; an official is refused;
/// with the English cookie both the PDF and the XLSX are in English (numbers as in Indonesian).
async fn rdp_pdf_has_the_workbooks_figures_in_both_languages(db: crate::common::TestDb) {
    let app = TestApp::with_demo(db).await;
    let stored = store_results(&app).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    let path = "/dprd/rdp.pdf?tahun=2026&tw=2";
    let r = app.get(path, Some(&dprd)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers.get(http::header::CONTENT_TYPE).unwrap(), "application/pdf");
    let disposition = r.headers.get(http::header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
    assert!(disposition.contains("bahan-rdp-2026-tw2.pdf"), "{disposition}");
    let text = checked_pdf_text(&app.get_bytes(path, Some(&dprd)).await, false);
    for s in [
        "BAHAN RDP KINERJA DAN TPP TW II 2026 — PEMERINTAH KOTA BATU",
        "Sumber: hasil TPP triwulan yang sudah dikunci (TW I, TW II).",
        "ANGKA SE-KOTA, TW II 2026",
        "ANGKA PER PERANGKAT DAERAH, TW II 2026",
        "SEBARAN PREDIKAT KINERJA, TW II 2026",
        "TREN SE-KOTA PER TRIWULAN, 2026",
        "SE-KOTA",
        "Hal. 1 dari",
    ] {
        assert!(text.contains(s), "{s} in\n{text}");
    }
    let made = text.lines().find(|l| l.contains("Dibuat ")).expect("the time it was made");
    assert!(made.trim_end().ends_with("WIB"), "{made}");

    // OPD by OPD, the figures of the workbook (sheet 2: code, name, then the ten figures).
    let xlsx = app.get_bytes("/dprd/rdp.xlsx?tahun=2026&tw=2", Some(&dprd)).await;
    let mut compared = 0;
    for unit in opd::Entity::find().all(&app.db).await.unwrap() {
        let Some(row) = xlsx_row(&xlsx, 2, &unit.code) else { continue };
        assert_eq!(row.len(), 12, "{}: {row:?}", unit.code);
        let pdf = pdf_row(&text, &unit.code);
        assert_eq!(pdf.len(), 10, "{}: {pdf:?}", unit.code);
        for (i, (sheet, page)) in row[2..].iter().zip(&pdf).enumerate() {
            match sheet.parse::<f64>() {
                Ok(n) => {
                    let p = pdf_number(page).unwrap_or_else(|| panic!("{} column {i}: {page}", unit.code));
                    assert!((n - p).abs() < 1e-6, "{} column {i}: XLSX {n}, PDF {page}", unit.code);
                }
                Err(_) if sheet == HIDDEN_LABEL => {
                    assert_eq!(page, "disembunyikan", "{} column {i}", unit.code)
                }
                Err(_) => assert_eq!(page, sheet, "{} column {i}", unit.code),
            }
        }
        compared += 1;
    }
    assert!(compared > 10, "{compared} OPDs compared");
    let small = pdf_row(&text, SMALL_OPD);
    assert_eq!(small[1], "disembunyikan", "the small OPD's evaluated officials are hidden: {small:?}");
    let shown = opd::Entity::find().all(&app.db).await.unwrap().into_iter().find_map(|u| {
        let row = xlsx_row(&xlsx, 2, &u.code)?;
        (row[3].parse::<u64>().ok()? > 0).then_some(row)
    });
    let shown = shown.expect("an OPD with its figures shown");

    // No official in it.
    let officials = official::Entity::find().all(&app.db).await.unwrap();
    assert!(stored.results.len() > 100);
    if let Some(leak) = person_in(&[("the RDP PDF".into(), text.clone())], &officials) {
        panic!("{leak}");
    }

    // Officials are refused, anonymous visitors sent to log in.
    let nip = officials.iter().find_map(|o| o.nip.clone()).unwrap();
    let me = app.login(&nip, DEMO_PW).await;
    assert_eq!(app.get(path, Some(&me)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(path, None).await.location(), Some("/masuk"));

    // In English: headings, labels and the hidden label; the same numbers.
    let english = format!("{dprd}; pakta_lang=en");
    let en = checked_pdf_text(&app.get_bytes(path, Some(&english)).await, false);
    for s in [
        "HEARING PACK (RDP): PERFORMANCE AND TPP, Q2 2026 — BATU CITY GOVERNMENT",
        "Source: the TPP results of the locked quarters (Q1, Q2).",
        "FIGURES BY AGENCY, Q2 2026",
        "PERFORMANCE GRADE DISTRIBUTION, Q2 2026",
        "CITY-WIDE",
        "Generated ",
        "Page 1 of",
    ] {
        assert!(en.contains(s), "{s} in\n{en}");
    }
    for s in ["disembunyikan", "Pejabat", "Perangkat daerah", "Dibuat", "Hal. "] {
        assert!(!en.contains(s), "{s} in the English PDF");
    }
    assert_eq!(pdf_row(&en, SMALL_OPD)[1], "hidden");
    let in_indonesian = |row: Vec<String>| -> Vec<String> {
        row.into_iter().map(|t| if t == "hidden" { "disembunyikan".into() } else { t }).collect()
    };
    assert_eq!(in_indonesian(pdf_row(&en, &shown[0])), pdf_row(&text, &shown[0]), "the same numbers");
    let en_xlsx = app.get_bytes("/dprd/rdp.xlsx?tahun=2026&tw=2", Some(&english)).await;
    let en_sheet = xlsx_text(&en_xlsx);
    for s in ["name=\"Summary\"", "Officials evaluated", "HEARING PACK (RDP)", "hidden (&lt; 3)", "CITY-WIDE"]
    {
        assert!(en_sheet.contains(s), "{s} in the English XLSX");
    }
    assert!(!en_sheet.contains("Pejabat dinilai") && !en_sheet.contains("disembunyikan"));
    let en_row: Vec<String> = xlsx_row(&en_xlsx, 2, &shown[0])
        .expect("the OPD in the English XLSX")
        .into_iter()
        .map(|c| if c == "hidden (< 3)" { HIDDEN_LABEL.to_string() } else { c })
        .collect();
    assert_eq!(en_row, shown, "the same figures in English");

    // Each export is in the audit log, as DPRD's.
    let dprd_id = dprd_account_id(&app).await;
    let exports = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("export_dprd_rdp"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(exports.len(), 5, "the PDF twice, the XLSX, both in English; none for the refusals");
    assert!(exports
        .iter()
        .all(|e| e.account_id == Some(dprd_id) && e.record_id.as_deref() == Some("2026-TW2")));
    app.finish().await;
}
