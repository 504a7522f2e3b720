use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t("Halaman tidak ditemukan", "Page not found")/>
        <section class="card narrow">
            <h1>{t("Halaman tidak ditemukan", "Page not found")}</h1>
            <p>{t("Alamat yang Anda buka tidak ada atau tidak dapat Anda akses.", "The address you opened does not exist or you do not have access to it.")}</p>
            <p><a href="/">{t("Kembali ke beranda", "Back to the home page")}</a></p>
        </section>
    }
}
