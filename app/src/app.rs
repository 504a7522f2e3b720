use crate::components::layout::{DemoBanner, Header};
use crate::i18n::t;
use crate::pages::{
    accounts::AccountsPage,
    admin::AdminHome,
    audit::AuditPage,
    closing::ClosingPage,
    corrections::{CorrectionRequestPage, CorrectionsPage},
    discipline::{AttendanceImportPage, DisciplinePage},
    dprd::DprdHome,
    login::LoginPage,
    logout::LogoutPage,
    my_team::TeamPage,
    not_found::NotFound,
    official::OfficialHome,
    official_form::{EditOfficialPage, NewOfficialPage},
    official_import::ImportOfficialsPage,
    official_transfer::TransferPage,
    officials::OfficialsPage,
    pact::PactPage,
    pact_editor::PactEditorPage,
    pact_template::PactTemplatePage,
    pacts::PactsPage,
    password::PasswordPage,
    policy::PolicyPage,
    realisation::{RealisationPage, RealisationsPage},
    tpp::TppPage,
    verification::VerificationPage,
    why::WhyPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

/// The Content-Security-Policy of every page; `{nonce}` is the request's nonce, which Leptos also
/// puts on each inline script it writes (the hydration loader and streamed resources).
pub const CSP_TEMPLATE: &str = "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; \
     base-uri 'self'; form-action 'self'";

/// Sends the policy with the nonce leptos_axum provided for this request. Without a nonce (no
/// Leptos request context) nothing is sent rather than a policy that would block hydration.
#[cfg(feature = "ssr")]
fn send_content_security_policy() {
    let (Some(nonce), Some(resp)) =
        (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    if let Ok(v) = http::HeaderValue::from_str(&CSP_TEMPLATE.replace("{nonce}", &nonce)) {
        resp.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
    }
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    send_content_security_policy();
    // The request's language; the browser reads it back from `<html lang>` when it hydrates.
    let lang = crate::i18n::lang();
    provide_context(lang);
    #[cfg(feature = "ssr")]
    let stylesheet = crate::server::assets::stylesheet_href(&options);
    #[cfg(not(feature = "ssr"))]
    let stylesheet = "/pkg/pakta.css".to_string();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() data-demo=crate::components::layout::demo_mode().then_some("1")>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="description" content=lang.pick("Pakta Integritas dan Perjanjian Kinerja Pemerintah Kota Batu", "Integrity pacts and performance agreements of the City of Batu")/>
                <link rel="icon" href="data:,"/>
                <link rel="stylesheet" id="leptos" href=stylesheet/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
                // Last: they run after the islands above have hydrated.
                <crate::components::form_memory::FormMemory/>
                <crate::components::enhance::PageReady/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(crate::i18n::lang());

    view! {
        <Title formatter=|text: String| if text.is_empty() { crate::i18n::t("Pakta — Kota Batu", "Pakta — City of Batu").to_string() } else { format!("{text} · Pakta") }/>
        <Router>
            <Layout/>
        </Router>
    }
}

/// Every page is rendered whole before it is sent (issue 15): its content is in the HTML itself,
/// not swapped in later by inline scripts, so it reads completely before the wasm arrives, and
/// with JavaScript off. Each page's data is a few local queries, so waiting for all of it costs
/// little; it also lets a page's loaders set the response's status and headers.
const SSR: leptos_router::SsrMode = leptos_router::SsrMode::Async;

#[component]
fn Layout() -> impl IntoView {
    view! {
            <a class="skip-link" href="#isi">{t("Lewati ke isi", "Skip to content")}</a>
            <DemoBanner/>
            <Header/>
            <main id="isi" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/masuk") view=LoginPage ssr=SSR/>
                    <Route path=path!("/keluar") view=LogoutPage ssr=SSR/>
                    <Route path=path!("/akun/sandi") view=PasswordPage ssr=SSR/>
                    <Route path=path!("/admin") view=AdminHome ssr=SSR/>
                    <Route path=path!("/admin/akun") view=AccountsPage ssr=SSR/>
                    <Route path=path!("/admin/audit") view=AuditPage ssr=SSR/>
                    <Route path=path!("/admin/pejabat") view=OfficialsPage ssr=SSR/>
                    <Route path=path!("/admin/pejabat/baru") view=NewOfficialPage ssr=SSR/>
                    <Route path=path!("/admin/pejabat/impor") view=ImportOfficialsPage ssr=SSR/>
                    <Route path=path!("/admin/pejabat/:id") view=EditOfficialPage ssr=SSR/>
                    <Route path=path!("/admin/pejabat/:id/mutasi") view=TransferPage ssr=SSR/>
                    <Route path=path!("/admin/pejabat/:id/disiplin") view=DisciplinePage ssr=SSR/>
                    <Route path=path!("/admin/tpp") view=TppPage ssr=SSR/>
                    <Route path=path!("/admin/pakta") view=PactsPage ssr=SSR/>
                    <Route path=path!("/admin/pakta/templat") view=PactTemplatePage ssr=SSR/>
                    <Route path=path!("/admin/pakta/:id/ubah") view=PactEditorPage ssr=SSR/>
                    <Route path=path!("/admin/kebijakan-tpp") view=PolicyPage ssr=SSR/>
                    <Route path=path!("/admin/realisasi") view=RealisationsPage ssr=SSR/>
                    <Route path=path!("/admin/realisasi/:pact_id/:quarter") view=RealisationPage ssr=SSR/>
                    <Route path=path!("/admin/kehadiran/impor") view=AttendanceImportPage ssr=SSR/>
                    <Route path=path!("/admin/koreksi") view=CorrectionsPage ssr=SSR/>
                    <Route path=path!("/admin/koreksi/:pact_id/:quarter") view=CorrectionRequestPage ssr=SSR/>
                    <Route path=path!("/admin/penutupan") view=ClosingPage ssr=SSR/>
                    <Route path=path!("/rincian-tpp/:official_id/:year/:month") view=WhyPage ssr=SSR/>
                    <Route path=path!("/pakta/:id") view=PactPage ssr=SSR/>
                    <Route path=path!("/verifikasi/:code") view=VerificationPage ssr=SSR/>
                    <Route path=path!("/saya") view=OfficialHome ssr=SSR/>
                    <Route path=path!("/saya/tim") view=TeamPage ssr=SSR/>
                    <Route path=path!("/saya/tim/:pact_id/:quarter") view=RealisationPage ssr=SSR/>
                    <Route path=path!("/dprd") view=DprdHome ssr=SSR/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{t("Pemerintah Kota Batu · Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "City of Batu · Civil Service and Human Resources Development Agency (BKPSDM)")}</p>
            </footer>
    }
}
