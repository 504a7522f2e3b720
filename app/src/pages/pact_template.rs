//! `/admin/pakta/templat`: the Pakta Integritas text in force, and a form for a new version.
//! Pacts already made keep the text they were made with.
use crate::api::pacts::{get_pact_template, SavePactTemplate};
use crate::components::action::server_action;
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::form::{FieldError, TextField};
use crate::i18n::{date, is_en, t};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PactTemplatePage() -> impl IntoView {
    let save = server_action::<SavePactTemplate>();
    let query = use_query_map();
    let template = Resource::new(move || save.version().get(), |_| get_pact_template());
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let err = move |f: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(f)));
    let saved = move || query.read().get("disimpan").is_some() || matches!(save.value().get(), Some(Ok(())));
    view! {
        <Title text=t("Templat pakta integritas", "Integrity pact template")/>
        <p><a href="/admin/pakta">{t("‹ Daftar pakta", "‹ Pacts")}</a></p>
        <h1>{t("Templat Pakta Integritas", "Integrity Pact template")}</h1>
        {move || saved().then(|| view! { <div class="alert alert-info" role="status">{t("Versi templat baru tersimpan.", "New template version saved.")}</div> })}
        <Suspense fallback=Loading>
            {move || template.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(tpl) => {
                    let in_force = if is_en() {
                        format!("Version {} in force since {}.", tpl.version, date(tpl.effective_from))
                    } else {
                        format!("Versi {} berlaku sejak {}.", tpl.version, date(tpl.effective_from))
                    };
                    view! {
                    <section class="card">
                        <p>{in_force}</p>
                        <ErrorBanner error/>
                        <ActionForm action=save attr:class="template-form">
                            <TextField label=t("Judul", "Title") name="title" value=tpl.title.clone() error=err("title") required=true/>
                            <div class="field">
                                <label for="body">{t("Butir pakta integritas (satu butir per baris)", "Integrity pact points (one per line)")}</label>
                                <textarea id="body" name="body" rows="12" aria-describedby="body-error">{tpl.body.clone()}</textarea>
                                <FieldError name="body" error=err("body")/>
                            </div>
                            <TextField label=t("Berlaku mulai", "In force from") name="effective_from" kind="date"
                                value=tpl.effective_from.to_string() error=err("effective_from") required=true/>
                            <button type="submit" class="button-primary">{t("Simpan sebagai versi baru", "Save as a new version")}</button>
                        </ActionForm>
                    </section>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}
