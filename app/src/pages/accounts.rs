//! `/admin/akun`: the admin resets an account's password (by username or an official's NIP).
//! Every session of that account ends, so whoever knew the old password is logged out.
use crate::api::accounts::ResetPassword;
use crate::components::feedback::ErrorBanner;
use crate::components::form::TextField;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let reset = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || reset.value().get().and_then(|r| r.err()));
    let err =
        move |field: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(field)));
    let done = move || reset.value().get().and_then(|r| r.ok());
    view! {
        <Title text="Akun pengguna"/>
        <p><a href="/admin">"‹ Beranda Admin"</a></p>
        <h1>"Akun pengguna"</h1>
        <section class="card" aria-labelledby="judul-reset">
            <h2 id="judul-reset">"Atur ulang kata sandi"</h2>
            <p>"Kata sandi lama tidak berlaku lagi dan semua sesi akun itu diakhiri. Sampaikan kata sandi baru kepada pemiliknya secara langsung."</p>
            {move || done().map(|username| view! {
                <div class="alert alert-info" role="status">
                    {format!("Kata sandi akun {username} telah diganti; semua sesinya diakhiri.")}
                </div>
            })}
            <ErrorBanner error/>
            <ActionForm action=reset attr:class="account-form">
                <TextField label="Nama pengguna atau NIP" name="identifier" value="" error=err("identifier")
                    required=true hint="Pejabat masuk dengan NIP, boleh dengan spasi."/>
                <TextField label="Kata sandi baru" name="password" value="" error=err("password")
                    kind="password" required=true hint="Minimal 10 karakter."/>
                <TextField label="Ulangi kata sandi baru" name="password_confirm" value=""
                    error=err("password_confirm") kind="password" required=true/>
                <button type="submit" class="button-primary" disabled=move || reset.pending().get()>
                    {move || if reset.pending().get() { "Menyimpan…" } else { "Ganti kata sandi" }}
                </button>
            </ActionForm>
        </section>
    }
}
