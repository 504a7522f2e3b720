use crate::api::auth::Logout;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/keluar`: logging out changes state, so it is a button (POST), never a bare GET.
#[component]
pub fn LogoutPage() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    view! {
        <Title text="Keluar"/>
        <section class="card narrow">
            <h1>"Keluar dari Pakta"</h1>
            <p>"Anda akan keluar dari sesi ini. Data yang sudah disimpan tidak akan hilang."</p>
            <ActionForm action=logout>
                <button type="submit" class="button-primary">"Keluar sekarang"</button>
            </ActionForm>
        </section>
    }
}
