//! `/akun/sandi`: every user changes their own password, giving the current one. An account whose
//! password was set by someone else (a new account, or an admin's reset outside demo mode) is sent
//! here before anything else. On success every session of the account ends and the login page
//! asks for the new password.
use crate::api::accounts::ChangePassword;
use crate::components::action::{answer, server_action_from, Answer};
use crate::components::feedback::ErrorBanner;
use crate::components::form::TextField;
use crate::i18n::t;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let query = use_query_map();
    let required = move || query.read().get("wajib").is_some();
    view! {
        <Title text=t("Ganti kata sandi", "Change password")/>
        <h1>{t("Ganti kata sandi", "Change password")}</h1>
        <section class="card">
            <p>{t(
                "Kata sandi akun Anda ditetapkan oleh orang lain atau sudah waktunya diganti? Pilih kata sandi baru yang hanya Anda ketahui. Setelah diganti, semua sesi akun ini berakhir dan Anda masuk lagi dengan kata sandi baru.",
                "Was your password set by someone else, or is it time for a new one? Choose a new password only you know. Afterwards every session of this account ends and you log in again with the new password.",
            )}</p>
            {move || required().then(|| view! {
                <div class="alert alert-info" role="status">{t(
                    "Kata sandi Anda ditetapkan oleh admin: ganti dahulu sebelum melanjutkan.",
                    "Your password was set by an administrator: change it before you go on.",
                )}</div>
            })}
            <PasswordForm answer={answer::<ChangePassword>()}/>
        </section>
    }
}

/// The form: an island (issue 15), so that a refused change keeps the new password typed twice
/// (a plain post would come back with every password field empty: passwords are never kept).
#[island(lazy)]
fn PasswordForm(answer: Answer<ChangePassword>) -> impl IntoView {
    let change = server_action_from::<ChangePassword>(answer);
    let error = Signal::derive(move || change.value().get().and_then(|r| r.err()));
    let err =
        move |field: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(field)));
    view! {
        <ErrorBanner error/>
        <ActionForm action=change attr:class="account-form">
            <TextField label=t("Kata sandi sekarang", "Current password") name="current_password" value=""
                error=err("current_password") kind="password" required=true/>
            <TextField label=t("Kata sandi baru", "New password") name="password" value="" error=err("password")
                kind="password" required=true hint=t("Minimal 10 karakter.", "At least 10 characters.")/>
            <TextField label=t("Ulangi kata sandi baru", "Repeat the new password") name="password_confirm" value=""
                error=err("password_confirm") kind="password" required=true/>
            <button type="submit" class="button-primary" disabled=move || change.pending().get()>
                {move || if change.pending().get() { t("Menyimpan…", "Saving…") } else { t("Ganti kata sandi", "Change password") }}
            </button>
        </ActionForm>
    }
}
