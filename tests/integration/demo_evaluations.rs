//! The demo city's 2026 evaluations (issue 5): TW I and TW II run and locked, TW III run and open,
//! discipline records that show in the stored results, a spread of predikat, reproducible runs.
use crate::common::{TestApp, TestDb};
use crate::DEMO_PW;
use app::api::auth::SessionUser;
use app::domain::predikat::Predikat;
use app::domain::rating::Rating;
use app::domain::Role;
use app::error::AppError;
use app::server::entities::{
    account, attendance_cut, evaluation, integrity_breach, pact, sanction, tpp_result, tpp_run,
};
use app::server::{demo, demo_evaluations, demo_pacts, evaluations, tpp_run as runs};
use chrono::{Datelike, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use uuid::Uuid;

crate::on_both_engines!(demo_evaluations_fill_three_quarters_through_the_services);

const YEAR: i32 = 2026;

async fn admin(app: &TestApp) -> SessionUser {
    let a = account::Entity::find()
        .filter(account::Column::Username.eq("admin"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("demo admin");
    SessionUser {
        account_id: a.id,
        username: a.username,
        role: Role::Admin,
        official_id: None,
        display_name: "Admin".into(),
        must_change_password: false,
    }
}

/// The stored results of a quarter: (official, month) → result.
async fn results(app: &TestApp, q: u32) -> BTreeMap<(Uuid, i16), tpp_result::Model> {
    let first = (q as i16 - 1) * 3 + 1;
    tpp_result::Entity::find()
        .filter(tpp_result::Column::Year.eq(YEAR))
        .filter(tpp_result::Column::Month.between(first, first + 2))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| ((r.official_id, r.month), r))
        .collect()
}

async fn demo_evaluations_fill_three_quarters_through_the_services(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let started = std::time::Instant::now();
    let made_pacts = demo_pacts::seed_pacts(&app.db, YEAR).await.expect("demo pacts");
    let pacts_took = started.elapsed();
    let made = demo_evaluations::seed_evaluations(&app.db, YEAR).await.expect("demo evaluations");
    eprintln!(
        "{:?}: demo pacts {pacts_took:?}, evaluations {:?}; {made:?}",
        app.testdb.engine,
        started.elapsed() - pacts_took
    );
    let admin = admin(&app).await;

    // Every signed pact has TW I–III filled in, rated mostly by the superior.
    assert_eq!(made.sheets, 3 * made_pacts.signed, "{made:?}");
    assert!(made.rated_by_superior > 2 * made.rated_on_behalf && made.rated_on_behalf > 0, "{made:?}");
    let on_behalf =
        evaluation::Entity::find().filter(evaluation::Column::BehaviourOnBehalf.eq(true)).count(&app.db);
    assert_eq!(on_behalf.await.unwrap() as usize, made.rated_on_behalf);
    let tw4 = evaluation::Entity::find().filter(evaluation::Column::Quarter.eq(4)).count(&app.db);
    assert_eq!(tw4.await.unwrap(), 0, "TW IV: nothing");

    // Locks: TW I and II, not TW III; TW IV never run.
    for (q, locked) in [(1, true), (2, true), (3, false), (4, false)] {
        assert_eq!(runs::is_locked(&app.db, YEAR, q).await.unwrap(), locked, "TW {q}");
    }
    let tw4_runs = tpp_run::Entity::find().filter(tpp_run::Column::Quarter.eq(4)).count(&app.db);
    assert_eq!(tw4_runs.await.unwrap(), 0);

    // Every official with a signed pact and complete inputs has its three months stored, as the
    // sheet computes them.
    let pacts = pact::Entity::find().filter(pact::Column::Year.eq(YEAR)).all(&app.db).await.unwrap();
    let mut spread: BTreeMap<&str, usize> = BTreeMap::new();
    let mut forced_by_breach = Vec::new();
    for q in 1..=3u32 {
        let stored = results(&app, q).await;
        let mut complete = 0;
        for p in &pacts {
            let sheet = match evaluations::sheet(&app.db, &admin, p.id, q).await {
                Ok(s) => s,
                Err(AppError::Conflict(_)) => continue,
                Err(e) => panic!("sheet of {} TW {q}: {e:?}", p.id),
            };
            let preview = sheet.preview.expect("preview");
            assert!(preview.total.is_some(), "TW {q}: {} has incomplete inputs", sheet.official.name);
            complete += 1;
            let predikat = preview.predikat.expect("predikat");
            *spread.entry(predikat.as_str()).or_default() += 1;
            for m in &preview.months {
                let r = stored.get(&(p.official_id, m.month as i16)).unwrap_or_else(|| {
                    panic!("TW {q}: no result for {} month {}", sheet.official.name, m.month)
                });
                assert_eq!(
                    (r.discipline, r.productivity, r.sanction_cut, r.gross),
                    (m.discipline, m.productivity, m.sanction_cut, m.gross)
                );
                assert!(r.explanation.contains(predikat.label_id()), "{}", r.explanation);
            }
            let rated = sheet.behaviour.rating.as_deref().and_then(Rating::parse).expect("rated");
            if sheet.discipline.integrity_breach && rated != Rating::Below {
                assert_eq!(preview.behaviour, Some(Rating::Below), "a breach forces behaviour below");
                assert!(matches!(predikat, Predikat::Kurang | Predikat::SangatKurang), "{predikat:?}");
                forced_by_breach.push((sheet.official.name.clone(), q));
            }
        }
        assert_eq!(complete, made_pacts.signed, "TW {q}: every signed pact is complete");
        assert_eq!(stored.len(), 3 * complete, "TW {q}: three months per official, nothing else");
    }
    eprintln!("predikat TW I–III: {spread:?}; forced by a breach: {forced_by_breach:?}");
    assert!(spread.len() >= 4, "at least four predikat: {spread:?}");
    assert_eq!(forced_by_breach.len(), 2, "both breaches force a predikat: {forced_by_breach:?}");

    // The year's sheets read together are the quarters' sheets read one by one: as the admin for
    // every pact (two of them revised mid-year, with locked quarters, breaches and a sanction in
    // some quarters), as the official and as their superior for every tenth.
    let mut revised = 0;
    for (k, p) in pacts.iter().enumerate() {
        let official = app::server::entities::official::Entity::find_by_id(p.official_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let as_official = |id| SessionUser {
            account_id: Uuid::nil(),
            username: String::new(),
            role: Role::Official,
            official_id: Some(id),
            display_name: String::new(),
            must_change_password: false,
        };
        let mut viewers = vec![admin.clone()];
        if k % 10 == 0 {
            viewers.push(as_official(official.id));
            viewers.extend(official.supervisor_id.map(as_official));
        }
        for viewer in &viewers {
            let together = evaluations::sheets(&app.db, viewer, p.id, &[1, 2, 3, 4]).await.unwrap();
            let mut one_by_one = Vec::new();
            for q in 1..=4 {
                one_by_one.push(evaluations::sheet(&app.db, viewer, p.id, q).await);
            }
            assert_eq!(together, one_by_one, "{} as {:?}", official.name, viewer.role);
        }
        let versions: BTreeSet<u32> = evaluations::sheets(&app.db, &admin, p.id, &[1, 2, 3, 4])
            .await
            .unwrap()
            .iter()
            .flatten()
            .map(|s| s.version_no as u32)
            .collect();
        revised += usize::from(versions.len() > 1);
    }
    assert!(revised > 0, "a pact whose quarters fall under different versions");

    // Discipline: a few dozen official-months of cuts, exactly two breaches and one moderate
    // sanction, each visible in the stored results.
    let cuts = attendance_cut::Entity::find().all(&app.db).await.unwrap();
    let months: BTreeSet<(Uuid, i16)> = cuts.iter().map(|c| (c.official_id, c.month)).collect();
    assert!((24..=60).contains(&months.len()), "{} official-months", months.len());
    assert_eq!(months.len(), made.attendance_months);
    let all: Vec<tpp_result::Model> =
        tpp_result::Entity::find().filter(tpp_result::Column::Year.eq(YEAR)).all(&app.db).await.unwrap();
    let cut_months: Vec<&tpp_result::Model> =
        all.iter().filter(|r| r.discipline_cut_percent.parse::<f64>().unwrap() > 0.0).collect();
    assert!(!cut_months.is_empty(), "a month reduced by attendance cuts");
    for r in &cut_months {
        assert!(months.contains(&(r.official_id, r.month)), "a cut without attendance records");
        assert!(r.discipline * 10 < r.monthly_ceiling * 4, "the discipline component is reduced");
    }
    assert_eq!(integrity_breach::Entity::find().count(&app.db).await.unwrap(), 2);
    let sanctions = sanction::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(sanctions.len(), 1);
    assert_eq!(sanctions[0].level, "moderate");
    let sanctioned: Vec<&tpp_result::Model> = all.iter().filter(|r| r.sanction_cut > 0).collect();
    assert!(!sanctioned.is_empty(), "a month with the sanction cut");
    let start = sanctions[0].start_date.month() as i16;
    for r in sanctioned {
        assert_eq!(r.official_id, sanctions[0].official_id);
        assert!((start..start + sanctions[0].months as i16).contains(&r.month));
        let quarter_of_both = (r.discipline + r.productivity) as f64 / 4.0;
        assert!((r.sanction_cut as f64 - quarter_of_both).abs() <= 1.0, "25% of the two components");
    }
    assert_eq!(made.results, all.len());

    // A locked quarter refuses a rerun; TW III reruns to the same numbers.
    assert!(matches!(runs::run(&app.db, YEAR, 2, None, None, Utc::now()).await, Err(AppError::Conflict(_))));
    let gross = |m: &BTreeMap<(Uuid, i16), tpp_result::Model>| -> HashMap<(Uuid, i16), i64> {
        m.iter().map(|(k, r)| (*k, r.gross)).collect()
    };
    let before = gross(&results(&app, 3).await);
    runs::run(&app.db, YEAR, 3, None, Some(admin.account_id), Utc::now()).await.expect("rerun TW III");
    assert_eq!(gross(&results(&app, 3).await), before, "a rerun reproduces TW III");

    // Seeding again is refused and changes nothing; the login page still shows the demo accounts.
    let again = demo_evaluations::seed_evaluations(&app.db, YEAR).await.unwrap_err();
    assert!(matches!(again, AppError::Conflict(_)), "{again:?}");
    assert!(matches!(demo::seed(&app.db).await, Err(AppError::Conflict(_))));
    assert_eq!(integrity_breach::Entity::find().count(&app.db).await.unwrap(), 2);
    let hints = demo::hints(&app.db).await.unwrap().expect("demo hints");
    assert!(hints.accounts.len() >= 4, "{:?}", hints.accounts);
    let login = app.get("/masuk", None).await;
    assert!(login.body.contains(DEMO_PW), "demo hints on the login page");
    app.finish().await;
}
