//! `POST /bahasa`: the header's language switch. It sets the language cookie and sends the user
//! back to the page they were on, which the server then renders in the chosen language.
use app::i18n::{Lang, LANG_COOKIE};
use app::server::AppState;
use axum::extract::{Form, State};
use axum::response::{IntoResponse, Response};
use http::{header, StatusCode};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Switch {
    bahasa: String,
    #[serde(default)]
    kembali: String,
}

/// A year: the choice is a preference, not a session.
const COOKIE_SECONDS: u32 = 365 * 24 * 3600;

pub async fn switch(State(state): State<AppState>, Form(form): Form<Switch>) -> Response {
    let Some(lang) = Lang::from_code(&form.bahasa) else {
        return (StatusCode::BAD_REQUEST, "Bahasa tidak dikenal (id, en). / Unknown language (id, en).")
            .into_response();
    };
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age={COOKIE_SECONDS}; HttpOnly; SameSite=Lax{secure}",
        lang.code()
    );
    (StatusCode::SEE_OTHER, [(header::LOCATION, local_path(&form.kembali)), (header::SET_COOKIE, cookie)])
        .into_response()
}

/// Only a path on this site is followed back ("/saya?tw=2"); anything else (another site,
/// "//host", a scheme) goes to the login page, which sends a logged-in user home.
fn local_path(back: &str) -> String {
    let is_local = back.starts_with('/')
        && !back.starts_with("//")
        && !back.starts_with("/\\")
        && !back.chars().any(|c| c.is_control() || c == '\\');
    if is_local {
        back.to_string()
    } else {
        "/masuk".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/saya?tw=2"), "/saya?tw=2");
        for bad in
            ["//evil.example/x", "/\\evil.example", "https://evil.example", "", "/a\r\nSet-Cookie: x=1"]
        {
            assert_eq!(local_path(bad), "/masuk", "{bad:?}");
        }
    }
}
