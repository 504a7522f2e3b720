use crate::api::auth::{me, Logout};
use crate::components::action::server_action;
use crate::domain::Role;
use crate::i18n::{lang, t, SWITCH_PATH};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Demo mode (`PAKTA_DEMO=1`) as the server rendered the page: on the server from the app's
/// settings, in the browser from `<html data-demo>` (which cannot change without a new page).
pub fn demo_mode() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::server::AppState>().is_some_and(|s| s.demo)
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        document().document_element().is_some_and(|html| html.has_attribute("data-demo"))
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        false
    }
}

/// Every page in demo mode says so: its data are made up and its accounts' password is public.
#[component]
pub fn DemoBanner() -> impl IntoView {
    demo_mode().then(|| {
        view! {
            <div class="demo-banner" role="note">
                <strong>{t("Mode demo.", "Demo mode.")}</strong>" "
                {t(
                    "Semua data di sini fiktif dan kata sandi akun demo diumumkan: jangan masukkan data sungguhan.",
                    "All data here are made up and the demo accounts' password is public: do not enter real data.",
                )}
            </div>
        }
    })
}

/// The site header: the app name, the user's navigation and the logout button, the language switch.
#[component]
pub fn Header() -> impl IntoView {
    let logout = server_action::<Logout>();
    // Who is logged in changes only across navigations (login and logout redirect), so the
    // user is re-read on each one.
    let location = use_location();
    let user = Resource::new(move || location.pathname.get(), |_| me());
    let other = lang().other();
    // Back to this very page (with its query) after switching.
    let here = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        }
    };
    view! {
        <header class="site-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"PI"</span>
                <span class="brand-name">"Pakta"</span>
                <span class="brand-sub">"Kota Batu"</span>
            </div>
            <Transition fallback=|| ()>
                {move || user.get().and_then(|r| r.ok()).flatten().map(|u| {
                    let home = u.role.home_path();
                    let home_label = match u.role {
                        Role::Admin => t("Beranda Admin", "Admin home"),
                        Role::Official => t("Beranda Saya", "My home"),
                        Role::Dprd => t("Dasbor DPRD", "DPRD dashboard"),
                    };
                    // A native disclosure: on a phone the menu folds behind its summary, which
                    // works without the wasm and without shifting the page when it arrives; on
                    // a wider screen the summary is hidden and the menu always shows (CSS).
                    view! {
                        <details class="site-menu">
                            <summary class="menu-toggle">{t("Menu", "Menu")}</summary>
                            <nav id="menu-utama" class="main-nav" aria-label=t("Menu utama", "Main menu")>
                                <a href=home>{home_label}</a>
                                {(u.role == Role::Admin).then(|| view! { <a href="/admin/pejabat">{t("Pejabat", "Officials")}</a><a href="/admin/pakta">{t("Pakta", "Pacts")}</a> })}
                                <span class="who">
                                    <span class="who-name">{u.display_name.clone()}</span>
                                    <span class="who-role">{u.role.label_in(lang())}</span>
                                </span>
                                <a href="/akun/sandi">{t("Ganti kata sandi", "Change password")}</a>
                                <ActionForm action=logout attr:class="logout-form">
                                    <button type="submit" class="button-secondary">{t("Keluar", "Log out")}</button>
                                </ActionForm>
                            </nav>
                        </details>
                    }
                })}
            </Transition>
            // A plain form: it works before (and without) hydration, and the new language needs a
            // new page anyway.
            <form method="post" action=SWITCH_PATH class="lang-switch">
                <input type="hidden" name="bahasa" value=other.code()/>
                <input type="hidden" name="kembali" value=here/>
                <button type="submit" class="button-link" lang=other.code()>{other.own_name()}</button>
            </form>
        </header>
    }
}
