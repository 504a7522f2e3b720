//! A refusal on a file route reads as a page (issue 16, item 6): an export for a quarter without
//! results, an unknown OPD, a pact one may not see. These routes answer a refusal as plain text,
//! in the request's language; when a browser asks (`Accept: text/html`) the text comes inside a
//! page with the site's look, a heading that says what happened, and the way back. Programs
//! asking for anything else keep the plain text, and every status stays as it was.
use app::components::charts::xml_escape as escape;
use app::i18n::{self, Lang};
use app::server::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERER};
use http::{HeaderValue, Method, StatusCode};

/// The page's policy: no script at all, the site's stylesheet only.
const POLICY: &str =
    "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fn heading(status: StatusCode, lang: Lang) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => lang.pick("Tidak ditemukan", "Not found"),
        StatusCode::FORBIDDEN => lang.pick("Anda tidak berhak membuka ini", "You may not open this"),
        StatusCode::CONFLICT => lang.pick("Belum dapat dibuat", "Cannot be made yet"),
        s if s.is_client_error() => lang.pick("Permintaan belum dapat dipenuhi", "The request cannot be met"),
        _ => lang.pick("Terjadi kesalahan pada server", "Something went wrong on the server"),
    }
}

/// Where "back" leads: the page the request came from, on this site; else the area's home.
fn back_to(referer: Option<&str>, path: &str) -> String {
    let same_site = referer
        .and_then(|r| url::Url::parse(r).ok())
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        })
        .filter(|p| p.starts_with('/') && !p.starts_with("//"));
    same_site.unwrap_or_else(|| {
        if path.starts_with("/admin") {
            "/admin".into()
        } else if path.starts_with("/dprd") {
            "/dprd".into()
        } else {
            "/saya".into()
        }
    })
}

pub async fn as_page(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let asks_html = req.method() == Method::GET
        && req.headers().get(ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"));
    if !asks_html {
        return next.run(req).await;
    }
    let lang = i18n::from_headers(req.headers());
    let back = back_to(req.headers().get(REFERER).and_then(|v| v.to_str().ok()), req.uri().path());
    let resp = next.run(req).await;
    let plain = resp
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/plain"));
    let status = resp.status();
    if !plain || !(status.is_client_error() || status.is_server_error()) {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return Response::from_parts(parts, axum::body::Body::from(heading(status, lang)));
    };
    let message = String::from_utf8_lossy(&bytes);
    let title = heading(status, lang);
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Pakta</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"isi\"><section class=\"card narrow refusal\" role=\"alert\">\
         <h1>{title}</h1><p>{message}</p><p><a class=\"button-secondary\" href=\"{back}\">{back_label}</a></p>\
         </section></main></body></html>\n",
        code = lang.code(),
        title = escape(title),
        css = escape(&app::server::assets::stylesheet_href(&state.leptos_options)),
        message = escape(message.trim()),
        back = escape(&back),
        back_label = lang.pick("Kembali", "Back"),
    );
    parts.headers.remove(CONTENT_LENGTH);
    parts.headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    parts.headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
    Response::from_parts(parts, axum::body::Body::from(page))
}
