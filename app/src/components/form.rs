//! Form fields with their error message beside them.
use leptos::prelude::*;

/// A labelled `<input>` whose server error appears right below it. The input is uncontrolled:
/// after a failed save it keeps what the user typed.
#[component]
pub fn TextField(
    label: &'static str,
    /// Both the form field's name and the element id.
    name: &'static str,
    #[prop(into)] value: String,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let error_id = format!("{name}-error");
    let hint_id = format!("{name}-hint");
    let described_by = if hint.is_some() { format!("{hint_id} {error_id}") } else { error_id.clone() };
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <input
                id=name
                name=name
                type=kind
                value=value
                inputmode=inputmode
                aria-required=required.then_some("true")
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by
            />
            {hint.map(|h| view! { <p id=hint_id class="field-hint">{h}</p> })}
            <p id=error_id class="field-error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// The error line for a field that is not a plain input (a `<select>`).
#[component]
pub fn FieldError(name: &'static str, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    view! { <p id=format!("{name}-error") class="field-error" aria-live="polite">{move || error.get()}</p> }
}

/// The size limits of a CSV import, as its form states them.
pub fn import_limits(max_rows: usize, max_bytes: usize) -> String {
    let rows = crate::format::group_thousands(max_rows as i64);
    let kb = max_bytes / 1024;
    if crate::i18n::is_en() {
        format!("At most {rows} rows and {kb} KB.")
    } else {
        format!("Paling banyak {rows} baris dan {kb} KB.")
    }
}
