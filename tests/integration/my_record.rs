//! The official's own year (`me/quarters`, `/saya`) and the superior's inbox (`me/team`,
//! `/saya/tim`) over HTTP: what each sees, that no one else sees it, and that the superior sees
//! the team's scores but never their pay.
use crate::common::{Reply, TestApp, TestDb};
use crate::DEMO_PW;
use app::api::evaluations::QuarterSheet;
use app::api::my_record::{MyYear, PaySource, TeamInbox};
use app::api::pacts::PactView;
use app::domain::explanation::number_id;
use app::error::AppError;
use app::server::entities::official;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

crate::on_both_engines!(
    official_sees_their_quarters_months_and_why_links,
    no_one_else_reaches_an_officials_record,
    superior_inbox_lists_signatures_and_ratings_until_done_without_pay,
    a_waiting_pact_names_who_must_sign_and_a_signed_one_when,
    a_locked_quarter_without_a_score_is_not_a_to_do,
);

/// Worked example A's indicators (domain.md section 5), jenis target `end_position`, TW II =
/// TW IV = annual: (name, polarity, weight, target).
const EXAMPLE_A: [(&str, &str, &str, &str); 4] = [
    ("Kunjungan wisatawan", "max", "40", "3.200.000"),
    ("Indeks kepuasan", "max", "20", "82"),
    ("Serapan anggaran", "max", "20", "45"),
    ("Temuan belum ditindaklanjuti", "min", "20", "4"),
];
const REALISATIONS_A: [&str; 4] = ["3.360.000", "84,46", "40,5", "3"];
/// A ceiling no other figure on the pages could be mistaken for.
const CEILING: i64 = 12_345_000;

struct Signed {
    pact_id: Uuid,
    official: official::Model,
    superior: official::Model,
    admin: String,
    me: String,
    boss: String,
}

fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn ok(r: Reply, what: &str) -> Reply {
    assert!(r.status.is_success(), "{what}: {} {}", r.status, r.body);
    r
}

async fn pact_view(app: &TestApp, cookie: &str, pact_id: Uuid) -> PactView {
    let r = app.call("/api/pacts/get", &[("id", &pact_id.to_string()), ("version", "0")], Some(cookie)).await;
    serde_json::from_str(&ok(r, "get pact").body).unwrap()
}

/// An eselon IV official (not `except`) and their superior, both able to log in.
async fn official_and_superior(app: &TestApp, except: Option<Uuid>) -> (official::Model, official::Model) {
    for o in official::Entity::find()
        .filter(official::Column::PositionKind.eq("pengawas"))
        .all(&app.db)
        .await
        .unwrap()
    {
        if Some(o.id) == except || o.nip.is_none() {
            continue;
        }
        let s = official::Entity::find_by_id(o.supervisor_id.unwrap()).one(&app.db).await.unwrap().unwrap();
        if s.nip.is_some() {
            return (o, s);
        }
    }
    panic!("no demo pengawas with a superior");
}

/// Creates the official's 2026 pact with worked example A's indicators; returns (pact id, draft).
async fn draft_pact(app: &TestApp, admin: &str, official_id: Uuid) -> (Uuid, PactView) {
    let r = app
        .call(
            "/api/admin/pacts/create",
            &[("official_id", &official_id.to_string()), ("year", "2026")],
            Some(admin),
        )
        .await;
    let pact_id: Uuid = serde_json::from_str(&ok(r, "create").body).unwrap();
    let v = pact_view(app, admin, pact_id).await;
    let mut form = vec![
        ("version_id".to_string(), v.version_id.to_string()),
        ("row_version".to_string(), v.row_version.to_string()),
    ];
    for (i, (name, polarity, weight, target)) in EXAMPLE_A.iter().enumerate() {
        let mut put = |k: &str, val: &str| form.push((format!("indicators[{i}][{k}]"), val.to_string()));
        put("objective", "Meningkatnya kinerja pariwisata daerah");
        put("name", name);
        put("unit", "angka");
        put("polarity", polarity);
        put("target_kind", "end_position");
        put("weight", weight);
        put("annual", target);
        put("tw2", target);
        put("tw4", target);
    }
    ok(app.call("/api/admin/pacts/save", &pairs(&form), Some(admin)).await, "save draft");
    (pact_id, pact_view(app, admin, pact_id).await)
}

