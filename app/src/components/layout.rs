use crate::api::auth::{me, Logout};
use crate::domain::Role;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The site header: the app name, the user's navigation and the logout button.
/// The menu button collapses the navigation on small screens.
#[component]
pub fn Header() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    // Who is logged in changes only across navigations (login and logout redirect), so the
    // user is re-read on each one.
    let location = use_location();
    let user = Resource::new(move || location.pathname.get(), |_| me());
    let (menu_open, set_menu_open) = signal(false);
    view! {
        <header class="site-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"PI"</span>
                <span class="brand-name">"Pakta"</span>
                <span class="brand-sub">"Kota Batu"</span>
            </div>
            <button
                type="button"
                class="menu-toggle"
                aria-controls="menu-utama"
                aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                on:click=move |_| set_menu_open.update(|open| *open = !*open)
            >
                {move || if menu_open.get() { "Tutup menu" } else { "Menu" }}
            </button>
            <nav id="menu-utama" class="main-nav" class:open=move || menu_open.get() aria-label="Menu utama">
                <Transition fallback=|| ()>
                    {move || {
                        user.get().and_then(|r| r.ok()).flatten().map(|u| {
                            let home = u.role.home_path();
                            let home_label = match u.role {
                                Role::Admin => "Beranda Admin",
                                Role::Official => "Beranda Saya",
                                Role::Dprd => "Dasbor DPRD",
                            };
                            view! {
                                <a href=home>{home_label}</a>
                                {(u.role == Role::Admin).then(|| view! { <a href="/admin/pejabat">"Pejabat"</a><a href="/admin/pakta">"Pakta"</a> })}
                                <span class="who">
                                    <span class="who-name">{u.display_name.clone()}</span>
                                    <span class="who-role">{u.role.label_id()}</span>
                                </span>
                                <ActionForm action=logout attr:class="logout-form">
                                    <button type="submit" class="button-secondary">"Keluar"</button>
                                </ActionForm>
                            }
                        })
                    }}
                </Transition>
            </nav>
        </header>
    }
}
