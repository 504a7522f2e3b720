use crate::api::auth::{login_hints, Login};
use crate::components::feedback::ErrorBanner;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/masuk`: login by username or NIP. A printed URL: keep it stable.
#[component]
pub fn LoginPage() -> impl IntoView {
    // Created inside the route, so a failed plain-HTML post (redirected back with `__err`)
    // shows its error without JavaScript.
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let session_ended = move || query.read().get("sesi").as_deref() == Some("berakhir");
    let error = Signal::derive(move || login.value().get().and_then(|r| r.err()));
    let username_error = move || error.get().and_then(|e| e.field_message("username"));
    let password_error = move || error.get().and_then(|e| e.field_message("password"));
    let (show_password, set_show_password) = signal(false);
    let hints = Resource::new(|| (), |_| login_hints());

    view! {
        <Title text="Masuk"/>
        <div class="login-layout">
            <section class="card login-card" aria-labelledby="judul-masuk">
                <h1 id="judul-masuk">"Masuk ke Pakta"</h1>
                <p class="lead">"Pakta Integritas dan Perjanjian Kinerja pejabat Pemerintah Kota Batu."</p>
                {move || session_ended().then(|| view! {
                    <div class="alert alert-info" role="status">"Sesi Anda telah berakhir. Silakan masuk kembali."</div>
                })}
                <ErrorBanner error/>
                <ActionForm action=login>
                    <div class="field">
                        <label for="username">"Nama pengguna atau NIP"</label>
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
                        <label for="password">"Kata sandi"</label>
                        <div class="password-row">
                            <input
                                id="password"
                                name="password"
                                type=move || if show_password.get() { "text" } else { "password" }
                                autocomplete="current-password"
                                aria-required="true"
                                maxlength="128"
                                aria-invalid=move || password_error().is_some().to_string()
                                aria-describedby="password-error"
                            />
                            <button
                                type="button"
                                class="button-secondary show-password"
                                aria-controls="password"
                                aria-pressed=move || show_password.get().to_string()
                                on:click=move |_| set_show_password.update(|s| *s = !*s)
                            >
                                {move || if show_password.get() { "Sembunyikan" } else { "Tampilkan" }}
                            </button>
                        </div>
                        <p id="password-error" class="field-error" aria-live="polite">{password_error}</p>
                    </div>
                    <button type="submit" class="button-primary" disabled=move || login.pending().get()>
                        {move || if login.pending().get() { "Memproses…" } else { "Masuk" }}
                    </button>
                </ActionForm>
            </section>
            <Suspense fallback=|| ()>
                {move || hints.get().and_then(|r| r.ok()).flatten().map(|h| view! {
                    <aside class="card demo-card" aria-labelledby="judul-demo">
                        <h2 id="judul-demo">"Akun demo"</h2>
                        <p>"Basis data ini berisi data demo. Semua akun memakai kata sandi "<code>{h.password.clone()}</code>"."</p>
                        <table>
                            <thead><tr><th scope="col">"Nama pengguna / NIP"</th><th scope="col">"Peran"</th></tr></thead>
                            <tbody>
                                {h.accounts.into_iter().map(|a| view! {
                                    <tr><td><code>{a.username}</code></td><td>{a.description}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </aside>
                })}
            </Suspense>
        </div>
    }
}