/// Freezes a draft for signing.
async fn submit(app: &TestApp, admin: &str, v: &PactView) {
    let (version_id, row_version) = (v.version_id.to_string(), v.row_version.to_string());
    let form = [("version_id", version_id.as_str()), ("row_version", row_version.as_str())];
    ok(app.call("/api/admin/pacts/submit", &form, Some(admin)).await, "submit");
}

async fn sign(app: &TestApp, cookie: &str, version_id: Uuid) {
    let version_id = version_id.to_string();
    let form = [("version_id", version_id.as_str()), ("password", DEMO_PW)];
    ok(app.call("/api/pacts/sign", &form, Some(cookie)).await, "sign");
}

/// A pact with worked example A's indicators, frozen and signed by both parties; the official's
/// ceiling set to [`CEILING`].
async fn signed_example_a(app: &TestApp) -> Signed {
    use sea_orm::{ActiveModelTrait, Set};
    let admin = app.login("admin", DEMO_PW).await;
    let (o, s) = official_and_superior(app, None).await;
    let mut m: official::ActiveModel = o.clone().into();
    m.monthly_ceiling = Set(CEILING);
    let o = m.update(&app.db).await.unwrap();
    let me = app.login(o.nip.as_deref().unwrap(), DEMO_PW).await;
    let boss = app.login(s.nip.as_deref().unwrap(), DEMO_PW).await;
    let (pact_id, v) = draft_pact(app, &admin, o.id).await;
    submit(app, &admin, &v).await;
    for cookie in [&me, &boss] {
        sign(app, cookie, v.version_id).await;
    }
    assert_eq!(pact_view(app, &admin, pact_id).await.status, "signed");
    Signed { pact_id, official: o, superior: s, admin, me, boss }
}

/// Saves worked example A's TW II realisations as the admin.
async fn enter_example_a(app: &TestApp, p: &Signed) {
    let r = app
        .call(
            "/api/evaluations/sheet",
            &[("pact_id", &p.pact_id.to_string()), ("quarter", "2")],
            Some(&p.admin),
        )
        .await;
    let s: QuarterSheet = serde_json::from_str(&ok(r, "sheet").body).unwrap();
    let mut form =
        vec![("pact_id".to_string(), s.pact_id.to_string()), ("quarter".to_string(), "2".to_string())];
    for (i, (row, value)) in s.rows.iter().zip(REALISATIONS_A).enumerate() {
        form.push((format!("realisations[{i}][indicator_id]"), row.indicator_id.to_string()));
        form.push((format!("realisations[{i}][value]"), value.to_string()));
        form.push((format!("realisations[{i}][row_version]"), row.row_version.to_string()));
    }
    ok(app.call("/api/admin/evaluations/save", &pairs(&form), Some(&p.admin)).await, "save realisations");
}

