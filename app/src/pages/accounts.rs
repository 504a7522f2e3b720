//! `/admin/akun`: the admin resets an account's password (by username or an official's NIP).
//! Every session of that account ends, so whoever knew the old password is logged out.
use crate::api::accounts::ResetPassword;
use crate::components::feedback::ErrorBanner;
use crate::components::form::TextField;
use crate::i18n::{is_en, t};
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
        <Title text=t("Akun pengguna", "User accounts")/>
        <p><a href="/admin">{t("‹ Beranda Admin", "‹ Admin home")}</a></p>
        <h1>{t("Akun pengguna", "User accounts")}</h1>
        <section class="card" aria-labelledby="judul-reset">
            <h2 id="judul-reset">{t("Atur ulang kata sandi", "Reset a password")}</h2>
            <p>{t(
                "Kata sandi lama tidak berlaku lagi dan semua sesi akun itu diakhiri. Sampaikan kata sandi baru kepada pemiliknya secara langsung.",
                "The old password stops working and every session of the account is ended. Give the new password to its owner in person.",
            )}</p>
            {move || done().map(|username| view! {
                <div class="alert alert-info" role="status">
                    {if is_en() {
                        format!("The password of {username} has been changed; all its sessions have been ended.")
                    } else {
                        format!("Kata sandi akun {username} telah diganti; semua sesinya diakhiri.")
                    }}
                </div>
            })}
            <ErrorBanner error/>
            <ActionForm action=reset attr:class="account-form">
                <TextField label=t("Nama pengguna atau NIP", "Username or NIP") name="identifier" value="" error=err("identifier")
                    required=true hint=t("Pejabat masuk dengan NIP, boleh dengan spasi.", "Officials sign in with their NIP (civil servant number); spaces are allowed.")/>
                <TextField label=t("Kata sandi baru", "New password") name="password" value="" error=err("password")
                    kind="password" required=true hint=t("Minimal 10 karakter.", "At least 10 characters.")/>
                <TextField label=t("Ulangi kata sandi baru", "Repeat the new password") name="password_confirm" value=""
                    error=err("password_confirm") kind="password" required=true/>
                <button type="submit" class="button-primary" disabled=move || reset.pending().get()>
                    {move || if reset.pending().get() { t("Menyimpan…", "Saving…") } else { t("Ganti kata sandi", "Change password") }}
                </button>
            </ActionForm>
        </section>
    }
}
