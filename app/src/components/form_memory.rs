//! Forms keep what was typed after a refused save, with or without an island around them.
//!
//! Most forms are plain HTML (issue 15): they post to their server function, which sends the
//! browser back to the page, with the error in the link when the save was refused. The page is
//! rendered anew from the stored data, so what the user had typed would be gone. This island
//! remembers each posted form's fields in the tab's `sessionStorage` when it is submitted and,
//! when the page comes back with that form's error, puts them back (announcing each change with
//! `input` and `change` events, so an island's own state follows). Passwords, files and hidden fields are
//! never kept; any other page load forgets what was kept.
//!
//! It also guards unsaved work (issue 16): a form that posts to the server and has been typed
//! into since it was last sent is marked `data-unsaved`, and leaving the page while one is asks
//! first (the browser's own "leave site?" prompt). Forms with a password field (signing in,
//! signing a pact) hold nothing to lose and are not guarded.
use leptos::prelude::*;

#[island]
pub fn FormMemory() -> impl IntoView {
    // Effects run only in the browser, once the island has hydrated.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::install();
    });
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    use leptos::web_sys::{
        window, BeforeUnloadEvent, Element, Event, EventInit, HtmlFormElement, HtmlInputElement,
        HtmlSelectElement, HtmlTextAreaElement, Storage, UrlSearchParams,
    };

    const PREFIX: &str = "pakta:isian:";

    fn storage() -> Option<Storage> {
        window()?.session_storage().ok().flatten()
    }

    /// The fields worth keeping: what the user typed or chose.
    fn kept(el: &Element) -> Option<(String, String)> {
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            let kind = input.type_();
            if input.name().is_empty() || input.disabled() {
                return None;
            }
            return match kind.as_str() {
                "hidden" | "password" | "file" | "submit" | "button" | "reset" | "image" => None,
                "checkbox" | "radio" => input.checked().then(|| (input.name(), input.value())),
                _ => Some((input.name(), input.value())),
            };
        }
        if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
            return (!area.name().is_empty() && !area.disabled()).then(|| (area.name(), area.value()));
        }
        if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
            return (!select.name().is_empty() && !select.disabled())
                .then(|| (select.name(), select.value()));
        }
        None
    }

    fn fields(form: &HtmlFormElement) -> Vec<(String, String)> {
        let Ok(list) = form.query_selector_all("input, textarea, select") else { return Vec::new() };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .filter_map(|el| kept(&el))
            .collect()
    }

    /// A form that saves to the server (its action is a server function, posted).
    fn saving_form(form: &HtmlFormElement) -> bool {
        form.get_attribute("action").unwrap_or_default().starts_with("/api/")
            && form.method().to_lowercase() == "post"
    }

    const UNSAVED: &str = "data-unsaved";

    /// Typing into a saving form marks it unsaved.
    fn mark(ev: Event) {
        let Some(el) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let form = el.closest("form").ok().flatten().and_then(|f| f.dyn_into::<HtmlFormElement>().ok());
        let Some(form) = form else { return };
        let has_password = form.query_selector("input[type=password]").ok().flatten().is_some();
        if saving_form(&form) && !has_password {
            let _ = form.set_attribute(UNSAVED, "");
        }
    }

    /// Leaving the page with an unsaved form asks first.
    fn guard(ev: Event) {
        let doc = window().and_then(|w| w.document());
        let unsaved = doc.and_then(|d| d.query_selector(&format!("form[{UNSAVED}]")).ok().flatten());
        if unsaved.is_some() {
            ev.prevent_default();
            if let Some(ev) = ev.dyn_ref::<BeforeUnloadEvent>() {
                // Older browsers show the prompt only when a return value is set.
                ev.set_return_value("unsaved");
            }
        }
    }

    fn remember(ev: Event) {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        if !saving_form(&form) {
            return;
        }
        // Sent: what happens next is the answer's to say (a refused save shows its errors).
        let _ = form.remove_attribute(UNSAVED);
        let action = form.get_attribute("action").unwrap_or_default();
        if let (Some(store), Ok(text)) = (storage(), serde_json::to_string(&fields(&form))) {
            let _ = store.set_item(&format!("{PREFIX}{action}"), &text);
        }
    }

    fn put_back(form: &HtmlFormElement, saved: Vec<(String, String)>) {
        // What comes back was refused, so it is still unsaved.
        let _ = form.set_attribute(UNSAVED, "");
        let event = |kind: &str| {
            let init = EventInit::new();
            init.set_bubbles(true);
            Event::new_with_event_init_dict(kind, &init).ok()
        };
        for (name, value) in saved {
            let selector = format!("[name=\"{}\"]", name.replace('\\', "\\\\").replace('"', "\\\""));
            let Ok(list) = form.query_selector_all(&selector) else { continue };
            for i in 0..list.length() {
                let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
                if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                    match input.type_().as_str() {
                        "hidden" | "password" | "file" => continue,
                        "checkbox" | "radio" => input.set_checked(input.value() == value),
                        _ => input.set_value(&value),
                    }
                } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                    area.set_value(&value);
                } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
                    select.set_value(&value);
                } else {
                    continue;
                }
                for ev in [event("input"), event("change")].into_iter().flatten() {
                    let _ = el.dispatch_event(&ev);
                }
            }
        }
    }

    /// Puts back what the refused form held, and forgets everything else that was kept.
    fn restore() {
        let Some(store) = storage() else { return };
        let search = window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        let params = UrlSearchParams::new_with_str(&search).ok();
        let refused = params.filter(|p| p.get("__err").is_some()).and_then(|p| p.get("__path"));
        if let Some(path) = refused {
            let key = format!("{PREFIX}{path}");
            let saved: Option<Vec<(String, String)>> =
                store.get_item(&key).ok().flatten().and_then(|t| serde_json::from_str(&t).ok());
            if let (Some(saved), Some(doc)) = (saved, window().and_then(|w| w.document())) {
                let selector = format!("form[action=\"{}\"]", path.replace('"', ""));
                if let Some(form) =
                    doc.query_selector(&selector).ok().flatten().and_then(|f| f.dyn_into().ok())
                {
                    put_back(&form, saved);
                }
            }
        }
        let len = store.length().unwrap_or(0);
        let keys: Vec<String> = (0..len).filter_map(|i| store.key(i).ok().flatten()).collect();
        for key in keys.into_iter().filter(|k| k.starts_with(PREFIX)) {
            let _ = store.remove_item(&key);
        }
    }

    pub fn install() {
        restore();
        let Some(doc) = window().and_then(|w| w.document()) else { return };
        let on_submit = Closure::<dyn Fn(Event)>::new(remember);
        // Capturing, on the document: every form of the page, whatever island renders it.
        let _ =
            doc.add_event_listener_with_callback_and_bool("submit", on_submit.as_ref().unchecked_ref(), true);
        on_submit.forget();
        let on_input = Closure::<dyn Fn(Event)>::new(mark);
        for kind in ["input", "change"] {
            let _ =
                doc.add_event_listener_with_callback_and_bool(kind, on_input.as_ref().unchecked_ref(), true);
        }
        on_input.forget();
        let on_leave = Closure::<dyn Fn(Event)>::new(guard);
        if let Some(w) = window() {
            let _ = w.add_event_listener_with_callback("beforeunload", on_leave.as_ref().unchecked_ref());
        }
        on_leave.forget();
    }
}
