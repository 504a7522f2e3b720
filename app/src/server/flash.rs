//! What a plain form post's server function returned, carried to the page it is sent back to.
//!
//! Without JavaScript (and on pages whose forms are not islands, issue 15) a form posts to its
//! server function, which answers with a redirect back to the page: the error comes back in the
//! link (`__err`, see `server::error_links`), but the successful answer ("12 pejabat dihitung",
//! "tersimpan") would be lost. The server therefore keeps the answer for the next page in a
//! short-lived cookie: the function's path and its JSON answer, signed with the link key (so a
//! page only ever shows what this server returned), cleared by the page that reads it. The answer
//! is deflated (a run's list of skipped officials repeats itself); one still larger than
//! [`MAX_PACKED`] is not kept, and the page then shows its fresh data only.
use super::audit_key;
use base64::Engine;
use http::HeaderMap;

pub const COOKIE: &str = "pakta_hasil";
/// The largest answer read from a redirect.
pub const MAX_BYTES: usize = 64 * 1024;
/// The largest deflated answer kept: the cookie stays under the 4 KB browsers accept.
pub const MAX_PACKED: usize = 2600;
/// Long enough for the redirect to be followed, short enough not to linger.
pub const SECONDS: u32 = 60;

const ENGINE: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

fn signed_text(path: &str, body: &[u8]) -> Vec<u8> {
    let mut text = b"hasil\0".to_vec();
    text.extend_from_slice(path.as_bytes());
    text.push(0);
    text.extend_from_slice(body);
    text
}

fn deflate(body: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut packer = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    packer.write_all(body).ok()?;
    packer.finish().ok()
}

fn inflate(packed: &[u8]) -> Option<String> {
    use std::io::Read;
    let mut text = String::new();
    // Bounded: a forged cookie cannot expand without limit (and fails its signature anyway).
    flate2::read::DeflateDecoder::new(packed).take(MAX_BYTES as u64 + 1).read_to_string(&mut text).ok()?;
    (text.len() <= MAX_BYTES).then_some(text)
}

/// The cookie's value for `path`'s answer `body`. An answer too large for a cookie (or not UTF-8)
/// is left out: the cookie then only says that the post went through ([`succeeded`]).
pub fn encode(path: &str, body: &[u8]) -> Option<String> {
    if path.len() > 200 {
        return None;
    }
    let fits = body.len() <= MAX_BYTES && std::str::from_utf8(body).is_ok();
    let body = match fits.then(|| deflate(body)).flatten().filter(|p| p.len() <= MAX_PACKED) {
        Some(_) => body,
        None => b"",
    };
    let packed = deflate(body)?;
    let key = audit_key::installed().ok()?;
    let mac = key.link_mac(&signed_text(path, body));
    Some(format!("{mac}.{}.{}", ENGINE.encode(path), ENGINE.encode(packed)))
}

/// The function's path and its answer, if the request carries a cookie this server signed.
pub fn decode(headers: &HeaderMap) -> Option<(String, String)> {
    let value = super::context::cookie(headers, COOKIE)?;
    let mut parts = value.splitn(3, '.');
    let (mac, path, body) = (parts.next()?, parts.next()?, parts.next()?);
    let path = String::from_utf8(ENGINE.decode(path).ok()?).ok()?;
    let body = inflate(&ENGINE.decode(body).ok()?)?;
    let key = audit_key::installed().ok()?;
    key.link_mac_matches(&signed_text(&path, body.as_bytes()), mac).then_some((path, body))
}

/// The `Set-Cookie` value that keeps `value` (from [`encode`]), or clears the cookie when empty.
pub fn cookie(value: &str, secure: bool) -> String {
    let max_age = if value.is_empty() { 0 } else { SECONDS };
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// While rendering a page: the answer the server function at `path` gave this browser's last
/// plain form post, if it is the one the request's cookie carries.
pub fn answer_for<T: serde::de::DeserializeOwned>(path: &str) -> Option<T> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let (from, body) = decode(&parts.headers)?;
    (from == path).then(|| serde_json::from_str(&body).ok()).flatten()
}

/// While rendering a page: whether this browser's last plain form post to the server function at
/// `path` went through, whether or not its answer was small enough to keep (a realisation sheet's
/// answer is the whole sheet).
pub fn succeeded(path: &str) -> bool {
    let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() else { return false };
    decode(&parts.headers).is_some_and(|(from, _)| from == path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(http::header::COOKIE, format!("a=b; {COOKIE}={value}").parse().unwrap());
        h
    }

    #[test]
    fn an_answer_round_trips_and_a_forged_one_is_refused() {
        // Whichever key the test process installed first.
        let _ = audit_key::install(audit_key::AuditKey::generate(0));
        let value = encode("/api/admin/tpp/run", br#"{"computed":3}"#).expect("small answers are kept");
        assert_eq!(decode(&headers(&value)), Some(("/api/admin/tpp/run".into(), r#"{"computed":3}"#.into())));
        // Another path or another answer under the same signature is refused.
        let (mac, _) = value.split_once('.').unwrap();
        let packed = |body: &str| ENGINE.encode(deflate(body.as_bytes()).unwrap());
        let other = format!("{mac}.{}.{}", ENGINE.encode("/api/admin/tpp/lock"), packed(r#"{"computed":3}"#));
        assert_eq!(decode(&headers(&other)), None);
        let altered =
            format!("{mac}.{}.{}", ENGINE.encode("/api/admin/tpp/run"), packed(r#"{"computed":4}"#));
        assert_eq!(decode(&headers(&altered)), None);
        // A run's long list of skipped officials fits, deflated; noise that does not is dropped.
        let skipped: Vec<(String, String)> = (0..60)
            .map(|i| (format!("Pejabat Nomor {i}, S.E."), "Realisasi TW II belum lengkap".into()))
            .collect();
        let long = serde_json::to_string(&skipped).unwrap();
        assert!(long.len() > 3000);
        let value = encode("/api/admin/tpp/run", long.as_bytes()).expect("kept");
        assert!(cookie(&value, true).len() < 4096);
        assert_eq!(decode(&headers(&value)).map(|(_, b)| b), Some(long));
        // Text that does not deflate (xorshift noise, 6 bits a character) and is too long for a cookie.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let noise: String = (0..6000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from(b'0' + (x % 64) as u8)
            })
            .collect();
        // Too large for a cookie: only that the post went through is kept.
        let value = encode("/api/x", noise.as_bytes()).expect("the success itself is kept");
        assert!(cookie(&value, true).len() < 4096);
        assert_eq!(decode(&headers(&value)), Some(("/api/x".into(), String::new())));
    }
}
