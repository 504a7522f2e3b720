use crate::error::AppError;
use leptos::prelude::*;

/// An error that belongs to no single field, announced to screen readers.
#[component]
pub fn ErrorBanner(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().filter(|e| e.is_general()).map(|e| {
            view! { <div class="alert alert-error" role="alert">{e.user_message()}</div> }
        })
    }
}

/// Shown while a page's data loads.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{crate::i18n::t("Memuat…", "Loading…")}</p> }
}

/// What a page shows when its data could not be loaded.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    view! { <div class="alert alert-error" role="alert">{error.user_message()}</div> }
}
