//! `/admin/pakta/templat`: the Pakta Integritas text in force, and a form for a new version.
//! Pacts already made keep the text they were made with.
use crate::api::pacts::{get_pact_template, SavePactTemplate};
use crate::components::feedback::{ErrorBanner, LoadError, Loading};
use crate::components::form::{FieldError, TextField};
use crate::format::date_id;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PactTemplatePage() -> impl IntoView {
    let save = ServerAction::<SavePactTemplate>::new();
    let query = use_query_map();
    let template = Resource::new(move || save.version().get(), |_| get_pact_template());
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let err = move |f: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(f)));
    let saved = move || query.read().get("disimpan").is_some() || matches!(save.value().get(), Some(Ok(())));
    view! {
        <Title text="Templat pakta integritas"/>
        <p><a href="/admin/pakta">"‹ Daftar pakta"</a></p>
        <h1>"Templat Pakta Integritas"</h1>
        {move || saved().then(|| view! { <div class="alert alert-info" role="status">"Versi templat baru tersimpan."</div> })}
        <Suspense fallback=Loading>
            {move || template.get().map(|r| match r {
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(t) => view! {
                    <section class="card">
                        <p>{format!("Versi {} berlaku sejak {}.", t.version, date_id(t.effective_from))}</p>
                        <ErrorBanner error/>
                        <ActionForm action=save attr:class="template-form">
                            <TextField label="Judul" name="title" value=t.title.clone() error=err("title") required=true/>
                            <div class="field">
                                <label for="body">"Butir pakta integritas (satu butir per baris)"</label>
                                <textarea id="body" name="body" rows="12" aria-describedby="body-error">{t.body.clone()}</textarea>
                                <FieldError name="body" error=err("body")/>
                            </div>
                            <TextField label="Berlaku mulai" name="effective_from" kind="date"
                                value=t.effective_from.to_string() error=err("effective_from") required=true/>
                            <button type="submit" class="button-primary">"Simpan sebagai versi baru"</button>
                        </ActionForm>
                    </section>
                }.into_any(),
            })}
        </Suspense>
    }
}
