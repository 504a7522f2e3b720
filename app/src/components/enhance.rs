//! Controls that only work with the wasm running are shown only once it runs (issue 15): until
//! then, and with JavaScript off, the page offers what plain HTML can do (a password field
//! without a show button, the latest month) rather than a button that does nothing.
use leptos::prelude::*;

/// True once this island has hydrated in the browser; always false in the server's HTML.
pub fn hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    // Effects run only in the browser, after hydration.
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}

/// The page's last island. Islands hydrate one after another in document order, so once this
/// one runs every island of the page has: it says so on `<html data-hydrated>` (what the browser
/// tests wait for). And going back to a page shows it as it is now: pages are plain documents,
/// and the browser may restore one from its back-forward cache as it was left (the closing page
/// would still list the rating just given on the sheet it links to), so such a page is loaded
/// anew.
#[island]
pub fn PageReady() -> impl IntoView {
    // Effects run only in the browser.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("data-hydrated", "");
            }
            let handle = window_event_listener(leptos::ev::pageshow, |ev| {
                if ev.persisted() {
                    let _ = window().location().reload();
                }
            });
            // For the page's whole life.
            std::mem::forget(handle);
        }
    });
}
