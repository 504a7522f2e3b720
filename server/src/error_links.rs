//! Error messages carried in links are shown only if this server put them there (issue 14).
//!
//! A plain HTML form (no JavaScript) learns of its failure from the page it is sent back to:
//! server functions redirect to `{referer}?__path=/api/...&__err=<base64 of the AppError>` (the
//! `form-redirects` of `server_fn`), which Leptos decodes, on the server and again in the
//! browser, into the action's error that the page shows; the paper-signature form lands on
//! `/pakta/{id}?galat=<message>&medan=<field>`. Anyone could write such a link with a message
//! of their choosing ("your account is frozen, verify at https://...") and send it around.
//!
//! So every redirect those forms get back that carries such parameters is signed: a random nonce
//! goes into a short-lived cookie (`pakta_galat`, 10 minutes, HttpOnly, SameSite=Lax) and
//! `__tanda` = HMAC-SHA256 (the audit key, separated by purpose) of the nonce and the carried
//! parameters is added to the link. A page request whose link carries an error without a valid
//! signature for the browser's own nonce (forged, altered, or someone else's link) is redirected
//! to the same page without those parameters, before any page code runs, so neither the server's
//! rendering nor the browser's hydration ever sees the text.
use app::server::audit_key;
use app::server::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::header::{LOCATION, SET_COOKIE};
use http::{HeaderMap, HeaderValue, Method};
use rand::RngCore;

const NONCE_COOKIE: &str = "pakta_galat";
const NONCE_SECONDS: u32 = 600;
/// The signature's query parameter.
const SIGNATURE: &str = "__tanda";
/// The parameters that carry an error and what it belongs to.
const CARRIED: [&str; 4] = ["__path", "__err", "galat", "medan"];

type Pairs = Vec<(String, String)>;

fn parse(query: &str) -> Pairs {
    form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

fn encode(pairs: &Pairs) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

fn carries_error(pairs: &Pairs) -> bool {
    pairs.iter().any(|(k, _)| k == "__err" || k == "galat")
}

/// What is signed: the nonce and the carried parameters in the link's order, unambiguously.
fn signed_text(nonce: &str, pairs: &Pairs) -> String {
    let carried: Vec<&(String, String)> =
        pairs.iter().filter(|(k, _)| CARRIED.contains(&k.as_str())).collect();
    serde_json::json!([nonce, carried]).to_string()
}

fn nonce_of(headers: &HeaderMap) -> Option<String> {
    app::server::context::cookie(headers, NONCE_COOKIE).filter(|v| !v.is_empty() && v.len() <= 64)
}

/// True when the link's error was signed by this server for this browser.
fn genuine(pairs: &Pairs, headers: &HeaderMap) -> bool {
    let (Some(nonce), Some(signature), Ok(key)) = (
        nonce_of(headers),
        pairs.iter().find(|(k, _)| k == SIGNATURE).map(|(_, v)| v.as_str()),
        audit_key::installed(),
    ) else {
        return false;
    };
    key.link_mac_matches(signed_text(&nonce, pairs).as_bytes(), signature)
}

/// The middleware: checks links coming in, signs redirects going out.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        if let Some(query) = req.uri().query() {
            let pairs = parse(query);
            if carries_error(&pairs) && !genuine(&pairs, req.headers()) {
                let kept: Pairs = pairs
                    .into_iter()
                    .filter(|(k, _)| !CARRIED.contains(&k.as_str()) && k != SIGNATURE)
                    .collect();
                let path = req.uri().path();
                let to = if kept.is_empty() { path.to_string() } else { format!("{path}?{}", encode(&kept)) };
                tracing::info!(path, "a link carrying an error this server did not sign: dropped");
                return Redirect::to(&to).into_response();
            }
        }
    }
    // Only the forms that report errors this way get their redirects signed: server functions
    // and the paper-signature form. (A redirect to a path the client chose, like the language
    // switch's `kembali`, must not turn its text into a signed error.)
    let path = req.uri().path();
    let signs = req.method() == Method::POST && (path.starts_with("/api/") || path.ends_with("/kertas"));
    let mut res = next.run(req).await;
    if signs && res.status().is_redirection() {
        sign_location(&mut res, state.secure_cookies);
    }
    res
}

/// Signs the error a redirect carries (with a fresh nonce cookie); drops a stale signature from
/// a redirect that carries none (a later success sent back to the same page).
fn sign_location(res: &mut Response, secure: bool) {
    let Some(location) = res.headers().get(LOCATION).and_then(|v| v.to_str().ok()) else { return };
    let (link, fragment) = match location.split_once('#') {
        Some((l, f)) => (l, Some(f)),
        None => (location, None),
    };
    let Some((base, query)) = link.split_once('?') else { return };
    let mut pairs: Pairs = parse(query).into_iter().filter(|(k, _)| k != SIGNATURE).collect();
    let mut cookie = None;
    if carries_error(&pairs) {
        let Ok(key) = audit_key::installed() else { return };
        let mut bytes = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut bytes);
        let nonce = hex::encode(bytes);
        let signature = key.link_mac(signed_text(&nonce, &pairs).as_bytes());
        pairs.push((SIGNATURE.to_string(), signature));
        let secure = if secure { "; Secure" } else { "" };
        cookie = Some(format!(
            "{NONCE_COOKIE}={nonce}; Path=/; HttpOnly; SameSite=Lax; Max-Age={NONCE_SECONDS}{secure}"
        ));
    } else if parse(query).iter().all(|(k, _)| k != SIGNATURE) {
        return;
    }
    let mut signed = if pairs.is_empty() { base.to_string() } else { format!("{base}?{}", encode(&pairs)) };
    if let Some(fragment) = fragment {
        signed = format!("{signed}#{fragment}");
    }
    if let Ok(value) = HeaderValue::from_str(&signed) {
        res.headers_mut().insert(LOCATION, value);
        if let Some(value) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
            res.headers_mut().append(SET_COOKIE, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_signed_covers_every_carried_parameter() {
        let link = parse("__path=%2Fapi%2Flogin&__err=eyJ9&lain=1");
        let base = signed_text("n", &link);
        assert_ne!(base, signed_text("m", &link), "the nonce");
        assert_ne!(base, signed_text("n", &parse("__path=%2Fapi%2Fother&__err=eyJ9&lain=1")));
        assert_ne!(base, signed_text("n", &parse("__path=%2Fapi%2Flogin&__err=eyJ8&lain=1")));
        assert_eq!(
            base,
            signed_text("n", &parse("__path=%2Fapi%2Flogin&__err=eyJ9&lain=2")),
            "others are free"
        );
        assert_ne!(signed_text("n", &parse("galat=a&medan=b")), signed_text("n", &parse("galat=a&medan=c")));
    }

    #[test]
    fn only_links_with_an_error_need_a_signature() {
        assert!(carries_error(&parse("__path=%2Fapi%2Flogin&__err=x")));
        assert!(carries_error(&parse("galat=x")));
        assert!(!carries_error(&parse("kertas=1&medan=scan")));
    }
}
