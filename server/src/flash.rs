//! Carries a plain form post's successful answer to the page it is sent back to
//! (`app::server::flash`), and clears it once a page has been rendered with it.
use app::server::flash;
use app::server::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{ACCEPT, CONTENT_TYPE, LOCATION, SET_COOKIE};
use http::{HeaderValue, Method};

pub async fn carry(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let plain_post = req.method() == Method::POST
        && path.starts_with("/api/")
        && req.headers().get(ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    let page_with_answer = req.method() == Method::GET
        && !path.starts_with("/api/")
        && app::server::context::cookie(req.headers(), flash::COOKIE).is_some_and(|v| !v.is_empty());
    let res = next.run(req).await;
    if plain_post && res.status().is_redirection() {
        return keep_answer(res, &path, state.secure_cookies).await;
    }
    if page_with_answer && is_html(&res) {
        let mut res = res;
        set_cookie(&mut res, &flash::cookie("", state.secure_cookies));
        return res;
    }
    res
}

fn is_html(res: &Response) -> bool {
    res.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"))
}

fn set_cookie(res: &mut Response, cookie: &str) {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        res.headers_mut().append(SET_COOKIE, v);
    }
}

/// A redirect back after a post: after a success, its body is the function's JSON answer, kept in
/// the cookie. (On success `server_fn` already strips an earlier `__path`/`__err` from the link,
/// and `error_links` its stale signature.)
async fn keep_answer(res: Response, path: &str, secure: bool) -> Response {
    let location = res.headers().get(LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let query = location.split('#').next().and_then(|l| l.split_once('?')).map_or("", |(_, q)| q);
    if form_urlencoded::parse(query.as_bytes()).any(|(k, _)| k == "__err") {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // A larger answer is not kept (nor needed: a redirect's body is not shown); that the post
    // went through still is.
    let answer = axum::body::to_bytes(body, flash::MAX_BYTES).await.ok();
    if let Some(value) = flash::encode(path, answer.as_deref().unwrap_or_default()) {
        if let Ok(v) = HeaderValue::from_str(&flash::cookie(&value, secure)) {
            parts.headers.append(SET_COOKIE, v);
        }
    }
    parts.headers.remove(http::header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::empty())
}
