//! `/admin/akun`: the admin resets an account's password (by username or an official's NIP), and
//! disables or enables an account. Every session of the account ends on a reset or a disabling,
//! so whoever knew the old password, or used the account, is logged out.
use crate::api::accounts::{ResetPassword, SetAccountActive};
use crate::components::action::server_action;
use crate::components::feedback::ErrorBanner;
use crate::components::form::TextField;
use crate::i18n::{is_en, t};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let reset = server_action::<ResetPassword>();
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
        <AccountStatus/>
    }
}

/// Disable (confirmed, ending every session) or enable an account.
#[component]
fn AccountStatus() -> impl IntoView {
    let set = server_action::<SetAccountActive>();
    let error = Signal::derive(move || set.value().get().and_then(|r| r.err()));
    let err =
        move |field: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(field)));
    let confirm_error = move || error.get().and_then(|e| e.field_message("confirm"));
    let done = move || set.value().get().and_then(|r| r.ok());
    view! {
        <section class="card" aria-labelledby="judul-status-akun">
            <h2 id="judul-status-akun">{t("Nonaktifkan atau aktifkan akun", "Disable or enable an account")}</h2>
            <p>{t(
                "Akun yang dinonaktifkan tidak dapat masuk dan semua sesinya langsung berakhir. Menonaktifkan pejabat juga menonaktifkan akunnya.",
                "A disabled account cannot log in and all its sessions end at once. Deactivating an official also disables their account.",
            )}</p>
            {move || done().map(|username| view! {
                <div class="alert alert-info" role="status">
                    {if is_en() { format!("Account {username} has been updated.") } else { format!("Akun {username} telah diperbarui.") }}
                </div>
            })}
            <ErrorBanner error/>
            <ActionForm action=set attr:class="account-form">
                <TextField label=t("Nama pengguna atau NIP", "Username or NIP") name="identifier" value="" error=err("identifier") required=true/>
                <div class="field">
                    <label class="checkbox">
                        <input type="checkbox" name="confirm" value="true" aria-describedby="confirm-error"/>
                        " "{t("Ya, nonaktifkan akun ini dan akhiri semua sesinya", "Yes, disable this account and end all its sessions")}
                    </label>
                    <p id="confirm-error" class="field-error" aria-live="polite">{confirm_error}</p>
                </div>
                <div class="button-row">
                    <button type="submit" name="active" value="false" class="button-primary" disabled=move || set.pending().get()>
                        {t("Nonaktifkan akun", "Disable account")}
                    </button>
                    <button type="submit" name="active" value="true" class="button-secondary" disabled=move || set.pending().get()>
                        {t("Aktifkan akun", "Enable account")}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}
