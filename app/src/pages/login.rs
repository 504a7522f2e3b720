use crate::api::auth::{login_hints, Login};
use crate::components::action::server_action;
use crate::components::feedback::ErrorBanner;
use crate::i18n::{is_en, t};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A demo account's description (written by the server in Indonesian) in the page's language.
fn demo_role(description: &str) -> String {
    if !is_en() {
        return description.to_string();
    }
    match description {
        "Admin BKPSDM" => "BKPSDM admin (HR agency)".to_string(),
        "Anggota DPRD (agregat saja)" => "DPRD member (aggregates only)".to_string(),
        "Kepala Dinas Pariwisata (atasan)" => "Head of the Tourism Office (a superior)".to_string(),
        "Pejabat pengawas" => "Supervisory official".to_string(),
        other => crate::i18n::message(other),
    }
}

/// `/masuk`: login by username or NIP. A printed URL: keep it stable.
#[component]
pub fn LoginPage() -> impl IntoView {
    // Created inside the route, so a failed plain-HTML post (redirected back with `__err`)
    // shows its error without JavaScript.
    let login = server_action::<Login>();
    let query = use_query_map();
    let session_ended = move || query.read().get("sesi").as_deref() == Some("berakhir");
    let password_changed = move || query.read().get("sandi").as_deref() == Some("diganti");
    let error = Signal::derive(move || login.value().get().and_then(|r| r.err()));
    let username_error = move || error.get().and_then(|e| e.field_message("username"));
    let password_error = move || error.get().and_then(|e| e.field_message("password"));
    let hints = Resource::new(|| (), |_| login_hints());

    view! {
        <Title text=t("Masuk", "Log in")/>
        <div class="login-layout">
            <section class="card login-card" aria-labelledby="judul-masuk">
                <h1 id="judul-masuk">{t("Masuk ke Pakta", "Log in to Pakta")}</h1>
                <p class="lead">{t("Pakta Integritas dan Perjanjian Kinerja pejabat Pemerintah Kota Batu.", "Integrity pacts and performance agreements of the officials of the City of Batu.")}</p>
                {move || session_ended().then(|| view! {
                    <div class="alert alert-info" role="status">{t("Sesi Anda telah berakhir. Silakan masuk kembali.", "Your session has ended. Please log in again.")}</div>
                })}
                {move || password_changed().then(|| view! {
                    <div class="alert alert-info" role="status">{t("Kata sandi Anda telah diganti. Silakan masuk dengan kata sandi baru.", "Your password has been changed. Please log in with the new password.")}</div>
                })}
                <ErrorBanner error/>
                <ActionForm action=login>
                    <div class="field">
                        <label for="username">{t("Nama pengguna atau NIP", "Username or NIP")}</label>
                        <input
                            id="username"
                            name="username"
                            type="text"
                            autocomplete="username"
                            aria-required="true"
                            maxlength="64"
                            aria-invalid=move || username_error().is_some().to_string()
                            aria-describedby="username-error"
                        />
                        <p id="username-error" class="field-error" aria-live="polite">{username_error}</p>
                    </div>
                    <div class="field">
                        <label for="password">{t("Kata sandi", "Password")}</label>
                        <PasswordInput invalid=password_error().is_some()/>
                        <p id="password-error" class="field-error" aria-live="polite">{password_error}</p>
                    </div>
                    <button type="submit" class="button-primary" disabled=move || login.pending().get()>
                        {move || if login.pending().get() { t("Memproses…", "Logging in…") } else { t("Masuk", "Log in") }}
                    </button>
                </ActionForm>
            </section>
            <Suspense fallback=|| ()>
                {move || hints.get().and_then(|r| r.ok()).flatten().map(|h| view! {
                    <aside class="card demo-card" aria-labelledby="judul-demo">
                        <h2 id="judul-demo">{t("Akun demo", "Demo accounts")}</h2>
                        <p>{t("Basis data ini berisi data demo. Semua akun memakai kata sandi ", "This database holds demo data. Every account uses the password ")}<code>{h.password.clone()}</code>"."</p>
                        <table>
                            <thead><tr><th scope="col">{t("Nama pengguna / NIP", "Username / NIP")}</th><th scope="col">{t("Peran", "Role")}</th></tr></thead>
                            <tbody>
                                {h.accounts.into_iter().map(|a| view! {
                                    <tr><td><code>{a.username}</code></td><td>{demo_role(&a.description)}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </aside>
                })}
            </Suspense>
        </div>
    }
}

/// The password field with its "show" button: an island, since only the button needs the wasm
/// (it appears once the wasm runs; without it the field is a plain password field).
#[island]
fn PasswordInput(invalid: bool) -> impl IntoView {
    let (show_password, set_show_password) = signal(false);
    let hydrated = crate::components::enhance::hydrated();
    view! {
        <div class="password-row">
            <input
                id="password"
                name="password"
                type=move || if show_password.get() { "text" } else { "password" }
                autocomplete="current-password"
                aria-required="true"
                maxlength="128"
                aria-invalid=invalid.to_string()
                aria-describedby="password-error"
            />
            <button
                type="button"
                class="button-secondary show-password"
                hidden=move || !hydrated.get()
                aria-controls="password"
                aria-pressed=move || show_password.get().to_string()
                on:click=move |_| set_show_password.update(|s| *s = !*s)
            >
                {move || if show_password.get() { t("Sembunyikan", "Hide") } else { t("Tampilkan", "Show") }}
            </button>
        </div>
    }
}
