//! The admin's quarter pages open on the quarter being worked on (issue 16, item 4), not on
//! TW I: a visit without `tw` is sent on to the same page with the period in its link
//! (`tpp_run::working_quarter`), so the page, its forms and any link copied from it name the
//! period, with or without JavaScript.
use app::pages::closing::CLOSING_PATH;
use app::server::{tpp_run, AppState};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::Method;

/// The pages whose period is a year and a quarter (`?tahun=&tw=`).
pub const QUARTER_PAGES: [&str; 3] = ["/admin/tpp", "/admin/realisasi", CLOSING_PATH];

pub async fn open_on_working_quarter(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET || !QUARTER_PAGES.contains(&req.uri().path()) {
        return next.run(req).await;
    }
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes()).into_owned().collect();
    if pairs.iter().any(|(k, _)| k == "tw") {
        return next.run(req).await;
    }
    let Ok((working_year, working)) = tpp_run::working_quarter(&state.db, chrono::Utc::now()).await else {
        // The page's own default stands; the database error shows there.
        return next.run(req).await;
    };
    let asked_year = pairs.iter().find(|(k, _)| k == "tahun").and_then(|(_, v)| v.parse::<i32>().ok());
    let year = asked_year.unwrap_or(working_year);
    // Another year: its last quarter if it is past, its first if it is to come.
    let quarter = match year.cmp(&working_year) {
        std::cmp::Ordering::Equal => working.number(),
        std::cmp::Ordering::Less => 4,
        std::cmp::Ordering::Greater => 1,
    };
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("tahun", &year.to_string()).append_pair("tw", &quarter.to_string());
    for (k, v) in pairs.iter().filter(|(k, _)| k != "tahun") {
        query.append_pair(k, v);
    }
    Redirect::to(&format!("{}?{}", req.uri().path(), query.finish())).into_response()
}
