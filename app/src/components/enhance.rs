//! Controls that only work with the wasm running are shown only once it runs (issue 15): until
//! then, and with JavaScript off, the page offers what plain HTML can do (the whole menu, a
//! password field without a show button) rather than a button that does nothing.
use leptos::prelude::*;

/// True once this page has hydrated in the browser; always false in the server's HTML.
pub fn hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    // Effects run only in the browser, after hydration.
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}
