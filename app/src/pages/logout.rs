use crate::api::auth::Logout;
use crate::components::action::server_action;
use crate::i18n::t;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/keluar`: logging out changes state, so it is a button (POST), never a bare GET.
#[component]
pub fn LogoutPage() -> impl IntoView {
    let logout = server_action::<Logout>();
    view! {
        <Title text=t("Keluar", "Log out")/>
        <section class="card narrow">
            <h1>{t("Keluar dari Pakta", "Log out of Pakta")}</h1>
            <p>{t("Anda akan keluar dari sesi ini. Data yang sudah disimpan tidak akan hilang.", "You will be logged out of this session. Nothing you have saved will be lost.")}</p>
            <ActionForm action=logout>
                <button type="submit" class="button-primary">{t("Keluar sekarang", "Log out now")}</button>
            </ActionForm>
        </section>
    }
}
