//! Issue 16, item 4: the admin's quarter pages open on the quarter being worked on, named in
//! the link, rather than on TW I.
use crate::common::{TestApp, TestDb};
use app::domain::tpp::{working_quarter, Quarter};
use app::server::entities::quarter_close;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

fn today_wib() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&app::format::wib()).date_naive()
}

fn link(year: i32, q: Quarter) -> String {
    format!("tahun={year}&tw={}", q.number())
}

crate::on_both_engines!(quarter_pages_open_on_the_working_quarter);

async fn quarter_pages_open_on_the_working_quarter(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", app::server::demo::DEMO_PASSWORD).await;

    // Nothing locked: the latest quarter that has ended.
    let (year, q) = working_quarter(today_wib(), None);
    for page in ["/admin/tpp", "/admin/realisasi", "/admin/penutupan"] {
        let r = app.get(page, Some(&admin)).await;
        assert_eq!(r.status, http::StatusCode::SEE_OTHER, "{page}");
        assert_eq!(r.location(), Some(format!("{page}?{}", link(year, q)).as_str()));
    }

    // With that quarter locked, the next one (or the current one, if that has not ended).
    quarter_close::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        year: Set(year),
        quarter: Set(q.number() as i16),
        status: Set("locked".into()),
        locked_at: Set(Some(chrono::Utc::now())),
        locked_by: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let (next_year, next) = working_quarter(today_wib(), Some((year, q)));
    assert_ne!((next_year, next), (year, q));
    let r = app.get("/admin/tpp", Some(&admin)).await;
    assert_eq!(r.location(), Some(format!("/admin/tpp?{}", link(next_year, next)).as_str()));

    // The rest of the link is kept; a year asked for keeps its year (a past year: TW IV).
    let r = app.get("/admin/realisasi?opd=DISPAR&page=2", Some(&admin)).await;
    assert_eq!(
        r.location(),
        Some(format!("/admin/realisasi?{}&opd=DISPAR&page=2", link(next_year, next)).as_str())
    );
    let r = app.get("/admin/penutupan?tahun=2020", Some(&admin)).await;
    assert_eq!(r.location(), Some("/admin/penutupan?tahun=2020&tw=4"));

    // A period in the link is the period shown, and the quarter reads "TW II", not "TW 2".
    let r = app.get("/admin/tpp?tahun=2026&tw=2", Some(&admin)).await;
    assert_eq!(r.status, http::StatusCode::OK);
    assert!(r.body.contains(">TW II</option>") && !r.body.contains(">TW 2</option>"), "{}", r.body);
    app.finish().await;
}