async fn rate(app: &TestApp, cookie: &str, pact_id: Uuid, rating: &str) -> Reply {
    let form = [("pact_id", pact_id.to_string()), ("quarter", "2".into()), ("rating", rating.into())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call("/api/evaluations/behaviour", &form, Some(cookie)).await
}

async fn my_year(app: &TestApp, cookie: &str) -> MyYear {
    let r = app.call("/api/me/quarters", &[("year", "2026")], Some(cookie)).await;
    serde_json::from_str(&ok(r, "me/quarters").body).unwrap()
}

async fn team_reply(app: &TestApp, cookie: &str) -> Reply {
    app.call("/api/me/team", &[("year", "2026"), ("quarter", "2")], Some(cookie)).await
}

async fn team(app: &TestApp, cookie: &str) -> TeamInbox {
    serde_json::from_str(&ok(team_reply(app, cookie).await, "me/team").body).unwrap()
}

fn why_href(p: &Signed, month: u32) -> String {
    format!("/rincian-tpp/{}/2026/{month}", p.official.id)
}

async fn official_sees_their_quarters_months_and_why_links(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let p = signed_example_a(&app).await;

    // Signed, nothing entered yet: every quarter is in force, TW I and III have no targets.
    let y = my_year(&app, &p.me).await;
    assert_eq!((y.official_id, y.year), (p.official.id, 2026));
    let pact = y.pact.as_ref().expect("the pact of the year");
    assert_eq!((pact.pact_id, pact.status.as_str(), pact.awaiting_me), (p.pact_id, "signed", false));
    assert_eq!(y.quarters.iter().map(|q| q.version_no).collect::<Vec<_>>(), [Some(1); 4]);
    let q2 = &y.quarters[1];
    assert_eq!(q2.indicators.len(), 4);
    assert_eq!(q2.indicators[0].target.as_deref(), Some("3.200.000"));
    assert!(q2.indicators.iter().all(|i| i.realisation.is_empty() && i.achievement.is_none()));
    assert_eq!((q2.score, q2.predikat), (None, None));
    assert!(q2.note.as_deref().unwrap().contains("4 indikator belum diisi"), "{:?}", q2.note);
    assert_eq!(y.quarters[0].note.as_deref(), Some("Tidak ada target untuk triwulan ini."));
    assert_eq!(y.months.len(), 12);
    assert!(y.months.iter().all(|m| m.gross.is_none() && m.source.is_none() && m.explained));

    // Entered and rated: capaian, nilai and predikat of TW II, its months estimated.
    enter_example_a(&app, &p).await;
    ok(rate(&app, &p.boss, p.pact_id, "as_expected").await, "rate");
    let y = my_year(&app, &p.me).await;
    let q2 = &y.quarters[1];
    let capaian: Vec<String> = q2.indicators.iter().map(|i| number_id(i.achievement.unwrap())).collect();
    assert_eq!(capaian, ["105", "103", "90", "120"]);
    assert_eq!(q2.indicators[1].realisation, "84,46");
    assert_eq!(q2.score.map(number_id).as_deref(), Some("104,6"));
    assert_eq!(q2.predikat.map(|p| p.as_str()), Some("baik"));
    assert_eq!(q2.behaviour.map(|r| r.as_str()), Some("as_expected"));
    assert_eq!(q2.note, None);
    let estimated: Vec<(u32, Option<i64>, Option<PaySource>)> =
        y.months.iter().map(|m| (m.month, m.gross, m.source)).filter(|m| m.1.is_some()).collect();
    assert_eq!(
        estimated,
        [4, 5, 6].map(|m| (m, Some(CEILING), Some(PaySource::Estimate))),
        "no attendance cuts: the full ceiling each month of TW II"
    );

    // The home page, server-rendered: the pact's actions, the quarter, the months and their "why".
    let page = app.get("/saya?tahun=2026", Some(&p.me)).await;
    assert_eq!(page.status, http::StatusCode::OK);
    for text in [
        "Kinerja 2026",
        &format!("/pakta/{}/pdf", p.pact_id),
        "104,6",
        "Baik",
        "105%",
        "84,46",
        "Rp12.345.000",
        "perkiraan",
        &why_href(&p, 5),
    ] {
        assert!(page.body.contains(text), "/saya lacks {text}");
    }
    assert!(!page.body.contains("Tanda tangani pakta"), "signed: no sign button");

    // After the TPP run the months are the stored amounts, and the "why" page explains them.
    let q = [("year", "2026"), ("quarter", "2"), ("opd", "")];
    ok(app.call("/api/admin/tpp/run", &q, Some(&p.admin)).await, "run");
    let y = my_year(&app, &p.me).await;
    assert!(y.months[3..6].iter().all(|m| m.source == Some(PaySource::Stored) && m.gross == Some(CEILING)));
    let page = app.get("/saya?tahun=2026", Some(&p.me)).await;
    assert!(page.body.contains("tersimpan"));
    let why = app.get(&why_href(&p, 5), Some(&p.me)).await;
    assert_eq!(why.status, http::StatusCode::OK);
    assert!(why.body.contains("Mengapa TPP") && why.body.contains("Rp12.345.000"), "{}", why.body);
    app.finish().await;
}

async fn no_one_else_reaches_an_officials_record(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let p = signed_example_a(&app).await;
    enter_example_a(&app, &p).await;
    // Another official, neither the official nor their superior, with a pact not yet signed.
    let (other, _) = official_and_superior(&app, Some(p.official.id)).await;
    assert_ne!(other.supervisor_id, Some(p.official.id));
    let stranger = app.login(other.nip.as_deref().unwrap(), DEMO_PW).await;
    let (other_pact, v) = draft_pact(&app, &p.admin, other.id).await;
    submit(&app, &p.admin, &v).await;

    // Their own year: their own pact, awaiting their signature, no quarter signed.
    let r = app
        .call(
            "/api/me/quarters",
            &[("year", "2026"), ("official_id", &p.official.id.to_string())],
            Some(&stranger),
        )
        .await;
    let body = ok(r, "stranger's year").body;
    let y: MyYear = serde_json::from_str(&body).unwrap();
    assert_eq!(y.official_id, other.id, "an extra argument names no one");
    let pact = y.pact.expect("their own pact");
    assert_eq!((pact.pact_id, pact.awaiting_me), (other_pact, true));
    assert!(y.quarters.iter().all(|q| q.version_no.is_none()
        && q.note.as_deref() == Some("Belum ada pakta yang ditandatangani untuk triwulan ini.")));
    assert!(!body.contains(&p.pact_id.to_string()) && !body.contains(&p.official.name));
    let page = app.get("/saya?tahun=2026", Some(&stranger)).await;
    assert!(
        page.body.contains("Belum ada pakta yang ditandatangani")
            && page.body.contains("Tanda tangani pakta")
    );
    assert!(!page.body.contains(&p.official.name) && !page.body.contains(&p.pact_id.to_string()));

    // Nor through the team inbox, the rating page or the "why" page.
    let body = ok(team_reply(&app, &stranger).await, "stranger's team").body;
    assert!(!body.contains(&p.official.name) && !body.contains(&p.pact_id.to_string()));
    for path in
        ["/saya/tim?tahun=2026&tw=2".to_string(), format!("/saya/tim/{}/2", p.pact_id), why_href(&p, 5)]
    {
        let page = app.get(&path, Some(&stranger)).await;
        assert!(!page.body.contains(&p.official.name), "{path} shows the official to a stranger");
        assert!(!page.body.contains("84,46"), "{path} shows a realisation to a stranger");
    }
    let form = [("official_id", p.official.id.to_string()), ("year", "2026".into()), ("month", "5".into())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call("/api/tpp/why", &form, Some(&stranger)).await.app_error(), AppError::NotFound);

    // Other roles are refused outright; anonymous visitors must log in.
    let dprd = app.login("dprd", DEMO_PW).await;
    for endpoint in ["/api/me/quarters", "/api/me/team"] {
        for cookie in [&p.admin, &dprd] {
            assert_eq!(
                app.call(endpoint, &[], Some(cookie)).await.app_error(),
                AppError::Forbidden,
                "{endpoint}"
            );
        }
        assert_eq!(app.call(endpoint, &[], None).await.app_error(), AppError::Unauthenticated, "{endpoint}");
    }
    app.finish().await;
}

async fn superior_inbox_lists_signatures_and_ratings_until_done_without_pay(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let p = signed_example_a(&app).await;
    enter_example_a(&app, &p).await;
    // Another direct report of the same superior, with a pact awaiting signatures.
    let second = official::Entity::find()
        .filter(official::Column::SupervisorId.eq(p.superior.id))
        .filter(official::Column::Id.ne(p.official.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a second direct report");
    let (second_pact, v) = draft_pact(&app, &p.admin, second.id).await;
    submit(&app, &p.admin, &v).await;

    let t = team(&app, &p.boss).await;
    assert_eq!((t.year, t.quarter), (2026, 2));
    assert_eq!(t.to_sign.iter().map(|s| s.pact_id).collect::<Vec<_>>(), [second_pact]);
    let due = t.to_rate.iter().find(|d| d.pact_id == p.pact_id).expect("the report awaits a rating");
    assert_eq!((due.official_id, due.quarter, due.missing), (p.official.id, 2, 0));
    assert_eq!(due.score.map(number_id).as_deref(), Some("104,6"));
    assert_eq!(due.work_rating.map(|r| r.as_str()), Some("as_expected"));
    assert_eq!(t.to_rate.len(), 1, "the second report's pact is not signed: nothing to rate");
    let member = t.members.iter().find(|m| m.official_id == p.official.id).expect("in the team");
    assert_eq!(member.quarters[1].score.map(number_id).as_deref(), Some("104,6"));
    assert_eq!(member.quarters[1].predikat, None);
    assert!(t.members.iter().any(|m| m.official_id == second.id && m.quarters.iter().all(|q| !q.signed)));
    // An official without reports has an empty inbox.
    let t = team(&app, &p.me).await;
    assert!(t.to_sign.is_empty() && t.to_rate.is_empty() && t.members.is_empty());

    // The inbox page links to where the superior rates, and that page lets them.
    let rating_path = format!("/saya/tim/{}/2", p.pact_id);
    let page = app.get("/saya/tim?tahun=2026&tw=2", Some(&p.boss)).await;
    assert_eq!(page.status, http::StatusCode::OK);
    for text in [p.official.name.as_str(), second.name.as_str(), "Beri rating", &rating_path, "104,6"] {
        assert!(page.body.contains(text), "/saya/tim lacks {text}");
    }
    assert!(
        app.get("/saya", Some(&p.boss)).await.body.contains("href=\"/saya/tim\""),
        "home links the inbox"
    );
    let sheet = app.get(&rating_path, Some(&p.boss)).await;
    assert!(sheet.body.contains("Simpan rating") && sheet.body.contains("84,46"), "{}", sheet.body);

    // The superior countersigns and rates: both leave the inbox; the predikat shows.
    sign(&app, &p.boss, v.version_id).await;
    ok(rate(&app, &p.boss, p.pact_id, "as_expected").await, "rate");
    let reply = ok(team_reply(&app, &p.boss).await, "team after");
    let t: TeamInbox = serde_json::from_str(&reply.body).unwrap();
    assert!(t.to_sign.is_empty(), "countersigned");
    assert!(t.to_rate.is_empty(), "rated");
    let member = t.members.iter().find(|m| m.official_id == p.official.id).unwrap();
    assert_eq!(member.quarters[1].predikat.map(|p| p.as_str()), Some("baik"));
    let page = app.get("/saya/tim?tahun=2026&tw=2", Some(&p.boss)).await;
    assert!(page.body.contains("104,6 · Baik"), "{}", page.body);
    assert!(!page.body.contains(&rating_path), "no rating left to give");

    // Scores, never pay: no Rupiah and no ceiling anywhere in the answer or the page.
    for (what, body) in [("me/team", &reply.body), ("/saya/tim", &page.body)] {
        assert!(!shows_rupiah(body), "{what} shows a Rupiah amount");
        for ceiling in ["12345000", "12.345.000"] {
            assert!(!body.contains(ceiling), "{what} shows the report's ceiling");
        }
    }
    app.finish().await;
}

/// True when the text holds a Rupiah amount ("Rp" and a digit, as `format::rupiah` writes it),
/// outside the page's script nonces: those are random base64 and now and then hold "Rp" (seen
/// once on PostgreSQL, where this check failed on a page showing no amount).
fn shows_rupiah(body: &str) -> bool {
    let mut text = body.to_string();
    while let Some(start) = text.find("nonce=\"") {
        let value = start + "nonce=\"".len();
        let end = text[value..].find('"').map_or(text.len(), |e| value + e + 1);
        text.replace_range(start..end, "");
    }
    text.match_indices("Rp").any(|(i, _)| text[i + 2..].starts_with(|c: char| c.is_ascii_digit()))
}

/// Issue 16: while the superior's signature is awaited, `/saya` says whose, since when, and what
/// it means for the TPP; once signed, when it was signed and the quarters it governs.
async fn a_waiting_pact_names_who_must_sign_and_a_signed_one_when(db: TestDb) {
    let app = TestApp::with_demo(db).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (o, s) = official_and_superior(&app, None).await;
    let me = app.login(o.nip.as_deref().unwrap(), DEMO_PW).await;
    let boss = app.login(s.nip.as_deref().unwrap(), DEMO_PW).await;
    let (pact_id, v) = draft_pact(&app, &admin, o.id).await;
    submit(&app, &admin, &v).await;
    sign(&app, &me, v.version_id).await;
    let pact = my_year(&app, &me).await.pact.expect("the pact");
    assert_eq!((pact.awaiting_me, pact.awaiting_superior.as_deref()), (false, Some(s.name.as_str())));
    let page = app.get("/saya?tahun=2026", Some(&me)).await;
    let waiting = format!("Menunggu tanda tangan {} (atasan langsung, pihak kedua) sejak ", s.name);
    assert!(page.body.contains(&waiting), "{}", page.body);
    assert!(page.body.contains("TPP atas pakta ini belum dapat dihitung"));
    sign(&app, &boss, v.version_id).await;
    let pact = my_year(&app, &me).await.pact.expect("the pact");
    assert_eq!(pact.awaiting_superior, None);
    assert!(pact.signed_at.is_some() && pact.valid_from.is_some(), "{pact:?}");
    let page = app.get("/saya?tahun=2026", Some(&me)).await;
    assert!(!page.body.contains("Menunggu tanda tangan"), "nothing awaited any more");
    assert!(page.body.contains("Ditandatangani ") && page.body.contains("sampai TW IV."), "{}", page.body);
    assert_eq!(pact_view(&app, &admin, pact_id).await.status, "signed");
    app.finish().await;
}

/// Issue 16: a pact signed late governs quarters already locked; such a quarter, with nothing
/// entered, is not listed as "4 indikator belum diisi" (a to-do no one can do) on `/saya` or on
/// the superior's team page.
async fn a_locked_quarter_without_a_score_is_not_a_to_do(db: TestDb) {
    use app::server::entities::quarter_close;
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::with_demo(db).await;
    let p = signed_example_a(&app).await;
    let before = my_year(&app, &p.me).await;
    assert!(before.quarters[1].note.as_deref().unwrap().contains("4 indikator belum diisi"));
    let to_do = |body: &str| body.matches("4 indikator belum diisi").count();
    let team_before = app.get("/saya/tim?tahun=2026&tw=2", Some(&p.boss)).await;
    // TW II in the overview and among the ratings due, TW IV in the overview.
    assert_eq!(to_do(&team_before.body), 3, "TW II and TW IV have targets and nothing entered");
    quarter_close::ActiveModel {
        id: Set(Uuid::new_v4()),
        year: Set(2026),
        quarter: Set(2),
        status: Set(app::server::tpp_run::LOCKED.into()),
        locked_at: Set(Some(chrono::Utc::now())),
        locked_by: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let after = my_year(&app, &p.me).await;
    let note = after.quarters[1].note.as_deref().unwrap();
    assert!(note.contains("sudah dikunci tanpa nilai") && !note.contains("belum diisi"), "{note}");
    let page = app.get("/saya/tim?tahun=2026&tw=2", Some(&p.boss)).await;
    assert!(page.body.contains("<td>terkunci, tanpa nilai</td>"), "{}", page.body);
    assert_eq!(to_do(&page.body), 1, "only TW IV is still to do: {}", page.body);
    app.finish().await;
}
